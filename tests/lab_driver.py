"""Drive the course in a real browser: JupyterLab in headless Chromium through Playwright.

Shared by tests/test_browser.py, tests/test_hub.py (a JupyterHub user's JupyterLab: the same page, another URL) and
benchmarks/browser.py. Nothing here is a test; it opens, runs, finds, answers and moves.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1300, "height": 900}
CUR = ".jp-NotebookPanel:not(.lm-mod-hidden)"  # the notebook in the visible tab
DEMO = ".legpain-demo"
OLD_DEMO = ".jp-OutputArea-output > .widget-vbox"  # demos made before the .legpain-demo class (benchmark --before)

SETTINGS = {
    # every cell stays in the page (no windowing), so that outputs far down a lesson can be read and driven
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                          "checkForUpdates": False},
}


def missing() -> list[str]:
    out = []
    if not Path(CHROMIUM).exists():
        out.append("Chromium (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        out.append("Playwright (pip install playwright; no browser download is needed)")
    return out


def require(what: str, also_missing: list[str] | None = None) -> None:
    """Skip the calling test (or fail it under CI, which must install them) when a piece it needs is missing:
    Chromium, Playwright, and whatever ``also_missing`` names."""
    import pytest

    gone = missing() + list(also_missing or [])
    if gone:
        msg = f"{what} needs " + " and ".join(gone)
        if os.environ.get("CI"):
            pytest.fail(msg + " — CI must install them (.ci/run does)")
        pytest.skip(msg)


def copy_course(root: Path) -> Path:
    for d in ("lessons", "exercises", "sources"):
        shutil.copytree(ROOT / d, root / d)
    return root


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (at the moment of asking)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


@contextmanager
def jupyterlab(root: Path, home: Path, extra_env: dict | None = None, args: list[str] = (),
               settings: dict | None = None):
    """JupyterLab on a free localhost port serving ``root``; yields its URL. ``settings``: the user settings to start
    with (default :data:`SETTINGS`); ``args``: more command-line options."""
    for rel, value in (SETTINGS if settings is None else settings).items():
        path = home / "settings" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value))
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("LEGPAIN_HEADLESS", "LEGPAIN_GALLERY")}
    env.update(JUPYTERLAB_SETTINGS_DIR=str(home / "settings"), JUPYTERLAB_WORKSPACES_DIR=str(home / "ws"),
               JUPYTER_RUNTIME_DIR=str(home / "runtime"), **(extra_env or {}))
    log = open(home / "lab.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ServerApp.token=", "--ServerApp.password=",
         "--IdentityProvider.token=", "--ip", "127.0.0.1", "--port", str(port), "--allow-root",
         f"--ServerApp.root_dir={root}", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate", *args],
        env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    try:
        while True:
            try:
                urllib.request.urlopen(url + "/api", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("JupyterLab did not start: " + (home / "lab.log").read_text()[-2000:])
                time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@contextmanager
def chromium_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport=VIEWPORT)
        page.set_default_timeout(60_000)
        # any JupyterLab dialog (kernel choice, "file changed", ...) is accepted whenever it gets in the way
        page.add_locator_handler(page.locator(".jp-Dialog"), lambda _loc: dismiss_dialogs(page),
                                 no_wait_after=True)
        try:
            yield page
        finally:
            browser.close()


def dismiss_dialogs(page) -> bool:
    """Accept (or, failing that, escape) every JupyterLab dialog on the page; True if there was one."""
    found = False
    for _ in range(5):
        if not page.query_selector(".jp-Dialog"):
            break
        found = True
        button = page.query_selector(".jp-Dialog button.jp-mod-accept")
        if button:
            try:
                button.click(timeout=2000)
            except Exception:  # noqa: BLE001 - it may vanish while clicked
                pass
        else:
            page.keyboard.press("Escape")
        time.sleep(0.3)
    return found


def shutdown_kernels(page, lab: str) -> None:
    """Stop every kernel session of the server (what the previous test or lesson left running)."""
    if not page.url.startswith(lab):
        return
    page.evaluate("""async () => {
        const x = (document.cookie.match(/_xsrf=([^;]+)/) || [])[1] || '';
        const h = {'X-XSRFToken': decodeURIComponent(x)};
        const s = await (await fetch('/api/sessions', {headers: h})).json();
        for (const one of s) { await fetch('/api/sessions/' + one.id, {method: 'DELETE', headers: h}); }
    }""")


_WORKSPACE = [0]


def open_notebook(page, lab: str, rel: str) -> None:
    """Open one notebook alone (a fresh workspace) and wait until its kernel is idle."""
    shutdown_kernels(page, lab)
    _WORKSPACE[0] += 1
    page.goto(f"{lab}/lab/workspaces/t{os.getpid()}-{_WORKSPACE[0]}/tree/{rel}")
    page.wait_for_selector(f"{CUR} .jp-Notebook")
    wait_kernel_idle(page, rel)
    close = page.query_selector(".jp-Notification-Toast-Close")
    if close:
        close.click()


def wait_kernel_idle(page, what: str, tries: int = 240) -> None:
    """Wait (``tries`` looks, half a second apart) until the visible notebook's Python kernel is idle, accepting any
    dialog (kernel choice, ...) on the way; ``what`` names the notebook in the failure."""
    for _ in range(tries):
        if dismiss_dialogs(page):
            continue
        status = page.get_attribute(f"{CUR} .jp-Notebook-ExecutionIndicator", "data-status")
        name = page.query_selector(f"{CUR} .jp-Toolbar-kernelName")
        if status == "idle" and name and "Python" in name.inner_text():
            return
        time.sleep(0.5)
    raise AssertionError(f"the kernel of {what} never became idle")


def prompts(page) -> list[str]:
    return page.evaluate(f"Array.from(document.querySelectorAll('{CUR} .jp-InputArea-prompt'))"
                         ".map(e => e.textContent.trim())")


def run_all(page, timeout: float = 180) -> None:
    started = False
    for _ in range(3):  # a first Run All is sometimes dropped: check that a prompt changed, else click again
        dismiss_dialogs(page)
        page.click('.lm-MenuBar-itemLabel:text-is("Run")')
        page.click('.lm-Menu-itemLabel:text-is("Run All Cells")')
        for _ in range(20):
            time.sleep(0.25)
            if any(p not in ("[ ]:", "") for p in prompts(page)):
                started = True
                break
        if started:
            break
    assert started, "Run All Cells did not start"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        dismiss_dialogs(page)
        busy = any("*" in p for p in prompts(page))
        if not busy and page.get_attribute(f"{CUR} .jp-Notebook-ExecutionIndicator", "data-status") == "idle":
            return
        time.sleep(0.5)
    raise AssertionError("Run All did not finish")


def code_cell(page, marker: str):
    """The first code cell of the visible notebook whose source holds ``marker`` (a locator, by position)."""
    cells = page.locator(f"{CUR} .jp-CodeCell")
    index = next(i for i in range(cells.count()) if marker in cells.nth(i).locator(".cm-content").inner_text())
    return cells.nth(index)


def answer_cell(page, marker: str, new_source: str, paste: bool = False, wait_output: float = 0):
    """Replace the source of the first code cell holding ``marker`` with ``new_source``, run it (Shift+Enter) and
    return that cell (by position). ``paste=True`` inserts the text at once, so the editor adds no indentation of its
    own (for sources with indented blocks); otherwise it is typed key by key. ``wait_output``: up to that many
    seconds for the cell to show an output (it returns anyway when none comes)."""
    cell = code_cell(page, marker)
    cell.scroll_into_view_if_needed()
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    if paste:
        page.keyboard.insert_text(new_source)
    else:
        page.keyboard.type(new_source)
    page.keyboard.press("Shift+Enter")
    for _ in range(round(wait_output / 0.25)):
        if cell.locator(".jp-OutputArea-output").count():
            break
        time.sleep(0.25)
    return cell


def wait_for_output(cell, words: str, timeout: float = 20) -> str:
    """The cell's output text once it holds ``words`` (looked at every 0.25 s for ``timeout`` s; else it fails)."""
    text = ""
    for _ in range(round(timeout / 0.25)):
        text = cell.locator(".jp-OutputArea").first.inner_text()
        if words in text:
            return text
        time.sleep(0.25)
    raise AssertionError(f"no '{words}' in the cell's output: {text!r}")


