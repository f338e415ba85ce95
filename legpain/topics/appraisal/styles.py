"""The appraisal's scales and their styles: the six verdicts and the kinds of claim, each with one colour (or grey
shade), hatch and underline, and the small HTML wrapper the appraisal views return. Colour is never the only cue:
every mark also carries a short text label."""

from __future__ import annotations

from ...ui.figures import OKABE_ITO
from ..sources import SOURCES


__all__ = [
    "VERDICTS", "VERDICT_ALIASES", "KINDS", "VERDICT_STYLE", "KIND_STYLE", "colour_meanings",
]


VERDICTS = [
    "accurate",
    "accurate but incomplete",
    "overstated or misleading",
    "misreported (numbers wrong)",
    "unsupported or unverifiable",
    "wrong",
]
# Other ways a student writes a verdict, all meaning it: as the demos' badges show it (OK, INCOMPLETE, OVERSTATED,
# NUMBERS WRONG, UNSUPPORTED, WRONG), or with its "or" written as a slash, with or without spaces round it.
VERDICT_ALIASES = {
    "accurate": ["ok"],
    "accurate but incomplete": ["incomplete"],
    "misreported (numbers wrong)": ["misreported", "numbers wrong", "misreported numbers wrong",
                                    "misreported/numbers wrong", "misreported / numbers wrong"],
    "unsupported or unverifiable": ["unsupported", "unverifiable", "unsupported/unverifiable",
                                    "unsupported / unverifiable"],
    "overstated or misleading": ["overstated", "misleading", "overstated/misleading", "overstated / misleading"],
}
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


