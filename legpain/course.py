"""The course as a whole: each exercise set's files (one map, :func:`set_files`), its lessons in order, and the README's
lesson table, made from the lessons themselves."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .notebooks import COURSE_ROOT, LessonInfo, lesson_info, lesson_paths

__all__ = ["SetFiles", "set_files", "slug_of", "is_blank_handout", "exercise_sets", "lessons", "readme_table",
           "sync_readme", "nav_source", "sync_nav", "exercise_nav_source", "TABLE_BEGIN", "TABLE_END", "NAV_MARK",
           "EXERCISE_NAV_MARK"]

# ---- the files of one exercise set -----------------------------------------------------------------------------
# The one place that maps a set's slug ("02-nerve-roots-and-leg-pain", also its lesson's stem) to its files.
# Exercise and solution notebooks carry a suffix so that a lesson and its exercise set never open in JupyterLab as
# two tabs with the same name (issue 14). Before that, all three had the same name: a class may still hold
# exercise notebooks named like the lesson (``legacy_exercise``), which the grader and progress() still accept.

EXERCISE_SUFFIX = "-exercises"
SOLUTION_SUFFIX = "-solutions"
_SLUG = re.compile(r"(\d\d-[a-z0-9-]+?)(?:" + EXERCISE_SUFFIX + "|" + SOLUTION_SUFFIX + r")?")


@dataclass(frozen=True)
class SetFiles:
    """Where exercise set ``slug`` lives under a course root."""

    slug: str
    lesson: Path  # lessons/NN-name.ipynb
    exercise: Path  # exercises/NN-name-exercises.ipynb (the student copy, generated)
    solution: Path  # solutions/NN-name-solutions.ipynb (the one hand-written copy)
    legacy_exercise: Path  # exercises/NN-name.ipynb: the student copy's name before issue 14

    @property
    def exercise_names(self) -> tuple[str, str]:
        """The names a student's copy of this set may have, the current one first."""
        return self.exercise.name, self.legacy_exercise.name


def slug_of(name: str | Path) -> str | None:
    """The set's slug from a file name or path of any of its notebooks: ``exercises/02-x-exercises.ipynb``,
    ``solutions/02-x-solutions.ipynb``, ``lessons/02-x.ipynb`` (or the old exercise name ``02-x.ipynb``) -> ``02-x``.
    None for a name that is not a course notebook's (``notes.ipynb``, ``3-x.ipynb``)."""
    stem = str(name).replace("\\", "/").rsplit("/", 1)[-1].removesuffix(".ipynb")
    m = _SLUG.fullmatch(stem)
    return m.group(1) if m else None


def set_files(slug: str, root: Path = COURSE_ROOT) -> SetFiles:
    """The files of exercise set ``slug`` (a slug, or any of its notebooks' names) under ``root``."""
    slug = slug_of(slug) or slug
    root = Path(root)
    return SetFiles(slug, root / "lessons" / f"{slug}.ipynb", root / "exercises" / f"{slug}{EXERCISE_SUFFIX}.ipynb",
                    root / "solutions" / f"{slug}{SOLUTION_SUFFIX}.ipynb", root / "exercises" / f"{slug}.ipynb")


def _code_sources(nb) -> tuple[str, ...] | None:
    """The code cells' sources of notebook ``nb`` (JSON text or bytes, or the parsed object), each without trailing
    whitespace (per line and at its end), leaving out code cells with nothing in them; None if ``nb`` is not a
    readable nbformat-4 notebook."""
    import json

    try:
        data = json.loads(nb) if isinstance(nb, (bytes, bytearray, str)) else nb
    except (ValueError, RecursionError, MemoryError):  # ValueError covers bad JSON and bytes that are not UTF-8
        return None
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        return None
    out = []
    for cell in data["cells"]:
        if not isinstance(cell, dict):
            return None
        if cell.get("cell_type") != "code":
            continue
        src = cell.get("source", "")
        if isinstance(src, list) and all(isinstance(line, str) for line in src):
            src = "".join(src)
        if not isinstance(src, str):
            return None
        src = "\n".join(line.rstrip() for line in src.splitlines()).rstrip()
        if src:
            out.append(src)
    return tuple(out)


@lru_cache(maxsize=32)
def _handout_sources(path: str, mtime_ns: int, size: int) -> tuple[str, ...] | None:
    try:
        return _code_sources(Path(path).read_bytes())
    except OSError:
        return None


def is_blank_handout(nb, slug: str, root: Path = COURSE_ROOT) -> bool:
    """Whether notebook ``nb`` (its JSON as bytes or text, or the parsed object) is still exactly the blank student
    copy of exercise set ``slug`` that the course under ``root`` hands out (``set_files(slug, root).exercise``): the
    same code cells' sources in the same order. Outputs, execution counts, metadata, markdown cells, trailing
    whitespace and empty code cells do not count. Anything that cannot be read as a notebook is not blank (it is
    graded, and reported as broken), nor is any notebook when the course has no such exercise notebook.

    When a student's home holds the set under both names (a class handed the files before issue 14 that later
    pulled the course gets a fresh copy under the new name next to their work under the old one), the collector
    and the grader take the worked-on one, not this blank copy."""
    ref = set_files(slug, root).exercise
    try:
        st = ref.stat()
    except OSError:
        return False
    want = _handout_sources(str(ref), st.st_mtime_ns, st.st_size)
    if want is None:
        return False
    return _code_sources(nb) == want


