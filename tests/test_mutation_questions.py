"""Question kinds and comparison (legpain.checking.questions): exact messages, boundaries and scores of every branch.

Fast unit tests written against the survivors of tools/mutation.py: each pins one behaviour exactly (a student sees
these messages, so their words are behaviour too)."""

import signal
import time

import pytest

from legpain.checking import questions as qs
from legpain.checking.questions import Case, Choice, Function, Match, MultiChoice, Number, Question, Result, Text, call_with_timeout, norm_text


def judge(q, answer, hidden=()):
    return q.judge(q.capture(answer, [c.args for c in hidden]), hidden)


# ---- the base class -------------------------------------------------------------------------------------------

def test_question_keeps_its_settings():
    """A question keeps id, points, topic, hint, variable and variants (as tuples); it is not hidden; aliases given
    as one text or as a list both work."""
    q = Number("q1_1", answer=1, points=3, topic="T", hint="H", var="v", right=[1, 1.0], wrong=[2],
               aliases={"x": "ex", "y": ["why", "wye"]})
    assert (q.qid, q.points, q.topic, q.hint, q.var, q.hidden) == ("q1_1", 3, "T", "H", "v", False)
    assert q.right == (1, 1.0) and q.wrong == (2,)
    assert q.aliases == {"x": ("ex",), "y": ("why", "wye")}
    assert q.norm("Why") == "y" and q.norm("EX.") == "x" and q.norm("other") == "other" and q.norm(5) == 5
    assert repr(q) == "<Number q1_1 (3 points)>"
    assert Question("q1_2").expects() == "a value"
    assert (Question("q1_2").points, Question("q1_2").manual, Question("q1_2").kind) == (1, False, "value")


def test_capture_reads_plain_data_or_says_what_was_expected():
    """capture() gives unanswered for ..., the plain value, or 'invalid' with what the question expects."""
    q = Number("q1_1", answer=1, noun="patients")
    assert q.capture(...) == {"state": "unanswered"}
    assert q.capture((1, 2)) == {"state": "answered", "value": [1, 2]}
    assert q.capture(object()) == {"state": "invalid", "message": "the answer is an object of type object, which "
                                   "the checker cannot read; expected a number of patients."}


def test_judge_messages_for_answers_that_cannot_be_compared():
    """Unanswered, invalid (with and without a message), unreadable and None answers: exact messages, no points."""
    q = Number("q1_1", answer=1, hint="Look again.")
    cases = [
        ({"state": "unanswered"}, "unanswered", "Not answered yet: replace the ... with your answer, then run the cell."),
        ({"state": "invalid", "message": "bad"}, "invalid", "Not checked: bad"),
        ({"state": "invalid"}, "invalid", "Not checked: the answer could not be read"),
        ({"state": "answered"}, "invalid", "Not checked: the answer could not be read."),
        ({"state": "other", "value": 1}, "invalid", "Not checked: the answer could not be read."),
        ({"state": "answered", "value": None}, "unanswered",
         "Not answered yet: the answer is None. Replace it with a number."),
    ]
    for cap, status, message in cases:
        res = q.judge(cap)
        assert (res.status, res.message, res.details, res.score, res.public_score) == (status, message, [], 0, 0)
        assert (res.public_passed, res.public_total) == (0, 0)


def test_judge_scores_and_counts_a_compared_answer():
    """A compared answer counts as one public check; the score is the points times the fraction right; the hint is
    added to an incorrect or partial answer only."""
    q = Match("q1_1", answer={"a": 1, "b": 2, "c": 3, "d": 4}, points=2, hint="H")
    res = judge(q, {"a": 1, "b": 0, "c": 0, "d": 0})
    assert (res.status, res.score, res.public_score, res.public_passed, res.public_total) == ("partial", 0.5, 0.5, 0, 1)
    assert res.details[-1] == "H"
    res = judge(q, {"a": 1, "b": 2, "c": 3, "d": 4})
    assert (res.status, res.score, res.public_passed, res.public_total, res.details) == ("correct", 2, 1, 1, [])
    assert res.passed and not Result("x", 1, "partial", "").passed
    res = judge(Number("q1_2", answer=1, hint="H"), 2)
    assert res.details == ["H"]
    res = judge(Number("q1_2", answer=1, hint="H"), "x")
    assert res.details == []
    assert Result("x", 2, "partial", "m").as_row() == {"question": "x", "points": 0.0, "max_points": 2,
                                                       "status": "partial", "message": "m"}
    r = Result("x", 2, "partial", "m", score=1.234567)
    assert r.as_row()["points"] == 1.2346


