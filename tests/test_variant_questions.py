"""Each student's own numbers (issue 23): the variant questions of the bank, drawn for 1,000 student ids.

For every variant question (numbers drawn per student, or the option order of a single choice):

* the same id always gives the same numbers and order (and another salt, other numbers);
* every id's numbers lie within the ranges the question states (its public part), and its option order is a
  permutation of the options;
* every id has one right answer, which the question's usual-mistake generator never produces (each mistake is
  judged wrong, outside the tolerance), and the declared right variants are judged right;
* the notebook (what ``ask()`` shows: :class:`legpain.checking.variants.Shown`) and the grader (the question it
  judges with: :func:`legpain.checking.variants.for_student`) agree for every id;
* item analysis maps answers given to different numbers back to one canonical answer or error kind.

Also counted here: at least a third of the auto-checked exercises of the ten sets are variant questions.
"""

from __future__ import annotations

import itertools
import subprocess
import sys

import pytest

from legpain.checking import bank, identity, variants
from legpain.checking.questions import Choice, Number
from legpain.checking.scoring import judge_set
from legpain.checking.variants import Shown, answer_kind, for_student, is_variant, numbers, order, public_spec

from helpers import ROOT

IDS = [f"student{i:04d}" for i in range(1000)]
VARIANTS = [q for s in bank.slugs() for q in bank.assignment(s).exercises if is_variant(q)]
SALT = "test-salt"


def test_a_third_of_the_auto_checked_exercises_are_variant_questions():
    """Counted from the bank: variant questions among the auto-checked exercises of the ten sets."""
    auto = [q for s in bank.slugs() for q in bank.assignment(s).exercises if not q.manual]
    assert len(bank.slugs()) == 10
    assert 3 * len(VARIANTS) >= len(auto), f"{len(VARIANTS)} of {len(auto)}"
    print(f"{len(VARIANTS)} of {len(auto)} auto-checked exercises are variant questions")


def test_the_same_id_gives_the_same_numbers_and_another_salt_others():
    """Drawing twice (and in a fresh process) gives the same numbers and order; ids are read without case and
    surrounding spaces; another salt gives another draw for most ids."""
    for q in VARIANTS:
        spec = q.variant.public
        for sid in IDS[:50]:
            assert numbers(spec, sid, SALT) == numbers(spec, sid, SALT) == numbers(spec, f" {sid.upper()} ", SALT)
            assert order(spec, sid, SALT) == order(spec, sid, SALT)
    code = ("from legpain.checking import bank, variants; q = bank.question('q5_7'); "
            "print(variants.numbers(q.variant.public, 'ana', 'test-salt'))")
    fresh = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert fresh.strip() == str(numbers(bank.question("q5_7").variant.public, "ana", SALT))
    spec = bank.question("q3_1").variant.public
    differ = sum(numbers(spec, sid, SALT) != numbers(spec, sid, "other-salt") for sid in IDS[:100])
    assert differ > 90


@pytest.mark.parametrize("q", VARIANTS, ids=lambda q: q.qid)
def test_1000_ids_numbers_in_range_order_a_permutation_one_right_answer(q):
    """For 1,000 ids: numbers within the stated ranges; option order a permutation; the key judged right, every
    declared right variant right, every usual mistake (and every other option) judged wrong."""
    spec = q.variant.public
    for sid in IDS:
        c = for_student(q, sid, SALT)
        for name, (lo, hi) in spec.ranges.items():
            assert lo <= c.numbers[name] <= hi, (q.qid, sid, name, c.numbers[name])
        if spec.options:
            assert sorted(order(spec, sid, SALT)) == sorted(spec.options)
        judge = lambda v: c.judge(c.capture(v))  # noqa: E731
        assert judge(c.answer).status == "correct"
        for v in c.right:
            assert judge(v).status == "correct", (q.qid, sid, v)
        if isinstance(c, Number):
            for kind, value, _ in q.variant.mistakes(c.numbers):
                assert abs(value - c.answer) > c.tol + 1e-9, (q.qid, sid, kind, value, c.answer)
                assert judge(value).status != "correct"
                assert answer_kind(c, value).startswith("mistake: ")
        else:
            others = [o for o in c.options if o != c.answer]
            assert len(others) == len(c.options) - 1
            for o in others:
                assert judge(o).status == "incorrect"


def test_every_minimization_table_tells_every_patient_apart():
    """Exercise 4.3's tables (the public pool): for each of the four possible new patients, the key is not zero
    (Exercise 4.4 has one right arm) and no usual mistake gives it."""
    from legpain.checking.bank import set04
    from legpain.checking.draws import set04 as public

    for table, signs, age in itertools.product(public.TABLES, ("with", "without"), ("under_50", "50_and_over")):
        n = dict(zip(public.COUNTS, table), signs=signs, age=age)
        key = set04._total_difference(n)
        assert key != 0
        assert all(value != key for _, value, _ in set04._minimization_slips(n)), (table, signs, age)


@pytest.mark.parametrize("q", VARIANTS, ids=lambda q: q.qid)
def test_the_notebook_and_the_grader_agree_for_every_id(q):
    """What ask() shows a student (numbers, options in their order) is what the grader judges them on: the same
    numbers, and the option shown under the key's letter is the course's right option."""
    spec = public_spec(q.qid)
    assert spec is q.variant.public
    for sid in IDS:
        shown, c = Shown(spec, sid, SALT), for_student(q, sid, SALT)
        assert shown.numbers == c.numbers
        if spec.options:
            right = q.variant.kwargs.get("answer") or q.variant.key(c.numbers)
            assert dict(shown.options())[c.answer] == spec.options[right]
            assert shown.letter(right) == c.answer


