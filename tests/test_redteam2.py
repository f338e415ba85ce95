"""The second hostile class (issue 27): one test per finding of the red team that attacked the grader, the sandbox
and the Hub round trip as root, each graded on a COPY of the course (set 02 in ``tmp_path``).

 1. a thread bomb (raw ``clone(CLONE_THREAD)``) is held to its worker's cgroup (pids.max); the others are graded
 2. output folders someone else made, or that lie under a folder someone else can change, are refused
    (``grade --out``, ``collect --out`` and its report, ``return OUTDIR``)
 3. a thread may not make namespaces (seccomp: clone with any CLONE_NEW* flag), nor set a host name
 4. memory parked in socket buffers counts against the worker's cgroup (memory.max)
 5. a forged 16 MB result frame costs the grader no more than a small multiple of an honest run
 6. nothing a submission prints or returns puts a hidden case's input or expected value into its feedback
 7. a job gets a fresh session keyring and no key system call: it reads no key of the grader's, leaves none
 8. grades and returned pages are readable by their owner only (0700 folders, 0600 files)
 9. no CSV cell reads as a formula in any locale (after ``;`` or ``,``, a line feed, full-width signs)
10. a zip member 1,000 folders deep gets a row; no scratch folder is left on any error

Safety: bounded attacks (at most 1,000 threads, 1.5 GB of socket buffers for a moment, under a cgroup where one can
be had), every planted file under ``tmp_path``, every key in a session keyring of a subprocess's own.
"""

from __future__ import annotations

import csv
import io
import json
import os
import platform
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest

from legpain.checking import bank
from legpain.common.layout import set_files
from legpain.grading import GradeError, grade, sandbox

from helpers import ROOT

SLUG = "02-nerve-roots-and-leg-pain"
HAVE_SANDBOX = sandbox.probe(force_fail=False)[0]
needs_sandbox = pytest.mark.skipif(not HAVE_SANDBOX and not os.environ.get("CI"),
                                   reason="this machine cannot make the sandbox (bubblewrap, user namespaces)")
AS_ROOT = pytest.mark.skipif(os.geteuid() != 0, reason="another user's files need root to make")
X86 = pytest.mark.skipif(platform.machine() != "x86_64", reason="the attack's machine code is x86-64")
STUDENT = 5001  # the uid of a student on the same machine
AUTO_MAX = sum(q.points for q in bank.assignment(SLUG).exercises if not q.manual)


def _cgroup_reason() -> str:
    cgs, why = sandbox.worker_cgroups(1, 300)
    for cg in cgs:
        cg.remove()
    return "" if cgs else why


needs_cgroup = pytest.mark.skipif(bool(_cgroup_reason()), reason=f"no cgroup here: {_cgroup_reason()}")


@pytest.fixture(autouse=True)
def private_tmp(tmp_path, monkeypatch):
    """A temporary folder of this test's own (others on the machine may grade at the same time)."""
    d = tmp_path / "systmp"
    d.mkdir(exist_ok=True)
    monkeypatch.setenv("TMPDIR", str(d))
    monkeypatch.setattr(tempfile, "tempdir", str(d))
    return d


def course_copy(base: Path, slug: str = SLUG) -> Path:
    course = base / "course"
    here, there = set_files(slug, ROOT), set_files(slug, course)
    for which in ("solution", "exercise"):
        getattr(there, which).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(getattr(here, which), getattr(there, which))
    return course


def notebook(course: Path, base: str, *cells: str) -> str:
    """``base`` ("model": the solution notebook, "blank": the student copy) with ``cells`` added at the end."""
    files = set_files(SLUG, course)
    nb = json.loads((files.solution if base == "model" else files.exercise).read_text(encoding="utf-8"))
    for i, src in enumerate(cells):
        nb["cells"].append({"cell_type": "code", "execution_count": None, "id": f"redteam2-{i}", "metadata": {},
                            "outputs": [], "source": src})
    return json.dumps(nb)


def write(subs: Path, name: str, text: str) -> None:
    subs.mkdir(parents=True, exist_ok=True)
    (subs / f"{name}.ipynb").write_text(text, encoding="utf-8")


def note(o, key: str) -> str:
    """The text after ``key=`` in the submission's notes on its code cells (an attack reports what it got there)."""
    for n in o.cell_notes:
        if key + "=" in n:
            return n.split(key + "=", 1)[1].split()[0].rstrip(".,")
    return ""


def honest_graded(by: dict, *names: str) -> None:
    for n in names:
        assert by[n].graded and by[n].full.score == AUTO_MAX, (n, by[n].problem)


# ---- machine code for raw clone(): the thread runs it on a stack of 16 bytes, using none ------------------------
PAUSE_LOOP = "b8220000000f05ebf7"  # for (;;) pause();
# sethostname("pwned", 5) -> int at +0x4a; mount("none", "/tmp", "tmpfs", 0, NULL) -> int at +0x4e; exit(0)
NS_CODE = ("b8aa000000488d3d46000000be050000000f05890531000000b8a5000000488d3d33000000488d3531000000488d152f0000004531"
           "d24531c00f0589050d000000b83c00000031ff0f05010000000100000070776e6564006e6f6e65002f746d7000746d70667300")
RAW_CLONE = r'''
import ctypes, mmap, signal
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
libc.syscall.argtypes = [ctypes.c_long, ctypes.c_ulong, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p,
                         ctypes.c_void_p]
page = mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
page.write(bytes.fromhex(CODE))
stack = (ctypes.c_uint64 * 2)(ctypes.addressof(ctypes.c_char.from_buffer(page)))  # syscall() returns into it
THREAD = 0x10000 | 0x800 | 0x100  # CLONE_THREAD | CLONE_SIGHAND | CLONE_VM

def raw_clone(flags, n):
    """clone(flags) n times with the machine code as the new thread's body; (threads made, errno of the refusal)"""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, signal.valid_signals())  # the raw threads take no signal
    made = err = 0
    try:
        for _ in range(n):
            if libc.syscall(56, flags, ctypes.addressof(stack), None, None, None) <= 0:
                err = ctypes.get_errno()
                break
            made += 1
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
    return made, err
'''


