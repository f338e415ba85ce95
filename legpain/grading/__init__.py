"""Grading a whole class: ``python -m legpain grade SUBMISSIONS --assignment NN-slug --out OUTDIR``.

Each submission runs in its own fresh process (forked from a clean, pre-warmed zygote: see
:mod:`legpain.grading.zygote`) with a time limit per cell and per notebook and a memory cap. Answers come back as
plain JSON data and are judged here, in the grader, by the same code as a student's ``check_all()``
(:func:`legpain.checking.scoring.judge_set`), with the hidden cases read from the solution notebook. Every input file gets
exactly one outcome in the gradebook: graded, or a row saying why not.

With a class edition (``--edition``, or ``class.edition`` in ``course.toml``), student code runs against the edition's
package, which holds no key of its graded sets, and the key is used only here, outside the sandbox, with this
package's full bank; each submission's variant questions are judged against the numbers of the student it belongs
to (its id from intake: the collected home's user name, or the id read from the file name), drawn with the edition's
salt (:mod:`legpain.checking.variants`).

The grader by module: ``grade`` (the run), ``submission`` (one submission read and judged), ``intake`` (finding the
submissions, LMS names in ``lms_names``), ``sandbox``, ``zygote``, ``runner`` (where student code runs),
``gradebook``, ``item_analysis``, ``pages`` and ``templates/`` (what the run writes), ``folders`` (output folders
opened safely), ``progress`` (a student's own ``progress()``).

May import: ``legpain.checking``, ``legpain.topics``, ``legpain.ui``, ``legpain.common``. Must not import authoring
or classroom.
"""

from __future__ import annotations

from .grade import GradeError, Summary, grade, run_public
from .submission import Outcome

# the module that used to hold the grader's core: tests and tools still read these names here
from .grade import _edition, _keep_best, _output_folder  # noqa: E402,F401
from .submission import BAD_SHAPE, _MAX_NOTES, _answer_cells, _judge, _read_submission  # noqa: E402,F401

__all__ = ["grade", "run_public", "GradeError", "Outcome", "Summary"]
