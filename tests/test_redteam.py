"""Red-team regression tests for the class grader (issue 10): attacks a hostile student could try, each graded on a
COPY of the course tree (solutions and exercises of set 02 in ``tmp_path``), never on this checkout's own folders.

Tests marked ``xfail(strict=True)`` are attacks that currently SUCCEED (or crash the grader): each says what it does
and what the fix should be; when the fix lands the test passes and ``strict`` makes the run fail until the mark is
removed. The other tests pin attacks that are blocked today.

Safety: the attacks only read, write under names that carry a per-run marker (removed afterwards even if the sandbox
were broken), and use bounded amounts of memory (at most 400 MB) and processes.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import uuid
import zipfile
from pathlib import Path

import pytest

from legpain.checking import bank
from legpain.common.layout import set_files
from legpain.grading import grade, sandbox
from legpain.grading.intake import find_submissions

from helpers import ROOT

SLUG = "02-nerve-roots-and-leg-pain"
HAVE_SANDBOX = sandbox.probe(force_fail=False)[0]
needs_sandbox = pytest.mark.skipif(not HAVE_SANDBOX and not os.environ.get("CI"),
                                   reason="this machine cannot make the sandbox (bubblewrap, user namespaces)")
PLANT_DIRS = ("/", "/root", "/etc", "/run", "/dev")  # where the zygote's root tmpfs was found writable


@pytest.fixture(autouse=True)
def private_tmp(tmp_path, monkeypatch):
    """A temporary folder of this test's own (others on the machine may grade at the same time)."""
    d = tmp_path / "systmp"
    d.mkdir(exist_ok=True)
    monkeypatch.setenv("TMPDIR", str(d))
    monkeypatch.setattr(tempfile, "tempdir", str(d))
    return d


def course_copy(base: Path) -> Path:
    """The instructor's course root for one test: set 02's solution (with its hidden cases) and exercise notebook."""
    course = base / "course"
    here, there = set_files(SLUG, ROOT), set_files(SLUG, course)
    for which in ("solution", "exercise"):
        getattr(there, which).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(getattr(here, which), getattr(there, which))
    return course


def notebook(course: Path, base: str, *cells: str) -> str:
    """``base`` ("model": the solution notebook, "blank": the student copy) with ``cells`` added at the end."""
    files = set_files(SLUG, course)
    nb = json.loads((files.solution if base == "model" else files.exercise).read_text(encoding="utf-8"))
    for i, src in enumerate(cells):
        nb["cells"].append({"cell_type": "code", "execution_count": None, "id": f"redteam-{i}", "metadata": {},
                            "outputs": [], "source": src})
    return json.dumps(nb)


def write(subs: Path, name: str, text: str) -> None:
    subs.mkdir(parents=True, exist_ok=True)
    (subs / f"{name}.ipynb").write_text(text, encoding="utf-8")


def run(subs: Path, out: Path, course: Path, **kw):
    kw = dict(dict(workers=1, timeout=5, progress=False), **kw)
    return grade(subs, SLUG, out, root=course, **kw)


AUTO_MAX = sum(q.points for q in bank.assignment(SLUG).exercises if not q.manual)

# ---- attacks that run in one shared grading run (workers=1: one pre-warmed process, in name order) ----------------

