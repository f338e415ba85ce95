"""Output folders nobody else can touch: for ``grade --out``, ``collect --out`` and ``return OUTDIR``.

These commands often run as root, and their folders may be given under a shared place such as ``/tmp``, where a
student could make the folder first (and fill it with a ``manual.csv`` hand grade, or with symbolic links to files
only root may change). So a command makes its folder itself, readable by its own user only (mode 0700), and refuses
an existing one that is not its user's, or that holds anything but what an earlier run of the same command wrote.
The path to it is walked one folder at a time from ``/`` without following a symbolic link blindly: every folder on
the way (and every link) must belong to this user or to root, and none may be writable by others unless it is
sticky (like ``/tmp``, where nobody can rename what others own). Every file beneath is then opened from the folder's
descriptor with ``O_NOFOLLOW`` (a planted link is refused, never followed), created with mode 0600.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

__all__ = ["FolderError", "OutDir", "write_file"]

_DIR = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_MAX_LINKS = 40


class FolderError(Exception):
    """The folder (or a folder on its path) cannot be trusted or used; the message says which and why."""


def _owner_ok(st: os.stat_result) -> bool:
    return st.st_uid in (0, os.geteuid())


def _others_may_replace(st: os.stat_result) -> bool:
    """Can someone other than this user (or root) rename or replace what a folder with status ``st`` holds?"""
    if st.st_mode & stat.S_ISVTX:  # sticky, like /tmp: only an entry's owner may rename it
        return False
    if st.st_mode & stat.S_IWOTH:
        return True
    return bool(st.st_mode & stat.S_IWGRP) and st.st_gid not in (0, os.getegid())


def _walk(path: str | os.PathLike, create: bool) -> tuple[int, os.stat_result, str, str]:
    """(descriptor of the folder that holds the path's last part, its status, the last part, the path shown)."""
    text = os.path.abspath(os.fspath(path))
    parts = [p for p in text.split("/") if p not in ("", ".")]
    if not parts:
        raise FolderError("give a folder, not /")
    *dirs, last = parts
    fd = os.open("/", _DIR)
    st, shown, todo, hops = os.fstat(fd), "/", list(reversed(dirs)), 0
    try:
        while todo:
            name = todo.pop()
            here = os.path.join(shown, name)
            try:
                lst = os.stat(name, dir_fd=fd, follow_symlinks=False)
            except FileNotFoundError:
                if not create:
                    raise FolderError(f"{here}: no such folder") from None
                if _others_may_replace(st):
                    raise FolderError(f"{shown} may be changed by other users: give a folder elsewhere") from None
                os.mkdir(name, 0o755, dir_fd=fd)
                lst = os.stat(name, dir_fd=fd, follow_symlinks=False)
            if not _owner_ok(lst):
                raise FolderError(f"{here} belongs to another user (uid {lst.st_uid}), who could change what lies "
                                  "beneath it: give a folder of your own")
            if _others_may_replace(st):
                raise FolderError(f"{shown} may be changed by other users (they could replace {name}): give a "
                                  "folder elsewhere")
            if stat.S_ISLNK(lst.st_mode):  # a link of this user or root, in a folder only they change: followed
                hops += 1
                if hops > _MAX_LINKS:
                    raise FolderError(f"{text}: too many symbolic links")
                target = os.readlink(name, dir_fd=fd)
                if target.startswith("/"):
                    os.close(fd)
                    fd = os.open("/", _DIR)
                    st, shown = os.fstat(fd), "/"
                todo.extend(reversed([p for p in target.split("/") if p not in ("", ".")]))
                continue
            try:
                nfd = os.open(name, _DIR, dir_fd=fd)
            except OSError as exc:
                raise FolderError(f"{here}: {exc.strerror}") from None
            os.close(fd)
            fd, st = nfd, os.fstat(nfd)
            shown = os.path.normpath(here)
        if _others_may_replace(st):
            raise FolderError(f"{shown} may be changed by other users (they could replace {last}): give a folder "
                              "elsewhere")
        return fd, st, last, text
    except BaseException:
        os.close(fd)
        raise


def _open_dir(parent: int, name: str, shown: str, create: bool) -> tuple[int, bool]:
    """A descriptor on the folder ``name`` in ``parent`` (made, mode 0700, when missing and ``create``): it must be a
    real folder of this user's. Returns it and whether it was made now."""
    made = False
    if create:
        try:
            os.mkdir(name, 0o700, dir_fd=parent)
            made = True
        except FileExistsError:
            pass
    try:
        fd = os.open(name, _DIR, dir_fd=parent)
    except FileNotFoundError:
        raise FolderError(f"{shown}: no such folder") from None
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR):  # O_NOFOLLOW | O_DIRECTORY on a link: either, by kernel
            st = os.stat(name, dir_fd=parent, follow_symlinks=False)
            what = "a symbolic link: give a real folder" if stat.S_ISLNK(st.st_mode) else "not a folder"
            raise FolderError(f"{shown} is {what}") from None
        raise FolderError(f"{shown}: {exc.strerror}") from None
    st = os.fstat(fd)
    if st.st_uid != os.geteuid():
        os.close(fd)
        raise FolderError(f"{shown} belongs to another user (uid {st.st_uid}): give a new folder, or one of your own")
    os.fchmod(fd, 0o700)  # readable by this user only (students' work and grades)
    return fd, made


