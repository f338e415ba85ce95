"""Questions of lesson 03 (the trial's question) and its exercise set.

Facts used (see legpain/topics/trial.py and docs/evidence/trial-bronfort-2014.md): 192 patients enrolled, 191 with
follow-up data at 12 weeks and 179 at 52 weeks; adults aged 21 or older with back-related leg pain for at least 4
weeks; 12 weeks of SMT plus HEA versus HEA alone; patient-rated leg pain at 12 and 52 weeks (Bronfort G et al. Ann
Intern Med. 2014;161(6):381-391, abstract). Registry NCT00494065: Quebec Task Force categories 2, 3, 4 or 6; leg
pain above 3 on a 0 to 10 scale; up to 20 SMT treatments, their number set by the chiropractor. Pragmatic and
explanatory attitudes: Schwartz & Lellouch, J Chronic Dis 1967;20:637-648; PRECIS-2: Loudon K et al. BMJ
2015;350:h2147.
"""

from ..questions import Prediction, Choice, Match, MultiChoice, Number, Text
from ..variants import variant
from ..draws import set03 as public

SLUG = "03-the-question"

CHECKS = [
    Choice(
        "c3_1",
        answer="c",
        options="abcd",
        topic="Check 3.1: the trial's comparison (C of PICO)",
        feedback={
            "a": "That is the treatment being tested (the I of PICO). The comparison is what it is tested against.",
            "b": "No group in this trial had a sham or placebo treatment; read the abstract's 'Intervention' line.",
            "d": "No group went without treatment; read the abstract's 'Intervention' line again.",
        },
        texts={"a": ["SMT plus HEA"], "b": ["sham", "sham manipulation"], "c": ["home exercise and advice", "home exercise and advice alone", "HEA", "HEA alone"], "d": ["no treatment", "waiting list"]},
        right=["c", "C", "(c)", " c ", "c)", "HEA alone"],
        wrong=["a", "b", "d", "(a)", "D", "sham"],
    ),
    Choice(
        "c3_2",
        answer="b",
        options="ab",
        topic="Check 3.2: the question a pragmatic trial asks",
        feedback={
            "a": "Schwartz and Lellouch call an approach 'aimed at understanding' explanatory. Which of the two is "
                 "'aimed at decision'?",
        },
        right=["b", "B", "(b)", " b ", "b)"],
        wrong=["a", "(a)", "A"],
    ),
    Number(
        "c3_4",
        answer=100 * 191 / 192,
        decimals=1,
        unit="percent",
        topic="Check 3.4: follow-up at 12 weeks as a percentage",
        feedback={99: "That is the abstract's figure rounded to a whole percentage. Work it out from the two counts, to "
                      "one decimal place.",
                  0.5: "Read again which patients the question counts, and give a percentage.",
                  0.52: "Read again which patients the question counts, and give a percentage."},
        low="Divide the patients with 12-week data by the patients enrolled, then multiply by 100.",
        high="Divide the patients with 12-week data by the patients enrolled (not the other way round), then "
             "multiply by 100.",
        right=[99.47916666666667, 99.5, 99.48, 99.479],
        wrong=[99, 0.5, 0.52, 100.52356020942409, 0.9948],
    ),
    Choice(
        "c3_20",
        answer="b",
        options="abcd",
        topic='Check 3.20: recall, separate bones in an adult column (lesson 01)',
        var="adult_bones",
        feedback={
            'a': 'That is the usual number of vertebrae before some of them fuse. Look again at lesson 01, section 1.',
            'c': 'Count again with lesson 01, section 1: which bones fuse in adults?',
            'd': 'Thirty fits neither count in lesson 01, section 1.',
        },
        right=["b", "(b)", " B "],
        wrong=['a', 'c', 'd'],
    ),
    Choice(
        "c3_21",
        answer="c",
        options="abcd",
        topic='Check 3.21: recall, the gel-like centre of the disc (lesson 01)',
        var="disc_centre",
        feedback={
            'a': "The annulus fibrosus is the disc's outer ring. Look again at lesson 01, section 2.",
            'b': 'The endplates anchor the disc to the vertebrae. Look again at lesson 01, section 2.',
            'd': 'The ligamentum flavum lines the back of the canal; it is not part of the disc.',
        },
        right=["c", "(c)", " C "],
        wrong=['a', 'b', 'd'],
    ),
    Prediction(
        "c3_22",
        answer="b",
        options="abc",
        topic='Check 3.22: predict, how many PRECIS-2 domains the verified facts let you rate',
        var="ratable_domains",
        texts={"a": "all nine", "b": "six", "c": "three"},
        outcome=("Six of the nine domains can be rated from what the course verified, three of them only partly "
                 "(eligibility, organisation, follow-up). Recruitment, flexibility in adherence and the primary "
                 "analysis rest on nothing the course could read: the wheel's title counts a rating of any of them "
                 "as resting on nothing verified, and the table after the demo gives the course's reasons."),
        feedback={
            'a': ("The course read the abstract, the registry and part of the protocol, not the paper's Methods: some "
                  "domains are described nowhere in them."),
            'c': ("More is described than that: the setting, the flexibility of the manipulation visits and the "
                  "primary outcome are all in verified sources, and three more domains partly."),
        },
        right=["b", "(b)", " B ", "six"],
        wrong=['a', 'c', "all nine"],
    ),
    Choice(
        "c3_23",
        answer="c",
        options="abcd",
        topic='Check 3.23: a PRECIS-2 domain the verified facts do not let you rate',
        var="cannot_rate",
        feedback={
            'a': "Rate that domain alone in the demo: does the wheel's title count it as resting on nothing verified?",
            'b': "Rate that domain alone in the demo: does the wheel's title count it as resting on nothing verified?",
            'd': "Rate that domain alone in the demo: does the wheel's title count it as resting on nothing verified?",
        },
        right=["c", "(c)", " C "],
        wrong=['a', 'b', 'd'],
    ),
    Number(
        "c3_26",
        answer=2,
        whole=True,
        noun="ratings",
        var="unverified_ratings",
        topic="Check 3.26: explain with the demo, ratings that rest on nothing verified",
        feedback={3: "Recruitment, adherence and the primary analysis rest on nothing verified, but were all three "
                     "rated here? A slider left at 0 is not a rating.",
                  8: "That is how many domains were rated. The question asks how many of those ratings the wheel's "
                     "title says rest on nothing the course could verify."},
        low="Set all nine sliders exactly as listed and read the second line of the wheel's title.",
        high="Set all nine sliders exactly as listed and read the second line of the wheel's title.",
        right=[2, 2.0, 2],
        wrong=[3, 8, 0, 1],
    ),
    Choice(
        "c3_24",
        answer="c",
        options="abcd",
        topic='Check 3.24: where a detail of the treatment as delivered comes from',
        var="delivered_source",
        feedback={
            'a': "Read the 'Verified in the abstract' line of section 4 again: what does the abstract say about the treatments?",
            'b': 'The registry record gives the plan. Does a plan tell you what patients actually received?',
            'd': "Section 4 says something about the paper's own description. Could the course read it?",
        },
        right=["c", "(c)", " C "],
        wrong=['a', 'b', 'd'],
    ),
    Choice(
        "c3_25",
        answer="b",
        options="abc",
        topic='Check 3.25: what the flow diagram shows for each group',
        var="group_boxes",
        feedback={
            'a': 'Look at the allocation boxes of the diagram: does it print a number for each group?',
            'c': 'Look at the allocation boxes of the diagram, and at the total enrolled.',
        },
        right=["b", "(b)", " B "],
        wrong=['a', 'c'],
    ),
]

