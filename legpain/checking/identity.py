"""Who the student is, for the numbers drawn for them (see :mod:`legpain.checking.variants`).

The id, in this order:

1. ``LEGPAIN_STUDENT`` in the environment: the grader sets it for each submission it runs (the id of the
   submission: the collected home's user name, or the id read from the file name), so a notebook shows, while it is
   graded, the numbers of the student it belongs to;
2. ``JUPYTERHUB_USER``: on a JupyterHub, the hub user name;
3. the file ``.legpain-student`` in the student's own course folder, written by :func:`set_student`;
4. in a class edition, elsewhere than on a hub: the notebook asks once (``input()``) and remembers the answer in
   that file;
5. otherwise (the open course, self-study) no id: ``""``, which shows the numbers of the course's own text.

The id only chooses numbers: it is not a password, and a student who sets a classmate's id sees the classmate's
numbers, but is graded on their own (the grader derives the id from the submission, not from the notebook).
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

__all__ = ["student_id", "set_student", "normalise", "id_file", "ID_FILE", "ENV"]

ENV = "LEGPAIN_STUDENT"
ID_FILE = ".legpain-student"


def normalise(sid: str) -> str:
    """An id as the numbers are drawn for it: Unicode NFC, no surrounding spaces, case folded ("Ana " is "ana")."""
    return unicodedata.normalize("NFC", str(sid)).strip().casefold()


def _course_folder() -> Path:
    """The student's course folder: the one this package sits in when it holds the course (lessons/ or
    exercises/), else the parent of the notebook's folder when that does, else the home folder."""
    from ..common.notebooks import COURSE_ROOT

    for folder in (COURSE_ROOT, Path.cwd().parent, Path.cwd()):
        if (folder / "exercises").is_dir() or (folder / "lessons").is_dir():
            return folder
    return Path.home()


def id_file() -> Path:
    return _course_folder() / ID_FILE


def set_student(sid: str) -> str:
    """Remember ``sid`` as this course folder's student id (``.legpain-student``); returns it as used."""
    sid = str(sid).strip()
    if not sid:
        raise ValueError("a student id cannot be empty")
    path = id_file()
    path.write_text(sid + "\n", encoding="utf-8")
    return sid


def _from_file() -> str:
    try:
        return id_file().read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return ""


def _ask() -> str:
    """Ask once for the id (a class edition, not on a hub); "" where no one can answer (no standard input)."""
    try:
        sid = input("Your student id for this course (your user name on the course's hub or learning platform; "
                    "it chooses the numbers of your exercises): ").strip()
    except Exception:  # noqa: BLE001 - EOFError, IPython's StdinNotImplementedError: nobody to ask
        return ""
    if sid:
        try:
            set_student(sid)
        except OSError:
            pass
    return sid


def student_id(ask: bool = True) -> str:
    """The id the numbers are drawn for (see the module docstring); ``ask=False`` never asks."""
    for var in (ENV, "JUPYTERHUB_USER"):
        value = os.environ.get(var, "").strip()
        if value:
            return value
    sid = _from_file()
    if sid:
        return sid
    from . import edition

    if ask and edition.EDITION == "class":
        return _ask()
    return ""
