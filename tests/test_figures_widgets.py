"""Figures carry alt text and meet the accessibility check; demos render headless through their pure functions."""

import pytest

from legpain.topics import start_here
from legpain.ui import figures, demos as widgets


def test_percent_improvement_values_and_bad_baseline():
    """Improvement is (baseline - follow-up) / baseline x 100, and a zero baseline is refused clearly."""
    assert start_here.percent_improvement(8, 6) == 25
    assert start_here.percent_improvement(4, 6) == -50
    with pytest.raises(ValueError, match="above 0"):
        start_here.percent_improvement(0, 1)


def test_percent_improvement_figure_is_accessible_and_renders():
    """The lesson-00 figure has a title, labelled axes, palette colours, legible text, and renders to PNG."""
    fig = start_here.percent_improvement_figure(6, 3)
    assert figures.accessibility_problems(fig) == []
    assert "50% improvement" in fig.alt and "50% improvement" in fig.axes[0].get_title()
    assert fig.png()[:8] == b"\x89PNG\r\n\x1a\n"
    bundle = fig._repr_mimebundle_()
    assert "alt='Bar chart" in bundle["text/html"] and bundle["text/plain"].startswith("[figure]")
    assert "-50% improvement (the pain got worse)" in start_here.percent_improvement_figure(4, 6).alt


def test_accessibility_check_finds_problems():
    """A figure with no title, no labels, an off-palette colour and tiny text is reported."""
    fig, ax = figures.new_figure(alt="A test figure.")
    ax.plot([0, 1], [0, 1], color="#123456")
    ax.text(0.5, 0.5, "tiny", fontsize=5)
    problems = figures.accessibility_problems(fig)
    assert "no title" in problems
    assert any("x-axis label" in p for p in problems) and any("palette" in p for p in problems)
    assert any("smaller than" in p for p in problems)
    with pytest.raises(ValueError, match="alt text"):
        figures.new_figure(alt="")


def test_demo_renders_headless_with_defaults(monkeypatch, capsys):
    """Without a front end a demo shows its function once, with the controls' starting values."""
    monkeypatch.setenv("LEGPAIN_HEADLESS", "1")
    d = widgets.demo(start_here.percent_improvement_figure,
                     baseline=widgets.slider("Start", 1, 10, 8), follow_up=widgets.slider("Follow-up", 0, 10, 6))
    assert widgets.headless()
    assert d.defaults == {"baseline": 8, "follow_up": 6}
    assert "25% improvement" in d.render().alt
    assert "40% improvement" in d.render(follow_up=4.8).alt
    with pytest.raises(TypeError, match="no control named"):
        d.render(sample_size=3)
    d._ipython_display_()
    out = capsys.readouterr().out
    assert "[figure] Bar chart" in out and "Static view" in out


def _controls(box):
    grid = box.children[0]
    return [cell.children[1] for cell in grid.children]


def test_demo_widget_updates_when_a_control_moves():
    """The interactive form calls the pure function again, with the new value, when a control moves, and shows
    the new figure in the same Image widget (no new output)."""
    calls = []

    def draw(baseline, follow_up):
        calls.append((baseline, follow_up))
        return start_here.percent_improvement_figure(baseline, follow_up)

    b = widgets.slider("Start", 1, 10, 8)
    d = widgets.demo(draw, baseline=b, follow_up=widgets.slider("F", 0, 10, 6))
    box = d.widget()
    assert calls == [(8, 6)] and _controls(box)[0] is b
    screen = box.children[1]
    assert screen is box.legpain_screen
    first = screen.current["ops"]  # drawing instructions over a kept picture of the rest (legpain/ui/vector.py)
    assert screen.current["kind"] == "vector" and screen.current["bg_png"][:8] == b"\x89PNG\r\n\x1a\n"
    b.value = 4
    box.legpain_flush()  # what the kernel's event loop does after the control message
    assert calls == [(8, 6)]  # the figure offers an in-place update: no rebuild
    assert screen.current["ops"] != first and box.children[1] is screen
    assert "4 of 10 at the start" in screen.current["alt"]  # alt text follows the figure
    assert screen.current["key"] == "30,60" and screen.sent == {"70,60", "30,60"}  # steps of 0.1 from the minimum
    b.value = 8
    box.legpain_flush()
    assert screen.current == {"key": "70,60"}  # the browser holds that picture already: nothing drawn or sent


