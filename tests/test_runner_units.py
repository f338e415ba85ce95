"""The grader's side of a zygote (legpain.grading.runner), driven against a tiny stand-in process (no notebooks).

Fast unit tests written against the survivors of tools/mutation.py: each pins one behaviour exactly."""

import json
import os
import subprocess
import sys

import pytest

from legpain.grading import runner as rn
from legpain.grading.runner import Runner, RunnerError

# a stand-in zygote: says hello (its first argument), then answers each job line as the job asks
FAKE = r"""
import json, sys, time
print(sys.argv[1], flush=True)
for line in sys.stdin:
    job = json.loads(line)
    do = job.get("do")
    if do == "die":
        sys.exit(0)
    if do == "garble":
        print("not json", flush=True)
    elif do == "two":
        sys.stdout.write(json.dumps({"n": 1}) + "\n" + json.dumps({"n": 2}) + "\n")
        sys.stdout.flush()
    else:
        print(json.dumps({"ok": True, "job": job}), flush=True)
"""


@pytest.fixture
def fake(monkeypatch):
    """Popen replaced by a launcher of the stand-in; every call's command, env and options are recorded."""
    calls = []
    hello = {"line": json.dumps({"ready": True, "sandbox": False})}
    real = subprocess.Popen

    def popen(cmd, **kw):
        calls.append((cmd, kw))
        return real([sys.executable, "-c", FAKE, hello["line"]], **{**kw, "env": dict(os.environ)})

    monkeypatch.setattr(rn.subprocess, "Popen", popen)
    return calls, hello


def test_defaults():
    """A runner starts with no process, a 120 s start limit, no sandbox, nothing hidden, no scratch folder."""
    r = Runner()
    assert (r.start_timeout, r.sandbox, r.hide, r.scratch, r.proc, r.startup_seconds) == (120.0, False, [], None,
                                                                                          None, [])
    assert Runner(hide=("a", "b")).hide == ["a", "b"]


