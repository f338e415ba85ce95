"""The course as a student meets it, in a real browser: JupyterLab in headless Chromium, driven with Playwright.

Skipped where Chromium or Playwright is missing (with how to install them); under CI it must run. Screenshots of
every step go to test-artifacts/browser/ so that a person can look.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from helpers import ROOT

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
SHOTS = ROOT / "test-artifacts" / "browser"
CUR = ".jp-NotebookPanel:not(.lm-mod-hidden)"  # the notebook in the visible tab (others stay in the DOM)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def _need_browser():
    missing = []
    if not Path(CHROMIUM).exists():
        missing.append("Chromium (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("Playwright (pip install playwright; no browser download is needed)")
    if missing:
        msg = "browser test needs " + " and ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(msg + " — CI must install them (.ci/run does)")
        pytest.skip(msg)


COPY = {}


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on a free localhost port, serving a scratch copy of the course (the repo stays untouched)."""
    _need_browser()
    root = tmp_path_factory.mktemp("course")
    COPY["root"] = root
    for d in ("lessons", "exercises", "sources"):
        shutil.copytree(ROOT / d, root / d)
    home = tmp_path_factory.mktemp("jupyter-home")
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    env = {k: v for k, v in os.environ.items() if k != "LEGPAIN_HEADLESS"}  # a real front end: widgets are live
    env.update(JUPYTERLAB_SETTINGS_DIR=str(home / "settings"), JUPYTERLAB_WORKSPACES_DIR=str(home / "ws"),
               JUPYTER_RUNTIME_DIR=str(home / "runtime"))
    log = open(home / "lab.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ServerApp.token=", "--ServerApp.password=",
         "--IdentityProvider.token=", "--ip", "127.0.0.1", "--port", str(port), "--allow-root",
         f"--ServerApp.root_dir={root}", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(url + "/api", timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                raise RuntimeError("JupyterLab did not start: " + (home / "lab.log").read_text()[-2000:])
            time.sleep(0.3)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="module")
def page(lab):
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        pg = browser.new_page(viewport={"width": 1300, "height": 900})
        pg.set_default_timeout(60_000)
        yield pg
        browser.close()


def shot(pg, name):
    path = SHOTS / name
    pg.screenshot(path=str(path))
    print(f"screenshot: {path.relative_to(ROOT)}")
    return path


def open_notebook(pg, lab, rel):
    pg.goto(f"{lab}/lab/tree/{rel}")
    pg.wait_for_selector(f"{CUR} .jp-Notebook")
    for _ in range(240):  # until the kernel is ready, accepting a kernel dialog if one appears
        accept = pg.query_selector(".jp-Dialog button.jp-mod-accept")
        if accept:
            accept.click()
            time.sleep(0.5)
            continue
        status = pg.get_attribute(f"{CUR} .jp-Notebook-ExecutionIndicator", "data-status")
        name = pg.query_selector(f"{CUR} .jp-Toolbar-kernelName")
        if status == "idle" and name and "Python" in name.inner_text():
            break
        time.sleep(0.5)
    else:
        raise AssertionError(f"the kernel of {rel} never became idle")
    news = pg.query_selector(".jp-Notification-Toast-Close, .jp-toast-button:has-text('No')")
    if news:
        news.click()


def prompts(pg):
    return pg.evaluate(f"Array.from(document.querySelectorAll('{CUR} .jp-InputArea-prompt'))"
                       ".map(e => e.textContent.trim())")


def run_all(pg):
    started = False
    for _ in range(3):  # a first Run All is sometimes dropped: check that a prompt changed, else click again
        pg.click('.lm-MenuBar-itemLabel:text-is("Run")')
        pg.click('.lm-Menu-itemLabel:text-is("Run All Cells")')
        for _ in range(20):
            time.sleep(0.25)
            if any(p not in ("[ ]:", "") for p in prompts(pg)):
                started = True
                break
        if started:
            break
    assert started, "Run All Cells did not start"
    for _ in range(240):
        busy = any("*" in p for p in prompts(pg))
        if not busy and pg.get_attribute(f"{CUR} .jp-Notebook-ExecutionIndicator", "data-status") == "idle":
            return
        time.sleep(0.5)
    raise AssertionError("Run All did not finish")


def outputs_text(pg):
    return pg.evaluate(f"Array.from(document.querySelectorAll('{CUR} .jp-OutputArea-output')).map(e => e.innerText)"
                       ".join('\\n')")


def saved(page, rel):
    """Save the open notebook from the browser (Ctrl+S) and read the file JupyterLab wrote, outputs and all.

    (JupyterLab draws only the cells near the viewport, so the saved file is the reliable record of outputs.)"""
    from legpain import notebooks

    path = COPY["root"] / rel
    before = path.stat().st_mtime_ns
    page.click(f"{CUR} .jp-Notebook")
    page.keyboard.press("Control+s")
    for _ in range(60):
        time.sleep(0.25)
        if path.stat().st_mtime_ns != before:
            break
    time.sleep(0.3)
    return notebooks.read(path)


def test_lesson_00_runs_all_cells_without_errors(page, lab):
    """Open lesson 00, Run All Cells: every code cell runs, and no output is an error."""
    open_notebook(page, lab, "lessons/00-start-here.ipynb")
    run_all(page)
    shot(page, "01-lesson-00-run-all.png")
    nb = saved(page, "lessons/00-start-here.ipynb")
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code), "a code cell did not run"
    outputs = [o for c in code for o in c.outputs]
    errors = [f"{o.ename}: {o.evalue}" for o in outputs if o.output_type == "error"]
    assert errors == []
    text = " ".join(str(o.get("data", {}).get("text/plain", "")) + str(o.get("text", "")) for o in outputs)
    assert "Traceback" not in text
    assert "Not answered yet" in text  # the lesson's self-checks wait for the student
    assert "application/vnd.jupyter.widget-view+json" in str(outputs)  # the demo is a live widget here


