"""What a class edition must not hold, written from the instructor's own bank and solution notebooks (never a list kept
by hand), and a scan of files for it.

For every exercise of a graded set, the needles are:

* its expected answer where it is written as an answer: ``var = value`` / ``check("qid", value)`` for every value
  the question accepts (its ``right=`` variants and its answer), and the answer's exact digits where they are
  distinctive (a number with four or more significant decimals) — except for a variant question, whose key is each
  student's own (its key functions are needles instead);
* every accepted or wrong variant that is distinctive text (a dictionary, a list, a function's source lines, text of
  eight characters or more that is not an option's own words);
* every message of feedback written for a particular answer (a wrong value, a wrong option), 30 characters or more;
* every hidden case (its line in the solution notebook, and each expected value with four or more significant
  decimals);
* every line of a model solution (between ``### BEGIN SOLUTION`` and ``### END SOLUTION``) that is not generic
  (12 characters or more, not a comment, not a bare name or ``...``);
* for a variant question, every line of its key and mistake functions in the bank.

``needles(slugs)`` returns them as ``Needle(qid, what, pattern)``; ``scan(paths, needles)`` returns the hits.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from pathlib import Path

from legpain.checking import bank
from legpain.checking.questions import Choice, Function, Match, MultiChoice, Number, Text
from legpain.common.layout import set_files
from legpain.common.markers import segments
from legpain.common.notebooks import COURSE_ROOT, cell_sources
from legpain.checking.exercise_set import hidden_cases_for


@dataclass(frozen=True)
class Needle:
    qid: str
    what: str
    pattern: re.Pattern

    def __repr__(self) -> str:
        return f"<{self.qid} {self.what}: {self.pattern.pattern[:80]}>"


def _lit(s: str) -> re.Pattern:
    return re.compile(re.escape(s))


def _distinctive_number(x) -> list[str]:
    """The ways a number with four or more significant decimals is written (repr, and rounded to 4-6 decimals)."""
    if isinstance(x, bool) or not isinstance(x, float):
        return []
    text = repr(x)
    digits = text.split(".")[-1] if "." in text else ""
    if len(digits.rstrip("0")) < 4 or "e" in text:
        return []
    out = {text}
    for d in (4, 5, 6):
        r = f"{x:.{d}f}".rstrip("0")
        if len(r.split(".")[-1]) >= 4:
            out.add(r)
    return sorted(out)


def _value_forms(v) -> list[str]:
    """How a value may be written in Python source."""
    if isinstance(v, str):
        return [repr(v), json.dumps(v)]
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        forms = {repr(v)}
        if isinstance(v, float) and v.is_integer():
            forms.add(repr(int(v)))
        return sorted(forms)
    try:
        return [repr(v)]
    except Exception:  # noqa: BLE001
        return []


def _answer_needles(q) -> list[Needle]:
    if getattr(q, "variant", None) is not None:
        return []  # each student's key is their own; the course's own numbers and order are the open course's
    out = []
    values = list(q.right)
    if isinstance(q, (Number, Choice)):
        values.append(q.answer)
    for v in values:
        if isinstance(q, Function):
            continue
        for form in _value_forms(v):
            if q.var:
                out.append(Needle(q.qid, "answer assigned", re.compile(rf"\b{re.escape(q.var)}\s*=\s*{re.escape(form)}(?![\w.])")))
            out.append(Needle(q.qid, "answer checked", re.compile(rf"check\(\s*['\"]{q.qid}['\"]\s*,\s*{re.escape(form)}(?![\w.])")))
    if isinstance(q, Number):
        for form in _distinctive_number(float(q.answer)):
            out.append(Needle(q.qid, "answer digits", re.compile(rf"(?<![\d.]){re.escape(form)}(?!\d)")))
    return out


def _variant_needles(q) -> list[Needle]:
    out = []
    words = set()
    for ws in (getattr(q, "texts", None) or {}).values():  # an option's own words are shown with the question
        words |= {re.sub(r"^(the|a|an) ", "", w.lower()) for w in ws}
    for v in list(q.right) + list(q.wrong):
        if isinstance(q, Function):
            for line in str(v).splitlines():
                line = line.strip()
                if len(line) >= 25 and not line.startswith("def "):
                    out.append(Needle(q.qid, "variant source", _lit(line)))
        elif isinstance(v, (dict, list, tuple, set)) and not isinstance(q, MultiChoice):
            out.append(Needle(q.qid, "variant", _lit(repr(v))))
        elif isinstance(v, str) and len(v.strip()) >= 8 and \
                re.sub(r"^(the|a|an) ", "", v.strip().lower()) not in words:
            out.append(Needle(q.qid, "variant text", _lit(v.strip())))
    return out


def _feedback_needles(q) -> list[Needle]:
    fb = getattr(q, "feedback", None) or {}
    return [Needle(q.qid, "feedback for an answer", _lit(str(m).strip())) for m in fb.values()
            if len(str(m).strip()) >= 30]


def _hidden_needles(slug: str) -> list[Needle]:
    out = []
    for qid, cases in hidden_cases_for(slug).items():
        for c in cases:
            for form in _flat_numbers(c.expected):
                out.append(Needle(qid, "hidden expected value", re.compile(rf"(?<![\d.]){re.escape(form)}(?!\d)")))
    sol = set_files(slug).solution
    for kind, src in cell_sources(json.loads(sol.read_text(encoding="utf-8"))):
        if kind != "code":
            continue
        for seg in segments(src, sol.name, 0):
            if isinstance(seg, str) or seg.what != "HIDDEN TESTS":
                continue
            for line in seg.lines:
                if line.strip() and len(line.strip()) >= 12:
                    out.append(Needle("hidden", "hidden case line", _lit(line.strip())))
    return out


def _flat_numbers(v) -> list[str]:
    if isinstance(v, (list, tuple)):
        return [f for x in v for f in _flat_numbers(x)]
    if isinstance(v, dict):
        return [f for x in v.values() for f in _flat_numbers(x)]
    return _distinctive_number(v)


_GENERIC = re.compile(r"^(\.\.\.|pass|return \w+|\w+|\w+ = \w+|[\])}]+,?|\"\"\"|''')$|[\[({]$")


def _solution_needles(slug: str) -> list[Needle]:
    """Lines of the model solutions, less those the author shows the student outside the markers as well (a
    skeleton in a comment, a formula in the prompt): those are public by the author's choice."""
    sol = set_files(slug).solution
    out, shown = [], set()
    sources = cell_sources(json.loads(sol.read_text(encoding="utf-8")))
    for kind, src in sources:
        for seg in (segments(src, sol.name, 0) if kind == "code" else [src]):
            if isinstance(seg, str):
                shown |= {line.strip().lstrip("#").strip() for line in seg.split("\n")}
    for kind, src in sources:
        if kind != "code":
            continue
        for seg in segments(src, sol.name, 0):
            if isinstance(seg, str) or seg.what != "SOLUTION":
                continue
            for line in seg.lines:
                s = line.strip()
                if len(s) < 12 or s.startswith("#") or _GENERIC.search(s) or s in shown:
                    continue
                out.append(Needle(slug[:2], "solution line", _lit(s)))
    return out


