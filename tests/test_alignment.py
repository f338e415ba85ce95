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
def test_read_figures_are_in_the_readme(n):
    """The README lesson table shows each lesson's figures as read from its items (python -m legpain sync)."""
    from legpain.authoring import design_audit

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert design_audit.summary_note(n) in readme


def test_audit_script_prints_the_at_a_glance_figures():
    """tools/audit.py runs on the current files and prints one row per lesson and the course totals."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, str(ROOT / "tools" / "audit.py")], capture_output=True, text=True,
                         timeout=120, check=True).stdout
    rows = [ln for ln in out.splitlines() if re.match(r"^\| \d\d \|", ln)]
    assert len(rows) == len(LESSONS) and "| **course** |" in out
    assert "FK grade" in out and "demos without follow-up" in out
    assert "| measure | read from the items | how the audit obtains it |" in out
    for measure in ("analyse/evaluate items", "objectives assessed at their level", "predictions before demos",
                    "cumulative reviews", "Python primer", "single-choice keys", "reading load"):
        assert f"| {measure} |" in out, measure


# ------------------------------------------------------------------------------------------ the reading rules


def _stated(q, stem, options, above):
    from legpain.authoring import design_audit

    return design_audit.stated_above(design_audit.Asked(q.qid, ROOT, 0, stem, options, above, given=q))


def test_stated_above_finds_a_paraphrased_key_and_a_look_up():
    """A key whose words stand in one sentence above, with the stem's words, is 'stated above'; a question above
    states nothing; a sentence that names every option does not single the key out."""
    from legpain.checking.questions import Choice, MultiChoice, Number

    q = Choice("c99_1", answer="b", options="abc")
    opts = {"a": "Y is more trustworthy than X", "b": "The counts depend on which sentences were entered as checkable",
            "c": "X is worse because it makes more claims"}
    stem = "Which conclusion do these counts of checkable claims support?"
    assert _stated(q, stem, opts, ["What it cannot show. The counts depend on which sentences were entered as "
                                   "checkable, and a short text has fewer claims."])
    assert not _stated(q, stem, opts, ["Do the counts depend on which sentences were entered as checkable?"])
    assert not _stated(q, stem, opts, ["A ledger lists claims. Verdicts are judgements."])
    roots = Choice("c99_2", answer="a", options="abcd")
    ropts = {"a": "L4", "b": "L5", "c": "S1", "d": "L3"}
    rstem = "A far-lateral herniation at L4-L5 presses on which root?"
    assert _stated(roots, rstem, ropts, ["Put simply, an L4-L5 far lateral disc produces a L4 root syndrome."])
    assert not _stated(roots, rstem, ropts, ["You will give the numb area of an L3, L4, L5 or S1 root problem."])
    n = Number("c99_3", answer=103, whole=True)
    nstem = "How many more adverse events were reported with pregabalin than with placebo?"
    assert not _stated(n, nstem, {}, ["227 adverse events were reported with pregabalin and 124 with placebo."])
    assert _stated(n, nstem, {}, ["That is 103 more adverse events with pregabalin."])
    m = MultiChoice("c99_4", answer=["a", "c"], options="abc")
    mopts = {"a": "identification as a randomised trial in the title", "b": "the interventions for each group",
             "c": "harms in each group"}
    mstem = "Which of these CONSORT items does the abstract not report?"
    assert not _stated(m, mstem, mopts, ["CONSORT items: identification as a randomised trial in the title; the "
                                         "interventions for each group; harms in each group."])


def test_the_primer_measure_reads_the_constructs_of_code():
    """The construct reader names loops, +=, .append, all(), in and dictionaries of lists in a piece of code."""
    import ast

    from legpain.authoring.design_audit import _constructs

    found = _constructs(ast.parse("def f(xs):\n    t = {'a': []}\n    n = 0\n    for x in xs:\n        n += 1\n"
                                  "        t['a'].append(x)\n    return all([x in xs for x in xs])\n"))
    for c in ("def and return", "for loops", "+= (add to a total)", ".append()", "all() and any()", "in and not in",
              "a dictionary of lists or dictionaries"):
        assert c in found, c


def test_long_sentences_are_counted_in_teaching_text_only():
    """Sentences of more than 40 words are found in the lessons' markdown; references and tables are left out."""
    from legpain.authoring import design_audit

    for lesson, sentence in design_audit.long_sentences():
        assert len(sentence.split()) > 35 and not sentence.lstrip().startswith("|"), sentence


