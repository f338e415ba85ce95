"""Who submitted a file, as a learning-management system's bulk download names it.

Canvas, Moodle, Blackboard Learn and Brightspace (D2L) each rename the files they put in a "download all
submissions" zip; this module reads those names back: the student's identifier in that LMS, the name it gave them,
the file's original name, the attempt's time, and whether the LMS marked it late. An instructor's own regular
expression covers any other naming (named groups ``student``, ``file``, ``time``; nbgrader's ``student_id``,
``file_id`` and ``timestamp`` are read the same way).

Pure functions on names (and on the text of Blackboard's receipts, which the caller reads): nothing here opens a
file, and nothing imports the rest of the package. ``docs/lms-downloads.md`` says what each pattern rests on and
which details could not be confirmed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime

__all__ = ["LMSS", "PATTERNS", "Name", "parse", "parse_all", "detect", "compile_pattern", "parse_time",
           "NamePatternError"]

LMSS = ("canvas", "moodle", "blackboard", "d2l")

# how each LMS names a file, in words (the report quotes it for a name that does not match)
PATTERNS = {
    "canvas": "<sortable name>_[LATE_]<user id>_<file id>_<file name>",
    "moodle": "<full name>_<participant id>_assignsubmission_file_<file name>, or a folder "
              "<full name>_<participant id>_assignsubmission_file[_]/",
    "blackboard": "<assignment>_<user name>_attempt_<yyyy-mm-dd-hh-mm-ss>_<file name> (and a .txt receipt per attempt)",
    "d2l": "<number>-<number> - <full name> - <Mon d, yyyy hmm AM/PM> - <file name>",
}


class NamePatternError(ValueError):
    """An instructor's --name-pattern that cannot be used (not a regular expression, or no ``student`` group)."""


@dataclass(frozen=True)
class Name:
    """What a download's name says about one top-level file or folder."""

    lms: str  # "canvas", "moodle", "blackboard", "d2l", or "pattern" (the instructor's --name-pattern)
    student: str  # the LMS's identifier: Canvas user id, Moodle participant id, Blackboard user name, D2L full name
    name: str = ""  # the name the LMS gave the student ("" when the file name has none)
    file: str = ""  # the student's own file name ("" for a folder)
    time: str = ""  # the attempt's time as the LMS wrote it ("" when the name has none)
    order: tuple = ()  # sorts one student's attempts, earliest first (time, then resubmission, then file id)
    late: bool | None = None  # True/False when the name says; None when it cannot tell
    ignore: str = ""  # why this is not a submission (a receipt, online text, the download's index); "" when it is
    when: datetime | None = None  # the time, read (naive: the LMS's own clock)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# ---- Canvas ------------------------------------------------------------------------------------------------------
# lib/content_zipper.rb: [sortable name (lower case, only word characters), "LATE" if late, user id].join("_"),
# then "_" + attachment id + "_" + the file's display name; anonymous grading puts "anon_<anonymous id>" in place of
# the name and user id; a text entry or URL becomes <prefix>_text.html / <prefix>_link.html.
_CANVAS = re.compile(r"(?P<name>\w*?)_(?:(?P<late>LATE)_)?(?P<student>\d+)_(?P<fileid>\d+)_(?P<file>.+)", re.S)
_CANVAS_ANON = re.compile(r"(?:(?P<late>LATE)_)?(?P<student>anon_[A-Za-z0-9]+)_(?P<fileid>\d+)_(?P<file>.+)", re.S)
_CANVAS_TEXT = re.compile(r"(?:(?P<name>\w*?)_)?(?:(?P<late>LATE)_)?(?P<student>\d+|anon_[A-Za-z0-9]+)"
                          r"_(?P<kind>text|link)\.html", re.S)
# Attachment.make_unique_filename: a second file of the same name becomes <base>-1<ext>, then -2 ...
_RESUBMITTED = re.compile(r"-(\d+)(\.[A-Za-z][A-Za-z0-9]*)*(\.[A-Za-z0-9]*)$")


