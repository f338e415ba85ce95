"""Questions of lesson 02 (nerve roots and leg pain) and its exercise set.

Facts used (full citations in the lesson's reference list):
- Lumbar roots leave below the pedicle of the same-numbered vertebra (StatPearls, Dermatomes): L4 at L4-L5.
- Paracentral herniation -> traversing root (L4-L5 -> L5; L5-S1 -> S1); far lateral -> exiting root (Radiopaedia;
  PMID 12235530 abstract).
- Root patterns (Engstrom & Deyo, Harrison's 19th ed. table; GPnotebook): L4 knee jerk, quadriceps, medial leg;
  L5 no standard reflex, foot and big-toe dorsiflexion, lateral leg and dorsum of foot; S1 ankle jerk, plantar
  flexion, lateral foot and sole.
- Femoral nerve L2-L4 supplies the front of the thigh; the sciatic nerve (L4-S3) the back of the thigh and below
  the knee (StatPearls Sciatic Nerve; Dartmouth; Stedman's via Farlex).
- Devillé et al. 2000: straight leg raise sensitivity 0.91, specificity 0.26 (surgical case series).
- Red flags for cauda equina syndrome and other serious causes (Long et al. 2020; Lavy et al. 2009; NHS pathways).
- Second edition: likelihood ratios computed from Devillé's pooled values (SLR LR+ 0.91/0.74 = 1.23, LR- 0.09/0.26
  = 0.35; crossed SLR LR+ 0.29/0.12 = 2.42, LR- 0.71/0.88 = 0.81) in the lesson; the checks use the Cochrane
  review's pooled values (SLR sensitivity 0.92, specificity 0.28: LR- 0.08/0.28 = 0.29; crossed SLR 0.28 and 0.90:
  LR+ 0.28/0.10 = 2.8) so that the student computes rather than copies; Bogduk 2009 (somatic referred pain: dull,
  aching, wide areas, no neurological signs); common fibular neuropathy weakens dorsiflexion and eversion and spares
  inversion (Baima & Krivickas 2008); Br J Neurosurg 2007;21(2):201-203, PMID 17453789 (authors not shown in what
  could be read): MRI normal in 43% of suspected cauda equina syndrome, the figure Lavy et al. 2009 cite as a 43%
  false-positive rate of the clinical diagnosis.
- Third edition: hints name Demo 2.4's block headings ("Reflex that may be reduced", "Movement that may be weak",
  the heads of ``roots.root_explorer``) and the lessons' section headings, never positions
  (tests/test_message_targets.py holds them to the notebooks). Exercise 2.3 accepts the lesson's own words for the
  reflexes ("knee jerk", "patellar", "ankle jerk", "Achilles"). Exercise 2.8 no longer offers "lifting the foot":
  L4 and L5 share it (Harrison's table; GPnotebook). Exercise 2.11 compares ratios below 1 by 1/LR: 1/0.35 = 2.9
  against 1/0.8 = 1.25 and 1.2.
"""

from ..draws import set02 as public
from ..questions import Prediction, Case, Choice, Function, Match, MultiChoice, Number, Text
from ..variants import variant

SLUG = "02-nerve-roots-and-leg-pain"