# ---- normalising text -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, canonical", [
    ("  Knee\u2013Jerk.  ", "knee jerk"),
    ("\u201cL4/L5\u201d", "l4 l5"),
    ("l4 - 5", "l4 l5"),
    ("C7-T1", "c7 t1"),
    ("'Randomisation'", "randomization"),
    ("organised", "organized"),
    ("colour  of the tumour", "color of the tumor"),
    ("(b)", "b"), ("B)", "b"), ("c.", "c"), ("d:", "d"),
    ("it's", "it's"),
    ("a\u00a0b", "a b"),
    ("ﬁbre", "fiber"),
    ("this", "this"),
])
def test_norm_text_rules(raw, canonical):
    """Case, spaces, dashes, quotes, final full stop, spinal levels, spellings and bracketed letters."""
    assert norm_text(raw) == canonical


def test_number_from_text_and_whole_numbers():
    """Text that reads as a number (with thousands commas and spaces) is found; whole allows float error only."""
    assert qs._number_from_text(" 1,234 ") == 1234.0 and qs._number_from_text("x") is None
    assert qs._is_whole(192 * (1 - 179 / 192)) and qs._is_whole(-3.0) and qs._is_whole(1e12 + 0.0001)
    assert not qs._is_whole(2.5) and not qs._is_whole(1.00001) and not qs._is_whole(1e6 + 0.01)
    assert qs._plural(1, "case", "cases") == "1 case" and qs._plural(2, "case", "cases") == "2 cases"
    assert qs._format_args((1, "a", [2])) == "1, 'a', [2]"


# ---- Number ---------------------------------------------------------------------------------------------------

def test_number_expects_and_tolerance_note():
    """expects() names a (whole) number with its noun and unit; the tolerance note appears only for a decimal
    answer with a tolerance."""
    assert Number("q", answer=1).expects() == "a number"
    assert Number("q", answer=1, whole=True, noun="patients", unit="weeks").expects() == \
        "a whole number of patients (in weeks)"
    assert Number("q", answer=1, unit="%").expects() == "a number (in %)"
    assert Number("q", answer=1, tol=0.5).tolerance_note() == "Answers within ±0.5 count as right."
    assert Number("q", answer=1, tol=0.5, whole=True).tolerance_note() == ""
    assert Number("q", answer=1).tolerance_note() == ""


def test_number_invalid_answers_have_exact_messages():
    """Each wrong kind of answer is 'invalid' with its own exact message."""
    q = Number("q", answer=10, whole=True)
    cases = [
        (True, "Not checked: expected a whole number, got the yes/no value True."),
        ("12", "Not checked: expected a whole number, got the text '12'. Remove the quotes so that Python sees a "
               "number."),
        ("ten", "Not checked: expected a whole number, got the text 'ten'."),
        ([10], "Not checked: expected a whole number, got a list of 1 item. Give one value, not a list."),
        ({"a": 1}, "Not checked: expected a whole number, got a dictionary with 1 entry."),
        (float("inf"), "Not checked: expected a whole number, got the number inf."),
        (10.5, "Not checked: expected a whole number, got the number 10.5, which is not whole."),
    ]
    for value, message in cases:
        assert Number.compare(q, value) == (0.0, "invalid", message, [])
    assert Number.compare(q, 10.0)[1] == "correct"


