"""The rules a demo's kernel and browser share to paint a setting without a round trip (legpain/ui/screen.py)."""

import pytest

from legpain.topics import start_here
from legpain.ui import figures, demos as widgets
from legpain.topics import nerve_roots as roots
from legpain.ui.screen import MAX_FRAMES, Screen, key_of, plan, spec_of, values_of
from helpers import frame_difference


def _controls():
    return [widgets.slider("p", 0.5, 1.0, 0.8, step=0.05), widgets.int_slider("n", 20, 400, 192, step=4),
            widgets.menu("alpha", [("0.05", 0.05), ("0.01", 0.01)], 0.01)]


def test_keys_are_whole_numbers_per_control_and_round_trip_to_values():
    """Sliders key by steps from their minimum (float error included), menus by option index; a key's values are
    rounded to the step, so a picture drawn ahead never shows 0.8500000000000001."""
    cs = _controls()
    specs = [spec_of(c) for c in cs]
    assert [s["size"] for s in specs] == [11, 96, 2]
    assert key_of(cs, specs) == "6,43,1"
    assert key_of(cs, specs, [0.8500000000000001, 20, 0.05]) == "7,0,0"
    assert values_of(cs, specs, [7, 0, 0]) == [0.85, 20, 0.05]
    for indices in ([0, 0, 0], [10, 95, 1], [3, 50, 0]):
        assert key_of(cs, specs, values_of(cs, specs, indices)) == ",".join(map(str, indices))
    assert isinstance(values_of(cs, specs, [0, 1, 0])[1], int)


def test_menu_values_that_compare_equal_keep_their_own_index():
    """A menu of False/True (or 0/1) keys each option by its own index."""
    m = widgets.menu("yes?", [("no", False), ("yes", True)], False)
    spec = spec_of(m)
    assert key_of([m], [spec], [True]) == "1" and key_of([m], [spec], [False]) == "0"
    assert key_of([m], [spec], ["not an option"]) == "-1"


def test_a_control_that_cannot_be_keyed_is_refused():
    import ipywidgets as w

    with pytest.raises(TypeError, match="menu, a check box or a slider"):
        spec_of(w.Text("free text"))
    assert spec_of(w.Checkbox(value=True)) == {"kind": "bool", "size": 2}


def test_plan_draws_the_next_step_of_the_moved_control_first_then_neighbours():
    """The next step in the direction of the last move, the step back, every other control one step either way,
    then the moved control over its range (coarse first), then the others (one control changed at a time), and for
    so small a demo every other setting last; never the current setting, never off the range, never twice."""
    steps = list(plan([5, 3, 2], [4, 1, 0], moved=0, direction=-1, limit=100))
    assert steps[:4] == [(3, 1, 0), (4, 2, 0), (4, 0, 0), (4, 1, 1)]
    assert (4, 1, 0) not in steps and len(steps) == len(set(steps))
    single = [st for st in steps if sum(a != b for a, b in zip(st, (4, 1, 0))) == 1]
    assert steps[:len(single)] == single  # settings one control away first ...
    assert set(single) == {(i, 1, 0) for i in range(4)} | {(4, 0, 0), (4, 2, 0), (4, 1, 1)}
    assert len(steps) == 5 * 3 * 2 - 1  # ... then (30 settings in all) every other one
    assert list(plan([5, 3], [2, 1], first_only=True)) == [(3, 1), (1, 1), (2, 2), (2, 0)]
    assert len(list(plan([100, 100], [50, 50], limit=7))) == 7
    for setting in plan([30, 7, 4], [3, 6, 0], moved=1, direction=1, limit=1000):
        assert sum(a != b for a, b in zip(setting, (3, 6, 0))) == 1


