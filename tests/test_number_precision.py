"""Every Number question's tolerance follows the precision its prompt asks for (issue 25).

The prompt is what a student reads: the markdown above the question's ``check(...)`` cell (solution notebooks for
exercises, lessons for self-checks; from the question's own label on), the comments of that cell, and the bank's
topic. From it the test reads the precision asked for ("to one decimal", "two decimals", "a whole number", "to the
nearest whole percent") and any tolerance the prompt promises ("answers within 3 percentage points count"), and
checks the question against them:

- a precision of d decimals: the tolerance is half a unit of the last asked digit (0.05 for one decimal), centred on
  the EXACT value, so every correct rounding counts and its neighbours do not; a whole number asked for: only the
  answer counts among whole numbers;
- a promised tolerance: the question uses it, and it does not contradict a precision asked for in the same prompt;
- neither: the answer is a short exact value and the tolerance is at most half a unit of its last digit;
- where a precision is asked for, the stored answer is the exact value, not a rounded one: every declared right
  variant is a correct rounding of it, and one of them is the unrounded value a student's computation gives.
"""

from __future__ import annotations

import math
import re

import pytest

from legpain.checking import bank
from legpain.common import notebooks
from legpain.checking.student import label
from legpain.checking.questions import Number

from helpers import ROOT

NUMBERS = [q for s in bank.slugs() for q in bank.assignment(s).exercises + bank.assignment(s).checks
           if isinstance(q, Number)]

_WORDS = {"one": 1, "two": 2, "three": 3, "1": 1, "2": 2, "3": 3}
_PRECISION = [
    (re.compile(r"\bwhole number\b|\bnearest whole\b|\bwhole percent\b|\bnearest (percent|percentage point)\b",
                re.I), lambda m: 0),
    (re.compile(r"\b(one|two|three|[123]) decimals?(?: places?)?\b", re.I), lambda m: _WORDS[m.group(1).lower()]),
]
_WITHIN = re.compile(r"\bwithin\s*(?:±\s*)?(\d+(?:\.\d+)?)", re.I)


def _prompts() -> dict[str, str]:
    """Question id -> the text a student reads for it (markdown from its label on, the check cell's comments)."""
    out: dict[str, list[str]] = {}
    for folder, kind in (("solutions", "q"), ("lessons", "c")):
        for path in sorted((ROOT / folder).glob("[0-9][0-9]-*.ipynb")):
            cells = notebooks.read(path).cells
            for i, cell in enumerate(cells):
                if cell.cell_type != "code":
                    continue
                for qid in re.findall(r"""check\(\s*["']([qc]\d+_\d+)["']""", cell.source):
                    if not qid.startswith(kind):
                        continue
                    md = next((cells[j].source for j in range(i - 1, -1, -1) if cells[j].cell_type == "markdown"), "")
                    at = md.find(label(qid))
                    comments = " ".join(re.findall(r"#(.*)", cell.source))
                    out.setdefault(qid, []).append((md[at:] if at >= 0 else md) + " " + comments)
    return {qid: " ".join(texts) for qid, texts in out.items()}


PROMPTS = _prompts()


def stated(text: str) -> tuple[set[int], set[float]]:
    """The precisions (decimal places) and the tolerances a prompt states."""
    decimals = {f(m) for rx, f in _PRECISION for m in rx.finditer(text)}
    within = {float(m.group(1)) for m in _WITHIN.finditer(text)}
    return decimals, within


def _half(d: int) -> float:
    return 0.5 * 10.0 ** -d


def _precision_of(x: float) -> int:
    """Decimals of the shortest way to write x (up to 12)."""
    for k in range(13):
        if abs(x - round(x, k)) <= 1e-9 * max(1.0, abs(x)):
            return k
    return 13


def _ids(q):
    return q.qid


def test_the_reader_finds_what_prompts_say():
    """The phrases of the course's prompts are read as the precision or tolerance they state."""
    assert stated("Give it to one decimal (within 0.5).") == ({1}, {0.5})
    assert stated("Give a number with two decimals.") == ({2}, set())
    assert stated("Give the count as a whole number.") == ({0}, set())
    assert stated("Read it from the demo (to the nearest whole percent).") == ({0}, set())
    assert stated("answers within ±0.05 of the exact value count as right, so keep at least one decimal place") \
        == ({1}, {0.05})
    assert stated("answers within 3 percentage points count as right.") == (set(), {3.0})
    assert stated("Give a number without the % sign.") == (set(), set())


