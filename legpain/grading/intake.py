"""Finding the submissions: a folder of notebooks, a folder of student folders, or a zip of either.

Every file found gets exactly one outcome: a notebook to grade, or a reason it is not graded (not a notebook,
a second notebook for the same student, ...). Student ids are the notebook's stem or the student's folder name,
kept exactly as they are (spaces and non-ASCII letters included).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..common.text import safe_text

__all__ = ["Item", "IntakeError", "find_submissions"]

_SYSTEM = {".DS_Store", "Thumbs.db", "desktop.ini"}
MAX_MEMBER_BYTES = 100 * 1024**2  # one file unpacked from a zip
MAX_ZIP_BYTES = 1024**3  # everything unpacked from one zip
MAX_MEMBERS = 20_000
MAX_DEPTH = 20  # folders a submission may lie in (a zip member's path, a folder walked): deeper ones get a row
MAX_NOTEBOOK_BYTES = 100 * 1024**2  # a notebook larger than this is not read
REFUSED_ID = "(refused)"  # the student id of a refused zip member that has no file name (e.g. "..")


class IntakeError(Exception):
    """The submissions cannot be read at all (the run cannot start)."""


@dataclass
class Item:
    student: str
    path: Path | None  # the file to grade; None when there is nothing to grade
    label: str  # where it came from, relative to the submissions (for the gradebook)
    problem: str = ""  # why it is not graded ("" when it is to be graded)
    note: str = ""  # something the instructor and student should know (e.g. an old notebook format, converted)
    # from an LMS download's file names (lms_names): the student is then the LMS's identifier
    lms: str = ""  # the LMS whose naming this file follows ("" when it follows none)
    name: str = ""  # the student's name as the LMS gave it
    late: bool | None = None  # the LMS (or --due) says the attempt was late; None when nothing says
    time: str = ""  # the attempt's time as the LMS wrote it
    order: tuple = ()  # sorts the student's attempts, earliest first
    attempts: str = ""  # on the graded file: the student's other attempts, and the rule that chose this one
    unmatched: str = ""  # in an LMS download: the naming this name does not follow (graded under its stem)
    best: bool = False  # one of the student's attempts, all graded; only the best counts (--attempt best)


def _is_system(part: str) -> bool:
    return part in _SYSTEM or part.startswith("__MACOSX") or part.startswith("._") or part == ".ipynb_checkpoints"


def shown(name: str) -> str:
    """A file name as text that can be written anywhere: bytes that are not UTF-8 (which Python keeps as lone
    surrogates, e.g. a name with bytes ``\\xff\\xfe``) become U+FFFD. The real path is kept for reading."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        pass
    try:
        return os.fsencode(name).decode("utf-8", "replace")
    except UnicodeError:  # a lone surrogate that no file system byte gave
        return safe_text(name)


def student_id(name: str) -> str:
    """A student id as the gradebook keeps it: the name in Unicode NFC (macOS writes names decomposed, NFD), with
    bytes that are not UTF-8 shown as U+FFFD (see :func:`shown`)."""
    return unicodedata.normalize("NFC", shown(name))


def _member_name(info: zipfile.ZipInfo) -> str:
    name = info.filename
    if not (info.flag_bits & 0x800):  # names not flagged UTF-8: most tools still wrote UTF-8
        try:
            name = name.encode("cp437").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name


