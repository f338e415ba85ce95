"""A clean, pre-warmed process that runs one submission at a time, each in a fresh forked child.

The grader starts one zygote per worker (``python -m legpain.grading.zygote``), inside bubblewrap (see
:mod:`legpain.grading.sandbox`). A zygote imports IPython, numpy, matplotlib and the course package once, creates an
IPython shell with an empty namespace, and then never runs student code itself: for every job it clones a child in
new user, PID, mount and IPC namespaces (:func:`legpain.grading.sandbox.spawn_isolated`), which starts from that
pristine state, closes every file descriptor but its own fresh result pipe, runs the notebook's code cells with a time
limit per cell, a memory cap and no standard input, captures the answers as plain data
(:func:`legpain.checking.student.collect_answers`) and writes them back as ONE length-prefixed JSON message. The zygote reads
that one message (with a size cap, never waiting for end-of-file), then kills the child: as PID 1 of its namespace,
it takes every process it started with it. The zygote holds no expected answers and no hidden expected values: only
the inputs of hidden cases reach it. Without the sandbox (``--unsafe``), the child is a plain fork in its own session.

Protocol with the grader (one JSON object per line): the grader writes a job ``{"cells": [...], "slug": ...,
"hidden": bool, "cell_timeout": s, "nb_timeout": s, "mem_mb": n}``; the zygote answers ``{"ok": true,
"captured": {...}, "cells": [...], "hidden_outputs": {...}, "seconds": s}`` or ``{"ok": false, "reason": ...}``.

Hidden inputs come last: the child runs every cell and sends its public answers (frame 1) first; only then does
the job's helper ask the grader for the hidden inputs (it writes ``{"need": "hidden"}``, the grader answers with
one line ``{qid: [args, ...]}``), hand them to the child through a pipe of their own, and read the outputs on them
(frame 2). Nothing the student's code writes before frame 1 can hold a hidden input (they are nowhere in its memory),
and from frame 2 the grader takes only the outputs it compares with the expected values (pass or fail): nothing a
submission prints or returns on a hidden case reaches its feedback. Whatever comes back is bounded
(:func:`bound_result`) before it leaves the sandbox: an answer too large to check becomes a row saying so.
"""

from __future__ import annotations

import json
import os
import resource
import select
import shutil
import signal
import struct
import sys
import tempfile
import time

_STDOUT_LIMIT = 200_000  # characters of a student's output kept (the rest is dropped)
MAX_RESULT = 4 * 1024 * 1024  # bytes of one job's answers the zygote accepts
NOFILE = 256  # open files of one job (RLIMIT_NOFILE: sockets, pipes; a second line behind the cgroup's memory cap)
NPROC = 256  # tasks of one job in its user namespace (RLIMIT_NPROC; the kernel does not apply it to root)
_HEADER = struct.Struct(">Q")
_dumps, _write = json.dumps, os.write  # taken before any student code runs
ISOLATED = os.environ.get("LEGPAIN_SANDBOX") == "1"


class CellTimeout(BaseException):
    """The cell ran past its time limit (a BaseException, so that `except Exception` in student code misses it)."""


class _Capped:
    """A text stream that keeps the first characters written to it and drops the rest."""

    def __init__(self, limit: int = _STDOUT_LIMIT):
        self.parts: list[str] = []
        self.size = 0
        self.limit = limit

    def write(self, text):
        if self.size < self.limit:
            text = str(text)[: self.limit - self.size]
            self.parts.append(text)
            self.size += len(text)
        return len(text) if isinstance(text, str) else 0

    def flush(self):
        pass

    def isatty(self):
        return False

    def getvalue(self) -> str:
        return "".join(self.parts)


def _warm():
    """Import what every notebook needs, once, in the zygote (children inherit it for free)."""
    os.environ.setdefault("MPLBACKEND", "Agg")
    os.environ["LEGPAIN_HEADLESS"] = "1"
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = "1"
    if ISOLATED:
        _copy_font_cache()
    import importlib

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401
    import numpy  # noqa: F401
    from IPython.core.interactiveshell import InteractiveShell

    import legpain
    import legpain.checking.student  # noqa: F401

    for name in legpain.TOPICS:
        try:
            importlib.import_module(f"legpain.topics.{name}")
        except Exception:  # noqa: BLE001 - a broken topic module must not stop grading of others
            pass
    try:
        import ipywidgets  # noqa: F401
    except ImportError:  # pragma: no cover
        pass
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.enabled = False  # no history database (no thread, no file)
    shell = InteractiveShell.instance(config=config)
    import legpain.checking.answers

    legpain.checking.answers.freeze()  # the exact types the capture converts, taken before any student code runs
    return shell