# Copies the answers of the student graded just before it in the same worker: the zygote still holds that
# student's result dict (main()'s local ``result``) when it clones the next job, and gc.get_objects() finds it.
# With the hidden inputs of its own job, the outputs of the classmate's function become a lookup table that
# passes the hidden cases.
COPYCAT = r'''
import gc, json
from legpain import bank
from legpain.checking.student import check
prev = job = None
for o in gc.get_objects():
    if type(o) is dict and o.get("ok") is True and type(o.get("captured")) is dict:
        prev = o
    if type(o) is dict and "hidden_inputs" in o and "cells" in o:
        job = o
if prev is not None:
    for q in bank.assignment("02-nerve-roots-and-leg-pain").exercises:
        got = prev["captured"].get(q.qid, {})
        if q.kind == "function" and "outputs" in got:
            extra = (job or {}).get("hidden_inputs", {}).get(q.qid, [])
            inputs = [tuple(c.args) for c in q.cases] + [tuple(a) for a in extra]
            table = {json.dumps(list(a)): out.get("value") for a, out in zip(inputs, got["outputs"])}
            def stolen(*args, _t=table):
                return _t[json.dumps(list(args))]
            globals()[q.var] = stolen
            check(q.qid, stolen)
        elif "value" in got:
            globals()[q.var] = got["value"]
            check(q.qid, got["value"])
'''

# Leaves a file on the zygote's root tmpfs (/, /root, /etc, /run, /dev are writable and shared by every job of a
# worker); the next job answers q2_1 right only if it finds one.
PLANT = r'''
import os
for d in {dirs!r}:
    try:
        with open(os.path.join(d, "{marker}"), "w") as fh:
            fh.write("left by an earlier student")
    except OSError:
        pass
'''
SEE = r'''
import os
from legpain.checking.student import check
if any(os.path.exists(os.path.join(d, "{marker}")) for d in {dirs!r}):
    exits_at_l4_l5 = "b"
    check("q2_1", exits_at_l4_l5)
'''

# Holds 400 MB in a memfd under --memory 300 (RLIMIT_AS does not count memfd/tmpfs pages); answers q2_1 right only
# if it could.
MEMFD = r'''
import os
from legpain.checking.student import check
try:
    fd = os.memfd_create("redteam")
    chunk = b"x" * (1 << 20)
    for _ in range(400):
        os.write(fd, chunk)
    if os.fstat(fd).st_size >= 400 << 20:
        exits_at_l4_l5 = "b"
        check("q2_1", exits_at_l4_l5)
    os.close(fd)
except OSError:
    pass
'''

# A fork bomb: each forked process would get a memory cap of its own. Answers q2_1 right if 50 forks succeed.
FORK_BOMB = r'''
import os, threading
from legpain.checking.student import check
made = 0
for _ in range(200):
    try:
        pid = os.fork()
    except OSError:
        break
    if pid == 0:
        import time
        time.sleep(30)
        os._exit(0)
    made += 1
t = threading.Thread(target=lambda: None)  # threads still work
t.start()
t.join()
if made >= 50:
    exits_at_l4_l5 = "b"
    check("q2_1", exits_at_l4_l5)
'''

# Tries to undo the job's mounts from a further user+mount namespace, to mount a /proc, to make a read-only folder
# writable; answers q2_1 right if anything worked.
ESCAPE = r'''
import ctypes, os
from legpain.checking.student import check
libc = ctypes.CDLL(None, use_errno=True)
won = []
if libc.unshare(0x10000000 | 0x00020000) == 0:
    if libc.umount2(b"/proc", 2) == 0: won.append("umount /proc")
    if libc.umount2(b"/tmp", 2) == 0: won.append("umount /tmp")
    if libc.mount(b"proc", b"/tmp", b"proc", 0, None) == 0: won.append("mount proc")
    if libc.mount(None, {venv!r}.encode(), None, 32 | 4096 | 0x20, None) == 0: won.append("remount rw")
if os.listdir("/proc") or os.getppid() != 0: won.append("sees processes")
if won:
    exits_at_l4_l5 = "b"
    check("q2_1", exits_at_l4_l5)
'''