def _extract(zip_path: Path, dest: Path) -> list[Item]:
    """Unpack ``zip_path`` into ``dest``, streaming with size caps; return a row for every member refused.

    Never writes outside ``dest``: a member whose path is absolute or climbs out with ``..`` is refused, as are
    links, duplicates and members over the caps (counted on the bytes really unpacked, not on what the zip says)."""
    try:
        zf = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:  # ValueError: a name flagged UTF-8 that is not
        raise IntakeError(f"{shown(str(zip_path))}: not a readable zip file ({shown(str(exc))})") from None
    refused: list[Item] = []
    total = 0
    written: set[str] = set()
    root = dest.resolve()

    def refuse(name: str, why: str) -> None:
        # the id is the member's file name without its extension, as for a file that was unpacked; a member with no
        # file name (``..``, ``a/..``, ``/``) gets REFUSED_ID, never a dot name (the label keeps the member's name)
        stem = PurePosixPath(name.replace("\\", "/")).name
        stem = stem.rsplit(".", 1)[0] if "." in stem[1:] else stem
        refused.append(Item(student_id(stem) if stem.strip(".") else REFUSED_ID, None, f"zip: {name}", why))

    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise IntakeError(f"{zip_path}: holds {len(infos)} files, more than the {MAX_MEMBERS} this grader reads")
        for info in infos:
            name = _member_name(info)
            raw = name.replace("\\", "/")
            if raw.startswith("/") or (len(raw) > 1 and raw[1] == ":"):
                refuse(name, "refused: an absolute path in the zip (nothing was written outside the folder)")
                continue
            parts = [p for p in PurePosixPath(raw).parts if p not in ("", ".")]
            if not parts or any(p == ".." for p in parts):
                if info.is_dir() and not parts:
                    continue
                refuse(name, "refused: its path leaves the folder (..); nothing was written outside it")
                continue
            if info.is_dir():
                continue
            if len(parts) > MAX_DEPTH + 1:  # never unpacked: a path 1,000 folders deep broke the run (recursion)
                refuse(name, f"refused: it lies {len(parts) - 1} folders deep in the zip, more than the {MAX_DEPTH} "
                             "this grader reads")
                continue
            if any(_is_system(p) for p in parts):
                continue  # __MACOSX/ resource forks, .DS_Store: not students' files
            mode = (info.external_attr >> 16) & 0o170000
            if mode == 0o120000:
                refuse(name, "refused: a symbolic link in the zip (links are never followed)")
                continue
            key = unicodedata.normalize("NFC", "/".join(parts)).casefold()
            if key in written:
                refuse(name, "refused: the zip holds another file with this name (differing at most in case)")
                continue
            if info.file_size > MAX_MEMBER_BYTES:
                refuse(name, f"refused: unpacks to {info.file_size / 1e6:.0f} MB, more than the "
                             f"{MAX_MEMBER_BYTES / 1e6:.0f} MB a submission may have")
                continue
            target = dest.joinpath(*parts)
            try:  # a name too long for the disk, or a folder where the zip already wrote a file, is refused
                inside = target.resolve().is_relative_to(root)
                if inside:
                    target.parent.mkdir(parents=True, exist_ok=True)
            except (OSError, ValueError) as exc:
                refuse(name, f"refused: cannot be unpacked here ({_why(exc)})")
                continue
            if not inside:
                refuse(name, "refused: its path leaves the folder; nothing was written outside it")
                continue
            size, too_big = 0, ""
            try:
                with zf.open(info) as src, open(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW,
                                                        0o600), "wb") as out:
                    while True:
                        chunk = src.read(1 << 20)
                        if not chunk:
                            break
                        size += len(chunk)
                        if size > MAX_MEMBER_BYTES:
                            too_big = (f"refused: unpacks to more than the {MAX_MEMBER_BYTES / 1e6:.0f} MB a "
                                       "submission may have (a zip bomb?)")
                            break
                        if total + size > MAX_ZIP_BYTES:
                            too_big = (f"refused: the zip unpacks to more than {MAX_ZIP_BYTES / 1e9:.0f} GB in all; "
                                       "this file and the rest were not unpacked")
                            break
                        out.write(chunk)
            except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as exc:
                too_big = f"refused: cannot be unpacked ({_why(exc)})"[:200]
            if too_big:
                try:
                    target.unlink(missing_ok=True)
                except OSError:
                    pass  # never written (its name is too long, or a folder is in the way)
                refuse(name, too_big)
                continue
            total += size
            written.add(key)
    return refused


def _why(exc: BaseException) -> str:
    """A short reason for an OSError (no paths: they may be long or hold the student's bytes)."""
    import errno

    if isinstance(exc, OSError):
        if exc.errno == errno.ENAMETOOLONG:
            return "its name is too long for the disk"
        if exc.errno in (errno.EEXIST, errno.ENOTDIR):
            return "a file in the zip has the name of one of its folders"
        if exc.strerror:
            return f"{type(exc).__name__}: {exc.strerror}"
    return f"{type(exc).__name__}: {exc}"


def _single_top_folder(root: Path) -> Path:
    """A zip often holds one folder with everything inside: look into it."""
    entries = [p for p in root.iterdir() if not _is_system(p.name)]
    if len(entries) == 1 and entries[0].is_dir() and not entries[0].is_symlink():
        inner = [p for p in entries[0].iterdir() if not _is_system(p.name)]
        if inner and all(p.is_dir() for p in inner) or any(p.suffix == ".ipynb" for p in inner):
            return entries[0]
    return root


