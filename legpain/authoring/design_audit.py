"""The learning-design audit that reads items, not labels (issue 26).

:mod:`legpain.authoring.objectives` says what each item is *meant* to do (its level, the demo it belongs to). This
module checks what an outside reader can see in the notebooks and the question bank themselves, so that a label
cannot make a figure look better than the course is:

1. **Higher-order items are not answered above them.** An item coded analyse or evaluate passes when its key is not
   stated in the cells above it (:func:`stated_above`), when it is auto-checked, it cannot be found by one retry
   (not a two-option choice), and a single-choice key is not a bare label that only a look-up could settle.
2. **Predictions are recorded, not judged, before their demo.** A demo's prediction check is a
   ``Prediction`` (:mod:`legpain.checking.questions`): every answer it can be given is *recorded* with no right or wrong
   (this module runs each option through the question's own judging). The lesson asks it before the demo cell and
   calls ``reveal("cN_M")`` after it, which shows the student's own prediction beside what happened. The prediction's
   key is not stated above it.
3. **Every demo has an explain check that needs the demo's output.** The check after the reveal has a key (a number,
   or the numbers and ids of a key option, or a short label such as "moderate") that the demo shows at the setting
   its prompt names (the demo's pure function is run at that setting and its text read:
   titles, labels, annotations, or the HTML it returns), and that no sentence above the check gives together with
   the words of the question (the reveal's text counts as above).
4. **Single-choice keys are not cued by length.** The share of single-answer choice items (lesson checks, predictions
   and exercises) whose key is the strictly longest option, by characters as printed in the notebook.
5. **Load.** Sentences of teaching text over 40 words; whether each lesson states its time as a range.

"Stated above" (:func:`stated_above`) is a reading rule, written so that anyone can redo it by hand: a sentence of the
cells above the item (markdown, code, and the text that the code cells print or draw, run in this process; a
question, ending in "?", states nothing) *states* the key when it holds at least 60% of the key's content words (all
of them when the key has one or two), at least one content word of the question's stem besides the key's own (three
when the key is that short, one of them a word of the stem that is rare above: in at most 2% of the sentences, or
three), and singles the key out: it holds the key's words clearly more (by 25 points) than those of every other
option; a multiple-answer key is stated when each of its options is, a matching key when a sentence names half of
its items with their values. A hand-graded item's key is its model answer: stated when half or more of its sentences are.
A number key is stated when a sentence above holds that number (citation markers such as [3] are not numbers) and
three content words of the stem (all of them if it has fewer). The rule cannot
see everything a reviewer sees (a stem that points to the flaw, a key that restates a rule the student has met in
another lesson); those remain the author's responsibility and the coding rule in objectives.py.

``tools/audit.py`` prints the figures; ``python -m legpain sync`` puts the per-lesson figures in the README table;
``tests/test_alignment.py`` holds the thresholds.
"""

from __future__ import annotations

import ast
import contextlib
import html as _html
import io
import os
import re
import textwrap
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..checking import bank
from ..checking.questions import Choice, Match, MultiChoice, Number, Text
from ..common.layout import set_files
from ..common.notebooks import COURSE_ROOT, lesson_paths, read
from . import objectives

__all__ = ["Asked", "asked", "stated_above", "higher_order", "predictions", "longest_keys", "long_sentences",
           "lesson_summary", "course_summary", "summary_note", "content_words", "sentences", "primer_coverage",
           "reviews", "objectives_at_level", "dropped", "time_range", "time_model", "has_glossary", "optional_part"]

# words that carry no content of their own, and the words every question uses ("which", "write the letter")
STOP = set("""a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each either few for from further had has have having he
her here hers him his how i if in into is it its itself just me more most my no nor not now of off on once only or
other our ours out over own same she should so some such than that the their them then there these they this those
through to too under until up very was we were what when where which while who whom why will with would you your
yours one first second write letter letters quotes like run cell
give number whole answer check demo predict expect before move set choose see read look shows show shown says say
question exercise lesson section point points here below following true many much""".split())

SHORT_KEY = 2  # a key with this many content words or fewer needs two stem words in the same sentence above
SHARE = 0.6  # the share of the key's content words a sentence must hold to state it
MARGIN = 0.25  # a multiple-answer key is singled out when its options beat every other option by this much
LONG_SENTENCE = 40  # words


def content_words(text: str) -> list[str]:
    """The content words of a text: lower case, numbers kept (``3.1``), a spinal level range kept whole (``l4-l5``:
    it names a disc, not two roots), stop words dropped, a plural 's' cut."""
    text = _html.unescape(text)
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text).lower()
    text = re.sub(r"\b([clts]\d{1,2})\s*[-/]\s*([clts]?\d{1,2})\b", r"\1_\2", text)
    text = re.sub(r"\b(\d{3})-(\d{2})\b", r"\1_\2", text)  # a claim id (002-15) names one claim, not a document
    words = []
    for w in re.findall(r"[a-z0-9_]+(?:\.[0-9]+)?", text):
        if w in STOP or (len(w) == 1 and not w.isdigit()):
            continue
        if len(w) > 3 and w.endswith("s") and not w.endswith("ss") and not w[-2].isdigit():
            w = w[:-1]
        words.append(w)
    return words


