"""Text the course writes anywhere: points as people write them, strings that UTF-8 can carry, and CSV cells that a
spreadsheet shows as text instead of running as a formula. One rule each, for every page and file the course writes.

Part of ``legpain.common``: imports nothing from the package.
"""

from __future__ import annotations

__all__ = ["points", "safe_text", "neutral", "unneutral"]

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


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutral(value):
    """A CSV cell a spreadsheet shows as text, never runs as a formula (OWASP's advice: a leading ``'`` before
    ``= + - @``, tab or carriage return). Numbers pass unchanged; :func:`unneutral` undoes it exactly."""
    if isinstance(value, str) and (value.startswith(_FORMULA_START)
                                   or (value.startswith("'") and neutral(value[1:]) != value[1:])):
        return "'" + value
    return value


def unneutral(value: str) -> str:
    """The text :func:`neutral` was given (a cell read back from our own CSV)."""
    if value.startswith("'") and neutral(value[1:]) != value[1:]:
        return value[1:]
    return value