def _is_notebook_name(name: str) -> bool:
    return name.lower().endswith(".ipynb")


def _stem(name: str) -> str:
    return name[: -len(".ipynb")] if _is_notebook_name(name) else (name.rsplit(".", 1)[0] if "." in name[1:] else name)


def _name_rank(name: str, slug: str) -> int:
    """How surely a file in a student's folder is their copy of exercise set ``slug``: 0 for the student copy's
    name (``NN-name-exercises.ipynb``), 1 for its name before issue 14 (``NN-name.ipynb``, as a class handed the
    old files has it), 2 for another name holding the slug (``NN-name-exercises (1).ipynb``), 3 for any other."""
    from ..common.layout import set_files

    names = [n.lower() for n in set_files(slug).exercise_names]
    low = name.lower()
    return names.index(low) if low in names else 2 if slug.lower() in low else 3


def _is_blank_copy(path: Path, slug: str, root: Path) -> bool:
    """Whether the file at ``path`` is still the blank handout copy of set ``slug``
    (:func:`legpain.common.layout.is_blank_handout`). Read like a submission: never through a symbolic link, only a
    regular file, at most :data:`MAX_NOTEBOOK_BYTES` (a larger file is not blank); unreadable means not blank."""
    import stat

    from ..common.layout import is_blank_handout

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    with open(fd, "rb") as fh:
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return False
            raw = fh.read(MAX_NOTEBOOK_BYTES + 1)
        except OSError:
            return False
    return len(raw) <= MAX_NOTEBOOK_BYTES and is_blank_handout(raw, slug, root)


def _blank_loses(notebooks: list[Path], slug: str, root: Path) -> tuple[list[Path], Path | None]:
    """``notebooks`` (ranked by :func:`_name_rank`) with the top one moved down when it has the student copy's name
    but is still the blank handout copy while a notebook under the set's old name is not (a class handed the old
    files that later pulled the course has both); and the blank copy that lost, or None."""
    new = notebooks[0] if notebooks and _name_rank(notebooks[0].name, slug) == 0 else None
    old = next((p for p in notebooks if _name_rank(p.name, slug) == 1), None)
    if new is None or old is None or not _is_blank_copy(new, slug, root) or _is_blank_copy(old, slug, root):
        return notebooks, None
    return [old] + [p for p in notebooks if p != old], new


def _walk_files(folder: Path, too_deep: list | None = None) -> tuple[list[Path], list[Path]]:
    """(regular files, symbolic links) under ``folder``, never following a link, nor going more than
    :data:`MAX_DEPTH` folders down (the folders left unread are added to ``too_deep``)."""
    files, links = [], []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        d = Path(dirpath)
        if len(d.relative_to(folder).parts) >= MAX_DEPTH:
            if dirnames and too_deep is not None:
                too_deep.extend(d / n for n in dirnames)
            dirnames.clear()
        for name in list(dirnames):
            if (d / name).is_symlink():
                links.append(d / name)
                dirnames.remove(name)
        for name in filenames:
            p = d / name
            (links if p.is_symlink() else files).append(p)
    return files, links


def find_submissions(source: str | Path, slug: str, workdir: Path | None = None,
                     course_root: Path | None = None, lms: str = "auto", name_pattern=None,
                     attempt: str = "latest", due=None) -> tuple[list[Item], Path | None]:
    """All items under ``source``; returns them and the temporary folder of an unpacked zip (to delete later).

    Every file gets exactly one item. Symbolic links are never followed (a link is a row saying so).
    ``course_root``: the course folder whose exercise notebook is the blank handout copy (default: this checkout).

    ``lms``: how the top-level names are read (:mod:`legpain.grading.lms_names`): "canvas", "moodle",
    "blackboard", "d2l", "auto" (the LMS whose naming most names follow, if any) or "none" (each name is the
    student's id). ``name_pattern``: an instructor's regular expression (groups ``student``, ``file``, ``time``)
    in place of an LMS's naming. ``attempt``: which of a student's several attempts is graded, "latest", "first"
    or "best" (all are graded; :func:`legpain.grading.grade` keeps the best). ``due``: a datetime after which an
    attempt whose name carries a time counts as late."""
    from ..common.notebooks import COURSE_ROOT
    from . import lms_names

    if lms not in ("auto", "none") + lms_names.LMSS:
        raise IntakeError(f"unknown LMS {lms!r}: choose one of canvas, moodle, blackboard, d2l, auto, none")
    if attempt not in ("latest", "first", "best"):
        raise IntakeError(f"unknown attempt rule {attempt!r}: choose latest, first or best")
    pattern = None
    if name_pattern is not None:
        try:
            pattern = (name_pattern if hasattr(name_pattern, "match")
                       else lms_names.compile_pattern(str(name_pattern)))
        except lms_names.NamePatternError as exc:
            raise IntakeError(str(exc)) from None
    source = Path(source)
    tmp = None
    if not source.exists():
        raise IntakeError(f"{source}: no such file or folder")
    if source.is_file():
        if source.suffix.lower() != ".zip":
            raise IntakeError(f"{source}: expected a folder of submissions or a .zip file")
        tmp = Path(tempfile.mkdtemp(prefix="legpain-zip-", dir=workdir))
    try:  # whatever goes wrong, no unpacked zip is left behind
        return _find(source, slug, course_root, tmp, lms, pattern, attempt, due)
    except BaseException:
        cleanup(tmp)
        raise