CHECKS = [
    Choice(
        "c2_2",
        answer="c",
        options="abcd",
        topic="Check 2.2: which root a paracentral L5-S1 herniation presses on",
        feedback={
            "a": "That root leaves higher up. Set Demo 2.1 to L5-S1, paracentral, and see which root turns red.",
            "b": "That is the root that leaves at L5-S1 (the exiting root); a paracentral herniation usually spares "
                 "it. Set Demo 2.1 to L5-S1, paracentral.",
            "d": "Roots below the disc level are not the ones a herniation at this level usually reaches. Set Demo "
                 "2.1 to L5-S1, paracentral.",
        },
        texts={"a": "L4", "b": "L5", "c": "S1", "d": "S2"},
        right=["c", "C", "(c)", " c ", "c)", "S1", "s1"],
        wrong=["a", "b", "d", "(a)", "D", "L5"],
    ),
    Choice(
        "c2_3",
        answer="a",
        options="abcde",
        topic="Check 2.3: which nerve serves the front of the thigh",
        feedback={"b": "That nerve runs down the back of the thigh and gives no skin branches to the thigh. Look at "
                       "the table in the section “The nerves of the leg” again.",
                  "c": "The tibial nerve is one of the two branches of the sciatic nerve, which divides just above "
                       "the knee. Look at the table in the section “The nerves of the leg” again.",
                  "d": "The obturator nerve is not the one the table in the section “The nerves of the leg” names for the front of the thigh. "
                       "Look at the table again.",
                  "e": "The common fibular nerve is the other branch of the sciatic nerve, from just above the knee. "
                       "Look at the table in the section “The nerves of the leg” again."},
        texts={"a": ["femoral", "femoral nerve", "the femoral nerve"], "b": ["sciatic", "sciatic nerve", "the sciatic nerve"],
               "c": ["tibial", "tibial nerve", "the tibial nerve"], "d": ["obturator", "obturator nerve", "the obturator nerve"],
               "e": ["common fibular", "common fibular nerve", "the common fibular nerve", "common peroneal nerve"]},
        right=["a", "A", "(a)", " a ", "a)", "femoral nerve"],
        wrong=["b", "(b)", "B", "sciatic", "c", "d", "e", "tibial"],
    ),
    Choice(
        "c2_5",
        answer="b",
        options="abc",
        topic="Check 2.5: the root with no reliable standard reflex",
        feedback={
            "a": "This root has a reflex: choose it in Demo 2.4 and read the block “Reflex that may be reduced”.",
            "c": "This root has a reflex: choose it in Demo 2.4 and read the block “Reflex that may be reduced”.",
        },
        texts={"a": "L4", "b": "L5", "c": "S1"},
        right=["b", "B", "(b)", " b ", "b)", "L5"],
        wrong=["a", "c", "(a)", "C", "S1"],
    ),
    Number(
        "c2_7",
        answer=74,
        whole=True,
        noun="people",
        topic="Check 2.7: false alarms of the straight leg raise",
        feedback={26: "26 comes from the specificity. Count the people the question asks about in the right-hand "
                      "grid of Demo 2.6.",
                  91: "91 is how many people WITH a herniated disc test positive. The question is about people "
                      "without one.",
                  9: "9 is how many people WITH a herniated disc are missed. The question is about people without "
                     "one."},
        low="Look at the right-hand grid of Demo 2.6 (straight leg raise): count the positives among people WITHOUT "
            "a herniated disc.",
        high="Look at the right-hand grid of Demo 2.6 (straight leg raise): count the positives among people WITHOUT "
             "a herniated disc.",
        right=[74, 74.0, 74, 74.0],
        wrong=[26, 91, 9, 0.74, 100],
    ),
    # --- second edition: test accuracy at the bedside, the three kinds of leg pain, the quiz's mimics ---------
    Number(
        "c2_8",
        answer=(1 - 0.92) / 0.28,  # exact, 0.2857...; "a number with two decimals"
        decimals=2,
        topic="Check 2.8: the negative likelihood ratio of the straight leg raise (Cochrane values)",
        feedback={
            1.28: "That is the likelihood ratio of a POSITIVE result. The question asks about a negative result.",
            0.35: "That comes from the other review's values in the worked example. Use the values given in this "
                  "check.",
            0.09: "That is about the share of people WITH a herniated disc who test negative, on its own or divided "
                  "by the wrong share. Below the line goes the share of people WITHOUT one who test negative.",
            3.5: "Your division is upside down: the share of people WITH a herniated disc who test negative goes on "
                 "top.",
        },
        low="A negative likelihood ratio is the share of people WITH the condition who test negative, divided by "
            "the share of people WITHOUT it who test negative (the section “Tests at the bedside”).",
        high="A negative likelihood ratio is the share of people WITH the condition who test negative, divided by "
             "the share of people WITHOUT it who test negative (the section “Tests at the bedside”).",
        right=[0.29, 0.08 / 0.28, 0.2857, 0.286],
        wrong=[1.28, 0.35, 0.09, 3.5, 0.08, 0.72, 0.31, 0.3, 0.28],
    ),
    Choice(
        "c2_11",
        answer="c",
        options="abcd",
        topic="Check 2.11: which roots a large central herniation can press on",
        var="central_roots",
        feedback={
            "a": "That root leaves through the foramen at this level; a herniation in the midline does not reach it "
                 "first. Look at the bullet on central herniations in the section “Which root does a herniated disc press on?”.",
            "b": "A paracentral herniation on one side usually meets one traversing root. A herniation in the "
                 "midline is not on one side: look at the section “Which root does a herniated disc press on?” again.",
            "d": "Below the end of the cord the canal is full of nerve roots (the cauda equina), so a herniation "
                 "there can still press on roots. Look at the section “Which root does a herniated disc press on?” and, in lesson 01, the section “Where the spinal cord ends”.",
        },
        right=["c", "C", " c ", "(c)", "c)"],
        wrong=["a", "b", "d", "B"],
    ),
    Choice(
        "c2_10",
        answer="d",
        options="abcd",
        topic="Check 2.10: a weak foot lift that spares inversion and hip abduction",
        feedback={
            "a": "An L4 problem weakens straightening the knee and may reduce the knee jerk; neither is affected "
                 "here. Look again at which movements are spared.",
            "b": "An L5 problem usually also weakens turning the sole inwards and lifting the leg out to the side, "
                 "because other nerves carry L5 fibres to those muscles. Here both are strong, which points away "
                 "from the root (a mild L5 problem can spare them, so a nerve test settles it).",
            "c": "An S1 problem weakens standing on tiptoe and may reduce the ankle jerk; neither is affected here.",
        },
        right=["d", "D", " d ", "(d)", "d)"],
        wrong=["a", "b", "c", "B"],
    ),
    Choice(
        "c2_9",
        answer="b",
        options="abcd",
        topic="Check 2.9: which kind of leg pain",
        feedback={
            "a": "Radicular pain shoots or lances along the leg in a narrow band, often below the knee. This pain is "
                 "dull, spread out and stops above the knee. Look at the table in the section “Three kinds of leg pain”.",
            "c": "Radiculopathy means lost function: numbness, weakness or a reduced reflex. The examination here is "
                 "normal. Look at the table in the section “Three kinds of leg pain”.",
            "d": "Cauda equina syndrome affects several roots, often on both sides, with saddle numbness or bladder "
                 "or bowel change. None of these is present here.",
        },
        right=["b", "B", " b", "(b)", "b."],
        wrong=["a", "c", "d", "A"],
    ),
    Number(
        "c2_20",
        answer=25,
        tol=0.5,
        whole=False,
        noun='',
        unit='percent',
        topic='Check 2.20: recall, percentage improvement (lesson 00)',
        var="improvement_8_to_6",
        low='Improvement is the fall divided by the starting score, times 100.',
        high='Improvement is the fall divided by the starting score, times 100.',
        feedback={
            2: 'That is the fall in points; the question asks for it as a percentage of the starting score.',
            33.3: 'Divide by the starting score, not the later one.'
        },
        right=[25, 25.0, 25.3],
        wrong=[2, 33.3, 75, 20],
    ),
    Choice(
        "c2_21",
        answer="b",
        options="abcd",
        topic='Check 2.21: recall, the kind of text document 003 is (lesson 00)',
        var="kind_003",
        feedback={
            'a': 'Look again at the first lines of document 003 (show_source("003")): who or what says it produced the text?',
            'c': 'Look again at the first lines of document 003: who or what produced it?',
            'd': 'Look again at the first lines of document 003: who or what produced it?',
        },
        right=["b", "(b)", " B "],
        wrong=['a', 'c', 'd'],
    ),
    Choice(
        "c2_22",
        answer="b",
        options="abcd",
        topic='Check 2.22: predict, the root a far-lateral L4-L5 herniation hits',
        var="far_lateral_l4_l5",
        feedback={
            'a': 'L3 leaves the spine one level higher, at L3–L4. Which root is in the L4–L5 foramen?',
            'c': 'L5 is the root a paracentral herniation at this level usually meets, in the lateral recess. A far-lateral one sits in or beyond the foramen: which root is there?',
            'd': 'S1 leaves lower down. Which root passes through the L4–L5 foramen?',
        },
        right=["b", "(b)", " B "],
        wrong=['a', 'c', 'd'],
    ),
    Choice(
        "c2_23",
        answer="b",
        options="abc",
        topic='Check 2.23: predict, the root whose area reaches the big toe',
        var="big_toe_root",
        feedback={
            'a': "L4's area runs down the inner side of the shin. Look at the demo for which root reaches the big toe.",
            'c': "S1's area is the outer edge of the foot and the sole. Look at the demo for which root reaches the big toe.",
        },
        right=["b", "(b)", " B "],
        wrong=['a', 'c'],
    ),
    Choice(
        "c2_24",
        answer="b",
        options="ab",
        topic='Check 2.24: predict, misses or false alarms of the straight leg raise',
        var="more_errors",
        feedback={
            'a': 'A high sensitivity means the test finds most people who have a herniated disc. What does a low specificity mean for people who do not?',
        },
        right=["b", "(b)", " B "],
        wrong=['a'],
    ),
    Choice(
        "c2_25",
        answer="b",
        options="abc",
        topic='Check 2.25: predict, the root behind weak big-toe lifting',
        var="toe_lift_root",
        feedback={
            'a': 'An L4 problem usually weakens straightening the knee and dulls the knee reflex. Which root lifts the big toe?',
            'c': 'An S1 problem usually weakens pushing the foot down and dulls the ankle reflex. Which root lifts the big toe?',
        },
        right=["b", "(b)", " B "],
        wrong=['a', 'c'],
    ),
    Choice(
        "c2_26",
        answer="a",
        options="abc",
        topic='Check 2.26: why root patterns are only a guide',
        var="only_a_guide",
        feedback={
            'b': 'Dermatome maps differ between textbooks, and neighbouring areas overlap and vary between people. '
                 'Did the numb area in the quiz always point to one root only?',
            'c': 'A reflex may be reduced, not must: in the quiz a root problem came with a normal reflex. And the '
                 'knee jerk runs through two roots, while one root has no reliable reflex (Check 2.5).',
        },
        right=["a", "(a)", " A "],
        wrong=['b', 'c'],
    ),
    MultiChoice(
        "c2_27",
        answer=['a', 'c', 'd'],
        options="abcde",
        topic='Check 2.27: red flags that need urgent care',
        var="urgent",
        hint='Read the section “Red flags: when leg pain needs urgent care” again: which signs point to the roots of the cauda equina?',
        right=[['a', 'c', 'd'], ['d', 'c', 'a'], 'a, c, d', ['a, c, d']],
        wrong=[['a', 'c'], ['a', 'c', 'd', 'b'], ['b', 'e']],
    ),
    # issue 26: the four demos as predict, observe, explain (c2_22 to c2_25, judged at once, are no longer asked)
    Prediction(
        "c2_44", answer="b", options="abcd", var="far_lateral_l4_l5",
        topic="Check 2.44: predict, the root a far-lateral herniation at L4-L5 presses on",
        texts={"a": "L3", "b": "L4", "c": "L5", "d": "S1"},
        outcome=("L4. A far-lateral herniation sits in or beyond the foramen, where the exiting root leaves: at L4-L5 "
                 "that is the L4 root. A paracentral herniation at the same level presses on the traversing root, "
                 "L5, instead."),
        feedback={"a": "L3 leaves higher up, at L3-L4.",
                  "c": "L5 passes the L4-L5 disc inside the canal (a paracentral herniation's root); which root is in "
                       "the foramen at L4-L5?",
                  "d": "S1 leaves much lower, at the sacrum."},
        right=["b", "(b)", " B ", "L4"], wrong=["a", "c", "d", "L5"],
    ),
    Choice(
        "c2_40", answer="b", options="abc", var="far_lateral_l5_s1",
        topic="Check 2.40: explain with the demo, a far-lateral herniation at L5-S1",
        feedback={"a": "Set the demo to L5-S1, far lateral, and read the title: which root is pressed on?",
                  "c": "S1 is the root a paracentral herniation at L5-S1 meets. Set far lateral and read the title."},
        texts={"a": "L4", "b": "L5", "c": "S1"},
        right=["b", "(b)", "L5", " B "], wrong=["a", "c", "S1"],
    ),
    Prediction(
        "c2_45", answer="b", options="abc", var="big_toe_root",
        topic="Check 2.45: predict, whose skin area reaches the big toe",
        texts={"a": "L4", "b": "L5", "c": "S1"},
        outcome=("L5: its area runs down the outer side of the lower leg over the top of the foot to the big toe. L4 "
                 "covers the inner side of the shin; S1 the outer edge and sole of the foot, the heel and the little "
                 "toe."),
        feedback={"a": "L4's area is on the inner side of the shin.",
                  "c": "S1's area is the outer edge and the sole of the foot, with the little toe."},
        right=["b", "(b)", " B ", "L5"], wrong=["a", "c", "S1"],
    ),
    Choice(
        "c2_41", answer="b", options="abc", var="l2_weak",
        topic="Check 2.41: explain with the demo, the movement the L2 panel lists",
        feedback={"a": "Choose L2 in the demo (the table stops at L3) and read 'Movement that may be weak'.",
                  "c": "Choose L2 in the demo (the table stops at L3) and read 'Movement that may be weak'."},
        texts={"a": "straightening the knee", "b": "bending the hip", "c": "lifting the big toe"},
        right=["b", "(b)", " B ", "bending the hip"], wrong=["a", "c", "straightening the knee"],
    ),
    Prediction(
        "c2_46", answer="b", options="abc", var="more_errors",
        topic="Check 2.46: predict, misses or false alarms of the straight leg raise",
        texts={"a": "the misses among the people with a herniated disc",
               "b": "the false alarms among the people without one",
               "c": "about the same number of each"},
        outcome=("The false alarms far outnumber the misses. With a specificity of 0.26, most of the people without a "
                 "herniated disc test positive; with a sensitivity of 0.91, the test misses few of the people with "
                 "one."),
        feedback={"a": "A high sensitivity means few misses among the people with the condition.",
                  "c": "Sensitivity and specificity are far apart here, so the two kinds of error are too."},
        right=["b", "(b)", " B "], wrong=["a", "c", "(a)"],
    ),
    Number(
        "c2_42", answer=71, whole=True, noun="people", var="crossed_misses",
        topic="Check 2.42: explain with the demo, the misses of the crossed straight leg raise",
        feedback={9: "That is the straight leg raise. Switch the demo to the crossed test.",
                  29: "That is how many the crossed test finds. The question asks how many it misses."},
        low="Switch Demo 2.6 to the crossed straight leg raise and read the grid of the people WITH a herniated disc.",
        high="Switch Demo 2.6 to the crossed straight leg raise and read the grid of the people WITH a herniated disc.",
        right=[71, 71.0, 71], wrong=[9, 29, 12, 88],
    ),
    Prediction(
        "c2_47", answer="c", options="abc", var="not_one_root",
        topic="Check 2.47: predict, how many of the quiz's patients do not have a single-root problem",
        texts={"a": "none: every patient has one root", "b": "one", "c": "three"},
        outcome=("Three of the eight. One has somatic referred pain (not a root), one a nerve problem at the knee "
                 "(not a root), and one needs urgent care because several roots are involved at once."),
        feedback={"a": "The sections “Beyond one root” and “Putting it together” describe pain that is not from a root, and an emergency with several roots.",
                  "b": "There is more than one: look for referred pain, a nerve problem outside the spine and a "
                       "red-flag case."},
        right=["c", "(c)", " C ", "three"], wrong=["a", "b", "one"],
    ),
    Number(
        "c2_43", answer=8, whole=True, var="urgent_patient",
        topic="Check 2.43: explain with the demo, the quiz patient who needs urgent care",
        feedback={7: "Patient 7's foot drop comes from a nerve at the knee: not urgent in the same way. Read the "
                     "stories again for both legs, saddle numbness and the bladder.",
                  6: "Patient 6 has referred pain. Read the stories again for both legs, saddle numbness and the "
                     "bladder."},
        low="Read each patient's story in the quiz: who has symptoms in both legs, saddle numbness and bladder trouble?",
        high="Read each patient's story in the quiz: who has symptoms in both legs, saddle numbness and bladder trouble?",
        right=[8, 8.0, 8], wrong=[7, 6, 1, 2],
    ),
    # issue 26: the cumulative review of the anatomy part (lessons 00-02, mixed, new cases)
    Number(
        "c2_50", answer=100 * (9 - 6) / 9, decimals=1, unit="percent", var="improvement_9",
        topic="Check 2.50: review, a percentage improvement from new scores (lesson 00)",
        feedback={3: "That is the fall in points. The question asks for the fall as a percentage of the start.",
                  50: "Divide the fall by the score at the START, not at follow-up."},
        low="Improvement = (start - follow-up) / start, times 100.",
        high="Improvement = (start - follow-up) / start, times 100.",
        right=[33.3, 33.33, 100 * (9 - 6) / 9], wrong=[3, 50, 66.7, 33],
    ),
    Choice(
        "c2_51", answer="b", options="abc", var="or_reading",
        topic="Check 2.51: review, reading an odds ratio and its interval (lesson 01)",
        feedback={"a": "Where does the interval lie compared with 1, the value of no association?",
                  "c": "An odds ratio is not a percentage of people."},
        right=["b", "(b)", " B "], wrong=["a", "c", "(a)"],
    ),
    Number(
        "c2_52", answer=0.80 / (1 - 0.70), decimals=2, var="lr_positive",
        topic="Check 2.52: review, a likelihood ratio from new sensitivity and specificity (lesson 02)",
        feedback={1.14: "That divides sensitivity by specificity. LR+ = sensitivity / (1 - specificity).",
                  0.29: "That is the likelihood ratio of a NEGATIVE result. The question asks for a positive one."},
        low="LR+ = sensitivity / (1 - specificity).", high="LR+ = sensitivity / (1 - specificity).",
        right=[2.67, 2.667, 0.80 / (1 - 0.70)], wrong=[1.14, 0.29, 0.3, 2.6],
    ),
    Choice(
        "c2_53", answer="b", options="abc", var="paracentral_l3_l4",
        topic="Check 2.53: review, the root a paracentral herniation at L3-L4 presses on (lesson 02)",
        feedback={"a": "L3 leaves through the foramen at L3-L4: a far-lateral herniation's root.",
                  "c": "L5 passes the L4-L5 disc, one level lower."},
        texts={"a": "L3", "b": "L4", "c": "L5"},
        right=["b", "(b)", "L4"], wrong=["a", "c", "L3"],
    ),
    Choice(
        "c2_54", answer="c", options="abc", var="heel_root",
        topic="Check 2.54: review, a pattern of findings (lesson 02)",
        feedback={"a": "L4's area is the inner shin, and it carries the knee jerk.",
                  "b": "L5's area runs to the big toe, and it has no reliable reflex."},
        texts={"a": "L4", "b": "L5", "c": "S1"},
        right=["c", "(c)", "S1"], wrong=["a", "b", "L5"],
    ),
]

