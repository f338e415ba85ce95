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

The package, by part of the appraisal: ``styles`` (verdict and kind colours, the HTML wrapper), ``ledger`` (the
claim records and their validation), ``documents`` (highlighted documents and claim cards), ``speakers`` (who speaks
in each document), ``figures`` (verdict bars, SENZA-RCT) and ``instruments`` (DISCERN, HealthNewsReview.org,
CONSORT, GRADE, OCEBM, CASP, harms, with their demos). ``from legpain.topics.appraisal import X`` works for every
name a lesson uses, as before the split.
"""

from __future__ import annotations

from .styles import VERDICTS, KINDS, VERDICT_STYLE, KIND_STYLE, KIND_UNDERLINE, colour_meanings
from .ledger import ledger, claims, claim, validate_ledger, verdict_matrix
from .documents import highlight, claims_by_kind, claim_card, claim_menu
from .speakers import PROFILES, profile_table
from .figures import verdict_bars_figure, senza_figure, SENZA_REPORTED
from .instruments import (CASP_RCT, CASP_VERSION, CONSORT_ITEMS, DISCERN_QUESTIONS, GRADE_DOWN, GRADE_LEVELS, GRADE_UP,
                          HARMS_QUESTIONS, HNR_CRITERIA, HNR_RATINGS, OCEBM_DESIGNS, OCEBM_TREATMENT, ROB2_DOMAINS,
                          SCRUTINY, SMT_HARMS, discern_profile, discern_sliders, grade_ladder, hnr_menus, hnr_profile,
                          instrument_table, ocebm_level, scrutiny_table)

__all__ = [
    "VERDICTS", "KINDS", "VERDICT_STYLE", "KIND_STYLE", "PROFILES", "ledger", "claims", "claim", "validate_ledger",
    "verdict_matrix", "highlight", "claims_by_kind", "claim_card", "grade_ladder", "claim_menu", "profile_table",
    "verdict_bars_figure", "DISCERN_QUESTIONS", "discern_sliders", "discern_profile", "HNR_CRITERIA", "CONSORT_ITEMS",
    "ROB2_DOMAINS", "GRADE_LEVELS", "GRADE_DOWN", "GRADE_UP", "OCEBM_TREATMENT", "instrument_table", "senza_figure",
    "SENZA_REPORTED", "hnr_menus", "hnr_profile", "HNR_RATINGS", "CASP_RCT", "CASP_VERSION", "HARMS_QUESTIONS",
    "SMT_HARMS", "SCRUTINY", "scrutiny_table", "ocebm_level", "OCEBM_DESIGNS", "colour_meanings",
]