def _canvas(entry: str, is_dir: bool) -> Name | None:
    if is_dir:
        return None
    m = _CANVAS_ANON.fullmatch(entry) or _CANVAS.fullmatch(entry)
    if m:
        file = m["file"]
        again = _RESUBMITTED.search(file)
        copy = int(again.group(1)) if again else 0
        return Name("canvas", m["student"], m.groupdict().get("name") or "", file, order=(copy, int(m["fileid"])),
                    late=m["late"] is not None)
    m = _CANVAS_TEXT.fullmatch(entry)
    if m:
        what = "a text entry" if m["kind"] == "text" else "a web address"
        return Name("canvas", m["student"], m["name"] or "", f"{m['kind']}.html", late=m["late"] is not None,
                    ignore=f"Canvas's page for {what} submitted online, not a notebook (ignored)")
    return None


# ---- Moodle ------------------------------------------------------------------------------------------------------
# mod/assign (classes/downloader.php; locallib.php before 4.1): prefix = full name with "_" made " ", "_", the
# participant id (get_uniqueid_for_user); a folder <prefix>_<subtype>_<type> per plugin ("_" after it in Moodle 3.x),
# or, with "download submissions in folders" off, files <prefix>_<subtype>_<type>_<file name>.
_MOODLE_DIR = re.compile(r"(?P<name>.+?)_(?P<student>\d+)_(?P<subtype>assignsubmission)_(?P<type>[a-z0-9]+)_?",
                         re.S)
_MOODLE_FILE = re.compile(r"(?P<name>.+?)_(?P<student>\d+)_(?P<subtype>assignsubmission)_(?P<type>[a-z0-9]+)_"
                          r"(?P<file>.+)", re.S)


def _moodle(entry: str, is_dir: bool) -> Name | None:
    m = (_MOODLE_DIR if is_dir else _MOODLE_FILE).fullmatch(entry)
    if not m:
        return None
    ignore = ""
    if m["type"] == "onlinetext":
        ignore = "Moodle's online text of the submission, not a notebook (ignored)"
    elif m["type"] != "file":
        ignore = f"Moodle's {m['type']} part of the submission, not a file upload (ignored)"
    return Name("moodle", m["student"], m["name"], "" if is_dir else m["file"], ignore=ignore)


# ---- Blackboard Learn --------------------------------------------------------------------------------------------
# "Assignment File Download": <assignment>_<user name>_attempt_<yyyy-mm-dd-hh-mm-ss>_<original file name>, and one
# <assignment>_<user name>_attempt_<time>.txt receipt per attempt (name, date, comments, files).
_BB = re.compile(r"(?P<prefix>.+)_attempt_(?P<time>\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2})"
                 r"(?:_(?P<file>.+)|(?P<receipt>\.txt))", re.S)
_BB_RECEIPT_NAME = re.compile(r"^\s*Name:\s*(?P<name>.*?)\s*\((?P<user>[^()]*)\)\s*$", re.M)


def _blackboard(entry: str, is_dir: bool) -> Name | None:
    if is_dir:
        return None
    m = _BB.fullmatch(entry)
    if not m:
        return None
    prefix = m["prefix"]
    student = prefix.rsplit("_", 1)[-1]  # refined by parse_all, which sees every name of the download
    when = parse_time(m["time"])
    ignore = "Blackboard's receipt of the attempt (.txt), not a submission (ignored)" if m["receipt"] else ""
    return Name("blackboard", student, "", m["file"] or "", m["time"], _order(when, m["time"]), ignore=ignore,
                when=when)


def _bb_prefix(entry: str) -> str:
    m = _BB.fullmatch(entry)
    return m["prefix"] if m else ""


# ---- Brightspace (D2L) -------------------------------------------------------------------------------------------
# <number>-<number> - <First Last> - <Mon d, yyyy hmm AM/PM> - <original file name>, with an index.html beside them.
_D2L_TIME = r"[A-Z][a-z]{2} \d{1,2}, \d{4} \d{3,4} [AP]M"
_D2L = re.compile(rf"(?P<sub>\d+-\d+) - (?P<name>.+?) - (?P<time>{_D2L_TIME}) - (?P<file>.+)", re.S)
_D2L_DIR = re.compile(rf"(?P<sub>\d+-\d+) - (?P<name>.+?) - (?P<time>{_D2L_TIME})", re.S)
_MONTHS = {m: i for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                                       "Dec"), 1)}


