"""Navigation between lessons, the student's progress view, and the static site with no broken link."""

import re
import shutil

import pytest

from legpain.checking import bank
from legpain.common import notebooks
from legpain.authoring.sync import EXERCISE_NAV_MARK, NAV_MARK, nav_source, sync_nav
from legpain.common.layout import exercise_sets, set_files
from legpain.authoring.site import broken_links, build_site
from legpain.grading.progress import progress, progress_figure, progress_table

from helpers import ROOT


def test_every_lesson_ends_with_navigation_in_sync():
    """Each lesson's last cell links the previous and next lesson and its exercises, as `legpain sync` writes it."""
    assert sync_nav(check=True) == [], "run: python -m legpain sync"
    infos = [notebooks.lesson_info(p) for p in notebooks.lesson_paths()]
    for i, info in enumerate(infos):
        last = notebooks.read(info.path).cells[-1]
        assert NAV_MARK in last.source
        links = re.findall(r"\]\(([^)]+)\)", last.source)
        for link in links:
            assert (info.path.parent / link).exists(), f"{info.path.name}: {link}"
        if set_files(info.path.stem).exercise.exists():
            assert f"](../exercises/{set_files(info.path.stem).exercise.name})" in last.source
        if i > 0:
            assert infos[i - 1].path.name in last.source
        if i + 1 < len(infos):
            assert infos[i + 1].path.name in last.source
    assert "Previous" not in nav_source(infos, 0) and "Next" not in nav_source(infos, len(infos) - 1)


def test_every_exercise_set_ends_with_navigation_whose_links_work():
    """Each exercise notebook's last cell links its lesson and the previous and next sets by their file names."""
    for files in exercise_sets():
        last = notebooks.read(files.exercise).cells[-1]
        assert EXERCISE_NAV_MARK in last.source
        links = re.findall(r"\]\(([^)]+)\)", last.source)
        assert f"../lessons/{files.lesson.name}" in links
        for link in links:
            assert (files.exercise.parent / link).exists(), f"{files.exercise.name}: {link}"


def test_sync_nav_adds_and_replaces_the_footer(tmp_path):
    """sync_nav appends a footer once, replaces an outdated one, and reports what it changed."""
    for d in ("lessons", "exercises"):
        shutil.copytree(ROOT / d, tmp_path / d)
    first = sorted((tmp_path / "lessons").glob("*.ipynb"))[0]
    nb = notebooks.read(first)
    nb.cells[-1].source = nb.cells[-1].source.replace("Next", "Onwards")
    first.write_text(notebooks.dumps(nb))
    assert sync_nav(tmp_path) == [first]
    assert sync_nav(tmp_path) == []
    assert sum(NAV_MARK in c.source for c in notebooks.read(first).cells) == 1


def test_progress_uses_the_grader_path(tmp_path):
    """progress() scores saved exercise notebooks with the checks a student can see, like check_all(): each set's
    notebook under its name (NN-name-exercises.ipynb), or under its name before issue 14 (NN-name.ipynb) when that
    is the only one."""
    src = ROOT / "tests" / "fixtures" / "grading" / "submissions-00"
    shutil.copy(src / "alice.ipynb", tmp_path / "00-start-here-exercises.ipynb")
    (tmp_path / "00-start-here.ipynb").write_text("{an old copy: not read, the new name is there")
    shutil.copy(set_files("03-the-question").exercise, tmp_path / "03-the-question.ipynb")  # the old name only
    (tmp_path / "04-allocation-by-minimization-exercises.ipynb").write_text("{broken")
    table = progress_table(tmp_path, timeout=5)
    rows = {r.slug: r for r in table}
    assert [r.slug for r in table] == ["00-start-here", "03-the-question", "04-allocation-by-minimization"]
    assert rows["00-start-here"].points == 4 and rows["00-start-here"].passed == 3 and rows["00-start-here"].manual == 1
    assert rows["03-the-question"].points == 0
    assert rows["04-allocation-by-minimization"].problem
    text = repr(progress(tmp_path))
    assert "00-start-here: 3 of 3 questions right, 4 of 4 points" in text and "not checked" in text
    from legpain.ui.figures import accessibility_problems

    assert accessibility_problems(progress_figure([r for r in rows.values() if not r.problem])) == []


def test_site_builds_with_every_internal_link_working(tmp_path):
    """`python -m legpain site` runs every lesson and renders linked HTML pages with no broken internal link."""
    index = build_site(tmp_path / "site")
    site = index.parent
    assert broken_links(site) == []
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    for lesson in notebooks.lesson_paths():
        assert f"lessons/{lesson.stem}.html" in pages
    for slug in bank.slugs():
        assert f"exercises/{set_files(slug).exercise.stem}.html" in pages
        assert f"exercises/{set_files(slug).exercise.stem}.html" in index.read_text(encoding="utf-8")
    first = (site / "lessons" / "00-start-here.html").read_text(encoding="utf-8")
    assert re.search(r"""<img[^>]*alt=["']Bar chart""", first)  # the demo's figure, in its default state
    # ... followed by a gallery of its key states, each captioned with its settings
    assert "legpain-gallery" in first and len(re.findall(r"""<img[^>]*alt=["']Bar chart""", first)) >= 3
    assert "Leg pain at the start (0–10): 10" in first
    # lesson 00 shows how to read an error message: its example and its one deliberately failing cell (tagged
    # raises-exception) are the only tracebacks allowed
    shown = re.sub(r"NameError.{0,300}?Traceback.*?is not defined", "", first, flags=re.S)
    assert "Traceback" not in shown
    for page in (site / "lessons").glob("*.html"):
        for img in re.findall(r"<img[^>]*>", page.read_text(encoding="utf-8")):
            alt = re.search(r"""alt=(["'])(.*?)\1""", img)
            assert alt and alt.group(2).strip(), f"{page.name}: an image without alt text"
    index_text = index.read_text(encoding="utf-8")
    assert all(f"lessons/{p.stem}.html" in index_text for p in notebooks.lesson_paths())


def test_broken_links_are_found(tmp_path):
    """The link checker reports a link to a missing page."""
    (tmp_path / "a.html").write_text("<a href='b.html'>b</a><a href='https://example.org'>x</a><a href='#top'>t</a>")
    assert broken_links(tmp_path) == ["a.html -> b.html"]
