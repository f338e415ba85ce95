"""Vector frames (legpain/ui/vector.py): a live demo's changing artists sent as drawing instructions, drawn in the
browser over a kept picture of the figure's rest. What they draw must be the figure matplotlib draws."""

import random

import matplotlib
import numpy as np
import pytest

from legpain.ui import demos as widgets
from legpain.ui import vector
from legpain.ui.screen import key_of, plan, spec_of, values_of
from helpers import WORST_BLOCK, picture_rgba, worst_block
from test_frames import _lesson_demos

matplotlib.use("agg")

WORST = WORST_BLOCK
_rgba, _worst = picture_rgba, worst_block


def _drawn(frame, glyphs) -> np.ndarray:
    glyphs.update(frame["glyphs"])
    return vector.rasterize(frame["ops"], glyphs, _rgba(frame["bg_png"]))


VECTOR_DEMOS = [(lesson, k, d) for k, (lesson, d) in enumerate(_lesson_demos())]


@pytest.mark.parametrize("lesson, k, d", VECTOR_DEMOS, ids=[f"{lesson}-{k}" for lesson, k, _d in VECTOR_DEMOS])
def test_what_the_instructions_draw_is_matplotlibs_own_picture(lesson, k, d, monkeypatch):
    """For every lesson demo sent as vector frames: at the start, one step away and at a far setting, the
    instructions drawn over the kept picture look like matplotlib's own PNG of that setting (the picture every demo
    sent before vector frames; the same figure, built for the same start and updated in place)."""
    live = d.widget().legpain_live
    live.screen.send = lambda content, buffers=None: None
    if live.screen.current.get("kind") != "vector":
        pytest.skip(f"{d.title}: sent as {live.screen.current.get('kind')}")
    controls = list(d.controls.values())
    specs = [spec_of(c) for c in controls]
    at = [int(i) for i in key_of(controls, specs).split(",")]
    rng = random.Random(f"{lesson}.{k}")
    settings = [tuple(at), next(plan([s["size"] for s in specs], at, first_only=True)),
                tuple(rng.randrange(s["size"]) for s in specs)]
    fresh = widgets._LiveDemo(d, live.screen, live.resets, live.fig_height)
    glyphs = {}
    monkeypatch.setenv("LEGPAIN_VECTOR", "0")
    reference = widgets._LiveDemo(d, live.screen, live.resets, live.fig_height)
    monkeypatch.delenv("LEGPAIN_VECTOR")
    for indices in settings:
        values = dict(zip(d.controls, values_of(controls, specs, indices)))
        frame = fresh.frame_for(values)
        assert frame["kind"] == "vector", (d.title, values)
        monkeypatch.setenv("LEGPAIN_VECTOR", "0")
        own = reference.frame_for(values)
        monkeypatch.delenv("LEGPAIN_VECTOR")
        assert own["kind"] == "png"
        worst = _worst(_drawn(frame, glyphs), _rgba(own["png"]))
        assert worst <= WORST, f"{d.title} {values}: a block differs by {worst:.0f} grey levels"
        assert frame["alt"] == own["alt"]


def test_a_lost_label_or_a_moved_line_is_seen():
    """The comparison above would see a wrong picture: one label left out, or the data line drawn 5 px off (half a
    patient on its axis)."""
    from legpain.topics import allocation

    live = widgets.demo(allocation.running_imbalance_figure,
                        n_patients=widgets.int_slider("n", 20, 400, 192, step=4)).widget().legpain_live
    live.screen.send = lambda content, buffers=None: None
    live.forget_browser()  # so that the next frame carries every glyph it uses
    frame = live.frame_for({"n_patients": 196})
    glyphs = dict(frame["glyphs"])
    good = vector.rasterize(frame["ops"], glyphs, _rgba(frame["bg_png"]))
    texts = [i for i, op in enumerate(frame["ops"]) if op["t"] == "text" and len(op["g"]) > 2]
    lost = [op for i, op in enumerate(frame["ops"]) if i != texts[0]]
    assert _worst(vector.rasterize(lost, glyphs, _rgba(frame["bg_png"])), good) > WORST
    longest = max((i for i, op in enumerate(frame["ops"]) if op["t"] == "path"),
                  key=lambda i: len(frame["ops"][i]["d"]))
    moved = [dict(op) for op in frame["ops"]]
    path = vector.parse_path(moved[longest]["d"])
    moved[longest]["d"] = " ".join(f"M {x:.2f} {y + 5:.2f}" if n == 0 else f"L {x:.2f} {y + 5:.2f}"
                                   for n, (x, y) in enumerate(path.vertices))
    assert _worst(vector.rasterize(moved, glyphs, _rgba(frame["bg_png"])), good) > WORST


