"""Predictions before demos (issue 26): recorded without judgement by check(), revealed after the demo by reveal().

Every Prediction in the bank declares ``right`` variants (answers that agree with what the demo shows) and ``wrong``
ones. check() records every variant the same way, with no right or wrong; reveal() then shows the student's own
prediction beside the outcome and says whether they agree.
"""

from __future__ import annotations

import re

import pytest

import legpain
from legpain.checking import bank, student
from legpain.checking.questions import Prediction

PREDICTIONS = [q for s in bank.slugs() for q in bank.assignment(s).checks if isinstance(q, Prediction)]


def _ids(q):
    return q.qid


def test_there_are_predictions():
    """The bank has prediction checks (one per demo once lessons use them)."""
    assert PREDICTIONS


@pytest.mark.parametrize("q", PREDICTIONS, ids=_ids)
def test_check_records_every_variant_without_judging_it(q, capsys, monkeypatch):
    """check() answers every right and wrong variant alike: 'Prediction recorded', no correct, no hint, no points."""
    monkeypatch.setenv("LEGPAIN_STRICT", "1")
    assert q.right and q.wrong and len(q.right) + len(q.wrong) >= 4
    shapes = set()
    for v in list(q.right) + list(q.wrong):
        legpain.check(q.qid, v)
        out = capsys.readouterr().out
        assert out.startswith("✎") and "Prediction recorded" in out, out
        said = out.replace(q.words(q.option_of(v)), "")  # the student's own option, echoed
        assert not re.search(r"\b(correct|not quite|wrong|right)\b", said, re.I), out
        shapes.add(out.replace(q.words(q.option_of(v)), "(x)"))
    assert len(shapes) == 1, shapes  # the same message whatever was predicted, apart from the option echoed


@pytest.mark.parametrize("q", PREDICTIONS, ids=_ids)
def test_reveal_shows_the_prediction_beside_the_outcome(q, capsys):
    """After the demo, reveal() repeats the student's own option and the outcome, then says whether they agree."""
    for kind, variants in (("right", q.right), ("wrong", q.wrong)):
        for v in variants:
            student._ANSWERS.pop(q.qid, None)
            legpain.check(q.qid, v)
            capsys.readouterr()
            legpain.reveal(q.qid)
            out = capsys.readouterr().out
            letter = q.option_of(v)
            assert f"You predicted: ({letter})" in out and q.outcome in out, out
            assert ("agrees with what the demo shows" in out) == (kind == "right"), (v, out)
    student._ANSWERS.pop(q.qid, None)
    legpain.reveal(q.qid)
    out = capsys.readouterr().out
    assert "nothing yet" in out and q.outcome in out


def test_a_prediction_needs_an_outcome_and_reveal_refuses_other_checks(capsys):
    """A Prediction without an outcome is a bank error; reveal() of a question that is not a prediction says so."""
    with pytest.raises(ValueError):
        Prediction("c99_1", answer="a", options="ab", outcome="")
    legpain.reveal("c0_1")
    assert "is not a prediction" in capsys.readouterr().out
