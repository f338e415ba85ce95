"""The class edition (``python -m legpain release``, issue 23): what it holds, what it does not, and what a student
sees in it.

The edition is built once per module from this checkout with sets 02 and 05 graded. Its files and its git history
are scanned for the key of every graded exercise — needles written from the instructor's bank and solution
notebooks by ``tests/release_scan.py``, not a list kept by hand — and its package is run (``PYTHONPATH`` = the
edition) to see what ``check()`` says on a graded set, a lesson check and an ungraded set.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import release_scan as rs
from helpers import ROOT

GRADED = ["02-nerve-roots-and-leg-pain", "05-results-and-what-they-mean"]


def _legpain(*args, cwd=ROOT, check=True):
    r = subprocess.run([sys.executable, "-m", "legpain", "--root", str(ROOT), *args], cwd=cwd, capture_output=True,
                       text=True, timeout=300, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    if check:
        assert r.returncode == 0, r.stdout + r.stderr
    return r


def _git(cwd, *args) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("release") / "legpain-class"
    r = _legpain("release", "--out", str(out), "--graded", "02,05", "--salt", "test-salt")
    assert "Created: commit" in r.stdout
    return out


def run_in(edition: Path, code: str, student: str = "ana") -> str:
    """Run ``code`` with the edition's package (a fresh process, the edition first on the path); its output."""
    env = {k: v for k, v in os.environ.items() if k not in ("LEGPAIN_STRICT", "JUPYTERHUB_USER")}
    env.update(PYTHONPATH=str(edition), LEGPAIN_STUDENT=student)
    r = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=edition / "exercises", env=env,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout


def test_the_edition_holds_what_a_student_needs_and_no_solutions(edition):
    """Lessons, exercises, sources, docs, requirements and the package are there; solutions/, tests/, tools/,
    benchmarks/, conftest.py and course.toml are not; it is a git repository with one commit on main."""
    for name in ("README.md", "requirements.txt", "requirements-dev.txt", "pyproject.toml", "lessons", "exercises",
                 "sources", "docs", "legpain/checking/bank/set05.py", "legpain/checking/edition.py"):
        assert (edition / name).exists(), name
    for name in ("solutions", "tests", "tools", "benchmarks", "conftest.py", "course.toml", ".ci"):
        assert not (edition / name).exists(), name
    assert len(list((edition / "exercises").glob("*-exercises.ipynb"))) == 10
    assert _git(edition, "branch", "--show-current").strip() == "main"
    assert len(_git(edition, "log", "--format=%H").split()) == 1
    assert "Class edition" in (edition / "README.md").read_text(encoding="utf-8")


def test_no_key_of_a_graded_set_in_any_file_or_in_the_history(edition):
    """No expected answer, accepted variant, feedback for an answer, hidden case, solution line or key function of
    sets 02 and 05 is in any file of the edition, nor in any commit of its history (git log -p); the same needles
    do find the keys in the instructor's own bank and solutions (the scan can see)."""
    needles = rs.needles(GRADED)
    assert len(needles) > 100
    files = [(p.relative_to(edition), t) for p, t in rs.readable_files(edition) if ".git" not in p.parts]
    history = _git(edition, "log", "-p", "--all", "--format=%H %s")
    hits = rs.scan(files + [("git history", history)], needles)
    assert hits == [], "\n".join(f"{f}: {n}: {line}" for f, n, line in hits[:20])
    own = [(p, t) for p, t in rs.readable_files(ROOT / "legpain" / "checking" / "bank")]
    own += [(p, t) for p, t in rs.readable_files(ROOT / "solutions")]
    assert len(rs.scan(own, needles)) > 50


def test_graded_bank_modules_are_sealed_and_the_others_are_whole(edition):
    """In the edition's package, every exercise of a graded set is a Sealed question with no key attribute; the
    ungraded sets and every set's lesson checks are the open course's questions."""
    out = run_in(edition, """
        import json
        import legpain
        from legpain.checking import bank, edition
        import release_scan as rs
        print(json.dumps({"file": legpain.__file__, "edition": edition.EDITION, "graded": list(edition.GRADED),
            "leaks": {s: rs.structural_leaks(bank.assignment(s)) for s in edition.GRADED},
            "kinds": {s: sorted({type(q).__name__ for q in bank.assignment(s).exercises}) for s in bank.slugs()},
            "checks": {s: sorted({type(q).__name__ for q in bank.assignment(s).checks}) for s in bank.slugs()},
            "flags": {s: bank.assignment(s).graded for s in bank.slugs()}}))
    """.replace("import release_scan", f"import sys; sys.path.append({str(ROOT / 'tests')!r}); import release_scan"))
    info = json.loads(out.strip().splitlines()[-1])
    assert info["file"] == str(edition / "legpain" / "__init__.py")
    assert info["edition"] == "class" and info["graded"] == GRADED
    assert info["leaks"] == {s: [] for s in GRADED}
    for slug, kinds in info["kinds"].items():
        assert (kinds == ["Sealed"]) == (slug in GRADED), (slug, kinds)
        assert info["flags"][slug] == (slug in GRADED)
        assert "Sealed" not in info["checks"][slug]


