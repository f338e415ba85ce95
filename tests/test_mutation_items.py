"""Item analysis (legpain.grading.item_analysis): the helpers and analyse() on a small class with known answers.

Fast unit tests written against the survivors of tools/mutation.py: each pins one behaviour exactly."""

import csv
import math
from types import SimpleNamespace

import pytest

from legpain.checking.bank import Assignment
from legpain.grading import item_analysis as it
from legpain.checking.questions import Case, Choice, Function, Match, MultiChoice, Number, Question, Result, Text
from legpain.checking.scoring import Report

NUM = Number("q9_1", answer=5, points=2, feedback={4: "Off by one."}, tol=0.1)
CHO = Choice("q9_2", answer="b", options="abc", feedback={"c": "C?"})
MUL = MultiChoice("q9_3", answer=["a", "b"], options="abc")
MAT = Match("q9_4", answer={"x": 1}, item_hints={"x": "Look at x."})
FUN = Function("q9_5", name="f", cases=[Case((1,), 2), Case((2,), 4)])
TXT = Text("q9_6", points=2)
SET = Assignment("09-fake", 9, (NUM, CHO, MUL, MAT, FUN, TXT), ())
HIDDEN = {"q9_5": [Case((3,), 6)]}


def _student(name, answers, graded=True):
    captured = {q.qid: q.capture(answers.get(q.qid, ...), [c.args for c in HIDDEN.get(q.qid, ())])
                for q in SET.exercises}
    results = [q.judge(captured[q.qid], HIDDEN.get(q.qid, ())) for q in SET.exercises]
    return SimpleNamespace(graded=graded, captured=captured, full=Report(SET.slug, results, public=False),
                           item=SimpleNamespace(student=name))


def test_kind_names():
    """Kinds in words: hand-graded text, multiple choice, and the class name in lower case for the others."""
    assert [it.kind_name(q) for q in SET.exercises] == ["number", "choice", "multiple choice", "match", "function",
                                                         "text (by hand)"]


def test_short_texts():
    """Texts are shown stripped in quotes; other values as JSON (keys sorted, accents kept) or repr; at most 80
    characters, the 80th being an ellipsis when cut."""
    assert it._short("  ab ") == "'ab'"
    assert it._short({"b": 1, "a": "é"}) == '{"a": "é", "b": 1}'
    assert it._short(object()).startswith("<object object")
    assert it._short([1] * 26) == json_list(26)
    assert it._short("x" * 78) == "'" + "x" * 78 + "'"
    assert it._short("x" * 79) == "'" + "x" * 78 + "…"
    assert len(it._short(list(range(100)))) == 80
    assert it._short("abcdef", limit=4) == "'ab…"


def json_list(n):
    return "[" + ", ".join(["1"] * n) + "]"


def test_answer_keys_group_spellings():
    """Answers that differ only in case, spacing, brackets (choices) or order (multiple choice) share a key."""
    assert it._key(NUM, " A  b ") == it._key(NUM, "a b") == '"a b"'
    assert it._key(CHO, "(B).") == it._key(CHO, "b") == '"b"'
    assert it._key(NUM, "(b)") == '"(b)"'
    assert it._key(NUM, 5.0) == it._key(NUM, 5) == "5" and it._key(NUM, 5.5) == "5.5"
    assert it._key(MUL, ["(B)", " a"]) == it._key(MUL, ["a", "b"]) == '["a", "b"]'
    assert it._key(NUM, ["b", "a"]) == '["b", "a"]'
    assert it._key(MAT, {"X": 1, "é": 2}) == '{"x": 1, "é": 2}'
    assert it._key(NUM, {1, 2}) == repr({1, 2})


