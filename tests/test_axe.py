"""Accessibility: axe-core (WCAG 2.1 A and AA, npm package pinned in lab_driver.AXE_VERSION) finds no critical or
serious violation in what the course renders: the static site's pages, and the outputs of lessons 01, 05 and 09 run
in JupyterLab (demos, figures, feedback; JupyterLab's own interface is not the course's and is left out).

Needs Chromium, Playwright and axe-core (``npm install -g axe-core@4.14.1``; .ci/run installs it); skipped without
them, failed under CI.
"""

import os
import shutil
import time

import pytest

import lab_driver as L
from helpers import ROOT

pytestmark = pytest.mark.browser

OUTPUTS = f"{L.CUR} .jp-OutputArea-output"  # what the course renders in a lesson (not JupyterLab's own interface)


def _need():
    L.require("accessibility test", [] if L.axe_script() else [f"axe-core (npm install -g axe-core@{L.AXE_VERSION})"])


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    _need()
    root = L.copy_course(tmp_path_factory.mktemp("course"))
    with L.jupyterlab(root, tmp_path_factory.mktemp("jupyter-home")) as url:
        yield url


@pytest.fixture(scope="module")
def page(lab):
    with L.chromium_page() as pg:
        yield pg


def _settle(page):
    """Let every demo draw its picture and name its controls (they are named once they are on the page)."""
    for _ in range(40):
        waiting = page.evaluate(f"""Array.from(document.querySelectorAll('{L.CUR} .legpain-screen'))
            .filter(s => s.dataset.ready !== 'yes').length""")
        if not waiting:
            break
        time.sleep(0.25)
    time.sleep(0.5)


@pytest.mark.parametrize("lesson, theme", [("01-the-spine.ipynb", "JupyterLab Light"),
                                           ("05-results-and-what-they-mean.ipynb", "JupyterLab Light"),
                                           ("09-tools-of-the-trade.ipynb", "JupyterLab Light"),
                                           ("09-tools-of-the-trade.ipynb", "JupyterLab Dark")])
def test_lesson_outputs_have_no_serious_accessibility_violation(page, lab, lesson, theme):
    """Run All, then axe on every output of the lesson (every control named, alt text, ...), the contrast of every
    text in them as seen on screen (lesson 09, the richest in coloured HTML, in the dark theme too), and a visible
    focus ring (3:1 against the page at least) on every demo's first menu and first slider handle."""
    L.open_notebook(page, lab, f"lessons/{lesson}")
    if theme != "JupyterLab Light":
        _set_theme(page, theme)
    try:
        L.run_all(page)
        _settle(page)
        assert page.locator(OUTPUTS).count() > 0
        found = L.serious(L.axe(page, include=[OUTPUTS]))
        outputs = page.locator(OUTPUTS)
        for i in range(outputs.count()):
            found += L.low_contrast(outputs.nth(i))
        assert found == [], "\n".join(found)
        controls = f"{L.CUR} .legpain-demo select, {L.CUR} .legpain-demo .noUi-handle"
        named = page.evaluate(f"""Array.from(document.querySelectorAll('{controls}'))
            .filter(e => !e.getAttribute('aria-labelledby')).length""")
        assert named == 0, "a control without its description as its name"
        page_bg = page.evaluate("getComputedStyle(document.querySelector("
                                "'.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook')).backgroundColor")
        for demo in L.demos(page):
            for selector in ("select", ".noUi-handle"):
                control = demo.locator(selector).first
                if not control.count():
                    continue
                control.focus()
                ring = control.evaluate("""e => { const c = getComputedStyle(e);
                    return {style: c.outlineStyle, width: parseFloat(c.outlineWidth), colour: c.outlineColor}; }""")
                assert ring["style"] == "solid" and ring["width"] >= 2, (L.demo_title(demo), selector, ring)
                assert _contrast(ring["colour"], page_bg) >= 3, (L.demo_title(demo), selector, ring, page_bg)
    finally:
        if theme != "JupyterLab Light":
            _set_theme(page, "JupyterLab Light")


