"""Grades to the learning-management system: import files for Canvas, Moodle (its grade import and its offline
grading worksheet), Blackboard Learn and Brightspace (D2L).

Input: the grader's ``grades_wide.csv`` (one row per student, keyed by the JupyterHub user name, or, for an LMS's
own download, by that LMS's identifier: see ``docs/lms-downloads.md``) and a roster the instructor exported from the
LMS, in that LMS's own format (Canvas's gradebook export, Moodle's grading worksheet, Blackboard's Grade Center
download, Brightspace's grades export). Output: one import file per LMS and a report of every student who is on one
side and not the other (with the closest roster entry), or who has no final grade yet.

* Canvas (the Gradebook's Import): the columns ``Student, ID, SIS User ID, SIS Login ID, Section`` identify the student
  (copied from the roster), then one column per assignment, named ``Assignment name (assignment id)`` as in Canvas's
  own export, or just the name for a new assignment.
* Moodle (the gradebook's import, CSV file): a column identifying the user (``username`` or ``email``;
  choose it under "Map from", with "Map to" set to username or useremail) and one column with the grade.
* Moodle's offline grading worksheet (the assignment's "Download grading worksheet", then "Upload grading
  worksheet"): the worksheet given as the roster, every row and column as Moodle wrote it, with ``Grade`` filled in.
* Blackboard Learn (Grade Center, Work Offline, Upload): ``Username`` identifies the student; the assignment's column
  keeps the header (with its ``|column id``) the roster's Grade Center download gave it; every cell quoted.
* Brightspace (Grades, Import): ``OrgDefinedId``, ``Username``, ``<grade item> Points Grade``,
  ``End-of-Line Indicator``, the identifiers copied from the roster (Brightspace's export writes them with a ``#``).

Only students with a final grade are written: a blank cell is not a grade. Every cell that a spreadsheet would read
as a formula (starting with ``= + - @``, a tab or a carriage return) gets a leading ``'`` (OWASP, CSV injection),
except in the filled-in Moodle worksheet, which hands Moodle's own cells back to Moodle unchanged.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..common.text import points

__all__ = ["LmsError", "LmsReport", "neutralise", "read_grades", "read_roster", "write_lms_files",
           "CANVAS_ID_COLUMNS", "MAX_UNMATCHED"]

MAX_UNMATCHED = 0.5  # `lms` exits non-zero when more than this share of the gradebook is not on the roster

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
    name: str = ""  # the name the LMS gave the student (grades_wide.csv's "name", for an LMS's download)
    lms: str = ""  # the LMS whose download was graded ("" for none)
    late: str = ""  # "yes", "no" or "" (nothing said)

    @property
    def graded(self) -> bool:
        return self.status.startswith("graded")

    @property
    def pending(self) -> bool:
        return "need manual grading" in self.status or "needs manual grading" in self.status


def _read_csv(path: Path, what: str) -> list[dict]:
    return _read_table(path, what)[0]


def _read_table(path: Path, what: str) -> tuple[list[dict], list[str]]:
    """The rows and column names of a CSV file as an LMS or a spreadsheet saves it: UTF-8 with or without a BOM, or
    UTF-16 with a BOM; commas, or tabs (Blackboard's Grade Center download)."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise LmsError(f"{path}: the {what} cannot be read ({exc.strerror})") from None
    try:
        text = raw.decode("utf-16") if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LmsError(f"{path}: the {what} is not a readable UTF-8 CSV file ({exc})") from None
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows = list(reader)
        columns = list(reader.fieldnames or [])
    except csv.Error as exc:
        raise LmsError(f"{path}: the {what} is not a readable UTF-8 CSV file ({exc})") from None
    return rows, columns


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
        status = (r.get("status") or "").strip()
        if not s or (status.startswith("not graded:") and status.endswith("(ignored)")):
            continue  # not a submission (a system file, an LMS's receipt or index): not a student to match
        row = GradeRow(s, r.get("status") or "", _num(r.get("total")), _num(r.get("max_points")),
                       (r.get("name") or "").strip(), (r.get("lms") or "").strip(), (r.get("late") or "").strip())
        prev = out.get(s)
        if prev is None or (row.graded and not prev.graded):
            out[s] = row
    return out


def read_roster(path: str | Path) -> tuple[list[dict], list[str]]:
    """The roster's rows (Canvas's "Points Possible" row dropped) and its column names."""
    path = Path(path)
    rows, columns = _read_table(path, "roster")
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
    closest: dict[str, str] = field(default_factory=dict)  # student not on the roster -> the closest roster entry
    names: dict[str, str] = field(default_factory=dict)  # student -> the name the LMS gave them
    book_size: int = 0  # students in grades_wide.csv

    @property
    def unmatched_share(self) -> float:
        """The share of the gradebook's students that are not on the roster (0 for an empty gradebook)."""
        return len(self.not_on_roster) / self.book_size if self.book_size else 0.0

    def lines(self) -> list[str]:
        how = (f"by {self.key_column}" if self.key_column.startswith("the students' names")
               else f"by its column {self.key_column!r}")
        out = [f"matched gradebook students to the roster {how}", f"{len(self.written)} grade(s) written"]
        if self.not_on_roster:
            out.append(f"{len(self.not_on_roster)} in the gradebook but not on the roster (no grade written): "
                       + ", ".join(self.not_on_roster))
            for s in self.not_on_roster:
                who = f"{s} ({self.names[s]})" if self.names.get(s) else s
                out.append(f"  not on the roster: {who}; closest roster entry: {self.closest.get(s) or '(none)'}")
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
                near = self.closest.get(s)
                w.writerow([neutralise(s), "not on the roster", neutralise("in grades_wide.csv only"
                                                                           + (f"; closest: {near}" if near else ""))])
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
    v = _norm(value)
    keys = {v} if v else set()
    if "@" in v:
        keys.add(v.split("@", 1)[0])
    if v.startswith("#") and len(v) > 1:  # Brightspace's export writes OrgDefinedId and Username as #value
        keys.add(v[1:])
    return keys


def _norm(value) -> str:
    """A key as two spellings of one identifier or name compare: NFC, case and runs of spaces ignored."""
    return " ".join(unicodedata.normalize("NFC", str(value or "")).casefold().split())


def _squash(value) -> str:
    """Letters and digits only, for telling how close two names are ("Doe, John" and "doejohn" are the same)."""
    return "".join(ch for ch in _norm(value) if ch.isalnum())


# the roster column each LMS's download identifies students by (grades_wide.csv's "lms" column says which LMS)
_LMS_KEY_COLUMNS = {"canvas": ("ID",), "moodle": ("Identifier",), "blackboard": ("Username", "User Name"),
                    "d2l": ("OrgDefinedId", "Org Defined ID", "Username")}
_NAME_COLUMNS = (("Student",), ("Full name",), ("Name",), ("First Name", "Last Name"), ("First name", "Last name"),
                 ("Last Name", "First Name"))


def _roster_name(row: dict, columns: list[str]) -> str:
    """The student's name as the roster writes it ("Smith, Jane"; "Jane Smith"), or ""."""
    for names in _NAME_COLUMNS:
        cols = [_column(columns, n) for n in names]
        if all(cols):
            return " ".join((row.get(c) or "").strip() for c in cols).strip()
    return ""


def _name_keys(row: dict, columns: list[str]) -> set[str]:
    """A roster row's name in the spellings an LMS's file names use: "first last" (Moodle, Brightspace) and the
    letters of "last, first" (Canvas's sortable name)."""
    keys = set()
    first, last = _column(columns, "First Name", "First name"), _column(columns, "Last Name", "Last name")
    if first and last:
        f, l_ = (row.get(first) or "").strip(), (row.get(last) or "").strip()
        keys |= {_norm(f"{f} {l_}"), _squash(f"{l_}{f}")}
    for col in ("Full name", "Name", "Student"):
        c = _column(columns, col)
        if c and (row.get(c) or "").strip():
            keys |= {_norm(row[c]), _squash(row[c])}
    return {k for k in keys if k}


def _key_plan(columns: list[str], kind: str, key: str | None, roster) -> tuple[str, str]:
    """(the roster column to match on, or "" to match by the students' names; its description for the report)."""
    if key:
        col = _column(columns, key)
        if col is None:
            raise LmsError(f"{roster}: no column {key!r}; columns: " + ", ".join(columns))
        return col, col
    if kind in _LMS_KEY_COLUMNS:
        col = _column(columns, *_LMS_KEY_COLUMNS[kind])
        if kind == "d2l":  # Brightspace's file names carry no id: its students are matched by name
            if any(all(_column(columns, n) for n in names) for names in _NAME_COLUMNS):
                return "", "the students' names (First Name, Last Name)"
        if col:
            return col, col
        if any(all(_column(columns, n) for n in names) for names in _NAME_COLUMNS):
            return "", (f"the students' names (the roster has no {_LMS_KEY_COLUMNS[kind][0]!r} column: "
                        f"export it from {kind} itself to match by id)")
        raise LmsError(f"{roster}: no column {_LMS_KEY_COLUMNS[kind][0]!r}, which {_LMS_TITLE[kind]}'s export has "
                       f"and by which its download names students; columns: " + ", ".join(columns))
    col = _column(columns, *_KEY_CANDIDATES)
    if col is None:
        raise LmsError(f"{roster}: no column naming the students' hub user names (hub_user, SIS Login ID, username, "
                       "login or email); columns: " + ", ".join(columns))
    return col, col


_LMS_TITLE = {"canvas": "Canvas", "moodle": "Moodle", "blackboard": "Blackboard", "d2l": "Brightspace"}


def _row_keys(row: dict, columns: list[str], col: str, kind: str) -> set[str]:
    if not col:
        return _name_keys(row, columns)
    value = (row.get(col) or "").strip()
    keys = _match_keys(value)
    if kind == "moodle" and col == _column(columns, "Identifier"):
        m = re.search(r"(\d+)\s*$", value)  # "Participant 4411": the id Moodle's download names files by
        if m:
            keys.add(m.group(1))
    return keys


def _closest(student: str, name: str, rows: list[dict], columns: list[str], col: str) -> str:
    """The roster entry closest to a gradebook student (by name when both have one, else by id): for an instructor
    who must fix a typo or find a student who is missing from the export."""
    from difflib import SequenceMatcher

    if not rows:
        return ""
    targets = [t for t in (_squash(name), _squash(student)) if t]
    best, best_score = None, 0.0
    for r in rows:
        shown = _roster_name(r, columns)
        ident = (r.get(col) or "").strip() if col else ""
        cands = [c for c in (_squash(shown), _squash(ident)) if c]
        score = max((SequenceMatcher(None, t, c).ratio() for t in targets for c in cands), default=0.0)
        if score > best_score:
            best, best_score = (shown, ident), score
    if best is None:
        return ""
    shown, ident = best
    text = shown or ident
    if col and ident and shown:
        text += f" ({col} {ident})"
    return text


def write_lms_files(grades: str | Path, roster: str | Path, assignment_name: str, canvas: str | Path | None = None,
                    moodle: str | Path | None = None, assignment_id: str | None = None, key: str | None = None,
                    moodle_by: str | None = None, scale: float | None = None, ungraded: str = "blank",
                    include_incomplete: bool = False, moodle_worksheet: str | Path | None = None,
                    blackboard: str | Path | None = None, d2l: str | Path | None = None) -> LmsReport:
    """Write the import files for one assignment (Canvas, Moodle, Moodle's grading worksheet, Blackboard,
    Brightspace: each one asked for); return what was matched and what was not.

    ``key``: the roster column holding each student's identifier. Default: for a gradebook made from an LMS's
    download (grades_wide.csv's ``lms`` column), the column that LMS's export identifies students by (Canvas
    ``ID``, Moodle's worksheet ``Identifier``, Blackboard ``Username``; Brightspace by First and Last Name, since
    its file names carry no id); otherwise the first of hub_user, SIS Login ID, username, login, email (an e-mail
    address also matches its part before the @).
    ``scale``: rescale totals to this many points (the LMS assignment's points possible).
    ``ungraded``: "blank" leaves students without a grade (not submitted, not gradable) out; "zero" gives them 0.
    """
    if ungraded not in ("blank", "zero"):
        raise LmsError("ungraded must be 'blank' or 'zero'")
    if not assignment_name.strip():
        raise LmsError("give the assignment's name as the LMS shows it (--assignment-name)")
    if moodle_by not in (None, "username", "email"):
        raise LmsError("moodle_by must be 'username' or 'email'")
    book = read_grades(grades)
    rows, columns = read_roster(roster)
    rep = LmsReport(book_size=len(book), names={s: g.name for s, g in book.items() if g.name})
    kinds = [g.lms for g in book.values() if g.lms]
    kind = max(set(kinds), key=kinds.count) if kinds else ""
    key_col, rep.key_column = _key_plan(columns, kind, key, roster)

    # roster entry -> gradebook student
    by_key: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        for k in _row_keys(r, columns, key_col, kind):
            by_key.setdefault(k, []).append(i)
    matched: dict[int, str] = {}
    for s, g in book.items():
        wanted = {_norm(s)} if key_col else {_norm(g.name or s), _squash(g.name or s)}
        hits = sorted({i for w in wanted for i in by_key.get(w, [])})
        if not hits:
            rep.not_on_roster.append(s)
            rep.closest[s] = _closest(s, g.name, rows, columns, key_col)
        elif len(hits) > 1:
            rep.ambiguous.append((s, f"matches {len(hits)} roster rows by {rep.key_column!r}; no grade written"))
        elif hits[0] in matched:
            rep.ambiguous.append((s, f"roster row also matches {matched[hits[0]]!r}; no grade written"))
        else:
            matched[hits[0]] = s
    for i, r in enumerate(rows):
        if i not in matched:
            label = ((r.get(key_col) or "").strip() if key_col else _roster_name(r, columns)) or \
                f"(row {i + 2}, no {rep.key_column})"
            rep.no_grade_row.append(label)

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
    if moodle_worksheet is not None:
        _write_moodle_worksheet(moodle_worksheet, roster, rows, columns, grade_of, book, matched, scale, rep)
    if blackboard is not None:
        _write_blackboard(blackboard, roster, rows, columns, grade_of, assignment_name, assignment_id)
    if d2l is not None:
        _write_d2l(d2l, roster, rows, columns, grade_of, assignment_name)
    return rep


def _write_moodle_worksheet(path, roster, rows, columns, grade_of, book, matched, scale, rep) -> None:
    """Moodle's offline grading worksheet, filled in: every row and column of the worksheet given as the roster,
    as Moodle wrote them, with ``Grade`` set for each student graded here (Moodle reads Identifier, Grade and
    Last modified (grade); the last is left as it was, so that a grade changed in Moodle after the download is not
    overwritten unless you tick "Allow updating records that have been modified more recently in Moodle")."""
    ident, grade_col = _column(columns, "Identifier"), _column(columns, "Grade")
    if ident is None or grade_col is None:
        raise LmsError(f"{roster}: not Moodle's grading worksheet (it has no "
                       + " and no ".join(repr(c) for c, have in (("Identifier", ident), ("Grade", grade_col))
                                         if have is None)
                       + " column): download it from the assignment (View all submissions, Grading action, Download "
                         "grading worksheet) and give it as --roster")
    top_col = _column(columns, "Maximum Grade", "Maximum grade")
    if top_col and scale is None:
        tops = {_num((rows[i].get(top_col) or "").replace(",", ".")) for i in grade_of}
        ours = {book[matched[i]].max_points for i in grade_of}
        if tops and ours and tops != ours and None not in tops:
            rep.warnings.append(f"the worksheet's Maximum Grade is {', '.join(f'{t:g}' for t in sorted(tops))} but "
                                f"the exercise set has {', '.join(f'{t:g}' for t in sorted(o for o in ours if o))} "
                                "points: add --scale to rescale the totals")
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(columns)
        for i, r in enumerate(rows):
            values = dict(r)
            if i in grade_of:
                values[grade_col] = _fmt(grade_of[i])
            # Moodle's own cells go back to Moodle as it wrote them (a leading ' would change a "-" date or a
            # feedback comment on upload); the grades are numbers written here
            w.writerow([values.get(c) or "" for c in columns])


def _write_blackboard(path, roster, rows, columns, grade_of, assignment_name, assignment_id) -> None:
    """Blackboard Learn's Grade Center upload: Username identifies the student; the assignment's column is the one
    the roster (a Grade Center download) names with ``|<column id>`` when it has it, else a new column."""
    user = _column(columns, "Username", "User Name")
    if user is None:
        raise LmsError(f"{roster}: no Username column, by which Blackboard's Grade Center matches students (use "
                       "the Grade Center's Work Offline, Download as the roster)")
    header = None
    for c in columns:
        head = c.strip()
        if assignment_id and head.endswith(f"|{assignment_id}"):
            header = c
        elif header is None and not assignment_id and head.startswith(assignment_name.strip()) and "|" in head:
            header = c
    header = header or (f"{assignment_name} |{assignment_id}" if assignment_id else assignment_name)
    names = [c for c in (_column(columns, "Last Name"), _column(columns, "First Name")) if c]
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, quoting=csv.QUOTE_ALL)
        w.writerow(names + [user, neutralise(header.strip())])
        for i in sorted(grade_of):
            w.writerow([neutralise(rows[i].get(c) or "") for c in names] + [neutralise(rows[i].get(user) or ""),
                                                                            _fmt(grade_of[i])])


def _write_d2l(path, roster, rows, columns, grade_of, assignment_name) -> None:
    """Brightspace's grades import: OrgDefinedId and Username as the roster (its grades export) writes them, the
    points under ``<grade item> Points Grade``, and the ``End-of-Line Indicator`` column of ``#``."""
    org, user = _column(columns, "OrgDefinedId", "Org Defined ID"), _column(columns, "Username")
    if org is None and user is None:
        raise LmsError(f"{roster}: no OrgDefinedId or Username column, by which Brightspace matches students (use "
                       "its grades export, with Key Field: Both, as the roster)")
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["OrgDefinedId", "Username", neutralise(f"{assignment_name.strip()} Points Grade"),
                    "End-of-Line Indicator"])
        for i in sorted(grade_of):
            r = rows[i]
            w.writerow([neutralise(r.get(org) or "") if org else "", neutralise(r.get(user) or "") if user else "",
                        _fmt(grade_of[i]), "#"])
