"""Cochrane RoB 2 for the trial (lesson 06): the five domains, the overall rule, the course's judgements, a widget.

Source of the tool: Sterne JAC, Savović J, Page MJ, Elbers RG, Blencowe NS, Boutron I, et al. RoB 2: a revised
tool for assessing risk of bias in randomised trials. BMJ 2019;366:l4898. doi:10.1136/bmj.l4898. Overall
judgement: Higgins JPT, Savović J, Page MJ, Elbers RG, Sterne JAC. Chapter 8. Cochrane Handbook v6.3, 2022.

The rule implemented by :func:`overall` (the "simple rule"):

- **low** only if every domain is low;
- **high** if any domain is high;
- **some concerns** otherwise.

The Handbook's general rule — "the least favourable assessment across the domains" — was verified; so was the note
that review authors may override a proposed judgement, with justification. The further provision that "some
concerns" in several domains may, in a way that substantially lowers confidence in the result, lead to an overall
"high" is known from the tool's guidance but could NOT be verified verbatim for this course (a secondary source
applies it). It is a reviewer's judgement, not arithmetic: :func:`overall` applies it only when asked
(``several_concerns_lower_confidence=True``) and only when at least two domains raise some concerns.

The course's own judgements (:data:`COURSE_JUDGEMENTS`) are reasoned appraisals made by the course from what could be
read (abstract, registry, protocol), not verified facts, and not the judgements of any published review.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from . import trial

_N = trial.fact("enrolled")
_MISS12 = _N - trial.fact("followed_12")
_MISS52 = _N - trial.fact("followed_52")

__all__ = [
    "EFFECT_OF_INTEREST",
    "DOMAINS",
    "LEVELS",
    "Judgement",
    "COURSE_JUDGEMENTS",
    "normalise",
    "overall",
    "rob2_figure",
    "course_table",
]

# RoB 2 asks the assessor to state, before domain 2, which effect is of interest: the effect of ASSIGNMENT to the
# intervention (the intention-to-treat effect) or the effect of ADHERING to it (the per-protocol effect). The course
# assesses the effect of assignment: a pragmatic trial asks what happens when patients are offered the treatment.
EFFECT_OF_INTEREST = ("assignment", "the effect of assignment to the intervention (the 'intention-to-treat' effect): "
                      "what happens to patients offered SMT plus HEA rather than HEA alone, whether or not they "
                      "attended every visit")

# (key, full name) in the tool's order; names as in Sterne et al. 2019
DOMAINS = (
    ("randomization", "Bias arising from the randomization process"),
    ("deviations", "Bias due to deviations from intended interventions"),
    ("missing", "Bias due to missing outcome data"),
    ("measurement", "Bias in measurement of the outcome"),
    ("selection", "Bias in selection of the reported result"),
)
LEVELS = ("low", "some concerns", "high")
_ALIASES = {
    "low": "low", "low risk": "low", "low risk of bias": "low", "+": "low",
    "some concerns": "some concerns", "some concern": "some concerns", "some": "some concerns", "-": "some concerns",
    "high": "high", "high risk": "high", "high risk of bias": "high", "x": "high",
}


def normalise(level: str) -> str:
    """'Low', 'low risk of bias', '+' -> 'low'; 'Some concerns' -> 'some concerns'; 'High' -> 'high'."""
    if not isinstance(level, str):
        raise ValueError(f"a judgement is one of {', '.join(LEVELS)}; got {level!r}")
    key = " ".join(level.strip().lower().replace("_", " ").split())
    if key not in _ALIASES:
        raise ValueError(f"a judgement is one of {', '.join(LEVELS)}; got {level!r}")
    return _ALIASES[key]


def overall(judgements: Sequence[str] | Mapping[str, str], several_concerns_lower_confidence: bool = False) -> str:
    """Overall RoB 2 judgement from the five domain judgements (a list in domain order, or a dict by domain key).

    Low only if all five are low; high if any is high; some concerns otherwise. With
    ``several_concerns_lower_confidence=True`` (a reviewer's judgement that several "some concerns" together
    substantially lower confidence in the result), two or more "some concerns" give high.
    """
    if isinstance(judgements, Mapping):
        missing = [k for k, _ in DOMAINS if k not in judgements]
        if missing:
            raise ValueError(f"no judgement for domain(s): {', '.join(missing)}")
        values = [judgements[k] for k, _ in DOMAINS]
    else:
        values = list(judgements)
    if len(values) != len(DOMAINS):
        raise ValueError(f"RoB 2 has {len(DOMAINS)} domains; got {len(values)} judgement(s)")
    levels = [normalise(v) for v in values]
    if "high" in levels:
        return "high"
    if all(v == "low" for v in levels):
        return "low"
    if several_concerns_lower_confidence and levels.count("some concerns") >= 2:
        return "high"
    return "some concerns"


@dataclass(frozen=True)
class Judgement:
    domain: str  # key of DOMAINS
    level: str  # the course's judgement
    issue: str  # the trial's main issue in this domain, in one line
    reasons: str  # why, from what could be read
    not_verified: str  # what could not be read and would change the judgement


# The course's judgements for the primary outcome (patient-rated leg pain) at 12 weeks. Appraisal, not fact.
COURSE_JUDGEMENTS = (
    Judgement(
        "randomization", "some concerns",
        "allocation by minimization; concealment and baseline balance not described in what could be read",
        "Allocation was by minimization (abstract). RoB 2's guidance for its question 1.1 says that a sequence "
        "generated by minimization, which is generally implemented with a random element, should generally be "
        "considered random (the older RoB 1 criteria even counted it adequate without one), so the method itself is "
        "not the concern; whether this trial's minimization had a random element could not be read. The concern is "
        "that the other two things RoB 2 asks about could not be read either: how the next allocation was concealed "
        "from those enrolling patients (which matters more when, as here, nobody is blinded and minimization can be "
        "predictable), and whether the baseline table shows imbalances that suggest a problem.",
        "The paper's Methods (who ran allocation, how it was concealed, any random element) and its baseline table.",
    ),
    Judgement(
        "deviations", "some concerns",
        "patients and providers knew the treatment; co-interventions unknown",
        "Patients and providers could not be blinded (abstract), so care outside the protocol could differ between "
        "groups; how deviations and co-interventions were handled, and whether the analysis kept patients in their "
        "allocated groups, could not be read.",
        "Co-interventions per group; the analysis population (intention to treat).",
    ),
    Judgement(
        "missing", "low",
        f"{_MISS12} of {_N} missing at 12 weeks ({_MISS52} at 52 weeks)",
        f"At 12 weeks {trial.fact('followed_12')} of {_N} patients ({trial.fact('followed_12_pct')}%) gave data "
        f"(abstract): too few missing to move the result. At 52 weeks {_MISS52} were missing "
        f"({trial.fact('followed_52_pct')}% followed), which the course would judge 'some concerns' for the 52-week "
        "result.",
        "Reasons for missing data per group; any sensitivity analysis.",
    ),
    Judgement(
        "measurement", "high",
        "patient-rated pain reported by patients who knew their treatment",
        "The primary outcome was patient-rated (abstract), and patients could not be blinded, so the people "
        "assessing the outcome knew their group. Pain ratings can be influenced by expectations, and no sham or "
        "other device shielded the ratings from that knowledge. The course judges it likely that knowing the group "
        "could have influenced the ratings; a reviewer who judged that unlikely would say 'some concerns'.",
        "Patients' expectations or preferences at entry.",
    ),
    Judgement(
        "selection", "some concerns",
        "many outcomes and time points; analysis plan not read",
        "The registered primary outcome (patient-rated leg pain at 12 and 52 weeks) is the reported one, at both "
        "time points. Whether the way it was expressed (percentage improvement) and analysed was fixed before the "
        "data were seen could not be read. Whether leg pain was also measured at other time points (a secondary "
        "source is reported to give questionnaires at 3 and 26 weeks as well) could not be verified; the reported "
        "12 and 52 weeks are the ones registered in advance. (The registry's and the abstract's lists of secondary "
        "outcomes differ, but RoB 2 judges this one result, and an abstract is brief.)",
        "The statistical analysis plan and the paper's Methods, including every time point at which leg pain was "
        "measured.",
    ),
)


_COLOURS = {"low": "#009E73", "some concerns": "#E69F00", "high": "#D55E00"}  # Okabe-Ito
_SYMBOLS = {"low": "+", "some concerns": "–", "high": "×"}


def rob2_figure(randomization: str = "some concerns", deviations: str = "some concerns", missing: str = "low",
                measurement: str = "high", selection: str = "some concerns",
                several_concerns_lower_confidence: bool = False):
    """Demo: a traffic-light row of the five domain judgements and the overall judgement by the rule."""
    from ..ui.figures import new_figure

    levels = [normalise(v) for v in (randomization, deviations, missing, measurement, selection)]
    result = overall(levels, several_concerns_lower_confidence)
    names = [f"D{i}. {name.replace('Bias arising from the ', '').replace('Bias due to ', '').replace('Bias in ', '')}"
             for i, (_, name) in enumerate(DOMAINS, 1)]
    fig, ax = new_figure(
        alt="Risk-of-bias traffic lights: " + "; ".join(f"{n.split('. ')[1]} {v}" for n, v in zip(names, levels))
            + f"; overall {result} by the rule.",
        figsize=(7.6, 4.3),
    )
    rows = list(zip(names, levels)) + [("Overall (by the rule)", result)]
    changing = []  # per row: the light, its symbol, its word (a live demo updates these in place)
    for i, (name, level) in enumerate(rows):
        y = len(rows) - i
        if i == len(rows) - 1:
            ax.axhline(y + 0.5, color="#999999", linewidth=1)
        light = ax.scatter([0.82], [y], s=560, color=_COLOURS[level], edgecolor="#333333", zorder=3)
        symbol = ax.text(0.82, y, _SYMBOLS[level], ha="center", va="center", fontsize=15, color="black",
                         fontweight="bold", zorder=4)
        ax.text(0.0, y, name[0].upper() + name[1:], ha="left", va="center", fontsize=10,
                fontweight="bold" if i == len(rows) - 1 else "normal")
        word = ax.text(0.88, y, level, ha="left", va="center", fontsize=10)
        changing.append((light, symbol, word))
    ax.set_xlim(-0.02, 1.05)
    ax.set_ylim(0.4, len(rows) + 0.6)
    ax.axis("off")

    def title(result, several, levels):
        n = sum(v == "some concerns" for v in levels)
        # always two lines: a live demo keeps the first layout, so a title that grew a line would run off the top
        note = (f"(you judged that several 'some concerns' lower confidence; here {n} domain{'s' if n != 1 else ''} "
                f"at 'some concerns')" if several else "(by the rule: the worst of the five domains)")
        return f"RoB 2 for leg pain at 12 weeks: overall {result}\n{note}"

    ax.set_title(title(result, several_concerns_lower_confidence, levels), fontsize=11)

    def update(randomization, deviations, missing, measurement, selection, several_concerns_lower_confidence=False):
        """Recolour the lights and rewrite the words and the title in place (a live demo's fast path)."""
        new = [normalise(v) for v in (randomization, deviations, missing, measurement, selection)]
        res = overall(new, several_concerns_lower_confidence)
        for (light, symbol, word), level in zip(changing, new + [res]):
            light.set_facecolor(_COLOURS[level])
            symbol.set_text(_SYMBOLS[level])
            word.set_text(level)
        ax.set_title(title(res, several_concerns_lower_confidence, new), fontsize=11)
        fig.alt = ("Risk-of-bias traffic lights: " + "; ".join(f"{n.split('. ')[1]} {v}" for n, v in zip(names, new))
                   + f"; overall {res} by the rule.")
        return True

    fig.legpain_update = update
    fig.legpain_animated = [a for row in changing for a in row] + [ax.title]
    return fig


def course_table():
    """The course's judgements as a table: domain, the trial's issue, judgement, why, and what was not verified."""
    from .trial_results import Table

    names = dict(DOMAINS)
    rows = [(f"D{i}. {names[j.domain]}", j.issue, j.level, j.reasons, j.not_verified)
            for i, j in enumerate(COURSE_JUDGEMENTS, 1)]
    rows.append(("Overall (by the rule)", "", overall([j.level for j in COURSE_JUDGEMENTS]), "", ""))
    return Table(["Domain", "The trial's issue", "Course's judgement", "Why", "Could not be read"], rows,
                 "RoB 2 for patient-rated leg pain at 12 weeks, effect of interest: " + EFFECT_OF_INTEREST[1]
                 + ". The course's own judgements (appraisal, not fact)")