def demos(page):
    """The demos of the visible notebook, in order (their outermost widget element)."""
    found = page.locator(f"{CUR} {DEMO}")
    if found.count() == 0:
        found = page.locator(f"{CUR} {OLD_DEMO}")
    return [found.nth(i) for i in range(found.count())]


def demo_title(demo) -> str:
    return demo.evaluate("d => { const b = d.querySelector('b'); return b ? b.textContent : ''; }")


_JS = """
window.__lp = window.__lp || {
  sig(demo) {
    const parts = [];
    demo.querySelectorAll('img').forEach(i => parts.push(i.src.length + ':' + i.src.slice(-80)));
    demo.querySelectorAll('canvas.legpain-frame').forEach(c => parts.push(c.dataset.sig));
    demo.querySelectorAll('.legpain-view, .widget-output').forEach(e => parts.push(e.innerText));
    return parts.join('|');
  },
  exact(demo) {
    // the picture on screen is the setting's own (not a stand-in for a nearby one while it is drawn)
    const s = demo.querySelector('.legpain-screen');
    return !s || s.dataset.ready === 'yes';
  },
  key(demo) {
    const s = demo.querySelector('.legpain-screen');
    return s ? s.dataset.key : null;
  },
  arm(demo) {
    // Records every input event in the demo (type, timeStamp) and, in every animation frame, the demo's picture:
    // when a new one was first in the page, and when that frame was painted (a timeout queued from the frame's
    // callback runs after its paint). Once told that the input is complete (final), waits for the picture to have
    // changed and be the setting's own, and answers with the paint of that picture. The harness's own round trips
    // (telling the page the input is complete) are not counted: a picture painted before the page heard "final"
    // counts from its paint, provided it came after the last of the student's actions.
    const before = this.sig(demo);
    const events = [];
    const onInput = e => { if (demo.contains(e.target)) { events.push([e.type, e.timeStamp]); } };
    const kinds = ['keydown', 'input', 'change', 'pointerdown'];
    kinds.forEach(k => window.addEventListener(k, onInput, true));
    const done = () => kinds.forEach(k => window.removeEventListener(k, onInput, true));
    const state = {final: false};
    let seen = {sig: before, since: -Infinity, painted: -Infinity, exact: this.exact(demo), key: this.key(demo)};
    const lastAction = () => {
      // the student's last action: a key or a press of the pointer (a menu picked by code has only input/change)
      const acts = events.filter(([type]) => type === 'keydown' || type === 'pointerdown');
      return acts.length ? acts[acts.length - 1][1] : (events.length ? events[0][1] : Infinity);
    };
    const promise = new Promise(resolve => {
      const deadline = performance.now() + 8000;
      const tick = async () => {
        const now = performance.now();
        const sig = this.sig(demo);
        const exact = this.exact(demo);
        const key = this.key(demo);
        if (sig !== seen.sig || exact !== seen.exact || key !== seen.key) {
          const entry = {sig: sig, since: now, painted: null, exact: exact, key: key};
          seen = entry;
          const imgs = [...demo.querySelectorAll('img')];
          if (imgs.every(i => i.complete && i.naturalWidth > 0)) {
            setTimeout(() => { entry.painted = performance.now(); }, 0);  // after this frame's paint
          } else {  // decoded first, painted in the frame after
            Promise.all(imgs.map(i => i.decode().catch(() => null))).then(() => requestAnimationFrame(
              () => setTimeout(() => { entry.painted = performance.now(); }, 0)));
          }
        }
        // (the picture of the key on screen now: not one of a change the student has already moved past)
        if (state.final && seen.sig !== before && seen.exact && seen.painted !== null
            && seen.since >= lastAction() && seen.key === this.key(demo)) {
          done();
          resolve({events: events, t1: seen.painted, changed: true});
          return;
        }
        if (now > deadline) { done(); resolve({events: events, t1: null, changed: false}); return; }
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    return {promise: promise, state: state};
  },
};
"""