def _copy_font_cache() -> None:
    """matplotlib's font list, copied from the host's read-only cache (building it takes seconds)."""
    from .sandbox import MPL_SRC

    dest = os.environ.get("MPLCONFIGDIR", "/tmp/matplotlib")
    os.makedirs(dest, exist_ok=True)
    try:
        for name in os.listdir(MPL_SRC):
            if name.startswith("fontlist") and name.endswith(".json"):
                shutil.copyfile(os.path.join(MPL_SRC, name), os.path.join(dest, name))
    except OSError:
        pass


def _vm_bytes() -> int:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


_GUARDED = ("builtins", "json", "re", "copy", "math", "signal", "threading", "time", "numpy", "sys", "os")


def _snapshot():
    """Remember the namespaces the capture relies on (builtins, a few standard modules, numpy, every loaded
    ``legpain`` module and the classes it defines); the returned function puts back every name a student rebound."""
    mods = [sys.modules[m] for m in _GUARDED if m in sys.modules]
    mods += [m for name, m in list(sys.modules.items()) if name.startswith("legpain") and m is not None]
    saved = [(m.__dict__, dict(m.__dict__)) for m in mods]
    classes = []
    for m in mods:
        if getattr(m, "__name__", "").startswith("legpain"):
            for v in list(vars(m).values()):
                if isinstance(v, type) and getattr(v, "__module__", "").startswith("legpain"):
                    classes.append((v, dict(v.__dict__)))

    def restore() -> None:
        for current, old in saved:
            for k, v in old.items():
                if current.get(k, _MISSING) is not v:
                    current[k] = v
        for cls, old in classes:
            for k, v in old.items():
                if cls.__dict__.get(k, _MISSING) is not v:
                    try:
                        type.__setattr__(cls, k, v)
                    except (AttributeError, TypeError):
                        pass
            for k in [k for k in cls.__dict__ if k not in old]:
                try:
                    type.__delattr__(cls, k)
                except (AttributeError, TypeError):
                    pass

    return restore


_MISSING = object()


def _close_all_but(keep: set[int]) -> None:
    low = 0
    for fd in sorted(keep):
        os.closerange(low, fd)
        low = fd + 1
    os.closerange(low, 1 << 16)