def test_a_line_is_recorded_where_matplotlib_puts_it_in_the_picture():
    """A line's instruction is its data through the axes' transform, in picture pixels counted from the top."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4, 3), dpi=100)
    line, = ax.plot([0, 1], [0, 1], color="#123456", lw=2, ls="--")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    fig.canvas.draw()
    ops, rec = vector.record(fig, [line])
    glyphs = rec.take_glyphs()
    (op,) = ops
    assert op["t"] == "path" and op["stroke"] == "#123456" and op["lw"] == pytest.approx(2 * 100 / 72, abs=1e-3)
    assert op.get("dash") and "fill" not in op and glyphs == {}
    (x0, y0), (x1, y1) = vector.parse_path(op["d"]).vertices[[0, -1]]
    want = ax.transData.transform([(0, 0), (1, 1)])
    assert (x0, y0) == pytest.approx((want[0][0], 300 - want[0][1]), abs=0.01)
    assert (x1, y1) == pytest.approx((want[1][0], 300 - want[1][1]), abs=0.01)
    box = ax.bbox
    assert op["clip"] == pytest.approx([box.x0, 300 - box.y1, box.width, box.height], abs=0.01)
    plt.close(fig)


def test_text_is_its_glyphs_in_order_each_outline_sent_once():
    """A text's instruction names its glyphs in order (the font's glyph for each character); an outline goes with
    the first frame that uses it, and a text seen again reuses it."""
    import matplotlib.pyplot as plt
    from matplotlib.font_manager import FontProperties, get_font, findfont

    fig = plt.figure(figsize=(3, 1), dpi=100)
    words = fig.text(0.1, 0.5, "Abba", fontsize=12)
    fig.canvas.draw()
    ops, rec = vector.record(fig, [words])
    glyphs = rec.take_glyphs()
    (op,) = ops
    font = get_font(findfont(FontProperties()))
    indices = [font.get_char_index(ord(c)) for c in "Abba"]
    assert [int(g[0].rsplit("-", 1)[1], 16) for g in op["g"]] == indices
    assert len(glyphs) == 3 and op["scale"] == pytest.approx(12 * 100 / 72 / 100, abs=1e-6)
    again, rec = vector.record(fig, [words], rec)
    assert rec.take_glyphs() == {} and again == ops
    plt.close(fig)


def test_what_the_browser_cannot_be_told_to_draw_is_sent_as_a_picture():
    """A figure whose changing part holds an image (or a clip path that is not a rectangle) is sent as PNG frames,
    never drawn partly; and
    LEGPAIN_VECTOR=0 sends every figure as PNG."""
    import matplotlib.pyplot as plt

    def heat(level=1):
        fig, ax = plt.subplots(figsize=(3, 2))
        img = ax.imshow(np.full((4, 4), level), vmin=0, vmax=5)

        def update(level=1):
            img.set_data(np.full((4, 4), level))

        fig.legpain_update = update
        fig.legpain_animated = [img]
        return fig

    def clipped(level=1):
        from matplotlib.patches import Circle

        fig, ax = plt.subplots(figsize=(3, 2))
        bar = ax.bar([0], [level])[0]
        bar.set_clip_path(Circle((0, 0), 2, transform=ax.transData))

        def update(level=1):
            bar.set_height(level)

        fig.legpain_update = update
        fig.legpain_animated = [bar]
        return fig

    for func in (heat, clipped):
        live = widgets.demo(func, level=widgets.int_slider("level", 1, 5, 1)).widget().legpain_live
        assert live.screen.current["kind"] == "png", func.__name__
        assert live.frame_for({"level": 3})["kind"] == "png", func.__name__
    plt.close("all")


def test_vector_frames_can_be_switched_off(monkeypatch):
    from legpain.topics import start_here

    monkeypatch.setenv("LEGPAIN_VECTOR", "0")
    d = widgets.demo(start_here.percent_improvement_figure, baseline=widgets.slider("S", 1, 10, 8, step=0.5),
                     follow_up=widgets.slider("F", 0, 10, 6, step=0.5))
    assert d.widget().legpain_live.screen.current["kind"] == "png"


def test_a_drawing_ahead_overtaken_while_recorded_is_dropped_and_loses_no_glyph():
    """Drawing ahead asks between artists whether the student moved on: it stops then, sends nothing, and the
    glyphs it met on the way go with the next frame sent (the browser never lacks one)."""
    from legpain.topics import start_here

    live = widgets.demo(start_here.percent_improvement_figure, baseline=widgets.slider("S", 1, 10, 8, step=0.5),
                        follow_up=widgets.slider("F", 0, 10, 6, step=0.5)).widget().legpain_live
    live.screen.send = lambda content, buffers=None: None
    live.forget_browser()
    last = len(live.fig.legpain_animated)  # asked once after the update, then before each artist
    asked = []

    def cancel():
        asked.append(1)
        return len(asked) > last  # before the last artist
    assert live.frame_for({"baseline": 5.0, "follow_up": 6.0}, cancel=cancel) is None
    assert len(asked) == last + 1 and live.recorder.new_glyphs  # stopped part way, its glyphs kept
    frame = live.frame_for({"baseline": 5.0, "follow_up": 6.0})
    used = {g[0] for op in frame["ops"] if op["t"] == "text" for g in op["g"]}
    assert used <= set(frame["glyphs"])  # every glyph the frame uses is in it (the browser had none)


def test_a_legend_is_recorded_once_per_state_and_drawn_in_its_place(monkeypatch):
    """A legend at a fixed place is recorded once per state of its texts and kept, like an axis: moving the sample
    size of lesson 05's CI dance leaves it as it was (not recorded again), moving the true difference changes its
    first label (recorded anew), and coming back uses the kept one. Every frame, kept legend or not, draws
    matplotlib's own picture, the legend over the intervals as in matplotlib."""
    from matplotlib.legend import Legend

    from legpain.topics import stats

    d = widgets.demo(stats.ci_dance_figure, n_per_group=widgets.int_slider("N", 10, 300, 96, step=2),
                     true_effect=widgets.slider("T", 0, 25, 10, step=1))
    live = d.widget().legpain_live
    live.screen.send = lambda content, buffers=None: None
    live.forget_browser()
    monkeypatch.setenv("LEGPAIN_VECTOR", "0")
    reference = widgets._LiveDemo(d, live.screen, live.resets, live.fig_height)
    monkeypatch.delenv("LEGPAIN_VECTOR")
    drawn = []
    real = Legend.draw
    monkeypatch.setattr(Legend, "draw", lambda self, renderer: (drawn.append(1), real(self, renderer))[1])
    glyphs = {}
    for values, records in [({"n_per_group": 100, "true_effect": 10}, 1), ({"n_per_group": 24, "true_effect": 10}, 0),
                            ({"n_per_group": 24, "true_effect": 3}, 1), ({"n_per_group": 280, "true_effect": 10}, 0)]:
        drawn.clear()
        frame = live.frame_for(values)
        assert frame["kind"] == "vector"
        assert len(drawn) == records, values
        monkeypatch.setenv("LEGPAIN_VECTOR", "0")
        own = reference.frame_for(values)
        monkeypatch.delenv("LEGPAIN_VECTOR")
        worst = _worst(_drawn(frame, glyphs), _rgba(own["png"]))
        assert worst <= WORST, f"{values}: a block differs by {worst:.0f} grey levels"
    legend = live.fig.legends[0] if live.fig.legends else live.fig.axes[0].get_legend()
    assert widgets._legend_state(legend, 100) is not None
    legend.set_loc("best")  # placed by the data: recorded every time
    assert widgets._legend_state(legend, 100) is None