def first_control_kind(demo) -> str:
    return demo.evaluate("""d => {
        const s = d.querySelector('select'); const h = d.querySelector('.noUi-handle');
        if (s && (!h || (s.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING))) return 'menu';
        return h ? 'slider' : 'none'; }""")


def poke(page, demo, kind: str | None = None, menus: str = "key") -> None:
    """One real input on the demo's first control: an arrow key on a slider's handle or on a focused menu, in the
    direction that changes its value (``menus="select"``: choose the menu's next option as a mouse would, for
    demos whose menus lose their keys to JupyterLab)."""
    kind = kind or first_control_kind(demo)
    if kind == "menu":
        sel = demo.locator("select").first
        at_end = sel.evaluate("s => s.selectedIndex >= s.options.length - 1")
        if menus == "select":
            index = sel.evaluate("s => s.selectedIndex")
            sel.select_option(index=index - 1 if at_end else index + 1)
            return
        sel.focus()
        page.keyboard.press("ArrowUp" if at_end else "ArrowDown")
    elif kind == "slider":
        handle = demo.locator(".noUi-handle").first
        handle.focus()
        at_end = handle.evaluate("h => Number(h.getAttribute('aria-valuenow')) >= "
                                 "Number(h.getAttribute('aria-valuemax'))")
        page.keyboard.press("ArrowLeft" if at_end else "ArrowRight")
    else:
        raise AssertionError("this demo has no slider or menu")


