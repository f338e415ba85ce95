"""The student-facing check API: feedback output, unknown ids, check_all, and the hidden-test helper."""

import pytest

import legpain
from legpain.checking import bank, student as checks
from answer_probe import parse_probe_output, probe_source, ProbeError


@pytest.fixture(autouse=True)
def fresh_answers():
    checks._ANSWERS.clear()
    yield
    checks._ANSWERS.clear()


def test_check_prints_feedback_outside_jupyter(capsys):
    """Outside a kernel, check() prints a plain-text line with a symbol, the exercise label and the points."""
    legpain.check("q0_1", 192)
    out = capsys.readouterr().out
    assert out.startswith("✔ Exercise 0.1 — Correct (1 of 1 point)")
    legpain.check("q0_1", "192")
    assert "Remove the quotes" in capsys.readouterr().out


def test_check_unknown_id_is_a_message_not_a_traceback(capsys):
    """A mistyped question id gets a message saying what ids look like."""
    assert legpain.check("q0_99", 1) is None
    assert "no question 'q0_99'" in capsys.readouterr().out
    legpain.check("exercise 1", 1)
    assert "ids look like" in capsys.readouterr().out


def test_check_all_uses_checked_answers_and_variables(capsys):
    """check_all() scores every exercise of the set: checked answers first, then the exercise's variable."""
    legpain.check("q0_1", 192)
    legpain.check("q0_3", lambda b, f: 100 * (b - f) / b)
    capsys.readouterr()
    report = legpain.check_all()
    out = capsys.readouterr().out
    assert report.slug == "00-start-here"
    assert report.public_score == 3 and report.auto_max == 4
    assert "hidden from you" in out and "Graded by hand: 2 more points" in out


def test_check_all_with_nothing_checked(capsys):
    """With nothing checked and no set named, check_all() says what to do."""
    legpain.check_all()
    assert "Nothing checked yet" in capsys.readouterr().out


def test_collect_answers_falls_back_to_the_exercise_variable():
    """When a check() call is gone (a deleted cell), the answer is read from the exercise's variable."""
    captured = checks.collect_answers("00-start-here", namespace={"n_enrolled": 192, "ai_summary": "d"}, recorded={})
    assert captured["q0_1"] == {"state": "answered", "value": 192}
    assert captured["q0_3"] == {"state": "unanswered"}


def test_a_redefined_check_gains_nothing():
    """A student who replaces check() still only scores what their answers are worth."""
    captured = checks.collect_answers("00-start-here", namespace={"n_enrolled": 5, "check": lambda *a: True},
                                      recorded={})
    from legpain.checking.scoring import judge_set

    assert judge_set("00-start-here", captured).public_score == 0


def test_hidden_tests_helper_reports_instructor_view(capsys):
    """In a solution notebook, hidden_tests() runs the hidden cases on the checked answer and says how many pass."""
    legpain.check("q0_3", lambda b, f: 100 * (b - f) / b)
    capsys.readouterr()
    legpain.hidden_tests("q0_3", cases=[((10, 0), 100.0), ((6, 3), 50.0)])
    assert "2 of 2 hidden checks pass" in capsys.readouterr().out


def test_bank_lookups_and_labels():
    """Questions are found by id; assignment by stem, number or path; labels read like the notebook."""
    assert bank.question("q0_1").points == 1
    assert bank.assignment("00").slug == bank.assignment("exercises/00-start-here-exercises.ipynb").slug == \
        bank.assignment("exercises/00-start-here.ipynb").slug == bank.assignment("00-start-here-solutions").slug == \
        "00-start-here"  # the student copy's name, its name before issue 14, the solution's
    with pytest.raises(bank.UnknownAssignment, match="the course has"):
        bank.assignment("42-nope")
    assert checks.label("q2_10") == "Exercise 2.10" and checks.label("c1_3") == "Check 1.3"


def test_probe_round_trip_and_garbage():
    """The probe's JSON is read back from the last marker; missing or garbled output is a ProbeError."""
    src = probe_source("00-start-here", {"q0_3": [(10, 0)]})
    assert "hidden_inputs={'q0_3': [[10, 0]]}" in src
    assert parse_probe_output('junk<<<LEGPAIN-ANSWERS>>>{"q0_1": {"state": "unanswered"}}<<<END-LEGPAIN-ANSWERS>>>') \
        == {"q0_1": {"state": "unanswered"}}
    with pytest.raises(ProbeError):
        parse_probe_output("nothing here")
    with pytest.raises(ProbeError):
        parse_probe_output("<<<LEGPAIN-ANSWERS>>>{oops<<<END-LEGPAIN-ANSWERS>>>")


