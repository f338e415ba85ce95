"""Questions of lesson 06 (bias and limits) and its exercise set.

Facts used (Bronfort G et al. Ann Intern Med. 2014;161(6):381-391. doi:10.7326/M14-0006, abstract): patients and
providers could not be blinded; blinded objective tests at 12 weeks; 192 enrolled, 191 (99%) followed at 12 weeks
and 179 (93%) at 52 weeks; six secondary outcomes at 12 and 52 weeks. Registry NCT00494065: masking "Single
(Outcomes Assessor)". RoB 2: Sterne JAC et al. BMJ 2019;366:l4898. The worst-case value of Exercise 6.6 is computed
from the SIMULATED data set and checked against legpain.results in tests/test_rob2.py.
"""

from ..questions import Case, Choice, Function, Match, MultiChoice, Number, Text

SLUG = "06-bias-and-limits"

CHECKS = [
    MultiChoice(
        "c6_1",
        answer=["a", "b"],
        options="abc",
        topic="Check 6.1: who knew which treatment a patient had",
        hint="Read the table of section 1 again: whom does the abstract say could not be blinded, and which tests "
             "does it say were blinded?",
    ),
    Choice(
        "c6_3",
        answer="c",
        options="abc",
        topic="Check 6.3: what the missing patients could do at 52 weeks",
        feedback={
            "a": "Move both sliders to their extremes in the demo and watch the square of the second row: does it "
                 "stay put?",
            "b": "A worst case is a bound, not an estimate of what happened. Read the text under the demo again.",
        },
    ),
    Number(
        "c6_5",
        answer=26.5,
        tol=0.5,
        unit="percent",
        topic="Check 6.5: chance of at least one false positive among 6 tests",
        hint="1 minus the chance that all 6 tests stay non-significant, 0.95 to the power 6; give it in percent.",
        feedback={30: "6 x 5% = 30% adds the chances, which overcounts; use 1 - 0.95^6.",
                  5: "5% is the chance for ONE test; the question asks about six."},
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
    ),
    Number(
        "c6_8",
        answer=-3.7,
        tol=0.1,
        unit="percentage points",
        topic="Check 6.8: a scenario beyond 0% and 100%",
        feedback={-0.6: "That is the fixed 0%/100% scenario. Move the sliders to the values the check gives and "
                        "read the row 'Missing filled in as you chose'.",
                  6.6: "That is the observed estimate; move the sliders first.",
                  -13.7: "That is a limit of the interval; the check asks for the estimate (the square)."},
        low="Lower than the demo shows: did you set the SMT plus HEA slider (not the HEA-alone one) to -50?",
        high="Higher than the demo shows: did you set both sliders, and read the row 'Missing filled in as you "
             "chose'?",
        hint="Set the SMT plus HEA slider to -50 and the HEA-alone slider to 100, and read the estimate (the "
             "square) of the row you chose.",
        right=[-3.7, -3.70, -3.704, -3.65],
        wrong=[-0.6, 3.7, 6.6, -13.7, 6.3],
    ),
    MultiChoice(
        "c6_9",
        answer=["a", "b", "e"],
        options="abcdefg",
        topic="Check 6.9: registered secondary outcomes that the abstract does not name",
        texts={"a": ["bothersomeness"], "b": ["frequency"], "c": ["disability"], "d": ["general health status"],
               "e": ["fear avoidance"], "f": ["patient satisfaction", "satisfaction"], "g": ["medication use"]},
        hint="Put the registry's list of section 4 next to the abstract's list, and tick only the outcomes that "
             "appear in the first and not in the second.",
        right=[["a", "b", "e"], ["e", "b", "a"], ["A", "B", "E"], ["bothersomeness", "frequency", "fear avoidance"]],
        wrong=[["a", "b"], ["a", "b", "c", "e"], ["c", "d"], ["a", "b", "e", "f"]],
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
    ),
    Number(
        "q6_2",
        answer=46.0,
        tol=0.5,
        unit="percent",
        var="chance_false_positive",
        topic="Exercise 6.2: at least one false positive among 12 tests",
        low="Too small: compute 1 minus the chance that all 12 tests stay non-significant, in percent.",
        high="Too large: did you add 12 x 5%? Adding overcounts; use 1 - 0.95^12.",
        feedback={60: "12 x 5% adds the chances, which overcounts; use 1 - 0.95 to the power 12.",
                  0.46: "Give the answer in percent, not as a proportion."},
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
        ],
        hint="Check for 'high' first, then whether every judgement is 'low'; otherwise return 'some concerns'.",
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
        hint="Enrolled minus followed up at 52 weeks (trial.fact('enrolled') and trial.fact('followed_52')).",
    ),
    MultiChoice(
        "q6_5",
        answer=["a", "c"],
        options="abcd",
        points=2,
        var="blinding_statements",
        topic="Exercise 6.5: blinding and a patient-reported outcome",
        hint="Read section 1 again: who rates the primary outcome, and which tests were blinded?",
    ),
    Number(
        "q6_6",
        answer=-0.6,
        tol=0.1,
        unit="percentage points",
        points=2,
        var="worst_case_52",
        topic="Exercise 6.6: the 0%/100% scenario against SMT plus HEA at 52 weeks (simulated data)",
        feedback={6.6: "That is the estimate from the observed patients only; add the missing patients first.",
                  13.0: "That is the 0%/100% scenario in favour of SMT plus HEA; swap the two assumed values."},
        hint="Add 6 values of 0 to the SMT plus HEA list and 7 values of 100 to the HEA-alone list, then take the "
             "difference in means.",
    ),
    Choice(
        "q6_7",
        answer="b",
        options="abcd",
        var="applies_to",
        topic="Exercise 6.7: who the results apply to",
        feedback={
            "a": "The trial enrolled only adults aged 21 or older with leg pain for at least 4 weeks.",
            "c": "Leg pain for at least 4 weeks was required; a pain of 1 week is outside the trial's population.",
            "d": "The registry's entry criterion asked for leg pain above 3 on a 0 to 10 scale; read section 5 again.",
        },
    ),
    Text(
        "q6_8",
        points=3,
        min_words=40,
        var="measurement_judgement",
        topic="Exercise 6.8: your own judgement for the measurement domain",
    ),
]