def timed(page, demo, act, since: str = "first") -> float | None:
    """Milliseconds from an input to the paint of the demo's new picture, the setting's own (a stand-in for a nearby
    setting does not count); None if none came within 8 s. ``act()`` makes the input; ``since`` is the input event
    timed from: "first" (the first event in the demo), "last" (the last one: after typing, the Enter key), or
    "mark" (the first event after ``act`` called ``mark(page)``: the second of two quick changes)."""
    page.evaluate(_JS)
    demo.scroll_into_view_if_needed()
    demo.evaluate("d => { window.__lpArmed = window.__lp.arm(d); window.__lpMark = null; }")
    act()
    page.evaluate("window.__lpArmed.state.final = true")
    result = page.evaluate("window.__lpArmed.promise")
    mark = page.evaluate("window.__lpMark")
    events = [t for _kind, t in result["events"]]
    if since == "mark" and mark is not None:
        events = [t for t in events if t >= mark]
    if not result["changed"] or not events:
        return None
    t0 = events[-1] if since == "last" else events[0]
    return result["t1"] - t0


def mark(page) -> None:
    """For ``timed(..., since="mark")``: the inputs from now on are the ones timed."""
    page.evaluate("window.__lpMark = performance.now()")


def timed_input(page, demo, menus: str = "key") -> float | None:
    """Milliseconds from one step (an arrow key on the first control; see :func:`poke`) to the paint of the demo's
    new picture (None if it did not change within 8 s)."""
    return timed(page, demo, lambda: poke(page, demo, menus=menus))


def controls_of(demo) -> list[str]:
    """The kinds of the demo's controls in order: "menu" or "slider"."""
    return demo.evaluate("""d => Array.from(d.querySelectorAll('.legpain-control')).map(c =>
        c.querySelector('select') ? 'menu' : (c.querySelector('.noUi-handle') ? 'slider' : 'other'))""")


_FAR = [0.12, 0.88, 0.31, 0.69, 0.05, 0.57, 0.95, 0.22, 0.78, 0.43]  # where jumps and typed values go, in turn
_TURN = [0]


def _far_fraction(now: float) -> float:
    """The next place in :data:`_FAR` at least a quarter of the range from ``now`` (fractions of the range): jumps
    and typed values go to a new place each time, not back and forth between two that are drawn already."""
    for _ in range(len(_FAR)):
        _TURN[0] += 1
        f = _FAR[_TURN[0] % len(_FAR)]
        if abs(f - now) >= 0.25:
            return f
    return 0.0 if now > 0.5 else 1.0


def jump(page, demo, index: int = 0) -> None:
    """Click the slider's track far from its handle (a new place each time, see :func:`_far_fraction`): the handle
    jumps there."""
    cell = demo.locator(".legpain-control").nth(index)
    track = cell.locator(".noUi-target").first.bounding_box()
    handle = cell.locator(".noUi-handle").first.bounding_box()
    now = (handle["x"] + handle["width"] / 2 - track["x"]) / track["width"]
    x = track["x"] + _far_fraction(now) * track["width"]
    page.mouse.click(x, track["y"] + track["height"] / 2)


def far_pick(page, demo, index: int = 0) -> None:
    """Choose the menu option farthest from the one chosen (with the mouse, as a student picks from the list)."""
    sel = demo.locator(".legpain-control").nth(index).locator("select")
    at, n = sel.evaluate("s => [s.selectedIndex, s.options.length]")
    sel.select_option(index=0 if at >= n / 2 else n - 1)


