"""The grader's sandbox: every submission runs where it cannot reach anyone else.

Two layers, both built from what Linux already provides:

1. **The zygote in bubblewrap** (:func:`bwrap_command`). Each pre-warmed process (see :mod:`legpain.grading.zygote`)
   runs inside ``bwrap`` with its own user, PID, mount, IPC, UTS and network namespaces (``--unshare-all``: no
   network), ``--die-with-parent`` and ``--new-session``. Its file system is built from nothing: read-only views of
   the system's ``/usr``, the Python installation, the virtual environment and the course package, a few files of
   ``/etc``, and an empty ``/tmp``. The instructor's course folder (``solutions/``, the private hidden cases), the
   submissions, the output folder, ``/root``, ``/home`` and the host's ``/tmp`` are simply not there (and are covered
   by an empty tmpfs should one of them lie inside a folder that is shown).
2. **One set of namespaces per submission** (:func:`spawn_isolated`). For every job the zygote clones a child in a
   new user, PID, mount and IPC namespace: the child is PID 1 of its own PID namespace, so it sees no other process
   (it cannot signal the zygote or another submission), and when it is killed the kernel kills every process it
   started (``setsid`` daemons, forks holding a pipe). Before any student code runs, the child hides ``/proc``,
   mounts a fresh, size-capped tmpfs on ``/tmp`` (its scratch folder, gone with the job) and on ``/dev/shm``, then
   enters a second user namespace so that it holds no capability over its mounts (it cannot unmount them to see
   what is beneath).

Behind them, a seccomp filter (:func:`restrict_syscalls`: no new process, no namespace, no key, no memfd) in each
job, and a cgroup per worker (:func:`worker_cgroups`: tasks, memory with socket buffers and tmpfs, CPU weight).

:func:`probe` tries both layers at the start of a run (about 30 ms). Where they are refused (no bubblewrap, macOS,
a kernel or container that forbids user namespaces), the grader refuses to run unless ``--unsafe`` is given.
"""

from __future__ import annotations

import ctypes
import os
import platform
import shutil
import signal
import subprocess
import sys
from pathlib import Path

__all__ = ["probe", "bwrap_command", "spawn_isolated", "SandboxUnavailable", "PROBE_ENV", "Cgroup", "worker_cgroups",
           "CGROUP_ENV"]

PROBE_ENV = "LEGPAIN_SANDBOX_PROBE"  # set to "fail" to make the probe fail (tests of the refusal path)
MPL_SRC = "/run/legpain-mpl"  # where the zygote finds a read-only copy of the host's matplotlib font cache
SCRATCH = "/scratch"  # in the sandbox: each job's own fresh tmpfs (its working folder and TMPDIR)

CLONE_NEWNS = 0x00020000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
_MS_RDONLY, _MS_NOSUID, _MS_NODEV, _MS_REC, _MS_PRIVATE = 1, 2, 4, 16384, 1 << 18
_SYS_CLONE = {"x86_64": 56, "aarch64": 220, "arm64": 220}


class SandboxUnavailable(RuntimeError):
    pass


