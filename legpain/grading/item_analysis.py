"""Item analysis of a graded class: what did the students get wrong, and why?

From the answers the grader already captured (plain data, see :mod:`legpain.checking.questions`), for every exercise question:

- the distribution of answers: each distinct answer with its count, its share of the class, whether it is right,
  and the feedback it triggered (the misconception the bank names for it), plus "not answered", "timed out" and
  "not readable" counts. A variant question's answers (each student has their own numbers or option order, see
  :mod:`legpain.checking.variants`) are first mapped back to the course's own terms — the option in the course's
  order, or the kind of error ("right", "mistake: the whole width", "another value") — so that the same answer
  counts as one whatever the student's numbers;
- classical item statistics: difficulty (mean share of the points) and discrimination (the point-biserial
  correlation of the item with the rest of the test, and the upper–lower 27% index);
- plain-words flags for questions that look broken (negative discrimination; a wrong answer more common than the
  right one: "check the key") and for a common wrong answer that has no feedback of its own yet;
- for function questions: how often each public and hidden case fails (shown to the instructor only; student
  feedback never names a hidden case).

Pure functions over the grader's outcomes: :func:`analyse` returns :class:`ItemStats` per question,
:func:`write_items_csv` writes ``items.csv`` (one row per question and answer). The report draws the bars.
"""

from __future__ import annotations

import csv
import json
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from ..checking.questions import Choice, Function, MultiChoice, Number, Question
from ..checking.variants import answer_kind, for_student, is_variant
from ..common.text import neutral

__all__ = ["AnswerGroup", "CaseStats", "ItemStats", "analyse", "write_items_csv", "ITEM_FIELDS"]

# answers given by at least this share of the graded class (and by 3 or more students) are "common"
COMMON_SHARE = 0.2
COMMON_MIN = 3
# below this many graded students, discrimination is not computed (it would mean nothing)
MIN_FOR_DISCRIMINATION = 8

ITEM_FIELDS = ["question", "label", "kind", "points", "n_graded", "difficulty", "discrimination",
               "upper_lower_27", "flags", "answer", "count", "share", "correct", "has_feedback", "feedback"]


@dataclass
class AnswerGroup:
    """One distinct answer (or a state such as "not answered") and the students who gave it."""

    text: str  # how the answer is shown to the instructor
    count: int = 0
    points_share: float = 0.0  # the share of the question's points this answer earns (0 to 1)
    correct: bool = False
    state: str = "answer"  # answer, not answered, timed out, not readable
    feedback: str = ""  # the message the answer triggered (what a student was told)
    has_feedback: bool = False  # the bank names this wrong answer with feedback of its own
    share: float = 0.0  # of the graded students


@dataclass
class CaseStats:
    """How often one case of a function question fails (``hidden`` cases are never shown to students)."""

    number: int  # 1-based, within its kind (public or hidden)
    hidden: bool
    call: str
    failed: int = 0
    ran: int = 0

    @property
    def fail_share(self) -> float:
        return self.failed / self.ran if self.ran else 0.0


@dataclass
class ItemStats:
    qid: str
    label: str
    kind: str
    points: float
    n_graded: int
    difficulty: float | None = None  # mean share of the points, 0 (nobody) to 1 (everybody)
    discrimination: float | None = None  # point-biserial with the rest of the test, -1 to 1
    upper_lower: float | None = None  # mean share in the top 27% minus the bottom 27%
    groups: list[AnswerGroup] = field(default_factory=list)
    cases: list[CaseStats] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    manual: bool = False

    @property
    def wrong_groups(self) -> list[AnswerGroup]:
        return [g for g in self.groups if g.state == "answer" and not g.correct]


def kind_name(q: Question) -> str:
    """The question's kind in words: number, choice, multiple choice, match, function, text (by hand)."""
    if q.manual:
        return "text (by hand)"
    return {"MultiChoice": "multiple choice"}.get(type(q).__name__, type(q).__name__.lower())


