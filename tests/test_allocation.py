"""The allocation simulator of lesson 04 (legpain.topics.allocation): balance, predictability, reproducibility, speed,
figures, and the question bank of lesson 04."""


import numpy as np
import pytest

from legpain.topics import allocation as al
from legpain.checking import bank
from legpain.topics import trial
from legpain.ui.figures import accessibility_problems

SEEDS = (1, 2, 3)


def test_default_cohort_is_the_trials_size():
    """A simulated trial has as many patients as the trial enrolled (192), unless told otherwise."""
    r = al.simulate("simple", 5, seed=0)
    assert r.n_patients == trial.fact("enrolled") == 192
    assert r.arm_a.shape == (5, 192) and r.factors.shape == (5, 192, 3)
    assert r.group_difference.shape == r.factor_imbalance.shape == r.predictability.shape == (5,)


@pytest.mark.parametrize("seed", SEEDS)
def test_minimization_balances_factors_better_than_simple_randomization(seed):
    """On the same simulated cohorts, minimization (p = 0.8) leaves a much smaller largest factor imbalance."""
    simple = al.simulate("simple", 2000, seed=seed)
    mini = al.simulate("minimization", 2000, p=0.8, seed=seed)
    assert np.array_equal(simple.factors, mini.factors)  # same made-up patients
    assert mini.factor_imbalance.mean() < 0.3 * simple.factor_imbalance.mean()
    assert np.percentile(mini.factor_imbalance, 95) < np.percentile(simple.factor_imbalance, 50)


@pytest.mark.parametrize("block_size", (2, 4, 6, 8))
def test_blocks_keep_group_sizes_within_half_a_block(block_size):
    """With permuted blocks the arms never differ by more than block_size/2, at the end or at any point."""
    for n in (192, 190, 7):
        r = al.simulate("blocks", 500, n_patients=n, block_size=block_size, seed=5)
        assert r.group_difference.max() <= block_size // 2
        running = np.abs(np.cumsum(np.where(r.arm_a, 1, -1), axis=1))
        assert running.max() <= block_size // 2
    r = al.simulate("blocks", 500, block_size=block_size, seed=5)
    assert (r.group_difference == 0).all()  # 192 is a whole number of blocks of these sizes


def test_predictability_simple_is_a_coin_and_deterministic_minimization_is_high():
    """Guessing simple randomization is right about half the time; deterministic minimization (p = 1) clearly
    more often, and minimization with p = 0.8 in between."""
    simple = al.simulate("simple", 4000, seed=11).predictability.mean()
    det = al.simulate("minimization", 4000, p=1.0, seed=11).predictability.mean()
    p8 = al.simulate("minimization", 4000, p=0.8, seed=11).predictability.mean()
    assert abs(simple - 0.5) < 0.01
    assert det > 0.8
    assert 0.6 < p8 < det


def test_predictability_of_blocks_of_four_matches_the_exact_value():
    """For blocks of 4 and an observer who guesses the arm with fewer in the block, the exact share is
    (1/2 + 2/3 + 2/3 + 1) / 4 = 17/24."""
    r = al.simulate("blocks", 5000, block_size=4, seed=3)
    assert abs(r.predictability.mean() - 17 / 24) < 0.005


def test_minimization_with_p_one_half_behaves_like_a_coin():
    """p = 0.5 ignores the minimizing arm, so balance and predictability are those of simple randomization."""
    coin = al.simulate("minimization", 3000, p=0.5, seed=4)
    simple = al.simulate("simple", 3000, seed=4)
    assert abs(coin.predictability.mean() - 0.5) < 0.01
    assert abs(coin.factor_imbalance.mean() - simple.factor_imbalance.mean()) < 1.0


@pytest.mark.parametrize("method", al.METHODS)
def test_seeds_reproduce_results_and_different_seeds_differ(method):
    """The same seed gives identical results; another seed gives other patients and assignments."""
    a = al.simulate(method, 200, seed=42)
    b = al.simulate(method, 200, seed=42)
    c = al.simulate(method, 200, seed=43)
    for attr in ("arm_a", "factors", "group_difference", "factor_imbalance", "predictability"):
        assert np.array_equal(getattr(a, attr), getattr(b, attr))
    assert not np.array_equal(a.arm_a, c.arm_a)


