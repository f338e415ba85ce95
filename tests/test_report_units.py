"""Grading report (legpain.grading.gradebook): CSV cells, manual.csv read and update, gradebooks, feedback and report
contexts, on a small fake class (no notebook runs).

Fast unit tests written against the survivors of tools/mutation.py: each pins one behaviour exactly."""

import csv
from pathlib import Path
from types import SimpleNamespace

import pytest

from legpain.checking.bank import Assignment
from legpain.grading import pages, gradebook as report
from legpain.checking.questions import Case, Function, Number, Text
from legpain.checking.scoring import Report

NUM = Number("q9_1", answer=5, points=2, hint="Look again.")
TXT = Text("q9_2", points=3, min_words=2)
FUN = Function("q9_3", name="f", cases=[Case((1,), 2)], hidden=True)
SET = Assignment("09-fake", 9, (NUM, TXT, FUN), ())
HIDDEN = {"q9_3": [Case((2,), 4), Case((3,), 6)]}


def test_fmt_and_neutral_cells():
    """Scores have at most 2 decimals; formula-like cells get a quote that unneutral removes exactly; a quoted
    text that would look like a formula once unquoted is quoted again; numbers pass."""
    assert report._fmt(2.0) == "2" and report._fmt(1 / 3) == "0.33" and report._fmt(2.005) == "2"
    for text in ("=1+1", "+1", "-1", "@A", "\tx", "\rx", "'=1", "''=1"):
        assert report.neutral(text) == "'" + text
        assert report.unneutral(report.neutral(text)) == text
    for text in ("a=1", "'quoted", "'", "", "x'"):
        assert report.neutral(text) == text and report.unneutral(text) == text
    assert report.neutral(-1) == -1 and report.neutral(None) is None
    assert report._rows([["=a", 1], ["b"]]) == [["'=a", 1], ["b"]]


def test_manual_reader(tmp_path):
    """An empty file has no header; a header is read without BOM, spaces or capitals."""
    p = tmp_path / "m.csv"
    p.write_text("")
    with open(p, newline="") as fh:
        assert report._manual_reader(fh) == ([], None)
    p.write_text("\ufeffStudent ,QUESTION, Points\nana,q,1\n", encoding="utf-8")
    with open(p, newline="", encoding="utf-8") as fh:
        reader, header = report._manual_reader(fh)
        assert header == ["student", "question", "points"] and list(reader) == [["ana", "q", "1"]]


def _write(tmp_path, text, name="manual.csv"):
    p = tmp_path / name
    p.write_bytes(text.encode("utf-8"))
    return p


def test_read_manual_rows_and_warnings(tmp_path):
    """Every row that cannot be used is named with its line; points may use a decimal comma; out-of-range, NaN
    and non-numbers are left ungraded; empty points are None; the first of two rows counts; quoted ids and
    comments are read back."""
    qs = {"q9_2": TXT}
    text = ("question,comment,student,points\r\n"
            "q9_2,good,ana,\"2,5\"\r\n"
            "\r\n"
            ",,,\r\n"
            "q9_9,,ana,1\r\n"
            "q9_2,,zed,1\r\n"
            "q9_2,again,ana,1\r\n"
            "q9_2,,bo,x\r\n"
            "q9_2,,cy,4\r\n"
            "q9_2,,dee,nan\r\n"
            "q9_2,,ed,-1\r\n"
            "q9_2,'=fine,'=eve,3\r\n"
            "q9_2,,fay,\r\n"
            "q9_2,,gus,0\r\n"
            "q9_2\r\n"
            "q9_2,,hal,\"1,000.5\"\r\n")
    p = _write(tmp_path, text)
    grades, warnings = report.read_manual(p, qs, {"ana", "bo", "cy", "dee", "ed", "=eve", "fay", "gus", "", "hal"})
    assert grades == {("ana", "q9_2"): (2.5, "good"), ("bo", "q9_2"): (None, ""), ("cy", "q9_2"): (None, ""),
                      ("dee", "q9_2"): (None, ""), ("ed", "q9_2"): (None, ""), ("=eve", "q9_2"): (3.0, "=fine"),
                      ("fay", "q9_2"): (None, ""), ("gus", "q9_2"): (0.0, ""), ("", "q9_2"): (None, ""),
                      ("hal", "q9_2"): (None, "")}
    assert warnings == [
        "manual.csv line 5: 'q9_9' is not a hand-graded question of this set",
        "manual.csv line 6: 'zed' has no graded submission in this run (row kept, not used)",
        "manual.csv line 7: ana, q9_2 is already on line 2; line 7 is not used",
        "manual.csv line 8: points 'x' for bo, q9_2 is not a number (left ungraded)",
        "manual.csv line 9: 4 points for cy, q9_2 is outside 0 to 3 (left ungraded)",
        "manual.csv line 10: nan points for dee, q9_2 is outside 0 to 3 (left ungraded)",
        "manual.csv line 11: -1 points for ed, q9_2 is outside 0 to 3 (left ungraded)",
        "manual.csv line 16: points '1,000.5' for hal, q9_2 is not a number (left ungraded)",
    ]
    grades, warnings = report.read_manual(p, qs)
    assert ("zed", "q9_2") in grades and not any("zed" in w for w in warnings)