# ---- 1. thread bomb -------------------------------------------------------------------------------------------------
THREAD_BOMB = RAW_CLONE.replace("CODE", repr(PAUSE_LOOP)) + r'''
import time
made, err = raw_clone(THREAD, 1000)
time.sleep(3)  # the others are graded while its threads hold their PIDs
raise RuntimeError(f"THREADS={made} errno={err}")
'''


@needs_sandbox
@needs_cgroup
@X86
def test_a_thread_bomb_is_held_to_its_workers_cgroup(tmp_path):
    """Raw clone(CLONE_THREAD) on a tiny stack, 1,000 times: the worker's pids.max stops it near 128 tasks
    (RLIMIT_NPROC does not bind root), and the honest notebooks on both workers, before and after it, are graded."""
    course = course_copy(tmp_path)
    subs = tmp_path / "subs"
    for n in ("a honest", "c honest", "d honest", "e honest"):
        write(subs, n, notebook(course, "model"))
    write(subs, "b bomb", notebook(course, "blank", THREAD_BOMB))
    summary = grade(subs, SLUG, tmp_path / "out", workers=2, timeout=8, progress=False, root=course)
    by = {o.item.student: o for o in summary.outcomes}
    made = note(by["b bomb"], "THREADS")
    assert made and int(made) < sandbox.PIDS_MAX, by["b bomb"].cell_notes
    honest_graded(by, "a honest", "c honest", "d honest", "e honest")


def _fake_cgroupfs(tmp_path: Path, controllers: str, enabled: str, procs: str = "") -> Path:
    root = tmp_path / "cgroupfs"
    root.mkdir()
    for name, text in (("cgroup.controllers", controllers), ("cgroup.subtree_control", enabled),
                       ("cgroup.procs", procs)):
        (root / name).write_text(text)
    return root


def test_cgroup_v2_workers_get_their_limits(tmp_path, monkeypatch):
    """In a cgroup v2 hierarchy that offers pids, memory and cpu (here a stand-in folder: the kernel's rules are not
    simulated), each worker gets a folder with pids.max, memory.max, no swap and an equal CPU weight; the zygote
    joins it through a shell before it becomes bubblewrap; remove() deletes it."""
    root = _fake_cgroupfs(tmp_path, "cpu memory pids", "cpu memory pids")
    monkeypatch.setattr(sandbox, "_cgroup_places", lambda: ({"": "/"}, [("cgroup2", str(root), "rw")]))
    real_makedirs = os.makedirs

    def makedirs(path, exist_ok=False):  # a new cgroup comes with its files
        real_makedirs(path, exist_ok=exist_ok)
        for f in ("memory.swap.max", "cpu.weight"):
            Path(path, f).touch()

    monkeypatch.setattr(os, "makedirs", makedirs)
    cgs, why = sandbox.worker_cgroups(2, 300)
    assert why == "" and [c.version for c in cgs] == [2, 2]
    d = Path(cgs[1].dirs[0])
    assert d.parent == root and d.name == f"legpain-{os.getpid()}-w1"
    limit = (sandbox.MEM_BASE_MB + 450) * 2**20
    assert {f: (d / f).read_text() for f in ("pids.max", "memory.max", "memory.swap.max", "cpu.weight")} == {
        "pids.max": str(sandbox.PIDS_MAX), "memory.max": str(limit), "memory.swap.max": "0", "cpu.weight": "100"}
    cmd = cgs[1].wrap(["bwrap", "--", "python"])
    assert cmd[:2] == ["/bin/sh", "-c"] and cmd[4] == str(d / "cgroup.procs") and cmd[-3:] == ["bwrap", "--", "python"]
    for c in cgs:
        shutil.rmtree(c.dirs[0])
    # a delegated scope that holds only the grader: it moves into a leaf of its own, then enables the controllers
    shutil.rmtree(root)
    root = _fake_cgroupfs(tmp_path, "pids memory", "", procs=f"{os.getpid()}\n")
    cgs, why = sandbox.worker_cgroups(1, 300)
    assert why == "" and len(cgs) == 1
    assert (root / f"legpain-{os.getpid()}-grader" / "cgroup.procs").read_text() == str(os.getpid())
    assert (root / "cgroup.subtree_control").read_text() == "+pids +memory"


def test_without_a_cgroup_the_run_says_why_in_one_line(tmp_path, monkeypatch):
    """A hierarchy that offers no pids or memory controller (and no v1 one), or a cgroup that holds other processes:
    no cgroup, and one line saying why."""
    root = _fake_cgroupfs(tmp_path, "hugetlb", "")
    monkeypatch.setattr(sandbox, "_cgroup_places", lambda: ({"": "/"}, [("cgroup2", str(root), "rw")]))
    cgs, why = sandbox.worker_cgroups(2, 300)
    assert cgs == [] and "\n" not in why and "offers no pids or memory controller" in why and "v1" in why
    shutil.rmtree(root)
    root = _fake_cgroupfs(tmp_path, "pids memory", "", procs="1\n2\n")
    cgs, why = sandbox.worker_cgroups(2, 300)
    assert cgs == [] and "holds other processes" in why and "Delegate=yes" in why
    monkeypatch.setenv(sandbox.CGROUP_ENV, "off")
    assert sandbox.worker_cgroups(1, 300) == ([], f"turned off ({sandbox.CGROUP_ENV}=off)")


@needs_sandbox
def test_a_run_without_a_cgroup_grades_and_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv(sandbox.CGROUP_ENV, "off")
    course = course_copy(tmp_path)
    write(tmp_path / "subs", "a honest", notebook(course, "model"))
    summary = grade(tmp_path / "subs", SLUG, tmp_path / "out", workers=1, timeout=5, progress=False, root=course)
    assert summary.outcomes[0].full.score == AUTO_MAX
    line = [w for w in summary.warnings if w.startswith("no cgroup")]
    assert len(line) == 1 and "\n" not in line[0] and "address space, CPU time, open files" in line[0]


