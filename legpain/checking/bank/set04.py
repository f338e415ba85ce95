"""Questions of lesson 04 (allocation by minimization) and its exercise set.

Facts used: the trial was a "controlled pragmatic trial with allocation by minimization" (Bronfort G et al. Ann
Intern Med. 2014;161(6):381-391, abstract); its minimization factors are known here only from a secondary digest
(JAOA 2015;115:55). Methods: Taves 1974 (Clin Pharmacol Ther 15:443-453); Pocock & Simon 1975 (Biometrics
31:103-115); Altman & Bland 2005 (BMJ 330:843); Scott et al. 2002 (Control Clin Trials 23:662-674); McPherson et
al. (simulation of predictability and imbalance). Numbers from simulations are computed by legpain.topics.allocation.
"""

from ..questions import Case, Choice, Function, MultiChoice, Number, Prediction, Text
from ..variants import variant
from ..draws import set04 as public

SLUG = "04-allocation-by-minimization"

CHECKS = [
    Choice(
        "c4_1",
        answer="b",
        options="abc",
        topic="Check 4.1: the sixth patient of the worked example",
        feedback={
            "a": "Add up, for each arm, the earlier patients who share the new patient's level of factor 1, plus "
                 "those who share the level of factor 2. Which arm has the SMALLER total?",
            "c": "The totals differ here, so no tie-break is needed. Add them up again for each arm.",
        },
        texts={"a": ["group A", "arm A"], "b": ["group B", "arm B"], "c": ["tie", "the tie rule"]},
        right=["b", "B", "(b)", " b ", "b)", "group B"],
        wrong=["a", "c", "(a)", "C"],
    ),
    Choice(
        "c4_4",
        answer="c",
        options="abc",
        topic="Check 4.4: which method balanced the factors best in the simulation",
        feedback={
            "a": "Look at the middle panel of Demo 4.3: where do the boxes sit lowest?",
            "b": "Blocks balance the group SIZES; look at the middle panel (factors) of Demo 4.3 again.",
        },
        texts={"a": ["simple randomization", "simple"], "b": ["permuted blocks", "blocks"], "c": ["minimization"]},
        right=["c", "C", "(c)", " c ", "c)", "minimisation", "Minimization"],
        wrong=["a", "b", "(a)", "B", "permuted blocks"],
    ),
    Choice(
        "c4_6",
        answer="a",
        options="abc",
        topic="Check 4.6: what raising p does",
        feedback={
            "b": "Look at both panels of Demo 4.5 as p rises from 0.5 to 1: which line goes down and which goes up?",
            "c": "Look at the right-hand panel of Demo 4.5: does the share of right guesses stay flat?",
        },
        right=["a", "A", "(a)", " a ", "a)"],
        wrong=["b", "c", "(b)", "C"],
    ),
    Choice(
        "c4_7",
        answer="b",
        options="abc",
        topic="Check 4.7: why an analysis after minimization adjusts for the minimization factors",
        feedback={
            "a": "Minimization does not create a bias that the analysis must remove: it balances the groups. Read "
                 "what Kahan and Morris say an unadjusted analysis gets wrong, in section 4.",
            "c": "Cochrane accepts minimization as a way to allocate, and such a trial can be analysed. The question "
                 "is what the analysis should take into account; read the paragraph on the analysis in section 4.",
        },
        right=["b", "B", "(b)", " b ", "option b"],
        wrong=["a", "c", "A", "(c)"],
    ),
    Choice(
        "c4_20",
        answer="c",
        options="abcd",
        topic='Check 4.20: recall, the root of a paracentral L4-L5 herniation (lesson 02)',
        var="root_l4_l5_recall",
        feedback={
            'a': 'L3 leaves higher up.',
            'b': 'L4 leaves through the L4–L5 foramen: that is the exiting root. Which root crosses the L4–L5 disc?',
            'd': 'S1 crosses the disc one level lower.',
        },
        right=["c", "(c)", " C "],
        wrong=['a', 'b', 'd'],
    ),
    Choice(
        "c4_21",
        answer="b",
        options="abc",
        topic='Check 4.21: recall, the nerve of the back of the thigh (lesson 02)',
        var="back_of_thigh",
        feedback={
            'a': 'The femoral nerve serves the front of the thigh. Which nerve runs down the back?',
            'c': 'Look again at lesson 02, section 3.',
        },
        right=["b", "(b)", " B "],
        wrong=['a', 'c'],
    ),
    Prediction(
        "c4_22",
        answer="b",
        options="abc",
        topic='Check 4.22: predict, how far apart simple randomization leaves two groups of a 192-patient trial',
        var="wanders",
        texts={"a": "0 to 2 apart: over 192 tosses a fair coin evens out", "b": "about 10, sometimes 20 or more",
               "c": "about 50 apart"},
        outcome=("A fair coin does not even out. Over many sets of made-up patients, simple randomization ends about 10 "
                 "patients apart in a typical run of 192 (half of the runs more, half less); about 1 run in 6 ends 20 "
                 "or more apart and only about 1 in 6 within 2. Blocks of 4 and minimization end level or nearly so "
                 "(a simulation of 10,000 trials with the course's simulator)."),
        feedback={
            'a': ('Tosses even out as a share of the trial, not as a head count: the difference in patients grows '
                  'with the square root of the number of tosses.'),
            'c': "That would be a quarter of the trial in one group's favour: much more than chance usually gives.",
        },
        right=["b", "(b)", " B ", "about 10, sometimes 20 or more"],
        wrong=['a', 'c', "about 50 apart"],
    ),
    Choice(
        "c4_23",
        answer="a",
        options="abc",
        topic='Check 4.23: compare the methods on group size and on a factor',
        var="compare_panels",
        feedback={
            'b': 'Run several sets of made-up patients and look at the right-hand panel: do the blocks keep patients with factor 1 as close as they keep the whole groups?',
            'c': 'Run several sets of made-up patients: does simple randomization stay near zero in the right-hand panel?',
        },
        right=["a", "(a)", " A "],
        wrong=['b', 'c'],
    ),
    Number(
        "c4_29",
        answer=-8,
        tol=0,
        whole=True,
        noun="patients",
        var="simple_end",
        topic="Check 4.29: explain with the demo, where one simple-randomization trial ends",
        feedback={8: "The legend gives group A minus group B. Which group has more patients at the end of this run?"},
        low="Set the three sliders exactly as the question says, then read the legend's first line: 'ends ...'.",
        high="Set the three sliders exactly as the question says, then read the legend's first line: 'ends ...'.",
        right=[-8, -8.0, -8],
        wrong=[8, 0, 12, -2],
    ),
    Prediction(
        "c4_24",
        answer="b",
        options="abc",
        topic='Check 4.24: predict, minimization in a small trial with many factors',
        var="small_trial",
        texts={"a": "yes, just as well", "b": "less well", "c": "it cannot run with so few patients"},
        outcome=("Less well. With 40 patients and 8 factors, minimization still balances the factors better than the "
                 "other two methods, but its typical largest imbalance is several times what it is with 192 patients "
                 "and 3 factors (medians in the middle panel: 2.0 percentage points at the starting setting)."),
        feedback={
            'a': 'With 40 patients and 8 factors, how many patients share each level of each factor, and how many '
                 'combinations are there?',
            'c': 'The method runs with any number of patients; the question is how well it balances.',
        },
        right=["b", "(b)", " B ", "less well"],
        wrong=['a', 'c', "yes, just as well"],
    ),
    Number(
        "c4_27",
        answer=15.037593984962411,  # allocation.sweep(500, 400, 8, 0.8, 4, 2014).at(40): minimization's median
        decimals=1,
        unit="percentage points",
        var="small_trial_median",
        topic="Check 4.27: explain with the demo, minimization's median imbalance in a small trial",
        feedback={2.0: "That is the median at the starting setting (192 patients, 3 factors). Move the two sliders "
                       "first.",
                  27.1: "That is simple randomization's median. The question asks for minimization's."},
        low="Set 40 patients and 8 factors (p = 0.8) and read the value beside minimization's median line in the "
            "middle panel.",
        high="Set 40 patients and 8 factors (p = 0.8) and read the value beside minimization's median line in the "
             "middle panel.",
        right=[15.0, 15, 15.04],
        wrong=[2.0, 27.1, 25.0, 77],
    ),
    MultiChoice(
        "c4_26",
        answer=["a", "c", "e"],
        options="abcde",
        parts=True,
        topic="Check 4.26: compare the three methods in a small trial with many factors",
        var="small_trial_statements",
        hint="Set 40 patients, 8 factors and p = 0.8, and judge each statement against all three panels.",
        right=[["a", "c", "e"], ["e", "c", "a"], "a, c, e", ["(a)", "(c)", "(e)"]],
        wrong=[["a", "c"], ["a", "b", "c", "e"], ["c", "d", "e"], ["a", "c", "d", "e"], ["b", "d"]],
    ),
    Prediction(
        "c4_25",
        answer="b",
        options="abc",
        topic='Check 4.25: predict, where most of the balance gain comes as p rises',
        var="gain_where",
        texts={"a": "only at p = 1", "b": "early: most of it by about p = 0.7–0.8",
               "c": "nowhere: balance does not change with p"},
        outcome=("Early. With 3 factors the mean largest imbalance falls from 9.5 percentage points at p = 0.5 to 1.7 "
                 "at p = 0.8, and only to 1.1 at p = 1: over nine-tenths of the gain has come by p = 0.8, while the "
                 "share of guessed assignments keeps rising, from 76% to 90%."),
        feedback={
            'a': "The left curve is steep at first and flat near p = 1: the gain does not wait for a deterministic rule.",
            'c': 'A rule that follows the minimizing group more often balances better than a coin: the left curve falls.',
        },
        right=["b", "(b)", " B "],
        wrong=['a', 'c', "only at p = 1"],
    ),
    Number(
        "c4_28",
        answer=3.8426048310910064,  # the mean over 500 simulated trials (tradeoff_figure's seed 2014), drawn as 3.8
        decimals=1,
        unit="percentage points",
        var="eight_factor_imbalance",
        topic="Check 4.28: explain with the demo, balance at p = 0.8 with 8 factors",
        feedback={1.7: "That is the value with 3 factors. Move the factor slider to 8 first.",
                  13.1: "That is the value at p = 0.5 (a coin). The question asks for p = 0.8."},
        low="Set 8 factors and read the number above the point at p = 0.8 in the left panel.",
        high="Set 8 factors and read the number above the point at p = 0.8 in the left panel.",
        right=[3.8, 3.84, 3.80],
        wrong=[1.7, 13.1, 2.3, 78],
    ),
]

