"""Constructive alignment (legpain/authoring/objectives.py): every objective is assessed at the level its verb asks for."""

import re

import pytest

from legpain.authoring import objectives as alignment
from legpain.checking import bank
from legpain.common import notebooks

from helpers import ROOT

LESSONS = {int(p.name[:2]): p for p in notebooks.lesson_paths()}


def _bank_ids() -> set[str]:
    return {q.qid for s in bank.slugs() for q in bank.assignment(s).exercises + bank.assignment(s).checks}


def test_objectives_match_the_lessons_first_cells():
    """Each lesson's objective bullets get ids 'N.1', 'N.2', ... and every clause's verb is a coded verb."""
    for n, path in LESSONS.items():
        info = notebooks.lesson_info(path)
        assert alignment.objective_ids(n) == [f"{n}.{i}" for i in range(1, len(info.objectives) + 1)], path.name
    for c in alignment.clauses().values():
        assert c.level in alignment.LEVELS


def test_every_item_exists_in_the_bank_and_serves_real_clauses():
    """Every declared item id is a question in the bank, with a known level and known clause ids."""
    ids = _bank_ids()
    known = set(alignment.clauses())
    for it in alignment.items().values():
        assert it.id in ids, f"{it.id} is declared in legpain/authoring/objectives.py but is not in the question bank"
        assert it.level in alignment.LEVELS, it.id
        assert set(it.serves) <= known, f"{it.id} serves unknown clauses {set(it.serves) - known}"


def test_every_bank_question_is_declared():
    """A new check or exercise must say which objectives it serves and at what level."""
    missing = sorted(_bank_ids() - set(alignment.items()))
    assert not missing, f"declare these in legpain/authoring/objectives.py (_ITEMS): {missing}"


def test_every_objective_has_an_item_at_its_level():
    """No clause without an item, and none whose best item sits below the Bloom level of its verb."""
    assert alignment.gaps() == []
    assert all(alignment.status(o) == "aligned" for o in alignment.objective_ids())


def test_demos_exist_and_each_has_a_prediction_and_a_follow_up():
    """Every 'Demo N.M' of a lesson is declared; its prediction check comes before the demo's cell, its follow-up after it."""
    ids = _bank_ids()
    declared = set(alignment.demos())
    found = set()
    for n, path in LESSONS.items():
        nb = notebooks.read(path)
        cells = nb.cells
        for i, c in enumerate(cells):
            if c.cell_type == "markdown":
                for m in re.finditer(rf"### Demo ({n}\.\d+)", c.source):
                    found.add(m.group(1))
        d_here = [d for d in alignment.demos().values() if int(d.id.split(".")[0]) == n]
        text = [c.source for c in cells]
        for d in d_here:
            at = next(i for i, s in enumerate(text) if f"### Demo {d.id}" in s)
            assert d.predict in ids and d.predict.startswith("c"), f"Demo {d.id}: prediction {d.predict!r}"
            assert d.follow_up in ids, f"Demo {d.id}: follow-up {d.follow_up!r}"
            code_at = next(i for i in range(at, len(cells)) if cells[i].cell_type == "code" and "demo(" in cells[i].source)
            before = "\n".join(text[:code_at])
            assert f'check("{d.predict}"' in before, f"Demo {d.id}: {d.predict} is not asked before the demo"
            if d.follow_up.startswith("c"):
                after = "\n".join(text[code_at:])
                assert f'check("{d.follow_up}"' in after, f"Demo {d.id}: {d.follow_up} does not follow it"
    assert found == declared


def test_recall_checks_open_lessons_02_to_09_from_two_lessons_back():
    """2-3 recall checks at the start of lessons 02-09, on objectives of lessons at least two back."""
    ids = _bank_ids()
    for n in range(2, 10):
        rec = alignment.RECALL.get(n, ())
        assert 2 <= len(rec) <= 3, f"lesson {n:02d}: {len(rec)} recall checks"
        src = [c.source for c in notebooks.read(LESSONS[n]).cells]
        first_section = next(i for i, s in enumerate(src) if re.search(r"^## 1\.", s, re.M))
        opening = "\n".join(src[:first_section + 1]).split("## 1.")[0]
        for qid in rec:
            assert qid in ids and qid.startswith(f"c{n}_"), qid
            assert f'check("{qid}"' in opening, f"{qid} does not open lesson {n:02d}"
            served = alignment.items()[qid].serves
            assert served and all(int(c.split(".")[0]) <= n - 2 for c in served), f"{qid} serves {served}"


@pytest.mark.parametrize("n", sorted(LESSONS))
def test_coverage_note_is_in_the_readme(n):
    """The README lesson table shows each lesson's coverage line (python -m legpain sync)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert alignment.coverage_note(n) in readme


def test_audit_script_prints_the_at_a_glance_figures():
    """tools/audit.py runs on the current files and prints one row per lesson and the course totals."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, str(ROOT / "tools" / "audit.py")], capture_output=True, text=True,
                         timeout=120, check=True).stdout
    rows = [ln for ln in out.splitlines() if re.match(r"^\| \d\d \|", ln)]
    assert len(rows) == len(LESSONS) and "| **course** |" in out
    assert "FK grade" in out and "demos without follow-up" in out


def test_syllable_counter_on_course_words():
    """The readability measure's syllable heuristic gets common course words right."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("audit", ROOT / "tools" / "audit.py")
    audit = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(audit)
    for word, n in {"spine": 1, "nerve": 1, "leg": 1, "disc": 1, "trial": 2, "lumbar": 2, "patient": 2,
                    "evidence": 3, "vertebra": 3, "allocation": 4}.items():
        assert audit.syllables(word) == n, word
