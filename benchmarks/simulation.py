"""Benchmark: the trial simulator, every demo's update, and every lesson's run time. Prints figures; never fails.

    python benchmarks/simulation.py            # all three parts
    python benchmarks/simulation.py --quick    # fewer repeats

1. Allocation: 10,000 simulated trials of 192 patients by each method (goal: <= 1 s each on 2 cores), and, in the
   same run, the same minimization rule written one trial at a time in plain Python (the peer: what a typical
   script does), timed on 200 trials and scaled to 10,000; the ratio is printed.
2. Demos: every ``demo(...)`` in the lessons, found by running the lessons' code with ``demo`` recording it; its
   live widget is built and its first control moved to a new value each time, with every package cache emptied
   first (never timing a cached result); printed: the kernel's time from the new value to the PNG it sends.
3. Lessons: each lesson run top to bottom in a fresh kernel (goal <= 8 s).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ["LEGPAIN_HEADLESS"] = "1"
os.environ.setdefault("MPLBACKEND", "Agg")


def plain_minimization(n_patients: int, n_factors: int, p: float, rng: random.Random) -> list[int]:
    """One trial, one patient at a time, in plain Python (the peer implementation)."""
    counts = [[[0, 0] for _ in range(2)] for _ in range(n_factors)]  # factor -> level -> [A, B]
    arms = []
    for _ in range(n_patients):
        levels = [rng.random() < 0.5 for _ in range(n_factors)]
        a_total = sum(counts[f][lv][0] for f, lv in enumerate(levels))
        b_total = sum(counts[f][lv][1] for f, lv in enumerate(levels))
        if a_total == b_total:
            arm = 0 if rng.random() < 0.5 else 1
        else:
            better = 0 if a_total < b_total else 1
            arm = better if rng.random() < p else 1 - better
        for f, lv in enumerate(levels):
            counts[f][lv][arm] += 1
        arms.append(arm)
    return arms


def part_allocation(repeat: int) -> None:
    from legpain.topics import allocation

    print("1. Allocation simulator (simulated trials of 192 patients, 3 binary factors)")
    times = allocation.time_methods(n_trials=10_000, n_patients=192, repeat=repeat)
    for method, seconds in times.items():
        print(f"   {method:13s} 10,000 trials: {seconds:.3f} s  (goal <= 1 s)")
    rng = random.Random(0)
    t0 = time.perf_counter()
    for _ in range(200):
        plain_minimization(192, 3, 0.8, rng)
    plain = (time.perf_counter() - t0) * 10_000 / 200
    print(f"   peer: plain-Python minimization, one trial at a time: {plain:.2f} s for 10,000 trials "
          f"(timed on 200); the vectorized simulator is {plain / times['minimization']:.0f}x faster")


def _collect_demos():
    """Run each lesson's code in an IPython shell with demo() recording, and return (lesson, title, Demo)."""
    from IPython.core.interactiveshell import InteractiveShell

    import legpain
    from legpain.common import notebooks
    from legpain.ui import demos as widgets

    found = []
    real_demo = widgets.demo
    for path in notebooks.lesson_paths():
        current = path.stem

        def recording(func, title="", **controls):
            d = real_demo(func, title=title, **controls)
            found.append((current, title or getattr(func, "__name__", "demo"), d))
            return d

        widgets.demo = recording
        legpain.demo = recording
        shell = InteractiveShell.instance()
        shell.reset(new_session=True)
        cwd = os.getcwd()
        os.chdir(path.parent)
        devnull = open(os.devnull, "w")
        old_out = sys.stdout
        sys.stdout = devnull
        try:
            for cell in notebooks.read(path).cells:
                if cell.cell_type == "code":
                    src = cell.source.replace("from legpain import *",
                                              "from legpain import *\nfrom legpain import demo")
                    shell.run_cell(src, store_history=False, silent=True)
        finally:
            sys.stdout = old_out
            devnull.close()
            os.chdir(cwd)
    widgets.demo = real_demo
    legpain.demo = real_demo
    return found


def _clear_caches() -> int:
    """Empty every functools cache in the package, so that no update is served from one (issue 18)."""

    n = 0
    for name, mod in list(sys.modules.items()):
        if not (name == "legpain" or name.startswith("legpain.")) or mod is None:
            continue
        for obj in list(vars(mod).values()):
            if callable(getattr(obj, "cache_clear", None)) and getattr(obj, "__module__", "") == name:
                obj.cache_clear()
                n += 1
    return n


def _new_values(control, count: int) -> list:
    """``count`` values for a control, each different from the one before (menus cycle through their options;
    sliders walk from their starting value one step at a time, turning back at the ends)."""
    if hasattr(control, "options"):
        options = list(getattr(control, "_options_values", ()))
        start = options.index(control.value)
        return [options[(start + k) % len(options)] for k in range(1, count + 1)]
    values, v, direction = [], control.value, 1
    for _ in range(count):
        if not control.min <= v + direction * control.step <= control.max:
            direction = -direction
        v = v + direction * control.step
        values.append(type(control.value)(round(v, 10)))
    return values


def part_demos(repeat: int) -> None:
    from legpain.ui import demos as widgets

    print("2. Demo updates in the kernel: the live widget, its first control moved to a new value each time, every")
    print("   package cache emptied before each move (what a student's first visit of a setting costs); the time")
    print("   from the new value to the PNG handed to the browser (the kernel's share of input-to-paint; goal <= 50 ms")
    print("   for the whole path, see benchmarks/browser.py)")
    os.environ.pop("LEGPAIN_HEADLESS", None)
    for lesson, title, d in _collect_demos():
        box = d.widget()
        name, control = next(iter(d.controls.items()))
        times, cpu = [], []
        for value in _new_values(control, repeat):
            _clear_caches()
            t0, c0 = time.perf_counter(), time.thread_time()
            control.value = value
            box.legpain_flush()  # what the kernel's event loop runs after the control's message
            times.append(time.perf_counter() - t0)
            cpu.append(time.thread_time() - c0)
        print(f"   {lesson[:2]} {title[:50]:50s} update {1000 * statistics.median(times):6.1f} ms "
              f"(CPU {1000 * statistics.median(cpu):6.1f} ms; moving {d.labels[name][:24]!r})")
    os.environ["LEGPAIN_HEADLESS"] = "1"


def part_lessons() -> None:
    from nbclient import NotebookClient

    from legpain.common import notebooks

    print("3. Lessons, top to bottom in a fresh kernel (goal <= 8 s)")
    for path in notebooks.lesson_paths():
        nb = notebooks.read(path)
        t0 = time.perf_counter()
        NotebookClient(nb, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        print(f"   {path.name:45s} {time.perf_counter() - t0:5.1f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description="Benchmark the simulator, the demos and the lessons.")
    ap.add_argument("--quick", action="store_true", help="fewer repeats")
    ap.add_argument("--only", choices=["allocation", "demos", "lessons"], help="run one part")
    args = ap.parse_args()
    repeat = 2 if args.quick else 5
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, load {os.getloadavg()[0]:.1f}")
    if args.only in (None, "allocation"):
        part_allocation(repeat)
    if args.only in (None, "demos"):
        part_demos(repeat)
    if args.only in (None, "lessons"):
        part_lessons()


if __name__ == "__main__":
    main()