PUBLIC_CASES = [
    Case(([],), [], "No patients: nothing to allocate, so return an empty list."),
    Case(([(1, 0)],), ["A"], "The first patient meets a tie (0 against 0): a tie goes to A."),
    Case(([(0, 0), (0, 0)],), ["A", "B"],
         "Second patient: arm A already holds one patient like them on both factors (total 2), arm B none."),
    Case(([(0, 0), (0, 1), (1, 0), (1, 1), (0, 0)],), ["A", "B", "B", "A", "A"],
         "This is the worked example of lesson 04, section 4: compare your totals with its table."),
    Case(([(1, 1), (1, 0), (0, 1), (0, 0), (1, 1), (1, 1)],), ["A", "B", "B", "A", "A", "B"],
         "Count, for each earlier patient in an arm, how many of the two factors they share with the new patient."),
]

_OTHER_LEVEL = {"with": "without", "without": "with", "under_50": "50_and_over", "50_and_over": "under_50"}


def _totals_difference(n: dict, levels) -> int:
    return sum(n[f"a_{level}"] for level in levels) - sum(n[f"b_{level}"] for level in levels)


def _total_difference(n: dict) -> int:
    """Exercise 4.3's key: A's total minus B's total over the new patient's own levels."""
    return _totals_difference(n, (n["signs"], n["age"]))


