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


def frame_difference(frame: dict, reference: dict) -> str:
    """Why a live demo's frame is not the picture of ``reference`` (a fresh draw of the same setting), or "".

    A PNG frame must equal it pixel for pixel; a vector frame (:mod:`legpain.ui.vector`) must hold the same drawing
    instructions over the same kept picture (the glyph outlines it carries are only those new to the browser, so
    they are not compared); an HTML frame, the same HTML. The alt text is the setting's in each case."""
    import io

    import numpy as np
    from matplotlib.image import imread

    if frame["kind"] != reference["kind"]:
        return f"a {frame['kind']} frame where a fresh draw gives {reference['kind']}"
    if frame["kind"] == "html":
        return "" if frame["html"] == reference["html"] else "other HTML"
    if frame.get("alt") != reference.get("alt"):
        return "other alt text"
    pictures = ("png",) if frame["kind"] == "png" else ("bg_png",)
    for name in pictures:
        a, b = imread(io.BytesIO(frame[name]), format="png"), imread(io.BytesIO(reference[name]), format="png")
        if a.shape != b.shape:
            return f"{name}: {a.shape} pixels, a fresh draw {b.shape}"
        wrong = np.abs(a - b).max(axis=-1) > 0
        if wrong.any():
            return f"{name}: {wrong.sum()} pixels differ from a fresh draw"
    if frame["kind"] == "vector":
        if (frame["w"], frame["h"], frame["bg"]) != (reference["w"], reference["h"], reference["bg"]):
            return "another size or kept picture"
        if frame["ops"] != reference["ops"]:
            n = sum(a != b for a, b in zip(frame["ops"], reference["ops"])) + abs(len(frame["ops"]) -
                                                                                  len(reference["ops"]))
            return f"{n} of {len(reference['ops'])} drawing instructions differ from a fresh draw"
    return ""


# grey levels a 6x6-pixel block may differ by (anti-aliasing and hinting: up to ~54; a lost label: 60+)
WORST_BLOCK = 58


def picture_rgba(png: bytes):
    """A PNG's pixels as an (h, w, 4) array of 0-255."""
    import io

    from matplotlib.image import imread

    return (imread(io.BytesIO(png), format="png") * 255).round().astype("uint8")


def worst_block(a, b, k: int = 6) -> float:
    """How far two pictures of the same size differ where they differ most: the grey level averaged over ``k`` x
    ``k``-pixel blocks (so that anti-aliasing and hinting, which move single pixels, count for little)."""
    import numpy as np

    assert a.shape == b.shape, (a.shape, b.shape)

    def blocks(rgba):
        g = rgba[..., :3].astype(float).mean(axis=2)
        h, w = (g.shape[0] // k) * k, (g.shape[1] // k) * k
        return g[:h, :w].reshape(h // k, k, w // k, k).mean(axis=(1, 3))

    return float(np.abs(blocks(a) - blocks(b)).max())