def sentences(text: str) -> list[str]:
    """Sentences of a text for the stated-above rule: table rows and list items are sentences of their own."""
    text = _html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = re.sub(r"\b(e\.g|i\.e|et al|vs|cf|Dr|no|Fig)\.", lambda m: m.group(0).replace(".", " "), text)
    out = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        for part in re.split(r"(?<=[.!?;])\s+(?=[A-Z(\"“'])", line):
            if part.strip():
                out.append(part.strip())
    return out


def _numbers(text: str) -> list[float]:
    text = re.sub(r"[\u2010-\u2015\u2212](?=\d)", "-", _html.unescape(text))
    text = re.sub(r"\[\d+(?:\s*[,–-]\s*\d+)*\]", " ", text)  # citation markers are not numbers of the text
    # nor are names with a number: RoB 2, CONSORT 2010, lesson 05, section 6, Demo 6.6, domain 4, item 8b
    text = re.sub(r"(?i)\b(RoB|CONSORT|SPIRIT|PRECIS|DISCERN|GRADE|OCEBM|NG|lessons?|sections?|demo|check|exercise|"
                  r"figure|table|items?|domains?|questions?|criterion|criteria|category|categories|version|level)"
                  r"[\s-]*\d+(?:\.\d+)?[a-z]?\b", " ", text)
    return [float(x.replace(",", "")) for x in re.findall(r"(?<![\w.\-])-?\d[\d,]*(?:\.\d+)?", text)]


# ---------------------------------------------------------------------------------------------- what is asked where


@dataclass
class Asked:
    """One question as a reader meets it: where it is asked, its prompt and options, and the text above it."""

    qid: str
    path: Path
    cell: int  # index of the cell that calls check()
    stem: str  # the question's own words, without its options
    options: dict[str, str]  # letter -> option text, as printed
    above: list[str] = field(default_factory=list)  # texts of everything above (sources and rendered outputs)
    given: object = None  # the question itself, for a question that is not in the bank (tests)

    @property
    def question(self):
        return self.given if self.given is not None else bank.question(self.qid)


_OPTION = re.compile(r"^\s*[-*]\s*\(([a-z])\)\s*(.+?)\s*$")
_HEAD = re.compile(r"^(?:#{2,4}\s*(?:Check|Demo|Explain|Review)|\*\*(?:Check|Exercise|Predict first|Recall|Explain|"
                   r"Review)\b|\*\*Exercise|\*\*[A-Z][^*\n]{0,60}\((?:Check|Exercise) \d+\.\d+\))", re.M)
_SKIP_RUN = re.compile(r"\bcheck\(|\bprogress\(|\bhidden_tests\(|\breveal\(|BEGIN SOLUTION|NotImplementedError|\.\.\.\s*#")


def _split_prompt(md: str) -> tuple[str, str, dict[str, str]]:
    """(teaching text before the question, the stem, the options) of the markdown cell that asks a question."""
    heads = list(_HEAD.finditer(md))
    before, q = (md[:heads[-1].start()], md[heads[-1].start():]) if heads else ("", md)
    options, stem_lines = {}, []
    for line in q.splitlines():
        m = _OPTION.match(line)
        if m:
            options[m.group(1)] = m.group(2)
        else:
            stem_lines.append(line)
    return before, "\n".join(stem_lines), options


def _text_of(out) -> str:
    """The text a displayed value shows: a figure's texts, a table's or card's HTML without tags, markdown."""
    if out is None:
        return ""
    if hasattr(out, "render") and hasattr(out, "controls"):  # a Demo: its starting picture
        try:
            out = out.render()
        except Exception:  # noqa: BLE001 - a picture that cannot be drawn shows nothing
            return ""
    if hasattr(out, "findobj") and hasattr(out, "savefig"):
        import matplotlib.text as mtext

        return "\n".join(t.get_text() for t in out.findobj(mtext.Text) if t.get_text().strip())
    for attr in ("_repr_markdown_", "_repr_html_"):
        if hasattr(out, attr):
            try:
                shown = str(getattr(out, attr)() or "")
                shown = re.sub(r"(?i)<(?:/tr|/p|/div|/li|br\s*/?|/h\d|/caption|/figcaption|/summary)>", "\n", shown)
                return re.sub(r"<[^>]+>", " ", shown)
            except Exception:  # noqa: BLE001
                return ""
    return repr(out)


