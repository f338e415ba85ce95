"""Questions of lesson 00 (start here) and its exercise set.

Facts used: the trial enrolled 192 patients, of whom 191 gave follow-up data at 12 weeks and 179 at 52 weeks
(Bronfort G et al. Ann Intern Med. 2014;161(6):381-391. doi:10.7326/M14-0006, abstract).
"""

from ..questions import Case, Choice, Function, Number, Text

SLUG = "00-start-here"

CHECKS = [
    Choice(
        "c0_1",
        answer="b",
        options="abc",
        topic="Check 0.1: where the five documents live",
        feedback={
            "a": "lessons/ holds the lessons you read; look at section 3 again.",
            "c": "exercises/ holds your exercise notebooks; look at section 3 again.",
        },
        texts={"a": ["lessons", "lessons/"], "b": ["sources", "sources/"], "c": ["exercises", "exercises/"]},
        right=["b", "B", "(b)", " b ", "b)"],
        wrong=["a", "c", "(a)", "C"],
    ),
    Number(
        "c0_3",
        answer=50,
        tol=0.5,
        unit="percent",
        topic="Check 0.3: percentage improvement",
        low="Work out how much the pain fell (first minus second score), then divide by the FIRST score.",
        high="Work out how much the pain fell (first minus second score), then divide by the FIRST score.",
        feedback={3: "That is a change in points on the pain scale. The question asks for a percentage improvement: "
                     "see how section 4 defines it."},
        right=[50, 50.0, 50.0, 49.8, 50.4],
        wrong=[3, 0.5, -50, 100, 33.3],
    ),
]

EXERCISES = [
    Number(
        "q0_1",
        answer=192,
        whole=True,
        noun="patients",
        var="n_enrolled",
        topic="Exercise 0.1: how many patients the trial enrolled",
        feedback={
            191: "That is how many patients gave follow-up data at 12 weeks. The question asks how many were "
                 "enrolled at the start.",
            179: "That is how many patients gave follow-up data at 52 weeks. The question asks how many were "
                 "enrolled at the start.",
            99: "That is a percentage (of patients followed up). The question asks for a number of patients.",
            93: "That is a percentage (of patients followed up). The question asks for a number of patients.",
        },
        hint="Read source 000 again, where it says how many patients were enrolled.",
        right=[192, 192.0, 192, 192],
        wrong=[191, 179, 99, 93, "192"],
    ),
    Choice(
        "q0_2",
        answer="d",
        options="abcde",
        var="ai_summary",
        topic="Exercise 0.2: which document is an AI-generated summary",
        feedback={
            "a": "Document 000 is the web page of a private clinic that retells a study.",
            "b": "Document 001 is a physiotherapy clinic's marketing page.",
            "c": "Document 002 is a news article.",
            "e": "Document 004 is a clinic's blog post.",
        },
        hint="Open each document with show_source() and look at its first lines: who says they wrote it?",
        texts={"a": "000", "b": "001", "c": "002", "d": "003", "e": "004"},
        right=["d", "D", "(d)", " d ", "d)", "003"],
        wrong=["a", "b", "c", "e", "(a)", "E", "004"],
    ),
    Function(
        "q0_3",
        name="percent_improvement",
        points=2,
        compare="number",
        tol=1e-6,
        hidden=True,
        topic="Exercise 0.3: a function for percentage improvement",
        cases=[
            Case((8, 6), 25.0, "The pain fell by 2 points out of 8."),
            Case((5, 5), 0.0, "No change should give no improvement."),
            Case((4, 6), -50.0, "When the pain gets worse, the improvement is negative."),
        ],
        hint="Improvement = (baseline - follow-up) divided by baseline, times 100.",
        right=[
            "def percent_improvement(baseline, follow_up):\n"
            "    return 100 * (baseline - follow_up) / baseline",
            "def percent_improvement(baseline, follow_up):\n"
            "    return (1 - follow_up / baseline) * 100",
            "def percent_improvement(baseline, follow_up):\n"
            "    fall = baseline - follow_up\n"
            "    return fall / baseline * 100.0",
            "def percent_improvement(baseline, follow_up):\n"
            "    return round(100 * (baseline - follow_up) / baseline, 3)",
            "import numpy as np\n"
            "\n"
            "def percent_improvement(baseline, follow_up):\n"
            "    return np.float64(100) * (baseline - follow_up) / baseline",
        ],
        wrong=[
            "def percent_improvement(baseline, follow_up):\n"
            "    return round(100 * (baseline - follow_up) / baseline)",
            "def percent_improvement(baseline, follow_up):\n"
            "    return 100 * (baseline - follow_up) // baseline",
            "def percent_improvement(baseline, follow_up):\n"
            "    return 100 * (follow_up - baseline) / follow_up",
            "def percent_improvement(baseline, follow_up):\n"
            "    return 100 * (baseline - follow_up) / follow_up",
            "def percent_improvement(baseline, follow_up):\n"
            "    return (baseline - follow_up) / baseline",
            "def percent_improvement(baseline, follow_up):\n"
            "    return int(100 * (baseline - follow_up) / baseline)",
        ],
    ),
    Text(
        "q0_4",
        points=2,
        min_words=8,
        var="who_wrote_it",
        topic="Exercise 0.4: what you want to know about a web page before you trust it",
    ),
]