# Writes two frames (its own forged answer, then one "for the next student") and an oversized header, then exits.
TWO_FRAMES = r'''
import json, os, stat, struct
data = json.dumps({"ok": True, "captured": {"q2_1": {"state": "answered", "value": "b"}}, "cells": []}).encode()
victim = json.dumps({"ok": True, "captured": {"q2_1": {"state": "answered", "value": "b"},
                     "q2_5": {"state": "answered", "value": "c"}}, "cells": []}).encode()
for fd in range(3, 64):
    try:
        if stat.S_ISFIFO(os.fstat(fd).st_mode):
            os.write(fd, struct.pack(">Q", len(data)) + data)
            os.write(fd, struct.pack(">Q", len(victim)) + victim)
            os.write(fd, struct.pack(">Q", 1 << 62))
    except OSError:
        pass
os._exit(0)
'''


# Finds the previous student's answers in the FREED memory it inherits from the zygote (dropping the reference is
# not enough): reads its own heap through a file in its scratch folder (write() returns EFAULT on unmapped pages: no
# crash, no /proc; a memfd would be refused by the seccomp filter),
# looking for the serialised q2_8 outputs of the job before it; answers q2_1 right if it finds them.
HEAP_SCAN = r"""
import ctypes, os, re
from legpain.checking.student import check
fd = os.open("heap-scan.bin", os.O_RDWR | os.O_CREAT, 0o600)
def readable(addr, n):
    try:
        os.lseek(fd, 0, 0)
        return os.write(fd, (ctypes.c_char * n).from_address(addr)) == n
    except OSError:
        return False
probe = bytearray(4000)
start = ctypes.addressof((ctypes.c_char * 1).from_buffer(probe))
PAGE = 1 << 16
lo = hi = start & ~(PAGE - 1)
while start - lo < (1 << 30) and readable(lo - PAGE, PAGE):
    lo -= PAGE
while hi - start < (1 << 30) and readable(hi, PAGE):
    hi += PAGE
pattern = re.compile(rb'"q2_8": [{]"state": "answered", "outputs": [[][{]"ok": true, "value": "L')
found = False
for a in range(lo, hi, 1 << 20):
    n = min(1 << 20, hi - a)
    os.lseek(fd, 0, 0)
    os.write(fd, (ctypes.c_char * n).from_address(a))
    if pattern.search(os.pread(fd, n, 0)):
        found = True
        break
if found:
    exits_at_l4_l5 = "b"
    check("q2_1", exits_at_l4_l5)
"""


@pytest.fixture(scope="module")
def shared_run(tmp_path_factory):
    """One grading run of set 02 (one worker, so every job is cloned from the same pre-warmed process):
    victims and attackers in name order. Returns {student: Outcome}."""
    if not HAVE_SANDBOX and not os.environ.get("CI"):
        pytest.skip("no sandbox here")
    base = tmp_path_factory.mktemp("redteam-shared")
    old_tmp = tempfile.tempdir
    tempfile.tempdir = str(base)
    course = course_copy(base)
    subs, out = base / "subs", base / "out"
    marker = "legpain-redteam-" + uuid.uuid4().hex[:12]
    venv = str(Path(sys.prefix).resolve())
    write(subs, "a1 honest model", notebook(course, "model"))
    write(subs, "a2 copycat", notebook(course, "blank", COPYCAT))
    write(subs, "b1 plants a file", notebook(course, "blank", PLANT.format(dirs=PLANT_DIRS, marker=marker)))
    write(subs, "b2 looks for it", notebook(course, "blank", SEE.format(dirs=PLANT_DIRS, marker=marker)))
    write(subs, "c memfd", notebook(course, "blank", MEMFD))
    write(subs, "c2 fork bomb", notebook(course, "blank", FORK_BOMB))
    write(subs, "d escape", notebook(course, "blank", ESCAPE.format(venv=venv)))
    write(subs, "e1 two frames", notebook(course, "blank", TWO_FRAMES))
    write(subs, "e2 victim blank", notebook(course, "blank"))
    write(subs, "f1 honest model", notebook(course, "model"))
    write(subs, "f2 heap scanner", notebook(course, "blank", HEAP_SCAN))
    try:
        summary = run(subs, out, course, mem_mb=300)
    finally:
        tempfile.tempdir = old_tmp
        for d in PLANT_DIRS:  # should the sandbox ever be broken, take the planted files off this machine
            p = Path(d) / marker
            if p.is_file():
                p.unlink()
    return {o.item.student: o for o in summary.outcomes}


