"""The five source documents the course appraises, shipped in ``sources/`` with their provenance.

The texts are quoted material, not the course's own words: they are shown exactly as captured.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..common.notebooks import COURSE_ROOT

__all__ = ["SOURCES", "Source", "CAPTURE_NOTES", "list_sources", "source_text", "show_source"]

SOURCE_DIR = COURSE_ROOT / "sources"


@dataclass(frozen=True)
class Source:
    key: str  # "000"
    filename: str
    kind: str
    subject: str

    @property
    def path(self) -> Path:
        return SOURCE_DIR / self.filename


# From shared/sources/INDEX.md (what each text says it is).
SOURCES = [
    Source("000", "000_30c9d6be88d2f6e2.txt", "web page of a private clinic in the UK (\"Wimbledon Clinics\")",
           "a news-style summary of the 2014 trial of spinal manipulation for back-related leg pain"),
    Source("001", "001_4aa7b4406d7dbd3e.txt",
           "marketing page of a physiotherapy clinic (\"Newmarket Physio\", \"Institute of Sport Physio\")",
           "how the spine causes leg pain; manipulation as treatment"),
    Source("002", "002_b33f77b70ff0431d.txt", "news article, citing the trial's lead author and the paper's reference",
           "the same 2014 trial, framed as chiropractic care"),
    Source("003", "003_2fa0cf70e0b51661.txt", "AI-generated research summary (\"Consensus\", \"Pro Research Analysis\")",
           "prevalence, classification, spinal cord stimulation and surgery for back-related leg pain"),
    Source("004", "004_55639e7ed63054b1.txt", "blog post of a physical-therapy clinic in Sanford, Florida",
           "leg pain from the lumbar spine; cites studies and a patient story"),
]


# What the capture itself may have changed: say so wherever a document is shown, and judge "the page as captured".
CAPTURE_NOTES = {
    "003": "The capture probably lost the page's sources: three sentences end with a space before the full stop "
           "(e.g. '... a more precise diagnosis .'), where the product's inline citation markers would sit, and the "
           "heading 'Sources and full results' is followed by no list. Judge the page as captured.",
}


def _find(key: str | int) -> Source:
    k = str(key).zfill(3) if str(key).isdigit() else str(key)
    for s in SOURCES:
        if s.key == k or s.filename == k:
            return s
    raise KeyError(f"there is no source {key!r}; the sources are " + ", ".join(s.key for s in SOURCES))


def source_text(key: str | int) -> str:
    """The full text of a source document, exactly as shipped."""
    return _find(key).path.read_text(encoding="utf-8")


def sha256(key: str | int) -> str:
    return hashlib.sha256(_find(key).path.read_bytes()).hexdigest()


class _Table:
    def __init__(self, rows):
        self.rows = rows

    def __repr__(self) -> str:
        return "\n".join(f"{s.key}  {s.kind}\n     subject: {s.subject}" for s in self.rows)

    def _repr_html_(self) -> str:
        import html

        body = "".join(
            f"<tr><td><code>{s.key}</code></td><td style='text-align:left'>{html.escape(s.kind)}</td>"
            f"<td style='text-align:left'>{html.escape(s.subject)}</td></tr>" for s in self.rows
        )
        return ("<table><thead><tr><th>Key</th><th style='text-align:left'>What it is (as the text itself says)</th>"
                f"<th style='text-align:left'>Main subject</th></tr></thead><tbody>{body}</tbody></table>")


def list_sources():
    """A table of the five documents: key, what kind of text, main subject."""
    return _Table(SOURCES)


class _Quoted:
    def __init__(self, src: Source):
        self.src = src
        self.text = source_text(src.key)

    def __repr__(self) -> str:
        note = CAPTURE_NOTES.get(self.src.key)
        head = f"--- source {self.src.key} (quoted as captured; file sources/{self.src.filename}) ---\n"
        return head + (f"[Note on the capture: {note}]\n" if note else "") + self.text

    def _repr_html_(self) -> str:
        import html

        # a box that scrolls takes the keyboard's focus (Tab, then the arrow keys scroll it) and says what it holds
        return (f"<div tabindex='0' role='region' aria-label='Source {self.src.key} (scrolls)' "
                "style='border-left:4px solid #999999;padding:0.3em 0.9em;max-height:28em;overflow:auto'>"
                f"<p><b>Source {self.src.key}</b> — {html.escape(self.src.kind)}. "
                f"<i>Quoted as captured, not the course's words.</i></p>"
                + (f"<p><b>Note on the capture:</b> {html.escape(CAPTURE_NOTES[self.src.key])}</p>"
                   if self.src.key in CAPTURE_NOTES else "")
                + f"<pre style='white-space:pre-wrap;font-family:inherit'>{html.escape(self.text)}</pre></div>")


def show_source(key: str | int):
    """Show one document's full text, marked as quoted material (key "000" to "004")."""
    return _Quoted(_find(key))
