"""Re-run the measures of the pedagogy audits on the current files: the first audit's table (labels, reading load,
time) and the second edition's table (issue 26), whose figures are read from the items themselves.

    python tools/audit.py            # both tables, per lesson and for the course
    python tools/audit.py --gaps     # also list every objective clause without an item at its level
    python tools/audit.py --items    # also list every analyse/evaluate item and every demo with what a reader finds

The second table comes from :mod:`legpain.authoring.design_audit`, which reads the notebooks and the question bank
(its docstring gives each rule); the labels in legpain/authoring/objectives.py only say which items to look at.

Sources: the lessons' first cells (objectives, stated minutes), their markdown (reading load, readability), their
``demo(`` and ``check(`` cells, the question bank, and the alignment data in ``legpain/authoring/objectives.py``.

Measures, as the audit defined them:
- objectives: bullets in the lesson's first cell. no assessment / partly / lower: from the alignment data (an
  objective with no assessed clause; with a clause that has no item; with a clause whose best item is below its
  verb's Bloom level).
- demos: code cells that call ``demo(``; without follow-up: demos whose alignment entry names no follow-up item;
  with a prediction: demos whose entry names a check asked before them.
- estimated minutes (the brief's model): markdown words (navigation footer excluded, references included) / 200
  + 1 per demo + 2 per lesson check + 3 per auto-checked exercise + 8 per hand-graded exercise.
- FK grade = 0.39 × words/sentence + 11.8 × syllables/word − 15.59, on prose only: references, navigation,
  tables, formulas and citation markers removed; a code span counts as one word; each list item is a sentence.
  Syllables by a vowel-group heuristic (the audit's own script was not shipped, so the figures can differ from
  the audit's by a few tenths).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from legpain.authoring import design_audit, objectives as alignment
from legpain.checking import bank
from legpain.common import notebooks  # noqa: E402
from legpain.authoring.sync import NAV_MARK  # noqa: E402

VOWELS = "aeiouy"


def syllables(word: str) -> int:
    w = re.sub(r"[^a-z]", "", word.lower())
    if not w:
        return 0
    if len(w) <= 3:
        return 1
    groups = re.findall(r"[aeiouy]+", w)
    n = len(groups)
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and n > 1:
        n -= 1
    elif w.endswith(("es", "ed")) and not re.search(r"(t|d|s|z|x|ch|sh|c|g)e[sd]$", w) and n > 1:
        n -= 1
    # hiatus: two vowels, two syllables (but -tion, -sion, -cial, -tial, -cious are one)
    n += len(re.findall(r"((?<![tcsg])i[ao]|eo|ua|uo|iu|ea(?=[^dlnrst]))", w))
    if re.search(r"[^aeiouy]le$", w) and n == 0:
        n = 1
    return max(1, n)


def _prose(md: str) -> list[str]:
    """Sentences of a lesson's prose (one per list item)."""
    md = md.split("## References")[0]
    md = re.sub(r"\$\$.*?\$\$", " ", md, flags=re.S)
    md = re.sub(r"\$[^$\n]+\$", " formula ", md)
    md = re.sub(r"`[^`]+`", " code ", md)
    md = re.sub(r"\[(\d+(?:[,–-]\s*\d+)*)\]", "", md)
    md = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", md)
    md = re.sub(r"<[^>]+>", " ", md)
    sentences: list[str] = []
    for block in re.split(r"\n\s*\n", md):
        lines = [ln for ln in block.splitlines() if not ln.lstrip().startswith("|")]
        buf: list[str] = []
        for ln in lines:
            s = ln.strip()
            if not s:
                continue
            if s.startswith("#"):  # headings are not sentences
                continue
            if re.match(r"^([-*]\s|\d+\.\s|>)", s):
                if buf:
                    sentences += _split_sentences(" ".join(buf))
                    buf = []
                s = re.sub(r"^([-*]\s+|\d+\.\s+|>\s*)", "", s)
                if s:
                    sentences += _split_sentences(s)
            else:
                buf.append(s)
        if buf:
            sentences += _split_sentences(" ".join(buf))
    return [s for s in sentences if _words(s)]


def _split_sentences(text: str) -> list[str]:
    text = re.sub(r"\b(e\.g|i\.e|et al|vs|cf|Dr|approx|no|Fig)\.", lambda m: m.group(0).replace(".", "·"), text)
    text = re.sub(r"(\d)\.(\d)", r"\1·\2", text)
    return [p for p in re.split(r"(?<=[.!?])\s+", text) if p.strip()]


def _words(sentence: str) -> list[str]:
    return [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]*|\d[\d·,]*", sentence)]


def readability(md: str | list[str]) -> tuple[float, float]:
    sents = [s for m in ([md] if isinstance(md, str) else md) for s in _prose(m)]
    words = [w for s in sents for w in _words(s)]
    syl = sum(syllables(w) if w[0].isalpha() else 1 for w in words)
    wps = len(words) / len(sents)
    return 0.39 * wps + 11.8 * syl / len(words) - 15.59, wps


