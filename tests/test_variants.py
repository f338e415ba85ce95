"""Every auto-checked question's declared variants, run through the four paths a student's answer can take.

Each question in the bank declares ``right`` variants (answers a careful student could write) and ``wrong`` variants
(common mistakes). Here every variant goes through:

1. ``check()`` — what the student sees under the cell;
2. ``check_all()`` — the table at the end of an exercise notebook (the answers ``check()`` recorded);
3. the grader's judging — :func:`legpain.checking.student.collect_answers` then :func:`legpain.checking.scoring.judge_set` with the
   hidden cases of the solution notebook;
4. real runs over generated exercise notebooks: one grading run per exercise set (:func:`legpain.grading.grade`,
   right and wrong variants as separate submissions), and ``progress()``'s path (:func:`legpain.grading.run_public`).

A right variant earns full marks on every path; a wrong one does not (for a function, already on the cases a student
can see, and again with the hidden cases), and its feedback does not contain the expected answer (for a function: of
a hidden case; a failing case the student can see shows the value returned against the one expected, issue 28). The feedback rules of issue 11 are tested over every bank at the end of this file.
"""

from __future__ import annotations

import json
import re
import textwrap

import numpy as np
import pytest

import legpain
from legpain.checking import bank, student as checks
from legpain.common import notebooks
from legpain.authoring.assign import hidden_cases
from legpain.common.layout import set_files
from legpain.checking.questions import Choice, Function, Match, MultiChoice, Number

from helpers import ROOT

SLUGS = bank.slugs()
# predictions are recorded, not judged, when checked: tests/test_predictions.py runs their variants through reveal()
QUESTIONS = [q for s in SLUGS for q in bank.assignment(s).exercises + bank.assignment(s).checks
             if not q.manual and q.kind != "prediction"]
EXERCISES = {s: [q for q in bank.assignment(s).exercises if not q.manual] for s in SLUGS}


def _slug_of(q) -> str:
    return bank.assignment(int(re.match(r"[qc](\d+)_", q.qid).group(1))).slug


_HIDDEN: dict[str, dict] = {}


def hidden_for(slug: str) -> dict:
    """The hidden cases of a set, read from its solution notebook (as the grader reads them)."""
    if slug not in _HIDDEN:
        _HIDDEN[slug] = hidden_cases(notebooks.read(set_files(slug).solution), slug)
    return _HIDDEN[slug]


def answer_of(q, variant):
    """The live answer a variant stands for: a function is defined from its source text."""
    if isinstance(q, Function):
        ns: dict = {}
        exec(compile(variant, f"<variant of {q.qid}>", "exec"), ns)  # noqa: S102 - the bank's own variants
        return ns[q.name]
    return variant


def source_of(q, variant) -> str:
    """The notebook cell a student would write for a variant."""
    if isinstance(q, Function):
        return variant + f"\n\ncheck({q.qid!r}, {q.name})\n"
    lit = _literal(variant)
    return ("import numpy as np\n" if "np." in lit else "") + f"check({q.qid!r}, {lit})\n"


def _literal(v) -> str:
    if isinstance(v, set):
        return "{" + ", ".join(sorted(repr(x) for x in v)) + "}"
    return repr(v)


def all_text(res) -> str:
    return " ".join([res.message] + list(res.details))


def _ids(q):
    return q.qid


# --------------------------------------------------------------------------------------------- declarations


def test_every_auto_checked_question_declares_variants():
    """At least 4 variants per question, with right and wrong ones, so that every question is tried both ways."""
    few = [f"{q.qid}: {len(q.right)} right, {len(q.wrong)} wrong" for q in QUESTIONS
           if not q.right or not q.wrong or len(q.right) + len(q.wrong) < 4]
    assert not few, "questions without enough declared variants: " + "; ".join(few)


def test_function_variants_cover_the_common_numeric_bugs():
    """percent_improvement's wrong variants include rounding to a whole number, integer division and swapped
    arguments, and at least one public case has a result that is not whole (so rounding cannot pass)."""
    q = bank.question("q0_3")
    wrong = "\n".join(q.wrong)
    assert "round(100" in wrong and "//" in wrong and "(follow_up - baseline) / follow_up" in wrong
    assert any(isinstance(c.expected, float) and c.expected != round(c.expected) for c in q.cases)
    assert any(isinstance(exp, float) and exp != round(exp) for args, exp in
               [(c.args, c.expected) for c in hidden_for("00-start-here")["q0_3"]])


