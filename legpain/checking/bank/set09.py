"""Questions of lesson 09 (tools of the trade) and its exercise set.

Instruments: DISCERN (Charnock et al. J Epidemiol Community Health 1999;53(2):105-111, doi:10.1136/jech.53.2.105):
15 key questions plus an overall rating, each 1-5. HealthNewsReview.org's 10 criteria for news stories. CONSORT
2010 (Schulz et al. BMJ 2010;340:c332). RoB 2 (Sterne et al. BMJ 2019;366:l4898). GRADE (Balshem et al. J Clin
Epidemiol 2011;64:401-406; Guyatt et al. J Clin Epidemiol 2011;64(12):1311-1316). SENZA-RCT numbers: Kapural et al.
Anesthesiology 2015;123(4):851-860 ("randomized, parallel-arm, noninferiority study"; HF10 "subjects did not
experience paresthesias"; funded by Nevro Corp. per the 24-month report, doi:10.1227/NEU.0000000000001418). OCEBM 2011
(Howick et al.): level 5 for treatment benefits is "Mechanism-based reasoning". Harms of manual therapy: Carnes et al.
Man Ther 2010;15(4):355-363 (doi:10.1016/j.math.2009.12.006): minor or moderate transient adverse events about 41%
(cohorts) and 22% (RCTs), major about 0.13%. NICE NG59, last updated 11 December 2020: NICE recommends against
gabapentinoids (gabapentin, pregabalin) for sciatica (practice.GUIDELINE_NOTE; Exercise 9.29).
"""

import numpy as np