def test_launch_without_sandbox(fake, monkeypatch):
    """Without the sandbox the zygote gets this environment plus headless settings and one thread per library,
    never LEGPAIN_SANDBOX, and LEGPAIN_SCRATCH only when a scratch folder is given; it runs in its own session
    with stderr discarded."""
    calls, _ = fake
    monkeypatch.setenv("LEGPAIN_SANDBOX", "1")
    monkeypatch.setenv("SOMETHING", "kept")
    for name in ("LEGPAIN_HEADLESS", "MPLBACKEND", "PYTHONUNBUFFERED", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
                 "MKL_NUM_THREADS", "LEGPAIN_SCRATCH"):
        monkeypatch.delenv(name, raising=False)  # the runner must set them itself
    r = Runner(scratch="/tmp/scr")
    r.start()
    cmd, kw = calls[-1]
    assert cmd == [sys.executable, "-m", "legpain.grading.zygote"]
    env = kw["env"]
    assert {k: env[k] for k in ("LEGPAIN_HEADLESS", "MPLBACKEND", "PYTHONUNBUFFERED", "OPENBLAS_NUM_THREADS",
                                "OMP_NUM_THREADS", "MKL_NUM_THREADS", "LEGPAIN_SCRATCH", "SOMETHING")} == {
        "LEGPAIN_HEADLESS": "1", "MPLBACKEND": "Agg", "PYTHONUNBUFFERED": "1", "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "LEGPAIN_SCRATCH": "/tmp/scr", "SOMETHING": "kept"}
    assert "LEGPAIN_SANDBOX" not in env
    assert kw["stdin"] == kw["stdout"] == subprocess.PIPE and kw["stderr"] == subprocess.DEVNULL
    assert kw["start_new_session"] is True
    assert len(r.startup_seconds) == 1 and 0 < r.startup_seconds[0] < 60
    r.stop()
    Runner().launch()
    assert "LEGPAIN_SCRATCH" not in calls[-1][1]["env"]


def test_launch_in_the_sandbox(fake, monkeypatch):
    """In the sandbox the command is bubblewrap's, built from the zygote command, the sandbox environment with
    the headless settings, and the folders to hide; bubblewrap itself only gets PATH."""
    from legpain.grading import sandbox

    calls, hello = fake
    seen = {}
    monkeypatch.setattr(sandbox, "sandbox_env", lambda: {"HOME": "/nonexistent", "MPLBACKEND": "x"})
    monkeypatch.setattr(sandbox, "bwrap_command", lambda argv, env, hide: seen.update(argv=argv, env=env, hide=hide)
                        or ["bwrap", "--", *argv])
    monkeypatch.setenv("PATH", "/my/bin")
    hello["line"] = json.dumps({"ready": True, "sandbox": True})
    r = Runner(sandbox=True, hide=["/subs"], scratch="/ignored")
    r.start()
    cmd, kw = calls[-1]
    assert cmd == ["bwrap", "--", sys.executable, "-m", "legpain.grading.zygote"]
    assert kw["env"] == {"PATH": "/my/bin"}
    assert seen["hide"] == ["/subs"] and seen["env"]["HOME"] == "/nonexistent" and seen["env"]["MPLBACKEND"] == "Agg"
    assert seen["env"]["OMP_NUM_THREADS"] == "1" and "LEGPAIN_SCRATCH" not in seen["env"]
    r.stop()
    monkeypatch.delenv("PATH")
    Runner(sandbox=True).launch()
    assert calls[-1][1]["env"] == {"PATH": "/usr/bin:/bin"}


@pytest.mark.parametrize("line, sandbox, message", [
    ('{"ready": true, "sandbox": true}', False, "the grading process did not start"),
    ('{"ready": true}', True, "the grading process did not start in its sandbox"),
    ('{"ready": false, "sandbox": false}', False, "the grading process did not start"),
    ("garbage", False, "the grading process did not start"),
])
def test_wait_ready_refuses_a_wrong_hello(fake, line, sandbox, message, monkeypatch):
    """The zygote must say it is ready, and in the sandbox exactly when one was asked for; otherwise it is
    stopped and the run is told."""
    from legpain.grading import sandbox as sb

    monkeypatch.setattr(sb, "bwrap_command", lambda argv, env, hide: argv)
    monkeypatch.setattr(sb, "sandbox_env", lambda: {})
    fake[1]["line"] = line
    r = Runner(sandbox=sandbox)
    with pytest.raises(RunnerError) as exc:
        r.start()
    assert str(exc.value) == message
    assert r.proc is None and r.startup_seconds == []


def test_wait_ready_times_out(monkeypatch):
    """No hello within the start limit is a failed start."""
    real = subprocess.Popen
    monkeypatch.setattr(rn.subprocess, "Popen", lambda cmd, **kw: real(
        [sys.executable, "-c", "import time; time.sleep(30)"], **{**kw, "env": dict(os.environ)}))
    r = Runner(start_timeout=0.3)
    with pytest.raises(RunnerError, match="did not start"):
        r.start()


def test_run_jobs_and_failures(fake):
    """Jobs go out as JSON lines and answers come back; a garbled answer or a zygote that dies is reported as a
    failed job and the zygote replaced at the next job."""
    r = Runner()
    assert r.run({"do": "echo", "x": 1}) == {"ok": True, "job": {"do": "echo", "x": 1}}
    first = r.proc
    assert r.run({"do": "echo"})["ok"] and r.proc is first
    assert r.run({"do": "garble"}) == {"ok": False, "reason": "kernel died (garbled answer from the grading process)"}
    assert r.proc is None
    assert r.run({"do": "die"}) == {"ok": False, "reason": "kernel died (the grading process stopped answering)"}
    assert r.proc is None
    assert r.run({"do": "two"}) == {"n": 1}
    assert r._read_line(5) == b'{"n": 2}'
    assert len(r.startup_seconds) == 3
    r.stop()
    r.stop()


def test_run_waits_for_a_launched_zygote_and_restarts_a_dead_one(fake):
    """A zygote launched ahead of time is waited for once; one that has exited is started again."""
    calls, _ = fake
    r = Runner()
    r.launch()
    assert r.run({"do": "echo"})["ok"] and len(calls) == 1 and len(r.startup_seconds) == 1
    r.proc.stdin.write(b'{"do": "die"}\n')
    r.proc.stdin.flush()
    r.proc.wait(5)
    assert r.run({"do": "echo"})["ok"] and len(calls) == 2
    r.stop()


def test_run_reports_a_broken_pipe(fake):
    """A zygote that cannot be written to is stopped and the job reported as failed."""

    class Broken:
        def write(self, data):
            raise BrokenPipeError

        def flush(self):
            pass

    r = Runner()
    r.start()
    proc = r.proc
    pipe = r.proc.stdin  # kept open: closing it would end the stand-in, and run() would start a new one
    r.proc.stdin = Broken()
    assert r.run({"do": "echo"}) == {"ok": False, "reason": "kernel died (the grading process stopped)"}
    assert r.proc is None and proc.poll() is not None
    pipe.close()


def test_run_waits_for_the_job_limit_plus_a_margin(fake, monkeypatch):
    """The answer is awaited for the job's notebook limit (60 s when not given) plus 15 seconds."""
    r = Runner()
    r.start()
    waits = []
    monkeypatch.setattr(r, "_read_line", lambda timeout: waits.append(timeout) or b'{"ok": true}')
    r.run({"do": "echo", "nb_timeout": 30})
    r.run({"do": "echo"})
    assert waits == [45.0, 75.0]
    monkeypatch.undo()
    r.stop()
