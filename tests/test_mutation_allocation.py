"""Allocation by minimization (legpain.topics.allocation): limits, hand-checked small cases and the result's summary.

Fast unit tests written against the survivors of tools/mutation.py: each pins one behaviour exactly."""

import numpy as np
import pytest

from legpain.topics import allocation as al


@pytest.mark.parametrize("kwargs, message", [
    ({"method": "coin"}, "method must be one of ('simple', 'blocks', 'minimization'), not 'coin'"),
    ({"n_trials": 0}, "at least one simulated trial of at least one patient is needed"),
    ({"n_patients": 0}, "at least one simulated trial of at least one patient is needed"),
    ({"n_factors": 0}, "at least one prognostic factor is needed"),
    ({"levels": 1}, "a factor needs at least 2 levels"),
    ({"prevalence": -0.01}, "prevalence is a probability between 0 and 1"),
    ({"prevalence": 1.01}, "prevalence is a probability between 0 and 1"),
    ({"p": 0.49}, "p, the probability of following the minimizing arm, must be between 0.5 and 1"),
    ({"p": 1.01}, "p, the probability of following the minimizing arm, must be between 0.5 and 1"),
    ({"block_size": 0}, "the block size must be an even number of at least 2"),
    ({"block_size": 3}, "the block size must be an even number of at least 2"),
    ({"ties": "B"}, 'ties must be "coin" or "A"'),
])
def test_bad_settings_have_exact_messages(kwargs, message):
    """Each setting out of range is refused with its own message."""
    args = {"method": "minimization", "n_trials": 2, "n_patients": 4, **kwargs}
    with pytest.raises(ValueError) as exc:
        al.simulate(args.pop("method"), args.pop("n_trials"), **args)
    assert str(exc.value) == message


def test_settings_at_their_limits_are_accepted():
    """The smallest and largest allowed settings run: one trial of one patient, one factor, 2 levels, prevalence
    0 and 1, p 0.5 and 1, blocks of 2."""
    for kw in ({"n_factors": 1, "levels": 2, "prevalence": 0.0, "p": 0.5, "block_size": 2},
               {"n_factors": 1, "prevalence": 1.0, "p": 1.0}):
        for method in al.METHODS:
            r = al.simulate(method, 1, n_patients=1, **kw)
            assert r.arm_a.shape == (1, 1)
    assert (al.simulate("simple", 3, n_patients=5, prevalence=0.0).factors == 0).all()
    assert (al.simulate("simple", 3, n_patients=5, prevalence=1.0).factors == 1).all()


def test_cohort_layout_and_types():
    """Binary factors are 0/1 with the prevalence, categorical ones take every level; both are small integers
    laid out patient-major."""
    rng = np.random.default_rng(0)
    x = al._cohort(rng, 3, 500, 2, 2, 0.3)
    assert x.shape == (500, 3, 2) and x.dtype == np.int8 and set(np.unique(x)) == {0, 1}
    assert abs(x.mean() - 0.3) < 0.03
    y = al._cohort(rng, 3, 500, 2, 5, 0.3)
    assert y.dtype == np.int8 and set(np.unique(y)) == {0, 1, 2, 3, 4}


def test_guess_fewer_by_hand():
    """The observer guesses the arm with fewer patients so far, A at a tie: A, B, B, A is guessed A, B?, A, A."""
    arm_a = np.array([[True, False, False, True]])
    right = al._guess_fewer(arm_a, np.arange(4))
    # before each patient: (A, B) = (0,0) tie->A, (1,0)->B, (1,1) tie->A, (1,2)->A
    assert right.tolist() == [[True, True, False, True]]


def test_factor_and_prevalence_differences_by_hand():
    """Counts A − B per level, and the share of A's patients minus the share of B's (in points); an empty arm
    counts as a share of 0."""
    arm_a = np.array([[True, False, True, True]])
    x = np.array([0, 1, 2, 1], dtype=np.int8).reshape(4, 1, 1)
    diffs = al._factor_differences(arm_a, x, 3)
    assert diffs.tolist() == [[[1, 0, 1]]]
    shares = al._prevalence_differences(arm_a, x, 3, diffs)
    assert shares[0, 0].tolist() == pytest.approx([100 / 3, 100 / 3 - 100, 100 / 3])
    all_a = np.array([[True, True]])
    x2 = np.array([0, 1], dtype=np.int8).reshape(2, 1, 1)
    d2 = al._factor_differences(all_a, x2, 2)
    assert d2.tolist() == [[[1, 1]]]
    assert al._prevalence_differences(all_a, x2, 2, d2)[0, 0].tolist() == [50.0, 50.0]


