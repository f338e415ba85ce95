"""Teaching a class on JupyterHub: hand out the course, collect an exercise set, return the feedback pages.

The round trip, each step a command (``python -m legpain ...``):

1. ``handout`` prints the nbgitpuller link: a student's click clones the course into their home (or merges the
   latest version into the copy they have, keeping their answers) and opens lesson 00.
2. ``collect`` copies one exercise notebook out of every student's home into a folder the grader reads
   (``DIR/<student>.ipynb``); a home without it gets an empty ``DIR/<student>/`` folder, which the grader lists as
   "no notebook submitted", and a row in the collection report. A home holding the exercise set only under its
   name before issue 14 (``NN-name.ipynb`` for ``NN-name-exercises.ipynb``) has that one collected; so does a home
   where the new name is still the blank handout copy and the old name holds the student's work.
3. ``grade`` (the grader, :mod:`legpain.grading`) as for any folder of submissions.
4. ``return`` puts each student's feedback page into their own home, owned by the home's owner.

Students' homes are hostile ground: a student may plant symbolic links (``feedback -> /home/other``) or fifos where
the instructor's tools will look. Every path below a home is walked one component at a time with ``O_NOFOLLOW``
from an open directory, so no symbolic link is ever followed, nothing is read from or written into a home other than
the student's own, and a file is only collected if it is a regular file owned by the home's owner.
"""

from __future__ import annotations

import csv
import errno
import os
import re
import stat
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlencode, urlsplit

__all__ = [
    "DEFAULT_OPEN", "HubError", "StudentPattern", "Collected", "Returned", "course_folder_name", "nbgitpuller_link",
    "default_repo", "collect", "write_collect_report", "return_feedback", "course_pythonpath",
]

DEFAULT_OPEN = "lessons/00-start-here.ipynb"
MAX_NOTEBOOK_BYTES = 50 * 1024 * 1024
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC


class HubError(Exception):
    """The command cannot run (a malformed pattern or link, an output folder that is not ours)."""


class _Refused(Exception):
    """This student's path cannot be used safely (a symbolic link, a special file, someone else's file)."""


class _Missing(Exception):
    """This student's path does not exist."""


# ---- 1. hand out ---------------------------------------------------------------------------------------------------


def course_folder_name(repo: str) -> str:
    """The folder a clone of ``repo`` gets: the last part of its URL or path, without ``.git``."""
    tail = repo.rstrip("/").replace("\\", "/").split("/")[-1].split(":")[-1]
    if tail.endswith(".git"):
        tail = tail[:-4]
    if not tail or tail in (".", ".."):
        raise HubError(f"cannot name a course folder after the repository {repo!r}: give --folder")
    return tail


def nbgitpuller_link(hub: str, repo: str, branch: str = "main", open_path: str = DEFAULT_OPEN,
                     folder: str | None = None) -> str:
    """The nbgitpuller link a student clicks: it pulls ``repo`` into ``~/<folder>`` and opens ``open_path`` in
    JupyterLab.

    The same link serves every later update: nbgitpuller merges the new version into the student's copy and keeps
    the student's changes (see docs/jupyterhub.md). ``folder`` defaults to the repository's name.
    """
    parts = urlsplit(hub)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise HubError(f"the hub address must start with http:// or https://, not {hub!r}")
    if parts.query or parts.fragment:
        raise HubError(f"give the hub's address without ?query or #fragment: {hub!r}")
    folder = folder or course_folder_name(repo)
    if "/" in folder or folder in (".", ".."):
        raise HubError(f"the course folder must be one folder name, not {folder!r}")
    rel = PurePosixPath(open_path)
    if rel.is_absolute() or ".." in rel.parts:
        raise HubError(f"--open must be a path inside the course, like {DEFAULT_OPEN}, not {open_path!r}")
    query = {"repo": repo, "urlpath": f"lab/tree/{folder}/{rel.as_posix()}", "branch": branch,
             "targetpath": folder}
    base = hub.rstrip("/")
    return f"{base}/hub/user-redirect/git-pull?{urlencode(query)}"


