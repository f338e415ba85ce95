"""Questions of lesson 09 (tools of the trade) and its exercise set.

Instruments: DISCERN (Charnock et al. J Epidemiol Community Health 1999;53(2):105-111, doi:10.1136/jech.53.2.105):
15 key questions plus an overall rating, each 1-5. HealthNewsReview.org's 10 criteria for news stories. CONSORT
2010 (Schulz et al. BMJ 2010;340:c332). RoB 2 (Sterne et al. BMJ 2019;366:l4898). GRADE (Balshem et al. J Clin
Epidemiol 2011;64:401-406; Guyatt et al. J Clin Epidemiol 2011;64(12):1311-1316). SENZA-RCT numbers: Kapural et al.
Anesthesiology 2015;123(4):851-860.
"""

from ..questions import Choice, Match, MultiChoice, Number, Text

SLUG = "09-tools-of-the-trade"

CHECKS = [
    Number(
        "c9_1",
        answer=15,
        whole=True,
        noun="questions",
        topic="Check 9.1: how many key questions DISCERN has",
        feedback={16: "16 counts the overall rating too. How many KEY questions come before it?"},
        hint="Read section 2 of lesson 09 again.",
        right=[15, 15.0, 15, 15.0],
        wrong=[16, 14, 5, 10, "15"],
    ),
    Choice(
        "c9_4",
        answer="d",
        options="abcde",
        topic="Check 9.4: the RoB 2 domain for a self-rated outcome when patients know their treatment",
        feedback={
            "a": "Domain 1 is about how patients were allocated. Who rated the leg pain, and did they know their "
                 "group?",
            "b": "Domain 2 is about departures from the intended treatment. Think about who measured the outcome.",
            "c": "Domain 3 is about missing data; follow-up was high here. Think about who measured the outcome.",
            "e": "Domain 5 is about choosing which result to report. Think about who measured the outcome.",
        },
        texts={"a": ["D1", "randomization process"], "b": ["D2", "deviations from intended interventions"], "c": ["D3", "missing outcome data"], "d": ["D4", "measurement of the outcome"], "e": ["D5", "selection of the reported result"]},
        right=["d", "D", "(d)", " d ", "d)", "D4", "measurement of the outcome"],
        wrong=["a", "b", "c", "e", "(a)", "E", "D2"],
    ),
    Choice(
        "c9_6",
        answer="a",
        options="abcd",
        topic="Check 9.6: where a body of randomised-trial evidence starts in GRADE",
        feedback={
            "b": "Read section 4 of lesson 09 again: where do randomised trials start before anything lowers them?",
            "c": "That is where observational studies start. Where do randomised trials start?",
            "d": "Read section 4 of lesson 09 again: where do randomised trials start before anything lowers them?",
        },
        texts={"a": "high", "b": "moderate", "c": "low", "d": "very low"},
        right=["a", "A", "(a)", " a ", "a)", "high", "High"],
        wrong=["b", "c", "d", "(b)", "D", "moderate", "very"],
    ),
]

