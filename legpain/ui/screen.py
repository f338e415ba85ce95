"""The picture of a live demo, painted in the browser without waiting for the kernel when it can be.

A demo's controls (sliders, menus, check boxes) take a finite set of values, so every setting of a demo has a *key*:
one whole number per control (a menu's option index, a slider's step from its minimum). The kernel draws the
setting the student is looking at and, while the student reads it, the settings one step away from it (see
:func:`plan`); each picture goes to the browser once, as PNG bytes or HTML, tagged with its key. The browser keeps
them, listens to the controls itself, and when a control moves it paints the picture for the new key at once if it
has it (no round trip to the kernel, no drawing in Python); otherwise the kernel's picture follows as before.

:class:`Screen` is that browser part (an `anywidget <https://anywidget.dev>`_ widget, a few dozen lines of script);
:func:`key_of`, :func:`values_of` and :func:`plan` are the pure, tested rules both sides share.
"""

from __future__ import annotations

from typing import Any, Iterator, Sequence

import anywidget
import traitlets
from ipywidgets import Widget, widget_serialization

__all__ = ["Screen", "spec_of", "key_of", "values_of", "plan", "MAX_FRAMES", "PLAN_LIMIT"]

MAX_FRAMES = 400   # pictures a demo sends the browser at most ahead of need (PNG, about 60 KB each)
PLAN_LIMIT = 200   # pictures drawn ahead around one setting before the kernel rests


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
         limit: int = PLAN_LIMIT, first_only: bool = False) -> Iterator[tuple[int, ...]]:
    """The settings to draw ahead around ``at`` (one index per control), most likely next first:

    1. the control the student moved last, one step on in the same direction, then one step back;
    2. every other control one step either way (what a key press shows next);
    3. (unless ``first_only``) the moved control over its whole range, coarse to fine: first every
       ``ceil(size / 24)``-th position, nearest first (a fast drag finds a picture near every position), then the
       positions between, nearest first;
    4. every other control over its whole range, nearest first, the controls taking turns.

    Only one control differs from ``at`` in each setting, so dragging any single control finds its pictures ready.
    ``limit`` caps how many are given."""
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
        if moved is not None and 0 <= moved < n:
            yield one(moved, at[moved] + direction)
            yield one(moved, at[moved] - direction)
        for c in others:
            yield one(c, at[c] + 1)
            yield one(c, at[c] - 1)
        if first_only:
            return
        if moved is not None and 0 <= moved < n:
            stride = -(-sizes[moved] // 24)
            for i in by_distance(moved, direction):
                if i % stride == 0:
                    yield one(moved, i)
            for i in by_distance(moved, direction):
                yield one(moved, i)
        turns = [by_distance(c) for c in others]
        while turns:
            for c, it in list(zip(others, turns)):
                i = next(it, None)
                if i is None:
                    turns.remove(it)
                    others.remove(c)
                    continue
                yield one(c, i)

    seen = set()
    for setting in (s for s in gen() if s is not None):
        if setting in seen:
            continue
        seen.add(setting)
        yield setting
        if len(seen) >= limit:
            return


_ESM = r"""
const STORES = new Map();
const ASK_AFTER_MS = 1500;
globalThis.__legpainStores = STORES;  // for the browser tests (tests/test_browser.py): read, or drop a picture

function storeOf(model) {
  const uid = model.get('uid');
  let s = STORES.get(uid);
  if (!s) {
    let resolve;
    s = { frames: new Map(), decoded: new Set(), key: null, views: new Set(), controls: [], spec: [], resets: [],
          ready: new Promise(r => { resolve = r; }) };
    s.resolve = resolve;
    s.uid = uid;
    STORES.set(uid, s);
  }
  return s;
}

function partOf(m, sp) {
  if (sp.kind === 'index') { const v = m.get('index'); return (v === null || v === undefined) ? -1 : v; }
  if (sp.kind === 'bool') { return m.get('value') ? 1 : 0; }
  return Math.round((m.get('value') - sp.min) / sp.step);
}

function keyOf(s) { return s.controls.map((m, i) => partOf(m, s.spec[i])).join(','); }

function element(f) {
  // a frame's picture as its own element, loaded and decoded ahead: showing it later is a swap and one paint
  if (!f.img) {
    f.img = new Image();
    f.img.alt = f.alt;
    f.img.className = 'legpain-frame';
    f.img.style.maxWidth = '100%';
    f.img.style.height = 'auto';
    if (f.width) { f.img.style.width = f.width + 'px'; }
    f.img.src = f.url;
    f.img.decode().catch(() => null);
  }
  return f.img;
}

function warm(s) {
  // Decoded pictures take ~2 MB each: keep them only for the setting on screen and those one step away (the ones
  // a key press or a short drag shows next); the rest stay as compressed PNG (~50 KB) until they are needed.
  const want = new Set([s.key]);
  const at = String(s.key).split(',').map(Number);
  at.forEach((v, i) => {
    for (const d of [-1, 1]) {
      if (v + d >= 0 && v + d < s.spec[i].size) { const k = at.slice(); k[i] = v + d; want.add(k.join(',')); }
    }
  });
  for (const key of s.decoded) {
    if (!want.has(key)) { const f = s.frames.get(key); if (f) { f.img = null; } s.decoded.delete(key); }
  }
  for (const key of want) {
    const f = s.frames.get(key);
    if (f && f.url) { element(f); s.decoded.add(key); }
  }
}

function nearest(s) {
  // While the picture of a slider position is on its way (a fast drag), show the one held for the nearest
  // position of the sliders, never one for another menu choice: the picture keeps up with the hand.
  const at = String(s.key).split(',').map(Number);
  let best = null;
  let bestDistance = Infinity;
  for (const f of s.frames.values()) {
    if (!f.at || f.at.length !== at.length) { continue; }
    let d = 0;
    for (let i = 0; i < at.length && d < Infinity; i++) {
      if (f.at[i] === at[i]) { continue; }
      d = s.spec[i].kind === 'step' ? d + Math.abs(f.at[i] - at[i]) : Infinity;
    }
    if (d <= bestDistance && d < Infinity) { best = f; bestDistance = d; }
  }
  return best;
}

function drop(s) {
  // forget every picture (their memory too); the kernel is asked again when a view shows the demo
  for (const f of s.frames.values()) { if (f.url) { URL.revokeObjectURL(f.url); } }
  s.frames.clear();
  s.decoded.clear();
  s.dropped = true;
}

function ask(s) {
  // A picture that has not come after a while is asked for by its key: whatever happened to the first one
  // (lost on the way, or sent before this page could take it), the kernel draws it again.
  clearTimeout(s.asking);
  const key = s.key;
  s.asking = setTimeout(() => {
    if (s.key === key && !s.frames.has(key) && s.model) { s.model.send({ type: 'need', key: key }); }
  }, ASK_AFTER_MS);
}

function repaint(s) {
  s.key = keyOf(s);
  for (const view of s.views) { view(); }
  warm(s);
}

async function initialize({ model }) {
  const s = storeOf(model);
  s.model = model;
  s.spec = model.get('spec');
  s.resets = model.get('resets') || [];
  const ids = model.get('controls') || [];
  s.controls = await Promise.all(ids.map(id => model.widget_manager.get_model(String(id).replace(/^IPY_MODEL_/, ''))));
  s.controls.forEach((m, i) => {
    m.on('change:value change:index', () => {
      for (const r of s.resets) {
        if (r.when === i) {
          const t = s.controls[r.target];
          if (t.get('index') !== r.index) { t.set('index', r.index); t.save_changes(); }
        }
      }
      repaint(s);
    });
  });
  model.on('msg:custom', (msg, buffers) => {
    if (!msg || msg.type !== 'frame') { return; }
    const f = { kind: msg.kind, alt: msg.alt || '', width: msg.width || null, html: msg.html || '' };
    if (msg.kind === 'png' && buffers && buffers.length) {
      f.url = URL.createObjectURL(new Blob([buffers[0]], { type: 'image/png' }));
    }
    const old = s.frames.get(msg.key);
    s.frames.set(msg.key, f);
    if (old && old.url) { setTimeout(() => URL.revokeObjectURL(old.url), 1000); }
    f.at = String(msg.key).split(',').map(Number);
    if (msg.key === s.key || !s.frames.has(s.key)) { for (const view of s.views) { view(); } }
    warm(s);
  });
  s.key = keyOf(s);
  s.hello = () => { s.dropped = false; model.send({ type: 'hello', key: s.key }); };
  s.resolve();
  s.hello();
  return () => { clearTimeout(s.idle); drop(s); STORES.delete(s.uid); };  // the model is closed (kernel restart)
}

async function render({ model, el }) {
  const s = storeOf(model);
  await s.ready;
  clearTimeout(s.idle);
  if (s.dropped) { s.hello(); }  // shown again after its pictures were forgotten: the kernel sends them anew
  el.classList.add('legpain-screen');
  const text = document.createElement('div');
  text.className = 'legpain-view legpain-text';
  text.style.display = 'none';
  el.append(text);
  let shown = null;
  let picture = null;
  const paint = () => {
    let f = s.frames.get(s.key);
    const exact = Boolean(f);
    if (!f) { f = nearest(s); }
    el.dataset.key = s.key;
    el.dataset.ready = exact ? 'yes' : (f ? 'near' : 'waiting');
    if (!exact) { ask(s); }
    if (!f || f === shown) { return; }
    shown = f;
    el.dataset.shownAt = String(performance.now());  // when the picture was put on the page (for the benchmark)
    if (f.kind === 'png') {
      // the frame's own decoded element (a copy if another view of this demo shows it already)
      const img = element(f);
      const node = (img.isConnected && !el.contains(img)) ? img.cloneNode() : img;
      if (picture) { picture.replaceWith(node); } else { el.prepend(node); }
      picture = node;
      text.style.display = 'none';
    } else {
      if (picture) { picture.remove(); picture = null; }
      text.innerHTML = f.html;
      text.style.display = '';
    }
  };
  s.views.add(paint);
  paint();
  return () => {
    s.views.delete(paint);
    // a demo no longer on the page (its cell re-run or cleared) lets its pictures go after a minute
    if (s.views.size === 0) { clearTimeout(s.idle); s.idle = setTimeout(() => drop(s), 60000); }
  };
}

export default { initialize, render };
"""


class Screen(anywidget.AnyWidget):
    """The picture of one demo: frames keyed by setting, painted in the browser (see the module docstring).

    The kernel side calls :meth:`show` with each frame it draws; ``on_hello`` is called when a browser view
    (re)connects with an empty store, so that the demo sends the current picture again."""

    _esm = _ESM
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
        self.on_hello = None
        self.on_need = None
        self.on_msg(self._message)

    def _message(self, _widget, content, _buffers):
        if not isinstance(content, dict):
            return
        if content.get("type") == "hello":
            self.sent.clear()
            if self.on_hello is not None:
                self.on_hello()
        elif content.get("type") == "need" and isinstance(content.get("key"), str):
            # the browser waited for this setting's picture in vain: draw and send it again
            self.sent.discard(content["key"])
            if self.on_need is not None:
                self.on_need(content["key"])

    def show(self, key: str, frame: dict[str, Any], current: bool = True) -> None:
        """Send one frame for ``key`` (``kind`` "png" with ``png`` bytes, or "html" with ``html``)."""
        if current:
            self.current = dict(frame, key=key)
        head = {"type": "frame", "key": key, "kind": frame["kind"], "alt": frame.get("alt", ""),
                "width": frame.get("width"), "html": frame.get("html", "")}
        buffers = [frame["png"]] if frame["kind"] == "png" else []
        self.send(head, buffers=buffers)
        self.sent.add(key)
