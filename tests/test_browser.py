"""The course as a student meets it, in a real browser: JupyterLab in headless Chromium, driven with Playwright.

Skipped where Chromium or Playwright is missing (with how to install them); under CI it must run. Every test opens
what it needs (a fresh workspace with one notebook) and any JupyterLab dialog is dismissed whenever it appears.
Screenshots of every lesson's demos go to test-artifacts/browser/ for a person to look at.
"""

import shutil
import time

import pytest

import lab_driver as L
from helpers import ROOT, WORST_BLOCK, picture_rgba, worst_block

pytestmark = pytest.mark.browser

SHOTS = ROOT / "test-artifacts" / "browser"
LESSONS = sorted(p.name for p in (ROOT / "lessons").glob("[0-9][0-9]-*.ipynb"))
CUR = L.CUR


def _need_browser():
    L.require("browser test")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on a free localhost port, serving a scratch copy of the course (the repo stays untouched)."""
    _need_browser()
    root = L.copy_course(tmp_path_factory.mktemp("course"))
    with L.jupyterlab(root, tmp_path_factory.mktemp("jupyter-home")) as url:
        yield url


@pytest.fixture(scope="module")
def browser_page(lab):
    SHOTS.mkdir(parents=True, exist_ok=True)
    with L.chromium_page() as pg:
        yield pg


@pytest.fixture
def page(browser_page, lab):
    """The browser page, in the light theme, with no notebook kernel left over from another test."""
    L.shutdown_kernels(browser_page, lab)
    yield browser_page
    L.dismiss_dialogs(browser_page)


def shot(pg, name, element=None):
    path = SHOTS / name
    (element or pg).screenshot(path=str(path))
    print(f"screenshot: {path.relative_to(ROOT)}")
    return path


def _expected_error_lines() -> list[str]:
    """The first line of every lesson cell tagged ``raises-exception`` (lesson 00 shows a live error message on
    purpose, to teach how to read one): their outputs are not errors of the course."""
    import json

    lines = []
    for path in sorted((ROOT / "lessons").glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if "raises-exception" in cell.get("metadata", {}).get("tags", []):
                src = "".join(cell["source"]).strip()
                lines.append(src.splitlines()[-1].strip() if src else "")
    return [ln for ln in lines if ln]


EXPECTED_ERRORS = _expected_error_lines()
# the outputs of every cell of the current notebook, but those of a cell that shows an error on purpose
_OUTPUTS_JS = """([sel, expected]) => Array.from(document.querySelectorAll(sel + ' .jp-Cell')).filter(cell => {
    const input = (cell.querySelector('.jp-InputArea') || {innerText: ''}).innerText;
    return !expected.some(line => input.includes(line));
}).flatMap(cell => Array.from(cell.querySelectorAll(%s)))"""


def outputs_text(pg):
    return "\n".join(pg.evaluate((_OUTPUTS_JS % "'.jp-OutputArea-output'") + ".map(e => e.innerText)",
                                 [CUR, EXPECTED_ERRORS]))


def errors_shown(pg):
    text = outputs_text(pg)
    problems = [w for w in ("Traceback", "Error displaying widget", "This setting cannot be shown") if w in text]
    problems += pg.evaluate((_OUTPUTS_JS % "'[data-mime-type=\"application/vnd.jupyter.stderr\"]'")
                            + ".map(e => e.innerText.slice(0, 300))", [CUR, EXPECTED_ERRORS])
    return problems


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_runs_and_every_demo_responds(page, lab, lesson):
    """Open the lesson alone, Run All: no error shows; every demo fits the window, has no control narrower than
    its minimum (slider tracks, menus that cut their options), draws its figure unscaled, and changes its picture
    or text when its first control moves (arrow key on the handle or the focused menu); after a click far along a
    slider's track it comes to the setting's own picture (not a stand-in) and stays there. Screenshots of each demo,
    before, after the step and after the jump, go to test-artifacts/browser/."""
    L.open_notebook(page, lab, f"lessons/{lesson}")
    L.run_all(page)
    assert errors_shown(page) == []
    stem = lesson[:2]
    for k, demo in enumerate(L.demos(page), 1):
        title = L.demo_title(demo)
        demo.evaluate("d => d.scrollIntoView({block: 'start'})")
        time.sleep(0.3)
        shot(page, f"{stem}-demo{k}-before.png")
        assert L.control_problems(demo) == [], title
        box = L.figure_box(demo)
        assert box["height"] <= L.VIEWPORT["height"] - 120, f"{title}: controls and figure take {box['height']} px"
        if box["img"]:
            assert box["img"]["w"] <= box["img"]["natural"] + 1, f"{title}: the figure is upscaled (blurry)"
        ms = L.timed_input(page, demo)
        assert ms is not None, f"{title}: the demo did not change when its first control moved"
        demo.evaluate("d => d.scrollIntoView({block: 'start'})")
        time.sleep(0.2)
        shot(page, f"{stem}-demo{k}-after.png")
        kinds = L.controls_of(demo)
        if "slider" in kinds:  # a click far along a track: the picture that comes is the setting's own
            ms = L.timed(page, demo, lambda: L.jump(page, demo, kinds.index("slider")))
            assert ms is not None, f"{title}: no picture of its own after a jump"
            state = L.screen_state(demo)
            assert state["ready"] == "yes", (title, state)
            demo.evaluate("d => d.scrollIntoView({block: 'start'})")
            time.sleep(0.2)
            assert L.screen_state(demo) == state, f"{title}: the picture changed after it was the setting's own"
            shot(page, f"{stem}-demo{k}-after-jump.png")
    assert errors_shown(page) == []


def test_keys_pressed_in_a_demo_stay_in_the_demo(page, lab):
    """With a demo's menu focused, "b", "d d" and the arrow keys act on the menu, never on the notebook: no cell is
    inserted or deleted and the menu (not the cell selection) moves (ipywidgets #3912)."""
    L.open_notebook(page, lab, "lessons/01-the-spine.ipynb")
    L.run_all(page)
    count = lambda: page.evaluate(f"document.querySelectorAll('{CUR} .jp-Cell').length")  # noqa: E731
    cells = count()
    demo = L.demos(page)[0]
    sel = demo.locator("select").first
    sel.focus()
    for key in ("b", "a", "d", "d", "x", "m", "z"):  # letters pick options by their first letter, as menus do
        page.keyboard.press(key)
        time.sleep(0.15)
    assert count() == cells, "a key pressed in the demo inserted or deleted a cell"
    start = sel.evaluate("s => s.selectedIndex")
    last = sel.evaluate("s => s.options.length - 1")
    page.keyboard.press("ArrowUp" if start == last else "ArrowDown")
    time.sleep(0.3)
    assert page.evaluate("document.activeElement.tagName") == "SELECT", "focus left the menu"
    assert sel.evaluate("s => s.selectedIndex") == (start - 1 if start == last else start + 1), \
        "the arrow key did not move the menu"
    assert count() == cells
    assert page.query_selector(f"{CUR} .jp-Notebook.jp-mod-readWrite") is None, "the notebook stayed read-write"


def test_reopened_notebook_says_run_this_cell(page, lab):
    """After Run All, save and reopen: the demo's place says it is not running and how to start it, instead of
    "Error displaying widget: model not found"."""
    rel = "lessons/00-start-here.ipynb"
    L.open_notebook(page, lab, rel)
    L.run_all(page)
    page.click(f"{CUR} .jp-Notebook")
    page.keyboard.press("Control+s")
    time.sleep(1.5)
    L.open_notebook(page, lab, rel)  # a fresh workspace: the page and the widget models are gone
    found = []
    for _ in range(60):  # the widget manager gives up on the stored models once the kernel is connected
        time.sleep(0.5)
        found = page.evaluate(f"""Array.from(document.querySelectorAll(
            '{CUR} .jp-OutputArea-output.jupyter-widgets')).filter(e => e.children.length === 0)
            .map(e => ({{before: getComputedStyle(e, '::before').content, size: getComputedStyle(e).fontSize}}))""")
        if found:
            break
    assert found, "no widget output was stored"
    assert all("not running" in f["before"] and f["size"] == "0px" for f in found), found
    target = page.locator(f"{CUR} .jp-OutputArea-output.jupyter-widgets").first
    target.scroll_into_view_if_needed()
    shot(page, "reopened-demo.png")


def _quiz_with_a_pick(page, lab):
    """Lesson 02 run, its "Which root?" quiz on screen with an answer picked: (quiz, patient menu, answer menu)."""
    L.open_notebook(page, lab, "lessons/02-nerve-roots-and-leg-pain.ipynb")
    L.run_all(page)
    quiz = next(d for d in L.demos(page) if "Which root?" in L.demo_title(d))
    quiz.scroll_into_view_if_needed()
    patient, answer = quiz.locator("select").nth(0), quiz.locator("select").nth(1)
    answer.select_option(index=2)
    return quiz, patient, answer


def test_quiz_resets_its_answer_for_a_new_patient(page, lab):
    """Lesson 02's "Which root?" quiz: an answer picked for one patient is cleared when the patient changes, so the
    next patient is never marked wrong before the student chooses."""
    quiz, patient, answer = _quiz_with_a_pick(page, lab)
    time.sleep(1.5)
    patient.select_option(index=1)
    for _ in range(40):
        time.sleep(0.25)
        if answer.evaluate("s => s.options[s.selectedIndex].text") == "(choose)":
            break
    assert answer.evaluate("s => s.options[s.selectedIndex].text") == "(choose)"
    text = quiz.inner_text()
    assert "Patient 2" in text and "\u2718" not in text
    shot(page, "02-quiz-new-patient.png", quiz)


def test_a_demo_paints_the_next_setting_without_the_kernel(page, lab):
    """Lesson 00: once the kernel has drawn the settings one step away, a slider moved by one step shows its new
    picture even with the kernel stopped (SIGSTOP): the browser paints it from what it holds, no round trip."""
    L.open_notebook(page, lab, "lessons/00-start-here.ipynb")
    L.run_all(page)
    demo = L.demos(page)[0]
    demo.scroll_into_view_if_needed()
    time.sleep(3)  # the kernel draws the neighbouring settings while the student reads
    before = L.screen_state(demo)
    assert before.get("ready") == "yes", before
    with L.kernel_paused(page):
        ms = L.timed_input(page, demo)
        after = L.screen_state(demo)
        assert ms is not None, "the picture did not change while the kernel was stopped"
        assert after["key"] != before["key"] and after["ready"] == "yes", (before, after)
        assert ms < 500, f"{ms:.0f} ms from the key press to the new picture"
        shot(page, "00-demo-painted-by-the-browser.png", demo)


def _standin_mark(demo) -> dict:
    """How the demo's picture is marked: as a stand-in (class), the badge's visible text, the picture's opacity."""
    return demo.evaluate("""d => { const s = d.querySelector('.legpain-screen');
        const b = s.querySelector('.legpain-badge'); const img = s.querySelector(':scope > img, :scope > canvas');
        return {standin: s.classList.contains('legpain-standin'),
                badge: getComputedStyle(b).display === 'none' ? '' : b.textContent,
                opacity: img ? getComputedStyle(img).opacity : null}; }""")


def test_a_picture_lost_on_the_way_is_asked_for_again(page, lab):
    """If the browser lacks a setting's picture that the kernel believes it sent (lost on the way), the browser asks
    for it by its key after a moment and the kernel draws it again: the demo never stays stuck on an old picture.
    Meanwhile the nearest position's picture stands in, dimmed and marked "drawing…", and never after the right
    one has come."""
    L.open_notebook(page, lab, "lessons/00-start-here.ipynb")
    L.run_all(page)
    demo = L.demos(page)[0]
    demo.scroll_into_view_if_needed()
    time.sleep(3)
    before = L.screen_state(demo)
    at = [int(k) for k in before["key"].split(",")]
    nxt = ",".join(map(str, [at[0] + 1] + at[1:]))
    dropped = page.evaluate("""key => { let n = 0;
        for (const s of globalThis.__legpainStores.values()) { if (s.frames.delete(key)) { n += 1; } }
        return n; }""", nxt)
    assert dropped == 1, "the kernel had not sent the next setting's picture ahead"
    t0 = time.monotonic()
    L.poke(page, demo)
    states = []
    marks = []
    while time.monotonic() - t0 < 8:
        states.append(L.screen_state(demo))
        marks.append(_standin_mark(demo))
        if states[-1] == {"key": nxt, "ready": "yes"}:
            break
        time.sleep(0.05)
    waited = time.monotonic() - t0
    assert states[-1] == {"key": nxt, "ready": "yes"}, states[-3:]
    assert states[0]["ready"] == "near", "meanwhile the nearest slider position's picture is shown"
    assert marks[0] == {"standin": True, "badge": "drawing\u2026", "opacity": "0.4"}, \
        "the stand-in picture is not marked as one (dimmed, 'drawing…')"
    assert _standin_mark(demo) == {"standin": False, "badge": "", "opacity": "1"}, "the right picture is still marked"
    assert 1.2 < waited < 6, f"{waited:.1f} s: the lost picture comes back once the browser asks (after 1.5 s)"


def test_quiz_resets_in_the_browser_before_the_kernel_answers(page, lab):
    """Lesson 02's quiz with the kernel stopped: a new patient clears the pick in the browser itself, so the new
    patient's card (drawn ahead) never shows a verdict on the old pick."""
    quiz, patient, answer = _quiz_with_a_pick(page, lab)
    time.sleep(3)
    with L.kernel_paused(page):
        patient.select_option(index=1)
        time.sleep(0.5)
        assert answer.evaluate("s => s.options[s.selectedIndex].text") == "(choose)"
        state = L.screen_state(quiz)
        assert state == {"key": "1,0", "ready": "yes"}, state
        text = quiz.inner_text()
        assert "Patient 2" in text and "\u2718" not in text


def test_opening_a_lesson_does_not_mark_it_unsaved(page, lab):
    """Just opening a lesson (kernel started, nothing run) leaves it without the "unsaved" mark."""
    L.open_notebook(page, lab, "lessons/03-the-question.ipynb")
    time.sleep(2)
    assert page.query_selector(".lm-TabBar-tab.jp-mod-current.jp-mod-dirty") is None


def test_opening_a_lesson_stored_for_another_python_does_not_mark_it_unsaved(browser_page, tmp_path):
    """A student's Python differs from the course's: simulated by storing another version in a copy of the lessons.
    Without the course's server extension JupyterLab marks the lesson unsaved when the kernel starts; with it
    (jupyter-config/, which requirements.txt installs into the environment) the mark stays away and the file is
    untouched."""
    import json

    root = L.copy_course(tmp_path / "course")
    lesson = root / "lessons" / "03-the-question.ipynb"
    nb = json.loads(lesson.read_text(encoding="utf-8"))
    nb["metadata"]["language_info"]["version"] = "3.99.0"
    lesson.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    stored = lesson.read_bytes()
    dirty = ".lm-TabBar-tab.jp-mod-current.jp-mod-dirty"
    off = tmp_path / "config-off" / "jupyter_server_config.d"
    off.mkdir(parents=True)
    (off / "zz-off.json").write_text(json.dumps({"ServerApp": {"jpserver_extensions": {"legpain.serverext": False}}}))
    for extension, home in ((False, "plain"), (True, "course")):
        # with: as pip installed it (requirements.txt's ./jupyter-config); without: switched off by a user config
        env = None if extension else {"JUPYTER_CONFIG_PATH": str(off.parent)}
        with L.jupyterlab(root, tmp_path / home, env) as url:
            L.open_notebook(browser_page, url, "lessons/03-the-question.ipynb")
            time.sleep(2)
            assert (browser_page.query_selector(dirty) is None) is extension, f"server extension: {extension}"
            L.shutdown_kernels(browser_page, url)
    assert lesson.read_bytes() == stored


def test_exercise_feedback_for_a_wrong_then_a_right_answer(page, lab):
    """In exercise set 00, a wrong answer gets specific feedback without the answer; the right one is confirmed."""
    L.open_notebook(page, lab, "exercises/00-start-here-exercises.ipynb")
    L.run_all(page)
    cell = L.answer_cell(page, "n_enrolled = ...", 'n_enrolled = 191\ncheck("q0_1", n_enrolled)')
    text = L.wait_for_output(cell, "Not yet")
    assert "12 weeks" in text and "192" not in text
    shot(page, "exercise-wrong-answer.png")
    cell = L.answer_cell(page, "n_enrolled = 191", 'n_enrolled = 192\ncheck("q0_1", n_enrolled)')
    L.wait_for_output(cell, "Correct")
    shot(page, "exercise-right-answer.png")


def _theme(page, name):
    page.click('.lm-MenuBar-itemLabel:text-is("Settings")')
    page.click('.lm-Menu-itemLabel:text-is("Theme")')
    page.click(f'.lm-Menu-itemLabel:text-is("{name}")')
    light = "true" if name == "JupyterLab Light" else "false"
    for _ in range(40):
        if page.evaluate("document.body.dataset.jpThemeLight") == light:
            return
        time.sleep(0.25)
    raise AssertionError(f"the theme did not change to {name}")


def test_lesson_reads_in_the_dark_theme(page, lab):
    """Switch JupyterLab to its dark theme: a lesson's demo and text still render (screenshot to look at)."""
    L.open_notebook(page, lab, "lessons/00-start-here.ipynb")
    _theme(page, "JupyterLab Dark")
    try:
        L.run_all(page)
        demo = L.demos(page)[0]
        demo.evaluate("d => d.scrollIntoView({block: 'start'})")
        time.sleep(0.5)
        shot(page, "lesson-00-dark-theme.png")
        assert errors_shown(page) == []
    finally:
        _theme(page, "JupyterLab Light")


def test_jupyterlab_opens_on_the_course_root_without_the_news_popup(browser_page, tmp_path):
    """Started as the README says (its default URL) with the settings overrides the course's install puts in the
    environment (jupyter-config/lab-settings/overrides.json -> share/jupyter/lab/settings/), and a student's own
    settings empty: lesson 00 opens, the file browser shows the course's root (lessons/, exercises/, sources/), and
    no "Jupyter news" pop-up appears. Without the overrides the pop-up does appear (the check sees it)."""
    import re
    import shlex

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"<!-- OPEN COMMAND -->\s*```bash\n(.+?)\n```", readme, re.S).group(1)
    url_arg = next(a for a in shlex.split(command.split("jupyter lab", 1)[1]) if a.startswith("--LabApp.default_url="))
    root = L.copy_course(tmp_path / "course")
    shipped = tmp_path / "app-settings"
    shipped.mkdir()
    shutil.copy(ROOT / "jupyter-config" / "lab-settings" / "overrides.json", shipped / "overrides.json")
    empty = tmp_path / "app-settings-none"
    empty.mkdir()
    own = {"@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"}}
    page = browser_page
    for overrides, home in ((empty, "without"), (shipped, "with")):
        with L.jupyterlab(root, tmp_path / home, args=[url_arg, f"--LabApp.app_settings_dir={overrides}"],
                          settings=own) as url:
            page.goto(url + "/")
            page.wait_for_selector(f"{CUR} .jp-Notebook")
            news = False
            for _ in range(24):
                toasts = page.evaluate("Array.from(document.querySelectorAll('.jp-Notification-Toast, "
                                       ".Toastify__toast')).map(t => t.innerText).join(' | ')")
                if "news" in toasts.lower():
                    news = True
                    break
                time.sleep(0.25)
            if overrides is empty:
                assert news, "without the course's settings JupyterLab asks about news (else this check sees nothing)"
                L.shutdown_kernels(page, url)
                continue
            assert not news, "the Jupyter news pop-up appeared"
            assert "00-start-here" in page.inner_text(".lm-TabBar-tab.jp-mod-current")
            crumbs = page.inner_text(".jp-FileBrowser .jp-BreadCrumbs").strip()
            listing = page.evaluate("Array.from(document.querySelectorAll('.jp-FileBrowser .jp-DirListing-itemText'))"
                                    ".map(e => e.innerText.trim())")
            assert {"lessons", "exercises", "sources"} <= set(listing), (crumbs, listing)
            shot(page, "lab-opens-on-the-course-root.png")
            L.shutdown_kernels(page, url)