# ---- layer 1: bubblewrap around each zygote -----------------------------------------------------------------
def _mpl_cache_dir() -> Path:
    if os.environ.get("MPLCONFIGDIR"):
        return Path(os.environ["MPLCONFIGDIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "matplotlib"


def _under(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
        return True
    except ValueError:
        return False


def _package_dir() -> Path:
    """The folder of the ``legpain`` this process imported (the one the sandbox shows and the zygote imports)."""
    import legpain

    return Path(legpain.__file__).resolve().parent


def shown_paths(package: Path | None = None) -> list[Path]:
    """The folders a sandboxed zygote sees (read-only): the Python installation, the environment, the package
    (``package``: another copy's folder, a class edition's, instead of the one this process imported)."""
    pkg = Path(package).resolve() if package is not None else _package_dir()
    paths = [Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve(), pkg]
    out: list[Path] = []
    for p in paths:
        if p.exists() and not any(_under(p, q) for q in out if q != p):
            out = [q for q in out if not _under(q, p)] + [p]
    return out


def bwrap_command(argv: list[str], env: dict[str, str], hide: list[Path] = (), package: Path | None = None) -> list[str]:
    """The ``bwrap`` command line that runs ``argv`` in the zygote's sandbox, with only ``env`` set.

    ``hide``: folders that must not be seen (submissions, output, course root); any that lies inside a shown
    folder is covered with an empty tmpfs. ``package``: the package folder to show instead of this process's (a
    class edition's: see :func:`shown_paths`)."""
    bwrap = shutil.which("bwrap") or "/usr/bin/bwrap"
    # /tmp first: a course (or its virtual environment) may itself live under /tmp, as a CI clone often does; its
    # read-only views below are then mounted on top of the empty tmpfs
    cmd = [bwrap, "--unshare-all", "--die-with-parent", "--new-session", "--clearenv",
           "--tmpfs", "/tmp", "--dir", SCRATCH, "--ro-bind", "/usr", "/usr"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        p = Path("/" + name)
        if p.is_symlink():
            cmd += ["--symlink", os.readlink(p), str(p)]
        elif p.is_dir():
            cmd += ["--ro-bind", str(p), str(p)]
    for f in ("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/fonts", "/etc/localtime",
              "/etc/mime.types"):
        if os.path.exists(f):
            cmd += ["--ro-bind", f, f]
    shown = shown_paths(package) if package is not None else shown_paths()
    for p in shown:
        cmd += ["--ro-bind", str(p), str(p)]
    cache = _mpl_cache_dir()
    if cache.is_dir():
        cmd += ["--ro-bind", str(cache), MPL_SRC]
    for h in hide:
        h = Path(h).resolve()
        if any(_under(h, p) for p in shown):
            cmd += ["--tmpfs", str(h)]
    # the root itself read-only: the zygote writes only to /tmp, and a job gets its own scratch (SCRATCH)
    cmd += ["--proc", "/proc", "--dev", "/dev", "--chdir", "/tmp", "--remount-ro", "/"]
    for k, v in env.items():
        cmd += ["--setenv", k, v]
    return cmd + ["--"] + list(argv)


def sandbox_env(package: Path | None = None) -> dict[str, str]:
    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
           "MPLCONFIGDIR": "/tmp/matplotlib", "IPYTHONDIR": "/tmp/ipython", "LEGPAIN_SANDBOX": "1",
           "PYTHONNOUSERSITE": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    # a package outside the environment (a checkout): the zygote imports it from the folder that is shown (the one
    # the grader imported), not from wherever an editable install points, which may be a folder not shown (a user's
    # own clone on PYTHONPATH on a hub, docs/jupyterhub.md; mutmut's mutants/ copy). In the sandbox that parent
    # folder holds nothing but the folders shown.
    pkg = Path(package).resolve() if package is not None else _package_dir()
    if package is not None or not any(_under(pkg, Path(p).resolve()) for p in (sys.prefix, sys.base_prefix)):
        env["PYTHONPATH"] = str(pkg.parent)
    return env




def probe(force_fail: bool | None = None) -> tuple[bool, str]:
    """Can this machine run the sandbox? ``(True, "")`` or ``(False, the reason in one line)``.

    Runs a tiny Python in bubblewrap that clones a child into new namespaces, as a real run does. The environment
    variable ``LEGPAIN_SANDBOX_PROBE=fail`` (or ``force_fail=True``) makes it fail, for tests."""
    if force_fail or (force_fail is None and os.environ.get(PROBE_ENV) == "fail"):
        return False, f"the sandbox probe was made to fail ({PROBE_ENV}=fail)"
    if platform.system() != "Linux":
        return False, f"the sandbox needs Linux namespaces; this is {platform.system()}"
    if platform.machine() not in _SYS_CLONE:
        return False, f"the sandbox does not know this processor ({platform.machine()})"
    if not shutil.which("bwrap") and not os.path.exists("/usr/bin/bwrap"):
        return False, "bubblewrap is not installed (Debian/Ubuntu: apt-get install bubblewrap)"
    env = sandbox_env()
    # this file run as a script (no import of the package): clone one child as a job does
    cmd = bwrap_command([sys.executable, "-I", "-S", str(Path(__file__).resolve()), "--probe"], env)
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, f"bubblewrap could not start ({exc})"
    if r.returncode != 0:
        last = (r.stderr.strip().splitlines() or [f"exit status {r.returncode}"])[-1][:200]
        return False, f"the kernel refused the namespaces the sandbox needs ({last})"
    return True, ""


# ---- layer 2: one set of namespaces per job ----------------------------------------------------------------
_libc = None


def _lib():
    global _libc
    if _libc is None:
        # PyDLL: the call keeps the GIL, as os.fork() does
        _libc = ctypes.PyDLL(None, use_errno=True)
        _libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p]
        _libc.unshare.argtypes = [ctypes.c_int]
        _libc.syscall.restype = ctypes.c_long
    return _libc


def _check(ret: int, what: str) -> None:
    if ret != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _clone(flags: int) -> int:
    """fork() into new namespaces: ``clone(flags | SIGCHLD)`` with Python's own before/after-fork steps."""
    libc, api = _lib(), ctypes.pythonapi
    api.PyOS_BeforeFork()
    pid = libc.syscall(_SYS_CLONE[platform.machine()], ctypes.c_ulong(flags | signal.SIGCHLD), 0, 0, 0, 0)
    if pid == 0:
        api.PyOS_AfterFork_Child()
        return 0
    err = ctypes.get_errno()
    api.PyOS_AfterFork_Parent()
    if pid < 0:
        raise OSError(err, f"clone: {os.strerror(err)}")
    return pid


def _write_maps(proc_self: int, inside: int, outside_uid: int, outside_gid: int) -> None:
    for name, text in (("setgroups", "deny"), ("uid_map", f"{inside} {outside_uid} 1"),
                       ("gid_map", f"{inside} {outside_gid} 1")):
        fd = os.open(name, os.O_WRONLY, dir_fd=proc_self)
        try:
            os.write(fd, text.encode())
        finally:
            os.close(fd)


_MS_REMOUNT, _MS_BIND = 32, 4096
# statvfs flags that are also mount flags (and are locked: a remount must keep them)
_KEEP = ((os.ST_NOSUID, _MS_NOSUID), (os.ST_NODEV, _MS_NODEV), (os.ST_NOEXEC, 8), (os.ST_NOATIME, 1024),
         (os.ST_NODIRATIME, 2048), (getattr(os, "ST_RELATIME", 4096), 1 << 21))


def _remount_readonly(libc, path: str) -> None:
    """Make the mount at ``path`` read-only in this mount namespace (keeping its other, locked, flags)."""
    if not os.path.isdir(path):
        return
    have = os.statvfs(path).f_flag
    flags = _MS_REMOUNT | _MS_BIND | _MS_RDONLY
    for st, ms in _KEEP:
        if have & st:
            flags |= ms
    _check(libc.mount(None, path.encode(), None, flags, None), f"remount {path} read-only")


_SYS_KEYCTL = {"x86_64": 250, "aarch64": 219, "arm64": 219}
_KEYCTL_JOIN_SESSION_KEYRING = 1


def job_setup(proc_self: int | None = None) -> None:
    """In a job's process, before its code runs: join a new, empty session keyring (keys the grader's login session
    holds, and any key a job leaves, stay out of reach of every other job; the seccomp filter then refuses the key
    system calls altogether), and be the first process the kernel's out-of-memory killer picks (``oom_score_adj``
    1000), so that a job over its cgroup's memory limit is killed, not its worker's pre-warmed process. Either step
    is skipped where the kernel refuses it."""
    libc = _lib()
    nr = _SYS_KEYCTL.get(platform.machine())
    if nr is not None:
        libc.syscall(nr, ctypes.c_long(_KEYCTL_JOIN_SESSION_KEYRING), ctypes.c_void_p(None), 0, 0, 0)
    try:
        fd = os.open("oom_score_adj", os.O_WRONLY, dir_fd=proc_self) if proc_self is not None else \
            os.open("/proc/self/oom_score_adj", os.O_WRONLY)
        try:
            os.write(fd, b"1000")
        finally:
            os.close(fd)
    except OSError:
        pass


def spawn_isolated(scratch_mb: int = 256) -> int:
    """Clone a child in new user, PID, mount and IPC namespaces; return its pid (0 in the child).

    In the child, before returning: ``/proc`` is hidden, the scratch folder (``SCRATCH``, its working folder and
    ``TMPDIR``) and ``/dev/shm`` are fresh tmpfs (``scratch_mb`` each at most), ``/tmp`` and ``/dev`` are read-only, and the child is in a second user namespace without power over its mounts. Killing the child
    (PID 1 of its namespace) kills everything it started. In the child, any failure ends the process (exit 71)."""
    uid, gid = os.getuid(), os.getgid()
    pid = _clone(CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWIPC)
    if pid:
        return pid
    try:
        libc = _lib()
        proc_self = os.open("/proc/self", os.O_RDONLY | os.O_DIRECTORY)
        _write_maps(proc_self, 0, uid, gid)
        os.setsid()  # its own session and process group: kill(0, ...) reaches nothing outside
        job_setup(proc_self)  # a fresh session keyring; the first process the kernel kills when memory runs out
        _check(libc.mount(b"none", b"/", None, _MS_REC | _MS_PRIVATE, None), "mount --make-rprivate /")
        size = f"size={max(16, int(scratch_mb))}m,mode=1777".encode()
        _check(libc.mount(b"tmpfs", SCRATCH.encode(), b"tmpfs", _MS_NOSUID | _MS_NODEV, size), "mount scratch")
        if os.path.isdir("/dev/shm"):
            _check(libc.mount(b"tmpfs", b"/dev/shm", b"tmpfs", _MS_NOSUID | _MS_NODEV, size), "mount /dev/shm")
        # what the zygote and earlier jobs share (its /tmp, /dev) becomes read-only for this job: nothing a job
        # writes there can reach the next one. (/tmp is not replaced: the course may live under it.)
        for shared in ("/tmp", "/dev"):
            _remount_readonly(libc, shared)
        _check(libc.mount(b"tmpfs", b"/proc", b"tmpfs", _MS_RDONLY | _MS_NOSUID | _MS_NODEV, b"size=4k"),
               "hide /proc")
        # a second user namespace: the mounts above belong to the first, so nothing here can undo them
        _check(libc.unshare(CLONE_NEWUSER), "unshare(CLONE_NEWUSER)")
        _write_maps(proc_self, 1000, 0, 0)
        os.close(proc_self)
        os.chdir(SCRATCH)
        os.environ["TMPDIR"] = os.environ["HOME"] = SCRATCH
        import tempfile

        tempfile.tempdir = SCRATCH
    except BaseException:  # noqa: BLE001 - never run student code half-isolated
        os._exit(71)
    return 0


# ---- layer 3: no new processes, no memory behind the cap (seccomp) ---------------------------------------------
# Linux's seccomp filter, as a classic BPF program: a job's process may start threads but no new process (a fork
# bomb, or forks that each get a memory cap of their own), may not make a memfd (RAM that RLIMIT_AS does not
# count), may not enter or make namespaces (not even from a thread), and may not touch the kernel's key store or set
# a host name. Every other system call is allowed.
_AUDIT_ARCH = {"x86_64": 0xC000003E, "aarch64": 0xC00000B7, "arm64": 0xC00000B7}
_DENIED = {  # name: (x86_64, aarch64) system call numbers; None where the call does not exist
    "fork": (57, None), "vfork": (58, None), "memfd_create": (319, 279), "unshare": (272, 97),
    "setns": (308, 268), "clone3": (435, 435),
    # the kernel's key store (a key of the grader's login session, or one a job leaves for the next) and the names
    # of a UTS namespace
    "add_key": (248, 217), "request_key": (249, 218), "keyctl": (250, 219),
    "sethostname": (170, 161), "setdomainname": (171, 162),
}
_CLONE = {"x86_64": 56, "aarch64": 220, "arm64": 220}
_CLONE_THREAD = 0x00010000
# every CLONE_NEW* flag clone() takes (NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET): a thread may not
# make a namespace either (in one it would hold CAP_SYS_ADMIN: mount a tmpfs outside the memory cap, set a hostname)
_CLONE_NEW_ANY = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000
_RET_ALLOW, _RET_ERRNO = 0x7FFF0000, 0x00050000
_EPERM, _ENOSYS = 1, 38


def _bpf_program(machine: str) -> list[tuple[int, int, int, int]]:
    """(code, jt, jf, k) instructions of the filter for this processor."""
    ld_w_abs, jeq, jge, jset, ret = 0x20, 0x15, 0x35, 0x45, 0x06
    col = 0 if machine == "x86_64" else 1
    denied = [(nums[col], _ENOSYS if name == "clone3" else _EPERM) for name, nums in _DENIED.items()
              if nums[col] is not None]
    prog = [(ld_w_abs, 0, 0, 4)]  # the architecture
    # wrong architecture (e.g. a 32-bit call on a 64-bit kernel): refuse the call
    prog += [(jeq, 1, 0, _AUDIT_ARCH[machine]), (ret, 0, 0, _RET_ERRNO | _EPERM)]
    prog += [(ld_w_abs, 0, 0, 0)]  # the system call number
    if machine == "x86_64":  # x32 calls carry bit 30: refuse them all
        prog += [(jge, 0, 1, 0x40000000), (ret, 0, 0, _RET_ERRNO | _EPERM)]
    for nr, errno in denied:
        prog += [(jeq, 0, 1, nr), (ret, 0, 0, _RET_ERRNO | errno)]
    # clone: a thread (CLONE_THREAD in its flags, the first argument's low 32 bits: the kernel reads no more) that
    # makes no namespace yes; a process, or anything with a CLONE_NEW* flag, no
    prog += [(jeq, 0, 5, _CLONE[machine]), (ld_w_abs, 0, 0, 16), (jset, 2, 0, _CLONE_NEW_ANY),
             (jset, 0, 1, _CLONE_THREAD), (ret, 0, 0, _RET_ALLOW), (ret, 0, 0, _RET_ERRNO | _EPERM)]
    prog += [(ret, 0, 0, _RET_ALLOW)]
    return prog


def restrict_syscalls() -> None:
    """Install the seccomp filter in this process (and everything it starts). Raises OSError where it cannot."""
    import struct

    machine = platform.machine()
    if machine not in _AUDIT_ARCH:
        raise OSError(0, f"no seccomp filter for this processor ({machine})")
    prog = _bpf_program(machine)
    buf = ctypes.create_string_buffer(b"".join(struct.pack("=HBBI", *ins) for ins in prog))

    class _Fprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    fprog = _Fprog(len(prog), ctypes.cast(buf, ctypes.c_void_p))
    libc = _lib()
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    _check(libc.prctl(38, 1, 0, 0, 0), "prctl(PR_SET_NO_NEW_PRIVS)")
    _check(libc.prctl(22, 2, ctypes.addressof(fprog), 0, 0), "prctl(PR_SET_SECCOMP)")


# ---- layer 4: the kernel's own accounting, per worker (cgroups) ------------------------------------------------
# RLIMIT_AS counts no socket buffer, no tmpfs page and no thread, and RLIMIT_NPROC does not bind root: a job could
# park memory in socket buffers or take every free PID with threads. A cgroup counts all of it. Each worker (its
# bubblewrap, pre-warmed process, job helper and the job) runs in a cgroup of its own, made in the cgroup the grader
# runs in, with a cap on its tasks (pids.max), its memory (memory.max: anonymous memory, tmpfs pages and socket
# buffers) and an equal CPU weight. cgroup v2 where the kernel offers its controllers there (delegated to the grader:
# `systemd-run --user --scope -p Delegate=yes ...`, or the grader's own cgroup when it runs as root), else the
# legacy v1 hierarchies (pids, memory, cpu), where root can make them. Where neither can be had, the run says why
# in one line and each job keeps its rlimits alone.
CGROUP_ENV = "LEGPAIN_CGROUP"  # "off": make no cgroup (the run says so)
PIDS_MAX = 128  # tasks of one worker: bubblewrap, the pre-warmed process, a job's helper, the job and its threads
MEM_BASE_MB = 384  # one worker's memory beyond what its job may use: the pre-warmed process and its helper


def _unescape(field: str) -> str:
    """A path from /proc/self/mountinfo (spaces and the like are written as octal escapes, ``\\040``)."""
    import re

    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)), field)


