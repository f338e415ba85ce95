"""The class edition: ``python -m legpain release --out DIR --graded 02,05``.

The open course holds every key: the solution notebooks, the hidden cases, and a question bank whose expected
answers, accepted variants and feedback ship with the package. A class whose grades count gets another edition,
written by this module as a git repository that ``handout --repo`` can point at:

* lessons, sources, the docs and requirements a student needs, the package, and the exercise notebooks generated
  afresh from ``solutions/`` (no model answer, no hidden test, no instructor-only cell);
* no ``solutions/``, no tests, no tools, no ``course.toml``;
* for every **graded** set, a bank module generated from the instructor's (:func:`sealed_module_source`): the
  lesson's self-checks as they are, and each exercise as a :class:`legpain.checking.sealed.Sealed` question that
  knows its kind, points, options, the form of its answer and the sections to read — nothing of its key (no
  answer, no ``right=``/``wrong=`` variant, no feedback for a particular answer, no model solution, no expected
  value of any case, no key function of a variant question);
* the evidence notes (``docs/evidence/``) with every paragraph, list item or table row that names a graded
  exercise left out (they quote keys);
* ``legpain/checking/edition.py`` saying that this is a class edition, which sets are graded, and the salt of the
  students' numbers.

Ungraded sets and every lesson check keep their full feedback. Running ``release`` again writes the edition afresh
and commits the difference on top of the last commit, so a student's next click on the hand-out link merges it
(nbgitpuller keeps their answers). A set that an earlier commit published ungraded cannot become graded in the
same repository (its key is in the history students pulled): ``release`` refuses and says so.
"""

from __future__ import annotations

import ast
import os
import re
import secrets
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..checking import bank
from ..checking.questions import Choice, Function, Match, MultiChoice, Number, Question, Text, norm_text
from ..common.notebooks import COURSE_ROOT, dumps, read
from ..common.settings import EDITION_FILE, edition_values as _edition_values, read_edition, read_settings

__all__ = ["release", "ReleaseError", "ReleaseReport", "sealed_module_source", "sealed_args", "scrub_markdown",
           "graded_slugs", "section_hint", "read_edition", "EDITION_FILE"]

TOP_FILES = ("README.md", "requirements.txt", "requirements-dev.txt", "pyproject.toml", "LICENSE", "LICENSE.md")
FOLDERS = ("lessons", "sources", "docs", "jupyter-config", "legpain")
SKIP = {"__pycache__", ".ipynb_checkpoints", ".pytest_cache", ".import_linter_cache"}
GITIGNORE = ("__pycache__/\n*.egg-info/\n.ipynb_checkpoints/\n.venv/\nbuild/\n"
             "# the student's own files: their id, their feedback pages\n.legpain-student\nfeedback/\n")


class ReleaseError(Exception):
    """The edition cannot be written (the message says why and what to do)."""


@dataclass
class ReleaseReport:
    out: Path
    graded: list[str]
    commit: str = ""  # the new commit ("" when nothing changed)
    changed: list[str] = field(default_factory=list)  # paths added, changed or removed
    first: bool = False  # the repository was created by this run
    scrubbed: list[str] = field(default_factory=list)  # "docs/x.md: 3 passages"


# ---- which sets are graded ----------------------------------------------------------------------------------------

def graded_slugs(names) -> list[str]:
    """The slugs of the sets named (``"02"``, ``5``, a slug or a notebook's name), in course order."""
    out = []
    for name in names:
        name = str(name).strip()
        if not name:
            continue
        try:
            out.append(bank.assignment(name).slug)
        except bank.UnknownAssignment as exc:
            raise ReleaseError(str(exc)) from None
    return sorted(set(out))


# ---- a bank module without the key ---------------------------------------------------------------------------------

_REF = re.compile(r"\b(?:[Ll]esson \d\d,? )?[Ss]ection \d+[a-z]?\b|\b(?:Demo|Check|Figure) \d+\.\d+\b|\b[Ll]esson \d\d\b")


