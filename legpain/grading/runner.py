"""The grader's side of a zygote (see :mod:`legpain.grading.zygote`): start it, send jobs, read answers, restart it
if it dies. One runner per worker thread."""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import sys
import time

__all__ = ["Runner", "RunnerError"]

NEED_HIDDEN = b'{"need": "hidden"}'  # the zygote's request for a job's hidden inputs
MAX_LINE = 8 * 1024 * 1024  # bytes of one answer line from the zygote (it bounds what it relays far below this)


class RunnerError(RuntimeError):
    pass


class Runner:
    """One pre-warmed zygote. ``sandbox=True``: it runs in bubblewrap (see :mod:`legpain.grading.sandbox`) and
    every job in its own namespaces; ``hide``: folders that must stay out of its sight (submissions, output,
    course root); ``scratch``: without the sandbox, the folder under which each job's scratch folder is made;
    ``cgroup``: the worker's cgroup (:func:`legpain.grading.sandbox.worker_cgroups`), which the zygote starts in.
    ``package``: the ``legpain`` folder student code runs against, when it is not this process's own (a class
    edition's, which holds no key of its graded sets; this process's own copy is then hidden from the sandbox)."""

    def __init__(self, start_timeout: float = 120.0, sandbox: bool = False, hide=(), scratch=None, cgroup=None,
                 package=None):
        self.start_timeout = start_timeout
        self.package = package
        self.sandbox = sandbox
        self.hide = list(hide)
        self.scratch = scratch
        self.cgroup = cgroup
        self.proc: subprocess.Popen | None = None
        self._buf = b""
        self.startup_seconds: list[float] = []

    def launch(self) -> None:
        """Start the zygote process without waiting for it (it imports for about a second)."""
        self._t0 = time.monotonic()
        base = dict(LEGPAIN_HEADLESS="1", MPLBACKEND="Agg", PYTHONUNBUFFERED="1",
                    OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
        argv = [sys.executable, "-m", "legpain.grading.zygote"]
        if self.sandbox:
            from .sandbox import bwrap_command, sandbox_env

            if self.package is None:
                env = dict(sandbox_env(), **base)
                cmd = bwrap_command(argv, env, self.hide)
            else:
                from .sandbox import _package_dir

                env = dict(sandbox_env(self.package), **base)
                cmd = bwrap_command(argv, env, self.hide + [_package_dir()], package=self.package)
            env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
        else:
            env = dict(os.environ, **base)
            env.pop("LEGPAIN_SANDBOX", None)
            if self.scratch:
                env["LEGPAIN_SCRATCH"] = str(self.scratch)
            if self.package is not None:
                env["PYTHONPATH"] = str(os.path.dirname(os.path.abspath(self.package)))
            cmd = argv
        if self.cgroup is not None:
            cmd = self.cgroup.wrap(cmd)
        self.proc = subprocess.Popen(
            cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
            start_new_session=True,
        )
        self._buf = b""
        self._ready = False

    def wait_ready(self) -> None:
        hello = self._read_line(self.start_timeout)
        try:
            info = json.loads(hello) if hello is not None else {}
        except json.JSONDecodeError:
            info = {}
        if not info.get("ready") or bool(info.get("sandbox")) != self.sandbox:
            self.stop()
            raise RunnerError("the grading process did not start" + (" in its sandbox" if self.sandbox else ""))
        self._ready = True
        self.startup_seconds.append(time.monotonic() - self._t0)

    def start(self) -> None:
        self.launch()
        self.wait_ready()

    def _read_line(self, timeout: float) -> bytes | None:
        assert self.proc is not None and self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        deadline = time.monotonic() + timeout
        with selectors.DefaultSelector() as sel:
            sel.register(fd, selectors.EVENT_READ)
            while b"\n" not in self._buf:
                left = deadline - time.monotonic()
                if left <= 0 or not sel.select(left) or len(self._buf) > MAX_LINE:
                    return None
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    return None
                self._buf += chunk
        line, self._buf = self._buf.split(b"\n", 1)
        return line

    def run(self, job: dict) -> dict:
        """Run one job; a zygote that dies or stops answering is replaced, and the job reported as failed.

        A job's ``hidden_inputs`` are not sent with it: the zygote asks for them (``{"need": "hidden"}``) only once
        the job's public answers are in, so that nothing the job's code writes before can hold them."""
        if self.proc is None or self.proc.poll() is not None:
            self.start()
        elif not getattr(self, "_ready", True):
            self.wait_ready()
        assert self.proc is not None and self.proc.stdin is not None
        hidden = None
        if "hidden_inputs" in job:
            hidden = job["hidden_inputs"]
            job = {k: v for k, v in job.items() if k != "hidden_inputs"}
            job["hidden"] = any(hidden.values())
        try:
            self.proc.stdin.write((json.dumps(job) + "\n").encode())
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            self.stop()
            return {"ok": False, "reason": "kernel died (the grading process stopped)"}
        line = self._read_line(float(job.get("nb_timeout", 60)) + 15.0)
        if line == NEED_HIDDEN and hidden is not None:
            try:
                self.proc.stdin.write((json.dumps(hidden) + "\n").encode())
                self.proc.stdin.flush()
            except (BrokenPipeError, OSError):
                self.stop()
                return {"ok": False, "reason": "kernel died (the grading process stopped)"}
            line = self._read_line(max(5.0, 0.5 * float(job.get("cell_timeout", 10))) + 15.0)
        if line is None:
            self.stop()
            return {"ok": False, "reason": "kernel died (the grading process stopped answering)"}
        try:
            result = json.loads(line)
        except (ValueError, RecursionError):  # JSONDecodeError, bad UTF-8, nested too deeply
            result = None
        if not isinstance(result, dict):
            self.stop()
            return {"ok": False, "reason": "kernel died (garbled answer from the grading process)"}
        return result  # its shape is checked where it is read (legpain.grading._judge)

    def stop(self) -> None:
        if self.proc is not None:
            try:
                os.killpg(self.proc.pid, 9)
            except (ProcessLookupError, PermissionError):
                pass
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:  # pragma: no cover
                pass
            self.proc = None
