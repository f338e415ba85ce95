"""Answer capture (legpain.checking.answers): the exact limits, messages and conversions of to_plain and describe.

Fast unit tests written against the survivors of tools/mutation.py: each pins one behaviour exactly."""

import numpy as np
import pytest

from legpain.checking import answers
from legpain.checking.answers import NotPlainData, describe, to_plain


def _nested(depth):
    value = 1
    for _ in range(depth):
        value = [value]
    return value


def test_nesting_limit_is_twenty_levels():
    """Twenty levels of lists are read; twenty-one are refused with a message (a list that holds itself too)."""
    assert to_plain(_nested(20)) == _nested(20)
    with pytest.raises(NotPlainData) as exc:
        to_plain(_nested(21))
    assert exc.value.args[0] == "the answer is nested too deeply to be read"
    loop = []
    loop.append(loop)
    with pytest.raises(NotPlainData, match="nested too deeply"):
        to_plain(loop)


@pytest.mark.parametrize("make, noun", [
    (lambda n: list(range(n)), "a list of {} items"),
    (lambda n: tuple(range(n)), "a list of {} items"),
    (lambda n: set(range(n)), "a set of {} items"),
    (lambda n: frozenset(range(n)), "a set of {} items"),
    (lambda n: {str(i): i for i in range(n)}, "a dictionary of {} entries"),
    (lambda n: np.arange(n), "an array of {} values"),
])
def test_size_limit_is_ten_thousand_items(make, noun):
    """10,000 items are read; 10,001 are refused with a message that names the kind and the size."""
    assert len(to_plain(make(10_000))) == 10_000
    with pytest.raises(NotPlainData) as exc:
        to_plain(make(10_001))
    assert exc.value.args[0] == "the answer is " + noun.format(10_001) + ", too many to check"


def test_sets_become_lists_sorted_by_type_then_value():
    """A set is sorted by type name, then value (1.5 before 1, 2 before 'a'); values that cannot be ordered are
    refused."""
    out = to_plain({2, "a", 1.5, 1})
    assert out == [1.5, 1, 2, "a"] and [type(v) for v in out] == [float, int, int, str]
    assert to_plain(frozenset({"b", "a"})) == ["a", "b"]
    with pytest.raises(NotPlainData) as exc:
        to_plain({(1, 2), ("a", 2)})
    assert exc.value.args[0] == "the answer is a set of mixed values that cannot be read"


def test_dict_keys_must_be_text_or_whole_numbers():
    """Whole-number keys become text; a decimal, a yes/no or a tuple key is refused, naming the key."""
    assert to_plain({3: [1, (2,)], "x": None}) == {"3": [1, [2]], "x": None}
    for key, words in ((1.5, "the number 1.5"), (True, "the yes/no value True"), ((1,), "a tuple of 1 item")):
        with pytest.raises(NotPlainData) as exc:
            to_plain({key: 1})
        assert exc.value.args[0] == f"the answer is a dictionary with a key {words}; keys should be text"


def test_subclasses_are_read_through_their_base_type():
    """Lying subclasses of float, str, list, tuple, set and dict come out as what they really hold."""

    class F(float):
        def __float__(self):
            return 0.0

    class S(str):
        def __str__(self):
            return "right"

    class L(list):
        def __iter__(self):
            return iter(["right"])

        def __len__(self):
            return 1

    class T(tuple):
        def __getitem__(self, i):
            return "right"

    class St(set):
        def __iter__(self):
            return iter(["right"])

    class D(dict):
        def items(self):
            return [("k", "right")]

    cases = [(F(2.5), 2.5), (S("x"), "x"), (L([1, 2]), [1, 2]), (T((1, 2)), [1, 2]), (St({3}), [3]),
             (D(k=1), {"k": 1})]
    for value, expected in cases:
        out = to_plain(value)
        assert out == expected and type(out) is type(expected), value


def test_numpy_values_become_python_values():
    """numpy scalars of each kind, 0-d and 2-d arrays become Python values of the matching type."""
    for value, expected in ((np.str_("b"), "b"), (np.bool_(False), False), (np.float64(0.25), 0.25),
                            (np.array(7), 7), (np.array([[1, 2], [3, 4]]), [[1, 2], [3, 4]])):
        out = to_plain(value)
        assert out == expected and type(out) is type(expected)


def test_numpy_types_are_taken_once_and_on_first_use(monkeypatch):
    """freeze() takes numpy's types when numpy is loaded and keeps the first ones; to_plain freezes on first use."""
    monkeypatch.setattr(answers, "_NP", None)
    assert to_plain(np.int64(3)) == 3 and answers._NP is not None
    first = answers._NP
    answers.freeze()
    assert answers._NP is first
    assert first["ndarray"] is np.ndarray and first["generic"] is np.generic


def test_freeze_without_numpy_does_nothing(monkeypatch):
    """Without numpy loaded, freeze() leaves the numpy types unset, and plain values still convert."""
    import sys

    monkeypatch.setattr(answers, "_NP", None)
    monkeypatch.delitem(sys.modules, "numpy")
    answers.freeze()
    assert answers._NP is None
    assert to_plain([1, "a"]) == [1, "a"]


