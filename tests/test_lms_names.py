"""File names as LMSs name a bulk download (legpain/grading/lms_names.py), read back into the student's LMS
identifier, their name, the original file name, the attempt's time and lateness; and the intake that uses them:
several attempts, names that follow no pattern, a participant's folder alone in a zip. Names are built from each
LMS's documented naming (docs/lms-downloads.md); no real student is named."""

import unicodedata
import zipfile
from datetime import datetime
from types import SimpleNamespace

import pytest

from legpain.grading import _keep_best
from legpain.grading import lms_names as L
from legpain.grading.intake import IntakeError, find_submissions

SLUG = "00-start-here"
NB = "00-start-here-exercises.ipynb"


# ---- Canvas --------------------------------------------------------------------------------------------------------

def test_canvas_on_time_late_and_resubmitted():
    """Canvas: <sortable name>_[LATE_]<user id>_<file id>_<file name>; LATE is the late flag; a file Canvas renamed
    -1, -2 (a second upload of one name) sorts after the first; the file id breaks ties."""
    n = L.parse(f"smithjane_104233_5551234_{NB}", "canvas")
    assert (n.student, n.name, n.file, n.late) == ("104233", "smithjane", NB, False)
    n = L.parse(f"doejohn_LATE_104977_5551299_{NB}", "canvas")
    assert (n.student, n.name, n.late) == ("104977", "doejohn", True)
    first = L.parse(f"leeamy_105001_5551301_{NB}", "canvas")
    again = L.parse("leeamy_105001_5551300_00-start-here-exercises-1.ipynb", "canvas")
    assert again.file == "00-start-here-exercises-1.ipynb" and again.order > first.order


def test_canvas_names_with_underscores_accents_and_spaces():
    """A sortable name may hold "_" (never "_<digits>_": Canvas removes those) and letters with accents; the
    original file name keeps its spaces, underscores and digits; names decomposed by macOS (NFD) read the same."""
    n = L.parse("van_der_bergana_105020_5551500_my_notebook 2_final (1).ipynb", "canvas")
    assert (n.student, n.name, n.file) == ("105020", "van_der_bergana", "my_notebook 2_final (1).ipynb")
    nfd = unicodedata.normalize("NFD", "núñezjosé_105010_5551400_00_start here.ipynb")
    n = L.parse(nfd, "canvas")
    assert (n.student, n.name, n.file) == ("105010", "núñezjosé", "00_start here.ipynb")


def test_canvas_anonymous_and_text_entries():
    """Anonymous grading puts anon_<id> in place of name and user id; a text entry or a URL is Canvas's own page,
    recognised and ignored."""
    n = L.parse("LATE_anon_x1Y2z_5551600_a.ipynb", "canvas")
    assert (n.student, n.late) == ("anon_x1Y2z", True)
    n = L.parse("doejohn_104977_text.html", "canvas")
    assert n.student == "104977" and "text entry" in n.ignore
    assert L.parse("doejohn_LATE_104977_link.html", "canvas").ignore
    for other in (NB, "alice.ipynb", "jane_smith.ipynb", "smith_abc_12_x.ipynb", "Jane Smith_4411_assignsubmission_"
                  "file_x.ipynb"):
        assert L.parse(other, "canvas") is None, other
    assert L.parse("smithjane_104233_5551234_x", "canvas", is_dir=True) is None


# ---- Moodle --------------------------------------------------------------------------------------------------------

def test_moodle_folders_flat_files_and_online_text():
    """Moodle: a folder <full name>_<participant id>_assignsubmission_file (with "_" after it before Moodle 4.1),
    or flat files <...>_assignsubmission_file_<file name>; online text is recognised and ignored."""
    for folder in ("Jane Smith_4411_assignsubmission_file", "Jane Smith_4411_assignsubmission_file_"):
        n = L.parse(folder, "moodle", is_dir=True)
        assert (n.student, n.name, n.file, n.ignore) == ("4411", "Jane Smith", "", "")
    n = L.parse("José María Núñez_4412_assignsubmission_file_my_nb_v2 final.ipynb", "moodle")
    assert (n.student, n.name, n.file) == ("4412", "José María Núñez", "my_nb_v2 final.ipynb")
    assert L.parse("Jane Smith_4411_assignsubmission_onlinetext_", "moodle", is_dir=True).ignore
    assert "online text" in L.parse("Jane Smith_4411_assignsubmission_onlinetext_onlinetext.html", "moodle").ignore
    assert L.parse("Participant_4415_assignsubmission_file_x.ipynb", "moodle").student == "4415"  # blind marking
    assert L.parse("Jane Smith_4411_assignsubmission_file_", "moodle") is None  # a file with no name after it
    assert L.parse("Jane Smith", "moodle", is_dir=True) is None