def test_moving_a_slider_changes_the_figure(page, lab):
    """In lesson 00's demo, moving the baseline slider with the keyboard redraws the figure."""
    img = page.wait_for_selector(f"{CUR} .widget-output img")
    img.scroll_into_view_if_needed()
    shot(page, "02-demo-before.png")
    before = img.get_attribute("src")
    handle = page.query_selector_all(f"{CUR} .noUi-handle")[0]
    handle.focus()
    for _ in range(4):
        page.keyboard.press("ArrowRight")
        time.sleep(0.2)
    alt = ""
    for _ in range(60):  # each key press moves the start score by half a point: 6 -> 8
        time.sleep(0.25)
        alt = page.query_selector(f"{CUR} .widget-output img").get_attribute("alt")
        if "8 of 10 at the start" in alt:
            break
    after = page.query_selector(f"{CUR} .widget-output img").get_attribute("src")
    assert after != before, "the figure did not change when the slider moved"
    assert "8 of 10 at the start" in alt, alt
    shot(page, "03-demo-after.png")


def _answer(page, marker, new_source):
    """Replace the source of the first code cell holding ``marker``, run it, and return that cell (by position)."""
    cells = page.locator(f"{CUR} .jp-CodeCell")
    index = next(i for i in range(cells.count()) if marker in cells.nth(i).locator(".cm-content").inner_text())
    cell = cells.nth(index)
    cell.scroll_into_view_if_needed()
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.type(new_source)
    page.keyboard.press("Shift+Enter")
    return cell


def _wait_for(cell, words):
    text = ""
    for _ in range(80):
        text = cell.locator(".jp-OutputArea").first.inner_text()
        if words in text:
            return text
        time.sleep(0.25)
    raise AssertionError(f"no '{words}' in the cell's output: {text!r}")


def test_exercise_feedback_for_a_wrong_then_a_right_answer(page, lab):
    """In exercise set 00, a wrong answer gets specific feedback without the answer; the right one is confirmed."""
    open_notebook(page, lab, "exercises/00-start-here.ipynb")
    run_all(page)
    cell = _answer(page, "n_enrolled = ...", 'n_enrolled = 191\ncheck("q0_1", n_enrolled)')
    text = _wait_for(cell, "Not yet")
    assert "12 weeks" in text and "192" not in text
    shot(page, "04-exercise-wrong-answer.png")
    cell = _answer(page, "n_enrolled = 191", 'n_enrolled = 192\ncheck("q0_1", n_enrolled)')
    _wait_for(cell, "Correct")
    shot(page, "05-exercise-right-answer.png")


def test_lesson_reads_in_the_dark_theme(page, lab):
    """Switch JupyterLab to its dark theme: the lesson and its feedback boxes still render (screenshot to look at)."""
    page.click('.lm-MenuBar-itemLabel:text-is("Settings")')
    page.click('.lm-Menu-itemLabel:text-is("Theme")')
    page.click('.lm-Menu-itemLabel:text-is("JupyterLab Dark")')
    for _ in range(40):
        if page.evaluate("document.body.dataset.jpThemeLight") == "false":
            break
        time.sleep(0.25)
    assert page.evaluate("document.body.dataset.jpThemeLight") == "false"
    time.sleep(1)
    shot(page, "06-exercise-dark-theme.png")
    open_notebook(page, lab, "lessons/00-start-here.ipynb")
    shot(page, "07-lesson-dark-theme.png")
    page.click('.lm-MenuBar-itemLabel:text-is("Settings")')
    page.click('.lm-Menu-itemLabel:text-is("Theme")')
    page.click('.lm-Menu-itemLabel:text-is("JupyterLab Light")')