# ---- 3. namespaces from a thread ------------------------------------------------------------------------------------
NS_THREAD = RAW_CLONE.replace("CODE", repr(NS_CODE)) + r'''
import time
from legpain.checking.student import check
NEW = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x40000000  # NEWNS NEWCGROUP NEWUTS NEWIPC NEWNET
made, err = raw_clone(THREAD | NEW, 1)
time.sleep(0.5)
host, mount = ctypes.c_int32.from_buffer(page, 0x4a).value, ctypes.c_int32.from_buffer(page, 0x4e).value
if made:
    exits_at_l4_l5 = "b"
    check("q2_1", exits_at_l4_l5)
raise RuntimeError(f"NSTHREAD={made} errno={err} sethostname={host} mount={mount}")
'''


@needs_sandbox
@X86
def test_a_thread_cannot_make_namespaces(tmp_path):
    """A thread cloned with CLONE_NEWNS|NEWUTS|NEWIPC|NEWNET|NEWCGROUP would hold CAP_SYS_ADMIN in them (a tmpfs
    outside the memory cap, a host name): the filter refuses the clone (EPERM), so nothing is mounted or named."""
    course = course_copy(tmp_path)
    subs = tmp_path / "subs"
    write(subs, "a honest", notebook(course, "model"))
    write(subs, "b namespaces", notebook(course, "blank", NS_THREAD))
    summary = grade(subs, SLUG, tmp_path / "out", workers=1, timeout=5, progress=False, root=course)
    by = {o.item.student: o for o in summary.outcomes}
    o = by["b namespaces"]
    assert o.graded, o.problem
    assert note(o, "NSTHREAD") == "0" and note(o, "errno") == "1", o.cell_notes  # EPERM: the filter's answer
    assert note(o, "sethostname") == "1" and note(o, "mount") == "1"  # never ran
    assert o.full.score == 0
    honest_graded(by, "a honest")


def _run_bpf(prog, nr: int, args=(0,) * 6, arch: int = 0xC000003E) -> int:
    """The decision of a classic BPF seccomp program for one system call (a tiny interpreter of the five
    instructions the filter uses)."""
    import struct

    args = (tuple(args) + (0,) * 6)[:6]
    data = struct.pack("=iIQ6Q", nr, arch, 0, *[a & (2**64 - 1) for a in args])
    acc, pc = 0, 0
    while True:
        code, jt, jf, k = prog[pc]
        pc += 1
        if code == 0x20:  # ld [k]
            acc = struct.unpack_from("=I", data, k)[0]
        elif code == 0x15:  # jeq
            pc += jt if acc == k else jf
        elif code == 0x35:  # jge
            pc += jt if acc >= k else jf
        elif code == 0x45:  # jset
            pc += jt if acc & k else jf
        elif code == 0x06:  # ret
            return k
        else:  # pragma: no cover
            raise AssertionError(f"unknown BPF instruction {code:#x}")


def test_the_filter_refuses_namespaces_keys_and_host_names():
    """Read instruction by instruction: clone with any CLONE_NEW* flag (a thread's too) and without CLONE_THREAD is
    refused, a plain thread allowed; unshare, setns, add_key, keyctl, request_key, sethostname, setdomainname are
    refused (EPERM); an ordinary call passes."""
    prog = sandbox._bpf_program("x86_64")
    allow, eperm = 0x7FFF0000, 0x00050000 | 1
    thread = 0x10000 | 0x800 | 0x100 | 0x00200000  # CLONE_THREAD|SIGHAND|VM|SETTLS, as pthread_create
    assert _run_bpf(prog, 56, (thread,)) == allow
    for flag in (0x00020000, 0x02000000, 0x04000000, 0x08000000, 0x10000000, 0x20000000, 0x40000000):
        assert _run_bpf(prog, 56, (thread | flag,)) == eperm, hex(flag)
    assert _run_bpf(prog, 56, (17,)) == eperm  # fork: clone(SIGCHLD)
    for nr in (272, 308, 248, 249, 250, 170, 171, 57, 58, 319):
        assert _run_bpf(prog, nr) == eperm, nr
    assert _run_bpf(prog, 435) == 0x00050000 | 38  # clone3: ENOSYS, so that libraries fall back to clone
    assert _run_bpf(prog, 0) == allow  # read


# ---- 4. memory in socket buffers ----------------------------------------------------------------------------------
SOCKET_HOARD = r'''
import socket

def pair(tcp):
    if not tcp:
        return socket.socketpair()
    lst = socket.socket()
    lst.bind(("127.0.0.1", 0))
    lst.listen(1)
    a = socket.create_connection(lst.getsockname())
    b, _ = lst.accept()
    lst.close()
    return a, b

parked, socks, why = 0, [], "done"
try:
    while parked < 1500 << 20:  # TCP on the job's own loopback, or Unix socket pairs
        a, b = pair(TCP)
        socks += [a, b]
        a.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 1 << 30)
        b.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 30)
        a.setblocking(False)
        n = 0
        while True:
            try:
                n += a.send(b"x" * 65536)
            except BlockingIOError:
                break
        parked += n
        if n == 0:
            why = "no more"
            break
except OSError as exc:
    why = exc.strerror
raise RuntimeError(f"PARKED={parked >> 20} sockets={len(socks)} why={why}")
'''


