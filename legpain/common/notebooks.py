"""Reading, cleaning and writing the course's notebooks, and reading a lesson's title, minutes and objectives.

Notebooks are stored without outputs, execution counts or volatile metadata, and written the same way every time,
so that a diff shows only what an author changed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

__all__ = [
    "COURSE_ROOT",
    "NotebookError",
    "LessonInfo",
    "read",
    "reads",
    "dumps",
    "clean",
    "is_clean",
    "new_notebook",
    "lesson_info",
    "lesson_paths",
]

COURSE_ROOT = Path(__file__).resolve().parents[2]

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
# The kernel's language_info exactly as ipykernel reports it for the course's Python (the version of the course's
# virtual environment). JupyterLab writes the kernel's language_info into the notebook when the kernel starts and
# marks the notebook changed unless what is stored is equal to it field for field -- so storing only
# {"name": "python"} made every notebook "unsaved" as soon as it opened. ipykernel's language_info differs between
# Pythons only in "version"; on another Python the server extension legpain.serverext (where its Jupyter config is
# installed) hands each notebook to the browser with the running version, so the mark stays away there too; without
# it the mark appears on open (harmless). tests/test_course.py checks the other fields against the installed ipykernel.
COURSE_PYTHON = "3.11.7"
LANGUAGE_INFO = {
    "codemirror_mode": {"name": "ipython", "version": 3},
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "name": "python",
    "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3",
    "version": COURSE_PYTHON,
}
_KEEP_CELL_METADATA = ("tags",)


class NotebookError(ValueError):
    """A file that is not a readable notebook, with the path and the reason in the message."""


def reads(text: str, name: str = "<notebook>"):
    """Parse notebook JSON text into an nbformat node, or raise :class:`NotebookError` saying why not."""
    import nbformat

    if not text.strip():
        raise NotebookError(f"{name}: the file is empty")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise NotebookError(f"{name}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    if not isinstance(data, dict) or "cells" not in data:
        raise NotebookError(f"{name}: valid JSON, but not a Jupyter notebook (no list of cells)")
    try:
        nb = nbformat.reads(text, as_version=4)
    except Exception as exc:  # noqa: BLE001 - nbformat raises many kinds
        raise NotebookError(f"{name}: not a readable notebook ({type(exc).__name__}: {exc})"[:400]) from None
    return nb


def read(path: str | Path):
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise NotebookError(f"{path}: not a text file (is it really a .ipynb?)") from None
    return reads(text, str(path))


def clean(nb):
    """Remove outputs, execution counts and volatile metadata, in place; return the notebook."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata = {k: cell.metadata[k] for k in _KEEP_CELL_METADATA if k in cell.metadata}
        if "attachments" in cell and not cell.attachments:
            del cell["attachments"]
    meta = {"kernelspec": dict(KERNELSPEC), "language_info": json.loads(json.dumps(LANGUAGE_INFO))}
    if "legpain" in nb.metadata:
        meta["legpain"] = nb.metadata["legpain"]
    nb.metadata = meta
    nb.nbformat, nb.nbformat_minor = 4, 5
    return nb


def is_clean(nb) -> list[str]:
    """What is not clean about a notebook (an empty list when it is clean)."""
    problems = []
    for i, cell in enumerate(nb.cells, 1):
        if cell.cell_type == "code" and cell.get("outputs"):
            problems.append(f"cell {i} has stored outputs")
        if cell.cell_type == "code" and cell.get("execution_count") is not None:
            problems.append(f"cell {i} has an execution count")
        extra = set(cell.metadata) - set(_KEEP_CELL_METADATA)
        if extra:
            problems.append(f"cell {i} has volatile metadata {sorted(extra)}")
    extra = set(nb.metadata) - {"kernelspec", "language_info", "legpain"}
    if extra:
        problems.append(f"notebook metadata has {sorted(extra)}")
    if nb.metadata.get("language_info") != LANGUAGE_INFO:
        problems.append("notebook metadata language_info is not the course's (notebooks.LANGUAGE_INFO); "
                        "run the cleaning tool")
    if nb.metadata.get("kernelspec") != KERNELSPEC:
        problems.append("notebook metadata kernelspec is not the course's (notebooks.KERNELSPEC)")
    return problems


def dumps(nb) -> str:
    """The one text form of a notebook: nbformat's JSON with a final newline."""
    import nbformat

    return nbformat.writes(nb, version=4).rstrip("\n") + "\n"


