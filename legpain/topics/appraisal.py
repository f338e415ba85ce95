"""Appraising the five source documents (lessons 07–09): the claim ledger, highlighted documents, plots, instruments.

The claim ledger (``legpain/topics/data/ledger.json``) holds one record per checkable claim in the five documents of
``sources/``: the exact quote, its kind, a verdict on a fixed scale, what the primary literature says and full
citations (or, where nothing could be verified, what was searched). The research behind it is in
``docs/evidence/claims-research.md``. A verdict is the course authors' appraisal judgement against the cited
sources, not a measurement.

Instruments are kept here as data, each with the version the course uses:

* DISCERN (Charnock et al. 1999): 15 key questions plus an overall rating (question 16), each scored 1–5.
* HealthNewsReview.org: the 10 review criteria for news stories (the site stopped its reviews in December 2018).
* CONSORT 2010 (a 25-item checklist and a flow diagram; CONSORT 2025 has 30 items): selected items.
* RoB 2 (Sterne et al. 2019): five domains, three judgements.
* GRADE (Balshem et al. 2011; Guyatt et al. 2011): four certainty levels, five reasons to rate down, three to rate up.
* OCEBM 2011 Levels of Evidence (Howick et al.): the five levels for "Does this intervention help?".
* CASP Randomised Controlled Trial Standard Checklist (the 2020 version): 11 questions.

Colours (Okabe–Ito), one meaning each across lessons 07–09: the six hues orange, sky blue, bluish green, yellow,
reddish purple and vermillion mean the six verdicts and nothing else; kinds of claim are shades of grey, each with its
own hatch (bars) or underline (text) and a label; Okabe–Ito blue means "your own rating" (DISCERN, HealthNewsReview.org,
GRADE ladder) and black one study arm (SENZA-RCT). Every mark also carries a text label.
"""

from __future__ import annotations

import html
import json
from functools import lru_cache
from importlib import resources

from ..ui.figures import OKABE_ITO, new_figure
from .sources import SOURCES, source_text

__all__ = [
    "VERDICTS", "KINDS", "VERDICT_STYLE", "KIND_STYLE", "PROFILES",
    "ledger", "claims", "claim", "validate_ledger", "verdict_matrix",
    "highlight", "claims_by_kind", "claim_card", "grade_ladder", "claim_menu", "profile_table", "verdict_bars_figure",
    "DISCERN_QUESTIONS", "discern_sliders", "discern_profile",
    "HNR_CRITERIA", "CONSORT_ITEMS", "ROB2_DOMAINS", "GRADE_LEVELS", "GRADE_DOWN", "GRADE_UP", "OCEBM_TREATMENT",
    "instrument_table", "senza_figure", "SENZA_REPORTED", "hnr_menus", "hnr_profile", "HNR_RATINGS",
    "CASP_RCT", "CASP_VERSION", "HARMS_QUESTIONS", "SMT_HARMS", "SCRUTINY", "scrutiny_table", "ocebm_level", "OCEBM_DESIGNS",
    "colour_meanings",
]

# --------------------------------------------------------------------------------------------------------------
# Scales and their styles. Colour is never the only cue: every mark also carries a short text label.

VERDICTS = [
    "accurate",
    "accurate but incomplete",
    "overstated or misleading",
    "misreported (numbers wrong)",
    "unsupported or unverifiable",
    "wrong",
]
KINDS = ["anatomy", "trial", "prevalence", "treatment-effect", "mechanism", "citation", "other"]

# verdict -> (colour, short label, hatch for bar charts)
VERDICT_STYLE = {
    "accurate": (OKABE_ITO["bluish green"], "OK", ""),
    "accurate but incomplete": (OKABE_ITO["sky blue"], "INCOMPLETE", ".."),
    "overstated or misleading": (OKABE_ITO["yellow"], "OVERSTATED", "//"),
    "misreported (numbers wrong)": (OKABE_ITO["orange"], "NUMBERS WRONG", "xx"),
    "unsupported or unverifiable": (OKABE_ITO["reddish purple"], "UNSUPPORTED", "\\\\"),
    "wrong": (OKABE_ITO["vermillion"], "WRONG", "oo"),
}
# kind -> (grey, short label, hatch for bar charts). Greys, so that no kind shares a colour with a verdict.
KIND_STYLE = {
    "anatomy": ("#333333", "ANATOMY", ""),
    "trial": ("#555555", "TRIAL", ".."),
    "prevalence": ("#777777", "PREVALENCE", "//"),
    "treatment-effect": ("#999999", "EFFECT", "xx"),
    "mechanism": ("#bbbbbb", "MECHANISM", "\\\\"),
    "citation": ("#dddddd", "CITATION", "oo"),
    "other": ("#f5f5f5", "OTHER", "++"),
}
# kind -> CSS underline of its marks in a highlighted text (the text counterpart of the hatch)
KIND_UNDERLINE = {"anatomy": "solid", "trial": "dashed", "prevalence": "dotted", "treatment-effect": "double",
                  "mechanism": "groove", "citation": "ridge", "other": "outset"}