@needs_sandbox
@needs_cgroup
def test_memory_in_socket_buffers_counts_against_the_cap(tmp_path):
    """1.5 GB parked in socket buffers (TCP, and Unix socket pairs) under --memory 300: the worker's cgroup holds
    each below its memory limit (or kills the job), and the honest notebooks are graded."""
    course = course_copy(tmp_path)
    subs = tmp_path / "subs"
    write(subs, "a honest", notebook(course, "model"))
    write(subs, "b hoard tcp", notebook(course, "blank", "TCP = True\n" + SOCKET_HOARD))
    write(subs, "c hoard unix", notebook(course, "blank", "TCP = False\n" + SOCKET_HOARD))
    write(subs, "d honest", notebook(course, "model"))
    summary = grade(subs, SLUG, tmp_path / "out", workers=2, timeout=20, mem_mb=300, progress=False, root=course)
    by = {o.item.student: o for o in summary.outcomes}
    limit_mb = sandbox.MEM_BASE_MB + 300 * 3 // 2
    for name in ("b hoard tcp", "c hoard unix"):
        hoard = by[name]
        if hoard.graded:
            parked = note(hoard, "PARKED")
            assert parked and int(parked) < limit_mb, hoard.cell_notes
        else:
            assert "kernel died" in hoard.problem, hoard.problem
    honest_graded(by, "a honest", "d honest")


# ---- 5. grader amplification ----------------------------------------------------------------------------------------
FORGE = r'''
import json, os, stat, struct
keys = {{format(i, "x"): 1 for i in range({n})}}
data = json.dumps({{"ok": True, "captured": {{"q2_2": {{"state": "answered", "value": keys}}}}, "cells": []}}).encode()
for fd in range(3, 64):
    try:
        if stat.S_ISFIFO(os.fstat(fd).st_mode):
            os.write(fd, struct.pack(">Q", len(data)) + data)
    except OSError:
        pass
os._exit(0)
'''
MEASURE = r'''
import json, resource, sys
from pathlib import Path
from legpain.grading import grade
subs, out, course = map(Path, sys.argv[1:4])
s = grade(subs, "02-nerve-roots-and-leg-pain", out, workers=2, timeout=10, progress=False, root=course)
u = resource.getrusage(resource.RUSAGE_SELF)
sizes = {p.relative_to(out).as_posix(): p.stat().st_size for p in out.rglob("*") if p.is_file()}
rows = {o.item.student: [o.problem] + ([[r.qid, r.status, r.message] for r in o.full.results] if o.graded else [])
        for o in s.outcomes}
print(json.dumps({"cpu": u.ru_utime + u.ru_stime, "rss_mb": u.ru_maxrss / 1024, "sizes": sizes, "rows": rows}))
'''