def test_plan_after_two_controls_in_turn_draws_the_one_moved_before_first():
    """A student who changed one control and then another (two quick changes, or settings tried in turn) is likely
    to go on in turn: the control moved before goes one step on in its direction first, then back; then the moved
    control's next step as usual. Without a move before (or the same control again), nothing changes."""
    steps = list(plan([96, 11, 50], [40, 6, 6], moved=0, direction=-1, before=(1, 1), limit=8))
    assert steps[:4] == [(40, 7, 6), (40, 5, 6), (39, 6, 6), (41, 6, 6)]
    assert list(plan([96, 11, 50], [40, 6, 6], moved=0, direction=-1, before=(0, 1), limit=8)) == \
        list(plan([96, 11, 50], [40, 6, 6], moved=0, direction=-1, limit=8))
    assert list(plan([96, 11, 50], [40, 10, 6], moved=0, direction=1, before=(1, 1), limit=3))[:2] == \
        [(40, 9, 6), (41, 10, 6)]  # at the end of its range: only the step back


def test_plan_draws_a_small_demo_whole():
    """A demo with few settings (18 cut-offs x 2 time points) gets every one drawn ahead, those one step away first,
    then every setting with both controls changed (a jump and a pick together find their picture); a big one keeps
    to settings one control away."""
    from legpain.ui.screen import COMPLETE_UP_TO

    steps = list(plan([18, 2], [8, 0], moved=0, direction=1))
    assert len(steps) == len(set(steps)) == 35 and (8, 0) not in steps
    assert steps[:3] == [(9, 0), (7, 0), (8, 1)]
    assert sum(a != b for a, b in zip(steps[-1], (8, 0))) == 2
    assert 36 <= COMPLETE_UP_TO < 11 * 96
    assert all(sum(a != b for a, b in zip(s, (3, 40))) == 1 for s in plan([11, 96], [3, 40], moved=1, limit=2000))


def test_plan_covers_the_moved_slider_whole_coarsely_then_finely_before_the_others():
    """A 196-position slider just moved: after the neighbours, every 9th position over its whole range, then every
    position between (nearest first), so a fast drag, a click anywhere along its track or a typed value finds its
    picture; only then every 2nd position of the other control, then that control's gaps."""
    steps = list(plan([196, 31], [43, 10], moved=0, direction=1, limit=1000))
    assert steps[:4] == [(44, 10), (42, 10), (43, 11), (43, 9)]
    coarse = steps[4:4 + 22]  # 0, 9, ..., 189
    assert all(s[1] == 10 and s[0] % 9 == 0 for s in coarse)
    assert {s[0] for s in coarse} >= {0, 9, 90, 189}
    fine = steps[26:26 + 171]  # the moved slider's other positions, nearest first
    assert all(s[1] == 10 for s in fine) and fine[:3] == [(41, 10), (46, 10), (40, 10)]  # 45 was coarse
    assert {s[0] for s in steps[:197] if s[1] == 10} == set(range(196)) - {43}
    other = steps[197:197 + 15]  # then the other control coarsely (every 2nd of 31), then its gaps
    assert all(s[0] == 43 and s[1] % 2 == 0 for s in other) and other[:2] == [(43, 12), (43, 8)]
    assert len({s for s in steps if s[0] == 43}) == 30 and len(steps) == 195 + 30


def test_live_demo_sends_each_setting_once_and_redraws_after_a_reconnect():
    """The kernel sends a setting's picture once; a browser that connects with an empty store (reload) says
    hello and gets the current picture again, with what a vector frame needs (the kept picture of the figure's rest
    and the glyph outlines) sent again too."""
    b = widgets.slider("Start", 1, 10, 8, step=0.5)
    d = widgets.demo(start_here.percent_improvement_figure, baseline=b,
                     follow_up=widgets.slider("F", 0, 10, 6, step=0.5))
    box = d.widget()
    screen = box.legpain_screen
    sent = []

    def send(content, buffers=None):
        sent.append((content["key"], content["kind"], len(buffers or [])))
        glyphs.append(len(content.get("glyphs", {})))

    glyphs = []
    screen.send = send
    b.value = 7.5
    box.legpain_flush()
    assert sent == [("13,12", "vector", 0)]  # the rest's picture went with the first frame
    b.value = 8
    box.legpain_flush()
    assert sent == [("13,12", "vector", 0)]  # drawn before: the browser shows it itself
    screen._message(screen, {"type": "hello"}, [])
    assert sent[-1] == ("14,12", "vector", 1) and screen.sent == {"14,12"}  # the rest's picture again ...
    assert glyphs[-1] > 10  # ... and every glyph
    screen._message(screen, {"type": "need", "key": "14,12"}, [])  # the browser waited in vain: sent again
    assert sent[-2:] == [("14,12", "vector", 1), ("14,12", "vector", 0)] and screen.sent == {"14,12"}
    screen._message(screen, {"type": "need", "key": "3,3"}, [])  # no longer on screen: nothing drawn
    screen._message(screen, {"type": "need", "key": 7}, [])  # malformed: ignored
    screen._message(screen, "junk", [])
    assert len(sent) == 3
    assert MAX_FRAMES >= 100