# Other meanings that have a colour in the appraisal figures
YOUR_RATING = OKABE_ITO["blue"]
ARM_COLOURS = {"HF10": OKABE_ITO["black"], "traditional": "#ffffff"}


def colour_meanings() -> dict[str, str]:
    """Every colour the appraisal module uses for a meaning, mapped to that one meaning (a test checks uniqueness)."""
    out = {}
    for name, (colour, _l, _h) in VERDICT_STYLE.items():
        out[colour.lower()] = f"verdict: {name}"
    for name, (colour, _l, _h) in KIND_STYLE.items():
        out[colour.lower()] = f"kind: {name}"
    out[YOUR_RATING.lower()] = "your own rating"
    out[ARM_COLOURS["HF10"].lower()] = "SENZA-RCT: HF10 arm"
    return out


SOURCE_KEYS = [s.key for s in SOURCES]
SHORT_NAMES = {
    "000": "000 clinic news page",
    "001": "001 physio marketing",
    "002": "002 news article",
    "003": "003 AI summary",
    "004": "004 clinic blog",
}


def _tint(hex_colour: str, amount: float = 0.55) -> str:
    """A lighter version of a colour (mixed with white), for a readable background behind text."""
    h = hex_colour.lstrip("#")
    rgb = [int(h[i:i + 2], 16) for i in (0, 2, 4)]
    mixed = [round(c + (255 - c) * amount) for c in rgb]
    return "#" + "".join(f"{c:02x}" for c in mixed)


class HTML:
    """Something a notebook shows as HTML (and as plain text elsewhere)."""

    def __init__(self, html_text: str, text: str = ""):
        self.html = html_text
        self.text = text

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text or "[HTML]"

    def __str__(self) -> str:
        return self.__repr__()


# --------------------------------------------------------------------------------------------------------------
# The ledger

@lru_cache(maxsize=1)
def _raw() -> dict:
    path = resources.files("legpain.topics") / "data" / "ledger.json"
    return json.loads(path.read_text(encoding="utf-8"))


def ledger() -> list[dict]:
    """All claim records (copies), sorted by id ("000-01" ...)."""
    return [dict(r) for r in _raw()["claims"]]


def claims(source: str | None = None, verdict: str | None = None, kind: str | None = None) -> list[dict]:
    """The claim records of one document (key "000".."004"), optionally only one verdict or kind."""
    out = ledger()
    if source is not None:
        key = str(source).zfill(3)
        out = [r for r in out if r["source"] == key]
    if verdict is not None:
        out = [r for r in out if r["verdict"] == verdict]
    if kind is not None:
        out = [r for r in out if r["kind"] == kind]
    return out


def claim(claim_id: str) -> dict:
    """One claim record by its id, e.g. ``claim("003-11")``."""
    for r in _raw()["claims"]:
        if r["id"] == claim_id:
            return dict(r)
    raise KeyError(f"there is no claim {claim_id!r}; ids look like '003-11'")


