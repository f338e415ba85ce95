"""Questions of lesson 06 (bias and limits) and its exercise set.

Facts used (Bronfort G et al. Ann Intern Med. 2014;161(6):381-391. doi:10.7326/M14-0006, abstract): patients and
providers could not be blinded; blinded objective tests at 12 weeks; 192 enrolled, 191 (99%) followed at 12 weeks
and 179 (93%) at 52 weeks; six secondary outcomes at 12 and 52 weeks. Registry NCT00494065: masking "Single
(Outcomes Assessor)". RoB 2: Sterne JAC et al. BMJ 2019;366:l4898. The 0%/100%-scenario value of Exercise 6.6 is computed
from the SIMULATED data set and checked against legpain.topics.trial_results in tests/test_rob2.py.
"""

from ..questions import Case, Choice, Function, Match, MultiChoice, Number, Prediction, Text
from ..variants import variant
from ..draws import set06 as public

SLUG = "06-bias-and-limits"

CHECKS = [
    MultiChoice(
        "c6_1",
        answer=["a", "b"],
        options="abc",
        topic="Check 6.1: who knew which treatment a patient had",
        hint="Read the table of section 1 again: whom does the abstract say could not be blinded, and which tests "
             "does it say were blinded?",
        texts={"a": ["the patients", "patients"], "b": ["the providers", "providers"], "c": ["the people who did the objective tests", "assessors"]},
        right=[["a", "b"], ["b", "a"], ("A", "B"), "a, b", ["(a)", "(b)"], {"a", "b"}, ["patients", "providers"]],
        wrong=[["a"], ["a", "b", "c"], ["c"], ["b"]],
    ),
    Choice(
        "c6_3",
        answer="c",
        options="abc",
        topic="Check 6.3: what the missing patients could do at 52 weeks",
        feedback={
            "a": "Move both sliders to their extremes in the demo and watch the square of the second row: does it "
                 "stay put?",
            "b": "A scenario is an assumption, not an estimate of what happened. Read the text above the demo again.",
        },
        right=["c", "C", "(c)", " c ", "c)"],
        wrong=["a", "b", "(a)", "B"],
    ),
    Number(
        "c6_5",
        answer=100 * (1 - 0.95 ** 6),  # exact, 26.49...; "to one decimal"
        decimals=1,
        unit="percent",
        topic="Check 6.5: chance of at least one false positive among 6 tests",
        hint="Section 4 of lesson 06 works out the chance of at least one false positive: start from the chance "
             "that a single test stays non-significant.",
        feedback={30: "Adding the chances overcounts: two tests can both be false positives, and with enough tests "
                      "the sum would pass 100%.",
                  5: "5% is the chance for ONE test; the question asks about six.",
                  26: "The demo's label rounds to a whole percent; work it out to one decimal with the formula of "
                      "section 4."},
        right=[26.49081093750002, 26.5, 26.49, 26.491],
        wrong=[30, 5, 73.5, 0.265, 22.6, 26.1, 26.4, 26, 26.6],
    ),
    Choice(
        "c6_7",
        answer="b",
        options="abc",
        topic="Check 6.7: the overall rule with one 'some concerns'",
        feedback={
            "a": "Overall 'low' needs every domain to be low.",
            "c": "By the rule, 'high' needs at least one domain at high (or a reviewer's judgement that several "
                 "concerns together lower confidence substantially); here only one domain raises concerns.",
        },
        texts={"a": "low", "b": "some concerns", "c": "high"},
        right=["b", "B", "(b)", " b ", "b)", "some concerns", "Some concerns"],
        wrong=["a", "c", "(a)", "C", "high", "concerns"],
    ),
    Number(
        "c6_9",
        answer=-3.704166666666673,  # exact: results.fill_in_missing(-50, 100)[0]; "to one decimal"
        decimals=1,
        unit="percentage points",
        topic="Check 6.9: a scenario beyond 0% and 100%",
        feedback={-0.6: "That is the fixed 0%/100% scenario. Move the sliders to the values the check gives and "
                        "read the row 'Missing filled in as you chose'.",
                  6.6: "That is the observed estimate; move the sliders first.",
                  -13.7: "That is a limit of the interval; the check asks for the estimate (the square)."},
        low="Lower than the demo shows: did you set the SMT plus HEA slider (not the HEA-alone one) to -50?",
        high="Higher than the demo shows: did you set both sliders, and read the row 'Missing filled in as you "
             "chose'?",
        hint="Set the SMT plus HEA slider to -50 and the HEA-alone slider to 100, and read the estimate (the "
             "square) of the row you chose.",
        right=[-3.7, -3.70, -3.704, -3.704166666666673],
        wrong=[-0.6, 3.7, 6.6, -13.7, 6.3, -3.65, -3.8, -4, -3.6],
    ),
    MultiChoice(
        "c6_8",
        answer=["a", "b", "e"],
        options="abcdefg",
        topic="Check 6.8: registered secondary outcomes that the abstract does not name",
        texts={"a": ["bothersomeness"], "b": ["frequency"], "c": ["disability"], "d": ["general health status"],
               "e": ["fear avoidance"], "f": ["patient satisfaction", "satisfaction"], "g": ["medication use"]},
        hint="Put the registry's list of section 7 next to the abstract's list, and tick only the outcomes that "
             "appear in the first and not in the second.",
        right=[["a", "b", "e"], ["e", "b", "a"], ["A", "B", "E"], ["bothersomeness", "frequency", "fear avoidance"]],
        wrong=[["a", "b"], ["a", "b", "c", "e"], ["c", "d"], ["a", "b", "e", "f"]],
    ),
    Choice(
        "c6_20",
        answer="b",
        options="abc",
        topic='Check 6.20: recall, which method lets an observer predict the next assignment (lesson 04)',
        var="predictable_recall",
        feedback={
            'a': 'With simple randomization each assignment is a fresh coin toss: can knowing the past help?',
            'c': 'Look again at lesson 04, section 4: under which rule can the next assignment be worked out?',
        },
        right=["b", "(b)", " B "],
        wrong=['a', 'c'],
    ),
    Number(
        "c6_21",
        answer=100 * 179 / 192,  # exact, 93.229...; "to one decimal"
        decimals=1,
        whole=False,
        noun='',
        unit='percent',
        topic='Check 6.21: recall, follow-up at 52 weeks as a percentage (lesson 03)',
        var="pct_52_recall",
        low='Divide the patients with data by the patients enrolled, times 100.',
        high='Divide the patients with data by the patients enrolled, times 100.',
        feedback={
            6.8: 'That is the percentage missing; the question asks for the percentage with data.',
            107.3: 'Divide by the enrolled patients (the larger number).',
            93: "That is the abstract's figure rounded to a whole percentage. Work it out from the two counts, to "
                "one decimal place.",
        },
        right=[93.2, 93.23, 100 * 179 / 192, 93.229],
        wrong=[6.8, 107.3, 179, 92.9, 93, 93.3, 93.4],
    ),
    Prediction(
        "c6_22",
        answer="a",
        options="abc",
        topic="Check 6.22: predict, filling the missing patients with their group's mean",
        var="fill_mean",
        texts={"a": "it stays where it was", "b": "it moves by several points",
               "c": "it moves past zero"},
        outcome=("It stays where it was: a missing patient given exactly the observed mean of their own group leaves "
                 "that group's mean unchanged, so the estimate does not move (the interval only looks narrower, "
                 "which is why filling in one value is not a proper analysis). Only assumptions that make the missing "
                 "patients differ from those who stayed can move it."),
        feedback={
            'b': "If each missing patient gets exactly the mean of the observed patients in the same group, that "
                 "group's mean stays the same.",
            'c': "Filling in the group's own mean adds patients who are exactly average: nothing pulls the estimate.",
        },
        right=["a", "(a)", " A "],
        wrong=['b', 'c', "it moves past zero"],
    ),
    Number(
        "c6_25",
        answer=3.066666666666663,  # trial_results.fill_in_missing(0, 50): the simulated 52-week data
        decimals=1,
        unit="percentage points",
        var="estimate_0_50",
        topic="Check 6.25: explain with the demo, an assumption about the missing patients",
        feedback={6.6: "That is the estimate from the observed patients only, or with each group's own mean filled in. "
                       "Set the two sliders to the values in the question.",
                  -0.6: "That is the fixed scenario against SMT plus HEA (0% / 100%). The question asks for the row "
                        "filled in as you chose."},
        low="Set the first slider to 0 and the second to 50, then read the row 'Missing filled in as you chose'.",
        high="Set the first slider to 0 and the second to 50, then read the row 'Missing filled in as you chose'.",
        right=[3.1, 3.07, 3.1],
        wrong=[6.6, -0.6, 13.0, 3],
    ),
    Prediction(
        "c6_23",
        answer="c",
        options="abc",
        topic='Check 6.23: predict, at least one false positive among 12 tests',
        var="twelve_tests",
        texts={"a": "5%", "b": "between 5% and 10%", "c": "more than 40%"},
        outcome=("More than 40%: with 12 independent tests at the 5% level and no real effects, the chance that at "
                 "least one comes out 'significant' is 1 − 0.95¹², about 46%."),
        feedback={
            'a': '5% is the chance for one test. With 12 tests, each has its own chance of a false positive.',
            'b': 'The chance that all 12 tests stay quiet is 0.95 multiplied by itself 12 times: much less than 0.9.',
        },
        right=["c", "(c)", " C ", "more than 40%"],
        wrong=['a', 'b', "5%"],
    ),
    Number(
        "c6_26",
        answer=100 * (1 - 0.99 ** 12),
        decimals=0,
        unit="percent",
        var="chance_alpha_001",
        topic="Check 6.26: explain with the demo, 12 tests at the 1% level",
        feedback={46: "That is the chance at the 5% level. Set the significance level to 0.01 first.",
                  1: "1% is the chance for a single test at that level; the question asks about all the tests together."},
        low="Set 12 tests and a significance level of 0.01, then read the label on the curve.",
        high="Set 12 tests and a significance level of 0.01, then read the label on the curve.",
        right=[11, 11.0, 11.4],
        wrong=[46, 1, 12, 5],
    ),
    Prediction(
        "c6_24",
        answer="c",
        options="abc",
        topic='Check 6.24: predict, the overall judgement with one high domain',
        var="one_high",
        texts={"a": "low: four of the five domains are low", "b": "some concerns: a value in between", "c": "high"},
        outcome=("High. RoB 2's overall judgement is the least favourable of the domain judgements: one domain at "
                 "high risk makes the result high, however many domains are low."),
        feedback={
            'a': 'RoB 2 does not count votes: a single serious problem can bias the result by itself.',
            'b': 'RoB 2 does not average the domains: the overall judgement takes the worst one.',
        },
        right=["c", "(c)", " C ", "high"],
        wrong=['a', 'b', "some concerns: a value in between"],
    ),
    Number(
        "c6_27",
        answer=2,
        whole=True,
        noun="domains",
        var="several_concerns",
        topic="Check 6.27: explain with the demo, how many 'some concerns' the demo counts as several",
        feedback={3: "Try fewer: set only two domains to 'some concerns' and look at the overall judgement.",
                  1: "With one domain at 'some concerns' and the last menu at 'yes', what does the overall say?"},
        low="Set the last menu to 'yes', the other domains to low, and add 'some concerns' one domain at a time.",
        high="Set the last menu to 'yes', the other domains to low, and add 'some concerns' one domain at a time.",
        right=[2, 2.0, 2],
        wrong=[3, 1, 5, 4],
    ),
    # issue 26: the cumulative review of the trial part (lessons 00-06, mixed, new numbers)
    Number(
        "c6_30", answer=100 * (7 - 5.6) / 7, decimals=1, unit="percent", var="improvement_7",
        topic="Check 6.30: review, a percentage improvement from new scores (lesson 00)",
        feedback={1.4: "That is the fall in points. The question asks for the fall as a percentage of the start.",
                  25: "Divide the fall by the score at the START, not at follow-up."},
        low="Improvement = (start - follow-up) / start, times 100 (lesson 00, section 4).",
        high="Improvement = (start - follow-up) / start, times 100 (lesson 00, section 4).",
        right=[20.0, 20, 100 * (7 - 5.6) / 7], wrong=[1.4, 25, 80, 14],
    ),
    Number(
        "c6_31", answer=100 * 223 / 240, decimals=1, unit="percent", var="followed_pct",
        topic="Check 6.31: review, a follow-up percentage from new counts (lesson 03)",
        feedback={17: "That is the number of patients without data. The question asks for the percentage with data."},
        low="Divide the patients with data by the patients randomised, times 100 (lesson 03, section 6).",
        high="Divide the patients with data by the patients randomised, times 100 (lesson 03, section 6).",
        right=[92.9, 92.92, 92.917], wrong=[17, 7.1, 93, 107.6],
    ),
    Choice(
        "c6_32", answer="b", options="abc", var="next_group",
        topic="Check 6.32: review, one step of deterministic minimization (lesson 04)",
        feedback={"a": "Minimization sends the patient where the total is smaller, to reduce the imbalance.",
                  "c": "A coin decides only a tie. Are the two totals equal?"},
        right=["b", "(b)", " B "], wrong=["a", "c", "(a)"],
    ),
    Number(
        "c6_33", answer=6 - 1.96 * 2.5, decimals=1, unit="percentage points", var="lower_limit",
        topic="Check 6.33: review, the lower limit of a 95% CI from a difference and its SE (lesson 05)",
        feedback={3.5: "That subtracts 1 standard error. A 95% interval reaches 1.96 standard errors either side.",
                  10.9: "That is the upper limit. The question asks for the lower one."},
        low="Lower limit = difference - 1.96 x SE (lesson 05, section 6).",
        high="Lower limit = difference - 1.96 x SE (lesson 05, section 6).",
        right=[1.1, 1.10, 6 - 1.96 * 2.5], wrong=[3.5, 10.9, 1, 4.9],
    ),
    Number(
        "c6_34", answer=100 * (1 - 0.95 ** 8), decimals=0, unit="percent", var="chance_8",
        topic="Check 6.34: review, false positives among 8 tests (lesson 06)",
        feedback={40: "Adding 5% eight times overstates it: work out 1 - 0.95 to the power 8.",
                  5: "5% is the chance for one test."},
        low="The chance that all the tests stay quiet is 0.95 multiplied by itself once per test; take it from 1.",
        high="The chance that all the tests stay quiet is 0.95 multiplied by itself once per test; take it from 1.",
        right=[34, 33.7, 34.0], wrong=[40, 5, 66, 8],
    ),
    Choice(
        "c6_35", answer="b", options="abc", var="overall_other",
        topic="Check 6.35: review, RoB 2's overall rule on new judgements (lesson 06)",
        feedback={"a": "RoB 2 does not count votes: the overall judgement is the least favourable one.",
                  "c": "'High' needs a domain at high risk (or a reviewer's judgement that the concerns together "
                       "lower confidence, which this reviewer did not make)."},
        right=["b", "(b)", " B "], wrong=["a", "c", "(c)"],
    ),
    Choice(
        "c6_36", answer="c", options="abc", var="root_l5_s1",
        topic="Check 6.36: review, the root a paracentral herniation presses on (lesson 02)",
        feedback={"a": "L4 leaves above the L4-L5 disc: a herniation at L5-S1 is below it.",
                  "b": "The L5 root leaves through the foramen at L5-S1: which root crosses that disc on its way "
                       "down, where a paracentral herniation sits?"},
        texts={"a": "L4", "b": "L5", "c": "S1"},
        right=["c", "(c)", "S1"], wrong=["a", "b", "L5"],
    ),
]

