"""Lessons 01-02: anatomy facts as data, the root rules, every figure's accessibility, the demos' pure functions,
the quiz logic, and the sanity of question sets 01 and 02."""

import pytest

from legpain.topics import anatomy, nerve_roots as roots
from legpain.checking import bank
from legpain.ui import figures, demos as widgets
from legpain.checking.questions import Function, Match, MultiChoice, Number


# --- lesson 01: counts ----------------------------------------------------------------------------------------

def test_region_counts_total_33_and_26_separate_bones():
    """7 + 12 + 5 + 5 + 4 = 33 segments; an adult has 24 separate vertebrae plus sacrum and coccyx = 26 bones."""
    assert [anatomy.region_count(r) for r in ("cervical", "thoracic", "lumbar", "sacral", "coccygeal")] == \
        [7, 12, 5, 5, 4]
    assert anatomy.region_count("Sacrum") == 5 and anatomy.region_count(" coccyx ") == 4
    assert anatomy.total_vertebrae() == 33
    assert anatomy.separate_bones() == 26
    with pytest.raises(ValueError, match="unknown region"):
        anatomy.region_count("pelvic")


def test_conus_facts_match_the_mri_study():
    """The conus data quote the MRI study's mean and range, and say no sex or age difference was found."""
    assert anatomy.CONUS["mean"] == "lower third of L1"
    assert "T12" in anatomy.CONUS["range"] and "L3" in anatomy.CONUS["range"]
    assert anatomy.CONUS["sex_or_age_difference"] is False


def test_brinjikji_values_are_only_the_verified_ages_and_rise_with_age():
    """Only ages 20-50 and 80 are stored (60 and 70 were not verified); every finding rises with age."""
    for finding, values in anatomy.BRINJIKJI.items():
        assert sorted(values) == [20, 30, 40, 50, 80], finding
        seq = [values[a] for a in sorted(values)]
        assert seq == sorted(seq), finding
    assert anatomy.BRINJIKJI["disc degeneration"][20] == 37 and anatomy.BRINJIKJI["disc degeneration"][80] == 96
    assert anatomy.BRINJIKJI["disc bulge"][80] == 84


def test_column_drawing_has_one_block_per_separate_vertebra():
    """Figure 1.1 draws 24 separate vertebral bodies (7 + 12 + 5) as blocks, plus the sacrum and the coccyx."""
    from matplotlib.patches import Rectangle

    fig = anatomy.draw_column()
    blocks = [p for p in fig.axes[0].patches if isinstance(p, Rectangle)]
    assert len(blocks) == 24
    text = " ".join(t.get_text() for t in fig.axes[0].texts)
    for label in ("Cervical: 7", "Thoracic: 12", "Lumbar: 5", "Sacrum: 5 fused", "Coccyx: usually 4", "26 separate"):
        assert label in text


def test_curve_passes_through_its_control_points():
    """The smooth centre line of the column goes through every control point (so the curves sit where intended)."""
    import numpy as np

    curve = anatomy._centerline()
    assert np.allclose(curve(curve.s), curve.x)


# --- lesson 01: the degenerative-change demo -----------------------------------------------------------------

def test_narrowed_spaces_for_each_change():
    """None narrows nothing; a paracentral herniation narrows the lateral recess; a bone spur the foramen;
    ligament thickening the central canal; all together narrows all three markedly."""
    assert anatomy.narrowed_spaces("none") == {}
    assert anatomy.narrowed_spaces("herniation")["lateral recess"] == "marked"
    assert anatomy.narrowed_spaces("bone spur")["foramen"] == "marked"
    assert anatomy.narrowed_spaces("facet enlargement")["lateral recess"] == "marked"  # superior articular process
    assert anatomy.narrowed_spaces("ligament thickening")["central canal"] == "marked"
    assert set(anatomy.narrowed_spaces("disc bulge").values()) == {"mild"}
    assert set(anatomy.narrowed_spaces("All together").values()) == {"marked"}
    with pytest.raises(ValueError, match="unknown change"):
        anatomy.narrowed_spaces("fracture")


def test_roots_at_risk_follow_the_exiting_and_traversing_rule():
    """At L4-L5 a recess problem puts L5 (traversing) at risk and a foraminal one L4 (exiting); at L5-S1, S1 and L5."""
    assert anatomy.roots_at_risk("herniation") == ["L5"]
    assert anatomy.roots_at_risk("bone spur") == ["L4"]
    assert anatomy.roots_at_risk("herniation", "L5-S1") == ["S1"]
    assert anatomy.roots_at_risk("bone spur", "L5-S1") == ["L5"]
    assert anatomy.roots_at_risk("disc bulge") == []
    assert anatomy.roots_at_risk("all together") == ["L4", "L5", "cauda equina"]


