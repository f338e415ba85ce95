"""Item analysis in the grading report (legpain.grading.item_analysis and pages): on a fixture class with planted patterns —
a question most students get wrong the same way, a mis-keyed question, a function case most students fail, a
common wrong answer with no feedback yet — the statistics, items.csv and the report find each one, and student
feedback pages do not change."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest

from legpain.checking import bank
from legpain.authoring.assign import hidden_cases_for
from legpain.grading import item_analysis as items_mod
from legpain.grading.pages import answer_bars, feedback_page, report_page
from legpain.checking.scoring import judge_set

SLUG = "00-start-here"


def _right(before, after):
    return (before - after) / before * 100


def _abs_bug(before, after):
    return abs(before - after) / before * 100  # forgets that pain can get worse


@dataclass
class FakeOutcome:
    student: str
    captured: dict
    full: object
    graded: bool = True
    item: SimpleNamespace = field(default=None)

    def __post_init__(self):
        self.item = SimpleNamespace(student=self.student, label=f"{self.student}.ipynb")


def _outcome(student: str, answers: dict, hidden) -> FakeOutcome:
    a = bank.assignment(SLUG)
    captured = {}
    for q in a.exercises:
        value = answers.get(q.qid, ...)
        captured[q.qid] = q.capture(value, [c.args for c in hidden.get(q.qid, ())])
    return FakeOutcome(student, captured, judge_set(SLUG, captured, hidden, public=False))


@pytest.fixture(scope="module")
def planted():
    """20 students. Strong ones (11) know the enrolment figure and write a good answer to the hand-graded question,
    but all pick 'c' for Exercise 0.2; weak ones (9) pick the keyed 'd' and give 191 or 200 patients. Most who write
    the function forget that pain can get worse (12 of the 15 who answer it)."""
    hidden = hidden_cases_for(SLUG)
    outs, manual = [], {}
    for i in range(11):
        fn = _right if i < 3 else _abs_bug
        outs.append(_outcome(f"strong{i:02d}", {"q0_1": 192, "q0_2": "c", "q0_3": fn,
                                               "q0_4": "who wrote it, and who paid for it, and when"}, hidden))
        manual[(f"strong{i:02d}", "q0_4")] = (2.0, "")
    for i in range(9):
        q01 = 191 if i < 5 else 200
        answers = {"q0_1": q01, "q0_2": "d", "q0_4": "a website"}
        if i < 4:
            answers["q0_3"] = _abs_bug
        outs.append(_outcome(f"weak{i:02d}", answers, hidden))
        manual[(f"weak{i:02d}", "q0_4")] = (0.0, "")
    outs.append(FakeOutcome("absent", {}, None, graded=False))
    return items_mod.analyse(bank.assignment(SLUG), outs, hidden, manual), outs, hidden


def _st(stats, qid):
    return next(s for s in stats if s.qid == qid)


def test_distribution_counts_each_answer_with_its_feedback(planted):
    """The most common wrong answer of Exercise 0.1 is counted, shown with the misconception feedback it triggered,
    and answers are grouped whatever their spelling."""
    stats, _, _ = planted
    st = _st(stats, "q0_1")
    assert st.n_graded == 20
    top = st.groups[0]
    assert top.correct and top.count == 11
    wrong = {g.text: g for g in st.wrong_groups}
    assert wrong["191"].count == 5 and wrong["191"].has_feedback
    assert "12 weeks" in wrong["191"].feedback  # the bank's own misconception message for 191
    assert abs(wrong["191"].share - 0.25) < 1e-9
    assert wrong["200"].count == 4 and not wrong["200"].has_feedback


def test_common_wrong_answer_without_feedback_is_flagged(planted):
    """200 patients (4 of 20 students) has no feedback of its own: the report asks the instructor to add one."""
    stats, _, _ = planted
    flags = " ".join(_st(stats, "q0_1").flags)
    assert "no feedback yet" in flags and "200" in flags
    assert "191" not in flags.split("no feedback yet")[1]


def test_miskeyed_question_is_flagged(planted):
    """Exercise 0.2: the strong students all give the same 'wrong' answer: negative discrimination and 'check the
    key' are both raised; the right answers are not flagged as lacking feedback."""
    stats, _, _ = planted
    st = _st(stats, "q0_2")
    assert st.discrimination is not None and st.discrimination < -0.5
    assert st.upper_lower is not None and st.upper_lower < 0
    text = " ".join(st.flags)
    assert "check the key" in text and "'c'" in text
    assert "negative discrimination" in text


def test_good_question_has_positive_discrimination_and_no_key_flag(planted):
    stats, _, _ = planted
    st = _st(stats, "q0_1")
    assert st.discrimination > 0.5
    assert not any("check the key" in f or "negative" in f for f in st.flags)
    assert abs(st.difficulty - 11 / 20) < 1e-9