EXERCISES = [
    Choice(
        "q9_1",
        answer="b",
        options="abcd",
        var="discern_item",
        topic="Exercise 9.1: the DISCERN question that 'Sources and full results' (with nothing below) fails",
        feedback={
            "a": "The summary's aim (to explain back-of-leg pain) is clear enough. What is missing below the "
                 "heading?",
            "c": "Risks are a separate question. What is missing below the heading 'Sources and full results'?",
            "d": "Shared decision-making is a separate question. What is missing below the heading?",
        },
        texts={"a": "Q1", "b": "Q4", "c": "Q11", "d": "Q15"},
        right=["b", "B", "(b)", " b ", "b)", "Q4"],
        wrong=["a", "c", "d", "(a)", "D", "Q1"],
    ),
    Choice(
        "q9_2",
        answer="b",
        options="abcd",
        var="hnr_harms",
        topic="Exercise 9.2: the HealthNewsReview.org criterion document 002 fails by saying nothing about side "
              "effects of manipulation",
        feedback={
            "a": "Costs are a separate criterion. Which one asks about side effects?",
            "c": "Novelty is about whether the approach is new. Which criterion asks about side effects?",
            "d": "Availability is about whether readers can get the treatment. Which criterion asks about side "
                 "effects?",
        },
        texts={"a": "costs", "b": ["harms", "harm"], "c": "novelty", "d": "availability"},
        right=["b", "B", "(b)", " b ", "b)", "Harms"],
        wrong=["a", "c", "d", "(a)", "D", "Costs", "arms"],
    ),
    Choice(
        "q9_3",
        answer="c",
        options="abcd",
        var="hnr_novelty",
        topic="Exercise 9.3: the HealthNewsReview.org criterion behind 'one of the first to find'",
        feedback={
            "a": "Costs are not discussed either, but this phrase makes a claim about something else. What does "
                 "'one of the first' say about the study?",
            "b": "Benefits are about the size of the effect. What does 'one of the first' say about the study?",
            "d": "Disease-mongering is about exaggerating a condition. What does 'one of the first' say about the "
                 "study?",
        },
        texts={"a": "costs", "b": "benefits", "c": "novelty", "d": ["disease mongering", "disease-mongering"]},
        right=["c", "C", "(c)", " c ", "c)", "Novelty"],
        wrong=["a", "b", "d", "(a)", "D", "benefits", "novel"],
    ),
    Match(
        "q9_4",
        points=3,
        var="grade_moves",
        answer={"imprecision": "down", "large effect": "up", "dose-response gradient": "up",
                "publication bias": "down", "indirectness": "down", "inconsistency": "down"},
        topic="Exercise 9.4: which GRADE factors lower certainty and which raise it",
        item_hints={
            "imprecision": "Wide confidence intervals: more or less sure?",
            "large effect": "A very large effect is hard to explain by bias alone: does that make you more or less sure?",
            "dose-response gradient": "More exposure, more effect: does that make a causal effect more or less "
                                      "believable?",
            "publication bias": "If negative studies stay unpublished, is the visible evidence more or less "
                                "trustworthy?",
            "indirectness": "Evidence from other patients or other comparisons: more or less sure?",
            "inconsistency": "Studies that disagree for no known reason: more or less sure?",
        },
        hint="Section 4 of lesson 09 lists five reasons to rate down and three to rate up.",
        aliases={"down": ["lowers", "lower", "rate down", "rates down"], "up": ["raises", "raise", "rate up", "rates up"]},
        name_items=False,
        right=[
            {"imprecision": "down", "large effect": "up", "dose-response gradient": "up", "publication bias": "down", "indirectness": "down", "inconsistency": "down"},
            {"Imprecision": "Down", "Large effect": "Up", "Dose-response gradient": "Up", "Publication bias": "Down", "Indirectness": "Down", "Inconsistency": "Down"},
            {"imprecision": "DOWN", "large effect": "UP", "dose response gradient": "UP", "publication bias": "DOWN", "indirectness": "DOWN", "inconsistency": "DOWN"},
            {"imprecision": "down", "large effect": "up", "dose–response gradient": "up", "publication bias": "down", "indirectness": "down", "inconsistency": "down"},
            {"inconsistency": "down", "indirectness": "down", "publication bias": "down", "dose-response gradient": "up", "large effect": "up", "imprecision": "down"},
        ],
        wrong=[
            {"imprecision": "up", "large effect": "up", "dose-response gradient": "up", "publication bias": "down", "indirectness": "down", "inconsistency": "down"},
            {"imprecision": "down", "large effect": "down", "dose-response gradient": "down", "publication bias": "down", "indirectness": "down", "inconsistency": "down"},
            {"imprecision": "down", "large effect": "up", "dose-response gradient": "up", "publication bias": "up", "indirectness": "down", "inconsistency": "down"},
            {"imprecision": "down", "large effect": "up", "dose-response gradient": "up", "publication bias": "down", "indirectness": "down"},
            {"imprecision": "down", "Imprecision": "up", "large effect": "up", "dose-response gradient": "up", "publication bias": "down", "indirectness": "down", "inconsistency": "down"},
        ],
    ),
    Choice(
        "q9_5",
        answer="a",
        options="abcd",
        var="consort_item",
        topic="Exercise 9.5: the CONSORT 2010 item about the trial's title ('A Trial With Adaptive Allocation')",
        feedback={
            "b": "Item 8b asks for the type of randomisation in the Methods. Which item is about the title?",
            "c": "Item 23 asks for the registration number. Which item is about the title?",
            "d": "Item 11a is about blinding. Which item is about the title?",
        },
        texts={"a": "1a", "b": "8b", "c": "23", "d": "11a"},
        right=["a", "A", "(a)", " a ", "a)", "1a", "1A"],
        wrong=["b", "c", "d", "(b)", "D", "8b", "1"],
    ),
    MultiChoice(
        "q9_6",
        answer=["a", "c", "d", "e"],
        options="abcdef",
        var="ai_failures",
        topic="Exercise 9.6: which failures of AI summaries document 003 shows",
        hint="Go through lesson 09, section 6, one failure at a time: can you show it from document 003's text, "
             "checked against the papers it relies on? A failure counts even when you need those papers to show it; "
             "it does not count when the page offers nothing that could show it.",
        right=[
            ["a", "c", "d", "e"],
            ["e", "d", "c", "a"],
            ("A", "C", "D", "E"),
            "a, c, d, e",
            ["(a)", "(c)", "(d)", "(e)"],
            {"a", "c", "d", "e"},
        ],
        wrong=[["c", "d"], ["a", "b", "c", "d", "e", "f"], ["c"], ["a", "c", "d"], ["b", "f"]],
    ),
    Number(
        "q9_7",
        answer=1.4,
        tol=0.05,
        unit="percentage points",
        var="overstatement",
        topic="Exercise 9.7: by how much document 003 overstates the HF10 leg-pain responder rate",
        feedback={
            84.5: "That is the figure document 003 gives. The question asks how far it is from the reported one.",
            83.1: "That is the reported figure. The question asks how far document 003's figure is from it.",
            27.6: "That is the difference between the two stimulation groups for leg pain. Compare document 003's "
                  "HF10 figure with the reported HF10 leg-pain figure.",
        },
        low="Compare document 003's figure with the SENZA-RCT's reported HF10 leg-pain responder rate (claim card "
            "003-11), and give the gap as a positive number of percentage points.",
        high="Compare document 003's figure with the SENZA-RCT's reported HF10 leg-pain responder rate (claim card "
             "003-11), and give the gap as a positive number of percentage points.",
        hint="Lesson 08, claim card 003-11, gives the reported rate.",
        right=[1.4000000000000057, 1.4, 1.4, 1.42],
        wrong=[-1.4, 84.5, 83.1, 27.6, 1.0],
    ),
    Text(
        "q9_8",
        points=4,
        min_words=60,
        var="discern_scores",
        topic="Exercise 9.8: score one document with DISCERN and justify three scores",
    ),
]
