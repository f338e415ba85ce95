"""The appraisal instruments of lesson 09 as data, each with the version the course uses, and their demos:
DISCERN, HealthNewsReview.org, CONSORT 2010 items, GRADE (with its ladder), OCEBM 2011, CASP, harms and a
scrutiny checklist."""

from __future__ import annotations

import html

from ...ui.figures import new_figure
from .styles import HTML, YOUR_RATING


__all__ = [
    "grade_ladder", "DISCERN_QUESTIONS", "discern_sliders", "discern_profile", "HNR_CRITERIA", "CONSORT_ITEMS",
    "ROB2_DOMAINS", "GRADE_LEVELS", "GRADE_DOWN", "GRADE_UP", "OCEBM_TREATMENT", "instrument_table", "hnr_menus",
    "hnr_profile", "HNR_RATINGS", "CASP_RCT", "CASP_VERSION", "HARMS_QUESTIONS", "SMT_HARMS", "SCRUTINY",
    "scrutiny_table", "ocebm_level", "OCEBM_DESIGNS",
]


DISCERN_QUESTIONS = [
    "Are the aims clear?",
    "Does it achieve its aims?",
    "Is it relevant?",
    "Is it clear what sources of information were used to compile the publication (other than the author or "
    "producer)?",
    "Is it clear when the information used or reported in the publication was produced?",
    "Is it balanced and unbiased?",
    "Does it provide details of additional sources of support and information?",
    "Does it refer to areas of uncertainty?",
    "Does it describe how each treatment works?",
    "Does it describe the benefits of each treatment?",
    "Does it describe the risks of each treatment?",
    "Does it describe what would happen if no treatment is used?",
    "Does it describe how treatment choices affect overall quality of life?",
    "Is it clear that there may be more than one possible treatment choice?",
    "Does it provide support for shared decision-making?",
    "Based on the answers to all of the above questions, rate the overall quality of the publication as a source "
    "of information about treatment choices",
]
DISCERN_SHORT = ["aims clear", "achieves aims", "relevant", "sources clear", "date clear", "balanced",
                 "further support", "uncertainty", "how it works", "benefits", "risks", "no treatment",
                 "quality of life", "other choices", "shared decisions", "OVERALL"]


def discern_sliders(start: int = 3) -> dict:
    """One 1–5 slider per DISCERN question (q1..q16), labelled with the question's short name."""
    from ...ui.demos import int_slider

    return {f"q{i + 1}": int_slider(f"Q{i + 1} {DISCERN_SHORT[i]}", 1, 5, start) for i in range(16)}


def discern_profile(document: str = "001", **scores):
    """A DISCERN profile: the 15 key questions and the overall rating (q1..q16, each 1–5) as horizontal bars.

    Questions 1–8 ask whether the publication is reliable, 9–15 about its information on treatment choices.
    """
    def read(document, scores):
        key = str(document).zfill(3)
        vals = []
        for i in range(16):
            v = scores.get(f"q{i + 1}", 3)
            if not 1 <= v <= 5:
                raise ValueError("DISCERN scores run from 1 (no) to 5 (yes)")
            vals.append(v)
        total = sum(vals[:15])
        alt = (f"Horizontal bars of DISCERN scores for document {key}: 15 key questions and an overall rating, "
               f"each from 1 to 5, key-question total {total} of 75.")
        title = f"DISCERN profile of document {key}: key questions total {total} of 75, overall {vals[15]} of 5"
        return vals, alt, title

    vals, alt, title = read(document, scores)
    fig, ax = new_figure(alt=alt, figsize=(8.0, 4.9))  # 84 dpi under 16 sliders: text >= 10 px
    colours = [YOUR_RATING] * 16
    hatches = [""] * 8 + ["//"] * 7 + ["xx"]
    labels = [f"Q{i + 1} {DISCERN_SHORT[i]}" for i in range(16)]
    bars = ax.barh(labels, vals, color=colours, edgecolor="#333333", linewidth=0.6)
    numbers = []
    for b, h, v in zip(bars, hatches, vals):
        b.set_hatch(h)
        numbers.append(ax.text(v + 0.05, b.get_y() + b.get_height() / 2, str(v), va="center", fontsize=9))
    ax.invert_yaxis()
    ax.set_xlim(0, 5.6)
    ax.set_xticks([1, 2, 3, 4, 5], ["1 no", "2", "3 partly", "4", "5 yes"])
    ax.axhline(7.5, color="#666666", linewidth=0.8)
    ax.axhline(14.5, color="#666666", linewidth=0.8)
    # the section names stand right of the plot, where no bar (at most 5, with its number) can reach them
    side = ax.get_yaxis_transform()  # x in axes fraction, y in data
    ax.text(1.02, 3.5, "reliability\n(Q1–8)", transform=side, ha="left", va="center", fontsize=9, color="#333333")
    ax.text(1.02, 11, "treatment\nchoices\n(Q9–15)", transform=side, ha="left", va="center", fontsize=9,
            color="#333333")
    ax.set_xlabel("Your score (1 = definite no, 5 = definite yes)")
    ax.set_ylabel("DISCERN question")
    ax.set_title(title, fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)

    def update(document="001", **new_scores):
        """Resize the bars and rewrite their numbers and the title in place (a live demo's fast path)."""
        new_vals, fig.alt, new_title = read(document, new_scores)
        for b, number, v in zip(bars, numbers, new_vals):
            b.set_width(v)
            number.set_x(v + 0.05)
            number.set_text(str(v))
        ax.set_title(new_title, fontsize=11)
        return True

    fig.legpain_update = update
    fig.legpain_animated = [*bars, *numbers, ax.title]
    return fig


