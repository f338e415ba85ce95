"""Download from the LMS -> grade -> lms -> import file, with no renaming: a zip named as Canvas, Moodle (both
layouts), Blackboard Learn and Brightspace name their bulk downloads (docs/lms-downloads.md), graded in the sandbox,
then matched to a roster in that LMS's own export format. Each student's notebook earns a different total, so every
grade is seen to land on its own student's row. The students are made up."""

import csv
import importlib.util
import zipfile

import pytest

from legpain import __main__ as cli
from legpain.common import notebooks
from legpain.grading import grade

from helpers import ROOT

SLUG = "00-start-here"
NB = "00-start-here-exercises.ipynb"


def _fixture_helpers():
    """tests/fixtures/grading/make_fixtures.py: the grader fixtures' own notebook builder (fill in answers)."""
    spec = importlib.util.spec_from_file_location("make_fixtures", ROOT / "tests/fixtures/grading/make_fixtures.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


MF = _fixture_helpers()
# automatic points each notebook earns (q0_1: 1, q0_2: 1, q0_3: 2; the hand-graded q0_4 left unanswered)
ANSWERS = {0: (), 1: ("q0_1",), 2: ("q0_1", "q0_2"), 3: ("q0_1", "q0_3"), 4: ("q0_1", "q0_2", "q0_3")}


def notebook(points: int) -> str:
    return notebooks.dumps(MF.fill({q: MF.RIGHT[q] for q in ANSWERS[points]}))


def make_zip(path, members):
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members:
            zf.writestr(name, notebook(data) if isinstance(data, int) else data)
    return path


def run_grade(tmp_path, z, *args):
    out = tmp_path / "graded"
    code = cli.main(["grade", str(z), "--assignment", SLUG, "--out", str(out), "--workers", "1", "--timeout", "5",
                     *args])
    assert code == 0
    return out


def read_csv(path, encoding="utf-8", delimiter=","):
    with open(path, newline="", encoding=encoding) as fh:
        return list(csv.reader(fh, delimiter=delimiter))


def wide(out):
    with open(out / "grades_wide.csv", newline="", encoding="utf-8") as fh:
        return {r["student"]: r for r in csv.DictReader(fh)}


def write_roster(path, rows, encoding="utf-8", delimiter=","):
    with open(path, "w", newline="", encoding=encoding) as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)
    return path


def test_canvas_on_time_late_and_resubmitted(tmp_path, capsys):
    """Canvas: an on-time, a late and a resubmitted file (Canvas's -1 copy is the later one), a name with "_", one
    with accents and an original file name with spaces; a text entry and a stray file. grades_wide.csv is keyed by
    Canvas's user id, with the name and the late flag; the gradebook import puts each total on the row of that ID."""
    z = make_zip(tmp_path / "canvas.zip", [
        (f"smithjane_104233_5551234_{NB}", 3),
        (f"doejohn_LATE_104977_5551299_{NB}", 2),
        (f"leeamy_105001_5551301_{NB}", 1),
        ("leeamy_105001_5551377_00-start-here-exercises-1.ipynb", 4),
        ("van_der_bergana_105020_5551500_my notebook_final (1).ipynb", 0),
        ("núñezjosé_LATE_105010_5551400_00-start-here-exercises (2).ipynb", 1),
        ("kimmin_105030_text.html", "<p>my answers</p>"),
        ("stray notebook.ipynb", 2),
    ])
    out = run_grade(tmp_path, z)
    book = wide(out)
    assert book["104233"]["name"] == "smithjane" and book["104233"]["late"] == "no"
    assert book["104977"]["late"] == "yes" and book["105010"]["late"] == "yes"
    assert book["105001"]["total"] == "4" and book["105001"]["file"].endswith("-1.ipynb")
    assert "not counted" in book["105001"]["attempts"]
    assert book["stray notebook"]["lms"] == "" and book["stray notebook"]["total"] == "2"
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "Submissions as the LMS named them" in report and "Canvas marked it LATE" in report
    assert "name not recognised" in report and "&lt;sortable name&gt;_[LATE_]&lt;user id&gt;" in report

    roster = write_roster(tmp_path / "canvas-gradebook.csv", [
        ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Exercise set 00 (4711)"],
        ["    Points Possible", "", "", "", "", "6"],
        ["Smith, Jane", "104233", "S1001", "jsmith", "A", ""],
        ["Doe, John", "104977", "S1002", "jdoe", "A", ""],
        ["Lee, Amy", "105001", "S1003", "alee", "A", ""],
        ["van der Berg, Ana", "105020", "S1004", "avdberg", "B", ""],
        ["Núñez, José", "105010", "S1005", "jnunez", "B", ""],
        ["Kim, Min", "105030", "S1006", "mkim", "B", ""],
    ])
    code = cli.main(["lms", "--grades", str(out / "grades_wide.csv"), "--roster", str(roster), "--assignment-name",
                     "Exercise set 00", "--assignment-id", "4711", "--canvas", str(tmp_path / "import.csv")])
    assert code == 0
    rows = read_csv(tmp_path / "import.csv")
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Exercise set 00 (4711)"]
    assert {r[1]: r[5] for r in rows[1:]} == {"104233": "3", "104977": "2", "105001": "4", "105020": "0",
                                              "105010": "1"}
    assert {r[1]: r[0] for r in rows[1:]}["105010"] == "Núñez, José"
    text = capsys.readouterr().out
    assert "matched gradebook students to the roster by its column 'ID'" in text
    assert "not on the roster: stray notebook" in text


