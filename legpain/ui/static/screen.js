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
  const paint = () => {
    let f = s.frames.get(s.key);
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