EXERCISES = [
    variant(
        Number, "q3_1", public.PUBLIC["q3_1"],
        key=lambda n: 100 * n["followed_52"] / n["enrolled"],
        mistakes=lambda n: [
            ("the 12-week count", 100 * n["followed_12"] / n["enrolled"],
             "That is the 12-week figure. Use the number followed up at 52 weeks."),
            ("the patients without data", 100 * (n["enrolled"] - n["followed_52"]) / n["enrolled"],
             "That counts a different group of patients: read again which patients the exercise asks about."),
            ("a proportion", n["followed_52"] / n["enrolled"], ""),
            ("the division upside down", 100 * n["enrolled"] / n["followed_52"], ""),
        ],
        decimals=1,
        unit="percent",
        var="pct_52",
        topic="Exercise 3.1: follow-up at 52 weeks, as a percentage of the enrolled patients",
        low="A percentage of the enrolled patients: which count is the part, and which the whole? Give a percentage, "
            "not a proportion.",
        high="A percentage of the enrolled patients: which count is the part, and which the whole? Give a percentage, "
             "not a proportion.",
        hint="Your two counts are printed above the answer cell (the trial's own are in lesson 03, section 6).",
    ),
    variant(
        Number, "q3_2", public.PUBLIC["q3_2"],
        key=lambda n: n["enrolled"] - n["followed_52"],
        mistakes=lambda n: [
            ("missing at 12 weeks", n["enrolled"] - n["followed_12"],
             "That is how many had no data at 12 weeks. The exercise asks about 52 weeks."),
            ("the patients with data", n["followed_52"], "Read the question again: which patients does it count?"),
            ("a percentage", round(100 * (n["enrolled"] - n["followed_52"]) / n["enrolled"]),
             "That looks like a percentage. The exercise asks for a number of patients."),
        ],
        whole=True,
        noun="patients",
        var="missing_52",
        topic="Exercise 3.2: patients without follow-up data at 52 weeks",
        hint="Your counts are printed above the answer cell; the trial's own are in the flow diagram of section 6.",
    ),
    Match(
        "q3_3",
        answer={"Population": "b", "Intervention": "d", "Comparison": "a", "Outcome": "c"},
        points=2,
        var="pico",
        topic="Exercise 3.3: the trial's PICO",
        item_hints={
            "Population": "Who could take part? Read the abstract's 'Patients' line.",
            "Intervention": "Which group had the treatment being tested?",
            "Comparison": "What was the tested treatment compared with? It is not a sham.",
            "Outcome": "Which outcome was primary, and when was it measured?",
        },
        hint="Section 2 of lesson 03 sets the trial out as PICO.",
        # The PICO letters name the keys too (review N7): key_aliases apply to keys only, so a value "c" stays the
        # letter c and a value written as a word ("comparison") is not read as a letter.
        key_aliases={"Comparison": ["comparator", "control", "C"], "Outcome": ["outcomes", "O"],
                     "Population": ["patients", "participants", "P"], "Intervention": ["interventions", "I"]},
        right=[
            {"Population": "b", "Intervention": "d", "Comparison": "a", "Outcome": "c"},
            {"population": "B", "intervention": "D", "comparison": "A", "outcome": "C"},
            {"Population": "(b)", "Intervention": "(d)", "Comparison": "(a)", "Outcome": "(c)"},
            {"Outcome": "c", "Comparison": "a", "Intervention": "d", "Population": "b"},
            {"Population": "b)", "Intervention": "d)", "Comparator": "a", "Outcomes": "c"},
            {"P": "b", "I": "d", "C": "a", "O": "c"},
            {"p": "(b)", "i": "(d)", "c": "(a)", "o": "(c)"},
            {"P": "B", "Intervention": "D", "C": "A", "Outcome": "C"},
        ],
        wrong=[
            {"Population": "b", "Intervention": "a", "Comparison": "d", "Outcome": "c"},
            {"Population": "b", "Intervention": "d", "Comparison": "e", "Outcome": "c"},
            {"Population": "b", "Intervention": "d", "Comparison": "a"},
            {"Population": "b", "population": "a", "Intervention": "d", "Comparison": "a", "Outcome": "c"},
            {"Population": "b", "Intervention": "d", "Comparison": "a", "Outcome": "c", "Time": "c"},
            {"P": "b", "I": "a", "C": "d", "O": "c"},
            {"P": "b", "Population": "b", "I": "d", "C": "a", "O": "c"},
            {"P": "b", "I": "d", "C": "e", "O": "c"},
            {"Population": "b", "Intervention": "d", "Comparison": "comparison", "Outcome": "c"},
        ],
    ),
    MultiChoice(
        "q3_4",
        answer=["a", "b", "c"],
        options="abcde",
        points=2,
        var="pragmatic_features",
        topic="Exercise 3.4: design features that lean towards the pragmatic end",
        hint="For each feature ask, with PRECIS-2: is this how care would happen in usual practice (pragmatic), or "
             "a condition made for the trial (explanatory)? Section 3 of lesson 03.",
        right=[["a", "b", "c"], ["c", "b", "a"], ("A", "B", "C"), "a, b, c", ["(a)", "(b)", "(c)"], {"a", "b", "c"}],
        wrong=[["a", "b", "c", "d"], ["a", "b"], ["d", "e"], ["a", "b", "c", "e"]],
    ),
    variant(
        Choice, "q3_5", public.PUBLIC["q3_5"],
        answer="b",
        options="abcd",
        var="threshold_statement",
        topic="Exercise 3.5: what is known about the leg-pain threshold for entry",
        feedback={
            "a": "The course could not read the paper's Methods, so nothing about its own wording is verified; look "
                 "at where the '3 or greater' comes from.",
            "c": "The registry does set a threshold; read the eligibility part of section 2 again.",
            "d": "At least 4 weeks is how LONG the leg pain had lasted, not how STRONG it was.",
        },
        hint="Section 2 of lesson 03 compares the registry's wording with a digest's.",
        right=["b", "B", "(b)", " b ", "b)"],
        wrong=["a", "c", "d", "(a)", "D"],
    ),
    variant(
        Choice, "q3_6", public.PUBLIC["q3_6"],
        answer="a",
        options="abcd",
        var="qtf_not_eligible",
        topic="Exercise 3.6: Quebec Task Force categories and eligibility",
        feedback={
            "b": "Category 2 (pain radiating into the thigh, above the knee) is in the registry's list.",
            "c": "Category 3 (pain radiating below the knee) is in the registry's list.",
            "d": "Category 4 (leg pain with signs of nerve root involvement) is in the registry's list.",
        },
        hint="Compare the registry's list of categories with what each category means (section 2 of lesson 03).",
        texts={"a": ["category 1", "1"], "b": ["category 2", "2"], "c": ["category 3", "3"], "d": ["category 4", "4"]},
        right=["a", "A", "(a)", " a ", "a)", "category 1"],
        wrong=["b", "c", "d", "(b)", "D", "category 2"],
    ),
    Text(
        "q3_7",
        points=2,
        min_words=30,
        var="pragmatic_argument",
        topic="Exercise 3.7: what a pragmatic trial can tell a clinician",
    ),
    # issue 26: classify the features of a trial the lesson has not rated (invented for the exercise)
    Match(
        "q3_8",
        points=2,
        var="new_trial_features",
        answer={"f1": "pragmatic", "f2": "pragmatic", "f3": "explanatory", "f4": "explanatory", "f5": "pragmatic",
                "f6": "explanatory"},
        name_items=False,
        topic="Exercise 3.8: place six features of another trial towards the pragmatic or the explanatory end",
        hint="For each feature ask PRECIS-2's question: how far does it differ from usual care (lesson 03, section 3)?",
        right=[
            {"f1": "pragmatic", "f2": "pragmatic", "f3": "explanatory", "f4": "explanatory", "f5": "pragmatic",
             "f6": "explanatory"},
            {"F1": "Pragmatic", "F2": "Pragmatic", "F3": "Explanatory", "F4": "Explanatory", "F5": "Pragmatic",
             "F6": "Explanatory"},
            {"f6": "explanatory", "f5": "pragmatic", "f4": "explanatory", "f3": "explanatory", "f2": "pragmatic",
             "f1": "pragmatic"},
            {"f1": "pragmatic.", "f2": " pragmatic", "f3": "explanatory", "f4": "explanatory", "f5": "pragmatic",
             "f6": "explanatory"},
        ],
        wrong=[
            {"f1": "pragmatic", "f2": "pragmatic", "f3": "pragmatic", "f4": "explanatory", "f5": "pragmatic",
             "f6": "explanatory"},
            {"f1": "explanatory", "f2": "pragmatic", "f3": "explanatory", "f4": "explanatory", "f5": "explanatory",
             "f6": "explanatory"},
            {"f1": "pragmatic", "f2": "pragmatic", "f3": "explanatory", "f4": "pragmatic", "f5": "pragmatic",
             "f6": "pragmatic"},
            {"f1": "pragmatic", "f2": "pragmatic", "f3": "explanatory", "f4": "explanatory", "f5": "pragmatic"},
            {"f1": "explanatory", "f2": "explanatory", "f3": "pragmatic", "f4": "pragmatic", "f5": "explanatory",
             "f6": "pragmatic"},
        ],
    ),
]