def _find(source: Path, slug: str, course_root: Path | None, tmp: Path | None, lms: str, pattern, attempt: str,
          due) -> tuple[list[Item], Path | None]:
    from ..common.notebooks import COURSE_ROOT
    from . import lms_names

    course = COURSE_ROOT if course_root is None else Path(course_root)
    refused: list[Item] = []
    if tmp is not None:
        refused = _extract(source, tmp)
        root = _single_top_folder(tmp)
        if root != tmp and lms != "none" and _names_a_student(root.name, lms, pattern):
            root = tmp  # the one folder is a participant's (Moodle, Brightspace), not a wrapper
    else:
        root = source
    try:
        entries = sorted(root.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        raise IntakeError(f"{source}: cannot be read ({exc.strerror})") from None
    kind, parsed = _recognise(root, entries, lms, pattern, due)

    items: list[Item] = []
    for entry in entries:
        rel = entry.relative_to(root).as_posix()
        if entry.is_symlink():
            items.append(Item(student_id(_stem(entry.name)), None, rel,
                              "refused: a symbolic link (links are never followed; submit the notebook itself)"))
            continue
        if _is_system(entry.name) and entry.is_file():
            items.append(Item(student_id(entry.name), None, rel, "a system file, not a submission (ignored)"))
            continue
        if parsed.get(entry.name) is not None:
            items.extend(_lms_items(entry, parsed[entry.name], root))
            continue
        if entry.is_file():
            if _is_notebook_name(entry.name):
                items.append(Item(student_id(_stem(entry.name)), entry, rel))
            else:
                items.append(Item(student_id(_stem(entry.name)), None, rel, "not a notebook (.ipynb) file"))
            continue
        if entry.is_dir():
            sid = student_id(entry.name)
            too_deep: list[Path] = []
            all_files, links = _walk_files(entry, too_deep)
            for p in sorted(too_deep):
                items.append(Item(sid, None, p.relative_to(root).as_posix() + "/",
                                  f"not read: a folder more than {MAX_DEPTH} folders deep"))
            for link in sorted(links):
                items.append(Item(sid, None, link.relative_to(root).as_posix(),
                                  "refused: a symbolic link (links are never followed; submit the notebook itself)"))
            system = [p for p in all_files if any(_is_system(part) for part in p.relative_to(entry).parts)]
            files = sorted((p for p in all_files if p not in system), key=lambda p: p.relative_to(entry).as_posix())
            for p in sorted(system):
                items.append(Item(sid, None, p.relative_to(root).as_posix(),
                                  "a system file or checkpoint copy, not a submission (ignored)"))
            notebooks = [p for p in files if _is_notebook_name(p.name)]
            if not files:
                if not links and not system:
                    items.append(Item(sid, None, rel + "/", "empty folder: no notebook submitted"))
                continue
            # the notebook named like the exercise set comes first, then the others by name
            # (unless that is still the blank handout copy and the set's old name holds the student's work)
            notebooks.sort(key=lambda p: (_name_rank(p.name, slug), p.relative_to(entry).as_posix()))
            notebooks, blank = _blank_loses(notebooks, slug, course)
            for i, nb in enumerate(notebooks):
                label = nb.relative_to(root).as_posix()
                if i == 0:
                    items.append(Item(sid, nb, label))
                elif nb == blank:
                    items.append(Item(sid, None, label,
                                      f"the blank handout copy; {notebooks[0].relative_to(root).as_posix()} holds "
                                      "the student's work and was graded"))
                else:
                    items.append(Item(sid, None, label,
                                      f"duplicate student id: {sid} has another notebook, "
                                      f"{notebooks[0].relative_to(root).as_posix()}, which was graded"))
            for other in files:
                if not _is_notebook_name(other.name):
                    items.append(Item(sid, None, other.relative_to(root).as_posix(), "not a notebook (.ipynb) file"))
            if not notebooks:
                items.append(Item(sid, None, rel + "/", "no notebook (.ipynb) in this folder"))
            continue
        items.append(Item(student_id(entry.name), None, rel, "not a regular file (ignored)"))
    if kind:  # an LMS download: a name that follows none of its naming is graded under its stem, and says so
        missed = {e.name for e in entries if parsed.get(e.name) is None and not _is_system(e.name)}
        what = (f"the --name-pattern {pattern.pattern}" if kind == "pattern"
                else f"{_LMS_LABEL[kind]}'s naming, {lms_names.PATTERNS[kind]}")
        for item in items:
            if not item.lms and item.label.split("/", 1)[0] in missed:
                item.unmatched = what
        _choose_attempts(items, slug, attempt)
    for item in items:  # labels are written to the gradebook: text only (the path keeps the real name)
        item.label = shown(item.label)
    # the same student id twice (e.g. "ana.ipynb" and a folder "ana", or one name in two Unicode forms, or two names
    # whose undecodable bytes both show as U+FFFD): the first by name is graded
    seen: dict[str, Item] = {}
    for item in items:
        if item.path is None or item.best:  # the attempts of --attempt best share their student's id on purpose
            continue
        key = unicodedata.normalize("NFC", item.student)
        if key in seen:
            item.problem = f"duplicate student id: {item.student} is also {seen[key].label}, which was graded"
            item.path = None
        else:
            seen[key] = item
    return items + refused, tmp


_LMS_LABEL = {"canvas": "Canvas", "moodle": "Moodle", "blackboard": "Blackboard", "d2l": "Brightspace",
              "pattern": "the --name-pattern"}
_RECEIPT_BYTES = 64 * 1024  # of a Blackboard receipt read for the student's name


def _names_a_student(name: str, lms: str, pattern) -> bool:
    """Whether a folder's name is one student's folder in an LMS download (so a zip holding only it is not a
    wrapper to look into)."""
    from . import lms_names

    kinds = ["pattern"] if pattern is not None else (lms_names.LMSS if lms == "auto" else [lms])
    return any(lms_names.parse(name, k, True, pattern) is not None for k in kinds)


def _recognise(root: Path, entries: list[Path], lms: str, pattern, due):
    """(the LMS whose naming the top-level names follow, or "pattern", or None; {name: lms_names.Name or None})."""
    from . import lms_names

    if lms == "none" and pattern is None:
        return None, {}
    visible = [e for e in entries if not _is_system(e.name) and not e.is_symlink()]
    names = [(e.name, e.is_dir()) for e in visible]
    kind = "pattern" if pattern is not None else (lms_names.detect(names) if lms == "auto" else lms)
    if not kind:
        return None, {}
    receipts = {}
    if kind == "blackboard":  # each attempt's receipt names the student: read it (capped, never through a link)
        for e in visible:
            if e.name.lower().endswith(".txt") and "_attempt_" in e.name and e.is_file():
                try:
                    fd = os.open(e, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
                    with open(fd, "rb") as fh:
                        receipts[e.name] = fh.read(_RECEIPT_BYTES).decode("utf-8", "replace")
                except OSError:
                    pass
    return kind, lms_names.parse_all(names, kind, pattern, receipts, due)


def _lms_items(entry: Path, p, root: Path) -> list[Item]:
    """The rows of one top-level file or folder whose name an LMS gave (``p``: its lms_names.Name)."""
    rel = entry.relative_to(root).as_posix()
    sid = student_id(p.student) if p.student.strip() else student_id(_stem(entry.name))
    meta = dict(lms=p.lms, name=student_id(p.name), late=p.late, time=p.time, order=p.order)
    if entry.is_file():
        if p.ignore:
            return [Item(sid, None, rel, p.ignore, **meta)]
        if _is_notebook_name(entry.name):
            return [Item(sid, entry, rel, **meta)]
        return [Item(sid, None, rel, "not a notebook (.ipynb) file", **meta)]
    if not entry.is_dir():
        return [Item(sid, None, rel, "not a regular file (ignored)", **meta)]
    out = []
    all_files, links = _walk_files(entry)
    for link in sorted(links):
        out.append(Item(sid, None, link.relative_to(root).as_posix(),
                        "refused: a symbolic link (links are never followed; submit the notebook itself)", **meta))
    for f in sorted(all_files, key=lambda q: q.relative_to(entry).as_posix()):
        label = f.relative_to(root).as_posix()
        if any(_is_system(part) for part in f.relative_to(entry).parts):
            out.append(Item(sid, None, label, "a system file or checkpoint copy, not a submission (ignored)", **meta))
        elif p.ignore:
            out.append(Item(sid, None, label, p.ignore, **meta))
        elif _is_notebook_name(f.name):
            out.append(Item(sid, f, label, **meta))
        else:
            out.append(Item(sid, None, label, "not a notebook (.ipynb) file", **meta))
    if not all_files and not links:
        out.append(Item(sid, None, rel + "/", p.ignore or "empty folder: no notebook submitted", **meta))
    return out


def _choose_attempts(items: list[Item], slug: str, rule: str) -> None:
    """Of each LMS student's several notebooks, keep the one to grade: among those named like the exercise set
    (any other name only when none is), the latest or the first attempt by the LMS's time or ids, the set's own
    file name deciding within one attempt; with ``rule`` "best" every such notebook is graded (``best``) and the
    grader keeps the highest total. Every notebook not kept gets a row saying which one was graded, and why."""
    groups: dict[str, list[Item]] = {}
    for item in items:
        if item.lms and item.path is not None:
            groups.setdefault(unicodedata.normalize("NFC", item.student), []).append(item)
    for sid, group in groups.items():
        if len(group) < 2:
            continue
        rank = {id(it): _name_rank(it.path.name, slug) for it in group}
        named = [it for it in group if rank[id(it)] <= 2] or list(group)
        named.sort(key=lambda it: (rank[id(it)], it.label))
        named.sort(key=lambda it: it.order, reverse=(rule != "first"))  # stable: the set's name first in a tie
        chosen = named[0]
        for it in group:
            if it not in named:
                it.path, it.problem = None, (f"not named like exercise set {slug}: {sid}'s notebook {chosen.label} "
                                             "was graded")
        if rule == "best":
            for it in named:
                it.best = len(named) > 1
            continue
        for it in named[1:]:
            when = ("an earlier attempt" if it.order < chosen.order else "a later attempt" if it.order > chosen.order
                    else "another notebook of the same attempt")
            it.path, it.problem = None, f"{when} of {sid}: {chosen.label} was graded (--attempt {rule})"
        if len(named) > 1:
            chosen.attempts = (f"{len(named)} notebooks submitted; graded the {rule}"
                               + (f" ({chosen.time})" if chosen.time else "") + "; not counted: "
                               + ", ".join(shown(it.label) for it in named[1:]))


def cleanup(tmp: Path | None) -> None:
    if tmp is not None and tmp.exists():
        shutil.rmtree(tmp, ignore_errors=True)


def safe_filename(student: str) -> str:
    """A file name for a student's feedback: the id itself, unless it contains a path separator or control."""
    bad = set('/\\\0') | {chr(c) for c in range(32)}
    student = shown(student)
    if len(student.encode("utf-8")) > _MAX_NAME_BYTES:  # a folder name of 255 bytes, or bytes shown as U+FFFD
        student = student.encode("utf-8")[:_MAX_NAME_BYTES].decode("utf-8", "ignore") + "…"
    if student in ("", ".", "..") or any(ch in bad for ch in student):
        return "".join("_" if ch in bad else ch for ch in student).strip(".") or "student"
    return student


_MAX_NAME_BYTES = 200  # of a feedback file's name before " (2)" and ".html" (file systems allow 255)


def feedback_names(students: list[str]) -> tuple[dict[str, str], list[str]]:
    """A feedback file name for each student id, unique even on file systems that ignore case (macOS, Windows)
    or Unicode form; and a note for each id that had to be renamed."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    notes = []
    for s in students:
        if s in names:
            continue
        base = safe_filename(s)
        name, n = base, 1
        while unicodedata.normalize("NFC", name).casefold() in taken:
            n += 1
            name = f"{base} ({n})"
        taken.add(unicodedata.normalize("NFC", name).casefold())
        names[s] = name
        if name != base:
            notes.append(f"student ids differ only in letter case: the feedback of {s!r} is in feedback/{name}.html "
                         f"(not {base}.html, which a Windows or macOS disk would treat as the same file)")
    return names, notes
