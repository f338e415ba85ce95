"""The check API students call: ``check("q0_1", answer)`` right after an answer, ``check_all()`` at the end.

Both go through the same two steps the grader uses (capture as plain data, then judge; see
:mod:`legpain.checking.questions` and :mod:`legpain.checking.scoring`), so the score a student sees from the checks they can see is
the public score the grader computes for the same notebook.

One thing happens on import, and only inside IPython (a notebook's kernel, whose setup cell runs
``from legpain import *``): a NameError raised by an answer cell (a cell that calls ``check``), as ``answer = b``
raises for a letter written without quotes, gets a course message under its usual traceback (see
:func:`name_error_advice`). The error is still shown and still stops the cell; other errors are not touched.
"""

from __future__ import annotations

import builtins
import keyword
import linecache
import re
import tokenize
from io import StringIO
from typing import Any, Mapping, Sequence

from . import bank, feedback, scoring
from .bank import label
from ..ui.display import show_bundle as _show
from .questions import Case, Result
from .variants import ask, for_student

__all__ = ["check", "check_all", "evaluate", "hidden_tests", "label", "recorded_answers", "collect_answers", "ask",
           "reveal"]

# the last answer checked for each question id in this kernel: {qid: the live object}
_ANSWERS: dict[str, Any] = {}

# a note in the theme's own text colour, marked by a coloured edge and tint (coloured text would be too faint on a
# white page, or on the dark theme's background: WCAG contrast in both)
_NOTE_STYLE = "border-left:6px solid {colour};background:{colour}1f;color:inherit;padding:0.3em 0.7em"


def evaluate(qid: str, answer: Any) -> Result:
    """Judge ``answer`` for question ``qid`` and return the :class:`Result` (no display). For tests and tools."""
    q = for_student(bank.question(qid))
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
    q = for_student(q)  # a variant question: this student's numbers (see legpain.checking.variants)
    res = q.judge(q.capture(answer))
    _show(feedback.to_html(res, label(q.qid)), feedback.to_text(res, label(q.qid)))
    if _strict() and q.qid.startswith("c") and res.status not in ("correct", "unanswered", "predicted"):
        # a lesson that shows a model answer must pass its own check: under the test suite this fails the run
        raise AssertionError(f"{label(q.qid)} rejects the answer given in the lesson: {res.message}")
    return None


def reveal(qid: str) -> None:
    """After a demo: the prediction recorded with ``check(qid, ...)`` above it, beside what the demo showed, and only
    then whether the two agree (with the reason when they do not). A prediction that was never recorded is said so,
    and what happened is still shown."""
    try:
        q = bank.question(qid)
    except bank.UnknownQuestion as exc:
        msg = f"Cannot reveal: {exc}."
        _show(f"<div style='color:#D55E00'>⚠ {msg}</div>", "⚠ " + msg)
        return None
    if getattr(q, "kind", "") != "prediction":
        msg = f"{label(q.qid)} is not a prediction: use check() for it."
        _show(f"<div style='color:#D55E00'>⚠ {msg}</div>", "⚠ " + msg)
        return None
    answer = _ANSWERS.get(q.qid, ...)
    letter, agrees, verdict = q.outcome_of(answer if isinstance(answer, str) else None)
    predicted = q.words(letter) if letter else f"nothing yet (run the cell of {label(q.qid)} above the demo)"
    _show(feedback.reveal_html(label(q.qid), predicted, q.outcome, verdict, agrees),
          feedback.reveal_text(label(q.qid), predicted, q.outcome, verdict, agrees))
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
    summary = graded_summary(report) if bank.assignment(slug).graded else report.summary()
    _show(feedback.table_html(rows, summary), feedback.table_text(rows, summary))
    return report


def graded_summary(report: scoring.Report) -> str:
    """check_all()'s last line for a graded set of a class edition: what is recorded and what is missing."""
    from .sealed import GRADED_NOTE

    done = [r for r in report.results if r.status == "recorded"]
    missing = [label(r.qid) for r in report.results if r.status == "unanswered"]
    bad = [label(r.qid) for r in report.results if r.status not in ("recorded", "unanswered")]
    parts = [f"Recorded: {len(done)} of {len(report.results)} answers."]
    if missing:
        parts.append("Missing: " + ", ".join(missing) + ".")
    if bad:
        parts.append("Not in the form asked for: " + ", ".join(bad) + ".")
    return " ".join(parts + [GRADED_NOTE])


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


