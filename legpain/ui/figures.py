"""Figures of the course: a colour-blind-safe palette, figures that carry alt text, and an accessibility check.

Figures are made with :class:`matplotlib.figure.Figure` directly (not pyplot), so they never pile up in global
state and never show twice: a notebook shows one by making it the last value of a cell, or through :func:`demo`.
In Jupyter a figure shows as an image with its alt text (``<img alt=...>``); as plain text it shows the alt text.
"""

from __future__ import annotations

import base64
import html
import io
from typing import Iterable

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

__all__ = [
    "OKABE_ITO",
    "PALETTE",
    "CourseFigure",
    "new_figure",
    "accessibility_problems",
    "percent_improvement",
    "percent_improvement_figure",
    "round_up",
]

# Okabe M, Ito K. Color Universal Design (2008): distinguishable with the common colour-vision deficiencies.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "black": "#000000",
}
PALETTE = [OKABE_ITO[k] for k in ("blue", "orange", "bluish green", "vermillion", "reddish purple", "sky blue",
                                  "yellow", "black")]
# neutral colours allowed besides the palette (text, axes, backgrounds, outlines)
NEUTRALS = {"#ffffff", "#000000", "#999999", "#bbbbbb", "#dddddd", "#eeeeee", "#f5f5f5", "#666666", "#333333",
            "#444444", "#555555", "#777777", "#888888", "#aaaaaa", "#cccccc", "#e6e6e6", "#d9d9d9", "#f0f0f0",
            "#fafafa", "#f7f7f7"}
MIN_FONT_PT = 8


def round_up(value: float, ladder: Iterable[float]) -> float:
    """The first value of ``ladder`` (ascending) at or above ``value``, or the last one's multiple that is.

    Live demos keep an axis on a few such round limits instead of fitting it to each setting's data: settings that
    share a limit share the picture of the rest of the figure (drawn once, kept), and the scale jumps rarely, so
    two settings are easier to compare."""
    ladder = list(ladder)
    for step in ladder:
        if value <= step:
            return step
    top = ladder[-1]
    return top * -(-value // top)


class CourseFigure(Figure):
    """A matplotlib Figure with alt text, shown in Jupyter as an accessible image."""

    def __init__(self, *args, alt: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.alt = alt
        FigureCanvasAgg(self)

    def png(self, dpi: int = 110) -> bytes:
        buf = io.BytesIO()
        self.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", facecolor="white", metadata={"Software": None})
        return buf.getvalue()

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = self.png()
        b64 = base64.b64encode(data).decode("ascii")
        width = int(self.get_figwidth() * 96)
        return {
            "text/html": f"<img src='data:image/png;base64,{b64}' alt='{html.escape(self.alt, quote=True)}' "
                         f"style='max-width:100%;width:{width}px'>",
            "image/png": b64,
            "text/plain": f"[figure] {self.alt}",
        }

    def __repr__(self) -> str:
        return f"[figure] {self.alt}"

    __str__ = __repr__


def new_figure(alt: str, figsize=(7.0, 4.0), nrows: int = 1, ncols: int = 1, **subplot_kw):
    """A :class:`CourseFigure` and its axes. ``alt`` is one sentence that says what the figure shows."""
    if not alt or not alt.strip():
        raise ValueError("every figure needs alt text: one sentence saying what it shows")
    fig = CourseFigure(figsize=figsize, alt=alt.strip(), layout="constrained")
    axes = fig.subplots(nrows, ncols, **subplot_kw)
    return fig, axes


def _colours(fig) -> Iterable[str]:
    from matplotlib.collections import Collection
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    for ax in fig.axes:
        for artist in ax.get_children():
            if isinstance(artist, Line2D) and artist.get_visible():
                yield to_hex(artist.get_color())
            elif isinstance(artist, Patch) and artist.get_visible() and artist is not ax.patch:
                fc = artist.get_facecolor()
                if fc[3] > 0:
                    yield to_hex(fc, keep_alpha=False)
            elif isinstance(artist, Collection) and artist.get_visible():
                for fc in artist.get_facecolors():
                    if fc[3] > 0:
                        yield to_hex(fc, keep_alpha=False)


def accessibility_problems(fig, palette: Iterable[str] = PALETTE) -> list[str]:
    """What keeps a figure from the course's standard: alt text, a title, labelled axes, palette, legible text."""
    problems = []
    alt = getattr(fig, "alt", "")
    if not alt:
        problems.append("no alt text")
    elif alt.count(". ") > 1:
        problems.append("alt text should be one sentence")
    has_title = bool(fig._suptitle and fig._suptitle.get_text()) or any(ax.get_title() for ax in fig.axes)
    if not has_title:
        problems.append("no title")
    for i, ax in enumerate(fig.axes):
        if not ax.axison:
            continue
        if ax.xaxis.get_visible() and len(ax.get_xticks()) and not ax.get_xlabel():
            problems.append(f"axes {i}: no x-axis label")
        if ax.yaxis.get_visible() and len(ax.get_yticks()) and not ax.get_ylabel():
            problems.append(f"axes {i}: no y-axis label")
    allowed = {c.lower() for c in palette} | NEUTRALS
    for colour in set(_colours(fig)):
        if colour.lower() not in allowed:
            problems.append(f"colour {colour} is not in the colour-blind-safe palette")
    from matplotlib.text import Text

    for t in fig.findobj(Text):
        if t.get_visible() and t.get_text().strip() and t.get_fontsize() < MIN_FONT_PT:
            problems.append(f"text {t.get_text()[:20]!r} is smaller than {MIN_FONT_PT} pt")
    return problems
