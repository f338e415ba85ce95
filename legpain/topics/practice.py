"""Practice texts on unseen material: a news item, a clinic page, an AI-style summary and a short abstract about a
trial the lessons never judge, written for the course and labelled as constructed practice material.

The trial behind them is real and was checked against its published abstract (PubMed record):

    Mathieson S, Maher CG, McLachlan AJ, Latimer J, Koes BW, Hancock MJ, Harris I, Day RO, Billot L, Pik J, Jan S,
    Lin C-WC. Trial of pregabalin for acute and chronic sciatica. N Engl J Med. 2017;376(12):1111-1120.
    doi:10.1056/NEJMoa1614292. PMID: 28328324. Registry: ACTRN12613000530729 (the PRECISE trial).

Facts used (all from the abstract): randomized, double-blind, placebo-controlled; pregabalin 150 mg per day adjusted
to at most 600 mg per day, or matching placebo, for up to 8 weeks; 209 patients randomized (108 pregabalin, 101
placebo), 2 pregabalin patients excluded after randomization as ineligible; primary outcome leg-pain intensity on a
0-10 scale at week 8: mean 3.7 (pregabalin) vs 3.1 (placebo), adjusted mean difference 0.5 (95% CI -0.2 to 1.2;
P = 0.19); week 52: 3.4 vs 3.0, 0.3 (95% CI -0.5 to 1.0; P = 0.46); no significant difference in any secondary
outcome at week 8 or 52; 227 adverse events with pregabalin vs 124 with placebo; dizziness more common with
pregabalin. The registry number is from the trial's ANZCTR listing.

The guideline note (``show_practice("guideline")``) gives NICE NG59 as updated on 11 December 2020: NICE recommends
against gabapentinoids (gabapentin, pregabalin) for sciatica. Its rationale is quoted from NICE's own page; the dates
from a copy of the guideline; that the manual-therapy advice was unchanged from the Institute of Osteopathy's news
item (see docs/evidence/practice-pregabalin-2017.md).

The clinic in text P2 is invented. Nothing here is a real article, page or tool output; each text imitates a genre
so that students can practise the operations of lessons 07-09 on a case the course has not judged for them.

Issue 26 added three longer texts (300-500 words, numbered sentences, flaws not marked), one for each of lessons 07,
08 and 09: P5 (a clinic's "guide" to sciatica, for lesson 07: who is speaking, interests, citations), P6 (a news
item on a second real trial, for lesson 08: verdicts sentence by sentence) and P7 (an AI-style summary of PRECISE and
NICE NG59, for lesson 09). The second trial, behind P5 and P6, was checked against its abstract as published on the
Kaiser Permanente Division of Research page and the JAMA article page (docs/evidence/practice-pregabalin-2017.md,
"Issue 26"):

    Goldberg H, Firtch W, Tyburski M, Pressman A, Ackerson L, Hamilton L, Smith W, Carver R, Maratukulam A, Won LA,
    Carragee E, Avins AL. Oral steroids for acute radiculopathy due to a herniated lumbar disk: a randomized clinical
    trial. JAMA. 2015;313(19):1915-1923. doi:10.1001/jama.2015.4468. (PMID not checked for this course.)

P5 also quotes the BMJ clinical update of Jensen RK, Kongsted A, Kjaer P, Koes B (BMJ 2019;367:l6273,
doi:10.1136/bmj.l6273) word for word. The clinic, its director and the news outlet of P5 and P6 are invented.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PRACTICE", "PracticeText", "show_practice", "CITATION", "ABSTRACT_FACTS", "GUIDELINE_NOTE",
           "PREDNISONE_CITATION", "PREDNISONE_FACTS", "sentences"]

CITATION = (
    "Mathieson S, Maher CG, McLachlan AJ, et al. Trial of pregabalin for acute and chronic sciatica. "
    "N Engl J Med. 2017;376(12):1111-1120. doi:10.1056/NEJMoa1614292. PMID: 28328324."
)

# What the primary paper's abstract says, for students to trace claims to (a summary in the course's words).
ABSTRACT_FACTS = """\
**The primary paper, in brief (from its published abstract)** — {citation}

