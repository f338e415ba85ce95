"""Your progress: for each exercise set, how many of the checks you can see pass in your own saved exercise
notebooks. It runs each notebook afresh, by the same path the grader uses (a fresh process per notebook, answers
judged outside it), so the numbers are the ones ``check_all()`` shows in that notebook.

Used by: lesson 00 (section "Your progress").
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from ..common.text import points
from ..common.notebooks import COURSE_ROOT

__all__ = ["progress", "SetProgress", "progress_table", "progress_figure"]


_num = points  # points as people write them: 9.33333 -> '9.33'



@dataclass
class SetProgress:
    slug: str
    passed: int  # auto-checked questions fully right
    questions: int  # auto-checked questions
    points: float
    max_points: float
    manual: int  # questions graded by hand
    problem: str = ""
    graded: bool = False  # a graded set of a class edition: ``passed`` counts answers recorded, not right


def progress_table(folder: str | Path | None = None, timeout: float = 10.0) -> list[SetProgress]:
    """Run every exercise notebook in ``folder`` (default: the course's exercises/) and score it (public checks).

    A set's notebook is ``NN-name-exercises.ipynb``; one under its name before issue 14 (``NN-name.ipynb``) is read
    when the new one is missing (a class handed the old files keeps its work there)."""
    from ..common.layout import set_files, slug_of
    from . import run_public

    folder = Path(folder) if folder else COURSE_ROOT / "exercises"
    chosen: dict[str, Path] = {}  # one notebook per set: the new name if it is there
    for path in sorted(folder.glob("[0-9][0-9]-*.ipynb")):
        key = slug_of(path.name) or path.name
        if key not in chosen or path.name == set_files(key).exercise.name:
            chosen[key] = path
    paths = [chosen[k] for k in sorted(chosen)]
    rows = []
    for o in run_public(paths, timeout=timeout):
        if not o.graded:
            rows.append(SetProgress(slug_of(o.item.label) or o.item.student, 0, 0, 0.0, 0.0, 0, o.problem))
            continue
        auto = [r for r in o.public.results if not r.manual]
        from ..checking import bank

        graded = bank.assignment(o.public.slug).graded
        rows.append(SetProgress(o.public.slug, sum(r.status == ("recorded" if graded else "correct") for r in auto),
                                len(auto), o.public.public_score, o.public.auto_max,
                                sum(r.manual for r in o.public.results), graded=graded))
    return rows


def progress_figure(rows: list[SetProgress]):
    """Horizontal bars: share of the visible points earned in each exercise set."""
    from ..ui.figures import PALETTE, new_figure

    done = sum(r.points for r in rows)
    total = sum(r.max_points for r in rows)
    fig, ax = new_figure(alt=f"Bar chart of your progress: {_num(done)} of {_num(total)} auto-checked points across "
                             f"{len(rows)} exercise sets.", figsize=(7, 0.45 * len(rows) + 1.4))
    labels = [r.slug for r in rows][::-1]
    shares = [100 * r.points / r.max_points if r.max_points else 0 for r in rows][::-1]
    ax.barh(labels, [100] * len(rows), color="#eeeeee")
    ax.barh(labels, shares, color=PALETTE[2])
    for y, r in enumerate(rows[::-1]):
        ax.text(101, y, f"{_num(r.points)}/{_num(r.max_points)}", va="center", fontsize=9)
    ax.set_xlim(0, 112)
    ax.set_xlabel("Points from the checks you can see (% of the set)")
    ax.set_ylabel("Exercise set")
    ax.set_title("Your progress (saved exercise notebooks)")
    ax.spines[["top", "right"]].set_visible(False)
    return fig


class _Progress:
    def __init__(self, rows):
        self.rows = rows

    def __repr__(self) -> str:
        lines = ["Your progress (from your saved exercise notebooks):"]
        for r in self.rows:
            if r.problem:
                lines.append(f"  {r.slug}: not checked — {r.problem}")
            elif r.graded:
                lines.append(f"  {r.slug}: {r.passed} of {r.questions} answers recorded; graded by your instructor")
            else:
                lines.append(f"  {r.slug}: {r.passed} of {r.questions} questions right, {_num(r.points)} of "
                             f"{_num(r.max_points)} points" + (f" (+{r.manual} graded by hand)" if r.manual else ""))
        return "\n".join(lines)

    def _repr_mimebundle_(self, include=None, exclude=None):
        body = "".join(
            f"<tr><td style='text-align:left'>{html.escape(r.slug)}</td>"
            + (f"<td colspan='3' style='text-align:left'>not checked: {html.escape(r.problem)}</td></tr>"
               if r.problem else
               f"<td>{r.passed} of {r.questions} recorded</td><td>graded by your instructor</td><td>{r.manual}</td></tr>"
               if r.graded else
               f"<td>{r.passed} of {r.questions}</td><td>{_num(r.points)} of {_num(r.max_points)}</td>"
               f"<td>{r.manual}</td></tr>")
            for r in self.rows)
        table = ("<table><thead><tr><th style='text-align:left'>Exercise set</th><th>Questions right</th>"
                 "<th>Points (checks you can see)</th><th>Graded by hand</th></tr></thead>"
                 f"<tbody>{body}</tbody></table>")
        fig = progress_figure([r for r in self.rows if not r.problem and not r.graded])
        bundle = fig._repr_mimebundle_()
        return {"text/html": table + bundle["text/html"], "text/plain": repr(self)}


def progress(folder: str | Path | None = None):
    """Show your progress in every exercise set. Save your exercise notebooks first: it reads the saved files."""
    return _Progress(progress_table(folder))
