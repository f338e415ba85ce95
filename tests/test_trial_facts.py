"""The trial's facts: every entry has a known citation, and unverified values cannot be used as facts."""

import pytest

from legpain import trial


def test_every_fact_has_a_citation_and_a_statement():
    """Each fact names a source in CITATIONS and says where in it the value stands."""
    for f in trial.FACTS.values():
        assert f.source in trial.CITATIONS and f.statement and f.where
        assert f.verified or f.note, f"{f.key}: an unverified fact must say why"


def test_abstract_numbers():
    """The headline numbers are those of the abstract (Ann Intern Med 2014;161:381-391)."""
    assert trial.fact("enrolled") == 192
    assert (trial.fact("followed_12"), trial.fact("followed_52")) == (191, 179)
    assert (trial.fact("diff_12"), trial.fact("ci_12"), trial.fact("p_12")) == (10, (2, 19), 0.008)
    assert (trial.fact("diff_52"), trial.fact("ci_52"), trial.fact("p_52")) == (7, (-2, 15), 0.146)
    assert "10.7326/M14-0006" in trial.cite("enrolled")


def test_unverified_facts_refuse_to_be_used_as_facts():
    """fact() raises for values read only in secondary sources; unverified() lists them for the lessons."""
    with pytest.raises(ValueError, match="not verified"):
        trial.fact("minimization_factors")
    assert {f.key for f in trial.unverified()} >= {"minimization_factors", "n_hea", "responders_75_12"}