- Design: randomized, double-blind, placebo-controlled trial in patients with sciatica.
- Treatment: pregabalin, 150 mg per day adjusted up to 600 mg per day, or a matching placebo, for up to 8 weeks.
- Patients: 209 randomized, 108 to pregabalin and 101 to placebo; 2 pregabalin patients were found ineligible after
  randomization and excluded from the analyses.
- Primary outcome: leg-pain intensity on a 0–10 scale (0 = no pain) at week 8; also measured at week 52.
- Week 8: mean leg pain 3.7 with pregabalin, 3.1 with placebo; adjusted mean difference 0.5 (95% confidence interval
  −0.2 to 1.2; P = 0.19).
- Week 52: 3.4 with pregabalin, 3.0 with placebo; adjusted mean difference 0.3 (95% CI −0.5 to 1.0; P = 0.46).
- Secondary outcomes (disability, back pain, quality of life): no significant difference between the groups at week 8
  or week 52.
- Harms: 227 adverse events were reported in the pregabalin group and 124 in the placebo group; dizziness was more
  common with pregabalin.
""".format(citation=CITATION)


PREDNISONE_CITATION = (
    "Goldberg H, Firtch W, Tyburski M, et al. Oral steroids for acute radiculopathy due to a herniated lumbar disk: a "
    "randomized clinical trial. JAMA. 2015;313(19):1915-1923. doi:10.1001/jama.2015.4468."
)

# What the second trial's abstract says (practice texts P5 and P6), in the course's words; numbers as published.
PREDNISONE_FACTS = """\
**The primary paper, in brief (from its published abstract)** — {citation}