# HealthNewsReview.org, "Our review criteria" for news stories (10 criteria). Reviews stopped in December 2018.
HNR_CRITERIA = [
    ("Costs", "Does the story adequately discuss the costs of the intervention?"),
    ("Benefits", "Does the story adequately quantify the benefits of the intervention?"),
    ("Harms", "Does the story adequately explain/quantify the harms of the intervention?"),
    ("Evidence", "Does the story seem to grasp the quality of the evidence?"),
    ("Disease-mongering", "Does the story commit disease-mongering?"),
    ("Sources", "Does the story use independent sources and identify conflicts of interest?"),
    ("Alternatives", "Does the story compare the new approach with existing alternatives?"),
    ("Availability", "Does the story establish the availability of the treatment/test/product/procedure?"),
    ("Novelty", "Does the story establish the true novelty of the approach?"),
    ("News release", "Does the story appear to rely solely or largely on a news release?"),
]

HNR_RATINGS = ["satisfactory", "unsatisfactory", "not applicable"]


def hnr_menus(start: str = "unsatisfactory") -> dict:
    """One drop-down per HealthNewsReview.org criterion (c1..c10): satisfactory, unsatisfactory, not applicable."""
    from ...ui.demos import menu

    return {f"c{i + 1}": menu(f"{i + 1}. {name}", HNR_RATINGS, value=start) for i, (name, _q) in
            enumerate(HNR_CRITERIA)}


def hnr_profile(document: str = "002", **ratings):
    """Your HealthNewsReview.org ratings of a story (c1..c10) as a chart, with the count of satisfactory criteria.

    For criteria 5 (disease-mongering) and 10 (reliance on a news release), 'satisfactory' means the story avoided
    the fault. The figure can update in place (``fig.legpain_update``): a live demo redraws only the markers, the
    words and the title.
    """
    def read(document, ratings):
        key = str(document).zfill(3)
        vals = []
        for i in range(10):
            v = ratings.get(f"c{i + 1}", "unsatisfactory")
            if v not in HNR_RATINGS:
                raise ValueError(f"each criterion is rated one of {HNR_RATINGS}")
            vals.append(v)
        n_sat = vals.count("satisfactory")
        n_app = 10 - vals.count("not applicable")
        alt = (f"Chart of your HealthNewsReview.org ratings of document {key}: {n_sat} of {n_app} applicable "
               f"criteria rated satisfactory.")
        title = (f"HealthNewsReview.org criteria, document {key}\n{n_sat} of {n_app} applicable criteria "
                 "rated satisfactory")
        return vals, alt, title

    vals, alt, title = read(document, ratings)
    look = {"satisfactory": (YOUR_RATING, "o"), "unsatisfactory": ("#ffffff", "X"), "not applicable": ("#eeeeee", "s")}
    fig, ax = new_figure(alt=alt, figsize=(6.4, 4.6))
    # one marker collection per rating, holding the rows rated so (empty when none is)
    markers = {}
    for rating, (colour, marker) in look.items():
        rows = [i for i, v in enumerate(vals) if v == rating]
        markers[rating] = ax.scatter([0] * len(rows), rows, s=160, marker=marker, color=colour,
                                     edgecolors="#333333", zorder=3)
    words = [ax.text(0.08, i, v, va="center", fontsize=10) for i, v in enumerate(vals)]
    ax.set_yticks(range(10), [f"{i + 1}. {name}" for i, (name, _q) in enumerate(HNR_CRITERIA)])
    ax.set_ylim(9.6, -0.6)
    ax.set_xlim(-0.1, 1.0)
    ax.set_xticks([])
    ax.set_ylabel("Criterion")
    ax.set_title(title, fontsize=11)
    ax.spines[["top", "right", "bottom"]].set_visible(False)

    def update(document="002", **new_ratings):
        """Move each row's marker to its rating's collection and rewrite the words and the title in place."""
        import numpy as np

        new_vals, fig.alt, new_title = read(document, new_ratings)
        for rating, collection in markers.items():
            rows = [i for i, v in enumerate(new_vals) if v == rating]
            collection.set_offsets(np.column_stack([[0] * len(rows), rows]) if rows else np.empty((0, 2)))
        for text, v in zip(words, new_vals):
            text.set_text(v)
        ax.set_title(new_title, fontsize=11)
        return True

    fig.legpain_update = update
    fig.legpain_animated = [*markers.values(), *words, ax.title]
    return fig