def section_hint(q: Question, number: int) -> str:
    """Where to read again, as references only (sections, demos, checks, lessons) gathered from everything the bank
    says about the question; never the prose, which may speak of one answer."""
    texts = [q.hint, getattr(q, "low", ""), getattr(q, "high", ""), q.topic]
    fb = getattr(q, "feedback", None)
    if isinstance(fb, dict):
        texts += [str(v) for v in fb.values()]
    texts += [str(v) for v in (getattr(q, "item_hints", None) or {}).values()]
    texts += [c.hint for c in getattr(q, "cases", ()) if getattr(c, "hint", "")]
    refs: list[str] = []
    for t in texts:
        for m in _REF.finditer(t or ""):
            ref = m.group(0)
            ref = ref[0].lower() + ref[1:] if ref.lower().startswith(("section", "lesson")) else ref
            if ref.startswith("section"):
                ref = f"lesson {number:02d}, {ref}"
            if ref not in refs:
                refs.append(ref)
    lesson_refs = [r for r in refs if r == f"lesson {number:02d}"]
    refs = [r for r in refs if r not in lesson_refs or not any(x.startswith(r + ",") for x in refs)]
    return "; ".join(refs) or f"lesson {number:02d}"


def sealed_args(q: Question, number: int) -> dict:
    """The arguments of the :class:`~legpain.checking.sealed.Sealed` question that stands for ``q`` in a class
    edition: what the form of an answer is, and nothing of the key."""
    args: dict = {"points": q.points}
    var = getattr(q, "var", "")
    if isinstance(q, Number):
        args.update(kind="number", whole=q.whole, decimals=q.decimals, noun=q.noun, unit=q.unit)
    elif isinstance(q, Choice) or isinstance(q, MultiChoice):
        args.update(kind="choice" if isinstance(q, Choice) else "multichoice", options=q.options)
        if q.texts and set(q.texts) == set(q.options):  # words for every option, or for none
            args["texts"] = {k: list(v) for k, v in sorted(q.texts.items())}
        if isinstance(q, MultiChoice) and q.parts:
            args["parts"] = True
    elif isinstance(q, Match):
        items = list(q.answer)
        keys = {norm_text(k.replace("_", " ")) for k in items}
        args.update(kind="match", items=items)
        aliases = {k: list(v) for k, v in q.aliases.items() if norm_text(k) in keys}  # other names of an item only
        if aliases:
            args["key_aliases"] = aliases
    elif isinstance(q, Function):
        args.update(kind="function", name=q.name, inputs=[list(c.args) for c in q.cases], hidden=q.hidden)
        var = ""
    elif isinstance(q, Text):
        args.update(kind="text", min_words=q.min_words)
    else:
        raise ReleaseError(f"{q.qid}: the class edition does not know how to seal a {type(q).__name__}")
    if var:
        args["var"] = var
    args["topic"] = q.topic
    args["section"] = section_hint(q, number)
    return {k: v for k, v in args.items() if v not in (None, "", False) or k in ("points",)}


def _checks_source(src: str) -> tuple[list[str], str]:
    """The import lines and the ``CHECKS`` assignment of a bank module, with every top-level name it needs (and only
    those: what only the exercises use stays out)."""
    tree = ast.parse(src)
    imports = [ast.get_source_segment(src, s) for s in tree.body if isinstance(s, (ast.Import, ast.ImportFrom))]
    defines: dict[str, int] = {}
    for i, st in enumerate(tree.body):
        targets = []
        if isinstance(st, ast.Assign):
            targets = [n.id for t in st.targets for n in ast.walk(t) if isinstance(n, ast.Name)]
        elif isinstance(st, (ast.AnnAssign, ast.AugAssign)) and isinstance(st.target, ast.Name):
            targets = [st.target.id]
        elif isinstance(st, (ast.FunctionDef, ast.ClassDef)):
            targets = [st.name]
        for t in targets:
            defines.setdefault(t, i)
    if "CHECKS" not in defines:
        return imports, "CHECKS = []"
    need, stack = set(), [i for i, st in enumerate(tree.body) if i == defines["CHECKS"] or (
        isinstance(st, ast.AugAssign) and getattr(st.target, "id", "") == "CHECKS")]
    while stack:
        i = stack.pop()
        if i in need:
            continue
        need.add(i)
        for node in ast.walk(tree.body[i]):
            if isinstance(node, ast.Name) and node.id in defines and defines[node.id] != i \
                    and node.id not in ("EXERCISES",):
                stack.append(defines[node.id])
    body = "\n\n".join(ast.get_source_segment(src, tree.body[i]) for i in sorted(need))
    return imports, body