- Design: randomized, double-blind, placebo-controlled trial, 2008 to 2013, in a large integrated health care system in
  Northern California (Kaiser Permanente Northern California, in the authors' affiliations).
- Patients: 269 adults with radicular (nerve-root) leg pain for 3 months or less, a herniated disc confirmed by MRI, and
  a score of 30 or more on the Oswestry Disability Index (ODI: a disability questionnaire scored 0 to 100, higher
  scores meaning greater disability).
- Treatment: randomly assigned in a 2:1 ratio to a tapering 15-day course of oral prednisone (5 days each of 60 mg,
  40 mg and 20 mg; n = 181) or matching placebo (n = 88).
- Primary outcome: the change in ODI at 3 weeks. Secondary outcomes: ODI change at 1 year, change in leg pain (0 to 10,
  higher meaning more pain), spine surgery, and the SF-36 physical and mental summary scores.
- ODI, observed means: prednisone 51.2 at baseline and 32.2 at 3 weeks; placebo 51.1 and 37.5.
- ODI, difference between the groups: 6.4 points greater improvement with prednisone at 3 weeks (95% CI 1.9 to 10.9;
  P = .006), and 7.4 points at 52 weeks (95% CI 2.2 to 12.5; P = .005).
- Leg pain, difference between the groups: 0.3 points greater reduction with prednisone at 3 weeks (95% CI −0.4 to
  1.0; P = .34), and 0.6 points at 52 weeks (95% CI −0.2 to 1.3; P = .15).
- Not checked in the abstract for this course, so not used as a fact here: the results for spine surgery and for side
  effects (secondary summaries report no difference in surgery and more side effects with prednisone at 3 weeks).
""".format(citation=PREDNISONE_CITATION)


# A guideline to judge the practice texts against (the 2020 update of NICE NG59), in the course's words and NICE's.
GUIDELINE_NOTE = """\
**A guideline to judge the practice texts against** — National Institute for Health and Care Excellence. Low back pain
and sciatica in over 16s: assessment and management. NICE guideline NG59. Published 30 November 2016, last updated
11 December 2020. https://www.nice.org.uk/guidance/ng59

- The 2020 update added advice on medicines for sciatica. NICE recommends against gabapentinoids (gabapentin and
  pregabalin) for sciatica. Its committee's reasons, in NICE's words: "The evidence showed that gabapentinoids did not
  improve sciatica symptoms, and oral corticosteroids did not improve pain or function, but may have an impact on
  quality of life. Both increased the risk of adverse events in the long-term." and "the committee agreed to recommend
  against the use of gabapentinoids, oral corticosteroids and benzodiazepines for sciatica."
  (https://www.nice.org.uk/researchrecommendation/pharmacological-therapies-what-is-the-clinical-and-cost-effectiveness-of-antidepressants-for-the-management-of-sciatica)
- The update did not change the guideline's advice on manual therapy.
- A guideline is a judgement on a whole body of evidence, made by a named committee, and it can change: check the date
  and the current version before you rely on it.
"""


@dataclass(frozen=True)
class PracticeText:
    key: str
    genre: str
    title: str
    body: str
    trial: str = CITATION  # the real trial the text describes
    byline: str = ""  # as the imitated page shows it (invented names only)

    def markdown(self) -> str:
        label = ("> **Constructed practice material.** Written for this course to imitate a " + self.genre +
                 ". It is not a real publication. The trial it describes is real: " + self.trial)
        byline = f"*{self.byline}*\n\n" if self.byline else ""
        return f"{label}\n\n**{self.key} — {self.title}**\n\n{byline}{self.body}"

    @property
    def words(self) -> int:
        return len(self.body.split())

    def _repr_markdown_(self) -> str:
        return self.markdown()

    def __repr__(self) -> str:
        return self.markdown()


PRACTICE = {
    "P1": PracticeText(
        "P1", "short news item", "Nerve-pain pill eases sciatica, study finds",
        "(1) A nerve-pain medicine, pregabalin, eased leg pain in people with sciatica, according to a study of 209 "
        "patients in Sydney published in a leading medical journal. (2) After taking the drug for eight weeks, "
        "patients rated their leg pain at just 3.1 out of 10, the researchers reported. (3) \"Sciatica can be "
        "disabling, and there are few treatments that work,\" one pain specialist said. (4) The medicine is already "
        "widely prescribed for nerve pain.",
    ),
    "P2": PracticeText(
        "P2", "clinic web page", "Fast relief from sciatica at the (fictional) Harbourside Nerve Pain Clinic",
        "(1) Sciatica is nerve pain, and nerve pain needs a nerve-pain medicine. (2) Our doctors prescribe "
        "pregabalin, a proven treatment that targets sciatica at its source. (3) Research backs this up: see the "
        "2017 sciatica study. (4) Most of our patients feel the difference within weeks. (5) Book your first "
        "consultation online today — appointments are available this week.",
    ),
    "P3": PracticeText(
        "P3", "summary produced by an AI research assistant", "Does pregabalin help sciatica?",
        "(1) The PRECISE trial (Mathieson et al., N Engl J Med 2017) randomised 209 adults with sciatica to "
        "pregabalin or placebo for up to 8 weeks. (2) Pregabalin reduced leg pain by 0.5 points more than placebo "
        "at week 8 (95% CI −0.2 to 1.2), a statistically significant benefit. (3) The benefit was maintained at one "
        "year. (4) Side effects were mild and similar in the two groups. (5) Pregabalin is therefore a reasonable "
        "first choice for sciatica.",
    ),
    "P4": PracticeText(
        "P4", "short trial abstract, shortened on purpose so that some reporting items are missing",
        "Pregabalin for sciatica: a trial",
        "(1) Objective: to find out whether pregabalin reduces leg pain in sciatica. (2) Methods: adults with "
        "sciatica received pregabalin (150 to 600 mg per day) or a matching placebo for up to 8 weeks, "
        "double-blind. (3) The primary outcome was leg-pain intensity (0–10) at week 8. "
        "(4) Results: at week 8, the adjusted mean difference was 0.5 points (95% CI −0.2 to 1.2; P = 0.19). "
        "(5) Conclusion: pregabalin did not reduce leg pain compared with placebo.",
    ),
    # issue 26: longer texts, one per appraisal lesson, flaws not marked
    "P5": PracticeText(
        "P5", "page of health information on a clinic's website", "Sciatica: what the evidence says",
        "(1) Sciatica is pain that runs from the lower back down one leg, usually because a bulging or herniated disc "
        "irritates a nerve root. (2) It is common, and it can stop you working, driving and sleeping. (3) Many doctors "
        "still prescribe a course of steroid tablets first. (4) Yet a trial by Goldberg and colleagues, \"Oral steroids "
        "for acute radiculopathy due to a herniated lumbar disk\", published in JAMA in 2015, found that steroid "
        "tablets did not reduce leg pain more than dummy tablets. (5) A 2019 study from a leading spine centre found "
        "that nine out of ten patients were pain-free after a single epidural injection. (6) An injection delivers the "
        "medicine exactly where the nerve is inflamed, which is why it works when tablets do not. (7) International "
        "guidelines now recommend injections for sciatica.\n\n"
        "(8) Most people with sciatica do get better with time: a review by Jensen and colleagues in the BMJ in 2019 "
        "says that \"most patients improve over time with conservative treatment including exercise, manual therapy, "
        "and pain management\". (9) But the same people often spend weeks in pain, lose sleep and miss work while "
        "they wait. (10) Why wait, when relief can start this week? (11) Ask yourself how long your pain has lasted, "
        "whether it is getting better, and what it stops you doing. (12) If the answers worry you, do not put off "
        "getting help: pain that lasts can change how you move, sleep and feel.\n\n"
        "(13) At our centre, every injection is guided by live X-ray, a specialist nurse stays with you, and most "
        "patients go home within the hour. (14) We see patients from across the region, usually within a few days. "
        "(15) Same-week appointments are available: book online or call our team.\n\n"
        "(16) About the author: Dr Sam Carter is a spine physician with twenty years of experience and the medical "
        "director of the Northbridge Spine & Pain Centre (both invented for this course).",
        trial=PREDNISONE_CITATION,
        byline="Written by Dr Sam Carter · Reviewed for accuracy by our clinical team · 6-minute read",
    ),
    "P6": PracticeText(
        "P6", "news article", "Steroid pills ease sciatica, large study finds",
        "(1) A short course of steroid pills helps people with sciatica get back to their daily lives, according to a "
        "study published in JAMA, a leading US medical journal. (2) Researchers in Northern California enrolled 269 "
        "adults whose leg pain had begun within the previous three months and whose scans showed a herniated disc. "
        "(3) Two in three of them took a 15-day tapering course of prednisone, a steroid, and the rest took identical "
        "dummy pills; neither the patients nor the researchers knew who had which. (4) The researchers measured "
        "disability with the Oswestry Disability Index, a questionnaire scored from 0 to 100 on which a higher score "
        "means greater disability.\n\n"
        "(5) After three weeks, the prednisone group's disability score had improved by 19 points more than the "
        "placebo group's. (6) The pills relieved leg pain as well: on the pain scale, the steroid group did "
        "significantly better than the placebo group. (7) The benefit did not last, however: a year later the two "
        "groups were doing about the same. (8) Even so, the results are good news for the many people who wait weeks "
        "for a specialist appointment.\n\n"
        "(9) \"Steroid packs are also the cheapest option a family doctor can offer,\" said a spokesperson for a "
        "national pharmacy chain (invented for this course), which sells them on prescription. (10) The study's "
        "message is simple: anyone with back pain can now ask their doctor for a steroid pack. (11) Patients who want "
        "to know more should read the full report and talk to their own doctor about whether steroids suit them.\n\n"
        "(12) Sciatica, pain that travels from the back down the leg, affects many adults at some point in their "
        "lives, and most episodes settle with time. (13) Trials like this one matter because many treatments for it "
        "were adopted long before anyone tested them against a placebo. (14) The study ran from 2008 to 2013.",
        trial=PREDNISONE_CITATION,
        byline="The (invented) Daily Health Bulletin · Health news",
    ),
    "P7": PracticeText(
        "P7", "summary produced by an AI research assistant, with sources listed at the end",
        "Pregabalin for sciatica: what does the evidence show?",
        "(1) Pregabalin is a medicine for nerve pain, and sciatica is often described as nerve pain, so it is widely "
        "prescribed for it. (2) The PRECISE trial (Mathieson et al., N Engl J Med 2017) randomised 209 people with "
        "sciatica to pregabalin or a matching placebo for up to 8 weeks. (3) Neither patients nor researchers knew "
        "who received which treatment. (4) The primary outcome was leg-pain intensity on a 0–10 scale at week 8, and "
        "patients were followed up to week 52. (5) Two patients in the pregabalin group were excluded after "
        "randomisation because they were found to be ineligible.\n\n"
        "(6) At week 8, mean leg pain was 3.1 in the pregabalin group and 3.7 in the placebo group. (7) This "
        "difference was statistically significant (P = 0.019). (8) At week 52 the adjusted mean difference was 0.3 "
        "points (95% CI −0.5 to 1.0). (9) Pregabalin therefore offers lasting relief for sciatica. (10) Adverse events "
        "were about as common with pregabalin as with placebo. (11) Dizziness was reported more often in the "
        "pregabalin group. (12) Most patients in the trial said they would take pregabalin again.\n\n"
        "(13) In its 2020 update of guideline NG59, NICE (the UK's National Institute for Health and Care Excellence) "
        "recommends pregabalin as a first-line treatment for sciatica. "
        "(14) Disability, back pain and quality of life were also measured as secondary outcomes. (15) More research "
        "is needed to identify which patients benefit most.\n\n"
        "(16) Sources: Mathieson S et al. Trial of pregabalin for acute and chronic sciatica. N Engl J Med. "
        "2017;376(12):1111-1120. National Institute for Health and Care Excellence. Low back pain and sciatica in "
        "over 16s: assessment and management (NG59), updated 2020.\n\n"
        "(17) In summary, pregabalin is an effective and well-tolerated option for most people with sciatica, and a "
        "trial of it is reasonable before more invasive treatments are considered.",
        byline="Generated answer · 2 sources",
    ),
}


def show_practice(key: str | None = None):
    """A practice text by key ("P1" to "P7"), the PRECISE trial's facts with ``show_practice("paper")``, the steroid
    trial's (texts P5 and P6) with ``show_practice("prednisone")``, or the guideline to judge them against with
    ``show_practice("guideline")``."""
    if key is None:
        return _Md("Practice texts: " + ", ".join(f"{t.key} ({t.genre})" for t in PRACTICE.values())
                   + '; the primary papers: show_practice("paper") (pregabalin, P1-P4 and P7) and '
                     'show_practice("prednisone") (P5 and P6); the guideline: show_practice("guideline").')
    k = str(key).strip().upper()
    if k == "PAPER":
        return _Md(ABSTRACT_FACTS)
    if k == "PREDNISONE":
        return _Md(PREDNISONE_FACTS)
    if k == "GUIDELINE":
        return _Md(GUIDELINE_NOTE)
    if k not in PRACTICE:
        raise KeyError(f"no practice text {key!r}; the keys are {', '.join(PRACTICE)}, 'paper', 'prednisone' and "
                       "'guideline'")
    return PRACTICE[k]


class _Md(str):
    def _repr_markdown_(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return str(self)


def sentences(key: str) -> dict[int, str]:
    """A practice text's numbered sentences: {1: "Sciatica is pain ...", ...} (for tests and rubrics)."""
    import re

    body = PRACTICE[str(key).upper()].body
    parts = re.split(r"\((\d+)\)\s+", body)
    return {int(n): text.strip() for n, text in zip(parts[1::2], parts[2::2])}
