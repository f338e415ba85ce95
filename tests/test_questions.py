"""Question kinds: right answers pass, wrong ones get specific feedback, and no message reveals the answer."""

import numpy as np
import pytest

from legpain.checking.questions import Case, Choice, Function, Match, MultiChoice, Number, Text


def judge(q, answer):
    return q.judge(q.capture(answer))


def all_text(res):
    return res.message + " " + " ".join(res.details)


NUM = Number("q9_1", answer=192, whole=True, noun="patients", feedback={191: "That is the 12-week follow-up."},
             hint="Read the abstract again.")


@pytest.mark.parametrize("answer", [192, 192.0, np.int64(192), np.float64(192.0), np.array(192)])
def test_number_accepts_equivalent_types(answer):
    """Ints, floats and numpy scalars of the right value all count."""
    assert judge(NUM, answer).status == "correct"


def test_number_tolerance_is_stated_and_applied():
    """Within the stated tolerance counts; the message says the tolerance."""
    q = Number("q9_2", answer=0.1, tol=0.01)
    res = judge(q, 0.10000001)
    assert res.status == "correct" and "±0.01" in res.message
    assert judge(q, 0.2).status == "incorrect"


@pytest.mark.parametrize(
    "answer, words",
    [
        ("192", "got the text '192'. Remove the quotes"),
        ("many", "got the text 'many'"),
        (True, "yes/no value"),
        (192.5, "not whole"),
        ([192], "one value, not a list"),
        (float("nan"), "nan"),
    ],
)
def test_number_explains_wrong_types(answer, words):
    """A wrong kind of answer is 'invalid' with a message in plain words, never a traceback."""
    res = judge(NUM, answer)
    assert res.status == "invalid"
    assert words in res.message
    assert "whole number of patients" in res.message


def test_number_feedback_for_a_common_slip_and_never_the_answer():
    """A known wrong value gets its own explanation; no message contains the expected value."""
    res = judge(NUM, 191)
    assert res.status == "incorrect" and "12-week" in res.message and "Read the abstract" in all_text(res)
    for wrong in (191, 1, 500, "x", None, ...):
        assert "192" not in all_text(judge(NUM, wrong))


def test_unanswered_placeholders():
    """The placeholder ... and None are 'not answered yet', not errors."""
    assert judge(NUM, ...).status == "unanswered"
    res = judge(NUM, None)
    assert res.status == "unanswered" and "None" in res.message


CHOICE = Choice("q9_3", answer="c", options="abcd", feedback={"a": "Option a is about something else."})


@pytest.mark.parametrize("answer", ["c", "C", " c ", "(c)", np.str_("c")])
def test_choice_accepts_letter_forms(answer):
    """Letters are accepted in any case, with spaces or brackets."""
    assert judge(CHOICE, answer).status == "correct"


def test_choice_feedback_and_types():
    """A wrong letter gets its own feedback; a number or unknown letter is explained, and the answer is not named."""
    res = judge(CHOICE, "a")
    assert res.status == "incorrect" and "something else" in res.message
    res = judge(CHOICE, 3)
    assert res.status == "invalid" and "in quotes" in res.message
    res = judge(CHOICE, "z")
    assert res.status == "invalid" and "'a', 'b', 'c' or 'd'" in res.message
    assert "'c' is" not in all_text(judge(CHOICE, "b"))


def test_multichoice_never_counts_picks():
    """Select-all-that-apply: exact set needed, in any container or letter form; a wrong set is told so without
    counts of right, wrong or missing picks (counts let a few retries find the set)."""
    q = MultiChoice("q9_4", answer=["a", "c"], options="abcd", texts={"c": "the third one"})
    for right in (["c", "a"], "a, c", ("A", "(c)"), {"a", "c"}, ["a", "c", "a"], ["a", "the third one"]):
        assert judge(q, right).status == "correct", right
    messages = {judge(q, w).message for w in (["a", "b"], ["a"], ["a", "b", "c"], ["b", "d"])}
    assert len(messages) == 1 and not any(ch.isdigit() for ch in messages.pop())
    assert judge(q, ["x"]).status == "invalid"
    assert judge(q, ["ac"]).status == "invalid"  # not a substring game
    assert judge(q, ["third"]).status == "invalid"