# --------------------------------------------------------------------------------------------- path 1: check()


def _judge_live(q, answer, hidden=()):
    return q.judge(q.capture(answer, [c.args for c in hidden]), hidden)


@pytest.mark.parametrize("q", QUESTIONS, ids=_ids)
def test_right_variants_pass_check(q, capsys, monkeypatch):
    """check() shows every right variant as correct, with full points; numpy forms of a number count too."""
    monkeypatch.setenv("LEGPAIN_STRICT", "1")  # a lesson check that rejected a right answer would raise here
    variants = list(q.right)
    if isinstance(q, Number):
        variants += [np.float64(q.answer), np.array(q.answer)]
        if q.whole:
            variants.append(np.int64(round(q.answer)))
    for v in variants:
        legpain.check(q.qid, answer_of(q, v))
        out = capsys.readouterr().out
        assert out.startswith("✔") and "Correct" in out.splitlines()[0], f"{q.qid}: right variant {v!r} -> {out}"


@pytest.mark.parametrize("q", QUESTIONS, ids=_ids)
def test_wrong_variants_fail_check_without_the_answer(q, capsys, monkeypatch):
    """check() never shows a wrong variant as correct, and its feedback does not contain the expected answer."""
    monkeypatch.setenv("LEGPAIN_STRICT", "0")
    hidden = hidden_for(_slug_of(q)).get(q.qid, []) if q.qid.startswith("q") else []
    for v in q.wrong:
        legpain.check(q.qid, answer_of(q, v))
        out = capsys.readouterr().out
        res = _judge_live(q, answer_of(q, v), hidden)
        assert not (res.status == "correct" and res.score >= q.points), f"{q.qid}: wrong variant {v!r} passes"
        assert not out.startswith("✔"), f"{q.qid}: wrong variant {v!r} shown as correct: {out}"
        revealed = reveals(q, "\n".join([res.message] + res.details), v, hidden)
        assert not revealed, f"{q.qid}: feedback for {v!r} shows the answer ({revealed}): {out}"


def reveals(q, text: str, variant, hidden=()) -> str:
    """What of the expected answer a feedback text shows (empty when nothing), ignoring what the student wrote and
    the description of the expected kind of answer; for a function, anything of a hidden case (the cases a student
    can see show their expected value when they fail)."""
    text = text.replace(q.expects(), " ")
    own = _literal(variant).lower() if not isinstance(variant, str) else variant.lower()
    if isinstance(q, Number):
        for n in _numbers(text):
            if abs(n - float(q.answer)) <= max(q.tol, 1e-6 * max(1, abs(float(q.answer)))) and f"{n:g}" not in own:
                return f"{n:g}"
    elif isinstance(q, Choice):
        a = q.answer
        for pat in (rf"'{a}'", rf"\({a}\)", rf"\boption {a}\b", rf"\banswer is {a}\b"):
            if re.search(pat, text, re.I) and a not in own:
                return pat
    elif isinstance(q, MultiChoice):
        if re.search(r"\b\d+ (of your|options?|picks?)\b", text):
            return "a count of picks"
    elif isinstance(q, Match):
        text = text.replace(q.hint, " ") if q.hint else text  # the hint may list the words allowed
        for key, value in q.answer.items():
            if isinstance(value, str) and len(value) > 2 and value.lower() not in own:
                if re.search(rf"\b{re.escape(value)}\b", text, re.I):
                    return f"{key} -> {value}"
    elif isinstance(q, Function):
        for case in hidden:
            call = f"{q.name}({', '.join(repr(a) for a in case.args)})"
            if call in text:
                return f"the hidden case {call}"
    return ""


# --------------------------------------------------------------------------------------------- paths 2 and 3


def _variant(q, kind: str, k: int):
    vs = q.right if kind == "right" else q.wrong
    return vs[k % len(vs)]


