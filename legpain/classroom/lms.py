"""Grades to the learning-management system: Canvas's gradebook import CSV and Moodle's grade import CSV.

Input: the grader's ``grades_wide.csv`` (one row per student, keyed by the JupyterHub user name) and a roster the
instructor exported from the LMS (Canvas's gradebook export works as it is). Output: one import file per LMS and a
report of every student who is on one side and not the other, or who has no final grade yet.

* Canvas (the Gradebook's Import): the columns ``Student, ID, SIS User ID, SIS Login ID, Section`` identify the student
  (copied from the roster), then one column per assignment, named ``Assignment name (assignment id)`` as in Canvas's
  own export, or just the name for a new assignment.
* Moodle (the gradebook's import, CSV file): a column identifying the user (``username`` or ``email``;
  choose it under "Map from", with "Map to" set to username or useremail) and one column with the grade.

Only students with a final grade are written: a blank cell is not a grade. Every cell that a spreadsheet would read
as a formula (starting with ``= + - @``, a tab or a carriage return) gets a leading ``'`` (OWASP, CSV injection).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from ..common.text import points

__all__ = ["LmsError", "LmsReport", "neutralise", "read_grades", "read_roster", "write_lms_files",
           "CANVAS_ID_COLUMNS"]

CANVAS_ID_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
_KEY_CANDIDATES = ["hub_user", "hub user", "jupyterhub user", "sis login id", "login id", "username", "user name",
                   "login", "email", "email address", "e-mail"]


class LmsError(Exception):
    """The files cannot be read or written (missing column, unreadable CSV)."""


def neutralise(value) -> str:
    """A cell a spreadsheet will not run as a formula: text starting with = + - @ tab or CR gets a leading '."""
    from ..common.text import neutral  # one rule for every CSV the course writes

    return neutral("" if value is None else str(value))


def _fmt(x: float) -> str:
    return points(x)


@dataclass
class GradeRow:
    student: str
    status: str
    total: float | None
    max_points: float | None

    @property
    def graded(self) -> bool:
        return self.status.startswith("graded")

    @property
    def pending(self) -> bool:
        return "need manual grading" in self.status or "needs manual grading" in self.status


def _read_csv(path: Path, what: str) -> list[dict]:
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        raise LmsError(f"{path}: the {what} cannot be read ({exc.strerror})") from None
    except (csv.Error, UnicodeDecodeError) as exc:
        raise LmsError(f"{path}: the {what} is not a readable UTF-8 CSV file ({exc})") from None
    return rows


def _num(text) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def read_grades(path: str | Path) -> dict[str, GradeRow]:
    rows = _read_csv(Path(path), "gradebook")
    if rows and not {"student", "status", "total"} <= set(rows[0]):
        raise LmsError(f"{path}: not the grader's grades_wide.csv (needs the columns student, status, total)")
    out: dict[str, GradeRow] = {}
    for r in rows:
        s = (r.get("student") or "").strip()
        if not s:
            continue
        row = GradeRow(s, r.get("status") or "", _num(r.get("total")), _num(r.get("max_points")))
        prev = out.get(s)
        if prev is None or (row.graded and not prev.graded):
            out[s] = row
    return out


def read_roster(path: str | Path) -> tuple[list[dict], list[str]]:
    """The roster's rows (Canvas's "Points Possible" row dropped) and its column names."""
    path = Path(path)
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            rows = list(reader)
            columns = list(reader.fieldnames or [])
    except OSError as exc:
        raise LmsError(f"{path}: the roster cannot be read ({exc.strerror})") from None
    except (csv.Error, UnicodeDecodeError) as exc:
        raise LmsError(f"{path}: the roster is not a readable UTF-8 CSV file ({exc})") from None
    if not columns:
        raise LmsError(f"{path}: the roster is empty")
    first = columns[0]
    rows = [r for r in rows if (r.get(first) or "").strip() != "Points Possible"
            and any((v or "").strip() for v in r.values() if isinstance(v, str))]
    return rows, columns


def _column(columns: list[str], *names: str) -> str | None:
    low = {c.strip().lower(): c for c in columns if c}
    for n in names:
        if n.lower() in low:
            return low[n.lower()]
    return None


@dataclass
class LmsReport:
    written: list[str] = field(default_factory=list)  # hub user names with a grade in the files
    not_on_roster: list[str] = field(default_factory=list)  # in the gradebook, not on the roster
    no_grade_row: list[str] = field(default_factory=list)  # on the roster (its key), no row in the gradebook
    not_graded: list[tuple[str, str]] = field(default_factory=list)  # (student, why): a row, but no grade
    pending: list[str] = field(default_factory=list)  # answers await manual grading: total incomplete
    ambiguous: list[tuple[str, str]] = field(default_factory=list)  # (roster key, why)
    key_column: str = ""
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"matched gradebook students to the roster by its column {self.key_column!r}",
               f"{len(self.written)} grade(s) written"]
        if self.not_on_roster:
            out.append(f"{len(self.not_on_roster)} in the gradebook but not on the roster (no grade written): "
                       + ", ".join(self.not_on_roster))
        if self.no_grade_row:
            out.append(f"{len(self.no_grade_row)} on the roster with no row in the gradebook: "
                       + ", ".join(self.no_grade_row))
        for s, why in self.not_graded:
            out.append(f"no grade written for {s}: {why}")
        if self.pending:
            out.append(f"{len(self.pending)} with answers awaiting manual grading (fill manual.csv and grade again, "
                       "or pass --include-incomplete): " + ", ".join(self.pending))
        for key, why in self.ambiguous:
            out.append(f"roster entry {key!r}: {why}")
        out.extend(f"warning: {w}" for w in self.warnings)
        return out

    def write_csv(self, path: str | Path) -> Path:
        path = Path(path)
        with open(path, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["student", "outcome", "detail"])
            for s in self.written:
                w.writerow([neutralise(s), "written", ""])
            for s in self.not_on_roster:
                w.writerow([neutralise(s), "not on the roster", "in grades_wide.csv only"])
            for s in self.no_grade_row:
                w.writerow([neutralise(s), "no grade", "on the roster only"])
            for s, why in self.not_graded:
                w.writerow([neutralise(s), "no grade", neutralise(why)])
            for s in self.pending:
                w.writerow([neutralise(s), "incomplete", "answers await manual grading"])
            for key, why in self.ambiguous:
                w.writerow([neutralise(key), "ambiguous", neutralise(why)])
        return path