def default_repo(root: Path) -> str | None:
    """The ``origin`` remote of the course checkout, if it has one."""
    try:
        out = subprocess.run(["git", "-C", str(root), "remote", "get-url", "origin"], capture_output=True, text=True,
                             timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0:
        return None
    return out.stdout.strip() or None


def course_pythonpath(home: str | Path, folder: str) -> str:
    """The ``PYTHONPATH`` that makes a student's kernels import ``legpain`` from their own clone of the course.

    The package reads the course's files (sources/, exercises/) next to itself, so each student must import the
    copy nbgitpuller put in their home, not a shared one. JupyterHub passes this to every single-user server
    through ``c.Spawner.environment`` (docs/jupyterhub.md).
    """
    return str(Path(home) / folder)


# ---- student paths --------------------------------------------------------------------------------------------------

_BAD_NAME = re.compile(r"[/\\\x00-\x1f\x7f]")


def valid_student(name: str) -> bool:
    return bool(name) and name not in (".", "..") and not name.startswith(".") and not _BAD_NAME.search(name)


@dataclass(frozen=True)
class StudentPattern:
    """An absolute path with one ``{student}`` in it, e.g.
    ``/home/{student}/main/exercises/00-start-here-exercises.ipynb``.

    The component holding ``{student}`` is the student's home (``/home/jupyter-{student}`` works too); what follows
    is walked inside that home without following symbolic links.
    """

    text: str

    def __post_init__(self):
        if self.text.count("{student}") != 1:
            raise HubError(f"the path must contain {{student}} exactly once: {self.text!r}")
        p = PurePosixPath(self.text)
        if not p.is_absolute():
            raise HubError(f"give an absolute path (starting with /): {self.text!r}")
        parts = p.parts[1:]
        idx = next(i for i, part in enumerate(parts) if "{student}" in part)
        if "{" in self.text.replace("{student}", "") or "}" in self.text.replace("{student}", ""):
            raise HubError(f"only {{student}} may appear in braces: {self.text!r}")
        rest = parts[idx + 1:]
        if not rest:
            raise HubError(f"the path must go on below the student's home: {self.text!r}")
        if any(part in (".", "..") for part in parts):
            raise HubError(f"the path may not contain . or ..: {self.text!r}")

    @property
    def _split(self):
        parts = PurePosixPath(self.text).parts[1:]
        idx = next(i for i, part in enumerate(parts) if "{student}" in part)
        return Path("/", *parts[:idx]), parts[idx], tuple(parts[idx + 1:])

    @property
    def homes_dir(self) -> Path:
        return self._split[0]

    @property
    def inner(self) -> tuple[str, ...]:
        """The path's components below the home."""
        return self._split[2]

    def home_name(self, student: str) -> str:
        return self._split[1].replace("{student}", student)

    def home(self, student: str) -> Path:
        return self.homes_dir / self.home_name(student)

    def path(self, student: str) -> Path:
        return self.home(student).joinpath(*self.inner)

    def students(self) -> list[str]:
        """Every student with a home folder (a real directory, not a link) in the homes folder."""
        head, comp, _ = self._split
        pre, post = comp.split("{student}")
        rx = re.compile(re.escape(pre) + r"(.+)" + re.escape(post) + r"\Z", re.S)
        found = []
        try:
            entries = list(os.scandir(head))
        except OSError as exc:
            raise HubError(f"{head}: the homes folder cannot be read ({exc.strerror})") from None
        for e in entries:
            m = rx.match(e.name)
            if m and valid_student(m.group(1)) and e.name != "lost+found" and e.is_dir(follow_symlinks=False):
                found.append(m.group(1))
        return sorted(found)


def _open_home(pattern: StudentPattern, student: str) -> tuple[int, os.stat_result]:
    """An open descriptor on the student's home and its status; the home itself may not be a symbolic link."""
    if not valid_student(student):
        raise _Refused(f"{student!r} is not a usable user name")
    try:
        top = os.open(pattern.homes_dir, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError as exc:
        raise HubError(f"{pattern.homes_dir}: the homes folder cannot be opened ({exc.strerror})") from None
    try:
        fd = _open_dir(top, pattern.home_name(student), "home folder")
    finally:
        os.close(top)
    return fd, os.fstat(fd)


def _open_dir(parent: int, name: str, what: str) -> int:
    try:
        return os.open(name, _DIR_FLAGS, dir_fd=parent)
    except FileNotFoundError:
        raise _Missing(f"no {what} {name!r}") from None
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK):
            # ELOOP: a symbolic link (O_NOFOLLOW); ENOTDIR: a file where a folder should be
            if _is_symlink(parent, name):
                raise _Refused(f"{what} {name!r} is a symbolic link: not followed") from None
            raise _Refused(f"{what} {name!r} is not a folder") from None
        raise _Refused(f"{what} {name!r} cannot be opened ({exc.strerror})") from None


def _is_symlink(parent: int, name: str) -> bool:
    try:
        return stat.S_ISLNK(os.stat(name, dir_fd=parent, follow_symlinks=False).st_mode)
    except OSError:
        return False


def _walk_dirs(home_fd: int, names: tuple[str, ...], owner: int | None, create: int = 0,
               uid_gid: tuple[int, int] | None = None, mode: int = 0o700) -> int:
    """Descend ``names`` from ``home_fd`` without following links; returns an open descriptor on the last folder.

    Each folder must belong to ``owner`` or to root. The last ``create`` folders are made when missing (``mode``,
    owned by ``uid_gid``)."""
    fd = os.dup(home_fd)
    try:
        for i, name in enumerate(names):
            try:
                nxt = _open_dir(fd, name, "folder")
            except _Missing:
                if i < len(names) - create:
                    raise
                os.mkdir(name, 0o700, dir_fd=fd)
                nxt = _open_dir(fd, name, "folder")
                if uid_gid is not None:
                    os.fchown(nxt, *uid_gid)
                os.fchmod(nxt, mode)
            st = os.fstat(nxt)
            os.close(fd)
            fd = nxt
            if owner is not None and st.st_uid not in (owner, 0):
                raise _Refused(f"folder {name!r} belongs to another user (uid {st.st_uid})")
        return fd
    except BaseException:
        os.close(fd)
        raise


# ---- 2. collect -----------------------------------------------------------------------------------------------------


@dataclass
class Collected:
    student: str
    status: str  # "collected", "not submitted" or "refused"
    source: str
    detail: str = ""


def _read_student_file(pattern: StudentPattern, student: str, max_bytes: int) -> bytes:
    home_fd, home_st = _open_home(pattern, student)
    try:
        *dirs, filename = pattern.inner
        d = _walk_dirs(home_fd, tuple(dirs), home_st.st_uid)
    finally:
        os.close(home_fd)
    try:
        try:
            fd = os.open(filename, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=d)
        except FileNotFoundError:
            raise _Missing(f"no file {filename!r}") from None
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise _Refused(f"{filename!r} is a symbolic link: not followed") from None
            raise _Refused(f"{filename!r} cannot be opened ({exc.strerror})") from None
    finally:
        os.close(d)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _Refused(f"{filename!r} is not a regular file")
        if st.st_uid != home_st.st_uid:
            raise _Refused(f"{filename!r} belongs to another user (uid {st.st_uid}), not to the home's owner")
        if st.st_size > max_bytes:
            raise _Refused(f"{filename!r} is larger than {max_bytes // 2**20} MB")
        chunks, total = [], 0
        while chunk := os.read(fd, 1 << 20):
            total += len(chunk)
            if total > max_bytes:
                raise _Refused(f"{filename!r} is larger than {max_bytes // 2**20} MB")
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _prepare_out(out: Path, replace: bool):
    """Make the collect folder and return it open (:class:`legpain.grading.folders.OutDir`): made by collect (mode
    0700, students' work is the instructor's to read), or an existing folder of the instructor's that is empty or
    (``replace``) holds only what ``collect`` writes (``<student>.ipynb`` files and empty ``<student>/`` folders, all
    the instructor's), which is then deleted: a notebook deleted since the last collect is never graded from a
    stale copy, and nobody else's folder is ever emptied. A folder someone else made first (under /tmp, say) is
    refused, as is a symbolic link."""
    from ..grading.folders import FolderError, OutDir

    try:
        od = OutDir.make(out)
    except FolderError as exc:
        raise HubError(f"the output folder cannot be used: {exc}") from None
    try:
        entries = od.names()

        def ours(name: str) -> bool:
            st = od.lstat(name)
            if st is None or st.st_uid != os.geteuid():
                return False
            if stat.S_ISREG(st.st_mode):
                return name.endswith(".ipynb")
            if stat.S_ISDIR(st.st_mode):
                with od.sub(name, create=False) as d:
                    return not d.names()
            return False

        if entries and not (replace and all(ours(e) for e in entries)):
            raise HubError(f"{out} is not empty: give a new folder" + (
                " (it holds more than collect writes: nothing was deleted)" if replace else
                ", or --replace to empty a folder an earlier collect made"))
        for e in entries:
            od.rmdir(e) if stat.S_ISDIR(od.lstat(e).st_mode) else od.unlink(e)
    except BaseException:
        od.close()
        raise
    return od


def _legacy_pattern(pat: StudentPattern) -> StudentPattern | None:
    """The same path with the exercise set's name before issue 14 (``NN-name.ipynb``) when ``pat`` names a set's
    student copy (``NN-name-exercises.ipynb``, see :func:`legpain.common.layout.set_files`); otherwise None."""
    from ..common.layout import set_files, slug_of

    name = PurePosixPath(pat.text).name
    slug = slug_of(name)
    if not slug or name != set_files(slug).exercise.name:
        return None
    return StudentPattern(str(PurePosixPath(pat.text).with_name(set_files(slug).legacy_exercise.name)))


def _read_either(pat: StudentPattern, old: StudentPattern | None, student: str, max_bytes: int,
                 root: Path | None = None) -> tuple[bytes, StudentPattern, str]:
    """The student's file under ``pat`` or under ``old`` (the set's old name), which of the two, and why.

    The new name is taken when it is there, unless it is still the blank handout copy
    (:func:`legpain.common.layout.is_blank_handout`) and the old name holds a notebook that is not: a class handed the
    old files that later pulled the course has a fresh blank copy under the new name next to its work under the
    old one. Either file is read through the same checks and size cap."""
    from ..common.layout import is_blank_handout, slug_of
    from ..common.notebooks import COURSE_ROOT

    try:
        data = _read_student_file(pat, student, max_bytes)
    except _Missing as exc:
        if old is None:
            raise
        try:
            data = _read_student_file(old, student, max_bytes)
        except _Missing:
            raise exc from None
        return data, old, f"no {pat.inner[-1]}, so the set under its old name was taken"
    if old is None:
        return data, pat, ""
    slug = slug_of(pat.inner[-1])
    root = COURSE_ROOT if root is None else root
    if not is_blank_handout(data, slug, root):
        return data, pat, ""
    new_name, old_name = pat.inner[-1], old.inner[-1]
    try:
        old_data = _read_student_file(old, student, max_bytes)
    except _Missing:
        return data, pat, "still the blank handout copy (nothing answered)"
    except _Refused as exc:
        return data, pat, f"still the blank handout copy (nothing answered); {old_name} not read: {exc}"
    if is_blank_handout(old_data, slug, root):
        return data, pat, f"still the blank handout copy (nothing answered), and so is {old_name}"
    return old_data, old, (f"{new_name} is the blank handout copy, so the student's work under the old name "
                           f"{old_name} was taken")


def collect(pattern: str | StudentPattern, out: str | Path, students: list[str] | None = None,
            max_bytes: int = MAX_NOTEBOOK_BYTES, replace: bool = False, root: Path | None = None) -> list[Collected]:
    """Copy each student's notebook named by ``pattern`` to ``out/<student>.ipynb``.

    ``students``: the class list (default: every home folder the pattern matches). A student without the notebook
    (no home, never pulled, file missing) or whose path is unsafe gets an empty folder ``out/<student>/``, which
    the grader reports as "no notebook submitted", and a row saying why in the returned list. A pattern naming a
    set's student copy also looks for the set's old name (:func:`_read_either`; the blank handout copy is recognised
    against ``root``, the course folder, by default this checkout); the row's source and detail say which file was
    taken and why.
    """
    pat = pattern if isinstance(pattern, StudentPattern) else StudentPattern(pattern)
    old = _legacy_pattern(pat)
    out = Path(out)
    names = sorted(set(students)) if students is not None else pat.students()
    with _prepare_out(out, replace) as od:
        return _collect_into(od, pat, old, names, max_bytes, root)


def _collect_into(od, pat, old, names, max_bytes, root) -> list[Collected]:
    rows = []
    for s in names:
        src = str(pat.path(s)) if valid_student(s) else pat.text
        if not valid_student(s):
            rows.append(Collected(s, "refused", src, f"{s!r} is not a usable user name"))
            continue
        try:
            data, found, why = _read_either(pat, old, s, max_bytes, root)
            src = str(found.path(s))
        except _Missing as exc:
            rows.append(Collected(s, "not submitted", src, str(exc)))
        except _Refused as exc:
            rows.append(Collected(s, "refused", src, str(exc)))
        else:
            fd = os.open(f"{s}.ipynb", os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600,
                         dir_fd=od.fd)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            rows.append(Collected(s, "collected", src, f"{len(data)} bytes" + (f"; {why}" if why else "")))
            continue
        os.mkdir(s, 0o700, dir_fd=od.fd)
    return rows


def write_collect_report(rows: list[Collected], path: str | Path) -> Path:
    """The collect report (CSV, mode 0600), written through a folder only its user and root can change, never
    through a symbolic link (one planted under /tmp beside the collect folder is refused)."""
    import io

    from ..grading.folders import FolderError, write_file
    from ..common.text import neutral

    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["student", "status", "source", "detail"])
    for r in rows:
        w.writerow([neutral(x) for x in (r.student, r.status, r.source, r.detail)])
    try:
        return write_file(path, buf.getvalue())
    except FolderError as exc:
        raise HubError(f"the collect report cannot be written: {exc}") from None


