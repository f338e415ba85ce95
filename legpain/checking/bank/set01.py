"""Questions of lesson 01 (the spine) and its exercise set.

Facts used (full citations in the lesson's reference list):
- 7 cervical, 12 thoracic, 5 lumbar, 5 sacral (fused: sacrum), usually 4 coccygeal (fused: coccyx); 33 in all, 26
  separate bones in an adult (Britannica "Skeleton"; Droual, Modesto Junior College notes).
- Conus medullaris: mean at the lower third of L1, range middle third of T12 to upper third of L3 (Saifuddin et al.,
  Spine 1998, MRI of 504 adults).
- Disc nomenclature: bulge > 90 degrees (a quarter) of the circumference, protrusion < 90 degrees with a base wider
  than the dome, extrusion, sequestration (Fardon et al. 2014, as summarised by Radiopaedia).
- Degenerative narrowing: facet hypertrophy, osteophytes, ligamentum flavum buckling and hypertrophy (Schroeder et al.
  JAAOS 2016); disc bulges and herniations.
- Brinjikji et al. AJNR 2015: modelled prevalence in people without back pain; disc degeneration 37/52/68/80% at ages
  20/30/40/50, disc bulge 30/40/50/60%.
"""

from ..draws import set01 as public
from ..questions import Prediction, Choice, Match, MultiChoice, Number, Text
from ..variants import variant

SLUG = "01-the-spine"