def test_number_tolerance_boundaries():
    """Right within tol (inclusive) plus a tiny float allowance; feedback values match within the same tolerance."""
    q = Number("q", answer=10, tol=0.5, feedback={20: "Twice."}, low="Too low.", high="Too high.")
    assert q.compare(10.5)[:3] == (1.0, "correct", "Correct. Answers within ±0.5 count as right.")
    assert q.compare(9.5)[1] == "correct"
    assert q.compare(10.500001)[1] == "incorrect"
    assert q.compare(20.5) == (0.0, "incorrect", "Not quite. Twice.", [])
    assert q.compare(21) == (0.0, "incorrect", "Not quite. Too high. Answers within ±0.5 count as right.", [])
    assert q.compare(9) == (0.0, "incorrect", "Not quite. Too low. Answers within ±0.5 count as right.", [])
    exact = Number("q", answer=0.3)
    assert exact.compare(0.1 + 0.2) == (1.0, "correct", "Correct.", [])
    assert exact.compare(0.3 + 1e-8)[1] == "incorrect"
    big = Number("q", answer=1e12, feedback={2e12: "Double."})
    assert big.compare(1e12 + 500)[1] == "correct" and big.compare(1e12 + 5000)[1] == "incorrect"
    assert big.compare(2e12 + 500)[2] == "Not quite. Double."
    assert big.compare(2e12 + 5000)[2] == "Not quite. That is not the value we are looking for."
    assert Number("q", answer=5).compare(4) == (0.0, "incorrect", "Not quite. That is not the value we are "
                                                "looking for.", [])
    assert Number("q", answer=5, high="High.").compare(5)[1] == "correct"


# ---- Choice and MultiChoice ------------------------------------------------------------------------------------

def _choice(**kw):
    return Choice("q", answer="B", options="ABCD", feedback={"C": "C is tempting."},
                  texts={"b": "some concerns", "D": ["low risk", "the low one"]}, **kw)


def test_choice_setup_and_expects():
    """Answer, options and feedback letters are lower-cased; texts name options; a bad key or answer raises."""
    q = _choice()
    assert q.answer == "b" and q.options == "abcd" and q.feedback == {"c": "C is tempting."}
    assert q.texts == {"b": ("some concerns",), "d": ("low risk", "the low one")}
    assert q.letters() == "'a', 'b', 'c' or 'd'"
    assert q.expects() == "one of the letters 'a', 'b', 'c' or 'd', in quotes (or the option's words)"
    assert Choice("q", answer="a", options="ab").expects() == "one of the letters 'a' or 'b', in quotes"
    with pytest.raises(ValueError) as exc:
        Choice("q", answer="e", options="abcd")
    assert str(exc.value) == "q: answer 'e' is not among the options 'abcd'"
    with pytest.raises(ValueError) as exc:
        Choice("q", answer="a", options="ab", texts={"z": "x"})
    assert str(exc.value) == "q: option texts for 'z', which is not an option"
    with pytest.raises(ValueError) as exc:
        Choice("q", answer="a", options="ab", texts={"a": "same", "B": "The same"})
    assert str(exc.value) == "q: option text 'The same' names two options"
    Choice("q", answer="a", options="ab", texts={"a": ["x", "the x"]})  # one option, twice: fine


def test_choice_option_of():
    """An option is named by its letter in any form, 'option b', 'answer (b)', or its words with or without an
    article; never by part of them, and never by a non-text."""
    q = _choice()
    for text, letter in (("b", "b"), ("(B)", "b"), ("option c", "c"), ("Answer (a)", "a"), ("answer d", "d"),
                         ("Some concerns.", "b"), ("the low one", "d"), ("low one", "d"), ("a low risk", "d"),
                         ("concerns", None), ("e", None), ("option e", None), ("ab", None), (3, None)):
        assert q.option_of(text) == letter, text
    assert qs._no_article("an apple") == "apple" and qs._no_article("then") == "then" and qs._no_article(3) == 3


def test_choice_compare_messages():
    """Exact messages: a number or yes/no gets the quotes tip; unknown text; right; wrong with and without its
    own feedback."""
    q = _choice()
    exp = q.expects()
    assert q.compare(2) == (0.0, "invalid", f"Not checked: expected {exp}; got the whole number 2. "
                            "Write the letter of your choice in quotes, like 'a'.", [])
    assert q.compare(True)[2].endswith("like 'a'.")
    assert q.compare(None) == (0.0, "invalid", f"Not checked: expected {exp}; got None (no value).", [])
    assert q.compare("zz") == (0.0, "invalid", f"Not checked: expected {exp}; got the text 'zz'.", [])
    assert q.compare("b") == (1.0, "correct", "Correct.", [])
    assert q.compare("c") == (0.0, "incorrect", "Not quite. C is tempting.", [])
    assert q.compare("a") == (0.0, "incorrect", "Not quite. Option 'a' is not the best answer.", [])


