"""The marker grammar of solution notebooks, shared by the exercise generator (which strips what is inside) and the
exercise set (which reads the hidden cases): ``### BEGIN SOLUTION`` / ``### END SOLUTION`` and ``### BEGIN HIDDEN
TESTS`` / ``### END HIDDEN TESTS``, each a comment line of its own. A malformed marker is a :class:`MarkerError`
that names the notebook, the cell and the line.

Part of ``legpain.common``: imports nothing from the package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["MarkerError", "Block", "segments"]

_MARKER = re.compile(r"^(?P<indent>[ \t]*)#+[ \t]*(?P<edge>BEGIN|END)[ \t]+(?P<what>SOLUTION|HIDDEN TESTS)[ \t]*$")
_LOOSE = re.compile(r"(?i)\b(BEGIN|END)\s*(SOLUTIONS?|HIDDEN[\s_-]*TESTS?)\b")


class MarkerError(ValueError):
    """A malformed solution or hidden-test marker. ``str()`` names notebook, cell and line."""

    def __init__(self, notebook: str, cell: int, line: int, problem: str):
        self.notebook, self.cell, self.line, self.problem = notebook, cell, line, problem
        super().__init__(f"{notebook}, cell {cell}, line {line}: {problem}")


@dataclass
class Block:
    what: str  # "SOLUTION" or "HIDDEN TESTS"
    indent: str
    start: int  # line number (1-based) of the BEGIN marker
    lines: list[str] = field(default_factory=list)


def segments(source: str, nb_name: str, cell_no: int):
    """Split a code cell into plain lines and marker blocks, checking the markers."""
    out: list = []
    block: Block | None = None
    for n, line in enumerate(source.split("\n"), 1):
        m = _MARKER.match(line)
        if m is None and _LOOSE.search(line) and line.lstrip().startswith("#"):
            raise MarkerError(nb_name, cell_no, n, f"a marker is misspelled: {line.strip()!r} "
                              "(write '### BEGIN SOLUTION', '### END SOLUTION', '### BEGIN HIDDEN TESTS' "
                              "or '### END HIDDEN TESTS' on a line of its own)")
        if m is None:
            (block.lines if block else out).append(line)
            continue
        edge, what = m.group("edge"), m.group("what")
        if edge == "BEGIN":
            if block is not None:
                raise MarkerError(nb_name, cell_no, n, f"BEGIN {what} inside the {block.what} block opened on "
                                  f"line {block.start}; close that block first (blocks cannot be nested)")
            block = Block(what, m.group("indent"), n)
        else:
            if block is None:
                raise MarkerError(nb_name, cell_no, n, f"END {what} without a BEGIN {what} before it")
            if block.what != what:
                raise MarkerError(nb_name, cell_no, n, f"END {what} closes a BEGIN {block.what} "
                                  f"(opened on line {block.start})")
            out.append(block)
            block = None
    if block is not None:
        raise MarkerError(nb_name, cell_no, block.start, f"BEGIN {block.what} is never closed in this cell")
    return out