def _child(job: dict, shell, wfd: int, vm_bytes: int, hidden_fd: int | None = None) -> None:
    """Runs in the forked child: execute the cells, capture the public answers and write them to ``wfd``; then,
    with ``hidden_fd``, read the hidden inputs from it and write the function outputs on them (frame 2); exit."""
    # nothing inherited but the result pipe (and the pipe the hidden inputs will come through): the zygote's
    # protocol pipes and any other descriptor are closed
    _close_all_but({wfd} | ({hidden_fd} if hidden_fd is not None else set()))
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        if fd != devnull:
            os.dup2(devnull, fd)
    sys.stdin = open(os.devnull)
    out = _Capped()
    sys.stdout = sys.stderr = out
    mem = int(job.get("mem_mb", 1024)) * 1024 * 1024
    if mem > 0:
        limit = vm_bytes + mem
        try:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (ValueError, OSError):
            pass
    # CPU seconds, threads included: a job that keeps many threads busy is stopped when it has used the
    # notebook's time limit twice over
    cpu = int(2 * float(job.get("nb_timeout", 60))) + 5
    limits = [(resource.RLIMIT_CPU, (cpu, cpu + 5)), (resource.RLIMIT_NOFILE, (NOFILE, NOFILE))]
    if ISOLATED:  # counted per user namespace (the job's own); without the sandbox it would count all your processes
        limits.append((resource.RLIMIT_NPROC, (NPROC, NPROC)))
    for which, value in limits:
        try:
            resource.setrlimit(which, value)
        except (ValueError, OSError):
            pass
    if ISOLATED:  # no new process, no memfd, no namespaces from here on (sandbox.restrict_syscalls)
        from .sandbox import restrict_syscalls

        try:
            restrict_syscalls()
        except OSError:
            os._exit(71)  # never run student code half-isolated

    # the student this submission belongs to (the grader's id for it): their own numbers (checking.identity)
    os.environ["LEGPAIN_STUDENT"] = str(job.get("student", ""))
    # what the capture needs, taken before any student code runs (a student who rebinds legpain.checking.student'
    # names or json's changes nothing here)
    from legpain.checking.student import collect_answers

    send = _send
    restore = _snapshot()

    def _on_alarm(signum, frame):
        raise CellTimeout()

    signal.signal(signal.SIGALRM, _on_alarm)
    cell_timeout = float(job.get("cell_timeout", 10))
    soft_deadline = time.monotonic() + float(job.get("nb_timeout", 60)) - 2.0
    cells = []
    for i, src in enumerate(job["cells"]):
        if time.monotonic() > soft_deadline:
            cells.append({"cell": i, "skipped": True})
            continue
        info: dict = {"cell": i}
        signal.setitimer(signal.ITIMER_REAL, max(0.05, min(cell_timeout, soft_deadline - time.monotonic())))
        try:
            result = shell.run_cell(src, store_history=False, silent=False)
            err = result.error_in_exec or result.error_before_exec
        except CellTimeout as exc:  # raised outside IPython's own handler
            err = exc
        except BaseException as exc:  # noqa: BLE001 - nothing a student does stops the capture
            err = exc
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        if err is not None:
            if isinstance(err, CellTimeout):
                info["timed_out"] = True
                info["error"] = f"stopped after {cell_timeout:g} s"
            else:
                info["error"] = f"{type(err).__name__}: {err}"[:300]
        cells.append(info)
    # capture the answers, with a time limit of its own, after putting back whatever the student rebound
    try:
        restore()
    except BaseException:  # noqa: BLE001
        pass
    signal.setitimer(signal.ITIMER_REAL, max(5.0, 0.5 * cell_timeout))
    try:
        captured = collect_answers(job["slug"], shell.user_ns)
        payload = {"ok": True, "captured": captured, "cells": cells}
    except BaseException as exc:  # noqa: BLE001
        payload = {"ok": False, "reason": f"the answers could not be read ({type(exc).__name__}: {exc})"[:300],
                   "cells": cells}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    send(wfd, payload)
    if hidden_fd is None or not payload["ok"]:
        os._exit(0)
    # frame 2: the outputs of the functions on the hidden inputs, which arrive only now
    try:
        restore()
    except BaseException:  # noqa: BLE001
        pass
    try:
        raw, _ = _read_frame(hidden_fd, time.monotonic() + 30.0)
        hidden_inputs = {k: [tuple(a) for a in v] for k, v in json.loads(raw).items()} if raw else {}
    except BaseException:  # noqa: BLE001
        os._exit(0)
    signal.setitimer(signal.ITIMER_REAL, max(5.0, 0.5 * cell_timeout))
    try:
        again = collect_answers(job["slug"], shell.user_ns, hidden_inputs=hidden_inputs)
        outputs = {qid: again[qid].get("outputs") for qid in hidden_inputs if isinstance(again.get(qid), dict)}
        payload = {"ok": True, "hidden": outputs}
    except BaseException:  # noqa: BLE001
        payload = {"ok": False}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    send(wfd, payload)
    os._exit(0)


def _send(wfd: int, payload: dict) -> None:
    """One framed message: 8 bytes of length, then the JSON."""
    data = _dumps(payload, default=str).encode()
    if len(data) > MAX_RESULT:
        data = _dumps({"ok": False, "reason": "the answers are too large to read "
                                                  f"({len(data) // 1_000_000} MB)"}).encode()
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:
        n = _write(wfd, view)
        view = view[n:]


