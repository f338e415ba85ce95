"""Questions of lesson 08 (the claim ledger) and its exercise set.

Facts used: Bronfort et al. Ann Intern Med 2014;161(6):381-391 (doi:10.7326/M14-0006): 192 enrolled; leg pain 10
percentage points (95% CI 2 to 19) better with SMT plus HEA at 12 weeks, 7 (CI -2 to 15) at 52 weeks; of the six
secondary outcomes only global improvement, satisfaction and medication use stayed better at 52 weeks.
Kapural et al. Anesthesiology 2015;123(4):851-860 (SENZA-RCT): 3-month responders 84.5% (back) and 83.1% (leg) with
HF10, 43.8% and 55.5% with traditional stimulation. The vertebral column usually has 33 vertebrae (7+12+5+5+4).
"""

from ...topics.appraisal.styles import VERDICT_ALIASES
from ..questions import Case, Choice, Function, Match, MultiChoice, Number, Prediction, Text
from ..variants import variant
from ..draws import set08 as public

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
        texts={"a": "wrong", "b": ["overstated or misleading", "overstated"], "c": ["unsupported or unverifiable", "unsupported", "unverifiable"], "d": ["misreported (numbers wrong)", "misreported"]},
        right=["c", "C", "(c)", " c ", "c)", "unsupported or unverifiable", "unsupported"],
        wrong=["a", "b", "d", "(a)", "D", "wrong", "misreported"],
    ),
    Number(
        "c8_3",
        answer=2,
        whole=True,
        noun="claims",
        topic="Check 8.3: how many claims in document 001 the ledger judges 'wrong'",
        hint="In Demo 8.2 choose document 001 and count the marks labelled WRONG, or read the bar of 001 in the "
             "figure of section 4.",
        right=[2, 2.0, 2, 2.0],
        wrong=[0, 1, 3, 30, 33],
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
        right=["a", "A", "(a)", " a ", "a)"],
        wrong=["b", "c", "d", "(b)", "D"],
    ),
    Choice(
        "c8_20",
        answer="b",
        options="abc",
        topic='Check 8.20: recall, what the add-on design can tell (lesson 06)',
        var="add_on",
        feedback={
            'a': 'Both groups had HEA; one also had SMT. Was SMT ever tested instead of HEA?',
            'c': "Neither group had a sham. What does comparing 'SMT plus HEA' with 'HEA alone' measure?",
        },
        right=["b", "(b)", " B "],
        wrong=['a', 'c'],
    ),
    Choice(
        "c8_21",
        answer="c",
        options="abc",
        topic='Check 8.21: recall, who could not be blinded (lesson 06)',
        var="unblinded",
        feedback={
            'a': 'Could a patient tell whether a chiropractor had treated them?',
            'b': "The outcome was the patient's own rating. Who gave it, and did they know their group?",
        },
        right=["c", "(c)", " C "],
        wrong=['a', 'b'],
    ),
    Prediction(
        "c8_22",
        answer="d",
        options="abcd",
        topic='Check 8.22: predict, which document has the most unsupported claims',
        var="most_unsupported",
        texts={"a": "001, the physiotherapy marketing page", "b": "002, the news article", "c": "003, the AI summary",
               "d": "004, the clinic blog"},
        outcome=("004, the clinic blog, has the most claims marked UNSUPPORTED, just ahead of 001, the physiotherapy "
                 "page: both give reasons and figures without sources the course could find. The news article (002) "
                 "and the AI summary (003) have few."),
        feedback={
            'a': "Close: 001 has many, but one document has more. Compare the two clinic pages' legends.",
            'b': 'The news article names its study and quotes its authors: most of its claims could be checked.',
            'c': "Most of the AI summary's claims matched papers the course found, even when it used them wrongly.",
        },
        right=["d", "(d)", " D ", "004, the clinic blog"],
        wrong=['a', 'b', 'c', "001, the physiotherapy marketing page"],
    ),
    Number(
        "c8_25",
        answer=7,
        whole=True,
        noun="claims",
        var="unsupported_001",
        topic="Check 8.25: explain with the demo, unsupported claims in document 001",
        feedback={8: "That is the count of another document: choose the physiotherapy marketing page.",
                  19: "That is every claim marked in 001. The question asks only for those marked UNSUPPORTED."},
        low="Choose document 001 in Demo 8.2 and read the legend's count for 'unsupported or unverifiable'.",
        high="Choose document 001 in Demo 8.2 and read the legend's count for 'unsupported or unverifiable'.",
        right=[7, 7.0, 7],
        wrong=[8, 19, 2, 4],
    ),
    Prediction(
        "c8_23",
        answer="b",
        options="abc",
        topic='Check 8.23: predict, the verdict on a prevalence figure in document 002',
        var="verdict_002_15",
        texts={"a": "accurate: it is the protocol's own figure", "b": "overstated or misleading",
               "c": "wrong: no source gives 40%"},
        outcome=("Overstated or misleading. The trial's protocol gives lifetime prevalence estimates 'as high as 40%' "
                 "and Reuters 'up to 40 percent': the article turns an upper bound into a definite share, and the "
                 "published estimates the card cites span a wide range."),
        feedback={
            'a': 'Read what the protocol and Reuters actually say next to the 40%: is it a measured share or a limit?',
            'c': "The card's evidence shows where the 40% comes from: it is not invented, but something about it changed.",
        },
        right=["b", "(b)", " B ", "overstated or misleading"],
        wrong=['a', 'c', "wrong: no source gives 40%"],
    ),
    Number(
        "c8_26",
        answer=43,
        whole=True,
        unit="percent",
        var="sciatica_upper",
        topic="Check 8.26: explain with the demo, the range of published prevalence estimates on the card of 002-15",
        feedback={40: "That is the article's figure. The question asks for the top of the range the review gives.",
                  1.2: "That is the bottom of the range. The question asks for its top."},
        low="Open claim 002-15 in Demo 8.4 and read the range that Konstantinou and Dunn give.",
        high="Open claim 002-15 in Demo 8.4 and read the range that Konstantinou and Dunn give.",
        right=[43, 43.0, 43],
        wrong=[40, 1.2, 80, 4],
    ),
    Choice(
        "c8_24",
        answer="b",
        options="abc",
        topic='Check 8.24: judge what verdict counts can show',
        var="counts_show",
        feedback={
            'a': 'Who decided which sentences count as checkable claims? And can a text mislead by what it leaves out?',
            'c': 'Does a long text with many checkable claims have to be worse than a short one?',
        },
        right=["b", "(b)", " B "],
        wrong=['a', 'c'],
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
        vocabulary=["accurate", "accurate but incomplete", "overstated or misleading", "misreported (numbers wrong)",
                    "unsupported or unverifiable", "wrong"],
        aliases=VERDICT_ALIASES,  # the verdicts' other names (badges, slashes)
        right=[
            {"s1": "accurate", "s2": "misreported (numbers wrong)", "s3": "wrong", "s4": "unsupported or unverifiable", "s5": "overstated or misleading"},
            {"s1": "accurate", "s2": "misreported", "s3": "wrong", "s4": "unsupported", "s5": "overstated"},
            {"S1": "Accurate", "S2": "Misreported (numbers wrong)", "S3": "Wrong", "S4": "Unsupported or unverifiable", "S5": "Overstated or misleading"},
            {"s1": "accurate", "s2": "numbers wrong", "s3": "wrong", "s4": "unverifiable", "s5": "misleading"},
            {"s1": "accurate.", "s2": "misreported – numbers wrong", "s3": "wrong", "s4": "unsupported/unverifiable", "s5": "overstated/misleading"},
            {"s1": "accurate", "s2": "misreported", "s3": "wrong", "s4": "unsupported / unverifiable", "s5": "overstated / misleading"},
            {"s1": "accurate", "s2": "misreported (numbers wrong)", "s3": "wrong", "s4": "unsupported / unverifiable", "s5": "overstated / misleading"},
            {"s1": "OK", "s2": "NUMBERS WRONG", "s3": "WRONG", "s4": "UNSUPPORTED", "s5": "OVERSTATED"},
            {"s1": "Accurate", "s2": "Misreported / numbers wrong", "s3": "Wrong", "s4": "Unsupported / Unverifiable", "s5": "Overstated / Misleading"},
        ],
        wrong=[
            {"s1": "accurate", "s2": "misreported (numbers wrong)", "s3": "wrong", "s4": "wrong", "s5": "overstated or misleading"},
            {"s1": "accurate", "s2": "overstated or misleading", "s3": "wrong", "s4": "unsupported or unverifiable", "s5": "overstated or misleading"},
            {"s1": "accurate but incomplete", "s2": "misreported (numbers wrong)", "s3": "unsupported or unverifiable", "s4": "unsupported or unverifiable", "s5": "overstated or misleading"},
            {"s1": "accurate", "s2": "misreported (numbers wrong)", "s3": "wrong", "s4": "unsupported or unverifiable", "s5": "wrong"},
            {"s1": "accurate", "s2": "misreported", "s3": "wrong", "s4": "unsupported", "s5": "overstated", "S5": "wrong"},
            {"s1": "INCOMPLETE", "s2": "NUMBERS WRONG", "s3": "WRONG", "s4": "UNSUPPORTED", "s5": "OVERSTATED"},
            {"s1": "OK", "s2": "NUMBERS WRONG", "s3": "UNSUPPORTED", "s4": "unsupported / unverifiable", "s5": "overstated / misleading"},
        ],
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
        right=[83.1, 83.1, 83.12, 83.08],
        wrong=[84.5, 55.5, 43.8, 83, 0.831],
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
            26: "26 is the count of separate bones in an adult. The question counts vertebrae, each fused segment "
                "separately.",
            24: "That leaves out part of the column. Claim card 001-06 lists the usual count of each region.",
            31: "Add the region counts again, region by region (claim card 001-06).",
        },
        hint="Add the usual counts of the five regions (claim card 001-06).",
        right=[33, 33.0, 33, 33],
        wrong=[30, 26, 24, 31, 32],
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
        right=[3, 3.0, 3, 3.0],
        wrong=[6, 0, 1, 2, 4],
    ),
    variant(
        Choice, "q8_5", public.PUBLIC["q8_5"],
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
        right=["b", "B", "(b)", " b ", "b)"],
        wrong=["a", "c", "d", "(a)", "D"],
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
        right=[
            "def tabulate_verdicts(records):\n"
            "    table = {}\n"
            "    for r in records:\n"
            "        inner = table.setdefault(r['source'], {})\n"
            "        inner[r['verdict']] = inner.get(r['verdict'], 0) + 1\n"
            "    return table",
            "from collections import Counter, defaultdict\n"
            "\n"
            "def tabulate_verdicts(records):\n"
            "    table = defaultdict(Counter)\n"
            "    for r in records:\n"
            "        table[r['source']][r['verdict']] += 1\n"
            "    return dict(table)",
            "def tabulate_verdicts(records):\n"
            "    out = {}\n"
            "    for r in records:\n"
            "        s, v = r['source'], r['verdict']\n"
            "        if s not in out:\n"
            "            out[s] = {}\n"
            "        if v not in out[s]:\n"
            "            out[s][v] = 0\n"
            "        out[s][v] += 1\n"
            "    return out",
            "from collections import Counter\n"
            "\n"
            "def tabulate_verdicts(records):\n"
            "    sources = {r['source'] for r in records}\n"
            "    return {s: dict(Counter(r['verdict'] for r in records if r['source'] == s)) for s in sources}",
        ],
        wrong=[
            "from collections import Counter\n"
            "\n"
            "def tabulate_verdicts(records):\n"
            "    return dict(Counter(r['verdict'] for r in records))",
            "def tabulate_verdicts(records):\n"
            "    table = {}\n"
            "    for r in records:\n"
            "        table.setdefault(r['source'], {})[r['verdict']] = 1\n"
            "    return table",
            "def tabulate_verdicts(records):\n"
            "    table = {}\n"
            "    for r in records:\n"
            "        inner = table.setdefault(r['id'], {})\n"
            "        inner[r['verdict']] = inner.get(r['verdict'], 0) + 1\n"
            "    return table",
            "VERDICTS = ['accurate', 'accurate but incomplete', 'overstated or misleading', 'misreported (numbers wrong)', 'unsupported or unverifiable', 'wrong']\n"
            "\n"
            "def tabulate_verdicts(records):\n"
            "    table = {}\n"
            "    for r in records:\n"
            "        inner = table.setdefault(r['source'], {v: 0 for v in VERDICTS})\n"
            "        inner[r['verdict']] += 1\n"
            "    return table",
        ],
    ),
    Text(
        "q8_7",
        points=3,
        min_words=50,
        var="new_claim",
        topic="Exercise 8.7: appraise a sentence the ledger left out",
    ),
    variant(
        Choice, "q8_8", public.PUBLIC["q8_8"],
        answer="b",
        options="abcd",
        var="what_the_10_points_are",
        topic="Exercise 8.8: what the '10 percentage points' of document 000 (claim 000-07) really measure",
        feedback={
            "a": "That is how document 000 words it. Read the abstract's sentence in claim card 000-07 and lesson 05, "
                 "section 2: is a difference in percentage points a difference in the pain rating itself?",
            "c": "The trial did report responders elsewhere, but this number comes from the primary analysis. What "
                 "was that analysis a difference in?",
            "d": "A change within one group is not what a difference between groups measures. Compare the two "
                 "groups, as the abstract does.",
        },
        hint="Claim card 000-07 (Demo 8.4) and lesson 05, section 2.",
        right=["b", "B", " b ", "(b)", "b."],
        wrong=["a", "c", "d", "A", "D"],
    ),
    # issue 26: an unseen text (practice.PRACTICE["P6"], a news item on Goldberg et al. JAMA 2015), flaws not marked
    MultiChoice(
        "q8_9",
        answer=["c", "d", "e"],
        options="abcdefgh",
        parts=True,
        var="p6_contradicted",
        topic="Exercise 8.9: which sentences of practice text P6 the paper contradicts",
        hint="Compare each sentence with the paper's facts, show_practice(\"prednisone\"): the design, each number, "
             "each time point. A sentence the paper does not address is not contradicted by it.",
        right=[["c", "d", "e"], ["e", "d", "c"], "c, d, e", ["(c)", "(d)", "(e)"]],
        wrong=[["c", "d"], ["c", "d", "e", "g"], ["d", "e", "f"], ["a", "b"], ["c", "d", "e", "f", "g"]],
    ),
    Match(
        "q8_10",
        points=3,
        var="p6_verdicts",
        answer={
            "s2": "accurate",
            # a right number under the wrong label: "misreported" by 003-11's precedent, "overstated" by 000-07's
            "s5": ("misreported (numbers wrong)", "overstated or misleading"),
            # a certainty ("significantly better") the paper does not give: contradicted, or a finding stretched
            "s6": ("wrong", "overstated or misleading"),
            "s7": "wrong",
            "s9": "unsupported or unverifiable",
            "s10": "overstated or misleading",
        },
        name_items=False,
        topic="Exercise 8.10: a verdict for six sentences of P6",
        hint="The verdict scale and an example of each verdict are in lesson 08, section 2; the paper's facts are in "
             "show_practice(\"prednisone\").",
        aliases=VERDICT_ALIASES,  # the verdicts' other names (badges, slashes)
        right=[
            {"s2": "accurate", "s5": "misreported (numbers wrong)", "s6": "wrong", "s7": "wrong",
             "s9": "unsupported or unverifiable", "s10": "overstated or misleading"},
            {"s2": "accurate", "s5": "overstated", "s6": "overstated", "s7": "wrong", "s9": "unsupported",
             "s10": "overstated"},
            {"S2": "Accurate", "S5": "Misreported", "S6": "Wrong", "S7": "Wrong", "S9": "Unverifiable",
             "S10": "Misleading"},
            {"s2": "ok", "s5": "numbers wrong", "s6": "overstated / misleading", "s7": "wrong",
             "s9": "unsupported / unverifiable", "s10": "overstated/misleading"},
        ],
        wrong=[
            {"s2": "accurate", "s5": "accurate", "s6": "wrong", "s7": "wrong", "s9": "unsupported", "s10": "overstated"},
            {"s2": "accurate", "s5": "misreported", "s6": "wrong", "s7": "wrong", "s9": "wrong", "s10": "overstated"},
            {"s2": "accurate", "s5": "misreported", "s6": "wrong", "s7": "accurate", "s9": "unsupported",
             "s10": "overstated"},
            {"s2": "accurate", "s5": "misreported", "s6": "wrong", "s7": "wrong", "s9": "unsupported", "s10": "wrong"},
            {"s2": "accurate but incomplete", "s5": "misreported", "s6": "accurate", "s7": "overstated",
             "s9": "unsupported", "s10": "overstated"},
        ],
    ),
    MultiChoice(
        "q8_11",
        answer=["b", "d"],
        options="abcd",
        parts=True,
        var="p6_counts",
        topic="Exercise 8.11: what counts of verdicts can and cannot show about P6",
        hint="For each statement ask what the count depends on, and what it leaves out.",
        right=[["b", "d"], ["d", "b"], "b, d", ["(b)", "(d)"]],
        wrong=[["b"], ["a", "b", "d"], ["a", "c"], ["b", "c", "d"], ["c", "d"]],
    ),
    Text(
        "q8_12",
        points=4,
        min_words=50,
        var="p6_reasons",
        topic="Exercise 8.12: the reasons for two verdicts on P6, with the evidence",
    ),
]