@pytest.mark.parametrize("answer", ["L4–L5", "l4-l5", "L4-5", "L4/5", " l4 — L5 ", "L4−L5"])
def test_match_keys_with_any_dash_or_level_spelling(answer):
    """Spinal levels written as the lessons write them (en dash), or 'L4-5', or in any case, name the same item."""
    q = Match("q9_11", answer={"L4-L5": "L5"})
    assert judge(q, {answer: "l5"}).status == "correct"


def test_match_colliding_keys_are_ambiguous_and_extras_cost_points():
    """Two keys that differ only in case are not checked (no last-one-wins); an extra entry is not ignored."""
    q = Match("q9_12", answer={"L4": "knee", "L5": "none"}, aliases={"none": ["no reflex"]})
    res = judge(q, {"L4": "knee", "L5": "none", "l5": "ankle"})
    assert res.status == "invalid" and "same item" in res.message
    res = judge(q, {"L4": "knee", "L5": "none", "S1": "ankle"})
    assert res.status == "partial" and res.public_score < q.points
    for l5 in (None, "None", "no reflex", " NONE "):
        assert judge(q, {"L4": "Knee.", "L5": l5}).status == "correct", l5
    assert judge(q, {"L4": "knee", "L5": "ankle"}).status == "partial"


def test_match_count_only_for_two_way_items():
    """name_items=False: the feedback says how many are right, not which, so one retry cannot flip the wrong ones."""
    q = Match("q9_13", answer={"x": "up", "y": "down"}, name_items=False, item_hints={"x": "Think."})
    res = judge(q, {"x": "up", "y": "up"})
    assert res.status == "partial" and "x" not in " ".join(res.details) and "y:" not in " ".join(res.details)


def test_normalisation_spellings_letters_and_whole_floats():
    """British spellings, bracketed letters, option words and a whole number with float error are accepted."""
    from legpain.checking.questions import norm_text

    assert norm_text("Randomisation  process") == norm_text("randomization process")
    assert norm_text("(b)") == norm_text("b)") == norm_text("B") == "b"
    assert Number("q9_14", answer=13, whole=True).judge({"state": "answered", "value": 192 * (1 - 179 / 192)}).passed
    c = Choice("q9_15", answer="b", options="abc", texts={"b": ["some concerns"], "c": "high"})
    assert judge(c, "Some concerns").status == "correct" and judge(c, "concerns").status == "invalid"
    assert judge(c, "option b").status == "correct" and judge(c, "bc").status == "invalid"
    assert judge(c, "HIGH").status == "incorrect"


def test_match_gives_partial_credit_per_item():
    """Matching: a point share per right item, and feedback naming the items to look at again."""
    q = Match("q9_5", answer={"L4": "knee jerk", "S1": "ankle jerk"}, points=2, item_hints={"S1": "Which tendon?"})
    res = judge(q, {"l4": "Knee-jerk", "S1": "knee jerk"})
    assert res.status == "partial" and res.public_score == pytest.approx(1.0)
    assert any("S1" in d and "Which tendon" in d for d in res.details)
    assert "ankle" not in all_text(res)
    assert judge(q, {"L4": "knee jerk", "S1": "ankle jerk"}).status == "correct"
    assert judge(q, ["knee"]).status == "invalid"


FUNC = Function(
    "q9_6",
    name="double",
    points=2,
    compare="number",
    hidden=True,
    cases=[Case((1,), 2.0), Case((2.5,), 5.0, "Check decimals."), Case((-1,), -2.0)],
)


def test_function_right_wrong_and_partial():
    """A function is run on each case; partial credit, and per-case feedback that sets the value returned against
    the value expected for a case the student can see."""
    assert judge(FUNC, lambda x: 2 * x).status == "correct"
    res = judge(FUNC, lambda x: x + 1)
    assert res.status == "partial" and res.public_score == pytest.approx(2 / 3)
    assert "double(2.5) returned the number 3.5, expected the number 5.0 (numbers within ±1e-06)." in all_text(res)


