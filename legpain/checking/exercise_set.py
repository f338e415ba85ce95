"""An exercise set, resolved once: its slug, its files, its questions and the hidden cases of its function questions.

The grader, the student's ``progress()`` and the tools take an :class:`ExerciseSet` from :func:`resolve` and pass it
on, instead of resolving a bare slug again at each step::

    s = resolve("02")                  # or "02-nerve-roots-and-leg-pain", or any of its notebooks' names
    s.files.solution, s.assignment.questions, s.hidden["q2_6"]

Hidden cases are read from the solution notebook's ``### BEGIN HIDDEN TESTS`` blocks as literal data, never run.
"""

from __future__ import annotations

import ast
import json
import textwrap
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import SimpleNamespace

from ..common.layout import SetFiles, set_files
from ..common.markers import MarkerError, segments
from ..common.notebooks import COURSE_ROOT, NotebookError, cell_sources
from . import bank
from .questions import Case

__all__ = ["ExerciseSet", "resolve", "hidden_cases", "hidden_cases_for"]


@dataclass(frozen=True, eq=False)
class ExerciseSet:
    """One exercise set of the course under ``root``."""

    assignment: bank.Assignment
    files: SetFiles
    root: Path

    @property
    def slug(self) -> str:
        return self.assignment.slug

    @property
    def number(self) -> int:
        return self.assignment.number

    @cached_property
    def hidden(self) -> dict[str, list[Case]]:
        """``{qid: [Case, ...]}`` from the solution notebook (NotebookError when it is missing or unreadable,
        MarkerError when a hidden block is malformed)."""
        return hidden_cases_for(self.files, self.root)


def resolve(slug_or_name: str | int, root: Path = COURSE_ROOT) -> ExerciseSet:
    """The exercise set named by a number (2, "02"), a slug or any of its notebooks' names; the bank's
    UnknownAssignment for a set the course does not have."""
    a = bank.assignment(slug_or_name)
    root = Path(root)
    return ExerciseSet(a, set_files(a.slug, root), root)


def hidden_cases(nb, nb_name: str = "<notebook>") -> dict[str, list]:
    """Read the hidden cases of a solution notebook: ``{qid: [Case, ...]}``.

    Hidden blocks may only hold ``hidden_tests("qid", cases=[(args, expected), ...])`` calls with literal data:
    they are read, never run, by the grader.
    """
    found: dict[str, list] = {}
    for i, cell in enumerate(nb.cells, 1):
        if cell.cell_type != "code":
            continue
        for seg in segments(cell.source, nb_name, i):
            if isinstance(seg, str) or seg.what != "HIDDEN TESTS":
                continue
            body = textwrap.dedent("\n".join(seg.lines))
            try:
                tree = ast.parse(body)
            except SyntaxError as exc:
                raise MarkerError(nb_name, i, seg.start + (exc.lineno or 0), f"hidden tests do not parse: {exc.msg}")
            for stmt in tree.body:
                call = stmt.value if isinstance(stmt, ast.Expr) else None
                if not (isinstance(call, ast.Call) and getattr(call.func, "id", None) == "hidden_tests"):
                    raise MarkerError(nb_name, i, seg.start + stmt.lineno,
                                      "a hidden block may only hold hidden_tests(...) calls")
                try:
                    args = [ast.literal_eval(a) for a in call.args]
                    kwargs = {k.arg: ast.literal_eval(k.value) for k in call.keywords}
                except ValueError:
                    raise MarkerError(nb_name, i, seg.start + stmt.lineno,
                                      "hidden_tests(...) takes literal data only (numbers, text, lists, tuples)")
                qid = args[0] if args else kwargs.get("qid")
                cases = args[1] if len(args) > 1 else kwargs.get("cases", [])
                found.setdefault(qid, []).extend(Case(tuple(a), e) for a, e in cases)
    return found


def hidden_cases_for(slug: str | SetFiles, root: Path = COURSE_ROOT) -> dict[str, list]:
    """The hidden cases of exercise set ``slug`` (or of the set whose files are given), read from its solution
    notebook as plain JSON (no nbformat: the grader calls this on its critical path)."""
    files = slug if isinstance(slug, SetFiles) else set_files(slug, root)
    path = files.solution
    if not path.exists():
        raise NotebookError(f"{path}: no solution notebook for exercise set {files.slug}")
    try:
        sources = cell_sources(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, NotebookError) as exc:
        raise NotebookError(f"{path}: not a readable notebook ({exc})") from None
    cells = [SimpleNamespace(cell_type=kind, source=s) for kind, s in sources]
    try:
        name = path.relative_to(root).as_posix()
    except ValueError:
        name = path.name
    return hidden_cases(SimpleNamespace(cells=cells), name)