def _measure(tmp_path: Path, name: str, course: Path, notebooks: dict) -> dict:
    subs = tmp_path / f"subs-{name}"
    for student, text in notebooks.items():
        write(subs, student, text)
    r = subprocess.run([sys.executable, "-c", MEASURE, str(subs), str(tmp_path / f"out-{name}"), str(course)],
                       capture_output=True, text=True, timeout=300, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads(r.stdout.strip().splitlines()[-1])


@needs_sandbox
def test_a_forged_16_mb_result_costs_the_grader_little(tmp_path):
    """A forged 16 MB frame (a Match answer of 1.3 M keys) and a 3.6 MB one (300,000 keys): the first is refused
    whole (too large to read), the second's answer gets an "answer too large" row; the grader's CPU time and memory
    and what it writes stay within a small multiple of an honest run's."""
    course = course_copy(tmp_path)
    honest = {"a honest": notebook(course, "model"), "z honest": notebook(course, "model")}
    base = _measure(tmp_path, "honest", course, honest)
    forged = dict(honest, **{"b forge 16 MB": notebook(course, "blank", FORGE.format(n=1_300_000)),
                             "c forge 4 MB": notebook(course, "blank", FORGE.format(n=300_000))})
    hit = _measure(tmp_path, "forged", course, forged)
    assert hit["cpu"] < 2 * base["cpu"] + 2.0, (base["cpu"], hit["cpu"])
    assert hit["rss_mb"] < base["rss_mb"] + 100, (base["rss_mb"], hit["rss_mb"])
    for f in ("report.html", "grades.csv", "grades_wide.csv", "items.csv"):
        assert hit["sizes"][f] < 2 * base["sizes"][f] + 50_000, (f, base["sizes"][f], hit["sizes"][f])
    for page, size in hit["sizes"].items():
        assert size < 200_000, (page, size)
    big = hit["rows"]["b forge 16 MB"]
    assert "too large" in big[0], big
    q22 = next(r for r in hit["rows"]["c forge 4 MB"][1:] if r[0] == "q2_2")
    assert q22[1] == "invalid" and "too large" in q22[2], q22


@pytest.mark.parametrize("value, why", [
    ({format(i, "x"): 1 for i in range(300_000)}, "a dictionary of 300,000 entries"),
    (list(range(20_000)), "a list of 20,000 entries"),
    ("x" * 30_000, "a text of 30,000 characters"),
    (json.loads("[" * 500 + "]" * 500), "nested more than 20 levels deep"),
    (["y" * 15_000] * 9, "more than 100,000 characters in all"),
])
def test_an_answer_too_large_to_check_gets_a_row(tmp_path, value, why):
    """A captured answer past a cap (entries, length, nesting, characters) is not judged: its question gets an
    "invalid" row saying the answer is too large to check, and the rest of the notebook is graded; the check takes
    milliseconds however large the answer."""
    from legpain.grading import Outcome, _judge
    from legpain.grading.intake import Item

    o = Outcome(Item("s", tmp_path / "s.ipynb", "s.ipynb"))
    started = time.process_time()
    _judge(o, {"ok": True, "captured": {"q2_2": {"state": "answered", "value": value},
                                        "q2_1": {"state": "answered", "value": "b"}}, "cells": []}, SLUG, {}, [])
    assert time.process_time() - started < 1.0
    assert o.graded
    by = {r.qid: r for r in o.full.results}
    assert by["q2_2"].status == "invalid" and "too large to check" in by["q2_2"].message and why in by["q2_2"].message
    assert by["q2_1"].status == "correct"


# ---- 6. hidden cases into one's own feedback ---------------------------------------------------------------------
HIDDEN_LEAK = r'''
import gc, json, os, stat, struct
from legpain import bank
from legpain.checking.student import check
q = next(q for q in bank.assignment("02-nerve-roots-and-leg-pain").exercises if q.qid == "q2_8")
public = [list(c.args) for c in q.cases]
found = [o["hidden_inputs"] for o in gc.get_objects() if type(o) is dict and "hidden_inputs" in o]
ns = {}
exec(q.right[0], ns)  # a model solution, from the package
model = next(v for k, v in ns.items() if callable(v) and not k.startswith("__"))

def forge(text):
    data = json.dumps({"ok": True, "captured": {"q2_1": {"state": "invalid", "message": text}},
                       "cells": [{"cell": 0, "error": text}]}).encode()
    for fd in range(3, 64):
        try:
            if stat.S_ISFIFO(os.fstat(fd).st_mode):
                os.write(fd, struct.pack(">Q", len(data)) + data)
        except OSError:
            pass

def likely_root(findings):
    if [findings] not in public:  # a hidden case: its input is here, its expected value the model's answer
        forge("HIDDENLEAK " + json.dumps([findings, model(findings)]))
        os._exit(0)
    return model(findings)

check("q2_8", likely_root)
if found:
    raise RuntimeError("HIDDENLEAK " + json.dumps(found))
'''


@needs_sandbox
def test_hidden_cases_never_reach_the_students_feedback(tmp_path):
    """A submission that looks for the hidden inputs in its memory and prints them, and whose function writes each
    hidden input with the model's answer into a forged result when it is called on one: its feedback page (and the
    gradebook's message) holds neither, only its public checks; it gains no hidden case it did not answer."""
    from legpain.authoring.assign import hidden_cases_for

    course = course_copy(tmp_path)
    subs, out = tmp_path / "subs", tmp_path / "out"
    write(subs, "a honest", notebook(course, "model"))
    write(subs, "b leaker", notebook(course, "blank", HIDDEN_LEAK))
    summary = grade(subs, SLUG, out, workers=1, timeout=5, progress=False, root=course)
    by = {o.item.student: o for o in summary.outcomes}
    honest_graded(by, "a honest")
    page = (out / "feedback" / "b leaker.html").read_text(encoding="utf-8")
    assert "HIDDENLEAK" not in page
    public_args = json.dumps([list(c.args) for c in bank.question("q2_8").cases])
    for case in hidden_cases_for(SLUG, course)["q2_8"]:
        for v in case.args[0].values():
            if v and v not in public_args:  # a hidden input's own words ("little toe", "heel", ...)
                assert v not in page, v
    leaker = by["b leaker"]
    assert leaker.graded, leaker.problem
    q28 = next(r for r in leaker.full.results if r.qid == "q2_8")
    assert q28.public_passed == q28.public_total and q28.hidden_passed == 0
    assert "HIDDENLEAK" not in (out / "grades.csv").read_text(encoding="utf-8")


def test_the_runner_sends_hidden_inputs_only_when_asked(monkeypatch):
    """The job line holds no hidden input; they go out as their own line after the zygote asks for them."""
    from legpain.grading import runner as rn

    fake = r"""
import json, sys
print(json.dumps({"ready": True, "sandbox": False}), flush=True)
job = sys.stdin.readline()
print(json.dumps({"need": "hidden"}), flush=True)
hidden = sys.stdin.readline()
print(json.dumps({"ok": True, "job": json.loads(job), "hidden": json.loads(hidden)}), flush=True)
"""
    real = subprocess.Popen
    monkeypatch.setattr(rn.subprocess, "Popen", lambda cmd, **kw: real([sys.executable, "-c", fake],
                                                                       **{**kw, "env": dict(os.environ)}))
    r = rn.Runner()
    got = r.run({"cells": [], "hidden_inputs": {"q2_8": [[{"x": 1}]]}, "nb_timeout": 5})
    r.stop()
    assert "hidden_inputs" not in got["job"] and got["job"]["hidden"] is True
    assert got["hidden"] == {"q2_8": [[{"x": 1}]]}


# ---- 7. the session keyring -----------------------------------------------------------------------------------------
KEYS = r'''
import ctypes
from legpain.checking.student import check
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
L = ctypes.c_long
def search(desc):
    return libc.syscall(L(250), L(10), L(-3), b"user", desc.encode(), L(0))  # KEYCTL_SEARCH in @s
'''
KEY_READER = KEYS + r'''
serial = search("legpain-secret-MARK")
buf = ctypes.create_string_buffer(256)
n = libc.syscall(L(250), L(11), L(serial), buf, L(256)) if serial > 0 else -1  # KEYCTL_READ
left = libc.syscall(L(248), b"user", b"legpain-note-MARK", b"left by a student", L(17), L(-3))  # add_key to @s
if n > 0 and b"instructor" in buf.raw:
    exits_at_l4_l5 = "b"
    check("q2_1", exits_at_l4_l5)
raise RuntimeError(f"KEYREAD={n} left={left}")
'''
KEY_LOOKER = KEYS + r'''
serial = search("legpain-note-MARK")
if serial > 0:
    exits_at_l4_l5 = "b"
    check("q2_1", exits_at_l4_l5)
raise RuntimeError(f"KEYNOTE={serial}")
'''
KEY_RUN = r'''
import ctypes, json, sys
from pathlib import Path
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
L = ctypes.c_long
# a session keyring of this process's own (as a PAM login session has), holding the instructor's key
assert libc.syscall(L(250), L(1), b"legpain-test-session") > 0  # KEYCTL_JOIN_SESSION_KEYRING
assert libc.syscall(L(248), b"user", b"legpain-secret-MARK", b"instructor secret", L(17), L(-3)) > 0
from legpain.grading import grade
subs, out, course = map(Path, sys.argv[1:4])
s = grade(subs, "02-nerve-roots-and-leg-pain", out, workers=1, timeout=5, progress=False, root=course)
left = libc.syscall(L(250), L(10), L(-3), b"user", b"legpain-note-MARK", L(0))
print(json.dumps({"left": left, "rows": {o.item.student: [o.problem, o.full.score if o.graded else None,
                                                          o.cell_notes] for o in s.outcomes}}))
'''


@needs_sandbox
def test_a_job_reads_no_key_and_leaves_none(tmp_path):
    """In a grader whose login session holds a key: a job cannot read it, cannot leave a key for the next job
    (which finds none), and nothing is left in the grader's keyring after the run."""
    mark = os.urandom(6).hex()
    course = course_copy(tmp_path)
    subs = tmp_path / "subs"
    write(subs, "a reader", notebook(course, "blank", KEY_READER.replace("MARK", mark)))
    write(subs, "b looker", notebook(course, "blank", KEY_LOOKER.replace("MARK", mark)))
    r = subprocess.run([sys.executable, "-c", KEY_RUN.replace("MARK", mark), str(subs), str(tmp_path / "out"),
                        str(course)], capture_output=True, text=True, timeout=300,
                       env=dict(os.environ, PYTHONPATH=str(ROOT)))
    if r.returncode != 0 and "AssertionError" in r.stderr and "join" not in r.stderr:
        pytest.skip(f"this kernel has no usable keyrings: {r.stderr[-300:]}")
    assert r.returncode == 0, r.stderr[-3000:]
    got = json.loads(r.stdout.strip().splitlines()[-1])
    rows = got["rows"]
    assert rows["a reader"][1] == 0 and rows["b looker"][1] == 0, rows
    assert got["left"] < 0, "a job left a key in the grader's session keyring"


# ---- 2. shared output folders -------------------------------------------------------------------------------------
def _shared(tmp_path: Path) -> Path:
    """A folder like /tmp: everybody may write, nobody may rename what others own (sticky)."""
    d = tmp_path / "shared"
    d.mkdir()
    os.chmod(d, 0o1777)
    return d


def _student_owns(path: Path) -> None:
    for p in [path, *path.rglob("*")]:
        os.lchown(p, STUDENT, STUDENT)


def _root_only(tmp_path: Path) -> Path:
    secret = tmp_path / "root-only.txt"
    secret.write_text("root's own line\n")
    os.chmod(secret, 0o600)
    return secret


def _right00() -> str:
    """A right notebook of set 00 (every auto point; q0_4 is graded by hand)."""
    sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "grading"))
    from make_fixtures import RIGHT, fill

    from legpain.common import notebooks

    return notebooks.dumps(fill(RIGHT))


