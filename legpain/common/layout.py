"""Where the course's files are: each exercise set's lesson, student copy and solution (one map,
:func:`set_files`), a set's slug from any of its file names, and whether a student's copy is still the blank handout.

Part of ``legpain.common``: it imports nothing from the package but :mod:`legpain.common.notebooks`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .notebooks import COURSE_ROOT, NotebookError, code_cells

__all__ = ["SetFiles", "set_files", "slug_of", "is_blank_handout", "exercise_sets", "EXERCISE_SUFFIX",
           "SOLUTION_SUFFIX"]

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
    try:
        sources = code_cells(data)
    except NotebookError:
        return None
    out = []
    for src in sources:
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