def _rounds(slug: str, kind: str) -> int:
    return max(len(q.right if kind == "right" else q.wrong) for q in EXERCISES[slug]) if EXERCISES[slug] else 0


@pytest.mark.parametrize("slug", SLUGS)
def test_check_all_and_grader_agree_on_every_variant(slug, capsys):
    """check_all() (public checks) and the grader's judging (with hidden cases) give every right variant full marks
    and no wrong variant full marks, for every exercise of the set."""
    if not EXERCISES[slug]:
        pytest.skip("no auto-checked exercise")
    hidden = hidden_for(slug)
    inputs = {qid: [c.args for c in cases] for qid, cases in hidden.items()}
    for kind in ("right", "wrong"):
        for k in range(_rounds(slug, kind)):
            checks._ANSWERS.clear()
            picked = {q.qid: _variant(q, kind, k) for q in EXERCISES[slug]}
            for q in EXERCISES[slug]:
                legpain.check(q.qid, answer_of(q, picked[q.qid]))
            capsys.readouterr()
            report = legpain.check_all(slug)
            table = capsys.readouterr().out
            captured = checks.collect_answers(slug, namespace={}, recorded=checks.recorded_answers(),
                                              hidden_inputs=inputs)
            graded = legpain.checking.scoring.judge_set(slug, json.loads(json.dumps(captured)), hidden, public=False)
            for pub, full in zip(report.auto_results, graded.auto_results):
                q = bank.question(pub.qid)
                v = picked[q.qid]
                if kind == "right":
                    assert pub.status == "correct" and pub.public_score == q.points, f"check_all {q.qid} {v!r}: {pub}"
                    assert full.status == "correct" and full.score == q.points, f"grader {q.qid} {v!r}: {full}"
                else:
                    assert full.score < q.points, f"grader gives a wrong variant of {q.qid} full marks: {v!r}"
                    assert pub.public_score < q.points, f"check_all gives {q.qid} full marks for {v!r}"
            if kind == "right":
                assert report.public_score == report.auto_max and graded.score == graded.auto_max, table
    checks._ANSWERS.clear()


# --------------------------------------------------------------------------------------------- path 4: real runs


def _submission(slug: str, kind: str, k: int, full: bool = True, student: str = ""):
    """The generated exercise notebook of a set, with a student's answers (variant k of each question) added.

    ``full=False`` keeps only its setup cell (the first code cell), which keeps the many variant runs fast. A variant
    question's variants are those of ``student``, whose numbers the grader judges the notebook on (issue 23)."""
    from legpain.checking.variants import for_student

    nb = notebooks.read(set_files(slug).exercise)
    import nbformat

    if not full:
        first = next(c for c in nb.cells if c.cell_type == "code")
        nb.cells = [c for c in nb.cells if c.cell_type == "markdown"][:1] + [first]
    for q in EXERCISES[slug]:
        q = for_student(q, student, "")
        nb.cells.append(nbformat.v4.new_code_cell(source_of(q, _variant(q, kind, k))))
    nb.cells.append(nbformat.v4.new_code_cell("check_all()"))
    return nb