def test_read_manual_line_numbers_with_quoted_newlines(tmp_path):
    """A comment spanning lines moves the line count on, so later rows are named by their first line."""
    p = _write(tmp_path, 'student,question,points,comment\nana,q9_2,1,"two\nlines"\nbo,q9_9,1,\n')
    grades, warnings = report.read_manual(p, {"q9_2": TXT})
    assert grades == {("ana", "q9_2"): (1.0, "two\nlines")}
    assert warnings == ["manual.csv line 4: 'q9_9' is not a hand-graded question of this set"]


def test_read_manual_missing_file_header_or_columns(tmp_path):
    """No file, an empty file: nothing; a header without a needed column: one warning naming them, nothing read."""
    assert report.read_manual(tmp_path / "none.csv", {}) == ({}, [])
    assert report.read_manual(_write(tmp_path, ""), {}) == ({}, [])
    p = _write(tmp_path, "student,comment\nana,x\n")
    assert report.read_manual(p, {"q9_2": TXT}) == ({}, [
        "manual.csv line 1: the header has no column question, points (expected student,question,points,comment); "
        "no hand grades read"])
    p = _write(tmp_path, "student,question,comment\nana,q9_2,x\n")
    assert report.read_manual(p, {"q9_2": TXT})[1][0].startswith("manual.csv line 1: the header has no column points ")


def test_update_manual_new_file(tmp_path):
    """A new manual.csv gets the header and a row per student and question, with CRLF line ends; formula-like ids
    are quoted."""
    p = tmp_path / "manual.csv"
    report.update_manual(p, ["ana", "=bo"], {"q9_2": TXT, "q9_4": TXT})
    assert p.read_bytes() == (b"student,question,points,comment\r\nana,q9_2,,\r\nana,q9_4,,\r\n'=bo,q9_2,,\r\n"
                              b"'=bo,q9_4,,\r\n")
    before = p.read_bytes()
    report.update_manual(p, ["ana", "=bo"], {"q9_2": TXT, "q9_4": TXT})
    assert p.read_bytes() == before  # nothing new: unchanged
    p.write_bytes(b"")
    report.update_manual(p, ["ana"], {"q9_2": TXT})
    assert p.read_bytes() == b"student,question,points,comment\r\nana,q9_2,,\r\n"


def test_update_manual_keeps_rows_and_line_ends(tmp_path):
    """Rows already there are never changed; new rows follow the file's own line ends, after a newline added when
    the last line has none; a header without student or question columns counts nothing as present."""
    p = tmp_path / "manual.csv"
    p.write_bytes(b"\xef\xbb\xbfQuestion,Student,points,comment\nq9_2,ana,2,ok")
    report.update_manual(p, ["ana", "bo"], {"q9_2": TXT})
    assert p.read_bytes() == b"\xef\xbb\xbfQuestion,Student,points,comment\nq9_2,ana,2,ok\nbo,q9_2,,\n"
    p.write_bytes(b"student,question,points,comment\r\nana,q9_2,1,\r\n")
    report.update_manual(p, ["ana", "bo"], {"q9_2": TXT})
    assert p.read_bytes() == b"student,question,points,comment\r\nana,q9_2,1,\r\nbo,q9_2,,\r\n"
    p.write_bytes(b"student,question,points,comment\nana,q9_2,1,\r")
    report.update_manual(p, ["bo"], {"q9_2": TXT})
    assert p.read_bytes() == b"student,question,points,comment\nana,q9_2,1,\rbo,q9_2,,\n"
    p.write_bytes(b"name,points\nana,1\n")
    report.update_manual(p, ["ana"], {"q9_2": TXT})
    assert p.read_bytes() == b"name,points\nana,1\nana,q9_2,,\n"
    p.write_bytes(b"student,question\n'=x,q9_2\nshort\n")
    report.update_manual(p, ["=x"], {"q9_2": TXT})
    assert p.read_bytes() == b"student,question\n'=x,q9_2\nshort\n"


