"""The grader's HTML pages, rendered from Jinja2 templates with autoescaping (``templates/`` beside this file).

- :func:`feedback_page`: what one student may see (answers' states and the feedback of the checks they can see;
  hidden checks are counted, never shown);
- :func:`report_page`: the instructor's class report, with the item analysis of :mod:`legpain.grading.item_analysis`
  and its answer-distribution bars.

Every value reaches the page through the template, so student ids, answers and messages are escaped once, by
Jinja2; nothing is concatenated by hand.
"""

from __future__ import annotations

import base64
import io
from functools import lru_cache
from typing import Sequence

from ..common.text import points

__all__ = ["feedback_page", "report_page", "answer_bars"]


@lru_cache(maxsize=1)
def _env():
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(loader=PackageLoader("legpain.grading", "templates"),
                      autoescape=select_autoescape(["html", "j2", "html.j2"], default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["pts"] = points
    env.filters["pct"] = lambda x: "—" if x is None else f"{100 * float(x):.0f}%"
    env.filters["num"] = lambda x, d=2: "—" if x is None else f"{float(x):.{d}f}"
    return env


def render(template: str, **context) -> str:
    return _env().get_template(template).render(**context)


def feedback_page(**context) -> str:
    """A student's feedback page (see ``templates/feedback.html.j2`` for the context it reads)."""
    return render("feedback.html.j2", **context)


def report_page(**context) -> str:
    """The class report (see ``templates/report.html.j2``)."""
    return render("report.html.j2", **context)


# ---- answer-distribution bars ----------------------------------------------------------------------------------

_MAX_BARS = 6


class _Bars:
    """One small figure, redrawn for each question (making a new figure for each costs more than drawing)."""

    def __init__(self):
        from ..ui.figures import new_figure

        self.fig, self.ax = new_figure(alt="Answers given to one question.", figsize=(4.6, 1.9))
        # fixed margins (room for 28-character labels): a layout engine would draw every chart twice
        self.fig.set_layout_engine(None)
        self.fig.subplots_adjust(left=0.41, right=0.95, top=0.86, bottom=0.24)

    def draw(self, st) -> tuple[bytes, str]:
        from ..ui.figures import OKABE_ITO

        ax = self.ax
        ax.clear()
        groups = list(st.groups[:_MAX_BARS])
        rest = sum(g.count for g in st.groups[_MAX_BARS:])
        labels = [g.text if len(g.text) <= 28 else g.text[:27] + "…" for g in groups]
        counts = [g.count for g in groups]
        colours = [OKABE_ITO["bluish green"] if g.correct else
                   (OKABE_ITO["vermillion"] if g.state == "answer" else "#999999") for g in groups]
        if rest:
            labels.append(f"{len(st.groups) - _MAX_BARS} other answers")
            counts.append(rest)
            colours.append("#bbbbbb")
        y = list(range(len(counts)))[::-1]
        ax.barh(y, counts, color=colours, height=0.7)
        ax.set_yticks(y, labels, fontsize=8)
        for t in ax.get_yticklabels():  # students' answers: "$x^$" is text, never matplotlib's mathtext
            t.set_parse_math(False)
        ax.set_xlabel("Students", fontsize=8)
        ax.tick_params(axis="x", labelsize=8)
        ax.set_title(f"{st.label}: answers given", fontsize=9, parse_math=False)
        for yy, c in zip(y, counts):
            ax.text(c, yy, f" {c}", va="center", fontsize=8, parse_math=False)
        ax.set_xlim(0, max(counts + [1]) * 1.18)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        buf = io.BytesIO()
        self.fig.savefig(buf, format="png", dpi=100, facecolor="white", metadata={"Software": None})
        parts = [f"{g.text}: {g.count} ({'right' if g.correct else g.state if g.state != 'answer' else 'wrong'})"
                 for g in groups]
        alt = f"Bar chart of the answers to {st.label}: " + "; ".join(parts)
        if rest:
            alt += f"; {rest} more students gave other answers"
        return buf.getvalue(), alt + "."


def answer_bars(stats: Sequence) -> dict[str, tuple[str, str]]:
    """{question id: (data: URI of a PNG, alt text)} for every question with answers to show."""
    todo = [st for st in stats if st.groups]
    if not todo:
        return {}
    bars = _Bars()
    out = {}
    for st in todo:
        try:
            png, alt = bars.draw(st)
        except Exception:  # noqa: BLE001 - an answer matplotlib cannot draw costs its question's bars, not the report
            continue
        out[st.qid] = ("data:image/png;base64," + base64.b64encode(png).decode("ascii"), alt)
    return out
