"""Questions of lesson 00 (start here) and its exercise set.

Facts used: the trial enrolled 192 patients, of whom 191 gave follow-up data at 12 weeks and 179 at 52 weeks
(Bronfort G et al. Ann Intern Med. 2014;161(6):381-391. doi:10.7326/M14-0006, abstract).
"""

from ..questions import Case, Choice, Function, Number, Text, Match, Prediction

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
    Number(
        "c0_4",
        answer=3,
        tol=0.0,
        whole=True,
        noun='scores',
        unit='',
        topic='Check 0.4: how many scores after Restart and Run All',
        var="n_scores",
        low='Run All runs every cell once, from the top: count what each cell adds to the list.',
        high="A restart empties Python's memory, so earlier runs no longer count. Count what each cell adds, once each.",
        feedback={
            5: "That is what the list held before the restart, after the extra runs. A restart empties Python's memory; Run All then runs each cell once, from the top.",
            6: "That counts the extra runs too. A restart empties Python's memory; Run All then runs each cell once, from the top.",
            2: 'The second cell also runs once during Run All. Count what each cell adds, once each, from the top.'
        },
        right=[3, 3.0, 3],
        wrong=[2, 5, 6, 4],
    ),
    Prediction(
        "c0_5",
        answer="b",
        options="abc",
        topic='Check 0.5: predict, which baseline gives the bigger percentage for a 2-point fall',
        var="bigger_from",
        texts={"a": "from 8", "b": "from 4", "c": "the same from both"},
        outcome=("The same fall of 2 points is a bigger percentage from the lower start: the demo divides the fall by "
                 "the starting score, so a start of 4 gives twice the percentage that a start of 8 gives."),
        feedback={
            'a': 'The fall is divided by the starting score: a bigger start makes the same fall a smaller share of it.',
            'c': 'The fall is the same, but the percentage divides it by the starting score, and the two starts differ.',
        },
        right=["b", "(b)", " B ", "from 4"],
        wrong=['a', 'c', "the same from both"],
    ),
    Number(
        "c0_8",
        answer=-50,
        tol=0,
        whole=True,
        unit="percent",
        var="worse",
        topic="Check 0.8: explain with the demo, a follow-up higher than the start",
        feedback={50: "Did the pain go down or up from the start to follow-up? An improvement is positive only when it went down.",
                  2: "That is the change in points on the 0-10 scale; the question asks for the percentage the demo "
                     "shows."},
        low="Set the two sliders exactly as the question says and read the percentage in the demo's title.",
        high="Set the two sliders exactly as the question says and read the percentage in the demo's title.",
        right=[-50, -50.0, -50],
        wrong=[50, 2, -2, 0],
    ),
    Match(
        "c0_6",
        answer={"baseline": 8, "follow_up": 2},
        topic="Check 0.6: a dictionary of two pain scores",
        var="patient",
        item_hints={"baseline": "The baseline is the score at the start.",
                    "follow_up": "The follow-up is the later score."},
        right=[{"baseline": 8, "follow_up": 2}, {"baseline": 8.0, "follow_up": 2.0}, {"follow_up": 2, "baseline": 8},
               {"Baseline": 8, "follow_up": 2}, {"baseline": 8, "follow-up": 2},
               {"baseline": 8, "follow up": 2}],
        wrong=[{"baseline": 2, "follow_up": 8}, {"baseline": 8}, {"baseline": 8, "follow_up": 6}, [8, 2]],
    ),
    Function(
        "c0_7",
        name="direction",
        compare="text",
        topic="Check 0.7: a function with if",
        cases=[
            Case((6, 3), "better", "The follow-up is lower than the baseline."),
            Case((4, 7), "worse", "The follow-up is higher than the baseline: add an elif for this case."),
            Case((5, 5), "same", "Equal scores: what does your function return when neither comparison is true?"),
        ],
        hint="Use if, elif and else, and return a text in quotes in each case.",
        right=[
            "def direction(baseline, follow_up):\n    if follow_up < baseline:\n        return 'better'\n    elif follow_up > baseline:\n        return 'worse'\n    else:\n        return 'same'\n",
            "def direction(baseline, follow_up):\n    if follow_up < baseline:\n        return 'better'\n    if follow_up > baseline:\n        return 'worse'\n    return 'same'\n",
            "def direction(baseline, follow_up):\n    if baseline == follow_up:\n        return 'Same'\n    return 'better' if follow_up < baseline else 'worse'\n",
            "def direction(b, f):\n    return 'better' if f < b else ('worse' if f > b else 'same')\n",
        ],
        wrong=[
            "def direction(baseline, follow_up):\n    if follow_up < baseline:\n        return 'better'\n    ...\n",
            "def direction(baseline, follow_up):\n    if follow_up > baseline:\n        return 'better'\n    elif follow_up < baseline:\n        return 'worse'\n    return 'same'\n",
            "def direction(baseline, follow_up):\n    if follow_up < baseline:\n        print('better')\n",
            "def direction(baseline, follow_up):\n    return 'better'\n",
        ],
    ),
    # issue 26: the primer's pieces, each with a short check
    Function(
        "c0_9",
        name="count_high",
        topic="Check 0.9: a loop with a running total",
        cases=[
            Case(([7, 3, 9],), 2, "Two of these scores are 7 or more."),
            Case(([6, 5],), 0, "No score is 7 or more: the count stays at 0."),
            Case(([7, 7, 7, 2],), 3, "A score of exactly 7 counts too: use >= (7 or more), not >."),
            Case(([],), 0, "An empty list has no high scores."),
        ],
        hint="Start at 0, loop over the scores, and add 1 with += when a score is 7 or more (>= 7).",
        right=[
            "def count_high(scores):\n    count = 0\n    for s in scores:\n        if s >= 7:\n            count += 1\n    return count\n",
            "def count_high(scores):\n    return sum(1 for s in scores if s >= 7)\n",
            "def count_high(scores):\n    count = 0\n    for s in scores:\n        if not s < 7:\n            count = count + 1\n    return count\n",
            "def count_high(scores):\n    high = []\n    for s in scores:\n        if s >= 7:\n            high.append(s)\n    return len(high)\n",
        ],
        wrong=[
            "def count_high(scores):\n    count = 0\n    for s in scores:\n        if s > 7:\n            count += 1\n    return count\n",
            "def count_high(scores):\n    return len(scores)\n",
            "def count_high(scores):\n    count = 0\n    for s in scores:\n        if s >= 7:\n            count += 1\n        return count\n",
            "def count_high(scores):\n    count = 0\n    for s in scores:\n        if s >= 7:\n            count += s\n    return count\n",
        ],
    ),
    Function(
        "c0_10",
        name="add_visit",
        topic="Check 0.10: a dictionary of lists, with .append",
        cases=[
            Case(({"A": [7, 5, 4], "B": [8, 6]}, "B", 2), {"A": [7, 5, 4], "B": [8, 6, 2]},
                 "Patient B's new score goes at the end of B's list; A's list stays as it was."),
            Case(({"A": [3]}, "A", 1), {"A": [3, 1]}, "One patient, one new score at the end of the list."),
            Case(({"X": [], "Y": [5]}, "X", 4), {"X": [4], "Y": [5]}, "An empty list gets its first score."),
        ],
        hint="visits[patient] is the patient's list: call .append(score) on it, then return visits.",
        right=[
            "def add_visit(visits, patient, score):\n    visits[patient].append(score)\n    return visits\n",
            "def add_visit(visits, patient, score):\n    scores = visits[patient]\n    scores.append(score)\n    return visits\n",
            "def add_visit(visits, patient, score):\n    visits[patient] = visits[patient] + [score]\n    return visits\n",
            "def add_visit(visits, patient, score):\n    new = dict(visits)\n    new[patient] = list(visits[patient]) + [score]\n    return new\n",
        ],
        wrong=[
            "def add_visit(visits, patient, score):\n    visits[patient].append(score)\n",
            "def add_visit(visits, patient, score):\n    visits[patient] = [score]\n    return visits\n",
            "def add_visit(visits, patient, score):\n    visits[patient].insert(0, score)\n    return visits\n",
            "def add_visit(visits, patient, score):\n    visits[patient].append([score])\n    return visits\n",
        ],
    ),
    Function(
        "c0_11",
        name="all_low",
        compare="exact",
        topic="Check 0.11: all() over a list built with a loop",
        cases=[
            Case((["low", "low", "low"],), True, "Every judgement is low."),
            Case((["low", "high", "low"],), False, "One judgement is not low."),
            Case((["some concerns"],), False, "'some concerns' is not 'low'."),
        ],
        hint="Append j == \"low\" for each judgement, then return all(...) of that list (a True or False, not text).",
        right=[
            "def all_low(judgements):\n    checks = []\n    for j in judgements:\n        checks.append(j == 'low')\n    return all(checks)\n",
            "def all_low(judgements):\n    return all(j == 'low' for j in judgements)\n",
            "def all_low(judgements):\n    for j in judgements:\n        if j != 'low':\n            return False\n    return True\n",
            "def all_low(judgements):\n    return not any(j != 'low' for j in judgements)\n",
        ],
        wrong=[
            "def all_low(judgements):\n    return any(j == 'low' for j in judgements)\n",
            "def all_low(judgements):\n    return 'low' in judgements\n",
            "def all_low(judgements):\n    checks = []\n    for j in judgements:\n        checks.append(j == 'low')\n    return 'yes' if all(checks) else 'no'\n",
            "def all_low(judgements):\n    return judgements[0] == 'low'\n",
        ],
    ),
    Number(
        "c0_12",
        answer=3,
        tol=0,
        whole=True,
        topic="Check 0.12: which line an error message points to",
        var="error_line",
        feedback={2: "Line 2 gives week_12 a value without trouble. Look for the arrow ---->: which line does it mark?",
                  1: "Line 1 runs fine. Look for the arrow ---->, and for 'line' in the line that names the cell."},
        low="Find the arrow ----> in the error message, or the words 'Cell In[...], line ...'.",
        high="The cell has only a few lines: find the arrow ----> in the error message.",
        right=[3, 3.0, 3],
        wrong=[2, 1, 4, 0],
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
        tol=0.01,
        hidden=True,
        topic="Exercise 0.3: a function for percentage improvement",
        cases=[
            Case((8, 6), 25.0, "The pain fell by 2 points out of 8."),
            Case((5, 5), 0.0, "No change should give no improvement."),
            Case((4, 6), -50.0, "When the pain gets worse, the improvement is negative."),
            Case((6, 4), 100 * 2 / 6, "The result need not be a whole number: do not round it, and divide with /."),
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