def test_status_words():
    """A status is shown by its word from the feedback styles, or as itself when unknown."""
    from legpain.checking.feedback import STYLES

    assert report._status_word("correct") == STYLES["correct"][1] and report._status_word("odd") == "odd"


# ---- a small class ---------------------------------------------------------------------------------------------

def _outcome(student, answers, graded=True, problem="", path=True, notes=(), seconds=1.25):
    captured = {q.qid: q.capture(answers.get(q.qid, ...), [c.args for c in HIDDEN.get(q.qid, ())])
                for q in SET.exercises}
    full = Report(SET.slug, [q.judge(captured[q.qid], HIDDEN.get(q.qid, ())) for q in SET.exercises], public=False)
    public = Report(SET.slug, [q.judge(captured[q.qid]) for q in SET.exercises], public=True)
    item = SimpleNamespace(student=student, label=f"{student}.ipynb", path=Path(f"{student}.ipynb") if path else None)
    return SimpleNamespace(item=item, graded=graded, problem=problem, full=full if graded else None,
                           public=public if graded else None, captured=captured if graded else {},
                           cell_notes=list(notes), seconds=seconds)


@pytest.fixture
def klass(tmp_path):
    (tmp_path / "feedback").mkdir()
    outcomes = [
        _outcome("ana", {"q9_1": 5, "q9_2": "a long answer", "q9_3": lambda x: 2 * x}, seconds=2.5),
        _outcome("bo", {"q9_1": 4, "q9_2": "one", "q9_3": lambda x: 2 if x == 1 else 0},
                 notes=["cell 3 was stopped", "b", "c", "d"]),
        _outcome("Ana", {"q9_1": 5, "q9_2": "two words"}),
        _outcome("cy", {}, graded=False, problem="not a notebook (.ipynb) file", path=False),
        _outcome("cy", {}, graded=False, problem="not a notebook (.ipynb) file", path=False),
        _outcome("ana", {}, graded=False, problem="duplicate student id: ana is also x", path=False),
        _outcome(".DS_Store", {}, graded=False, problem="a system file, not a submission (ignored)", path=False),
    ]
    (tmp_path / "manual.csv").write_text("student,question,points,comment\nana,q9_2,2.5,Clear.\ncy,q9_2,1,\n",
                                         encoding="utf-8")
    summary = SimpleNamespace(out=tmp_path, outcomes=outcomes, warnings=["w0"], line=lambda: "Graded 3 of 6",
                              isolation="bubblewrap", unsafe=False)
    return summary


