"""Lesson 03: the flow diagram, fact tables and PRECIS-2 wheel (legpain.topics.consort), and question bank 03."""

import re

import pytest
from matplotlib.text import Text as MplText

from legpain.checking import bank
from legpain.topics import consort, trial
from legpain.ui.figures import accessibility_problems


def _texts(fig):
    return [t.get_text() for t in fig.findobj(MplText) if t.get_visible() and t.get_text().strip()]


def test_flow_diagram_is_accessible():
    """The diagram passes the course's accessibility check (alt text, title, palette, text size), with and
    without its legend line."""
    for legend in (True, False):
        fig = consort.flow_diagram(show_legend=legend)
        assert accessibility_problems(fig) == []
        assert "192" in fig.alt and "not verified" in fig.alt


def test_flow_diagram_shows_the_verified_totals_and_marks_the_rest():
    """Enrolled 192, follow-up 191 (99%) at 12 weeks and 179 (93%) at 52 weeks appear; screening, per-arm and
    analysis boxes say 'not verified'."""
    text = "\n".join(_texts(consort.flow_diagram()))
    for piece in ("192 patients", "191 of 192", "(99%)", "179 of 192", "(93%)", "minimization"):
        assert piece in text
    assert text.count("not verified") >= 6
    assert "Per-arm numbers: not verified in the sources available to this course" in text


def test_flow_diagram_never_draws_an_unverified_number():
    """No number read only in a secondary source (e.g. a digest's 96 per group) appears in the diagram."""
    text = "\n".join(_texts(consort.flow_diagram()))
    numbers = set(re.findall(r"\d+", text))
    assert "96" not in numbers
    allowed = {"192", "191", "179", "99", "93", "12", "52"}
    assert numbers <= allowed, numbers - allowed


def test_flow_numbers_come_from_the_trial_facts():
    """Counts and percentages are computed from legpain.topics.trial, and round to the abstract's 99% and 93%."""
    n = consort.flow_numbers()
    assert n["enrolled"] == trial.fact("enrolled")
    assert (n["missing_12"], n["missing_52"]) == (1, 13)
    assert round(n["pct_12"]) == trial.fact("followed_12_pct")
    assert round(n["pct_52"]) == trial.fact("followed_52_pct")
    assert n["pct_52"] == pytest.approx(93.229, abs=1e-3)


def test_fact_table_shows_source_and_verification():
    """A fact table lists each statement with where it was read; unverified facts are flagged with the reason."""
    t = consort.fact_table("design", "registry_qtf_categories", "minimization_factors")
    rows = t.rows()
    assert rows[0][2] == "verified" and rows[0][1].startswith("trial report")
    assert rows[1][1].startswith("registry")
    assert rows[2][2].startswith("NOT VERIFIED")
    assert "<table>" in t._repr_html_() and "NOT VERIFIED" in repr(t)


def test_unverified_table_lists_every_unverified_fact():
    """The 'could not verify' table of lesson 03 holds exactly the facts marked unverified."""
    t = consort.unverified_table()
    assert [f.key for f in t.facts] == [f.key for f in trial.unverified()]
    assert all(row[2].startswith("NOT VERIFIED") for row in t.rows())


def test_lesson_03_04_facts_are_consistent():
    """The facts added for lessons 03-04 agree with the fact sheet: QTF 2, 3, 4, 6; up to 20 SMT visits; four HEA
    sessions; and the digest's factor list stays unverified."""
    assert trial.fact("registry_qtf_categories") == (2, 3, 4, 6)
    assert trial.fact("registry_smt_max_visits") == 20 and trial.fact("registry_hea_sessions") == 4
    for key in ("pain_threshold_paper", "visits_as_delivered", "minimization_random_element",
                "minimization_factors"):
        with pytest.raises(ValueError):
            trial.fact(key)


def _messages(q):
    out = [q.hint, getattr(q, "low", ""), getattr(q, "high", "")]
    out += list(getattr(q, "feedback", {}).values())
    out += list(getattr(q, "item_hints", {}).values())
    out += [c.hint for c in getattr(q, "cases", [])]
    return [m for m in out if m]


@pytest.mark.parametrize("slug", ["03-the-question", "04-allocation-by-minimization"])
def test_feedback_never_states_a_numeric_answer(slug):
    """No hint or feedback message of sets 03 and 04 contains the expected value of a numeric question."""
    a = bank.assignment(slug)
    for q in a.exercises + a.checks:
        if q.kind != "value" or not hasattr(q, "tol"):
            continue
        forms = {f"{q.answer:.1f}", f"{q.answer:.2f}", str(int(round(q.answer)))} if q.tol else {str(q.answer)}
        for msg in _messages(q):
            for form in forms:
                assert not re.search(rf"(?<![\d.]){re.escape(form)}(?![\d])", msg), (q.qid, form, msg)


def test_bank_03_answers_match_the_trial_facts():
    """Set 03's numeric answers are computed from the trial's verified counts, and its ids are well formed."""
    a = bank.assignment("03-the-question")
    q = {x.qid: x for x in a.exercises + a.checks}
    assert q["q3_1"].answer == pytest.approx(100 * trial.fact("followed_52") / trial.fact("enrolled"))
    assert q["q3_2"].answer == trial.fact("enrolled") - trial.fact("followed_52")
    assert q["c3_4"].answer == pytest.approx(100 * trial.fact("followed_12") / trial.fact("enrolled"))
    assert sum(1 for x in a.exercises if not x.manual) >= 5 and any(x.manual for x in a.exercises)
    assert set(q["q3_3"].answer.values()) == {"a", "b", "c", "d"}  # one distractor (e) left unused


def test_precis_wheel_is_accessible_and_checks_its_ratings():
    """The PRECIS-2 wheel passes the accessibility check when empty, partly and fully rated, names all nine domains,
    and refuses a rating outside 0-5."""
    for ratings in ({}, {"eligibility": 3, "setting": 2}, dict(zip(
            ("eligibility", "recruitment", "setting", "organisation", "flexibility_delivery",
             "flexibility_adherence", "follow_up", "primary_outcome", "primary_analysis"), (1, 2, 3, 4, 5, 4, 3, 2, 1)))):
        fig = consort.precis_wheel(**ratings)
        assert accessibility_problems(fig) == []
        text = "\n".join(_texts(fig))
        assert all(d in text for d in consort.PRECIS_DOMAINS)
    assert "no domain rated" in consort.precis_wheel().alt
    assert "9 of 9 domains rated, average 2.8" in fig.alt
    with pytest.raises(ValueError, match="whole number from 1 to 5"):
        consort.precis_wheel(setting=6)


def test_precis_feedback_reveals_the_course_reading_after_rating():
    """Demo 3.3's feedback: one row per PRECIS-2 domain with the course's reading; it flags a rating given to a
    domain nothing verified describes, and an unrated domain the verified facts do describe; bad ratings raise."""
    from legpain.topics import consort

    assert [d for d, _, _ in consort.PRECIS_COURSE_READING] == list(consort.PRECIS_DOMAINS)
    t = consort.precis_feedback(recruitment=4, setting=2)
    rows = {r[0]: r for r in t.rows}
    assert rows["Recruitment"][1] == "4" and "nothing verified" in rows["Recruitment"][4]
    assert rows["Setting"][4] == ""
    assert "try rating" in rows["Primary outcome"][4]
    with pytest.raises(ValueError):
        consort.precis_feedback(setting=7)
