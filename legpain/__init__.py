"""legpain: the helper package of the course "Back-Related Leg Pain — from Anatomy to Evidence".

Its one side effect is inside IPython only: a NameError in an answer cell (``answer = b``) gets a course message
under the traceback (:mod:`legpain.checking.student`).

In a lesson or exercise notebook::

    from legpain import *          # check, check_all, demo, show_source, ... and the topic modules

What is in it, by folder (each subpackage's docstring says what it holds and what it may import):

- ``topics/``     lesson content: anatomy, nerve roots, the trial, allocation, results, statistics, RoB 2,
                  CONSORT, the sources and their appraisal — figures, demos' pure functions, facts with sources
- ``checking/``   the exercises' machinery: question kinds, answer capture, ``check()``/``check_all()``, scoring,
                  feedback, and the question bank (one module per exercise set)
- ``ui/``         what a student sees: demos and their browser side, display helpers, the course's figure style
- ``grading/``    the class grader: intake, sandbox, runner, item analysis, gradebook, pages; ``progress()``
- ``authoring/``  instructor build tools: student copies from solutions, README/navigation sync, static site,
                  objectives
- ``classroom/``  the JupyterHub round trip (hand out, collect, return) and LMS import files
- ``common/``     notebook reading, the course's file layout, text and CSV safety: imports nothing above it

Imports run one way — ``classroom`` > ``grading`` | ``authoring`` > ``checking`` > ``topics`` > ``ui`` >
``common`` — and ``tests/test_layers.py`` holds it (contracts in ``pyproject.toml``).

Importing the package loads only the student's checking API; topic modules load on first use (a star import loads
the topics, and nothing of the grader, the classroom tools or the server extension).
"""

from __future__ import annotations

from importlib import import_module

__version__ = "0.1.0"

from . import _compat  # noqa: E402  (old module paths such as legpain.roots keep importing, with a warning)
from .checking.student import check, check_all, evaluate, hidden_tests, reveal  # noqa: E402

#: The topic modules a notebook reaches after ``from legpain import *`` (``anatomy.draw_column()``): named here,
#: one by one. A new topic module is added to this list.
TOPICS = ("start_here", "anatomy", "nerve_roots", "trial", "consort", "allocation", "trial_results", "stats",
          "rob2", "sources", "appraisal", "practice")

#: Names that notebooks saved before the third edition use for two renamed topics. Kept for one release: the
#: second edition's ``roots`` is ``nerve_roots`` and its ``results`` is ``trial_results``.
_RENAMED_TOPICS = {"roots": "nerve_roots", "results": "trial_results"}

# name -> module that defines it, imported on first use
_LAZY = {
    "ask": "checking.variants",
    "set_student": "checking.identity",
    "demo": "ui.demos",
    "slider": "ui.demos",
    "int_slider": "ui.demos",
    "menu": "ui.demos",
    "show_source": "topics.sources",
    "list_sources": "topics.sources",
    "show_practice": "topics.practice",
    "percent_improvement_figure": "topics.start_here",
}

__all__ = ["check", "check_all", "evaluate", "hidden_tests", "reveal", "progress", *_LAZY, *TOPICS, *_RENAMED_TOPICS]


def progress(*args, **kwargs):
    """How many checks pass in each of your saved exercise notebooks, by the grader's own public path (see
    :func:`legpain.grading.progress.progress`). The grader loads only when you call this."""
    from .grading.progress import progress as run

    return run(*args, **kwargs)


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
    elif name in TOPICS:
        value = import_module(f".topics.{name}", __name__)
    elif name in _RENAMED_TOPICS:
        value = import_module(f".topics.{_RENAMED_TOPICS[name]}", __name__)
    else:
        raise AttributeError(f"module 'legpain' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))
