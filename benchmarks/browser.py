"""Benchmark: input-to-paint latency of every demo, in JupyterLab in headless Chromium. Prints figures; never fails.

    python benchmarks/browser.py                 # every lesson, 5 inputs per demo
    python benchmarks/browser.py --lessons 00 04 --repeat 9
    python benchmarks/browser.py --compare       # also with drawing ahead off (every picture from the kernel)
    python benchmarks/browser.py --before DIR    # the kernels import the package from DIR (an older copy)

For each lesson: open it alone in JupyterLab (1300x900 window), Run All, then drive every demo with real input —
an arrow key on its first control (slider handle or focused menu), in the direction that changes the value, each
time to a new value — and time from the input event (its ``timeStamp`` in the page) to the paint that shows the
demo's new picture or text: the change is looked for at every animation frame; a picture already loaded when the
change is seen is painted in that frame (timed when the frame is done: a zero timeout queued in it), one still
loading is decoded first and painted in the next frame. Prints the median per demo and the worst
median. Goal: <= 50 ms per demo. Then, for a demo with a slider, drag its first handle with the mouse across a third
of its track for about a second, and time how far the picture lags the slider's value on the way (continuous while
dragging).

With ``--compare`` the same lessons run a second time, in the same run, with ``LEGPAIN_DRAW_AHEAD=0``: the kernel
then draws only what is asked for and every picture makes the round trip to the kernel — what a demo built on
``ipywidgets.interact`` does — and each demo's two medians are printed side by side with their ratio.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import lab_driver as L  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lessons", nargs="*", help="lesson numbers (default: all)")
    ap.add_argument("--repeat", type=int, default=5, help="inputs per demo (default 5)")
    ap.add_argument("--pause", type=float, default=0.4, help="seconds between inputs")
    ap.add_argument("--before", help="directory holding another copy of the legpain package for the kernels")
    ap.add_argument("--menus", choices=["key", "select"], default="key",
                    help="move menus with an arrow key (default) or by choosing the next option (for older demos "
                         "whose menus lose arrow keys to JupyterLab)")
    ap.add_argument("--no-drag", dest="drag", action="store_false",
                    help="skip the drag (each demo's first slider dragged with the mouse for about 1 s)")
    ap.add_argument("--compare", action="store_true",
                    help="run again with drawing ahead off (every picture from the kernel) and print the ratio")
    args = ap.parse_args()
    if L.missing():
        raise SystemExit("needs " + " and ".join(L.missing()))
    lessons = sorted(p.name for p in (L.ROOT / "lessons").glob("[0-9][0-9]-*.ipynb"))
    if args.lessons:
        lessons = [n for n in lessons if n[:2] in args.lessons]
    extra = {"PYTHONPATH": str(Path(args.before).resolve())} if args.before else {}
    import os
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}; {args.repeat} inputs per demo; "
          f"package: {args.before or 'this checkout'}; menus moved by {args.menus}")
    modes = [("browser store", {})]
    if args.compare:
        modes.append(("kernel only", {"LEGPAIN_DRAW_AHEAD": "0"}))
    results = {}
    for mode, env in modes:
        print(f"-- {mode}", flush=True)
        results[mode] = run(lessons, args, {**extra, **env})
    rows = results[modes[0][0]]
    measured = [r for r in rows if r[2] is not None]
    if measured:
        worst = max(measured, key=lambda r: r[2])
        over = [r for r in measured if r[2] > 50]
        print(f"worst median: {worst[2]:.1f} ms ({worst[0]} {worst[1]}); {len(over)} of {len(rows)} demos above "
              f"the 50 ms goal; {len(rows) - len(measured)} did not change on input")
    drags = [r for r in rows if r[5] and r[5]["positions"]]
    if drags:
        worst = max(drags, key=lambda r: r[5]["lag_median"])
        print(f"dragging a slider ({len(drags)} demos): the picture followed the slider by a median of "
              f"{statistics.median(r[5]['lag_median'] for r in drags):.0f} ms per demo (worst demo {worst[0]} "
              f"{worst[1][:40]}: {worst[5]['lag_median']:.0f} ms); longest single wait "
              f"{max(r[5]['lag_max'] for r in drags):.0f} ms")
    if args.compare:
        other = {(r[0], r[1]): r[2] for r in results["kernel only"]}
        ratios = []
        print(f"{'':3s} {'demo':60s} {'store':>8s} {'kernel':>8s} {'ratio':>6s}")
        for lesson, title, med, _n, _t, _d in rows:
            k = other.get((lesson, title))
            ratio = k / med if med and k else None
            if ratio:
                ratios.append(ratio)
            print(f"{lesson:3s} {title[:60]:60s} {med or float('nan'):8.1f} {k or float('nan'):8.1f} "
                  f"{ratio or float('nan'):6.1f}x")
        if ratios:
            print(f"median ratio (kernel-only / browser store): {statistics.median(ratios):.1f}x over {len(ratios)} "
                  f"demos")


def run(lessons, args, env) -> list[tuple]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = L.copy_course(Path(tmp) / "course")
        home = Path(tmp) / "home"
        with L.jupyterlab(root, home, env) as lab, L.chromium_page() as page:
            for name in lessons:
                t0 = time.monotonic()
                L.open_notebook(page, lab, f"lessons/{name}")
                L.run_all(page)
                time.sleep(1.0)
                for k, demo in enumerate(L.demos(page), 1):
                    title = L.demo_title(demo) or f"demo {k}"
                    times = []
                    for _ in range(args.repeat):
                        ms = L.timed_input(page, demo, menus=args.menus)
                        times.append(ms)
                        time.sleep(args.pause)
                    ok = [t for t in times if t is not None]
                    med = statistics.median(ok) if ok else None
                    dragged = L.drag(page, demo) if args.drag else None
                    rows.append((name[:2], title, med, len(ok), times, dragged))
                    shown = f"{med:7.1f} ms" if med is not None else "   no change"
                    print(f"  {name[:2]} {title[:70]:70s} median {shown}  "
                          f"(of {len(ok)}/{args.repeat}: {', '.join('-' if t is None else f'{t:.0f}' for t in times)})",
                          flush=True)
                    if dragged and dragged["positions"]:
                        print(f"  {'':2s} {'':70s} drag: {dragged['positions']} positions, {dragged['pictures']} "
                              f"pictures; picture behind the slider by median {dragged['lag_median']:.0f} ms, "
                              f"at most {dragged['lag_max']:.0f} ms", flush=True)
                print(f"  {name[:2]} ({time.monotonic() - t0:.0f} s for the lesson)", flush=True)
    return rows


if __name__ == "__main__":
    main()
