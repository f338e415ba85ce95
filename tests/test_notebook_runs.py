"""Solution notebooks earn every point, public and hidden; exercise notebooks run with unanswered work reported.

(nbval also runs every lesson and solution notebook top to bottom: see the testpaths in pyproject.toml.)
"""

import pytest

from legpain.checking import bank
from legpain.common import notebooks
from legpain.authoring.assign import hidden_cases
from answer_probe import parse_probe_output, probe_source
from legpain.common.layout import set_files
from legpain.checking.scoring import judge_set

from helpers import cell_text, errors, run_notebook


def _run_and_collect(which, slug, hidden):
    nb = notebooks.read(getattr(set_files(slug), which))
    inputs = {qid: [c.args for c in cases] for qid, cases in hidden.items()}
    done = run_notebook(nb, extra_cells=[probe_source(slug, inputs)])
    captured = parse_probe_output(cell_text(done.cells[-1]))
    return done, captured


@pytest.mark.parametrize("slug", bank.slugs())
def test_solution_passes_every_check_public_and_hidden(slug):
    """The model solution scores full marks on every auto-checked question, with hidden cases included."""
    hidden = hidden_cases(notebooks.read(set_files(slug).solution), slug)
    done, captured = _run_and_collect("solution", slug, hidden)
    assert errors(done) == []
    report = judge_set(slug, captured, hidden, public=False)
    for r in report.results:
        if r.manual:
            assert r.status == "recorded", f"{r.qid}: model text answer not recorded ({r.message})"
        else:
            assert r.status == "correct" and r.score == r.points, f"{r.qid}: {r.status} {r.message} {r.details}"
    assert report.score == report.auto_max


@pytest.mark.parametrize("slug", bank.slugs())
def test_exercise_runs_and_reports_every_question_unanswered(slug):
    """The student copy runs top to bottom without an error; each check says 'not answered yet'."""
    done, captured = _run_and_collect("exercise", slug, {})
    assert errors(done) == []
    outputs = "\n".join(cell_text(c) for c in done.cells)
    a = bank.assignment(slug)
    for q in a.exercises:
        assert captured[q.qid] == {"state": "unanswered"}, q.qid
    assert outputs.count("Not answered yet") >= 2 * len(a.exercises)  # each check, and check_all's table
    assert judge_set(slug, captured).public_score == 0