def type_value(page, demo, index: int = 0) -> None:
    """Type a value far from the current one (a new place each time) into the slider's readout, press Enter."""
    cell = demo.locator(".legpain-control").nth(index)
    handle = cell.locator(".noUi-handle").first
    lo, hi, now = handle.evaluate("h => ['aria-valuemin', 'aria-valuemax', 'aria-valuenow']"
                                  ".map(a => Number(h.getAttribute(a)))")
    step = cell.evaluate("c => { const t = c.querySelector('.widget-readout').textContent.trim();"
                         " return t.includes('.') ? t.split('.')[1].length : 0; }")
    target = lo + _far_fraction((now - lo) / ((hi - lo) or 1)) * (hi - lo)
    text = f"{target:.{step}f}"
    readout = cell.locator(".widget-readout")
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def two_quick(page, demo) -> None:
    """Two changes in quick succession (~40 ms apart): the first control one step, then the second control one step
    (or the first control a second step where the demo has one control). Call with ``since="mark"``."""
    kinds = controls_of(demo)
    near_end = demo.evaluate("""d => {  // in the upper half: two steps down stay in range, else two steps up
        const h = d.querySelector('.noUi-handle'); const s = d.querySelector('select');
        if (h) { const [lo, hi, now] = ['aria-valuemin', 'aria-valuemax', 'aria-valuenow']
                   .map(a => Number(h.getAttribute(a))); return now > (lo + hi) / 2; }
        return s ? s.selectedIndex > (s.options.length - 1) / 2 : false; }""")
    first_key = "ArrowLeft" if near_end else "ArrowRight"
    if len(kinds) > 1:
        poke(page, demo)
    elif demo.locator(".noUi-handle").count():
        demo.locator(".noUi-handle").first.focus()
        page.keyboard.press(first_key)
    else:
        demo.locator("select").first.focus()
        page.keyboard.press("ArrowUp" if near_end else "ArrowDown")
    time.sleep(0.04)
    mark(page)
    if len(kinds) > 1 and kinds[1] in ("menu", "slider"):
        cell = demo.locator(".legpain-control").nth(1)
        if kinds[1] == "menu":
            sel = cell.locator("select")
            at_end = sel.evaluate("s => s.selectedIndex >= s.options.length - 1")
            sel.focus()
            page.keyboard.press("ArrowUp" if at_end else "ArrowDown")
        else:
            handle = cell.locator(".noUi-handle").first
            handle.focus()
            at_end = handle.evaluate("h => Number(h.getAttribute('aria-valuenow')) >= "
                                     "Number(h.getAttribute('aria-valuemax'))")
            page.keyboard.press("ArrowLeft" if at_end else "ArrowRight")
    else:  # one control: a second step the same way (poke would turn back at the end of the range)
        handle = demo.locator(".noUi-handle").first
        if handle.count():
            handle.focus()
            page.keyboard.press(first_key)
        else:  # a menu: on the same way where it can go on, else back (a menu of two options has no third)
            sel = demo.locator("select").first
            sel.focus()
            at, n = sel.evaluate("s => [s.selectedIndex, s.options.length]")
            key = "ArrowUp" if first_key == "ArrowLeft" else "ArrowDown"
            if (key == "ArrowDown" and at >= n - 1) or (key == "ArrowUp" and at <= 0):
                key = "ArrowDown" if key == "ArrowUp" else "ArrowUp"
            page.keyboard.press(key)


def control_problems(demo, track_min: int = 200) -> list[str]:
    """Controls narrower than they must be: slider tracks under ``track_min`` px, menus that cut their options."""
    return demo.evaluate("""(d, trackMin) => {
        const out = [];
        d.querySelectorAll('.noUi-target').forEach((t, i) => {
            const w = t.getBoundingClientRect().width;
            if (w < trackMin) out.push(`slider ${i + 1}: track ${Math.round(w)} px < ${trackMin} px`);
        });
        const ctx = document.createElement('canvas').getContext('2d');
        d.querySelectorAll('select').forEach((s, i) => {
            ctx.font = getComputedStyle(s).font;
            const need = Math.max(...[...s.options].map(o => ctx.measureText(o.text).width)) + 28;
            if (s.clientWidth < need) out.push(`menu ${i + 1}: ${s.clientWidth} px shows less than its longest `
                + `option (${Math.round(need)} px)`);
        });
        return out; }""", track_min)


