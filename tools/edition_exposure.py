"""How many graded points a student with no knowledge of the subject gets from a class edition (issue 23).

    python tools/edition_exposure.py [--graded 00,01,...,09] [--keep DIR]

1. Writes a class edition with the graded sets (default: all ten) into a temporary folder.
2. **Reading every file.** For each graded set, grades (with ``grade --edition``, in the sandbox) a notebook that
   takes whatever the edition offers: the bank's question objects and every attribute they have (an answer, accepted
   variants, feedback by elimination), every solution notebook or hidden test it can find next to the package, and
   every ``check("qN_M", value)`` or ``var = value`` written anywhere in the edition's files (lessons, exercises,
   docs, sources, package) for a graded question. What it finds it answers; the grader's points are measured.
3. **Trying every form ``check()`` accepts.** ``check()`` on a graded set answers every accepted form the same way
   ("recorded"), so trying forms tells nothing: the best a student with no knowledge can do is one blind guess per
   question. Its expected points are computed exactly from the instructor's bank: a single choice 1/n; a multiple
   choice the best of every fixed selection against a key drawn uniformly (with per-statement credit where the
   question gives it); a match 1/k per item, k the number of different values the key uses (a lower bound on the
   vocabulary, so an upper bound on the guess); a number or a function 0 (a guess within the tolerance, or a
   function that passes cases whose expected values it cannot see, is left out as negligible).

Prints, per set and in all, the auto-graded points, what reading the files earned, the expected points of blind
guessing, and their sum as a share of the auto-graded points (hand-graded text is left out: a person grades it).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from legpain.checking import bank  # noqa: E402
from legpain.checking.questions import Choice, Function, Match, MultiChoice, Number  # noqa: E402

READER = r'''
from legpain import *
import json, pathlib, re
import legpain
from legpain.checking import bank

SET = __SET__
answers = {}
for q in bank.assignment(SET).exercises:          # 1. the question objects, every attribute
    for attr in ("answer", "expected", "key"):
        v = getattr(q, attr, None)
        if v is not None and not callable(v):
            answers[q.qid] = v
    if q.qid not in answers and getattr(q, "right", ()):
        answers[q.qid] = q.right[0]
    fb = getattr(q, "feedback", None) or {}
    left = [o for o in getattr(q, "options", "") if o not in fb]
    if q.qid not in answers and fb and len(left) == 1:
        answers[q.qid] = left[0]
root = pathlib.Path(legpain.__file__).resolve().parent.parent
texts = {}
for p in root.rglob("*"):                          # 2. every file next to the package
    try:
        if p.is_file() and p.stat().st_size < 5_000_000:
            texts[str(p)] = p.read_text(errors="ignore")
    except OSError:
        pass
ns = {}
for name, text in texts.items():
    if "solutions" in name and name.endswith(".ipynb"):
        for cell in json.loads(text).get("cells", []):
            src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            if cell["cell_type"] == "code" and "BEGIN SOLUTION" in src:
                try:
                    exec(src.replace("check(", "(lambda *a: None)("), globals(), ns)
                except Exception:
                    pass
for q in bank.assignment(SET).exercises:          # 3. an answer written anywhere for this question
    pats = [r'check\(\s*["\']%s["\']\s*,\s*([^)\n]+)\)' % q.qid]
    if q.var:
        pats.append(r'\b%s\s*=\s*([^\n#]+)' % re.escape(q.var))
    for text in texts.values():
        for pat in pats:
            for m in re.finditer(pat, text):
                lit = m.group(1).strip().rstrip(",").replace('\\"', '"')
                if lit in ("...", q.var) or lit.startswith("..."):
                    continue
                try:
                    import ast
                    answers.setdefault(q.qid, ast.literal_eval(lit))
                except Exception:
                    pass
for q in bank.assignment(SET).exercises:
    value = ns.get(q.var, answers.get(q.qid))
    if isinstance(value, str) and value.lstrip().startswith("def "):
        scope = {}
        exec(value, scope)
        value = next(v for v in scope.values() if callable(v))
    if value is not None:
        globals()[q.var or "x"] = value
        check(q.qid, value)
print("READ", sorted(answers), len(texts))
'''


def blind_guess(q) -> float:
    """Expected points of the best blind guess (see the module docstring)."""
    if q.manual:
        return 0.0
    if isinstance(q, Choice):
        return q.points / len(q.options)
    if isinstance(q, MultiChoice):
        n, k = len(q.options), len(q.answer)
        keys = [set(c) for r in range(1, n + 1) for c in itertools.combinations(q.options, r)]
        if not q.parts:
            return q.points / len(keys)  # any fixed selection is the key with probability 1/(2^n - 1)
        best = 0.0
        for r in range(0, n + 1):
            for pick in itertools.combinations(q.options, r):
                pick = set(pick)
                if not pick:
                    continue
                credit = sum(max(0.0, (2 * sum((o in pick) == (o in key) for o in q.options) - n) / n)
                             for key in keys) / len(keys)
                best = max(best, credit)
        del k
        return q.points * best
    if isinstance(q, Match):
        values = {json.dumps(v, sort_keys=True) if not isinstance(v, str) else v.lower() for v in q.answer.values()}
        return q.points / max(1, len(values))
    if isinstance(q, (Number, Function)):
        return 0.0
    return 0.0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--graded", default=",".join(f"{n:02d}" for n in range(10)))
    ap.add_argument("--keep", help="write the edition here (a new folder) and keep it")
    args = ap.parse_args(argv)
    from legpain.grading import grade

    tmp = Path(tempfile.mkdtemp(prefix="legpain-exposure-"))
    edition = Path(args.keep) if args.keep else tmp / "edition"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    r = subprocess.run([sys.executable, "-m", "legpain", "release", "--out", str(edition), "--graded", args.graded,
                        "--salt", "exposure"], cwd=ROOT, env=env, capture_output=True, text=True)
    if r.returncode:
        print(r.stdout + r.stderr)
        return 2
    slugs = [bank.assignment(g).slug for g in args.graded.split(",")]
    rows, total = [], [0.0, 0.0, 0.0]
    for slug in slugs:
        a = bank.assignment(slug)
        auto = [q for q in a.exercises if not q.manual]
        subs = tmp / "subs" / slug
        subs.mkdir(parents=True)
        nb = {"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                         "source": READER.replace("__SET__", repr(slug))}],
              "metadata": {"legpain": {"assignment": slug}}, "nbformat": 4, "nbformat_minor": 5}
        (subs / "reader.ipynb").write_text(json.dumps(nb), encoding="utf-8")
        summary = grade(subs, slug, tmp / "out" / slug, workers=1, progress=False, root=ROOT, edition=edition)
        o = summary.outcomes[0]
        read = {r.qid: r.score for r in o.full.results if not r.manual} if o.graded else {}
        guess = sum(blind_guess(q) for q in auto if read.get(q.qid, 0) == 0)
        points = sum(q.points for q in auto)
        got = sum(read.values())
        rows.append((slug, points, got, guess, o.problem))
        total = [total[0] + points, total[1] + got, total[2] + guess]
    print(f"{'set':38} {'auto points':>11} {'read files':>10} {'blind guess':>11} {'share':>6}")
    for slug, points, got, guess, problem in rows:
        print(f"{slug:38} {points:11g} {got:10.2f} {guess:11.2f} {100 * (got + guess) / points:5.1f}%"
              + (f"  ({problem})" if problem else ""))
    points, got, guess = total
    print(f"{'all graded sets':38} {points:11g} {got:10.2f} {guess:11.2f} {100 * (got + guess) / points:5.1f}%")
    all_points = sum(bank.assignment(s).max_points for s in slugs)
    print(f"as a share of all points of these sets, hand-graded text included: {100 * (got + guess) / all_points:.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