def _match_keys(value: str) -> set[str]:
    v = value.strip().casefold()
    keys = {v} if v else set()
    if "@" in v:
        keys.add(v.split("@", 1)[0])
    return keys


def write_lms_files(grades: str | Path, roster: str | Path, assignment_name: str, canvas: str | Path | None = None,
                    moodle: str | Path | None = None, assignment_id: str | None = None, key: str | None = None,
                    moodle_by: str | None = None, scale: float | None = None, ungraded: str = "blank",
                    include_incomplete: bool = False) -> LmsReport:
    """Write the Canvas and/or Moodle import files for one assignment; return what was matched and what was not.

    ``key``: the roster column holding each student's JupyterHub user name (default: the first of hub_user,
    SIS Login ID, username, login, email; an e-mail address also matches its part before the @).
    ``scale``: rescale totals to this many points (the LMS assignment's points possible).
    ``ungraded``: "blank" leaves students without a grade (not submitted, not gradable) out; "zero" gives them 0.
    """
    if ungraded not in ("blank", "zero"):
        raise LmsError("ungraded must be 'blank' or 'zero'")
    if not assignment_name.strip():
        raise LmsError("give the assignment's name as the LMS shows it (--assignment-name)")
    book = read_grades(grades)
    rows, columns = read_roster(roster)
    rep = LmsReport()
    key_col = _column(columns, key) if key else _column(columns, *_KEY_CANDIDATES)
    if key_col is None:
        raise LmsError(f"{roster}: no column " + (repr(key) if key else "naming the students' hub user names "
                       "(hub_user, SIS Login ID, username, login or email)") + "; columns: " + ", ".join(columns))
    rep.key_column = key_col

    # roster entry -> hub user name
    by_key: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        for k in _match_keys(r.get(key_col) or ""):
            by_key.setdefault(k, []).append(i)
    matched: dict[int, str] = {}
    for s in book:
        hits = by_key.get(s.strip().casefold(), [])
        if not hits:
            rep.not_on_roster.append(s)
        elif len(set(hits)) > 1:
            rep.ambiguous.append((s, f"matches {len(set(hits))} roster rows by {key_col!r}; no grade written"))
        elif hits[0] in matched:
            rep.ambiguous.append((s, f"roster row also matches {matched[hits[0]]!r}; no grade written"))
        else:
            matched[hits[0]] = s
    for i, r in enumerate(rows):
        if i not in matched:
            rep.no_grade_row.append((r.get(key_col) or "").strip() or f"(row {i + 2}, no {key_col})")

    grade_of: dict[int, float] = {}
    for i, s in sorted(matched.items()):
        g = book[s]
        if not g.graded or g.total is None:
            if ungraded == "zero":
                grade_of[i] = 0.0
            else:
                rep.not_graded.append((s, g.status or "no total"))
            continue
        if g.pending and not include_incomplete:
            rep.pending.append(s)
            continue
        total = g.total
        if scale is not None:
            if not g.max_points:
                rep.not_graded.append((s, "no max_points to rescale by"))
                continue
            total = total / g.max_points * scale
        grade_of[i] = total
    rep.written = [matched[i] for i in sorted(grade_of)]

    header = neutralise(f"{assignment_name} ({assignment_id})" if assignment_id else assignment_name)
    if canvas is not None:
        cols = {c: _column(columns, c) for c in CANVAS_ID_COLUMNS}
        if not any(cols[c] for c in ("ID", "SIS User ID", "SIS Login ID")):
            rep.warnings.append("the roster has none of Canvas's ID, SIS User ID or SIS Login ID columns: Canvas "
                                "matches students by them (use Canvas's gradebook export as the roster)")
        with open(canvas, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(CANVAS_ID_COLUMNS + [header])
            for i in sorted(grade_of):
                r = rows[i]
                w.writerow([neutralise(r.get(cols[c]) if cols[c] else "") for c in CANVAS_ID_COLUMNS]
                           + [_fmt(grade_of[i])])
    if moodle is not None:
        if moodle_by not in (None, "username", "email"):
            raise LmsError("moodle_by must be 'username' or 'email'")
        user_col = _column(columns, "username", "user name", "login", "sis login id")
        mail_col = _column(columns, "email", "email address", "e-mail")
        by = moodle_by or ("username" if user_col or not mail_col else "email")
        col = user_col if by == "username" else mail_col
        if by == "email" and col is None:
            raise LmsError(f"{roster}: no email column for Moodle's import by e-mail address")
        with open(moodle, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow([by, header])
            for i in sorted(grade_of):
                ident = (rows[i].get(col) or "").strip() if col else matched[i]
                w.writerow([neutralise(ident or matched[i]), _fmt(grade_of[i])])
    return rep
