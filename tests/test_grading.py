"""The class grader: golden grades for every fixture behaviour, one outcome per file, safe feedback, manual grades
kept across runs, zip input, exit codes, and agreement with a student's own check_all()."""

import csv
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from legpain.common.layout import set_files
from legpain.grading import GradeError, grade
from legpain.grading.intake import find_submissions, safe_filename

from helpers import ROOT, cell_text, run_notebook

FIX = ROOT / "tests" / "fixtures" / "grading"
SUBS = FIX / "submissions-00"


def rows(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    out = tmp_path_factory.mktemp("grading") / "out"
    summary = grade(SUBS, "00-start-here", out, workers=2, timeout=2, progress=False)
    return summary, out


def test_golden_grades_for_every_fixture(graded):
    """Each fixture submission gets exactly the points and status recorded in expected-00.csv."""
    _, out = graded
    got = sorted((r["student"], r["question"], r["points"], r["status"], r["file"]) for r in rows(out / "grades.csv"))
    want = sorted(tuple(r.values()) for r in rows(FIX / "expected-00.csv"))
    assert got == want


def test_every_input_file_has_exactly_one_outcome(graded):
    """Every file under the submissions folder appears in the gradebook, graded or with a reason."""
    summary, out = graded
    files = {p.relative_to(SUBS).as_posix() for p in SUBS.rglob("*") if p.is_file()}
    in_book = {r["file"] for r in rows(out / "grades.csv")}
    assert files == in_book
    assert len(summary.outcomes) == len(files)
    reasons = {r["file"]: r["message"] for r in rows(out / "grades.csv") if r["status"] == "not graded"}
    assert reasons["malformed.ipynb"].startswith("malformed JSON")
    assert reasons["empty.ipynb"] == "the file is empty"
    assert "not a notebook" in reasons["not a notebook.txt"]
    assert reasons["wrong set.ipynb"].startswith("wrong assignment")
    assert reasons["crashes.ipynb"].startswith("kernel died")
    assert reasons["ana.ipynb"].startswith("duplicate student id")
    assert reasons["ignores alarms.ipynb"].startswith("timed out")


def test_cheats_gain_nothing(graded):
    """Redefining check(), patching numpy or the package, or an object equal to everything earns no point."""
    _, out = graded
    wide = {r["student"]: r for r in rows(out / "grades_wide.csv")}
    for cheat in ("redefines check", "patches numpy", "always equal"):
        assert float(wide[cheat]["q0_1"]) == 0 and float(wide[cheat]["q0_2"]) == 0
        assert float(wide[cheat]["q0_3"]) < 1
    assert float(wide["alice"]["auto_points"]) == 4


def test_loops_sleeps_widgets_and_input_do_not_hang(graded):
    """An endless loop, a long sleep, input(), widgets and plt.show() end in their timeout or are answered."""
    summary, out = graded
    wide = {r["student"]: r for r in rows(out / "grades_wide.csv")}
    assert "stopped" in wide["widgets input sleep"]["status"] and "EOFError" in wide["widgets input sleep"]["status"]
    assert float(wide["widgets input sleep"]["auto_points"]) == 4
    assert float(wide["looper"]["q0_3"]) == 0  # the answer's own cell never finished
    assert summary.seconds < 60


def test_student_ids_are_kept_intact(graded):
    """Ids with spaces and non-ASCII letters are kept in the gradebook and in feedback file names."""
    _, out = graded
    assert "José Núñez" in {r["student"] for r in rows(out / "grades_wide.csv")}
    assert (out / "feedback" / "José Núñez.html").exists()
    assert safe_filename("a/b") == "a_b" and safe_filename("..") == "student" and safe_filename("Zoë K") == "Zoë K"


def test_feedback_never_shows_hidden_tests(graded):
    """No feedback page holds a hidden case, its expected value, or a claim that all checks passed."""
    _, out = graded
    from legpain.authoring.assign import hidden_cases_for

    secrets = set()
    for cases in hidden_cases_for("00-start-here").values():
        for c in cases:
            secrets.add(repr(c.args))
            if c.expected not in (0.0, 50.0, 25.0):  # values that also occur in public text
                secrets.add(repr(c.expected))
    for page in (out / "feedback").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "hidden_tests" not in text and "Hidden checks:" not in text
        assert not re.search(r"all (checks|tests) passed", text, re.I)
        for s in secrets:
            assert s not in text, f"{page.name} shows {s}"
    alice = (out / "feedback" / "alice.html").read_text(encoding="utf-8")
    n = len(hidden_cases_for("00-start-here")["q0_3"])
    assert f"{n} more checks you cannot see" in alice and "graded later" in alice


def test_report_has_statistics_histogram_and_texts(graded):
    """report.html has per-question mean and pass rate, a histogram with alt text, and the free-text answers."""
    _, out = graded
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "Pass rate" in report and "Mean points" in report
    assert re.search(r"""<img src=["']data:image/png;base64,""", report)
    assert re.search(r"""alt=["']Histogram""", report)
    assert "whether they sell the treatment" in report and "needs manual grading" in report
    assert (out / "histogram.png").read_bytes()[:4] == b"\x89PNG"


def test_rerun_keeps_manual_grades(graded, tmp_path):
    """Points typed into manual.csv survive a second run into the same folder and count in the totals."""
    _, out = graded
    out2 = tmp_path / "again"
    shutil.copytree(out, out2)
    manual = out2 / "manual.csv"
    text = manual.read_text(encoding="utf-8").replace("alice,q0_4,,", "alice,q0_4,1.5,clear and specific")
    text = text.replace("bob,q0_4,,", "bob,q0_4,lots,typo")
    manual.write_text(text, encoding="utf-8")
    small = tmp_path / "subs"
    small.mkdir()
    for name in ("alice.ipynb", "José Núñez.ipynb"):
        shutil.copy(SUBS / name, small / name)
    (small / "bob").mkdir()
    shutil.copy(SUBS / "bob" / "00-start-here-exercises.ipynb", small / "bob")
    summary = grade(small, "00-start-here", out2, workers=1, timeout=2, progress=False)
    assert manual.read_text(encoding="utf-8").startswith(text)  # nothing changed, at most rows added
    wide = {r["student"]: r for r in rows(out2 / "grades_wide.csv")}
    assert float(wide["alice"]["total"]) == 5.5 and float(wide["alice"]["manual_points"]) == 1.5
    longb = {(r["student"], r["question"]): r for r in rows(out2 / "grades.csv")}
    assert longb[("alice", "q0_4")]["status"] == "graded by hand"
    assert longb[("bob", "q0_4")]["status"] == "needs manual grading"
    assert any("not a number" in w for w in summary.warnings)


def test_zip_of_student_folders(tmp_path, monkeypatch):
    """A zip (as an LMS exports it, with one top folder) grades like the folder; a member that climbs out with ..
    gets a row saying it was refused, and nothing is written outside the folder the zip is unpacked in."""
    import tempfile

    systmp = tmp_path / "systmp"  # where the grader unpacks (its temporary folder): a slip would land here or above
    systmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(systmp))
    z = tmp_path / "class.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.write(SUBS / "alice.ipynb", "export/alice.ipynb")
        zf.write(SUBS / "bob" / "00-start-here-exercises.ipynb", "export/bob/00-start-here-exercises.ipynb")
        zf.writestr("export/../../evil.ipynb", "{}")
        zf.writestr("export/../../../evil.ipynb", "{}")
    summary = grade(z, "00-start-here", tmp_path / "out", workers=1, timeout=2, progress=False)
    assert sorted(o.item.student for o in summary.outcomes if o.graded) == ["alice", "bob"]
    refused = [o for o in summary.outcomes if "evil" in o.item.label]
    assert len(refused) == 2 and all("refused" in o.problem and not o.graded for o in refused)
    assert list(systmp.iterdir()) == []  # unpacked, then removed
    assert not list(tmp_path.rglob("evil*.ipynb"))


