"""Grading a class edition's graded set (issue 23): the key stays out of the sandbox.

A set-02 submission whose answer cells take whatever the package offers — the bank's question objects and their
attributes (answers, accepted variants, feedback by elimination, a function question's model solutions), and every
file next to the package (solution notebooks, bank sources, hidden tests) — is graded twice by ``grade`` in its
sandbox: against this checkout's own package, where it scores (the threat is real), and against a class edition with
sets 02 and 05 graded, where it scores no point on any auto-graded question. The model answers (the solution
notebook as a submission) still get every auto-graded point with the edition: the answers are judged outside, with
the instructor's full bank and hidden cases.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT
from legpain.checking import bank
from legpain.common.layout import set_files
from legpain.grading import grade

SLUG = "02-nerve-roots-and-leg-pain"

READER = r'''
from legpain import *
import json, pathlib, re
import legpain
from legpain.checking import bank

answers = {}
# 1. the question objects
for q in bank.assignment("02").exercises:
    if getattr(q, "answer", None) is not None and not callable(getattr(q, "answer")):
        answers[q.qid] = q.answer
    elif getattr(q, "right", ()):
        answers[q.qid] = q.right[0]
    else:
        fb = getattr(q, "feedback", None) or {}
        left = [o for o in getattr(q, "options", "") if o not in fb]
        if fb and len(left) == 1:
            answers[q.qid] = left[0]
# 2. files next to the package: a solution notebook's model answers, run as they are
root = pathlib.Path(legpain.__file__).resolve().parent.parent
found_files = sorted(str(p) for p in root.rglob("*") if p.is_file())
solutions = [p for p in root.rglob("*02-nerve-roots*solutions*.ipynb")]
ns = {}
for path in solutions:
    for cell in json.loads(path.read_text())["cells"]:
        src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "code" and "BEGIN SOLUTION" in src:
            try:
                exec(src.replace("check(", "(lambda *a: None)("), globals(), ns)
            except Exception:
                pass
# 3. give every answer found
for q in bank.assignment("02").exercises:
    value = answers.get(q.qid)
    if q.var in ns:
        value = ns[q.var]
    if isinstance(value, str) and value.lstrip().startswith("def "):
        scope = {}
        exec(value, scope)
        value = scope.get(q.var) or next(v for v in scope.values() if callable(v))
    if value is not None:
        globals()[q.var] = value
        check(q.qid, value)
print("FOUND", len(answers), "answers in the objects,", len(solutions), "solution notebooks,", len(found_files), "files")
'''


def _notebook(cells: list[str]) -> dict:
    return {"cells": [{"cell_type": "code", "metadata": {}, "source": c, "outputs": [], "execution_count": None}
                      for c in cells],
            "metadata": {"legpain": {"assignment": SLUG}}, "nbformat": 4, "nbformat_minor": 5}


@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("edition") / "legpain-class"
    r = subprocess.run([sys.executable, "-m", "legpain", "release", "--out", str(out), "--graded", "02,05",
                        "--salt", "class-test"],
                       cwd=ROOT, capture_output=True, text=True, timeout=300, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert r.returncode == 0, r.stdout + r.stderr
    return out


@pytest.fixture(scope="module")
def submissions(tmp_path_factory) -> Path:
    subs = tmp_path_factory.mktemp("subs")
    (subs / "mallory.ipynb").write_text(json.dumps(_notebook([READER])), encoding="utf-8")
    model = json.loads(set_files(SLUG).solution.read_text(encoding="utf-8"))
    model.setdefault("metadata", {})["legpain"] = {"assignment": SLUG}
    (subs / "ana.ipynb").write_text(json.dumps(model), encoding="utf-8")
    return subs


def _points(out: Path) -> dict[str, dict[str, float]]:
    with open(out / "grades.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    got: dict[str, dict[str, float]] = {}
    for r in rows:
        got.setdefault(r["student"], {})[r["question"]] = float(r["points"] or 0)
    return got


AUTO = [q.qid for q in bank.assignment(SLUG).exercises if not q.manual]


def test_reading_the_package_scores_against_the_instructors_own_package(submissions, tmp_path):
    """The control: graded against this checkout's package (no edition), the reader takes most of the points from
    the bank's objects, although the sandbox hides the solutions."""
    summary = grade(submissions, SLUG, tmp_path / "out", workers=2, progress=False, root=ROOT)
    assert summary.edition == ""
    got = _points(tmp_path / "out")
    stolen = sum(got["mallory"][q] for q in AUTO)
    assert stolen >= 0.75 * sum(q.points for q in bank.assignment(SLUG).exercises if not q.manual), got["mallory"]


def test_reading_the_class_edition_scores_no_point_on_a_graded_question(submissions, edition, tmp_path):
    """Graded with the class edition (sets 02 and 05 graded): the reader scores 0 on every auto-graded question of
    set 02, while the model answers still score every auto-graded point (judged outside with the full bank and the
    hidden cases)."""
    summary = grade(submissions, SLUG, tmp_path / "out", workers=2, progress=False, root=ROOT, edition=edition)
    assert summary.edition == str(edition.resolve()) and summary.salt
    assert not summary.warnings, summary.warnings
    got = _points(tmp_path / "out")
    assert {q: got["mallory"][q] for q in AUTO} == {q: 0.0 for q in AUTO}
    full = {q.qid: float(q.points) for q in bank.assignment(SLUG).exercises if not q.manual}
    assert {q: got["ana"][q] for q in AUTO} == full
    mallory = next(o for o in summary.outcomes if o.item.student == "mallory")
    assert all(r.status in ("unanswered", "invalid", "incorrect") for r in mallory.full.results if not r.manual)