# CONSORT 2010 items (wording of the 2010 checklist) that a reader can check against the trial's abstract/registry.
CONSORT_ITEMS = [
    ("1a", "Identification as a randomised trial in the title"),
    ("4a", "Eligibility criteria for participants"),
    ("5", "The interventions for each group with sufficient details to allow replication, including how and when "
          "they were actually administered"),
    ("6a", "Completely defined pre-specified primary and secondary outcome measures, including how and when they "
           "were assessed"),
    ("8b", "Type of randomisation; details of any restriction (such as blocking and block size)"),
    ("11a", "If done, who was blinded after assignment to interventions (for example, participants, care "
            "providers, those assessing outcomes) and how"),
    ("17a", "For each primary and secondary outcome, results for each group, and the estimated effect size and its "
            "precision (such as 95% confidence interval)"),
    ("19", "All important harms or unintended effects in each group"),
    ("20", "Trial limitations, addressing sources of potential bias, imprecision, and, if relevant, multiplicity of "
           "analyses"),
    ("23", "Registration number and name of trial registry"),
]

ROB2_DOMAINS = [
    ("D1", "Bias arising from the randomization process"),
    ("D2", "Bias due to deviations from intended interventions"),
    ("D3", "Bias due to missing outcome data"),
    ("D4", "Bias in measurement of the outcome"),
    ("D5", "Bias in selection of the reported result"),
]

# The 2008 wording of the four levels (Guyatt et al. BMJ 2008;336:924, as reproduced in GRADE summary tables).
# Balshem et al. 2011 reworded them as confidence that the true effect lies close to the estimate (e.g. high: "We
# are very confident that the true effect lies close to that of the estimate of the effect").
GRADE_LEVELS = [
    ("High", "Further research is very unlikely to change our confidence in the estimate of effect."),
    ("Moderate", "Further research is likely to have an important impact on our confidence in the estimate of effect "
                 "and may change the estimate."),
    ("Low", "Further research is very likely to have an important impact on our confidence in the estimate of "
            "effect and is likely to change the estimate."),
    ("Very low", "Any estimate of effect is very uncertain."),
]
GRADE_DOWN = ["risk of bias (limitations in design and conduct)", "indirectness", "inconsistency",
              "imprecision (wide confidence intervals)", "publication bias"]
GRADE_UP = ["large magnitude of effect", "all plausible confounding would reduce the effect (or suggest a spurious "
            "one when there is none)", "dose-response gradient"]

# OCEBM 2011 Levels of Evidence, question "Does this intervention help? (Treatment benefits)", all five levels
# (Howick et al. 2011; wording as in the table reproduced by Br J Sports Med; the table's daggers are left out).
OCEBM_TREATMENT = [
    ("Level 1", "Systematic review of randomised trials or n-of-1 trials"),
    ("Level 2", "Randomised trial or observational study with dramatic effect"),
    ("Level 3", "Non-randomised controlled cohort/follow-up study"),
    ("Level 4", "Case series, case-control studies or historically controlled studies"),
    ("Level 5", "Mechanism-based reasoning"),
]
# A design named in words -> its OCEBM 2011 level for treatment benefits (what ocebm_level() accepts).
OCEBM_DESIGNS = {
    "systematic review of randomised trials": 1, "n-of-1 trial": 1,
    "randomised trial": 2, "observational study with dramatic effect": 2,
    "non-randomised controlled cohort": 3, "follow-up study": 3,
    "case series": 4, "case-control study": 4, "historically controlled study": 4,
    "mechanism-based reasoning": 5,
}


