"""The check API (legpain.checking.student): exact messages, what is recorded, which answer is collected, strict mode.

Fast unit tests written against the survivors of tools/mutation.py: each pins one behaviour exactly."""

import pytest

from legpain.checking import bank, student as checks, feedback


@pytest.fixture(autouse=True)
def shown(monkeypatch):
    """Every (html, text) pair check() and friends show, in order; a clean answer record."""
    out = []
    monkeypatch.setattr(checks, "_show", lambda html, text: out.append((html, text)))
    monkeypatch.delenv("LEGPAIN_STRICT", raising=False)
    checks._ANSWERS.clear()
    yield out
    checks._ANSWERS.clear()


def _note(colour: str, text: str) -> str:
    """A check's note as shown: the theme's text colour, marked by an edge and a tint of ``colour``."""
    style = f"border-left:6px solid {colour};background:{colour}1f;color:inherit;padding:0.3em 0.7em"
    return f"<div style='{style}'>{text}</div>"


def test_labels():
    """Exercise and Check labels from ids; anything else is returned unchanged."""
    assert checks.label("q12_3") == "Exercise 12.3" and checks.label("c0_10") == "Check 0.10"
    assert checks.label("x1_2") == "x1_2" and checks.label("q1_2b") == "q1_2b" and checks.label("q1") == "q1"


def test_evaluate_judges_without_showing(shown):
    """evaluate() returns the judgement of a captured answer and shows nothing."""
    res = checks.evaluate("q0_1", 192)
    assert res.status == "correct" and res.qid == "q0_1" and shown == []
    assert checks.evaluate("q0_1", ...).status == "unanswered"


def test_check_shows_the_feedback_and_records_the_live_answer(shown):
    """check() records the answer object itself (by its question id) and shows the feedback's html and text."""
    answer = [192]
    assert checks.check("q0_1", answer) is None
    assert checks.recorded_answers() == {"q0_1": answer} and checks.recorded_answers()["q0_1"] is answer
    res = checks.evaluate("q0_1", answer)
    assert shown == [(feedback.to_html(res, "Exercise 0.1"), feedback.to_text(res, "Exercise 0.1"))]
    copy = checks.recorded_answers()
    copy["x"] = 1
    assert "x" not in checks._ANSWERS
    checks.check("q0_1")
    assert checks._ANSWERS["q0_1"] is ...


def test_check_unknown_id_message(shown):
    """A mistyped id shows a message (html marked by the warning colour) and records nothing."""
    assert checks.check("q0_99", 1) is None
    with pytest.raises(bank.UnknownQuestion) as exc:
        bank.question("q0_99")
    msg = f"Cannot check: {exc.value}. Copy the id from the line under the exercise."
    assert str(exc.value).startswith("no question 'q0_99'")
    assert shown == [(_note("#D55E00", "⚠ " + msg), "⚠ " + msg)]
    assert checks._ANSWERS == {}


@pytest.mark.parametrize("value, strict", [(None, False), ("", False), ("0", False), ("1", True), ("yes", True)])
def test_strict_switch(monkeypatch, value, strict):
    """LEGPAIN_STRICT: unset, empty or 0 is off; anything else is on."""
    if value is not None:
        monkeypatch.setenv("LEGPAIN_STRICT", value)
    assert checks._strict() is strict


def test_strict_mode_raises_only_for_a_rejected_lesson_check(monkeypatch, shown):
    """Under strict mode a lesson check (c...) that does not accept its answer raises with the label and message;
    a right answer, a placeholder and any exercise (q...) answer do not."""
    monkeypatch.setenv("LEGPAIN_STRICT", "1")
    with pytest.raises(AssertionError) as exc:
        checks.check("c0_1", "a")
    res = checks.evaluate("c0_1", "a")
    assert str(exc.value) == f"Check 0.1 rejects the answer given in the lesson: {res.message}"
    with pytest.raises(AssertionError):
        checks.check("c0_1", 3)  # invalid is rejected too
    checks.check("c0_1", "b")
    checks.check("c0_1", ...)
    checks.check("q0_1", 5)
    checks.check("q0_1", "x")


def test_answer_for_prefers_the_recorded_answer():
    """The recorded answer wins; then the exercise's variable from the namespace; else the placeholder."""
    q = bank.question("q0_1")
    assert q.var
    assert checks._answer_for(q, {q.var: 1}, {"q0_1": 2}) == 2
    assert checks._answer_for(q, {q.var: 1}, {}) == 1
    assert checks._answer_for(q, {"other": 1}, {}) is ...
    assert checks._answer_for(q, None, {}) is ...
    q2 = bank.question("q0_2")
    blank = type(q2)("q0_2", answer="a", options="ab")
    assert blank.var == ""
    assert checks._answer_for(blank, {"": 5}, {}) is ...