EXERCISES = [
    Match(
        "q6_1",
        answer={
            "randomization process": "c",
            "deviations from intended interventions": "d",
            "missing outcome data": "a",
            "measurement of the outcome": "b",
            "selection of the reported result": "e",
        },
        points=3,
        var="domain_issues",
        topic="Exercise 6.1: each RoB 2 domain and the trial's issue in it",
        item_hints={
            "randomization process": "This domain asks how the groups were formed and whether the next allocation "
                                     "could be foreseen.",
            "deviations from intended interventions": "This domain asks whether the care patients actually got "
                                                      "could differ from the plan because people knew the groups.",
            "missing outcome data": "This domain asks whose outcomes are missing.",
            "measurement of the outcome": "This domain asks who measured the outcome and what they knew.",
            "selection of the reported result": "This domain asks whether the reported result was chosen among "
                                                "several outcomes or analyses.",
        },
        aliases={
            "randomization process": ["bias arising from the randomization process"],
            "deviations from intended interventions": ["deviations from the intended interventions",
                                                       "bias due to deviations from intended interventions",
                                                       "bias due to deviations from the intended interventions"],
            "missing outcome data": ["bias due to missing outcome data"],
            "measurement of the outcome": ["bias in measurement of the outcome", "outcome measurement"],
            "selection of the reported result": ["bias in selection of the reported result"],
        },
        right=[
            {"randomization process": "c", "deviations from intended interventions": "d", "missing outcome data": "a", "measurement of the outcome": "b", "selection of the reported result": "e"},
            {"randomisation process": "c", "deviations from intended interventions": "d", "missing outcome data": "a", "measurement of the outcome": "b", "selection of the reported result": "e"},
            {"Randomization process": "C", "Deviations from intended interventions": "D", "Missing outcome data": "A", "Measurement of the outcome": "B", "Selection of the reported result": "E"},
            {"randomization process": "(c)", "deviations from the intended interventions": "(d)", "missing outcome data": "(a)", "measurement of the outcome": "(b)", "selection of the reported result": "(e)"},
            {"bias arising from the randomisation process": "c", "bias due to deviations from intended interventions": "d", "bias due to missing outcome data": "a", "bias in measurement of the outcome": "b", "bias in selection of the reported result": "e"},
            {"Bias arising from the randomization process": "c", "Bias due to deviations from the intended interventions": "d", "Bias due to missing outcome data": "a", "Bias in measurement of the outcome": "b", "Bias in selection of the reported result": "e"},
        ],
        wrong=[
            {"randomization process": "c", "deviations from intended interventions": "d", "missing outcome data": "a", "measurement of the outcome": "d", "selection of the reported result": "e"},
            {"randomization process": "c", "deviations from intended interventions": "b", "missing outcome data": "a", "measurement of the outcome": "d", "selection of the reported result": "e"},
            {"randomization process": "c", "deviations from intended interventions": "d", "missing outcome data": "a", "measurement of the outcome": "b"},
            {"randomization process": "c", "randomisation process": "a", "deviations from intended interventions": "d", "missing outcome data": "a", "measurement of the outcome": "b", "selection of the reported result": "e"},
            {"randomization process": "c", "deviations from intended interventions": "d", "missing outcome data": "a", "measurement of the outcome": "b", "selection of the reported result": "e", "overall": "b"},
        ],
    ),
    variant(
        Number, "q6_2", public.PUBLIC["q6_2"],
        key=lambda n: 100 * (1 - 0.95 ** n["tests"]),
        mistakes=lambda n: [
            ("chances added", 5 * n["tests"], "Adding the chances overcounts: two tests can both be false positives, "
                                              "and with enough tests the sum would pass 100%."),
            ("no false positive at all", 100 * 0.95 ** n["tests"],
             "That is the chance of a different event. Which event does the exercise ask about?"),
            ("a proportion", 1 - 0.95 ** n["tests"], ""),
        ],
        decimals=1,
        unit="percent",
        var="chance_false_positive",
        topic="Exercise 6.2: at least one false positive among several independent tests",
        low="Section 4 of lesson 06 works out the chance of at least one false positive among several independent "
            "tests. Give the answer in percent.",
        high="Section 4 of lesson 06 works out the chance of at least one false positive among several independent "
             "tests. Give the answer in percent.",
    ),
    Function(
        "q6_3",
        name="overall_judgement",
        points=3,
        compare="text",
        hidden=True,
        topic="Exercise 6.3: the RoB 2 overall rule as a function",
        cases=[
            Case((["low", "low", "low", "low", "low"],), "low", "Every domain is low."),
            Case((["low", "low", "high", "low", "low"],), "high", "One domain is high."),
            Case((["some concerns", "low", "low", "low", "low"],), "some concerns",
                 "No domain is high, but not every domain is low."),
            Case((["low", "some concerns", "high", "low", "low"],), "high",
                 "One domain is high, whatever the others say."),
        ],
        hint="Check for 'high' first, then whether every judgement is 'low'; otherwise return 'some concerns'.",
        right=[
            "def overall_judgement(judgements):\n"
            "    if 'high' in judgements:\n"
            "        return 'high'\n"
            "    if all(j == 'low' for j in judgements):\n"
            "        return 'low'\n"
            "    return 'some concerns'",
            "def overall_judgement(judgements):\n"
            "    rank = {'low': 0, 'some concerns': 1, 'high': 2}\n"
            "    return max(judgements, key=rank.get)",
            "def overall_judgement(judgements):\n"
            "    s = set(judgements)\n"
            "    if s == {'low'}:\n"
            "        return 'Low'\n"
            "    elif 'high' in s:\n"
            "        return 'High'\n"
            "    else:\n"
            "        return 'Some concerns'",
            "def overall_judgement(judgements):\n"
            "    result = 'low'\n"
            "    for j in judgements:\n"
            "        if j == 'high':\n"
            "            return 'high'\n"
            "        if j == 'some concerns':\n"
            "            result = 'some concerns'\n"
            "    return result",
        ],
        wrong=[
            "def overall_judgement(judgements):\n"
            "    for j in judgements:\n"
            "        if j != 'low':\n"
            "            return j\n"
            "    return 'low'",
            "def overall_judgement(judgements):\n"
            "    return max(set(judgements), key=judgements.count)",
            "def overall_judgement(judgements):\n"
            "    if judgements.count('high') >= 3:\n"
            "        return 'high'\n"
            "    if all(j == 'low' for j in judgements):\n"
            "        return 'low'\n"
            "    return 'some concerns'",
            "def overall_judgement(judgements):\n"
            "    if 'some concerns' in judgements:\n"
            "        return 'some concerns'\n"
            "    if 'high' in judgements:\n"
            "        return 'high'\n"
            "    return 'low'",
        ],
    ),
    Number(
        "q6_4",
        answer=13,
        whole=True,
        noun="patients",
        var="missing_52",
        topic="Exercise 6.4: patients without data at 52 weeks",
        feedback={1: "That is how many were missing at 12 weeks.", 179: "That is how many gave data at 52 weeks.",
                  7: "7 is the percentage missing (100 - 93); the question asks for a number of patients."},
        hint="The exercise names the two trial facts you need: what does each count?",
        right=[13, 13.0, 13, 13.000000000000007],
        wrong=[179, 1, 7, 12, 6.8],
    ),
    MultiChoice(
        "q6_5",
        answer=["a", "c"],
        options="abcd",
        points=2,
        var="blinding_statements",
        topic="Exercise 6.5: blinding and a patient-reported outcome",
        hint="Read section 1 again: who rates the primary outcome, and which tests were blinded?",
        right=[["a", "c"], ["c", "a"], ("A", "C"), "a, c", ["(a)", "(c)"], {"a", "c"}],
        wrong=[["a"], ["a", "b", "c"], ["b", "d"], ["a", "c", "d"]],
    ),
    Number(
        "q6_6",
        answer=-0.5791666666666444,  # exact, from the simulated data (the model solution's sum); "to one decimal"
        decimals=1,
        unit="percentage points",
        points=2,
        # renamed from worst_case_52 (the scenario is not a worst case); notebooks handed out with the old name are
        # still graded through their check("q6_6", ...) call, which records the answer by question id
        var="scenario_against_52",
        topic="Exercise 6.6: the 0%/100% scenario against SMT plus HEA at 52 weeks (simulated data)",
        feedback={6.6: "That is the estimate from the observed patients only; add the missing patients first.",
                  13.0: "That is the 0%/100% scenario in favour of SMT plus HEA; swap the two assumed values."},
        hint="Follow the exercise's assumptions step by step: each group has 96 patients once the missing ones are "
             "added back, and the difference is SMT plus HEA minus HEA alone.",
        right=[-0.5791666666666444, -0.6, -0.58, -0.579],
        wrong=[6.6, 13.0, 0.6, -6.6, -1, -0.5, -0.7],
    ),
    variant(
        Choice, "q6_7", public.PUBLIC["q6_7"],
        answer="b",
        options="abcd",
        var="applies_to",
        topic="Exercise 6.7: who the results apply to",
        feedback={
            "a": "The trial enrolled only adults aged 21 or older with leg pain for at least 4 weeks.",
            "c": "Leg pain for at least 4 weeks was required; a pain of 1 week is outside the trial's population.",
            "d": "The registry's entry criterion asked for leg pain above 3 on a 0 to 10 scale; read section 5 again.",
        },
        right=["b", "B", "(b)", " b ", "b)"],
        wrong=["a", "c", "d", "(a)", "D"],
    ),
    Text(
        "q6_8",
        points=3,
        min_words=40,
        var="measurement_judgement",
        topic="Exercise 6.8: your own judgement for the measurement domain",
    ),
]