def _read(path: str) -> str:
    with open(path, encoding="ascii", errors="replace") as fh:
        return fh.read()


def _write(path: str, value) -> None:
    with open(path, "w", encoding="ascii") as fh:
        fh.write(str(value))


def _cgroup_places() -> tuple[dict, list]:
    """({controller, or "" for cgroup v2: this process's cgroup path}, [(fstype, mount point, options)])."""
    own: dict[str, str] = {}
    with open("/proc/self/cgroup", encoding="utf-8", errors="replace") as fh:
        for line in fh:
            num, ctrls, path = (line.rstrip("\n").split(":", 2) + ["", ""])[:3]
            if num == "0" and not ctrls:
                own[""] = path
            for c in ctrls.split(","):
                if c:
                    own.setdefault(c, path)
    mounts = []
    with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as fh:
        for line in fh:
            left, _, right = line.partition(" - ")
            fields, rest = left.split(), right.split()
            if len(fields) > 4 and rest and rest[0] in ("cgroup", "cgroup2"):
                mounts.append((rest[0], _unescape(fields[4]), rest[2] if len(rest) > 2 else ""))
    return own, mounts


class Cgroup:
    """One worker's cgroup: a folder in each hierarchy (one in cgroup v2; pids, memory and cpu in v1)."""

    def __init__(self, version: int, dirs: list[str], pids_max: int, mem_bytes: int):
        self.version, self.dirs, self.pids_max, self.mem_bytes = version, list(dirs), pids_max, mem_bytes

    def wrap(self, cmd: list[str]) -> list[str]:
        """``cmd`` run from inside this cgroup: a shell moves itself in (``echo 0 > cgroup.procs``), then becomes
        ``cmd``, so that nothing of it ever runs outside. If the move fails, nothing runs."""
        n = len(self.dirs)
        script = "".join(f'echo 0 > "${i + 1}" || exit 125; ' for i in range(n)) + f'shift {n}; exec "$@"'
        return ["/bin/sh", "-c", script, "sh", *[os.path.join(d, "cgroup.procs") for d in self.dirs], *cmd]

    def remove(self) -> None:
        """Delete the folders (once the processes in them are gone; a moment is allowed for the last to be reaped)."""
        import time

        for d in self.dirs:
            for _ in range(200):
                try:
                    os.rmdir(d)
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.01)

    def describe(self) -> str:
        return (f"cgroup v{self.version}: at most {self.pids_max} tasks and {self.mem_bytes // 2**20} MB of memory "
                "(socket buffers and tmpfs included) per worker, equal CPU weight")


