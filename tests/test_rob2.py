"""RoB 2 judgements and the overall rule (legpain.topics.rob2), the missing-data and multiplicity demos of lesson 06
(legpain.topics.trial_results, legpain.topics.stats), and question set 06."""

import itertools

import pytest

from legpain.checking import bank
from legpain.ui import figures
from legpain.topics import trial_results as results, rob2, stats, trial
from legpain.checking.bank import set06


def test_overall_rule_on_every_combination():
    """Over all 3^5 combinations: low only if all five are low; high if any is high; some concerns otherwise."""
    for combo in itertools.product(rob2.LEVELS, repeat=5):
        got = rob2.overall(list(combo))
        if "high" in combo:
            assert got == "high"
        elif all(c == "low" for c in combo):
            assert got == "low"
        else:
            assert got == "some concerns"


def test_several_concerns_can_be_judged_high_only_when_asked():
    """Two or more 'some concerns' give high only with the reviewer's judgement flag; one never does."""
    two = ["some concerns", "some concerns", "low", "low", "low"]
    one = ["some concerns", "low", "low", "low", "low"]
    assert rob2.overall(two) == "some concerns"
    assert rob2.overall(two, several_concerns_lower_confidence=True) == "high"
    assert rob2.overall(one, several_concerns_lower_confidence=True) == "some concerns"
    assert rob2.overall(["low"] * 5, several_concerns_lower_confidence=True) == "low"


def test_judgements_are_normalised_and_bad_input_is_refused():
    """Spellings like 'Low risk of bias', 'Some concerns ', '+' and 'X' are understood; wrong counts, unknown words
    and missing domains raise a clear ValueError."""
    assert rob2.normalise("Low risk of bias") == "low"
    assert rob2.normalise(" Some  Concerns ") == "some concerns"
    assert rob2.normalise("X") == "high" and rob2.normalise("+") == "low"
    assert rob2.overall({k: "low" for k, _ in rob2.DOMAINS}) == "low"
    with pytest.raises(ValueError, match="5 domains"):
        rob2.overall(["low"] * 4)
    with pytest.raises(ValueError, match="one of"):
        rob2.overall(["low", "low", "low", "low", "medium"])
    with pytest.raises(ValueError, match="no judgement"):
        rob2.overall({"randomization": "low"})


def test_course_judgements_cover_the_five_domains_in_order():
    """The course's judgements name each domain once, in the tool's order, with reasons and what was not verified;
    by the rule their overall judgement is high (driven by the measurement domain)."""
    assert [j.domain for j in rob2.COURSE_JUDGEMENTS] == [k for k, _ in rob2.DOMAINS]
    assert all(j.level in rob2.LEVELS and j.reasons and j.not_verified for j in rob2.COURSE_JUDGEMENTS)
    levels = [j.level for j in rob2.COURSE_JUDGEMENTS]
    assert rob2.overall(levels) == "high"
    assert dict(zip([k for k, _ in rob2.DOMAINS], levels))["measurement"] == "high"


@pytest.mark.parametrize("kwargs", [
    {},
    {"randomization": "low", "deviations": "low", "missing": "low", "measurement": "low", "selection": "low"},
    {"measurement": "some concerns", "several_concerns_lower_confidence": True},
])
def test_rob2_figure_is_accessible_and_shows_the_rule(kwargs):
    """The traffic-light figure passes the accessibility check and its title states the overall rule's result."""
    fig = rob2.rob2_figure(**kwargs)
    assert figures.accessibility_problems(fig) == []
    levels = [kwargs.get(k, d) for k, d in zip(
        [k for k, _ in rob2.DOMAINS], ["some concerns", "some concerns", "low", "high", "some concerns"])]
    expected = rob2.overall(levels, kwargs.get("several_concerns_lower_confidence", False))
    assert f"overall {expected}" in fig.axes[0].get_title()


def test_fill_in_missing_bounds_the_52_week_estimate():
    """Filling in the 13 missing patients moves the simulated 52-week estimate between the worst case (missing
    SMT plus HEA 0%, missing HEA 100%) and the best case; filling in each arm's observed mean leaves it unchanged."""
    data = results.simulated_trial()
    obs, _, _ = stats.diff_ci(data.smt_hea_52, data.hea_52)
    worst, _, _ = results.fill_in_missing(0, 100)
    best, _, _ = results.fill_in_missing(100, 0)
    m_smt = sum(data.smt_hea_52) / len(data.smt_hea_52)
    m_hea = sum(data.hea_52) / len(data.hea_52)
    same, _, _ = results.fill_in_missing(m_smt, m_hea)
    assert worst < obs < best and same == pytest.approx(obs)
    assert sum(results.ASSUMED_N["allocated"]) - sum(results.ASSUMED_N[52]) == (
        trial.fact("enrolled") - trial.fact("followed_52"))
    assert set06.EXERCISES[5].answer == pytest.approx(worst, abs=0.05)


def test_bank_answers_for_counts_and_multiplicity():
    """Exercise 6.2 and Check 6.5 hold 1 − 0.95^k in percent; Exercise 6.4 the number missing at 52 weeks."""
    q = {x.qid: x for x in set06.EXERCISES + set06.CHECKS}
    assert q["q6_2"].answer == pytest.approx(100 * stats.prob_any_false_positive(12), abs=0.05)
    assert q["c6_5"].answer == pytest.approx(100 * stats.prob_any_false_positive(6), abs=0.05)
    assert q["q6_4"].answer == trial.fact("enrolled") - trial.fact("followed_52")


