"""The trial's facts: every entry has a known citation, and unverified values cannot be used as facts."""

import pytest

from legpain.topics import trial


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


def test_secondary_facts_cite_their_own_source_not_the_paper():
    """A number read only in a digest or a news report is cited to that digest or report, never to the Annals
    paper (review of lessons 03-06: cite('n_hea') used to return the paper)."""
    for key in ("n_hea", "minimization_factors", "pain_threshold_paper", "visits_as_delivered", "responders_75_12"):
        f = trial.FACTS[key]
        assert not f.verified and f.source != "bronfort2014", key
        assert "Ann Intern Med" not in trial.cite(key)
    assert "J Am Osteopath Assoc" in trial.cite("n_hea")


def test_harms_facts():
    """The trial's harms sentence is verified; non-serious events are not; the general harms profile has its own
    primary citations (Carnes 2010, Nielsen 2017)."""
    assert trial.fact("serious_adverse_events") == 0
    with pytest.raises(ValueError):
        trial.fact("adverse_events_any")
    assert trial.fact("harms_minor_common") == (41, 22) and trial.fact("harms_major_rare") == 0.13
    assert "10.1016/j.math.2009.12.006" in trial.cite("harms_minor_common")
    assert "10.1186/s13643-017-0458-y" in trial.cite("harms_serious_estimates")