def test_function_case_most_fail_is_found(planted):
    """Exercise 0.3: a case where pain gets worse fails for the 12 students with the abs() slip; it is listed first
    and flagged."""
    stats, _, hidden = planted
    st = _st(stats, "q0_3")
    assert st.cases, "function questions list their cases"
    first = st.cases[0]
    assert first.failed == 12 and first.ran == 15
    assert len(st.cases) == len(bank.question("q0_3").cases) + len(hidden.get("q0_3", ()))
    assert any("case" in f and "fails for 12 of 15" in f for f in st.flags)
    assert {g.state for g in st.groups} >= {"answer", "not answered"}


def test_manual_question_counts_hand_grades(planted):
    """Hand-graded points from manual.csv count; without them the question is not rated."""
    stats, outs, hidden = planted
    st = _st(stats, "q0_4")
    assert st.manual and abs(st.difficulty - 11 / 20) < 1e-9 and st.discrimination > 0
    bare = _st(items_mod.analyse(bank.assignment(SLUG), outs, hidden), "q0_4")
    assert bare.difficulty is None and "not graded by hand yet" in " ".join(bare.flags)


def test_unanswered_and_timed_out_are_counted():
    """An unanswered question and an answer whose cell was stopped get their own rows, not an answer's."""
    hidden = hidden_cases_for(SLUG)
    a = _outcome("a", {"q0_1": 192}, hidden)
    b = _outcome("b", {"q0_1": 192}, hidden)
    r = next(x for x in b.full.results if x.qid == "q0_1")
    r.status, r.message, r.score = "error", "code cell 3, where this answer is, was stopped after running too long", 0
    st = _st(items_mod.analyse(bank.assignment(SLUG), [a, b], hidden), "q0_1")
    states = {g.state: g.count for g in st.groups}
    assert states == {"answer": 1, "timed out": 1}
    st2 = _st(items_mod.analyse(bank.assignment(SLUG), [a, b], hidden), "q0_2")
    assert {g.state for g in st2.groups} == {"not answered"}


def test_items_csv_has_a_row_per_question_and_answer(planted, tmp_path):
    stats, _, _ = planted
    path = tmp_path / "items.csv"
    items_mod.write_items_csv(path, stats)
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == items_mod.ITEM_FIELDS
    by_q = {}
    for row in rows:
        by_q.setdefault(row["question"], []).append(row)
    assert {r["answer"] for r in by_q["q0_1"]} == {"192", "191", "200"}
    row200 = next(r for r in by_q["q0_1"] if r["answer"] == "200")
    assert row200["count"] == "4" and row200["has_feedback"] == "no" and row200["correct"] == "no"
    assert any("check the key" in r["flags"] for r in by_q["q0_2"])
    assert any(r["answer"].startswith("hidden case") or r["answer"].startswith("public case") for r in by_q["q0_3"])
    assert set(by_q) == {q.qid for q in bank.assignment(SLUG).exercises}


def test_items_csv_neutralises_formulas(tmp_path):
    """A student's answer that a spreadsheet would run as a formula is written as text."""
    hidden = hidden_cases_for(SLUG)
    outs = [_outcome(f"s{i}", {"q0_2": '=HYPERLINK("http://x","y")'}, hidden) for i in range(3)]
    stats = items_mod.analyse(bank.assignment(SLUG), outs, hidden)
    path = tmp_path / "items.csv"
    items_mod.write_items_csv(path, stats)
    text = path.read_text(encoding="utf-8")
    for row in csv.reader(text.splitlines()):
        for cell in row:
            assert not cell[:1] in ("=", "+", "-", "@", "\t", "\r"), cell


def test_report_page_shows_the_analysis_escaped(planted):
    """The report renders from its template: every question has a section with bars and a table; student-given text
    is escaped."""
    stats, outs, _ = planted
    bars = answer_bars(stats)
    assert set(bars) >= {"q0_1", "q0_2", "q0_3"}
    assert all(src.startswith("data:image/png;base64,") and alt for src, alt in bars.values())
    items = [dict(vars(s), bars=bars.get(s.qid)) for s in stats]
    items[0]["groups"][0].text = "<script>alert(1)</script>"
    page = report_page(slug=SLUG, line="Graded 20 of 21", isolation="", isolation_weak=False, mean_total="5",
                       max_points=7, warnings=[], questions=[], min_n=items_mod.MIN_FOR_DISCRIMINATION,
                       histogram=None, not_graded=[], items=items, texts=[])
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    for qid in ("q0_1", "q0_2", "q0_3"):
        assert f'id="{qid}"' in page
    assert "check the key" in page and "no feedback yet" in page


def test_feedback_page_escapes_and_never_shows_hidden_cases():
    page = feedback_page(student="<b>x</b>", slug=SLUG, problem="", rows=[
        dict(colour="#999", symbol="✘", label="Exercise 0.3", word="Not yet", pts="1 of 2 points",
             message="2 of 3 checks pass.", details=["<i>hint</i>"],
             hidden_note="This question also has 5 more checks you cannot see.")],
        summary="Checks you can see: 1 of 7 points.", hidden_note=True, cell_notes=[])
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page
    assert "&lt;i&gt;hint&lt;/i&gt;" in page
    assert "5 more checks you cannot see" in page
