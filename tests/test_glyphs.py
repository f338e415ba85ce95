"""Text drawn with kept glyph pictures (legpain.ui.glyphs) is matplotlib's own drawing, pixel for pixel."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from legpain.ui import glyphs


def _texts_figure():
    """Text of every kind a course figure uses: titles, rotated labels, lines broken over two, bold, a minus sign,
    a legend, an annotation with a box, mathtext, text at sub-pixel positions, and text drawn without smoothing."""
    fig = Figure(figsize=(6, 4), dpi=84)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.plot([0, 1, 2], [-1, 0.5, 2], label="Simple randomization: ends +12 (factor 1: +7)")
    ax.set_title("Simulated: 20 repeats of one trial — 3 of 20 CIs miss the truth;\naverage width 16.9 points")
    ax.set_ylabel("Difference in share with the factor,\n|A − B| (percentage points)")
    ax.set_xlabel("Patients enrolled so far", fontweight="bold")
    ax.legend(loc="upper left", fontsize=9)
    ax.annotate("96 per group: 64%", (1, 0.5), xytext=(8, -16), textcoords="offset points",
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    ax.text(0.1, 1.5, r"$\alpha = 0.05$, ≥ 1 false positive", fontsize=10)
    for k in range(6):
        ax.text(0.2 + k * 0.0137, -0.5 + k * 0.31, f"{k * 1.7:.1f}", rotation=15 * k, fontsize=8 + k)
    ax.text(1.5, 1.0, "no smoothing", antialiased=False)
    return fig


def _pixels(fig, fast: bool) -> np.ndarray:
    if fast:
        assert glyphs.speed_up(fig.canvas.get_renderer())
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba()).copy()


def test_kept_glyphs_draw_the_same_pixels_as_matplotlib():
    plain = _pixels(_texts_figure(), fast=False)
    fig = _texts_figure()
    first = _pixels(fig, fast=True)     # glyphs rendered and kept
    second = _pixels(fig, fast=True)    # glyphs taken from the cache
    assert np.array_equal(plain, first)
    assert np.array_equal(plain, second)


SIMULATION_FIGURES = [("allocation", "running_imbalance_figure"), ("allocation", "comparison_figure"),
                      ("stats", "ci_dance_figure"), ("stats", "power_figure"), ("trial_results", "missing_data_figure")]


@pytest.mark.parametrize("module, name", SIMULATION_FIGURES)
def test_demo_figures_with_kept_glyphs_are_pixel_identical(module, name):
    import importlib

    func = getattr(importlib.import_module(f"legpain.topics.{module}"), name)
    a, b = func(), func()
    for fig in (a, b):
        fig.set_dpi(84)
    assert np.array_equal(_pixels(a, fast=False), _pixels(b, fast=True))


def test_the_caches_are_bounded(monkeypatch):
    monkeypatch.setattr(glyphs, "MAX_GLYPHS", 50)
    monkeypatch.setattr(glyphs, "MAX_LAYOUTS", 5)
    glyphs._GLYPHS.clear()
    glyphs._LAYOUTS.clear()
    fig = _texts_figure()
    _pixels(fig, fast=True)
    assert 0 < len(glyphs._GLYPHS) <= 50 and 0 < len(glyphs._LAYOUTS) <= 5