def test_an_id_from_the_environment_the_hub_or_the_course_folder(monkeypatch, tmp_path):
    """The id: LEGPAIN_STUDENT, else JUPYTERHUB_USER, else the course folder's .legpain-student; none in the open
    course (the course's own numbers)."""
    for var in ("LEGPAIN_STUDENT", "JUPYTERHUB_USER"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(identity, "id_file", lambda: tmp_path / ".legpain-student")
    assert identity.student_id() == ""
    identity.set_student("Dee")
    assert identity.student_id() == "Dee"
    monkeypatch.setenv("JUPYTERHUB_USER", "cy")
    assert identity.student_id() == "cy"
    monkeypatch.setenv("LEGPAIN_STUDENT", "ben")
    assert identity.student_id() == "ben"
    q = bank.question("q3_1")
    assert for_student(q, "").answer == q.answer == pytest.approx(100 * 179 / 192)


def test_judging_a_set_uses_the_students_own_numbers():
    """judge_set with a student id: that student's key counts, a classmate's does not."""
    q = bank.question("q5_7")
    ana, ben = for_student(q, "ana", SALT), for_student(q, "ben", SALT)
    assert abs(ana.answer - ben.answer) > 1
    cap = lambda v: {"q5_7": {"state": "answered", "value": v}}  # noqa: E731
    slug = "05-results-and-what-they-mean"
    assert judge_set(slug, cap(round(ana.answer, 1)), public=False, student="ana", salt=SALT).results[6].status == \
        "correct"
    assert judge_set(slug, cap(round(ben.answer, 1)), public=False, student="ana", salt=SALT).results[6].status == \
        "incorrect"


def test_item_analysis_counts_answers_in_the_courses_own_terms():
    """Three students with different numbers give their own right answer, their own whole-width slip and their own
    option (c) in their order: the item analysis shows one group each ('right', 'mistake: the whole width',
    'option (c)'), not three different values."""
    from legpain.grading import Outcome
    from legpain.grading.intake import Item
    from legpain.grading.item_analysis import analyse

    slug = "05-results-and-what-they-mean"
    a = bank.assignment(slug)
    outcomes = []
    for i, sid in enumerate(["ana", "ben", "cy", "dee", "eve", "fay"]):
        c7 = for_student(bank.question("q5_7"), sid, SALT)
        c2 = for_student(bank.question("q5_2"), sid, SALT)
        slips = {kind: value for kind, value, _ in bank.question("q5_7").variant.mistakes(c7.numbers)}
        value = c7.answer if i % 2 == 0 else slips["the whole width"]
        captured = {"q5_7": {"state": "answered", "value": value},
                    "q5_2": {"state": "answered", "value": Shown(c2.variant.public, sid, SALT).letter("c")}}
        o = Outcome(Item(sid, None, f"{sid}.ipynb"))
        o.full = judge_set(slug, captured, public=False, student=sid, salt=SALT)
        o.captured, o.salt = captured, SALT
        outcomes.append(o)
    stats = {st.qid: st for st in analyse(a, outcomes)}
    groups = {g.text: g.count for g in stats["q5_7"].groups}
    assert groups["right"] == 3 and groups["mistake: the whole width"] == 3
    assert [(g.text, g.count, g.correct) for g in stats["q5_2"].groups] == [("option (c)", 6, True)]
    assert stats["q5_7"].difficulty == pytest.approx(0.5)
    whole = next(g for g in stats["q5_7"].groups if g.text == "mistake: the whole width")
    assert whole.has_feedback and "whole width" in whole.feedback


def test_option_order_is_a_uniform_looking_permutation():
    """Over 1,000 ids every option of a four-option question comes first about a quarter of the time."""
    spec = bank.question("q9_2").variant.public
    firsts = [order(spec, sid, SALT)[0] for sid in IDS]
    for letter in "abcd":
        assert 180 <= firsts.count(letter) <= 320, firsts.count(letter)


def test_a_class_edition_off_the_hub_asks_once_and_remembers(monkeypatch, tmp_path):
    """In a class edition without a hub user or a saved id, the id is asked for once (input()), saved in the
    course folder's .legpain-student, and read from there afterwards; where nobody can answer, the course's own
    numbers are used rather than the notebook hanging."""
    from legpain.checking import edition

    for var in ("LEGPAIN_STUDENT", "JUPYTERHUB_USER"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(identity, "id_file", lambda: tmp_path / ".legpain-student")
    monkeypatch.setattr(edition, "EDITION", "class")
    asked = []
    monkeypatch.setattr("builtins.input", lambda prompt="": asked.append(prompt) or "  zoe ")
    assert identity.student_id() == "zoe" and identity.student_id() == "zoe"
    assert len(asked) == 1 and (tmp_path / ".legpain-student").read_text().strip() == "zoe"
    (tmp_path / ".legpain-student").unlink()

    def no_stdin(prompt=""):
        raise EOFError

    monkeypatch.setattr("builtins.input", no_stdin)
    assert identity.student_id() == ""