def test_syllable_counter_on_course_words():
    """The readability measure's syllable heuristic gets common course words right."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("audit", ROOT / "tools" / "audit.py")
    audit = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(audit)
    for word, n in {"spine": 1, "nerve": 1, "leg": 1, "disc": 1, "trial": 2, "lumbar": 2, "patient": 2,
                    "evidence": 3, "vertebra": 3, "allocation": 4}.items():
        assert audit.syllables(word) == n, word


# ------------------------------------------------------------------------------------------ the figures, held (issue 26)


def test_higher_order_items_are_honest_and_enough():
    """At least 12 analyse/evaluate items pass the reading checks, 8 of them auto-checked, and every item coded
    analyse or evaluate passes them (a label the items do not earn fails the test)."""
    from legpain.authoring import design_audit

    ho = design_audit.higher_order()
    bad = [f"{h.qid}: {'; '.join(h.problems)}" for h in ho if not h.honest]
    assert not bad, "re-code these at their real level, or fix them: " + " | ".join(bad)
    assert sum(h.honest for h in ho) >= 12 and sum(h.honest and h.auto for h in ho) >= 8


def test_no_objective_is_assessed_below_its_level_by_honest_items():
    """Every objective is assessed at its level when only the items that pass the reading checks count."""
    from legpain.authoring import design_audit

    aligned, total, below = design_audit.objectives_at_level()
    assert below == [] and aligned == total


def test_single_choice_keys_are_not_cued_by_length():
    """No more than 35% of single-answer choice keys are the strictly longest option, as printed in the notebooks."""
    from legpain.authoring import design_audit

    keys = design_audit.longest_keys()
    assert len(keys) >= 100
    assert sum(k for _, k in keys) <= 0.35 * len(keys), [q for q, k in keys if k]


def test_a_matching_key_is_stated_only_with_its_items():
    """A sentence that names the verdicts in general does not state a matching key; one that names the items with
    their values does."""
    from legpain.authoring import design_audit
    from legpain.checking.questions import Match

    q = Match("c99_5", answer={"s2": "accurate", "s9": "unsupported or unverifiable"})
    stem = "Give a verdict for sentences s2 and s9 of the practice text."
    legend = ["Legend: OK accurate: 4; UNSUPPORTED unsupported or unverifiable: 8."]
    assert not design_audit.stated_above(design_audit.Asked(q.qid, ROOT, 0, stem, {}, legend, given=q))
    told = ["For the practice text: s2 is accurate, and s9 is unsupported or unverifiable."]
    assert design_audit.stated_above(design_audit.Asked(q.qid, ROOT, 0, stem, {}, told, given=q))


def test_the_primer_covers_every_construct_of_the_function_exercises():
    """Lesson 00's primer shows, in code, every Python construct that the function exercises' model solutions use,
    and how to read an error message (a Traceback, read from the bottom)."""
    from legpain.authoring import design_audit

    missing = {q: m for q, m in design_audit.primer_coverage().items() if m}
    assert not missing, missing


def test_predict_observe_explain_for_every_demo():
    """Every demo's prediction is recorded without a right or wrong before it, revealed after it, and followed by an
    explain check whose key the demo shows at the setting the check names and no sentence above states."""
    from legpain.authoring import design_audit

    bad = [f"Demo {d.id}: {'; '.join(d.problems)}" for d in design_audit.predictions() if not d.complete]
    assert not bad, bad
    assert len(design_audit.predictions()) == len(alignment.demos()) >= 23


def test_each_part_ends_with_a_mixed_review():
    """Anatomy (lesson 02), trial (06) and appraisal (09) each end with a cumulative review of several lessons."""
    from legpain.authoring import design_audit

    rev = design_audit.reviews()
    assert set(rev) == {"anatomy", "trial", "appraisal"} and all(not v for v in rev.values()), rev


def test_reading_load():
    """No sentence of teaching text over 40 words; every lesson states its time as a range (fluent, novice) within
    15% of the reviewer's model and has a glossary; lessons 02 and 09 mark their optional part with its own time."""
    from legpain.authoring import design_audit

    assert design_audit.long_sentences() == ()
    for n, path in LESSONS.items():
        stated = design_audit.time_range(path)
        assert stated, f"lesson {n:02d} states no time range"
        lo, hi = design_audit.time_model(n)
        assert abs(stated[0] - lo) <= 0.15 * lo and abs(stated[1] - hi) <= 0.15 * hi, (n, stated, (lo, hi))
        assert design_audit.has_glossary(path), f"lesson {n:02d} has no glossary"
    assert {"02", "09"} <= {p.name[:2] for p in LESSONS.values() if design_audit.optional_part(p)}
