"""Questions of lesson 07 (who is speaking, and why) and its exercise set.

Facts used (see legpain.topics.appraisal.PROFILES and docs/evidence/claims-research.md): what kind of text each source
document is and who stands behind it; the 2014 manipulation trial was funded by a US federal grant (HRSA,
Bronfort et al. Ann Intern Med 2014, doi:10.7326/M14-0006); the SENZA-RCT of spinal cord stimulation was funded by
Nevro Corp. (Kapural et al. Neurosurgery 2016, doi:10.1227/NEU.0000000000001418). The trial ran at the Wolfe-Harris
Center of Northwestern Health Sciences University (a chiropractic college, the registry's sponsor) and at the Palmer
Center for Chiropractic Research (Schulz et al. 2011, doi:10.1186/2045-709X-19-8; NCT00494065). The capture of
document 003 has three sentences ending " ." where inline citation markers probably were (sources/003_...txt).
"""

from ..questions import Choice, Match, MultiChoice, Number, Prediction, Text
from ..variants import variant
from ..draws import set07 as public

SLUG = "07-who-is-speaking"

CHECKS = [
    Choice(
        "c7_1",
        answer="b",
        options="abcd",
        topic="Check 7.1: on what kind of website document 000 appears",
        feedback={
            "a": "It reads like news, but look at its first lines and its call to action: whose name and whose "
                 "appointments are they?",
            "c": "The study's authors work at a university, but the page itself is not theirs. Look at its first "
                 "lines.",
            "d": "That is document 003. Look at the first lines of document 000.",
        },
        texts={"a": ["a news outlet", "news outlet"], "b": ["a private clinic", "private clinic", "clinic"], "c": ["a university", "university"], "d": ["an AI research tool", "AI research tool"]},
        right=["b", "B", "(b)", " b ", "b)", "private clinic"],
        wrong=["a", "c", "d", "(a)", "D", "news outlet"],
    ),
    Choice(
        "c7_3",
        answer="b",
        options="abcd",
        topic="Check 7.3: what document 004 wants its reader to do",
        feedback={
            "a": "The post mentions a 2018 study but gives no way to find it. Read its last paragraph again.",
            "c": "The post does not send readers to a doctor for imaging. Read its last paragraph again.",
            "d": "Home exercise alone is what the 2014 trial's comparison group did; document 004 does not discuss "
                 "it. Read its last paragraph again.",
        },
        right=["b", "B", "(b)", " b ", "b)"],
        wrong=["a", "c", "d", "(a)", "D"],
    ),
    Choice(
        "c7_20",
        answer="b",
        options="abc",
        topic='Check 7.20: recall, what a P value measures (lesson 05)',
        var="p_value_means",
        feedback={
            'a': 'A P value is worked out assuming there is no real difference. Can it then be the chance that the treatment works or not?',
            'c': 'The size of a benefit is the difference and its interval. What does the P value add?',
        },
        right=["b", "(b)", " B "],
        wrong=['a', 'c'],
    ),
    Choice(
        "c7_21",
        answer="b",
        options="abc",
        topic='Check 7.21: recall, reading an interval that includes zero (lesson 05)',
        var="interval_reading",
        feedback={
            'a': 'An interval from −2 to 15 also contains many positive values. Does it show there is no effect?',
            'c': 'Does an interval that includes zero rule out a benefit?',
        },
        right=["b", "(b)", " B "],
        wrong=['a', 'c'],
    ),
    Prediction(
        "c7_22",
        answer="a",
        options="abc",
        topic='Check 7.22: predict, which document makes anatomy claims',
        var="anatomy_doc",
        texts={"a": "001, the physiotherapy marketing page", "b": "002, the news article about the 2014 trial",
               "c": "003, the AI summary"},
        outcome=("001, the physiotherapy marketing page: it explains the body (where the sciatic nerve runs, how many "
                 "bones the spine has) before it sells treatment. The news article and the AI summary make no "
                 "anatomy claims; the clinic blog 004 makes a few."),
        feedback={
            'b': 'The news article reports a trial and what people said about it; it does not explain the body.',
            'c': 'The AI summary reports prevalence and treatment results; it does not explain the body.',
        },
        right=["a", "(a)", " A ", "001, the physiotherapy marketing page"],
        wrong=['b', 'c', "002, the news article about the 2014 trial"],
    ),
    Number(
        "c7_23",
        answer=2,
        tol=0.0,
        whole=True,
        noun='claims',
        unit='',
        topic='Check 7.23: citation claims in document 004 (Demo 7.2)',
        var="n_citation_004",
        low='Choose document 004 in Demo 7.2 and read the legend: how many marks are citations?',
        high='Choose document 004 in Demo 7.2 and read the legend: how many marks are citations?',
        feedback={

        },
        right=[2, 2.0, 2],
        wrong=[1, 3, 4, 17],
    ),
]