def validate_ledger(records: list[dict] | None = None, texts: dict[str, str] | None = None) -> list[str]:
    """Problems with the ledger (an empty list means it passes): verbatim quotes, fixed scales, citations, ids."""
    records = ledger() if records is None else records
    texts = texts or {k: source_text(k) for k in SOURCE_KEYS}
    problems = []
    seen = set()
    needed = {"id", "source", "quote", "kind", "verdict", "evidence", "citations", "explanation"}
    for r in records:
        rid = r.get("id", "?")
        missing = needed - set(r)
        if missing:
            problems.append(f"{rid}: missing fields {sorted(missing)}")
            continue
        if rid in seen:
            problems.append(f"{rid}: id used twice")
        seen.add(rid)
        if not (len(rid) == 6 and rid[:3] == r["source"] and rid[3] == "-" and rid[4:].isdigit()):
            problems.append(f"{rid}: id should look like '{r['source']}-NN'")
        if r["source"] not in texts:
            problems.append(f"{rid}: unknown source {r['source']!r}")
        elif not r["quote"] or r["quote"] not in texts[r["source"]]:
            problems.append(f"{rid}: quote is not verbatim in source {r['source']}")
        if r["verdict"] not in VERDICTS:
            problems.append(f"{rid}: verdict {r['verdict']!r} is not on the scale")
        if r["kind"] not in KINDS:
            problems.append(f"{rid}: kind {r['kind']!r} is not one of the kinds")
        if not r["evidence"].strip() or not r["explanation"].strip():
            problems.append(f"{rid}: empty evidence or explanation")
        cites = [c for c in r["citations"] if c.strip()]
        if r["verdict"] == "unsupported or unverifiable":
            if not r.get("searched", "").strip():
                problems.append(f"{rid}: unverifiable claim without a 'searched' note")
        elif not cites:
            problems.append(f"{rid}: no citation")
        for c in cites:
            if not any(tag in c for tag in ("doi:", "PMID", "http")):
                problems.append(f"{rid}: citation without DOI, PMID or address: {c[:50]}")
    covered = {r.get("source") for r in records}
    for k in texts:
        if k not in covered:
            problems.append(f"source {k} has no claims")
    return problems


def verdict_matrix(by: str = "verdict") -> tuple[list[str], list[str], list[list[int]]]:
    """Counts of claims per document (rows) and verdict or kind (columns): ``(rows, columns, counts)``."""
    cols = VERDICTS if by == "verdict" else KINDS
    counts = [[0] * len(cols) for _ in SOURCE_KEYS]
    for r in _raw()["claims"]:
        counts[SOURCE_KEYS.index(r["source"])][cols.index(r[by])] += 1
    return list(SOURCE_KEYS), list(cols), counts


# --------------------------------------------------------------------------------------------------------------
# Highlighted documents and claim cards

def _underline(name: str, colour: str) -> str:
    """The CSS bottom border of a mark: solid in the verdict's colour, or the kind's own line style in its grey."""
    line = KIND_UNDERLINE.get(name, "solid")
    edge = colour if name not in KIND_UNDERLINE else "#000000"
    return f"border-bottom:4px {line} {edge}"


def _legend(style: dict, present: dict[str, int]) -> str:
    """The legend of a marked document: each style present, with how many marks it has."""
    items = []
    for name, (colour, label, _hatch) in style.items():
        if name not in present:
            continue
        items.append(
            f"<span style='display:inline-block;margin:0 0.9em 0.3em 0'>"
            f"<mark style='background:{_tint(colour)};color:#000000;{_underline(name, colour)};padding:0 0.3em'>"
            f"<b>{label}</b></mark> {html.escape(name)}: {present[name]}</span>")
    return "<div style='font-size:0.9em;margin-bottom:0.6em'><b>Legend:</b> " + "".join(items) + "</div>"