def test_unreadable_objects_are_refused_naming_their_type():
    """An object of another class, or inside a list, is refused with a message that names it."""

    class Thing:
        pass

    with pytest.raises(NotPlainData) as exc:
        to_plain([1, Thing()])
    assert exc.value.args[0] == "the answer is an object of type Thing, which the checker cannot read"
    with pytest.raises(NotPlainData) as exc:
        to_plain(np.array([Thing()], dtype=object))
    assert "an object of type Thing" in exc.value.args[0]


def test_an_object_that_breaks_when_read_is_refused():
    """A value whose reading raises an ordinary error is refused with a message naming the error's type."""

    class Broken(list):
        pass

    b = Broken([1])
    original = answers._list_len
    try:
        answers._list_len = lambda v: (_ for _ in ()).throw(ValueError("no"))
        with pytest.raises(NotPlainData) as exc:
            to_plain(b)
    finally:
        answers._list_len = original
    assert exc.value.args[0] == "the answer is a list of 1 item, which the checker cannot read (ValueError)"


def test_describe_every_kind_in_words():
    """describe() names each kind of value in plain words, with singular and plural."""
    assert describe(...) == "the placeholder ..."
    assert describe(None) == "None (no value)"
    assert describe(np.int64(4)) == "the whole number 4"
    assert describe(False) == "the yes/no value False"
    assert describe(float("nan")) == "the number nan (not a number)"
    assert describe(0.5) == "the number 0.5"
    assert describe("x" * 40) == "the text '" + "x" * 40 + "'"
    assert describe("x" * 41) == "the text '" + "x" * 39 + "…'"
    assert describe("abcdef", limit=4) == "the text 'abc…'"
    assert describe([1]) == "a list of 1 item" and describe((1, 2)) == "a tuple of 2 items"
    assert describe({1}) == "a set of 1 item" and describe(frozenset({1, 2})) == "a set of 2 items"
    assert describe({"a": 1}) == "a dictionary with 1 entry" and describe({}) == "a dictionary with 0 entries"
    assert describe(np.zeros((2, 3))) == "a numpy array of shape (2, 3)"
    assert describe(len) == "a function (len)"

    class Callable:
        def __call__(self):
            return 1

    assert describe(Callable()) == "a function (Callable)"
    assert describe(object()) == "an object of type object"


def test_describe_an_object_that_breaks_when_looked_at():
    """A value whose description raises is described by its type only."""

    class Bad(str):
        def __len__(self):
            raise RuntimeError("no")

    assert describe(Bad("x")) == "an object of type Bad"


def test_numpy_arrays_after_a_fresh_freeze(monkeypatch):
    """Arrays are read through the methods freeze() took (size, then tolist), also on first use."""
    monkeypatch.setattr(answers, "_NP", None)
    assert to_plain(np.array([[1, 2]])) == [[1, 2]]
    monkeypatch.setattr(answers, "_NP", None)
    with pytest.raises(NotPlainData, match="an array of 10001 values"):
        to_plain(np.zeros(10_001))


def test_numpy_scalars_count_one_level_when_unwrapped():
    """A numpy scalar is unwrapped one level down: inside 19 lists it is read, inside 20 it is too deep."""
    def nested(depth, value):
        for _ in range(depth):
            value = [value]
        return value

    assert to_plain(nested(19, np.int64(1))) == nested(19, 1)
    with pytest.raises(NotPlainData, match="nested too deeply"):
        to_plain(nested(20, np.int64(1)))


def test_running_out_of_stack_is_a_message(monkeypatch):
    """If Python's own recursion limit is hit while reading, the student gets the 'nested too deeply' message."""
    def deep(value, depth):
        raise RecursionError

    monkeypatch.setattr(answers, "_plain", deep)
    with pytest.raises(NotPlainData) as exc:
        to_plain([1])
    assert exc.value.args[0] == "the answer is nested too deeply to be read"


@pytest.mark.parametrize("make, deepest", [
    (lambda: {1}, 19), (lambda: {"k": 1}, 19), (lambda: {1: "v"}, 19), (lambda: np.array([1]), 18),
    (lambda: np.array(1), 19),
])
def test_every_container_counts_its_level(make, deepest):
    """Sets, dict keys and values, and arrays (one level for the array, one for its list) each count towards the
    20-level limit: read at their deepest allowed place, refused one level deeper."""
    def nested(depth, value):
        for _ in range(depth):
            value = [value]
        return value

    to_plain(nested(deepest, make()))
    with pytest.raises(NotPlainData, match="nested too deeply"):
        to_plain(nested(deepest + 1, make()))


def test_dict_keys_and_values_each_count_their_level():
    """A dict's key and its value are each one level below the dict: a numpy key unwrapped at the limit, or a value
    nested one list too deep, is refused."""
    def nested(depth, value):
        for _ in range(depth):
            value = [value]
        return value

    to_plain({"k": nested(19, 1)})
    with pytest.raises(NotPlainData, match="nested too deeply"):
        to_plain({"k": nested(20, 1)})
    to_plain(nested(18, {np.int64(1): 2}))
    with pytest.raises(NotPlainData, match="nested too deeply"):
        to_plain(nested(19, {np.int64(1): 2}))
