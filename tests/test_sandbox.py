"""The class grader against a hostile class (issue 10): every attack of tests/fixtures/sandbox/attacks.py, on real
exercise sets, gets its golden outcome; nothing a submission does reaches another student, the instructor's files,
the hidden cases or the run itself; no process, scratch folder or changed file is left behind. Plus the intake and
output attacks (odd names, symlinks, zip slip and zip bombs, nbformat 3, case-colliding ids, formula injection,
spreadsheet-saved manual.csv), the memory cap, and the refusal without a sandbox."""

import csv
import hashlib
import io
import json
import os
import shutil
import socket
import sys
import tempfile
import threading
import uuid
import zipfile
from pathlib import Path

import pytest

from legpain.checking import bank
from legpain.common.layout import set_files
from legpain.grading import GradeError, grade, sandbox
from legpain.grading.intake import find_submissions
from legpain.grading.gradebook import neutral, read_manual, unneutral

from helpers import ROOT

sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "sandbox"))
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "grading"))
import attacks  # noqa: E402
from make_fixtures import RIGHT, fill  # noqa: E402
from legpain.common import notebooks  # noqa: E402

SETS = ["00-start-here", "02-nerve-roots-and-leg-pain", "05-results-and-what-they-mean"]
HAVE_SANDBOX = sandbox.probe(force_fail=False)[0]
needs_sandbox = pytest.mark.skipif(not HAVE_SANDBOX and not os.environ.get("CI"),
                                   reason="this machine cannot make the sandbox (bubblewrap, user namespaces)")