def test_the_browser_keeps_a_budget_of_pictures_and_forgets_those_used_longest_ago(monkeypatch):
    """Beyond MAX_FRAMES frames (or MAX_BYTES), the frames used longest ago are forgotten here and in the browser (a
    "forget" message), never the setting on screen or the frame just sent; a setting the student came back to is
    kept longer; what is forgotten is drawn again when needed (it is no longer in ``sent``)."""
    import ipywidgets as w

    from legpain.ui import screen as screen_module

    monkeypatch.setattr(screen_module, "MAX_FRAMES", 3)
    screen = Screen([w.IntSlider(0, min=0, max=9)])
    messages = []
    screen.send = lambda content, buffers=None: messages.append(content)
    html = {"kind": "html", "html": "<p>x</p>"}
    screen.show("0", html)  # on screen
    for key in ("1", "2", "3"):
        screen.show(key, html, current=False)
    assert screen.sent == {"0", "2", "3"} and messages[-1] == {"type": "forget", "keys": ["1"]}
    screen.touch("2")
    screen.show("4", html, current=False)
    assert screen.sent == {"0", "2", "4"} and messages[-1] == {"type": "forget", "keys": ["3"]}
    assert sum(screen.sizes.values()) == screen.sent_bytes and list(screen.sizes) == ["0", "2", "4"]
    monkeypatch.setattr(screen_module, "MAX_BYTES", 0)  # over the byte budget: all but the two kept go
    screen.show("5", html, current=False)
    assert screen.sent == {"0", "5"} and messages[-1] == {"type": "forget", "keys": ["2", "4"]}
    screen._message(screen, {"type": "need", "key": "5"}, [])
    assert screen.sent == {"0"} and screen.sent_bytes == sum(screen.sizes.values())


def test_live_demo_remembers_the_control_moved_before_another():
    """Two controls moved in turn: the demo plans around the control moved before (see plan's step 0); the same
    control moved again forgets it."""
    b = widgets.slider("Start", 1, 10, 8, step=0.5)
    f = widgets.slider("F", 0, 10, 6, step=0.5)
    box = widgets.demo(start_here.percent_improvement_figure, baseline=b, follow_up=f).widget()
    live = box.legpain_flush.__self__
    box.legpain_screen.send = lambda content, buffers=None: None
    b.value = 7.5
    box.legpain_flush()
    assert (live.moved, live.direction, live.before) == (0, -1, None)
    f.value = 6.5
    box.legpain_flush()
    assert (live.moved, live.direction, live.before) == (1, 1, (0, -1))
    f.value = 7
    box.legpain_flush()
    assert (live.moved, live.before) == (1, None)


class _Text:
    def __init__(self, n):
        self.n = n

    def _repr_html_(self):
        return f"<p>n={self.n}</p>"


def _text_or_error(n):
    if n == 2:
        raise ValueError("no such thing")
    return _Text(n)


def test_html_demos_and_errors_are_frames_too():
    """A demo that shows text sends HTML frames; a setting that fails says so in its frame, without a crash."""
    d = widgets.demo(_text_or_error, n=widgets.int_slider("n", 1, 3, 1))
    box = d.widget()
    screen = box.legpain_screen
    assert screen.current["kind"] == "html" and "n=1" in screen.current["html"]
    d.controls["n"].value = 2
    box.legpain_flush()
    assert "cannot be shown: no such thing" in screen.current["html"]
    d.controls["n"].value = 3
    box.legpain_flush()
    assert screen.current["html"] == "<p>n=3</p>"