def test_bad_runs_exit_with_a_clear_message(tmp_path):
    """An unknown exercise set or a missing folder stops the run (exit 2) with a message; nothing else does."""
    with pytest.raises(GradeError, match="no exercise set"):
        grade(SUBS, "42-nope", tmp_path / "o")
    run = lambda *a: subprocess.run([sys.executable, "-m", "legpain", "grade", *a],  # noqa: E731
                                    capture_output=True, text=True)
    r = run(str(tmp_path / "missing"), "--assignment", "00-start-here", "--out", str(tmp_path / "o"))
    assert r.returncode == 2 and "no such file or folder" in r.stderr
    one = tmp_path / "one"
    one.mkdir()
    (one / "x.txt").write_text("hello")
    r = run(str(one), "--assignment", "00", "--out", str(tmp_path / "o2"))
    assert r.returncode == 0 and "Graded 0 of 1" in r.stdout


def test_intake_orders_and_flags(tmp_path):
    """A folder with several notebooks grades the one named like the set (its student copy's name, else the name
    it had before issue 14) and flags the others as duplicates."""
    for student, names in {"kim": ("draft.ipynb", "00-start-here.ipynb"),
                           "lee": ("draft.ipynb", "00-start-here.ipynb", "00-start-here-exercises.ipynb")}.items():
        d = tmp_path / "s" / student
        d.mkdir(parents=True)
        for name in names:
            shutil.copy(SUBS / "alice.ipynb", d / name)
    items, _ = find_submissions(tmp_path / "s", "00-start-here")
    graded = [i for i in items if i.path]
    assert [i.label for i in graded] == ["kim/00-start-here.ipynb", "lee/00-start-here-exercises.ipynb"]
    assert any(i.problem.startswith("duplicate student id") for i in items)


