"""Finding the submissions: a folder of notebooks, a folder of student folders, or a zip of either.

Every file found gets exactly one outcome: a notebook to grade, or a reason it is not graded (not a notebook,
a second notebook for the same student, ...). Student ids are the notebook's stem or the student's folder name,
kept exactly as they are (spaces and non-ASCII letters included).
"""

from __future__ import annotations

import shutil
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

__all__ = ["Item", "IntakeError", "find_submissions"]

_IGNORED = {".DS_Store", "Thumbs.db", "desktop.ini"}
_MAX_ZIP_BYTES = 2 * 1024**3


class IntakeError(Exception):
    """The submissions cannot be read at all (the run cannot start)."""


@dataclass
class Item:
    student: str
    path: Path | None  # the file to grade; None when there is nothing to grade
    label: str  # where it came from, relative to the submissions (for the gradebook)
    problem: str = ""  # why it is not graded ("" when it is to be graded)


def _is_hidden(part: str) -> bool:
    return part.startswith(".") or part.startswith("__MACOSX") or part in _IGNORED


def _extract(zip_path: Path, dest: Path) -> None:
    try:
        zf = zipfile.ZipFile(zip_path)
    except zipfile.BadZipFile:
        raise IntakeError(f"{zip_path}: not a readable zip file") from None
    with zf:
        total = sum(i.file_size for i in zf.infolist())
        if total > _MAX_ZIP_BYTES:
            raise IntakeError(f"{zip_path}: unpacks to {total / 1e9:.1f} GB, more than the 2 GB this grader accepts")
        for info in zf.infolist():
            name = info.filename
            if not (info.flag_bits & 0x800):  # names not flagged UTF-8: most tools still wrote UTF-8
                try:
                    name = name.encode("cp437").decode("utf-8")
                except (UnicodeEncodeError, UnicodeDecodeError):
                    pass
            parts = [p for p in PurePosixPath(name.replace("\\", "/")).parts if p not in ("", ".", "/")]
            if not parts or any(p == ".." for p in parts):
                continue  # never write outside the folder
            target = dest.joinpath(*parts)
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(info) as src, open(target, "wb") as out:
                shutil.copyfileobj(src, out)


def _single_top_folder(root: Path) -> Path:
    """A zip often holds one folder with everything inside: look into it."""
    entries = [p for p in root.iterdir() if not _is_hidden(p.name)]
    if len(entries) == 1 and entries[0].is_dir():
        inner = [p for p in entries[0].iterdir() if not _is_hidden(p.name)]
        if inner and all(p.is_dir() for p in inner) or any(p.suffix == ".ipynb" for p in inner):
            return entries[0]
    return root


def find_submissions(source: str | Path, slug: str, workdir: Path | None = None) -> tuple[list[Item], Path | None]:
    """All items under ``source``; returns them and the temporary folder of an unpacked zip (to delete later)."""
    source = Path(source)
    tmp = None
    if not source.exists():
        raise IntakeError(f"{source}: no such file or folder")
    if source.is_file():
        if source.suffix.lower() != ".zip":
            raise IntakeError(f"{source}: expected a folder of submissions or a .zip file")
        tmp = Path(tempfile.mkdtemp(prefix="legpain-zip-", dir=workdir))
        _extract(source, tmp)
        root = _single_top_folder(tmp)
    else:
        root = source
    try:
        entries = sorted(root.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        raise IntakeError(f"{source}: cannot be read ({exc.strerror})") from None

    items: list[Item] = []
    for entry in entries:
        if _is_hidden(entry.name):
            continue
        rel = entry.relative_to(root).as_posix()
        if entry.is_file():
            if entry.suffix.lower() == ".ipynb":
                items.append(Item(entry.stem, entry, rel))
            else:
                items.append(Item(entry.stem, None, rel, "not a notebook (.ipynb) file"))
            continue
        if entry.is_dir():
            files = sorted((p for p in entry.rglob("*") if p.is_file()
                            and not any(_is_hidden(part) for part in p.relative_to(entry).parts)),
                           key=lambda p: p.relative_to(entry).as_posix())
            notebooks = [p for p in files if p.suffix.lower() == ".ipynb"]
            if not files:
                items.append(Item(entry.name, None, rel + "/", "empty folder: no notebook submitted"))
                continue
            # the notebook named like the exercise set comes first, then the others by name
            notebooks.sort(key=lambda p: (slug not in p.stem, p.relative_to(entry).as_posix()))
            for i, nb in enumerate(notebooks):
                label = nb.relative_to(root).as_posix()
                if i == 0:
                    items.append(Item(entry.name, nb, label))
                else:
                    items.append(Item(entry.name, None, label,
                                      f"duplicate student id: {entry.name} has another notebook, "
                                      f"{notebooks[0].relative_to(root).as_posix()}, which was graded"))
            for other in files:
                if other.suffix.lower() != ".ipynb":
                    items.append(Item(entry.name, None, other.relative_to(root).as_posix(),
                                      "not a notebook (.ipynb) file"))
            if not notebooks:
                items.append(Item(entry.name, None, rel + "/", "no notebook (.ipynb) in this folder"))
    # the same student id twice (e.g. "ana.ipynb" and a folder "ana"): the first by name is graded
    seen: dict[str, Item] = {}
    for item in items:
        if item.path is None:
            continue
        key = unicodedata.normalize("NFC", item.student)
        if key in seen:
            item.problem = f"duplicate student id: {item.student} is also {seen[key].label}, which was graded"
            item.path = None
        else:
            seen[key] = item
    return items, tmp


def cleanup(tmp: Path | None) -> None:
    if tmp is not None and tmp.exists():
        shutil.rmtree(tmp, ignore_errors=True)


def safe_filename(student: str) -> str:
    """A file name for a student's feedback: the id itself, unless it contains a path separator or control."""
    bad = set('/\\\0') | {chr(c) for c in range(32)}
    if student in ("", ".", "..") or any(ch in bad for ch in student):
        return "".join("_" if ch in bad else ch for ch in student).strip(".") or "student"
    return student