# ---- Blackboard ----------------------------------------------------------------------------------------------------

def test_blackboard_attempts_receipts_and_user_names():
    """Blackboard: <assignment>_<user name>_attempt_<yyyy-mm-dd-hh-mm-ss>_<file name> and a .txt receipt per attempt
    (ignored). The user name is what follows the part every name shares (the assignment, which may hold "_");
    a user name with "_" is read from the attempt's receipt ("Name: First Last (user name)")."""
    names = [("Set_00 final_jdoe3_attempt_2024-03-01-10-00-00_00_start here.ipynb", False),
             ("Set_00 final_jdoe3_attempt_2024-03-01-10-00-00.txt", False),
             ("Set_00 final_jdoe3_attempt_2024-03-02-09-30-00_00_start here.ipynb", False),
             ("Set_00 final_a_lima_attempt_2024-03-01-12-00-00_notebook.ipynb", False),
             ("Set_00 final_a_lima_attempt_2024-03-01-12-00-00.txt", False)]
    receipt = "Name: Ana Lima (a_lima)\nAssignment: Set_00 final\nDate Submitted: Friday, 1 March 2024 12:00:00\n"
    got = L.parse_all(names, "blackboard", receipts={names[4][0]: receipt})
    first, receipt1, later, ana, receipt2 = (got[n] for n, _ in names)
    assert (first.student, first.file, first.time) == ("jdoe3", "00_start here.ipynb", "2024-03-01-10-00-00")
    assert later.order > first.order and first.when == datetime(2024, 3, 1, 10, 0, 0)
    assert receipt1.ignore.startswith("Blackboard's receipt") and receipt1.student == "jdoe3"
    assert (ana.student, ana.name, receipt2.student) == ("a_lima", "Ana Lima", "a_lima")
    # without the receipts, the shared start (the assignment) still tells the user names apart
    got = L.parse_all(names[:4], "blackboard")
    assert {got[n].student for n, _ in names[:4]} == {"jdoe3", "a_lima"}
    # one student alone: the user name is the last part
    assert L.parse_all(names[:1], "blackboard")[names[0][0]].student == "jdoe3"


def test_due_time_flags_late_attempts():
    """--due: an attempt whose name carries a later time is late; an earlier one is not; a receipt is neither."""
    names = [("HW_jdoe3_attempt_2024-03-01-23-59-00_a.ipynb", False), ("HW_ana_attempt_2024-03-02-00-01-00_a.ipynb",
                                                                         False),
             ("HW_ana_attempt_2024-03-02-00-01-00.txt", False)]
    got = L.parse_all(names, "blackboard", due=datetime(2024, 3, 1, 23, 59))
    assert [got[n].late for n, _ in names] == [False, True, None]


# ---- Brightspace ---------------------------------------------------------------------------------------------------

def test_d2l_names_times_and_index():
    """Brightspace: <n>-<n> - <full name> - <Mon d, yyyy hmm AM/PM> - <file name> (hours and minutes run
    together); the full name is the student (the names carry no id); index.html is ignored."""
    n = L.parse("13394-80551 - Eric Gillotti - Mar 29, 2018 1205 PM - EGillotti - Homework 6.ipynb", "d2l")
    assert (n.student, n.file) == ("Eric Gillotti", "EGillotti - Homework 6.ipynb")
    assert n.when == datetime(2018, 3, 29, 12, 5)
    n = L.parse("124-457 - José  Núñez - Sep 7, 2018 237 AM - my_nb (2).ipynb", "d2l")
    assert (n.student, n.file, n.when) == ("José Núñez", "my_nb (2).ipynb", datetime(2018, 9, 7, 2, 37))
    assert L.parse("index.html", "d2l").ignore and L.parse("index.html", "canvas") is None
    assert L.parse("124-457 - Ana Lima - Sep 7, 2018 237 PM", "d2l", is_dir=True).student == "Ana Lima"


def test_parse_time():
    """Times as LMSs and instructors' patterns write them; anything else is None."""
    assert L.parse_time("2024-03-01-23-59-07") == datetime(2024, 3, 1, 23, 59, 7)
    assert L.parse_time("2024-03-01 23:59") == datetime(2024, 3, 1, 23, 59)
    assert L.parse_time("20240301235907") == datetime(2024, 3, 1, 23, 59, 7)
    assert L.parse_time("Dec 31, 2023 1200 AM") == datetime(2023, 12, 31, 0, 0)
    for bad in ("", "yesterday", "31-12-2023", "2024-13-01", "Foo 1, 2024 100 PM"):
        assert L.parse_time(bad) is None, bad