from ...topics.appraisal.styles import VERDICT_ALIASES
from ..questions import Choice, Match, MultiChoice, Number, Prediction, Text
from ..variants import variant
from ..draws import set09 as public

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
    Choice(
        "c9_20",
        answer="b",
        options="abc",
        topic='Check 9.20: recall, which interval excludes zero (lesson 05)',
        var="excludes_zero",
        feedback={
            'a': 'Does −0.2 to 1.2 contain zero?',
            'c': 'Does −2 to 15 contain zero?',
        },
        right=["b", "(b)", " B "],
        wrong=['a', 'c'],
    ),
    Choice(
        "c9_21",
        answer="b",
        options="abc",
        topic='Check 9.21: recall, what makes a citation findable (lesson 07)',
        var="findable",
        feedback={
            'a': 'How many studies from 2018 exist? Could you tell which one the page means?',
            'c': "A journal's name narrows it down. What else would you need to find one article?",
        },
        right=["b", "(b)", " B "],
        wrong=['a', 'c'],
    ),
    Prediction(
        "c9_22",
        answer="a",
        options="abc",
        topic='Check 9.22: predict, can a page silent on treatment choices still reach half the DISCERN total',
        var="silent_page",
        texts={"a": "yes", "b": "no: seven low scores keep it under half", "c": "only with a high overall rating (Q16)"},
        outcome=("Yes. Full marks (5) on the eight reliability questions and the lowest score (1) on all seven "
                 "treatment-choice questions make 47 of the 75 points, more than half. That is why DISCERN asks for an "
                 "overall rating (question 16) of its own: a total can hide a page that says nothing about risks, "
                 "alternatives or what happens without treatment."),
        feedback={
            'b': 'The eight reliability questions alone can give up to 40 points, and the seven others add at least 7.',
            'c': 'The total is the sum of the 15 key questions only: question 16 is not part of it.',
        },
        right=["a", "(a)", " A ", "yes"],
        wrong=['b', 'c', "no: seven low scores keep it under half"],
    ),
    Number(
        "c9_28",
        answer=46,
        whole=True,
        noun="points",
        var="discern_total",
        topic="Check 9.28: explain with the demo, a DISCERN total",
        feedback={47: "That is the total at the setting of your prediction. Set the sliders as this question asks.",
                  45: "That is the total with every key question at 3, the demo's start."},
        low="Set questions 1 to 8 to 4 and questions 9 to 15 to 2, then read the total in the title.",
        high="Set questions 1 to 8 to 4 and questions 9 to 15 to 2, then read the total in the title.",
        right=[46, 46.0, 46],
        wrong=[47, 45, 75, 30],
    ),
    Prediction(
        "c9_23",
        answer="b",
        options="abc",
        topic="Check 9.23: predict, how 'not applicable' counts in the news criteria",
        var="not_applicable",
        texts={"a": "5 of 10 criteria satisfactory", "b": "5 of 8 applicable criteria", "c": "7 of 10: not "
               "applicable counts as satisfactory"},
        outcome=("5 of 8: a criterion rated 'not applicable' leaves the count altogether, so a story is judged only "
                 "on the criteria that apply to it."),
        feedback={
            'a': "A criterion that does not apply to a story cannot count against it: it leaves the count.",
            'c': "'Not applicable' is not a pass: the criterion is simply left out of the count.",
        },
        right=["b", "(b)", " B ", "5 of 8 applicable criteria"],
        wrong=['a', 'c', "5 of 10 criteria satisfactory"],
    ),
    Number(
        "c9_29",
        answer=7,
        whole=True,
        noun="criteria",
        var="applicable",
        topic="Check 9.29: explain with the demo, applicable criteria",
        feedback={10: "Three criteria were set to 'not applicable' in the question: do they still count?",
                  3: "That is how many were rated satisfactory. The question asks how many criteria apply."},
        low="Set the ten menus exactly as the question says and read the count under the title.",
        high="Set the ten menus exactly as the question says and read the count under the title.",
        right=[7, 7.0, 7],
        wrong=[10, 3, 5, 8],
    ),
    Choice(
        "c9_24",
        answer="a",
        options="abc",
        topic='Check 9.24: which version of the news criteria you used',
        var="hnr_version",
        feedback={
            'b': 'Count the criteria in the demo, and read section 3 again for when the reviews stopped.',
            'c': 'Count the criteria in the demo, and read section 3 again for when the reviews stopped.',
        },
        right=["a", "(a)", " A "],
        wrong=['b', 'c'],
    ),
    Prediction(
        "c9_25",
        answer="a",
        options="abc",
        topic="Check 9.25: predict, can observational evidence reach 'high' in GRADE",
        var="observational_high",
        texts={"a": "yes, if it is rated up two levels", "b": "no: observational evidence can reach 'moderate' at most",
               "c": "no: it can never be rated up"},
        outcome=("Yes: two levels up from 'low' is 'high'. GRADE suggests rating up two levels when rigorous "
                 "observational studies show at least a five-fold reduction or increase in risk (Guyatt et al. 2011), "
                 "and only when nothing rates the evidence down."),
        feedback={
            'b': "The ladder counts levels: from 'low', how many steps up is 'high'?",
            'c': 'GRADE names three reasons to rate up, among them a large effect.',
        },
        right=["a", "(a)", " A ", "yes, if it is rated up two levels"],
        wrong=['b', 'c', "no: it can never be rated up"],
    ),
    Choice(
        "c9_30",
        answer="b",
        options="abcd",
        topic="Check 9.30: explain with the demo, where a body of evidence ends on the ladder",
        var="ladder_end",
        feedback={
            'a': "Start at 'low', go down one level and up two: count the steps on the ladder.",
            'c': "Start at 'low', go down one level and up two: count the steps on the ladder.",
            'd': "Start at 'low', go down one level and up two: count the steps on the ladder.",
        },
        texts={"a": "high", "b": "moderate", "c": "low", "d": "very low"},
        right=["b", "(b)", " B ", "moderate"],
        wrong=['a', 'c', 'd', "low"],
    ),
    Prediction(
        "c9_26",
        answer="b",
        options="abc",
        topic="Check 9.26: predict, the verdict on an AI tool's claim about its own search",
        var="verdict_003_01",
        texts={"a": "accurate: the vendor says so", "b": "unsupported or unverifiable",
               "c": "wrong: no tool can search that many"},
        outcome=("Unsupported or unverifiable. The vendor's own page gives the size of its index, but no outside "
                 "source can check it, and the size of an index says nothing about which papers this summary used: "
                 "none are listed."),
        feedback={
            'a': "A vendor's statement about its own product is a claim, not evidence that checks it.",
            'c': "Nothing shows the number to be false: the course has no evidence either way.",
        },
        right=["b", "(b)", " B ", "unsupported or unverifiable"],
        wrong=['a', 'c', "accurate: the vendor says so"],
    ),
    Number(
        "c9_31",
        answer=76.5,
        tol=0.05,
        unit="percent",
        var="back_responders_24m",
        topic="Check 9.31: explain with the demo, a number on the card of claim 003-12",
        feedback={72.9: "That is the leg-pain figure. The question asks for back pain.",
                  49.3: "That is the figure for traditional stimulation. The question asks for HF10 therapy.",
                  84.5: "That is the 3-month figure from lesson 08. The card of 003-12 gives the 24-month one."},
        low="Open claim 003-12 in Demo 9.7 and read the back-pain figure for HF10 therapy in its evidence.",
        high="Open claim 003-12 in Demo 9.7 and read the back-pain figure for HF10 therapy in its evidence.",
        right=[76.5, 76.50, 76.5],
        wrong=[72.9, 49.3, 84.5, 77],
    ),
    Choice(
        "c9_27",
        answer="b",
        options="abc",
        topic='Check 9.27: who produced the 24-month evidence (Demo 9.7)',
        var="who_24m",
        feedback={
            'a': 'Open claim 003-12 in the demo and read who paid for the 24-month study and where its authors work.',
            'c': 'The AI tool summarised the evidence; it did not produce it. Open claim 003-12 in the demo and read '
                 'who did.',
        },
        right=["b", "(b)", " B "],
        wrong=['a', 'c'],
    ),
    # issue 26: the cumulative review of the appraisal part and the course (mixed, new cases)
    Choice(
        "c9_40", answer="b", options="abcd", var="verdict_99",
        topic="Check 9.40: review, a verdict on a follow-up figure (lesson 08)",
        feedback={"a": "Compare the time point: which follow-up had 99%?",
                  "c": "The abstract can be read and gives the figure: the claim can be checked.",
                  "d": "Patients were followed up at 52 weeks; the question is how many."},
        right=["b", "(b)", " B "], wrong=["a", "c", "d"],
    ),
    MultiChoice(
        "c9_41", answer=["b", "d"], options="abcd", var="findable",
        topic="Check 9.41: review, which citations can be found (lesson 07)",
        hint="A citation can be found when it identifies one publication: authors, journal and year with a volume or "
             "page, or a DOI or PMID (lesson 07, section 3).",
        right=[["b", "d"], ["d", "b"], "b, d"], wrong=[["b"], ["a", "b", "d"], ["a", "c"], ["b", "c", "d"]],
    ),
    Choice(
        "c9_42", answer="b", options="abc", var="ci_reading",
        topic="Check 9.42: review, an interval that includes zero (lessons 05 and 08)",
        feedback={"a": "An interval that includes zero does not show that the effect is zero: what else does it include?",
                  "c": "The interval also includes values below zero."},
        right=["b", "(b)", " B "], wrong=["a", "c", "(a)"],
    ),
    Number(
        "c9_43", answer=100 * (1 - 0.95 ** 20), decimals=0, unit="percent", var="chance_20",
        topic="Check 9.43: review, false positives among 20 outcomes (lesson 06)",
        feedback={100: "Adding 5% twenty times overstates it: work out 1 - 0.95 to the power 20.",
                  5: "5% is the chance for one test."},
        low="Take from 1 the chance that all the tests stay quiet: 0.95 multiplied by itself once per test.",
        high="Take from 1 the chance that all the tests stay quiet: 0.95 multiplied by itself once per test.",
        right=[64, 64.2, 64.0], wrong=[100, 5, 36, 20],
    ),
    Number(
        "c9_44", answer=100 * 152 / 180, decimals=1, unit="percent", var="analysed_pct",
        topic="Check 9.44: review, a follow-up percentage from new counts (lesson 03)",
        feedback={28: "That is the number of patients not analysed. The question asks for the percentage analysed."},
        low="Divide the patients analysed by the patients randomised, times 100.",
        high="Divide the patients analysed by the patients randomised, times 100.",
        right=[84.4, 84.44, 84.444], wrong=[28, 15.6, 84, 118.4],
    ),
    Choice(
        "c9_45", answer="c", options="abcd", var="grade_end",
        topic="Check 9.45: review, GRADE's levels (lesson 09)",
        feedback={"a": "Randomised trials start at high; two reasons each take it down a level.",
                  "b": "That is one level down. How many reasons were there?",
                  "d": "That is three levels down. How many reasons were there?"},
        texts={"a": "high", "b": "moderate", "c": "low", "d": "very low"},
        right=["c", "(c)", "low"], wrong=["a", "b", "d", "moderate"],
    ),
    Choice(
        "c9_46", answer="a", options="abc", var="last_two",
        topic="Check 9.46: review, what permuted blocks let an observer predict (lesson 04)",
        feedback={"b": "A block of 6 holds three patients for each group. How many A places are left?",
                  "c": "Inside a block the order is random, but the block must end with three in each group."},
        right=["a", "(a)", " A "], wrong=["b", "c", "(c)"],
    ),
    Choice(
        "c9_47", answer="a", options="abc", var="root_far_l3_l4",
        topic="Check 9.47: review, the root a far-lateral herniation presses on (lesson 02)",
        feedback={"b": "L4 crosses the L3-L4 disc inside the canal: a far-lateral herniation lies outside it, in or "
                       "beyond the foramen.",
                  "c": "L5 leaves lower down, at L5-S1."},
        texts={"a": "L3", "b": "L4", "c": "L5"},
        right=["a", "(a)", "L3"], wrong=["b", "c", "L4"],
    ),
]