def _remove_stale(parent: str) -> None:
    """Folders an earlier grader left (it was killed before it could delete them) whose process is gone."""
    import re

    try:
        names = os.listdir(parent)
    except OSError:
        return
    for name in names:
        m = re.fullmatch(r"legpain-(\d+)-(w\d+|grader)", name)
        if not m:
            continue
        try:
            os.kill(int(m[1]), 0)
            continue
        except ProcessLookupError:
            pass
        except OSError:
            continue
        try:
            os.rmdir(os.path.join(parent, name))
        except OSError:
            pass


def _v2_parent(own: dict, mounts: list) -> tuple[str | None, list[str], str]:
    """(the cgroup v2 folder under which workers go, the controllers to give them, "") or (None, [], why not)."""
    mnt = next((m for t, m, _ in mounts if t == "cgroup2"), None)
    if mnt is None or "" not in own:
        return None, [], "no cgroup v2 hierarchy is mounted"
    base = os.path.join(mnt, own[""].lstrip("/"))
    try:
        offered = _read(os.path.join(base, "cgroup.controllers")).split()
    except OSError as exc:
        return None, [], f"cgroup v2 cannot be read here ({exc.strerror})"
    missing = [c for c in ("pids", "memory") if c not in offered]
    if missing:
        return None, [], (f"the cgroup v2 hierarchy offers no {' or '.join(missing)} controller here"
                          + (" (the legacy v1 hierarchies hold them)" if len(mounts) > 1 else ""))
    want = ["pids", "memory"] + (["cpu"] if "cpu" in offered else [])
    try:
        enabled = _read(os.path.join(base, "cgroup.subtree_control")).split()
        if not set(want) <= set(enabled):
            procs = _read(os.path.join(base, "cgroup.procs")).split()
            if procs and procs != [str(os.getpid())]:
                return None, [], (f"the cgroup {own['']} also holds other processes, so the kernel allows no limits "
                                  "below it (start the grader in a cgroup of its own: systemd-run --scope -p "
                                  "Delegate=yes python -m legpain grade ...)")
            if procs:  # only the grader: it moves into a leaf of its own, so that its cgroup may have children
                leaf = os.path.join(base, f"legpain-{os.getpid()}-grader")
                os.makedirs(leaf, exist_ok=True)
                _write(os.path.join(leaf, "cgroup.procs"), os.getpid())
            _write(os.path.join(base, "cgroup.subtree_control"), " ".join("+" + c for c in want))
    except OSError as exc:
        return None, [], (f"the cgroup {own['']} is not the grader's to divide ({exc.strerror}; run it with "
                          "systemd-run --user --scope -p Delegate=yes, or as root)")
    return base, want, ""


