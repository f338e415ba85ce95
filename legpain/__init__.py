"""legpain: the helper package of the course "Back-Related Leg Pain — from Anatomy to Evidence".

Importing it is quick; figures and widgets load matplotlib and ipywidgets only when used. Its one side effect is
inside IPython only: a NameError in an answer cell (``answer = b``) gets a course message under the traceback
(:mod:`legpain.checks`).

In a lesson or exercise notebook::

    from legpain import *          # check, check_all, demo, show_source, ...
"""

from __future__ import annotations

from importlib import import_module

__version__ = "0.1.0"

from .checks import check, check_all, evaluate, hidden_tests  # noqa: E402

# name -> module that defines it, imported on first use
_LAZY = {
    "demo": "widgets",
    "slider": "widgets",
    "int_slider": "widgets",
    "menu": "widgets",
    "show_source": "sources",
    "list_sources": "sources",
    "show_practice": "practice",
    "percent_improvement_figure": "figures",
    "progress": "student_progress",
}

# Topic modules a lesson reaches as ``anatomy.draw_column()`` after ``from legpain import *``: every module of
# the package except the machinery below. A new topic module needs no registration here.
_MACHINERY = {"answers", "assign", "bank", "checks", "collect", "course", "display", "feedback", "grading",
              "notebooks", "questions", "scoring", "site", "student_progress"}


def _topics() -> list[str]:
    import pkgutil

    return sorted(m.name for m in pkgutil.iter_modules(__path__)
                  if not m.name.startswith("_") and m.name not in _MACHINERY)


__all__ = ["check", "check_all", "evaluate", "hidden_tests", *_LAZY, *_topics()]


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    if name in _topics():
        return import_module(f".{name}", __name__)
    raise AttributeError(f"module 'legpain' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY) | set(_topics()))
