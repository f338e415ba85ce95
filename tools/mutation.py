"""Mutation testing of the course's core with mutmut: do the tests fail when the code is subtly wrong?

mutmut (pinned in tools/requirements-mutation.txt) makes small changes to the code ("mutants": ``<`` for ``<=``,
``and`` for ``or``, a changed constant, a removed call), runs the unit tests that cover each one, and counts the
mutants the tests "kill". A surviving mutant is either a gap in the tests or an *equivalent* mutant (a change that
cannot alter behaviour); equivalent ones are listed, each with the reason, in tools/mutation-equivalent.txt and are
left out of the score.

The run happens in a throw-away copy of the repository (never in the working tree), so it is safe to run while
you work. It is slow (minutes per module on two cores), so it is a script, not part of CI:

    python tools/mutation.py                      # every core module, the default unit tests
    python tools/mutation.py --modules legpain/checking/questions.py --show 20

It prints the score per module and overall, the goal (90% of mutants killed), and the surviving mutants with their
diffs (``--show N``: the first N diffs). Drawing code (figure functions, listed in NOT_MUTATED) is not mutated.
The unit tests written against survivors are the tests/test_mutation_*.py files and tests/test_{intake,report,
runner}_units.py. On two busy cores a group of two or three modules takes 15 to 30 minutes: mutate a few at a time
(``--modules``) with the tests that cover them (``--tests``).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PIN = ROOT / "tools" / "requirements-mutation.txt"
EQUIVALENT = ROOT / "tools" / "mutation-equivalent.txt"

CORE = [
    "legpain/checking/questions.py",  # question kinds and comparison
    "legpain/checking/answers.py",  # answer capture as plain data
    "legpain/checking/student.py",  # check(), collect_answers
    "legpain/checking/scoring.py",
    "legpain/authoring/assign.py",  # the exercise generator
    "legpain/grading/intake.py",  # grading intake
    "legpain/grading/item_analysis.py",  # item analysis
    "legpain/grading/gradebook.py",
    "legpain/grading/runner.py",  # the grader's side of a zygote
    "legpain/topics/stats.py",  # statistics
    "legpain/topics/allocation.py",  # allocation by minimization
]
# fast unit tests (the slow end-to-end grading and notebook runs are left to CI)
TESTS = [
    "tests/test_questions.py", "tests/test_answers.py", "tests/test_checks.py", "tests/test_variants.py",
    "tests/test_items.py", "tests/test_assign.py", "tests/test_stats.py", "tests/test_allocation.py",
    # written against the survivors of this tool (fast: a few seconds in all)
    "tests/test_mutation_questions.py", "tests/test_mutation_answers.py", "tests/test_mutation_checks.py",
    "tests/test_mutation_scoring.py", "tests/test_mutation_items.py", "tests/test_mutation_stats.py",
    "tests/test_mutation_allocation.py", "tests/test_mutation_assign.py", "tests/test_intake_units.py",
    "tests/test_report_units.py", "tests/test_runner_units.py",
]
# Drawing code is not mutated: a changed colour, font size or axis limit is not a wrong result, and the figures are
# checked by their own tests (alt text, labels, palette: legpain.ui.figures.accessibility_problems) and by looking at
# them. Listed per module; the run prints the list so the scope stays visible.
NOT_MUTATED = {
    "legpain/topics/stats.py": ["ci_dance_figure", "power_figure", "multiplicity_figure"],
    "legpain/topics/allocation.py": ["time_methods", "_colour", "_boxes", "comparison_figure", "running_imbalance_figure",
                              "_running_alt", "tradeoff_figure"],
    "legpain/grading/gradebook.py": ["_histogram"],
}
GOAL = 0.90
# "segfault" and "suspicious" (mutmut's name for any other exit, e.g. a test process ended by a signal): the test
# run crashed with the mutant, so the tests did not pass
KILLED = {"killed", "timeout", "segfault", "suspicious"}
IGNORED = {"skipped"}


def _ensure_mutmut() -> None:
    try:
        import mutmut  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "-r", str(PIN)], check=True)


def _copy_repo(dest: Path) -> None:
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           check=True, capture_output=True).stdout.decode().split("\0")
    for rel in filter(None, files):
        src = ROOT / rel
        if src.is_file() and not src.is_symlink():
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)


def _mark_not_mutated(copy_root: Path, modules: list[str]) -> list[str]:
    """Put mutmut's ``# pragma: no mutate block`` on the header line of each function in NOT_MUTATED (in the copy)."""
    import ast

    marked = []
    for mod in modules:
        names = set(NOT_MUTATED.get(mod, ()))
        path = copy_root / mod
        if not names or not path.exists():
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for node in ast.walk(ast.parse("\n".join(lines))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in names:
                header = max(i for i in range(node.lineno - 1, node.body[0].lineno - 1)
                             if lines[i].split("#")[0].rstrip().endswith(":"))
                lines[header] = lines[header].split("  #")[0] + "  # pragma: no mutate block"
                marked.append(f"{mod}:{node.name}")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return marked


_FUNCS: dict[str, dict[str, list[str]]] = {}


def _diff(copy_root: Path, name: str) -> str:
    """The lines a mutant changes, read from mutmut's mutants/ copy of the module (``mutmut show`` starts a new
    process per mutant, seconds each on a busy machine)."""
    import ast
    import difflib

    m = re.match(r"(.*?)\.(x[ǁ_].*)__mutmut_(\d+)$", name)
    if not m:
        return "(no diff)"
    mod, fn, n = m.groups()
    if mod not in _FUNCS:
        src = (copy_root / "mutants" / (mod.replace(".", "/") + ".py")).read_text(encoding="utf-8")
        lines = src.splitlines()
        _FUNCS[mod] = {node.name: lines[node.lineno - 1:node.end_lineno] for node in ast.walk(ast.parse(src))
                       if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
    orig, mutant = _FUNCS[mod].get(f"{fn}__mutmut_orig"), _FUNCS[mod].get(f"{fn}__mutmut_{n}")
    if orig is None or mutant is None:
        return "(no diff)"
    out = []
    if orig[0] != mutant[0].replace(f"__mutmut_{n}", "__mutmut_orig"):
        out += ["- " + orig[0].strip(), "+ " + mutant[0].strip()]
    out += [f"{d[0]} {d[1:].strip()}" for d in difflib.unified_diff(orig[1:], mutant[1:], lineterm="", n=0)
            if d[:1] in "+-" and not d.startswith(("+++", "---"))]
    return "\n".join(out)


def _equivalent() -> dict[str, str]:
    """{mutant name: why it is equivalent} from tools/mutation-equivalent.txt (``name  # reason`` per line)."""
    out = {}
    if EQUIVALENT.exists():
        for line in EQUIVALENT.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                name, _, why = line.partition("#")
                out[name.strip()] = why.strip()
    return out


def _module_of(name: str) -> str:
    # legpain.grading.item_analysis.x_analyse__mutmut_3 -> legpain/grading/item_analysis.py
    mod = re.sub(r"\.x[ǁ_].*$", "", name)
    return mod.replace(".", "/") + ".py"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Mutation testing of the course's core (mutmut).")
    ap.add_argument("--modules", nargs="*", default=CORE, help="files to mutate (default: the core)")
    ap.add_argument("--tests", nargs="*", default=TESTS, help="test files mutmut may run")
    ap.add_argument("--show", type=int, default=10, help="print the diffs of the first N survivors")
    ap.add_argument("--regenerate", action="store_true",
                    help="regenerate exercises/ in the copy first (when solutions/ changed and exercises/ is stale)")
    ap.add_argument("--keep", action="store_true", help="keep the throw-away copy (its path is printed)")
    args = ap.parse_args(argv)
    _ensure_mutmut()
    tmp = Path(tempfile.mkdtemp(prefix="legpain-mutation-"))
    started = time.monotonic()
    try:
        _copy_repo(tmp)
        tests = [t for t in args.tests if (tmp / t).exists()]
        also = [p for p in ("solutions/", "lessons/", "exercises/", "sources/", "docs/", "conftest.py", "README.md",
                            "requirements.txt", "benchmarks/") if (tmp / p).exists()]
        quoted = lambda xs: "[" + ", ".join(f'"{x}"' for x in xs) + "]"  # noqa: E731
        with open(tmp / "pyproject.toml", "a", encoding="utf-8") as fh:
            fh.write("\n[tool.mutmut]\n"
                     'source_paths = ["legpain/"]\n'
                     f"only_mutate = {quoted(args.modules)}\n"
                     f"pytest_add_cli_args_test_selection = {quoted(tests)}\n"
                     'pytest_add_cli_args = ["-p", "no:nbval", "-o", "addopts=", "-q"]\n'
                     f"also_copy = {quoted(also)}\n")
        skipped_code = _mark_not_mutated(tmp, args.modules)
        if args.regenerate:
            subprocess.run([sys.executable, "-m", "legpain", "exercises"], cwd=tmp, capture_output=True)
        print(f"mutating {len(args.modules)} module(s) in a copy at {tmp}; tests: {', '.join(tests)}", flush=True)
        if skipped_code:
            print("not mutated (drawing code, see NOT_MUTATED): " + ", ".join(skipped_code), flush=True)
        run = subprocess.run([sys.executable, "-m", "mutmut", "run"], cwd=tmp, capture_output=True, text=True,
                             env={**__import__("os").environ, "LEGPAIN_HEADLESS": "1", "MPLBACKEND": "Agg"})
        res = subprocess.run([sys.executable, "-m", "mutmut", "results", "--all", "true"], cwd=tmp,
                             capture_output=True, text=True)
        log = (run.stdout + run.stderr).replace("\r", "\n")
        if "failed to collect stats" in log or "clean tests" in log and "failed" in log.split("clean tests")[-1][:200]:
            tail = [ln for ln in log.splitlines() if ln.startswith(("FAILED", "ERROR", "E "))][-15:]
            print("\n".join(tail))
            print("The selected tests fail on the unchanged code, so no mutant can be judged: make them pass first "
                  "(e.g. python -m legpain exercises if exercises/ is stale).")
            return 2
        if run.returncode not in (0, 1) and not res.stdout.strip():
            print(log[-3000:])
            print("mutmut did not run; see its output above.")
            return 2
        statuses = {}
        for line in res.stdout.splitlines():
            name, sep, status = line.strip().rpartition(": ")
            if sep and name:
                statuses[name] = status.strip()
        equivalent = _equivalent()
        per_module: dict[str, list[int]] = {}
        survivors = []
        for name, status in sorted(statuses.items()):
            if status in IGNORED:
                continue
            mod = _module_of(name)
            counts = per_module.setdefault(mod, [0, 0, 0])  # killed, counted, equivalent
            if name in equivalent:
                counts[2] += 1
                continue
            counts[1] += 1
            if status in KILLED:
                counts[0] += 1
            else:
                survivors.append((name, status))
        print(f"\nmutation score (killed or timed out / mutants, equivalent ones left out), in "
              f"{time.monotonic() - started:.0f} s:")
        total_k = total_n = 0
        for mod in sorted(per_module):
            k, n, eq = per_module[mod]
            total_k, total_n = total_k + k, total_n + n
            print(f"  {mod:34s} {k:5d} / {n:5d}  {100 * k / n if n else 100:5.1f}%"
                  + (f"  ({eq} equivalent)" if eq else ""))
        score = total_k / total_n if total_n else 1.0
        print(f"  {'all':34s} {total_k:5d} / {total_n:5d}  {100 * score:5.1f}%   goal: {100 * GOAL:.0f}%", flush=True)
        print(f"\n{len(survivors)} surviving mutants (status: survived = the tests passed with it; no tests = no "
              "selected test runs that code):")
        for name, status in survivors:
            print(f"  {name}: {status}")
        sys.stdout.flush()
        for name, _ in survivors[: args.show]:
            print(f"\n--- {name}\n{_diff(tmp, name)}", flush=True)
        if equivalent:
            print(f"\n{len(equivalent)} mutants listed as equivalent in {EQUIVALENT.relative_to(ROOT)}.")
        return 0 if score >= GOAL else 1
    finally:
        if args.keep:
            print(f"(kept {tmp})")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