# ---- what one job may send back: bounded before it leaves the sandbox, and again by the grader ---------------------
MAX_NODES = 10_000  # values in one answer (items, entries, nested ones): what the capture itself reads at most
MAX_DEPTH = 20  # levels of nesting in one answer (as the capture)
MAX_TEXT = 20_000  # characters of one text in an answer (a free-text answer of some 3,000 words)
MAX_CHARS = 100_000  # characters in all of one answer
MAX_OUTPUTS = 1_000  # outputs of one function (one per case)
MAX_CELLS = 10_000  # notes on code cells
MAX_NOTE = 300  # characters of a cell's error, a reason or a message


def answer_too_large(value) -> str:
    """Why an answer (plain data) is too large to check, in words, or "" when it is within the caps above. Stops
    at the first cap passed, so a forged answer of a million entries costs no more than one at the cap."""
    nodes = chars = 0
    stack = [(value, 0)]
    while stack:
        v, depth = stack.pop()
        nodes += 1
        if depth > MAX_DEPTH:
            return f"nested more than {MAX_DEPTH} levels deep"
        if isinstance(v, str):
            if len(v) > MAX_TEXT:
                return f"a text of {len(v):,} characters; at most {MAX_TEXT:,} are read"
            chars += len(v)
        elif isinstance(v, (list, dict)):
            if nodes + len(v) > MAX_NODES:
                kind = "a list of" if isinstance(v, list) else "a dictionary of"
                return f"{kind} {len(v):,} entries; at most {MAX_NODES:,} values are read"
            if isinstance(v, dict):
                for k in v:
                    chars += len(k) if isinstance(k, str) else 0
                    if isinstance(k, str) and len(k) > MAX_TEXT:
                        return f"a key of {len(k):,} characters; at most {MAX_TEXT:,} are read"
            stack.extend((x, depth + 1) for x in (v.values() if isinstance(v, dict) else v))
        if chars > MAX_CHARS:
            return f"more than {MAX_CHARS:,} characters in all"
    return ""


def _clip(x, n: int = MAX_NOTE):
    return x[:n] if isinstance(x, str) else x


def _bound_outputs(outputs):
    if not isinstance(outputs, list):
        return outputs  # a shape the grader refuses (a row)
    out = []
    for o in outputs[:MAX_OUTPUTS]:
        if isinstance(o, dict):
            why = answer_too_large(o.get("value")) if "value" in o else ""
            if why:
                o = {"ok": False, "error": "too large", "text": f"it returned a value too large to check ({why})"}
            else:
                o = {k: _clip(o[k]) if k != "value" else o[k] for k in ("ok", "value", "error", "text") if k in o}
        out.append(o)
    return out


def _bound_entry(entry):
    if not isinstance(entry, dict):
        return entry  # a shape the grader refuses (a row)
    if "value" in entry:
        why = answer_too_large(entry["value"])
        if why:
            return {"state": "invalid", "message": f"the answer is too large to check ({why})"}
    out = {k: _clip(entry[k], 40 if k == "state" else MAX_NOTE) for k in ("state", "message") if k in entry}
    if "value" in entry:
        out["value"] = entry["value"]
    if "outputs" in entry:
        out["outputs"] = _bound_outputs(entry["outputs"])
    return out


def bound_result(result, qids=None, n_cells: int | None = None):
    """A job's result with every part bounded (answers over the caps above become ``invalid`` with a message that
    says the answer is too large; texts clipped; lists cut), keeping only ``qids`` (when given) and ``n_cells``
    notes. Anything in a shape the grader does not read is left for its shape check (a row)."""
    if not isinstance(result, dict):
        return result
    out = dict(result)
    for key, bound in (("captured", _bound_entry), ("hidden_outputs", _bound_outputs)):
        part = out.get(key)
        if isinstance(part, dict):
            items = [(k, v) for k, v in part.items() if qids is None or k in qids][:MAX_OUTPUTS]
            out[key] = {k: bound(v) for k, v in items}
    cells = out.get("cells")
    if isinstance(cells, list):
        cells = cells[: MAX_CELLS if n_cells is None else max(0, n_cells)]
        out["cells"] = [{k: _clip(c[k]) for k in ("cell", "error", "timed_out", "skipped") if k in c}
                        if isinstance(c, dict) else c for c in cells]
    if "reason" in out:
        out["reason"] = _clip(out["reason"])
    return out


