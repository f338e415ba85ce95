"""Scoring a whole exercise set from captured answers: one code path for ``check_all()`` and the grader."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Sequence

from ..common.text import points
from . import bank
from .questions import Case, Result
from .variants import for_student

__all__ = ["Report", "judge_set"]


_num = points  # a score as people write it: 9.33333 -> '9.33', 3.0 -> '3'



@dataclass
class Report:
    slug: str
    results: list[Result] = field(default_factory=list)
    public: bool = True  # True: only the checks a student can see were run

    @property
    def auto_results(self) -> list[Result]:
        return [r for r in self.results if not r.manual]

    @property
    def public_score(self) -> float:
        return round(sum(r.public_score for r in self.auto_results), 6)

    @property
    def score(self) -> float:
        return round(sum(r.score for r in self.auto_results), 6)

    @property
    def auto_max(self) -> float:
        return sum(r.points for r in self.auto_results)

    @property
    def manual_max(self) -> float:
        return sum(r.points for r in self.results if r.manual)

    def __repr__(self) -> str:
        if not self.results:
            return f"<Report {self.slug or '(no set)'}: nothing scored>"
        return f"<Report {self.slug}: {_num(self.public_score)} of {self.auto_max:g} points from the checks you can see>"

    def _ipython_display_(self) -> None:
        """Shown as the last line of a cell, the report adds nothing: check_all() has already shown its table."""
        return None

    def summary(self) -> str:
        if not self.results:
            return "Nothing to score."
        parts = [f"Checks you can see: {_num(self.public_score)} of {self.auto_max:g} points."]
        pending = [r for r in self.results if r.hidden_pending]
        if self.public and pending:
            parts.append(
                f"{len(pending)} question{'s have' if len(pending) != 1 else ' has'} more checks, hidden from you, "
                "that run when your work is graded."
            )
        if not self.public:
            parts.append(f"With hidden checks: {_num(self.score)} of {self.auto_max:g} points.")
        if self.manual_max:
            parts.append(f"Graded by hand: {self.manual_max:g} more points.")
        return " ".join(parts)


def judge_set(
    slug: str,
    captured: Mapping[str, Mapping],
    hidden_cases: Mapping[str, Sequence[Case]] | None = None,
    public: bool = True,
    student: str | None = None,
    salt: str | None = None,
) -> Report:
    """Judge every exercise of set ``slug`` from its captured answers (missing ones count as not answered).

    A variant question is judged against the numbers of ``student`` (None: the student of this kernel), drawn with
    ``salt`` (None: this package's edition's; see :mod:`legpain.checking.variants`).

    Graded (``public=False``), an answer that the student's check calls wrong but that earns credit for some of its
    parts (a MultiChoice with ``parts=True``) is 'partial'."""
    a = bank.assignment(slug)
    hidden_cases = {} if public else (hidden_cases or {})
    results = []
    for q in a.exercises:
        q = for_student(q, student, salt)
        cap = captured.get(q.qid, {"state": "unanswered"})
        r = q.judge(cap, hidden_cases.get(q.qid, ()))
        if not public and r.status == "incorrect" and 0 < r.score < r.points:
            r.status = "partial"
        results.append(r)
    return Report(a.slug, results, public=public)