def test_real_grading_and_progress_runs_agree(tmp_path):
    """One grading run per set over generated notebooks (every right variant and every wrong variant as separate
    submissions), and progress()'s path over the right and the wrong notebooks of every set."""
    import nbformat

    from legpain.grading import grade, run_public

    for slug in SLUGS:
        if not EXERCISES[slug]:
            continue
        sub = tmp_path / "submissions" / slug
        sub.mkdir(parents=True)
        for kind in ("right", "wrong"):
            for k in range(_rounds(slug, kind)):
                nbformat.write(_submission(slug, kind, k, full=k == 0, student=f"{kind}{k}"), sub / f"{kind}{k}.ipynb")
        summary = grade(sub, slug, tmp_path / "out" / slug, workers=1, timeout=20, progress=False)
        assert summary.graded == len(summary.outcomes), [o.problem for o in summary.outcomes if not o.graded]
        for o in summary.outcomes:
            kind = "right" if o.item.student.startswith("right") else "wrong"
            # o.full: the instructor's grade (hidden cases too); o.public: the student's feedback, the numbers that
            # progress() shows for the same notebook
            for r, p in zip(o.full.auto_results, o.public.auto_results):
                q = bank.question(r.qid)
                if kind == "right":
                    assert r.status == "correct" and r.score == q.points, f"{slug} {o.item.student} {r.qid}: {r}"
                    assert p.status == "correct" and p.public_score == q.points, f"{slug} {o.item.student}: {p}"
                else:
                    assert r.score < q.points, f"{slug} {o.item.student} {r.qid} full marks for a wrong variant"
                    assert p.public_score < q.points, f"{slug} {o.item.student} {r.qid}: public full marks"
    for kind in ("right", "wrong"):
        folder = tmp_path / f"progress-{kind}"
        folder.mkdir()
        for slug in SLUGS:
            if EXERCISES[slug]:
                nbformat.write(_submission(slug, kind, 1, full=kind == "right"), folder / set_files(slug).exercise.name)
        for o in run_public(sorted(folder.glob("*.ipynb")), workers=1, timeout=20):
            assert o.graded, o.problem
            for r in o.public.auto_results:
                q = bank.question(r.qid)
                if kind == "right":
                    assert r.status == "correct" and r.public_score == q.points, f"progress {r.qid}: {r}"
                else:
                    assert r.public_score < q.points, f"progress gives {r.qid} full marks for a wrong variant"


# --------------------------------------------------------------------------------------------- feedback rules


def _texts(q) -> list[str]:
    out = [q.hint, getattr(q, "low", ""), getattr(q, "high", "")]
    out += list(getattr(q, "feedback", {}).values())
    out += list(getattr(q, "item_hints", {}).values())
    out += [c.hint for c in getattr(q, "cases", [])]
    return [t for t in out if t]


_NUM = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?")


@pytest.mark.parametrize("q", QUESTIONS, ids=_ids)
def test_feedback_never_confirms_or_leaves_one_step(q):
    """No feedback states the answer, confirms its size ("right size, wrong sign", or a message keyed to the answer
    with its sign flipped), or gives a number that is one addition, subtraction or complement away from it."""
    texts = _texts(q)
    for t in texts:
        assert not re.search(r"right size|wrong sign|the (right|correct) answer is|the answer is", t, re.I), \
            f"{q.qid}: {t!r}"
    if not isinstance(q, Number):
        return
    ans, tol = float(q.answer), max(q.tol, 1e-9)

    def near(x):
        return abs(x - ans) <= tol + 1e-9 * max(1, abs(ans))

    step_tol = min(tol, 0.5)

    def at(x):
        return abs(x - ans) <= step_tol + 1e-9 * max(1, abs(ans))

    for w, msg in q.feedback.items():
        if near(-float(w)) and not near(float(w)):
            assert not re.search(r"\bsign\b|other way round|order of|size", msg, re.I), \
                f"{q.qid}: the message for the answer with its sign flipped confirms its size: {msg!r}"
        for n in _numbers(msg):
            if n == float(w):
                continue  # the student's own value, echoed
            steps = {n, n + float(w), float(w) - n, n - float(w), 100 - n}
            assert not any(at(s) for s in steps), f"{q.qid}: feedback for {w} is one step from the answer: {msg!r}"
    for t in [q.hint, q.low, q.high]:
        for n in _numbers(t or ""):
            assert not at(n) and not at(100 - n), f"{q.qid}: hint one step from the answer: {t!r}"


def _numbers(text: str) -> list[float]:
    """Numbers a message gives as quantities (not section, demo, figure, card or lesson numbers, ages or times)."""
    text = re.sub(r"\b(section|sections|demo|figure|lesson|lessons|exercise|check|card|claim|item|age|question|"
                  r"domain|D|Q)\s*[\d.\-–]+", " ", text, flags=re.I)
    text = re.sub(r"[\d.]+[\s-]*(weeks?|months?|years?|year-olds?)\b", " ", text)
    return [float(n) for n in _NUM.findall(text)]