def ocebm_level(design: str) -> int:
    """The OCEBM 2011 level (1-5) of a design for "Does this intervention help?", e.g. 'randomised trial' -> 2.

    Spelling is forgiving ('randomized', capitals, hyphens, a plural 's'). A design the table does not list (an
    anecdote, an opinion) raises ValueError: the table has no level for it, which is itself the answer.
    """
    key = " ".join(str(design).lower().replace("randomized", "randomised").replace("-", " ").split())
    table = {" ".join(k.replace("-", " ").split()): v for k, v in OCEBM_DESIGNS.items()}
    for cand in (key, key.rstrip("s"), key[:-3] + "y" if key.endswith("ies") else key):
        if cand in table:
            return table[cand]
    raise ValueError(f"{design!r} is not a design on the OCEBM 2011 treatment-benefit row; it lists: "
                     + ", ".join(OCEBM_DESIGNS))


# CASP Randomised Controlled Trial Checklist: 11 questions, most answered yes / no / can't tell (7 and 8 ask how
# large and how precise the effect was), with no score. The
# wording below is the 11-question version cited as "Critical Appraisal Skills Programme (2018)", as reproduced in a
# published appraisal table (Brain Sci 2020, PMC7600451; questions 7 and 8 from that table's note). CASP's 2020
# "Standard Checklist" keeps 11 questions in four sections (A-D) and was updated for CONSORT 2010; the 2024 form (seen
# in a copy) rewords question 1 ("Did the study address a clearly formulated research question?") and splits the
# blinding question into parts, 4(a) asking "Were the participants 'blind' to intervention they were given?". The
# course did not read the 2020 or 2024 forms in full: say which version you use, and download the current form from
# casp-uk.net.
CASP_VERSION = "CASP RCT Checklist, 11 questions (2018 wording); later forms: 2020 Standard Checklist, 2024 rewording"
CASP_RCT = [
    ("1", "Did the trial address a clearly focused issue?"),
    ("2", "Was the assignment of patients to treatments randomised?"),
    ("3", "Were all of the patients who entered the trial properly accounted for at its conclusion?"),
    ("4", "Were patients, health workers and study personnel 'blind' to treatment?"),
    ("5", "Were the groups similar at the start of the trial?"),
    ("6", "Aside from the experimental intervention, were the groups treated equally?"),
    ("7", "How large was the treatment effect?"),
    ("8", "How precise was the estimate of the treatment effect?"),
    ("9", "Can the results be applied to the local population, or in your context?"),
    ("10", "Were all clinically important outcomes considered?"),
    ("11", "Are the benefits worth the harms and costs?"),
]

# How a text handles harms: the course's questions, built on HealthNewsReview.org criterion 3 and DISCERN Q11.
HARMS_QUESTIONS = [
    ("H1", "Does it mention harms at all (HealthNewsReview.org criterion 3; DISCERN question 11)?"),
    ("H2", "Does it say how often harms happen, in numbers, and how bad they are (mild and passing, or serious)?"),
    ("H3", "Does it give the rare serious harms as well as the common mild ones?"),
    ("H4", "Does it compare the harms with those of the alternatives, including doing nothing?"),
    ("H5", "Does it say where its harm figures come from (which studies, which patients)?"),
    ("H6", "Does it avoid turning 'no serious adverse events in one trial' into 'safe'?"),
]
# The benchmark a reader needs for spinal manipulation (see docs/evidence/claims-research.md, "Harms").
SMT_HARMS = [
    ("Bronfort et al. 2014 (the course's trial), abstract",
     "\"No serious treatment-related adverse events or deaths occurred.\" That is not \"no adverse events\": "
     "one trial of 192 patients cannot rule out rare serious harms."),
    ("Carnes et al. 2010, systematic review of manual therapy (Man Ther 15(4):355-363, "
     "doi:10.1016/j.math.2009.12.006, PMID 20097115); from a review funded by the General Osteopathic Council, "
     "the UK regulator of osteopaths, and done with the European School of Osteopathy",
     "Minor or moderate transient adverse events after manual therapy: about 41% (95% CI 17% to 68%) in cohort "
     "studies and 22% (95% CI 11.1% to 36.2%) in randomised trials; major adverse events about 0.13%."),
    ("Paige et al. 2017, systematic review, acute low back pain (JAMA 317(14):1451-1460, "
     "doi:10.1001/jama.2017.3086, PMID 28399251); two of its ten authors are chiropractors (DC)",
     "Spinal manipulation \"was associated with modest improvements in pain and function and with transient "
     "minor musculoskeletal harms\": minor harms, not no harms."),
    ("Nielsen et al. 2017, overview of 118 reviews (Syst Rev 6:64, doi:10.1186/s13643-017-0458-y, PMID 28340595)",
     "Thirteen reviews gave incidence estimates for serious adverse events, roughly from 1 in 20,000 to 1 in "
     "250,000,000 manipulations; the reviews were of low methodological quality (median 4 of 11 AMSTAR items)."),
]