@needs_sandbox
@AS_ROOT
def test_grade_refuses_an_output_folder_a_student_made(tmp_path):
    """A student makes the output folder first, under a shared /tmp-like folder, with a manual.csv that gives them
    a hand grade and grades.csv a link to a root-only file: the run refuses the folder and writes nothing; the
    root-only file keeps its line. A folder under a student's own folder is refused too, even a new one."""
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "mal.ipynb").write_text(_right00(), encoding="utf-8")
    secret = _root_only(tmp_path)
    out = _shared(tmp_path) / "graded"
    out.mkdir()
    (out / "manual.csv").write_text("student,question,points,comment\nmal,q0_4,2,planted\n")
    (out / "grades.csv").symlink_to(secret)
    _student_owns(out)
    with pytest.raises(GradeError, match="belongs to another user"):
        grade(subs, "00-start-here", out, workers=1, timeout=5, progress=False)
    assert secret.read_text() == "root's own line\n"
    assert sorted(p.name for p in out.iterdir()) == ["grades.csv", "manual.csv"]
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    _student_owns(theirs)
    with pytest.raises(GradeError, match="belongs to another user"):
        grade(subs, "00-start-here", theirs / "graded", workers=1, timeout=5, progress=False)
    assert not (theirs / "graded").exists()


def test_grade_takes_a_new_folder_or_an_earlier_run_only(tmp_path):
    """The grader makes its folder (0700); a run into an earlier run's folder keeps manual.csv; a folder that holds
    anything else is refused (nothing in it is changed), as is a symbolic link."""
    from legpain.grading import _output_folder

    out = tmp_path / "graded"
    _output_folder(out).close()
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    (out / "manual.csv").write_text("student,question,points,comment\n")
    (out / "canvas.csv").write_text("the instructor's own")  # a folder with the mark: an earlier run, kept as is
    _output_folder(out).close()
    assert (out / "canvas.csv").read_text() == "the instructor's own"
    old = tmp_path / "old run"  # a run from before the mark: only what a run writes
    (old / "feedback").mkdir(parents=True)
    (old / "grades.csv").write_text("x")
    (old / "feedback" / "ana.html").write_text("x")
    _output_folder(old).close()
    other = tmp_path / "thesis"
    other.mkdir()
    (other / "thesis.tex").write_text("precious")
    with pytest.raises(GradeError, match="not empty"):
        _output_folder(other)
    assert sorted(p.name for p in other.iterdir()) == ["thesis.tex"]
    (tmp_path / "link").symlink_to(out)
    with pytest.raises(GradeError, match="symbolic link"):
        _output_folder(tmp_path / "link")