CHECKS = [
    Number(
        "c1_1",
        answer=5,
        whole=True,
        noun="vertebrae",
        topic="Check 1.1: lumbar vertebrae",
        low="Count the blocks of the low-back region in Figure 1.1 again.",
        high="Count the blocks of the low-back region in Figure 1.1 again.",
        feedback={7: "That is the number of neck (cervical) vertebrae.", 12: "That is the number of chest (thoracic) "
                  "vertebrae."},
        right=[5, 5.0, 5.0, 5],
        wrong=[7, 12, 4, 6, "5"],
    ),
    Choice(
        "c1_2",
        answer="c",
        options="abcd",
        topic="Check 1.2: what fills the lumbar canal",
        feedback={
            "a": "The spinal cord ends higher up in most adults: look at the section “Where the spinal cord ends” again, where the MRI study says "
                 "where its tip usually lies.",
            "b": "The disc lies in front of the canal, between the vertebral bodies, not inside the canal.",
            "d": "The ligamentum flavum lines the back of the canal; it does not fill it.",
        },
        texts={"a": ["spinal cord", "the spinal cord"], "b": ["intervertebral disc", "the disc"], "c": ["cauda equina", "the cauda equina", "nerve roots", "the nerve roots"], "d": ["ligamentum flavum", "the ligamentum flavum"]},
        right=["c", "C", "(c)", " c ", "c)", "cauda equina"],
        wrong=["a", "b", "d", "(a)", "D"],
    ),
    Choice(
        "c1_4",
        answer="b",
        options="abc",
        topic="Check 1.4: which root a foraminal bone spur squeezes",
        feedback={
            "a": "The root that leaves one level lower lies in the lateral recess, nearer the middle. Look at which "
                 "root turns red when you choose 'bone spur' in Demo 1.3.",
            "c": "The cauda equina lies in the central canal. Look at which root turns red when you choose "
                 "'bone spur' in Demo 1.3.",
        },
        texts={"a": ["L5", "the L5 root"], "b": ["L4", "the L4 root"], "c": ["cauda equina", "the cauda equina"]},
        right=["b", "B", "(b)", " b ", "b)", "L4"],
        wrong=["a", "c", "(a)", "C", "L5"],
    ),
    Number(
        "c1_5",
        answer=60,
        tol=3,  # read from Figure 1.3 by eye: "about"
        unit="percent",
        topic="Check 1.5: disc bulge at 50 without back pain",
        feedback={80: "That is the line for disc degeneration; the question asks about disc bulge.",
                  36: "That is the line for disc protrusion; the question asks about disc bulge."},
        low="Read the disc bulge line (squares) in Figure 1.3 at age 50.",
        high="Read the disc bulge line (squares) in Figure 1.3 at age 50.",
        right=[60, 60.0, 58, 62, 61.5],
        wrong=[80, 36, 50, 40, 84],
    ),
    Choice(
        "c1_20",
        answer="b",
        options="abcd",
        topic='Check 1.20: predict, which change narrows the canal from behind',
        var="from_behind",
        feedback={
            'a': "A disc sits in front of the canal. Which structure lines the canal's back wall (the section “A lumbar vertebra and the disc”)?",
            'c': 'Bone spurs mostly grow from the facet joints and the edges of the bodies. Which soft structure lines the back of the canal (the section “A lumbar vertebra and the disc”)?',
            'd': 'The nucleus is inside the disc, in front of the canal. Which structure lines the back of the canal (the section “A lumbar vertebra and the disc”)?',
        },
        right=["b", "(b)", " B "],
        wrong=['a', 'c', 'd'],
    ),
    Choice(
        "c1_21",
        answer="c",
        options="abcd",
        topic='Check 1.21: locate the opening a spinal nerve leaves through',
        var="where_nerve_exits",
        feedback={
            'a': 'The canal runs up and down the middle of the column. The question asks about an opening on each side, between two vertebrae.',
            'b': 'The lateral recess is a gutter just inside the canal, in front of the facet joint. Look for the opening a spinal nerve passes through.',
            'd': 'The nucleus pulposus is the gel-like centre of the disc, not an opening.',
        },
        right=["c", "(c)", " C "],
        wrong=['a', 'b', 'd'],
    ),
    # --- second edition (anatomy helper): reading an odds ratio; neurogenic vs vascular claudication ----------
    Choice(
        "c1_6",
        answer="b",
        options="abcd",
        topic="Check 1.6: reading an odds ratio and its confidence interval",
        var="odds_ratio_reading",
        feedback={
            "a": "An odds ratio is not a percentage of people. It compares the odds of a finding in one group with the "
                 "odds in another: look at the definition in the section “How common are these findings”.",
            "c": "The study compared how common a bulge was in two groups; it cannot say what a bulge causes. Look at "
                 "the definition of the odds ratio in the section “How common are these findings”.",
            "d": "Look at the interval again: does it include 1? An interval that stays above 1 is compatible only "
                 "with higher odds in one group, though by very different amounts.",
        },
        right=["b", "B", " b ", "(b)", "b)"],
        wrong=["a", "c", "d", "D"],
    ),
    Choice(
        "c1_7",
        answer="b",
        options="abcd",
        topic="Check 1.7: neurogenic or vascular claudication",
        var="neurogenic_pattern",
        feedback={
            "a": "Pain in the calves that eases on standing still, whatever the posture, fits poor blood flow to the "
                 "muscles better. Look at what eases neurogenic claudication (the section “How degeneration narrows the spaces nerves pass through”).",
            "c": "Pain only in the back is not claudication at all: claudication is leg symptoms brought on by "
                 "walking or standing.",
            "d": "Claudication comes on with walking or standing. Look at what brings it on and what eases it "
                 "(the section “How degeneration narrows the spaces nerves pass through”).",
        },
        right=["b", "B", " b", "(b)", "b."],
        wrong=["a", "c", "d", "A"],
    ),
    # issue 26: Demo 1.3 as predict, observe, explain (c1_20, judged at once, is no longer asked)
    Prediction(
        "c1_22",
        answer="b",
        options="abc",
        topic="Check 1.22: predict, how many of the demo's single changes squeeze a nerve root",
        var="squeezing",
        texts={"a": "all five", "b": "four", "c": "two"},
        outcome=("Four of the five. A disc herniation and an enlarged facet squeeze the L5 root in the lateral "
                 "recess, bone spurs squeeze the L4 root in the foramen, and a thickened ligamentum flavum squeezes "
                 "the cauda equina in the central canal. A disc bulge narrows the spaces without squeezing a root "
                 "in this picture: a change seen on a scan is not always a root under pressure."),
        feedback={"a": "Look at the disc bulge: does the demo mark any root as squeezed for it?",
                  "c": "More than two do: go through the five changes one by one and count the 'squeezed' marks."},
        right=["b", "(b)", " B ", "four"],
        wrong=["a", "c", "all five"],
    ),
    Choice(
        "c1_23",
        answer="b",
        options="abc",
        topic="Check 1.23: explain with the demo, how much a disc bulge narrows the canal",
        var="bulge_grade",
        feedback={"a": "Choose 'disc bulge' in the demo and read the line that starts 'Narrowed:'.",
                  "c": "Choose 'disc bulge' in the demo and read the line that starts 'Narrowed:'."},
        texts={"a": "not narrowed", "b": "mild", "c": "marked"},
        right=["b", "(b)", " B ", "mild"],
        wrong=["a", "c", "marked", "not narrowed"],
    ),
]

