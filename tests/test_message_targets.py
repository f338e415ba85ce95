"""Every place that a hint or feedback message of sets 01-02 sends a student to exists, and is named, not counted.

A message may send a student to a section of a lesson, a demo, a block of a demo's panel, a figure or a check. Such
places move: lesson 02 gained a section (so "section 4" came to mean another table) and Demo 2.4's panel gained a
block (so "its third line" came to mean the movement, not the reflex). So messages name a section by its heading
(``the section “Tests at the bedside”``) and a block by its heading (``the block “Reflex that may be reduced”``),
never by position, and these tests read the headings from the lesson notebooks and the blocks from
``roots.EXPLORER_HEADINGS`` (the headings ``roots.root_explorer`` draws), so that a renamed heading, a renumbered
demo or a removed check fails here instead of in front of a student.

The messages read: every question's hint, low/high hints, per-value and per-option feedback, item hints and function
case hints (sets 01 and 02), the "which root?" quiz's clues and answers (lesson 02's Demo 2.8), and the markdown
of the two exercise sets (the prompts students read).
"""

from __future__ import annotations

import re

import pytest

from legpain.checking import bank
from legpain.common import notebooks
from legpain.topics import nerve_roots as roots
from legpain.common.layout import set_files

from helpers import ROOT

SETS = ("01", "02")
_LESSONS = {p.name[:2]: p for p in notebooks.lesson_paths(ROOT)}


def _markdown(path) -> list[str]:
    return [c.source for c in notebooks.read(path).cells if c.cell_type == "markdown"]


def headings(lesson: str) -> list[str]:
    """The lesson's markdown headings (##, ###), with a leading section number such as "3. " removed."""
    out = []
    for src in _markdown(_LESSONS[lesson]):
        for line in src.splitlines():
            m = re.match(r"#{2,4}\s+(.*\S)", line)
            if m:
                out.append(re.sub(r"^\d+\.\s+", "", m.group(1)))
    return out


def lesson_text(lesson: str) -> str:
    return "\n".join(_markdown(_LESSONS[lesson]))


def _question_texts(q) -> list[str]:
    texts = [q.hint, getattr(q, "low", ""), getattr(q, "high", "")]
    texts += [str(v) for v in getattr(q, "feedback", {}).values()]
    texts += [str(v) for v in getattr(q, "item_hints", {}).values()]
    texts += [c.hint for c in getattr(q, "cases", ())]
    return [t for t in texts if t]


def messages(slug: str) -> list[tuple[str, str]]:
    """(where, text) for every message of a set that can send a student somewhere."""
    a = bank.assignment(slug)
    out = [(q.qid, t) for q in a.exercises + a.checks for t in _question_texts(q)]
    for i, src in enumerate(_markdown(set_files(a.slug).solution), 1):
        out.append((f"exercise set {slug}, markdown cell {i}", src))
    if slug == "02":
        for i, case in enumerate(roots.QUIZ, 1):
            for key in ("clue", "right", "note"):
                if case.get(key):
                    out.append((f"quiz patient {i} ({key})", case[key]))
            for pick, text in case.get("wrong", {}).items():
                out.append((f"quiz patient {i} (wrong {pick})", text))
    return out


ALL = [(slug, where, text) for slug in SETS for where, text in messages(slug)]
_IDS = [f"{slug}:{where}" for slug, where, _ in ALL]


def _target_lesson(slug: str, text: str, start: int, end: int) -> str:
    """The lesson a section reference points into: "lesson 01, the section “…”" or "the section “…” of lesson 00"
    name it; otherwise it is the set's own lesson."""
    before = re.search(r"\blesson (\d\d),? (?:the )?$", text[:start], re.I)
    after = re.match(r" of lesson (\d\d)\b", text[end:], re.I)
    return (before or after).group(1) if (before or after) else slug


def test_the_messages_are_found():
    """The collection reads the messages that name places (so the tests below are not vacuous)."""
    joined = " ".join(t for _, _, t in ALL)
    assert len(re.findall(r"section “", joined)) >= 30
    assert len(re.findall(r"block “", joined)) >= 4
    assert "Demo 2.4" in joined and "Figure 1.3" in joined
    q23, q24, c25 = bank.question("q2_3"), bank.question("q2_4"), bank.question("c2_5")
    assert all("block “" in h for h in list(q23.item_hints.values()) + list(q24.item_hints.values()))
    assert all("block “" in t for t in c25.feedback.values())