@needs_sandbox
def test_a_submission_cannot_copy_the_previous_students_answers(shared_run):
    honest, copycat = shared_run["a1 honest model"], shared_run["a2 copycat"]
    assert honest.graded and honest.full.score == AUTO_MAX
    assert copycat.graded, copycat.problem
    assert copycat.full.score == 0, [(r.qid, r.score) for r in copycat.full.results if r.score]


@needs_sandbox
def test_a_submission_finds_nothing_of_the_previous_student_in_its_memory(shared_run):
    honest, scanner = shared_run["f1 honest model"], shared_run["f2 heap scanner"]
    assert honest.graded and honest.full.score == AUTO_MAX
    assert scanner.graded, scanner.problem
    assert scanner.full.score == 0


@needs_sandbox
def test_a_file_left_by_one_job_is_not_seen_by_the_next(shared_run):
    o = shared_run["b2 looks for it"]
    assert o.graded, o.problem
    assert o.full.score == 0


@needs_sandbox
def test_the_memory_cap_covers_memfd(shared_run):
    o = shared_run["c memfd"]
    assert not o.graded or o.full.score == 0


@needs_sandbox
def test_a_fork_bomb_makes_no_process(shared_run):
    """The seccomp filter refuses new processes (threads still work): a fork bomb makes none, earns nothing, and the
    students graded after it are graded as usual."""
    bomb = shared_run["c2 fork bomb"]
    assert bomb.graded, bomb.problem
    assert bomb.full.score == 0, [(r.qid, r.score) for r in bomb.full.results if r.score]
    assert shared_run["f1 honest model"].full.score == AUTO_MAX


@needs_sandbox
def test_a_job_cannot_undo_its_mounts_or_see_processes(shared_run):
    o = shared_run["d escape"]
    assert o.graded, o.problem
    assert o.full.score == 0


@needs_sandbox
def test_extra_frames_reach_nobody_else(shared_run):
    """The forger may claim its own answers (public by design); the next student is graded as if alone."""
    forger, victim = shared_run["e1 two frames"], shared_run["e2 victim blank"]
    assert forger.graded and forger.full.score == 1
    assert victim.graded and victim.full.score == 0


# ---- attacks that stop the whole run (each needs a run of its own) -------------------------------------------------

def honest_and(tmp_path, name: str, text: str, **kw):
    course = course_copy(tmp_path)
    subs, out = tmp_path / "subs", tmp_path / "out"
    write(subs, "a honest", notebook(course, "model"))
    if isinstance(text, bytes):
        (subs / name).write_bytes(text)
    else:
        write(subs, name, text(course) if callable(text) else text)
    summary = run(subs, out, course, **kw)
    by = {o.item.student: o for o in summary.outcomes}
    assert by["a honest"].graded and by["a honest"].full.score == AUTO_MAX
    for f in ("grades.csv", "grades_wide.csv", "report.html", "items.csv"):
        assert (out / f).is_file(), f
    return by


# A forged result frame whose "cells" list is not a list of dicts: _judge() does c.get(...) / c["cell"] + 1 on it
# outside any try, in the worker thread, so grade() raises and writes no gradebook for anyone.
BAD_CELLS = r'''
import json, os, stat, struct
data = json.dumps({{"ok": True, "captured": {{}}, "cells": {cells}}}).encode()
for fd in range(3, 64):
    try:
        if stat.S_ISFIFO(os.fstat(fd).st_mode):
            os.write(fd, struct.pack(">Q", len(data)) + data)
    except OSError:
        pass
os._exit(0)
'''


