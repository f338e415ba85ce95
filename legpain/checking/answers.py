"""Turn a student's answer into plain data, and describe values in words.

Answers cross from a student's kernel to a checker as plain, JSON-compatible data (None, bool, int, float,
str, lists and string-keyed dicts). Anything else is refused with a message a student can act on, so an
object that claims to equal everything never reaches a comparison.

Used by: every ``check(...)`` call in the lessons and exercise sets, and by the grader.
"""

from __future__ import annotations

import math
from typing import Any

# lone surrogates become U+FFFD: the one text rule, whose str/bytes methods are pinned at import like those below
from ..common.text import safe_text as _text

__all__ = ["NotPlainData", "to_plain", "describe", "is_unanswered"]


class NotPlainData(TypeError):
    """The answer is of a kind the checker cannot read (a message for the student is in ``args[0]``)."""


_MAX_ITEMS = 10_000
_MAX_DEPTH = 20


def is_unanswered(value: Any) -> bool:
    """True for the placeholder a student has not replaced yet (``...``)."""
    return value is Ellipsis


# References taken when this module is imported (before any student code runs in a grader's process), so that a
# student who rebinds a builtin (isinstance, int, sorted, ...) changes nothing here. Conversion goes by EXACT type,
# through the base classes' own (C-level) methods, so a subclass with lying methods (an int whose __int__ says 192,
# a list whose __iter__ yields the right answer, a numpy array whose tolist() lies) is read as what it really holds.
_type, _issubclass, _len, _sorted, _repr = type, issubclass, len, sorted, repr
_NoneType, _bool, _int, _float, _str = type(None), bool, int, float, str
_list, _tuple, _dict, _set, _frozenset = list, tuple, dict, set, frozenset
_int_value, _float_value, _str_value = int.__int__, float.__float__, str.__str__
_list_len, _list_item = list.__len__, list.__getitem__
_tuple_len, _tuple_item = tuple.__len__, tuple.__getitem__
_dict_items, _set_list = dict.items, list  # list(set.__iter__(...)) below
_set_iter, _frozenset_iter = set.__iter__, frozenset.__iter__
_PLAIN_EXACT = (_NoneType, _bool, _int, _float)
_NP: dict | None = None  # numpy's types and base methods, taken by freeze() once numpy is imported


def freeze() -> None:
    """Take numpy's types and base-class methods now (the grader calls this before student code runs)."""
    global _NP
    import sys

    np = sys.modules.get("numpy")
    if np is None or _NP is not None:
        return
    _NP = {"ndarray": np.ndarray, "generic": np.generic, "item": np.generic.item, "tolist": np.ndarray.tolist,
           "size": np.ndarray.size.__get__, "ndim": np.ndarray.ndim.__get__, "shape": np.ndarray.shape.__get__}


def to_plain(value: Any, _depth: int = 0) -> Any:
    """Return ``value`` as plain JSON-compatible data, or raise :class:`NotPlainData`.

    numpy scalars become Python numbers (``np.int64(3)`` -> 3, ``np.True_`` -> True), 0-d arrays become
    scalars, arrays become lists, tuples become lists, sets become sorted lists. Subclasses are read by their
    base type's own methods (their overrides are never called).
    """
    try:
        return _plain(value, _depth)
    except NotPlainData:
        raise
    except RecursionError:
        raise NotPlainData("the answer is nested too deeply to be read") from None
    except Exception as exc:  # noqa: BLE001 - an object that lies about its type, or breaks when read
        raise NotPlainData(f"the answer is {describe(value)}, which the checker cannot read "
                           f"({_type(exc).__name__})") from None


def _plain(value: Any, _depth: int) -> Any:
    if _depth > _MAX_DEPTH:
        raise NotPlainData("the answer is nested too deeply to be read")
    t = _type(value)
    if t in _PLAIN_EXACT:
        return value
    if t is _str:
        return _text(value)
    if _NP is None:
        freeze()
    np = _NP
    if np is not None:
        if _issubclass(t, np["generic"]):
            return _plain(np["item"](value), _depth + 1)  # np.float64, np.int64, np.bool_, np.str_, ...
        if _issubclass(t, np["ndarray"]):
            size = np["size"](value, np["ndarray"])
            if size > _MAX_ITEMS:
                raise NotPlainData(f"the answer is an array of {size} values, too many to check")
            return _plain(np["tolist"](value), _depth + 1)  # 0-d: a scalar; otherwise nested lists
    # subclasses (e.g. an int whose == always says True) are rebuilt as the plain base type
    if _issubclass(t, _bool):  # pragma: no cover - bool cannot be subclassed
        return _bool(_int_value(value))
    if _issubclass(t, _int):
        return _int_value(value)
    if _issubclass(t, _float):
        return _float_value(value)
    if _issubclass(t, _str):
        return _text(_str_value(value))
    if _issubclass(t, _list) or _issubclass(t, _tuple):
        n, item = (_list_len, _list_item) if _issubclass(t, _list) else (_tuple_len, _tuple_item)
        size = n(value)
        if size > _MAX_ITEMS:
            raise NotPlainData(f"the answer is a list of {size} items, too many to check")
        return [_plain(item(value, i), _depth + 1) for i in range(size)]
    if _issubclass(t, _set) or _issubclass(t, _frozenset):
        members = _set_list(_set_iter(value) if _issubclass(t, _set) else _frozenset_iter(value))
        if _len(members) > _MAX_ITEMS:
            raise NotPlainData(f"the answer is a set of {_len(members)} items, too many to check")
        items = [_plain(v, _depth + 1) for v in members]
        try:
            return _sorted(items, key=lambda v: (_type(v).__name__, v))
        except TypeError:
            raise NotPlainData("the answer is a set of mixed values that cannot be read") from None
    if _issubclass(t, _dict):
        out = {}
        for k, v in _set_list(_dict_items(value)):
            pk = _plain(k, _depth + 1)
            if _type(pk) not in (_str, _int):
                raise NotPlainData(f"the answer is a dictionary with a key {describe(k)}; keys should be text")
            out[_str(pk)] = _plain(v, _depth + 1)
        if _len(out) > _MAX_ITEMS:
            raise NotPlainData(f"the answer is a dictionary of {_len(out)} entries, too many to check")
        return out
    raise NotPlainData(f"the answer is {describe(value)}, which the checker cannot read")


def _numpy():
    import sys

    return sys.modules.get("numpy")  # only if the student's code already imported it: no import cost here


def describe(value: Any, limit: int = 40) -> str:
    """Say in words what a value is, for a feedback message: "the text '191'", "the number 3.5"."""
    try:
        return _describe(value, limit)
    except Exception:  # noqa: BLE001 - an object that breaks when looked at
        return f"an object of type {_type(value).__name__}"


def _describe(value: Any, limit: int) -> str:
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