def _key_function_needles(slug: str) -> list[Needle]:
    """Lines of the key and mistake functions of the set's variant questions, as the bank module writes them."""
    a = bank.assignment(slug)
    path = Path(bank.__file__).parent / f"set{a.number:02d}.py"
    src = path.read_text(encoding="utf-8")
    tree = ast.parse(src)
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg in ("key", "mistakes", "right", "wrong") and \
                isinstance(node.value, (ast.Lambda, ast.Name)):
            seg = ast.get_source_segment(src, node.value) or ""
            if isinstance(node.value, ast.Name):  # a named function: its body
                for st in tree.body:
                    if isinstance(st, ast.FunctionDef) and st.name == node.value.id:
                        seg = ast.get_source_segment(src, st)
            for line in seg.splitlines():
                s = line.strip()
                if len(s) >= 20 and not s.startswith(("def ", "#")):
                    out.append(Needle("variant", f"{node.arg} function", _lit(s)))
    return out


def needles(slugs) -> list[Needle]:
    """Everything of the key of the graded sets ``slugs``, from the instructor's bank and solutions."""
    out: list[Needle] = []
    for slug in slugs:
        a = bank.assignment(slug)
        for q in a.exercises:
            if q.manual:
                continue
            out += _answer_needles(q) + _variant_needles(q) + _feedback_needles(q)
        out += _hidden_needles(slug) + _solution_needles(slug) + _key_function_needles(slug)
    seen, unique = set(), []
    for n in out:
        if n.pattern.pattern not in seen:
            seen.add(n.pattern.pattern)
            unique.append(n)
    return unique


def readable_files(folder: Path):
    """Every file under ``folder`` as text (binary files decoded with replacement; .git objects as git shows them
    is the caller's business)."""
    for p in sorted(Path(folder).rglob("*")):
        if p.is_file() and not p.is_symlink():
            try:
                yield p, p.read_bytes().decode("utf-8", "replace")
            except OSError:
                continue


def scan(texts, found_in: list[Needle]) -> list[tuple[str, Needle, str]]:
    """``texts``: (name, text) pairs. Returns (name, needle, the matching line) for every hit."""
    hits = []
    for name, text in texts:
        for n in found_in:
            m = n.pattern.search(text)
            if m:
                start = text.rfind("\n", 0, m.start()) + 1
                end = text.find("\n", m.end())
                hits.append((str(name), n, text[start:end if end != -1 else None][:200]))
    return hits


def structural_leaks(assignment) -> list[str]:
    """What a graded set's exercises in a class edition's bank still hold of a key (attributes, by name)."""
    out = []
    for q in assignment.exercises:
        if type(q).__name__ != "Sealed":
            out.append(f"{q.qid}: a {type(q).__name__}, not a Sealed question")
            continue
        for attr in ("answer", "feedback", "cases", "variant", "item_hints", "key", "mistakes", "low", "high"):
            if attr in vars(q):
                out.append(f"{q.qid}: has {attr}")
        for attr in ("right", "wrong"):
            if getattr(q, attr, ()):
                out.append(f"{q.qid}: declares {attr} variants")
    return out


__all__ = ["Needle", "needles", "scan", "readable_files", "structural_leaks", "COURSE_ROOT", "Text"]
