"""Memory and CPU one active student needs on a JupyterHub, measured by running the course as a student would.

For every lesson (and, with --exercises, every solution notebook) a fresh kernel runs all cells (nbclient), while a
sampler records the peak resident memory (RSS) of the kernel and its children and, at the end, the CPU seconds the
kernel used. A JupyterLab server (the single-user server each student gets) is started once, its page and a
notebook are loaded, and its RSS is measured too. The script prints a table and the sizing figures that
docs/jupyterhub.md quotes:

    python benchmarks/per_student.py            # all lessons
    python benchmarks/per_student.py --exercises --repeat 2

Figures are of this machine and these package versions; re-run after changing the lessons.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]


def _cpu_seconds(p: psutil.Process) -> float:
    t = p.cpu_times()
    return t.user + t.system + getattr(t, "children_user", 0.0) + getattr(t, "children_system", 0.0)


# what is summed over a process and its children: resident memory (RSS, bytes); memory unique to the processes
# (USS, bytes: what one more student adds, shared libraries count once per machine); CPU seconds, user + system,
# including those of children already waited for
_MEASURES = {
    "rss": lambda p: p.memory_info().rss,
    "uss": lambda p: p.memory_full_info().uss,
    "cpu": _cpu_seconds,
}


def _tree_usage(proc: psutil.Process) -> dict[str, float]:
    """Each of :data:`_MEASURES` summed over ``proc`` and its children, in one walk of the tree; a process that
    cannot be read (gone, or not ours) is left out of that measure only."""
    totals = {"rss": 0, "uss": 0, "cpu": 0.0}
    for p in [proc] + proc.children(recursive=True):
        for key, measure in _MEASURES.items():
            try:
                totals[key] += measure(p)
            except psutil.Error:
                pass
    return totals


def _raise_peaks(peak: dict[str, float], proc: psutil.Process) -> None:
    """Raise each figure in ``peak`` to the tree's current one (the CPU seconds only ever grow; memory peaks)."""
    for key, value in _tree_usage(proc).items():
        peak[key] = max(peak[key], value)