def test_check_on_a_graded_set_says_recorded_and_the_form_never_right_or_wrong(edition):
    """check() on set 05: the model answer and a wrong answer of the right form both say 'Recorded' and nothing
    else; an answer of the wrong form says what form is asked for; a function must run on the public inputs;
    check_all() lists recorded and missing answers. A lesson check and an ungraded set keep right/wrong."""
    out = run_in(edition, """
        from legpain import *
        check("q5_2", "c")          # the key
        check("q5_2", "a")          # wrong, same form
        check("q5_2", 2)            # not a letter
        check("q5_1", -2)
        check("q5_1", 40)
        check("q5_1", "-2")
        def mean_difference_ci(a, b):
            return [0, 0, 0]
        check("q5_3", mean_difference_ci)
        def broken(a, b):
            return a / b
        check("q5_3", broken)
        check("q2_2", {"L3-L4": "L4"})
        check("q2_2", {"L3-L4": "L4", "L4-L5": "L5", "L5-S1": "S1"})
        check("q5_2", "b")
        print("== all")
        check_all("05")
        print("== lesson check and an ungraded set")
        check("c5_1", "a")
        check("q3_5", "b")
        check("q3_5", "a")
    """)
    graded, rest = out.split("== all")
    table, ungraded = rest.split("== lesson check and an ungraded set")
    for text in (graded, table):
        assert "Correct" not in text and "Not quite" not in text and "Not yet" not in text
    lines = [l for l in graded.splitlines() if l.startswith(("✎", "⚠", "…", "✔", "✘"))]
    assert [l[0] for l in lines] == ["✎", "✎", "⚠", "✎", "✎", "⚠", "✎", "⚠", "⚠", "✎", "✎"], graded
    assert lines[0].split(": ", 1)[1].replace("'c'", "X") == lines[1].split(": ", 1)[1].replace("'a'", "X")
    assert "judged when graded" in lines[0] and "one of the letters" in lines[2]
    assert "runs on all 3 example inputs" in lines[6] and "did not finish" in lines[7]
    assert "no entry yet for 'L4-L5', 'L5-S1'" in lines[8]
    assert "To check your reasoning, read again: Demo 2.1" in graded
    assert "Recorded: 1 of 8 answers." in table and "Missing: Exercise 5.4, Exercise 5.5" in table
    assert "Not in the form asked for: Exercise 5.1, Exercise 5.3" in table
    assert "Not yet" in ungraded.splitlines()[1] or "Not quite" in ungraded
    assert sum(l.startswith("✘") for l in ungraded.splitlines()) == 2
    assert sum(l.startswith("✔") for l in ungraded.splitlines()) == 1


def test_release_again_commits_on_top_and_refuses_to_grade_a_published_key(tmp_path):
    """A second release with nothing changed makes no commit; one that stops grading set 02 commits on top (the
    full bank of 02 returns); grading 02 again in the same repository is refused, because its key is in the history
    students pulled."""
    out = tmp_path / "edition"
    _legpain("release", "--out", str(out), "--graded", "02,05")
    first = _git(out, "rev-parse", "HEAD").strip()
    r = _legpain("release", "--out", str(out), "--graded", "02,05")
    assert "Nothing changed" in r.stdout and _git(out, "rev-parse", "HEAD").strip() == first
    salt = (out / "legpain/checking/edition.py").read_text()
    r = _legpain("release", "--out", str(out), "--graded", "05")
    second = _git(out, "rev-parse", "HEAD").strip()
    assert second != first and _git(out, "rev-parse", "HEAD~1").strip() == first
    assert "legpain/checking/bank/set02.py" in _git(out, "show", "--name-only", "--format=", "HEAD")
    assert "GRADED = True" not in (out / "legpain/checking/bank/set02.py").read_text()
    assert salt.splitlines()[-1] == (out / "legpain/checking/edition.py").read_text().splitlines()[-1]  # same salt
    r = _legpain("release", "--out", str(out), "--graded", "02,05", check=False)
    assert r.returncode == 2 and "02-nerve-roots-and-leg-pain" in r.stderr and "history" in r.stderr
    (out / "notes.txt").write_text("mine")
    _git(out, "add", "notes.txt")
    r = _legpain("release", "--out", str(out), "--graded", "05", check=False)
    assert r.returncode == 2 and "not committed" in r.stderr


def test_release_reads_course_toml(tmp_path):
    """Without --out and --graded, release takes class.edition and class.graded (and the salt) from course.toml at
    the course root; a folder that is neither empty nor an edition is refused."""
    from legpain.authoring.release import ReleaseError, read_edition, release

    course = tmp_path / "course"
    course.mkdir()
    for name in ("solutions", "lessons", "sources", "legpain", "docs"):
        os.symlink(ROOT / name, course / name)
    (course / "README.md").write_text("# Course\n\ntext\n")
    (course / "course.toml").write_text('[class]\ngraded = ["05"]\nedition = "../ed"\nsalt = "autumn"\n')
    rep = release(None, root=course)
    assert rep.graded == ["05-results-and-what-they-mean"] and rep.out == (tmp_path / "ed").resolve()
    assert read_edition(tmp_path / "ed") == {"EDITION": "class", "GRADED": ("05-results-and-what-they-mean",),
                                             "SALT": "autumn"}
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "x").write_text("x")
    with pytest.raises(ReleaseError, match="not empty"):
        release(tmp_path / "busy", ["05"], root=course)
    shutil.rmtree(tmp_path / "ed")