def _literal(value, indent: int = 8) -> str:
    import pprint

    text = pprint.pformat(value, width=110 - indent, sort_dicts=False)
    return text.replace("\n", "\n" + " " * indent)


def sealed_module_source(slug: str) -> str:
    """The source of the bank module of graded set ``slug`` in a class edition (see the module docstring)."""
    a = bank.assignment(slug)
    mod_file = Path(bank.__file__).parent / f"set{a.number:02d}.py"
    imports, checks = _checks_source(mod_file.read_text(encoding="utf-8"))
    lines = [
        f'"""Exercise set {a.number:02d} of a class edition, written by ``python -m legpain release``: a graded set.',
        "",
        "Its exercises hold no key: each is a :class:`legpain.checking.sealed.Sealed` question, which records an",
        "answer and checks its form, and the grader judges it with the instructor's own bank. The lesson's",
        'self-checks (``CHECKS``) are those of the open course."""',
        "",
        *imports,
        "from ..sealed import Sealed",
        "",
        f"SLUG = {a.slug!r}",
        "GRADED = True",
        "",
        checks,
        "",
        "EXERCISES = [",
    ]
    for q in a.exercises:
        args = sealed_args(q, a.number)
        parts = [repr(q.qid)] + [f"{k}={_literal(v, 8)}" for k, v in args.items()]
        lines.append("    Sealed(\n        " + ",\n        ".join(parts) + ",\n    ),")
    lines.append("]")
    return "\n".join(lines) + "\n"


# ---- docs that quote a key ------------------------------------------------------------------------------------------

def _graded_ref(numbers) -> re.Pattern:
    nums = "|".join(str(n) for n in sorted(numbers))
    return re.compile(rf"(?i)\b(?:exercises?|ex\.?)\s+0?(?:{nums})\.\d+|\bq(?:{nums})_\d+\b")


def scrub_markdown(text: str, numbers) -> tuple[str, int]:
    """``text`` without the paragraphs, list items and table rows that name an exercise of a graded set (by
    "Exercise 5.3", "Ex 5.3" or "q5_3"); returns the text and how many passages were left out."""
    if not numbers:
        return text, 0
    ref = _graded_ref(numbers)
    units: list[list[str]] = []
    for line in text.split("\n"):
        starts = (not line.strip() or line.lstrip().startswith("|") or re.match(r"\s{0,3}([-*+]|\d+[.)])\s", line)
                  or line.startswith("#") or not units or not units[-1] or not units[-1][-1].strip()
                  or units[-1][-1].lstrip().startswith(("|", "#")))
        if starts:
            units.append([line])
        else:
            units[-1].append(line)
    out, dropped, fence = [], 0, False
    for unit in units:
        joined = "\n".join(unit)
        if joined.lstrip().startswith("```"):
            fence = not fence if joined.count("```") % 2 else fence
        if not fence and ref.search(joined) and not joined.lstrip().startswith("#"):
            dropped += 1
            if not joined.lstrip().startswith("|"):
                out.append("*(A passage about an exercise of a graded set is left out of the class edition.)*")
            continue
        out.append(joined)
    return "\n".join(out), dropped


# ---- the edition ---------------------------------------------------------------------------------------------------

