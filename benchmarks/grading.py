"""Benchmark: grade N synthetic submissions of exercise set 00 with this course's grader, and (with --nbgrader)
with nbgrader autograde on equivalent submissions, in the same run; print seconds per submission and the ratio.

    python benchmarks/grading.py --n 100 --nbgrader              # sandbox on (the default), and nbgrader
    python benchmarks/grading.py --n 100 --nbgrader --sandbox both   # ours with and without the sandbox
    python benchmarks/grading.py --n 1000 --set 05-results-and-what-they-mean --figures  # heavier: figures, widgets

The submissions of set 00 are a mix: 70% right, 15% wrong, 14% blank, and one whose answer cell loops forever. Both
graders get the same per-cell time limit (--timeout). nbgrader runs in its own virtual environment (made once, in
~/.cache/legpain-bench, with `pip install nbgrader==0.9.6`). Its notebook holds the same three auto-graded
questions as plain asserts (public and hidden), without this course's package: the comparison spares nbgrader the
package import our submissions pay. The ratio line names the workers on each side and whether both graders gave
every submission the same total. For another set (--set), the submissions are copies of its solution notebook
(right) and of its student copy (blank), and nbgrader is not run. A figure, never a pass/fail test.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "grading"))

from make_fixtures import RIGHT, exercise, fill  # noqa: E402

from legpain.common import notebooks  # noqa: E402
from legpain.common.layout import set_files  # noqa: E402

# wrong everywhere (no partial credit on either side, so that both graders' totals can be compared)
WRONG = {"q0_1": "n_enrolled = 191", "q0_2": 'ai_summary = "a"', "q0_3": "    return baseline + follow_up"}
LOOP = {"q0_3": RIGHT["q0_3"] + "\n\n\nwhile True:\n    pass"}


def kinds(n: int) -> list[str]:
    out = []
    for i in range(n):
        if i == n // 2:
            out.append("loop")
        elif i % 20 < 14:
            out.append("right")
        elif i % 20 < 17:
            out.append("wrong")
        else:
            out.append("blank")
    return out


# what a student exploring the set adds (no exercise set draws figures or builds widgets itself): a histogram,
# an interact() and a slider
FIGURES = ("import matplotlib.pyplot as plt\nimport numpy as np\nimport ipywidgets as w\n"
           "fig, ax = plt.subplots(figsize=(5, 3))\n"
           "ax.hist(np.random.default_rng(0).normal(size=500), bins=30)\nplt.show()\n"
           "w.interact(lambda n=10: plt.plot(range(n)), n=(1, 50))\nw.IntSlider(value=3)")


def _with_figures(text: str) -> str:
    nb = json.loads(text)
    nb["cells"].append({"cell_type": "code", "execution_count": None, "id": "bench-figures", "metadata": {},
                        "outputs": [], "source": FIGURES})
    return json.dumps(nb)


def make_ours(folder: Path, plan: list[str], slug: str = "00-start-here", figures: bool = False) -> None:
    folder.mkdir(parents=True)
    if slug != "00-start-here":
        files = set_files(slug, ROOT)
        texts = {"right": files.solution.read_text(encoding="utf-8"),
                 "blank": files.exercise.read_text(encoding="utf-8")}
        if figures:
            texts = {k: _with_figures(v) for k, v in texts.items()}
        for i, kind in enumerate(plan):
            (folder / f"s{i:04d}.ipynb").write_text(texts["right" if kind in ("right", "loop") else "blank"],
                                                    encoding="utf-8")
        return
    for i, kind in enumerate(plan):
        answers = {"right": RIGHT, "wrong": WRONG, "blank": {}, "loop": dict(RIGHT, **LOOP)}[kind]
        (folder / f"s{i:04d}.ipynb").write_text(notebooks.dumps(fill(answers)), encoding="utf-8")


# ---- nbgrader --------------------------------------------------------------------------------------------------
NBG_SOLUTIONS = {
    "a1": "### BEGIN SOLUTION\nn_enrolled = 192\n### END SOLUTION",
    "a2": '### BEGIN SOLUTION\nai_summary = "d"\n### END SOLUTION',
    "a3": "def percent_improvement(baseline, follow_up):\n    ### BEGIN SOLUTION\n"
          "    return 100 * (baseline - follow_up) / baseline\n    ### END SOLUTION",
}
NBG_TESTS = {
    "t1": ("assert n_enrolled == 192", 1),
    "t2": ('assert ai_summary.strip().lower() == "d"', 1),
    "t3": ("assert abs(percent_improvement(8, 6) - 25) < 1e-6\nassert abs(percent_improvement(5, 5)) < 1e-6\n"
           "assert abs(percent_improvement(4, 6) + 50) < 1e-6\n### BEGIN HIDDEN TESTS\n"
           "assert abs(percent_improvement(10, 0) - 100) < 1e-6\nassert abs(percent_improvement(6, 3) - 50) < 1e-6\n"
           "### END HIDDEN TESTS", 2),
}
NBG_ANSWERS = {
    "right": {"a1": "n_enrolled = 192", "a2": 'ai_summary = "d"', "a3": "return 100 * (baseline - follow_up) / baseline"},
    "wrong": {"a1": "n_enrolled = 191", "a2": 'ai_summary = "a"', "a3": "return baseline + follow_up"},
    "blank": {},
    "loop": {"a1": "n_enrolled = 192", "a2": 'ai_summary = "d"',
             "a3": "return 100 * (baseline - follow_up) / baseline\n\n\nwhile True:\n    pass"},
}


def nbgrader_source():
    import nbformat
    from nbformat import v4

    nb = v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    for i, (aid, tid) in enumerate(zip(NBG_SOLUTIONS, NBG_TESTS)):
        sol = v4.new_code_cell(NBG_SOLUTIONS[aid])
        sol.metadata["nbgrader"] = {"solution": True, "grade": False, "locked": False, "grade_id": aid,
                                    "schema_version": 3}
        src, pts = NBG_TESTS[tid]
        test = v4.new_code_cell(src)
        test.metadata["nbgrader"] = {"solution": False, "grade": True, "locked": True, "grade_id": tid,
                                     "points": pts, "schema_version": 3}
        nb.cells += [v4.new_markdown_cell(f"Question {i + 1}"), sol, test]
    return nbformat.writes(nb)


def nbgrader_fill(release_text: str, kind: str) -> str:
    nb = json.loads(release_text)
    answers = NBG_ANSWERS[kind]
    for cell in nb["cells"]:
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if gid in answers:
            src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            indent = "    " if src.startswith("def ") else ""
            body = answers[gid].replace("\n", "\n" + indent) if indent else answers[gid]
            src = src.replace(f"{indent}# YOUR CODE HERE\n{indent}raise NotImplementedError()", indent + body)
            cell["source"] = src
    return json.dumps(nb)


def ensure_nbgrader_venv(path: Path) -> Path:
    exe = path / "bin" / "nbgrader"
    if not exe.exists():
        print(f"making a virtual environment for nbgrader in {path} (once) ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
        subprocess.run([str(path / "bin" / "pip"), "install", "-q", "nbgrader==0.9.6"], check=True)
    return exe


def run_nbgrader(work: Path, plan: list[str], timeout: float, venv: Path) -> float:
    exe = ensure_nbgrader_venv(venv)
    course = work / "nbg"
    (course / "source" / "ps00").mkdir(parents=True)
    (course / "source" / "ps00" / "ps00.ipynb").write_text(nbgrader_source(), encoding="utf-8")
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\nc.CourseDirectory.course_id = 'bench'\n"
        f"c.ExecutePreprocessor.timeout = {int(timeout)}\n", encoding="utf-8")
    env = dict(os.environ, PATH=f"{venv / 'bin'}:{os.environ['PATH']}")
    env.pop("LEGPAIN_HEADLESS", None)
    run = lambda *a: subprocess.run([str(exe), *a], cwd=course, env=env, capture_output=True, text=True)  # noqa
    r = run("generate_assignment", "ps00", "--force")
    if r.returncode:
        raise SystemExit("nbgrader generate_assignment failed:\n" + r.stderr[-2000:])
    release = (course / "release" / "ps00" / "ps00.ipynb").read_text(encoding="utf-8")
    for i, kind in enumerate(plan):
        d = course / "submitted" / f"s{i:04d}" / "ps00"
        d.mkdir(parents=True)
        (d / "ps00.ipynb").write_text(nbgrader_fill(release, kind), encoding="utf-8")
    t = time.perf_counter()
    r = run("autograde", "ps00", "--force", "--create")
    seconds = time.perf_counter() - t
    if r.returncode:
        print("nbgrader autograde exited with", r.returncode, r.stderr[-1500:], file=sys.stderr)
    graded = len(list((course / "autograded").glob("*/ps00/ps00.ipynb")))
    print(f"nbgrader autograded {graded} of {len(plan)} submissions")
    totals = {}
    r = run("export", "--to", str(course / "nbgrader-grades.csv"))
    if r.returncode == 0 and (course / "nbgrader-grades.csv").exists():
        import csv

        with open(course / "nbgrader-grades.csv", newline="", encoding="utf-8") as fh:
            totals = {row["student_id"]: float(row["score"] or 0) for row in csv.DictReader(fh)}
    else:
        print("nbgrader export failed:", r.stderr[-500:], file=sys.stderr)
    return seconds, totals


def run_ours(work: Path, plan: list[str], args, slug: str, sandbox: bool):
    from legpain.grading import grade

    tag = "on" if sandbox else "off"
    t = time.perf_counter()
    summary = grade(work / "subs", slug, work / f"out-{tag}", workers=args.workers, timeout=args.timeout,
                    progress=False, unsafe=not sandbox, sandbox=sandbox)
    seconds = time.perf_counter() - t
    child = [o.seconds for o in summary.outcomes if o.graded]
    normal = sorted(child)[: max(1, len(child) - (1 if "loop" in plan else 0))]
    print(f"legpain grade, sandbox {tag}: {seconds:.2f} s in all, {seconds / len(plan):.3f} s per submission "
          f"({summary.graded} graded, workers={args.workers or os.cpu_count()})")
    print(f"  where the time goes: start of the pre-warmed processes (imports{', in bubblewrap' if sandbox else ''})"
          f" {summary.startup:.2f} s per worker; one submission in its "
          f"{'own namespaces (cloned)' if sandbox else 'forked process'}, median "
          f"{statistics.median(normal) * 1000:.0f} ms, 90th percentile "
          f"{statistics.quantiles(normal, n=10)[-1] * 1000 if len(normal) > 1 else normal[0] * 1000:.0f} ms "
          f"(max {max(child):.2f} s; judging is inside it); writing gradebook, feedback and report "
          f"{summary.write_seconds:.2f} s")
    totals = {o.item.student: o.full.score for o in summary.outcomes if o.graded}
    return seconds, statistics.median(normal), totals


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100, help="number of submissions (default 100)")
    ap.add_argument("--timeout", type=float, default=10, help="per-cell time limit for both graders (s)")
    ap.add_argument("--workers", type=int, default=None, help="workers of this grader (default: the cores)")
    ap.add_argument("--set", default="00-start-here", help="exercise set (default 00; nbgrader only runs for 00)")
    ap.add_argument("--sandbox", choices=["on", "off", "both"], default="on",
                    help="grade with the sandbox (default), without it, or both ways")
    ap.add_argument("--figures", action="store_true",
                    help="with --set: add to every submission a cell that draws a figure and builds widgets")
    ap.add_argument("--nbgrader", action="store_true", help="also run nbgrader autograde on the same work")
    ap.add_argument("--venv", type=Path, default=Path.home() / ".cache" / "legpain-bench" / "nbgrader-0.9.6")
    args = ap.parse_args()

    from legpain.checking import bank

    slug = bank.assignment(args.set).slug
    plan = kinds(args.n)
    work = Path(tempfile.mkdtemp(prefix="legpain-bench-"))
    try:
        make_ours(work / "subs", plan, slug, args.figures)
        if slug == "00-start-here":
            print(f"machine: {os.cpu_count()} cores; {args.n} submissions of {slug} ({plan.count('right')} right, "
                  f"{plan.count('wrong')} wrong, {plan.count('blank')} blank, 1 endless loop); per-cell limit "
                  f"{args.timeout:g} s")
        else:
            print(f"machine: {os.cpu_count()} cores; {args.n} submissions of {slug} (copies of its solution and "
                  f"of its student copy{', each with a cell that draws a figure and builds widgets' if args.figures else ''}"
                  f"); per-cell limit {args.timeout:g} s")
        ours = {}
        for sandbox in {"on": [True], "off": [False], "both": [True, False]}[args.sandbox]:
            ours[sandbox] = run_ours(work, plan, args, slug, sandbox)
        if True in ours and False in ours:
            extra = (ours[True][1] - ours[False][1]) * 1000
            print(f"sandbox cost: {ours[True][0] - ours[False][0]:+.2f} s in all; {extra:+.0f} ms per submission "
                  "(median, sandbox on minus off)")
        if args.nbgrader and slug == "00-start-here":
            nbg, nbg_totals = run_nbgrader(work, plan, args.timeout, args.venv)
            print(f"nbgrader 0.9.6 autograde: {nbg:.2f} s in all, {nbg / args.n:.3f} s per submission (serial: "
                  "1 worker, as nbgrader runs)")
            workers = args.workers or os.cpu_count()
            for sandbox, (seconds, _, totals) in ours.items():
                same = [s for s in totals if s in nbg_totals and abs(totals[s] - nbg_totals[s]) < 1e-6]
                differ = sorted(s for s in totals if s in nbg_totals and s not in same)
                missing = len(plan) - len(same) - len(differ)
                print(f"ratio (sandbox {'on' if sandbox else 'off'}): legpain grade with {workers} workers is "
                      f"{nbg / seconds:.1f}x faster than nbgrader autograde with 1 worker on the same {args.n} "
                      f"submissions ({nbg / seconds / workers:.1f}x per worker); same total on {len(same)} of "
                      f"{len(plan)} submissions" + (f", different on {', '.join(differ[:5])}"
                                                    f"{' ...' if len(differ) > 5 else ''}" if differ else "")
                      + (f", {missing} without a total on one side" if missing else ""))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
