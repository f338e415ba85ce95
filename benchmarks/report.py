"""How long the grading report takes for a large class (a benchmark that prints figures, not a timed test).

Builds N graded outcomes of an exercise set from plain-data answers (a mix of right answers, the bank's own wrong
variants and blanks, judged by the same code as the grader), then times what a grading run does after the
submissions have run: the item analysis (:mod:`legpain.grading.item_analysis`), its answer bars, and the whole writing step
(gradebook CSVs, one feedback page per student, report.html, items.csv).

    python benchmarks/report.py --n 1000 --set 02-nerve-roots-and-leg-pain
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _answers_for(q, rng):
    """A right or a wrong answer for question ``q``, as a student's kernel would hand it to capture()."""
    from legpain.checking.questions import Function

    if q.manual:
        return rng.choice([..., "the author, the date and who paid for the page"])
    if isinstance(q, Function):
        pool = list(q.right) + list(q.wrong)
        if not pool:
            return ...
        src = rng.choice(pool)
        ns: dict = {}
        exec(src, ns)  # noqa: S102 - the bank's own declared variants
        return ns[q.name]
    pool = list(q.right) * 2 + list(q.wrong) + [...]
    return rng.choice(pool) if pool else ...


def build(slug: str, n: int, seed: int = 1):
    from legpain.checking import bank
    from legpain.authoring.assign import hidden_cases_for
    from legpain.grading import Outcome
    from legpain.grading.intake import Item
    from legpain.checking.scoring import judge_set

    rng = random.Random(seed)
    a = bank.assignment(slug)
    hidden = hidden_cases_for(slug)
    outcomes = []
    for i in range(n):
        captured = {}
        for q in a.exercises:
            captured[q.qid] = q.capture(_answers_for(q, rng), [c.args for c in hidden.get(q.qid, ())])
        o = Outcome(Item(f"student{i:04d}", Path(f"student{i:04d}.ipynb"), f"student{i:04d}.ipynb"))
        o.captured = captured
        o.full = judge_set(slug, captured, hidden, public=False)
        o.public = judge_set(slug, captured, public=True)
        outcomes.append(o)
    return a, hidden, outcomes


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--set", default="02-nerve-roots-and-leg-pain")
    args = ap.parse_args(argv)
    from legpain.grading import Summary
    from legpain.grading.item_analysis import analyse
    from legpain.grading.pages import answer_bars
    from legpain.grading.gradebook import write_all

    t0 = time.perf_counter()
    a, hidden, outcomes = build(args.set, args.n)
    t_build = time.perf_counter() - t0
    print(f"{args.n} synthetic graded submissions of {a.slug} ({len(a.exercises)} questions) built and judged in "
          f"{t_build:.2f} s (not part of the report)")
    # a grading run warms the plotting library in the background while submissions run: do the same here
    from legpain.ui.figures import new_figure

    t = time.perf_counter()
    new_figure(alt="warm-up")[0].png()
    print(f"warm-up of matplotlib (off the critical path in a grading run): {time.perf_counter() - t:.2f} s")
    t = time.perf_counter()
    stats = analyse(a, outcomes, hidden)
    t_items = time.perf_counter() - t
    t = time.perf_counter()
    answer_bars(stats)
    t_bars = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        (out / "feedback").mkdir()
        summary = Summary(a.slug, outcomes, 0.0, out)
        t = time.perf_counter()
        write_all(summary, a, hidden)
        t_write = time.perf_counter() - t
        size = (out / "report.html").stat().st_size
    print(f"item analysis:            {t_items:6.3f} s")
    print(f"answer bars (matplotlib): {t_bars:6.3f} s  ({len(stats)} questions)")
    print(f"whole writing step:       {t_write:6.3f} s  (gradebook, {args.n} feedback pages, report.html of "
          f"{size / 1e3:.0f} kB, items.csv)")
    print(f"report part (analysis + bars): {t_items + t_bars:.3f} s = {1000 * (t_items + t_bars) / args.n:.2f} ms per "
          f"submission; goal: under 1 s for 1,000 submissions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
