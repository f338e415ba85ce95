"""The question bank: every checked question of the course, found by its stable id.

Exercise questions have ids ``q<lesson>_<n>`` (``q2_1`` is Exercise 2.1) and belong to the exercise set of that
lesson; lesson self-checks have ids ``c<lesson>_<n>`` (``c2_1`` is Check 2.1) and are never graded. One module per
lesson, ``setNN.py``, defines ``SLUG``, ``EXERCISES`` and ``CHECKS``.

This is an open course: the expected answers ship with the package, as the solutions do with the repository.
Checks are there to teach; the grader's hidden cases live in the solution notebooks. A class edition
(``python -m legpain release``) replaces the module of each graded set with one that holds no key (``GRADED = True``,
its exercises :class:`legpain.checking.sealed.Sealed`); its lesson self-checks stay as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import import_module
from pathlib import Path

from ..questions import Question

__all__ = ["Assignment", "assignment", "question", "slugs", "label", "UnknownQuestion", "UnknownAssignment"]


def _discover() -> dict[int, str]:
    """lesson number -> module name, for every ``setNN.py`` in this package."""
    here = Path(__file__).parent
    return {int(p.stem[3:]): p.stem for p in sorted(here.glob("set[0-9][0-9].py"))}


_MODULES = _discover()


class UnknownQuestion(KeyError):
    def __str__(self) -> str:
        return str(self.args[0])


class UnknownAssignment(KeyError):
    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Assignment:
    slug: str  # the lesson's stem; legpain.common.layout.set_files(slug) names its notebooks: "00-start-here"
    number: int
    exercises: tuple[Question, ...]
    checks: tuple[Question, ...]
    graded: bool = False  # a class edition's graded set: its exercises hold no key (checking.sealed)

    @property
    def max_points(self) -> float:
        return sum(q.points for q in self.exercises)

    def get(self, qid: str) -> Question:
        for q in self.exercises + self.checks:
            if q.qid == qid:
                return q
        raise UnknownQuestion(f"no question {qid!r} in exercise set {self.slug}")


@lru_cache(maxsize=None)
def _load(number: int) -> Assignment:
    mod = import_module(f".{_MODULES[number]}", __name__)
    a = Assignment(mod.SLUG, number, tuple(mod.EXERCISES), tuple(getattr(mod, "CHECKS", ())),
                   bool(getattr(mod, "GRADED", False)))
    ids = [q.qid for q in a.exercises + a.checks]
    if len(ids) != len(set(ids)):
        raise ValueError(f"duplicate question ids in {mod.__name__}")
    for q in a.exercises:
        if not re.fullmatch(rf"q{number}_\d+", q.qid):
            raise ValueError(f"{mod.__name__}: exercise id {q.qid!r} should look like q{number}_1")
    for q in a.checks:
        if not re.fullmatch(rf"c{number}_\d+", q.qid):
            raise ValueError(f"{mod.__name__}: check id {q.qid!r} should look like c{number}_1")
    return a


def slugs() -> list[str]:
    """All exercise-set stems, in course order."""
    return [_load(n).slug for n in sorted(_MODULES)]


def assignment(slug_or_number: str | int) -> Assignment:
    """The exercise set by stem ("00-start-here"), by its number ("00", 0) or by a notebook path
    ("exercises/00-start-here-exercises.ipynb", the old name "exercises/00-start-here.ipynb", a solution's)."""
    from ...common.layout import slug_of

    key = str(slug_or_number)
    key = key.rsplit("/", 1)[-1].removesuffix(".ipynb")
    key = slug_of(key) or key
    m = re.match(r"^(\d+)", key)
    if m and int(m.group(1)) in _MODULES:
        a = _load(int(m.group(1)))
        if key == a.slug or key == m.group(1) or key.isdigit():
            return a
    known = ", ".join(slugs())
    raise UnknownAssignment(f"there is no exercise set {slug_or_number!r}; the course has: {known}")


def question(qid: str) -> Question:
    """The question with this id, or :class:`UnknownQuestion` with a message a student can act on."""
    m = re.fullmatch(r"([qc])(\d+)_(\d+)", str(qid).strip())
    if not m or int(m.group(2)) not in _MODULES:
        raise UnknownQuestion(
            f"there is no question {qid!r}; ids look like 'q0_1' (Exercise 0.1) or 'c0_1' (Check 0.1)"
        )
    return _load(int(m.group(2))).get(str(qid).strip())


def label(qid: str) -> str:
    """'q2_1' -> 'Exercise 2.1', 'c2_1' -> 'Check 2.1'."""
    m = re.fullmatch(r"([qc])(\d+)_(\d+)", qid)
    if not m:
        return qid
    return f"{'Exercise' if m.group(1) == 'q' else 'Check'} {m.group(2)}.{m.group(3)}"
