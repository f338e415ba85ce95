"""Grading a whole class: ``python -m legpain grade SUBMISSIONS --assignment NN-slug --out OUTDIR``.

Each submission runs in its own fresh process (forked from a clean, pre-warmed zygote: see
:mod:`legpain.grading.zygote`) with a time limit per cell and per notebook and a memory cap. Answers come back as
plain JSON data and are judged here, in the grader, by the same code as a student's ``check_all()``
(:func:`legpain.checking.scoring.judge_set`), with the hidden cases read from the solution notebook. Every input file gets
exactly one outcome in the gradebook: graded, or a row saying why not.

With a class edition (``--edition``, or ``class.edition`` in ``course.toml``), student code runs against the edition's
package, which holds no key of its graded sets, and the key is used only here, outside the sandbox, with this
package's full bank; each submission's variant questions are judged against the numbers of the student it belongs
to (its id from intake: the collected home's user name, or the id read from the file name), drawn with the edition's
salt (:mod:`legpain.checking.variants`).

May import: ``legpain.checking``, ``legpain.topics``, ``legpain.ui``, ``legpain.common``. Must not import authoring
or classroom.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..checking import bank
from ..common import notebooks
from ..common.text import safe_text
from ..checking.exercise_set import resolve
from ..checking.scoring import Report, judge_set
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
    salt: str | None = None  # the salt this submission's numbers were drawn with (its judging and item analysis)

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
    sandbox: bool = True  # every submission ran in its own sandbox (see legpain.grading.sandbox)
    unsafe: bool = False  # ran without the sandbox (--unsafe / --no-sandbox)
    isolation: str = ""  # one line on the isolation the run had (in the report)
    lms: str = ""  # the LMS whose download this was ("" for none; "pattern" for an instructor's --name-pattern)
    attempt: str = "latest"  # which of a student's attempts counts (--attempt)
    outdir: object = None  # the output folder, open (legpain.grading.folders.OutDir); None: opened by path
    edition: str = ""  # the class edition student code ran against ("" for this package itself)
    salt: str | None = None  # the salt of the students' numbers (the edition's)

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
        if not self.sandbox:
            text += ". WITHOUT SANDBOX (--unsafe): student code could reach your files"
        return text + f". Results in {self.out}"


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


class _Progress:
    """A tqdm progress bar on the terminal (nothing when output goes to a file or progress is off)."""

    def __init__(self, total: int, enabled: bool):
        self.lock = threading.Lock()
        self.bar = None
        if enabled and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc="grading", unit="notebook", file=sys.stderr, dynamic_ncols=True)

    def step(self) -> None:
        if self.bar is not None:
            with self.lock:
                self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def grade(
    submissions: str | Path,
    slug: str,
    out: str | Path,
    workers: int | None = None,
    timeout: float = 10.0,
    mem_mb: int = 1024,
    progress: bool = True,
    root: Path = notebooks.COURSE_ROOT,
    unsafe: bool = False,
    sandbox: bool = True,
    lms: str = "auto",
    name_pattern=None,
    attempt: str = "latest",
    due=None,
    edition: str | Path | None = None,
) -> Summary:
    """Grade every submission of exercise set ``slug`` and write the gradebook to ``out``.

    ``timeout`` is the time limit of one cell in seconds; a whole notebook may take six times as long.
    Every submission runs in a sandbox (:mod:`legpain.grading.sandbox`); where this machine cannot make one, the run
    stops with the reason unless ``unsafe=True``. ``sandbox=False`` (with ``unsafe=True``) skips it on purpose.
    ``lms``, ``name_pattern``, ``attempt``, ``due``: how an LMS's download names files, and which of a student's
    attempts counts (see :func:`legpain.grading.intake.find_submissions`).
    ``edition``: the class edition the students have (default: ``class.edition`` in ``root/course.toml`` when that
    folder exists); student code then runs against its package, and its salt draws the students' numbers.
    """
    started = time.monotonic()
    if not sandbox and not unsafe:
        raise GradeError("grading without the sandbox needs unsafe=True (--unsafe)")
    try:
        exercise_set = resolve(slug, root)  # the set, resolved once: its files, questions and hidden cases
    except bank.UnknownAssignment as exc:
        raise GradeError(str(exc)) from None
    a = exercise_set.assignment
    warnings: list[str] = []
    package, salt, edition_path = _edition(edition, root, a.slug, warnings)
    out = Path(out)
    outdir = _output_folder(out)
    try:
        isolation = _isolation(sandbox, unsafe)
    except GradeError:
        outdir.close()
        raise
    if not isolation[0]:
        warnings.append(isolation[1])
    scratch = Path(tempfile.mkdtemp(prefix="legpain-grade-"))  # without the sandbox: each job's scratch folder
    config = dict(sandbox=isolation[0], scratch=scratch, package=package,
                  hide=[Path(submissions).resolve(), out.resolve(), Path(root).resolve(), scratch])
    n_workers = max(1, workers or os.cpu_count() or 1)
    from .sandbox import worker_cgroups

    cgroups, why_not = worker_cgroups(n_workers, mem_mb)  # the kernel's accounting per worker (tasks, memory)
    if cgroups:
        isolation = (isolation[0], isolation[1] + f" Each worker ran in a {cgroups[0].describe()}.")
    else:
        warnings.append(f"no cgroup for the workers: {why_not}. Each submission is bounded by its own limits only "
                        "(address space, CPU time, open files; threads only when not run as root)")
    # start the pre-warmed processes and the report's plotting library now: they warm up while the
    # submissions are found and read
    from .runner import Runner

    runners = [Runner(**config, cgroup=cgroups[i] if cgroups else None) for i in range(n_workers)]
    tmp = None
    try:
        for r in runners:
            r.launch()
        threading.Thread(target=lambda: __import__("legpain.ui.figures"), daemon=True).start()
        try:
            hidden = exercise_set.hidden
        except notebooks.NotebookError as exc:
            hidden = {}
            warnings.append(f"no hidden checks: {exc}")
        try:
            items, tmp = find_submissions(submissions, a.slug, course_root=root, lms=lms, name_pattern=name_pattern,
                                          attempt=attempt, due=due)
        except IntakeError as exc:
            raise GradeError(str(exc)) from None
        outcomes = [Outcome(item, item.problem) for item in items]
        todo = []
        for o in outcomes:
            if o.item.path is None:
                continue
            try:
                cells, problem = _prepare(o.item, a.slug, a.number)
            except Exception as exc:  # noqa: BLE001 - one submission can only fail itself
                cells, problem = None, f"cannot be read: the grader could not read this notebook ({type(exc).__name__})"
            if problem:
                o.problem = problem
            else:
                todo.append((o, cells, a.slug, hidden))
        startups = _run_all(todo, workers, timeout, mem_mb, progress, runners, config, salt=salt)
    except BaseException:
        outdir.close()
        raise
    finally:
        cleanup(tmp)
        for r in runners:
            r.stop()
        for cg in cgroups:
            cg.remove()
        shutil.rmtree(scratch, ignore_errors=True)
    if attempt == "best":
        _keep_best(outcomes)
    kinds = [o.item.lms for o in outcomes if o.item.lms]
    kind = max(set(kinds), key=kinds.count) if kinds else ""
    if lms not in ("auto", "none") and name_pattern is None and not kinds and outcomes:
        title = {"canvas": "Canvas", "moodle": "Moodle", "blackboard": "Blackboard", "d2l": "Brightspace"}[lms]
        warnings.append(f"no file name follows {title}'s naming: each file was graded under its own name (was this "
                        "download made by that LMS, and unpacked without renaming?)")
    summary = Summary(a.slug, outcomes, time.monotonic() - started, out, warnings, sandbox=isolation[0],
                      unsafe=not isolation[0], isolation=isolation[1], lms=kind, attempt=attempt, outdir=outdir,
                      edition=str(edition_path or ""), salt=salt)
    summary.startup = sum(startups) / len(startups) if startups else 0.0
    from .gradebook import write_all

    t_write = time.monotonic()
    try:
        write_all(summary, a, hidden)
    finally:
        outdir.close()
    summary.write_seconds = time.monotonic() - t_write
    summary.seconds = time.monotonic() - started
    return summary


def _edition(edition, root, slug: str, warnings: list[str]):
    """(the edition's package folder or None, the salt of the students' numbers, the edition's folder or None).

    The edition is ``edition`` if given, else ``class.edition`` of ``root/course.toml`` when that folder exists. A
    set that ``course.toml`` calls graded, graded without an edition, gets a warning: its students' code then runs
    against this package, which holds the key."""
    from ..common.settings import SettingsError, read_edition, read_settings

    try:
        settings = read_settings(Path(root))
    except SettingsError as exc:
        raise GradeError(str(exc)) from None
    if edition is None and settings.edition is not None and settings.edition.is_dir():
        edition = settings.edition
    if edition is None:
        named = {bank.assignment(g).slug for g in settings.graded if _known(g)}
        if slug in named:
            warnings.append(f"{slug} is graded (course.toml) but no class edition was given (--edition): student code "
                            "ran against this package, which holds the key; the numbers were drawn as in the open "
                            "course")
        return None, None, None
    folder = Path(edition).resolve()
    facts = read_edition(folder)
    if facts.get("EDITION") != "class" or not (folder / "legpain" / "__init__.py").is_file():
        raise GradeError(f"{folder}: not a class edition (python -m legpain release writes one)")
    if slug not in facts.get("GRADED", ()):
        warnings.append(f"{slug} is not graded in the class edition {folder}: its students have its key")
    return folder / "legpain", str(facts.get("SALT", "")), folder


def _known(name) -> bool:
    try:
        bank.assignment(name)
        return True
    except bank.UnknownAssignment:
        return False


def _keep_best(outcomes: list[Outcome]) -> None:
    """--attempt best: of each student's graded attempts keep the one with the most automatic points (hand-graded
    points are not known yet; the later attempt in a tie); the others become rows saying what they scored and which
    attempt counts."""
    groups: dict[str, list[Outcome]] = {}
    for o in outcomes:
        if o.item.best and o.graded:
            groups.setdefault(o.item.student, []).append(o)
    for group in groups.values():
        group.sort(key=lambda o: (o.full.score, o.item.order, o.item.label), reverse=True)
        best = group[0]
        scores = [f"{o.item.label}: {o.full.score:g}" for o in group]
        for o in group[1:]:
            o.problem = (f"not counted: scored {o.full.score:g} of {o.full.auto_max:g} automatic points; "
                         f"{best.item.label} scored {best.full.score:g} and counts (--attempt best)")
            o.full = o.public = None
            o.captured = {}
            o.item.path = None
        if len(group) > 1:
            best.item.attempts = (f"{len(group)} notebooks graded; the best counts (automatic points: "
                                  + ", ".join(scores) + ")")


GRADE_FILES = {"grades.csv", "grades_wide.csv", "manual.csv", "items.csv", "report.html", "histogram.png", "feedback"}
GRADE_MARK = ".legpain-grade"  # in every output folder grade makes: an earlier run's folder may be graded into again


def _output_folder(out: Path):
    """The output folder, open (see :mod:`legpain.grading.folders`): made by the grader (mode 0700), or an earlier
    run's folder of this user's (holding the mark or only what a run writes, every entry this user's); anything
    else is refused, so that nobody can plant a hand grade or a link in it beforehand."""
    from .folders import FolderError, OutDir

    try:
        od = OutDir.make(out)
    except FolderError as exc:
        raise GradeError(f"the output folder cannot be used: {exc}") from None
    except OSError as exc:
        raise GradeError(f"{out}: the output folder cannot be made ({exc.strerror})") from None
    try:
        names = set(od.names())
        foreign = od.foreign(recurse=("feedback",))
        if foreign:
            raise GradeError(f"the output folder cannot be used: {out / foreign[0]} belongs to another user; give a "
                             "new folder")
        if names and GRADE_MARK not in names and not names <= GRADE_FILES:
            raise GradeError(f"the output folder {out} is not empty and is not an earlier grading run's (it holds "
                             f"{sorted(names - GRADE_FILES)[0]}): give a new folder")
        if not od.exists(GRADE_MARK):
            od.write_text(GRADE_MARK, "the output folder of python -m legpain grade\n", encoding="utf-8")
        od.sub("feedback").close()
    except (FolderError, OSError) as exc:
        od.close()
        raise GradeError(f"the output folder cannot be used: {getattr(exc, 'strerror', None) or exc}") from None
    except BaseException:
        od.close()
        raise
    return od


def _isolation(sandbox: bool, unsafe: bool) -> tuple[bool, str]:
    """(run in the sandbox?, one line on the isolation for the output and the report); GradeError if refused."""
    from .sandbox import probe

    if not sandbox:
        return False, ("UNSAFE: the sandbox was turned off (--no-sandbox): student code ran with access to this "
                       "machine's files, network and processes.")
    ok, why = probe()
    if ok:
        return True, ("Each submission ran in its own sandbox (bubblewrap and Linux namespaces): no network, no "
                      "view of other submissions, solutions, hidden cases or this output folder.")
    if not unsafe:
        raise GradeError(f"the sandbox is not available: {why}. Student code would run with access to your files; "
                         "to grade anyway (only notebooks you trust), add --unsafe. See docs/grading-security.md.")
    return False, (f"UNSAFE: graded WITHOUT the sandbox (--unsafe), because {why}: student code ran with access "
                   "to this machine's files, network and processes.")


def _run_all(todo, workers, timeout, mem_mb, progress, runners=None, config=None, salt=None,
             student=None) -> list[float]:
    """Run ``(outcome, code cells, exercise set, hidden cases)`` jobs on parallel workers; judge each result.

    Each submission is run and judged as its student's (``outcome.item.student``; ``student``: one id for all, as
    for a student's own ``progress()``), with the numbers drawn with ``salt``.

    ``runners``: processes already launched (one per worker); otherwise they are started here with ``config``
    (see :class:`legpain.grading.runner.Runner`)."""
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
            runner = spare.pop() if spare else Runner(**(config or {}))
        try:
            while True:
                with lock:
                    if not queue:
                        return
                    o, cells, slug, hidden = queue.pop()
                hidden_inputs = {qid: [list(c.args) for c in cases] for qid, cases in hidden.items()}
                job = {"cells": cells, "slug": slug, "hidden_inputs": hidden_inputs, "cell_timeout": timeout,
                       "nb_timeout": 6 * timeout, "mem_mb": mem_mb,
                       "student": o.item.student if student is None else student}
                try:
                    result = runner.run(job)
                except RunnerError as exc:
                    result = {"ok": False, "reason": f"grader error: {exc}"}
                except Exception as exc:  # noqa: BLE001 - one submission can only fail itself
                    runner.stop()
                    result = {"ok": False, "reason": f"grader error: {type(exc).__name__}"}
                try:
                    _judge(o, result, slug, hidden, cells, salt, o.item.student if student is None else student)
                except Exception as exc:  # noqa: BLE001 - one submission can only fail itself
                    o.full = o.public = None
                    o.captured = {}
                    o.problem = (f"grader error: this notebook's answers could not be judged ({type(exc).__name__}); "
                                 "the other submissions were graded")
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

    The same path as the grader, without hidden cases: used by :func:`legpain.grading.progress.progress`.
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
    from ..checking.identity import student_id

    _run_all(todo, workers, timeout, 1024, progress=False, student=student_id(ask=False))
    return outcomes


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


# the zygote's "exit status 0" means the job's process ended normally with no complete result: its answers were cut
# short (a frame whose header promised more than came) or never sent (its code ended the process itself)
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