def rows(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def tree_hash(*folders) -> dict:
    out = {}
    for folder in folders:
        folder = Path(folder)
        paths = [folder] if folder.is_file() else sorted(p for p in folder.rglob("*"))
        for p in paths:
            if p.is_symlink():
                out[str(p)] = "link:" + os.readlink(p)
            elif p.is_file():
                out[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def scratch_dirs() -> set:
    return {p for p in os.listdir(tempfile.gettempdir()) if p.startswith("legpain-")}


@pytest.fixture(autouse=True)
def private_tmp(tmp_path, monkeypatch):
    """A temporary folder of this test's own (others on the machine may grade at the same time)."""
    d = tmp_path / "systmp"
    d.mkdir()
    monkeypatch.setenv("TMPDIR", str(d))
    monkeypatch.setattr(tempfile, "tempdir", str(d))
    return d


class Listener:
    """A TCP server on 127.0.0.1 that counts connections (none must arrive from a submission)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.hits = 0
        self.stop = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.hits += 1
            conn.close()

    def close(self):
        self.stop = True
        self.thread.join()
        self.sock.close()


@needs_sandbox
@pytest.mark.parametrize("slug", SETS)
def test_attacks_on_a_real_exercise_set(tmp_path, slug):
    """Each attack gets its golden outcome; victims are graded as if alone; after the run no process it started is
    alive, no scratch folder is left, no file outside the output folder changed and nothing was planted in it."""
    course = tmp_path / "course"  # the instructor's course root: solutions (with the hidden cases), exercises
    here, there = set_files(slug, ROOT), set_files(slug, course)
    for which in ("solution", "exercise"):
        getattr(there, which).parent.mkdir(parents=True)
        shutil.copy(getattr(here, which), getattr(there, which))
    subs, out = tmp_path / "subs", tmp_path / "out"
    marker = "legpain-attack-" + uuid.uuid4().hex[:12]
    net = Listener()
    bank_file = Path(bank.__file__).parent / f"set{int(slug[:2]):02d}.py"
    paths = dict(solution=str(there.solution), bank=str(bank_file),
                 classmate=str(subs / "model.ipynb"), out=str(out), package=str(Path(bank.__file__).parents[1]),
                 marker=marker, port=net.port, victim="zz victim blank")
    attacks.build(subs, slug, course, paths)
    (subs / "symlink to the solution.ipynb").symlink_to(there.solution)
    package_files = [bank_file, Path(bank.__file__).parents[1] / "__init__.py"]
    before = tree_hash(course, subs, *package_files)
    originals = {p: p.read_bytes() for p in package_files}
    scratch_before = scratch_dirs()
    try:
        summary = grade(subs, slug, out, workers=2, timeout=10, progress=False, root=course)
    finally:
        net.close()
        # should the sandbox ever be broken, put the real package back before failing
        changed = [p for p, data in originals.items() if p.read_bytes() != data]
        for p in changed:
            p.write_bytes(originals[p])
        planted_existed = False
        for planted in (Path(bank.__file__).parents[1] / "planted.py", Path("/root/planted.txt"),
                        Path("/home/planted.txt")):
            if planted.exists() and "planted" in planted.read_text(errors="replace"):
                planted_existed = True
                planted.unlink()
        alive = attacks.marker_processes(marker)
        for pid in alive:
            os.kill(pid, 9)
    assert not changed and not planted_existed, "a submission changed the course package or planted a file"
    by = {o.item.student: o for o in summary.outcomes}
    a = bank.assignment(slug)
    auto_max = sum(q.points for q in a.exercises if not q.manual)
    assert by["model"].graded and by["model"].full.score == auto_max, by["model"].problem
    assert by["blank"].graded and by["blank"].full.score == 0
    for student, expect in attacks.expected().items():
        o = by[student]
        assert o.graded, (student, o.problem)
        got = o.full.score
        want = {"model": auto_max, "blank": 0.0}.get(expect)
        if expect == "below model":
            assert got < auto_max, (student, got)
        else:
            assert got == want, (student, expect, got, [(r.qid, r.status) for r in o.full.results])
    # the daemon and the pipe holder did not make the honest part wait
    assert by["leaves a daemon"].seconds < 8
    # one row per file: the symlink is refused, never followed
    link = by["symlink to the solution"]
    assert not link.graded and "symbolic link" in link.problem
    assert len(summary.outcomes) == len(list(subs.iterdir()))
    # nothing outlives the run, nothing is left, nothing outside the output folder changed
    assert alive == []  # no process the run started outlived it
    assert scratch_dirs() <= scratch_before
    assert tree_hash(course, subs, bank_file, Path(bank.__file__).parents[1] / "__init__.py") == before
    assert not (out / "planted.txt").exists() and not (Path(bank.__file__).parents[1] / "planted.py").exists()
    assert "planted" not in (out / "grades.csv").read_text(encoding="utf-8")
    manual = out / "manual.csv"
    assert not manual.exists() or "planted" not in manual.read_text(encoding="utf-8")
    assert "overwritten" not in (out / "feedback" / "zz victim blank.html").read_text(encoding="utf-8")
    assert net.hits == 0
    assert summary.sandbox and "own sandbox" in (out / "report.html").read_text(encoding="utf-8")


def test_refuses_without_a_sandbox_unless_unsafe(tmp_path, monkeypatch):
    """Where the probe fails, the run stops with a one-line reason naming --unsafe; with unsafe=True it runs, and
    says so in its line and in report.html; jobs still leave no scratch folder."""
    monkeypatch.setenv(sandbox.PROBE_ENV, "fail")
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "alice.ipynb").write_text(notebooks.dumps(fill(RIGHT)), encoding="utf-8")
    with pytest.raises(GradeError, match="--unsafe") as err:
        grade(subs, "00-start-here", tmp_path / "o1", progress=False)
    assert "\n" not in str(err.value)
    before = scratch_dirs()
    summary = grade(subs, "00-start-here", tmp_path / "o2", workers=1, timeout=5, progress=False, unsafe=True)
    assert not summary.sandbox and summary.outcomes[0].full.score == 4
    assert "WITHOUT SANDBOX" in summary.line()
    assert "UNSAFE" in (tmp_path / "o2" / "report.html").read_text(encoding="utf-8")
    assert scratch_dirs() <= before
    r = __import__("subprocess").run([sys.executable, "-m", "legpain", "grade", str(subs), "--assignment", "00",
                                      "--out", str(tmp_path / "o3")], capture_output=True, text=True,
                                     env=dict(os.environ, **{sandbox.PROBE_ENV: "fail"}))
    assert r.returncode == 2 and "--unsafe" in r.stderr and "not available" in r.stderr


@needs_sandbox
def test_memory_cap_costs_the_answer(tmp_path):
    """A function that allocates past --memory fails its checks (it must not get full marks)."""
    subs = tmp_path / "subs"
    subs.mkdir()
    # 600 MB reserved (not touched: quick, and harmless to a machine without the cap) on every call
    hog = dict(RIGHT, q0_3="    import numpy\n    hog = numpy.empty(600 * 1024 ** 2, dtype=numpy.uint8)\n" + RIGHT["q0_3"])
    (subs / "hog.ipynb").write_text(notebooks.dumps(fill(hog)), encoding="utf-8")
    (subs / "alice.ipynb").write_text(notebooks.dumps(fill(RIGHT)), encoding="utf-8")
    summary = grade(subs, "00-start-here", tmp_path / "out", workers=1, timeout=10, mem_mb=300, progress=False)
    by = {o.item.student: o for o in summary.outcomes}
    assert by["alice"].full.score == 4
    q3 = next(r for r in by["hog"].full.results if r.qid == "q0_3")
    assert q3.score == 0 and by["hog"].full.score < 4


def test_zip_slip_writes_nothing_outside(tmp_path):
    """Members named ../x, ../../x or /abs/x get a row saying why, and nothing is written outside the folder
    the zip is unpacked in (checked in that folder's parent, where a slip would land)."""
    work = tmp_path / "work"
    work.mkdir()
    z = tmp_path / "class.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("alice.ipynb", notebooks.dumps(fill(RIGHT)))
        zf.writestr("../evil.ipynb", "{}")
        zf.writestr("../../evil2.ipynb", "{}")
        zf.writestr("sub/../../evil3.ipynb", "{}")
        zf.writestr("/tmp/evil4.ipynb", "{}")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    items, tmp = find_submissions(z, "00-start-here", workdir=work)
    try:
        assert tmp.parent == work
        unpacked = sorted(p.relative_to(tmp).as_posix() for p in tmp.rglob("*"))
        assert unpacked == ["alice.ipynb"]
        outside = sorted(p.name for p in tmp_path.rglob("*") if not p.is_relative_to(tmp))
        assert outside == before  # work/ and class.zip: nothing new beside the unpack folder
        assert not any("evil" in n for n in outside) and not Path("/tmp/evil4.ipynb").exists()
    finally:
        shutil.rmtree(tmp)
    refused = {i.label: i.problem for i in items if i.path is None}
    assert len(refused) == 4 and all("refused" in why for why in refused.values())
    assert [i.student for i in items if i.path] == ["alice"]


def test_zip_bomb_is_refused_without_reading_it(tmp_path, monkeypatch):
    """A member that unpacks past the cap is refused (counted on the bytes really unpacked, so a lying header does
    not help) and the rest of the zip is still read; memory stays small (streamed)."""
    import tracemalloc

    from legpain.grading import intake

    monkeypatch.setattr(intake, "MAX_MEMBER_BYTES", 4 * 1024**2)
    z = tmp_path / "bomb.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("alice.ipynb", notebooks.dumps(fill(RIGHT)))
        with zf.open("bomb.ipynb", "w", force_zip64=True) as fh:  # 40 MB of zeros: about 40 kB in the zip
            for _ in range(40):
                fh.write(bytes(1024**2))
    assert z.stat().st_size < 200_000
    tracemalloc.start()
    items, tmp = find_submissions(z, "00-start-here", workdir=tmp_path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    shutil.rmtree(tmp)
    assert peak < 16 * 1024**2
    why = {i.label: i.problem for i in items}
    assert "refused: unpacks to" in why["zip: bomb.ipynb"] and why["alice.ipynb"] == ""
    # members under the per-file cap whose sum passes the total cap: cut while streaming, never all read
    monkeypatch.setattr(intake, "MAX_ZIP_BYTES", 5 * 1024**2)
    z2 = tmp_path / "many.zip"
    with zipfile.ZipFile(z2, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(3):
            zf.writestr(f"s{i}.ipynb", bytes(3 * 1024**2))
    items, tmp = find_submissions(z2, "00-start-here", workdir=tmp_path)
    on_disk = sum(p.stat().st_size for p in tmp.rglob("*") if p.is_file())
    shutil.rmtree(tmp)
    why = {i.label: i.problem for i in items}
    assert on_disk <= 5 * 1024**2
    assert "more than" in why["zip: s1.ipynb"] and "more than" in why["zip: s2.ipynb"]


def test_odd_names_formulas_case_and_old_notebooks(tmp_path):
    """A file named ...ipynb gets a row; ids starting with = + - @ or a tab are neutralised in every CSV; ids that
    differ only in case get separate feedback files (and a warning); NFC and NFD spellings are one student; an
    nbformat 3 notebook is converted and graded, with a note."""
    subs = tmp_path / "subs"
    subs.mkdir()
    right = notebooks.dumps(fill(RIGHT))
    names = ["...ipynb", "=HYPERLINK(\"x\").ipynb", "+cmd.ipynb", "-2+3.ipynb", "@SUM(1).ipynb",
             "\tTab.ipynb", "Ana.ipynb", "ana.ipynb", "Jose\u0301.ipynb", "Jos\u00e9.ipynb"]
    for n in names:
        (subs / n).write_text(right, encoding="utf-8")
    v4 = json.loads(right)
    v3 = {"nbformat": 3, "nbformat_minor": 0, "metadata": {"name": "old"},
          "worksheets": [{"cells": [{"cell_type": "code", "input": "".join(c["source"]), "language": "python",
                                     "outputs": []} if c["cell_type"] == "code"
                                    else {"cell_type": "markdown", "source": c["source"]} for c in v4["cells"]]}]}
    (subs / "old format.ipynb").write_text(json.dumps(v3), encoding="utf-8")
    (subs / "ancient.ipynb").write_text(json.dumps({"nbformat": 2, "worksheets": []}), encoding="utf-8")
    out = tmp_path / "out"
    summary = grade(subs, "00-start-here", out, workers=2, timeout=5, progress=False,
                    unsafe=not HAVE_SANDBOX)
    assert len(summary.outcomes) == len(names) + 2
    by = {o.item.label: o for o in summary.outcomes}
    assert by["...ipynb"].graded
    assert by["old format.ipynb"].full.score == 4 and "nbformat 3" in " ".join(by["old format.ipynb"].cell_notes)
    assert "nbformat 2" in by["ancient.ipynb"].problem and "nbconvert" in by["ancient.ipynb"].problem
    nfc = [o for o in summary.outcomes if o.item.student == "Jos\u00e9"]
    assert len(nfc) == 2 and sum(o.graded for o in nfc) == 1
    assert (out / "feedback" / "Ana.html").exists() and (out / "feedback" / "ana (2).html").exists()
    assert any("differ only in letter case" in w for w in summary.warnings)
    for f in ("grades.csv", "grades_wide.csv"):
        for r in rows(out / f):
            for v in r.values():
                assert not v.startswith(("=", "+", "-", "@", "\t", "\r")), (f, v)
    students = {unneutral(r["student"]) for r in rows(out / "grades_wide.csv")}
    assert {"=HYPERLINK(\"x\")", "+cmd", "-2+3", "@SUM(1)", "\tTab"} <= students
    manual_ids = {r["student"] for r in rows(out / "manual.csv")}
    assert "'=HYPERLINK(\"x\")" in manual_ids and "'\tTab" in manual_ids
    for v in ("=1", "+1", "-1", "@a", "\tx", "\rx", "'=1", "''=1", "plain", "'plain"):
        assert unneutral(neutral(v)) == v


def test_manual_csv_saved_by_a_spreadsheet(tmp_path):
    """manual.csv with a BOM and CRLF (as Excel saves it) keeps its grades; a re-run adds no duplicate rows;
    every bad row is named with its line."""
    from legpain.grading.gradebook import update_manual

    a = bank.assignment("00-start-here")
    qs = {q.qid: q for q in a.exercises if q.manual}
    path = tmp_path / "manual.csv"
    text = ("student,question,points,comment\r\nalice,q0_4,1.5,good\r\nbob,q0_4,lots,typo\r\nzed,q0_4,1,who?\r\n"
            "carol,q0_4,7,too many\r\ncarol,q0_9,1,no such question\r\nalice,q0_4,0,again\r\n'=evil,q0_4,1,x\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    students = {"alice", "bob", "carol", "=evil"}
    grades, warns = read_manual(path, qs, students)
    assert grades[("alice", "q0_4")] == (1.5, "good") and grades[("=evil", "q0_4")][0] == 1.0
    joined = "\n".join(warns)
    for n, what in ((3, "not a number"), (4, "no graded submission"), (5, "outside 0 to"),
                    (6, "not a hand-graded question"), (7, "already on line 2")):
        assert f"line {n}:" in joined and what in [w for w in warns if w.startswith(f"manual.csv line {n}:")][0]
    before = path.read_bytes()
    update_manual(path, ["alice", "bob", "carol", "=evil"], qs)
    update_manual(path, ["alice", "bob", "carol", "=evil"], qs)
    after = path.read_bytes()
    assert after.startswith(before) and after.count(b"carol,q0_4,,") == 0  # carol already has a row
    assert after == before
    update_manual(path, ["dan"], qs)
    assert path.read_bytes() == before + b"dan,q0_4,,\r\n"


def test_the_sandbox_imports_the_package_the_grader_imported(tmp_path):
    """A hub that puts the course's own clone on PYTHONPATH (docs/jupyterhub.md) while the environment's editable
    install points elsewhere: the sandboxed process imports the same copy the grader imported (the one it shows),
    not the unshown one, and sees nothing else of that clone's folder."""
    ok, why = sandbox.probe()
    if not ok:
        pytest.skip(why)
    clone = tmp_path / "hubsim" / "COURSE"
    shutil.copytree(ROOT / "legpain", clone / "legpain", ignore=shutil.ignore_patterns("__pycache__"))
    (clone / "secret.txt").write_text("not for the sandbox")
    probe = ("import os, legpain; print(legpain.__file__); "
             "print(sorted(os.listdir(os.path.dirname(os.path.dirname(legpain.__file__)))))")
    script = ("import subprocess, sys; from legpain.grading import sandbox; "
              f"cmd = sandbox.bwrap_command([sys.executable, '-c', {probe!r}], sandbox.sandbox_env()); "
              "r = subprocess.run(cmd, capture_output=True, text=True); print(r.stdout, r.stderr)")
    import subprocess

    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(clone)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=tmp_path,
                         timeout=60).stdout
    assert str(clone / "legpain" / "__init__.py") in out, out
    assert "['legpain']" in out and "secret" not in out, out