def test_has_feedback():
    """A wrong answer has feedback of its own when the bank names it: numbers within the tolerance (at least
    1e-9), choice letters in any form, other mappings by key, and every answer of a match with item hints."""
    assert it._has_feedback(NUM, 4.05) and not it._has_feedback(NUM, 4.2) and not it._has_feedback(NUM, True)
    assert not it._has_feedback(NUM, "4")
    tight = Number("q", answer=1, feedback={0.3: "x"})
    assert it._has_feedback(tight, 0.1 + 0.2) and not it._has_feedback(tight, 0.3001)
    assert not it._has_feedback(Number("q", answer=1), 0)
    assert it._has_feedback(CHO, "(C)") and not it._has_feedback(CHO, "a") and not it._has_feedback(CHO, 3)
    q = Question("q")
    q.feedback = {"Wrong Words": "x"}
    assert it._has_feedback(q, "wrong  words") and not it._has_feedback(q, "other")
    q.feedback = {}
    assert not it._has_feedback(q, "x")
    assert it._has_feedback(MAT, {"x": 2}) and not it._has_feedback(MUL, ["c"])


def test_pearson_and_upper_lower():
    """Pearson's r by the formula (None for fewer than 2 students or no spread); the upper-lower index over the
    top and bottom 27% (None below 8 students)."""
    assert it._pearson([1], [2]) is None and it._pearson([1, 1, 1], [1, 2, 3]) is None
    assert it._pearson([1, 2, 3], [4, 4, 4]) is None
    assert it._pearson([1, 2, 3], [1, 2, 4]) == pytest.approx(0.9819805060619657)
    assert it._pearson([0, 1], [1, 0]) == pytest.approx(-1)
    shares = [0, 0, 1, 0, 1, 1, 1, 1, 0, 1]
    totals = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    assert it._upper_lower(shares, totals) == pytest.approx(2 / 3 - 1 / 3)  # k = 3: top (8,9,10), bottom (1,2,3)
    assert it._upper_lower([1] * 7, list(range(7))) is None
    assert it._upper_lower([0, 0, 1, 0, 1, 0, 1, 1], list(range(8))) == pytest.approx(1.0)  # k = 2: (1, 1) vs (0, 0)


def test_unfinished_results():
    """Only an error whose cell was stopped or ran out of time counts as timed out."""
    assert it._unfinished(Result("q", 1, "error", "the cell was stopped"))
    assert it._unfinished(Result("q", 1, "error", "its time was up"))
    assert not it._unfinished(Result("q", 1, "incorrect", "it was stopped"))
    assert not it._unfinished(Result("q", 1, "error", "it raised"))


def test_function_and_feedback_texts():
    """How a function answer and a feedback message are shown to the instructor."""
    r = Result("q", 1, "correct", "m", public_passed=2, public_total=2, hidden_passed=1, hidden_total=1)
    assert it._function_text(None) == "(no result)"
    assert it._function_text(r) == "passes every case"
    r.hidden_passed = 0
    assert it._function_text(r) == "passes 2 of 2 public cases, 0 of 1 hidden"
    r2 = Result("q", 1, "partial", "m", public_passed=1, public_total=2)
    assert it._function_text(r2) == "passes 1 of 2 public cases"
    assert it._feedback_text(None) == ""
    assert it._feedback_text(Result("q", 1, "incorrect", " Not quite. ", [" Look. ", "", "  "])) == "Not quite. Look."


def test_csv_cells_and_numbers():
    """Cells that would start a formula get a quote; numbers pass; statistics have 3 decimals or are empty."""
    for bad in ("=1", "+1", "-1", "@x", "\tx", "\rx"):
        assert it.safe_cell(bad) == "'" + bad
    assert it.safe_cell("a=1") == "a=1" and it.safe_cell(-1) == -1
    assert it._num(None) == "" and it._num(0.12345) == "0.123"
    assert it.CaseStats(1, False, "f()").fail_share == 0.0
    assert it.CaseStats(1, False, "f()", failed=1, ran=4).fail_share == 0.25


