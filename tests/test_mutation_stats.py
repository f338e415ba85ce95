"""Statistics (legpain.topics.stats): exact formulas, defaults and limits, checked against direct recomputations.

Fast unit tests written against the survivors of tools/mutation.py: each pins one behaviour exactly."""

import math

import numpy as np
import pytest
from scipy import stats as sps

from legpain.topics import stats


def test_z_quantiles_and_level_limits():
    """Z95 is the 97.5% normal quantile; the level must lie strictly between 0 and 1 (exact message)."""
    assert stats.Z95 == pytest.approx(1.959963984540054, abs=1e-12)
    assert stats._z(0.9) == pytest.approx(1.6448536269514722, abs=1e-12)
    for bad in (0, 1, -0.5, 95):
        with pytest.raises(ValueError) as exc:
            stats._z(bad)
        assert str(exc.value) == "the confidence level must be between 0 and 1, for example 0.95"


def test_diff_ci_levels_and_the_welch_interval_by_hand():
    """The normal interval at another level uses that level's z; the Welch interval uses the t quantile on the
    Welch-Satterthwaite degrees of freedom (as scipy's Welch test computes them)."""
    a, b = [1.0, 2.0, 4.0, 8.0], [3.0, 3.5, 2.0]
    va, vb, na, nb = np.var(a, ddof=1), np.var(b, ddof=1), 4, 3
    se = math.sqrt(va / na + vb / nb)
    d = np.mean(a) - np.mean(b)
    got = stats.diff_ci(a, b, level=0.9)
    assert got == pytest.approx((d, d - 1.6448536 * se, d + 1.6448536 * se), abs=1e-6)
    df = (va / na + vb / nb) ** 2 / ((va / na) ** 2 / (na - 1) + (vb / nb) ** 2 / (nb - 1))
    for level in (0.95, 0.8):
        q = sps.t.ppf(0.5 + level / 2, df)
        assert stats.diff_ci(a, b, level=level, method="welch") == pytest.approx((d, d - q * se, d + q * se),
                                                                                  abs=1e-9)
    res = sps.ttest_ind(a, b, equal_var=False)
    assert res.df == pytest.approx(df)
    assert stats.diff_ci([1, 2], [3, 5])[0] == -2.5  # two values per group are enough
    for bad in (([1], [1, 2]), ([1, 2], [1])):
        with pytest.raises(ValueError) as exc:
            stats.diff_ci(*bad)
        assert str(exc.value) == "each group needs at least 2 values to estimate its spread"
    with pytest.raises(ValueError) as exc:
        stats.diff_ci(a, b, method="t")
    assert str(exc.value) == "method must be 'normal' or 'welch'"


def test_standard_error_and_sd_for_halfwidth():
    """SE = sd × sqrt(1/na + 1/nb) (one patient per group is allowed); the SD for a half-width at another level;
    zero or negative half-widths and empty groups are refused with exact messages."""
    assert stats.standard_error(2, 1, 4) == pytest.approx(2 * math.sqrt(1.25)) == stats.standard_error(2, 4, 1)
    for n_a, n_b in ((0, 3), (3, 0)):
        with pytest.raises(ValueError) as exc:
            stats.standard_error(1, n_a, n_b)
        assert str(exc.value) == "each group needs at least one patient"
    assert stats.sd_for_halfwidth(3, 10, 40, level=0.9) == pytest.approx(3 / (1.6448536 * math.sqrt(0.125)), abs=1e-6)
    assert stats.sd_for_halfwidth(1e-9, 10, 10) > 0
    for bad in (0, -1):
        with pytest.raises(ValueError) as exc:
            stats.sd_for_halfwidth(bad, 10, 10)
        assert str(exc.value) == "the half-width must be above 0"


def test_power_formula_alpha_and_limits():
    """Power at another alpha follows the two-sided formula; two patients per group are allowed; fewer, or a spread
    of zero or less, is refused (exact message); a negative effect has the same power as a positive one."""
    se = 30 * math.sqrt(2 / 50)
    z = sps.norm.ppf(1 - 0.01 / 2)
    want = sps.norm.cdf(10 / se - z) + sps.norm.cdf(-10 / se - z)
    assert stats.power(50, 10, 30, alpha=0.01) == pytest.approx(want, abs=1e-9)
    assert stats.power(50, -10, 30) == stats.power(50, 10, 30)
    assert 0 < stats.power(2, 10, 30) < 1 and 0 < stats.power(10, 1, 0.5) < 1  # a spread below 1 is fine
    for n, sd in ((1, 30), (50, 0), (50, -1)):
        with pytest.raises(ValueError) as exc:
            stats.power(n, 10, sd)
        assert str(exc.value) == "need at least 2 patients per group and a spread above 0"


def _direct(n, effect, sd, trials, seed):
    rng = np.random.default_rng(seed)
    a = rng.normal(effect, sd, size=(trials, n))
    b = rng.normal(0.0, sd, size=(trials, n))
    return a, b