def _git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    for var, value in (("GIT_AUTHOR_NAME", "legpain release"), ("GIT_AUTHOR_EMAIL", "release@legpain.invalid"),
                       ("GIT_COMMITTER_NAME", "legpain release"), ("GIT_COMMITTER_EMAIL", "release@legpain.invalid")):
        env.setdefault(var, value)
    r = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env)
    if check and r.returncode != 0:
        raise ReleaseError(f"git {' '.join(args)} failed in {cwd}: {(r.stderr or r.stdout).strip()[:500]}")
    return r


def _copy_tree(src: Path, dst: Path) -> None:
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        if any(p in SKIP or p.endswith(".egg-info") or p.endswith(".pyc") for p in rel.parts):
            continue
        if path.is_symlink():
            continue
        target = dst / rel
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        elif path.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


def _banner(graded: list[str]) -> str:
    sets = ", ".join(s[:2] for s in graded) or "none"
    return ("> **Class edition.** Your instructor grades exercise sets " + sets + ". In those sets `check()` records "
            "your answer and checks its form (a number, one of the letters, every item, a function that runs) "
            "without saying right or wrong, and some questions have numbers or an option order of your own: run "
            "the cell that prints them. After grading, your feedback page arrives in `feedback/`. Lesson checks "
            "and the other sets give full feedback as usual.\n")


