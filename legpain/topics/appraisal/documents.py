"""A source document with its checkable claims marked (by verdict or by kind), the claim menu and one claim's card
(lessons 07–08)."""

from __future__ import annotations

import html

from ..sources import SOURCES, source_text
from .ledger import claim, claims
from .styles import HTML, KIND_STYLE, KIND_UNDERLINE, VERDICT_STYLE, _tint


__all__ = [
    "highlight", "claims_by_kind", "claim_card", "claim_menu",
]


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
    # a box that scrolls takes the keyboard's focus (Tab, then the arrow keys scroll it) and says what it holds
    body = (f"<div tabindex='0' role='region' aria-label='Source {key}, claims marked (scrolls)' "
            "style='border-left:4px solid #999999;padding:0.3em 0.9em;max-height:34em;overflow:auto'>" + head
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