def highlight(document: str = "001", colour_by: str = "verdict") -> HTML:
    """A document's text with each ledger claim marked, coloured by its verdict or its kind, with a legend.

    Every mark carries the claim id and a text label too (colour is never the only cue). Pure: returns HTML.
    """
    key = str(document).zfill(3)
    if colour_by not in ("verdict", "kind"):
        raise ValueError("colour_by is 'verdict' or 'kind'")
    style = VERDICT_STYLE if colour_by == "verdict" else KIND_STYLE
    text = source_text(key)
    spans = sorted(((text.find(r["quote"]), r) for r in claims(key)), key=lambda s: s[0])
    out, pos, present, skipped = [], 0, {}, []
    for start, r in spans:
        if start < pos or start < 0:
            skipped.append(r["id"])
            continue
        colour, label, _h = style[r[colour_by]]
        present[r[colour_by]] = present.get(r[colour_by], 0) + 1
        tip = html.escape(f"{r['id']}: {r['verdict']} — {r['explanation']}", quote=True)
        out.append(html.escape(text[pos:start]))
        out.append(
            f"<mark title=\"{tip}\" style='background:{_tint(colour)};color:#000000;{_underline(r[colour_by], colour)};"
            f"padding:0 0.1em'>{html.escape(r['quote'])}</mark>"
            f"<sup style='font-size:0.75em;white-space:nowrap'>[{r['id']} {label}]</sup>")
        pos = start + len(r["quote"])
    out.append(html.escape(text[pos:]))
    src = next(s for s in SOURCES if s.key == key)
    head = (f"<p><b>Source {key}</b> — {html.escape(src.kind)}. <i>Quoted as captured, not the course's words.</i> "
            f"{len(spans)} claims marked, coloured by {colour_by}; hover over a mark for the verdict.</p>")
    note = f"<p><i>Not marked (overlapping): {', '.join(skipped)}</i></p>" if skipped else ""
    body = ("<div style='border-left:4px solid #999999;padding:0.3em 0.9em;max-height:34em;overflow:auto'>" + head
            + _legend(style, present) + "<div style='white-space:pre-wrap;line-height:1.6'>" + "".join(out)
            + "</div>" + note + "</div>")
    plain = [f"Source {key}: {len(spans)} claims, by {colour_by}"] + [
        f"  [{r['id']} {style[r[colour_by]][1]}] {r['quote'][:70]}" for _s, r in spans]
    return HTML(body, "\n".join(plain))


def claims_by_kind(document: str = "001") -> HTML:
    """A document with its ledger claims marked by kind of claim (anatomy, trial, prevalence ...)."""
    return highlight(document, "kind")


def claim_menu(document: str | None = None) -> list[tuple[str, str]]:
    """``(label, id)`` pairs for a drop-down menu of claims (one document or all)."""
    out = []
    for r in claims(document):
        q = r["quote"] if len(r["quote"]) <= 60 else r["quote"][:57] + "..."
        out.append((f"{r['id']}  {q}", r["id"]))
    return out


def claim_card(claim_id: str = "003-11") -> HTML:
    """One claim: the quote, its verdict (colour and words), the evidence, the citations (or what was searched)."""
    r = claim(claim_id)
    colour, label, _h = VERDICT_STYLE[r["verdict"]]
    cites = "".join(f"<li>{html.escape(c)}</li>" for c in r["citations"])
    searched = (f"<p><b>What was searched:</b> {html.escape(r['searched'])}</p>" if r.get("searched") else "")
    body = (
        f"<div style='border:1px solid #bbbbbb;border-left:8px solid {colour};padding:0.5em 1em'>"
        f"<p><b>Claim {r['id']}</b> (source {r['source']}, kind: {r['kind']})</p>"
        f"<blockquote style='margin:0.3em 0 0.6em 0'>“{html.escape(r['quote'])}”</blockquote>"
        f"<p><b>Verdict:</b> <mark style='background:{_tint(colour)};color:#000000;border-bottom:3px solid {colour}'>"
        f"<b>{label}</b></mark> {html.escape(r['verdict'])}</p>"
        f"<p><b>Why:</b> {html.escape(r['explanation'])}</p>"
        f"<p><b>What the literature says:</b> {html.escape(r['evidence'])}</p>"
        + (f"<p><b>Citations:</b></p><ol>{cites}</ol>" if cites else "") + searched + "</div>")
    plain = (f"Claim {r['id']} ({r['kind']}): {r['quote']}\nVerdict: {r['verdict']}\nWhy: {r['explanation']}\n"
             + "\n".join(f"- {c}" for c in r["citations"]) + (f"\nSearched: {r['searched']}" if r.get("searched") else ""))
    return HTML(body, plain)


# --------------------------------------------------------------------------------------------------------------
# Who is speaking (lesson 07)

