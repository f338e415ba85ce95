"""The README's lesson table and each lesson's navigation footer, made from the lessons themselves
(``python -m legpain sync``).

Part of ``legpain.authoring`` (instructor build tools)."""

from __future__ import annotations

import re
from pathlib import Path

from ..common.notebooks import COURSE_ROOT, LessonInfo, lesson_info, lesson_paths
from ..common.layout import exercise_sets, set_files, slug_of

__all__ = ["lessons", "readme_table", "sync_readme", "nav_source", "sync_nav", "exercise_nav_source", "TABLE_BEGIN",
           "TABLE_END", "NAV_MARK", "EXERCISE_NAV_MARK"]


TABLE_BEGIN = "<!-- BEGIN LESSON TABLE (made by: python -m legpain sync) -->"
TABLE_END = "<!-- END LESSON TABLE -->"


def lessons(root: Path = COURSE_ROOT) -> list[LessonInfo]:
    return [lesson_info(p) for p in lesson_paths(root)]


def readme_table(root: Path = COURSE_ROOT) -> str:
    from .design_audit import course_summary, summary_note

    rows = ["| # | Lesson | Minutes¹ | You will be able to | Exercises | Assessment² |", "|---|---|---|---|---|---|"]
    for info in lessons(root):
        rel = info.path.relative_to(root).as_posix()
        ex = set_files(info.path.stem, root).exercise
        ex_link = f"[exercises](exercises/{ex.name})" if ex.exists() else "—"
        objectives = "<br>".join("• " + o.replace("|", "\\|") for o in info.objectives)
        rows.append(f"| {info.number} | [{info.title}]({rel}) | {info.minutes_text} | {objectives} | {ex_link} "
                    f"| {summary_note(int(info.number))} |")
    c = course_summary()
    pct = 100 * c["longest"] / c["choices"] if c["choices"] else 0
    rows += ["", "¹ Minutes include the lesson's exercise set: the first figure for a fluent reader who answers "
             "quickly, the second for a reader new to the subject or to Python (the model is in tools/audit.py). ² Read from the items themselves by "
             "[legpain/authoring/design_audit.py](legpain/authoring/design_audit.py) (`python tools/audit.py` prints "
             "the full audit, with how each figure is obtained): an objective counts as assessed at its level only "
             "through items that pass the reading checks; an analyse/evaluate item is *honest* when its key is not "
             "stated in the cells above it and, if auto-checked, it is not a single-answer choice that retries find; "
             "a demo is *predict–observe–explain* when its prediction is recorded without a right or wrong before it, "
             "revealed beside what happened after it, and followed by a check whose key only the demo shows; a "
             "single-choice item counts when its key is the strictly longest option.",
             "",
             f"Course: {c['aligned']} of {c['objectives']} objectives assessed at their level; {c['honest']} honest "
             f"analyse/evaluate items ({c['honest_auto']} auto-checked); {c['poe']} of {c['demos']} demos "
             f"predict–observe–explain; the key is the longest option in {c['longest']} of {c['choices']} "
             f"single-choice items ({pct:.0f}%); {c['long_sentences']} sentences of teaching text over 40 words."]
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
    from ..common.notebooks import dumps, new_notebook, read

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