@pytest.mark.parametrize("method, level", [("welch", 0.95), ("normal", 0.95), ("welch", 0.8), ("normal", 0.8)])
def test_simulate_trials_is_diff_ci_on_each_simulated_trial(method, level):
    """Each simulated trial's (difference, lower, upper) is diff_ci on that trial's two groups (group a drawn
    first with the effect as its mean, group b second with mean 0), for either method and any level."""
    diff, lo, hi = stats.simulate_trials(5, 3.0, 2.0, trials=4, seed=9, level=level, method=method)
    assert diff.shape == lo.shape == hi.shape == (4,)
    a, b = _direct(5, 3.0, 2.0, 4, 9)
    for i in range(4):
        assert (diff[i], lo[i], hi[i]) == pytest.approx(stats.diff_ci(a[i], b[i], level=level, method=method),
                                                        abs=1e-9)


def test_simulate_trials_defaults_and_limits():
    """Defaults: 2000 trials, seed 0, 95% Welch intervals; two patients per group are enough; one, an unknown
    method or a bad level (Welch too) are refused."""
    d0, lo0, hi0 = stats.simulate_trials(3, 1.0, 1.0)
    d1, lo1, hi1 = stats.simulate_trials(3, 1.0, 1.0, trials=2000, seed=0, level=0.95, method="welch")
    assert d0.shape == (2000,) and np.array_equal(lo0, lo1) and np.array_equal(hi0, hi1) and np.array_equal(d0, d1)
    assert stats.simulate_trials(2, 1.0, 1.0, trials=2)[0].shape == (2,)
    with pytest.raises(ValueError) as exc:
        stats.simulate_trials(1, 1.0, 1.0, trials=2)
    assert str(exc.value) == "each group needs at least 2 patients to estimate its spread"
    with pytest.raises(ValueError, match="between 0 and 1"):
        stats.simulate_trials(5, 1.0, 1.0, trials=2, level=1.5)
    with pytest.raises(ValueError) as exc:
        stats.simulate_trials(5, 1.0, 1.0, trials=2, method="z")
    assert str(exc.value) == "method must be 'normal' or 'welch'"


def test_simulated_power_and_coverage_count_the_right_intervals():
    """simulated_power is the share of intervals that exclude 0 (on either side); coverage the share that contain
    the true difference; both default to 2000 trials, seed 0 (Welch intervals)."""
    for effect in (0.0, 0.6, -0.6):
        _, lo, hi = stats.simulate_trials(6, effect, 1.0, trials=300, seed=3)
        assert stats.simulated_power(6, effect, 1.0, trials=300, seed=3) == np.mean((lo > 0) | (hi < 0))
        assert stats.coverage(6, effect, 1.0, trials=300, seed=3) == np.mean((lo <= effect) & (effect <= hi))
    _, lo, hi = stats.simulate_trials(6, 0.0, 1.0, trials=300, seed=3)
    assert (lo > 0).any() and (hi < 0).any()  # the test above sees both sides
    _, lo, hi = stats.simulate_trials(4, 0.5, 1.0, trials=2000, seed=0)
    assert stats.simulated_power(4, 0.5, 1.0) == np.mean((lo > 0) | (hi < 0))
    assert stats.coverage(4, 0.5, 1.0) == np.mean((lo <= 0.5) & (0.5 <= hi))
    _, lo, hi = stats.simulate_trials(4, 0.5, 1.0, trials=2000, seed=0, method="normal")
    assert stats.coverage(4, 0.5, 1.0, method="normal") == np.mean((lo <= 0.5) & (0.5 <= hi))


def test_p_from_ci_by_the_formula():
    """P = 2 × (1 − Φ(|estimate| / SE)) with SE = (upper − lower) / (2 × 1.96), for either sign; an interval whose
    upper limit is not above its lower one is refused."""
    se = 12 / (2 * stats.Z95)
    assert stats.p_from_ci(5, -1, 11) == pytest.approx(2 * (1 - sps.norm.cdf(5 / se)), abs=1e-12)
    assert stats.p_from_ci(-5, -11, 1) == stats.p_from_ci(5, -1, 11)
    for lo, hi in ((2, 2), (3, 2)):
        with pytest.raises(ValueError) as exc:
            stats.p_from_ci(1, lo, hi)
        assert str(exc.value) == "the upper limit must be above the lower limit"


def test_prob_any_false_positive_formula_and_limits():
    """1 − (1 − α)^k at another alpha; alpha 0 and 1 and k = 0 are allowed; negative k or alpha outside 0–1 are
    refused (exact message)."""
    assert stats.prob_any_false_positive(2, alpha=0.1) == pytest.approx(0.19)
    assert stats.prob_any_false_positive(3, alpha=0) == 0 and stats.prob_any_false_positive(3, alpha=1) == 1
    for k, alpha in ((-1, 0.05), (2, -0.01), (2, 1.01)):
        with pytest.raises(ValueError) as exc:
            stats.prob_any_false_positive(k, alpha)
        assert str(exc.value) == "k must be 0 or more and alpha between 0 and 1"