def test_collect_answers_runs_functions_on_hidden_inputs_and_uses_the_record():
    """collect_answers() captures every exercise, from the given record (or the kernel's), running functions on
    the hidden inputs too."""
    f = lambda b, a: 100 * (b - a) / b  # noqa: E731
    got = checks.collect_answers("00-start-here", recorded={"q0_3": f}, hidden_inputs={"q0_3": [(10, 5)]})
    a = bank.assignment("00-start-here")
    assert list(got) == [q.qid for q in a.exercises]
    q3 = bank.question("q0_3")
    assert got["q0_3"]["outputs"][-1] == {"ok": True, "value": 50.0}
    assert len(got["q0_3"]["outputs"]) == len(q3.cases) + 1
    assert got["q0_1"] == {"state": "unanswered"}
    checks._ANSWERS["q0_1"] = 192
    assert checks.collect_answers("00-start-here")["q0_1"] == {"state": "answered", "value": 192}
    assert checks.collect_answers("00-start-here", recorded={})["q0_1"] == {"state": "unanswered"}
    other = checks.collect_answers("00-start-here", recorded={"q0_3": f}, hidden_inputs={"q0_1": [(1,)]})
    assert len(other["q0_3"]["outputs"]) == len(q3.cases)  # no hidden inputs of its own: the public cases only


def test_user_namespace_outside_a_kernel():
    """Outside IPython there is no user namespace."""
    assert checks._user_namespace() is None


def test_user_namespace_inside_a_kernel(monkeypatch):
    """In IPython the namespace is the shell's user_ns."""
    import IPython

    shell = type("Shell", (), {"user_ns": {"x": 1}})()
    monkeypatch.setattr(IPython, "get_ipython", lambda: shell)
    assert checks._user_namespace() == {"x": 1}


def test_check_all_nothing_checked(shown):
    """With no set named and nothing checked: a message saying what to do and an empty report."""
    rep = checks.check_all()
    msg = "Nothing checked yet: run your exercise cells first, or name the set, e.g. check_all('00-start-here')."
    assert shown == [(f"<div>… {msg}</div>", "… " + msg)]
    assert (rep.slug, rep.results, rep.public) == ("", [], True)
    checks._ANSWERS["c0_1"] = "b"  # a lesson check does not name a set
    checks.check_all()
    assert len(shown) == 2 and shown[1] == shown[0]


def test_check_all_uses_the_last_set_checked_and_shows_a_table(shown, monkeypatch):
    """check_all() scores the set of the exercise checked last (public checks only) and shows the table."""
    monkeypatch.setattr(checks, "_user_namespace", lambda: {"n_enrolled": 192})
    checks._ANSWERS["q5_1"] = 1
    checks._ANSWERS["q3_1"] = 1
    checks._ANSWERS["q0_2"] = "x"
    rep = checks.check_all()
    assert rep.slug == "00-start-here" and rep.public is True
    assert [r.qid for r in rep.results] == [q.qid for q in bank.assignment(0).exercises]
    assert next(r for r in rep.results if r.qid == "q0_1").status == "correct"
    rows = [(checks.label(r.qid), r) for r in rep.results]
    assert shown == [(feedback.table_html(rows, rep.summary()), feedback.table_text(rows, rep.summary()))]
    named = checks.check_all("05")
    assert named.slug == bank.assignment(5).slug


def test_hidden_tests_messages(shown):
    """Without a checked answer: a warning; with one: how many hidden checks pass, green with a tick when all pass,
    orange with a cross otherwise (cases given as (args, expected) pairs)."""
    checks.hidden_tests("q0_3", [((10, 0), 100.0)])
    msg = "Exercise 0.3: hidden tests found, but no answer was checked yet (run the check cell first)."
    assert shown == [(f"<div>⚠ {msg}</div>", "⚠ " + msg)]
    checks._ANSWERS["q0_3"] = lambda b, a: 100 * (b - a) / b
    checks.hidden_tests("q0_3", [((10, 0), 100.0), ([6, 3], 50.0)])
    msg = "Exercise 0.3 (instructor view): 2 of 2 hidden checks pass."
    assert shown[-1] == (_note("#009E73", "✔ " + msg), msg)
    checks.hidden_tests("q0_3", [((10, 0), 100.0), ((6, 3), 49.0)])
    msg = "Exercise 0.3 (instructor view): 1 of 2 hidden checks pass."
    assert shown[-1] == (_note("#D55E00", "✘ " + msg), msg)