EXERCISES = [
    Match(
        "q7_1",
        points=2,
        var="text_kinds",
        answer={"000": "clinic news page", "001": "clinic service page", "002": "news article", "003": "ai summary",
                "004": "clinic blog post"},
        topic="Exercise 7.1: what kind of text each document is",
        item_hints={
            "000": "Read its first lines and its call to action: whose website is it, and what form does the text "
                   "take?",
            "001": "Who is named in it, and what does its last paragraph ask you to do?",
            "002": "Does it sell anything? Who is quoted, and how does it end?",
            "003": "Look for the words 'Pro Research Analysis' and 'Searched over 200M research papers'.",
            "004": "Look at the first and last lines ('Writer's picture', 'Recent Posts').",
        },
        hint="Use the labels exactly as given in the question; lesson 07, section 2 describes each document.",
        aliases={"ai summary": ["ai generated summary", "ai research summary", "ai generated research summary"],
                 "clinic blog post": ["clinic blog"]},
        name_items=False,
        right=[
            {"000": "clinic news page", "001": "clinic service page", "002": "news article", "003": "ai summary", "004": "clinic blog post"},
            {"000": "Clinic news page", "001": "Clinic service page", "002": "News article", "003": "AI summary", "004": "Clinic blog post"},
            {"000": "clinic news page", "001": "clinic service page", "002": "news article", "003": "AI-generated summary", "004": "clinic blog"},
            {"004": "clinic blog post", "003": "ai summary", "002": "news article", "001": "clinic service page", "000": "clinic news page"},
            {"000": " clinic news page ", "001": "clinic service page.", "002": "news article", "003": "AI summary", "004": "Clinic blog post"},
        ],
        wrong=[
            {"000": "news article", "001": "clinic service page", "002": "clinic news page", "003": "ai summary", "004": "clinic blog post"},
            {"000": "clinic news page", "001": "clinic blog post", "002": "news article", "003": "ai summary", "004": "clinic service page"},
            {"000": "clinic news page", "001": "clinic marketing", "002": "news article", "003": "ai summary", "004": "clinic blog"},
            {"000": "clinic news page", "001": "clinic service page", "002": "news article", "003": "ai summary"},
            {"000": "clinic service page", "001": "clinic service page", "002": "news article", "003": "ai summary", "004": "clinic service page"},
        ],
    ),
    MultiChoice(
        "q7_2",
        answer=["a", "b", "e"],
        options="abcde",
        var="commercial",
        topic="Exercise 7.2: which documents have a direct commercial interest in a treatment",
        hint="Ask of each document: does the organisation that publishes it sell consultations or treatment to the "
             "reader? Lesson 07, section 4.",
        texts={"a": "000", "b": "001", "c": "002", "d": "003", "e": "004"},
        right=[
            ["a", "b", "e"],
            ["e", "b", "a"],
            ("A", "B", "E"),
            "a, b, e",
            ["(a)", "(b)", "(e)"],
            {"a", "b", "e"},
            ["000", "001", "004"],
        ],
        wrong=[["a", "b"], ["a", "b", "c", "e"], ["b", "e"], ["a", "b", "d", "e"]],
    ),
    variant(
        Choice, "q7_3", public.PUBLIC["q7_3"],
        answer="b",
        options="abcd",
        var="senza_funder",
        topic="Exercise 7.3: the undisclosed interest behind document 003's stimulation evidence",
        feedback={
            "a": "A US federal grant funded the 2014 manipulation trial (documents 000 and 002), not the stimulation "
                 "trial. Look at section 4 of lesson 07 again.",
            "c": "The trial ran in pain treatment centres; look at section 4 of lesson 07 for who paid for it.",
            "d": "Document 003 does not say it, but the trial's own report does. Look at section 4 of lesson 07.",
        },
        hint="Document 003 names no sources; the trial it seems to describe is the SENZA-RCT.",
        texts={"b": ["Nevro", "Nevro Corp", "Nevro Corp."]},
        right=["b", "B", "(b)", " b ", "b)", "Nevro Corp."],
        wrong=["a", "c", "d", "(a)", "D"],
    ),
    Number(
        "q7_4",
        answer=1,
        whole=True,
        noun="documents",
        var="n_full_citations",
        topic="Exercise 7.4: how many documents cite a study by its authors and title",
        feedback={
            0: "Read the last lines of each document again, looking for a reference with authors and a title.",
            2: "A journal's name and a year (or a website's name) are not enough: count only documents that give "
               "the authors and the title.",
            3: "A journal's name and a year (or a website's name) are not enough: count only documents that give "
               "the authors and the title.",
            5: "Document 003 lists no sources at all; look at the others again, too.",
        },
        low="Count only documents that give both the authors and the title of a study.",
        high="Count only documents that give both the authors and the title of a study.",
        hint="Look at what each document cites (lesson 07, section 3): authors? title? journal? year? link?",
        right=[1, 1.0, 1, 1.0],
        wrong=[0, 2, 3, 5, "1"],
    ),
    variant(
        Choice, "q7_5", public.PUBLIC["q7_5"],
        answer="a",
        options="abcd",
        var="unsaid_in_002",
        topic="Exercise 7.5: what document 002 leaves out about the trial's authors",
        feedback={
            "b": "No device was tested in the 2014 trial. Look at who the authors are and where they work (lesson "
                 "07, section 4).",
            "c": "Document 002 does name the University of Minnesota (the lead author's affiliation), so that is not "
                 "something it leaves out. Read lesson 07, section 4, 'What document 002 leaves out', and compare.",
            "d": "The trial was registered (NCT00494065). Look at who the authors are (lesson 07, section 4).",
        },
        right=["a", "A", "(a)", " a ", "a)"],
        wrong=["b", "c", "d", "(b)", "D"],
    ),
    Text(
        "q7_6",
        points=3,
        min_words=40,
        var="profile_text",
        topic="Exercise 7.6: a profile of document 000 or 004 in your own words",
    ),
    variant(
        Choice, "q7_7", public.PUBLIC["q7_7"],
        answer="c",
        options="abcd",
        var="stray_marks",
        topic="Exercise 7.7: what the stray ' .' marks in the capture of document 003 suggest",
        feedback={
            "a": "An AI tool could make typing slips, but these gaps sit at the same place each time: at the end of "
                 "a sentence that states a finding. What would a research product usually put there?",
            "b": "Nothing in the text is hidden; look at where each gap sits and what kind of sentence it ends "
                 "(lesson 07, section 2).",
            "d": "Look again at the sentences that end this way: each states a finding from research. What would a "
                 "research product usually attach to such a sentence?",
        },
        hint="Lesson 07, section 2 and sources/README.md: the texts are shown as they were captured.",
        right=["c", "C", " c ", "(c)", "c)"],
        wrong=["a", "b", "d", "A", "D"],
    ),
    # issue 26: an unseen text (practice.PRACTICE["P5"]), flaws not marked
    MultiChoice(
        "q7_8",
        answer=["b", "f"],
        options="abcdef",
        parts=True,
        var="p5_findable",
        topic="Exercise 7.8: which sources of practice text P5 a reader could find from the page alone",
        hint="For each sentence ask: does it give enough to identify one publication (authors, title, journal, year, "
             "or a DOI, PMID or address)? Lesson 07, section 3.",
        right=[["b", "f"], ["f", "b"], "b, f", ["(b)", "(f)"]],
        wrong=[["b"], ["b", "c", "f"], ["b", "e", "f"], ["c", "e"], ["a", "b", "f"]],
    ),
    MultiChoice(
        "q7_9",
        answer=["d", "e", "f"],
        options="abcdef",
        parts=True,
        var="p5_seller",
        topic="Exercise 7.9: which sentences of P5 show that the page comes from someone who sells what it recommends",
        hint="Read each sentence for who is writing and what they offer, not for what it says about sciatica.",
        right=[["d", "e", "f"], ["f", "e", "d"], "d, e, f", ["(d)", "(e)", "(f)"]],
        wrong=[["d", "e"], ["c", "d", "e", "f"], ["a", "b", "c"], ["b", "d", "e", "f"], ["f"]],
    ),
    Text(
        "q7_10",
        points=4,
        min_words=50,
        var="p5_profile",
        topic="Exercise 7.10: who is speaking in P5, what it wants, its interest, and which citations can be found",
    ),
]