def figure_box(demo) -> dict:
    """Where the demo sits on screen and how big its picture is drawn (CSS px; natural = image pixels)."""
    return demo.evaluate("""d => {
        const r = d.getBoundingClientRect(); const i = d.querySelector('img, canvas.legpain-frame');
        const natural = i ? (i.tagName === 'CANVAS' ? i.width / Math.max(1, Math.min(3, devicePixelRatio || 1))
                                                    : i.naturalWidth) : 0;
        return {top: r.top, height: r.height, width: r.width,
                img: i ? {w: i.getBoundingClientRect().width, natural: natural,
                          h: i.getBoundingClientRect().height} : null}; }""")


def kernel_pids(page) -> list[int]:
    """Process ids of the server's running kernels (found by their connection file's name)."""
    ids = page.evaluate("""async () => {
        const s = await (await fetch('/api/sessions')).json();
        return s.map(one => one.kernel.id); }""")
    pids = []
    for kid in ids:
        out = subprocess.run(["pgrep", "-f", f"kernel-{kid}"], capture_output=True, text=True).stdout.split()
        pids += [int(p) for p in out]
    return pids


@contextmanager
def kernel_paused(page):
    """The notebook's kernel stopped (SIGSTOP) for the duration: whatever changes on screen is the browser's own."""
    import signal

    pids = kernel_pids(page)
    assert pids, "no kernel process found"
    for pid in pids:
        os.kill(pid, signal.SIGSTOP)
    try:
        yield pids
    finally:
        for pid in pids:
            os.kill(pid, signal.SIGCONT)


def screen_state(demo) -> dict:
    """The demo's picture: the setting the browser shows (its key) and whether it holds that setting's picture."""
    return demo.evaluate("""d => { const s = d.querySelector('.legpain-screen');
        return s ? {key: s.dataset.key, ready: s.dataset.ready} : {}; }""")


_DRAG_JS = """
void (window.__lpDrag = function (demo) {
  const sig = () => window.__lp.sig(demo);
  const handle = demo.querySelector('.noUi-handle');
  const value = () => handle ? handle.getAttribute('aria-valuenow') : null;
  const rec = {moves: [], pictures: [], lastSig: sig(), lastValue: value(), stop: false};
  const tick = () => {
    const now = performance.now();
    const v = value();
    if (v !== rec.lastValue) { rec.lastValue = v; rec.moves.push(now); }
    const s = sig();
    if (s !== rec.lastSig) { rec.lastSig = s; rec.pictures.push(now); }
    if (!rec.stop) { requestAnimationFrame(tick); }
  };
  requestAnimationFrame(tick);
  return rec;
});
"""


def drag(page, demo, fraction: float = 0.35, steps: int = 30, step_ms: float = 33) -> dict | None:
    """Drag the demo's first slider handle by ``fraction`` of its track with the mouse, ``steps`` moves at
    ``step_ms`` intervals (a slow hand), watching every animation frame: how many positions the slider passed, how
    many new pictures were painted, and how long the picture lagged each position (ms from the slider showing a new
    value to the next new picture; median and longest). None if the demo has no slider."""
    page.evaluate(_JS)
    page.evaluate(_DRAG_JS)
    handle = demo.locator(".noUi-handle").first
    if handle.count() == 0:
        return None
    demo.scroll_into_view_if_needed()
    track = demo.locator(".noUi-target").first.bounding_box()
    box = handle.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    room_right = track["x"] + track["width"] - x
    dx = (1 if room_right > track["width"] / 2 else -1) * fraction * track["width"]
    demo.evaluate("d => { window.__lpRec = window.__lpDrag(d); }")
    page.mouse.move(x, y)
    page.mouse.down()
    for i in range(1, steps + 1):
        page.mouse.move(x + dx * i / steps, y)
        time.sleep(step_ms / 1000)
    page.mouse.up()
    time.sleep(1.5)
    rec = page.evaluate("(() => { window.__lpRec.stop = true; return window.__lpRec; })()")
    moves, pictures = rec["moves"], rec["pictures"]
    if not moves:
        return {"positions": 0, "pictures": len(pictures), "lag_median": None, "lag_max": None}
    lags = []
    for t in moves:
        later = [p for p in pictures if p >= t]
        lags.append(later[0] - t if later else float("inf"))
    import statistics

    return {"positions": len(moves), "pictures": len(pictures), "lag_median": statistics.median(lags),
            "lag_max": max(lags)}