# ---- answers as text ---------------------------------------------------------------------------------------

def _short(value: Any, limit: int = 80) -> str:
    if isinstance(value, str):
        text = repr(value.strip())
    else:
        try:
            text = json.dumps(value, ensure_ascii=False, sort_keys=True)
        except (TypeError, ValueError):
            text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _key(q: Question, value: Any) -> str:
    """Answers that only differ in case, spacing or order (where order does not count) are one answer."""
    if isinstance(value, str):
        v = " ".join(value.strip().lower().split())
        if isinstance(q, Choice):
            v = v.strip("().").strip()
        return json.dumps(v, ensure_ascii=False)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(q, MultiChoice) and isinstance(value, list):
        value = sorted(str(v).strip().strip("().").strip().lower() for v in value)
    if isinstance(value, dict):
        value = {str(k).strip().lower(): v for k, v in value.items()}
    try:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError):
        return repr(value)


def _has_feedback(q: Question, value: Any) -> bool:
    """Does the bank name this (wrong) answer with feedback of its own, beyond the question's general hint?"""
    fb = getattr(q, "feedback", None)
    if isinstance(q, Number) and fb:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            tol = max(float(getattr(q, "tol", 0.0) or 0.0), 1e-9)
            return any(abs(float(value) - float(k)) <= tol for k in fb)
        return False
    if isinstance(q, Choice) and fb is not None:
        if isinstance(value, str):
            letter = value.strip().strip("().").strip().lower()
            return letter in {str(k).lower() for k in fb}
        return False
    if isinstance(fb, Mapping) and fb:
        try:
            return _key(q, value) in {_key(q, k) for k in fb}
        except TypeError:
            return False
    if getattr(q, "item_hints", None):
        return True  # a Match names each item that is wrong, with its own hint
    return False


# ---- statistics ---------------------------------------------------------------------------------------------

def _pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None  # everybody scored the same on one side: no correlation to speak of
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    return sxy / math.sqrt(sxx * syy)


def _upper_lower(shares: Sequence[float], totals: Sequence[float]) -> float | None:
    n = len(shares)
    k = max(1, round(0.27 * n))
    if n < 2 * k or n < MIN_FOR_DISCRIMINATION:
        return None
    order = sorted(range(n), key=lambda i: totals[i])
    low = [shares[i] for i in order[:k]]
    high = [shares[i] for i in order[-k:]]
    return sum(high) / k - sum(low) / k


def _unfinished(result) -> bool:
    return result.status == "error" and ("was stopped" in result.message or "time was up" in result.message)


# ---- the analysis -------------------------------------------------------------------------------------------