def test_in_place_update_draws_the_same_figure_as_a_rebuild():
    """Lesson 00's figure updated in place shows what a fresh figure for the new values shows."""
    fig = start_here.percent_improvement_figure(6, 3)
    fig.legpain_update(baseline=8, follow_up=2)
    fresh = start_here.percent_improvement_figure(8, 2)
    assert fig.alt == fresh.alt and fig.axes[0].get_title() == fresh.axes[0].get_title()
    assert [p.get_height() for p in fig.axes[0].patches] == [p.get_height() for p in fresh.axes[0].patches]
    assert [t.get_text() for t in fig.axes[0].texts] == ["8", "2"]


def test_demo_layout_convention():
    """Descriptions above controls in a grid of equal columns; menus as wide as their longest option; sliders with
    a minimum track; long menus get a whole row; keys stay in the demo (Lumino's suppress attribute)."""
    d = widgets.demo(lambda n, kind, claim: start_here.percent_improvement_figure(6, 3), title="T",
                     n=widgets.int_slider("A long description of the number of patients in the trial", 1, 9, 3),
                     kind=widgets.menu("Kind", ["low", "some concerns", "high"], "high"),
                     claim=widgets.menu("Claim", [("x" * 70, 1), ("y", 2)], 1))
    box = d.widget()
    grid = box.children[1]
    assert "minmax(300px, 1fr)" in grid.layout.grid_template_columns
    cells = grid.children
    assert "A long description" in cells[0].children[0].value and cells[0].children[1].description == ""
    assert int(cells[0].children[1].layout.min_width[:-2]) >= widgets.LAYOUT.track_min
    assert int(cells[1].children[1].layout.min_width[:-2]) >= len("some concerns") * 7
    assert cells[2].layout.grid_column == "1 / -1"
    assert "legpain-demo" in box._dom_classes
    from legpain.ui.screen import Screen

    assert "data-lm-suppress-shortcuts" in str(Screen._esm) and "not running" in widgets._REOPENED
    assert "<script" not in widgets._REOPENED  # all script comes with the widget (static/screen.js)


def test_figures_are_drawn_legibly_and_fit_the_window():
    """Live figures: text of 8-12 pt is 9-14 px on screen, and a big figure is scaled to fit 880x520 px."""
    small = start_here.percent_improvement_figure(6, 3)
    assert widgets.figure_dpi(small) == widgets.LAYOUT.dpi
    assert 12 * widgets.LAYOUT.dpi / 72 <= 14.01
    big, _ = figures.new_figure("A big test figure.", figsize=(12, 8))
    dpi = widgets.figure_dpi(big)
    assert 12 * dpi <= 880 + 1 and 8 * dpi <= 520 + 1


def test_static_gallery_shows_key_states(monkeypatch):
    """Without states= a demo's gallery shows other values of its first control; captions say the settings."""
    d = widgets.demo(start_here.percent_improvement_figure,
                     baseline=widgets.slider("Start", 1, 10, 8), follow_up=widgets.slider("Follow-up", 0, 10, 6))
    assert d.key_states() == [{"baseline": 1}, {"baseline": 10}]
    g = d.gallery_html()
    assert g.count("<img") == 2 and "Start: 10" in g and "alt='Bar chart" in g
    m = widgets.demo(lambda kind: start_here.percent_improvement_figure(6, 3),
                     kind=widgets.menu("Kind", [("Low risk", "low"), ("High risk", "high")], "low"),
                     states=[{"kind": "high"}])
    assert m.describe({"kind": "high"}) == "Kind: High risk" and m.key_states() == [{"kind": "high"}]
    monkeypatch.setenv("LEGPAIN_HEADLESS", "1")
    monkeypatch.setenv("LEGPAIN_GALLERY", "1")
    import io
    import contextlib
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        d._ipython_display_()
    assert "gallery" in buf.getvalue()