def _read_frame(rfd: int, deadline: float) -> tuple[bytes | None, str]:
    """Read one framed message from ``rfd`` before ``deadline``: (data, "") or (None, why not).

    Stops as soon as the message is complete: a process that keeps the pipe open cannot hold the grader."""
    buf = bytearray()
    need = _HEADER.size
    have_header = False
    while True:
        if len(buf) >= need:
            if have_header:
                return bytes(buf[_HEADER.size:need]), ""
            size = _HEADER.unpack(bytes(buf[:_HEADER.size]))[0]
            if size > MAX_RESULT:
                return None, "too large"
            need, have_header = _HEADER.size + size, True
            continue
        left = deadline - time.monotonic()
        if left <= 0:
            return None, "timeout"
        ready, _, _ = select.select([rfd], [], [], left)
        if not ready:
            continue
        chunk = os.read(rfd, min(1 << 20, need - len(buf)))
        if not chunk:
            return None, "partial" if buf else "eof"
        buf += chunk


def _kill(pid: int, isolated: bool) -> None:
    targets = [lambda: os.kill(pid, signal.SIGKILL)]  # PID 1 of its namespace: the kernel kills the rest
    if not isolated:
        targets.insert(0, lambda: os.killpg(pid, signal.SIGKILL))
    for target in targets:
        try:
            target()
        except (ProcessLookupError, PermissionError):
            pass


def _write_frame(fd: int, data: bytes, deadline: float) -> bool:
    """Write one framed message to a non-blocking pipe before ``deadline`` (a child that stops reading cannot hold
    the helper). True when all of it was written."""
    import fcntl

    fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) | os.O_NONBLOCK)
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        _, ready, _ = select.select([], [fd], [], left)
        if not ready:
            continue
        try:
            view = view[os.write(fd, view):]
        except BlockingIOError:
            continue
        except OSError:  # the child is gone
            return False
    return True