# Was an attack that stopped the run: a forged frame with 'cells': [7] (or [{'timed_out': true, 'cell': 'x'}], or
# None) makes _judge raise in the worker thread and grade() crash: no grades for anyone.
@needs_sandbox
@pytest.mark.parametrize("cells", ["[7]", '[{"timed_out": True, "cell": "x"}]', "None"])
def test_a_forged_frame_with_odd_cells_does_not_stop_the_run(tmp_path, cells):
    by = honest_and(tmp_path, "b forger", lambda c: notebook(c, "blank", BAD_CELLS.format(cells=cells)))
    assert not by["b forger"].graded or by["b forger"].full.score == 0


# Was an attack that stopped the run: json.loads raises RecursionError (not JSONDecodeError) on a deeply nested file;
# _read_submission does not catch it and grade() crashes before anyone is graded.
@needs_sandbox
def test_a_deeply_nested_json_file_gets_a_row(tmp_path):
    by = honest_and(tmp_path, "b deep.ipynb", ("[" * 200_000 + "]" * 200_000).encode())
    assert not by["b deep"].graded and by["b deep"].problem


# Was an attack that stopped the run: an answer with broken mathtext ('$x^$') reaches matplotlib as a bar label in
# report.py's answer bars: ValueError, report.html and the rest are not written.
@needs_sandbox
def test_an_answer_with_dollar_signs_does_not_stop_the_report(tmp_path):
    cell = ('from legpain.checking.student import check\n'
            'paracentral_hits = {"L3-L4": "$x^$", "L4-L5": "L5", "L5-S1": "S1"}\n'
            'check("q2_2", paracentral_hits)\n')
    by = honest_and(tmp_path, "b dollars", lambda c: notebook(c, "blank", cell))
    assert by["b dollars"].graded


# Was an attack that stopped the run: a lone surrogate in an answer ('\ud800') passes to_plain and JSON, then writing
# the report/CSV in UTF-8 raises UnicodeEncodeError.
@needs_sandbox
def test_an_answer_with_a_lone_surrogate_does_not_stop_the_report(tmp_path):
    cell = ('from legpain.checking.student import check\n'
            'paracentral_hits = {"L3-L4": "\\ud800", "L4-L5": "L5", "L5-S1": "S1"}\n'
            'check("q2_2", paracentral_hits)\n')
    by = honest_and(tmp_path, "b surrogate", lambda c: notebook(c, "blank", cell))
    assert by["b surrogate"].graded


# Was an attack that stopped the run: a file name that is not UTF-8 (bytes \xff\xfe) becomes an id with surrogates
# (os.fsdecode) and writing manual.csv/grades.csv raises UnicodeEncodeError.
@needs_sandbox
def test_a_file_name_that_is_not_utf8_gets_a_row(tmp_path):
    course = course_copy(tmp_path)
    subs, out = tmp_path / "subs", tmp_path / "out"
    write(subs, "a honest", notebook(course, "model"))
    with open(os.fsencode(str(subs)) + b"/\xff\xfe.ipynb", "w", encoding="utf-8") as fh:
        fh.write(notebook(course, "blank"))
    summary = run(subs, out, course)
    assert len(summary.outcomes) == 2
    assert (out / "grades.csv").is_file() and (out / "report.html").is_file()


def _zip(path: Path, members: dict) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


# Was an attack that stopped the run: _extract called target.resolve()/parent.mkdir() outside its try (a member
# whose parent is a file, 'x' then 'x/y.ipynb', or a name longer than 255 bytes raised OSError).
@pytest.mark.parametrize("bad", ["x/y.ipynb", "a" * 300 + ".ipynb", "a" * 300 + "/n.ipynb"])
def test_zip_members_that_cannot_be_written_get_a_row(tmp_path, bad):
    nb = set_files(SLUG, ROOT).exercise.read_text(encoding="utf-8")
    members = {"honest.ipynb": nb, "x": "a plain file"} if bad.startswith("x/") else {"honest.ipynb": nb}
    members[bad] = nb
    items, tmp = find_submissions(_zip(tmp_path / "subs.zip", members), SLUG, workdir=tmp_path)
    try:
        assert any(i.student == "honest" and i.path is not None for i in items)
        assert any(i.path is None and i.problem for i in items if "ipynb" in i.label and "honest" not in i.label)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