# The same questions asked of both trials the documents rely on (lesson 09, section 5): balance in the scrutiny.
SCRUTINY = [
    ("Design", "Pragmatic trial, allocation by minimization; SMT added to home exercise and advice (add-on)",
     "Randomised 1:1, parallel arm, designed as a noninferiority study; superiority tested after "
     "noninferiority was shown"),
    ("Comparison", "Home exercise and advice alone: isolates the SMT package (up to 20 visits), not manipulation "
                   "itself", "Traditional stimulation: no arm without an implant; only the 171 of 198 who passed a "
                   "temporary trial were implanted, and responder rates are among them"),
    ("Could patients be blinded?", "No: \"Patients and providers could not be blinded\"",
     "Hardly: HF10 causes no paresthesias and traditional stimulation typically does, so patients could tell "
     "(the course did not read the paper's own statement on blinding)"),
    ("Who rated the primary outcome?", "The patients (leg pain)",
     "The patients (back pain; responder = at least 50% less back pain)"),
    ("Who paid?", "US Health Resources and Services Administration (a federal grant); authors mostly chiropractic "
                  "researchers", "Nevro Corp., the maker of the HF10 stimulator"),
    ("How far does the conclusion reach?",
     "\"SMT plus HEA was more effective than HEA alone after 12 weeks, but the benefit was sustained only for some "
     "secondary outcomes at 52 weeks\"",
     "\"HF10 therapy promises to substantially impact the management of back and leg pain with broad "
     "applicability to patients, physicians, and payers\": wider than implanted, selected patients, and no costs "
     "in the abstract"),
    ("RoB 2 concern for the primary outcome", "Domain 4: self-rated pain, patients aware of their group",
     "Domain 4: self-rated pain, patients able to tell their group"),
]


def scrutiny_table() -> HTML:
    """The same appraisal questions asked of the manipulation trial (Bronfort 2014) and the SENZA-RCT (2015)."""
    body = "".join(f"<tr><td style='text-align:left'><b>{html.escape(q)}</b></td>"
                   f"<td style='text-align:left'>{html.escape(a)}</td><td style='text-align:left'>{html.escape(b)}"
                   f"</td></tr>" for q, a, b in SCRUTINY)
    out = ("<table><thead><tr><th style='text-align:left'>Question</th><th style='text-align:left'>Manipulation "
           "trial (Bronfort et al. 2014)</th><th style='text-align:left'>SENZA-RCT (Kapural et al. 2015)</th></tr>"
           f"</thead><tbody>{body}</tbody></table>")
    return HTML(out, "\n".join(f"{q}: {a} | {b}" for q, a, b in SCRUTINY))


