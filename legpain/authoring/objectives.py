"""Constructive alignment as data: each lesson's objectives, the level its verb asks for, and what assesses it.

Every objective in a lesson's first cell gets an id (``"2.3"``: lesson 02, third bullet). A compound objective is
split into clauses (``"2.3a"``, ``"2.3b"``), each with the verb that sets its level on Bloom's revised taxonomy
(remember < understand < apply < analyse < evaluate < create). Every lesson check (``c…``), exercise question
(``q…``) and demo declares the clauses it serves and the level of what it asks the student to do.

One coding rule keeps the levels honest (Anderson & Krathwohl's "novel material" criterion, as in the pedagogy
audit): **an item that asks the student to reproduce a judgement the lesson has already made about the same case
is coded remember or understand; the same operation on a new case is coded at the operation's level.**

Demos are declared too, but they record nothing, so they never count as assessment: an objective is assessed
only by checks and exercises. Each demo names the check that asks for a prediction before it (``predict``) and
the one that needs its result after it (``follow_up``).

``tests/test_alignment.py`` fails when an objective clause has no item, or none at its level, or when an item id
does not exist in the question bank. ``tools/audit.py`` prints the audit's figures from this module and the
lesson files; the README lesson table shows :func:`coverage_note` per lesson.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

__all__ = ["LEVELS", "VERB_LEVEL", "Clause", "Item", "Demo", "clauses", "objective_ids", "items", "demos",
           "level_rank", "status", "gaps", "coverage", "coverage_note", "RECALL", "REVIEWS", "EXPLAIN_AT"]

LEVELS = ("remember", "understand", "apply", "analyse", "evaluate", "create")

# The verb of an objective clause -> its level (the audit's coding).
VERB_LEVEL = {
    "name": "remember", "give": "remember", "list": "remember", "find": "remember", "say where": "remember",
    "say which": "understand", "say what": "understand", "say who": "understand", "say to whom": "understand",
    "explain": "understand", "tell apart": "understand", "read": "understand", "state": "understand",
    "recognise": "understand", "locate": "understand", "classify": "analyse",
    "run": "apply", "use": "apply", "express": "apply", "allocate": "apply", "compute": "apply", "show": "apply",
    "count": "apply", "place": "apply", "turn into": "apply", "combine": "apply",
    "compare": "analyse", "trace": "analyse", "attribute": "analyse", "walk through": "analyse",
    "judge": "evaluate", "score": "evaluate", "check": "evaluate", "justify": "evaluate",
}


def level_rank(level: str) -> int:
    return LEVELS.index(level)


@dataclass(frozen=True)
class Clause:
    id: str  # "2.3b"; a one-clause objective has the objective's id, "2.2"
    objective: str  # "2.3"
    verb: str  # a key of VERB_LEVEL
    what: str  # the clause, abridged
    coded: str = ""  # a level set by hand where the verb alone misleads ("say which version" is recall)

    @property
    def level(self) -> str:
        return self.coded or VERB_LEVEL[self.verb]


@dataclass(frozen=True)
class Item:
    id: str  # "c2_2", "q2_8" or "D2.8"
    serves: tuple[str, ...]  # clause ids
    level: str
    kind: str  # "check", "exercise", "demo"
    note: str = ""


@dataclass(frozen=True)
class Demo:
    id: str  # "2.8" (the lesson's "Demo 2.8")
    shows: str
    serves: tuple[str, ...]
    level: str
    predict: str | None  # the check asked before the demo
    follow_up: str | None  # the check or exercise that needs its result (the explain check)
    at: tuple = ()  # the setting the explain check names, as (control, value) pairs

    @property
    def explain(self) -> str | None:
        return self.follow_up


# objective id -> its clauses as (verb, what[, level set by hand]); clause ids get letters when there is more than one.
_CLAUSES = {
    "0.1": [("run", "cells in order, and restart when something goes wrong")],
    "0.2": [("use", "a demo and a self-check, acting on feedback")],
    "0.3": [("find", "the five source documents"), ("say what", "kind of text each one is")],
    "0.4": [("express", "a change in a pain score as % improvement")],
    "0.5": [("use", "values, lists, dictionaries, def, return, if and for loops, as the exercises do"),
            ("read", "an error message: what went wrong and where")],
    "1.1": [("name", "regions, vertebrae per region, separate bones")],
    "1.2": [("name", "parts of a lumbar vertebra and a disc"), ("locate", "canal and foramen on a drawing")],
    "1.3": [("say where", "the cord ends; what fills the canal below")],
    "1.4": [("tell apart", "bulge vs herniation"), ("name", "changes that narrow canal, recess, foramen, and the root each squeezes", "understand")],
    "1.5": [("explain", "neurogenic vs vascular claudication")],
    "1.6": [("explain", "why a degenerative finding is not the cause"), ("read", "an odds ratio with its confidence interval")],
    "2.1": [("say which", "root exits at each level", "remember"), ("say which", "root a paracentral herniation hits"),
            ("say which", "root a far-lateral herniation hits"), ("say which", "roots a central herniation hits")],
    "2.2": [("name", "sciatic vs femoral territories")],
    "2.3": [("tell apart", "referred, radicular pain, radiculopathy"), ("explain", "why root pain often does not follow a dermatome")],
    "2.4": [("give", "numb area, pain, weak movement, reflex of L3-S1"), ("explain", "the L4/L5 overlap and what is tested for L5")],
    "2.5": [("explain", "sensitivity, specificity and likelihood ratios of the SLR"), ("explain", "how much a negative or positive result changes the probability")],
    "2.6": [("recognise", "patterns that are not one root"), ("list", "red flags that need urgent care")],
    "3.1": [("state", "the trial's question as PICO with time points")],
    "3.2": [("tell apart", "pragmatic vs explanatory"), ("classify", "features placing this trial")],
    "3.3": [("say which", "eligibility criteria are verified vs secondary"),
            ("say which", "treatment details are verified vs secondary")],
    "3.4": [("read", "a CONSORT-style flow diagram"), ("turn into", "counts into follow-up percentages")],
    "4.1": [("explain", "what each allocation method balances and lets an observer predict")],
    "4.2": [("allocate", "patients by hand with deterministic minimization")],
    "4.3": [("compare", "three methods with a simulation"), ("explain", "what p trades off")],
    "4.4": [("say what", "is verified vs digest-only about the allocation")],
    "5.1": [("say what", "the main result measures and what the abstract omits")],
    "5.2": [("read", "a difference and its 95% CI"), ("read", "its P value")],
    "5.3": [("explain", "why a CI including zero is not 'no effect'")],
    "5.4": [("compute", "a difference in means and its 95% CI"), ("explain", "how n and spread set width and power")],
    "5.5": [("tell apart", "MIC for one patient vs a group difference"), ("name", "pitfalls of responder analyses")],
    "6.1": [("say who", "could be blinded, and why it matters for self-rated pain")],
    "6.2": [("show", "by simulation how missing patients could move the result")],
    "6.3": [("explain", "co-interventions"), ("explain", "the add-on design"),
            ("explain", "false positives among many outcomes")],
    "6.4": [("say to whom", "the results apply", "apply"), ("say what", "could not be checked")],
    "6.5": [("walk through", "the five RoB 2 domains for the trial"), ("combine", "domain judgements by the rule")],
    "7.1": [("attribute", "kind, speaker and aim of a document")],
    "7.2": [("attribute", "declared interests behind a text"), ("attribute", "undeclared interests")],
    "7.3": [("judge", "whether citations can be found"), ("name", "what a findable citation contains")],
    "7.4": [("say what", "kinds of claim a marked-up document makes")],
    "8.1": [("justify", "a verdict on the six-point scale with primary evidence")],
    "8.2": [("compare", "wrong vs unsupported, overstated vs misreported")],
    "8.3": [("trace", "a trial claim to the primary paper and compare numbers")],
    "8.4": [("count", "verdicts per document"), ("judge", "what the counts can and cannot show")],
    "9.1": [("score", "a consumer text with DISCERN"), ("score", "a news story with the HNR criteria"),
            ("say which", "version of each instrument", "remember")],
    "9.2": [("check", "a trial report against CONSORT items"), ("name", "the RoB 2 domain of a weakness")],
    "9.3": [("explain", "GRADE levels and what lowers and raises them"),
            ("explain", "where one trial sits in the hierarchy of evidence")],
    "9.4": [("recognise", "how AI research summaries fail"), ("check", "an AI summary against the primary papers")],
}

# Item id -> (clauses served, level, note). Levels follow the rule in the module docstring. Existing items carry
# the audit's codes; items added for issue 17 say what they close.
_ITEMS: dict[str, tuple[str, str, str]] = {
    # lesson 00
    "c0_1": ("0.2 0.3a", "remember", ""),
    "c0_3": ("0.2 0.4", "apply", ""),
    "q0_1": ("0.3a", "remember", ""),
    "q0_2": ("0.3b", "understand", ""),
    "q0_3": ("0.4", "apply", ""),
    "q0_4": ("", "understand", "previews lesson 07 (who is speaking); serves no lesson-00 objective"),
    # lesson 01
    "c1_1": ("1.1", "remember", ""),
    "q1_1": ("1.1", "remember", ""),
    "q1_2": ("1.1", "understand", ""),
    "c1_2": ("1.3", "remember", ""),
    "q1_3": ("1.3", "remember", ""),
    "c1_4": ("1.4b", "apply", ""),
    "q1_4": ("1.4a", "apply", ""),
    "q1_5": ("1.4b", "understand", ""),
    "c1_5": ("1.6a", "understand", ""),
    "q1_6": ("1.6a", "understand", ""),
    "q1_7": ("1.6a", "apply", "hand-graded"),
    # lesson 02
    "c2_2": ("2.1b", "understand", ""),
    "q2_1": ("2.1a", "remember", ""),
    "q2_2": ("2.1b", "apply", ""),
    "c2_3": ("2.2", "remember", ""),
    "q2_5": ("2.2", "remember", ""),
    "c2_5": ("2.4a 2.4b", "understand", ""),
    "q2_3": ("2.4a", "remember", ""),
    "q2_4": ("2.4a", "remember", ""),
    "q2_8": ("2.4a", "apply", ""),
    "c2_7": ("2.5a", "understand", ""),
    "q2_6": ("2.5a", "understand", ""),
    "q2_7": ("2.6b", "understand", ""),
    "q2_9": ("2.3a", "understand", "hand-graded"),
    # lesson 03
    "c3_1": ("3.1", "remember", ""),
    "q3_3": ("3.1", "understand", ""),
    "c3_2": ("3.2a", "understand", ""),
    "q3_4": ("3.2b", "understand", "the lesson's table lists the same features"),
    "q3_7": ("3.2b", "understand", "hand-graded; issue 26: re-coded, the lesson's table lists the features with their lean"),
    "q3_5": ("3.3a", "understand", ""),
    "q3_6": ("3.3a", "understand", ""),
    "c3_4": ("3.4b", "apply", ""),
    "q3_1": ("3.4b", "apply", ""),
    "q3_2": ("3.4b", "apply", ""),
    # lesson 04
    "c4_1": ("4.2", "apply", ""),
    "q4_3": ("4.2", "apply", ""),
    "q4_4": ("4.2", "apply", ""),
    "q4_5": ("4.2", "apply", ""),
    "c4_4": ("4.1 4.3a", "understand", ""),
    "c4_6": ("4.1 4.3b", "understand", ""),
    "q4_6": ("4.3a", "apply", ""),
    "q4_7": ("4.1", "apply", ""),
    "q4_8": ("4.1", "understand", ""),
    "q4_1": ("4.4", "remember", ""),
    "q4_2": ("4.4", "remember", ""),
    "q4_9": ("4.4", "understand", "hand-graded; issue 26: re-coded, lesson 04 section 5 already judges it and lists the details"),
    # lesson 05
    "c5_1": ("5.1", "understand", ""),
    "q5_8": ("5.1 5.3", "apply", "hand-graded"),
    "c5_2": ("5.2a", "understand", ""),
    "q5_1": ("5.2a", "remember", ""),
    "q5_2": ("5.2a 5.3", "understand", ""),
    "c5_5": ("5.3", "understand", ""),
    "c5_4": ("5.4b", "understand", ""),
    "c5_6": ("5.4a", "apply", ""),
    "c5_8": ("5.4b", "understand", ""),
    "q5_3": ("5.4a", "apply", ""),
    "q5_4": ("5.4a", "apply", ""),
    "q5_5": ("5.4a", "apply", ""),
    "q5_7": ("5.4b", "apply", ""),
    "c5_9": ("5.5a", "understand", ""),
    "c5_11": ("5.5b", "understand", ""),
    "q5_6": ("5.5a", "understand", ""),
    # lesson 06
    "c6_1": ("6.1", "remember", ""),
    "q6_5": ("6.1", "understand", ""),
    "q6_8": ("6.1 6.5a", "evaluate", "hand-graded"),
    "c6_3": ("6.2", "understand", ""),
    "q6_6": ("6.2", "apply", ""),
    "c6_5": ("6.3c", "apply", ""),
    "q6_1": ("6.3a 6.5a", "understand", ""),
    "q6_2": ("6.3c", "apply", ""),
    "q6_7": ("6.4a", "apply", ""),
    "c6_7": ("6.5b", "apply", ""),
    "q6_3": ("6.5b", "apply", ""),
    "q6_4": ("3.4b 6.2", "apply", "reworded for issue 17: counts the patients Demo 6.2 fills in (no longer q3_2's words)"),
    # lesson 07
    "c7_1": ("7.1", "remember", ""),
    "c7_3": ("7.1", "understand", ""),
    "q7_1": ("7.1", "remember", ""),
    "q7_6": ("7.1 7.2a 7.3a", "apply", "hand-graded; the profile's answers are in the lesson's table"),
    "q7_2": ("7.2a", "remember", ""),
    "q7_3": ("7.2b", "remember", ""),
    "q7_5": ("7.2b", "remember", ""),
    "q7_4": ("7.3b", "remember", ""),
    # lesson 08
    "c8_1": ("8.1 8.2", "apply", ""),
    "q8_1": ("8.1 8.2", "apply", "five new practice sentences"),
    "q8_7": ("8.1 8.2", "evaluate", "hand-graded"),
    "q8_5": ("8.2 8.3", "understand", ""),
    "c8_5": ("8.3", "remember", ""),
    "q8_2": ("8.3", "remember", ""),
    "q8_4": ("8.3", "remember", ""),
    "c8_3": ("8.4a", "remember", ""),
    "q8_6": ("8.4a", "apply", ""),
    "q8_3": ("1.1", "remember", "a lesson-01 fact, retrieved in lesson 08"),
    # lesson 09
    "c9_1": ("9.1a", "remember", ""),
    "q9_1": ("9.1a", "understand", ""),
    "q9_2": ("9.1b", "understand", ""),
    "q9_3": ("9.1b", "understand", ""),
    "q9_8": ("9.1a", "evaluate", "hand-graded"),
    "c9_4": ("9.2b", "understand", ""),
    "q9_5": ("9.2a", "remember", ""),
    "c9_6": ("9.3a", "remember", ""),
    "q9_4": ("9.3a", "understand", ""),
    "q9_6": ("9.4a", "understand", ""),
    "q9_7": ("9.4b", "understand", "third edition: what '84.5% ... in both' would need; issue 26: one answer among four"),
    "c3_24": ("3.3b", "understand", "provenance of a treatment detail"),
    "c3_25": ("3.4a", "understand", "read the flow diagram's group boxes"),
    # issue 17: items added by the design helper, and items other helpers added in the same session
    "c0_4": ('0.1', 'apply', 'restart and run all, then read the result'),
    "c0_5": ('0.4', 'understand', 'prediction before Demo 0.2'),
    "c0_8": ('0.4', 'apply', 'explain after Demo 0.2: a value read off the demo'),
    "c0_6": ('0.5a', 'apply', ''),
    "c0_7": ('0.5a', 'apply', ''),
    "c0_9": ('0.5a', 'apply', 'issue 26: a for loop with +='),
    "c0_10": ('0.5a', 'apply', 'issue 26: a dictionary of lists, .append'),
    "c0_11": ('0.5a', 'apply', 'issue 26: all() over a list built with a loop'),
    "c0_12": ('0.5b', 'understand', 'issue 26: where an error message points'),
    "c2_8": ('2.5a', 'apply', ''),
    "c2_9": ('2.3a', 'understand', ''),
    "c2_10": ('2.6a', 'apply', ''),
    "q2_10": ('2.5a', 'apply', ''),
    "q2_11": ('2.5b', 'understand', ''),
    "q2_12": ('2.6b', 'understand', ''),
    "c1_6": ("1.6b", "understand", "second edition: reading an odds ratio and its interval"),
    "c1_7": ("1.5", "understand", "second edition: neurogenic vs vascular claudication"),
    "c2_11": ("2.1d", "understand", "second edition: central herniation"),
    "c4_7": ('4.1', 'understand', ''),
    "c5_12": ('5.3', 'understand', ''),
    "c5_13": ('5.4b', 'understand', ''),
    "c5_14": ('5.1', 'understand', ''),
    "c5_15": ('5.1', 'apply', ''),
    "c6_9": ('6.2', 'apply', ''),
    "c6_8": ('6.4b', 'understand', ''),
    "q7_7": ('7.1', 'understand', ''),
    "q8_8": ('8.3', 'understand', ''),
    "q9_9": ('9.3b', 'understand', ''),
    "q9_10": ('9.2b', 'understand', "issue 26: re-coded, the scrutiny table in section 5 lists each concern for both trials"),
    "q9_11": ('9.1b', 'understand', ''),
    "q9_20": ('7.1', 'understand', 'issue 26: re-coded, P2 names the clinic in its title and asks readers to book'),
    "q9_21": ('7.2a 7.2b', 'understand', 'issue 26: re-coded, follows from q9_20; one option is absurd'),
    "q9_22": ('7.3a', 'understand', 'issue 26: re-coded, two options; the key restates the rule of Check 9.21'),
    "q9_23": ('8.3', 'remember', "issue 26: re-coded, a look-up: the stem names the sentence and the number"),
    "q9_24": ('8.1 8.2', 'apply', 'issue 26: re-coded (the operation of q8_1) and its key fixed: (c) counts too'),
    "q9_25": ('9.4b', 'evaluate', 'transfer: check the AI-style summary P3 against the paper'),
    "q9_26": ('8.3 9.4b', 'apply', 'issue 26: re-coded, a subtraction (227 - 124), like the first edition q9_7'),
    "q9_27": ('9.2a', 'evaluate', 'transfer: check the abstract P4 against CONSORT items'),
    "q9_28": ('9.1b 9.1c', 'evaluate', 'hand-graded; transfer: rate P1 with the news criteria'),
    "q9_29": ('8.1', 'apply', "third edition; P2's claim against the 2020 NICE guideline; issue 26: one answer among four"),
    # issue 26: cumulative reviews at the end of each part (REVIEWS below): mixed lessons, new numbers and cases
    "c6_30": ('0.4', 'apply', 'review of the trial part'),
    "c6_31": ('3.4b', 'apply', 'review of the trial part'),
    "c6_32": ('4.2', 'apply', 'review of the trial part'),
    "c6_33": ('5.4a', 'apply', 'review of the trial part'),
    "c6_34": ('6.3c', 'apply', 'review of the trial part'),
    "c6_35": ('6.5b', 'apply', 'review of the trial part'),
    "c6_36": ('2.1b', 'apply', 'review of the trial part: a lesson-02 procedure on a new level'),
    "c9_40": ('8.1', 'apply', 'review of the appraisal part'),
    "c9_41": ('7.3b', 'apply', 'review of the appraisal part'),
    "c9_42": ('5.3', 'apply', 'review of the appraisal part'),
    "c9_43": ('6.3c', 'apply', 'review of the appraisal part'),
    "c9_44": ('3.4b', 'apply', 'review of the appraisal part'),
    "c9_45": ('9.3a', 'apply', 'review of the appraisal part'),
    "c9_46": ('4.1', 'apply', 'review of the appraisal part'),
    "c9_47": ('2.1c', 'apply', 'review of the appraisal part: a lesson-02 procedure on a new level'),
    # issue 26: higher-order items on texts the course has not judged (practice.PRACTICE P5-P7) and on new features
    "q3_8": ('3.2b', 'analyse', 'classify six features of another (invented) trial: the lesson rated none of them'),
    "q7_8": ('7.3a', 'evaluate', 'judge which sources of the unseen text P5 can be found; nothing is marked'),
    "q7_9": ('7.1 7.2b', 'analyse', 'attribute P5 to a seller from clues in its body, not its title'),
    "q7_10": ('7.1 7.2a 7.2b 7.3a', 'evaluate', 'hand-graded; a profile of P5 with sentence numbers'),
    "q8_9": ('8.3', 'analyse', 'trace the sentences of the unseen text P6 to the paper; nothing says where to look'),
    "q8_10": ('8.1 8.2', 'evaluate', 'a verdict for six sentences of P6'),
    "q8_11": ('8.4b', 'evaluate', 'judge four statements about what counts of verdicts on P6 can show'),
    "q8_12": ('8.1 8.2', 'evaluate', 'hand-graded; the reasons for two verdicts on P6'),
    "q9_30": ('9.4b', 'evaluate', 'check the unseen AI-style summary P7 against the paper and the guideline'),
    "q9_31": ('8.1 9.4b', 'evaluate', 'a verdict for six sentences of P7'),
    "q9_32": ('9.4b', 'evaluate', 'hand-graded; three flawed sentences of P7 and what to check in any AI summary'),
    "c1_20": ('1.4b', 'understand', 'issue 26: no longer asked (its answer is stated above it); replaced by c1_22'),
    "c1_22": ('1.4b', 'understand', 'prediction before Demo 1.3: how many single changes squeeze a root'),
    "c1_23": ('1.4b', 'apply', 'explain after Demo 1.3: a grade read off the demo'),
    "c1_21": ('1.2a 1.2b', 'understand', ''),
    "c2_20": ('0.4', 'apply', 'recall from an earlier lesson'),
    "c2_21": ('0.3b', 'understand', 'recall from an earlier lesson'),
    "c2_22": ('2.1c', 'understand', 'issue 26: no longer asked (answered above it); replaced by c2_44'),
    "c2_23": ('2.4a', 'remember', 'issue 26: no longer asked (answered above it); replaced by c2_45'),
    "c2_24": ('2.5a', 'understand', 'issue 26: no longer asked (two options); replaced by c2_46'),
    "c2_25": ('2.4a', 'apply', 'issue 26: no longer asked (answered above it); replaced by c2_47'),
    "c2_44": ('2.1c', 'understand', 'prediction before Demo 2.1, now asked before section 2 gives the rule'),
    "c2_45": ('2.4a', 'remember', 'prediction before Demo 2.4, now asked before section 5 gives the table'),
    "c2_46": ('2.5a', 'understand', 'prediction before Demo 2.6'),
    "c2_47": ('2.6a', 'understand', "prediction before Demo 2.8: how many of the quiz's patients are not one root"),
    "c2_40": ('2.1c', 'apply', 'explain after Demo 2.1: a root read off the demo'),
    "c2_41": ('2.4a', 'apply', 'explain after Demo 2.4: a movement read off the L2 panel'),
    "c2_42": ('2.5a', 'apply', 'explain after Demo 2.6: a count read off the demo'),
    "c2_43": ('2.6b', 'apply', 'explain after Demo 2.8: the red-flag patient found in the quiz'),
    "c2_50": ('0.4', 'apply', 'review of the anatomy part'),
    "c2_51": ('1.6b', 'apply', 'review of the anatomy part'),
    "c2_52": ('2.5a', 'apply', 'review of the anatomy part'),
    "c2_53": ('2.1b', 'apply', 'review of the anatomy part'),
    "c2_54": ('2.4a', 'apply', 'review of the anatomy part'),
    "c2_26": ('2.3b', 'understand', 'follow-up after a demo'),
    "c2_27": ('2.6b', 'understand', ''),
    "c3_20": ('1.1', 'remember', 'recall from an earlier lesson'),
    "c3_21": ('1.2a', 'remember', 'recall from an earlier lesson'),
    "c3_22": ('3.3a', 'understand', 'prediction before Demo 3.3: how many domains the verified facts describe'),
    "c3_23": ('3.2b', 'understand', 'follow-up after a demo'),
    "c3_26": ('3.2b 3.3a', 'apply', 'explain after Demo 3.3: ratings that rest on nothing verified, read off the wheel'),
    "c4_20": ('2.1b', 'understand', 'recall from an earlier lesson'),
    "c4_21": ('2.2', 'remember', 'recall from an earlier lesson'),
    "c4_22": ('4.1', 'understand', 'prediction before Demo 4.2: how far apart simple randomization leaves the groups'),
    "c4_23": ('4.3a', 'understand', 'issue 26: re-coded; lesson 04 section 3 states it ("Blocks balance the group sizes; they do nothing for the prognostic factors")'),
    "c4_26": ('4.3a', 'analyse', 'issue 26: five statements judged against three panels of a simulation the student sets (40 patients, 8 factors); nothing above states them'),
    "c4_27": ('4.3a', 'apply', 'explain after Demo 4.3: a median read off the demo'),
    "c4_28": ('4.3b', 'apply', 'explain after Demo 4.5: a value read off the demo'),
    "c4_29": ('4.1', 'apply', 'explain after Demo 4.2: where one run ends, read off the demo'),
    "c4_24": ('4.3a', 'understand', 'prediction before a demo'),
    "c4_25": ('4.3b', 'understand', 'prediction before a demo'),
    "c5_20": ('0.4', 'apply', 'recall from an earlier lesson'),
    "c5_21": ('3.1', 'understand', 'recall from an earlier lesson'),
    "c5_22": ('5.4b', 'understand', 'prediction before a demo'),
    "c5_23": ('5.4b', 'understand', 'prediction before a demo'),
    "c5_24": ('5.5b', 'understand', 'prediction before Demo 5.10: how much one step of the cut-off moves the difference'),
    "c5_25": ('5.4b', 'apply', 'explain after Demo 5.3: a width read off the demo'),
    "c5_26": ('5.5b', 'apply', 'explain after Demo 5.10: a difference in responders read off the demo'),
    "c6_20": ('4.1', 'understand', 'recall from an earlier lesson'),
    "c6_21": ('3.4b', 'apply', 'recall from an earlier lesson'),
    "c6_22": ('6.2', 'understand', 'prediction before a demo'),
    "c6_23": ('6.3c', 'apply', 'prediction before a demo'),
    "c6_24": ('6.5b', 'understand', 'prediction before Demo 6.6, now asked before the rule is given'),
    "c6_25": ('6.2', 'apply', 'explain after Demo 6.2: an estimate read off the demo'),
    "c6_26": ('6.3c', 'apply', 'explain after Demo 6.4: a chance read off the demo'),
    "c6_27": ('6.5b', 'apply', "explain after Demo 6.6: what the demo counts as several 'some concerns'"),
    "c7_20": ('5.2b', 'understand', 'recall from an earlier lesson'),
    "c7_21": ('5.3', 'understand', 'recall from an earlier lesson'),
    "c7_22": ('7.4', 'understand', 'prediction before Demo 7.2'),
    "c7_23": ('7.4', 'apply', 'explain after Demo 7.2: a count read off the legend'),
    "c8_20": ('6.3b', 'understand', 'recall from an earlier lesson'),
    "c8_21": ('6.1', 'understand', 'recall from an earlier lesson'),
    "c8_22": ('8.4a', 'understand', 'prediction before Demo 8.2: which document has the most unsupported claims'),
    "c8_23": ('8.1', 'apply', 'prediction before Demo 8.4: a verdict on claim 002-15, which the lesson has not judged'),
    "c8_25": ('8.4a', 'apply', 'explain after Demo 8.2: a count read off the legend'),
    "c8_26": ('8.3', 'apply', "explain after Demo 8.4: a number read off the card's evidence"),
    "c8_24": ('8.4b', 'understand', 'issue 26: re-coded, the text above says the counts depend on what was entered'),
    "c9_20": ('5.2a', 'understand', 'recall from an earlier lesson'),
    "c9_21": ('7.3b', 'remember', 'recall from an earlier lesson'),
    "c9_22": ('9.1a', 'understand', 'prediction before Demo 9.2: a page silent on choices and the DISCERN total'),
    "c9_23": ('9.1b', 'understand', "prediction before Demo 9.3: how 'not applicable' counts"),
    "c9_28": ('9.1a', 'apply', 'explain after Demo 9.2: a total read off the demo'),
    "c9_29": ('9.1b', 'apply', 'explain after Demo 9.3: a count read off the demo'),
    "c9_30": ('9.3a', 'apply', 'explain after Demo 9.5: a level read off the ladder'),
    "c9_31": ('9.4b', 'apply', "explain after Demo 9.7: a number read off a claim card's evidence"),
    "c9_24": ('9.1c', 'remember', 'follow-up after a demo'),
    "c9_25": ('9.3a', 'understand', "prediction before Demo 9.5: can observational evidence reach 'high'"),
    "c9_26": ('8.1', 'apply', 'prediction before Demo 9.7: a verdict on claim 003-01'),
    "c9_27": ('9.4b', 'understand', 'follow-up after a demo'),
}

# Demo id -> (what it shows, clauses, level, predict check, follow-up item).
_DEMOS: dict[str, tuple[str, str, str, str | None, str | None]] = {
    "0.2": ("percent improvement", "0.2 0.4", "apply", "c0_5", "c0_8"),
    "1.3": ("motion-segment changes", "1.4b", "understand", "c1_22", "c1_23"),
    "2.1": ("herniation level and direction", "2.1b 2.1c", "understand", "c2_44", "c2_40"),
    "2.4": ("root explorer", "2.4a", "understand", "c2_45", "c2_41"),
    "2.6": ("straight leg raise in 100 people", "2.5a", "understand", "c2_46", "c2_42"),
    "2.8": ("which-root quiz", "2.4a 2.6a", "apply", "c2_47", "c2_43"),
    "3.3": ("PRECIS-2 wheel", "3.2b", "analyse", "c3_22", "c3_26"),
    "4.2": ("one simulated trial", "4.1 4.3a", "understand", "c4_22", "c4_29"),
    "4.3": ("many simulated trials", "4.3a", "analyse", "c4_24", "c4_27"),
    "4.5": ("the trade-off set by p", "4.3b", "understand", "c4_25", "c4_28"),
    "5.3": ("twenty repeats of one trial", "5.4b 5.3", "understand", "c5_22", "c5_25"),
    "5.7": ("power curve", "5.4b", "understand", "c5_23", "c5_8"),
    "5.10": ("responder cut-off", "5.5b", "understand", "c5_24", "c5_26"),
    "6.2": ("missing-data bounds", "6.2", "apply", "c6_22", "c6_25"),
    "6.4": ("multiplicity", "6.3c", "apply", "c6_23", "c6_26"),
    "6.6": ("RoB 2 judgements", "6.5b", "apply", "c6_24", "c6_27"),
    "7.2": ("claims by kind", "7.4", "understand", "c7_22", "c7_23"),
    "8.2": ("claims by verdict", "8.4a", "understand", "c8_22", "c8_25"),
    "8.4": ("one claim card", "8.3", "understand", "c8_23", "c8_26"),
    "9.2": ("DISCERN profile", "9.1a", "evaluate", "c9_22", "c9_28"),
    "9.3": ("HNR ratings", "9.1b", "evaluate", "c9_23", "c9_29"),
    "9.5": ("GRADE ladder", "9.3a", "understand", "c9_25", "c9_30"),
    "9.7": ("claim cards of document 003", "9.4b", "understand", "c9_26", "c9_31"),
}

# Demo id -> the setting its explain check names (the demo's controls by name): the audit draws the demo there and
# looks for the explain check's key in what it shows (legpain/authoring/design_audit.py).
EXPLAIN_AT: dict[str, dict] = {
    "0.2": {"baseline": 4, "follow_up": 6},
    "1.3": {"change": "disc bulge"},
    "2.1": {"level": "L5-S1", "direction": "far lateral"},
    "2.4": {"root": "L2"},
    "2.6": {"test": "crossed straight leg raise"},
    "2.8": {"case": 8},
    "4.2": {"n_patients": 192, "p": 0.8, "seed": 20},
    "4.3": {"n_patients": 40, "n_factors": 8, "p": 0.8},
    "4.5": {"n_factors": 8},
    "5.3": {"n_per_group": 24},
    "5.7": {"true_effect": 15},
    "5.10": {"cutoff": 40, "week": 52},
    "6.2": {"missing_smt_hea": 0, "missing_hea": 50},
    "6.4": {"tests": 12, "alpha": 0.01},
    "6.6": {"randomization": "some concerns", "deviations": "some concerns", "missing": "low", "measurement": "low",
            "selection": "low", "several_concerns_lower_confidence": True},
    "7.2": {"document": "004"},
    "8.2": {"document": "001"},
    "8.4": {"claim_id": "002-15"},
    "9.2": {**{f"q{i}": 4 for i in range(1, 9)}, **{f"q{i}": 2 for i in range(9, 16)}},
    "9.3": {"c1": "not applicable", "c8": "not applicable", "c2": "satisfactory", "c4": "satisfactory",
            "c6": "satisfactory", "c3": "unsatisfactory", "c5": "not applicable", "c7": "unsatisfactory",
            "c9": "unsatisfactory", "c10": "unsatisfactory"},
    "9.5": {"start": "observational studies", "down": 1, "up": 2},
    "9.7": {"claim_id": "003-12"},
    "3.3": {"eligibility": 4, "recruitment": 4, "setting": 2, "organisation": 2, "flexibility_delivery": 5,
            "flexibility_adherence": 0, "follow_up": 3, "primary_outcome": 5, "primary_analysis": 4},
}

# Part -> (the lesson it ends with, the items of its cumulative review): mixed lessons, new numbers, procedures.
REVIEWS: dict[str, tuple[int, tuple[str, ...]]] = {
    "anatomy": (2, ("c2_50", "c2_51", "c2_52", "c2_53", "c2_54")),
    "trial": (6, ("c6_30", "c6_31", "c6_32", "c6_33", "c6_34", "c6_35", "c6_36")),
    "appraisal": (9, ("c9_40", "c9_41", "c9_42", "c9_43", "c9_44", "c9_45", "c9_46", "c9_47")),
}

# Lesson number -> the recall checks that open it (ideas from two or more lessons back, not restated above them).
RECALL: dict[int, tuple[str, ...]] = {
    2: ('c2_20', 'c2_21'),
    3: ('c3_20', 'c3_21'),
    4: ('c4_20', 'c4_21'),
    5: ('c5_20', 'c5_21'),
    6: ('c6_20', 'c6_21'),
    7: ('c7_20', 'c7_21'),
    8: ('c8_20', 'c8_21'),
    9: ('c9_20', 'c9_21'),
}


@lru_cache(maxsize=None)
def clauses() -> dict[str, Clause]:
    """Every objective clause by id, in course order."""
    out = {}
    for oid, parts in _CLAUSES.items():
        for i, (verb, what, *coded) in enumerate(parts):
            cid = oid if len(parts) == 1 else oid + "abcdefgh"[i]
            out[cid] = Clause(cid, oid, verb, what, *coded)
    return out


def objective_ids(lesson: int | None = None) -> list[str]:
    ids = list(_CLAUSES)
    return ids if lesson is None else [o for o in ids if int(o.split(".")[0]) == lesson]


def objective_level(oid: str) -> str:
    """The objective's level: the highest level among its clauses."""
    return max((c.level for c in clauses().values() if c.objective == oid), key=level_rank)


