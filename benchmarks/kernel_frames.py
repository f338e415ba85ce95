"""Benchmark: kernel time to draw one setting of a lesson demo that the browser does not have yet. Prints figures.

    python benchmarks/kernel_frames.py            # 60 random settings per demo
    python benchmarks/kernel_frames.py --n 200

For each demo of lessons 04-06 whose figure updates in place, the same random settings (every control at random, a
fixed seed) are drawn two ways, in this run, one after the other:

* **interact**: what ``ipywidgets.interact`` does: call the figure function and save a PNG of the new figure;
* **live demo**: :class:`legpain.ui.demos._LiveDemo`, as the kernel side of a live demo draws (in-place update, kept
  backgrounds, kept glyphs), into one live demo that has drawn the settings before it: once sending PNG frames
  (``LEGPAIN_VECTOR=0``), once vector frames (drawing instructions, :mod:`legpain.ui.vector`).

Prints, per demo and way, the median and 90th percentile in ms, the ratio of the medians, and how many kept
backgrounds the live demo holds at the end. No browser: see ``benchmarks/browser.py`` for input-to-paint times.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("MPLBACKEND", "agg")


def _demos():
    from legpain.topics import allocation, stats, trial_results

    return {
        "04.0 running imbalance": (allocation.running_imbalance_figure, lambda r: dict(
            n_patients=r.randrange(20, 401, 4), p=r.choice([0.5, 0.6, 0.7, 0.8, 0.9, 1.0]), seed=r.randint(1, 50))),
        "04.1 comparison": (allocation.comparison_figure, lambda r: dict(
            n_patients=r.randrange(20, 401, 4), n_factors=r.randint(1, 8), p=r.choice([0.5, 0.6, 0.8, 0.9, 1.0]))),
        "05.0 CI dance": (stats.ci_dance_figure, lambda r: dict(
            n_per_group=r.randrange(10, 301, 2), true_effect=r.randint(0, 25), sd=r.randint(10, 50),
            seed=r.randint(1, 50))),
        "05.1 power": (stats.power_figure, lambda r: dict(
            n_per_group=r.randrange(10, 401, 2), true_effect=r.randint(0, 30), sd=r.randint(10, 50),
            trial_number=r.randint(1, 50))),
        "06.0 missing data": (trial_results.missing_data_figure, lambda r: dict(
            missing_smt_hea=r.randint(-50, 100), missing_hea=r.randint(-50, 100))),
    }


def _live(func):
    import threading

    from legpain.ui.demos import _LiveDemo

    live = _LiveDemo.__new__(_LiveDemo)  # the kernel side alone, without widgets
    live.lock, live.fig, live.base, live.backgrounds = threading.RLock(), None, None, {}
    live.func, live.fig_height = func, 520
    live.vector, live.recorder, live.axis_ops = True, None, {}
    return live


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=60, help="random settings per demo (default 60)")
    args = ap.parse_args()
    import matplotlib.pyplot as plt

    from legpain.ui.demos import figure_png

    load = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores, load {load[0]:.2f}; {args.n} random settings per demo (seed 1)")
    print(f"{'demo':24s} {'interact ms':>16s} {'live, PNG ms':>16s} {'live, vector ms':>16s} {'ratio':>6s} "
          f"{'KB sent':>8s}")
    for name, (func, draw) in _demos().items():
        r = random.Random(1)
        settings = [draw(r) for _ in range(args.n + 1)]
        fresh = []
        for values in settings:
            t = time.perf_counter()
            fig = func(**values)
            figure_png(fig)
            fresh.append(1000 * (time.perf_counter() - t))
            plt.close(fig)
        kept, size = {}, {}
        for kind in ("png", "vector"):
            os.environ["LEGPAIN_VECTOR"] = "1" if kind == "vector" else "0"
            live = _live(func)
            kept[kind], size[kind] = [], []
            for values in settings:
                t = time.perf_counter()
                frame = live.frame_for(values)
                kept[kind].append(1000 * (time.perf_counter() - t))
                assert frame["kind"] == kind, frame["kind"]
                size[kind].append(len(frame.get("png", b"")) + len(json.dumps(frame.get("ops", []))))
            kept[kind] = kept[kind][1:]  # the first: imports and first layout
        os.environ.pop("LEGPAIN_VECTOR")
        fresh = fresh[1:]
        q = statistics.quantiles
        print(f"{name:24s} {statistics.median(fresh):7.0f} / {q(fresh, n=10)[-1]:6.0f} "
              f"{statistics.median(kept['png']):7.0f} / {q(kept['png'], n=10)[-1]:6.0f} "
              f"{statistics.median(kept['vector']):7.0f} / {q(kept['vector'], n=10)[-1]:6.0f} "
              f"{statistics.median(fresh) / statistics.median(kept['vector']):5.1f}x "
              f"{statistics.median(size['png']) / 1000:4.0f}/{statistics.median(size['vector']) / 1000:3.0f}")
    print("(median / 90th percentile; interact: a new figure and its PNG each time; live: legpain.ui.demos, PNG "
          "frames (LEGPAIN_VECTOR=0) and vector frames; ratio: interact / vector; KB sent: a PNG frame / a vector "
          "frame's instructions, medians)")


if __name__ == "__main__":
    main()