IN_PLACE = [
    ("start_here", "percent_improvement_figure", {"baseline": 6, "follow_up": 3}, {"baseline": 9.5, "follow_up": 7}),
    ("rob2", "rob2_figure", {}, {"randomization": "high", "measurement": "low",
                                 "several_concerns_lower_confidence": True}),
    ("appraisal", "grade_ladder", {"start": "randomised trials", "down": 1, "up": 0},
     {"start": "observational studies", "down": 0, "up": 2}),
    ("stats", "multiplicity_figure", {"tests": 12, "alpha": 0.05}, {"tests": 33, "alpha": 0.01}),
    ("trial_results", "missing_data_figure", {}, {"missing_smt_hea": -40, "missing_hea": 95}),
    ("appraisal", "discern_profile", {"document": "001"}, {"document": "004", "q1": 5, "q7": 1, "q16": 2}),
    ("appraisal", "hnr_profile", {"document": "002"},
     {"document": "003", "c1": "satisfactory", "c4": "not applicable", "c10": "satisfactory"}),
    ("nerve_roots", "level_figure", {"level": "L4-L5", "direction": "paracentral"},
     {"level": "L5-S1", "direction": "far lateral"}),
    ("nerve_roots", "level_figure", {"level": "L4-L5", "direction": "paracentral"},
     {"level": "L3-L4", "direction": "paracentral"}),
    ("nerve_roots", "root_explorer", {"root": "L5"}, {"root": "S1"}),
    ("nerve_roots", "root_explorer", {"root": "L5"}, {"root": "L2"}),
    ("anatomy", "draw_motion_segment", {"change": "none"}, {"change": "all together"}),
    ("anatomy", "draw_motion_segment", {"change": "all together"}, {"change": "facet enlargement"}),
    ("anatomy", "draw_motion_segment", {"change": "bone spur"}, {"change": "herniation"}),
    ("nerve_roots", "slr_figure", {"test": "straight leg raise"}, {"test": "crossed straight leg raise"}),
    ("trial_results", "responder_figure", {"cutoff": 50, "week": 12}, {"cutoff": 15, "week": 12}),
    ("trial_results", "responder_figure", {"cutoff": 50, "week": 12}, {"cutoff": 85, "week": 12}),
    ("stats", "ci_dance_figure", {}, {"n_per_group": 10, "true_effect": 3, "sd": 45, "seed": 7}),
    ("stats", "ci_dance_figure", {}, {"n_per_group": 300, "true_effect": 25}),
    ("allocation", "running_imbalance_figure", {}, {"n_patients": 40, "p": 0.65, "seed": 3}),
    ("allocation", "running_imbalance_figure", {}, {"n_patients": 400, "p": 1.0, "seed": 12}),
    ("allocation", "comparison_figure", {}, {"n_patients": 40, "n_factors": 1, "p": 0.65}),
    ("allocation", "comparison_figure", {}, {"n_patients": 400, "n_factors": 8, "p": 1.0}),
    ("allocation", "tradeoff_figure", {}, {"n_factors": 8}),
    ("allocation", "tradeoff_figure", {"n_factors": 8}, {"n_factors": 1}),
    ("stats", "power_figure", {}, {"n_per_group": 300, "true_effect": 4, "sd": 45, "trial_number": 9}),
    ("stats", "power_figure", {}, {"n_per_group": 12, "true_effect": 25, "sd": 10}),
    ("consort", "precis_wheel", {}, {"eligibility": 4, "setting": 2, "follow_up": 5}),
    ("consort", "precis_wheel", {"eligibility": 1}, {k: 3 for k in ("eligibility", "recruitment", "setting",
     "organisation", "flexibility_delivery", "flexibility_adherence", "follow_up", "primary_outcome",
     "primary_analysis")}),
]