def _split(serves: str) -> tuple[str, ...]:
    return tuple(serves.split())


@lru_cache(maxsize=None)
def items() -> dict[str, Item]:
    """Every check and exercise question, by id (demos are in :func:`demos`)."""
    return {
        qid: Item(qid, _split(serves), level, "check" if qid.startswith("c") else "exercise", note)
        for qid, (serves, level, note) in _ITEMS.items()
    }


@lru_cache(maxsize=None)
def demos() -> dict[str, Demo]:
    return {did: Demo(did, shows, _split(serves), level, pred, follow, tuple(sorted(EXPLAIN_AT.get(did, {}).items())))
            for did, (shows, serves, level, pred, follow) in _DEMOS.items()}


def _best(cid: str, drop: frozenset = frozenset()) -> str | None:
    levels = [it.level for it in items().values() if cid in it.serves and it.id not in drop]
    return max(levels, key=level_rank) if levels else None


def status(oid: str, drop: frozenset = frozenset()) -> str:
    """'aligned', 'none' (no clause assessed), 'partial' (a clause with no item) or 'lower' (a clause assessed only
    below its verb's level); 'partial+lower' when both. Items in ``drop`` do not count (the audit drops the
    analyse/evaluate items that a reader finds answered above them: legpain/authoring/design_audit.py)."""
    cls = [c for c in clauses().values() if c.objective == oid]
    best = {c.id: _best(c.id, drop) for c in cls}
    if all(b is None for b in best.values()):
        return "none"
    partial = any(b is None for b in best.values())
    lower = any(b is not None and level_rank(b) < level_rank(c.level) for c, b in zip(cls, best.values()))
    if partial and lower:
        return "partial+lower"
    return "partial" if partial else "lower" if lower else "aligned"


