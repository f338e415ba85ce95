"""Shared test helpers: running a notebook in a fresh kernel and reading what it printed."""

from __future__ import annotations

import copy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_notebook(nb, timeout: int = 120, extra_cells: list[str] = ()):
    """Execute a notebook (a copy, with ``extra_cells`` appended) in a fresh kernel; return the executed copy."""
    import nbformat
    from nbclient import NotebookClient

    nb = copy.deepcopy(nb)
    for src in extra_cells:
        cell = nbformat.v4.new_code_cell(src)
        nb.cells.append(cell)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(ROOT)}})
    client.execute()
    return nb


def cell_text(cell) -> str:
    parts = []
    for out in cell.get("outputs", []):
        if out.output_type == "stream":
            parts.append(out.text)
        elif out.output_type in ("display_data", "execute_result"):
            parts.append(out.data.get("text/plain", ""))
        elif out.output_type == "error":
            parts.append(f"{out.ename}: {out.evalue}")
    return "\n".join(parts)


def errors(nb) -> list[str]:
    return [f"cell {i}: {o.ename}: {o.evalue}" for i, c in enumerate(nb.cells, 1)
            for o in c.get("outputs", []) if o.output_type == "error"]
