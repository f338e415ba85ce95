"""Questions of lesson 05 (the trial's results and what they mean) and its exercise set.

Facts used (Bronfort G et al. Ann Intern Med. 2014;161(6):381-391. doi:10.7326/M14-0006, abstract): difference in
leg-pain improvement 10 percentage points (95% CI 2 to 19; P = 0.008) at 12 weeks and 7 (95% CI -2 to 15;
P = 0.146) at 52 weeks. MIC per Ostelo RWJG et al. Spine 2008;33:90-94 (30% improvement, an individual patient's
change). Values computed from the SIMULATED data set (legpain.topics.trial_results.simulated_trial()) are checked against the
simulator in tests/test_stats.py, so the answers below cannot drift from the data.
"""

import math

from ..questions import Case, Choice, Function, MultiChoice, Number, Prediction, Text
from ..variants import variant
from ..draws import set05 as public

SLUG = "05-results-and-what-they-mean"

CHECKS = [
    Choice(
        "c5_1",
        answer="b",
        options="abc",
        topic="Check 5.1: what a difference in percentage points means",
        feedback={
            "a": "That would be a relative difference (10% of the other group's improvement). Percentage POINTS "
                 "subtract one percentage from another; read section 2 again.",
            "c": "The abstract gives the difference in percentage points, not in points on a 0-10 pain scale (a "
                 "10-point difference would span that whole scale); read section 2 again.",
        },
        right=["b", "B", "(b)", " b ", "b)"],
        wrong=["a", "c", "(a)", "C"],
    ),
    Choice(
        "c5_2",
        answer="b",
        options="abcd",
        topic="Check 5.2: which confidence interval includes zero",
        feedback={
            "a": "Look at the 12-week interval's lower limit: is it below zero?",
            "c": "Look at each interval's lower limit in the figure of section 3: which side of zero is each on?",
            "d": "Look at each interval's lower limit in the figure of section 3: which side of zero is each on?",
        },
        texts={"a": ["the 12-week interval", "12-week", "12 weeks"], "b": ["the 52-week interval", "52-week", "52 weeks"], "c": "both", "d": "neither"},
        right=["b", "B", "(b)", " b ", "b)", "52 weeks"],
        wrong=["a", "c", "d", "(a)", "D", "both"],
    ),
    Number(
        "c5_4",
        answer=5,
        whole=True,
        noun="trials",
        topic="Check 5.4: how many 95% intervals miss the true value",
        low="Move the repeat set of the twenty-repeats demo several times and count the intervals that miss "
            "(diamond markers); then read again, in section 4, what the method promises in the long run.",
        high="Move the repeat set of the twenty-repeats demo several times and count the intervals that miss "
             "(diamond markers); then read again, in section 4, what the method promises in the long run.",
        feedback={95: "Read the question again: which intervals does it count? The demo marks them with a diamond."},
        right=[5, 5.0],
        wrong=[95, 0, 10, 50, 1, 4, 6],
    ),
    Choice(
        "c5_5",
        answer="b",
        options="abc",
        topic="Check 5.5: what the 52-week interval says",
        feedback={
            "a": "That is the mistake Altman and Bland warn about: a non-significant result is usually an absence "
                 "of evidence, not evidence of no effect. Look at how far the interval reaches above zero.",
            "c": "Most of the interval lies above zero, and its point estimate favours SMT plus HEA. Read section 5 "
                 "again.",
        },
        right=["b", "B", "(b)", " b ", "b)"],
        wrong=["a", "c", "(a)", "C"],
    ),
    Number(
        "c5_6",
        answer=56.60444444444447,  # exact: sum(data.smt_hea_52) / len(data.smt_hea_52); "to one decimal"
        decimals=1,
        unit="percent",
        topic="Check 5.6: the mean improvement of one simulated group at 52 weeks",
        hint="Take the mean of data.smt_hea_52: its sum divided by its length.",
        feedback={50.0: "That is the HEA-alone group; the question asks about SMT plus HEA.",
                  60.4: "That is the 12-week mean; use the 52-week list."},
        right=[56.60444444444447, 56.6, 56.60, 56.604],
        wrong=[50.0, 60.4, 6.6, 0.566, 56.55, 56.7, 56.5, 57],
    ),
    Number(
        "c5_8",
        answer=93.37,  # 100 * stats.power(96, 15, 30), "as a percentage" read off the demo: a whole percent
        decimals=0,
        unit="percent",
        topic="Check 5.8: power for a difference chosen in advance (a design question)",
        hint="Set the demo to 96 patients per group, the planner's difference of 15 points and a spread of 30, and "
             "read the orange dot on the power curve (as a percentage).",
        feedback={64: "That is the power at the demo's starting setting, computed with the trial's own observed "
                      "difference: observed power. Set the true difference to the one the planner chose.",
                  80: "80% is the usual target drawn as a dotted line; read where the orange dot sits instead."},
        right=[93, 93.4, 93.37, 93.0],
        wrong=[64, 80, 0.93, 97, 50],
    ),
    Choice(
        "c5_9",
        answer="b",
        options="abc",
        topic="Check 5.9: what Ostelo's 30% threshold is for",
        feedback={
            "a": "Ostelo and colleagues' threshold is not defined for a difference between two groups' averages. Read "
                 "the definition they give, quoted in section 8.",
            "c": "The threshold is not about two patients compared at one moment. Read the definition quoted in "
                 "section 8, and notice the word 'improvement'.",
        },
        right=["b", "B", "(b)", " b ", "b)"],
        wrong=["a", "c", "(a)", "C"],
    ),
    Choice(
        "c5_11",
        answer="b",
        options="abc",
        topic="Check 5.11: what the responder cut-off changes",
        feedback={
            "a": "The patients' numbers do not change when you move the cut-off, so their mean cannot change either.",
            "c": "Move the cut-off from 30% to 75% and watch the green bar: does its length stay the same?",
        },
        right=["b", "B", "(b)", " b ", "b)"],
        wrong=["a", "c", "(a)", "C"],
    ),
    Choice(
        "c5_12",
        answer="b",
        options="abcd",
        topic="Check 5.12: reading the 12-week interval against clinical importance",
        feedback={
            "a": "Look at the lower limit of the interval, not only at the point estimate: is a difference that "
                 "small important?",
            "c": "A P value says how well the data fit 'no difference'; it says nothing about how large the "
                 "difference is. Read section 3 again.",
            "d": "An interval that reaches large differences as well as small ones does not show that the effect is "
                 "trivial; read the ways of reading an interval against a threshold, above Check 5.12.",
        },
        right=["b", "B", "(b)", " b ", "option b"],
        wrong=["a", "c", "d", "A"],
    ),
    Choice(
        "c5_13",
        answer="a",
        options="abc",
        topic="Check 5.13: what power computed from the observed result adds",
        feedback={
            "b": "That is the reading the warning in section 7 is about. Where did the 10 points and the SD of 30 "
                 "come from?",
            "c": "Power can be computed for any result; the question is what it adds once the trial is done. "
                 "Read the warning in section 7.",
        },
        right=["a", "A", "(a)", " a ", "option a"],
        wrong=["b", "c", "B", "(c)"],
    ),
    Choice(
        "c5_14",
        answer="b",
        options="abcd",
        topic="Check 5.14: what 'no serious treatment-related adverse events' means",
        feedback={
            "a": "Read the sentence again, word by word: which events does it talk about?",
            "c": "One trial of 192 patients reports on its own patients. How often are serious events after "
                 "manipulation estimated to happen, and could a trial this size see them?",
            "d": "Serious events after manipulation are estimated to be rare. How many patients would a trial need "
                 "to see even one?",
        },
        right=["b", "B", "(b)", " b ", "option b"],
        wrong=["a", "c", "d", "(a)"],
    ),
    Number(
        "c5_15",
        answer=100 * 3 / 96,
        decimals=1,
        unit="percent",
        topic="Check 5.15: the rule of three for no serious events in the SMT plus HEA group",
        feedback={0: "No events in one trial is not the same as no risk: read how the rule of three in section 11 "
                     "turns zero events into an upper limit.",
                  1.6: "That counts both groups. The check asks about the patients who had SMT plus HEA.",
                  3: "The check asks for one decimal; a whole number is too coarse here."},
        low="Smaller than the rule of three gives: read the rule in section 11 again, use the number of patients in "
            "the SMT plus HEA group, and give a percentage, not a proportion.",
        high="Larger than the rule of three gives: read the rule in section 11 again, and use the number of "
             "patients in the SMT plus HEA group.",
        right=[3.125, 3.1, 3.13, 3.12],
        wrong=[0, 1.6, 3, 0.03, 3.2, 31.25],
    ),
    Number(
        "c5_20",
        answer=20,
        tol=0.5,
        whole=False,
        noun='',
        unit='percent',
        topic='Check 5.20: recall, percentage improvement (lesson 00)',
        var="improvement_5_to_4",
        low='Improvement is the fall divided by the starting score, times 100.',
        high='Improvement is the fall divided by the starting score, times 100.',
        feedback={
            1: 'That is the fall in points; the question asks for a percentage of the starting score.',
            25: 'Divide by the starting score, not the later one.'
        },
        right=[20, 20.0, 20.2],
        wrong=[1, 25, 80, 10],
    ),
    Choice(
        "c5_21",
        answer="a",
        options="abcd",
        topic="Check 5.21: recall, the trial's comparison (lesson 03)",
        var="comparison_recall",
        feedback={
            'b': 'Was anyone in this trial given a dummy treatment? Look again at lesson 03, section 2.',
            'c': 'No one in the trial was operated on. Look again at lesson 03, section 2.',
            'd': 'Both groups received something. Look again at lesson 03, section 2.',
        },
        right=["a", "(a)", " A "],
        wrong=['b', 'c', 'd'],
    ),
    Prediction(
        "c5_22",
        answer="a",
        options="abc",
        topic='Check 5.22: predict, interval width when the sample is halved',
        var="halve_n",
        texts={"a": "they get wider", "b": "they get narrower", "c": "they stay the same"},
        outcome=("Wider. With half the patients per group, each group's mean is less precise, and every interval "
                 "widens by about the square root of 2 (1.4 times): in the demo the average width grows from 16.9 "
                 "to 23.9 percentage points when 96 patients per group become 48."),
        feedback={
            'b': "With fewer patients, each group's mean is estimated less precisely, not more.",
            'c': 'The width depends on the spread and on how many patients there are, and one of them changed.',
        },
        right=["a", "(a)", " A ", "they get wider"],
        wrong=['b', 'c', "they stay the same"],
    ),
    Number(
        "c5_25",
        answer=34.32898747134539,  # the mean width of the 20 intervals of stats.ci_dance_figure(24), repeat set 1
        decimals=1,
        unit="percentage points",
        var="width_24",
        topic="Check 5.25: explain with the demo, the average width with 24 patients per group",
        feedback={16.9: "That is the width at the start (96 per group). Move the patients per group to 24 first.",
                  23.9: "That is the width with 48 per group. The question asks for 24."},
        low="Set 24 patients per group (the other sliders at their start) and read the title's second line.",
        high="Set 24 patients per group (the other sliders at their start) and read the title's second line.",
        right=[34.3, 34.33, 34.3],
        wrong=[16.9, 23.9, 33.8, 4],
    ),
    Prediction(
        "c5_23",
        answer="b",
        options="abc",
        topic='Check 5.23: predict, power when the spread grows',
        var="power_spread",
        texts={"a": "rise", "b": "fall", "c": "stay the same"},
        outcome=("It falls. A bigger spread makes the standard error bigger, so the same true difference is harder to "
                 "tell from noise: with 96 patients per group and 10 points, power falls from 64% at a spread of 30 "
                 "to 41% at a spread of 40."),
        feedback={
            'a': 'A bigger spread makes a true difference harder to tell from noise, not easier.',
            'c': 'Power depends on the true difference, the spread and the sample size, and one of them changed.',
        },
        right=["b", "(b)", " B ", "fall"],
        wrong=['a', 'c', "rise"],
    ),
    Prediction(
        "c5_24",
        answer="b",
        options="abc",
        topic='Check 5.24: predict, how much a small step of the cut-off moves the difference in responders',
        var="cutoff_step",
        texts={"a": "by less than 2 percentage points", "b": "by 5 percentage points or more",
               "c": "not at all: the groups are the same"},
        outcome=("By much more than the step suggests. In these simulated data at 12 weeks the difference in "
                 "responders is 17 percentage points at a cut-off of 40% and 7 at 45%; across cut-offs it swings "
                 "between 1 and 19, while the difference in mean improvement does not move at all. Patients near a "
                 "cut-off cross it by small differences."),
        feedback={
            'a': 'Many patients sit near any cut-off in the middle of the range: a step of 5 moves some of them across.',
            'c': "The patients are the same, but who counts as a responder changes, and not equally in the two groups.",
        },
        right=["b", "(b)", " B ", "by 5 percentage points or more"],
        wrong=['a', 'c', "not at all: the groups are the same"],
    ),
    Number(
        "c5_26",
        answer=14,
        whole=True,
        unit="percentage points",
        var="responders_52",
        topic="Check 5.26: explain with the demo, the difference in responders at 52 weeks",
        feedback={9: "That may be the value at another setting. Choose 52 weeks and a cut-off of 40% first.",
                  7: "That is the value at 12 weeks with a cut-off of 45%. Choose 52 weeks and a cut-off of 40%."},
        low="Choose 52 weeks, set the cut-off to 40% and read the green bar's label ('difference: ...').",
        high="Choose 52 weeks, set the cut-off to 40% and read the green bar's label ('difference: ...').",
        right=[14, 14.0, 14],
        wrong=[9, 7, 79, 65],
    ),
]