def _csv(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def test_write_all_gradebooks(klass, monkeypatch):
    """grades.csv has a row per student and question (manual points from manual.csv, a pending hand grade, a too
    short text), and one per file not graded; grades_wide.csv one row per student with totals and states; the
    report gets the summary, the set, every graded total, the hand grades and the hidden cases."""
    calls = []
    monkeypatch.setattr(report, "_write_report", lambda *a, **k: calls.append(a))
    report.write_all(klass, SET, HIDDEN)
    (summary, a, totals, manual, hidden), = calls
    assert summary is klass and a is SET and hidden is HIDDEN
    assert totals == pytest.approx([5.5, 1 / 3, 2.0])
    assert manual[("ana", "q9_2")] == (2.5, "Clear.") and manual[("Ana", "q9_2")] == (None, "")
    assert ("cy", "q9_2") not in manual
    text = (klass.out / "manual.csv").read_text(encoding="utf-8")
    assert text.splitlines()[1:] == ["ana,q9_2,2.5,Clear.", "cy,q9_2,1,", "bo,q9_2,,", "Ana,q9_2,,"]
    assert "manual.csv line 3: 'cy' has no graded submission in this run (row kept, not used)" in klass.warnings
    out = klass.out
    long = _csv(out / "grades.csv")
    assert long[0] == ["student", "question", "points", "max_points", "status", "message", "file"]
    rows = {(r[0], r[1]): r for r in long[1:]}
    assert rows[("ana", "q9_1")] == ["ana", "q9_1", "2", "2", "correct", "Correct.", "ana.ipynb"]
    assert rows[("ana", "q9_2")] == ["ana", "q9_2", "2.5", "3", "graded by hand", "Clear.", "ana.ipynb"]
    assert rows[("ana", "q9_3")][2:5] == ["1", "1", "correct"]
    assert rows[("bo", "q9_1")][2:6] == ["0", "2", "incorrect", "Not quite. That is not the value we are looking for. "
                                                                "Look again."]
    assert rows[("bo", "q9_2")][2:6] == ["0", "3", "unanswered", "Not answered yet: your text has 1 word; write at "
                                                                 "least 2."]
    assert rows[("bo", "q9_3")][2:5] == ["0.33", "1", "partial"]
    assert rows[("bo", "q9_3")][5] == "The check you can see passes. Hidden checks: 0 of 2 pass."
    assert rows[("Ana", "q9_2")][2:6] == ["0", "3", "needs manual grading", "answer saved; points come from manual.csv"]
    assert [r for r in long if r[0] == "cy"] == [["cy", "", "0", "6", "not graded", "not a notebook (.ipynb) file",
                                                  "cy.ipynb"]] * 2
    assert sum(1 for r in long if r[0] == "ana" and r[1] == "") == 1
    wide = _csv(out / "grades_wide.csv")
    assert wide[0] == ["student", "file", "status", "q9_1", "q9_2", "q9_3", "auto_points", "manual_points", "total",
                       "max_points", "public_score", "seconds"]
    by = {r[0]: r for r in wide[1:]}
    assert by["ana"] == ["ana", "ana.ipynb", "graded", "2", "2.5", "1", "3", "2.5", "5.5", "6", "3", "2.5"]
    assert by["bo"] == ["bo", "bo.ipynb", "graded; cell 3 was stopped; b; c", "0", "0", "0.33", "0.33", "0", "0.33",
                        "6", "1", "1.25"]
    assert by["Ana"][2] == "graded; 1 answer(s) need manual grading"
    assert by["cy"] == ["cy", "cy.ipynb", "not graded: not a notebook (.ipynb) file", "", "", "", "", "", "0", "6", "",
                        ""]
    assert [r[0] for r in wide[1:]] == ["ana", "bo", "Ana", "cy", ".DS_Store"]
    assert "w0" in klass.warnings


def test_write_all_feedback_pages(klass, monkeypatch):
    """One page per student (a graded student's duplicate file and system files get none), with names that stay
    distinct on case-blind disks (and a warning saying so); each page counts the hidden checks and shows the hand
    grade."""
    monkeypatch.setattr(report, "_write_report", lambda *a, **k: None)
    seen = []
    real = pages.feedback_page
    monkeypatch.setattr(pages, "feedback_page", lambda **ctx: seen.append(ctx) or real(**ctx))
    report.write_all(klass, SET, HIDDEN)
    ana = next(c for c in seen if c["student"] == "ana")
    assert ana["rows"][2]["hidden_note"].startswith("This question also has 2 more checks you cannot see.")
    assert ana["rows"][1]["pts"] == "2.5 of 3 points"
    names = sorted(p.name for p in (klass.out / "feedback").iterdir())
    assert names == ["Ana (2).html", "ana.html", "bo.html", "cy.html"]
    assert any(w.startswith("student ids differ only in letter case: the feedback of 'Ana'") for w in klass.warnings)
    assert "w0" == klass.warnings[0]


def test_write_all_without_manual_questions(tmp_path, monkeypatch):
    """A set with no hand-graded question writes no manual.csv."""
    monkeypatch.setattr(report, "_write_report", lambda *a, **k: None)
    (tmp_path / "feedback").mkdir()
    a = Assignment("09-fake", 9, (NUM,), ())
    summary = SimpleNamespace(out=tmp_path, outcomes=[_outcome("ana", {"q9_1": 5})], warnings=[])
    summary.outcomes[0].full = Report(a.slug, [NUM.judge({"state": "answered", "value": 5})])
    summary.outcomes[0].public = summary.outcomes[0].full
    report.write_all(summary, a, {})
    assert not (tmp_path / "manual.csv").exists() and (tmp_path / "grades.csv").exists()


def test_feedback_page_context(klass, monkeypatch):
    """What a student sees: public points, hand grades or their state, hidden checks counted (one, several, or
    'more' when pending), the public summary; a file not graded shows its problem only."""
    seen = []
    monkeypatch.setattr(pages, "feedback_page", lambda **ctx: seen.append(ctx) or "page")
    manual = {("ana", "q9_2"): (2.5, "Clear.")}
    ana, bo, ana2, cy = klass.outcomes[:4]
    assert report._feedback_page(ana, SET, manual, {"q9_3": 2}) == "page"
    ctx = seen[-1]
    assert (ctx["student"], ctx["slug"], ctx["problem"], ctx["hidden_note"], ctx["cell_notes"]) == (
        "ana", "09-fake", "", True, [])
    assert ctx["summary"] == ana.public.summary()
    r1, r2, r3 = ctx["rows"]
    assert (r1["label"], r1["word"], r1["pts"], r1["message"], r1["hidden_note"]) == (
        "Exercise 9.1", "Correct", "2 of 2 points", "Correct.", "")
    assert (r2["word"], r2["pts"], r2["message"]) == ("Graded by hand", "2.5 of 3 points", "Clear.")
    assert r3["hidden_note"] == ("This question also has 2 more checks you cannot see. They are graded later, by your "
                                 "instructor: their result is part of your grade, not of the points shown here.")
    report._feedback_page(ana, SET, manual, {"q9_3": 1})
    assert seen[-1]["rows"][2]["hidden_note"].startswith("This question also has 1 more check you cannot see.")
    report._feedback_page(ana, SET, {})
    rows = seen[-1]["rows"]
    assert rows[2]["hidden_note"].startswith("This question also has more checks you cannot see.")
    assert (rows[1]["word"], rows[1]["pts"], rows[1]["message"]) == (
        "Saved for manual grading", "3 points, graded by hand", "Your instructor grades this answer by hand.")
    report._feedback_page(bo, SET, manual, {})
    ctx = seen[-1]
    assert ctx["cell_notes"] == ["cell 3 was stopped", "b", "c", "d"]
    assert (ctx["rows"][0]["pts"], ctx["rows"][0]["word"]) == ("0 of 2 points", "Not yet")
    assert (ctx["rows"][1]["pts"], ctx["rows"][1]["message"]) == ("0 of 3 points", "Not answered yet: your text has "
                                                                                   "1 word; write at least 2.")
    assert ctx["rows"][0]["details"] == ["Look again."]
    assert ctx["hidden_note"] is True  # the function question's hidden checks are pending
    no_fn = Assignment("09-fake", 9, (NUM,), ())
    o = _outcome("x", {"q9_1": 4})
    o.public = Report(no_fn.slug, [NUM.judge({"state": "answered", "value": 4})])
    report._feedback_page(o, no_fn, {}, {})
    assert seen[-1]["hidden_note"] is False and seen[-1]["rows"][0]["hidden_note"] == ""
    report._feedback_page(cy, SET, manual, {})
    assert seen[-1] == dict(student="cy", slug="09-fake", problem="not a notebook (.ipynb) file", rows=[], summary="",
                            hidden_note=False, cell_notes=[])


def test_report_context(klass, monkeypatch):
    """report.html gets per-question means and pass rates, hand-grading counts, the mean total, what was not
    graded, the texts to grade (with their state), the warnings and the isolation; items.csv and the histogram
    are written."""
    seen = {}
    monkeypatch.setattr(pages, "report_page", lambda **ctx: seen.update(ctx) or "REPORT")
    outcomes = klass.outcomes
    manual = {("ana", "q9_2"): (2.5, "Clear."), ("bo", "q9_2"): (1.0, "")}
    totals = [5.5, 0.33, 2.0]
    report._write_report(klass, SET, totals, manual, HIDDEN)
    assert (klass.out / "report.html").read_text() == "REPORT"
    assert (klass.out / "items.csv").exists() and (klass.out / "histogram.png").read_bytes()[:4] == b"\x89PNG"
    q1, q2, q3 = seen["questions"]
    assert (q1["qid"], q1["label"], q1["kind"], q1["points"], q1["mean"], q1["rate"]) == (
        "q9_1", "Exercise 9.1", "number", 2, "1.33", "67%")
    assert (q2["mean"], q2["rate"], q2["kind"]) == ("1.75", "2 of 3 graded by hand", "text (by hand)")
    assert (q3["mean"], q3["rate"]) == ("0.44", "33%")
    assert q1["difficulty"] == pytest.approx(2 / 3) and q1["flags"] == [] and q1["discrimination"] is None
    assert seen["mean_total"] == "2.61" and seen["max_points"] == 6 and seen["slug"] == "09-fake"
    assert seen["line"] == "Graded 3 of 6" and seen["isolation"] == "bubblewrap" and seen["isolation_weak"] is False
    assert seen["warnings"] == ["w0"] and seen["min_n"] == 8
    assert seen["not_graded"] == [
        {"student": "cy", "file": "cy.ipynb", "problem": "not a notebook (.ipynb) file"},
        {"student": "cy", "file": "cy.ipynb", "problem": "not a notebook (.ipynb) file"},
        {"student": "ana", "file": "ana.ipynb", "problem": "duplicate student id: ana is also x"},
        {"student": ".DS_Store", "file": ".DS_Store.ipynb", "problem": "a system file, not a submission (ignored)"}]
    assert seen["texts"] == [
        {"student": "ana", "qid": "q9_2", "state": "graded by hand: 2.5", "answer": "a long answer"},
        {"student": "bo", "qid": "q9_2", "state": "graded by hand: 1", "answer": "one"},
        {"student": "Ana", "qid": "q9_2", "state": "needs manual grading", "answer": "two words"}]
    assert seen["histogram"]["src"].startswith("data:image/png;base64,") and seen["histogram"]["alt"]
    assert [i["qid"] for i in seen["items"]] == ["q9_1", "q9_2", "q9_3"] and "bars" in seen["items"][0]
    assert len(seen["items"][2]["cases"]) == 3  # the public case and the two hidden ones
    assert seen["items"][1]["difficulty"] == pytest.approx((2.5 / 3 + 1 / 3 + 0) / 3)  # hand grades count
    rows = list(csv.reader((klass.out / "items.csv").read_text(encoding="utf-8").splitlines()))
    assert any(r[0] == "q9_3" and r[9].startswith("hidden case 2") for r in rows)


def test_report_context_with_nobody_graded(tmp_path, monkeypatch):
    """With no graded student: dashes for the means and rates, no histogram; a weak sandbox is said."""
    seen = {}
    monkeypatch.setattr(pages, "report_page", lambda **ctx: seen.update(ctx) or "R")
    summary = SimpleNamespace(out=tmp_path, outcomes=[_outcome("cy", {}, graded=False, problem="p", path=False)],
                              warnings=[], line=lambda: "Graded 0 of 1", unsafe=True)
    report._write_report(summary, SET, [], {})
    assert [(q["mean"], q["rate"]) for q in seen["questions"]] == [("—", "—"), ("—", "0 of 0 graded by hand"),
                                                                  ("—", "—")]
    assert seen["mean_total"] == "—" and seen["histogram"] is None and seen["isolation"] == ""
    assert seen["isolation_weak"] is True and not (tmp_path / "histogram.png").exists()


LOCALE_SCRIPT = r'''
import json, tempfile
from pathlib import Path
from types import SimpleNamespace
from legpain.authoring.assign import hidden_cases_for
from legpain.checking.bank import Assignment
from legpain.grading import report
from legpain.checking.questions import Number, Text
from legpain.checking.scoring import Report

d = Path(tempfile.mkdtemp())
txt = Text("q9_2", points=3, min_words=1)
p = d / "manual.csv"
report.update_manual(p, ["Jos\u00e9", "Jose"], {"q9_2": txt})
data = p.read_bytes().replace("Jos\u00e9,q9_2,,".encode(), "Jos\u00e9,q9_2,2,tr\u00e8s bien".encode())
p.write_bytes(data.replace(b"Jose,q9_2,,", "Jose,q9_2,3,tr\u00e8s bien".encode()))
grades, warnings = report.read_manual(p, {"q9_2": txt}, {"Jos\u00e9", "Jose"})
assert grades == {("Jos\u00e9", "q9_2"): (2.0, "tr\u00e8s bien"), ("Jose", "q9_2"): (3.0, "tr\u00e8s bien")}, grades
before = p.read_bytes()
report.update_manual(p, ["Jos\u00e9", "Jose"], {"q9_2": txt})
assert p.read_bytes() == before

num = Number("q9_1", answer=5)
a = Assignment("09-fake", 9, (num, txt), ())
cap = {"q9_1": num.capture(5), "q9_2": txt.capture("caf\u00e9")}
res = Report(a.slug, [num.judge(cap["q9_1"]), txt.judge(cap["q9_2"])], public=False)
o = SimpleNamespace(item=SimpleNamespace(student="Jose", label="caf\u00e9/Jose.ipynb", path=Path("x")), graded=True,
                    problem="", full=res, public=res, captured=cap, cell_notes=[], seconds=1.0)
(d / "feedback").mkdir()
report._write_report = lambda *args: None
report.write_all(SimpleNamespace(out=d, outcomes=[o], warnings=[]), a, {})
assert "caf\u00e9".encode() in (d / "grades.csv").read_bytes()
assert "caf\u00e9".encode() in (d / "grades_wide.csv").read_bytes()
assert "tr\u00e8s".encode() in (d / "feedback" / "Jose.html").read_bytes()

(d / "solutions").mkdir()
cell = {"cell_type": "code", "source": "# caf\u00e9\n### BEGIN HIDDEN TESTS\nhidden_tests('q9_1', [(('\u00e9',), 1)])\n### END HIDDEN TESTS"}
(d / "solutions" / "09-fake-solutions.ipynb").write_bytes(json.dumps({"cells": [cell]}, ensure_ascii=False).encode())
assert [c.args for c in hidden_cases_for("09-fake", d)["q9_1"]] == [("\u00e9",)]
print("ok")
'''


def test_files_are_utf8_whatever_the_locale(tmp_path):
    """manual.csv, the gradebooks, the feedback pages and the solution notebooks are read and written as UTF-8
    even where the system's locale is not (an instructor's machine with a legacy code page): names with accents
    survive. Run in a process with the plain C locale."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env.update(LC_ALL="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0", MPLBACKEND="Agg")
    import legpain

    here = str(Path(legpain.__file__).resolve().parents[1])  # this very package (under mutation testing: its copy)
    env["PYTHONPATH"] = here
    out = subprocess.run([sys.executable, "-c", LOCALE_SCRIPT], env=env, capture_output=True, text=True,
                         encoding="utf-8", cwd=here, timeout=120)
    assert out.stdout.strip() == "ok", out.stderr[-2000:]


def test_feedback_page_for_an_unknown_status_and_a_graded_problem(klass, monkeypatch):
    """A status without a style is shown by its name with '?' in grey; a graded student's page shows no problem
    line; each row has the style's colour and symbol."""
    from legpain.checking.feedback import STYLES

    seen = []
    monkeypatch.setattr(pages, "feedback_page", lambda **ctx: seen.append(ctx) or "page")
    ana = klass.outcomes[0]
    ana.problem = "an old note"
    report._feedback_page(ana, SET, {}, {})
    assert seen[-1]["problem"] == ""
    row = seen[-1]["rows"][0]
    assert (row["symbol"], row["word"], row["colour"]) == STYLES["correct"]
    ana.public.results[0].status = "odd"
    report._feedback_page(ana, SET, {}, {})
    row = seen[-1]["rows"][0]
    assert (row["symbol"], row["word"], row["colour"]) == ("?", "odd", "#999999")


def test_two_hand_graded_questions_add_up(tmp_path, monkeypatch):
    """Hand grades of several questions add up, pending ones are counted, and a grade without a comment says
    'graded by hand'."""
    monkeypatch.setattr(report, "_write_report", lambda *a, **k: None)
    t1, t2, t3 = Text("q9_2", points=3, min_words=1), Text("q9_4", points=2, min_words=1), Text("q9_5", min_words=1)
    a = Assignment("09-fake", 9, (t1, t2, t3), ())
    cap = {q.qid: q.capture("words") for q in a.exercises}
    res = Report(a.slug, [q.judge(cap[q.qid]) for q in a.exercises], public=False)
    o = SimpleNamespace(item=SimpleNamespace(student="ana", label="ana.ipynb", path=Path("ana.ipynb")), graded=True,
                        problem="", full=res, public=res, captured=cap, cell_notes=[], seconds=1.0)
    (tmp_path / "feedback").mkdir()
    (tmp_path / "manual.csv").write_text("student,question,points,comment\nana,q9_2,2,\nana,q9_4,1.5,ok\n",
                                         encoding="utf-8")
    report.write_all(SimpleNamespace(out=tmp_path, outcomes=[o], warnings=[]), a, {})
    wide = _csv(tmp_path / "grades_wide.csv")[1]
    assert wide[2] == "graded; 1 answer(s) need manual grading" and wide[6:9] == ["0", "3.5", "3.5"]
    long = {r[1]: r for r in _csv(tmp_path / "grades.csv")[1:]}
    assert long["q9_2"][4:6] == ["graded by hand", "graded by hand"] and long["q9_4"][5] == "ok"
    (tmp_path / "manual.csv").write_text("student,question,points,comment\n", encoding="utf-8")
    report.write_all(SimpleNamespace(out=tmp_path, outcomes=[o], warnings=[]), a, {})
    assert _csv(tmp_path / "grades_wide.csv")[1][2] == "graded; 3 answer(s) need manual grading"


def test_read_manual_keeps_line_ends_inside_a_comment_and_replaces_bad_bytes(tmp_path):
    """A comment written over two lines keeps its own line end; bytes that are not UTF-8 are replaced, not fatal
    (reading and updating)."""
    p = _write(tmp_path, 'student,question,points,comment\r\nana,q9_2,1,"two\r\nlines"\r\n')
    assert report.read_manual(p, {"q9_2": TXT})[0] == {("ana", "q9_2"): (1.0, "two\r\nlines")}
    p.write_bytes(b"student,question,points,comment\nana,q9_2,1,caf\xe9\n")
    assert report.read_manual(p, {"q9_2": TXT})[0] == {("ana", "q9_2"): (1.0, "caf\ufffd")}
    report.update_manual(p, ["ana", "bo"], {"q9_2": TXT})
    assert p.read_bytes().endswith(b"caf\xe9\nbo,q9_2,,\n")


def test_report_questions_show_the_item_analysis(klass, monkeypatch):
    """The question table of report.html shows each question's difficulty, discrimination and flags from the item
    analysis."""
    from legpain.grading import item_analysis as items

    seen = {}
    monkeypatch.setattr(pages, "report_page", lambda **ctx: seen.update(ctx) or "R")
    real = items.analyse

    def analysed(*args, **kw):
        stats = real(*args, **kw)
        stats[0].discrimination, stats[0].flags = 0.42, ["look"]
        return stats

    monkeypatch.setattr(items, "analyse", analysed)
    report._write_report(klass, SET, [1.0], {}, HIDDEN)
    q1 = seen["questions"][0]
    assert (q1["discrimination"], q1["flags"]) == (0.42, ["look"])


def test_text_that_cannot_be_encoded_is_replaced_not_fatal(tmp_path, monkeypatch):
    """A student id or file label holding a lone surrogate (a file name that was not UTF-8) does not stop the
    gradebooks, manual.csv or the feedback page from being written: what cannot be encoded is replaced."""
    monkeypatch.setattr(report, "_write_report", lambda *a, **k: None)
    a = Assignment("09-fake", 9, (TXT,), ())
    cap = {"q9_2": TXT.capture("two words")}
    res = Report(a.slug, [TXT.judge(cap["q9_2"])], public=False)
    o = SimpleNamespace(item=SimpleNamespace(student="s\udcff", label="s\udcff.ipynb", path=Path("s.ipynb")),
                        graded=True, problem="", full=res, public=res, captured=cap, cell_notes=[], seconds=1.0)
    (tmp_path / "feedback").mkdir()
    summary = SimpleNamespace(out=tmp_path, outcomes=[o], warnings=[])
    report.write_all(summary, a, {})
    assert b"s?" in (tmp_path / "grades.csv").read_bytes() and b"s?" in (tmp_path / "grades_wide.csv").read_bytes()
    assert b"s?" in (tmp_path / "manual.csv").read_bytes()
    pages_written = list((tmp_path / "feedback").iterdir())
    assert len(pages_written) == 1 and b"s?" in pages_written[0].read_bytes()