@pytest.mark.parametrize("layout", ["folders", "flat"])
def test_moodle_both_layouts_and_the_grading_worksheet(tmp_path, layout):
    """Moodle, a folder per participant (Moodle 4's name, and 3's with "_" after it) or flat files: online text
    ignored; students keyed by participant id. The filled-in grading worksheet keeps every row and column and puts
    each total on the row of that participant's Identifier; the grade import writes the e-mail address."""
    if layout == "folders":
        members = [(f"Jane Smith_4411_assignsubmission_file/{NB}", 3),
                   ("Jane Smith_4411_assignsubmission_onlinetext/onlinetext.html", "<p>hi</p>"),
                   ("José María Núñez_4412_assignsubmission_file_/my_notebook v2.ipynb", 1),
                   (f"Ana Lima_4413_assignsubmission_file/{NB}", 4)]
    else:
        members = [(f"Jane Smith_4411_assignsubmission_file_{NB}", 3),
                   ("Jane Smith_4411_assignsubmission_onlinetext_onlinetext.html", "<p>hi</p>"),
                   ("José María Núñez_4412_assignsubmission_file_my_notebook v2.ipynb", 1),
                   (f"Ana Lima_4413_assignsubmission_file_{NB}", 4)]
    out = run_grade(tmp_path, make_zip(tmp_path / "moodle.zip", members), "--lms", "moodle")
    book = wide(out)
    assert {s: (r["name"], r["total"]) for s, r in book.items()} == {
        "4411": ("Jane Smith", "3"), "4412": ("José María Núñez", "1"), "4413": ("Ana Lima", "4")}

    header = ["Identifier", "Full name", "Email address", "Status", "Grade", "Maximum Grade", "Grade can be changed",
              "Last modified (submission)", "Online text", "Last modified (grade)", "Feedback comments"]
    sheet = [header,
             ["Participant 4411", "Jane Smith", "jane@uni.example", "Submitted for grading", "", "6.00", "Yes",
              "Friday, 1 March 2024, 10:00 AM", "", "-", ""],
             ["Participant 4412", "José María Núñez", "jose@uni.example", "Submitted for grading", "", "6.00",
              "Yes", "Friday, 1 March 2024, 11:00 AM", "", "-", ""],
             ["Participant 4413", "Ana Lima", "ana@uni.example", "Submitted for grading", "", "6.00", "Yes",
              "Friday, 1 March 2024, 12:00 PM", "", "-", ""],
             ["Participant 4414", "Kim Min", "kim@uni.example", "No submission", "", "6.00", "Yes", "-", "", "-",
              ""]]
    roster = write_roster(tmp_path / "worksheet.csv", sheet, encoding="utf-8-sig")
    code = cli.main(["lms", "--grades", str(out / "grades_wide.csv"), "--roster", str(roster), "--assignment-name",
                     "Exercise set 00", "--moodle-worksheet", str(tmp_path / "filled.csv"),
                     "--moodle", str(tmp_path / "import.csv")])
    assert code == 0
    filled = read_csv(tmp_path / "filled.csv")
    assert filled[0] == header and len(filled) == 5
    assert {r[0]: r[4] for r in filled[1:]} == {"Participant 4411": "3", "Participant 4412": "1",
                                                "Participant 4413": "4", "Participant 4414": ""}
    assert [r[:4] + r[5:] for r in filled[1:]] == [r[:4] + r[5:] for r in sheet[1:]]  # nothing else changed
    assert read_csv(tmp_path / "import.csv") == [["email", "Exercise set 00"], ["jane@uni.example", "3"],
                                                 ["jose@uni.example", "1"], ["ana@uni.example", "4"]]