def test_multichoice_compare_messages():
    """A text is split on commas, semicolons and spaces; wrong kinds, unknown picks (one or several), an empty
    selection, the right set and a wrong set each get their exact message."""
    q = MultiChoice("q", answer=["A", "c"], options="abcd", texts={"d": "none"}, hint="H")
    assert q.answer == {"a", "c"} and q.expects() == "a list of letters in quotes, like ['a', 'c']"
    assert q.compare("a, c") == (1.0, "correct", "Correct.", [])
    assert q.compare("c;a") == q.compare("a c") == q.compare(["(A)", "c", "a"]) == (1.0, "correct", "Correct.", [])
    assert q.compare(3) == (0.0, "invalid", "Not checked: expected a list of letters in quotes, like ['a', 'c']; "
                            "got the whole number 3.", [])
    assert q.compare([1, "a"]) == (0.0, "invalid", "Not checked: expected a list of letters in quotes, like "
                                   "['a', 'c']; got a list of 2 items. Write the letter of your choice in quotes, "
                                   "like 'a'.", [])
    assert q.compare(["a", "x"]) == (0.0, "invalid", "Not checked: 'x' is not one of the options 'a', 'b', 'c' or "
                                     "'d'.", [])
    assert q.compare(["x", "y"])[2] == "Not checked: 'x', 'y' are not one of the options 'a', 'b', 'c' or 'd'."
    assert q.compare([]) == (0.0, "unanswered", "Not answered yet: the list is empty. Put in the letters of every "
                             "option that applies.", [])
    assert q.compare(" , ")[1] == "unanswered"
    wrong = (0.0, "incorrect", "Not quite: your selection is not yet the right set. Decide on each option by itself, "
             "with the reason for it, rather than changing picks one at a time.", [])
    assert q.compare(["a"]) == q.compare(["a", "c", "none"]) == wrong
    assert judge(q, ["a"]).details == ["H"]


# ---- Match ----------------------------------------------------------------------------------------------------

def test_match_same():
    """Yes/no values match only yes/no values; numbers within a relative 1e-9 and finite; texts after normalising
    (None counts as the text 'none'); other values by equality."""
    q = Match("q", answer={})
    assert q.same(True, True) and not q.same(1, True) and not q.same(True, 1) and not q.same(False, True)
    assert q.same(0.1 + 0.2, 0.3) and q.same(3, 3.0) and not q.same("3", 3) and not q.same(float("nan"), 3)
    assert q.same(1e12 + 100, 1e12) and not q.same(1e12 + 10000, 1e12) and not q.same(1.0001, 1)
    assert not q.same(float("inf"), 3) and not q.same(True, 1.0)
    assert q.same(None, "None") and q.same(" L4-5 ", "l4/l5") and not q.same(None, "x") and not q.same(4, "4")
    assert q.same([1], [1]) and not q.same([1], [2]) and q.same(None, None)


def test_match_compare_details_and_score():
    """Missing items, wrong items with their hint, extra entries (which cost their share) and the count message;
    keys that collide after normalising are refused."""
    q = Match("q", answer={"L4": "knee", "L5": "toe", "S1": "ankle"}, item_hints={"L5": "Big toe."})
    assert q.expects() == "a dictionary with one entry for each of 'L4', 'L5', 'S1'"
    assert q.compare(["x"]) == (0.0, "invalid", f"Not checked: expected {q.expects()}; got a list of 1 item.", [])
    assert q.compare({"L5": 1, "l5": 2}) == (0.0, "invalid", "Not checked: 'L5' and 'l5' name the same item. Keep "
                                             "one entry for each item.", [])
    frac, status, message, details = q.compare({"l4": "Knee", "L5": "heel", "X": 1, "A": 2})
    assert (frac, status, message) == (1 / 5, "partial", "1 of 3 matched correctly.")
    assert details == ["L5: look again. Big toe.", "S1: no entry yet.",
                       "Entries that are not asked for (they cost points): 'A', 'X'."]
    assert q.compare({"L4": "toe", "L5": "knee", "S1": "hip"})[:3] == (0.0, "incorrect", "0 of 3 matched correctly.")
    assert q.compare({"L4": "toe", "L5": "x", "S1": "y"})[3][0] == "L4: look again."
    assert q.compare({"L4": "knee", "L5": "toe", "S1": "ankle"}) == (1.0, "correct", "Correct: every item is "
                                                                     "matched.", [])
    assert q.compare({"L4": "knee", "L5": "toe", "S1": "ankle", "x": 1})[:3] == (0.75, "partial",
                                                                                "3 of 3 matched correctly.")