@pytest.fixture(scope="module")
def klass():
    """Ten students: six right on 9.1, three give 4 (named by the bank), one gives 7; 9.2: the keyed b by four,
    c by five (a common wrong answer with feedback); 9.3 the right set in two spellings; 9.5 various."""
    double = lambda x: 2 * x  # noqa: E731
    answers = []
    for i in range(10):
        a = {"q9_1": 5 if i < 6 else (4 if i < 9 else 7),
             "q9_2": "b" if i < 4 else ("C" if i < 9 else "a"),
             "q9_3": ["a", "b"] if i % 2 else ["B", "a"],
             "q9_4": {"x": 1} if i < 3 else {"x": 2},
             "q9_5": double if i < 5 else (lambda x: 2 if x == 1 else 0),
             "q9_6": "one two three four five"}
        if i == 9:
            del a["q9_5"]
        answers.append(a)
    outs = [_student(f"s{i}", a) for i, a in enumerate(answers)]
    outs.append(_student("late", {}, graded=False))
    manual = {(f"s{i}", "q9_6"): (2.0 if i < 5 else 1.0, "") for i in range(9)}  # s9 not entered: 0 points
    return outs, manual, it.analyse(SET, outs, HIDDEN, manual)


def _st(stats, qid):
    return next(s for s in stats if s.qid == qid)


def test_analyse_numbers(klass):
    """Counts, shares, points shares, correctness and feedback of each answer of a number question; difficulty is
    the mean share of the points; answers are sorted by count."""
    _, _, stats = klass
    st = _st(stats, "q9_1")
    assert (st.qid, st.label, st.kind, st.points, st.n_graded, st.manual) == ("q9_1", "Exercise 9.1", "number", 2, 10,
                                                                              False)
    assert st.difficulty == pytest.approx(0.6)
    assert [(g.text, g.count, g.share, g.correct, g.points_share, g.has_feedback) for g in st.groups] == [
        ("5", 6, 0.6, True, 1.0, False), ("4", 3, pytest.approx(0.3), False, 0.0, True),
        ("7", 1, 0.1, False, 0.0, False)]
    assert st.groups[1].feedback == "Not quite. Off by one."
    assert st.groups[0].feedback == "Correct. Answers within ±0.1 count as right."
    assert st.discrimination is not None and st.upper_lower is not None
    assert st.flags == []  # 4 is common but named by the bank; 7 is given by one student only


def test_analyse_discrimination_uses_the_rest_of_the_test(klass):
    """Discrimination is the correlation of the question's share with each student's total minus this question."""
    outs, manual, stats = klass
    st = _st(stats, "q9_2")
    graded = [o for o in outs if o.graded]
    shares, rest, totals = [], [], []
    for o in graded:
        per = {r.qid: r.score for r in o.full.results}
        per["q9_6"] = manual.get((o.item.student, "q9_6"), (0.0, ""))[0]
        shares.append(per["q9_2"])
        rest.append(sum(per.values()) - per["q9_2"])
        totals.append(sum(per.values()))
    assert st.discrimination == pytest.approx(it._pearson(shares, rest))
    assert st.upper_lower == pytest.approx(it._upper_lower(shares, totals))


def test_analyse_flags_a_common_wrong_choice(klass):
    """Five students give c (more than the four right answers): 'check the key' with the counts; c has its own
    feedback, so it is not flagged for lacking one; letters in any case are one answer."""
    _, _, stats = klass
    st = _st(stats, "q9_2")
    assert [(g.text, g.count, g.has_feedback) for g in st.groups] == [("'C'", 5, True), ("'b'", 4, False),
                                                                     ("'a'", 1, False)]
    assert st.flags[-1] == "check the key: the wrong answer 'C' was given by more students (5) than the right one (4)."
    assert st.wrong_groups == [st.groups[0], st.groups[2]]