def test_blackboard_two_attempts_receipts_and_a_due_time(tmp_path):
    """Blackboard: two attempts of one student (the latest counts, and is late against --due), receipts ignored,
    a user name with "_" read from its receipt; the Grade Center upload (roster: a tab-separated UTF-16 Grade
    Center download) keeps the assignment's column with its id and puts each total on that Username's row."""
    def receipt(name, user, when):
        return (f"Name: {name} ({user})\nAssignment: Exercise set 00\nDate Submitted: {when}\nCurrent Grade: Needs "
                "Grading\n\nSubmission Field:\nThere is no student submission text data for this assignment.\n\n"
                "Comments:\nThere are no student comments for this assignment.\n")

    a = "Exercise set 00"
    z = make_zip(tmp_path / "gradebook.zip", [
        (f"{a}_jdoe3_attempt_2024-03-01-10-00-00_{NB}", 1),
        (f"{a}_jdoe3_attempt_2024-03-01-10-00-00.txt", receipt("John Doe", "jdoe3", "1 March 2024 10:00")),
        (f"{a}_jdoe3_attempt_2024-03-02-09-30-00_{NB}", 3),
        (f"{a}_jdoe3_attempt_2024-03-02-09-30-00.txt", receipt("John Doe", "jdoe3", "2 March 2024 09:30")),
        (f"{a}_a_lima_attempt_2024-03-01-12-00-00_my_notebook (1).ipynb", 4),
        (f"{a}_a_lima_attempt_2024-03-01-12-00-00.txt", receipt("Ana Lima", "a_lima", "1 March 2024 12:00")),
    ])
    out = run_grade(tmp_path, z, "--due", "2024-03-01 23:59")
    book = wide(out)
    assert set(book) == {"jdoe3", "a_lima"}
    assert (book["jdoe3"]["total"], book["jdoe3"]["late"], book["a_lima"]["late"]) == ("3", "yes", "no")
    assert book["a_lima"]["name"] == "Ana Lima" and "2 notebooks submitted" in book["jdoe3"]["attempts"]

    column = "Exercise set 00 [Total Pts: 6 Score] |123456"
    roster = write_roster(tmp_path / "gc.xls", [
        ["Last Name", "First Name", "Username", "Student ID", "Last Access", "Availability", column],
        ["Doe", "John", "jdoe3", "1001", "2024-03-02", "Available", ""],
        ["Lima", "Ana", "a_lima", "1002", "2024-03-01", "Available", ""],
        ["Kim", "Min", "mkim", "1003", "2024-03-01", "Available", ""],
    ], encoding="utf-16", delimiter="\t")
    code = cli.main(["lms", "--grades", str(out / "grades_wide.csv"), "--roster", str(roster), "--assignment-name",
                     a, "--blackboard", str(tmp_path / "upload.csv")])
    assert code == 0
    rows = read_csv(tmp_path / "upload.csv")
    assert rows[0] == ["Last Name", "First Name", "Username", column]
    assert rows[1:] == [["Doe", "John", "jdoe3", "3"], ["Lima", "Ana", "a_lima", "4"]]
    assert '"jdoe3"' in (tmp_path / "upload.csv").read_text(encoding="utf-8")  # every cell quoted