# ---- 4. return ------------------------------------------------------------------------------------------------------


@dataclass
class Returned:
    student: str
    status: str  # "returned", "skipped" or "refused"
    target: str
    detail: str = ""


def _write_into_home(pattern: StudentPattern, student: str, data: bytes, mode: int) -> None:
    home_fd, home_st = _open_home(pattern, student)
    uid, gid = home_st.st_uid, home_st.st_gid
    try:
        *dirs, filename = pattern.inner
        # only the last folder (e.g. feedback/) may be made: a home without the course folder was never pulled,
        # and making it would stop nbgitpuller from cloning there later. It is the student's alone (0700; 0750
        # when the pages are for the student's group too)
        d = _walk_dirs(home_fd, tuple(dirs), uid, create=1 if dirs else 0, uid_gid=(uid, gid),
                       mode=0o750 if mode & 0o040 else 0o700)
    finally:
        os.close(home_fd)
    try:
        existing = None
        try:
            existing = os.stat(filename, dir_fd=d, follow_symlinks=False)
        except FileNotFoundError:
            pass
        if existing is not None and stat.S_ISDIR(existing.st_mode):
            raise _Refused(f"{filename!r} is a folder")
        tmp = f".{filename}.legpain-tmp"
        try:
            os.unlink(tmp, dir_fd=d)
        except FileNotFoundError:
            pass
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600, dir_fd=d)
        try:
            os.write(fd, data)
            os.fchown(fd, uid, gid)
            os.fchmod(fd, mode)
        finally:
            os.close(fd)
        # rename replaces whatever has the name (a file, or a planted symbolic link) and never follows it
        os.rename(tmp, filename, src_dir_fd=d, dst_dir_fd=d)
    finally:
        os.close(d)