@pytest.mark.parametrize("q", [q for q in QUESTIONS if isinstance(q, MultiChoice)], ids=_ids)
def test_multichoice_feedback_is_the_same_for_every_wrong_set(q):
    """A wrong selection is told so without counts of right, wrong or missing picks: every wrong set of letters gets
    the same message, so retries cannot search for the set."""
    messages = set()
    for v in q.wrong:
        res = _judge_live(q, v)
        if res.status == "incorrect":
            messages.add(all_text(res))
    assert len(messages) <= 1, messages
    for v in q.wrong:
        res = _judge_live(q, v)
        if res.status == "incorrect":
            assert not re.search(r"\d", res.message), res.message


def test_messages_use_singular_and_plural_correctly():
    """No '1 options', '1 of your picks are', '1 checks' in any message the variants produce."""
    bad = re.compile(r"\b1 (option|pick|check|question|entry|item|point|document|patient)s\b|\b1 of [\w ]+ (are|do)\b")
    for q in QUESTIONS:
        for v in list(q.right) + list(q.wrong):
            res = _judge_live(q, answer_of(q, v))
            assert not bad.search(all_text(res)), f"{q.qid} {v!r}: {all_text(res)}"


def _checked_cells(folder: str):
    """(notebook, question, the markdown above its check cell, whether the notebook imports numpy as np)."""
    out = []
    for path in sorted((ROOT / folder).glob("[0-9][0-9]-*.ipynb")):
        nb = notebooks.read(path)
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        has_np = bool(re.search(r"import numpy as np|from numpy", code))
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            for qid in re.findall(r"""check\(\s*["']([qc]\d+_\d+)["']""", cell.source):
                md = next((nb.cells[j].source for j in range(i - 1, -1, -1) if nb.cells[j].cell_type == "markdown"), "")
                out.append((path.name, bank.question(qid), md, has_np))
    return out


@pytest.mark.parametrize("folder", ["solutions", "lessons"])
def test_every_choice_question_says_quotes(folder):
    """Every letter question, in solutions and lessons, tells the student to write the letter in quotes (a bare b
    raises NameError before any check can help)."""
    missing = [f"{name}: {q.qid}" for name, q, md, _ in _checked_cells(folder)
               if isinstance(q, (Choice, MultiChoice)) and not re.search(r"in quotes", md, re.I)]
    assert not missing, "choice questions that do not say 'in quotes': " + ", ".join(missing)


@pytest.mark.parametrize("folder", ["solutions", "lessons"])
def test_hints_use_only_names_the_notebook_has(folder):
    """A hint never tells a student to use np when the notebook does not import numpy as np."""
    bad = [f"{name}: {q.qid}" for name, q, _, has_np in _checked_cells(folder)
           if not has_np and any(re.search(r"\bnp\.", t) for t in _texts(q))]
    assert not bad, bad


def test_scores_are_rounded_in_progress_and_summaries():
    """progress() and check_all() show points rounded (9.33, never 9.33333)."""
    from legpain.checking.scoring import Report
    from legpain.grading.progress import SetProgress, _Progress

    text = repr(_Progress([SetProgress("05-results", 3, 6, 28 / 3, 13, 1)]))
    assert "9.33 of 13" in text and "9.3333" not in text
    res = legpain.checking.student.evaluate("q0_1", 192)
    res.public_score = res.score = 1 / 3
    rep = Report("00-start-here", [res])
    assert "0.33 of 1" in rep.summary() and "0.3333" not in repr(rep)


def test_report_displays_nothing_extra_in_a_notebook():
    """check_all()'s returned report adds no output of its own under the table in a notebook."""
    from IPython.core.interactiveshell import InteractiveShell

    from legpain.checking.scoring import Report

    shell = InteractiveShell.instance()
    data, _ = shell.display_formatter.format(Report("00-start-here", []))
    assert data == {}
    assert "Report(slug=" not in repr(Report("00-start-here", []))


def test_exercise_04_stub_and_wording_agree():
    """Exercise 0.4 does not promise quotes that its stub lacks."""
    ex = notebooks.read(set_files("00-start-here").exercise)
    text = "\n".join(c.source for c in ex.cells)
    m = re.search(r"\*\*Exercise 0\.4\*\*.*?(?=\*\*Exercise|\Z)", text, re.S)
    assert m
    block = m.group(0)
    if "between the quotes" in block:
        assert re.search(r'who_wrote_it = ("""|")', block), textwrap.shorten(block, 300)
