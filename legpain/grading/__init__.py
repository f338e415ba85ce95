"""Grading a whole class: ``python -m legpain grade SUBMISSIONS --assignment NN-slug --out OUTDIR``.

Each submission runs in its own fresh process (forked from a clean, pre-warmed zygote: see
:mod:`legpain.grading.zygote`) with a time limit per cell and per notebook and a memory cap. Answers come back as
plain JSON data and are judged here, in the grader, by the same code as a student's ``check_all()``
(:func:`legpain.scoring.judge_set`), with the hidden cases read from the solution notebook. Every input file gets
exactly one outcome in the gradebook: graded, or a row saying why not.
"""

from __future__ import annotations

import os
import re
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .. import bank, notebooks
from ..assign import hidden_cases_for
from ..scoring import Report, judge_set
from .intake import IntakeError, Item, cleanup, find_submissions

__all__ = ["grade", "run_public", "GradeError", "Outcome", "Summary"]


class GradeError(Exception):
    """The run cannot start (unknown exercise set, unreadable submissions, unwritable output folder)."""


@dataclass
class Outcome:
    item: Item
    problem: str = ""
    full: Report | None = None  # with hidden checks: the instructor's grade
    public: Report | None = None  # checks the student can see: their feedback
    cell_notes: list[str] = field(default_factory=list)
    captured: dict = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def graded(self) -> bool:
        return self.full is not None


@dataclass
class Summary:
    slug: str
    outcomes: list[Outcome]
    seconds: float
    out: Path
    warnings: list[str] = field(default_factory=list)
    startup: float = 0.0  # mean seconds to start one pre-warmed process (its imports)
    write_seconds: float = 0.0  # judging is inside the run; this is writing the gradebook and report

    @property
    def graded(self) -> int:
        return sum(o.graded for o in self.outcomes)

    def line(self) -> str:
        n_files = len(self.outcomes)
        not_graded = n_files - self.graded
        text = (f"Graded {self.graded} of {n_files} submitted file{'s' if n_files != 1 else ''} of {self.slug} in "
                f"{self.seconds:.1f} s")
        if not_graded:
            text += f"; {not_graded} not graded (reasons in grades.csv)"
        return text + f". Results in {self.out}"


_CHECK_ID = re.compile(r"""check\(\s*["']q(\d+)_\d+["']""")


def _read_submission(path: Path) -> tuple[list[str] | None, dict, str]:
    """The code cells and metadata of a submitted notebook, or the reason it cannot be read.

    Plain JSON is enough here (only code cells are run), and it spares the grader nbformat's slow import."""
    import json

    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, {}, f"cannot be read ({exc.strerror})"
    if not raw.strip():
        return None, {}, "the file is empty"
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return None, {}, "not a text file (is it really a .ipynb?)"
    except json.JSONDecodeError as exc:
        return None, {}, f"malformed JSON: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        return None, {}, "valid JSON, but not a Jupyter notebook (no list of cells)"
    cells = []
    for cell in data["cells"]:
        if not isinstance(cell, dict):
            return None, {}, "not a readable notebook (a cell is not an object)"
        if cell.get("cell_type") != "code":
            continue
        src = cell.get("source", "")
        if isinstance(src, list):
            src = "".join(str(x) for x in src)
        cells.append(str(src))
    meta = data.get("metadata") if isinstance(data.get("metadata"), dict) else {}
    return cells, meta, ""


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
    return cells, ""


class _Progress:
    def __init__(self, total: int, enabled: bool):
        self.total, self.done, self.enabled = total, 0, enabled and sys.stderr.isatty()
        self.lock = threading.Lock()
        self.start = time.monotonic()

    def step(self) -> None:
        with self.lock:
            self.done += 1
            if self.enabled:
                width = 30
                filled = int(width * self.done / max(self.total, 1))
                rate = self.done / max(time.monotonic() - self.start, 1e-6)
                sys.stderr.write(f"\rgrading [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}"
                                 f"  {rate:.1f}/s ")
                sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


def grade(
    submissions: str | Path,
    slug: str,
    out: str | Path,
    workers: int | None = None,
    timeout: float = 10.0,
    mem_mb: int = 1024,
    progress: bool = True,
    root: Path = notebooks.COURSE_ROOT,
) -> Summary:
    """Grade every submission of exercise set ``slug`` and write the gradebook to ``out``.

    ``timeout`` is the time limit of one cell in seconds; a whole notebook may take six times as long.
    """
    started = time.monotonic()
    try:
        a = bank.assignment(slug)
    except bank.UnknownAssignment as exc:
        raise GradeError(str(exc)) from None
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        (out / "feedback").mkdir(exist_ok=True)
    except OSError as exc:
        raise GradeError(f"{out}: the output folder cannot be made ({exc.strerror})") from None
    warnings: list[str] = []
    # start the pre-warmed processes and the report's plotting library now: they warm up while the
    # submissions are found and read
    from .runner import Runner

    runners = [Runner() for _ in range(max(1, workers or os.cpu_count() or 1))]
    for r in runners:
        r.launch()
    threading.Thread(target=lambda: __import__("legpain.figures"), daemon=True).start()
    try:
        hidden = hidden_cases_for(a.slug, root)
    except notebooks.NotebookError as exc:
        hidden = {}
        warnings.append(f"no hidden checks: {exc}")
    try:
        items, tmp = find_submissions(submissions, a.slug)
    except IntakeError as exc:
        for r in runners:
            r.stop()
        raise GradeError(str(exc)) from None
    try:
        outcomes = [Outcome(item, item.problem) for item in items]
        todo = []
        for o in outcomes:
            if o.item.path is None:
                continue
            cells, problem = _prepare(o.item, a.slug, a.number)
            if problem:
                o.problem = problem
            else:
                todo.append((o, cells, a.slug, hidden))
        startups = _run_all(todo, workers, timeout, mem_mb, progress, runners)
    finally:
        cleanup(tmp)
        for r in runners:
            r.stop()
    summary = Summary(a.slug, outcomes, time.monotonic() - started, out, warnings)
    summary.startup = sum(startups) / len(startups) if startups else 0.0
    from .report import write_all

    t_write = time.monotonic()
    write_all(summary, a, hidden)
    summary.write_seconds = time.monotonic() - t_write
    summary.seconds = time.monotonic() - started
    return summary