def test_resets_apply_in_the_kernel_and_go_to_the_browser():
    """The quiz's new patient clears the pick in the kernel, and the browser is told to do the same itself."""
    d = roots.quiz_demo()
    box = d.widget()
    screen = box.legpain_screen
    assert screen.resets == [{"when": 0, "target": 1, "index": 0}]
    d.controls["pick"].value = "L5"
    d.controls["case"].value = 3
    box.legpain_flush()
    assert d.controls["pick"].value == "(choose)" and screen.current["key"] == "2,0"
    with pytest.raises(TypeError, match="names no control"):
        widgets.demo(lambda a: None, resets={"a": {"b": 1}}, a=widgets.menu("a", [1, 2]))
    with pytest.raises(TypeError, match="one of its options"):
        widgets.demo(lambda a, b: None, resets={"a": {"b": 9}}, a=widgets.menu("a", [1, 2]),
                     b=widgets.menu("b", [1, 2])).widget()


def test_screen_is_an_anywidget_with_its_script():
    """The widget's script and style are files of the package (legpain/ui/static/), sent with the widget."""
    s = Screen([widgets.menu("a", [1, 2])])
    from legpain.ui.screen import STATIC

    esm, css = str(s._esm), str(s._css)
    assert esm == (STATIC / "screen.js").read_text() and css == (STATIC / "screen.css").read_text()
    assert ".legpain-demo" in css and "export default" in esm
    assert "msg:custom" in esm and "hello" in s._esm and "change:value change:index" in s._esm
    assert "type: 'need'" in esm and "ASK_AFTER_MS = 1500" in esm