def run_job(job: dict, shell, isolated: bool = ISOLATED, ask_hidden=None) -> dict:
    """Fork a child for one job and return its result (or why there is none).

    ``ask_hidden``: a function that returns the job's hidden inputs (JSON bytes) from the grader; it is called
    only after the child has sent its public answers (see the module's docstring)."""
    from .sandbox import job_setup, spawn_isolated

    started = time.monotonic()
    vm = _vm_bytes()
    rfd, wfd = os.pipe()
    hrfd = hwfd = None
    if job.get("hidden") and ask_hidden is not None:
        hrfd, hwfd = os.pipe()
    scratch = None
    if not isolated:
        scratch = tempfile.mkdtemp(prefix="legpain-sub-", dir=os.environ.get("LEGPAIN_SCRATCH") or None)
    pid = spawn_isolated(int(job.get("mem_mb", 1024)) // 4 or 64) if isolated else os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        try:
            os.close(rfd)
            if hwfd is not None:
                os.close(hwfd)
            if not isolated:
                os.setsid()  # its own process group, so that the zygote can kill it and anything it starts
                os.chdir(scratch)
                job_setup()
            _child(job, shell, wfd, vm, hrfd)
        finally:
            os._exit(70)
    os.close(wfd)
    if hrfd is not None:
        os.close(hrfd)
    deadline = started + float(job.get("nb_timeout", 60)) + 3.0
    hidden_raw = None
    try:
        raw, why = _read_frame(rfd, deadline)
        if hwfd is not None and raw is not None and raw.startswith(b'{"ok": true'):
            inputs = ask_hidden()
            late = time.monotonic() + max(5.0, 0.5 * float(job.get("cell_timeout", 10))) + 3.0
            if inputs and _write_frame(hwfd, inputs, late):
                hidden_raw, _ = _read_frame(rfd, late)
    finally:
        os.close(rfd)
        if hwfd is not None:
            os.close(hwfd)
    status = None
    if raw is None and why == "eof":  # the pipe closed without a message: the child ended (or is ending)
        for _ in range(50):
            done, st = os.waitpid(pid, os.WNOHANG)
            if done:
                status = st
                break
            time.sleep(0.01)
    _kill(pid, isolated)  # PID 1 of its namespace (with the sandbox), or its process group
    if status is None:
        _, status = os.waitpid(pid, 0)
    if scratch:
        shutil.rmtree(scratch, ignore_errors=True)
    seconds = round(time.monotonic() - started, 3)
    if why == "timeout":
        return {"ok": False, "reason": f"timed out: the notebook ran for more than {job.get('nb_timeout', 60)} s",
                "seconds": seconds}
    if why == "partial":
        return {"ok": False, "reason": "kernel died (its answers never arrived complete: the message was cut short)",
                "seconds": seconds}
    if raw is None and why == "too large":
        return {"ok": False, "reason": f"its answers were too large to read (more than {MAX_RESULT // 2**20} MB)",
                "seconds": seconds}
    if raw is None and why == "eof":
        if os.WIFSIGNALED(status):
            sig = os.WTERMSIG(status)
            why = "it ran out of memory or was killed" if sig == signal.SIGKILL else f"signal {sig}"
            return {"ok": False, "reason": f"kernel died ({why})", "seconds": seconds}
        return {"ok": False, "reason": f"kernel died (exit status {os.WEXITSTATUS(status)})", "seconds": seconds}
    try:
        result = json.loads(raw) if raw is not None else None
    except (ValueError, RecursionError):  # JSONDecodeError, bad UTF-8, nested too deeply
        result = None
    if not isinstance(result, dict):
        return {"ok": False, "reason": "kernel died (its answers came back garbled)", "seconds": seconds}
    result.pop("hidden_outputs", None)  # only frame 2 holds these
    if hidden_raw is not None:
        try:
            second = json.loads(hidden_raw)
        except (ValueError, RecursionError):
            second = None
        if isinstance(second, dict) and isinstance(second.get("hidden"), dict):
            result["hidden_outputs"] = second["hidden"]
    result = bound_result(result)
    result["seconds"] = seconds
    return result


_EOF_EXIT = 64  # a job helper's exit status when the grader closed the protocol (no more jobs)


def _read_line(fd: int) -> bytes | None:
    """One protocol line from ``fd`` (None at end of file). The grader sends one job and waits for its answer, so
    there is never more than one line to read."""
    parts = []
    while True:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(parts) if parts else None
        parts.append(chunk)
        if chunk.endswith(b"\n"):
            return b"".join(parts)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _serve_one(shell, proto: int) -> None:
    """In a job helper (a fork of the pristine zygote): read one job, run it, answer, exit."""
    line = _read_line(0)
    if line is None:
        os._exit(_EOF_EXIT)
    if line.strip():
        def ask_hidden() -> bytes | None:  # the grader answers with one line: {qid: [args, ...]}
            _write_all(proto, b'{"need": "hidden"}\n')
            return _read_line(0)

        try:
            job = json.loads(line)
            result = run_job(job, shell, ask_hidden=ask_hidden)
        except Exception as exc:  # noqa: BLE001 - one job's failure is that job's row
            result = {"ok": False, "reason": f"grader error: {type(exc).__name__}: {exc}"[:300]}
        _write_all(proto, (json.dumps(result) + "\n").encode())
    os._exit(0)


def main() -> None:
    """The pristine fork server. The zygote itself never reads a job: for each one it forks a helper that reads it,
    clones the sandboxed child, relays its answer and exits. So no student's notebook, answers or hidden-case
    outputs ever enter the memory from which the next student's process is made (a child inherits its parent's
    memory, freed or not)."""
    shell = _warm()
    proto = os.dup(1)
    # nothing but the protocol may reach the grader through our stdout
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    _write_all(proto, (json.dumps({"ready": True, "pid": os.getpid(), "sandbox": ISOLATED}) + "\n").encode())
    while True:
        select.select([0], [], [])  # a job (or the end) is waiting: look, do not read
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the helper
            try:
                _serve_one(shell, proto)
            finally:
                os._exit(70)
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        if code == _EOF_EXIT:
            break
        if code != 0:  # the helper died before answering (it answers, then exits 0)
            _write_all(proto, (json.dumps({"ok": False, "reason": f"grader error: the job's helper process ended "
                                                                  f"with status {code}"}) + "\n").encode())


if __name__ == "__main__":
    main()
