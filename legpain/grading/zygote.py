"""A clean, pre-warmed process that runs one submission at a time, each in a fresh forked child.

The grader starts one zygote per worker (``python -m legpain.grading.zygote``). A zygote imports IPython, numpy,
matplotlib and the course package once, creates an IPython shell with an empty namespace, and then never runs
student code itself: for every job it forks a child, which starts from that pristine state, runs the notebook's
code cells with a time limit per cell, a memory cap and no standard input, captures the answers as plain data
(:func:`legpain.checks.collect_answers`) and writes them back as JSON. The child is killed, with anything it
started, when the notebook's time limit is reached. The zygote holds no expected answers and no hidden expected
values: only the inputs of hidden cases reach it.

Protocol (one JSON object per line): the grader writes a job ``{"cells": [...], "slug": ..., "hidden_inputs":
{...}, "cell_timeout": s, "nb_timeout": s, "mem_mb": n}``; the zygote answers ``{"ok": true, "captured": {...},
"cells": [...], "seconds": s}`` or ``{"ok": false, "reason": ...}``.
"""

from __future__ import annotations

import json
import os
import resource
import select
import signal
import sys
import tempfile
import time

_STDOUT_LIMIT = 200_000  # characters of a student's output kept (the rest is dropped)


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
    import importlib

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401
    import numpy  # noqa: F401
    from IPython.core.interactiveshell import InteractiveShell

    import legpain
    import legpain.checks  # noqa: F401

    for name in legpain._topics():
        try:
            importlib.import_module(f"legpain.{name}")
        except Exception:  # noqa: BLE001 - a broken topic module must not stop grading of others
            pass
    try:
        import ipywidgets  # noqa: F401
    except ImportError:  # pragma: no cover
        pass
    shell = InteractiveShell.instance()
    return shell


def _vm_bytes() -> int:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _child(job: dict, shell, wfd: int) -> None:
    """Runs in the forked child: execute the cells, capture the answers, write them to ``wfd``, exit."""
    os.setsid()  # its own process group, so that the zygote can kill it and anything it starts
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    sys.stdin = open(os.devnull)
    out = _Capped()
    sys.stdout = sys.stderr = out
    mem = int(job.get("mem_mb", 1024)) * 1024 * 1024
    if mem > 0:
        limit = _vm_bytes() + mem
        try:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (ValueError, OSError):
            pass
    os.chdir(tempfile.mkdtemp(prefix="legpain-sub-"))

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
    # capture the answers, with a time limit of its own
    signal.setitimer(signal.ITIMER_REAL, max(5.0, 0.5 * cell_timeout))
    try:
        from legpain.checks import collect_answers

        captured = collect_answers(job["slug"], shell.user_ns,
                                   hidden_inputs={k: [tuple(a) for a in v] for k, v in job["hidden_inputs"].items()})
        payload = {"ok": True, "captured": captured, "cells": cells}
    except BaseException as exc:  # noqa: BLE001
        payload = {"ok": False, "reason": f"the answers could not be read ({type(exc).__name__}: {exc})"[:300],
                   "cells": cells}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    data = json.dumps(payload, default=str).encode()
    view = memoryview(data)
    while view:
        n = os.write(wfd, view)
        view = view[n:]
    os.close(wfd)
    os._exit(0)


def _kill(pid: int) -> None:
    for target in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
        try:
            target()
        except (ProcessLookupError, PermissionError):
            pass


def run_job(job: dict, shell) -> dict:
    """Fork a child for one job and return its result (or why there is none)."""
    started = time.monotonic()
    rfd, wfd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        os.close(rfd)
        try:
            _child(job, shell, wfd)
        finally:
            os._exit(70)
    os.close(wfd)
    deadline = started + float(job.get("nb_timeout", 60)) + 3.0
    chunks, timed_out = [], False
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            timed_out = True
            break
        ready, _, _ = select.select([rfd], [], [], left)
        if not ready:
            continue
        chunk = os.read(rfd, 1 << 16)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(rfd)
    if timed_out:
        _kill(pid)
    _, status = os.waitpid(pid, 0)
    _kill(pid)  # anything left in its process group
    seconds = round(time.monotonic() - started, 3)
    if timed_out:
        return {"ok": False, "reason": f"timed out: the notebook ran for more than {job.get('nb_timeout', 60)} s",
                "seconds": seconds}
    raw = b"".join(chunks)
    if not raw:
        if os.WIFSIGNALED(status):
            sig = os.WTERMSIG(status)
            why = "it ran out of memory or was killed" if sig == signal.SIGKILL else f"signal {sig}"
            return {"ok": False, "reason": f"kernel died ({why})", "seconds": seconds}
        return {"ok": False, "reason": f"kernel died (exit status {os.WEXITSTATUS(status)})", "seconds": seconds}
    try:
        result = json.loads(raw)
    except json.JSONDecodeError:
        return {"ok": False, "reason": "kernel died (its answers came back garbled)", "seconds": seconds}
    result["seconds"] = seconds
    return result


def main() -> None:
    shell = _warm()
    proto = os.fdopen(os.dup(1), "w", buffering=1)
    # nothing but the protocol may reach the grader through our stdout
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    proto.write(json.dumps({"ready": True, "pid": os.getpid()}) + "\n")
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            job = json.loads(line)
            result = run_job(job, shell)
        except Exception as exc:  # noqa: BLE001 - the zygote must outlive any one job
            result = {"ok": False, "reason": f"grader error: {type(exc).__name__}: {exc}"[:300]}
        proto.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