def _sd_needed(n: dict) -> float:
    """Exercise 5.7's key: the common SD whose normal-approximation interval has the student's half-width."""
    return (n["high"] - n["low"]) / 2 / (1.96 * math.sqrt(1 / n["n1"] + 1 / n["n2"]))


def _sd_slips(n: dict) -> list:
    width, root = n["high"] - n["low"], math.sqrt(1 / n["n1"] + 1 / n["n2"])
    return [
        ("the whole width", width / (1.96 * root),
         "That uses the whole width of the interval; the formula has its half-width."),
        ("the half-width itself", width / 2, "That is the half-width itself: solve the formula for SD."),
        ("no square root", width / 2 / (1.96 * root ** 2), ""),
        ("without 1.96", width / 2 / root, ""),
    ]


EXERCISES = [
    Number(
        "q5_1",
        answer=-2,
        tol=0,
        unit="percentage points",
        var="lower_52",
        topic="Exercise 5.1: the lower limit of the 52-week confidence interval",
        feedback={
            2: "That is the lower limit at 12 weeks; look at the 52-week row of the figure in section 3.",
            15: "That is the upper limit; the question asks for the lower one.",
            19: "That is the upper limit at 12 weeks.",
            7: "That is the 52-week point estimate, not a limit of its interval.",
        },
        hint="Use trial.fact('ci_52') or read the figure of section 3.",
        right=[-2, -2.0, -2.0000000001, -2.0],
        wrong=[2, 15, 19, 7, -2.2],
    ),
    variant(
        Choice, "q5_2", public.PUBLIC["q5_2"],
        answer="c",
        options="abcd",
        var="meaning_52",
        topic="Exercise 5.2: reading a confidence interval that includes zero",
        feedback={
            "a": "Does the 52-week interval lie wholly above zero? Look at its lower limit again.",
            "b": "A non-significant result is not evidence of no effect (Altman and Bland 1995). Look at how far the "
                 "interval reaches above zero.",
            "d": "A P value above 0.05 says nothing about harm by itself; look at where most of the interval lies.",
        },
        right=["c", "C", "(c)", " c ", "c)"],
        wrong=["a", "b", "d", "(a)", "D"],
    ),
    Function(
        "q5_3",
        name="mean_difference_ci",
        points=3,
        compare="number",
        tol=0.01,
        hidden=True,
        topic="Exercise 5.3: a function for the difference in means and its 95% CI",
        cases=[
            Case(([1, 2, 3, 4, 5], [1, 1, 2, 2]), [1.5, 0.0031, 2.9969],
                 "Check the order (first group minus second), the sample variances (divide by n - 1) and 1.96."),
            Case(([3, 3, 4, 4], [5, 5, 6, 6]), [-2.0, -2.8002, -1.1998],
                 "A first group with the lower mean gives a negative difference; the limits keep their order "
                 "(lower first)."),
            Case(([100, 90, 80], [50, 50, 60, 60, 70]), [32.0, 18.5156, 45.4844],
                 "Groups of different sizes: each group's variance is divided by its own number of patients."),
        ],
        hint="difference = mean(a) - mean(b); SE = sqrt(var(a)/n_a + var(b)/n_b) with sample variances; "
             "limits = difference - 1.96 SE and difference + 1.96 SE; return [difference, lower, upper].",
        right=[
            "import math\n"
            "\n"
            "def mean_difference_ci(group_a, group_b):\n"
            "    def mv(xs):\n"
            "        m = sum(xs) / len(xs)\n"
            "        return m, sum((x - m) ** 2 for x in xs) / (len(xs) - 1)\n"
            "    ma, va = mv(group_a)\n"
            "    mb, vb = mv(group_b)\n"
            "    se = math.sqrt(va / len(group_a) + vb / len(group_b))\n"
            "    d = ma - mb\n"
            "    return [d, d - 1.96 * se, d + 1.96 * se]",
            "import numpy as np\n"
            "\n"
            "def mean_difference_ci(group_a, group_b):\n"
            "    a, b = np.array(group_a, float), np.array(group_b, float)\n"
            "    d = a.mean() - b.mean()\n"
            "    se = np.sqrt(a.var(ddof=1) / len(a) + b.var(ddof=1) / len(b))\n"
            "    return np.array([d, d - 1.96 * se, d + 1.96 * se])",
            "import statistics\n"
            "\n"
            "def mean_difference_ci(group_a, group_b):\n"
            "    d = statistics.mean(group_a) - statistics.mean(group_b)\n"
            "    se = (statistics.variance(group_a) / len(group_a) + statistics.variance(group_b) / len(group_b)) ** 0.5\n"
            "    return (d, d - 1.96 * se, d + 1.96 * se)",
            "import math\n"
            "\n"
            "def mean_difference_ci(group_a, group_b):\n"
            "    d = sum(group_a) / len(group_a) - sum(group_b) / len(group_b)\n"
            "    def var(xs):\n"
            "        m = sum(xs) / len(xs)\n"
            "        return sum((x - m) ** 2 for x in xs) / (len(xs) - 1)\n"
            "    half = 1.96 * math.sqrt(var(group_a) / len(group_a) + var(group_b) / len(group_b))\n"
            "    return [round(d, 4), round(d - half, 4), round(d + half, 4)]",
        ],
        wrong=[
            "import numpy as np\n"
            "\n"
            "def mean_difference_ci(group_a, group_b):\n"
            "    a, b = np.array(group_a, float), np.array(group_b, float)\n"
            "    d = a.mean() - b.mean()\n"
            "    se = np.sqrt(a.var() / len(a) + b.var() / len(b))\n"
            "    return [d, d - 1.96 * se, d + 1.96 * se]",
            "import numpy as np\n"
            "\n"
            "def mean_difference_ci(group_a, group_b):\n"
            "    a, b = np.array(group_a, float), np.array(group_b, float)\n"
            "    d = b.mean() - a.mean()\n"
            "    se = np.sqrt(a.var(ddof=1) / len(a) + b.var(ddof=1) / len(b))\n"
            "    return [d, d - 1.96 * se, d + 1.96 * se]",
            "import numpy as np\n"
            "\n"
            "def mean_difference_ci(group_a, group_b):\n"
            "    a, b = np.array(group_a, float), np.array(group_b, float)\n"
            "    d = a.mean() - b.mean()\n"
            "    se = np.sqrt(a.var(ddof=1) / len(a) + b.var(ddof=1) / len(b))\n"
            "    return [d, d - 2 * se, d + 2 * se]",
            "import numpy as np\n"
            "\n"
            "def mean_difference_ci(group_a, group_b):\n"
            "    a, b = np.array(group_a, float), np.array(group_b, float)\n"
            "    d = a.mean() - b.mean()\n"
            "    se = np.sqrt(a.var(ddof=1) + b.var(ddof=1))\n"
            "    return [d, d - 1.96 * se, d + 1.96 * se]",
            "import numpy as np\n"
            "\n"
            "def mean_difference_ci(group_a, group_b):\n"
            "    a, b = np.array(group_a, float), np.array(group_b, float)\n"
            "    d = a.mean() - b.mean()\n"
            "    se = np.sqrt(a.var(ddof=1) / len(a) + b.var(ddof=1) / len(b))\n"
            "    return [round(d), round(d - 1.96 * se), round(d + 1.96 * se)]",
        ],
    ),
    Number(
        "q5_4",
        answer=6.604444444444454,  # exact, from the simulated data; "to one decimal"
        decimals=1,
        unit="percentage points",
        var="sim_diff_52",
        topic="Exercise 5.4: the 52-week difference in the simulated data",
        feedback={10.4: "That is the 12-week difference; use the 52-week lists.",
                  7: "7 is the trial's reported (rounded) value; compute the difference from the simulated data."},
        hint="Call your mean_difference_ci on the two 52-week lists, in the order the exercise gives, and check "
             "which of the three numbers you report.",
        right=[6.604444444444454, 6.6, 6.60, 6.604],
        wrong=[-6.6, 10.4, 7, 0.066, 56.6, 6.7, 6.5],
    ),
    Number(
        "q5_5",
        # exact 1.96 limit (tests/test_stats.py); "to one decimal": Welch's t limit (-2.246, section 4) rounds to
        # the same -2.2, while -2.3 and -2.1 (wrong roundings) do not count
        answer=-2.1852055151269205,
        decimals=1,
        unit="percentage points",
        var="sim_lower_52",
        topic="Exercise 5.5: the lower 95% limit at 52 weeks in the simulated data",
        feedback={-2: "-2 is the trial's reported (rounded) limit; compute the limit from the simulated data, to "
                      "one decimal.",
                  15.4: "That is the upper limit; the question asks for the lower one.",
                  1.9: "That is the 12-week lower limit; use the 52-week lists."},
        hint="The second number your mean_difference_ci returns for the 52-week lists.",
        right=[-2.1852055151269205, -2.2, -2.19, -2.185],
        wrong=[-2, 2.2, 15.4, 1.9, -2.0, -2.1, -2.3],
    ),
    MultiChoice(
        "q5_6",
        answer=["b", "d"],
        options="abcd",
        points=2,
        parts=True,  # four statements, each judged true or false: credit per statement when graded
        var="mcid_statements",
        topic="Exercise 5.6: minimal important change versus a difference between groups",
        hint="Read section 8 again: whose change does Ostelo's threshold describe, and what does a difference in "
             "group averages hide?",
        right=[["b", "d"], ["d", "b"], ("B", "D"), "b, d", ["(b)", "(d)"], {"b", "d"}],
        wrong=[["b"], ["d"], ["a", "b", "d"], ["b", "c", "d"], ["a", "c"]],
    ),
    variant(
        Number, "q5_7", public.PUBLIC["q5_7"],
        key=_sd_needed,
        mistakes=_sd_slips,
        decimals=1,
        unit="percentage points",
        points=2,
        var="sd_needed",
        topic="Exercise 5.7: the spread that gives the reported interval width",
        low="Check the half-width (half the distance between the interval's two limits), then solve the formula "
            "of the exercise for SD.",
        high="Check the half-width (half the distance between the interval's two limits), then solve the formula "
             "of the exercise for SD.",
        hint="Half-width = 1.96 x SD x sqrt(1/n1 + 1/n2); solve for SD.",
    ),
    Text(
        "q5_8",
        points=3,
        min_words=40,
        var="explain_to_patient",
        topic="Exercise 5.8: explaining the 12-week result to a patient",
    ),
]