EXERCISES = [
    variant(
        Choice, "q9_1", public.PUBLIC["q9_1"],
        answer="b",
        options="abcd",
        var="discern_item",
        topic="Exercise 9.1: the DISCERN question that 'Sources and full results' (with nothing below) fails",
        feedback={
            "a": "The summary's aim (to explain back-of-leg pain) is clear enough. What is missing below the "
                 "heading?",
            "c": "Risks are a separate question. What is missing below the heading 'Sources and full results'?",
            "d": "Quality of life is a separate question. What is missing below the heading?",
        },
        texts={"a": "Q1", "b": "Q4", "c": "Q11", "d": "Q13"},
        right=["b", "B", "(b)", " b ", "b)", "Q4"],
        wrong=["a", "c", "d", "(a)", "D", "Q1"],
    ),
    variant(
        Choice, "q9_2", public.PUBLIC["q9_2"],
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
    variant(
        Choice, "q9_3", public.PUBLIC["q9_3"],
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
        # GRADE's own verbs too ("downgrade", "upgrade"), and the factor's short name ("dose-response").
        aliases={"down": ["lowers", "lower", "rate down", "rates down", "rated down", "downgrade", "downgrades",
                          "downgraded", "downgrading", "decreases", "decrease"],
                 "up": ["raises", "raise", "rate up", "rates up", "rated up", "upgrade", "upgrades", "upgraded",
                        "upgrading", "increases", "increase"],
                 "dose-response gradient": ["dose-response", "dose-response relationship", "dose-response relation"]},
        name_items=False,
        right=[
            {"imprecision": "down", "large effect": "up", "dose-response gradient": "up", "publication bias": "down", "indirectness": "down", "inconsistency": "down"},
            {"Imprecision": "Down", "Large effect": "Up", "Dose-response gradient": "Up", "Publication bias": "Down", "Indirectness": "Down", "Inconsistency": "Down"},
            {"imprecision": "DOWN", "large effect": "UP", "dose response gradient": "UP", "publication bias": "DOWN", "indirectness": "DOWN", "inconsistency": "DOWN"},
            {"imprecision": "down", "large effect": "up", "dose–response gradient": "up", "publication bias": "down", "indirectness": "down", "inconsistency": "down"},
            {"inconsistency": "down", "indirectness": "down", "publication bias": "down", "dose-response gradient": "up", "large effect": "up", "imprecision": "down"},
            {"imprecision": "downgrade", "large effect": "upgrade", "dose-response gradient": "upgrade", "publication bias": "downgrade", "indirectness": "downgrade", "inconsistency": "downgrade"},
            {"imprecision": "rate down", "large effect": "rate up", "dose-response": "rate up", "publication bias": "rate down", "indirectness": "rate down", "inconsistency": "rate down"},
            {"Imprecision": "Downgrade", "Large effect": "Upgrade", "Dose response": "Upgrade", "Publication bias": "Downgrade", "Indirectness": "Downgrade", "Inconsistency": "Downgrade"},
        ],
        wrong=[
            {"imprecision": "up", "large effect": "up", "dose-response gradient": "up", "publication bias": "down", "indirectness": "down", "inconsistency": "down"},
            {"imprecision": "down", "large effect": "down", "dose-response gradient": "down", "publication bias": "down", "indirectness": "down", "inconsistency": "down"},
            {"imprecision": "down", "large effect": "up", "dose-response gradient": "up", "publication bias": "up", "indirectness": "down", "inconsistency": "down"},
            {"imprecision": "down", "large effect": "up", "dose-response gradient": "up", "publication bias": "down", "indirectness": "down"},
            {"imprecision": "down", "Imprecision": "up", "large effect": "up", "dose-response gradient": "up", "publication bias": "down", "indirectness": "down", "inconsistency": "down"},
            {"imprecision": "upgrade", "large effect": "upgrade", "dose-response gradient": "upgrade", "publication bias": "downgrade", "indirectness": "downgrade", "inconsistency": "downgrade"},
            {"imprecision": "downgrade", "large effect": "downgrade", "dose-response": "upgrade", "publication bias": "downgrade", "indirectness": "downgrade", "inconsistency": "downgrade"},
        ],
    ),
    variant(
        Choice, "q9_5", public.PUBLIC["q9_5"],
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
    variant(
        Choice, "q9_7", public.PUBLIC["q9_7"],
        answer="a",
        options="abcd",
        var="in_both",
        topic="Exercise 9.7: what document 003's '84.5% ... in both back and leg pain' would need the SENZA-RCT to "
              "have reported",
        feedback={
            "b": "A back-pain responder rate counts patients whose back pain at least halved. Does it say how many "
                 "of them also had their leg pain halved, as 'in both' claims?",
            "c": "Work it out: is 84.5 the average of the two HF10 responder rates in claim card 003-11?",
            "d": "Read claim card 003-11 again: of which patients are the responder rates a share, all who were "
                 "randomised or those who got an implant?",
        },
        hint="Lesson 08, section 5, and claim card 003-11: which responder rates does the abstract give, and among "
             "which patients?",
        right=["a", "A", "(a)", " a ", "a)"],
        wrong=["b", "c", "d", "(b)", "D"],
    ),
    Text(
        "q9_8",
        points=4,
        min_words=60,
        var="discern_scores",
        topic="Exercise 9.8: score one document with DISCERN and justify three scores",
    ),
    Number(
        "q9_9",
        answer=5,
        whole=True,
        noun="level",
        var="ocebm_mechanism",
        topic="Exercise 9.9: the OCEBM 2011 level of document 001's reason why manipulation works",
        feedback={
            4: "Level 4 needs observed patients: a case series, a case-control study or a historical control. Does "
               "the sentence report any patients?",
            2: "Level 2 needs a randomised trial or a dramatic effect. Does the sentence report any study at all?",
            1: "Level 1 needs a systematic review of randomised trials. Does the sentence report any study at all?",
            3: "Level 3 needs a controlled cohort. Does the sentence report any patients at all, or only a reason?",
        },
        high="There is no such level on the OCEBM 2011 row for treatment benefits; look at the table again.",
        hint="Lesson 09, the section on the hierarchy of evidence: the OCEBM 2011 table. What kind of evidence is "
             "'to realign the spine and release the pressure on the nerve'?",
        right=[5, 5.0, np.int64(5), np.float64(5.0), int("5")],
        wrong=[4, 3, 2, 1, 6],
    ),
    MultiChoice(
        "q9_10",
        answer=["a", "b", "c", "e"],
        options="abcdef",
        var="senza_concerns",
        topic="Exercise 9.10: which concerns the course raises about the 2014 manipulation trial also apply to "
              "the SENZA-RCT",
        hint="Lesson 09, 'The same scrutiny for both trials': check each option against the SENZA-RCT's column, "
             "not against the manipulation trial's.",
        right=[["a", "b", "c", "e"], ["e", "c", "b", "a"], ["A", "B", "C", "E"], "a, b, c, e", ["a", "b", "c", "e "],
               ["a, b, c, e"]],
        wrong=[["a", "b", "c"], ["a", "b", "c", "d", "e"], ["a", "b", "c", "e", "f"], ["d", "f"], ["b", "c"]],
    ),
    variant(
        Choice, "q9_11", public.PUBLIC["q9_11"],
        answer="c",
        options="abcd",
        var="smt_harms",
        topic="Exercise 9.11: the harms benchmark a news story about spinal manipulation should meet",
        feedback={
            "a": "The trial reported no SERIOUS treatment-related adverse events. Is that the same as none at all? "
                 "Read the harms table in lesson 09, section 3.",
            "b": "Read the systematic reviews in the harms table of lesson 09, section 3: how common are the mild "
                 "events, and how rare the serious ones?",
            "d": "The reviews in lesson 09, section 3 do give figures, with wide uncertainty. What do they say about "
                 "mild and about serious events?",
        },
        hint="Lesson 09, section 3: the harms questions and the benchmark for spinal manipulation.",
        right=["c", "C", " c ", "(c)", "c."],
        wrong=["a", "b", "d", "A", "B"],
    ),
    variant(
        Choice, "q9_20", public.PUBLIC["q9_20"],
        answer="b",
        options="abcd",
        topic='Exercise 9.20: who is speaking in practice text P2, and what it wants',
        var="p2_speaker",
        feedback={
            'a': 'Look at who offers the treatment and what the last sentence asks the reader to do.',
            'c': 'Does P2 report results of its own study? Look at who offers the treatment.',
            'd': 'Is P2 reporting news? Look at its last sentence.',
        },
        right=["b", "(b)", " B "],
        wrong=['a', 'c', 'd'],
    ),
    variant(
        Choice, "q9_21", public.PUBLIC["q9_21"],
        answer="a",
        options="abc",
        topic='Exercise 9.21: the interest behind P2, and whether it is declared',
        var="p2_interest",
        feedback={
            'b': 'Search P2 for a disclosure or a statement of interests. Is there one?',
            'c': 'Who earns from the consultations P2 asks readers to book?',
        },
        right=["a", "(a)", " A "],
        wrong=['b', 'c'],
    ),
    Choice(
        "q9_22",
        answer="b",
        options="ab",
        topic='Exercise 9.22: can the study P2 cites be found',
        var="p2_citation",
        feedback={
            'a': 'List what a findable citation contains (lesson 07) and tick off what P2 gives.',
        },
        right=["b", "(b)", " B "],
        wrong=['a'],
    ),
    variant(
        Choice, "q9_23", public.PUBLIC["q9_23"],
        answer="b",
        options="abcd",
        topic="Exercise 9.23: whose leg-pain score is P1's 3.1",
        var="p1_number",
        feedback={
            'a': "Compare P1's number with each group's week-8 mean in the paper's facts.",
            'c': "The difference between the groups is a different kind of number. Compare P1's number with each group's mean.",
            'd': 'Check the time point: P1 says after eight weeks.',
        },
        right=["b", "(b)", " B "],
        wrong=['a', 'c', 'd'],
    ),
    Choice(
        "q9_24",
        answer="d",
        # lesson 08's own precedents allow both: a number that does not match its source is "misreported" (003-11);
        # a right number under the wrong label is "overstated or misleading" (000-07). Issue 26 fixed the key.
        accept="c",
        options="abcdef",
        topic="Exercise 9.24: the verdict on P1's sentence (2)",
        var="p1_verdict",
        feedback={
            'a': 'Compare the number with the paper: does it belong to the patients P1 says took the drug?',
            'b': 'Is anything wrong with the number itself, or only missing?',
            'e': 'The paper is available: can the number be checked?',
            'f': "'Wrong' is for a claim contradicted by evidence. Look at the number in sentence (2): is it a claim, or a figure that does not match its source?",
        },
        right=["d", "(d)", " D ", "c", "(c)"],
        wrong=['a', 'b', 'e', 'f'],
    ),
    MultiChoice(
        "q9_25",
        answer=["b", "c", "d", "e"],
        options="abcde",
        topic="Exercise 9.25: which sentences of practice text P3 the paper contradicts",
        var="p3_contradicted",
        hint="Compare each sentence of P3 with the paper's facts: the P value and interval at week 8, week 52, the adverse events.",
        right=[["b", "c", "d", "e"], ["e", "d", "c", "b"], "b, c, d, e", ["B", "C", "D", "E"]],
        wrong=[["b", "c", "d"], ["a", "b", "c", "d", "e"], ["b"], ["a", "e"]],
    ),
    Number(
        "q9_26",
        answer=103,
        whole=True,
        noun="adverse events",
        topic="Exercise 9.26: how many more adverse events with pregabalin than with placebo",
        var="extra_adverse_events",
        feedback={
            227: "That is the pregabalin group's count. The question asks how many more than in the placebo group.",
            124: "That is the placebo group's count. The question asks for the difference between the groups.",
            351: "That adds the two groups. The question asks how many more one group had than the other.",
        },
        hint="Find both groups' adverse-event counts in show_practice(\"paper\").",
        right=[103, 103.0, 103, 103],
        wrong=[227, 124, 351, 104],
    ),
    MultiChoice(
        "q9_27",
        answer=["a", "d", "f", "g"],
        options="abcdefg",
        topic="Exercise 9.27: CONSORT items practice text P4 does not report",
        var="p4_missing",
        hint="Go through the CONSORT table of section 4 item by item and look for each one in P4's five sentences.",
        right=[["a", "d", "f", "g"], ["g", "f", "d", "a"], "a, d, f, g", ["A", "D", "F", "G"]],
        wrong=[["a", "d", "f"], ["a", "b", "d", "f", "g"], ["e"], ["a", "c", "d", "f", "g"]],
    ),
    Text(
        "q9_28",
        points=4,
        min_words=40,
        topic="Exercise 9.28: rate P1 on three news criteria and justify each with the paper",
        var="p1_ratings",
    ),
    variant(
        Choice, "q9_29", public.PUBLIC["q9_29"],
        answer="b",
        options="abcd",
        topic="Exercise 9.29: judge P2's 'a proven treatment' against the 2020 update of NICE NG59",
        var="p2_guideline",
        feedback={
            'a': "A guideline is a judgement, but one made by a named committee on the whole body of evidence, with "
                 "its reasons given. Read what show_practice(\"guideline\") says the committee found.",
            'c': "Read show_practice(\"guideline\") again: what does NICE recommend about gabapentinoids for "
                 "sciatica, and for what reasons?",
            'd': "Check the dates in show_practice(\"guideline\"): when was NG59 last updated, and when was the "
                 "trial published?",
        },
        hint="show_practice(\"guideline\") and show_practice(\"paper\"): what do the guideline and the trial say "
             "about pregabalin for sciatica?",
        right=["b", "(b)", " B "],
        wrong=['a', 'c', 'd'],
    ),
    # issue 26: an unseen text (practice.PRACTICE["P7"], an AI-style summary of PRECISE and NG59), flaws not marked
    MultiChoice(
        "q9_30",
        answer=["c", "d", "f", "g", "j", "k"],
        options="abcdefghijk",
        parts=True,
        var="p7_contradicted",
        topic="Exercise 9.30: which sentences of practice text P7 the paper or the guideline contradicts",
        hint="Check each sentence against show_practice(\"paper\") and show_practice(\"guideline\"): every number, "
             "which group it belongs to, each time point, the harms, and what NICE recommends.",
        right=[["c", "d", "f", "g", "j", "k"], ["k", "j", "g", "f", "d", "c"], "c, d, f, g, j, k",
               ["(c)", "(d)", "(f)", "(g)", "(j)", "(k)"]],
        wrong=[["c", "d", "f", "g", "j"], ["c", "d", "f", "g", "i", "j", "k"], ["a", "b", "e", "h"],
               ["c", "d", "f", "g", "h", "j", "k"], ["d", "f"]],
    ),
    Match(
        "q9_31",
        points=3,
        var="p7_verdicts",
        answer={
            "s2": "accurate",
            "s6": "misreported (numbers wrong)",
            # a wrong P value that carries a wrong claim of significance: numbers wrong, or contradicted
            "s7": ("misreported (numbers wrong)", "wrong"),
            # "about as common": a claim about numbers (227 against 124) that the paper contradicts
            "s10": ("wrong", "misreported (numbers wrong)"),
            "s12": "unsupported or unverifiable",
            "s13": "wrong",
        },
        name_items=False,
        topic="Exercise 9.31: a verdict for six sentences of P7",
        hint="The verdict scale is in lesson 08, section 2; the facts are in show_practice(\"paper\") and "
             "show_practice(\"guideline\").",
        aliases=VERDICT_ALIASES,  # the verdicts' other names (badges, slashes)
        right=[
            {"s2": "accurate", "s6": "misreported (numbers wrong)", "s7": "misreported (numbers wrong)", "s10": "wrong",
             "s12": "unsupported or unverifiable", "s13": "wrong"},
            {"s2": "accurate", "s6": "misreported", "s7": "wrong", "s10": "misreported", "s12": "unsupported",
             "s13": "wrong"},
            {"S2": "OK", "S6": "Numbers wrong", "S7": "Misreported", "S10": "Wrong", "S12": "Unverifiable",
             "S13": "Wrong"},
            {"s2": "accurate", "s6": "misreported/numbers wrong", "s7": "wrong", "s10": "wrong",
             "s12": "unsupported / unverifiable", "s13": "wrong"},
        ],
        wrong=[
            {"s2": "accurate", "s6": "accurate", "s7": "misreported", "s10": "wrong", "s12": "unsupported",
             "s13": "wrong"},
            {"s2": "accurate", "s6": "misreported", "s7": "misreported", "s10": "wrong", "s12": "wrong",
             "s13": "wrong"},
            {"s2": "accurate", "s6": "misreported", "s7": "misreported", "s10": "wrong", "s12": "unsupported",
             "s13": "accurate"},
            {"s2": "accurate", "s6": "misreported", "s7": "misreported", "s10": "accurate", "s12": "unsupported",
             "s13": "overstated"},
            {"s2": "misreported", "s6": "overstated", "s7": "overstated", "s10": "overstated", "s12": "overstated",
             "s13": "overstated"},
        ],
    ),
    Text(
        "q9_32",
        points=4,
        min_words=60,
        var="p7_judgement",
        topic="Exercise 9.32: three flawed sentences of P7, with the evidence, and what to check in any AI summary",
    ),
]
