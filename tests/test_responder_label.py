"""Lesson 05's responder demo: the cut-off line's label stays readable at every cut-off the slider offers."""

import matplotlib
import pytest

matplotlib.use("Agg")

from matplotlib.patches import Rectangle  # noqa: E402

from legpain.topics import trial_results as results
from legpain.ui import demos as widgets  # noqa: E402

CUTOFFS = range(10, 100, 5)  # the lesson's slider: 10 to 95 in steps of 5
WEEKS = (12, 52)


def _label(fig):
    (label,) = [t for t in fig.axes[0].texts if t.get_text().startswith("cut-off")]
    return label


def _assert_readable(fig, cutoff):
    """The label names the cut-off, lies inside its panel, and neither the legend nor a bar covers any of it."""
    fig.canvas.draw()
    ax = fig.axes[0]
    label = _label(fig)
    assert label.get_text() == f"cut-off {cutoff:g}%"
    box = label.get_window_extent()
    legend = ax.get_legend().get_window_extent()
    assert not box.overlaps(legend), (cutoff, box, legend)
    panel = ax.get_window_extent()
    assert panel.x0 <= box.x0 and box.x1 <= panel.x1 and panel.y0 <= box.y0 and box.y1 <= panel.y1, (cutoff, box)
    bars = [p.get_window_extent() for p in ax.patches if isinstance(p, Rectangle) and p.get_height() > 0]
    assert not any(box.overlaps(bar) for bar in bars), cutoff


@pytest.mark.parametrize("week", WEEKS)
@pytest.mark.parametrize("cutoff", CUTOFFS)
def test_cutoff_label_clear_of_the_legend_in_a_fresh_figure(cutoff, week):
    """A freshly drawn responder figure shows its cut-off label whole: not under the legend, not on a bar."""
    fig = results.responder_figure(cutoff, week)
    fig.set_dpi(widgets.figure_dpi(fig))
    _assert_readable(fig, cutoff)


@pytest.mark.parametrize("week", WEEKS)
@pytest.mark.parametrize("start", (50, 10))
def test_cutoff_label_clear_of_the_legend_after_in_place_updates(start, week):
    """The live demo's in-place path (first layout kept) moves the label to a readable place for every cut-off,
    whichever side of the legend the figure was first drawn with (that it matches a fresh figure pixel for pixel is
    tests/test_figures_widgets.py's in-place test)."""
    fig = results.responder_figure(start, week)
    fig.set_dpi(widgets.figure_dpi(fig))
    fig.canvas.draw()
    fig.set_layout_engine("none")  # a live figure keeps its first layout
    for cutoff in CUTOFFS:
        assert fig.legpain_update(cutoff=cutoff, week=week) is True
        _assert_readable(fig, cutoff)
