// The browser side of a live demo (legpain/ui/screen.py's Screen, an anywidget): a store of pictures keyed by
// setting, painted when a control moves without waiting for the kernel; and the demos' keyboard guard.
const STORES = new Map();
const ASK_AFTER_MS = 1500;
globalThis.__legpainStores = STORES;  // for the browser tests (tests/test_browser.py): read, or drop a picture

function storeOf(model) {
  const uid = model.get('uid');
  let s = STORES.get(uid);
  if (!s) {
    let resolve;
    s = { frames: new Map(), decoded: new Set(), key: null, views: new Set(), controls: [], spec: [], resets: [],
          glyphs: new Map(), backgrounds: new Map(), ready: new Promise(r => { resolve = r; }) };
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

// -- vector frames (legpain/ui/vector.py): drawing instructions over a kept picture of the figure's rest ---------

const PATHS = new Map();  // SVG path data -> Path2D (marker and glyph outlines repeat from frame to frame)

function path2d(d) {
  let p = PATHS.get(d);
  if (!p) {
    p = new Path2D(d);
    if (PATHS.size > 5000) { PATHS.clear(); }
    PATHS.set(d, p);
  }
  return p;
}

function background(s, id) {
  const b = s.backgrounds.get(id);
  return b && b.img.complete && b.img.naturalWidth > 0 ? b.img : null;
}

function stroke(ctx, op, p) {
  ctx.strokeStyle = op.stroke;
  ctx.lineWidth = op.lw;
  ctx.lineCap = op.cap || 'butt';
  ctx.lineJoin = op.join || 'miter';
  ctx.setLineDash(op.dash || []);
  ctx.lineDashOffset = op.dash_offset || 0;
  ctx.stroke(p);
}

const HATCHES = new Map();  // a hatch tile (legpain/ui/vector.py's _hatch) -> its canvas, drawn once

function hatch(ctx, h) {
  // the pattern Agg repeats from the picture's top left: one tile, `size` pixels square, of the hatch's lines
  const key = h.size + '|' + h.stroke + '|' + h.lw + '|' + h.d;
  let tile = HATCHES.get(key);
  if (!tile) {
    tile = document.createElement('canvas');
    tile.width = h.size;
    tile.height = h.size;
    const t = tile.getContext('2d');
    t.strokeStyle = h.stroke;
    t.lineWidth = h.lw;
    t.stroke(path2d(h.d));
    HATCHES.set(key, tile);
  }
  return ctx.createPattern(tile, 'repeat');
}

function drawOps(ctx, s, ops) {
  for (const op of ops) {
    ctx.save();
    if (op.clip) { ctx.beginPath(); ctx.rect(op.clip[0], op.clip[1], op.clip[2], op.clip[3]); ctx.clip(); }
    if (op.t === 'path') {
      const p = path2d(op.d);
      if (op.fill) { ctx.fillStyle = op.fill; ctx.fill(p); }
      if (op.hatch) { ctx.fillStyle = hatch(ctx, op.hatch); ctx.fill(p); }
      if (op.stroke) { stroke(ctx, op, p); }
    } else if (op.t === 'markers') {
      const p = path2d(op.d);
      const base = ctx.getTransform();
      for (let i = 0; i < op.at.length; i += 2) {
        ctx.setTransform(base);
        ctx.translate(op.at[i], op.at[i + 1]);
        if (op.fill) { ctx.fillStyle = op.fill; ctx.fill(p); }
        if (op.stroke) { stroke(ctx, op, p); }
      }
    } else if (op.t === 'text') {
      ctx.fillStyle = op.fill;
      ctx.translate(op.x, op.y);
      if (op.angle) { ctx.rotate(-op.angle * Math.PI / 180); }
      ctx.scale(op.scale, op.scale);
      const sx = op.sx || 1;  // glyphs spread to the width Agg's hinted text takes (legpain/ui/vector.py)
      for (const [id, gx, gy, size] of op.g) {
        const d = s.glyphs.get(id);
        if (d === undefined) { continue; }
        ctx.save();
        ctx.translate(gx * sx, -gy);
        if (size !== 1) { ctx.scale(size, size); }
        ctx.fill(path2d(d));
        ctx.restore();
      }
      for (const d of (op.rects || [])) { ctx.fill(path2d(d)); }
    }
    ctx.restore();
  }
}

function complete(s, f) {
  // the store holds the frame's kept picture and every glyph its text uses
  if (!s.backgrounds.has(f.bg)) { return false; }
  for (const op of f.ops) {
    if (op.t === 'text') { for (const g of op.g) { if (!s.glyphs.has(g[0])) { return false; } } }
  }
  return true;
}

function resync(s) {
  // Something a vector frame needs never reached this page (it was sent before the page could take it): say hello
  // again, so that the kernel forgets what it sent and sends it anew (at most once a second).
  const now = performance.now();
  if (s.hello && !(s.resynced > now - 1000)) { s.resynced = now; s.hello(); }
}

function usable(s, f) {
  // a frame that can be shown now (a vector frame once its kept picture is decoded), or null
  return f && (f.kind !== 'vector' || background(s, f.bg)) ? f : null;
}

function drawVector(canvas, s, f) {
  // the frame's picture on this canvas (its kept picture is decoded: see usable)
  const bg = background(s, f.bg);
  const ratio = Math.max(1, Math.min(3, window.devicePixelRatio || 1));
  const w = Math.round(f.w * ratio);
  const h = Math.round(f.h * ratio);
  if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(bg, 0, 0, w, h);
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  drawOps(ctx, s, f.ops);
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
    if (!f.at || f.at.length !== at.length || !usable(s, f)) { continue; }
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
  for (const b of s.backgrounds.values()) { URL.revokeObjectURL(b.url); }
  s.frames.clear();
  s.decoded.clear();
  s.backgrounds.clear();
  s.glyphs.clear();
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

let DESC_IDS = 0;

function labelControls(el) {
  // Every control is named by its visible description (the text above or beside it: ipywidgets' own label is
  // emptied, and a slider's handle would have no name at all): aria-labelledby points at that text. True once every
  // control of the demo is on the page and named.
  const box = el.closest('.legpain-demo');
  if (!box) { return false; }
  const cells = box.querySelectorAll('.legpain-control');
  let all = cells.length > 0;
  cells.forEach(cell => {
    const desc = cell.querySelector('span.legpain-desc');
    const targets = cell.querySelectorAll('select, .noUi-handle, input, .widget-readout');
    if (!desc || !targets.length) { all = false; return; }
    if (!desc.id) { desc.id = 'legpain-desc-' + (++DESC_IDS); }
    targets.forEach(t => {
      if (t.classList.contains('widget-readout')) {
        t.setAttribute('aria-label', desc.textContent + ' (type a value)');
      } else {
        t.setAttribute('aria-labelledby', desc.id);
      }
    });
  });
  return all;
}

function changeText(s, el) {
  // What the student just changed, in the demo's words: "Patients in the trial: 196 (picture updated)".
  const i = s.changed;
  const m = s.controls[i];
  const box = el.closest('.legpain-demo');
  const cell = box ? box.querySelectorAll('.legpain-control')[i] : null;
  const desc = cell ? cell.querySelector('span.legpain-desc') : null;
  if (!m) { return ''; }
  let value;
  const sp = s.spec[i];
  if (sp.kind === 'index') {
    value = (m.get('_options_labels') || [])[m.get('index')];
  } else if (sp.kind === 'bool') {
    value = m.get('value') ? 'on' : 'off';
  } else {
    const readout = cell ? cell.querySelector('.widget-readout') : null;
    value = readout && readout.textContent.trim() ? readout.textContent.trim() : String(m.get('value'));
  }
  return `${desc ? desc.textContent.trim() : 'Setting'}: ${value} (picture updated)`;
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
      s.changed = i;
      repaint(s);
    });
  });
  model.on('msg:custom', (msg, buffers) => {
    if (msg && msg.type === 'forget' && Array.isArray(msg.keys)) {
      // the kernel keeps this demo's pictures within a budget: those used longest ago go (drawn again if needed)
      for (const key of msg.keys) {
        const f = s.frames.get(key);
        if (!f || key === s.key) { continue; }
        if (f.url) { setTimeout(() => URL.revokeObjectURL(f.url), 1000); }
        s.frames.delete(key);
        s.decoded.delete(key);
      }
      return;
    }
    if (!msg || msg.type !== 'frame') { return; }
    const f = { kind: msg.kind, alt: msg.alt || '', width: msg.width || null, html: msg.html || '' };
    if (msg.kind === 'png' && buffers && buffers.length) {
      f.url = URL.createObjectURL(new Blob([buffers[0]], { type: 'image/png' }));
    }
    if (msg.kind === 'vector') {
      Object.assign(f, { ops: msg.ops, bg: msg.bg, w: msg.w, h: msg.h });
      for (const [id, d] of Object.entries(msg.glyphs || {})) { s.glyphs.set(id, d); }
      if (buffers && buffers.length && !s.backgrounds.has(msg.bg)) {
        // a kept picture of the figure's rest: decoded once, then every frame over it is drawn at once
        const url = URL.createObjectURL(new Blob([buffers[0]], { type: 'image/png' }));
        const img = new Image();
        img.src = url;
        s.backgrounds.set(msg.bg, { url: url, img: img });
        img.decode().catch(() => null).then(() => { for (const view of s.views) { view(); } });
      }
    }
    if (f.kind === 'vector' && !complete(s, f)) {
      resync(s);  // the kernel believes this page holds what the frame draws with, and it does not
      return;
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
  el.__legpainStore = s;  // for the browser tests: this demo's store (each page may load this module more than once)
  const text = document.createElement('div');
  text.className = 'legpain-view legpain-text';
  text.style.display = 'none';
  const badge = document.createElement('div');
  badge.className = 'legpain-badge';
  badge.setAttribute('aria-hidden', 'true');
  badge.textContent = 'drawing\u2026';
  // a screen reader hears what changed once the setting's own picture is on screen (not for every stand-in)
  const status = document.createElement('div');
  status.className = 'legpain-status';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  el.append(text, badge, status);
  let announced = s.key;
  let tries = 0;
  const named = () => { if (!labelControls(el) && tries++ < 200) { setTimeout(named, 50); } };
  named();
  let shown = null;
  let picture = null;
  let canvas = null;  // the view's canvas for vector frames (drawn again for each)
  let serial = 0;
  const paint = () => {
    let f = usable(s, s.frames.get(s.key));
    const exact = Boolean(f);
    if (!f) { f = nearest(s); }
    el.dataset.key = s.key;
    el.dataset.ready = exact ? 'yes' : (f ? 'near' : 'waiting');
    // A picture that is not this setting's (the nearest slider position's, or the last one while the kernel draws)
    // is never shown as if it were: dimmed, and marked "drawing…", until the setting's own picture arrives.
    el.classList.toggle('legpain-standin', !exact);
    if (!exact) { ask(s); }
    if (exact && s.key !== announced && s.changed !== undefined) {
      announced = s.key;
      status.textContent = changeText(s, el);
    }
    if (!f || f === shown) { return; }
    if (f.kind === 'vector') {
      if (!canvas) {
        canvas = document.createElement('canvas');
        canvas.className = 'legpain-frame';
        canvas.setAttribute('role', 'img');
        canvas.style.maxWidth = '100%';
        canvas.style.height = 'auto';
      }
      drawVector(canvas, s, f);
      canvas.setAttribute('aria-label', f.alt || 'The picture of this demo');  // (every course figure has alt text)
      if (f.width) { canvas.style.width = f.width + 'px'; }
      canvas.dataset.sig = s.key + '#' + (++serial);
      if (picture !== canvas) {
        if (picture) { picture.replaceWith(canvas); } else { el.prepend(canvas); }
        picture = canvas;
      }
      text.style.display = 'none';
      shown = f;
      el.dataset.shownAt = String(performance.now());  // when the picture was put on the page (for the benchmark)
      return;
    }
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

// Keys pressed in a demo's controls are the control's, never the notebook's command-mode shortcuts (arrow keys move
// cells, "b" inserts one, "d d" deletes the demo's cell: ipywidgets #3912). Those shortcuts apply only when the
// notebook is not marked read-write (.jp-mod-readWrite), the mark JupyterLab itself sets while a text field has
// focus: set it for the moment a key is handled inside a demo. Installed once per page, whichever demo loads first.
if (!globalThis.__legpainDemoKeys) {
  globalThis.__legpainDemoKeys = true;
  const guard = (event) => {
    const t = event.target;
    const box = t && t.closest ? t.closest('.legpain-demo') : null;
    if (!box) { return; }
    box.setAttribute('data-lm-suppress-shortcuts', 'true');
    const nb = box.closest('.jp-Notebook');
    if (nb && !nb.classList.contains('jp-mod-readWrite')) {
      nb.classList.add('jp-mod-readWrite');
      setTimeout(() => {
        const a = document.activeElement;
        if (!(a && a.matches && a.matches(':read-write'))) { nb.classList.remove('jp-mod-readWrite'); }
      }, 0);
    }
  };
  window.addEventListener('keydown', guard, true);
  window.addEventListener('keypress', guard, true);
}

export default { initialize, render };