def test_match_count_only():
    """name_items=False gives the count and says why the items are not named; when all are right, no note."""
    q = Match("q", answer={"a": True, "b": False}, name_items=False)
    frac, status, message, details = q.compare({"a": True, "b": True})
    assert (frac, status, details) == (0.5, "partial", [])
    assert message == ("1 of 2 matched correctly. Which items need another look is not shown here: go through each "
                       "one with its reason.")
    assert q.compare({"a": True, "b": False, "c": 1})[2] == "2 of 2 matched correctly."


# ---- Text -----------------------------------------------------------------------------------------------------

def test_text_is_kept_for_the_instructor():
    """A text of at least min_words words is recorded with no points yet and no public checks; shorter texts and
    non-texts have exact messages."""
    q = Text("q", points=2, min_words=3)
    assert (q.kind, q.manual, q.expects()) == ("text", True, "your answer as text in quotes")
    assert Text("q").min_words == 5
    res = judge(q, "one two three")
    assert (res.status, res.score, res.public_passed, res.public_total, res.manual) == ("recorded", 0, 0, 0, True)
    assert res.message == ("Saved for your instructor (3 words). This answer is graded by hand, so no points show "
                           "here yet (2 possible).")
    assert q.compare("one two") == (0.0, "unanswered", "Not answered yet: your text has 2 words; write at least 3.", [])
    assert q.compare("one")[2] == "Not answered yet: your text has 1 word; write at least 3."
    assert q.compare(5) == (0.0, "invalid", "Not checked: expected your answer as text in quotes; got the whole "
                            "number 5.", [])


# ---- calling a student's function -----------------------------------------------------------------------------

def test_call_with_timeout_outcomes():
    """A value, a timeout, 'not written yet', an error (message cut at 300 characters) and an unreadable return
    each give their exact record; the arguments are copied."""
    fired = []
    old = signal.signal(signal.SIGALRM, lambda *a: fired.append(1))
    try:
        _outcomes()
        time.sleep(0.02)
        assert fired == []  # no timer left behind when there was no outer timer
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _outcomes():
    assert call_with_timeout(lambda x: x * 2, (2,)) == {"ok": True, "value": 4}

    def loop():
        while True:
            pass

    assert call_with_timeout(loop, (), timeout=0.05) == {
        "ok": False, "error": "timeout", "text": "it ran for more than 0.05 seconds (an endless loop?)"}

    def todo():
        raise NotImplementedError

    assert call_with_timeout(todo, ()) == {"ok": False, "error": "NotImplementedError", "text": "it is not written yet"}

    def boom():
        raise KeyError("k" * 400)

    out = call_with_timeout(boom, ())
    assert out["ok"] is False and out["error"] == "KeyError" and len(out["text"]) == 300
    assert out["text"].startswith("it raised KeyError: 'kkk")
    assert call_with_timeout(lambda: object(), ()) == {
        "ok": False, "error": "NotPlainData",
        "text": "it returned something unreadable: the answer is an object of type object, which the checker cannot read"}
    data = [1]
    call_with_timeout(lambda x: x.append(2), (data,))
    assert data == [1]
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0


def test_call_with_timeout_respects_a_shorter_outer_timer():
    """Under an outer timer shorter than the call's limit, the call stops at the outer timer's time, and the outer
    timer is put back with the time it had left."""
    fired = []
    old = signal.signal(signal.SIGALRM, lambda *a: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.3)
        t0 = time.monotonic()

        def loop():
            while True:
                pass

        out = call_with_timeout(loop, (), timeout=5)
        assert out["error"] == "timeout" and time.monotonic() - t0 < 1.5
        left = signal.getitimer(signal.ITIMER_REAL)[0]
        assert 0 < left <= 0.01
        time.sleep(0.05)
        assert fired == [1]
        signal.setitimer(signal.ITIMER_REAL, 10)
        call_with_timeout(lambda: 1, ())
        assert 9 < signal.getitimer(signal.ITIMER_REAL)[0] <= 10
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def test_call_without_a_timer_off_the_main_thread():
    """Off the main thread no timer is set (signals only work on the main thread), and the call still runs."""
    import threading

    out = {}
    t = threading.Thread(target=lambda: out.update(call_with_timeout(lambda: 3, ())))
    t.start()
    t.join()
    assert out == {"ok": True, "value": 3}