def _v1_parents(own: dict, mounts: list) -> tuple[dict, str]:
    """({controller: the folder in its v1 hierarchy under which workers go}, "") or ({}, why not)."""
    found: dict[str, str] = {}
    for fstype, mnt, opts in mounts:
        if fstype != "cgroup":
            continue
        for c in ("pids", "memory", "cpu"):
            if c in opts.split(",") and c in own and c not in found:
                found[c] = os.path.join(mnt, own[c].lstrip("/"))
    missing = [c for c in ("pids", "memory") if c not in found]
    if missing:
        return {}, f"no cgroup v1 {' or '.join(missing)} hierarchy is mounted"
    return found, ""


def worker_cgroups(n: int, mem_mb: int) -> tuple[list[Cgroup], str]:
    """One cgroup per worker, or ``([], the reason in one line)`` where none can be had.

    Each may hold ``PIDS_MAX`` tasks and ``MEM_BASE_MB`` + 1.5 × ``mem_mb`` MB (the job's ``--memory`` and its two
    tmpfs, a quarter of it each). The caller removes them (:meth:`Cgroup.remove`) after the run."""
    if os.environ.get(CGROUP_ENV) == "off":
        return [], f"turned off ({CGROUP_ENV}=off)"
    if platform.system() != "Linux":
        return [], f"cgroups are Linux's; this is {platform.system()}"
    mem = (MEM_BASE_MB + int(mem_mb) * 3 // 2) * 2**20
    try:
        own, mounts = _cgroup_places()
    except OSError as exc:
        return [], f"this process's cgroup cannot be read ({exc.strerror})"
    base, want, why2 = _v2_parent(own, mounts)
    made: list[Cgroup] = []
    try:
        if base is not None:
            _remove_stale(base)
            for i in range(n):
                d = os.path.join(base, f"legpain-{os.getpid()}-w{i}")
                os.makedirs(d, exist_ok=True)
                made.append(Cgroup(2, [d], PIDS_MAX, mem))
                _write(os.path.join(d, "pids.max"), PIDS_MAX)
                _write(os.path.join(d, "memory.max"), mem)
                for name, value in (("memory.swap.max", 0), ("cpu.weight", 100)):
                    if os.path.exists(os.path.join(d, name)):
                        _write(os.path.join(d, name), value)
            return made, ""
        parents, why1 = _v1_parents(own, mounts)
        if not parents:
            return [], f"{why2}; {why1}"
        for c in parents.values():
            _remove_stale(c)
        for i in range(n):
            dirs = {c: os.path.join(p, f"legpain-{os.getpid()}-w{i}") for c, p in parents.items()}
            for d in dirs.values():
                os.makedirs(d, exist_ok=True)
            made.append(Cgroup(1, list(dirs.values()), PIDS_MAX, mem))
            _write(os.path.join(dirs["pids"], "pids.max"), PIDS_MAX)
            # v1 counts TCP buffers apart from the rest (and only once they have a limit): an eighth of the memory
            # for them, the rest for everything else, so that both together stay within ``mem``; no swap beyond
            _write(os.path.join(dirs["memory"], "memory.limit_in_bytes"), mem - mem // 8)
            for name, value in (("memory.memsw.limit_in_bytes", mem - mem // 8),
                                ("memory.kmem.tcp.limit_in_bytes", mem // 8)):
                try:
                    _write(os.path.join(dirs["memory"], name), value)
                except OSError:
                    pass
            if "cpu" in dirs:
                _write(os.path.join(dirs["cpu"], "cpu.shares"), 1024)
        return made, ""
    except OSError as exc:
        for cg in made:
            cg.remove()
        where = base or "the cgroup v1 hierarchies"
        return [], f"no cgroup could be made in {where} ({exc.strerror})"


def _probe_main() -> int:
    pid = spawn_isolated(16)
    if pid == 0:
        ok = os.getpid() == 1 and os.listdir("/proc") == []
        for shared in ("/", "/tmp", "/dev"):  # nothing a job writes may outlive it
            try:
                with open(os.path.join(shared, ".legpain-probe"), "w"):
                    ok = False
            except OSError:
                pass
        try:
            with open(os.path.join(SCRATCH, "probe"), "w") as fh:
                fh.write("ok")
        except OSError:
            ok = False
        try:  # no new process after the filter, but threads still work
            restrict_syscalls()
            import threading

            t = threading.Thread(target=lambda: None)
            t.start()
            t.join()
            try:
                child = os.fork()
            except OSError:
                child = -1
            if child == 0:
                os._exit(0)
            ok = ok and child == -1
        except OSError:
            ok = False
        os._exit(0 if ok else 3)
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code:
        print(f"a job's namespaces could not be set up (exit status {code})", file=sys.stderr)
    return code


if __name__ == "__main__" and sys.argv[1:] == ["--probe"]:
    sys.exit(_probe_main())
