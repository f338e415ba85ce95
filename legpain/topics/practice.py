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
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PRACTICE", "PracticeText", "show_practice", "CITATION", "ABSTRACT_FACTS", "GUIDELINE_NOTE"]

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

    def markdown(self) -> str:
        label = ("> **Constructed practice material.** Written for this course to imitate a " + self.genre +
                 ". It is not a real publication. The trial it describes is real: " + CITATION)
        return f"{label}\n\n**{self.key} — {self.title}**\n\n{self.body}"

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
}


def show_practice(key: str | None = None):
    """A practice text by key ("P1" to "P4"), the primary paper's facts with ``show_practice("paper")``, or the
    guideline to judge them against with ``show_practice("guideline")``."""
    if key is None:
        return _Md("Practice texts: " + ", ".join(f"{t.key} ({t.genre})" for t in PRACTICE.values())
                   + '; the primary paper: show_practice("paper"); the guideline: show_practice("guideline").')
    k = str(key).strip().upper()
    if k == "PAPER":
        return _Md(ABSTRACT_FACTS)
    if k == "GUIDELINE":
        return _Md(GUIDELINE_NOTE)
    if k not in PRACTICE:
        raise KeyError(f"no practice text {key!r}; the keys are {', '.join(PRACTICE)}, 'paper' and 'guideline'")
    return PRACTICE[k]


class _Md(str):
    def _repr_markdown_(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return str(self)