def _minimization_slips(n: dict) -> list:
    """Exercise 4.3's usual mistakes, for a student's table and patient."""
    own = "Use only the counts for the new patient's OWN levels (lesson 04, section 4)"
    return [
        ("B's total minus A's", -_total_difference(n), ""),  # no feedback that would give the sign away
        ("the other levels", _totals_difference(n, (_OTHER_LEVEL[n["signs"]], _OTHER_LEVEL[n["age"]])),
         own + ", not those of the other levels."),
        ("every patient in each group", 2 * (n["a_with"] + n["a_without"] - n["b_with"] - n["b_without"]),
         own + ", not every patient in each group."),
        ("one factor only", _totals_difference(n, (n["signs"],)),
         "Add over BOTH factors: the count for the patient's level of neurologic signs and the count for their age."),
        ("the other factor only", _totals_difference(n, (n["age"],)),
         "Add over BOTH factors: the count for the patient's level of neurologic signs and the count for their age."),
    ]


EXERCISES = [
    variant(
        Choice, "q4_1", public.PUBLIC["q4_1"],
        answer="c",
        options="abcd",
        var="method_used",
        topic="Exercise 4.1: how the trial allocated its patients",
        feedback={
            "a": "The registry's field says 'Randomized', but the paper's abstract names the method; read its "
                 "'Design' line (lesson 04, section 5).",
            "b": "Blocks are not mentioned in any source read for the course; read the abstract's 'Design' line.",
            "d": "Alternation was not used; read the abstract's 'Design' line.",
        },
        texts={"a": ["simple randomization"], "b": ["permuted blocks", "blocks"], "c": ["minimization", "allocation by minimization"], "d": ["alternation"]},
        right=["c", "C", "(c)", " c ", "c)", "minimisation", "Minimization"],
        wrong=["a", "b", "d", "(a)", "D", "randomization", "simple randomisation"],
    ),
    variant(
        Choice, "q4_2", public.PUBLIC["q4_2"],
        answer="c",
        options="abcd",
        var="factors_source",
        topic="Exercise 4.2: where the list of minimization factors comes from",
        feedback={
            "a": "The abstract names the method but not the factors.",
            "b": "The registry record says 'Randomized' and lists no factors.",
            "d": "The protocol's abstract, the part the course could read, does not list them.",
        },
        hint="Lesson 04, section 5, says which source lists the factors and how far it can be trusted.",
        texts={"a": ["the abstract", "abstract"], "b": ["the registry record", "registry"], "c": ["a secondary journal digest", "secondary journal digest", "journal digest", "digest", "a secondary digest", "secondary digest", "a secondary digest only"], "d": ["the protocol's abstract", "protocol"]},
        right=["c", "C", "(c)", " c ", "c)", "journal digest"],
        wrong=["a", "b", "d", "(a)", "D", "registry"],
    ),
    variant(
        Number, "q4_3", public.PUBLIC["q4_3"],
        key=_total_difference,
        mistakes=_minimization_slips,
        whole=True,
        noun="patients",
        var="total_difference",
        topic="Exercise 4.3: arm A's total minus arm B's total for a new patient",
        hint="Use the rule of lesson 04, section 4, for the new patient's own levels, and read again which total "
             "the exercise puts first.",
    ),
    variant(
        Choice, "q4_4", public.PUBLIC["q4_4"],
        key=lambda n: "a" if _total_difference(n) < 0 else "b",
        options="abc",
        var="next_arm",
        topic="Exercise 4.4: where deterministic minimization sends that patient",
        feedback={
            "a": "Minimization sends the patient to the arm with the SMALLER total.",
            "b": "Minimization sends the patient to the arm with the SMALLER total.",
            "c": "A coin (or the tie rule) is needed only when the totals are equal.",
        },
        texts={"a": ["group A", "arm A"], "b": ["group B", "arm B"], "c": ["tie", "the tie rule"]},
        right=lambda n: [x.replace("?", "a" if _total_difference(n) < 0 else "b")
                         for x in ("?", "(?)", " ? ", "?)")] + ["group " + ("A" if _total_difference(n) < 0 else "B")],
        wrong=lambda n: ["b" if _total_difference(n) < 0 else "a", "c", "(c)", "C"],
    ),
    Function(
        "q4_5",
        name="allocate",
        points=3,
        compare="exact",
        hidden=True,
        topic="Exercise 4.5: deterministic minimization for two binary factors",
        cases=PUBLIC_CASES,
        hint="Keep a list of the arms given so far. For each new patient, loop over the earlier patients and add "
             "to their arm's total the number of factors (0, 1 or 2) on which they match the new patient.",
        right=[
            "def allocate(patients):\n"
            "    arms = []\n"
            "    for k, new in enumerate(patients):\n"
            "        total = {'A': 0, 'B': 0}\n"
            "        for earlier, arm in zip(patients[:k], arms):\n"
            "            total[arm] += (earlier[0] == new[0]) + (earlier[1] == new[1])\n"
            "        arms.append('A' if total['A'] <= total['B'] else 'B')\n"
            "    return arms",
            "def allocate(patients):\n"
            "    result = []\n"
            "    for i in range(len(patients)):\n"
            "        a = b = 0\n"
            "        for j in range(i):\n"
            "            same = 0\n"
            "            for f in range(2):\n"
            "                if patients[j][f] == patients[i][f]:\n"
            "                    same += 1\n"
            "            if result[j] == 'A':\n"
            "                a += same\n"
            "            else:\n"
            "                b += same\n"
            "        if b < a:\n"
            "            result.append('B')\n"
            "        else:\n"
            "            result.append('A')\n"
            "    return result",
            "def allocate(patients):\n"
            "    out = []\n"
            "    for i, (f1, f2) in enumerate(patients):\n"
            "        score = sum(((g1 == f1) + (g2 == f2)) * (1 if arm == 'A' else -1) for (g1, g2), arm in zip(patients, out))\n"
            "        out.append('B' if score > 0 else 'A')\n"
            "    return tuple(out)",
            "import numpy as np\n"
            "\n"
            "def allocate(patients):\n"
            "    arms = []\n"
            "    for i, p in enumerate(patients):\n"
            "        t = np.zeros(2)\n"
            "        for q, arm in zip(patients[:i], arms):\n"
            "            t['AB'.index(arm)] += np.sum(np.array(q) == np.array(p))\n"
            "        arms.append('A' if t[0] <= t[1] else 'B')\n"
            "    return arms",
        ],
        wrong=[
            "def allocate(patients):\n"
            "    arms = []\n"
            "    for k, new in enumerate(patients):\n"
            "        total = {'A': 0, 'B': 0}\n"
            "        for earlier, arm in zip(patients[:k], arms):\n"
            "            total[arm] += (earlier[0] == new[0]) + (earlier[1] == new[1])\n"
            "        arms.append('A' if total['A'] < total['B'] else 'B')\n"
            "    return arms",
            "def allocate(patients):\n"
            "    arms = []\n"
            "    for k, new in enumerate(patients):\n"
            "        total = {'A': 0, 'B': 0}\n"
            "        for earlier, arm in zip(patients[:k], arms):\n"
            "            total[arm] += (earlier[0] == new[0]) + (earlier[1] == new[1])\n"
            "        arms.append('A' if total['A'] >= total['B'] else 'B')\n"
            "    return arms",
            "def allocate(patients):\n"
            "    arms = []\n"
            "    for k, new in enumerate(patients):\n"
            "        total = {'A': 0, 'B': 0}\n"
            "        for earlier, arm in zip(patients[:k], arms):\n"
            "            total[arm] += earlier[0] == new[0]\n"
            "        arms.append('A' if total['A'] <= total['B'] else 'B')\n"
            "    return arms",
            "def allocate(patients):\n"
            "    return ['A' if i % 2 == 0 else 'B' for i in range(len(patients))]",
            "def allocate(patients):\n"
            "    arms = []\n"
            "    for k, new in enumerate(patients):\n"
            "        total = {'A': 0, 'B': 0}\n"
            "        for earlier, arm in zip(patients[:k], arms):\n"
            "            total[arm] += tuple(earlier) == tuple(new)\n"
            "        arms.append('A' if total['A'] <= total['B'] else 'B')\n"
            "    return arms",
        ],
    ),
    Number(
        "q4_6",
        answer=100 * 41 / 60,
        tol=0.5,
        unit="percent",
        var="blocks6_guessed",
        topic="Exercise 4.6: how often the next assignment is guessed with permuted blocks of 6 (simulation)",
        feedback={50: "50% is what guessing a coin gets. Did you run the simulation with blocks, not 'simple'?"},
        low="Check the method ('blocks') and the block size (6); then multiply the share by 100.",
        high="Check the block size: 6, not 2 or 4. Smaller blocks are easier to guess.",
        hint="result = allocation.simulate('blocks', 10_000, block_size=6, seed=1), then "
             "result.predictability.mean() gives a share between 0 and 1.",
        right=[68.32526041666667, 68.3, 68, 68.5, 68.33],
        wrong=[50, 0.6833, 75, 100, 60],
    ),
    variant(
        Number, "q4_7", public.PUBLIC["q4_7"],
        key=lambda n: n["block"] // 2,
        mistakes=lambda n: [
            ("a whole block", n["block"], "That is a whole block; within a block half go to each arm. When is the gap "
                                          "largest?"),
            ("the end of a block", 0, "At the END of each block the groups are equal, but not in the middle of one."),
            ("one short", n["block"] // 2 - 1, ""),
        ],
        whole=True,
        noun="patients",
        var="blocks6_max_gap",
        topic="Exercise 4.7: the largest possible gap in group size with permuted blocks",
        hint="Within a block, half the patients go to each arm. What is the worst moment inside a block?",
    ),
    MultiChoice(
        "q4_8",
        answer=["a", "b", "d"],
        options="abcde",
        points=2,
        var="minimization_statements",
        topic="Exercise 4.8: true statements about minimization",
        hint="Lesson 04, section 4, quotes Pocock and Simon, Scott et al., McPherson et al. and the CONSORT glossary; "
             "Demo 4.5 shows the trade-off.",
        right=[["a", "b", "d"], ["d", "b", "a"], ("A", "B", "D"), "a, b, d", ["(a)", "(b)", "(d)"], {"a", "b", "d"}],
        wrong=[["a", "b"], ["a", "b", "c", "d"], ["a", "b", "d", "e"], ["c", "e"]],
    ),
    Text(
        "q4_9",
        points=2,
        min_words=40,
        var="allocation_questions",
        topic="Exercise 4.9: what you would want to read about the trial's allocation",
    ),
]