def _d2l(entry: str, is_dir: bool) -> Name | None:
    if not is_dir and entry.lower() == "index.html":
        return Name("d2l", "", ignore="Brightspace's index of the download (index.html), not a submission (ignored)")
    m = (_D2L_DIR if is_dir else _D2L).fullmatch(entry)
    if not m:
        return None
    when = parse_time(m["time"])
    name = " ".join(m["name"].split())
    sub = tuple(int(x) for x in m["sub"].split("-"))
    return Name("d2l", name, name, "" if is_dir else m["file"], m["time"], _order(when, m["time"]) + sub, when=when)


_PARSERS = {"canvas": _canvas, "moodle": _moodle, "blackboard": _blackboard, "d2l": _d2l}


# ---- times ---------------------------------------------------------------------------------------------------------

def parse_time(text: str) -> datetime | None:
    """A time as an LMS writes it in a file name, read without a time zone (the LMS's clock), or None.

    ``2024-03-01-23-59-07`` (Blackboard; year, month, day, hour, minute, second with any separators, as an
    instructor's pattern may give), ``20240301T235907`` (the same, run together), ``Mar 1, 2024 1159 PM``
    (Brightspace: hours and minutes run together)."""
    text = text.strip()
    m = re.fullmatch(r"([A-Z][a-z]{2}) (\d{1,2}), (\d{4}) (\d{1,2}):?(\d{2}) ([AP]M)", text)
    if m:
        month = _MONTHS.get(m.group(1))
        hour = int(m.group(4)) % 12 + (12 if m.group(6) == "PM" else 0)
        try:
            return datetime(int(m.group(3)), month, int(m.group(2)), hour, int(m.group(5))) if month else None
        except ValueError:
            return None
    parts = [int(p) for p in re.findall(r"\d+", text)]
    if len(parts) >= 3 and len(re.match(r"\D*(\d+)", text).group(1)) == 4:
        try:
            return datetime(*parts[:6])
        except (ValueError, TypeError):
            return None
    digits = "".join(re.findall(r"\d+", text))  # 20240301235907, 20240301T2359
    formats = {14: "%Y%m%d%H%M%S", 12: "%Y%m%d%H%M", 8: "%Y%m%d"}
    if len(digits) in formats and not re.search(r"[A-Za-z]{2}", text):
        try:
            return datetime.strptime(digits, formats[len(digits)])
        except ValueError:
            return None
    return None


def _order(when: datetime | None, text: str) -> tuple:
    if when is not None:
        return (when.year, when.month, when.day, when.hour, when.minute, when.second)
    return tuple(int(p) for p in re.findall(r"\d+", text))


# ---- an instructor's pattern ---------------------------------------------------------------------------------------

_GROUP_ALIASES = {"student": "student", "student_id": "student", "file": "file", "file_id": "file",
                  "notebook_id": "file", "time": "time", "timestamp": "time", "name": "name"}


def compile_pattern(text: str) -> re.Pattern:
    """An instructor's ``--name-pattern``: a regular expression with a named group ``student`` (the LMS's
    identifier) and, optionally, ``file`` (the original file name), ``time`` (the attempt's time) and ``name``
    (the student's name). nbgrader's group names (``student_id``, ``file_id``, ``timestamp``) mean the same."""
    try:
        pattern = re.compile(text, re.S)
    except re.error as exc:
        raise NamePatternError(f"--name-pattern is not a regular expression: {exc}") from None
    groups = set(pattern.groupindex)
    unknown = sorted(groups - set(_GROUP_ALIASES))
    if unknown:
        raise NamePatternError(f"--name-pattern has the group(s) {', '.join(unknown)}; it may name only student, "
                               "file, time and name (or nbgrader's student_id, file_id, timestamp)")
    if not {g for g in groups if _GROUP_ALIASES[g] == "student"}:
        raise NamePatternError("--name-pattern needs a named group for the student, e.g. "
                               r"'(?P<student>[^_]+)_(?P<file>.+)'")
    return pattern


def _custom(entry: str, is_dir: bool, pattern: re.Pattern) -> Name | None:
    m = pattern.match(entry)  # from the start of the name, as nbgrader's FileNameCollectorPlugin matches
    if not m:
        return None
    got = {_GROUP_ALIASES[k]: v for k, v in m.groupdict().items() if v is not None}
    student = (got.get("student") or "").strip()
    if not student:
        return None
    time = got.get("time", "")
    when = parse_time(time) if time else None
    return Name("pattern", student, got.get("name", ""), got.get("file", "" if is_dir else entry), time,
                _order(when, time) if time else (), when=when)