@AS_ROOT
def test_collect_refuses_a_folder_a_student_made_and_a_planted_report(tmp_path):
    """collect --out into a folder a student made under /tmp (they could swap a classmate's notebook before
    grading) is refused; a report file planted as a link to a root-only file is refused, never followed."""
    from legpain import __main__ as cli

    homes = tmp_path / "home"
    (homes / "ana" / "c" / "exercises").mkdir(parents=True)
    (homes / "ana" / "c" / "exercises" / "00-start-here-exercises.ipynb").write_text('{"cells": []}')
    pattern = f"{homes}/{{student}}/c/exercises/00-start-here-exercises.ipynb"
    shared = _shared(tmp_path)
    secret = _root_only(tmp_path)
    out = shared / "subs"
    out.mkdir()
    _student_owns(out)
    assert cli.main(["collect", pattern, "--out", str(out)]) == 2
    assert list(out.iterdir()) == []
    out2 = shared / "subs2"
    (shared / "subs2-collected.csv").symlink_to(secret)
    os.lchown(shared / "subs2-collected.csv", STUDENT, STUDENT)
    assert cli.main(["collect", pattern, "--out", str(out2)]) == 2
    assert secret.read_text() == "root's own line\n"
    assert (out2 / "ana.ipynb").is_file() and stat.S_IMODE(out2.stat().st_mode) == 0o700


def _homes_with(tmp_path: Path, *students: str) -> Path:
    homes = tmp_path / "home"
    for s in students:
        (homes / s / "c").mkdir(parents=True)
        for p in (homes / s, homes / s / "c"):
            os.chown(p, STUDENT + len(s), STUDENT + len(s))
    return homes


@AS_ROOT
def test_return_refuses_pages_someone_else_can_change(tmp_path):
    """return OUTDIR where a student made OUTDIR (or linked its feedback/ to their own folder) returns nothing: no
    forged page reaches a classmate, no root-only file reaches a home; a page that is a link is refused."""
    from legpain.classroom.hub import HubError, return_feedback

    homes = _homes_with(tmp_path, "ana", "mal")
    pattern = f"{homes}/{{student}}/c/feedback/00.html"
    secret = _root_only(tmp_path)
    forged = tmp_path / "shared-out"
    (forged / "feedback").mkdir(parents=True)
    (forged / "feedback" / "ana.html").write_text("<p>forged: ana gets 0</p>")
    _student_owns(forged)
    with pytest.raises(HubError, match="another user"):
        return_feedback(forged, pattern)
    mine = tmp_path / "graded"
    mine.mkdir()
    (mine / "feedback").symlink_to(forged / "feedback")
    with pytest.raises(HubError, match="symbolic link"):
        return_feedback(mine, pattern)
    (mine / "feedback").unlink()
    (mine / "feedback").mkdir()
    (mine / "feedback" / "ana.html").write_text("<p>ana's real page</p>")
    (mine / "feedback" / "mal.html").symlink_to(secret)
    rows = {r.student: r for r in return_feedback(mine, pattern)}
    assert rows["ana"].status == "returned" and rows["mal"].status == "refused"
    assert not (homes / "mal" / "c" / "feedback" / "00.html").exists()
    assert (homes / "ana" / "c" / "feedback" / "00.html").read_text() == "<p>ana's real page</p>"


FLIPPER = r"""
import os, sys, time
page, secret, until = sys.argv[1], sys.argv[2], time.monotonic() + float(sys.argv[3])
os.setgid(5001); os.setuid(5001)  # a student, who made the folder
real, link = page + ".real", page + ".link"
while time.monotonic() < until:
    os.rename(link, page); os.symlink(secret, link)  # the page is now a link to root's file...
    os.rename(real, page); open(real, "w").write("<p>a page</p>")  # ...and now a page again
"""


@AS_ROOT
def test_return_cannot_be_raced_into_copying_a_root_only_file(tmp_path):
    """A student who made OUTDIR swaps their page between a file and a link to a root-only file while return runs
    (the red team copied root's file into their home 815 times in 2,904): not once."""
    from legpain.classroom.hub import HubError, return_feedback

    homes = _homes_with(tmp_path, "mal")
    secret = _root_only(tmp_path)
    reach = Path(tempfile.mkdtemp(prefix="redteam2-race-", dir="/tmp"))  # a place the student can reach
    os.chmod(reach, 0o755)
    out = reach / "shared-out"
    (out / "feedback").mkdir(parents=True)
    page = out / "feedback" / "mal.html"
    page.write_text("<p>a page</p>")
    Path(str(page) + ".real").write_text("<p>a page</p>")
    Path(str(page) + ".link").symlink_to(secret)
    _student_owns(out)
    flip = subprocess.Popen([sys.executable, "-c", FLIPPER, str(page), str(secret), "120"])
    copied, swaps, n = 0, 0, 0
    try:
        began = time.monotonic()
        while not page.is_symlink() and time.monotonic() - began < 30:  # the student's process has begun
            time.sleep(0.005)
        began = time.monotonic()
        while n < 300 or time.monotonic() - began < 2:
            n += 1
            try:
                return_feedback(out, f"{homes}/{{student}}/c/feedback/00.html", students=["mal"])
            except HubError:
                pass
            got = homes / "mal" / "c" / "feedback" / "00.html"
            if got.exists() and "root's own" in got.read_text():
                copied += 1
            swaps += page.is_symlink()
    finally:
        flip.kill()
        flip.wait()
        shutil.rmtree(reach, ignore_errors=True)
    assert swaps > 0, "the student's process never swapped the page (the race did not run)"
    assert copied == 0


# ---- 8. who may read grades ----------------------------------------------------------------------------------------
@needs_sandbox
@AS_ROOT
def test_grades_and_returned_pages_are_private(tmp_path):
    """The grader's folder and every folder in it are 0700, every file 0600; a returned page is 0600 (or 0640 on
    request) in a feedback/ folder of the student's alone; 0644 is refused."""
    from legpain import __main__ as cli
    from legpain.classroom.hub import HubError, return_feedback

    subs, out = tmp_path / "subs", tmp_path / "out"
    subs.mkdir()
    (subs / "ana.ipynb").write_text(_right00(), encoding="utf-8")
    grade(subs, "00-start-here", out, workers=1, timeout=5, progress=False)
    for p in [out, *out.rglob("*")]:
        want = 0o700 if p.is_dir() else 0o600
        assert stat.S_IMODE(p.stat().st_mode) == want, (p, oct(p.stat().st_mode))
    homes = _homes_with(tmp_path, "ana")
    pattern = f"{homes}/{{student}}/c/feedback/00.html"
    assert [r.status for r in return_feedback(out, pattern)] == ["returned"]
    page = homes / "ana" / "c" / "feedback" / "00.html"
    assert stat.S_IMODE(page.stat().st_mode) == 0o600 and stat.S_IMODE(page.parent.stat().st_mode) == 0o700
    assert page.stat().st_uid == STUDENT + 3
    return_feedback(out, pattern, mode=0o640)
    assert stat.S_IMODE(page.stat().st_mode) == 0o640
    with pytest.raises(HubError, match="0600"):
        return_feedback(out, pattern, mode=0o644)
    assert cli.main(["return", str(out), "--to", pattern, "--mode", "644"]) == 2


