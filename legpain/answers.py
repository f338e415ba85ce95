"""Turn a student's answer into plain data, and describe values in words.

Answers cross from a student's kernel to a checker as plain, JSON-compatible data (None, bool, int, float,
str, lists and string-keyed dicts). Anything else is refused with a message a student can act on, so an
object that claims to equal everything never reaches a comparison.

Used by: every ``check(...)`` call in the lessons and exercise sets, and by the grader.
"""

from __future__ import annotations

import math
from typing import Any

__all__ = ["NotPlainData", "Unanswered", "to_plain", "describe", "is_unanswered"]


class NotPlainData(TypeError):
    """The answer is of a kind the checker cannot read (a message for the student is in ``args[0]``)."""


class Unanswered(Exception):
    """The answer is still the placeholder ``...``."""


_MAX_ITEMS = 10_000
_MAX_DEPTH = 20


def is_unanswered(value: Any) -> bool:
    """True for the placeholder a student has not replaced yet (``...``)."""
    return value is Ellipsis


def to_plain(value: Any, _depth: int = 0) -> Any:
    """Return ``value`` as plain JSON-compatible data, or raise :class:`NotPlainData`.

    numpy scalars become Python numbers (``np.int64(3)`` -> 3, ``np.True_`` -> True), 0-d arrays become
    scalars, arrays become lists, tuples become lists, sets become sorted lists.
    """
    if _depth > _MAX_DEPTH:
        raise NotPlainData("the answer is nested too deeply to be read")
    if value is None or type(value) in (bool, int, float, str):
        return value
    # subclasses (e.g. an int whose == always says True) are rebuilt as the plain base type
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int.__int__(value)
    if isinstance(value, float):
        return float.__float__(value)
    if isinstance(value, str):
        return str.__str__(value)
    np = _numpy()
    if np is not None:
        if isinstance(value, np.bool_):
            return bool(value)
        if isinstance(value, np.integer):
            return int(value)
        if isinstance(value, np.floating):
            return float(value)
        if isinstance(value, np.str_):
            return str(value)
        if isinstance(value, np.ndarray):
            if value.ndim == 0:
                return to_plain(value[()], _depth + 1)
            if value.size > _MAX_ITEMS:
                raise NotPlainData(f"the answer is an array of {value.size} values, too many to check")
            return [to_plain(v, _depth + 1) for v in value.tolist()]
    if isinstance(value, (list, tuple)):
        if len(value) > _MAX_ITEMS:
            raise NotPlainData(f"the answer is a list of {len(value)} items, too many to check")
        return [to_plain(v, _depth + 1) for v in value]
    if isinstance(value, (set, frozenset)):
        items = [to_plain(v, _depth + 1) for v in value]
        try:
            return sorted(items, key=lambda v: (type(v).__name__, v))
        except TypeError:
            raise NotPlainData("the answer is a set of mixed values that cannot be read") from None
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            pk = to_plain(k, _depth + 1)
            if not isinstance(pk, (str, int)) or isinstance(pk, bool):
                raise NotPlainData(f"the answer is a dictionary with a key {describe(k)}; keys should be text")
            out[str(pk)] = to_plain(v, _depth + 1)
        return out
    raise NotPlainData(f"the answer is {describe(value)}, which the checker cannot read")


def _numpy():
    import sys

    return sys.modules.get("numpy")  # only if the student's code already imported it: no import cost here


def describe(value: Any, limit: int = 40) -> str:
    """Say in words what a value is, for a feedback message: "the text '191'", "the number 3.5"."""
    if value is Ellipsis:
        return "the placeholder ..."
    if value is None:
        return "None (no value)"
    np = _numpy()
    if np is not None and isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool):
        return f"the yes/no value {value}"
    if isinstance(value, int):
        return f"the whole number {int.__repr__(value)}"
    if isinstance(value, float):
        if math.isnan(value):
            return "the number nan (not a number)"
        return f"the number {float.__repr__(value)}"
    if isinstance(value, str):
        text = value if len(value) <= limit else value[: limit - 1] + "…"
        return f"the text {text!r}"
    if isinstance(value, (list, tuple)):
        noun = "list" if isinstance(value, list) else "tuple"
        return f"a {noun} of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, (set, frozenset)):
        return f"a set of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        return f"a dictionary with {len(value)} entr{'ies' if len(value) != 1 else 'y'}"
    if np is not None and isinstance(value, np.ndarray):
        return f"a numpy array of shape {value.shape}"
    if callable(value):
        return f"a function ({getattr(value, '__name__', type(value).__name__)})"
    return f"an object of type {type(value).__name__}"