# Was an attack: _answer_cells' pattern `^\s*(def\s+V\s*\(|V\s*(:[^=]*)?=(?!=))` (re.M) backtracked over the rest of
# the cell for every line 'V:' without '=' (100 kB of 'likely_root:' lines: 20 s in the grader's own thread).
def test_answer_cells_is_linear_in_the_cell_size(tmp_path):
    """The regular expression the grader runs on a student's cells (after a timed-out cell) must not backtrack:
    a 100 kB cell takes milliseconds when it is linear; the limit (8 s, in a child process) only catches a hang."""
    import subprocess

    code = ("from legpain import bank\nfrom legpain.grading import _answer_cells\n"
            f"q = next(q for q in bank.assignment({SLUG!r}).exercises if q.qid == 'q2_8')\n"
            "_answer_cells(['likely_root:\\n' * 8000], q)\n")
    try:
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, timeout=8, check=True, capture_output=True)
    except subprocess.TimeoutExpired:
        pytest.fail("a 100 kB cell held the grader's regular expression for more than 8 s")


def test_answer_cells_still_finds_where_an_answer_is():
    from legpain.grading import _answer_cells

    q = next(q for q in bank.assignment(SLUG).exercises if q.qid == "q2_8")
    v = q.var
    cells = [f"{v} = 'L5'\n", f"x = 1\n  {v}: str = 'L5'\n", f"def {v}(level):\n    return 1\n",
             f'check("{q.qid}", x)\n', f"print({v} == 'L5')\n", f"{v}:\n= 3\n", f"# {v} = 1\n"]
    assert _answer_cells(cells, q) == {0, 1, 2, 3}


def test_a_package_under_tmp_stays_visible_in_the_sandbox(monkeypatch):
    monkeypatch.setattr(sandbox, "shown_paths", lambda: [Path("/tmp/course/legpain")])
    cmd = sandbox.bwrap_command(["python"], {})
    pairs = list(zip(cmd, cmd[1:]))
    tmpfs = pairs.index(("--tmpfs", "/tmp"))
    bind = next(i for i, (a, b) in enumerate(pairs) if a == "--ro-bind" and b == "/tmp/course/legpain")
    assert tmpfs < bind


# ---- the same findings, checked without the sandbox (fast; they run on any machine) -------------------------------

def _outcome(tmp_path, name="s"):
    from legpain.grading import Outcome
    from legpain.grading.intake import Item

    return Outcome(Item(name, tmp_path / f"{name}.ipynb", f"{name}.ipynb"))


@pytest.mark.parametrize("result", [
    {"ok": True, "captured": {}, "cells": [7]},
    {"ok": True, "captured": {}, "cells": [{"timed_out": True, "cell": "x"}]},
    {"ok": True, "captured": {}, "cells": None},
    {"ok": True, "captured": {}, "cells": [{"cell": True, "error": "x"}]},
    {"ok": True, "captured": {}, "cells": [{"cell": -1, "timed_out": True}]},
    {"ok": True, "captured": {}, "cells": [{"cell": 0, "error": ["not", "text"]}]},
    {"ok": True, "captured": {"q2_1": 7}, "cells": []},
    {"ok": True, "captured": None, "cells": []},
    {"ok": True, "captured": [], "cells": []},
    {"ok": True, "captured": {}, "cells": [], "seconds": "soon"},
    {"ok": "yes", "captured": {}, "cells": []},
    {"ok": False, "reason": {"not": "text"}},
    [1, 2, 3],
    None,
])  # an answer nested 500 deep is no longer a wrong shape but an answer too large to check: test_redteam2.py
def test_a_result_in_the_wrong_shape_is_a_row(tmp_path, result):
    from legpain.grading import BAD_SHAPE, _judge

    o = _outcome(tmp_path)
    _judge(o, result, SLUG, {}, ["x = 1"])
    assert not o.graded and o.problem == BAD_SHAPE