EXERCISES = [
    Match(
        "q1_1",
        answer={"cervical": 7, "thoracic": 12, "lumbar": 5, "sacral": 5, "coccygeal": 4},
        points=2,
        var="counts",
        topic="Exercise 1.1: vertebrae per region",
        item_hints={
            "cervical": "Count the neck vertebrae in Figure 1.1.",
            "thoracic": "Count the chest vertebrae in Figure 1.1, or look at the table in the section “The column by region” again.",
            "lumbar": "Count the low-back vertebrae in Figure 1.1.",
            "sacral": "Count the segments that fuse into the sacrum (the dotted lines in Figure 1.1 separate them).",
            "coccygeal": "The section “The column by region” gives the usual number (and its range) for the coccyx.",
        },
        hint="Give whole numbers (not text), one per region, as in the table of the section “The column by region”.",
        right=[
            {"cervical": 7, "thoracic": 12, "lumbar": 5, "sacral": 5, "coccygeal": 4},
            {"Cervical": 7, "Thoracic": 12, "Lumbar": 5, "Sacral": 5, "Coccygeal": 4},
            {"cervical": 7.0, "thoracic": 12.0, "lumbar": 5.0, "sacral": 5.0, "coccygeal": 4.0},
            {"coccygeal": 4, "sacral": 5, "lumbar": 5, "thoracic": 12, "cervical": 7},
            {" cervical ": 7, "thoracic": 12, "lumbar": 5, "sacral": 5, "coccygeal": 4},
        ],
        wrong=[
            {"cervical": 7, "thoracic": 12, "lumbar": 5, "sacral": 1, "coccygeal": 1},
            {"cervical": 7, "thoracic": 12, "lumbar": 5, "sacral": 5, "coccygeal": 5},
            {"cervical": 8, "thoracic": 12, "lumbar": 5, "sacral": 5, "coccygeal": 4},
            {"cervical": "7", "thoracic": "12", "lumbar": "5", "sacral": "5", "coccygeal": "4"},
            {"cervical": 7, "thoracic": 12, "lumbar": 5, "sacral": 5, "coccygeal": 4, "total": 33},
            {"cervical": 7, "thoracic": 12, "lumbar": 5, "Lumbar": 6, "sacral": 5, "coccygeal": 4},
        ],
    ),
    Number(
        "q1_2",
        answer=26,
        whole=True,
        noun="bones",
        var="n_separate_bones",
        topic="Exercise 1.2: separate bones in an adult column",
        feedback={
            33: "That counts every segment before fusion. In an adult the sacral and coccygeal segments have fused: "
                "count each fused group as one bone.",
            24: "That leaves out part of the column. Look at the table in the section “The column by region” again, at the column 'In an "
                "adult', from the neck down to the tailbone.",
            25: "That leaves out part of the column. Look at the table in the section “The column by region” again, at the column 'In an "
                "adult', from the neck down to the tailbone.",
        },
        low="Look at the table in the section “The column by region” again: in an adult, which segments have fused, and into how many bones?",
        high="Look at the table in the section “The column by region” again: in an adult, which segments have fused, and into how many bones?",
        right=[26, 26.0, 26, 26],
        wrong=[24, 25, 33, 27, 31],
    ),
    variant(
        Choice, "q1_3", public.PUBLIC["q1_3"],
        answer="b",
        options="abcd",
        var="cord_end",
        topic="Exercise 1.3: where the spinal cord ends",
        feedback={
            "a": "That is far too high: the cord runs through the whole neck and chest. Look at the MRI study in "
                 "the section “Where the spinal cord ends”.",
            "c": "In most adults the canal at that level holds nerve roots, not the cord. Look at the MRI study's mean "
                 "and range in the section “Where the spinal cord ends”.",
            "d": "The sacrum holds only nerve roots. Look at the MRI study's mean and range in the section “Where the spinal cord ends”.",
        },
        texts={"a": "C7", "b": ["L1", "around L1"], "c": ["L4-L5", "the L4-L5 disc"], "d": ["sacrum", "the sacrum"]},
        right=["b", "B", "(b)", " b ", "b)", "L1"],
        wrong=["a", "c", "d", "(a)", "D", "L4–L5"],
    ),
    Choice(
        "q1_4",
        answer="c",
        options="abcd",
        var="report_term",
        topic="Exercise 1.4: naming a disc finding",
        feedback={
            "a": "A bulge involves more than a quarter of the circumference; this one is focal. Look at the "
                 "definitions in the section “How degeneration narrows the spaces nerves pass through”.",
            "b": "In a protrusion the base is wider than the part that sticks out. Compare the two widths given.",
            "d": "A sequestered fragment has lost its connection with the disc; this one is still connected.",
        },
        texts={"a": ["disc bulge", "bulge"], "b": "protrusion", "c": "extrusion", "d": "sequestration"},
        right=["c", "C", "(c)", " c ", "c)", "Extrusion"],
        wrong=["a", "b", "d", "(a)", "D", "protrusion", "trusion"],
    ),
    MultiChoice(
        "q1_5",
        answer=["a", "b", "c", "e"],
        options="abcdef",
        var="narrowing",
        topic="Exercise 1.5: changes that narrow the spaces nerves pass through",
        hint="The section “How degeneration narrows the spaces nerves pass through” lists the changes that take up room in the canal, the lateral recess or the foramen; "
             "Demo 1.3 shows each one. Normal structures that are always there do not count.",
        right=[
            ["a", "b", "c", "e"],
            ["e", "c", "b", "a"],
            ("A", "B", "C", "E"),
            "a, b, c, e",
            ["(a)", "(b)", "(c)", "(e)"],
            {"a", "b", "c", "e"},
        ],
        wrong=[
            ["a", "b", "c"],
            ["a", "b", "c", "d", "e"],
            ["e"],
            ["a", "b", "c", "e", "f"],
            ["a", "b", "c", "d", "e", "f"],
        ],
    ),
    Number(
        "q1_6",
        answer=68,
        tol=3,  # read from Figure 1.3 by eye: "about"
        unit="percent",
        var="pct_degeneration_40",
        topic="Exercise 1.6: disc degeneration at 40 in people without back pain",
        feedback={
            50: "That is the disc bulge line; the question asks about disc degeneration.",
            33: "That is the disc protrusion line; the question asks about disc degeneration.",
            52: "That is the value at age 30; read the line at age 40.",
            80: "That is the value at age 50; read the line at age 40.",
            37: "That is the value at age 20; read the line at age 40.",
        },
        low="Read the disc degeneration line (circles) of Figure 1.3 at age 40.",
        high="Read the disc degeneration line (circles) of Figure 1.3 at age 40.",
        right=[68, 70, 67, 66.5, 68.0],
        wrong=[50, 80, 52, 37, 60],
    ),
    Text(
        "q1_7",
        points=2,
        min_words=20,
        var="bulge_explained",
        topic="Exercise 1.7: explaining a disc bulge on a scan report",
    ),
]
