"""Plain-data capture of answers: numpy types, containers, and objects that must never reach a comparison."""

import math

import numpy as np
import pytest

from legpain.checking.answers import NotPlainData, describe, is_unanswered, to_plain


@pytest.mark.parametrize(
    "value, expected",
    [
        (np.int64(192), 192),
        (np.float32(0.5), 0.5),
        (np.True_, True),
        (np.array(3.0), 3.0),
        (np.array([1, 2]), [1, 2]),
        ((1, "a"), [1, "a"]),
        ({"b", "a"}, ["a", "b"]),
        ({"L4": np.str_("knee")}, {"L4": "knee"}),
        ({1: 2}, {"1": 2}),
        (None, None),
    ],
)
def test_to_plain_converts_numpy_and_containers(value, expected):
    """numpy scalars, 0-d arrays, arrays, tuples, sets and dicts become JSON-compatible Python values."""
    out = to_plain(value)
    assert out == expected
    assert type(out) is type(expected)


def test_to_plain_rebuilds_subclasses_so_a_tricky_eq_is_lost():
    """An int or str subclass whose == always says True comes out as a plain int or str."""

    class Always(int):
        def __eq__(self, other):
            return True

        __hash__ = int.__hash__

    out = to_plain(Always(7))
    assert type(out) is int and out == 7 and out != 8


def test_to_plain_refuses_arbitrary_objects_with_a_message():
    """An object of an unknown class is refused with a message naming its type."""

    class Thing:
        def __eq__(self, other):
            return True

    with pytest.raises(NotPlainData, match="Thing"):
        to_plain(Thing())


def test_to_plain_limits_size():
    """A huge list is refused rather than shipped."""
    with pytest.raises(NotPlainData, match="too many"):
        to_plain(list(range(20_000)))


def test_describe_speaks_plainly():
    """Values are described in words a student understands."""
    assert describe("191") == "the text '191'"
    assert describe(191) == "the whole number 191"
    assert describe(np.float64(2.5)) == "the number 2.5"
    assert describe(True) == "the yes/no value True"
    assert describe(math.nan).startswith("the number nan")
    assert describe([1, 2]) == "a list of 2 items"
    assert is_unanswered(...) and not is_unanswered(0)