def test_function_unanswered_raises_loops_and_none():
    """A stub is 'not answered'; errors, endless loops and a missing return are reported per case."""

    def stub(x):
        raise NotImplementedError("Exercise 9.6")

    assert judge(FUNC, stub).status == "unanswered"

    def boom(x):
        return 1 / 0

    res = judge(FUNC, boom)
    assert res.status == "error" and "ZeroDivisionError" in all_text(res)

    def loop(x):
        while True:
            pass

    res = judge(FUNC, loop)
    assert res.status == "error" and "more than" in all_text(res) and "not run" in all_text(res)

    res = judge(FUNC, lambda x: None)
    assert "forget to return" in all_text(res)
    assert judge(FUNC, 42).status == "invalid"


def test_function_hidden_cases_count_but_stay_secret():
    """Hidden cases change the score, are counted in the message, and their inputs and outputs are not shown."""
    hidden = [Case((100,), 200.0), Case((7,), 14.0)]
    f = lambda x: 2 * x if x < 50 else 0  # noqa: E731
    res = FUNC.judge(FUNC.capture(f, [c.args for c in hidden]), hidden)
    assert res.public_passed == 3 and res.hidden_passed == 1 and res.hidden_total == 2
    assert res.status == "partial" and res.score == pytest.approx(2 * 4 / 5)
    assert "Hidden checks: 1 of 2" in res.message
    assert "100" not in all_text(res) and "200" not in all_text(res)
    # without hidden cases, the student hears that more exist
    assert "hidden from you" in judge(FUNC, lambda x: 2 * x).message


def test_function_input_is_copied_between_cases():
    """A function that changes its argument cannot spoil later cases."""
    q = Function("q9_7", name="pop", cases=[Case(([1, 2],), 2), Case(([1, 2],), 2)])

    def pop(xs):
        return xs.pop()

    assert judge(q, pop).status == "correct"


def test_text_is_recorded_for_manual_grading():
    """Free text is kept, never scored automatically, and short text is 'not answered yet'."""
    q = Text("q9_8", points=2, min_words=4)
    res = judge(q, "I would ask who paid for it.")
    assert res.status == "recorded" and res.manual and res.public_score == 0
    assert judge(q, "no idea").status == "unanswered"
    assert judge(q, 5).status == "invalid"


def test_function_compares_sequences_and_dicts_item_by_item():
    """A function returning (difference, low, high) is right within tolerance, item by item; shape matters."""
    q = Function("q9_9", name="diff_ci", compare="number", tol=0.01, cases=[Case(((1, 2),), (1.5, 1.0, 2.0))])
    assert judge(q, lambda xs: (1.501, 0.999, 2.0)).status == "correct"
    assert judge(q, lambda xs: [1.5, 1.0]).status == "incorrect"
    assert judge(q, lambda xs: 1.5).status == "incorrect"
    d = Function("q9_10", name="tally", cases=[Case(("x",), {"a": 1, "b": 2})])
    assert judge(d, lambda s: {"b": 2, "a": 1}).status == "correct"
    assert judge(d, lambda s: {"a": 1}).status == "incorrect"