def _run_all(todo, workers, timeout, mem_mb, progress, runners=None) -> list[float]:
    """Run ``(outcome, code cells, exercise set, hidden cases)`` jobs on parallel workers; judge each result.

    ``runners``: processes already launched (one per worker); otherwise they are started here."""
    from .runner import Runner, RunnerError

    startups: list[float] = []
    if not todo:
        return startups
    workers = max(1, min(workers or os.cpu_count() or 1, len(todo)))
    spare = list(runners or [])
    bar = _Progress(len(todo), progress)
    queue = list(reversed(todo))
    lock = threading.Lock()

    def work():
        with lock:
            runner = spare.pop() if spare else Runner()
        try:
            while True:
                with lock:
                    if not queue:
                        return
                    o, cells, slug, hidden = queue.pop()
                hidden_inputs = {qid: [list(c.args) for c in cases] for qid, cases in hidden.items()}
                job = {"cells": cells, "slug": slug, "hidden_inputs": hidden_inputs, "cell_timeout": timeout,
                       "nb_timeout": 6 * timeout, "mem_mb": mem_mb}
                try:
                    result = runner.run(job)
                except RunnerError as exc:
                    result = {"ok": False, "reason": f"grader error: {exc}"}
                _judge(o, result, slug, hidden, cells)
                bar.step()
        finally:
            runner.stop()
            with lock:
                startups.extend(runner.startup_seconds)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        for f in [pool.submit(work) for _ in range(workers)]:
            f.result()
    bar.close()
    return startups


def run_public(paths: list[Path], workers: int | None = None, timeout: float = 10.0) -> list[Outcome]:
    """Run notebooks (each named like its exercise set) and judge them with the checks a student can see.

    The same path as the grader, without hidden cases: used by :func:`legpain.progress.progress`.
    """
    outcomes, todo = [], []
    for path in paths:
        path = Path(path)
        o = Outcome(Item(path.stem, path, path.name))
        outcomes.append(o)
        try:
            a = bank.assignment(path.stem)
        except bank.UnknownAssignment as exc:
            o.problem = str(exc)
            continue
        cells, problem = _prepare(o.item, a.slug, a.number)
        if problem:
            o.problem = problem
        else:
            todo.append((o, cells, a.slug, {}))
    _run_all(todo, workers, timeout, 1024, progress=False)
    return outcomes


def _answer_cells(cells: list[str], q) -> set[int]:
    """Indexes of the code cells that check question ``q`` or define its answer's variable."""
    pats = [re.compile(r"""check\(\s*["']""" + re.escape(q.qid) + r"""["']""")]
    if q.var:
        v = re.escape(q.var)
        pats.append(re.compile(rf"^\s*(def\s+{v}\s*\(|{v}\s*(:[^=]*)?=(?!=))", re.M))
    return {i for i, src in enumerate(cells) if any(p.search(src) for p in pats)}


def _unfinished(o: Outcome, result: dict, cells: list[str]) -> None:
    """An answer whose cell was stopped (endless loop) or never reached earns nothing: the notebook must run."""
    stopped = {c["cell"]: ("stopped after running too long" if c.get("timed_out") else "not run: time was up")
               for c in result.get("cells", []) if c.get("timed_out") or c.get("skipped")}
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


def _judge(o: Outcome, result: dict, slug: str, hidden, cells: list[str]) -> None:
    o.seconds = float(result.get("seconds", 0.0))
    for c in result.get("cells", []):
        if c.get("timed_out"):
            o.cell_notes.append(f"code cell {c['cell'] + 1} was stopped: it ran for too long")
        elif c.get("skipped"):
            o.cell_notes.append(f"code cell {c['cell'] + 1} was not run: the notebook's time was up")
        elif c.get("error"):
            o.cell_notes.append(f"code cell {c['cell'] + 1}: {c['error']}")
    if not result.get("ok"):
        o.problem = str(result.get("reason", "kernel died"))
        return
    captured = result.get("captured")
    if not isinstance(captured, dict):
        o.problem = "kernel died (no answers came back)"
        return
    try:
        full = judge_set(slug, captured, hidden, public=False)
        public = judge_set(slug, captured, public=True)
    except Exception as exc:  # noqa: BLE001 - data that came back in a shape no question reads
        o.problem = f"the answers could not be judged ({type(exc).__name__})"
        return
    o.captured, o.full, o.public = captured, full, public
    _unfinished(o, result, cells)