# ---- Function -------------------------------------------------------------------------------------------------

def _fn(**kw):
    return Function("q", name="f", cases=[Case((1,), 2, "Double it."), Case((2,), 4)], **kw)


def test_function_settings_and_capture():
    """A function question stores its name as the variable; capture runs every case (and extra inputs), skips the
    rest after a timeout, and counts a function that only raises NotImplementedError as not answered."""
    q = _fn(points=2, tol=0.1, compare="number", hidden=True, hint="H")
    assert (q.var, q.name, q.mode, q.tol, q.hidden, q.points, q.kind) == ("f", "f", "number", 0.1, True, 2, "function")
    assert q.expects() == "a function named f"
    assert _fn().mode == "exact" and _fn().tol == 1e-6 and _fn().hidden is False
    assert q.capture(...) == {"state": "unanswered"}
    assert q.capture(3) == {"state": "invalid", "message": "expected a function named f, got the whole number 3."}
    assert q.capture(lambda x: x * 2, [(5,)]) == {"state": "answered", "outputs": [
        {"ok": True, "value": 2}, {"ok": True, "value": 4}, {"ok": True, "value": 10}]}

    def todo(x):
        raise NotImplementedError

    assert q.capture(todo) == {"state": "unanswered"}
    assert q.capture(lambda x: 1 / 0)["state"] == "answered"
    old = qs.CALL_TIMEOUT
    calls = []

    def slow(x):
        calls.append(x)
        while x == 1:
            pass
        return x

    q2 = Function("q", name="f", cases=[Case((1,), 1), Case((2,), 2), Case((3,), 3)])
    original = qs.call_with_timeout
    try:
        qs.call_with_timeout = lambda f, a, timeout=old: original(f, a, 0.05)
        outputs = q2.capture(slow)["outputs"]
    finally:
        qs.call_with_timeout = original
    assert calls == [1]
    assert outputs[1] == outputs[2] == {"ok": False, "error": "skipped",
                                        "text": "not run, because an earlier check timed out"}


def test_function_same():
    """Sequences and dicts item by item; text mode normalises (None is 'none'); decimals within tol; whole numbers
    exactly unless compare='number'; yes/no only equals yes/no."""
    q = _fn()
    assert q.same([1, 2], (1, 2)) and not q.same((1, 2), [1]) and not q.same("ab", ["a", "b"])
    assert q.same({"1": 2}, {1: 2}) and not q.same({"1": 2, "2": 3}, {1: 2}) and not q.same([1], {1: 2})
    assert not q.same({"1": 3}, {1: 2})
    assert q.same(1.0000001, 1.0) and not q.same(1.00001, 1.0) and q.same(1.0000001, 1)
    assert q.same(2, 2) and not q.same(3, 2) and not q.same("2", 2) and not q.same(float("nan"), 2.0)
    assert not q.same(True, 1) and not q.same(1, True) and q.same(True, True) and not q.same(None, 0)
    assert q.same("a", "a") and not q.same("A", "a") and q.same(None, None)
    n = _fn(compare="number", tol=0.5)
    assert n.same(2.4, 2) and n.same(2, 2.5) and not n.same(3, 2) and not n.same(float("inf"), 2)
    t = _fn(compare="text")
    assert t.same(" L4-5 ", "l4/l5") and t.same(None, "None") and not t.same(1, "1") and not t.same("1", 1)
    assert t.same(1, 1) and not t.same(None, "x")