# --- lesson 02: roots ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("level, exiting, traversing", [
    ("L3-L4", "L3", "L4"), ("L4-L5", "L4", "L5"), ("L5-S1", "L5", "S1"), ("L4/5", "L4", "L5"), ("l5 - s1", "L5", "S1"),
])
def test_exiting_and_traversing_roots(level, exiting, traversing):
    """A lumbar root leaves below its own vertebra (L4 at L4-L5); the next root traverses that level."""
    assert roots.exiting_root(level) == exiting
    assert roots.traversing_root(level) == traversing


def test_root_hit_by_direction():
    """Paracentral herniations hit the traversing root (L4-L5 -> L5, L5-S1 -> S1); far-lateral ones the exiting
    root (L4-L5 -> L4); unknown directions and levels are refused with a message."""
    assert roots.root_hit("L4-L5") == "L5"
    assert roots.root_hit("L5-S1", "paracentral") == "S1"
    assert roots.root_hit("L3-L4", "paracentral") == "L4"
    assert roots.root_hit("L4-L5", "far lateral") == "L4"
    assert roots.root_hit("L5-S1", "far-lateral") == "L5"
    with pytest.raises(ValueError, match="direction"):
        roots.root_hit("L4-L5", "upwards")
    with pytest.raises(ValueError, match="cauda equina"):  # a central herniation has no single root
        roots.root_hit("L4-L5", "central")
    with pytest.raises(ValueError, match="disc level"):
        roots.root_hit("L6-L7")


def test_root_patterns_reflexes_and_weakness():
    """L4: knee jerk and knee extension; L5: no standard reflex, lifting foot and big toe; S1: ankle jerk, tiptoe."""
    assert "knee" in roots.root_pattern("L4")["reflex"] and "straightening the knee" in roots.root_pattern("L4")["weak"]
    l5 = roots.root_pattern("l5")
    assert l5["reflex"] is None and "reliable" in l5["reflex_note"] and "big toe" in l5["weak"]
    assert "ankle" in roots.root_pattern("S1")["reflex"] and "tiptoe" in roots.root_pattern("S1")["weak"]
    # the knee jerk runs through L2-L4, mainly L3-L4: L3 and L4 share it; only L2 and L5 have no standard reflex
    assert "knee jerk" in roots.root_pattern("L3")["reflex"] and roots.root_pattern("L3")["shares"] == "L4"
    assert roots.root_pattern("L4")["shares"] == "L3"
    assert [r for r in roots.ROOTS if roots.ROOTS[r]["reflex"] is None] == ["L2", "L5"]
    # ankle dorsiflexion is shared by L4 and L5; the big-toe lift is the L5 test; every root says where pain is felt
    assert "shared with L5" in roots.root_pattern("L4")["weak"] and "big toe" in roots.root_pattern("L5")["weak"]
    assert all(roots.root_pattern(r)["pain"] for r in roots.ROOTS)
    regions = roots.leg_regions()
    for key, r in roots.ROOTS.items():
        assert r["regions"] and all(name in regions for name in r["regions"]), key
    with pytest.raises(ValueError, match="unknown root"):
        roots.root_pattern("T12")


def test_front_of_thigh_belongs_to_the_femoral_nerve():
    """The femoral nerve's skin area includes the front of the thigh; the sciatic nerve's does not (it has no skin
    branches to the thigh) but includes the sole; the two territories do not overlap."""
    fem, sci = set(roots.NERVE_TERRITORIES["femoral"]), set(roots.NERVE_TERRITORIES["sciatic"])
    assert {"front upper thigh", "front lower thigh"} <= fem
    assert not any("thigh" in r for r in sci) and "sole" in sci
    assert not fem & sci and (fem | sci) <= set(roots.leg_regions())
    # the inner border of the foot is saphenous (femoral), as the lesson's table says
    assert "inner edge of foot" in fem and "top of foot" in sci


def test_likelihood_ratios_and_post_test_probability():
    """Devillé's pooled SLR values give LR+ about 1.2 and LR- about 0.35; the crossed test about 2.4 and 0.8; an LR
    of 1 leaves the probability unchanged and the odds form moves it the right way."""
    pos, neg = roots.likelihood_ratios(0.91, 0.26)
    assert round(pos, 2) == 1.23 and round(neg, 2) == 0.35
    pos, neg = roots.likelihood_ratios(0.29, 0.88)
    assert round(pos, 1) == 2.4 and round(neg, 1) == 0.8
    assert abs(roots.post_test_probability(0.3, 1.0) - 0.3) < 1e-12
    assert roots.post_test_probability(0.5, 0.35) < 0.5 < roots.post_test_probability(0.5, 2.4)
    with pytest.raises(ValueError):
        roots.likelihood_ratios(1.0, 0.5)
    with pytest.raises(ValueError):
        roots.post_test_probability(0.0, 2.0)