def test_strict_mode_makes_a_lesson_check_that_rejects_its_answer_raise(monkeypatch, capsys):
    """Under LEGPAIN_STRICT=1 (set by conftest.py for every test and nbval kernel) a lesson check (c...) that rejects
    the answer written in the lesson raises, so the notebook run fails; a placeholder, a right answer and an
    exercise check (q..., which graders and students run with wrong answers) never raise."""
    monkeypatch.setenv("LEGPAIN_STRICT", "1")
    with pytest.raises(AssertionError, match="Check 0.1 rejects the answer"):
        legpain.check("c0_1", "a")
    legpain.check("c0_1", "b")
    legpain.check("c0_1", ...)
    legpain.check("q0_1", 5)
    monkeypatch.setenv("LEGPAIN_STRICT", "0")
    legpain.check("c0_1", "a")
    assert "Not yet" in capsys.readouterr().out


def test_a_lesson_cell_with_a_rejected_model_answer_fails_its_notebook_run():
    """The kernel of a notebook run inherits LEGPAIN_STRICT from the test session: a cell that shows a model answer
    its check rejects ends in an error (what nbval reports as a failure); the right model answer runs clean."""
    import os

    import nbformat

    from helpers import errors, run_notebook

    assert os.environ.get("LEGPAIN_STRICT") == "1"
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("from legpain import *"),
                nbformat.v4.new_code_cell('folder = "a"\ncheck("c0_1", folder)')]
    assert any("AssertionError" in e for e in errors(run_notebook(nb)))
    nb.cells[1] = nbformat.v4.new_code_cell('folder = "b"\ncheck("c0_1", folder)')
    assert errors(run_notebook(nb)) == []


def test_a_bare_letter_or_word_in_an_answer_cell_gets_a_course_message_in_a_real_kernel():
    """Issue 28: `answer = b` (a letter without quotes) in an exercise notebook raises NameError; after the exercise
    notebook's own setup cell (`from legpain import *`), the kernel shows the NameError as usual (the cell still
    fails, so Run All stops there) and then a course message with the line in quotes. A word gets the same, plus what
    to do when it is a name from an unrun cell. A NameError outside an answer cell, and any other error in one, are
    shown exactly as before, with no message."""
    import nbformat

    from legpain.common import notebooks
    from legpain.common.layout import set_files

    from helpers import run_notebook

    exercise = notebooks.read(set_files("02-nerve-roots-and-leg-pain").exercise)
    setup = next(c for c in exercise.cells if c.cell_type == "code")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(setup.source)]
    sources = ['answer = b\ncheck("q2_1", answer)',
               'urgent = [a, c, d]\ncheck("c2_27", urgent)',
               'verdict = accurate\ncheck("q2_1", verdict)',
               'print(not_defined_anywhere)',
               'answer = 1 / 0\ncheck("q2_1", answer)',
               'def f():\n    return missing_name\n\ncheck("q2_1", f())',
               'check("q2_1", "b")']
    out = run_notebook(nb, timeout=60, extra_cells=sources)
    cells = out.cells[1:]

    def errors_of(cell):
        return [(o.ename, o.evalue) for o in cell.outputs if o.output_type == "error"]

    def tips(cell):
        return [o.data.get("text/plain", "") for o in cell.outputs
                if o.output_type == "display_data" and "Course tip" in o.data.get("text/plain", "")]

    assert errors_of(cells[0]) == [("NameError", "name 'b' is not defined")]
    assert tips(cells[0]) == ["ℹ Course tip: Python reads b without quotes as the name of a variable, and there is no "
                              'variable b. To answer with the letter, put it in quotes: answer = "b"']
    assert [o.output_type for o in cells[0].outputs] == ["error", "display_data"]
    assert tips(cells[1]) and 'urgent = ["a", "c", "d"]' in tips(cells[1])[0]
    assert tips(cells[2]) and 'verdict = "accurate"' in tips(cells[2])[0] and "earlier cell" in tips(cells[2])[0]
    assert errors_of(cells[3]) == [("NameError", "name 'not_defined_anywhere' is not defined")] and not tips(cells[3])
    assert errors_of(cells[4])[0][0] == "ZeroDivisionError" and not tips(cells[4])
    assert errors_of(cells[5])[0][0] == "NameError" and not tips(cells[5])  # raised inside a function
    assert not errors_of(cells[6]) and "Exercise 2.1" in cells[6].outputs[0].data["text/plain"]


def test_name_error_advice_outside_a_kernel():
    """The advice is made only for a NameError raised by the lines of a cell that calls check(); importing the
    package outside IPython installs nothing."""
    import linecache

    from IPython import get_ipython

    assert get_ipython() is None or not get_ipython().custom_exceptions

    def advice_for(source: str, filename: str) -> str:
        """Run a cell's source as IPython does (its lines in linecache) and return the advice for its error."""
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        try:
            exec(compile(source, filename, "exec"), {"check": lambda *a: None})
        except Exception as exc:  # noqa: BLE001
            return checks.name_error_advice(exc, exc.__traceback__, {"check": 1})
        finally:
            linecache.cache.pop(filename, None)
        return "no error"

    assert advice_for('answer = b\ncheck("q2_1", answer)\n', "<cell-1>").endswith('put it in quotes: answer = "b"')
    assert advice_for("answer = b\n", "<cell-2>") == ""  # not an answer cell
    assert advice_for('x = 1 / 0\ncheck("q2_1", x)\n', "<cell-3>") == ""  # not a NameError