def _set_theme(page, name):
    page.click('.lm-MenuBar-itemLabel:text-is("Settings")')
    page.click('.lm-Menu-itemLabel:text-is("Theme")')
    page.click(f'.lm-Menu-itemLabel:text-is("{name}")')
    light = "true" if name == "JupyterLab Light" else "false"
    for _ in range(40):
        if page.evaluate("document.body.dataset.jpThemeLight") == light:
            return
        time.sleep(0.25)
    raise AssertionError(f"the theme did not change to {name}")


def test_quiz_card_and_focus_ring_read_in_both_themes(page, lab):
    """Lesson 02's quiz card (its prompt, a wrong and a right verdict) has enough contrast in the light and the dark
    theme, each change is announced (aria-live), and a focused menu shows a ring of at least 3:1 against the page."""
    L.open_notebook(page, lab, "lessons/02-nerve-roots-and-leg-pain.ipynb")
    L.run_all(page)
    quiz = next(d for d in L.demos(page) if "Which root?" in L.demo_title(d))
    quiz.scroll_into_view_if_needed()
    answer = quiz.locator("select").nth(1)
    options = answer.evaluate("s => Array.from(s.options).map(o => o.text)")
    try:
        for theme in ("JupyterLab Light", "JupyterLab Dark"):
            _set_theme(page, theme)
            for index in range(min(len(options), 4)):  # the prompt, then verdicts on three picks
                answer.select_option(index=index)
                for _ in range(40):
                    if L.screen_state(quiz).get("ready") == "yes":
                        break
                    time.sleep(0.1)
                found = L.serious(L.axe(page, include=[f"{L.CUR} .legpain-demo"], rules=["color-contrast"]))
                found += L.low_contrast(quiz)
                if index:  # what changed is announced (aria-live), in the demo's words
                    status = quiz.locator(".legpain-status[aria-live=polite]").inner_text()
                    assert status == f"Your answer: {options[index]} (picture updated)", status
                assert found == [], f"{theme}, pick {options[index]!r}:\n" + "\n".join(found)
            answer.focus()
            ring = answer.evaluate("""s => { const c = getComputedStyle(s);
                return {style: c.outlineStyle, width: parseFloat(c.outlineWidth), colour: c.outlineColor}; }""")
            assert ring["style"] == "solid" and ring["width"] >= 2, ring
            page_bg = page.evaluate("getComputedStyle(document.querySelector('.jp-NotebookPanel .jp-Notebook'))"
                                    ".backgroundColor")
            assert _contrast(ring["colour"], page_bg) >= 3, (theme, ring, page_bg)
    finally:
        _set_theme(page, "JupyterLab Light")


def _rgb(css: str) -> tuple[float, ...]:
    import re

    return tuple(float(x) for x in re.findall(r"[\d.]+", css)[:3])


def _contrast(a: str, b: str) -> float:
    def lum(rgb):
        f = [c / 255 for c in rgb]
        f = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in f]
        return 0.2126 * f[0] + 0.7152 * f[1] + 0.0722 * f[2]

    hi, lo = sorted([lum(_rgb(a)), lum(_rgb(b))], reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_static_site_has_no_serious_accessibility_violation(page, tmp_path):
    """The static site built from lessons 01, 05 and 09 (run, with their demo galleries), their exercise pages, the
    sources page and the index: axe on every page, nothing critical or serious (nbconvert's template alone has
    low-contrast prompts and code colours and links told apart by colour only: legpain.authoring.site.SITE_CSS)."""
    import subprocess
    import sys

    root = tmp_path / "course"
    for d in ("lessons", "exercises"):
        (root / d).mkdir(parents=True)
        for n in ("01", "05", "09"):
            for p in (ROOT / d).glob(f"{n}-*.ipynb"):
                shutil.copy(p, root / d / p.name)
    shutil.copytree(ROOT / "sources", root / "sources")
    shutil.copy(ROOT / "README.md", root / "README.md")
    site = tmp_path / "site"
    # built in a process of its own, as `python -m legpain site` does (its kernels, its environment variables)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    subprocess.run([sys.executable, "-c", "import sys; from legpain.authoring.site import build_site; "
                    "build_site(sys.argv[1], root=sys.argv[2])", str(site), str(root)],
                   check=True, env=env, timeout=900)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 8
    problems = []
    for path in pages:
        page.goto(path.as_uri())
        problems += [f"{path.relative_to(site)}: {line}" for line in L.serious(L.axe(page))]
    assert problems == [], "\n".join(problems[:40])