def test_the_students_work_under_the_old_name_beats_a_blank_handout_copy(tmp_path):
    """A class handed the old files that later pulled the course has, in a student's folder, the fresh blank copy
    under the new name beside the student's work under the old one: the score comes from the work, and the blank
    copy's row says why it was not graded."""
    kim = tmp_path / "s" / "kim"
    kim.mkdir(parents=True)
    shutil.copy(set_files("00-start-here").exercise, kim / "00-start-here-exercises.ipynb")
    shutil.copy(SUBS / "alice.ipynb", kim / "00-start-here.ipynb")
    summary = grade(tmp_path / "s", "00-start-here", tmp_path / "out", workers=1, timeout=2, progress=False)
    wide = {r["student"]: r for r in rows(tmp_path / "out" / "grades_wide.csv")}
    assert wide["kim"]["file"] == "kim/00-start-here.ipynb" and float(wide["kim"]["auto_points"]) == 4
    [blank] = [o for o in summary.outcomes if not o.graded]
    assert blank.item.label == "kim/00-start-here-exercises.ipynb"
    assert blank.problem == "the blank handout copy; kim/00-start-here.ipynb holds the student's work and was graded"


@pytest.mark.parametrize("name", ["alice.ipynb", "wrong answers.ipynb", "moved cells.ipynb"])
def test_check_all_agrees_with_the_grader(graded, name):
    """A student's check_all() in their own kernel reports the public score the grader computes."""
    _, out = graded
    from legpain.common import notebooks

    nb = notebooks.read(SUBS / name)
    done = run_notebook(nb, extra_cells=["print('PUBLIC=%s' % check_all('00-start-here').public_score)"])
    public = float(re.search(r"PUBLIC=([\d.]+)", cell_text(done.cells[-1])).group(1))
    wide = {r["file"]: r for r in rows(out / "grades_wide.csv")}
    assert public == pytest.approx(float(wide[name]["public_score"]), abs=0.005)  # the CSV keeps 2 decimals


def test_grades_every_real_exercise_set(tmp_path):
    """On each of the course's exercise sets, the solution earns every auto point (hidden cases included) and the
    untouched student copy earns none."""
    from legpain.checking import bank

    for slug in bank.slugs():
        subs = tmp_path / slug
        subs.mkdir()
        shutil.copy(set_files(slug).solution, subs / "model.ipynb")
        shutil.copy(set_files(slug).exercise, subs / "blank.ipynb")
        summary = grade(subs, slug, tmp_path / f"out-{slug}", workers=2, timeout=10, progress=False)
        by = {o.item.student: o for o in summary.outcomes}
        assert by["model"].graded and by["blank"].graded, (slug, by["model"].problem, by["blank"].problem)
        assert by["model"].full.score == by["model"].full.auto_max, [
            (r.qid, r.status, r.message) for r in by["model"].full.results if not r.manual]
        assert by["blank"].full.score == 0
