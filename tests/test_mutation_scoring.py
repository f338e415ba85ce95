"""Scoring a whole set (legpain.checking.scoring): the Report's sums, its words, and judge_set's use of hidden cases.

Fast unit tests written against the survivors of tools/mutation.py: each pins one behaviour exactly."""

import pytest

from legpain.checking import bank, scoring
from legpain.checking.bank import Assignment
from legpain.checking.questions import Case, Function, Match, Number, Result, Text


def _r(qid, points, score, public=None, manual=False, pending=False):
    r = Result(qid, points, "partial", "", manual=manual)
    r.score, r.public_score, r.hidden_pending = score, score if public is None else public, pending
    return r


def test_num_rounds_to_two_decimals_and_drops_a_trailing_zero():
    """A score is written as people write it: two decimals at most, no '.0'."""
    assert scoring._num(9.33333) == "9.33"
    assert scoring._num(3.0) == "3"
    assert scoring._num(2.5) == "2.5"


def test_sums_leave_out_manual_questions_and_round_to_six_decimals():
    """score and public_score add the auto-checked results only, rounded to 6 decimals (so 1/3 is 0.333333);
    auto_max and manual_max add the points of each side."""
    rep = scoring.Report("s", [_r("a", 1, 1 / 3, public=1 / 6), _r("b", 2, 2.0), _r("t", 3, 0.0, manual=True)])
    assert rep.auto_results == rep.results[:2]
    assert rep.score == 2.333333
    assert rep.public_score == 2.166667
    assert rep.auto_max == 3 and rep.manual_max == 3
    assert scoring.Report("s", [_r("a", 1, 0.1), _r("b", 1, 0.2)]).score == 0.3  # not 0.30000000000000004


def test_repr_names_the_set_and_the_public_score():
    """repr says 'nothing scored' for an empty report (with '(no set)' when there is no slug), else the public
    score of the auto-checked points."""
    assert repr(scoring.Report("")) == "<Report (no set): nothing scored>"
    assert repr(scoring.Report("05-x")) == "<Report 05-x: nothing scored>"
    rep = scoring.Report("05-x", [_r("a", 2, 2.0, public=4 / 3), _r("b", 1.5, 0.0)])
    assert repr(rep) == "<Report 05-x: 1.33 of 3.5 points from the checks you can see>"
    assert rep._ipython_display_() is None


def test_summary_in_each_situation():
    """The summary line: nothing to score; the public score; how many questions still have hidden checks (one or
    several, public view only); the score with hidden checks (grader view); the points graded by hand."""
    assert scoring.Report("s").summary() == "Nothing to score."
    one = [_r("a", 2, 1.0, pending=True), _r("b", 1, 1.0)]
    assert scoring.Report("s", one).summary() == (
        "Checks you can see: 2 of 3 points. 1 question has more checks, hidden from you, that run when your work "
        "is graded.")
    two = [_r("a", 2, 1.0, pending=True), _r("b", 1, 1.0, pending=True), _r("t", 2, 0, manual=True)]
    assert scoring.Report("s", two).summary() == (
        "Checks you can see: 2 of 3 points. 2 questions have more checks, hidden from you, that run when your work "
        "is graded. Graded by hand: 2 more points.")
    graded = [_r("a", 2, 0.5, public=1.0, pending=True), _r("b", 1, 1 / 3)]
    assert scoring.Report("s", graded, public=False).summary() == (
        "Checks you can see: 1.33 of 3 points. With hidden checks: 0.83 of 3 points.")
    assert scoring.Report("s", [_r("a", 2, 2.0)]).summary() == "Checks you can see: 2 of 2 points."


@pytest.fixture
def fake_set(monkeypatch):
    """A set of four exercises (number, match, function with hidden cases, free text) behind bank.assignment."""
    qs = (Number("q99_1", answer=5, points=2), Match("q99_2", answer={"a": 1, "b": 2}),
          Function("q99_3", name="double", cases=[Case((1,), 2)], hidden=True), Text("q99_4", points=3))
    a = Assignment("99-fake", 99, qs, ())
    monkeypatch.setattr(bank, "assignment", lambda slug: a)
    return a


def test_judge_set_scores_missing_answers_as_unanswered(fake_set):
    """Every exercise gets a result, in the set's order; one with no captured answer is 'unanswered'."""
    rep = scoring.judge_set("99", {"q99_1": {"state": "answered", "value": 5}})
    assert rep.slug == "99-fake" and rep.public is True
    assert [r.qid for r in rep.results] == ["q99_1", "q99_2", "q99_3", "q99_4"]
    assert [r.status for r in rep.results] == ["correct", "unanswered", "unanswered", "unanswered"]
    assert rep.score == 2 and rep.auto_max == 4 and rep.manual_max == 3


def test_judge_set_runs_hidden_cases_only_for_the_grader(fake_set):
    """Hidden cases count when public=False; with public=True (a student's check_all) they are ignored even when
    given, so the question says its hidden checks are still pending."""
    cap = {"q99_3": {"state": "answered", "outputs": [{"ok": True, "value": 2}, {"ok": True, "value": 0}]}}
    hidden = {"q99_3": [Case((3,), 6)]}
    graded = scoring.judge_set("99", cap, hidden, public=False)
    fn = graded.results[2]
    assert graded.public is False
    assert (fn.hidden_passed, fn.hidden_total, fn.score, fn.status) == (0, 1, 0.5, "partial")
    student = scoring.judge_set("99", cap, hidden, public=True)
    fn = student.results[2]
    assert (fn.hidden_total, fn.score, fn.hidden_pending, fn.status) == (0, 1.0, True, "correct")
    assert scoring.judge_set("99", cap, None, public=False).results[2].hidden_total == 0
