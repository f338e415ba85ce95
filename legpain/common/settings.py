"""The course settings an instructor keeps for a class: ``course.toml`` at the course root, read with ``tomllib``.

Everything in it is optional; the open course has no such file. A class whose grades count writes, e.g.::

    [class]
    graded = ["02", "05"]          # exercise sets whose key stays out of the class edition
    edition = "../legpain-class"   # where `python -m legpain release` writes the class edition (a git repository)
    salt = "spring-2027"           # mixed into every student's numbers: another term, other numbers

``release`` reads ``graded``, ``edition`` and ``salt``; ``grade`` reads ``edition`` (the package student code runs
against, and the salt the students' numbers were drawn with). A relative ``edition`` is relative to the course root.

Part of ``legpain.common``: imports nothing from the package.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ClassSettings", "SettingsError", "read_settings", "read_edition", "edition_values", "SETTINGS_FILE",
           "EDITION_FILE"]

SETTINGS_FILE = "course.toml"


class SettingsError(ValueError):
    """``course.toml`` exists but cannot be read, or a value has the wrong type (the message says which)."""


@dataclass(frozen=True)
class ClassSettings:
    graded: tuple[str, ...] = ()  # as written: "02", "5", "05-results-and-what-they-mean"
    edition: Path | None = None  # absolute
    salt: str = ""
    path: Path | None = None  # the file read (None: there is none)


def read_settings(root: Path) -> ClassSettings:
    """The ``[class]`` table of ``root/course.toml`` (empty settings when the file does not exist)."""
    path = Path(root) / SETTINGS_FILE
    if not path.is_file():
        return ClassSettings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: not readable as TOML ({exc})") from None
    table = data.get("class", {})
    if not isinstance(table, dict):
        raise SettingsError(f"{path}: [class] must be a table")
    graded = table.get("graded", [])
    if isinstance(graded, (str, int)):
        graded = [graded]
    if not isinstance(graded, list) or not all(isinstance(g, (str, int)) for g in graded):
        raise SettingsError(f"{path}: class.graded must be a list of exercise sets, like [\"02\", \"05\"]")
    edition = table.get("edition")
    if edition is not None and not isinstance(edition, str):
        raise SettingsError(f"{path}: class.edition must be a folder path in quotes")
    salt = table.get("salt", "")
    if not isinstance(salt, (str, int)):
        raise SettingsError(f"{path}: class.salt must be text")
    ed = (Path(root) / edition).resolve() if edition else None
    return ClassSettings(tuple(f"{g:02d}" if isinstance(g, int) else g for g in graded), ed, str(salt), path)


EDITION_FILE = "legpain/checking/edition.py"


def edition_values(text: str) -> dict:
    """``EDITION``, ``GRADED`` and ``SALT`` of an ``edition.py``, read as literals (never run)."""
    import ast

    out: dict = {}
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return out
    for st in tree.body:
        target = st.targets[0] if isinstance(st, ast.Assign) else getattr(st, "target", None)
        if isinstance(target, ast.Name) and getattr(st, "value", None) is not None:
            try:
                out[target.id] = ast.literal_eval(st.value)
            except ValueError:
                pass
    return out


def read_edition(folder: Path) -> dict:
    """What a class edition's folder says of itself (``EDITION``, ``GRADED``, ``SALT``); ``{}`` when it is not one."""
    try:
        return edition_values((Path(folder) / EDITION_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return {}