# ---- a letter or word without quotes (issue 28) -----------------------------------------------------------------

_CHECK_CALL = re.compile(r"\bcheck\s*\(")


def _quote_undefined(line: str, namespace: Mapping[str, Any]) -> str:
    """``line`` with every bare name that is not defined (not in ``namespace``, not a builtin or keyword, not an
    attribute or a keyword argument) put in quotes: ``urgent = [a, c]`` -> ``urgent = ["a", "c"]``."""
    try:
        tokens = list(tokenize.generate_tokens(StringIO(line).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return line
    spans = []
    for i, tok in enumerate(tokens):
        if tok.type != tokenize.NAME or keyword.iskeyword(tok.string) or tok.string in namespace \
                or hasattr(builtins, tok.string):
            continue
        before = tokens[i - 1].string if i else ""
        after = tokens[i + 1].string if i + 1 < len(tokens) else ""
        if before == "." or after in ("=", "(", ".", "["):
            continue  # an attribute, an assignment target or keyword argument, a call, or a name being used
        spans.append((tok.start[1], tok.end[1], tok.string))
    for start, end, name in reversed(spans):
        line = line[:start] + f'"{name}"' + line[end:]
    return line


def name_error_advice(exc: BaseException, tb, namespace: Mapping[str, Any] | None = None) -> str:
    """The course's message for a NameError raised in an answer cell, or "" when it is not one.

    An answer cell is a cell that calls ``check(...)``; the error must come from the cell's own lines (not from a
    function it calls). For a single letter the message shows the line with the letter in quotes; for a word it
    also says what to do when the word is a name from an earlier cell that has not been run.
    """
    name = getattr(exc, "name", None)
    if not name:
        m = re.search(r"name '(\w+)' is not defined", str(exc))
        name = m.group(1) if m else ""
    if not isinstance(exc, NameError) or not name or tb is None:
        return ""
    while tb.tb_next is not None:
        tb = tb.tb_next
    code = tb.tb_frame.f_code
    if code.co_name != "<module>":
        return ""
    lines = linecache.getlines(code.co_filename)
    if not lines or not _CHECK_CALL.search("".join(lines)):
        return ""
    line = lines[tb.tb_lineno - 1].strip() if 0 < tb.tb_lineno <= len(lines) else ""
    fixed = _quote_undefined(line, namespace or {})
    example = f" {fixed}" if fixed != line else f' "{name}"'
    if len(name) == 1 and name.isalpha():
        return (f"Python reads {name} without quotes as the name of a variable, and there is no variable {name}. "
                f"To answer with the letter, put it in quotes:{example}")
    return (f"Python reads {name} without quotes as the name of a variable, and none is defined. If you meant the "
            f"text, put it in quotes:{example}. If {name} is a name from an earlier cell, run that cell first "
            "(Run → Run All Above Selected Cell).")


def _on_name_error(shell, etype, value, tb, tb_offset=None):
    """IPython's handler for a NameError: the usual traceback, then the course's message when it applies."""
    shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
    try:
        advice = name_error_advice(value, tb, getattr(shell, "user_ns", None))
    except Exception:  # noqa: BLE001 - advice must never hide the error itself
        advice = ""
    if advice:
        import html

        _show("<div role='note' style='border-left:6px solid #0072B2;padding:0.45em 0.8em;margin:0.3em 0;"
              "background:#0072B21f;color:inherit;border-radius:3px'><b>ℹ Course tip</b><br>"
              f"{html.escape(advice)}</div>", "ℹ Course tip: " + advice)
    return None


def _install_name_hint() -> None:
    """Register :func:`_on_name_error` with the running IPython shell, once; nothing outside IPython, nothing when
    another handler for custom exceptions is already there."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with the course
        return
    ip = get_ipython()
    if ip is None or getattr(ip, "custom_exceptions", ()):
        return
    ip.set_custom_exc((NameError,), _on_name_error)


_install_name_hint()