def build(staging: Path, graded: list[str], salt: str, root: Path) -> list[str]:
    """Write the class edition's files into the empty folder ``staging``; returns notes on what was scrubbed."""
    from .assign import _with_navigation, make_exercise
    from ..common.layout import set_files, slug_of

    numbers = {bank.assignment(s).number for s in graded}
    notes: list[str] = []
    for name in TOP_FILES:
        if (root / name).is_file():
            shutil.copyfile(root / name, staging / name)
    for folder in FOLDERS:
        if (root / folder).is_dir():
            _copy_tree(root / folder, staging / folder)
    (staging / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    # exercise notebooks, generated afresh from the solutions (never copied from exercises/, which may be stale)
    (staging / "exercises").mkdir(exist_ok=True)
    for path in sorted((root / "solutions").glob("*.ipynb")):
        slug = slug_of(path.name)
        nb = make_exercise(read(path), path.relative_to(root).as_posix())
        target = set_files(slug, staging).exercise if slug else staging / "exercises" / path.name
        target.write_text(dumps(_with_navigation(nb, slug or path.stem, root)), encoding="utf-8")
    # the graded sets' bank modules, without their keys
    for slug in graded:
        a = bank.assignment(slug)
        (staging / "legpain" / "checking" / "bank" / f"set{a.number:02d}.py").write_text(
            sealed_module_source(slug), encoding="utf-8")
    (staging / EDITION_FILE).write_text(
        '"""Which edition of the course this package belongs to: a class edition, written by '
        '``python -m legpain release``."""\n\n'
        'EDITION = "class"\n'
        f"GRADED: tuple[str, ...] = {tuple(graded)!r}\n"
        f"SALT = {salt!r}\n", encoding="utf-8")
    # docs that name a graded exercise (the evidence notes quote keys)
    for path in sorted([staging / "README.md", *staging.glob("docs/evidence/**/*.md")]):
        if not path.is_file():
            continue
        text, n = scrub_markdown(path.read_text(encoding="utf-8"), numbers)
        if path.name == "README.md" and path.parent == staging:
            first, _, rest = text.partition("\n")
            text = first + "\n\n" + _banner(graded) + rest
        path.write_text(text, encoding="utf-8")
        if n:
            notes.append(f"{path.relative_to(staging).as_posix()}: {n} passage{'s' if n != 1 else ''} left out")
    return notes


def _tracked(out: Path) -> set[str]:
    r = _git(out, "ls-files", "-z")
    return {p for p in r.stdout.split("\0") if p}


def _published_ungraded(out: Path, graded: list[str]) -> list[str]:
    """Graded sets that an earlier commit of the edition published with their key (ungraded then)."""
    r = _git(out, "log", "--format=%H", "--", EDITION_FILE, check=False)
    leaked = set()
    for commit in r.stdout.split():
        show = _git(out, "show", f"{commit}:{EDITION_FILE}", check=False)
        before = set(_edition_values(show.stdout).get("GRADED", ())) if show.returncode == 0 else set()
        leaked |= {s for s in graded if s not in before}  # that commit held the set's full bank module
    return sorted(leaked)


def release(out: str | Path, graded=None, root: Path = COURSE_ROOT, salt: str | None = None,
            message: str = "") -> ReleaseReport:
    """Write (or update) the class edition in ``out``; see the module docstring. ``graded``: the sets to grade
    (default: ``course.toml``'s ``class.graded``); ``salt``: the students' numbers' salt (default: ``course.toml``'s,
    else the edition's own, else a new random one)."""
    root = Path(root).resolve()
    settings = read_settings(root)
    out = Path(out if out is not None else (settings.edition or "")).resolve() if (out or settings.edition) else None
    if out is None:
        raise ReleaseError("say where the class edition goes: --out DIR, or class.edition in course.toml")
    if out == root or out in root.parents:
        raise ReleaseError("the class edition cannot be written over the course itself or a folder that holds it")
    graded = graded_slugs(graded if graded is not None else settings.graded)
    if not (root / "solutions").is_dir():
        raise ReleaseError(f"{root} has no solutions/: release runs on the instructor's course, not on an edition")
    first = not (out / ".git").exists()
    if not first:
        old = read_edition(out)
        if old.get("EDITION") != "class":
            raise ReleaseError(f"{out} is a git repository but not a class edition: choose an empty or new folder")
        status = _git(out, "status", "--porcelain").stdout.strip()
        if status:
            raise ReleaseError(f"{out} has changes that are not committed (git status): commit or discard them "
                               "first; release writes the edition afresh")
        leaked = _published_ungraded(out, graded)
        if leaked:
            raise ReleaseError(
                "set(s) " + ", ".join(leaked) + " were released ungraded in this edition, so their keys are in its "
                "history, which students pulled: they cannot be graded here. Grade other sets, or start a new "
                "edition in a new folder (with a new hand-out link).")
        salt = salt or settings.salt or old.get("SALT", "")
    else:
        if out.exists() and any(out.iterdir()):
            raise ReleaseError(f"{out} is not empty and not a class edition: choose an empty or new folder")
        out.mkdir(parents=True, exist_ok=True)
        _git(out, "init", "-q", "-b", "main")
    salt = salt or settings.salt or secrets.token_hex(8)
    report = ReleaseReport(out, graded, first=first)
    with tempfile.TemporaryDirectory(prefix="legpain-release-") as tmp:
        staging = Path(tmp)
        report.scrubbed = build(staging, graded, salt, root)
        new = {p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file()}
        old_files = _tracked(out) if not first else set()
        for rel in sorted(old_files - new):
            (out / rel).unlink(missing_ok=True)
            report.changed.append(rel)
        for rel in sorted(new):
            src, dst = staging / rel, out / rel
            data = src.read_bytes()
            if not dst.is_file() or dst.read_bytes() != data:
                dst.parent.mkdir(parents=True, exist_ok=True)
                dst.write_bytes(data)
                report.changed.append(rel)
    for folder in sorted((p for p in out.rglob("*") if p.is_dir() and ".git" not in p.parts), reverse=True):
        try:
            folder.rmdir()  # folders left empty by removed files
        except OSError:
            pass
    _git(out, "add", "-A")
    if _git(out, "status", "--porcelain").stdout.strip():
        source = _git(root, "rev-parse", "--short", "HEAD", check=False).stdout.strip() if (root / ".git").exists() \
            else ""
        sets = ", ".join(s[:2] for s in graded) or "none"
        msg = message or (f"Class edition{' of ' + source if source else ''}: graded sets {sets}")
        _git(out, "commit", "-q", "-m", msg)
        report.commit = _git(out, "rev-parse", "HEAD").stdout.strip()
    return report