def test_function_judge_messages():
    """Exact messages for unanswered, invalid, all passing, errors on every case, partial and incorrect results,
    a missing output, and a None return (with the forgotten-return hint)."""
    q = _fn(points=2, hint="H")
    res = q.judge({"state": "unanswered"})
    assert (res.status, res.message) == ("unanswered", "Not answered yet: write the body of f, then run the cell.")
    res = q.judge({"state": "invalid", "message": "nope"})
    assert (res.status, res.message) == ("invalid", "Not checked: nope")
    res = judge(q, lambda x: 2 * x)
    assert (res.status, res.message, res.details, res.score, res.public_score) == (
        "correct", "All 2 checks you can see pass.", [], 2, 2)
    assert (res.public_passed, res.public_total, res.hidden_pending) == (2, 2, False)
    res = judge(q, lambda x: 1 / 0)
    assert (res.status, res.score) == ("error", 0)
    assert res.message == "0 of 2 checks pass: your function did not finish on any of them."
    assert res.details == ["f(1): it raised ZeroDivisionError: division by zero.",
                           "f(2): it raised ZeroDivisionError: division by zero."]
    res = judge(q, lambda x: 2 if x == 1 else None)
    assert (res.status, res.message, res.score, res.public_passed) == ("partial", "1 of 2 checks pass.", 1, 1)
    assert res.details == ["f(2) returned None (no value), expected the whole number 4 (did you forget to return "
                           "the result?).", "H"]
    res = judge(q, lambda x: 0)
    assert (res.status, res.message) == ("incorrect", "0 of 2 checks pass.")
    assert res.details == ["f(1) returned the whole number 0, expected the whole number 2. Double it.",
                           "f(2) returned the whole number 0, expected the whole number 4.", "H"]
    res = judge(q, lambda x: 1 / 0 if x == 1 else 0)
    assert res.status == "incorrect"
    res = q.judge({"state": "answered", "outputs": [{"ok": True, "value": 2}]})
    assert res.details == ["f(2): it was not run.", "H"] and res.status == "partial"
    res = q.judge({"state": "answered", "outputs": [{"ok": True, "value": 2}, {"ok": False}]})
    assert res.details[0] == "f(2): it failed."
    res = q.judge({"state": "answered"})
    assert res.status == "error"


def test_function_hidden_cases():
    """Hidden cases count in the score (not the public score), turn a public pass into 'partial' when one fails,
    and are reported by count only; without hidden cases a question that has them says they are pending."""
    q = _fn(points=3, hidden=True)
    hidden = [Case((3,), 6), Case((0,), 0)]
    res = judge(q, lambda x: 2 * x if x else 1, hidden)
    assert (res.status, res.public_score, res.score, res.hidden_passed, res.hidden_total) == ("partial", 3, 2.25, 1, 2)
    assert res.message == "All 2 checks you can see pass. Hidden checks: 1 of 2 pass."
    assert res.hidden_pending is False
    res = judge(q, lambda x: 2 * x, hidden)
    assert (res.status, res.score, res.hidden_passed) == ("correct", 3, 2)
    res = judge(q, lambda x: 0 if x == 1 else 2 * x, hidden)
    assert (res.status, res.score, res.public_score) == ("partial", 2.25, 1.5)
    short = q.judge({"state": "answered", "outputs": [{"ok": True, "value": 2}, {"ok": True, "value": 4},
                                                      {"ok": True, "value": 6}]}, hidden)
    assert (short.hidden_passed, short.hidden_total) == (1, 2)
    res = judge(q, lambda x: 2 * x)
    assert res.hidden_pending is True and res.score == res.public_score == 3
    assert res.message == "All 2 checks you can see pass. More checks, hidden from you, run when your work is graded."
    res = judge(_fn(), lambda x: 2 * x)
    assert res.hidden_pending is False and res.message == "All 2 checks you can see pass."
    empty = Function("q", name="g", cases=[])
    res = empty.judge({"state": "answered", "outputs": []})
    assert (res.status, res.public_score) == ("correct", 0.0)


def test_function_messages_for_one_visible_check():
    """A function question with one visible check says so in the singular, in each outcome."""
    q = Function("q", name="g", cases=[Case((1,), 1)])
    assert judge(q, lambda x: x).message == "The check you can see passes."
    assert judge(q, lambda x: 1 / 0).message == "0 of 1 check passes: your function did not finish on it."
    assert judge(q, lambda x: 0).message == "0 of 1 check passes."
    two = Function("q", name="g", cases=[Case((1,), 1), Case((2,), 2)])
    assert judge(two, lambda x: 1).message == "1 of 2 checks pass."