def test_simulate_keeps_its_settings_and_measures_by_hand():
    """The result holds every setting; its measures equal a recount of its own assignments (group difference,
    largest count and share imbalance, predictability of the simple rule)."""
    r = al.simulate("simple", 4, n_patients=9, n_factors=2, p=0.7, block_size=6, seed=5, levels=3, prevalence=0.4)
    assert (r.method, r.n_trials, r.n_patients, r.n_factors, r.levels, r.prevalence, r.p, r.block_size, r.seed) == \
        ("simple", 4, 9, 2, 3, 0.4, 0.7, 6, 5)
    assert r.factors.shape == (4, 9, 2) and r.arm_a.shape == (4, 9)
    for t in range(4):
        a = r.arm_a[t]
        assert r.group_difference[t] == abs(2 * a.sum() - 9)
        right = al._guess_fewer(a[None, :], np.arange(9))[0]
        assert r.predictability[t] == right.mean()
    r1 = al.simulate("simple", 1, n_patients=1)
    assert r1.group_difference.tolist() == [1]


def test_blocks_are_half_a_and_half_b_and_predictability_restarts_each_block():
    """Each full block holds half A and half B; the last, partial block is cut; guesses count within blocks."""
    r = al.simulate("blocks", 50, n_patients=10, block_size=4, seed=2)
    sums = r.arm_a[:, :8].reshape(50, 2, 4).sum(axis=2)
    assert (sums == 2).all()
    for t in range(50):
        blocks = np.concatenate([r.arm_a[t], np.zeros(2, bool)]).reshape(3, 4)
        right = al._guess_fewer(blocks, np.arange(4)).reshape(-1)[:10]
        assert r.predictability[t] == right.mean()
    assert (al.simulate("blocks", 20, n_patients=6, block_size=6, seed=1).group_difference == 0).all()


def test_minimization_by_hand_with_p_one():
    """Deterministic minimization with ties to A on two patients with the same factor: A then B; ties by a coin
    give both arms over many trials; p = 1 always follows the minimizing arm and is guessed right every time
    when ties go to A."""
    r = al.simulate("minimization", 3, n_patients=2, n_factors=1, p=1.0, prevalence=1.0, ties="A")
    assert r.arm_a.tolist() == [[True, False]] * 3
    assert (r.predictability == 1).all()
    coin = al.simulate("minimization", 200, n_patients=1, n_factors=1, p=1.0, seed=3)
    assert 0.3 < coin.arm_a.mean() < 0.7
    assert (coin.predictability == coin.arm_a[:, 0]).all()  # the observer guesses A at a tie
    p8 = al.simulate("minimization", 2000, n_patients=2, n_factors=1, p=0.8, prevalence=1.0, ties="A", seed=1)
    second_b = (~p8.arm_a[:, 1]).mean()
    assert abs(second_b - 0.8) < 0.03  # the second patient follows the minimizing arm (B) with probability p
    assert np.array_equal(p8.predictability, (1 + (~p8.arm_a[:, 1])) / 2)


def test_minimization_counts_only_the_new_patients_levels():
    """The rule adds A − B over the new patient's own levels (not over every level): patients (0), (1), (0) go
    A, A (no earlier patient with level 1), B."""
    assert al.minimize_deterministic([(0,), (1,), (0,)]) == ["A", "A", "B"]
    x = np.array([0, 1, 0], dtype=np.int8).reshape(3, 1, 1)
    arm_a, right, diff = al._minimize(np.random.default_rng(0), x, 2, 1.0, True)
    assert arm_a.tolist() == [[True, True, False]] and right.tolist() == [[True, True, True]]
    assert diff.tolist() == [[[0, 1]]]


def test_summary_and_repr():
    """summary() gives the means, the share with an imbalance of 10 points or more, and predictability; repr says
    it in one line."""
    r = al.simulate("blocks", 30, n_patients=20, seed=4)
    s = r.summary()
    assert s == {"method": "blocks",
                 "mean group difference": float(r.group_difference.mean()),
                 "mean largest factor imbalance": float(r.factor_imbalance.mean()),
                 "share of trials with a factor imbalance of 10 or more": float((r.factor_imbalance >= 10).mean()),
                 "mean predictability": float(r.predictability.mean())}
    r2 = al.SimulationResult("simple", 2, 4, 1, 2, 0.5, 0.8, 4, 0, np.array([0, 2]), np.array([10.0, 5.0]),
                             np.array([0.5, 1.0]), np.zeros((2, 4), bool), np.zeros((2, 4, 1)))
    assert r2.summary()["share of trials with a factor imbalance of 10 or more"] == 0.5
    assert repr(r2) == ("<simulated simple: 2 trials of 4 patients, 1 factors; mean group difference 1.00, mean "
                        "largest factor imbalance 7.50 percentage points, predictability 75.0%>")
    assert r2.factor_imbalance_patients is None