def gaps(drop: frozenset = frozenset()) -> list[str]:
    """One line per clause with no item, or with no item at its verb's level (items in ``drop`` do not count)."""
    out = []
    for c in clauses().values():
        b = _best(c.id, drop)
        if b is None:
            out.append(f"{c.id} ({c.verb} {c.what}): no item")
        elif level_rank(b) < level_rank(c.level):
            out.append(f"{c.id} ({c.verb} {c.what}): best item is {b}, the verb asks {c.level}")
    return out


def coverage(lesson: int) -> dict:
    """Counts for one lesson: objectives, how they are assessed, items by level, demos with predict/follow-up."""
    oids = objective_ids(lesson)
    st = [status(o) for o in oids]
    own = [it for it in items().values() if int(it.id[1:].split("_")[0]) == lesson]
    dms = [d for d in demos().values() if int(d.id.split(".")[0]) == lesson]
    return {
        "objectives": len(oids),
        "aligned": st.count("aligned"),
        "none": st.count("none"),
        "partial": sum(s.startswith("partial") for s in st),
        "lower": sum(s.endswith("lower") for s in st),
        "checks": sum(it.kind == "check" for it in own),
        "exercises": sum(it.kind == "exercise" for it in own),
        "higher_order": sum(level_rank(it.level) >= level_rank("analyse") for it in own),
        "demos": len(dms),
        "demos_predict": sum(d.predict is not None for d in dms),
        "demos_follow_up": sum(d.follow_up is not None for d in dms),
        "recall": len(RECALL.get(lesson, ())),
    }


def coverage_note(lesson: int) -> str:
    """One line for the README lesson table: how many objectives are assessed at their level, and by what."""
    c = coverage(lesson)
    parts = [f"{c['aligned']}/{c['objectives']} objectives assessed at their level"]
    parts.append(f"{c['checks']} checks, {c['exercises']} exercises ({c['higher_order']} analyse/evaluate)")
    if c["demos"]:
        parts.append(f"{c['demos']} demo{'s' if c['demos'] != 1 else ''}: "
                     f"{c['demos_predict']} with a prediction, {c['demos_follow_up']} with a follow-up")
    if c["recall"]:
        parts.append(f"{c['recall']} recall checks")
    return "; ".join(parts)