def _run_cells(sources: list[str]) -> list[str]:
    """What each code cell shows, run in this process in order (cells that check answers or run the grader are
    skipped, and so are cells that fail): the printed text and the displayed value's text."""
    import matplotlib

    matplotlib.use("Agg")
    os.environ.setdefault("LEGPAIN_HEADLESS", "1")
    shown: list[str] = []
    ns: dict = {}
    exec("from legpain import *", ns)  # noqa: S102 - the course's own setup cell
    for src in sources:
        if _SKIP_RUN.search(src) or "time_methods" in src:
            shown.append("")
            continue
        buf = io.StringIO()
        text = ""
        try:
            tree = ast.parse(src)
            with contextlib.redirect_stdout(buf):
                if tree.body and isinstance(tree.body[-1], ast.Expr):
                    exec(compile(ast.Module(tree.body[:-1], []), "<cell>", "exec"), ns)  # noqa: S102
                    text = _text_of(eval(compile(ast.Expression(tree.body[-1].value), "<cell>", "eval"), ns))
                else:
                    exec(compile(tree, "<cell>", "exec"), ns)  # noqa: S102
        except Exception:  # noqa: BLE001 - a cell that needs the student's input shows nothing here
            pass
        shown.append(buf.getvalue() + "\n" + text)
    try:
        import matplotlib.pyplot as plt

        plt.close("all")
    except Exception:  # noqa: BLE001
        pass
    return shown


@lru_cache(maxsize=None)
def _notebook_texts(path: Path) -> tuple[tuple[str, str, str], ...]:
    """(cell type, source, what it shows) for every cell of a notebook; instructor-only cells are left out."""
    nb = read(path)
    cells = [(c.cell_type, c.source, tuple(c.metadata.get("tags", ()))) for c in nb.cells]
    code = [src for kind, src, _ in cells if kind == "code"]
    shown = iter(_run_cells(code))
    out = []
    for kind, src, tags in cells:
        text = next(shown) if kind == "code" else ""
        if "instructor-only" in tags:
            src, text = "", ""
        if kind == "code":
            src = re.sub(r"### BEGIN SOLUTION.*?### END SOLUTION", " ", src, flags=re.S)
        out.append((kind, src, text))
    return tuple(out)


_CHECK = re.compile(r"""\bcheck\(\s*["']([qc]\d+_\d+)["']""")


@lru_cache(maxsize=None)
def asked() -> dict[str, Asked]:
    """Every question the notebooks ask, by id: lesson checks from the lessons, exercises from the solutions (the
    whole lesson counts as above an exercise)."""
    out: dict[str, Asked] = {}
    for path in lesson_paths():
        cells = _notebook_texts(path)
        _collect(out, path, cells, prefix=[], want="c")
        sol = set_files(path.stem).solution
        if sol.exists():
            whole = [t for _, src, shown in cells for t in (src, shown) if t]
            _collect(out, sol, _notebook_texts(sol), prefix=whole, want="q")
    return out


def _collect(out: dict, path: Path, cells, prefix: list[str], want: str) -> None:
    for i, (kind, src, _shown) in enumerate(cells):
        if kind != "code":
            continue
        for qid in _CHECK.findall(src):
            if not qid.startswith(want) or qid in out:
                continue
            j = next((k for k in range(i - 1, -1, -1) if cells[k][0] == "markdown"), None)
            before, stem, options = _split_prompt(cells[j][1]) if j is not None else ("", "", {})
            above = list(prefix)
            for k in range(0, j if j is not None else i):
                above += [cells[k][1], cells[k][2]]
            above.append(before)
            out[qid] = Asked(qid, path, i, stem, options, [a for a in above if a and a.strip()])


# ---------------------------------------------------------------------------------------------- the reading rule


def _share(key: list[str], sent: set[str]) -> float:
    return sum(w in sent for w in key) / len(key) if key else 0.0


