"""How a judgement looks: an HTML box in Jupyter, plain text elsewhere.

Colour is never the only cue: every state has a symbol and a word. The box inherits the theme's text colour, so it
reads in JupyterLab's light and dark themes.
"""

from __future__ import annotations

import html
from typing import Iterable

from .questions import Result

# state -> (symbol, label, colour from the Okabe-Ito palette)
STYLES = {
    "correct": ("✔", "Correct", "#009E73"),
    "partial": ("◐", "Partly right", "#E69F00"),
    "incorrect": ("✘", "Not yet", "#D55E00"),
    "error": ("✘", "Did not run", "#D55E00"),
    "invalid": ("⚠", "Not checked", "#CC79A7"),
    "unanswered": ("…", "Not answered yet", "#999999"),
    "recorded": ("✎", "Saved for your instructor", "#0072B2"),
    "predicted": ("✎", "Prediction recorded", "#0072B2"),
}


def _points(res: Result) -> str:
    if res.status == "predicted":
        return "not marked"
    unit = "point" if res.points == 1 else "points"
    if getattr(res, "sealed", False):  # a graded set of a class edition (checking.sealed): judged when graded
        return f"{res.points:g} {unit}, judged when graded" if not res.manual else f"{res.points:g} {unit}, graded by hand"
    if res.manual:
        return f"{res.points:g} {unit}, graded by hand"
    return f"{round(res.public_score, 2):g} of {res.points:g} {unit}"


def to_text(res: Result, label: str = "") -> str:
    symbol, word, _ = STYLES.get(res.status, ("?", res.status, ""))
    head = f"{symbol} {label or res.qid} — {word} ({_points(res)}): {res.message}"
    return "\n".join([head] + [f"   • {d}" for d in res.details if d])


def to_html(res: Result, label: str = "") -> str:
    symbol, word, colour = STYLES.get(res.status, ("?", res.status, "#999999"))
    items = "".join(f"<li>{html.escape(d)}</li>" for d in res.details if d)
    details = f"<ul style='margin:0.3em 0 0 1.2em;padding:0'>{items}</ul>" if items else ""
    return (
        f"<div role='status' style='border-left:6px solid {colour};padding:0.45em 0.8em;margin:0.3em 0;"
        f"background:{colour}1f;color:inherit;border-radius:3px;font-family:inherit'>"
        f"<b>{symbol} {html.escape(label or res.qid)} — {html.escape(word)}</b> "
        f"<span style='opacity:0.8'>({html.escape(_points(res))})</span><br>"
        f"{html.escape(res.message)}{details}</div>"
    )


def table_text(rows: Iterable[tuple[str, Result]], summary: str) -> str:
    lines = [to_text(r, label) for label, r in rows]
    return "\n".join(lines + ["", summary])


def table_html(rows: Iterable[tuple[str, Result]], summary: str) -> str:
    body = []
    for label, r in rows:
        symbol, word, colour = STYLES.get(r.status, ("?", r.status, "#999999"))
        body.append(
            f"<tr><td style='text-align:left'>{html.escape(label)}</td>"
            f"<td style='text-align:left;border-left:4px solid {colour}'>{symbol} {html.escape(word)}</td>"
            f"<td>{html.escape(_points(r))}</td>"
            f"<td style='text-align:left'>{html.escape(r.message)}</td></tr>"
        )
    return (
        "<table><thead><tr><th style='text-align:left'>Question</th><th style='text-align:left'>State</th>"
        "<th>Points</th><th style='text-align:left'>Feedback</th></tr></thead><tbody>"
        + "".join(body)
        + f"</tbody></table><p><b>{html.escape(summary)}</b></p>"
    )


def reveal_html(label: str, predicted: str, outcome: str, verdict: str, agrees: bool | None) -> str:
    """The box after a demo: the student's own prediction beside what the demo showed, then whether they agree."""
    # text colours that read in the light and dark themes (as the quiz card's: 4.5:1 or more), not the palette's
    colour = {True: "var(--legpain-right, #0b5cad)", False: "var(--legpain-wrong, #a33c00)", None: "inherit"}[agrees]
    symbol = {True: "✔", False: "✘", None: "…"}[agrees]
    return (
        f"<div role='status' style='border-left:6px solid #0072B2;padding:0.45em 0.8em;margin:0.3em 0;"
        f"background:#0072B21f;color:inherit;border-radius:3px;font-family:inherit'>"
        f"<b>{html.escape(label)}: your prediction beside the demo</b>"
        f"<table style='margin:0.3em 0;border-collapse:collapse'>"
        f"<tr><td style='text-align:left;padding:0.15em 0.8em 0.15em 0'><b>You predicted</b></td>"
        f"<td style='text-align:left'>{html.escape(predicted)}</td></tr>"
        f"<tr><td style='text-align:left;padding:0.15em 0.8em 0.15em 0'><b>What happened</b></td>"
        f"<td style='text-align:left'>{html.escape(outcome)}</td></tr></table>"
        f"<span style='color:{colour}'>{symbol}</span> {html.escape(verdict)}</div>"
    )


def reveal_text(label: str, predicted: str, outcome: str, verdict: str, agrees: bool | None) -> str:
    symbol = {True: "✔", False: "✘", None: "…"}[agrees]
    return (f"{label}: your prediction beside the demo\n   You predicted: {predicted}\n   What happened: {outcome}\n"
            f"{symbol} {verdict}")