def lesson_figures(path: Path) -> dict:
    nb = notebooks.read(path)
    info = notebooks.lesson_info(path, nb)
    n = int(info.number)
    md_cells = [c.source for c in nb.cells if c.cell_type == "markdown" and NAV_MARK not in c.source]
    md = "\n\n".join(md_cells)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    n_demos = sum("demo(" in c for c in code)
    n_checks = len({m for c in code for m in re.findall(r'check\("(c\d+_\d+)"', c)})
    try:
        a = bank.assignment(n)
        auto = sum(not q.manual for q in a.exercises)
        hand = sum(q.manual for q in a.exercises)
    except bank.UnknownAssignment:
        auto = hand = 0
    words = len(re.findall(r"\S+", md))
    estimate = words / 200 + n_demos + 2 * n_checks + 3 * auto + 8 * hand
    cov = alignment.coverage(n)
    dms = [d for d in alignment.demos().values() if int(d.id.split(".")[0]) == n]
    fk, wps = readability(md)
    return {
        "lesson": info.number, "title": info.title, "objectives": len(info.objectives),
        "none": [o for o in alignment.objective_ids(n) if alignment.status(o) == "none"],
        "partial": [o for o in alignment.objective_ids(n) if alignment.status(o).startswith("partial")],
        "lower": [o for o in alignment.objective_ids(n) if alignment.status(o).endswith("lower")],
        "demos": n_demos, "declared_demos": len(dms),
        "no_follow_up": [d.id for d in dms if d.follow_up is None],
        "no_predict": [d.id for d in dms if d.predict is None],
        "stated": info.minutes, "estimate": estimate, "fk": fk, "wps": wps,
        "checks": n_checks, "auto": auto, "hand": hand, "recall": cov["recall"],
        "higher": cov["higher_order"],
    }


def _ids(xs: list[str]) -> str:
    return f"{len(xs)}" + (f" ({', '.join(xs)})" if xs else "")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gaps", action="store_true", help="list the clauses without an item at their level")
    ap.add_argument("--items", action="store_true", help="list the higher-order items and demos with their problems")
    args = ap.parse_args(argv)
    rows = [lesson_figures(p) for p in notebooks.lesson_paths()]
    head = ("| lesson | objectives | no assessment | partly assessed | only at a lower level | demos | "
            "demos without follow-up | demos without prediction | recall checks | stated min | estimated min (dev.) "
            "| FK grade | words/sentence |")
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    for r in rows:
        dev = (r["estimate"] - r["stated"]) / r["stated"] * 100
        flag = " ⚑" if abs(dev) > 30 else ""
        print(f"| {r['lesson']} | {r['objectives']} | {_ids(r['none'])} | {_ids(r['partial'])} | {_ids(r['lower'])} "
              f"| {r['demos']} | {_ids(r['no_follow_up'])} | {_ids(r['no_predict'])} | {r['recall']} "
              f"| {r['stated']} | {r['estimate']:.0f} ({dev:+.0f}%{flag}) | {r['fk']:.1f} | {r['wps']:.1f} |")
    tot = {k: sum(len(r[k]) if isinstance(r[k], list) else r[k] for r in rows)
           for k in ("objectives", "none", "partial", "lower", "demos", "no_follow_up", "no_predict", "recall",
                     "stated", "estimate", "checks", "auto", "hand", "higher")}
    md_all = ["\n\n".join(c.source for c in notebooks.read(p).cells
                            if c.cell_type == "markdown" and NAV_MARK not in c.source)
              for p in notebooks.lesson_paths()]
    fk, wps = readability(md_all)
    dev = (tot["estimate"] - tot["stated"]) / tot["stated"] * 100
    print(f"| **course** | **{tot['objectives']}** | **{tot['none']}** | **{tot['partial']}** | **{tot['lower']}** "
          f"| **{tot['demos']}** | **{tot['no_follow_up']}** | **{tot['no_predict']}** | **{tot['recall']}** "
          f"| **{tot['stated']}** | **{tot['estimate']:.0f} ({dev:+.0f}%)** | **{fk:.1f}** | **{wps:.1f}** |")
    aligned = sum(alignment.status(o) == "aligned" for o in alignment.objective_ids())
    its = alignment.items().values()
    auto_hi = sum(alignment.level_rank(i.level) >= 3 and "hand-graded" not in i.note for i in its)
    print()
    print(f"Objectives fully aligned: {aligned} of {tot['objectives']}. Items: {tot['checks']} lesson checks, "
          f"{tot['auto']} auto-checked and {tot['hand']} hand-graded exercise questions; "
          f"{sum(alignment.level_rank(i.level) >= 3 for i in its)} items reach analyse or evaluate "
          f"({auto_hi} of them auto-checked).")
    if args.gaps:
        print("\nClauses without an item at their level:")
        for g in alignment.gaps() or ["none"]:
            print("-", g)
    print()
    print(read_from_items())
    if args.items:
        print("\nAnalyse/evaluate items, as a reader finds them:")
        for h in design_audit.higher_order():
            print(f"- {h.qid} ({h.level}, {'auto' if h.auto else 'hand'}): {'; '.join(h.problems) or 'honest'}")
        print("\nDemos:")
        for d in design_audit.predictions():
            print(f"- Demo {d.id} ({d.predict} -> {d.explain}): {'; '.join(d.problems) or 'predict, observe, explain'}")
        print("\nSentences of teaching text over 40 words:")
        for n, sent in design_audit.long_sentences():
            print(f"- {n}: {sent[:160]}")
    return 0