@pytest.mark.parametrize("module, name, start, new", IN_PLACE, ids=[n for _m, n, _s, _n in IN_PLACE])
def test_live_update_in_place_looks_like_a_fresh_figure(module, name, start, new):
    """A demo whose figure updates in place (blitting what changes over a kept background) shows, pixel for pixel
    within rounding, what a freshly drawn figure for the new values shows, with the same alt text."""
    import importlib
    import io

    import numpy as np
    from matplotlib.image import imread

    func = getattr(importlib.import_module(f"legpain.topics.{module}"), name)
    fig = func(**start)
    assert callable(fig.legpain_update) and fig.legpain_animated
    dpi = widgets.figure_dpi(fig)
    background = widgets._background(fig, fig.legpain_animated, dpi)
    fig.set_layout_engine("none")
    import inspect

    given = {**start, **new}
    params = inspect.signature(func).parameters
    values = {p: given.get(p, prm.default) for p, prm in params.items() if prm.kind != prm.VAR_KEYWORD}
    values.update({k: v for k, v in given.items() if k not in params})  # **scores
    assert fig.legpain_update(**values) is not False
    live = imread(io.BytesIO(widgets._blit_png(fig, fig.legpain_animated, background)))
    fresh_fig = func(**values)
    fresh_fig.set_layout_engine("none")  # the live figure keeps its first layout: compare like with like
    for a, b in zip(fresh_fig.axes, fig.axes):
        a.set_position(b.get_position())
    for name in ("_suptitle", "_supxlabel", "_supylabel"):  # constrained layout also placed these
        if getattr(fig, name, None) is not None:
            getattr(fresh_fig, name).set_position(getattr(fig, name).get_position())
    fresh = imread(io.BytesIO(widgets.figure_png(fresh_fig, dpi)))
    assert fig.alt == fresh_fig.alt
    assert live.shape[:2] == fresh.shape[:2]
    diff = np.abs(live[..., :3] - fresh[..., :3])
    assert diff.mean() < 0.002
    assert (diff.max(axis=-1) > 0.25).mean() < 0.0005  # no changed marker or word is left out (a few pixels at most)


LEGIBLE = [("start_here", "percent_improvement_figure"), ("anatomy", "draw_motion_segment"), ("nerve_roots", "level_figure"),
           ("nerve_roots", "root_explorer"), ("nerve_roots", "slr_figure"), ("consort", "precis_wheel"),
           ("allocation", "running_imbalance_figure"), ("allocation", "comparison_figure"),
           ("allocation", "tradeoff_figure"), ("stats", "ci_dance_figure"), ("stats", "power_figure"),
           ("trial_results", "responder_figure"), ("trial_results", "missing_data_figure"), ("stats", "multiplicity_figure"),
           ("rob2", "rob2_figure"), ("appraisal", "discern_profile"), ("appraisal", "hnr_profile"),
           ("appraisal", "grade_ladder")]


@pytest.mark.parametrize("module, name", LEGIBLE, ids=[n for _m, n in LEGIBLE])
def test_demo_figure_text_is_at_least_10_px_on_screen(module, name):
    """Every demo figure, drawn at the resolution a live demo uses, has no text under 10 px (no upscaling)."""
    import importlib

    from matplotlib.text import Text

    fig = getattr(importlib.import_module(f"legpain.topics.{module}"), name)()
    dpi = widgets.figure_dpi(fig)
    assert dpi <= widgets.LAYOUT.dpi
    small = [(t.get_text()[:20], round(t.get_fontsize() * dpi / 72, 1)) for t in fig.findobj(Text)
             if t.get_visible() and t.get_text().strip() and t.get_fontsize() * dpi / 72 < 10]
    assert small == []


def test_responder_figure_draws_anew_for_another_week():
    """The responder figure's in-place path covers the cut-off only; another week asks for a fresh figure."""
    from legpain.topics import trial_results as results

    fig = results.responder_figure(50, 12)
    assert fig.legpain_update(cutoff=40, week=52) is False
    assert fig.legpain_update(cutoff=40, week=12) is True
