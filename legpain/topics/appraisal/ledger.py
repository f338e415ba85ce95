"""The claim ledger (``legpain/topics/data/ledger.json``): reading the claim records, selecting them, and checking
that every record is well formed and quotes its document verbatim (lessons 07–08)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from ..sources import source_text
from .styles import KINDS, SOURCE_KEYS, VERDICTS


__all__ = [
    "ledger", "claims", "claim", "validate_ledger", "verdict_matrix",
]


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


