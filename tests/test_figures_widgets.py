"""Figures carry alt text and meet the accessibility check; demos render headless through their pure functions."""

import pytest

from legpain import figures, widgets


def test_percent_improvement_values_and_bad_baseline():
    """Improvement is (baseline - follow-up) / baseline x 100, and a zero baseline is refused clearly."""
    assert figures.percent_improvement(8, 6) == 25
    assert figures.percent_improvement(4, 6) == -50
    with pytest.raises(ValueError, match="above 0"):
        figures.percent_improvement(0, 1)


def test_percent_improvement_figure_is_accessible_and_renders():
    """The lesson-00 figure has a title, labelled axes, palette colours, legible text, and renders to PNG."""
    fig = figures.percent_improvement_figure(6, 3)
    assert figures.accessibility_problems(fig) == []
    assert "50% improvement" in fig.alt and "50% improvement" in fig.axes[0].get_title()
    assert fig.png()[:8] == b"\x89PNG\r\n\x1a\n"
    bundle = fig._repr_mimebundle_()
    assert "alt='Bar chart" in bundle["text/html"] and bundle["text/plain"].startswith("[figure]")
    assert "-50% improvement (the pain got worse)" in figures.percent_improvement_figure(4, 6).alt


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
    d = widgets.demo(figures.percent_improvement_figure,
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


def test_demo_widget_updates_when_a_control_moves():
    """The interactive form calls the pure function again, with the new value, when a control moves."""
    calls = []

    def draw(baseline, follow_up):
        calls.append((baseline, follow_up))
        return figures.percent_improvement_figure(baseline, follow_up)

    b = widgets.slider("Start", 1, 10, 8)
    d = widgets.demo(draw, baseline=b, follow_up=widgets.slider("F", 0, 10, 6))
    box = d.widget()
    assert calls == [(8, 6)] and box.children[0] is b
    b.value = 4
    assert calls[-1] == (4, 6)
