"""The picture of a live demo, painted in the browser without waiting for the kernel when it can be.

A demo's controls (sliders, menus, check boxes) take a finite set of values, so every setting of a demo has a *key*:
one whole number per control (a menu's option index, a slider's step from its minimum). The kernel draws the
setting the student is looking at and, while the student reads it, the settings one step away from it (see
:func:`plan`); each picture goes to the browser once, as PNG bytes or HTML, tagged with its key. The browser keeps
them, listens to the controls itself, and when a control moves it paints the picture for the new key at once if it
has it (no round trip to the kernel, no drawing in Python); otherwise the kernel's picture follows as before.

:class:`Screen` is that browser part (an `anywidget <https://anywidget.dev>`_ widget whose script and style are
the files ``static/screen.js`` and ``static/screen.css``: the picture store, the keyboard guard, accessible names for
the controls, an aria-live status, and a "drawing…" mark on a stand-in picture);
:func:`key_of`, :func:`values_of` and :func:`plan` are the pure, tested rules both sides share.
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path
from typing import Any, Iterator, Sequence

import anywidget
import traitlets
from ipywidgets import Widget, widget_serialization

__all__ = ["Screen", "spec_of", "key_of", "values_of", "plan", "MAX_FRAMES", "MAX_BYTES", "PLAN_LIMIT",
           "COMPLETE_UP_TO"]

MAX_FRAMES = 2000  # pictures the browser holds for one demo at most ...
MAX_BYTES = 24_000_000  # ... and bytes (400 PNG frames of about 60 KB; vector frames take 2-60 KB): beyond either,
#                         the pictures used longest ago are forgotten on both sides (drawn again if needed)
PLAN_LIMIT = 400   # pictures drawn ahead around one setting before the kernel rests
COMPLETE_UP_TO = 120  # a demo with at most this many settings in all has every one of them drawn ahead
STATIC = Path(__file__).with_name("static")  # the widget's script and style (package data)


def spec_of(control) -> dict[str, Any]:
    """How a control's value becomes a whole number: ``index`` (menus), ``bool`` (check boxes) or ``step``
    (sliders: steps from the minimum). Anything else cannot be keyed."""
    if hasattr(control, "options"):
        return {"kind": "index", "size": len(getattr(control, "_options_values", ()))}
    if isinstance(getattr(control, "value", None), bool):
        return {"kind": "bool", "size": 2}
    if all(hasattr(control, a) for a in ("min", "max", "step")):
        step = control.step
        if not step or step <= 0:
            raise TypeError(f"a slider needs a positive step to be keyed, not {step!r}")
        size = int(round((control.max - control.min) / step)) + 1
        return {"kind": "step", "min": control.min, "step": step, "size": size,
                "integer": isinstance(control.step, int) and isinstance(control.min, int)}
    raise TypeError(f"a demo control must be a menu, a check box or a slider, not {type(control).__name__}")


def _index(control, spec, value) -> int:
    if spec["kind"] == "index":
        values = list(getattr(control, "_options_values", ()))
        for i, v in enumerate(values):
            if v == value and type(v) is type(value):
                return i
        return values.index(value) if value in values else -1
    if spec["kind"] == "bool":
        return int(bool(value))
    return int(round((value - spec["min"]) / spec["step"]))


def key_of(controls: Sequence[Any], specs: Sequence[dict], values: Sequence[Any] | None = None) -> str:
    """The key of a setting ("3,0,12"): the controls' current values, or ``values`` in the same order. The
    browser computes the same string from its own copy of the controls (``Screen``'s script)."""
    if values is None:
        values = [c.value for c in controls]
    return ",".join(str(_index(c, s, v)) for c, s, v in zip(controls, specs, values))


def _decimals(step: float) -> int:
    text = f"{step:.10g}"
    return len(text.split(".")[1]) if "." in text else 0


def values_of(controls: Sequence[Any], specs: Sequence[dict], indices: Sequence[int]) -> list[Any]:
    """The control values of a key's indices: a menu's option, a check box's truth, a slider's value rounded to
    its step (so a picture drawn ahead shows ``0.85``, never ``0.8500000000000001``)."""
    out = []
    for c, s, i in zip(controls, specs, indices):
        if s["kind"] == "index":
            out.append(list(c._options_values)[i])
        elif s["kind"] == "bool":
            out.append(bool(i))
        elif s["integer"]:
            out.append(s["min"] + i * s["step"])
        else:
            out.append(round(s["min"] + i * s["step"], _decimals(s["step"]) + 2))
    return out


def plan(sizes: Sequence[int], at: Sequence[int], moved: int | None = None, direction: int = 1,
         limit: int = PLAN_LIMIT, first_only: bool = False,
         before: tuple[int, int] | None = None) -> Iterator[tuple[int, ...]]:
    """The settings to draw ahead around ``at`` (one index per control), most likely next first:

    0. where the student moved another control just before this one (``before``: that control and the direction it
       went; two controls changed in turn), that control one step on in its direction, then one step back: a student
       who changes one setting and then another goes on in turn;
    1. the control the student moved last, one step on in the same direction, then one step back;
    2. every other control one step either way (what a key press shows next);
    3. (unless ``first_only``) the moved control over its whole range: coarsely first (every
       ``ceil(size / 24)``-th position, nearest first), then every position between, nearest first. The control in
       the student's hand is the one most likely moved again, near or far: a click anywhere along its track, a
       value typed into its readout or a fast drag then finds its picture drawn (the pictures stay valid while only
       that control moves, so the range fills up over the student's pauses);
    4. every other control over its whole range coarsely, in turn (a menu of up to 24 options is drawn whole);
    5. every other control's positions between, nearest first, the controls taking turns;
    6. where the demo has at most :data:`COMPLETE_UP_TO` settings in all, every other setting too, nearest first
       (the complete set: any jump, pick or two quick changes then finds its picture).

    Up to step 5 only one control differs from ``at`` in each setting, so dragging any single control finds its
    pictures ready. ``limit`` caps how many are given."""
    n = len(sizes)
    others = [c for c in range(n) if c != moved]
    direction = 1 if direction >= 0 else -1

    def one(control: int, index: int):
        if 0 <= index < sizes[control] and index != at[control]:
            setting = list(at)
            setting[control] = index
            return tuple(setting)
        return None

    def by_distance(control: int, first: int = 1):
        """Indices of ``control`` nearest ``at`` first (``first``'s side first at equal distance)."""
        for r in range(1, sizes[control]):
            for d in (first * r, -first * r):
                yield at[control] + d

    def gen():
        if before is not None and moved is not None and 0 <= before[0] < n and before[0] != moved:
            back = 1 if before[1] >= 0 else -1
            yield one(before[0], at[before[0]] + back)
            yield one(before[0], at[before[0]] - back)
        if moved is not None and 0 <= moved < n:
            yield one(moved, at[moved] + direction)
            yield one(moved, at[moved] - direction)
        for c in others:
            yield one(c, at[c] + 1)
            yield one(c, at[c] - 1)
        if first_only:
            return
        has_moved = moved is not None and 0 <= moved < n

        def coarse(c):
            stride = -(-sizes[c] // 24)
            for i in by_distance(c, direction if c == moved else 1):
                if i % stride == 0:
                    yield one(c, i)

        if has_moved:  # the control in the student's hand: its whole range, coarsely, then every position
            yield from coarse(moved)
            for i in by_distance(moved, direction):
                yield one(moved, i)
        for c in others:
            yield from coarse(c)
        turns = [by_distance(c) for c in others]
        while turns:
            for c, it in list(zip(others, turns)):
                i = next(it, None)
                if i is None:
                    turns.remove(it)
                    others.remove(c)
                    continue
                yield one(c, i)
        if math.prod(sizes) <= COMPLETE_UP_TO:
            everything = itertools.product(*(range(size) for size in sizes))
            for setting in sorted(everything, key=lambda s: sum(abs(a - b) for a, b in zip(s, at))):
                if list(setting) != list(at):
                    yield setting

    seen = set()
    for setting in (s for s in gen() if s is not None):
        if setting in seen:
            continue
        seen.add(setting)
        yield setting
        if len(seen) >= limit:
            return




def _size(op: dict) -> int:
    """About how many bytes a drawing instruction takes on the way to the browser (for :data:`MAX_BYTES`)."""
    return len(op.get("d", "")) + 80 + 8 * len(op.get("at", ())) + 40 * len(op.get("g", ()))


class Screen(anywidget.AnyWidget):
    """The picture of one demo: frames keyed by setting, painted in the browser (see the module docstring).

    The kernel side calls :meth:`show` with each frame it draws; ``on_hello`` is called when a browser view
    (re)connects with an empty store, so that the demo sends the current picture again."""

    _esm = STATIC / "screen.js"
    _css = STATIC / "screen.css"
    uid = traitlets.Unicode().tag(sync=True)
    controls = traitlets.List(traitlets.Instance(Widget)).tag(sync=True, **widget_serialization)
    spec = traitlets.List().tag(sync=True)
    resets = traitlets.List().tag(sync=True)

    def __init__(self, controls: Sequence[Any], resets: Sequence[dict] = (), **kw):
        import uuid

        specs = [spec_of(c) for c in controls]
        super().__init__(uid=uuid.uuid4().hex, controls=list(controls), spec=specs, resets=list(resets), **kw)
        self.current: dict[str, Any] | None = None  # the last frame drawn for the setting on screen (for tests)
        self.sent: set[str] = set()
        self.sent_backgrounds: set[str] = set()  # kept pictures of a figure's rest the browser holds (vector frames)
        self.sent_bytes = 0  # what the browser holds: the frames in ``sent`` and the kept pictures
        self.sizes: dict[str, int] = {}  # each frame the browser holds and its bytes, the one used longest ago first
        self.on_hello = None
        self.on_need = None
        self.on_msg(self._message)

    def _message(self, _widget, content, _buffers):
        if not isinstance(content, dict):
            return
        if content.get("type") == "hello":
            self.sent.clear()
            self.sizes.clear()
            self.sent_backgrounds.clear()
            self.sent_bytes = 0
            if self.on_hello is not None:
                self.on_hello()
        elif content.get("type") == "need" and isinstance(content.get("key"), str):
            # the browser waited for this setting's picture in vain: draw and send it again
            self.sent.discard(content["key"])
            self.sent_bytes -= self.sizes.pop(content["key"], 0)
            if self.on_need is not None:
                self.on_need(content["key"])

    def show(self, key: str, frame: dict[str, Any], current: bool = True) -> None:
        """Send one frame for ``key``: ``kind`` "png" with ``png`` bytes, "html" with ``html``, or "vector" with
        drawing instructions (``ops``, new ``glyphs``) over the kept picture ``bg`` (``bg_png``: sent once)."""
        if current:
            self.current = dict(frame, key=key)
        head = {"type": "frame", "key": key, "kind": frame["kind"], "alt": frame.get("alt", ""),
                "width": frame.get("width"), "html": frame.get("html", "")}
        buffers = [frame["png"]] if frame["kind"] == "png" else []
        if frame["kind"] == "vector":
            head.update(ops=frame["ops"], glyphs=frame["glyphs"], bg=frame["bg"], w=frame["w"], h=frame["h"])
            if frame["bg"] not in self.sent_backgrounds:
                buffers = [frame["bg_png"]]
                self.sent_backgrounds.add(frame["bg"])
        self.send(head, buffers=buffers)
        size = sum(_size(op) for op in head.get("ops", ()))
        if frame["kind"] == "png":
            size += len(frame["png"])
        elif frame["kind"] == "html":
            size += len(head["html"])
        else:
            self.sent_bytes += sum(len(b) for b in buffers)  # a kept picture of the rest: held until a reload
        self.sent_bytes += size - self.sizes.pop(key, 0)
        self.sent.add(key)
        self.sizes[key] = size
        self.make_room(keep=key)

    def touch(self, key: str) -> None:
        """The student came back to this setting: its picture is the last the browser would forget."""
        if key in self.sizes:
            self.sizes[key] = self.sizes.pop(key)

    def make_room(self, keep: str | None = None) -> list[str]:
        """Beyond :data:`MAX_FRAMES` frames or :data:`MAX_BYTES` bytes, forget the frames used longest ago, here and
        in the browser (a "forget" message), never ``keep`` or the setting on screen. Returns the keys forgotten."""
        on_screen = (self.current or {}).get("key")
        gone = []
        for old in list(self.sizes):
            if len(self.sizes) <= MAX_FRAMES and self.sent_bytes <= MAX_BYTES:
                break
            if old in (keep, on_screen):
                continue
            self.sent_bytes -= self.sizes.pop(old)
            self.sent.discard(old)
            gone.append(old)
        if gone:
            self.send({"type": "forget", "keys": gone})
        return gone