def exercise_sets(root: Path = COURSE_ROOT) -> list[SetFiles]:
    """Every exercise set that has a solution notebook, in course order."""
    found = {slug_of(p) for p in (Path(root) / "solutions").glob("[0-9][0-9]-*.ipynb")}
    return [set_files(s, root) for s in sorted(s for s in found if s)]


TABLE_BEGIN = "<!-- BEGIN LESSON TABLE (made by: python -m legpain sync) -->"
TABLE_END = "<!-- END LESSON TABLE -->"


def lessons(root: Path = COURSE_ROOT) -> list[LessonInfo]:
    return [lesson_info(p) for p in lesson_paths(root)]


def readme_table(root: Path = COURSE_ROOT) -> str:
    from .alignment import coverage_note

    rows = ["| # | Lesson | Minutes¹ | You will be able to | Exercises | Assessment² |", "|---|---|---|---|---|---|"]
    for info in lessons(root):
        rel = info.path.relative_to(root).as_posix()
        ex = set_files(info.path.stem, root).exercise
        ex_link = f"[exercises](exercises/{ex.name})" if ex.exists() else "—"
        objectives = "<br>".join("• " + o.replace("|", "\\|") for o in info.objectives)
        rows.append(f"| {info.number} | [{info.title}]({rel}) | {info.minutes} | {objectives} | {ex_link} "
                    f"| {coverage_note(int(info.number))} |")
    rows += ["", "¹ Minutes include the lesson's exercise set. ² From [legpain/alignment.py](legpain/alignment.py): "
             "objectives assessed at the level their verb asks for, items by kind, demos with a prediction check "
             "before them and a question that needs their result after them (`python tools/audit.py` prints the "
             "full audit)."]
    return "\n".join(rows)


def sync_readme(root: Path = COURSE_ROOT, check: bool = False) -> bool:
    """Rewrite the table between the README's markers; return True when it was already up to date."""
    path = Path(root) / "README.md"
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(TABLE_BEGIN) + r".*?" + re.escape(TABLE_END), re.S)
    if not pattern.search(text):
        raise ValueError(f"{path}: the lesson-table markers are missing ({TABLE_BEGIN} ... {TABLE_END})")
    new = pattern.sub(lambda _: f"{TABLE_BEGIN}\n{readme_table(root)}\n{TABLE_END}", text)
    if new == text:
        return True
    if not check:
        path.write_text(new, encoding="utf-8")
    return False


NAV_MARK = "<!-- navigation: made by `python -m legpain sync`; change the lessons' titles, not this cell -->"


def nav_source(infos: list[LessonInfo], i: int, root: Path = COURSE_ROOT) -> str:
    """The navigation footer of lesson ``i``: previous and next lesson, its exercise set, the course overview."""
    info = infos[i]
    parts = []
    if i > 0:
        prev = infos[i - 1]
        parts.append(f"← Previous: [{prev.title}]({prev.path.name})")
    ex = set_files(info.path.stem, root).exercise
    if ex.exists():
        parts.append(f"[Exercises for this lesson](../exercises/{ex.name})")
    parts.append("[Course overview](../README.md)")
    if i + 1 < len(infos):
        nxt = infos[i + 1]
        parts.append(f"Next: [{nxt.title}]({nxt.path.name}) →")
    return "---\n\n**Where next?** " + " · ".join(parts) + "\n\n" + NAV_MARK


def sync_nav(root: Path = COURSE_ROOT, check: bool = False) -> list[Path]:
    """Give every lesson its navigation footer (last cell); return the lessons that were (or would be) changed."""
    from .notebooks import dumps, new_notebook, read

    root = Path(root)
    infos = lessons(root)
    changed = []
    for i, info in enumerate(infos):
        nb = read(info.path)
        want = nav_source(infos, i, root)
        cells = [c for c in nb.cells if not (c.cell_type == "markdown" and NAV_MARK in c.source)]
        nav = new_notebook([("md", want)], info.path.stem).cells[0]
        nav.id = f"{info.path.stem[:2]}-nav"
        cells.append(nav)
        before = dumps(nb)
        nb.cells = cells
        after = dumps(nb)
        if before != after:
            changed.append(info.path)
            if not check:
                info.path.write_text(after, encoding="utf-8")
    return changed


EXERCISE_NAV_MARK = "<!-- navigation: made by `python -m legpain exercises`; change the lessons' titles, not this cell -->"


def exercise_nav_source(stem: str, root: Path = COURSE_ROOT) -> str | None:
    """The navigation footer of the exercise set ``stem`` (its slug, the stem of its lesson): its lesson, the
    previous and next exercise sets, the course overview. None if no lesson has that stem."""
    root = Path(root)
    infos = lessons(root)
    index = next((i for i, info in enumerate(infos) if info.path.stem == stem), None)
    if index is None:
        return None
    have = [i for i, info in enumerate(infos) if set_files(info.path.stem, root).solution.exists()]
    info = infos[index]
    parts = [f"Lesson: [{info.title}](../lessons/{info.path.name})"]
    before = [i for i in have if i < index]
    after = [i for i in have if i > index]
    if before:
        prev = infos[before[-1]]
        parts.insert(0, f"← Previous exercises: [{prev.number}]({set_files(prev.path.stem, root).exercise.name})")
    parts.append("[Course overview](../README.md)")
    if after:
        nxt = infos[after[0]]
        parts.append(f"Next exercises: [{nxt.number}]({set_files(nxt.path.stem, root).exercise.name}) →")
    return "---\n\n**Where next?** " + " · ".join(parts) + "\n\n" + EXERCISE_NAV_MARK
