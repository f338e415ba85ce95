"""Text the course writes anywhere: points as people write them, strings that UTF-8 can carry, and CSV cells that a
spreadsheet shows as text instead of running as a formula. One rule each, for every page and file the course writes.

Part of ``legpain.common``: imports nothing from the package.
"""

from __future__ import annotations

__all__ = ["points", "safe_text", "clip", "neutral", "unneutral", "MAX_QUOTED", "MAX_DETAILS"]

# taken at import, before any student code runs in the grader's sandbox: a student who rebinds str.encode later
# cannot change what these do
_encode = str.encode
_decode = bytes.decode
_EncodeError = UnicodeEncodeError


def points(x: float) -> str:
    """A score as people write it, to two decimals at most: 9.33333 -> '9.33', 3.0 -> '3', 0.5 -> '0.5'."""
    return f"{round(float(x), 2):g}"


def safe_text(s: str) -> str:
    """``s`` as text that UTF-8 can carry: lone surrogates (``"\\ud800"``, which no file or JSON reader takes) become
    U+FFFD; everything else is unchanged."""
    try:
        _encode(s, "utf-8")
        return s
    except _EncodeError:
        return _decode(_encode(s, "utf-8", "surrogatepass"), "utf-8", "replace")


MAX_QUOTED = 1_000  # characters of one message (an answer's feedback, with what it quotes) in a page or a CSV
MAX_DETAILS = 20  # lines of detail under one answer's feedback


def clip(text, limit: int = MAX_QUOTED):
    """``text`` cut to ``limit`` characters (with "…"): what a page or a CSV quotes from any one answer is bounded."""
    if isinstance(text, str) and len(text) > limit:
        return text[: limit - 1] + "…"
    return text


# what a spreadsheet may read as the start of a formula (OWASP, "CSV Injection": = + - @, tab, carriage return, and
# the full-width ＝ ＋ － ＠), and where a cell may start in some spreadsheet's reading of a line: at the start of ours,
# and after any character some locale splits on (a comma, a semicolon: the list separator of many European locales,
# a tab) or breaks a line at
_FORMULA_START = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
_CELL_BREAK = frozenset(",;\t\r\n")


def _starts(text: str) -> list[int]:
    """Where a cell may start in ``text`` (after its leading spaces): 0 and after every splitting character."""
    out = []
    for i in [0] + [j + 1 for j, ch in enumerate(text) if ch in _CELL_BREAK]:
        while i < len(text) and text[i] == " ":
            i += 1
        out.append(i)
    return out


def neutral(value):
    """A CSV cell no spreadsheet runs as a formula, whatever it splits cells on: OWASP's leading ``'`` before
    ``= + - @`` (and their full-width forms), a tab, a carriage return or a line feed, put at the start of the text and
    after every comma, semicolon, tab and line break in it (where a spreadsheet splitting on that character would
    start a cell). Numbers pass unchanged; :func:`unneutral` undoes it exactly."""
    if not isinstance(value, str) or not value:
        return value
    marks = {i for i in _starts(value) if _needs_quote(value, i)}
    if not marks:
        return value
    return "".join(("'" + ch) if i in marks else ch for i, ch in enumerate(value))


def _needs_quote(text: str, i: int) -> bool:
    """A quote goes at ``i``: a formula character is there, or quotes followed by one (doubled: exact undo)."""
    while i < len(text) and text[i] == "'":
        i += 1
    return i < len(text) and text[i] in _FORMULA_START


def unneutral(value: str) -> str:
    """The text :func:`neutral` was given (a cell read back from our own CSV)."""
    if not isinstance(value, str) or "'" not in value:
        return value
    drop = {i for i in _starts(value) if value[i:i + 1] == "'" and _needs_quote(value, i + 1)}
    return "".join(ch for i, ch in enumerate(value) if i not in drop)