def run_notebook(path: Path) -> dict:
    """Run one notebook in a fresh kernel; peak RSS (MB) and CPU seconds of the kernel, wall seconds, errors."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}})
    peak = {"rss": 0, "uss": 0, "cpu": 0.0}
    stop = threading.Event()
    holder: dict = {}

    def sample():
        while not stop.is_set():
            km = getattr(client, "km", None)
            pid = None
            if km is not None and getattr(km, "provisioner", None) is not None:
                pid = getattr(km.provisioner, "pid", None) or getattr(getattr(km.provisioner, "process", None),
                                                                       "pid", None)
            if pid:
                try:
                    proc = holder.get("proc") or psutil.Process(pid)
                    holder["proc"] = proc
                    _raise_peaks(peak, proc)
                except psutil.Error:
                    pass
            stop.wait(0.05)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    start = time.monotonic()
    try:
        with client.setup_kernel():
            for index, cell in enumerate(nb.cells):
                client.execute_cell(cell, index)
            proc = holder.get("proc")
            if proc is not None:  # the last reading, before the kernel shuts down
                _raise_peaks(peak, proc)
    finally:
        stop.set()
        t.join()
    errors = [o.get("ename") for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    return {"rss_mb": peak["rss"] / 2**20, "uss_mb": peak["uss"] / 2**20, "cpu_s": peak["cpu"],
            "wall_s": time.monotonic() - start, "errors": errors}


def server_rss() -> tuple[float, float]:
    """RSS and USS (MB) of a JupyterLab server after its page, a notebook's contents and its settings were served."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, HOME=home, JUPYTER_RUNTIME_DIR=f"{home}/rt")
        args = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ServerApp.token=", "--ip", "127.0.0.1",
                "--port", str(port), f"--ServerApp.root_dir={ROOT}", "--ServerApp.password=",
                "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
        if os.geteuid() == 0:
            args.append("--allow-root")
        proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            url = f"http://127.0.0.1:{port}"
            for _ in range(300):
                try:
                    urllib.request.urlopen(url + "/api", timeout=2)
                    break
                except OSError:
                    time.sleep(0.2)
            for path in ("/lab", "/api/contents/lessons/00-start-here.ipynb", "/lab/api/settings",
                         "/api/kernelspecs"):
                urllib.request.urlopen(url + path, timeout=30).read()
            time.sleep(1)
            info = psutil.Process(proc.pid).memory_full_info()
            return info.rss / 2**20, info.uss / 2**20
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--exercises", action="store_true", help="also run the solution notebooks")
    ap.add_argument("--repeat", type=int, default=1, help="runs per notebook (the median is reported)")
    ap.add_argument("--server-gb", type=float, default=24.0, help="RAM of the server to size (default 24)")
    ap.add_argument("--server-cores", type=int, default=2, help="cores of the server to size (default 2)")
    args = ap.parse_args()
    os.environ.pop("LEGPAIN_HEADLESS", None)  # as on a hub: no flag (nbclient has no widget front end anyway)
    paths = sorted((ROOT / "lessons").glob("[0-9][0-9]-*.ipynb"))
    if args.exercises:
        paths += sorted((ROOT / "solutions").glob("[0-9][0-9]-*.ipynb"))
    print(f"{'notebook':48} {'peak RSS MB':>11} {'peak USS MB':>11} {'CPU s':>7} {'wall s':>7}")
    rows = []
    for path in paths:
        runs = [run_notebook(path) for _ in range(args.repeat)]
        r = {k: statistics.median(x[k] for x in runs) for k in ("rss_mb", "uss_mb", "cpu_s", "wall_s")}
        r["name"] = f"{path.parent.name}/{path.name}"
        r["errors"] = runs[-1]["errors"]
        rows.append(r)
        note = f"  errors: {r['errors']}" if r["errors"] else ""
        print(f"{r['name']:48} {r['rss_mb']:11.0f} {r['uss_mb']:11.0f} {r['cpu_s']:7.1f} {r['wall_s']:7.1f}{note}",
              flush=True)
    srv_rss, srv_uss = server_rss()
    lessons = [r for r in rows if r["name"].startswith("lessons/")]
    by_rss = sorted((r["rss_mb"] for r in rows), reverse=True)
    by_uss = sorted((r["uss_mb"] for r in rows), reverse=True)
    med_rss = statistics.median(r["rss_mb"] for r in lessons)
    med_uss = statistics.median(r["uss_mb"] for r in lessons)
    cpu_total = sum(r["cpu_s"] for r in lessons)
    from legpain.authoring.sync import lessons as lesson_infos

    minutes = sum(info.minutes for info in lesson_infos(ROOT))  # the lessons' estimated minutes
    print()
    print(f"JupyterLab single-user server (page served): RSS {srv_rss:.0f} MB, USS {srv_uss:.0f} MB")
    print(f"kernel peak: median lesson RSS {med_rss:.0f} MB / USS {med_uss:.0f} MB; largest RSS {by_rss[0]:.0f} MB "
          f"/ USS {by_uss[0]:.0f} MB")
    print(f"CPU to run every lesson once in a fresh kernel: {cpu_total:.1f} s (largest lesson "
          f"{max(r['cpu_s'] for r in lessons):.1f} s, smallest {min(r['cpu_s'] for r in lessons):.1f} s)")
    # one active student: their server and two kernels (a lesson and its exercise set open together)
    typical = srv_rss + 2 * med_rss
    worst = srv_rss + by_rss[0] + by_rss[1]
    typical_uss = srv_uss + 2 * med_uss
    worst_uss = srv_uss + by_uss[0] + by_uss[1]
    usable = (args.server_gb - 2.0) * 1024  # the system, the hub and the proxy keep 2 GB
    print(f"one active student, server + 2 kernels: typical RSS {typical:.0f} MB (USS {typical_uss:.0f}), "
          f"worst RSS {worst:.0f} MB (USS {worst_uss:.0f})")
    print(f"average CPU over the lessons' estimated {minutes} minutes: {cpu_total / minutes:.3f} CPU-s per minute "
          f"= {cpu_total / minutes / 60 * 100:.2f}% of one core")
    print(f"a {args.server_cores}-core / {args.server_gb:.0f} GB server ({usable / 1024:.0f} GB usable): "
          f"{int(usable // worst)} active students at the worst RSS, {int(usable // typical)} at the typical RSS, "
          f"{int(usable // worst_uss)} at the worst USS")
    per_start = min(r["cpu_s"] for r in lessons)
    print(f"bursts: a kernel start plus the setup cell costs about {per_start:.1f} CPU-s, so 30 students starting "
          f"at once wait about {30 * per_start / args.server_cores:.0f} s on {args.server_cores} cores")

if __name__ == "__main__":
    main()