VENV_CHECK = r"""
import json, sys
import legpain
from legpain.checking import bank, edition, student
from legpain.checking.variants import for_student
from legpain.checking.questions import Function

given = json.loads(sys.stdin.read())
out = {"file": legpain.__file__, "edition": edition.EDITION, "full": {}, "sealed": {}, "leaks": {}}
sys.path.append(given["tests"])
import release_scan as rs

def live(q, v):
    if isinstance(q, Function):
        ns = {}
        exec(v, ns)
        return ns[q.name]
    return v

for slug in bank.slugs():
    a = bank.assignment(slug)
    if a.graded:
        out["leaks"][slug] = rs.structural_leaks(a)
        for qid, values in given["graded"].get(slug, {}).items():
            out["sealed"][qid] = sorted({student.evaluate(qid, v).status for v in values})
    questions = list(a.checks) + ([] if a.graded else list(a.exercises))
    for q in questions:
        if q.manual or q.kind == "prediction":  # a prediction is recorded, never judged, in every edition
            continue
        q = for_student(q)
        right = [student.evaluate(q.qid, live(q, v)).status for v in q.right]
        wrong = [student.evaluate(q.qid, live(q, v)).status for v in q.wrong]
        out["full"][q.qid] = [all(r == "correct" for r in right) and bool(right),
                              all(w != "correct" for w in wrong) and bool(wrong)]
print("RESULT " + json.dumps(out))
"""


def test_installed_in_a_fresh_venv_the_edition_holds_no_key_and_keeps_full_feedback(edition, tmp_path):
    """The edition installed into a fresh virtual environment (pip install --no-deps, the course's dependencies
    taken from this environment): no file of the edition or of the installed package holds a key of sets 02 or 05
    (the scan written from the instructor's bank); in the installed package every lesson check and every exercise
    of an ungraded set judges its declared right variants right and its wrong variants wrong, the graded sets'
    questions are sealed, and the instructor's right answers to them are only 'recorded' (or not in the form)."""
    import sysconfig

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    py = venv / "bin" / "python"
    site = Path(subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    # the dependencies of this environment, as a plain path: its .pth files (among them this checkout's editable
    # legpain) are not read from there, so the only legpain the venv has is the one installed below
    (site / "_course_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "LEGPAIN_STRICT", "JUPYTERHUB_USER")}
    r = subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "--no-index",
                        str(edition)], capture_output=True, text=True, timeout=600, env=env, cwd=tmp_path)
    if r.returncode != 0:
        # pip builds a wheel, which needs the 'wheel' package on older setuptools; without it, install what the wheel
        # would hold (the package folder, as pyproject.toml's packages and package data name it)
        assert "bdist_wheel" in r.stderr + r.stdout, r.stderr + r.stdout
        shutil.copytree(edition / "legpain", site / "legpain", ignore=shutil.ignore_patterns("__pycache__"))
        print("installed by copying the package folder (no 'wheel' package for pip's build)")
    installed = site / "legpain"
    assert (installed / "checking" / "bank" / "set05.py").is_file()
    needles = rs.needles(GRADED)
    files = [(p.relative_to(tmp_path), t) for p, t in rs.readable_files(installed)]
    files += [(p.relative_to(edition), t) for p, t in rs.readable_files(edition) if ".git" not in p.parts]
    hits = rs.scan(files, needles)
    assert hits == [], "\n".join(f"{f}: {n}: {line}" for f, n, line in hits[:20])
    from legpain.checking import bank

    graded = {}
    for slug in GRADED:
        graded[slug] = {q.qid: [v for v in (list(q.right) + list(q.wrong))[:6] if not isinstance(v, (set, tuple))]
                        for q in bank.assignment(slug).exercises if not q.manual and q.kind != "function"}
    env.update(LEGPAIN_STUDENT="venv-student")
    r = subprocess.run([str(py), "-c", VENV_CHECK], input=json.dumps({"graded": graded, "tests": str(ROOT / "tests")}),
                       capture_output=True, text=True, timeout=600, env=env, cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-3000:]
    res = json.loads(next(l for l in r.stdout.splitlines() if l.startswith("RESULT "))[7:])
    assert res["file"] == str(installed / "__init__.py") and res["edition"] == "class"
    assert res["leaks"] == {s: [] for s in GRADED}
    bad = {qid: ok for qid, ok in res["full"].items() if ok != [True, True]}
    assert not bad, bad
    assert len(res["full"]) > 150  # every lesson check and every ungraded exercise
    assert {s for ss in res["sealed"].values() for s in ss} <= {"recorded", "invalid"}
    assert sum("recorded" in ss for ss in res["sealed"].values()) >= 15