PROFILES = {
    "000": dict(
        kind="news-style summary on a private clinic's website",
        speaker="Unnamed staff of Wimbledon Clinics, a private orthopaedic and sports-injury clinic in the UK",
        wants="Book an appointment ('Contact us for an appointment') and join the clinic's mailing list",
        interests="Commercial: the clinic sells consultations and treatments",
        cites="'A new study, published in the Annals of Internal Medicine' (no authors, date, title or link); "
              "quotes said to be given to Reuters Health",
        findable="Partly: the study can be identified (Bronfort et al. 2014) from the journal and the details; "
                 "the words it quotes from the lead author could not be found in the stored Reuters article"),
    "001": dict(
        kind="marketing page of a physiotherapy clinic",
        speaker="The clinic (unsigned), naming its practitioner Graeme Hayhow",
        wants="Have leg pain examined at the lower back and book manipulation with the clinic",
        interests="Direct commercial interest in the treatment it promotes",
        cites="One garbled line: 'Low Back Low Back and Leg Pain is Lumbar Radiculopathy, spineuniverse.com'",
        findable="No: no author, date or address; the article could not be found"),
    "002": dict(
        kind="consumer health-news article (the outlet is not named in the capture)",
        speaker="An unnamed journalist, relaying what the trial's lead author told Reuters Health",
        wants="Consider chiropractic for back-related leg pain ('might be worth a try')",
        interests="None declared; the article does not say that the trial's authors are chiropractic researchers, "
                  "that it ran at a chiropractic college's clinic (Northwestern Health Sciences University, the "
                  "registry's sponsor) and at the Palmer Center for Chiropractic Research, or who funded it",
        cites="The paper's authors, title, journal and year; quotes from Reuters Health; a statement attributed to "
              "NYU Langone Medical Center",
        findable="Mostly: the paper and the Reuters quotes were found; the NYU Langone statement was not"),
    "003": dict(
        kind="AI-generated research summary (the 'Consensus' search product)",
        speaker="No human author; an AI tool's summary, with no date",
        wants="Trust the summary and keep using the product",
        interests="The vendor benefits from seeming comprehensive; the summary does not say that the stimulation "
                  "trial it describes was funded by the device's maker (Nevro Corp.)",
        cites="Nothing on the page as captured: the heading 'Sources and full results' is followed by no sources "
              "(the capture probably lost the live page's citation markers and links)",
        findable="No from the page itself; the course traced the probable papers by its own searches"),
    "004": dict(
        kind="blog post of a physical-therapy clinic in Sanford, Florida",
        speaker="A clinic physical therapist (username 'dkomforti')",
        wants="Believe that leg pain comes from the lumbar spine and book treatment at the clinic",
        interests="Commercial; the text is seeded with local search phrases ('Physical Therapy near me')",
        cites="'A 2018 study published in the Journal of Orthopaedic & Sports Physical Therapy' and 'research in "
              "the European Spine Journal' (no authors or titles); a patient story",
        findable="No: neither study could be found"),
}


def profile_table(documents: list[str] | None = None) -> HTML:
    """A table: for each document, what kind of text it is, who speaks, what it wants, interests, citations."""
    keys = documents or SOURCE_KEYS
    fields = [("kind", "What kind of text"), ("speaker", "Who is speaking"), ("wants", "What it wants you to do"),
              ("interests", "Interests"), ("cites", "What it cites"), ("findable", "Can the citations be found?")]
    head = "".join(f"<th style='text-align:left'>{h}</th>" for _f, h in fields)
    rows = "".join(
        f"<tr><td><code>{k}</code></td>" + "".join(
            f"<td style='text-align:left;vertical-align:top'>{html.escape(PROFILES[k][f])}</td>" for f, _h in fields)
        + "</tr>" for k in keys)
    plain = "\n".join(f"{k}: {PROFILES[k]['kind']} | {PROFILES[k]['interests']}" for k in keys)
    return HTML(f"<table><thead><tr><th>Doc</th>{head}</tr></thead><tbody>{rows}</tbody></table>", plain)


# --------------------------------------------------------------------------------------------------------------
# Figures