_VECTOR_JS = """async d => {
    const s = d.querySelector('.legpain-screen');
    const store = s.__legpainStore;
    const c = s.querySelector(':scope > canvas.legpain-frame');
    if (!store || !c || s.dataset.ready !== 'yes') { return null; }
    const f = store.frames.get(s.dataset.key);
    const bg = store.backgrounds.get(f.bg);
    const bytes = new Uint8Array(await (await fetch(bg.url)).arrayBuffer());
    let bin = ''; for (let i = 0; i < bytes.length; i++) { bin += String.fromCharCode(bytes[i]); }
    const glyphs = {};
    for (const op of f.ops) {
        if (op.t === 'text') { for (const g of op.g) { glyphs[g[0]] = store.glyphs.get(g[0]); } }
    }
    return {key: s.dataset.key, ops: f.ops, glyphs: glyphs, bg: btoa(bin), canvas: c.toDataURL('image/png'),
            ratio: c.width / f.w};
}"""


@pytest.mark.parametrize("lesson", ["04", "05", "09"])
def test_a_picture_drawn_in_the_browser_is_the_one_its_instructions_describe(page, lab, lesson):
    """The simulation demos' pictures (and lesson 09's, DISCERN's hatched bars among them) are drawn in the browser
    from drawing instructions over a kept picture of the figure's rest (legpain/ui/vector.py). After a jump along
    each demo's first slider, the canvas on screen is compared with the same instructions drawn by matplotlib's
    Agg (vector.rasterize; test_vector.py compares that with matplotlib's own PNG of the setting): averaged over
    6x6-pixel blocks, no block may differ by more than 58 of 255 grey levels (anti-aliasing and hinting differ by up
    to ~54; a missing label by 60-120)."""
    import base64

    from legpain.ui import vector

    name = next(n for n in LESSONS if n.startswith(lesson))
    L.open_notebook(page, lab, f"lessons/{name}")
    L.run_all(page)
    checked = 0
    for k, demo in enumerate(L.demos(page)):
        demo.scroll_into_view_if_needed()
        kinds = L.controls_of(demo)
        if "slider" in kinds:
            L.jump(page, demo, kinds.index("slider"))
        got = None
        for _ in range(100):
            got = demo.evaluate(_VECTOR_JS)
            if got is not None:
                break
            time.sleep(0.1)
        if got is None and demo.evaluate("d => !d.querySelector('canvas.legpain-frame')"):
            continue  # this demo shows a PNG or text
        assert got is not None, f"{lesson}.{k}: no picture drawn in the browser after 10 s"
        assert got["ratio"] == 1, "the test compares at one canvas pixel per picture pixel"
        background = picture_rgba(base64.b64decode(got["bg"]))
        want = vector.rasterize(got["ops"], got["glyphs"], background)
        canvas = picture_rgba(base64.b64decode(got["canvas"].split(",", 1)[1]))
        assert canvas.shape == want.shape, (lesson, k, canvas.shape, want.shape)
        worst = worst_block(canvas, want)
        shot(page, f"{lesson}-{k}-vector.png", demo)
        print(f"{lesson}.{k} at {got['key']}: worst 6x6 block {worst:.0f} grey levels")
        assert worst <= WORST_BLOCK, f"{lesson}.{k} at {got['key']}: a 6x6 block differs by {worst:.0f} grey levels"
        checked += 1
    assert checked >= 2, f"lesson {lesson}: only {checked} demos were drawn in the browser"