def test_function_timer_leaves_an_outer_timer_running():
    """A check inside a timed cell (the grader's per-cell limit) must not cancel that outer timer."""
    import signal
    import time

    fired = []
    old = signal.signal(signal.SIGALRM, lambda *a: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        assert judge(FUNC, lambda x: 2 * x).status == "correct"
        left = signal.getitimer(signal.ITIMER_REAL)[0]
        assert 0 < left <= 0.5
        time.sleep(0.6)
        assert fired == [1]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def test_number_low_and_high_hints_go_the_right_way():
    """A value below the answer gets the 'low' hint, one above gets the 'high' hint (never swapped)."""
    q = Number("q9_16", answer=10, tol=0.5, low="LOW-HINT", high="HIGH-HINT")
    assert "LOW-HINT" in judge(q, 3).message and "HIGH-HINT" not in judge(q, 3).message
    assert "HIGH-HINT" in judge(q, 30).message and "LOW-HINT" not in judge(q, 30).message


def test_match_values_compare_numbers_and_letters_loosely_but_not_types():
    """7.0 counts for 7 and '(b)' for 'b'; the text '7' does not count for the number 7, nor True for 1."""
    q = Match("q9_17", answer={"x": 7, "y": "b"})
    assert judge(q, {"x": 7.0, "y": "(B)"}).status == "correct"
    assert judge(q, {"x": "7", "y": "b"}).status == "partial"
    assert judge(Match("q9_18", answer={"x": 1}), {"x": True}).status == "incorrect"


@pytest.mark.parametrize("key", ["follow-up", "follow_up", "Follow up", "follow\u2013up", "FOLLOW_UP"])
def test_match_keys_read_an_underscore_as_a_dash_or_space(key):
    """Check 0.6: the lessons spell the key 'follow-up' where the template says follow_up; both name the item
    (issue 25), and the two spellings at once are one item given twice, not two items."""
    q = Match("q9_19", answer={"baseline": 8, "follow_up": 2})
    assert judge(q, {"baseline": 8, key: 2}).status == "correct"
    q2 = Match("q9_20", answer={"follow-up": 2})
    assert judge(q2, {key: 2}).status == "correct"
    res = judge(q, {"baseline": 8, "follow_up": 2, "follow-up": 2})
    assert res.status == "invalid" and "same item" in res.message


@pytest.mark.parametrize("answer", [["a, c, d"], ["a, c", "d"], ["a c d"], ("a;c;d",), ["(a), (c), (d)"], "a, c, d"])
def test_multichoice_splits_each_text_of_a_list_as_a_bare_text(answer):
    """Check 2.27, Exercise 9.10: ["a, c, d"] (one text in a list) is read as the bare text "a, c, d" is (issue 25);
    option words with a space stay whole, and a list of texts is not a substring game."""
    q = MultiChoice("q9_21", answer=["a", "c", "d"], options="abcde", texts={"e": "some concerns"})
    assert judge(q, answer).status == "correct", answer
    assert judge(q, ["a, c, d, b"]).status == "incorrect"
    assert judge(q, ["a, c, d, some concerns"]).status == "incorrect"
    assert judge(q, ["some concerns"]).status == "incorrect"
    assert judge(q, ["a, c, x"]).status == "invalid" and "'x'" in judge(q, ["a, c, x"]).message
    assert judge(q, ["acd"]).status == "invalid"


def test_slash_labels_with_or_without_spaces_are_one_label():
    """Exercise 8.1: "unsupported / unverifiable" (as the demo prints the verdicts) is "unsupported/unverifiable"
    (issue 25); spinal levels written "L4 / L5" are still levels."""
    from legpain.checking.questions import norm_text

    assert norm_text("Unsupported / unverifiable") == norm_text("unsupported/unverifiable")
    assert norm_text("overstated /misleading") == norm_text("overstated/misleading")
    assert norm_text("L4 / L5") == norm_text("L4-5") == "l4 l5"
    q = Match("q9_22", answer={"s4": "unsupported or unverifiable"},
              aliases={"unsupported or unverifiable": ["unsupported/unverifiable"]})
    assert judge(q, {"s4": "unsupported / unverifiable"}).status == "correct"
    assert judge(q, {"s4": "Unsupported  /  Unverifiable."}).status == "correct"


def test_number_tolerance_follows_the_precision_asked_for():
    """'To one decimal' with the exact value stored (Check 6.21: 100 * 179 / 192 = 93.23): every correct rounding
    counts, the neighbours do not (issue 25: 93 and 93.4 were accepted by a tolerance centred on 93.2), and a value
    rounded further than asked or rounded the wrong way is told so."""
    q = Number("q9_23", answer=100 * 179 / 192, decimals=1, low="LOW", high="HIGH")
    assert q.tol == pytest.approx(0.05)
    for right in (93.2, 93.23, 93.229, 100 * 179 / 192, np.float64(93.2)):
        res = judge(q, right)
        assert res.status == "correct" and "one decimal" in res.message, right
    for wrong in (93, 93.4, 93.3, 93.1, 92.9, 6.8):
        assert judge(q, wrong).status == "incorrect", wrong
    assert "Give it to one decimal" in judge(q, 93).message
    assert "last digit" in judge(q, 93.3).message and "last digit" not in judge(q, 93.1).message
    assert "HIGH" in judge(q, 93.4).message and "LOW" in judge(q, 92.9).message
    for wrong in (93, 93.3, 93.4):
        assert "93.2" not in all_text(judge(q, wrong))


def test_number_two_decimals_rejects_the_mixed_up_calculation():
    """Check 2.8 ('two decimals', exact 0.08 / 0.28 = 0.2857): 0.29 and 0.286 count; 0.31 (the mixed-up calculation
    the question warns against, accepted by the old ±0.02 round 0.29) does not; 0.28 (cut off) and 0.3 (one
    decimal) are told what is wrong with their rounding."""
    q = Number("q9_24", answer=(1 - 0.92) / 0.28, decimals=2)
    assert q.tol == pytest.approx(0.005)
    for right in (0.29, 0.286, 0.2857, 0.08 / 0.28):
        assert judge(q, right).status == "correct", right
    res = judge(q, 0.31)
    assert res.status == "incorrect" and "round" not in res.message
    assert "last digit" in judge(q, 0.28).message
    assert "Give it to two decimals" in judge(q, 0.3).message


def test_number_precision_boundaries_and_settings():
    """A value exactly half-way (0.285 to two decimals) counts both ways it can be rounded (float slack); an
    explicit tol wins over decimals; decimals must be a whole number of places."""
    q = Number("q9_25", answer=0.285, decimals=2)
    assert judge(q, 0.28).status == judge(q, 0.29).status == "correct"
    assert judge(q, 0.27).status == judge(q, 0.30).status == "incorrect"
    assert Number("q9_26", answer=5, decimals=0).tol == 0.5
    assert Number("q9_27", answer=68, tol=3, decimals=0).tol == 3
    assert Number("q9_28", answer=1).tol == 0 and Number("q9_28", answer=1).decimals is None
    for bad in (-1, 1.5, True):
        with pytest.raises(ValueError):
            Number("q9_29", answer=1, decimals=bad)


def test_function_shows_returned_against_expected_for_public_cases_only():
    """Exercise 5.3 (issue 28): a failing case the student can see sets the list returned against the list expected
    (rounded so they can be compared, with the tolerance); a failing hidden case shows neither its input nor its
    output, only the count."""
    q = Function("q9_30", name="ci", compare="number", tol=0.01, hidden=True,
                 cases=[Case(([1, 2, 3, 4, 5], [1, 1, 2, 2]), [1.5, 0.0031, 2.9969], "Check the variances.")])
    res = judge(q, lambda a, b: [1.5, 0.16705581, 2.83294419])
    line = res.details[0]
    assert line == ("ci([1, 2, 3, 4, 5], [1, 1, 2, 2]) returned the list [1.5, 0.167056, 2.83294], expected the list "
                    "[1.5, 0.0031, 2.9969] (numbers within ±0.01). Check the variances.")
    hidden = [Case(([7, 8], [9, 9, 9]), [-1.5, -2.4321, -0.5679])]
    res = q.judge(q.capture(lambda a, b: [1.5, 0.0031, 2.9969], [c.args for c in hidden]), hidden)
    assert res.status == "partial" and "Hidden checks: 0 of 1 pass." in res.message
    text = all_text(res)
    assert "2.4321" not in text and "[7, 8]" not in text and "-1.5" not in text
    # two values that look the same at 6 digits are shown in full
    close = Function("q9_31", name="f", cases=[Case((1,), [1.0])])
    assert "returned the list [1.0000011], expected the list [1.0]" in judge(close, lambda x: [1.0000011]).details[0]


def test_multichoice_with_parts_gives_credit_per_statement_when_graded():
    """Exercise 5.6 (issue 28): four statements, each true or false, declared with parts=True. The grade gives each
    statement judged rightly a share and takes one away for each judged wrongly (never below 0), so one slip costs
    part of the points, and picking everything (or nothing right) earns nothing. What check() shows stays
    whole-or-nothing, with one message for every wrong set, so that retries cannot search for the set."""
    q = MultiChoice("q9_32", answer=["b", "d"], options="abcd", points=2, parts=True)
    expected = {("b", "d"): 2, ("b",): 1, ("d",): 1, ("a", "b", "d"): 1, ("b", "c", "d"): 1, ("a", "b", "c", "d"): 0,
                ("a", "c"): 0, ("a",): 0, ("b", "c"): 0}
    messages = set()
    for picks, score in expected.items():
        res = judge(q, list(picks))
        assert res.score == pytest.approx(score), picks
        assert res.public_score == (2 if score == 2 else 0), picks
        if score < 2:
            assert res.status == "incorrect"
            messages.add(all_text(res))
    assert len(messages) == 1 and "graded" in messages.pop()
    assert judge(q, "b, d").score == 2 and judge(q, []).score == 0 and judge(q, ["x"]).score == 0
    plain = MultiChoice("q9_33", answer=["b", "d"], options="abcd", points=2)
    assert judge(plain, ["b"]).score == 0 and "graded" not in judge(plain, ["b"]).message


def test_graded_set_marks_credit_for_parts_as_partial():
    """The grader's judging (public=False) gives Exercise 5.6 its per-statement credit and calls it 'partial';
    check_all()'s judging (public=True) shows the whole-or-nothing public score."""
    from legpain.checking import bank, student as checks, scoring

    slug = bank.assignment(5).slug
    captured = checks.collect_answers(slug, namespace={}, recorded={"q5_6": ["b"]})
    graded = {r.qid: r for r in scoring.judge_set(slug, captured, public=False).results}
    public = {r.qid: r for r in scoring.judge_set(slug, captured, public=True).results}
    assert (graded["q5_6"].status, graded["q5_6"].score) == ("partial", 1.0)
    assert (public["q5_6"].status, public["q5_6"].public_score) == ("incorrect", 0.0)


def test_match_key_aliases_name_keys_and_never_values():
    """A Match's key_aliases let a key be written another way ("C" for "Comparison"), while a value that happens to
    be such a name ("comparison" where a letter was asked) is not read as that letter (review of lessons 03-06, N7)."""
    from legpain.checking.questions import Match

    q = Match("qx_1", answer={"Comparison": "c", "Outcome": "a"}, key_aliases={"Comparison": ["C"], "Outcome": ["O"]})
    assert q.judge(q.capture({"C": "c", "O": "a"})).status == "correct"
    assert q.judge(q.capture({"Comparison": "comparison", "Outcome": "a"})).status != "correct"


def test_match_vocabulary_tells_a_wording_slip_from_a_wrong_judgement():
    """A value that is none of the question's words gets "not one of the words this question uses", while a wrong
    word from the list gets the item's hint (review 01-02 and 07-09: "look again" for a wording slip misled)."""
    from legpain.checking import bank

    q = bank.question("q2_3")
    slip = q.judge(q.capture({"L4": "knee", "L5": "absent-ish", "S1": "ankle"}))
    assert any("not one of the words" in d for d in slip.details)
    wrong = q.judge(q.capture({"L4": "ankle", "L5": "none", "S1": "ankle"}))
    assert not any("not one of the words" in d for d in wrong.details)
    v = bank.question("q8_1")
    res = v.judge(v.capture({"s1": "accurate", "s2": "a bit off", "s3": "wrong", "s4": "unsupported",
                             "s5": "overstated"}))
    assert any("s2" in d and "not one of the words" in d for d in res.details)