def test_d2l_names_and_the_grades_import(tmp_path):
    """Brightspace: names carry the full name and the time, not an id; index.html ignored; the grades export is the
    roster (matched by First and Last Name), and the import writes its OrgDefinedId and Username as it has them."""
    z = make_zip(tmp_path / "d2l.zip", [
        (f"123-456 - Jane Smith - Mar 1, 2024 1005 AM - {NB}", 2),
        ("124-457 - José Núñez - Mar 2, 2024 237 PM - my_notebook - v2.ipynb", 4),
        ("index.html", "<html>index</html>"),
    ])
    out = run_grade(tmp_path, z, "--lms", "d2l")
    book = wide(out)
    assert {s: r["total"] for s, r in book.items()} == {"Jane Smith": "2", "José Núñez": "4", "index": "0"}
    assert book["index"]["status"].startswith("not graded: Brightspace's index")

    roster = write_roster(tmp_path / "d2l-export.csv", [
        ["OrgDefinedId", "Username", "Last Name", "First Name", "Email",
         "Exercise set 00 Points Grade <Numeric MaxPoints:6>", "End-of-Line Indicator"],
        ["#S1001", "#jsmith", "Smith", "Jane", "jane@uni.example", "", "#"],
        ["#S1005", "#jnunez", "Núñez", "José", "jose@uni.example", "", "#"],
        ["#S1006", "#mkim", "Kim", "Min", "kim@uni.example", "", "#"],
    ])
    code = cli.main(["lms", "--grades", str(out / "grades_wide.csv"), "--roster", str(roster), "--assignment-name",
                     "Exercise set 00", "--d2l", str(tmp_path / "import.csv"), "--max-unmatched", "0"])
    assert code == 0
    assert read_csv(tmp_path / "import.csv") == [
        ["OrgDefinedId", "Username", "Exercise set 00 Points Grade", "End-of-Line Indicator"],
        ["#S1001", "#jsmith", "2", "#"], ["#S1005", "#jnunez", "4", "#"]]


def test_lms_lists_every_unmatched_student_with_the_closest_roster_name(tmp_path, capsys):
    """A roster that does not fit the gradebook: every student not on it is listed with the closest roster entry
    (a typo is easy to see), and more than --max-unmatched of the class unmatched exits 1."""
    grades = tmp_path / "grades_wide.csv"
    write_roster(grades, [
        ["student", "file", "status", "total", "max_points", "name", "lms", "late", "attempts"],
        ["104233", "a.ipynb", "graded", "3", "6", "smithjane", "canvas", "no", ""],
        ["104977", "b.ipynb", "graded", "2", "6", "doejohn", "canvas", "yes", ""],
        ["105001", "c.ipynb", "graded", "4", "6", "leeamy", "canvas", "no", ""],
    ])
    roster = write_roster(tmp_path / "roster.csv", [
        ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"],
        ["Smith, Jane", "104233", "S1", "jsmith", "A"],
        ["Doe, Jon", "104979", "S2", "jdoe", "A"],
        ["Lee, Amy", "105011", "S3", "alee", "A"],
    ])
    args = ["lms", "--grades", str(grades), "--roster", str(roster), "--assignment-name", "Set 00", "--canvas",
            str(tmp_path / "c.csv")]
    assert cli.main(args) == 1
    text = capsys.readouterr()
    assert "not on the roster: 104977 (doejohn); closest roster entry: Doe, Jon (ID 104979)" in text.out
    assert "not on the roster: 105001 (leeamy); closest roster entry: Lee, Amy (ID 105011)" in text.out
    assert "2 of 3 students in the gradebook (67%) are not on the roster, more than the 50%" in text.err
    assert cli.main(args + ["--max-unmatched", "0.7"]) == 0
    assert read_csv(tmp_path / "c.csv")[1][:2] == ["Smith, Jane", "104233"]


def test_the_best_attempt_counts_when_asked(tmp_path):
    """--attempt best: every attempt is graded and the higher total counts, even an earlier one; the other attempt's
    row says what it scored."""
    a = "Exercise set 00"
    z = make_zip(tmp_path / "gradebook.zip", [(f"{a}_jdoe3_attempt_2024-03-01-10-00-00_{NB}", 4),
                                              (f"{a}_jdoe3_attempt_2024-03-02-09-30-00_{NB}", 1)])
    out = run_grade(tmp_path, z, "--attempt", "best", "--due", "2024-03-01 23:59")
    book = wide(out)
    assert (book["jdoe3"]["total"], book["jdoe3"]["late"]) == ("4", "no")
    assert book["jdoe3"]["attempts"].startswith("2 notebooks graded; the best counts")
    with open(out / "grades.csv", newline="", encoding="utf-8") as fh:
        other = [r for r in csv.DictReader(fh) if r["status"] == "not graded"]
    assert [r["message"].split(";")[0] for r in other] == ["not counted: scored 1 of 4 automatic points"]