def test_odd_but_readable_answers_are_judged_and_stay_writable(tmp_path):
    from legpain.grading import _judge

    o = _outcome(tmp_path)
    result = {"ok": True, "seconds": 1.5, "captured": {"q2_1": {"state": "answered", "value": "\ud800"}},
              "cells": [{"cell": 0, "error": "ValueError: \udcff"}]}
    _judge(o, result, SLUG, {}, ["x = 1"])
    assert o.graded and o.full.score == 0 and o.seconds == 1.5
    json.dumps(o.captured, ensure_ascii=False).encode("utf-8")  # no lone surrogate is left
    "".join(o.cell_notes).encode("utf-8")
    o = _outcome(tmp_path)  # a function's outputs that are not {"ok": ..., "value": ...}: a row, not a crash
    _judge(o, {"ok": True, "captured": {"q2_8": {"state": "answered", "outputs": [7, "x", None]}}}, SLUG, {}, [])
    assert not o.graded and o.problem


def test_an_answer_loses_its_lone_surrogates_at_capture():
    from legpain.checking.answers import to_plain

    class Text(str):
        pass

    got = to_plain({"L3-L4\udc80": ["\ud800", Text("a\udfff"), "L5"]})
    assert json.dumps(got, ensure_ascii=False).encode("utf-8")
    assert got == {"L3-L4\ufffd\ufffd\ufffd": ["\ufffd" * 3, "a" + "\ufffd" * 3, "L5"]}


@pytest.mark.parametrize("raw", [b"[" * 200_000 + b"]" * 200_000, b'{"cells": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
                                 b"1" * 5000])
def test_a_file_json_cannot_read_is_a_row(tmp_path, raw):
    from legpain.grading import _read_submission

    (tmp_path / "x.ipynb").write_bytes(raw)
    cells, meta, problem = _read_submission(tmp_path / "x.ipynb")
    assert cells is None and problem.startswith(("malformed JSON", "valid JSON, but not"))


def test_a_file_name_that_is_not_utf8_becomes_a_writable_id(tmp_path):
    subs = tmp_path / "subs"
    subs.mkdir()
    nb = set_files(SLUG, ROOT).exercise.read_text(encoding="utf-8")
    (subs / "ana.ipynb").write_text(nb, encoding="utf-8")
    for raw in (b"\xff\xfe.ipynb", b"caf\xe9.ipynb", b"\xff\xfe"):  # the last one: a folder
        path = os.fsencode(str(subs)) + b"/" + raw
        if raw.endswith(b".ipynb"):
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(nb)
        else:
            os.mkdir(path)
            with open(path + b"/" + SLUG.encode() + b".ipynb", "w", encoding="utf-8") as fh:
                fh.write(nb)
    items, _ = find_submissions(subs, SLUG)
    assert len(items) == 4
    for i in items:
        (i.student + i.label + i.problem).encode("utf-8")  # nothing the gradebook writes holds a surrogate
    readable = [i for i in items if i.path is not None]
    assert {i.student for i in readable} >= {"ana", "caf\ufffd"}
    for i in readable:
        assert i.path.is_file()  # the real name is kept for reading
    assert sorted(i.student for i in items).count("\ufffd\ufffd") == 2  # the file and the folder: one is graded
    assert sum(1 for i in items if i.student == "\ufffd\ufffd" and i.path is not None) == 1


