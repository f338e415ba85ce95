"""Exercise generator: ``exercises/`` is made from ``solutions/``, the only hand-written copy of each exercise set
(``solutions/NN-name-solutions.ipynb`` -> ``exercises/NN-name-exercises.ipynb``; see :func:`legpain.common.layout.set_files`).

In a solution notebook's code cells:

* ``### BEGIN SOLUTION`` / ``### END SOLUTION`` wrap the model answer. The student copy gets a stub instead:
  ``name = ...`` for answers that are plain assignments, ``raise NotImplementedError("Exercise N.M: ...")``
  inside a function body, and ``...`` for other code.
* ``### BEGIN HIDDEN TESTS`` / ``### END HIDDEN TESTS`` wrap ``hidden_tests("qN_M", cases=[...])`` calls; the
  student copy drops them, and the grader reads them (see :func:`hidden_cases`).
* Cells tagged ``instructor-only`` (rubrics, notes) are dropped from the student copy.

Markers are comment lines of their own. A marker in a markdown or raw cell, a BEGIN inside an open block, an END
without its BEGIN, or a block left open is an error that names the notebook, the cell and the line, and nothing is
written. Generation is deterministic: the same solutions give the same bytes.
"""

from __future__ import annotations

import ast
import os
import re
import tempfile
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from ..common.markers import Block as _Block
from ..common.markers import _LOOSE, _MARKER, MarkerError
from ..common.markers import segments as _segments
from ..common.notebooks import COURSE_ROOT, NotebookError, clean, dumps, read

__all__ = ["MarkerError", "make_exercise", "generate", "hidden_cases", "GenerateReport"]

INSTRUCTOR_TAG = "instructor-only"
_EXERCISE_LABEL = re.compile(r"\*\*(Exercise\s+\d+\.\d+)\*\*")


def _stub(block: _Block, label: str) -> list[str]:
    indent = block.indent
    body = textwrap.dedent("\n".join(block.lines))
    try:
        tree = ast.parse(body)
    except SyntaxError:
        tree = None
    if indent:
        what = f"{label}: " if label else ""
        return [f'{indent}raise NotImplementedError("{what}replace this line with your code")']
    names: list[str] = []
    if tree is not None and tree.body and all(isinstance(s, (ast.Assign, ast.AnnAssign)) for s in tree.body):
        for stmt in tree.body:
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            for t in targets:
                elts = t.elts if isinstance(t, (ast.Tuple, ast.List)) else [t]
                if not all(isinstance(e, ast.Name) for e in elts):
                    names = []
                    break
                names.extend(e.id for e in elts if e.id not in names)
            else:
                continue
            break
    if names:
        return [f"{name} = ...  # replace ... with your answer" for name in names]
    return ["# your code here", "..."]


def _strip_code(source: str, nb_name: str, cell_no: int, label: str) -> tuple[str, bool]:
    """Return the student version of a code cell's source, and whether anything was removed."""
    lines: list[str] = []
    changed = False
    for seg in _segments(source, nb_name, cell_no):
        if isinstance(seg, str):
            lines.append(seg)
        elif seg.what == "SOLUTION":
            lines.extend(_stub(seg, label))
            changed = True
        else:
            changed = True  # hidden tests vanish
    text = "\n".join(lines)
    if changed:
        text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    return text, changed


def make_exercise(nb, nb_name: str = "<notebook>"):
    """Return the student copy of a solution notebook (the input is not changed)."""
    import copy

    out = copy.deepcopy(nb)
    cells = []
    label = ""
    for i, cell in enumerate(out.cells, 1):
        tags = cell.get("metadata", {}).get("tags", [])
        if cell.cell_type != "code":
            for n, line in enumerate(cell.source.split("\n"), 1):
                if _MARKER.match(line) or (_LOOSE.search(line) and line.lstrip().startswith("#")):
                    raise MarkerError(nb_name, i, n, f"a marker in a {cell.cell_type} cell; markers belong in code "
                                      "cells (tag a markdown cell 'instructor-only' to keep it out of the exercises)")
            m = _EXERCISE_LABEL.search(cell.source)
            if m:
                label = " ".join(m.group(1).split())
        if INSTRUCTOR_TAG in tags:
            continue
        if cell.cell_type == "code":
            source, changed = _strip_code(cell.source, nb_name, i, label)
            if changed and not source.strip():
                continue
            cell.source = source
        cells.append(cell)
    out.cells = cells
    out = clean(out)
    from ..common.layout import slug_of

    slug = slug_of(nb_name)
    if slug:
        # the student copy says which exercise set it is, so a grader can tell a wrong file from a right one
        out.metadata["legpain"] = {"assignment": slug}
    return out


def _with_navigation(nb, slug: str, root: Path):
    """The exercise set with its navigation footer (its lesson, previous and next sets) as the last cell."""
    from .sync import EXERCISE_NAV_MARK, exercise_nav_source
    from ..common.notebooks import new_notebook

    nb.cells = [c for c in nb.cells if not (c.cell_type == "markdown" and EXERCISE_NAV_MARK in c.source)]
    text = exercise_nav_source(slug, root)
    if text:
        nav = new_notebook([("md", text)], slug).cells[0]
        nav.id = f"{slug[:2]}-exercise-nav"
        nb.cells.append(nav)
    return nb


@dataclass
class GenerateReport:
    written: list[Path] = field(default_factory=list)
    stale: list[Path] = field(default_factory=list)  # with check=True: files that differ or are missing
    removed: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.stale


def generate(root: Path = COURSE_ROOT, check: bool = False) -> GenerateReport:
    """Write ``exercises/`` from ``solutions/`` (or, with ``check=True``, only report what is out of date).

    Every solution notebook is read and converted before anything is written, so an error in one leaves all
    files as they were.
    """
    from ..common.layout import set_files, slug_of

    root = Path(root)
    sol_dir, ex_dir = root / "solutions", root / "exercises"
    planned: dict[Path, str] = {}
    for path in sorted(sol_dir.glob("*.ipynb")):
        rel = path.relative_to(root).as_posix()
        nb = read(path)
        slug = slug_of(path.name)
        # solutions/NN-name-solutions.ipynb -> exercises/NN-name-exercises.ipynb (course.set_files); a name that
        # is not a set's keeps its name
        target = set_files(slug, root).exercise if slug else ex_dir / path.name
        planned[target] = dumps(_with_navigation(make_exercise(nb, rel), slug or path.stem, root))
    report = GenerateReport()
    existing = set(ex_dir.glob("*.ipynb")) if ex_dir.exists() else set()
    for target, text in planned.items():
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current != text:
            if check:
                report.stale.append(target)
            else:
                report.written.append(target)
    extra = sorted(existing - set(planned))
    if check:
        report.stale.extend(extra)
        return report
    ex_dir.mkdir(exist_ok=True)
    for target in report.written:
        fd, tmp = tempfile.mkstemp(dir=ex_dir, prefix=".tmp-", suffix=".ipynb")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(planned[target])
        os.replace(tmp, target)
    for path in extra:
        path.unlink()
        report.removed.append(path)
    return report


# the hidden cases are read where the exercise set is resolved (legpain.checking.exercise_set); these names stay
# for the tools and tests that import them from here
from ..checking.exercise_set import hidden_cases, hidden_cases_for  # noqa: E402