def verdict_bars_figure(by: str = "verdict"):
    """Stacked bars: the ledger's claims per document, split by verdict (or by kind), with counts and a legend."""
    rows, cols, counts = verdict_matrix(by)
    style = VERDICT_STYLE if by == "verdict" else KIND_STYLE
    total = sum(map(sum, counts))
    fig, ax = new_figure(
        alt=f"Stacked horizontal bars of the {total} ledger claims in each of the five documents, split by {by}, "
            f"with the count written in each segment.",
        figsize=(9.5, 4.6))
    labels = [SHORT_NAMES[k] for k in rows]
    left = [0] * len(rows)
    for j, name in enumerate(cols):
        colour, _label, hatch = style[name]
        widths = [counts[i][j] for i in range(len(rows))]
        bars = ax.barh(labels, widths, left=left, color=colour, edgecolor="#333333", linewidth=0.6, hatch=hatch,
                       label=name)
        for b, w in zip(bars, widths):
            if w:
                ax.text(b.get_x() + w / 2, b.get_y() + b.get_height() / 2, str(w), ha="center", va="center",
                        fontsize=10, fontweight="bold", color="#000000",
                        bbox=dict(boxstyle="round,pad=0.15", facecolor="#ffffff", edgecolor="none", alpha=0.85))
        left = [a + w for a, w in zip(left, widths)]
    for i, tot in enumerate(left):
        ax.text(tot + 0.3, i, f"{tot}", va="center", fontsize=10)
    ax.invert_yaxis()
    ax.set_xlim(0, max(left) + 2)
    from matplotlib.ticker import MaxNLocator
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("Number of claims in the ledger")
    ax.set_ylabel("Source document")
    ax.set_title(f"Claims per document, by {by} (course ledger, {total} claims)", fontsize=12)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(title=by.capitalize(), loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9, title_fontsize=9,
              frameon=False)
    return fig


# SENZA-RCT, 3-month responder rates among implanted patients (Kapural et al. 2015, abstract): >= 50% pain reduction
SENZA_REPORTED = {"HF10, back pain": 84.5, "HF10, leg pain": 83.1,
                  "traditional SCS, back pain": 43.8, "traditional SCS, leg pain": 55.5}


def senza_figure():
    """The SENZA-RCT responder rates as the paper reported them, with document 003's wording marked."""
    fig, ax = new_figure(
        alt="Grouped bars of the SENZA-RCT 3-month responder rates: high-frequency stimulation 84.5% for back pain "
            "and 83.1% for leg pain, traditional stimulation 43.8% and 55.5%, with document 003's single 84.5% "
            "figure for both marked.",
        figsize=(8.0, 4.4))
    groups = ["Back pain", "Leg pain"]
    hf = [SENZA_REPORTED["HF10, back pain"], SENZA_REPORTED["HF10, leg pain"]]
    tr = [SENZA_REPORTED["traditional SCS, back pain"], SENZA_REPORTED["traditional SCS, leg pain"]]
    x = [0, 1]
    w = 0.36
    b1 = ax.bar([i - w / 2 for i in x], hf, w, color=ARM_COLOURS["HF10"], edgecolor="#333333",
                label="10-kHz stimulation (HF10), as reported")
    b2 = ax.bar([i + w / 2 for i in x], tr, w, color=ARM_COLOURS["traditional"], edgecolor="#333333", hatch="//",
                label="Traditional stimulation, as reported")
    for bars, colour in ((b1, "#ffffff"), (b2, "#000000")):
        for b in bars:
            ax.text(b.get_x() + b.get_width() / 2, b.get_height() - 3, f"{b.get_height():.1f}%", ha="center",
                    va="top", fontsize=10, fontweight="bold", color=colour,
                    bbox=None if colour == "#ffffff" else dict(boxstyle="round,pad=0.15", facecolor="#ffffff",
                                                                edgecolor="none"))
    for i in x:
        ax.plot([i - w, i], [84.5, 84.5], color=VERDICT_STYLE["misreported (numbers wrong)"][0], linestyle="--",
                linewidth=3, label="Document 003: '84.5% ... in both back and leg pain' (NUMBERS WRONG)"
                if i == 0 else None)
    ax.set_xticks(x, groups)
    ax.set_ylim(0, 105)
    ax.set_ylabel("Responders at 3 months (% of implanted)")
    ax.set_xlabel("Outcome (responder: at least 50% less pain)")
    ax.set_title("SENZA-RCT: what the paper reported vs what document 003 says", fontsize=12)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, -0.42), ncol=2, fontsize=9, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


# --------------------------------------------------------------------------------------------------------------
# Instruments (lesson 09)

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
    from ..ui.demos import int_slider

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
    ax.text(5.55, 3.5, "reliability\n(Q1–8)", ha="right", va="center", fontsize=9, color="#333333")
    ax.text(5.55, 11, "treatment\nchoices\n(Q9–15)", ha="right", va="center", fontsize=9, color="#333333")
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
    from ..ui.demos import menu

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