def test_analyse_flags_no_feedback_and_negative_discrimination():
    """A wrong answer given by 3 or more students and 20% or more of the class, with no feedback of its own, is
    flagged with its count and share; a question the stronger students get wrong is flagged as negatively
    discriminating (with two decimals and a sign)."""
    outs = []
    for i in range(10):
        strong = i < 5
        outs.append(_student(f"s{i}", {"q9_1": 7 if strong else 5, "q9_2": "b" if strong else "a",
                                       "q9_4": {"x": 1} if strong else {"x": 2}}))
    st = _st(it.analyse(SET, outs, HIDDEN), "q9_1")
    assert st.discrimination < -0.05
    assert st.flags[0] == f"negative discrimination ({st.discrimination:+.2f}): students who did well on the rest did " \
                          "worse on this question. Check the key and the wording."
    assert st.flags[1] == "no feedback yet for a common wrong answer: 7 (5 students, 50%). Add one to the question bank."
    assert len(st.flags) == 2  # 7 (5) is not more common than 5 (5): no key flag
    three = [_student(f"t{i}", {"q9_1": 7 if i < 3 else 5}) for i in range(16)]
    st3 = _st(it.analyse(SET, three, HIDDEN), "q9_1")
    assert st3.flags == []  # 3 of 16 is under 20%
    st3 = _st(it.analyse(SET, three[:15], HIDDEN), "q9_1")
    assert st3.flags == ["no feedback yet for a common wrong answer: 7 (3 students, 20%). Add one to the question "
                         "bank."]  # 3 of 15 is 20%: common
    two = [_student(f"u{i}", {"q9_1": 7 if i < 2 else 5}) for i in range(4)]
    assert _st(it.analyse(SET, two, HIDDEN), "q9_1").flags == []  # 50%, but only 2 students
    four = [_student(f"v{i}", {"q9_1": 7 if i < 3 else 5}) for i in range(4)]
    flags = _st(it.analyse(SET, four, HIDDEN), "q9_1").flags
    assert flags == ["check the key: the wrong answer 7 was given by more students (3) than the right one (1).",
                     "no feedback yet for a common wrong answer: 7 (3 students, 75%). Add one to the question bank."]


def test_analyse_match_and_multichoice(klass):
    """Spellings of the same multiple-choice set are one answer; a match's wrong answers have item hints."""
    _, _, stats = klass
    st = _st(stats, "q9_3")
    assert [(g.text, g.count, g.correct) for g in st.groups] == [('["B", "a"]', 10, True)]
    st = _st(stats, "q9_4")
    assert [(g.text, g.count, g.correct, g.has_feedback) for g in st.groups] == [
        ('{"x": 2}', 7, False, True), ('{"x": 1}', 3, True, False)]
    assert st.groups[0].feedback == "0 of 1 matched correctly. x: look again. Look at x."


def test_analyse_function_groups_and_cases(klass):
    """Function answers are grouped by result; cases (public then hidden) count runs and failures over the students
    who answered, most failed first; the case flag names the first such case."""
    _, _, stats = klass
    st = _st(stats, "q9_5")
    assert [(g.text, g.count, g.state, g.correct, g.has_feedback) for g in st.groups] == [
        ("passes every case", 5, "answer", True, False),
        ("passes 1 of 2 public cases, 0 of 1 hidden", 4, "answer", False, False),
        ("(not answered)", 1, "not answered", False, False)]
    assert [(c.number, c.hidden, c.call, c.failed, c.ran) for c in st.cases] == [
        (2, False, "f(2)", 4, 9), (1, True, "f(3)", 4, 9), (1, False, "f(1)", 0, 9)]
    assert st.flags == []  # 4 of 9 is under half
    outs = [_student(f"w{i}", {"q9_5": (lambda x: 0)}) for i in range(3)]
    st = _st(it.analyse(SET, outs, HIDDEN), "q9_5")
    assert st.flags == ["public case 1 fails for 3 of 3 students."]
    st = _st(it.analyse(SET, outs[:2], HIDDEN), "q9_5")
    assert st.flags == []  # only 2 students ran it