@pytest.mark.parametrize("q", NUMBERS, ids=_ids)
def test_tolerance_follows_the_stated_precision(q):
    """The tolerance is what the prompt's precision (or its promised tolerance) makes it, and nothing looser."""
    assert q.qid in PROMPTS, f"{q.qid}: no check({q.qid!r}, ...) cell found in the notebooks"
    decimals, within = stated(PROMPTS[q.qid] + " " + q.topic)
    assert len(decimals) <= 1 and len(within) <= 1, f"{q.qid}: the prompt states more than one precision: " \
                                                    f"{decimals or ''} {within or ''}"
    d = next(iter(decimals), None)
    x = next(iter(within), None)
    if x is not None:
        if d is not None:
            assert math.isclose(x, _half(d)), (
                f"{q.qid}: the prompt asks for {d} decimal(s) but promises answers within {x:g}; half a unit of the "
                f"last asked digit is {_half(d):g}")
        assert math.isclose(q.tol, x), f"{q.qid}: the prompt promises within {x:g}, the question allows {q.tol:g}"
    elif d is not None and q.whole:
        assert float(q.answer) == round(q.answer) and q.tol < 1, \
            f"{q.qid}: a whole number is asked for, but {q.tol:g} lets other whole numbers than the answer count"
    elif d is not None:
        assert q.decimals == d, f"{q.qid}: the prompt asks for {d} decimal(s); declare decimals={d}"
        assert math.isclose(q.tol, _half(d)), f"{q.qid}: tolerance {q.tol:g} for {d} decimal(s); expected {_half(d):g}"
    else:
        own = _precision_of(float(q.answer))
        assert own <= 3, f"{q.qid}: the answer {q.answer!r} has many decimals but the prompt asks for no precision"
        assert q.tol <= _half(own) + 1e-12, \
            f"{q.qid}: no precision asked; tolerance {q.tol:g} is looser than the answer's own last digit"


@pytest.mark.parametrize("q", [q for q in NUMBERS if not q.whole], ids=_ids)
def test_the_stored_answer_is_the_exact_value(q):
    """The tolerance is centred on the exact value, not on a rounded one: every right variant is a correct rounding
    of the stored answer at its own precision (93.2 and 93.23 of 93.2291...; 93.23 is not one of 93.2), and a
    question that asks for d decimals declares the unrounded value a student's computation gives. For questions
    that ask for a precision; those whose prompt promises a looser tolerance (a value read by eye, a simulation)
    are left out."""
    decimals, within = stated(PROMPTS.get(q.qid, "") + " " + q.topic)
    d, x = next(iter(decimals), None), next(iter(within), None)
    if d is None:
        pytest.skip("the prompt asks for no precision")
    if x is not None and not math.isclose(x, _half(d)):
        pytest.skip(f"the prompt promises answers within {x:g}")
    exact = float(q.answer)
    numeric = [float(v) for v in q.right if isinstance(v, (int, float)) and not isinstance(v, bool)]
    for v in numeric:
        assert abs(v - exact) <= _half(_precision_of(v)) + 1e-9 * max(1.0, abs(exact)), (
            f"{q.qid}: the right variant {v!r} is not a correct rounding of the stored answer {q.answer!r} (the "
            "stored value is rounded, or the variant is not a careful student's answer)")
    if q.decimals is not None:  # as written (repr): 0.28 / (1 - 0.90) is 2.8000000000000003, a computed value
        assert any(len(repr(v).partition(".")[2]) > q.decimals for v in numeric), (
            f"{q.qid}: no right variant keeps more than {q.decimals} decimal(s): declare the unrounded value a "
            "student's computation gives")


@pytest.mark.parametrize("q", [q for q in NUMBERS if q.decimals is not None], ids=_ids)
def test_every_correct_rounding_counts_and_its_neighbours_do_not(q):
    """To d decimals: the exact value and its rounding count; one unit of the last digit either way does not."""
    exact = float(q.answer)
    shown = round(exact, q.decimals)
    unit = 10.0 ** -q.decimals
    for right in (exact, shown):
        assert q.judge({"state": "answered", "value": right}).status == "correct", (q.qid, right)
    for wrong in (round(shown - unit, q.decimals), round(shown + unit, q.decimals)):
        res = q.judge({"state": "answered", "value": wrong})
        assert res.status != "correct", f"{q.qid}: {wrong!r} counts, one unit from {shown!r}"