def stated_above(a: Asked, extra_above: list[str] = ()) -> str:
    """The sentence above the item that states its key, or "" when none does (the rule is in the module docstring)."""
    q = a.question
    stem = set(content_words(a.stem))
    texts = list(a.above) + list(extra_above)
    sents = [(s, set(content_words(s))) for t in texts for s in sentences(t)
             if not s.rstrip("*_ )").endswith("?") and not _OPTION.match(s)]  # questions and options state nothing
    if isinstance(q, Number):
        target = float(q.answer)
        tol = max(q.tol, 1e-9)
        words_of_stem = {w for w in stem if not re.fullmatch(r"[\d.]+", w)}
        need = min(3, len(words_of_stem))
        for s, words in sents:
            if any(abs(n - target) <= tol for n in _numbers(s)) and len(words_of_stem & words) >= need:
                return s
        return ""
    keys: list[list[str]] = []
    others: list[list[str]] = []
    if isinstance(q, (Choice, MultiChoice)):
        right = {q.answer} if isinstance(q, Choice) else set(q.answer)
        for letter, text in a.options.items():
            (keys if letter in right else others).append(content_words(text))
        if not keys:
            return ""
    elif isinstance(q, Match):
        # an item is stated when one sentence names the item and its value; the key, when half its items are
        values = {k: (v if isinstance(v, tuple) else (v,)) for k, v in q.answer.items()}
        hits = 0
        for k, vs in values.items():
            item = set(content_words(str(k).replace("_", " ")))
            for v in vs:
                if not isinstance(v, str):
                    continue
                vw = content_words(v)
                if any(item <= words and _share(vw, words) >= SHARE and stem & words for _s, words in sents):
                    hits += 1
                    break
        return f"{hits} of {len(values)} items named with their value" if values and hits * 2 >= len(values) else ""
    elif isinstance(q, Text):
        model = _model_answer(a)
        keys = [content_words(s) for s in sentences(model) if len(content_words(s)) >= 4]
        hits = [next((s for s, words in sents if _share(k, words) >= SHARE and stem & words), "") for k in keys]
        hits = [h for h in hits if h]
        return hits[0] if keys and len(hits) * 2 >= len(keys) else ""
    found = []
    df: dict[str, int] = {}
    for _s, words in sents:
        for w in words:
            df[w] = df.get(w, 0) + 1
    rare = {w for w in stem if df.get(w, 0) <= max(3, len(sents) // 50)}
    for key in keys:
        hit = _stating(key, stem, others, sents, rare) if key else ""
        if hit and not isinstance(q, MultiChoice):
            return hit
        found.append(hit)
    # a multiple-answer key is a set: it is stated when every one of its options is
    return found[0] if isinstance(q, MultiChoice) and found and all(found) else ""


def _stating(key: list[str], stem: set[str], others: list[list[str]], sents, rare: set[str] = frozenset()) -> str:
    """The first sentence that states one key (option), or "" (see :func:`stated_above`)."""
    own = stem - set(key)  # the stem's words that are not the key's own
    short = len(key) <= SHORT_KEY
    need_stem = min(3, len(own)) if short else 1
    for s, words in sents:
        share = _share(key, words) if not short else float(all(w in words for w in key))
        if share < SHARE or len(own & words) < need_stem:
            continue
        if short and own & rare and not (own & rare & words):
            continue  # a label next to common words of the course: the sentence is not about this case
        if any(share - _share(o, words) < MARGIN for o in others if o):
            continue  # the sentence names the other options as much: it does not single the key out
        return s
    return ""


def _model_answer(a: Asked) -> str:
    """The model answer of a hand-graded exercise, from its solution cell."""
    nb = read(a.path)
    src = nb.cells[a.cell].source
    m = re.search(r"### BEGIN SOLUTION(.*?)### END SOLUTION", src, re.S)
    return m.group(1) if m else ""


def _single_answer(a: Asked) -> bool:
    return isinstance(a.question, Choice)


# ---------------------------------------------------------------------------------------------- 1. higher order


@dataclass
class HigherOrder:
    qid: str
    level: str
    auto: bool
    problems: list[str]

    @property
    def honest(self) -> bool:
        return not self.problems


@lru_cache(maxsize=None)
def higher_order() -> tuple[HigherOrder, ...]:
    """Every item coded analyse or evaluate, with what a reader finds wrong with it (nothing, for an honest one)."""
    rank = objectives.level_rank("analyse")
    seen = asked()
    out = []
    for it in objectives.items().values():
        if objectives.level_rank(it.level) < rank:
            continue
        q = bank.question(it.id)
        problems = []
        a = seen.get(it.id)
        if a is None:
            problems.append("not asked in any notebook")
        else:
            if s := stated_above(a):
                problems.append(f"key stated above: {s[:90]!r}")
            if not q.manual and _single_answer(a):
                problems.append(f"one answer among {len(q.options)} options: retries find it")
        out.append(HigherOrder(it.id, it.level, not q.manual, problems))
    return tuple(out)


# ---------------------------------------------------------------------------------------------- 2-3. demos


@dataclass
class DemoReport:
    id: str
    predict: str | None
    explain: str | None
    problems: list[str]

    @property
    def complete(self) -> bool:
        return not self.problems


def _demo_cell(path: Path, did: str) -> int | None:
    cells = _notebook_texts(path)
    at = next((i for i, (k, s, _) in enumerate(cells) if k == "markdown" and f"### Demo {did}" in s), None)
    if at is None:
        return None
    return next((i for i in range(at, len(cells)) if cells[i][0] == "code" and "demo(" in cells[i][1]), None)


def _demo_output(path: Path, cell: int, setting: dict) -> str:
    """The demo's text at a setting: its cell is run (with the cells above it) and the demo drawn there."""
    cells = _notebook_texts(path)
    ns: dict = {}
    exec("from legpain import *", ns)  # noqa: S102
    src = cells[cell][1]
    tree = ast.parse(src)
    exec(compile(ast.Module(tree.body[:-1], []), "<demo>", "exec"), ns)  # noqa: S102
    d = eval(compile(ast.Expression(tree.body[-1].value), "<demo>", "eval"), ns)
    return _text_of(d.render(**setting))


def _key_tokens(q, a: Asked) -> list[str]:
    """The values an explain check's key consists of: the number (as the question asks for it), or the numbers and
    ids in the key option's text."""
    if isinstance(q, Number):
        return [f"{q.answer:g}"]
    if isinstance(q, Choice):
        text = a.options.get(q.answer, "")
        tokens = re.findall(r"-?\d+(?:\.\d+)?|\b[A-Z]{1,3}\d[\w-]*", text)
        if not tokens and 0 < len(content_words(text)) <= SHORT_KEY:
            tokens = [re.sub(r"[*_`]", "", text).strip().rstrip(".")]  # a short label the demo prints ("moderate")
        return tokens
    return []


def _shows(output: str, q, tokens: list[str]) -> bool:
    if isinstance(q, Number):
        return any(abs(n - float(q.answer)) <= max(q.tol, 1e-9) for n in _numbers(output))
    return bool(tokens) and all(re.search(rf"(?<![\w.]){re.escape(t)}(?![\w]|\.\d)", output, re.I) for t in tokens)


@lru_cache(maxsize=None)
def predictions() -> tuple[DemoReport, ...]:
    """Every declared demo: is its prediction recorded without judgement before it, revealed after it, and followed
    by an explain check whose key only the demo shows?"""
    seen = asked()
    out = []
    for d in objectives.demos().values():
        lesson = int(d.id.split(".")[0])
        path = next(p for p in lesson_paths() if int(p.name[:2]) == lesson)
        cells = _notebook_texts(path)
        problems = []
        cell = _demo_cell(path, d.id)
        if cell is None:
            problems.append("no demo cell under its heading")
            out.append(DemoReport(d.id, d.predict, d.explain, problems))
            continue
        pa = seen.get(d.predict or "")
        pq = bank.question(d.predict) if d.predict else None
        if pa is None or pq is None:
            problems.append("no prediction check")
        else:
            if getattr(pq, "kind", "") != "prediction":
                problems.append(f"{d.predict} is judged at once (a {type(pq).__name__}), not recorded")
            else:
                for letter in pq.options:
                    res = pq.judge(pq.capture(letter))
                    said = res.message.replace(pq.words(letter), "")  # the student's own option, echoed
                    if res.status != "predicted" or re.search(r"correct|not quite|✔|✘|wrong|right", said, re.I):
                        problems.append(f"{d.predict} judges option {letter!r}: {res.status}")
                        break
            if pa.cell > cell:
                problems.append(f"{d.predict} is asked after the demo")
            if s := stated_above(pa):
                problems.append(f"prediction answered above: {s[:80]!r}")
        reveal_at = next((i for i, (k, s, _) in enumerate(cells)
                          if k == "code" and re.search(rf"""\breveal\(\s*["']{d.predict}["']""", s or "")), None)
        if reveal_at is None or reveal_at < cell:
            problems.append("no reveal after the demo")
        ea = seen.get(d.explain or "")
        if ea is None:
            problems.append("no explain check")
        else:
            eq = ea.question
            if ea.cell < (reveal_at or cell):
                problems.append(f"{d.explain} comes before the reveal")
            tokens = _key_tokens(eq, ea)
            if not tokens:
                problems.append(f"{d.explain}: its key is not a value a demo can show")
            else:
                try:
                    shown = _demo_output(path, cell, dict(d.at))
                except Exception as exc:  # noqa: BLE001
                    shown = ""
                    problems.append(f"the demo cannot be drawn at {d.at}: {exc}")
                if shown and not _shows(shown, eq, tokens):
                    problems.append(f"{d.explain}: the demo does not show {tokens} at {d.at}")
                extra = [getattr(pq, "outcome", "")]
                own_picture = cells[cell][2]  # what the demo shows at its start is the demo, not text above
                ea_text = Asked(ea.qid, ea.path, ea.cell, ea.stem, ea.options,
                                [t for t in ea.above if t != own_picture], ea.given)
                if s := stated_above(ea_text, extra):
                    problems.append(f"{d.explain}: answered above: {s[:80]!r}")
        out.append(DemoReport(d.id, d.predict, d.explain, problems))
    return tuple(out)


# ---------------------------------------------------------------------------------------------- 4. key length


def _printed_options(qid: str) -> dict[str, str]:
    """The options ``ask(qid)`` prints for a variant single-choice question (its public draws, in the course's own
    lettering): what a student reads, though the notebook's markdown does not hold them."""
    import importlib

    try:
        draws = importlib.import_module(f"legpain.checking.draws.set{int(qid[1:].split('_')[0]):02d}")
    except ImportError:
        return {}
    public = getattr(draws, "PUBLIC", {}).get(qid)
    return dict(getattr(public, "options", None) or {})


@lru_cache(maxsize=None)
def longest_keys() -> tuple[tuple[str, bool], ...]:
    """(question id, key is the strictly longest option) for every single-answer choice the notebooks print."""
    out = []
    for qid, a in sorted(asked().items()):
        q = a.question
        options = a.options or _printed_options(qid)  # a variant's options are printed by ask(), from its draws
        if not isinstance(q, Choice) or q.answer not in options or len(options) < 2:
            continue
        key = len(options[q.answer])
        rest = [len(t) for letter, t in options.items() if letter != q.answer]
        out.append((qid, key > max(rest)))
    return tuple(out)


# ---------------------------------------------------------------------------------------------- 5. load


def _teaching_text(md: str) -> str:
    """A lesson markdown cell's teaching text: no references, tables, code, formulas, option lines or navigation."""
    md = md.split("## References")[0]
    md = re.sub(r"```.*?```", " ", md, flags=re.S)
    md = re.sub(r"\$\$.*?\$\$", " ", md, flags=re.S)
    md = re.sub(r"\$[^$\n]+\$", " formula ", md)
    md = re.sub(r"`[^`]+`", " CODE ", md)  # one word; capitalised, so that a sentence may start with it
    md = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", md)
    md = re.sub(r"<!--.*?-->", " ", md, flags=re.S)
    lines = [ln for ln in md.splitlines() if not ln.lstrip().startswith("|") and not _OPTION.match(ln)]
    return "\n".join(lines)


def _words(s: str) -> int:
    return len(re.findall(r"[A-Za-z0-9][\w'’.,%-]*", s))


@lru_cache(maxsize=None)
def long_sentences(limit: int = LONG_SENTENCE) -> tuple[tuple[str, str], ...]:
    """(lesson, sentence) for every sentence of teaching text with more than ``limit`` words: markdown of the
    lessons, without references, tables, code and options; list items are sentences of their own."""
    out = []
    for path in lesson_paths():
        for c in read(path).cells:
            if c.cell_type != "markdown" or "navigation: made by" in c.source:
                continue
            text = _teaching_text(c.source)
            for block in re.split(r"\n\s*\n|\n(?=\s*(?:[-*]|\d+\.)\s)", text):
                block = " ".join(block.split())
                block = re.sub(r"^([-*]|\d+\.|>)\s+", "", block)
                protected = re.sub(r"\b(e\.g|i\.e|et al|vs|cf|Dr|no|Fig|approx)\.", lambda m: m.group(0)[:-1] + "·",
                                   block)
                protected = re.sub(r"(\d)\.(\d)", r"\1·\2", protected)
                for s in re.split(r"(?<=[.!?])\s+(?=[A-Z(\"“*'0-9])|(?<=[.!?]\*\*)\s+", protected):
                    if _words(s) > limit:
                        out.append((path.name[:2], s.replace("·", ".")))
    return tuple(out)


# The reviewer's time model (../shared/reviews/pedagogy-second-edition.md, section 6), per lesson and its exercise set:
# reading at 200 (fluent) or 150 (novice) words a minute, over the lesson's markdown, the text its code cells show and
# the exercise set's markdown and shown text (practice texts included); plus, fluent / novice, per lesson check 1 / 2
# minutes, per demo 2 / 3 (the rating demos longer), per auto-checked exercise 2 / 3, per function exercise 10 / 20,
# per hand-graded point 4 / 6.
_DEMO_MINUTES = {"3.3": (5, 8), "9.2": (10, 15), "9.3": (6, 9)}


def time_model(lesson: int) -> tuple[int, int]:
    """(fluent, novice) minutes for a lesson with its exercise set, by the model above, rounded to 5."""
    from ..checking.questions import Function

    path = next(p for p in lesson_paths() if int(p.name[:2]) == lesson)
    words = 0
    for kind, src, shown in _notebook_texts(path):
        if "navigation: made by" in src:
            continue
        if kind == "markdown":
            words += len(src.split())
        words += len(shown.split())
    sol = set_files(path.stem).solution
    exercises = []
    if sol.exists():
        for kind, src, shown in _notebook_texts(sol):
            if kind == "markdown":
                words += len(src.split())
            words += len(shown.split())
        exercises = list(bank.assignment(lesson).exercises)
    checks = list(bank.assignment(lesson).checks)
    demos = [d for d in objectives.demos().values() if int(d.id.split(".")[0]) == lesson]
    lo = words / 200 + len(checks)
    hi = words / 150 + 2 * len(checks)
    for d in demos:
        a, b = _DEMO_MINUTES.get(d.id, (2, 3))
        lo, hi = lo + a, hi + b
    for q in exercises:
        if q.manual:
            lo, hi = lo + 4 * q.points, hi + 6 * q.points
        elif isinstance(q, Function):
            lo, hi = lo + 10, hi + 20
        else:
            lo, hi = lo + 2, hi + 3
    return int(5 * round(lo / 5)), int(5 * round(hi / 5))


_RANGE = re.compile(r"(?i)estimated time:?\**\s*(?:about\s+)?(\d+)\s*[–-]\s*(\d+)\s*min")


def has_glossary(path: Path) -> bool:
    """A lesson has a cell headed "Glossary" for its new terms."""
    return any(c.cell_type == "markdown" and re.match(r"^#{2,3} Glossary", c.source) for c in read(path).cells)


def optional_part(path: Path) -> bool:
    """The lesson's first cell marks an optional part with its own time ("optional: ... N–M minutes")."""
    first = next(c.source for c in read(path).cells if c.cell_type == "markdown")
    return bool(re.search(r"(?i)optional[^\n]*?\d+\s*[–-]\s*\d+\s*min", first))


def time_range(path: Path) -> tuple[int, int] | None:
    first = next(c.source for c in read(path).cells if c.cell_type == "markdown")
    m = _RANGE.search(first)
    return (int(m.group(1)), int(m.group(2))) if m else None


# ---------------------------------------------------------------------------------------------- summaries


def dropped() -> frozenset:
    """The items coded analyse or evaluate that a reader finds answered above them, or findable by retries: they do
    not count towards an objective's level here."""
    return frozenset(h.qid for h in higher_order() if not h.honest)


def objectives_at_level(lesson: int | None = None) -> tuple[int, int, list[str]]:
    """(objectives assessed at their level by items that pass the reading checks, objectives, those below)."""
    oids = objectives.objective_ids(lesson)
    st = {o: objectives.status(o, dropped()) for o in oids}
    return sum(v == "aligned" for v in st.values()), len(oids), [o for o, v in st.items() if v != "aligned"]


def lesson_summary(lesson: int) -> dict:
    ho = [h for h in higher_order() if int(re.match(r"[qc](\d+)_", h.qid).group(1)) == lesson]
    dm = [d for d in predictions() if int(d.id.split(".")[0]) == lesson]
    keys = [k for qid, k in longest_keys() if int(re.match(r"[qc](\d+)_", qid).group(1)) == lesson]
    path = next(p for p in lesson_paths() if int(p.name[:2]) == lesson)
    aligned, n_obj, below = objectives_at_level(lesson)
    return {
        "aligned": aligned, "objectives": n_obj, "below": below,
        "higher": len(ho), "honest": sum(h.honest for h in ho), "honest_auto": sum(h.honest and h.auto for h in ho),
        "demos": len(dm), "poe": sum(d.complete for d in dm),
        "choices": len(keys), "longest": sum(keys),
        "long_sentences": sum(1 for n, _ in long_sentences() if int(n) == lesson),
        "range": time_range(path),
    }


def course_summary() -> dict:
    ho = higher_order()
    keys = longest_keys()
    dm = predictions()
    aligned, n_obj, below = objectives_at_level()
    return {
        "aligned": aligned, "objectives": n_obj, "below": below,
        "higher": len(ho), "honest": sum(h.honest for h in ho), "honest_auto": sum(h.honest and h.auto for h in ho),
        "demos": len(dm), "poe": sum(d.complete for d in dm),
        "choices": len(keys), "longest": sum(k for _, k in keys),
        "long_sentences": len(long_sentences()),
        "ranges": sum(time_range(p) is not None for p in lesson_paths()), "lessons": len(lesson_paths()),
        "glossaries": sum(has_glossary(p) for p in lesson_paths()),
        "optional_marked": [p.name[:2] for p in lesson_paths() if optional_part(p)],
    }


def summary_note(lesson: int) -> str:
    """One line for the README lesson table: the figures a reader can check in this lesson's items."""
    s = lesson_summary(lesson)
    c = objectives.coverage(lesson)
    parts = [f"{s['aligned']}/{s['objectives']} objectives assessed at their level",
             f"{c['checks']} checks, {c['exercises']} exercises"]
    parts += [f"{s['honest']} honest analyse/evaluate items ({s['honest_auto']} auto-checked)"
             + (f" of {s['higher']} coded so" if s["higher"] != s["honest"] else "")]
    if s["demos"]:
        parts.append(f"{s['poe']}/{s['demos']} demos predict–observe–explain")
    if s["choices"]:
        parts.append(f"key longest in {s['longest']} of {s['choices']} single-choice items")
    parts.append(f"{s['long_sentences']} sentences over {LONG_SENTENCE} words")
    return "; ".join(parts)


# ---------------------------------------------------------------------------------------------- the primer


def _constructs(tree: ast.AST) -> set[str]:
    """The Python constructs a piece of code uses, in the words of lesson 00's primer."""
    found: set[str] = set()
    calls = {"all": "all() and any()", "any": "all() and any()", "len": "len()", "sum": "sum()",
             "enumerate": "enumerate()", "zip": "zip()", "range": "range()", "round": "round()",
             "sorted": "sorted()", "min": "min() and max()", "max": "min() and max()"}
    methods = {"append": ".append()", "get": "a dictionary's .get()", "setdefault": ".setdefault()",
               "sqrt": "math.sqrt()", "count": ".count()", "items": "a dictionary's .items()"}
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.Lambda)):
            found.add("def and return")
            if any(isinstance(n, ast.FunctionDef) for n in ast.walk(node) if n is not node):
                found.add("a function inside a function")
        elif isinstance(node, (ast.If, ast.IfExp)):
            found.add("if, elif and else" if isinstance(node, ast.If) else "a one-line if (x if c else y)")
        elif isinstance(node, ast.Compare):
            for op in node.ops:
                found.add("in and not in" if isinstance(op, (ast.In, ast.NotIn)) else "comparisons (==, !=, <, >)")
        elif isinstance(node, ast.For):
            found.add("for loops")
            if isinstance(node.target, ast.Tuple):
                found.add("a for loop over pairs")
        elif isinstance(node, (ast.GeneratorExp, ast.ListComp)):
            found.add("for inside brackets (all(x == 1 for x in xs))")
        elif isinstance(node, ast.AugAssign):
            found.add("+= (add to a total)")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
            found.add("** (power)")
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            found.add("import")
        elif isinstance(node, ast.Dict):
            found.add("dictionaries")
            if any(isinstance(v, (ast.Dict, ast.List)) for v in node.values):
                found.add("a dictionary of lists or dictionaries")
        elif isinstance(node, ast.Subscript):
            if isinstance(node.slice, ast.Slice):
                found.add("slicing ([:k])")
            elif isinstance(node.value, ast.Subscript):
                found.add("a dictionary of lists or dictionaries")
            else:
                found.add("indexing ([0], [key])")
        elif isinstance(node, ast.Call):
            f = node.func
            if isinstance(f, ast.Name) and f.id in calls:
                found.add(calls[f.id])
            elif isinstance(f, ast.Attribute) and f.attr in methods:
                found.add(methods[f.attr])
        elif isinstance(node, ast.List):
            found.add("lists")
        elif isinstance(node, ast.Tuple) and isinstance(getattr(node, "ctx", None), ast.Store):
            found.add("two names at once (a, b = ...)")
    return found