class OutDir:
    """An output folder, open; every file beneath it is reached from its descriptor, never through a link.

    ``OutDir.make(path)`` makes it (or opens an existing one of this user's); ``sub(name)`` a folder inside it."""

    def __init__(self, fd: int, path: Path, made: bool = False):
        self.fd, self.path, self.made = fd, Path(path), made

    @classmethod
    def make(cls, path: str | os.PathLike, create: bool = True) -> "OutDir":
        """Open ``path`` as an output folder: made (mode 0700) if missing and ``create``; otherwise it must belong to
        this user (it is then made 0700). The folders on its way must be safe (see the module's docstring)."""
        parent, _, last, shown = _walk(path, create)
        try:
            fd, made = _open_dir(parent, last, shown, create)
        finally:
            os.close(parent)
        return cls(fd, Path(path), made)

    def sub(self, name: str, create: bool = True) -> "OutDir":
        fd, made = _open_dir(self.fd, name, str(self.path / name), create)
        return OutDir(fd, self.path / name, made)

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ---- what it holds --------------------------------------------------------------------------------------
    def names(self) -> list[str]:
        return sorted(os.listdir(self.fd))

    def lstat(self, name: str) -> os.stat_result | None:
        try:
            return os.stat(name, dir_fd=self.fd, follow_symlinks=False)
        except FileNotFoundError:
            return None

    def exists(self, name: str) -> bool:
        return self.lstat(name) is not None

    def foreign(self, recurse: tuple[str, ...] = ()) -> list[str]:
        """Entries (and entries of the folders ``recurse``) that do not belong to this user."""
        bad = []
        for name in self.names():
            st = self.lstat(name)
            if st is None:
                continue
            if st.st_uid != os.geteuid():
                bad.append(name)
            elif name in recurse and stat.S_ISDIR(st.st_mode):
                with self.sub(name, create=False) as d:
                    bad += [f"{name}/{n}" for n in d.foreign()]
        return bad

    def unlink(self, name: str) -> None:
        os.unlink(name, dir_fd=self.fd)

    def rmdir(self, name: str) -> None:
        os.rmdir(name, dir_fd=self.fd)

    # ---- files --------------------------------------------------------------------------------------------------
    def opener(self, name: str, flags: int) -> int:
        """For ``open(name, mode, opener=folder.opener)``: opened from this folder, never through a link, a new
        file with mode 0600; what is opened must be a regular file of this user's."""
        truncate = flags & os.O_TRUNC  # only once the file is known to be ours
        fd = os.open(name, (flags & ~os.O_TRUNC) | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK, 0o600,
                     dir_fd=self.fd)
        try:
            st = os.fstat(fd)
            # a hard link (more than one name) could be a file of root's linked here by someone else
            if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid() or st.st_nlink > 1:
                raise FolderError(f"{self.path / name} is not a regular file of yours: not used")
            os.set_blocking(fd, True)
            if truncate:
                os.ftruncate(fd, 0)
        except BaseException:
            os.close(fd)
            raise
        return fd

    def open(self, name: str, mode: str = "r", **kw):
        return open(name, mode, opener=self.opener, **kw)

    def write_bytes(self, name: str, data: bytes) -> None:
        with self.open(name, "wb") as fh:
            fh.write(data)

    def write_text(self, name: str, text: str, **kw) -> None:
        with self.open(name, "w", **kw) as fh:
            fh.write(text)

    def read_bytes(self, name: str, limit: int | None = None) -> bytes:
        with self.open(name, "rb") as fh:
            return fh.read() if limit is None else fh.read(limit)


def write_file(path: str | os.PathLike, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` (mode 0600) through a folder that is safe to write in (see the module's docstring):
    never through a symbolic link, and over an existing file only if it is a regular file of this user's."""
    parent, _, last, shown = _walk(path, create=False)
    try:
        folder = OutDir(parent, Path(shown).parent)
        try:
            with folder.open(last, "w", encoding=encoding, newline="") as fh:
                fh.write(text)
        except OSError as exc:
            st = folder.lstat(last)
            if st is not None and stat.S_ISLNK(st.st_mode):
                raise FolderError(f"{shown} is a symbolic link: not followed, nothing written") from None
            raise FolderError(f"{shown} cannot be written ({exc.strerror})") from None
    finally:
        os.close(parent)
    return Path(path)