@pytest.mark.parametrize("slug, where, text", ALL, ids=_IDS)
def test_no_message_counts_positions(slug, where, text):
    """No 'section 4' and no 'third line': a place is named by its heading, because numbers and positions drift."""
    assert not re.search(r"\bsections? \d", text, re.I), f"{where}: name the section's heading, not its number: {text!r}"
    assert not re.search(r"\b(first|second|third|fourth|fifth|last) (line|block|row|paragraph)\b", text, re.I), \
        f"{where}: name the block's heading, not its position: {text!r}"


@pytest.mark.parametrize("slug, where, text", ALL, ids=_IDS)
def test_every_named_section_is_a_heading_of_its_lesson(slug, where, text):
    """Each section “…” a message names is (part of) a heading of the lesson it points into."""
    for m in re.finditer(r"section “([^”]+)”", text):
        lesson = _target_lesson(slug, text, m.start(), m.end())
        assert any(m.group(1) in h for h in headings(lesson)), \
            f"{where}: lesson {lesson} has no heading containing {m.group(1)!r}; its headings: {headings(lesson)}"


@pytest.mark.parametrize("slug, where, text", ALL, ids=_IDS)
def test_every_named_demo_figure_and_check_exists(slug, where, text):
    """Each Demo N.M, Figure N.M and Check N.M a message names is in lesson N."""
    for kind, num in re.findall(r"\b(Demo|Figure|Check) (\d+\.\d+)\b", text):
        lesson = f"{int(num.split('.')[0]):02d}"
        body = lesson_text(lesson)
        if kind == "Demo":
            assert any(h.startswith(f"Demo {num}:") for h in headings(lesson)), f"{where}: no Demo {num} in lesson {lesson}"
        elif kind == "Figure":
            assert f"**Figure {num}**" in body, f"{where}: no Figure {num} in lesson {lesson}"
        else:
            assert re.search(rf"Check {re.escape(num)}\b", body), f"{where}: no Check {num} in lesson {lesson}"


@pytest.mark.parametrize("slug, where, text", ALL, ids=_IDS)
def test_every_named_block_is_a_block_of_the_root_explorer(slug, where, text):
    """Each block “…” a message names is a heading of Demo 2.4's panel, and the message is about Demo 2.4."""
    for m in re.finditer(r"block “([^”]+)”", text):
        assert m.group(1) in roots.EXPLORER_HEADINGS, \
            f"{where}: Demo 2.4 has no block {m.group(1)!r}; its blocks: {roots.EXPLORER_HEADINGS}"
        assert "Demo 2.4" in text, f"{where}: names a block without saying which demo it is in"


def test_demo_2_4_is_the_root_explorer():
    """The demo that the block hints name, Demo 2.4, is the cell that shows roots.root_explorer."""
    cells = notebooks.read(_LESSONS["02"]).cells
    current = None
    for c in cells:
        if c.cell_type == "markdown":
            m = re.search(r"^### (Demo \d+\.\d+)", c.source, re.M)
            current = m.group(1) if m else current
        elif "roots.root_explorer" in c.source:
            assert current == "Demo 2.4", current
            return
    pytest.fail("lesson 02 shows no roots.root_explorer")


@pytest.mark.parametrize("root, heading, words", [
    ("S1", "Reflex that may be reduced", "ankle jerk"),
    ("L4", "Reflex that may be reduced", "knee jerk"),
    ("L5", "Reflex that may be reduced", "No reliable standard reflex"),
    ("L4", "Movement that may be weak", "straightening the knee"),
    ("L5", "Movement that may be weak", "lifting the big toe"),
    ("S1", "Movement that may be weak", "standing on tiptoe"),
])
def test_each_block_of_the_panel_shows_what_its_heading_says(root, heading, words):
    """In the drawn panel, the words under a heading are that block's: the reflex under the reflex heading (the hint
    of Exercise 2.3 and Check 2.5), the movement under the movement heading (the hint of Exercise 2.4)."""
    fig = roots.root_explorer(root)
    texts = [t.get_text() for t in fig.axes[1].texts]
    i = texts.index(heading)
    assert words in texts[i + 1], (root, heading, texts[i + 1])
    update = roots.root_explorer("L2")
    update.legpain_update(root)
    texts = [t.get_text() for t in update.axes[1].texts]
    assert words in texts[texts.index(heading) + 1], "after a live update"


def test_the_checks_catch_a_drifted_message():
    """The rules fail on the kind of message that drifted in the second edition."""
    assert re.search(r"\bsections? \d", "Use the table in section 4 of the lesson.")
    assert re.search(r"\b(first|second|third) (line|block)\b", "read its third line (the reflex)")
    assert not any("Numb or tingling area" in h for h in headings("02"))
    assert not any("Three kinds of leg pain" in h for h in headings("01"))
