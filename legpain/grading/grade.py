"""The class grader's run: ``python -m legpain grade SUBMISSIONS --assignment NN-slug --out OUTDIR``.

It resolves the exercise set once, makes the output folder, starts the sandboxed pre-warmed workers (one cgroup
each), finds the submissions (:mod:`legpain.grading.intake`), runs them in parallel, judges each
(:mod:`legpain.grading.submission`) and writes the gradebook (:mod:`legpain.grading.gradebook`).
"""

from __future__ import annotations

import os
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
from ..checking.exercise_set import resolve
from .intake import IntakeError, Item, cleanup, find_submissions
from .submission import Outcome, _judge, _prepare

class GradeError(Exception):
    """The run cannot start (unknown exercise set, unreadable submissions, unwritable output folder)."""


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