def test_imbalance_measures_agree_with_a_direct_count():
    """group_difference and factor_imbalance equal a plain recount from the stored assignments and factors."""
    for method in al.METHODS:
        r = al.simulate(method, 50, n_factors=4, seed=8, levels=3)
        for t in range(50):
            a = r.arm_a[t]
            assert r.group_difference[t] == abs(a.sum() - (~a).sum())
            worst = max(abs(int(((r.factors[t, :, f] == lv) & a).sum()) - int(((r.factors[t, :, f] == lv) & ~a).sum()))
                        for f in range(4) for lv in range(3))
            assert r.factor_imbalance_patients[t] == worst
            shares = max(abs(100 * ((r.factors[t, :, f] == lv) & a).sum() / max(a.sum(), 1)
                             - 100 * ((r.factors[t, :, f] == lv) & ~a).sum() / max((~a).sum(), 1))
                         for f in range(4) for lv in range(3))
            assert r.factor_imbalance[t] == pytest.approx(shares)


def test_blocks_do_nothing_for_factors_measured_as_a_difference_in_shares():
    """Lesson 04: blocks balance group sizes only. Measured as a difference in the share of patients with a factor
    (not in whole patients, which mixes in the group sizes), blocks balance factors no better than simple
    randomization (within 0.5 percentage points over 3,000 trials), and minimization far better."""
    simple, blocks, mini = (al.simulate(m, 3000, seed=4) for m in al.METHODS)
    assert abs(blocks.factor_imbalance.mean() - simple.factor_imbalance.mean()) < 0.5
    assert mini.factor_imbalance.mean() < 0.3 * blocks.factor_imbalance.mean()
    # the count measure is what made blocks look better: it carries the group-size difference
    assert blocks.factor_imbalance_patients.mean() < 0.75 * simple.factor_imbalance_patients.mean()


def test_running_imbalance_alt_text_follows_the_run():
    """Demo 4.2's alt text is computed from the run: with p = 0.5 it does not claim that minimization balances best."""
    fig = al.running_imbalance_figure(p=0.5, seed=7)
    assert "Minimization (p = 0.50) at most" in fig.alt
    assert not fig.alt.rstrip(".").endswith("Minimization (p = 0.50)")
    assert al.running_imbalance_figure(p=0.8, seed=7).alt.rstrip(".").endswith("Minimization (p = 0.80)")


def test_vectorized_minimization_matches_the_plain_rule():
    """With p = 1 and ties to A, the simulator allocates exactly as the plain, one-patient-at-a-time rule."""
    r = al.simulate("minimization", 40, n_patients=60, n_factors=2, p=1.0, seed=9, ties="A")
    for t in range(40):
        patients = [tuple(int(v) for v in row) for row in r.factors[t]]
        expected = al.minimize_deterministic(patients)
        assert ["A" if a else "B" for a in r.arm_a[t]] == expected


def test_plain_rule_on_a_worked_example():
    """The worked example of the lesson: five patients with two binary factors."""
    assert al.minimize_deterministic([(0, 0), (0, 1), (1, 0), (1, 1), (0, 0)]) == ["A", "B", "B", "A", "A"]
    assert al.minimize_deterministic([]) == []


def test_categorical_factors_and_prevalence():
    """Categorical factors take every level; a binary factor's share of 'present' follows the prevalence."""
    r = al.simulate("simple", 300, n_factors=2, levels=4, seed=1)
    assert set(np.unique(r.factors)) == {0, 1, 2, 3}
    r = al.simulate("simple", 300, n_factors=2, prevalence=0.2, seed=1)
    assert abs(r.factors.mean() - 0.2) < 0.01


def test_bad_settings_are_refused_with_a_clear_message():
    """Unknown methods, odd block sizes and p outside 0.5-1 raise ValueError."""
    with pytest.raises(ValueError, match="method"):
        al.simulate("coin", 10)
    with pytest.raises(ValueError, match="block size"):
        al.simulate("blocks", 10, block_size=3)
    with pytest.raises(ValueError, match="p, the probability"):
        al.simulate("minimization", 10, p=0.3)


def test_comparison_figure_is_accessible_for_several_settings():
    """The demo's figure passes the accessibility check for several cohort sizes, factor counts and p."""
    for n, f, p in ((192, 3, 0.8), (40, 1, 1.0), (300, 8, 0.5), (20, 5, 0.65)):
        fig = al.comparison_figure(n_patients=n, n_factors=f, p=p, n_trials=100)
        assert accessibility_problems(fig) == []
        assert "Simulat" in fig._suptitle.get_text() and "simulation" in fig.alt.lower()


def test_other_figures_are_accessible():
    """The running-imbalance and trade-off figures pass the accessibility check and say they are simulated."""
    for fig in (al.running_imbalance_figure(), al.running_imbalance_figure(n_patients=30, p=1.0, seed=1),
                al.tradeoff_figure(), al.tradeoff_figure(n_factors=6, n_trials=100)):
        assert accessibility_problems(fig) == []
        assert "Simulated" in fig._suptitle.get_text()