def test_simulate_all_and_its_cache():
    """simulate_all runs the three methods with the given settings (p rounded to 3 decimals) on the same cohorts,
    and its defaults are 500 trials of 192 patients, 3 factors, p 0.8, blocks of 4, seed 2014."""
    al._cached.cache_clear()
    res = al.simulate_all(n_trials=3, n_patients=10, n_factors=2, p=0.70049, block_size=2, seed=6)
    assert list(res) == list(al.METHODS)
    for m, r in res.items():
        assert (r.method, r.n_trials, r.n_patients, r.n_factors, r.p, r.block_size, r.seed) == (m, 3, 10, 2, 0.7, 2, 6)
        assert np.array_equal(r.arm_a, al.simulate(m, 3, 10, n_factors=2, p=0.7, block_size=2, seed=6).arm_a)
    assert al.simulate_all(n_trials=3, n_patients=10, n_factors=2, p=0.7, block_size=2, seed=6)["blocks"] is \
        res["blocks"]
    import inspect

    assert [p.default for p in inspect.signature(al.simulate_all).parameters.values()] == [500, 192, 3, 0.8, 4, 2014]
    assert [p.default for p in list(inspect.signature(al.simulate).parameters.values())[2:]] == \
        [192, 3, 0.8, 4, 0, 2, 0.5, "coin"]


def test_method_labels():
    """Figures name each method, on two lines or one."""
    assert al.method_label("simple") == "Simple\nrandomization"
    assert al.method_label("blocks", block_size=6, newline=False) == "Permuted blocks of 6"
    assert al.method_label("blocks") == "Permuted\nblocks of 4"
    assert al.method_label("minimization") == "Minimization\n(p = 0.80)"
    assert al.method_label("minimization", p=0.5, newline=False) == "Minimization (p = 0.50)"


def test_a_seed_gives_the_same_trials_in_every_version():
    """The lessons' simulated numbers come from fixed seeds: the same seed gives exactly these patients and
    assignments (a change to how the random numbers are drawn would change every figure quoted in lesson 04)."""
    expected = {"simple": ([6, 3, 4], "AABBBAAAABBB"), "blocks": ([6, 6, 6], "AABBBBAAAABB"),
                "minimization": ([5, 6, 4], "ABBBAABBABAB")}
    for method, (in_a, first) in expected.items():
        r = al.simulate(method, 3, n_patients=12, n_factors=2, seed=1)
        assert int(r.factors.sum()) == 39
        assert r.arm_a.sum(axis=1).tolist() == in_a
        assert "".join("A" if a else "B" for a in r.arm_a[0]) == first
    r = al.simulate("simple", 2, n_patients=12, n_factors=2, seed=1, levels=3)
    assert r.factors[0].tolist() == [[2, 2], [2, 2], [1, 1], [2, 1], [2, 0], [2, 1], [2, 1], [2, 2], [1, 1], [1, 0],
                                     [0, 1], [0, 0]]


def test_counts_are_whole_numbers():
    """Group differences and factor imbalances in patients are integers (whole patients), not floats."""
    for method in al.METHODS:
        r = al.simulate(method, 3, n_patients=12, n_factors=2, seed=1, levels=3)
        assert r.factor_imbalance_patients.dtype.kind == "i" and r.group_difference.dtype.kind == "i"
    arm_a = np.array([[True, False, True]])
    x = np.array([0, 1, 1], dtype=np.int8).reshape(3, 1, 1)
    assert al._factor_differences(arm_a, x, 2).dtype.kind == "i"


def test_simulate_all_defaults_reach_the_simulation(monkeypatch):
    """Called with no settings, simulate_all asks for 500 trials of 192 patients, 3 factors, p 0.8, blocks of 4,
    seed 2014, for each method; simulate's own seed defaults to 0."""
    calls = []
    monkeypatch.setattr(al, "_cached", lambda *args: calls.append(args) or args)
    al.simulate_all()
    assert calls == [(m, 500, 192, 3, 0.8, 4, 2014) for m in al.METHODS]
    monkeypatch.undo()
    assert np.array_equal(al.simulate("simple", 2, n_patients=5).arm_a, al.simulate("simple", 2, n_patients=5,
                                                                                    seed=0).arm_a)


def test_prevalence_difference_with_one_patient_in_an_arm():
    """A share is divided by the arm's own size, also when that is one patient."""
    arm_a = np.array([[True, False, False]])
    x = np.array([1, 0, 1], dtype=np.int8).reshape(3, 1, 1)
    d = al._factor_differences(arm_a, x, 2)
    assert al._prevalence_differences(arm_a, x, 2, d)[0, 0].tolist() == pytest.approx([-50.0, 50.0])
