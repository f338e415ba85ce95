"""One submission, read and judged: its code cells from the notebook's JSON (nbformat 4, or 3 converted), whether it is
the right exercise set, and the judgement of the answers that came back from the sandbox (their shape checked first:
a student can forge it), with the outputs on hidden cases compared here and never shown.

Part of the class grader (:mod:`legpain.grading`); :mod:`legpain.grading.grade` runs the whole class.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..checking import bank
from ..common import notebooks
from ..common.text import safe_text
from ..checking.scoring import Report, judge_set
from .intake import Item


@dataclass
class Outcome:
    item: Item
    problem: str = ""
    full: Report | None = None  # with hidden checks: the instructor's grade
    public: Report | None = None  # checks the student can see: their feedback
    cell_notes: list[str] = field(default_factory=list)
    captured: dict = field(default_factory=dict)
    seconds: float = 0.0
    salt: str | None = None  # the salt this submission's numbers were drawn with (its judging and item analysis)

    @property
    def graded(self) -> bool:
        return self.full is not None


_CHECK_ID = re.compile(r"""check\(\s*["']q(\d+)_\d+["']""")


def _read_submission(path: Path) -> tuple[list[str] | None, dict, str]:
    """The code cells and metadata of a submitted notebook, or the reason it cannot be read.

    Plain JSON is enough here (only code cells are run), and it spares the grader nbformat's slow import."""
    import json

    from .intake import MAX_NOTEBOOK_BYTES

    try:  # never through a symbolic link, and never more than the cap
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with open(fd, "rb") as fh:
            raw = fh.read(MAX_NOTEBOOK_BYTES + 1)
    except OSError as exc:
        if exc.errno == getattr(__import__("errno"), "ELOOP", -1):
            return None, {}, "refused: a symbolic link (links are never followed; submit the notebook itself)"
        return None, {}, f"cannot be read ({exc.strerror})"
    if len(raw) > MAX_NOTEBOOK_BYTES:
        return None, {}, f"too large: more than {MAX_NOTEBOOK_BYTES // 1024**2} MB (clear the outputs and save again)"
    if not raw.strip():
        return None, {}, "the file is empty"
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return None, {}, "not a text file (is it really a .ipynb?)"
    except json.JSONDecodeError as exc:
        return None, {}, f"malformed JSON: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
    except RecursionError:
        return None, {}, "malformed JSON: nested too deeply to read (not a notebook Jupyter saved)"
    except MemoryError:
        return None, {}, "malformed JSON: too large to read"
    except ValueError as exc:  # e.g. a number with too many digits
        return None, {}, f"malformed JSON: cannot be read ({exc})"[:200]
    if isinstance(data, dict) and data.get("nbformat") == 3 and isinstance(data.get("worksheets"), list):
        data = _from_nbformat3(data)  # an old (IPython 1-3) notebook: read the way nbformat.convert reads it
        if data is None:
            return None, {}, ("an nbformat 3 notebook that cannot be read; open it in Jupyter and save it again "
                              "(or run: jupyter nbconvert --to notebook --nbformat 4 FILE)")
    elif isinstance(data, dict) and isinstance(data.get("nbformat"), int) and data["nbformat"] < 3:
        return None, {}, (f"an nbformat {data['nbformat']} notebook, too old to read; open it in Jupyter and save it "
                          "again (or run: jupyter nbconvert --to notebook --nbformat 4 FILE)")
    try:
        cells = notebooks.code_cells(data)
    except notebooks.NotebookError as exc:
        return None, {}, str(exc)
    meta = dict(data.get("metadata")) if isinstance(data.get("metadata"), dict) else {}
    if data.get("converted_from") == 3:
        meta["__converted_from"] = 3
    return cells, meta, ""


def _from_nbformat3(data: dict) -> dict | None:
    """The cells of an nbformat 3 notebook in nbformat 4's shape (code cells keep their source in ``input``)."""
    cells = []
    try:
        for ws in data["worksheets"]:
            for cell in ws.get("cells", []):
                if cell.get("cell_type") == "code":
                    cells.append({"cell_type": "code", "source": cell.get("input", "")})
                else:
                    cells.append({"cell_type": cell.get("cell_type", "markdown"), "source": cell.get("source", "")})
    except (AttributeError, TypeError):
        return None
    meta = data.get("metadata") if isinstance(data.get("metadata"), dict) else {}
    return {"cells": cells, "metadata": meta, "nbformat": 4, "nbformat_minor": 0, "converted_from": 3}


def _prepare(item: Item, slug: str, number: int) -> tuple[list[str] | None, str]:
    """Read a submission: its code cells, or the reason it cannot be graded."""
    cells, meta, problem = _read_submission(item.path)
    if problem:
        return None, problem
    declared = (meta.get("legpain") or {}).get("assignment") if isinstance(meta.get("legpain"), dict) else None
    if declared and declared != slug:
        return None, f"wrong assignment: this notebook is exercise set {declared}, not {slug}"
    if not declared:
        sets = {int(n) for src in cells for n in _CHECK_ID.findall(src)}
        if sets and number not in sets:
            return None, f"wrong assignment: its checks belong to exercise set {sorted(sets)[0]:02d}, not {slug}"
    if not any(src.strip() for src in cells):
        return None, "empty: the notebook has no code"
    if meta.get("__converted_from") == 3:
        item.note = ("an nbformat 3 notebook (an old Jupyter/IPython format): converted to be graded; open it in "
                     "Jupyter and save it again to upgrade it")
    return cells, ""


def _answer_cells(cells: list[str], q) -> set[int]:
    """Indexes of the code cells that check question ``q`` or define its answer's variable."""
    # student text: the variable's pattern stays on one line ([ \t], [^=\n]), so no line makes it look at the rest
    # of the cell (`^\s*` or `(:[^=]*)?` backtracked over the whole cell for every line "V:" without "=")
    pats = [re.compile(r"""check\(\s*["']""" + re.escape(q.qid) + r"""["']""")]
    if q.var:
        v = re.escape(q.var)
        pats.append(re.compile(rf"^[ \t]*(def[ \t]+{v}[ \t]*\(|{v}[ \t]*(:[^=\n]*)?=(?!=))", re.M))
    return {i for i, src in enumerate(cells) if any(p.search(src) for p in pats)}


def _unfinished(o: Outcome, result: dict, cells: list[str]) -> None:
    """An answer whose cell was stopped (endless loop) or never reached earns nothing: the notebook must run."""
    stopped = {c["cell"]: ("stopped after running too long" if c.get("timed_out") else "not run: time was up")
               for c in result.get("cells", []) if c.get("timed_out") or c.get("skipped")}  # shape checked
    if not stopped:
        return
    a = bank.assignment(o.full.slug)
    for q in a.exercises:
        hit = sorted(_answer_cells(cells, q) & set(stopped))
        if not hit:
            continue
        why = f"code cell {hit[0] + 1}, where this answer is, was {stopped[hit[0]]}, so the answer is not graded. " \
              "Make the notebook run from top to bottom (an endless loop?)."
        for rep in (o.full, o.public):
            for r in rep.results:
                if r.qid == q.qid:
                    r.status, r.message, r.details = "error", why, []
                    r.score = r.public_score = 0.0
                    r.public_passed = r.hidden_passed = 0


def _safe_data(value, depth: int = 0):
    """JSON data with every string (keys included) made :func:`safe_text` (too deep: ValueError)."""
    if depth > 200:
        raise ValueError("nested too deeply")
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, list):
        return [_safe_data(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {safe_text(str(k)): _safe_data(v, depth + 1) for k, v in value.items()}
    return value


def _is_int(x) -> bool:
    return type(x) is int


def _shape_problem(result) -> str:
    """Why a result from the grading process is not in the shape the grader reads ("" when it is).

    A student's code can write a result of its own (it runs where the answers are written), so nothing is trusted:
    ``ok`` a bool, ``cells`` a list of ``{"cell": int >= 0, "error": str, ...}``, ``captured`` (when ok) a dict of
    dicts keyed by question id, ``seconds`` a number, ``reason`` a string."""
    if not isinstance(result, dict) or not isinstance(result.get("ok"), bool):
        return "no ok"
    cells = result.get("cells", [])
    if not isinstance(cells, list):
        return "cells"
    for c in cells:
        if not isinstance(c, dict) or not _is_int(c.get("cell")) or c["cell"] < 0:
            return "cell"
        if not isinstance(c.get("error", ""), str):
            return "cell error"
    if not isinstance(result.get("seconds", 0.0), (int, float)) or isinstance(result.get("seconds"), bool):
        return "seconds"
    if not isinstance(result.get("reason", ""), str):
        return "reason"
    if result["ok"]:
        captured = result.get("captured")
        if not isinstance(captured, dict) or not all(isinstance(v, dict) for v in captured.values()):
            return "captured"
    return ""


_REASONS = {"kernel died (exit status 0)": "kernel died (its answers never arrived complete: the notebook's process "
                                          "ended before handing them over)"}


_MAX_NOTES = 50  # notes on code cells kept for one submission


BAD_SHAPE = "kernel died (its answers came back in a shape the grader does not read)"


def _with_hidden(captured: dict, result: dict, hidden, slug: str) -> dict:
    """The captured answers with each function's outputs on the hidden cases (frame 2, see
    :mod:`legpain.grading.zygote`) after its public ones. Of those outputs only ``ok`` and ``value`` are kept: they
    are compared with the expected values, never shown (a hidden case counts as passed or failed, nothing more)."""
    got = result.get("hidden_outputs") if isinstance(result.get("hidden_outputs"), dict) else {}
    questions = {q.qid: q for q in bank.assignment(slug).exercises}
    merged = dict(captured)
    for qid, cases in (hidden or {}).items():
        entry = captured.get(qid)
        if not (isinstance(entry, dict) and entry.get("state") == "answered" and isinstance(entry.get("outputs"),
                                                                                              list)):
            continue
        q = questions.get(qid)
        if q is None:  # a hidden case for no question of this set: judge_set ignores it too
            continue
        n_pub = len(getattr(q, "cases", ()))
        outs = got.get(qid) if isinstance(got.get(qid), list) else []
        extra = [{"ok": True, "value": x.get("value")} if isinstance(x, dict) and x.get("ok") is True else {"ok": False}
                 for x in outs[n_pub:n_pub + len(cases)]]
        merged[qid] = dict(entry, outputs=entry["outputs"][:n_pub] + extra)
    return merged


def _judge(o: Outcome, result: dict, slug: str, hidden, cells: list[str], salt: str | None = None,
           student: str | None = None) -> None:
    from .zygote import bound_result

    if o.item.note:
        o.cell_notes.append(o.item.note)
    try:
        # bounded first (answers too large to check become a row saying so), so that nothing below costs more than
        # an answer at the caps does
        result = bound_result(result, {q.qid for q in bank.assignment(slug).exercises})
        result = _safe_data(result)
    except (ValueError, RecursionError):
        result = None
    if _shape_problem(result):
        o.problem = BAD_SHAPE
        return
    seconds = float(result.get("seconds", 0.0))
    o.seconds = seconds if seconds == seconds and abs(seconds) < 1e9 else 0.0
    notes = []
    for c in result.get("cells", []):
        if c.get("timed_out"):
            notes.append(f"code cell {c['cell'] + 1} was stopped: it ran for too long")
        elif c.get("skipped"):
            notes.append(f"code cell {c['cell'] + 1} was not run: the notebook's time was up")
        elif c.get("error"):
            notes.append(f"code cell {c['cell'] + 1}: {c['error'][:300]}")
    if len(notes) > _MAX_NOTES:  # a notebook of thousands of failing cells (or a forged result) stays readable
        notes[_MAX_NOTES:] = [f"... and {len(notes) - _MAX_NOTES} more code cells with an error"]
    o.cell_notes.extend(notes)
    if not result.get("ok"):
        o.problem = _REASONS.get(result.get("reason", ""), result.get("reason", "")) or "kernel died"
        return
    captured = result.get("captured")
    if not isinstance(captured, dict):
        o.problem = "kernel died (no answers came back)"
        return
    try:
        with_hidden = _with_hidden(captured, result, hidden, slug)
        full = judge_set(slug, with_hidden, hidden, public=False, student=student, salt=salt)
        public = judge_set(slug, captured, public=True, student=student, salt=salt)
    except Exception as exc:  # noqa: BLE001 - data that came back in a shape no question reads
        o.problem = f"the answers could not be judged ({type(exc).__name__})"
        return
    o.captured, o.full, o.public, o.salt = with_hidden, full, public, salt
    _unfinished(o, result, cells)