def _function_solutions() -> dict[str, str]:
    """Question id -> the model solution of every function exercise (and lesson check), from the notebooks."""
    from ..checking.questions import Function

    out = {}
    for path in [set_files(p.stem).solution for p in lesson_paths()] + list(lesson_paths()):
        if not path.exists():
            continue
        for c in read(path).cells:
            if c.cell_type != "code":
                continue
            for qid in _CHECK.findall(c.source):
                if isinstance(bank.question(qid), Function) and "BEGIN SOLUTION" in c.source:
                    out[qid] = c.source
    return out


def _primer_section() -> str:
    path = lesson_paths()[0]
    cells = read(path).cells
    texts = [c.source for c in cells]
    start = next((i for i, s in enumerate(texts) if re.search(r"^## \d+\. The Python you need", s, re.M)), None)
    if start is None:
        return ""
    end = next((i for i in range(start + 1, len(texts)) if re.match(r"^## (?!\d+\. The Python)", texts[i])),
               len(texts))
    return "\n\n".join(texts[start:end])


def _code_of(text: str) -> str:
    """The Python in a piece of the primer: fenced blocks of markdown, inline code that parses, and code cells."""
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    blocks += [m for m in re.findall(r"`([^`\n]+)`", text)]
    return blocks


def primer_coverage() -> dict[str, list[str]]:
    """Function exercise id -> the constructs its model solution uses that lesson 00's primer does not show in code,
    and, under the key "error messages", whether the primer teaches how to read one (an empty list when it does)."""
    primer = _primer_section()
    taught: set[str] = set()
    for block in _code_of(primer):
        try:
            taught |= _constructs(ast.parse(textwrap.dedent(block)))
        except SyntaxError:
            continue
    out = {}
    for qid, src in sorted(_function_solutions().items()):
        body = re.search(r"### BEGIN SOLUTION(.*?)### END SOLUTION", src, re.S).group(1)
        head = src.split("### BEGIN SOLUTION")[0]
        code = "\n".join(ln for ln in (head + "\n" + textwrap.indent(textwrap.dedent(body), "    ")).splitlines()
                         if not ln.strip().startswith("#"))
        try:
            needed = _constructs(ast.parse(code))
        except SyntaxError:
            needed = {"(the solution does not parse)"}
        out[qid] = sorted(needed - taught)
    errors = bool(re.search(r"(?i)error message", primer) and "Traceback" in primer)
    out["error messages"] = [] if errors else ["how to read an error message"]
    return out


