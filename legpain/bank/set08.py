"""Questions of lesson 08 (the claim ledger) and its exercise set.

Facts used: Bronfort et al. Ann Intern Med 2014;161(6):381-391 (doi:10.7326/M14-0006): 192 enrolled; leg pain 10
percentage points (95% CI 2 to 19) better with SMT plus HEA at 12 weeks, 7 (CI -2 to 15) at 52 weeks; of the six
secondary outcomes only global improvement, satisfaction and medication use stayed better at 52 weeks.
Kapural et al. Anesthesiology 2015;123(4):851-860 (SENZA-RCT): 3-month responders 84.5% (back) and 83.1% (leg) with
HF10, 43.8% and 55.5% with traditional stimulation. The vertebral column usually has 33 vertebrae (7+12+5+5+4).
"""

from ..questions import Case, Choice, Function, Match, Number, Text

SLUG = "08-the-claim-ledger"

CHECKS = [
    Choice(
        "c8_1",
        answer="c",
        options="abcd",
        topic="Check 8.1: the verdict for a claim whose cited study cannot be found",
        feedback={
            "a": "'Wrong' needs evidence that contradicts the claim. Here there is no evidence either way.",
            "b": "'Overstated' needs a real finding that the claim makes bigger. Here no finding could be found.",
            "d": "'Misreported' needs a source whose numbers can be compared. Here the source could not be found.",
        },
    ),
    Number(
        "c8_3",
        answer=2,
        whole=True,
        noun="claims",
        topic="Check 8.3: how many claims in document 001 the ledger judges 'wrong'",
        hint="In Demo 8.2 choose document 001 and count the marks labelled WRONG, or read the bar of 001 in the "
             "figure of section 4.",
    ),
    Choice(
        "c8_5",
        answer="a",
        options="abcd",
        topic="Check 8.5: what the 84.5% of document 003 really is",
        feedback={
            "b": "Read the claim card of 003-11 again: which pain was the 84.5% about?",
            "c": "The figure concerns implanted patients at 3 months; read the claim card of 003-11 again.",
            "d": "Read the claim card of 003-11 again: which group and which pain?",
        },
    ),
]

EXERCISES = [
    Match(
        "q8_1",
        points=5,
        var="verdicts",
        answer={
            "s1": "accurate",
            "s2": "misreported (numbers wrong)",
            "s3": "wrong",
            "s4": "unsupported or unverifiable",
            "s5": "overstated or misleading",
        },
        topic="Exercise 8.1: put five practice sentences on the verdict scale",
        item_hints={
            "s1": "Compare with the abstract's numbers on who was enrolled.",
            "s2": "Compare the number with the abstract's result at 12 weeks: which of its numbers is this?",
            "s3": "Which nerve supplies the front of the thigh? Does the evidence contradict the sentence, or just "
                  "not support it?",
            "s4": "Can the study be found from what is given? What verdict fits when nothing can be checked?",
            "s5": "Is there a real finding behind it? What happened at 52 weeks? Is the sentence contradicted, or "
                  "is a real finding made bigger?",
        },
        hint="The verdict scale and an example of each verdict are in lesson 08, section 2.",
    ),
    Number(
        "q8_2",
        answer=83.1,
        tol=0.05,
        unit="percent",
        var="hf10_leg",
        topic="Exercise 8.2: the SENZA-RCT leg-pain responder rate that document 003 got wrong",
        feedback={
            84.5: "That is the figure document 003 gives for both pains. The paper reports it for one pain only: "
                  "which?",
            55.5: "That is a figure for the traditional-stimulation group. The question asks about HF10.",
            43.8: "That is a figure for the traditional-stimulation group. The question asks about HF10.",
        },
        hint="Read the claim card of 003-11 (lesson 08, Demo 8.4) or the figure in lesson 08, section 5.",
    ),
    Number(
        "q8_3",
        answer=33,
        whole=True,
        noun="vertebrae",
        var="n_vertebrae",
        topic="Exercise 8.3: the usual number of vertebrae (document 001 says 30)",
        feedback={
            30: "That is document 001's number, which the ledger judges wrong.",
            26: "26 is the count of separate bones in an adult, with the fused sacrum and coccyx counted as one "
                "bone each. The question asks for vertebrae.",
            24: "24 counts only the mobile vertebrae above the sacrum. Add the sacral and coccygeal ones.",
            31: "Add the region counts again: cervical, thoracic, lumbar, sacral and coccygeal.",
        },
        hint="Add the usual counts of the five regions (claim card 001-06).",
    ),
    Number(
        "q8_4",
        answer=3,
        whole=True,
        noun="secondary outcomes",
        var="n_sustained",
        topic="Exercise 8.4: how many secondary outcomes stayed better at 52 weeks (document 000 implies all)",
        feedback={
            6: "Six secondary outcomes were measured. How many of them still favoured manipulation at 52 weeks?",
            0: "Some secondary outcomes did stay better at 52 weeks: read the abstract's sentence on them (claim "
               "card 000-09).",
        },
        hint="Claim card 000-09 quotes the abstract's sentence on the secondary outcomes at 52 weeks.",
    ),
    Choice(
        "q8_5",
        answer="b",
        options="abcd",
        var="nine_months",
        topic="Exercise 8.5: what is misleading in document 002's 'nine months' sentence",
        feedback={
            "a": "Treatment lasted 12 weeks and the last follow-up was at 52 weeks: how many months apart are they?",
            "c": "The trial did follow patients to 52 weeks (179 of them gave data then).",
            "d": "No outcome favoured home exercise alone at 52 weeks. What happened to the primary outcome?",
        },
        hint="Compare the sentence with the 52-week results in claim card 002-09.",
    ),
    Function(
        "q8_6",
        name="tabulate_verdicts",
        points=3,
        hidden=True,
        topic="Exercise 8.6: a function that counts verdicts per document",
        cases=[
            Case(([{"id": "000-01", "source": "000", "verdict": "accurate"},
                   {"id": "000-02", "source": "000", "verdict": "accurate"},
                   {"id": "001-01", "source": "001", "verdict": "wrong"}],),
                 {"000": {"accurate": 2}, "001": {"wrong": 1}},
                 "Two claims of one document share a verdict: they should be counted together."),
            Case(([],), {}, "No records should give an empty dictionary."),
            Case(([{"id": "003-11", "source": "003", "verdict": "misreported (numbers wrong)"},
                   {"id": "003-12", "source": "003", "verdict": "accurate"}],),
                 {"003": {"misreported (numbers wrong)": 1, "accurate": 1}},
                 "One document with two different verdicts needs two entries in its inner dictionary."),
        ],
        hint="Loop over the records; for each, make sure the outer dictionary has its source, then add 1 to the "
             "inner count of its verdict. Leave out verdicts that never occur.",
    ),
    Text(
        "q8_7",
        points=3,
        min_words=50,
        var="new_claim",
        topic="Exercise 8.7: appraise a sentence the ledger left out",
    ),
]