AXE_VERSION = "4.14.1"  # pinned: .ci/run installs this version (npm install -g axe-core@4.14.1)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_script() -> Path | None:
    """axe-core's browser script, as npm installed it (globally, as .ci/run does, or in a node_modules/ here)."""
    candidates = [ROOT / "node_modules" / "axe-core" / "axe.min.js"]
    try:
        root = subprocess.run(["npm", "root", "-g"], capture_output=True, text=True, timeout=30).stdout.strip()
        if root:
            candidates.append(Path(root) / "axe-core" / "axe.min.js")
    except (OSError, subprocess.TimeoutExpired):
        pass
    return next((p for p in candidates if p.exists()), None)


def axe(page, include: list[str] | None = None, rules: list[str] | None = None) -> list[dict]:
    """Run axe-core (WCAG 2.1 A and AA) on the page, or only inside the elements ``include`` selects; return its
    violations: ``{id, impact, help, nodes: [{target, summary}]}``."""
    script = axe_script()
    assert script, f"axe-core is not installed (npm install -g axe-core@{AXE_VERSION})"
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(script))
    version = page.evaluate("axe.version")
    assert version == AXE_VERSION, f"axe-core {version} installed, the tests pin {AXE_VERSION}"
    options = {"runOnly": {"type": "rule", "values": rules}} if rules else \
        {"runOnly": {"type": "tag", "values": AXE_TAGS}}
    return page.evaluate("""async ([include, options]) => {
        const context = include ? {include: include.map(s => [s])} : document;
        const found = await axe.run(context, options);
        return found.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: (n.failureSummary || '').slice(0, 300)}))}));
    }""", [include, options])


def serious(violations: list[dict]) -> list[str]:
    """The critical and serious violations, one line per element."""
    return [f"{v['impact']} {v['id']}: {n['target'][-120:]} — {n['summary']}"
            for v in violations if v["impact"] in ("critical", "serious") for n in v["nodes"]]


_CONTRAST_JS = """
(root) => {
  // WCAG 2.1 contrast of every visible text in root against the first opaque background behind it (its own or an
  // ancestor's, the page's at last): a check of its own, as axe-core leaves some text inside widget outputs unrated
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = c => { const f = c.slice(0, 3).map(v => v / 255)
    .map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
    return 0.2126 * f[0] + 0.7152 * f[1] + 0.0722 * f[2]; };
  const ratio = (a, b) => {
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const background = e => {
    for (; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length >= 3 && (c.length === 3 || c[3] > 0.9)) { return c; }
    }
    return [255, 255, 255];
  };
  const out = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const e = t.parentElement;
    if (!t.textContent.trim() || seen.has(e) || !e.getClientRects().length) { continue; }
    seen.add(e);
    const s = getComputedStyle(e);
    if (s.visibility === 'hidden' || s.clip === 'rect(0px, 0px, 0px, 0px)') { continue; }
    let opacity = 1;
    for (let a = e; a; a = a.parentElement) { opacity *= Number(getComputedStyle(a).opacity); }
    const fg = rgb(s.color); const bg = background(e);
    const alpha = (fg.length > 3 ? fg[3] : 1) * opacity;
    const seenFg = fg.slice(0, 3).map((v, i) => alpha * v + (1 - alpha) * bg[i]);
    const size = parseFloat(s.fontSize); const bold = Number(s.fontWeight) >= 700;
    const need = (size >= 24 || (bold && size >= 18.66)) ? 3 : 4.5;
    const r = ratio(seenFg, bg);
    if (r < need) {
      out.push(`${r.toFixed(2)}:1 < ${need}:1 "${t.textContent.trim().slice(0, 50)}" (${s.color} on rgb(${bg}))`);
    }
  }
  return out;
}
"""


def low_contrast(locator) -> list[str]:
    """Texts inside ``locator`` whose contrast is under WCAG AA (4.5:1, large text 3:1), as seen on screen."""
    return locator.evaluate(_CONTRAST_JS)