# ---- detection and an instructor's pattern ----------------------------------------------------------------------

def test_detect_each_lms_and_never_a_hub_folder():
    """The LMS is the one whose naming most names follow, and only when more follow it than follow none: a
    folder collected from a JupyterHub (names are user names) is never taken for a download."""
    assert L.detect([(f"smithjane_1_2_{NB}", False), (f"doejohn_LATE_3_4_{NB}", False), ("stray.ipynb", False)]) \
        == "canvas"
    assert L.detect([("Jane Smith_1_assignsubmission_file", True), ("Ana Lima_2_assignsubmission_onlinetext_", True)]) \
        == "moodle"
    assert L.detect([("HW_ana_attempt_2024-03-01-10-00-00_a.ipynb", False),
                     ("HW_ana_attempt_2024-03-01-10-00-00.txt", False)]) == "blackboard"
    assert L.detect([("1-2 - Ana Lima - Mar 1, 2024 1005 AM - a.ipynb", False), ("index.html", False)]) == "d2l"
    assert L.detect([("alice.ipynb", False), ("bob", True), ("José Núñez.ipynb", False)]) is None
    assert L.detect([("alice.ipynb", False), (f"smithjane_1_2_{NB}", False)]) is None
    assert L.detect([]) is None


def test_an_instructors_pattern_like_nbgrader():
    """--name-pattern: named groups student, file, time (or nbgrader's student_id, file_id, timestamp), matched
    from the start of the name; a pattern without a student group, or not a regular expression, is refused."""
    p = L.compile_pattern(r"(?P<student>[^_]+)_(?P<time>\d{8}T\d{6})_(?P<file>.+)")
    n = L.parse("s_x.ipynb", "pattern", pattern=p)
    assert n is None
    n = L.parse("ab123_20240301T101500_my_nb.ipynb", "pattern", pattern=p)
    assert (n.student, n.file, n.when) == ("ab123", "my_nb.ipynb", datetime(2024, 3, 1, 10, 15, 0))
    p = L.compile_pattern(r".*_(?P<student_id>\w+)_attempt_(?P<timestamp>[0-9\-]+)_(?P<file_id>\w+)")
    n = L.parse("ps1_bitdiddle_attempt_2016-01-30-15-00-00_problem1.ipynb", "pattern", pattern=p)
    assert (n.student, n.file, n.time) == ("bitdiddle", "problem1", "2016-01-30-15-00-00")
    with pytest.raises(L.NamePatternError, match="student"):
        L.compile_pattern(r"(?P<file>.+)")
    with pytest.raises(L.NamePatternError, match="regular expression"):
        L.compile_pattern(r"(?P<student>[")
    with pytest.raises(L.NamePatternError, match="stu"):
        L.compile_pattern(r"(?P<stu>.+)")


# ---- the intake ------------------------------------------------------------------------------------------------------

def _touch(folder, *names):
    for name in names:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{}", encoding="utf-8")


def test_intake_keys_students_by_the_lms_id_and_grades_unmatched_names_under_their_stem(tmp_path):
    """A Canvas download: each notebook is its student's (by Canvas user id, with the name and the late flag); a
    name that follows no Canvas naming is still graded, under its stem, and says which naming it failed; a text
    entry is a row of its own."""
    _touch(tmp_path, f"smithjane_104233_5551234_{NB}", f"doejohn_LATE_104977_5551299_{NB}", "stray notebook.ipynb",
           "leeamy_105001_text.html")
    items, _ = find_submissions(tmp_path, SLUG)
    by = {i.label: i for i in items}
    jane = by[f"smithjane_104233_5551234_{NB}"]
    assert (jane.student, jane.name, jane.lms, jane.late, jane.path is not None) == ("104233", "smithjane", "canvas",
                                                                                    False, True)
    assert by[f"doejohn_LATE_104977_5551299_{NB}"].late is True
    stray = by["stray notebook.ipynb"]
    assert stray.student == "stray notebook" and stray.path is not None and "Canvas's naming" in stray.unmatched
    assert by["leeamy_105001_text.html"].path is None and "text entry" in by["leeamy_105001_text.html"].problem
    # --lms moodle on a Canvas download: nothing matches, every file is graded under its stem and says so
    items, _ = find_submissions(tmp_path, SLUG, lms="moodle")
    assert all("Moodle's naming" in i.unmatched and not i.lms for i in items)
    # --lms none: every name is a student id, as before
    items, _ = find_submissions(tmp_path, SLUG, lms="none")
    assert {i.student for i in items} >= {f"smithjane_104233_5551234_{NB}"[:-6]} and not any(i.lms for i in items)
    with pytest.raises(IntakeError, match="unknown LMS"):
        find_submissions(tmp_path, SLUG, lms="sakai")
    with pytest.raises(IntakeError, match="attempt"):
        find_submissions(tmp_path, SLUG, attempt="last")
    with pytest.raises(IntakeError, match="student"):
        find_submissions(tmp_path, SLUG, name_pattern="(?P<file>.+)")