def test_bank_04_sanity():
    """Set 04: ids follow qN_M/cN_M, points are positive, the coding task has hidden cases declared, and its public
    cases agree with the reference rule."""
    a = bank.assignment("04-allocation-by-minimization")
    ids = [q.qid for q in a.exercises]
    assert len(ids) == len(set(ids)) and all(i.startswith("q4_") for i in ids)
    assert all(c.qid.startswith("c4_") for c in a.checks)
    assert all(q.points > 0 for q in a.exercises)
    funcs = [q for q in a.exercises if q.kind == "function"]
    assert funcs and all(q.hidden for q in funcs)
    for q in funcs:
        for case in q.cases:
            assert al.minimize_deterministic(*case.args) == case.expected
    assert any(q.manual for q in a.exercises)


def _cut_reference(method, n, n_trials, n_patients, n_factors, p, block_size, seed, levels=2):
    """What the simulator's own measures give on the first ``n`` patients of ``n_patients``-patient trials (the slow,
    plain way a sweep's running totals must agree with)."""
    rng = np.random.default_rng(seed)
    x = al._cohort(rng, n_trials, n_patients, n_factors, levels, 0.5)
    arm_a, right, _ = al._allocate(rng, method, x, levels, p, block_size, False)
    xa, aa, rr = x[:n], arm_a[:, :n], right[:, :n]
    return al._result(method, xa, aa, rr, al._factor_differences(aa, xa, levels), levels, 0.5, p, block_size, seed)


@pytest.mark.parametrize("settings", [(500, 400, 3, 0.8, 4, 2014, 2), (60, 50, 2, 1.0, 6, 3, 3),
                                      (40, 37, 8, 0.5, 2, 9, 2)])
def test_a_sweep_cut_after_n_patients_measures_what_the_simulator_measures(settings):
    """Demo 4.3's running totals: cut after any n (on and between the kept counts, at 1 and at the end), every
    measure of every method equals the simulator's own measures of those first n patients, array for array."""
    n_trials, n_patients, n_factors, p, block_size, seed, levels = settings
    sweep = al.Sweep(n_trials, n_patients, n_factors, p, block_size, seed, levels=levels)
    fields = ("group_difference", "factor_imbalance", "predictability", "arm_a", "factors", "factor_imbalance_patients")
    for n in sorted({1, 2, 3, 4, 5, 7, 19, 20, n_patients // 2, n_patients - 1, n_patients}):
        cut = sweep.at(n)
        for method in al.METHODS:
            ref = _cut_reference(method, n, n_trials, n_patients, n_factors, p, block_size, seed, levels)
            for name in fields:
                assert np.array_equal(getattr(cut[method], name), getattr(ref, name)), (method, n, name)
            assert (cut[method].n_patients, cut[method].p, cut[method].seed) == (n, p, seed)


def test_a_whole_sweep_is_the_simulation_of_that_many_patients():
    """Uncut, a sweep is :func:`simulate` of its settings: the same patients, arms and numbers for each method."""
    whole = al.sweep(200, 120, 4, 0.7, 4, 5).at(120)
    for method in al.METHODS:
        direct = al.simulate(method, 200, 120, 4, p=0.7, block_size=4, seed=5)
        for name in ("group_difference", "factor_imbalance", "predictability", "arm_a", "factors"):
            assert np.array_equal(getattr(whole[method], name), getattr(direct, name)), (method, name)


def test_a_sweep_refuses_a_cut_it_does_not_hold():
    sweep = al.sweep(10, 40, 2, 0.8, 4, 1)
    for n in (0, 41):
        with pytest.raises(ValueError, match="can be cut after 1 to 40"):
            sweep.at(n)


def test_demo_4_3_draws_the_numbers_its_checks_expect():
    """Check 4.27's key and the feedback for simple randomization's median are the values the demo's middle panel
    prints at 40 patients, 8 factors and p = 0.8 (read from the figure's labels, as a student reads them)."""
    import matplotlib.pyplot as plt

    c4_27 = bank.question("c4_27")
    fig = al.comparison_figure(n_patients=40, n_factors=8, p=0.8)
    middle = [t.get_text() for t in fig.axes[1].texts if t.get_text().replace(".", "").isdigit()]
    plt.close(fig)
    simple, _blocks, minimization = middle
    assert minimization == f"{c4_27.answer:.1f}"
    assert float(simple) in c4_27.feedback
    start = al.comparison_figure()
    assert [t.get_text() for t in start.axes[1].texts if t.get_text().replace(".", "").isdigit()][2] == "2.0"
    plt.close(start)