MAX_PAGE_BYTES = 50 * 1024 * 1024  # a feedback page larger than this is not returned


def _read_page(folder, name: str) -> bytes:
    """A feedback page read from the grader's folder: a regular file of this user's, opened from the folder's
    descriptor without following a link (a page swapped for a link while ``return`` runs is refused, never read)."""
    from ..grading.folders import FolderError

    try:
        data = folder.read_bytes(name, MAX_PAGE_BYTES + 1)
    except FolderError as exc:
        raise _Refused(f"the feedback page is not used: {exc}") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _Refused("the feedback page is a symbolic link: not followed") from None
        raise _Refused(f"the feedback page cannot be read ({exc.strerror})") from None
    if len(data) > MAX_PAGE_BYTES:
        raise _Refused(f"the feedback page is larger than {MAX_PAGE_BYTES // 2**20} MB")
    return data


def return_feedback(outdir: str | Path, pattern: str | StudentPattern, mode: int = 0o600,
                    students: list[str] | None = None) -> list[Returned]:
    """Copy ``outdir/feedback/<student>.html`` (written by the grader) to each student's own home.

    The page is written as the home's owner with ``mode``: 0600 (the student alone may read it) or 0640 (and the
    student's group). ``outdir`` and its ``feedback/`` must be this user's (as the grader makes them) and every page
    a regular file of this user's, read without following a link. In the home, symbolic links are never followed,
    the target must stay inside the student's own home, and only its last folder (``feedback/``) is created.
    """
    if mode not in (0o600, 0o640):
        raise HubError(f"mode must be 0600 (the student only) or 0640 (and the student's group), not {mode:04o}: a "
                       "feedback page is for its student")
    pat = pattern if isinstance(pattern, StudentPattern) else StudentPattern(pattern)
    from ..grading.folders import FolderError, OutDir

    try:
        with OutDir.make(outdir, create=False) as top, top.sub("feedback", create=False) as pages:
            return _return_pages(pages, pat, mode, students)
    except FolderError as exc:
        raise HubError(f"{Path(outdir) / 'feedback'}: the feedback pages cannot be used ({exc}; run `python -m "
                       f"legpain grade ... --out {outdir}` first)") from None


def _return_pages(pages, pat: StudentPattern, mode: int, students) -> list[Returned]:
    wanted = set(students) if students is not None else None
    rows = []
    for name in pages.names():
        if not name.endswith(".html"):
            continue
        s = name[: -len(".html")]
        if wanted is not None and s not in wanted:
            continue
        if not valid_student(s):
            rows.append(Returned(s, "refused", pat.text, f"{s!r} is not a usable user name"))
            continue
        target = str(pat.path(s))
        try:
            _write_into_home(pat, s, _read_page(pages, name), mode)
        except _Missing as exc:
            rows.append(Returned(s, "skipped", target, f"{exc} (has this student pulled the course?)"))
        except _Refused as exc:
            rows.append(Returned(s, "refused", target, str(exc)))
        except OSError as exc:
            rows.append(Returned(s, "refused", target, f"cannot be written ({exc.strerror})"))
        else:
            rows.append(Returned(s, "returned", target, f"mode {mode:04o}"))
    return rows