def _lesson_demos():
    """Every demo of every lesson, made by running its cell with ``demo`` capturing what it was given."""
    import json

    from helpers import ROOT

    found = []
    for path in sorted((ROOT / "lessons").glob("[0-9][0-9]-*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            source = "".join(cell["source"])
            if cell["cell_type"] != "code" or "demo(" not in source:
                continue
            made = []

            def capture(*args, **kw):
                d = widgets.demo(*args, **kw)
                made.append(d)
                return d

            namespace = {}
            exec("from legpain import *", namespace)  # the lessons' setup cell
            namespace["demo"] = capture
            namespace["roots"] = roots
            exec(source, namespace)
            if not made:  # a package helper that makes its own demo (the quiz)
                made.append(eval(source.strip().splitlines()[-1], namespace))
            found += [(path.name[:2], d) for d in made]
    return found


def _picture(out):
    if hasattr(out, "savefig"):
        png = widgets.figure_png(out, dpi=60)
        import matplotlib.pyplot as plt

        plt.close(out)
        return png
    return out._repr_html_()


def test_every_lesson_demo_is_keyable_and_draws_the_same_picture_for_the_same_setting():
    """Drawing ahead shows a stored picture for a setting: so every lesson demo's controls must be keyable, and its
    function must draw the same picture whenever it is given the same setting (seeded simulations, no clock)."""
    demos = _lesson_demos()
    assert len(demos) == 23
    for lesson, d in demos:
        controls = list(d.controls.values())
        specs = [spec_of(c) for c in controls]
        at = [int(k) for k in key_of(controls, specs).split(",")]
        assert -1 not in at, (lesson, d.title)
        neighbour = next(plan([s["size"] for s in specs], at, first_only=True))
        for indices in (at, list(neighbour)):
            values = dict(zip(d.controls, values_of(controls, specs, indices)))
            assert _picture(d.render(**values)) == _picture(d.render(**values)), (lesson, d.title, values)


SIMULATION_DEMOS = [("04", 0), ("04", 1), ("05", 0), ("05", 1), ("06", 0)]


@pytest.mark.parametrize("frames", ["vector", "png"])
@pytest.mark.parametrize("lesson, k", SIMULATION_DEMOS, ids=[f"{l}.{k}" for l, k in SIMULATION_DEMOS])
def test_kept_backgrounds_serve_many_settings_and_never_show_a_wrong_one(lesson, k, frames, monkeypatch):
    """A live demo keeps one picture of its figure's unchanging rest per state of its axes (limits where an
    unchanging artist is placed by them, tick labels of an axis in the rest, texts): far settings that share a state
    reuse it, and every frame it sends is what a new live demo shows for that setting (built for the same starting
    setting, then updated to it), pixel for pixel or instruction for instruction; with vector frames (the axes
    drawn anew) and with PNG frames (``LEGPAIN_VECTOR=0``: the axes in the kept picture)."""
    if frames == "png":
        monkeypatch.setenv("LEGPAIN_VECTOR", "0")
    import io
    import random

    import numpy as np
    from matplotlib.image import imread

    from legpain.ui import demos as live_demos

    d = [d for l, d in _lesson_demos() if l == lesson][k]
    box = d.widget()
    live = box.legpain_live
    live.screen.send = lambda content, buffers=None: None
    controls = list(d.controls.values())
    sizes = [s["size"] for s in live.specs]
    rng = random.Random(f"{lesson}.{k}")
    first = [rng.randrange(size) for size in sizes]
    # far jumps along the first control (as a click on its track), then changes of every control
    settings = [tuple([rng.randrange(sizes[0])] + first[1:]) for _ in range(8)]
    settings += [tuple(rng.randrange(size) for size in sizes) for _ in range(6)]
    for indices in settings:
        values = dict(zip(d.controls, values_of(controls, live.specs, indices)))
        frame = live.frame_for(values)
        fresh = live_demos._LiveDemo(d, live.screen, live.resets, live.fig_height)
        fresh.frame_for(frame["drawn_from"])
        reference = fresh.frame_for(values)
        why = frame_difference(frame, reference)
        assert not why, (lesson, k, values, why)
        assert frame["kind"] == frames
    assert 0 < len(live.backgrounds) < len(settings) + 1  # some settings shared a kept background


def test_a_change_from_another_thread_is_drawn_on_the_thread_that_made_the_demo():
    """ipykernel 7 hands widget messages to a thread of their own: a control changed there only marks the demo, and
    the drawing (the setting on screen, then drawing ahead) runs on the loop of the thread that made the demo, never
    on two threads; a drawing ahead that a new move overtakes is abandoned before it is drawn."""
    import asyncio
    import threading

    drawn_on = []

    def func(baseline, follow_up):
        drawn_on.append(threading.current_thread().name)
        fig = start_here.percent_improvement_figure(baseline, follow_up)
        fig.legpain_update = None  # drawn anew each time: every drawing calls func
        return fig

    async def main():
        b = widgets.slider("Start", 1, 10, 8, step=0.5)
        d = widgets.demo(func, baseline=b, follow_up=widgets.slider("F", 0, 10, 6, step=0.5))
        box = d.widget()
        live = box.legpain_live
        sent = []
        box.legpain_screen.send = lambda content, buffers=None: sent.append(content["key"])
        assert live.loop is asyncio.get_running_loop()
        await asyncio.sleep(0.2)
        before = len(sent)
        mover = threading.Thread(target=lambda: setattr(b, "value", 3.0), name="subshell")
        mover.start()
        mover.join()
        assert "4,12" not in sent  # the other thread did not draw it
        for _ in range(100):
            await asyncio.sleep(0.02)
            if "4,12" in sent:
                break
        assert "4,12" in sent[before:]
        live.prefetch = None
        return live

    live = asyncio.run(main())
    assert set(drawn_on) == {threading.current_thread().name}
    # a drawing ahead (of a figure updated in place) is dropped, not sent, when the student moved while its setting
    # was being prepared; the next drawing is whole
    d = widgets.demo(start_here.percent_improvement_figure, baseline=widgets.slider("Start", 1, 10, 8, step=0.5),
                     follow_up=widgets.slider("F", 0, 10, 6, step=0.5))
    live = d.widget().legpain_live
    assert live.frame_for({"baseline": 5.0, "follow_up": 6.0}, cancel=lambda: True) is None
    frame = live.frame_for({"baseline": 5.0, "follow_up": 6.0})
    assert frame["kind"] == "vector" and "5 of 10 at the start" in frame["alt"]