# ---------------------------------------------------------------------------------------------- cumulative reviews


def reviews() -> dict[str, list[str]]:
    """Part -> what a reader finds wrong with its cumulative review (nothing, for a good one): a review section at the
    end of the part's last lesson, whose items mix at least three lessons of the course (one of them at least three
    lessons back), at least half of them apply a procedure (apply or above), and whose number keys are new (not in
    any lesson cell above the review)."""
    out = {}
    seen = asked()
    for part, (lesson, qids) in objectives.REVIEWS.items():
        problems = []
        path = next(p for p in lesson_paths() if int(p.name[:2]) == lesson)
        cells = [c.source for c in read(path).cells]
        at = next((i for i, s in enumerate(cells) if re.search(r"^## Review\b", s, re.M)), None)
        if at is None:
            problems.append("no review section")
        elif any(re.match(r"^## \d+\.", s) for s in cells[at + 1:]):
            problems.append("the review is not at the end of the lesson")
        items = [objectives.items().get(q) for q in qids]
        if any(i is None for i in items) or any(q not in seen for q in qids):
            problems.append("an item is not declared or not asked")
            out[part] = problems
            continue
        lessons = {int(c.split(".")[0]) for it in items for c in it.serves}
        if len(lessons) < 3:
            problems.append(f"mixes only lessons {sorted(lessons)}")
        if not any(lesson - n >= 3 for n in lessons) and lesson >= 3:
            problems.append("reaches back fewer than three lessons")
        applied = sum(objectives.level_rank(it.level) >= objectives.level_rank("apply") for it in items)
        if applied * 2 < len(items):
            problems.append(f"only {applied} of {len(items)} items apply a procedure")
        for q in qids:
            a = seen[q]
            if isinstance(a.question, Number) and stated_above(a):
                problems.append(f"{q}: its number is in the lesson above")
        out[part] = problems
    return out
