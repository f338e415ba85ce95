"""The trial the course studies, as data: each reported fact with its source, and what could not be verified.

Bronfort G, Hondras MA, Schulz CA, Evans RL, Long CR, Grimm R. Spinal manipulation and home exercise with advice
for subacute and chronic back-related leg pain: a trial with adaptive allocation. Ann Intern Med.
2014;161(6):381-391. doi:10.7326/M14-0006. PMID: 25222385.

Lessons quote numbers from here (``trial.FACTS["enrolled"].value``) instead of typing them again, so a number is
written once, next to its citation. The research notes behind each entry are in ``docs/evidence/
trial-bronfort-2014.md``. Only the paper's abstract, its registry record and its published protocol could be read
for this course; values that appear only in secondary sources are marked ``verified=False`` and must be taught as
such, or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Citation", "Fact", "CITATIONS", "FACTS", "fact", "cite", "unverified"]


@dataclass(frozen=True)
class Citation:
    key: str
    text: str  # Authors. Title. Journal. Year;vol(issue):pages. doi / PMID


@dataclass(frozen=True)
class Fact:
    key: str
    value: Any
    statement: str  # the fact in words, as a lesson may say it
    source: str  # a key of CITATIONS
    where: str  # which part of the source says it (abstract, registry, protocol ...)
    verified: bool = True
    note: str = ""


CITATIONS = {
    "bronfort2014": Citation(
        "bronfort2014",
        "Bronfort G, Hondras MA, Schulz CA, Evans RL, Long CR, Grimm R. Spinal manipulation and home exercise with "
        "advice for subacute and chronic back-related leg pain: a trial with adaptive allocation. Ann Intern Med. "
        "2014;161(6):381-391. doi:10.7326/M14-0006. PMID: 25222385.",
    ),
    "schulz2011": Citation(
        "schulz2011",
        "Schulz CA, Hondras MA, Evans RL, Gudavalli MR, Long CR, Owens EF, Wilder DG, Bronfort G. Chiropractic and "
        "self-care for back-related leg pain: design of a randomized clinical trial. Chiropr Man Therap. "
        "2011;19:8. doi:10.1186/2045-709X-19-8.",
    ),
    "nct00494065": Citation(
        "nct00494065",
        "ClinicalTrials.gov. Chiropractic and Self-care for Back-Related Leg Pain. Identifier NCT00494065. "
        "First posted 29 June 2007; last update posted 31 January 2014.",
    ),
    # --- secondary sources: their own keys, so that cite() never names the paper for a number it does not show --
    "jaoa2015": Citation(
        "jaoa2015",
        "The Somatic Connection (journal digest of Bronfort et al. 2014). J Am Osteopath Assoc. 2015;115(1):55. "
        "doi:10.7556/jaoa.2015.013. (Secondary source.)",
    ),
    "acp2014": Citation(
        "acp2014",
        "ACP Internist Weekly, 16 September 2014. https://immattersacp.org/weekly/archives/2014/09/16/4.htm "
        "(news report for physicians; secondary source).",
    ),
    "chironexus2015": Citation(
        "chironexus2015",
        "Chiro Nexus. Chiropractic provides relief for back-related leg pain. January 2015. "
        "https://www.chironexus.net/2015/01/chiropractic-provides-relief-back-related-leg-pain/ (news summary; "
        "secondary source).",
    ),
    # --- the harms of manual therapy and spinal manipulation in general (lesson 05; reused in lesson 09) --------
    "carnes2010": Citation(
        "carnes2010",
        "Carnes D, et al. Adverse events and manual therapy: a systematic "
        "review. Man Ther. 2010;15(4):355-363. doi:10.1016/j.math.2009.12.006. PMID: 20097115.",
    ),
    "nielsen2017": Citation(
        "nielsen2017",
        "Nielsen SM, Tarp S, Christensen R, Bliddal H, Klokker L, Henriksen M. The risk associated with spinal "
        "manipulation: an overview of reviews. Syst Rev. 2017;6:64. doi:10.1186/s13643-017-0458-y. PMID: 28340595.",
    ),
    "rubinstein2019": Citation(
        "rubinstein2019",
        "Rubinstein SM, de Zoete A, van Middelkoop M, Assendelft WJJ, de Boer MR, van Tulder MW. Benefits and harms "
        "of spinal manipulative therapy for the treatment of chronic low back pain: systematic review and "
        "meta-analysis of randomised controlled trials. BMJ. 2019;364:l689. doi:10.1136/bmj.l689. PMID: 30867144.",
    ),
}


def _f(key, value, statement, source="bronfort2014", where="abstract", verified=True, note=""):
    return key, Fact(key, value, statement, source, where, verified, note)


FACTS = dict(
    [
        _f("design", "controlled pragmatic trial with allocation by minimization",
           "The design was a controlled pragmatic trial with allocation by minimization."),
        _f("years", (2007, 2011), "The trial was conducted from 2007 to 2011."),
        _f("centres", 2, "It ran at 2 research centres, in Minnesota and Iowa."),
        _f("min_age", 21, "Patients were aged 21 years or older."),
        _f("min_duration_weeks", 4, "Patients had back-related leg pain for at least 4 weeks."),
        _f("treatment_weeks", 12, "Both groups had 12 weeks of treatment."),
        _f("arms", ("SMT plus HEA", "HEA alone"),
           "One group had spinal manipulative therapy (SMT) plus home exercise and advice (HEA); the other had HEA "
           "alone."),
        _f("primary_outcome", "patient-rated back-related leg pain at 12 and 52 weeks",
           "The primary outcome was patient-rated back-related leg pain at 12 and 52 weeks."),
        _f("secondary_outcomes",
           ("low back pain", "disability", "global improvement", "satisfaction", "medication use",
            "general health status"),
           "Secondary outcomes were self-reported low back pain, disability, global improvement, satisfaction, "
           "medication use and general health status, at 12 and 52 weeks."),
        _f("blinded_objective_tests_week", 12, "Blinded objective tests were done at 12 weeks."),
        _f("enrolled", 192, "192 patients were enrolled."),
        _f("followed_12", 191, "191 patients (99%) provided follow-up data at 12 weeks."),
        _f("followed_12_pct", 99, "99% of patients provided follow-up data at 12 weeks."),
        _f("followed_52", 179, "179 patients (93%) provided follow-up data at 52 weeks."),
        _f("followed_52_pct", 93, "93% of patients provided follow-up data at 52 weeks."),
        _f("diff_12", 10, "At 12 weeks, leg pain improved 10 percentage points more with SMT plus HEA than with HEA "
                          "alone."),
        _f("ci_12", (2, 19), "The 95% confidence interval of the 12-week difference was 2 to 19 percentage points."),
        _f("p_12", 0.008, "The P value of the 12-week difference was 0.008."),
        _f("diff_52", 7, "At 52 weeks, the difference was 7 percentage points."),
        _f("ci_52", (-2, 15), "The 95% confidence interval of the 52-week difference was -2 to 15 percentage points."),
        _f("p_52", 0.146, "The P value of the 52-week difference was 0.146."),
        _f("sustained_52", ("global improvement", "satisfaction", "medication use"),
           "Nearly all secondary outcomes improved more with SMT plus HEA at 12 weeks, but only global improvement, "
           "satisfaction and medication use had sustained improvements at 52 weeks."),
        _f("serious_adverse_events", 0, "No serious treatment-related adverse events or deaths occurred.",
           note="The abstract's sentence; it is not 'no adverse events': non-serious events are not reported in "
                "the abstract."),
        _f("adverse_events_any", None,
           "How many patients had non-serious adverse events (soreness, a flare-up of pain), in which group, was "
           "not reported in the abstract.", where="not in the abstract, registry record or protocol abstract",
           verified=False, note="The paper's harms reporting could not be read."),
        _f("limitation_blinding", "patients and providers could not be blinded",
           "Patients and providers could not be blinded."),
        _f("funding", "Health Resources and Services Administration, grant R18HP07638",
           "The trial was funded by the US Health Resources and Services Administration (grant R18HP07638).",
           where="article page, grant support"),
        _f("registry_id", "NCT00494065", "The trial was registered as NCT00494065."),
        _f("registry_sponsor", "Northwestern Health Sciences University",
           "The registry names Northwestern Health Sciences University as sponsor.", source="nct00494065",
           where="registry record"),
        _f("registry_masking", "Single (Outcomes Assessor)",
           "The registry records masking of the outcomes assessor only.", source="nct00494065",
           where="registry record"),
        _f("registry_allocation_label", "Randomized",
           "The registry's allocation field says 'Randomized', while the paper describes allocation by "
           "minimization.", source="nct00494065", where="registry record"),
        _f("registry_pain_threshold", "> 3 on a 0 to 10 scale",
           "The registry's eligibility requires back-related leg pain above 3 on a 0 to 10 scale.",
           source="nct00494065", where="registry record, eligibility"),
        _f("protocol_sites", ("Wolfe-Harris Center, Northwestern Health Sciences University, Bloomington, MN",
                              "Palmer Center for Chiropractic Research, Davenport, IA"),
           "The protocol names the two sites.", source="schulz2011", where="protocol"),
        # --- reported only in secondary sources: never teach these as the paper's numbers -------------------
        _f("minimization_factors",
           ("age", "duration of leg pain", "neurologic signs", "distress", "positive straight-leg raise",
            "time spent driving", "pain aggravated by coughing or sneezing"),
           "A journal digest lists the factors used in minimization.", source="jaoa2015",
           where="JAOA digest (secondary)", verified=False,
           note="Read only in a secondary digest (JAOA 2015;115:55); the paper's Methods could not be read."),
        _f("n_hea", 96, "A journal digest gives 96 patients in the HEA-alone group.", source="jaoa2015",
           where="JAOA digest (secondary)",
           verified=False, note="Secondary only."),
        _f("responders_75_12", (37, 19),
           "News reports say 37% (SMT plus HEA) and 19% (HEA) had at least 75% less leg pain at 12 weeks.",
           source="chironexus2015", where="news reports (secondary)", verified=False, note="Secondary only; the paper's tables were not read."),
        _f("outcome_scale_percent_change", None,
           "That the primary outcome was analysed as percentage change from a 0-10 baseline rating is likely but "
           "was not read in the paper.", verified=False, note="The abstract reports 'percentage points' only."),
        # lessons 03-04 ----------------------------------------------------------------------------------------
        _f("title_allocation", "a trial with adaptive allocation",
           "The paper's title calls it 'a trial with adaptive allocation'.", where="title"),
        _f("registry_qtf_categories", (2, 3, 4, 6),
           "The registry's eligibility requires back-related leg pain in Quebec Task Force category 2, 3, 4 or 6.",
           source="nct00494065", where="registry record, eligibility (read in the MedPath mirror of the record)"),
        _f("registry_medication_criterion", "stable prescription medication plan",
           "The registry's eligibility requires a stable prescription medication plan (no change in prescription "
           "medicines that affect musculoskeletal pain in the previous month).", source="nct00494065",
           where="registry record, eligibility (read in the MedPath mirror of the record)"),
        _f("registry_smt_max_visits", 20,
           "The registry plans up to 20 SMT treatments over the 12 weeks, each visit lasting 10 to 20 minutes, their "
           "number and frequency set by the individual chiropractor.", source="nct00494065",
           where="registry record, intervention description (read in the crick.ai mirror of the record)",
           note="A plan: what patients actually received is reported only in secondary sources here."),
        _f("registry_smt_visit_minutes", (10, 20), "The registry plans SMT visits of 10 to 20 minutes.",
           source="nct00494065",
           where="registry record, intervention description (read in the crick.ai mirror of the record)"),
        _f("registry_hea_sessions", 4,
           "The registry plans four 1-hour, one-on-one sessions of patient education, given by trained therapists "
           "under the supervision of licensed chiropractic clinicians.", source="nct00494065",
           where="registry record, intervention description (read in the crick.ai mirror of the record)",
           note="A plan: what patients actually received is reported only in secondary sources here."),
        _f("registry_objective_tests",
           ("continuous lumbar motion", "standing postural sway", "neuromuscular response to a sudden load",
            "straight leg raise test", "torso muscle endurance"),
           "The registry lists these biomechanical measures at 12 weeks.", source="nct00494065",
           where="registry record, outcome measures"),
        _f("protocol_design", "two-site, prospective, parallel group, observer-blinded randomized clinical trial",
           "The protocol describes a two-site, prospective, parallel group, observer-blinded randomized clinical "
           "trial.", source="schulz2011", where="protocol, abstract"),
        _f("protocol_planned_per_site", (122, 70),
           "The protocol planned to recruit 122 patients in the Twin Cities (MN) and 70 in the Quad Cities (Iowa "
           "and Illinois).", source="schulz2011", where="protocol, abstract",
           note="Planned numbers; actual enrolment per site was not verified."),
        _f("protocol_comparison", "home exercise program alone (minimal intervention comparison)",
           "The protocol calls the comparison arm a home exercise program alone, a 'minimal intervention "
           "comparison'.", source="schulz2011", where="protocol, abstract"),
        _f("pain_threshold_paper", "3 or greater on a 10-point scale",
           "A journal digest gives the paper's pain criterion as 3 or greater on a 10-point scale (the registry "
           "says above 3).", source="jaoa2015", where="JAOA digest (secondary)", verified=False,
           note="Secondary only; differs from the registry's '> 3'; the paper's Methods could not be read."),
        _f("visits_as_delivered", "SMT up to 20 visits; HEA four 1-hour visits",
           "News reports say SMT patients were allowed up to 20 visits with a chiropractor and HEA was four 1-hour "
           "visits with a chiropractor, exercise therapist or personal trainer.",
           source="acp2014", where="ACP Internist Weekly and JAOA digest (secondary)", verified=False,
           note="Secondary only; matches the registry's plan, but the paper's own description was not read."),
        _f("minimization_random_element", None,
           "Whether the trial's minimization had a random element, and with what probability, is not known here.",
           where="not in the abstract, registry record or protocol abstract", verified=False,
           note="Not found in any source read for the course."),
        # lessons 05-06 ----------------------------------------------------------------------------------------
        _f("registry_secondary_outcomes",
           ("bothersomeness", "frequency", "disability", "general health status", "fear avoidance",
            "patient satisfaction", "improvement", "medication use"),
           "The registry lists eight patient-reported secondary outcomes, each at 12 and 52 weeks.",
           source="nct00494065", where="registry record, outcome measures"),
        # harms of manual therapy in general (not this trial): lesson 05, reused in lesson 09 -------------------
        _f("harms_minor_common", (41, 22),
           "In a systematic review of manual therapy (8 prospective cohort studies and 31 RCTs), minor or moderate "
           "transient adverse events followed manual therapy in about 41% of patients in the cohort studies "
           "(95% CI 17% to 68%) and 22% in the RCTs (11.1% to 36.2%).", source="carnes2010", where="abstract"),
        _f("harms_major_rare", 0.13,
           "The same review estimated major adverse events at about 0.13%; its conclusion: 'The risk of major "
           "adverse events with manual therapy is low, but around half manual therapy patients may experience "
           "minor to moderate adverse events after treatment.'", source="carnes2010", where="abstract"),
        _f("harms_serious_estimates", ("1 in 20,000", "1 in 250,000,000"),
           "An overview of 118 reviews found 13 that estimated serious adverse events after spinal manipulation, "
           "'roughly ranging from 1 in 20,000 to 1 in 250,000,000 manipulations'; stroke, headache and vertebral "
           "artery dissection were the adverse events most often described, and the reviews were of low "
           "methodological quality.", source="nielsen2017", where="abstract"),
        _f("data_set_available", False,
           "The paper's reproducible-research statement says the data set is not available (statistical code is "
           "available from Dr. Long).", where="article page, reproducible research statement"),
    ]
)


def fact(key: str) -> Any:
    """The value of a verified fact. Asking for an unverified one raises, so a lesson cannot slip it in."""
    f = FACTS[key]
    if not f.verified:
        raise ValueError(f"trial fact {key!r} is not verified ({f.note}); teach it as unverified, via FACTS[{key!r}]")
    return f.value


def cite(key: str) -> str:
    """The full citation of a fact's source."""
    return CITATIONS[FACTS[key].source].text


def unverified() -> list[Fact]:
    """Facts that could not be read in a primary source (for a lesson's 'what we could not verify' box)."""
    return [f for f in FACTS.values() if not f.verified]