def read_from_items() -> str:
    """The issue-26 table: each measure as read from the items, with how the audit obtains it."""
    s = design_audit.course_summary()
    ho = design_audit.higher_order()
    dropped = [h.qid for h in ho if not h.honest]
    primer = design_audit.primer_coverage()
    missing = {q: m for q, m in primer.items() if m}
    rev = design_audit.reviews()
    pct = 100 * s["longest"] / s["choices"] if s["choices"] else 0
    infos = [notebooks.lesson_info(p) for p in notebooks.lesson_paths()]
    course_lo = sum(i.minutes for i in infos)
    course_hi = sum(i.minutes_max or i.minutes for i in infos)
    models = [design_audit.time_model(int(i.number)) for i in infos]
    model_lo, model_hi = sum(m[0] for m in models), sum(m[1] for m in models)
    demos_bad = [d.id for d in design_audit.predictions() if not d.complete]
    rows = [
        ("analyse/evaluate items",
         f"{s['honest']} honest ({s['honest_auto']} auto-checked) of {s['higher']} coded so"
         + (f"; not counted: {', '.join(dropped)}" if dropped else ""),
         "every item coded analyse or evaluate in objectives.py, read in its notebook: its key is not stated in a "
         "sentence above it (design_audit.stated_above), and an auto-checked one is not a single-answer choice"),
        ("objectives assessed at their level",
         f"{s['aligned']} of {s['objectives']}" + (f"; below: {', '.join(s['below'])}" if s["below"] else ""),
         "objectives.status with the items of the row above that are not honest left out"),
        ("predictions before demos",
         f"{s['poe']} of {s['demos']} recorded before, revealed after, with an explain step"
         + (f"; not yet: {', '.join(demos_bad)}" if demos_bad else ""),
         "the prediction check is a Prediction (every option is run through it: recorded, never right or wrong), "
         "asked before the demo cell, reveal() after it; the explain check's key is drawn by the demo at the "
         "setting its prompt names and not stated above it (the reveal counts as above)"),
        ("cumulative reviews",
         f"{sum(not p for p in rev.values())} of 3 parts"
         + "".join(f"; {k}: {', '.join(v)}" for k, v in rev.items() if v)
         + ("" if len(rev) == 3 else f" (declared: {', '.join(rev) or 'none'})"),
         "objectives.REVIEWS, read in the lesson: a review section at its end, items from at least three lessons "
         "(one at least three back), half or more at apply or above, number keys not in the lesson above"),
        ("Python primer",
         "covers every construct the function exercises use" if not missing else
         "; ".join(f"{q}: {', '.join(m)}" for q, m in missing.items()),
         "the constructs in each function exercise's model solution (Python's ast) against those in the code of "
         "lesson 00's primer, and whether the primer shows an error message (a Traceback) and how to read it"),
        ("single-choice keys",
         f"the key is the longest option in {s['longest']} of {s['choices']} ({pct:.0f}%)",
         "every single-answer choice (checks, predictions, exercises), options as printed in the notebook (its text, or ask() for a variant question), by "
         "characters; ties do not count as longest"),
        ("reading load",
         f"{s['long_sentences']} sentences over {design_audit.LONG_SENTENCE} words in teaching text; times as a "
         f"range in {s['ranges']} of {s['lessons']} lessons (course {course_lo}–{course_hi} minutes stated, model "
         f"{model_lo}–{model_hi}); a glossary in {s['glossaries']} of {s['lessons']}; optional parts with their own "
         f"time in lessons {', '.join(s['optional_marked']) or 'none'}",
         "lesson markdown without references, tables, code, formulas and options; list items are sentences; a range "
         "is 'Estimated time: N–M minutes' in the first cell, the model is the reviewer's (design_audit.time_model: "
         "200 or 150 words a minute plus minutes per check, demo and exercise); a glossary is a cell headed "
         "'Glossary'; an optional part is marked 'optional' with its own N–M minutes in the first cell"),
    ]
    out = ["| measure | read from the items | how the audit obtains it |", "|---|---|---|"]
    out += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(out)


if __name__ == "__main__":
    raise SystemExit(main())