def test_function_exercise_cases_agree_with_the_rule():
    """The public cases of Exercise 6.3 are what rob2.overall returns."""
    for case in bank.question("q6_3").cases:
        assert rob2.overall(*case.args) == case.expected


@pytest.mark.parametrize("func,kwargs", [
    (results.missing_data_figure, {}),
    (results.missing_data_figure, {"missing_smt_hea": -50, "missing_hea": 100}),
    (stats.multiplicity_figure, {"tests": 1}),
    (stats.multiplicity_figure, {"tests": 40, "alpha": 0.01}),
])
def test_lesson_06_figures_are_accessible(func, kwargs):
    """The missing-data and multiplicity figures pass the accessibility check at ordinary and extreme settings."""
    fig = func(**kwargs)
    assert figures.accessibility_problems(fig) == []
    assert fig.png()[:4] == b"\x89PNG"


def test_question_set_06_is_sane():
    """Set 06 has a Match over the five RoB 2 domains, a hidden-tested function, a free-text question, and check ids
    that match their labels."""
    a = bank.assignment("06-bias-and-limits")
    kinds = {type(q).__name__ for q in a.exercises}
    assert {"Match", "Number", "Choice", "MultiChoice", "Function", "Text"} <= kinds
    match = bank.question("q6_1")
    assert len(match.answer) == 5 and sorted(match.answer.values()) == list("abcde")
    assert all(q.qid.startswith("c6_") for q in set06.CHECKS)


def test_lesson_06_checks_and_exercises_accept_the_right_answers():
    """Each Check of lesson 06 marks its right answer correct, a wrong one incorrect with feedback; the Match gives
    partial credit per domain."""
    from legpain.checking.student import evaluate

    right = {"c6_1": ["a", "b"], "c6_3": "c", "c6_5": 26.5, "c6_7": "b", "c6_9": -3.7, "c6_8": ["a", "b", "e"]}
    wrong = {"c6_1": ["a", "b", "c"], "c6_3": "a", "c6_5": 30, "c6_7": "c", "c6_9": -0.6, "c6_8": ["a", "b"]}
    assert set(right) <= {q.qid for q in set06.CHECKS}  # other helpers add recall checks (c5_20 ...)
    for qid, answer in right.items():
        assert evaluate(qid, answer).status == "correct", qid
    for qid, answer in wrong.items():
        assert evaluate(qid, answer).status == "incorrect", qid
    half = dict(bank.question("q6_1").answer)
    half["missing outcome data"], half["measurement of the outcome"] = "b", "a"
    res = evaluate("q6_1", half)
    assert res.status == "partial" and res.score == pytest.approx(3 * 3 / 5)


@pytest.mark.parametrize("stem", ["05-results-and-what-they-mean", "06-bias-and-limits"])
def test_lessons_label_simulated_data_and_unverified_facts(stem):
    """Lessons 05 and 06 say which numbers are simulated and what could not be verified, cite the trial's DOI in a
    References section, and keep Demo/Check labels in one numbered sequence."""
    import re

    from legpain.common import notebooks
    from helpers import ROOT

    nb = notebooks.read(ROOT / "lessons" / f"{stem}.ipynb")
    md = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "simulated" in md.lower() and ("not verified" in md or "could not be read" in md)
    assert "## References" in md and "10.7326/M14-0006" in md
    n = stem[:2].lstrip("0")
    labels = [int(m) for m in re.findall(rf"### (?:Demo|Check) {n}\.(\d+)", md)]
    assert labels == list(range(1, len(labels) + 1))


def test_effect_of_interest_and_d1_reasoning():
    """RoB 2 states its effect of interest (assignment) in the course table; D1 rests on concealment and baseline
    balance, not on minimization itself, and it cites RoB 2's own guidance for question 1.1, telling it apart from the
    older RoB 1 criteria (third-edition review, row N2)."""
    from legpain.topics import rob2

    assert rob2.EFFECT_OF_INTEREST[0] == "assignment"
    assert "effect of assignment" in rob2.course_table().caption
    d1 = rob2.COURSE_JUDGEMENTS[0]
    assert d1.domain == "randomization" and d1.level == "some concerns"
    assert "concealed" in d1.reasons and "baseline" in d1.reasons and "adequate" in d1.reasons
    assert "question 1.1" in d1.reasons and "RoB 1" in d1.reasons


def test_check_6_8_matches_the_demo_and_scenarios_are_not_bounds():
    """Check 6.9's key is what Demo 6.2 shows at -50/100, and it lies beyond the 0%/100% scenario (-0.6, the key
    of Exercise 6.6): the fixed rows are scenarios, not bounds."""
    from legpain.topics import trial_results as results

    beyond = results.fill_in_missing(-50, 100)[0]
    scenario = results.fill_in_missing(0, 100)[0]
    assert bank.question("c6_9").answer == pytest.approx(beyond, abs=0.05)
    assert bank.question("q6_6").answer == pytest.approx(scenario, abs=0.05)
    assert beyond < scenario
