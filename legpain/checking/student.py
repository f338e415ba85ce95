"""The check API students call: ``check("q0_1", answer)`` right after an answer, ``check_all()`` at the end.

Both go through the same two steps the grader uses (capture as plain data, then judge; see
:mod:`legpain.checking.questions` and :mod:`legpain.checking.scoring`), so the score a student sees from the checks they can see is
the public score the grader computes for the same notebook.
"""

from __future__ import annotations

import re
from typing import Any, Mapping, Sequence

from . import bank, feedback, scoring
from ..ui.display import show_bundle as _show
from .questions import Case, Result

__all__ = ["check", "check_all", "evaluate", "hidden_tests", "label", "recorded_answers", "collect_answers"]

# the last answer checked for each question id in this kernel: {qid: the live object}
_ANSWERS: dict[str, Any] = {}

# a note in the theme's own text colour, marked by a coloured edge and tint (coloured text would be too faint on a
# white page, or on the dark theme's background: WCAG contrast in both)
_NOTE_STYLE = "border-left:6px solid {colour};background:{colour}1f;color:inherit;padding:0.3em 0.7em"


def label(qid: str) -> str:
    """'q2_1' -> 'Exercise 2.1', 'c2_1' -> 'Check 2.1'."""
    m = re.fullmatch(r"([qc])(\d+)_(\d+)", qid)
    if not m:
        return qid
    return f"{'Exercise' if m.group(1) == 'q' else 'Check'} {m.group(2)}.{m.group(3)}"


def evaluate(qid: str, answer: Any) -> Result:
    """Judge ``answer`` for question ``qid`` and return the :class:`Result` (no display). For tests and tools."""
    q = bank.question(qid)
    return q.judge(q.capture(answer))


def check(qid: str, answer: Any = ...) -> None:
    """Check one answer and show kind, specific feedback. Never shows the expected answer.

    ``answer`` is the value (or the function) you wrote for question ``qid``. A placeholder ``...`` or a function
    that still raises ``NotImplementedError`` is reported as "not answered yet".
    """
    try:
        q = bank.question(qid)
    except bank.UnknownQuestion as exc:
        msg = f"Cannot check: {exc}. Copy the id from the line under the exercise."
        _show(f"<div style='{_NOTE_STYLE.format(colour='#D55E00')}'>⚠ {msg}</div>", "⚠ " + msg)
        return None
    _ANSWERS[q.qid] = answer
    res = q.judge(q.capture(answer))
    _show(feedback.to_html(res, label(q.qid)), feedback.to_text(res, label(q.qid)))
    if _strict() and q.qid.startswith("c") and res.status not in ("correct", "unanswered"):
        # a lesson that shows a model answer must pass its own check: under the test suite this fails the run
        raise AssertionError(f"{label(q.qid)} rejects the answer given in the lesson: {res.message}")
    return None


def _strict() -> bool:
    """LEGPAIN_STRICT=1 (set by the test suite's conftest.py): a lesson check that rejects its answer raises."""
    import os

    return os.environ.get("LEGPAIN_STRICT", "") not in ("", "0")


def recorded_answers() -> dict[str, Any]:
    """A copy of the answers checked so far in this kernel, by question id."""
    return dict(_ANSWERS)


def _answer_for(q, namespace: Mapping[str, Any] | None, recorded: Mapping[str, Any]) -> Any:
    if q.qid in recorded:
        return recorded[q.qid]
    if namespace is not None and q.var and q.var in namespace:
        return namespace[q.var]
    return ...


def collect_answers(
    slug: str,
    namespace: Mapping[str, Any] | None = None,
    recorded: Mapping[str, Any] | None = None,
    hidden_inputs: Mapping[str, Sequence[tuple]] | None = None,
) -> dict[str, dict]:
    """Capture every exercise answer of a set as plain data, where the answers live (the student's kernel).

    An answer is the one last passed to ``check()``; failing that, the exercise's variable in ``namespace``.
    Functions are also run on ``hidden_inputs`` (inputs only: the expected outputs never enter the kernel).
    """
    a = bank.assignment(slug)
    recorded = _ANSWERS if recorded is None else recorded
    hidden_inputs = hidden_inputs or {}
    out = {}
    for q in a.exercises:
        answer = _answer_for(q, namespace, recorded)
        out[q.qid] = q.capture(answer, hidden_inputs.get(q.qid, ()))
    return out


def _user_namespace() -> Mapping[str, Any] | None:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return None
    ip = get_ipython()
    return ip.user_ns if ip is not None else None


def check_all(slug: str | None = None) -> scoring.Report:
    """Show the score from the checks you can see, for every exercise of a set, and return the report.

    With no argument, the set is the one whose exercises you checked last.
    """
    if slug is None:
        numbers = [int(m.group(1)) for qid in _ANSWERS if (m := re.fullmatch(r"q(\d+)_\d+", qid))]
        if not numbers:
            msg = "Nothing checked yet: run your exercise cells first, or name the set, e.g. check_all('00-start-here')."
            _show(f"<div>… {msg}</div>", "… " + msg)
            return scoring.Report("", [], public=True)
        slug = bank.assignment(numbers[-1]).slug
    captured = collect_answers(slug, _user_namespace())
    report = scoring.judge_set(slug, captured, public=True)
    rows = [(label(r.qid), r) for r in report.results]
    _show(feedback.table_html(rows, report.summary()), feedback.table_text(rows, report.summary()))
    return report


def hidden_tests(qid: str, cases: Sequence[tuple]) -> None:
    """Hidden cases for a function exercise. Written only in solution notebooks, between
    ``### BEGIN HIDDEN TESTS`` and ``### END HIDDEN TESTS``; the exercise generator removes them.

    ``cases`` is a list of ``(args, expected)`` pairs of plain data. In a solution notebook this runs them on the
    answer last checked, so the instructor sees that the model solution passes; the grader reads the same
    cases from the notebook's source.
    """
    q = bank.question(qid)
    parsed = [Case(tuple(args), expected) for args, expected in cases]
    if q.qid not in _ANSWERS:
        msg = f"{label(q.qid)}: hidden tests found, but no answer was checked yet (run the check cell first)."
        _show(f"<div>⚠ {msg}</div>", "⚠ " + msg)
        return None
    res = q.judge(q.capture(_ANSWERS[q.qid], [c.args for c in parsed]), parsed)
    msg = f"{label(q.qid)} (instructor view): {res.hidden_passed} of {res.hidden_total} hidden checks pass."
    ok = res.hidden_passed == res.hidden_total
    _show(f"<div style='{_NOTE_STYLE.format(colour='#009E73' if ok else '#D55E00')}'>{'✔' if ok else '✘'} {msg}</div>",
          msg)
    return None