def new_notebook(cells: Iterable[tuple], stem: str = "nb"):
    """Build a clean notebook from ``(kind, source)`` or ``(kind, source, tags)`` tuples; kind is "md" or "code".

    Cell ids are ``<stem>-<n>``: stable, readable and unique within the notebook.
    """
    import nbformat
    from nbformat import v4

    nb = v4.new_notebook()
    for i, spec in enumerate(cells, 1):
        kind, source = spec[0], spec[1]
        tags = list(spec[2]) if len(spec) > 2 else []
        cell = v4.new_markdown_cell(source) if kind == "md" else v4.new_code_cell(source)
        cell.id = f"{stem}-{i:02d}"
        if tags:
            cell.metadata["tags"] = tags
        nb.cells.append(cell)
    clean(nb)
    nbformat.validate(nb)
    return nb


@dataclass(frozen=True)
class LessonInfo:
    path: Path
    number: str
    title: str
    minutes: int  # the stated time; for a range ("50–85 minutes"), its first (fluent reader's) figure
    objectives: tuple[str, ...]
    minutes_max: int | None = None  # the range's second (novice reader's) figure

    @property
    def minutes_text(self) -> str:
        """The stated time as the lesson states it: "50–85" or "60"."""
        return f"{self.minutes}–{self.minutes_max}" if self.minutes_max else str(self.minutes)


_TITLE = re.compile(r"^#\s+(.+?)\s*$", re.M)
_MINUTES = re.compile(r"(?i)estimated time:?\**\s*(?:about\s+)?(\d+)\s*(?:[–-]\s*(\d+)\s*)?min")


def lesson_info(path: str | Path, nb=None) -> LessonInfo:
    """Title, minutes and objectives, read from the lesson's first markdown cell (the one source of them).

    The cell holds ``# Title``, ``Estimated time: N minutes`` (or a range, ``N–M minutes``) and, after a line ending in "be able to:", the
    objectives as a bulleted list.
    """
    path = Path(path)
    nb = nb if nb is not None else read(path)
    first = next((c for c in nb.cells if c.cell_type == "markdown"), None)
    if first is None:
        raise NotebookError(f"{path}: no markdown cell with the lesson's title")
    src = first.source
    m_title = _TITLE.search(src)
    m_min = _MINUTES.search(src)
    if not m_title or not m_min:
        raise NotebookError(f"{path}: the first cell needs '# Title' and 'Estimated time: N minutes'")
    objectives: list[str] = []
    after = re.split(r"(?i)be able to:?\s*\n", src, maxsplit=1)
    if len(after) == 2:
        for line in after[1].splitlines():
            if re.match(r"^\s*[-*]\s+", line):
                objectives.append(re.sub(r"^\s*[-*]\s+", "", line).strip())
            elif objectives and line.strip():
                break
    if not objectives:
        raise NotebookError(f"{path}: the first cell lists no objectives after 'you will be able to:'")
    high = int(m_min.group(2)) if m_min.group(2) else None
    return LessonInfo(path, path.name[:2], m_title.group(1), int(m_min.group(1)), tuple(objectives), high)


def lesson_paths(root: Path = COURSE_ROOT) -> list[Path]:
    return sorted((root / "lessons").glob("[0-9][0-9]-*.ipynb"))


def stems(paths: Sequence[Path]) -> list[str]:
    return [p.stem for p in paths]


def cell_sources(data) -> list[tuple[str, str]]:
    """``(cell_type, source)`` of every cell of a notebook parsed from JSON (``json.loads`` of the file), the
    source joined from its lines. The one plain-JSON reader of the package: the grader and the hand-out check use it
    on their critical path instead of nbformat, whose import is slow. :class:`NotebookError` (with words a person
    understands) when ``data`` is not a notebook's shape."""
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        raise NotebookError("valid JSON, but not a Jupyter notebook (no list of cells)")
    out = []
    for cell in data["cells"]:
        if not isinstance(cell, dict):
            raise NotebookError("not a readable notebook (a cell is not an object)")
        if not isinstance(cell.get("cell_type"), str):
            raise NotebookError("not a readable notebook (a cell has no cell type)")
        src = cell.get("source", "")
        if isinstance(src, list):
            src = "".join(str(x) for x in src)
        out.append((cell["cell_type"], str(src)))
    return out


def code_cells(data) -> list[str]:
    """The sources of the code cells of a notebook parsed from JSON, in order (see :func:`cell_sources`)."""
    return [src for kind, src in cell_sources(data) if kind == "code"]