def test_intake_chooses_the_latest_first_or_every_attempt(tmp_path):
    """Several attempts of one Blackboard student: the latest is graded by default (the others get a row naming the
    one graded), --attempt first the first, --attempt best grades every one; a notebook not named like the
    exercise set loses to one that is."""
    _touch(tmp_path, f"HW_jdoe3_attempt_2024-03-01-10-00-00_{NB}", f"HW_jdoe3_attempt_2024-03-02-09-30-00_{NB}",
           "HW_jdoe3_attempt_2024-03-03-08-00-00_scratch.ipynb", f"HW_ana_attempt_2024-03-01-12-00-00_{NB}")
    items, _ = find_submissions(tmp_path, SLUG)
    graded = {i.label: i for i in items if i.path is not None}
    assert sorted(graded) == [f"HW_ana_attempt_2024-03-01-12-00-00_{NB}", f"HW_jdoe3_attempt_2024-03-02-09-30-00_{NB}"]
    chosen = graded[f"HW_jdoe3_attempt_2024-03-02-09-30-00_{NB}"]
    assert chosen.attempts.startswith("2 notebooks submitted; graded the latest (2024-03-02-09-30-00)")
    rows = {i.label: i.problem for i in items if i.path is None}
    assert rows[f"HW_jdoe3_attempt_2024-03-01-10-00-00_{NB}"].startswith("an earlier attempt of jdoe3:")
    assert rows["HW_jdoe3_attempt_2024-03-03-08-00-00_scratch.ipynb"].startswith("not named like exercise set")
    items, _ = find_submissions(tmp_path, SLUG, attempt="first")
    assert f"HW_jdoe3_attempt_2024-03-01-10-00-00_{NB}" in {i.label for i in items if i.path is not None}
    items, _ = find_submissions(tmp_path, SLUG, attempt="best")
    best = [i for i in items if i.best]
    assert len(best) == 2 and all(i.path is not None for i in best) and not any(i.problem for i in best)


def test_keep_best_counts_the_highest_score():
    """--attempt best: of one student's graded attempts the highest automatic score counts (the later one in a
    tie); the other becomes a row with its score and the one that counts."""
    def outcome(label, score, order):
        item = SimpleNamespace(student="jdoe3", label=label, order=order, best=True, path=label, attempts="")
        full = SimpleNamespace(score=score, auto_max=4.0)
        return SimpleNamespace(item=item, full=full, public=full, captured={"x": 1}, problem="",
                               graded=True)

    a, b = outcome("first.ipynb", 3.0, (1,)), outcome("second.ipynb", 1.0, (2,))
    _keep_best([a, b])
    assert a.full is not None and b.full is None and b.item.path is None
    assert b.problem == ("not counted: scored 1 of 4 automatic points; first.ipynb scored 3 and counts "
                         "(--attempt best)")
    assert a.item.attempts.startswith("2 notebooks graded; the best counts")
    c, d = outcome("c.ipynb", 2.0, (1,)), outcome("d.ipynb", 2.0, (2,))
    _keep_best([c, d])
    assert d.full is not None and c.full is None


def test_a_zip_of_one_moodle_folder_is_not_taken_for_a_wrapper(tmp_path):
    """A Moodle zip holding a single participant's folder keeps the folder's name (the student), rather than
    being looked into as a wrapper folder; its online text is a row of its own."""
    z = tmp_path / "moodle.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr(f"Jane Smith_4411_assignsubmission_file/{NB}", "{}")
        zf.writestr("Jane Smith_4411_assignsubmission_file/notes.txt", "x")
    items, tmp = find_submissions(z, SLUG)
    try:
        assert [(i.student, i.name, i.path is not None) for i in items] == [("4411", "Jane Smith", True),
                                                                             ("4411", "Jane Smith", False)]
    finally:
        import shutil

        shutil.rmtree(tmp)