@pytest.mark.parametrize("lesson, k, d", VECTOR_DEMOS, ids=[f"{lesson}-{k}" for lesson, k, _d in VECTOR_DEMOS])
def test_no_text_runs_off_the_picture_at_any_setting(lesson, k, d):
    """A live demo keeps its figure's first layout while it updates it in place: a title or label that grows (a
    second line, a longer number) must still fit. At the start and at eight random settings, every visible text
    lies inside the picture."""
    from matplotlib.text import Text

    live = d.widget().legpain_live
    live.screen.send = lambda content, buffers=None: None
    controls = list(d.controls.values())
    specs = [spec_of(c) for c in controls]
    rng = random.Random(f"text {lesson}.{k}")
    for n in range(9):
        indices = [int(i) for i in key_of(controls, specs).split(",")] if n == 0 else \
            [rng.randrange(s["size"]) for s in specs]
        values = dict(zip(d.controls, values_of(controls, specs, indices)))
        live.frame_for(values)
        fig = live.fig
        if fig is None:
            return  # shown as text, not a figure
        renderer = fig.canvas.get_renderer()
        box = fig.bbox
        ticks = {id(t) for ax in fig.axes for axis in ax._axis_map.values()
                 for tick in axis.get_major_ticks() + axis.get_minor_ticks() for t in (tick.label1, tick.label2)}
        drawn = [t for ax in fig.axes if ax.get_visible() and ax.axison for axis in ax._axis_map.values()
                 if axis.get_visible() for tick in axis._update_ticks() for t in (tick.label1, tick.label2)]
        for t in [t for t in fig.findobj(Text) if id(t) not in ticks] + drawn:
            if not t.get_visible() or not t.get_text().strip() or t.axes is not None and not t.axes.get_visible():
                continue
            e = t.get_window_extent(renderer)
            inside = e.x0 >= box.x0 - 1 and e.y0 >= box.y0 - 1 and e.x1 <= box.x1 + 1 and e.y1 <= box.y1 + 1
            assert inside, f"{d.title} {values}: {t.get_text()!r} runs off the picture ({e} in {box})"