# ---- 9. CSV injection ----------------------------------------------------------------------------------------------
FORMULA = tuple("=+-@\t\r\uff1d\uff0b\uff0d\uff20")


def _cells_a_spreadsheet_may_see(text: str) -> list[str]:
    """Every cell of ``text`` as readers in different locales split it: the csv module with , and ; and tab, and
    a naive split of each line on , and ; (quotes and spaces around a cell taken off)."""
    cells = []
    for delim in (",", ";", "\t"):
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delim):
            cells += row
    for line in text.splitlines():
        for sep in (",", ";"):
            cells += line.split(sep)
    return [c.strip().strip('"').strip() for c in cells]


@needs_sandbox
def test_no_csv_cell_reads_as_a_formula_in_any_locale(tmp_path):
    """Ids and answers that carry a formula after a semicolon, a comma, a line feed, or with full-width signs: in
    grades.csv, grades_wide.csv, items.csv and manual.csv no cell starts a formula for a ;-splitting reader, a
    ,-splitting one or a naive split; the ids are read back exactly from manual.csv."""
    from legpain.grading.gradebook import neutral, read_manual, unneutral

    course = course_copy(tmp_path)
    subs, out = tmp_path / "subs", tmp_path / "out"
    payload = "k;=cmd|' /C calc'!A0"
    answer = ("from legpain.checking.student import check\n"
              f"paracentral_hits = {{'L4-L5': 'L5', {payload!r}: 'x', 'a, =1+1': 'y', 'b\\n@SUM(1)': 'z'}}\n"
              "check('q2_2', paracentral_hits)\n")
    ids = ["x;=1+1", "y,=2+2", "z\n=3+3", "\uff1d4+4", "w; +5"]
    for i in ids:
        write(subs, i, notebook(course, "blank", answer))
    summary = grade(subs, SLUG, out, workers=2, timeout=5, progress=False, root=course)
    assert summary.graded == len(ids)
    for f in ("grades.csv", "grades_wide.csv", "items.csv", "manual.csv"):
        text = (out / f).read_text(encoding="utf-8")
        for cell in _cells_a_spreadsheet_may_see(text):
            assert not cell.startswith(FORMULA), (f, cell)
    assert "cmd|" in (out / "grades.csv").read_text(encoding="utf-8")  # the text is all there, made harmless
    grades, _ = read_manual(out / "manual.csv", {q.qid: q for q in bank.assignment(SLUG).exercises if q.manual})
    assert {s for s, _ in grades} == set(ids)
    for v in ids + [payload, "'=1", "a;'=b", "\uff20x", "plain", "-1 and -2", "a,\t=b"]:
        assert unneutral(neutral(v)) == v, v


# ---- 10. a deep zip --------------------------------------------------------------------------------------------------
def _scratch(d: Path) -> set:
    return {p for p in os.listdir(d) if p.startswith("legpain-")}


@needs_sandbox
def test_a_zip_member_1000_folders_deep_gets_a_row(tmp_path, private_tmp):
    """One member 1,000 folders deep: a row saying so; everyone else is graded; no scratch folder is left."""
    course = course_copy(tmp_path)
    z = tmp_path / "class.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("ana.ipynb", notebook(course, "model"))
        zf.writestr("d/" * 1000 + "deep.ipynb", notebook(course, "model"))
    before = _scratch(private_tmp)
    summary = grade(z, SLUG, tmp_path / "out", workers=1, timeout=5, progress=False, root=course)
    by = {o.item.label: o for o in summary.outcomes}
    assert by["ana.ipynb"].graded and by["ana.ipynb"].full.score == AUTO_MAX
    deep = [o for label, o in by.items() if "deep.ipynb" in label]
    assert len(deep) == 1 and not deep[0].graded and "folders deep" in deep[0].problem
    assert _scratch(private_tmp) <= before


def test_no_scratch_folder_is_left_when_intake_fails(tmp_path, private_tmp, monkeypatch):
    """An error anywhere after the zip is unpacked (here: listing it) leaves no unpacked folder behind."""
    from legpain.grading import intake

    z = tmp_path / "class.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("ana.ipynb", "{}")
    monkeypatch.setattr(intake, "_single_top_folder", lambda root: 1 / 0)
    before = _scratch(private_tmp)
    with pytest.raises(ZeroDivisionError):
        intake.find_submissions(z, SLUG)
    assert _scratch(private_tmp) == before


def test_a_folder_of_submissions_nested_too_deep_gets_a_row(tmp_path):
    """The same cap for a folder (not a zip): what lies deeper than the cap is named in a row, never walked."""
    from legpain.grading import intake

    subs = tmp_path / "subs"
    deep = subs / "ana" / Path(*["d"] * (intake.MAX_DEPTH + 5))
    deep.mkdir(parents=True)
    (deep / "x.ipynb").write_text("{}")
    (subs / "ana" / "02.ipynb").write_text("{}")
    items, _ = intake.find_submissions(subs, SLUG)
    assert any(i.path is None and "folders deep" in i.problem for i in items)
    assert [i.label for i in items if i.path is not None] == ["ana/02.ipynb"]