def instrument_table(name: str) -> HTML:
    """One instrument as a numbered table: 'discern', 'hnr', 'consort', 'rob2', 'grade', 'ocebm', 'casp' or 'harms'."""
    if name == "discern":
        rows = [(f"Q{i + 1}", q) for i, q in enumerate(DISCERN_QUESTIONS)]
        head = ("DISCERN question", "Score 1 (no) to 5 (yes)")
        rows = [(a, b, "") for a, b in rows]
    elif name == "hnr":
        rows = [(str(i + 1), f"{c}: {q}", "") for i, (c, q) in enumerate(HNR_CRITERIA)]
        head = ("HealthNewsReview.org criterion", "Satisfactory / Not / Not applicable")
    elif name == "consort":
        rows = [(n, t, "") for n, t in CONSORT_ITEMS]
        head = ("CONSORT 2010 item", "Reported?")
    elif name == "rob2":
        rows = [(d, t, "low / some concerns / high") for d, t in ROB2_DOMAINS]
        head = ("RoB 2 domain", "Judgement")
    elif name == "grade":
        rows = [(lvl, meaning, "") for lvl, meaning in GRADE_LEVELS]
        rows += [("down", "; ".join(GRADE_DOWN), ""), ("up", "; ".join(GRADE_UP), "")]
        head = ("GRADE certainty and what moves it", "")
    elif name == "ocebm":
        rows = [(lvl, t, "") for lvl, t in OCEBM_TREATMENT]
        head = ("OCEBM 2011: \"Does this intervention help? (Treatment benefits)\"", "")
    elif name == "casp":
        rows = [(f"Q{n}", t, "in words" if n in ("7", "8") else "yes / no / can't tell") for n, t in CASP_RCT]
        head = (CASP_VERSION, "Answer")
    elif name == "harms":
        rows = [(n, t, "") for n, t in HARMS_QUESTIONS] + [("", f"{src}: {fact}", "") for src, fact in SMT_HARMS]
        head = ("Harms: questions to ask of a text, then the benchmark for spinal manipulation", "")
    else:
        raise ValueError("name is one of 'discern', 'hnr', 'consort', 'rob2', 'grade', 'ocebm', 'casp', 'harms'")
    body = "".join(f"<tr><td><b>{html.escape(a)}</b></td><td style='text-align:left'>{html.escape(b)}</td>"
                   f"<td>{html.escape(c)}</td></tr>" for a, b, c in rows)
    out = (f"<table><thead><tr><th></th><th style='text-align:left'>{head[0]}</th><th>{head[1]}</th></tr></thead>"
           f"<tbody>{body}</tbody></table>")
    return HTML(out, "\n".join(f"{a}. {b}" for a, b, _c in rows))


GRADE_START = {"randomised trials": 0, "observational studies": 2}


def grade_ladder(start: str = "randomised trials", down: int = 1, up: int = 0):
    """Where a body of evidence ends on GRADE's four levels: its starting point, levels rated down and up."""
    if start not in GRADE_START:
        raise ValueError(f"start is one of {sorted(GRADE_START)}")
    if not (0 <= down <= 3 and 0 <= up <= 2):
        raise ValueError("rate down 0 to 3 levels and up 0 to 2 levels")
    names = [lvl for lvl, _m in GRADE_LEVELS]

    def words(start, down, up):
        begin = GRADE_START[start]
        end = min(3, max(0, begin + down - up))
        alt = (f"Ladder of the four GRADE levels: {start} start at {names[begin]}, are rated down {down} and up {up} "
               f"levels, and end at {names[end]}.")
        return begin, end, alt, f"GRADE: {start}, rated down {down}, up {up}: {names[end].lower()} certainty"

    begin, end, alt, title = words(start, down, up)
    fig, ax = new_figure(alt=alt, figsize=(7.2, 3.8))
    rungs = []
    for i, name in enumerate(names):
        y = 3 - i
        (bar,) = ax.barh(y, 1, left=0, height=0.8, color="#eeeeee", edgecolor="#333333")
        label = ax.text(0.5, y, name, ha="center", va="center", fontsize=11)
        rungs.append((bar, label))
    ax.set_xlim(0, 1)
    ax.set_yticks([3, 2, 1, 0], ["4", "3", "2", "1"])
    ax.set_xticks([])
    ax.set_ylabel("Certainty (4 = high, 1 = very low)")
    ax.spines[["top", "right", "bottom"]].set_visible(False)

    def update(start, down, up):
        """Mark the start and end rungs and rewrite the title in place (also a live demo's fast path)."""
        if start not in GRADE_START or not (0 <= down <= 3 and 0 <= up <= 2):
            return False
        begin, end, fig.alt, title = words(start, down, up)
        for i, (bar, label) in enumerate(rungs):
            is_end = i == end
            bar.set_facecolor(YOUR_RATING if is_end else "#eeeeee")
            bar.set_linewidth(2.5 if is_end else 0.8)
            label.set_text(names[i] + ("  <- ends here" if is_end else "") + ("  (start)" if i == begin else ""))
            label.set_fontweight("bold" if is_end else "normal")
            label.set_color("#ffffff" if is_end else "#000000")
        ax.set_title(title, fontsize=11)
        return True

    update(start, down, up)
    fig.legpain_update = update
    fig.legpain_animated = [a for rung in rungs for a in rung] + [ax.title]
    return fig