# Demo 2.4's panel has four headed blocks (roots.EXPLORER_HEADINGS): name the block, never its position
_REFLEX_HINT = "Choose the root in Demo 2.4 and read the block “Reflex that may be reduced”."
_WEAK_HINT = "Choose the root in Demo 2.4 and read the block “Movement that may be weak”."
_ROOT_WORDS = {"L4": ["L4 root", "the L4 root"], "L5": ["L5 root", "the L5 root"], "S1": ["S1 root", "the S1 root"]}

EXERCISES = [
    Choice(
        "q2_1",
        answer="b",
        options="abcd",
        var="exits_at_l4_l5",
        topic="Exercise 2.1: which root leaves through the L4-L5 foramen",
        feedback={
            "a": "That root does not leave at this level. Lumbar roots leave BELOW the pedicle of their own vertebra: "
                 "look at the section “Nerve roots, and where each one leaves the spine” again and find the pedicle just above the L4-L5 foramen.",
            "c": "That root passes the L4-L5 level in the lateral recess (it traverses) and does not leave through "
                 "this foramen. Look at the section “Nerve roots, and where each one leaves the spine” again: which vertebra's pedicle forms the foramen's roof?",
            "d": "That root leaves from the sacrum. Lumbar roots leave below the pedicle of their own vertebra.",
        },
        texts={"a": "L3", "b": "L4", "c": "L5", "d": "S1"},
        right=["b", "B", "(b)", " b ", "b)", "L4", "l4"],
        wrong=["a", "c", "d", "(a)", "D", "L5"],
    ),
    Match(
        "q2_2",
        answer={"L3-L4": "L4", "L4-L5": "L5", "L5-S1": "S1"},
        points=2,
        var="paracentral_hits",
        topic="Exercise 2.2: the root a paracentral herniation usually presses on, by level",
        item_hints={
            "L3-L4": "Set Demo 2.1 to this level, paracentral. Is it the exiting or the traversing root that is hit?",
            "L4-L5": "Set Demo 2.1 to this level, paracentral. Is it the exiting or the traversing root that is hit?",
            "L5-S1": "Set Demo 2.1 to this level, paracentral. Is it the exiting or the traversing root that is hit?",
        },
        hint="Give each root as text in quotes, like \"L3\".",
        aliases=_ROOT_WORDS,
        right=[
            {"L3-L4": "L4", "L4-L5": "L5", "L5-S1": "S1"},
            {"L3–L4": "L4", "L4–L5": "L5", "L5–S1": "S1"},
            {"L3-4": "L4", "L4-5": "L5", "L5-S1": "S1"},
            {"l3-l4": "l4", "l4-l5": "l5", "l5-s1": "s1"},
            {"L3/L4": "L4", "L4/L5": "L5", "L5/S1": "S1"},
            {"L3 - L4": " L4", "L4 − L5": "L5 ", "L5 — S1": "S1"},
            {"L3-L4": "L4 root", "L4-L5": "the L5 root", "L5-S1": "S1 root"},
        ],
        wrong=[
            {"L3-L4": "L3", "L4-L5": "L4", "L5-S1": "L5"},
            {"L3-L4": "L5", "L4-L5": "S1", "L5-S1": "S2"},
            {"L3-L4": "L4", "L4-L5": "L5", "L4–L5": "L4", "L5-S1": "S1"},
            {"L3-L4": "L4", "L4-L5": "L5"},
            {"L3-L4": "L4", "L4-L5": "L5", "L5-S1": "S1", "L2-L3": "L3"},
            {"L3-L4": "L3 root", "L4-L5": "the L4 root", "L5-S1": "L5 root"},
        ],
    ),
    Match(
        "q2_3",
        answer={"L4": "knee", "L5": "none", "S1": "ankle"},
        points=2,
        var="root_reflex",
        topic="Exercise 2.3: root and reflex",
        item_hints={"L4": _REFLEX_HINT, "L5": _REFLEX_HINT, "S1": _REFLEX_HINT},
        hint="Use only the words \"knee\", \"ankle\" or \"none\" (or None) for each root.",
        vocabulary=["knee", "ankle", "none"],
        aliases={"none": ["no reflex", "no reliable reflex", "no standard reflex", "no reliable standard reflex",
                          "none reliable", "no reflex change"],
                 "knee": ["knee jerk", "knee reflex", "knee jerk reflex", "patellar", "patellar reflex",
                          "patella reflex", "patellar tendon reflex", "quadriceps reflex"],
                 "ankle": ["ankle jerk", "ankle reflex", "ankle jerk reflex", "achilles", "achilles reflex",
                           "achilles tendon reflex"],
                 **_ROOT_WORDS},
        right=[
            {"L4": "knee", "L5": "none", "S1": "ankle"},
            {"L4": "knee", "L5": None, "S1": "ankle"},
            {"L4": "Knee", "L5": "no reflex", "S1": "Ankle"},
            {"l4": "knee", "l5": "None", "s1": "ankle"},
            {"L4": "knee", "L5": "no reliable reflex", "S1": "ankle."},
            {"L4": "knee jerk", "L5": "none", "S1": "ankle jerk"},
            {"L4": "Patellar", "L5": None, "S1": "Achilles"},
            {"L4": "knee-jerk", "L5 root": "no reflex", "S1": "Achilles reflex"},
            {"L4": "patellar reflex", "L5": "none", "S1": "ankle reflex"},
        ],
        wrong=[
            {"L4": "knee", "L5": "ankle", "S1": "ankle"},
            {"L4": "ankle", "L5": "none", "S1": "knee"},
            {"L4": "knee", "L5": "knee", "S1": "none"},
            {"L4": "knee", "S1": "ankle"},
            {"L4": "knee", "L5": "none", "l5": "ankle", "S1": "ankle"},
            {"L4": "ankle jerk", "L5": "none", "S1": "knee jerk"},
            {"L4": "patellar", "L5": "Achilles", "S1": "Achilles"},
            {"L4": "knee jerk", "L5": "knee jerk", "S1": "ankle jerk"},
        ],
    ),
    Match(
        "q2_4",
        answer={"L4": "straightening the knee", "L5": "lifting the big toe", "S1": "standing on tiptoe"},
        points=2,
        var="root_weakness",
        topic="Exercise 2.4: root and weak movement",
        item_hints={"L4": _WEAK_HINT, "L5": _WEAK_HINT, "S1": _WEAK_HINT},
        hint="Use the three phrases given in the exercise, exactly as written.",
        aliases={"standing on tiptoe": ["standing on tip toe", "standing on tiptoes", "standing on tip toes",
                                        "standing on the toes", "pushing the foot down"],
                 "lifting the big toe": ["lifting big toe", "lifting the big toe against resistance"],
                 "straightening the knee": ["straightening knee"], **_ROOT_WORDS},
        right=[
            {"L4": "straightening the knee", "L5": "lifting the big toe", "S1": "standing on tiptoe"},
            {"L4": "Straightening the knee", "L5": "Lifting the big toe", "S1": "Standing on tiptoe"},
            {"L4": "straightening the knee.", "L5": "lifting the big toe", "S1": "standing on tip-toe"},
            {"l4": "straightening  the knee", "l5": "lifting the big-toe", "s1": "standing on tiptoes"},
            {"S1": "standing on tiptoe", "L5": "lifting the big toe", "L4": "straightening the knee"},
            {"L4 root": "straightening the knee", "L5 root": "lifting the big toe", "S1 root": "pushing the foot down"},
        ],
        wrong=[
            {"L4": "lifting the big toe", "L5": "straightening the knee", "S1": "standing on tiptoe"},
            {"L4": "straightening the knee", "L5": "standing on tiptoe", "S1": "lifting the big toe"},
            {"L4": "standing on tiptoe", "L5": "lifting the big toe", "S1": "straightening the knee"},
            {"L4": "straightening the knee", "L5": "lifting the big toe"},
            {"L4": "knee", "L5": "toe", "S1": "tiptoe"},
        ],
    ),
    Choice(
        "q2_5",
        answer="c",
        options="abcd",
        var="front_of_thigh",
        topic="Exercise 2.5: the nerve of the front of the thigh",
        feedback={
            "a": "The sciatic nerve runs down the BACK of the thigh and has no skin branches to the thigh. Look at the "
                 "table in the section “The nerves of the leg”.",
            "b": "The tibial nerve is a branch of the sciatic nerve below the knee. Look at the table in the section “The nerves of the leg”.",
            "d": "The common fibular nerve is a branch of the sciatic nerve at the knee. Look at the table in "
                 "the section “The nerves of the leg”.",
        },
        texts={"a": ["sciatic", "sciatic nerve"], "b": ["tibial", "tibial nerve"], "c": ["femoral", "femoral nerve"], "d": ["common fibular", "common fibular nerve", "common peroneal nerve", "peroneal nerve"]},
        right=["c", "C", "(c)", " c ", "c)", "the femoral nerve"],
        wrong=["a", "b", "d", "(a)", "D", "sciatic nerve"],
    ),
    Number(
        "q2_6",
        answer=91,
        tol=0.5,
        noun="people",
        var="slr_positive_per_100",
        topic="Exercise 2.6: what a sensitivity of 0.91 means",
        feedback={
            26: "26 comes from the specificity, which is about people WITHOUT a herniated disc.",
            74: "74 is the number of false alarms among people WITHOUT a herniated disc.",
            9: "Read again what sensitivity counts, in the section “Tests at the bedside”: which test results, among which people?",
            0.91: "The question asks for a number of people, not a proportion.",
        },
        low="Read again what sensitivity counts, in the section “Tests at the bedside”: which test results, among which people?",
        high="Read again what sensitivity counts, in the section “Tests at the bedside”: which test results, among which people?",
        right=[91, 91.0, 91.0, 91.0, 91.2],
        wrong=[0.91, 9, 26, 74, 100],
    ),
    MultiChoice(
        "q2_7",
        answer=["a", "b", "d", "e"],
        options="abcdef",
        var="red_flags",
        topic="Exercise 2.7: red flags",
        hint="The section “Red flags: when leg pain needs urgent care” lists the warning signs that need urgent care. Pain that follows the usual course of "
             "sciatica is not itself a red flag.",
        right=[
            ["a", "b", "d", "e"],
            ["e", "d", "b", "a"],
            ("A", "B", "D", "E"),
            "a, b, d, e",
            ["(a)", "(b)", "(d)", "(e)"],
            {"a", "b", "d", "e"},
        ],
        wrong=[["a", "b"], ["a", "b", "c", "d", "e"], ["a", "b", "d", "e", "f"], ["c"], ["a", "b", "e"]],
    ),
    Function(
        "q2_8",
        name="likely_root",
        points=3,
        compare="text",
        hidden=True,
        topic="Exercise 2.8: a function that names the most likely root",
        cases=[
            Case(({"numb_area": "big toe and top of foot", "weak": "lifting the big toe", "reflex_reduced": None},),
                 "L5", "Look at the weak movement and the numb area: which root do they point to?"),
            Case(({"numb_area": "sole and outer edge of foot", "weak": "standing on tiptoe",
                   "reflex_reduced": "ankle"},),
                 "S1", "The reduced reflex is the strongest clue here: which root carries it?"),
            Case(({"numb_area": "inner side of lower leg", "weak": "straightening the knee",
                   "reflex_reduced": "knee"},),
                 "L4", "The reduced reflex is the strongest clue here: which root carries it?"),
            Case(({"numb_area": "sole and outer edge of foot", "weak": None, "reflex_reduced": None},),
                 "S1", "Only the numb area is known here: which root's skin area is it?"),
        ],
        hint="Check the reflex first, then the weak movement, then the numb area, and return the text of a root "
             "such as \"L4\". Every value your function can receive is listed in the exercise.",
        right=[
            "def likely_root(pattern):\n"
            "    reflex = pattern.get('reflex_reduced')\n"
            "    if reflex == 'knee':\n"
            "        return 'L4'\n"
            "    if reflex == 'ankle':\n"
            "        return 'S1'\n"
            "    weak = {'straightening the knee': 'L4', 'lifting the big toe': 'L5', 'standing on tiptoe': 'S1'}\n"
            "    if pattern.get('weak') in weak:\n"
            "        return weak[pattern['weak']]\n"
            "    area = {'inner side of lower leg': 'L4', 'outer side of lower leg': 'L5', 'big toe and top of foot': 'L5', 'top of foot': 'L5', 'sole and outer edge of foot': 'S1', 'little toe': 'S1', 'heel': 'S1'}\n"
            "    return area.get(pattern.get('numb_area'))",
            "def likely_root(pattern):\n"
            "    table = {'knee': 'l4', 'ankle': 's1', 'straightening the knee': 'l4', 'lifting the big toe': 'l5', 'standing on tiptoe': 's1', 'inner side of lower leg': 'l4', 'outer side of lower leg': 'l5', 'big toe and top of foot': 'l5', 'top of foot': 'l5', 'sole and outer edge of foot': 's1', 'little toe': 's1', 'heel': 's1'}\n"
            "    for key in ('reflex_reduced', 'weak', 'numb_area'):\n"
            "        if pattern[key] is not None:\n"
            "            return table[pattern[key]]",
            "def likely_root(pattern):\n"
            "    area, weak, reflex = pattern['numb_area'], pattern['weak'], pattern['reflex_reduced']\n"
            "    if area in ('inner side of lower leg',) or weak == 'straightening the knee' or reflex == 'knee':\n"
            "        return 'L4'\n"
            "    if area in ('sole and outer edge of foot', 'little toe', 'heel') or weak == 'standing on tiptoe' or reflex == 'ankle':\n"
            "        return 'S1'\n"
            "    return 'L5'",
            "def likely_root(pattern):\n"
            "    text = ' '.join(str(v) for v in pattern.values() if v)\n"
            "    if 'knee' in text or 'inner side' in text:\n"
            "        return 'L4'\n"
            "    if 'ankle' in text or 'tiptoe' in text or 'sole' in text or 'little toe' in text or 'heel' in text:\n"
            "        return 'S1'\n"
            "    return 'L5'",
        ],
        wrong=[
            "def likely_root(pattern):\n"
            "    return {'knee': 'L4', 'ankle': 'S1'}.get(pattern['reflex_reduced'], 'L5')",
            "def likely_root(pattern):\n"
            "    if pattern['reflex_reduced'] == 'knee':\n"
            "        return 'S1'\n"
            "    if pattern['reflex_reduced'] == 'ankle':\n"
            "        return 'L4'\n"
            "    return 'L5'",
            "def likely_root(pattern):\n"
            "    if pattern['reflex_reduced'] == 'knee':\n"
            "        return 'L4'\n"
            "    if pattern['reflex_reduced'] == 'ankle':\n"
            "        return 'S1'\n"
            "    return {'straightening the knee': 'L4', 'lifting the big toe': 'L5', 'standing on tiptoe': 'S1'}.get(pattern['weak'])",
            "def likely_root(pattern):\n"
            "    return 'L5'",
        ],
    ),
    Text(
        "q2_9",
        points=2,
        min_words=25,
        var="pain_words",
        topic="Exercise 2.9: referred pain, radicular pain and radiculopathy",
    ),
    # --- second edition -----------------------------------------------------------------------------------------
    Number(
        "q2_10",
        answer=0.28 / (1 - 0.90),  # exact; "a number with two decimals"
        decimals=2,
        var="crossed_lr_positive",
        topic="Exercise 2.10: the positive likelihood ratio of the crossed straight leg raise (Cochrane values)",
        feedback={
            0.8: "That is the likelihood ratio of a NEGATIVE result. The question asks about a positive result.",
            2.42: "That comes from the other review's values in the lesson's table. Use the values given in the "
                  "exercise.",
            0.31: "A positive crossed test is more common in people WITH a herniated disc than without one, so its "
                  "positive likelihood ratio is above 1. Check which share goes above the line and which below.",
        },
        low="A positive likelihood ratio is the share of people WITH the condition who test positive, divided by "
            "the share of people WITHOUT it who test positive (the section “Tests at the bedside”).",
        high="A positive likelihood ratio is the share of people WITH the condition who test positive, divided by "
             "the share of people WITHOUT it who test positive (the section “Tests at the bedside”).",
        right=[2.8, 0.28 / (1 - 0.90), 2.80, 2.800],
        wrong=[0.8, 2.42, 0.31, 0.36, 0.28, 1.23, 2.79, 2.83],
    ),
    Choice(
        "q2_11",
        answer="b",
        options="abcd",
        var="most_informative_result",
        topic="Exercise 2.11: which test result changes the probability most",
        feedback={
            "a": "A likelihood ratio of about 1.2 multiplies the odds by only 1.2, and a ratio of 1 changes nothing. "
                 "A ratio below 1 divides the odds: compare 1 divided by each ratio below 1 with the ratios above 1.",
            "c": "A likelihood ratio of about 0.8 divides the odds by only 1 / 0.8 = 1.25, so the result changes "
                 "the probability little. Work out 1 divided by each ratio below 1 and compare with the ratios above 1.",
            "d": "The three ratios do not change the odds by the same amount. A ratio above 1 multiplies the odds by "
                 "itself; a ratio below 1 divides them by 1 / ratio. Compare those factors (the section "
                 "“Tests at the bedside”).",
        },
        right=["b", "B", " b ", "(b)", "b)"],
        wrong=["a", "c", "d", "C"],
    ),
    variant(
        Choice, "q2_12", public.PUBLIC["q2_12"],
        answer="c",
        options="abcd",
        var="meaning_of_43",
        topic="Exercise 2.12: what the 43% of suspected cauda equina syndrome means",
        feedback={
            "a": "1 - specificity is about people who do NOT have the condition: the share of them the test calls "
                 "positive. The 43% is counted among a different group of people: look at who was counted.",
            "b": "The people who have cauda equina syndrome but are missed would come from the sensitivity; the 43% "
                 "is counted among a different group of people.",
            "d": "The figure says nothing about how accurate MRI is: MRI was used to check the clinical suspicion.",
        },
        right=["c", "C", " c ", "(c)", "c."],
        wrong=["a", "b", "d", "A"],
    ),
]