def test_quiz_mimics_and_the_normal_reflex_case():
    """The femoral mimic is judged against L4 by the spared thigh adductors; the S1 case with a normal ankle jerk is
    S1, and its right answer says that a normal reflex does not rule the root out; no story repeats a lesson check's."""
    femoral = next(i for i, q in enumerate(roots.QUIZ, 1) if "bleed" in q["story"])
    ok, msg = roots.quiz_feedback(femoral, "L4")
    assert ok is False and "thigh inwards" in msg
    normal_reflex = next(i for i, q in enumerate(roots.QUIZ, 1) if "ankle jerk is normal" in q["story"])
    ok, msg = roots.quiz_feedback(normal_reflex, "S1")
    assert ok is True and "does not rule" in msg
    assert not any("kneeling" in q["story"] or "never below the knee" in q["story"] for q in roots.QUIZ)


def test_post_test_examples_of_lesson_02():
    """The lesson's two examples of a negative straight leg raise: 90% before becomes 76%, 30% becomes 13%."""
    _, lr_negative = roots.likelihood_ratios(0.91, 0.26)
    assert round(100 * roots.post_test_probability(0.90, lr_negative)) == 76
    assert round(100 * roots.post_test_probability(0.30, lr_negative)) == 13


def test_slr_counts_per_hundred():
    """Sensitivity 0.91 -> 91 of 100 with a herniation test positive; specificity 0.26 -> 74 false alarms of 100."""
    c = roots.per_hundred("straight leg raise")
    assert c == {"with: positive": 91, "with: negative": 9, "without: negative": 26, "without: positive": 74}
    x = roots.per_hundred("crossed straight leg raise")
    assert x["with: positive"] == 29 and x["without: negative"] == 88


def test_quiz_feedback_judges_and_never_names_the_answer():
    """Each quiz patient accepts its root, rejects the others with feedback that never names the right root,
    and asks for a pick when none is made."""
    assert roots.quiz_feedback(1, "(choose)")[0] is None
    for i, q in enumerate(roots.QUIZ, 1):
        ok, msg = roots.quiz_feedback(i, q["answer"])
        assert ok is True and msg.startswith("Right")
        answer_words = {q["answer"].lower(), roots.QUIZ_PICKS[q["answer"]].lower()}
        for pick in roots.QUIZ_PICKS:
            if pick == q["answer"]:
                continue
            ok, msg = roots.quiz_feedback(i, pick.lower())
            assert ok is False and not any(w in msg.lower() for w in answer_words), (i, pick, msg)
            assert "Look again" in msg
    # the mimics: an arthritic hip, a fibular and a femoral nerve problem are not root problems; one case is multi-root
    answers = [q["answer"] for q in roots.QUIZ]
    assert answers.count("not a root") == 3 and answers.count("several roots") == 1
    assert roots.quiz_feedback(7, "not a root problem")[0] is True
    with pytest.raises(ValueError):
        roots.quiz_feedback(len(roots.QUIZ) + 1, "L4")
    with pytest.raises(ValueError):
        roots.quiz_feedback(1, "T1")


def test_quiz_card_renders_html_and_text():
    """The quiz card shows the patient's story as HTML in Jupyter and as text elsewhere."""
    card = roots.quiz_card(2, "L4")
    assert "Patient 2" in card._repr_html_() and "Not quite" in repr(card)
    assert "Choose the root" in repr(roots.quiz_card())


def test_quiz_demo_resets_the_pick_when_the_patient_changes():
    """Choosing another patient clears the answer, so a pick for one patient is never judged against the next."""
    d = roots.quiz_demo()
    d.controls["pick"].value = "L5"
    assert d.render().correct is False  # patient 1 is not L5
    d.controls["case"].value = 2
    assert d.controls["pick"].value == "(choose)" and d.render().correct is None
    assert len(d.controls["case"].options) == len(roots.QUIZ)


# --- figures and demos -----------------------------------------------------------------------------------------

FIGURES = [
    ("column", lambda: anatomy.draw_column()),
    ("column without cord", lambda: anatomy.draw_column(show_cord=False)),
    *[(f"segment {c}", (lambda c=c: anatomy.draw_motion_segment(c))) for c in anatomy.CHANGES],
    ("asymptomatic findings", lambda: anatomy.asymptomatic_findings_figure()),
    *[(f"root {r}", (lambda r=r: roots.root_explorer(r))) for r in roots.ROOTS],
    ("leg without shading", lambda: roots.draw_leg(None)),
    ("nerves of the leg", lambda: roots.nerves_figure()),
    *[(f"level {lv} {d}", (lambda lv=lv, d=d: roots.level_figure(lv, d)))
      for lv in ("L3-L4", "L4-L5", "L5-S1") for d in roots.DIRECTIONS],
    *[(f"slr {t}", (lambda t=t: roots.slr_figure(t))) for t in roots.SLR_ACCURACY],
]