def test_answer_bars_draw_dollar_signs_as_text():
    from types import SimpleNamespace as NS

    from legpain.grading.pages import answer_bars

    groups = [NS(text=t, count=c, correct=k, state="answer")
              for t, c, k in [("{'L3-L4': '$x^$'}", 3, False), ("$\\frac{1}{$", 2, False), ("L5", 5, True)]]
    bars = answer_bars([NS(groups=groups, label="Question 2.2", qid="q2_2")])
    assert bars["q2_2"][0].startswith("data:image/png;base64,") and "$x^$" in bars["q2_2"][1]


def test_the_report_is_written_when_the_item_analysis_fails(tmp_path, monkeypatch):
    from legpain.grading import Summary, _judge, item_analysis as items
    from legpain.grading.gradebook import write_all

    o = _outcome(tmp_path, "b\ud800")
    _judge(o, {"ok": True, "captured": {"q2_1": {"state": "answered", "value": "$x^$\ud800"}}, "cells": []},
           SLUG, {}, [])
    assert o.graded
    real = items.analyse
    monkeypatch.setattr(items, "analyse", lambda a, outcomes, *rest: real(a, outcomes, *rest) if not outcomes
                        else 1 / 0)
    out = tmp_path / "out"
    (out / "feedback").mkdir(parents=True)
    summary = Summary(SLUG, [o], 1.0, out)
    write_all(summary, bank.assignment(SLUG), {})
    assert any("item analysis could not be made" in w for w in summary.warnings)
    for f in ("grades.csv", "grades_wide.csv", "report.html", "items.csv"):
        assert (out / f).is_file(), f


def test_feedback_file_names_fit_on_the_disk(tmp_path):
    from legpain.grading.intake import feedback_names

    ids = ["a" * 255, "a" * 255 + "b", "\ufffd" * 250, "é" * 127, "\ud800" * 3]
    names, _ = feedback_names(ids)
    assert len(set(names.values())) == len(ids)
    for n in names.values():
        (tmp_path / f"{n}.html").write_text("x", encoding="utf-8")


@pytest.mark.parametrize("line", [b"[1, 2]", b"7", b"null", b"[" * 100_000 + b"]" * 100_000, b'"\xff"'])
def test_the_runner_takes_only_an_object_from_its_process(monkeypatch, line):
    import io

    from legpain.grading.runner import Runner

    class Proc:
        stdin = io.BytesIO()
        pid = -1

        def poll(self):
            return None

    r = Runner()
    r.proc, r._ready = Proc(), True
    monkeypatch.setattr(r, "_read_line", lambda timeout: line)
    monkeypatch.setattr(r, "stop", lambda: setattr(r, "proc", None))
    assert r.run({"nb_timeout": 1}) == {"ok": False, "reason": "kernel died (garbled answer from the grading process)"}
    assert r.proc is None


def test_notes_on_code_cells_stay_short(tmp_path):
    from legpain.grading import _MAX_NOTES, _judge

    o = _outcome(tmp_path)
    cells = [{"cell": i, "error": "E" * 10_000} for i in range(5000)]
    _judge(o, {"ok": True, "captured": {}, "cells": cells}, SLUG, {}, [])
    assert o.graded and len(o.cell_notes) == _MAX_NOTES + 1 and max(map(len, o.cell_notes)) < 400
    assert o.cell_notes[-1] == f"... and {5000 - _MAX_NOTES} more code cells with an error"


def test_answers_that_never_arrive_complete_say_so(tmp_path):
    from legpain.grading import _judge

    o = _outcome(tmp_path)
    _judge(o, {"ok": False, "reason": "kernel died (exit status 0)"}, SLUG, {}, [])
    assert o.problem.startswith("kernel died (its answers never arrived complete")
    o = _outcome(tmp_path)
    _judge(o, {"ok": False, "reason": "kernel died (signal 11)"}, SLUG, {}, [])
    assert o.problem == "kernel died (signal 11)"
    o = _outcome(tmp_path)
    _judge(o, {"ok": False}, SLUG, {}, [])
    assert o.problem == "kernel died"