def analyse(assignment, outcomes: Iterable, hidden: Mapping[str, Sequence] | None = None,
            manual: Mapping | None = None) -> list[ItemStats]:
    """Item statistics for every exercise of ``assignment`` over the graded ``outcomes`` of one run.

    ``hidden``: the hidden cases per question id (instructor side); ``manual``: {(student, qid): (points, comment)}
    from manual.csv, so that hand-graded questions count in the totals.
    """
    from ..checking.bank import label

    hidden = hidden or {}
    manual = manual or {}
    graded = [o for o in outcomes if o.graded]
    n = len(graded)
    # every student's points per question (manual points where entered) and total
    per_q: dict[str, list[float]] = {q.qid: [] for q in assignment.exercises}
    for o in graded:
        by_id = {r.qid: r for r in o.full.results}
        for q in assignment.exercises:
            r = by_id.get(q.qid)
            if q.manual:
                pts = manual.get((o.item.student, q.qid), (None, ""))[0]
                per_q[q.qid].append(float(pts) if pts is not None else 0.0)
            else:
                per_q[q.qid].append(float(r.score) if r is not None else 0.0)
    totals = [sum(per_q[q.qid][i] for q in assignment.exercises) for i in range(n)]

    stats = []
    for q in assignment.exercises:
        st = ItemStats(q.qid, label(q.qid), kind_name(q), q.points, n,
                       manual=q.manual)
        stats.append(st)
        if not n:
            continue
        scores = per_q[q.qid]
        shares = [s / q.points if q.points else 0.0 for s in scores]
        if q.manual:
            entered = [manual.get((o.item.student, q.qid), (None, ""))[0] for o in graded]
            if all(e is None for e in entered):
                st.flags.append("not graded by hand yet: no statistics")
                continue
        st.difficulty = sum(shares) / n
        if n >= MIN_FOR_DISCRIMINATION:
            rest = [t - s for t, s in zip(totals, scores)]
            st.discrimination = _pearson(shares, rest)
            st.upper_lower = _upper_lower(shares, totals)
        if q.manual:
            _flag_discrimination(st)
            continue
        groups: dict[str, AnswerGroup] = {}
        for o, share in zip(graded, shares):
            r = next((x for x in o.full.results if x.qid == q.qid), None)
            cap = (o.captured or {}).get(q.qid) or {"state": "unanswered"}
            qs = for_student(q, o.item.student, getattr(o, "salt", None)) if is_variant(q) else q
            kind = answer_kind(qs, cap.get("value")) if is_variant(q) and cap.get("state") == "answered" else None
            if r is not None and _unfinished(r):
                key, g = "\0timed out", AnswerGroup("(its cell was stopped: timed out)", state="timed out")
            elif cap.get("state") == "unanswered" or (r is not None and r.status == "unanswered"):
                key, g = "\0unanswered", AnswerGroup("(not answered)", state="not answered")
            elif cap.get("state") == "invalid" or (r is not None and r.status == "invalid"):
                key, g = "\0invalid", AnswerGroup("(not readable as an answer)", state="not readable")
            elif isinstance(q, Function):
                key = "\0fn:" + (r.status if r is not None else "?") + f":{r.public_passed if r else 0}"
                g = AnswerGroup(_function_text(r), state="answer")
            elif kind is not None:  # a variant question: the answer in the course's own terms
                key, g = "\0variant:" + kind, AnswerGroup(kind, state="answer")
            else:
                value = cap.get("value")
                key, g = _key(q, value), AnswerGroup(_short(value), state="answer")
            if key not in groups:
                pub = qs.judge(cap) if not isinstance(q, Function) else r
                g.correct = share >= 1 - 1e-9 and g.state == "answer"
                g.points_share = share
                g.feedback = _feedback_text(pub) if pub is not None else ""
                if g.state == "answer" and not g.correct and not isinstance(q, Function):
                    g.has_feedback = _has_feedback(qs, cap.get("value"))
                groups[key] = g
            groups[key].count += 1
        for g in groups.values():
            g.share = g.count / n
        st.groups = sorted(groups.values(), key=lambda g: (-g.count, g.state != "answer", g.text))
        if isinstance(q, Function):
            st.cases = _case_stats(q, graded, hidden.get(q.qid, ()))
        _flag(st, q)
    return stats


def _function_text(r) -> str:
    if r is None:
        return "(no result)"
    if r.status == "correct" and r.hidden_passed == r.hidden_total:
        return "passes every case"
    text = f"passes {r.public_passed} of {r.public_total} public cases"
    if r.hidden_total:
        text += f", {r.hidden_passed} of {r.hidden_total} hidden"
    return text


def _feedback_text(r) -> str:
    from ..common.text import MAX_DETAILS, clip

    if r is None:
        return ""
    parts = [r.message] + [d for d in r.details[:MAX_DETAILS] if d]
    return clip(" ".join(p.strip() for p in parts if p and p.strip()))