@pytest.mark.parametrize("name, make", FIGURES, ids=[f[0] for f in FIGURES])
def test_every_figure_is_accessible_and_renders(name, make):
    """Title, palette colours, text of at least 8 pt and one-sentence alt text; the figure renders to PNG."""
    fig = make()
    assert figures.accessibility_problems(fig) == []
    assert fig.png()[:8] == b"\x89PNG\r\n\x1a\n"


def test_figures_say_what_the_demo_changes():
    """The alt text and title follow the control: the hit root, the chosen change, the chosen root."""
    fig = roots.level_figure("L4-L5", "far lateral")
    assert "L4 root is pressed on" in fig.axes[0].get_title() and "L4 nerve root" in fig.alt
    assert "L5 root" in roots.level_figure("L4-L5", "paracentral").axes[0].get_title()
    assert "bone spurs" in anatomy.draw_motion_segment("bone spur").alt
    assert "S1 skin area" in roots.root_explorer("S1").alt
    # alt text keeps root names as written (L5, not l5)
    alt = anatomy.draw_motion_segment("herniation").alt
    assert "the L5 root" in alt and " l5" not in alt
    assert "L5 root" in anatomy.draw_motion_segment("facet enlargement").alt
    assert "pedicles" in roots.level_figure("L4-L5").alt
    with pytest.raises(ValueError):
        roots.level_figure("L1-L2")


def test_demos_render_headless_with_defaults(monkeypatch, capsys):
    """The lesson demos show their starting values without a front end; the quiz shows its first patient."""
    monkeypatch.setenv("LEGPAIN_HEADLESS", "1")
    d = widgets.demo(anatomy.draw_motion_segment, change=widgets.menu("Change", list(anatomy.CHANGES)))
    assert "healthy" in d.render().alt
    assert "herniation" in d.render(change="herniation").alt.lower()
    q = widgets.demo(roots.quiz_card, case=widgets.menu("Patient", [1, 2, 3]),
                     pick=widgets.menu("Your answer", ["(choose)", "L4", "L5", "S1"]))
    q._ipython_display_()
    assert "Patient 1" in capsys.readouterr().out


# --- question banks --------------------------------------------------------------------------------------------

def test_question_sets_have_enough_mixed_questions():
    """Sets 01 and 02 hold at least 12 auto-checked exercises of mixed kinds, a Function with hidden cases, and a
    free-text question each."""
    a1, a2 = bank.assignment("01"), bank.assignment("02")
    auto = [q for q in a1.exercises + a2.exercises if not q.manual]
    assert len(auto) >= 12
    kinds = {type(q) for q in auto}
    assert {Number, Match, MultiChoice, Function} <= kinds
    assert any(isinstance(q, Function) and q.hidden for q in a2.exercises)
    assert any(q.manual for q in a1.exercises) and any(q.manual for q in a2.exercises)


def test_feedback_never_states_the_expected_answer():
    """No per-value feedback, hint or item hint contains the expected value of its question."""
    for slug in ("01", "02"):
        a = bank.assignment(slug)
        for q in a.exercises + a.checks:
            texts = [q.hint] + list(getattr(q, "feedback", {}).values()) + list(getattr(q, "item_hints", {}).values())
            if isinstance(q, Number):
                for t in texts:
                    assert f" {q.answer:g} " not in f" {t} ".replace(".", " "), (q.qid, t)
            if isinstance(q, Match):
                for key, t in q.item_hints.items():
                    assert f'"{q.answer[key]}"' not in t and f" {q.answer[key]} " not in f" {t} ", (q.qid, key)


def test_model_answers_are_judged_right():
    """Each auto-checked model answer in the bank is judged correct; a wrong Match gets partial credit per item."""
    q = bank.question("q2_2")
    r = q.judge(q.capture({"L3-L4": "L4", "L4-L5": "L4", "L5-S1": "S1"}))
    assert r.status == "partial" and abs(r.score - q.points * 2 / 3) < 1e-9
    assert "L4-L5: look again" in " ".join(r.details)
    q = bank.question("q1_1")
    assert q.judge(q.capture(dict(cervical=7, thoracic=12, lumbar=5, sacral=5, coccygeal=4))).passed
    q = bank.question("q1_2")
    r = q.judge(q.capture(33))
    assert not r.passed and "fused" in r.message