def test_analyse_hidden_case_flag_and_missing_outputs():
    """A hidden case most fail is flagged as hidden; a missing output counts as a failure."""
    outs = [_student(f"h{i}", {"q9_5": (lambda x: 2 * x if x < 3 else 0)}) for i in range(3)]
    st = _st(it.analyse(SET, outs, HIDDEN), "q9_5")
    assert st.flags == ["hidden case 1 fails for 3 of 3 students."]
    outs[0].captured["q9_5"]["outputs"] = outs[0].captured["q9_5"]["outputs"][:1]
    outs[1].captured["q9_5"]["outputs"][0] = {"ok": False}
    st = _st(it.analyse(SET, outs, HIDDEN), "q9_5")
    assert [(c.number, c.hidden, c.failed) for c in st.cases] == [(1, True, 3), (1, False, 1), (2, False, 1)]


def test_analyse_manual_points(klass):
    """Hand-graded points count (a missing entry as 0); the question has a difficulty but no answer groups."""
    _, _, stats = klass
    st = _st(stats, "q9_6")
    assert st.manual and st.kind == "text (by hand)"
    assert st.difficulty == pytest.approx((5 * 1.0 + 4 * 0.5 + 0) / 10)
    assert st.groups == [] and st.discrimination is not None


def test_analyse_states_and_no_class():
    """Timed-out, unanswered and unreadable answers get their own groups; no graded students gives empty stats;
    fewer than 8 graded students give no discrimination."""
    a = _student("a", {"q9_1": 5, "q9_2": object()})
    b = _student("b", {"q9_1": 5})
    r = next(x for x in b.full.results if x.qid == "q9_1")
    r.status, r.message, r.score = "error", "its cell was stopped after running too long", 0
    c = _student("c", {"q9_1": 5})
    c.captured = None
    stats = it.analyse(SET, [a, b, c], HIDDEN)
    st = _st(stats, "q9_1")
    assert [(g.text, g.state, g.count, g.correct) for g in st.groups] == [
        ("5", "answer", 1, True), ("(its cell was stopped: timed out)", "timed out", 1, False),
        ("(not answered)", "not answered", 1, False)]
    assert st.discrimination is None and st.upper_lower is None
    st2 = _st(stats, "q9_2")
    assert sorted((g.state, g.text) for g in st2.groups) == [("not answered", "(not answered)"),
                                                             ("not readable", "(not readable as an answer)")]
    assert st2.wrong_groups == []
    empty = it.analyse(SET, [_student("x", {}, graded=False)])
    assert [(s.n_graded, s.difficulty, s.groups, s.flags) for s in empty] == [(0, None, [], [])] * 6
    manual_none = _st(it.analyse(SET, [a]), "q9_6")
    assert manual_none.flags == ["not graded by hand yet: no statistics"] and manual_none.difficulty is None


def test_items_csv_rows(klass, tmp_path):
    """items.csv: a header, one row per answer (with the question's statistics repeated), one per function case,
    and one empty row for a question with neither."""
    _, _, stats = klass
    path = tmp_path / "items.csv"
    it.write_items_csv(path, stats)
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == it.ITEM_FIELDS
    num = [r for r in rows if r[0] == "q9_1"]
    st = _st(stats, "q9_1")
    assert num[0] == ["q9_1", "Exercise 9.1", "number", "2", "10", "0.600", f"{st.discrimination:.3f}",
                      f"{st.upper_lower:.3f}", "", "5", "6", "0.600", "yes", "", "Correct. Answers within ±0.1 count "
                      "as right."]
    assert num[1][9:] == ["4", "3", "0.300", "no", "yes", "Not quite. Off by one."]
    assert num[2][9:14] == ["7", "1", "0.100", "no", "no"]
    fn = [r for r in rows if r[0] == "q9_5"]
    assert fn[2][9:] == ["(not answered)", "1", "0.100", "no", "", "Not answered yet: write the body of f, then run "
                         "the cell."]
    assert fn[3][9:] == ["public case 2: f(2) fails", "4", "0.444", "", "", ""]
    assert fn[4][9] == "hidden case 1: f(3) fails"
    cho = [r for r in rows if r[0] == "q9_2"]
    assert cho[0][8] == st_flags(stats, "q9_2")
    txt = [r for r in rows if r[0] == "q9_6"]
    assert txt == [["q9_6", "Exercise 9.6", "text (by hand)", "2", "10", "0.700", txt[0][6], txt[0][7], "", "", "",
                    "", "", "", ""]]
    two = it.ItemStats("q", "Q", "number", 1, 0, flags=["a", "=b"])
    it.write_items_csv(path, [two])
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    assert rows[1][8] == "a | =b" and rows[1][3] == "1"
    three = it.ItemStats("q", "Q", "number", 1, 0, flags=["=b"])
    it.write_items_csv(path, [three])
    assert list(csv.reader(path.read_text(encoding="utf-8").splitlines()))[1][8] == "'=b"