# ---- the whole download ----------------------------------------------------------------------------------------------

def parse(entry: str, lms: str, is_dir: bool = False, pattern: re.Pattern | None = None) -> Name | None:
    """What one top-level name of a download says, read as ``lms`` names files (or by ``pattern`` when ``lms`` is
    "pattern"); None when it does not match."""
    entry = _nfc(entry)
    if lms == "pattern":
        if pattern is None:
            raise ValueError("lms='pattern' needs a pattern")
        return _custom(entry, is_dir, pattern)
    return _PARSERS[lms](entry, is_dir)


def detect(entries: list[tuple[str, bool]]) -> str | None:
    """The LMS whose naming most of these top-level names (``(name, is_dir)``) follow, or None.

    An LMS is chosen only when more names match it than match no LMS at all, so that a folder of notebooks named by
    student (a JupyterHub collect) never is taken for a download."""
    best, best_n = None, 0
    for lms in LMSS:
        n = sum(1 for name, is_dir in entries if _PARSERS[lms](_nfc(name), is_dir) is not None)
        if n > best_n:
            best, best_n = lms, n
    if best is None:
        return None
    unmatched = sum(1 for name, is_dir in entries if all(_PARSERS[x](_nfc(name), is_dir) is None for x in LMSS))
    return best if best_n > unmatched else None


def parse_all(entries: list[tuple[str, bool]], lms: str, pattern: re.Pattern | None = None,
              receipts: dict[str, str] | None = None, due: datetime | None = None) -> dict[str, Name | None]:
    """Every top-level name of a download (``(name, is_dir)``) read as ``lms`` names files: {name: Name or None}.

    Blackboard puts the assignment's name before the user name, and either may hold "_": the user name is what
    follows the part every file of the download shares (the assignment), cross-checked with the name in the
    attempt's receipt (``receipts``: {receipt file name: its text}) where there is one. ``due``: a time (the
    LMS's clock) after which an attempt counts as late, for names that carry a time (Blackboard, Brightspace, a
    pattern with ``time``); Canvas says itself which submissions are late."""
    out = {name: parse(name, lms, is_dir, pattern) for name, is_dir in entries}
    if lms == "blackboard":
        out = _blackboard_users(out, receipts or {})
    if due is not None:
        out = {k: (replace(v, late=v.when > due) if v is not None and v.when is not None and not v.ignore else v)
               for k, v in out.items()}
    return out


def _blackboard_users(parsed: dict[str, Name | None], receipts: dict[str, str]) -> dict[str, Name | None]:
    prefixes = {name: _bb_prefix(_nfc(name)) for name, p in parsed.items() if p is not None}
    # the receipt of an attempt names the student: "Name: First Last (user name)"
    from_receipt: dict[str, tuple[str, str]] = {}
    for name, text in receipts.items():
        prefix = prefixes.get(name) or _bb_prefix(_nfc(name))
        m = _BB_RECEIPT_NAME.search(text or "")
        if prefix and m and m["user"] and prefix.endswith("_" + m["user"]):
            from_receipt[prefix] = (m["user"], m["name"])
    distinct = sorted(set(prefixes.values()))
    assignment = _shared_start(distinct) if len(distinct) > 1 else ""
    out = {}
    for name, p in parsed.items():
        if p is None:
            out[name] = None
            continue
        prefix = prefixes[name]
        if prefix in from_receipt:
            user, shown = from_receipt[prefix]
        elif assignment and len(prefix) > len(assignment) + 1:
            user, shown = prefix[len(assignment) + 1:], ""
        else:
            user, shown = prefix.rsplit("_", 1)[-1], ""
        out[name] = replace(p, student=user, name=shown or p.name)
    return out


def _shared_start(prefixes: list[str]) -> str:
    """The longest start that every prefix shares and that ends just before a "_" in each (the assignment's name),
    or "" when there is none."""
    first = prefixes[0]
    n = 0
    while n < len(first) and all(len(p) > n and p[n] == first[n] for p in prefixes):
        n += 1
    while n > 0:
        if all(len(p) > n + 1 and p[n] == "_" for p in prefixes):
            return first[:n]
        n -= 1
    return ""