def _case_stats(q: Function, graded: list, hidden_cases: Sequence) -> list[CaseStats]:
    from ..checking.questions import _format_args

    cases = [CaseStats(i + 1, False, f"{q.name}({_format_args(c.args)})") for i, c in enumerate(q.cases)]
    cases += [CaseStats(j + 1, True, f"{q.name}({_format_args(tuple(c.args))})") for j, c in enumerate(hidden_cases)]
    expected = [c.expected for c in q.cases] + [c.expected for c in hidden_cases]
    for o in graded:
        cap = (o.captured or {}).get(q.qid) or {}
        if cap.get("state") != "answered":
            continue
        outputs = cap.get("outputs") if isinstance(cap.get("outputs"), list) else []
        for k, cs in enumerate(cases):
            cs.ran += 1
            out = outputs[k] if k < len(outputs) else None
            if not (isinstance(out, dict) and out.get("ok") and q.same(out.get("value"), expected[k])):
                cs.failed += 1
    return sorted(cases, key=lambda c: (-c.failed, c.hidden, c.number))


def _flag_discrimination(st: ItemStats) -> None:
    if st.discrimination is not None and st.discrimination < -0.05:
        st.flags.append(f"negative discrimination ({st.discrimination:+.2f}): students who did well on the rest "
                        "did worse on this question. Check the key and the wording.")


def _flag(st: ItemStats, q: Question) -> None:
    _flag_discrimination(st)
    right = sum(g.count for g in st.groups if g.correct)
    for g in st.wrong_groups:
        if g.count > right and g.count >= 2 and not isinstance(q, Function):
            st.flags.append(f"check the key: the wrong answer {g.text} was given by more students ({g.count}) "
                            f"than the right one ({right}).")
            break
    for g in st.wrong_groups:
        if isinstance(q, Function):
            continue
        if g.count >= COMMON_MIN and g.share >= COMMON_SHARE and not g.has_feedback:
            st.flags.append(f"no feedback yet for a common wrong answer: {g.text} ({g.count} students, "
                            f"{100 * g.share:.0f}%). Add one to the question bank.")
    for cs in st.cases:
        if cs.ran >= COMMON_MIN and cs.fail_share >= 0.5:
            kind = "hidden" if cs.hidden else "public"
            st.flags.append(f"{kind} case {cs.number} fails for {cs.failed} of {cs.ran} students.")
            break


# ---- items.csv ------------------------------------------------------------------------------------------------

def _num(x: float | None) -> str:
    return "" if x is None else f"{x:.3f}"


def safe_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet will not run as a formula: the one rule of every CSV the course writes
    (:func:`legpain.common.text.neutral`)."""
    return neutral(value)


class _SafeWriter:
    def __init__(self, fh):
        self._w = csv.writer(fh)

    def writerow(self, row):
        self._w.writerow([safe_cell(c) for c in row])


def write_items_csv(path: Path, stats: Sequence[ItemStats], opener=None) -> None:
    """``items.csv``: one row per question and answer (and per function case), the question's statistics repeated
    on each row so that a spreadsheet can filter and sort. Cells that would start a formula are neutralised.
    ``opener``: how to open ``path`` (the output folder's, :meth:`legpain.grading.folders.OutDir.opener`)."""
    # never stops on a lone surrogate
    with open(path, "w", newline="", encoding="utf-8", errors="replace", opener=opener) as fh:
        w = _SafeWriter(fh)
        w.writerow(ITEM_FIELDS)
        for st in stats:
            head = [st.qid, st.label, st.kind, f"{st.points:g}", st.n_graded, _num(st.difficulty),
                    _num(st.discrimination), _num(st.upper_lower), " | ".join(st.flags)]
            rows = 0
            for g in st.groups:
                w.writerow(head + [g.text, g.count, f"{g.share:.3f}", "yes" if g.correct else "no",
                                   "yes" if g.has_feedback else ("" if g.correct or g.state != "answer" else "no"),
                                   g.feedback])
                rows += 1
            for cs in st.cases:
                kind = "hidden" if cs.hidden else "public"
                w.writerow(head + [f"{kind} case {cs.number}: {cs.call} fails", cs.failed,
                                   f"{cs.fail_share:.3f}", "", "", ""])
                rows += 1
            if not rows:
                w.writerow(head + ["", "", "", "", "", ""])