def test_every_kind_has_the_same_defaults_and_passes_its_settings_on():
    """Each kind is worth 1 point with no topic, hint or variable unless told; given ones reach the question (a
    function's variable is its name), as do declared variants."""
    kinds = [lambda **kw: Question("q1_1", **kw), lambda **kw: Number("q1_1", answer=1, **kw),
             lambda **kw: Choice("q1_1", answer="a", options="ab", **kw),
             lambda **kw: MultiChoice("q1_1", answer=["a"], options="ab", **kw),
             lambda **kw: Match("q1_1", answer={"a": 1}, **kw), lambda **kw: Text("q1_1", **kw)]
    for make in kinds:
        q = make()
        assert (q.qid, q.points, q.topic, q.hint, q.var) == ("q1_1", 1, "", "", ""), q
        extra = {} if isinstance(q, Text) else {"hint": "H"}
        q = make(points=3, topic="T", var="v", right=["r"], wrong=["w"], **extra)
        assert (q.qid, q.points, q.topic, q.var, q.right, q.wrong) == ("q1_1", 3, "T", "v", ("r",), ("w",)), q
        assert q.hint == extra.get("hint", "")
    f = Function("q1_1", name="f", cases=[])
    assert (f.points, f.topic, f.hint, f.var) == (1, "", "", "f")
    f = Function("q1_1", name="f", cases=[], points=2, topic="T", hint="H", right=["def f(): pass"])
    assert (f.qid, f.points, f.topic, f.hint, f.right) == ("q1_1", 2, "T", "H", ("def f(): pass",))
    assert Text("q1_1").min_words == 5 and Text("q1_1").points == 1
    res = judge(Number("q1_1", answer=1, points=4), 2)
    assert (res.qid, res.points) == ("q1_1", 4)


def test_norm_leaves_values_that_are_not_text():
    """norm() changes texts only: a list or a number comes back as it was."""
    q = Number("q", answer=1, aliases={"a": "b"})
    assert q.norm([1, "b"]) == [1, "b"] and q.norm(2.5) == 2.5


def test_float_allowances_are_relative_with_a_floor_of_one():
    """The float allowance is 1e-9 times the size of the value, but never less than 1e-9 (inclusive)."""
    assert qs._is_whole(1 + 0.9e-9) and not qs._is_whole(1 + 1.5e-9)
    zero = Number("q", answer=0, feedback={5: "Five."})
    assert zero.compare(1e-9)[1] == "correct" and zero.compare(5 + 1e-9)[2] == "Not quite. Five."
    assert Number("q", answer=5, feedback={0: "Zero."}).compare(1e-9)[2] == "Not quite. Zero."  # inclusive
    one = Number("q", answer=1, feedback={0.5: "Half."})
    assert one.compare(1 + 1.5e-9)[1] == "incorrect" and one.compare(0.5 + 1.5e-9)[2] != "Not quite. Half."
    assert one.compare(0.5 + 0.9e-9)[2] == "Not quite. Half."
    m = Match("q", answer={})
    assert m.same(1e-9, 0) and not m.same(1 + 1.5e-9, 1)


def test_match_goes_on_after_a_missing_item():
    """A missing item does not stop the count: later items still score."""
    q = Match("q", answer={"a": 1, "b": 2, "c": 3})
    frac, status, message, details = q.compare({"b": 2, "c": 3})
    assert (frac, status, message) == (2 / 3, "partial", "2 of 3 matched correctly.")
    assert details == ["a: no entry yet."]


def test_function_tolerance_modes():
    """compare='number' compares whole numbers within tol too; compare='exact' compares whole numbers exactly
    whatever tol is."""
    n = Function("q", name="f", cases=[], compare="number", tol=1)
    assert n.same(2, 3) and not n.same(2, 4)
    e = Function("q", name="f", cases=[], compare="exact", tol=5)
    assert not e.same(3, 2) and e.same(2, 2) and e.same(2.5, 2)


def test_function_feedback_shows_a_returned_text_up_to_60_characters():
    """A wrong returned text is described in up to 60 characters, then the expected one."""
    q = Function("q", name="f", cases=[Case((1,), "a")])
    res = judge(q, lambda x: "x" * 61)
    assert res.details[0] == "f(1) returned the text '" + "x" * 59 + "…', expected the text 'a'."
    res = judge(q, lambda x: "x" * 60)
    assert res.details[0] == "f(1) returned the text '" + "x" * 60 + "', expected the text 'a'."