def st_flags(stats, qid):
    return " | ".join(_st(stats, qid).flags)


def test_upper_lower_orders_students_by_their_total():
    """The top and bottom groups are chosen by total score, not by the order the students come in."""
    shares = [1, 1, 0, 1, 0, 0, 0, 0, 1, 0]
    totals = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]  # k = 3: top (10, 9, 8) -> 1, 1, 0; bottom (1, 2, 3) -> 0, 1, 0
    assert it._upper_lower(shares, totals) == pytest.approx(2 / 3 - 1 / 3)
    assert it._upper_lower(shares, totals[::-1]) == pytest.approx(1 / 3 - 2 / 3)


def test_keys_keep_accents_sort_dict_keys_and_letters_are_not_stripped():
    """Answer keys keep accented letters as they are, list a dict's keys in order, and only strip brackets and
    dots from choice letters (a capital X is a letter like any other)."""
    assert it._key(NUM, "é") == '"é"' and it._key(NUM, ["é"]) == '["é"]'
    assert it._key(NUM, {"b": 1, "a": 2}) == '{"a": 2, "b": 1}'
    assert it._key(MUL, ["X", "(b)"]) == '["b", "x"]'
    xq = Choice("q", answer="a", options="ax", feedback={"x": "X?"})
    assert it._has_feedback(xq, "X") and it._has_feedback(xq, "(x).")
    half = Number("q", answer=1, tol=0.5, feedback={4: "Four."})
    assert it._has_feedback(half, 4.5) and not it._has_feedback(half, 4.6)


def test_manual_question_first_does_not_stop_the_others():
    """A hand-graded question placed first (graded or not) does not stop the analysis of the questions after it;
    discrimination is computed from 8 graded students on."""
    a = Assignment("09-fake", 9, (TXT, NUM), ())
    outs = []
    for i in range(8):
        cap = {"q9_6": TXT.capture("one two three four five six"), "q9_1": NUM.capture(5 if i < 4 else 4)}
        res = [TXT.judge(cap["q9_6"]), NUM.judge(cap["q9_1"])]
        outs.append(SimpleNamespace(graded=True, captured=cap, full=Report(a.slug, res, public=False),
                                    item=SimpleNamespace(student=f"s{i}")))
    stats = it.analyse(a, outs)
    assert stats[1].groups and stats[1].discrimination is None  # no spread in the rest (all 0 by hand)
    manual = {(f"s{i}", "q9_6"): (2.0 if i < 4 else 0.0, "") for i in range(8)}
    stats = it.analyse(a, outs, manual=manual)
    assert stats[1].groups and stats[1].discrimination == pytest.approx(1.0)
    assert stats[0].discrimination == pytest.approx(1.0) and stats[0].upper_lower == pytest.approx(1.0)


def test_items_csv_replaces_what_cannot_be_encoded(tmp_path):
    """items.csv is written even when a flag or answer holds a lone surrogate (a name that was not UTF-8)."""
    st = it.ItemStats("q", "Q", "number", 1, 0, flags=["bad \udcff name"])
    path = tmp_path / "items.csv"
    it.write_items_csv(path, [st])
    assert "bad ? name" in path.read_text(encoding="utf-8")