def test_the_sandbox_shows_the_editions_package_not_the_instructors(edition, tmp_path):
    """Inside the sandbox, ``import legpain`` is the edition's copy, the bank of a graded set is sealed, and the
    instructor's package folder (with its full bank) is not there to read; the id of the submission is set."""
    from legpain.grading.sandbox import probe

    if not probe()[0]:
        pytest.skip("no sandbox on this machine")
    subs = tmp_path / "subs"
    subs.mkdir()
    probe_cell = (
        "import legpain, os, pathlib, json\n"
        "from legpain.checking import bank\n"
        f"mine = pathlib.Path({str(ROOT / 'legpain' / 'checking' / 'bank' / 'set02.py')!r})\n"
        "info = {'file': legpain.__file__, 'kinds': sorted({type(q).__name__ for q in bank.assignment('02').exercises}),"
        " 'own_bank_readable': mine.exists() and 'answer=' in mine.read_text(),"
        " 'student': os.environ.get('LEGPAIN_STUDENT')}\n"
        "exits_at_l4_l5 = json.dumps(info)\n"
        "check('q2_1', exits_at_l4_l5)\n")
    (subs / "eve.ipynb").write_text(json.dumps(_notebook(["from legpain import *", probe_cell])), encoding="utf-8")
    summary = grade(subs, SLUG, tmp_path / "out", workers=1, progress=False, root=ROOT, edition=edition)
    o = summary.outcomes[0]
    info = json.loads(o.captured["q2_1"]["value"])
    assert info == {"file": str(edition.resolve() / "legpain" / "__init__.py"), "kinds": ["Sealed"],
                    "own_bank_readable": False, "student": "eve"}


def test_each_student_is_judged_on_their_own_numbers(edition, tmp_path):
    """Set 05 with the class edition: ana and ben run the model answers, which compute from the numbers ask() shows
    them (drawn, while graded, for the id of the submission): full marks on Exercises 5.2 and 5.7. Cy copies ana's
    value of 5.7 and ana's letter of 5.2: no marks for either (his own numbers and order are judged)."""
    from legpain.checking.variants import for_student
    from legpain.common.settings import read_edition

    slug = "05-results-and-what-they-mean"
    salt = read_edition(edition)["SALT"]
    model = json.loads(set_files(slug).solution.read_text(encoding="utf-8"))
    model.setdefault("metadata", {})["legpain"] = {"assignment": slug}
    subs = tmp_path / "subs"
    subs.mkdir()
    for s in ("ana", "ben"):
        (subs / f"{s}.ipynb").write_text(json.dumps(model), encoding="utf-8")
    ana7 = for_student(bank.question("q5_7"), "ana", salt).answer
    ana2 = for_student(bank.question("q5_2"), "ana", salt).answer
    cy7, cy2 = for_student(bank.question("q5_7"), "cy", salt), for_student(bank.question("q5_2"), "cy", salt)
    assert abs(cy7.answer - ana7) > 0.05 and cy2.answer != ana2  # (ids chosen so that they differ)
    copied = json.loads(json.dumps(model))
    for cell in copied["cells"]:
        src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if 'check("q5_7"' in src:
            cell["source"] = f'sd_needed = {round(ana7, 1)!r}\ncheck("q5_7", sd_needed)'
        if 'check("q5_2"' in src:
            cell["source"] = f'meaning_52 = {ana2!r}\ncheck("q5_2", meaning_52)'
    (subs / "cy.ipynb").write_text(json.dumps(copied), encoding="utf-8")
    summary = grade(subs, slug, tmp_path / "out", workers=2, progress=False, root=ROOT, edition=edition)
    got = _points(tmp_path / "out")
    assert (got["ana"]["q5_7"], got["ana"]["q5_2"]) == (2.0, 1.0)
    assert (got["ben"]["q5_7"], got["ben"]["q5_2"]) == (2.0, 1.0)
    assert (got["cy"]["q5_7"], got["cy"]["q5_2"]) == (0.0, 0.0)
    assert got["ana"] == got["ben"]  # the same model answers, each on their own numbers
    assert summary.salt == salt


def test_the_grader_finds_the_edition_in_course_toml(edition, tmp_path):
    """grade reads class.edition from course.toml at the course root; a set course.toml calls graded, graded
    without any edition, gets a warning; a folder that is not an edition is refused."""
    from legpain.grading import GradeError, _edition

    root = tmp_path / "course"
    root.mkdir()
    (root / "course.toml").write_text(f'[class]\ngraded = ["02"]\nedition = "{edition}"\n')
    warnings: list[str] = []
    package, salt, folder = _edition(None, root, SLUG, warnings)
    assert package == edition.resolve() / "legpain" and salt == "class-test" and not warnings
    (root / "course.toml").write_text('[class]\ngraded = ["02"]\n')
    assert _edition(None, root, SLUG, warnings) == (None, None, None)
    assert "no class edition" in warnings[0]
    with pytest.raises(GradeError, match="not a class edition"):
        _edition(tmp_path, root, SLUG, [])
