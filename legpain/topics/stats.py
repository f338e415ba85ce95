"""Statistics of lessons 05 and 06: a difference in means and its confidence interval, power, and simulation.

Everything here is a small pure function that the unit tests call directly (``tests/test_stats.py``):

- :func:`diff_ci` — the difference in means of two groups and its 95% confidence interval (the large-sample
  "normal" interval, or Welch's t interval);
- :func:`sd_for_halfwidth` — the spread (SD) that gives a confidence interval of a given half-width;
- :func:`power` — the power of a two-group comparison of means (normal approximation, two-sided);
- :func:`simulate_trials` — many simulated two-group trials at once (vectorised with numpy; Welch t intervals by
  default, so that small simulated trials cover 95%), used to check the coverage of the interval and the power
  formula;
- :func:`p_from_ci` — the P value that a symmetric 95% CI implies (Altman & Bland, BMJ 2011;343:d2304);
- :func:`prob_any_false_positive` — the chance of at least one "significant" result among k independent tests
  when no effect is real (lesson 06, multiplicity);
- :func:`rule_of_three` and :func:`zero_events_upper_limit` — how large a risk is still compatible with no events
  among n patients (lesson 05, harms; Eypasch E et al. BMJ 1995;311:619, doi:10.1136/bmj.311.7005.619).

The figures of the demos (:func:`ci_dance_figure`, :func:`power_figure`, :func:`multiplicity_figure`) are built on
these functions. All simulated numbers are labelled "simulated" in the figures.
"""

from __future__ import annotations

import math
from statistics import NormalDist
from typing import Sequence

import numpy as np

__all__ = [
    "Z95",
    "diff_ci",
    "sd_for_halfwidth",
    "standard_error",
    "power",
    "simulate_trials",
    "simulated_power",
    "coverage",
    "p_from_ci",
    "prob_any_false_positive",
    "rule_of_three",
    "zero_events_upper_limit",
    "ci_dance_figure",
    "power_figure",
    "multiplicity_figure",
]

_N = NormalDist()
Z95 = _N.inv_cdf(0.975)  # 1.959963984540054


def _z(level: float) -> float:
    if not 0 < level < 1:
        raise ValueError("the confidence level must be between 0 and 1, for example 0.95")
    return _N.inv_cdf(0.5 + level / 2)


def diff_ci(group_a: Sequence[float], group_b: Sequence[float], level: float = 0.95,
            method: str = "normal") -> tuple[float, float, float]:
    """Difference in means (a minus b) and its confidence interval: ``(difference, lower, upper)``.

    ``method="normal"``: difference ± z × SE with SE = sqrt(sa²/na + sb²/nb) (sample variances, divisor n − 1) and
    z = 1.96 for 95% — the large-sample interval taught in lesson 05. ``method="welch"``: the same SE with a t
    quantile on Welch–Satterthwaite degrees of freedom (slightly wider for small groups).
    """
    a = np.asarray(group_a, dtype=float)
    b = np.asarray(group_b, dtype=float)
    if a.size < 2 or b.size < 2:
        raise ValueError("each group needs at least 2 values to estimate its spread")
    va, vb = a.var(ddof=1), b.var(ddof=1)
    se = math.sqrt(va / a.size + vb / b.size)
    diff = float(a.mean() - b.mean())
    if method == "normal":
        q = _z(level)
    elif method == "welch":
        from scipy.stats import t

        df = (va / a.size + vb / b.size) ** 2 / (
            (va / a.size) ** 2 / (a.size - 1) + (vb / b.size) ** 2 / (b.size - 1))
        q = float(t.ppf(0.5 + level / 2, df))
    else:
        raise ValueError("method must be 'normal' or 'welch'")
    return diff, diff - q * se, diff + q * se


def standard_error(sd: float, n_a: int, n_b: int) -> float:
    """Standard error of a difference in means for two groups with a common spread ``sd``."""
    if n_a < 1 or n_b < 1:
        raise ValueError("each group needs at least one patient")
    return sd * math.sqrt(1 / n_a + 1 / n_b)


def sd_for_halfwidth(halfwidth: float, n_a: int, n_b: int, level: float = 0.95) -> float:
    """The common SD that makes a CI for a difference in means ``halfwidth`` wide on each side.

    Solves halfwidth = z × SD × sqrt(1/na + 1/nb) for SD (normal approximation).
    """
    if halfwidth <= 0:
        raise ValueError("the half-width must be above 0")
    return halfwidth / (_z(level) * math.sqrt(1 / n_a + 1 / n_b))


def power(n_per_group: int, effect: float, sd: float, alpha: float = 0.05) -> float:
    """Power of a two-sided test of a difference in means, equal groups, normal approximation.

    power = Φ(|δ|/SE − z) + Φ(−|δ|/SE − z), with SE = SD × sqrt(2/n) and z = Φ⁻¹(1 − α/2).
    """
    if n_per_group < 2 or sd <= 0:
        raise ValueError("need at least 2 patients per group and a spread above 0")
    se = standard_error(sd, n_per_group, n_per_group)
    z = _N.inv_cdf(1 - alpha / 2)
    shift = abs(effect) / se
    return _N.cdf(shift - z) + _N.cdf(-shift - z)


def simulate_trials(n_per_group: int, effect: float, sd: float, trials: int = 2000, seed: int = 0,
                    level: float = 0.95, method: str = "welch", patients_drawn: int | None = None):
    """Simulate ``trials`` two-group trials (normal outcomes, true difference ``effect``), all at once.

    Returns ``(difference, lower, upper)`` as three numpy arrays of length ``trials``. ``method="welch"`` (the
    default) gives each trial Welch's t interval, as ``diff_ci(..., method="welch")``: with sample SDs, a t quantile
    is what makes the interval cover the true difference 95% of the time even in small groups (10 to 20 per group),
    where the z interval (``method="normal"``, 1.96) covers only about 94%. Deterministic for a given ``seed``.
    ``patients_drawn``: draw this many patients per group and keep the first ``n_per_group``, so that a larger trial
    with the same seed continues the smaller one (its first patients are the same) — what a demo's size slider needs.
    """
    if n_per_group < 2:
        raise ValueError("each group needs at least 2 patients to estimate its spread")
    rng = np.random.default_rng(seed)
    drawn = max(n_per_group, int(patients_drawn or n_per_group))
    a = rng.normal(effect, sd, size=(trials, drawn))[:, :n_per_group]
    b = rng.normal(0.0, sd, size=(trials, drawn))[:, :n_per_group]
    diff = a.mean(axis=1) - b.mean(axis=1)
    va, vb = a.var(axis=1, ddof=1) / n_per_group, b.var(axis=1, ddof=1) / n_per_group
    se = np.sqrt(va + vb)
    if method == "normal":
        q = _z(level)
    elif method == "welch":
        from scipy.stats import t

        _z(level)  # validates the level
        df = (va + vb) ** 2 / (va ** 2 / (n_per_group - 1) + vb ** 2 / (n_per_group - 1))
        q = t.ppf(0.5 + level / 2, df)
    else:
        raise ValueError("method must be 'normal' or 'welch'")
    return diff, diff - q * se, diff + q * se


def simulated_power(n_per_group: int, effect: float, sd: float, trials: int = 2000, seed: int = 0) -> float:
    """Share of simulated trials whose 95% CI excludes zero (a simulation estimate of :func:`power`)."""
    _, lo, hi = simulate_trials(n_per_group, effect, sd, trials, seed)
    return float(np.mean((lo > 0) | (hi < 0)))


def coverage(n_per_group: int, effect: float, sd: float, trials: int = 2000, seed: int = 0,
             method: str = "welch") -> float:
    """Share of simulated trials whose 95% CI contains the true difference (close to 0.95 for the t interval)."""
    _, lo, hi = simulate_trials(n_per_group, effect, sd, trials, seed, method=method)
    return float(np.mean((lo <= effect) & (effect <= hi)))


def p_from_ci(estimate: float, lower: float, upper: float) -> float:
    """Two-sided P value implied by a symmetric 95% CI for a difference.

    Steps of Altman DG, Bland JM. How to obtain the P value from a confidence interval. BMJ 2011;343:d2304
    (doi:10.1136/bmj.d2304): SE = (upper − lower) / (2 × 1.96); z = estimate / SE. They then use an approximation
    of the normal distribution; here the exact normal P = 2 × (1 − Φ(|z|)) is used.
    """
    if upper <= lower:
        raise ValueError("the upper limit must be above the lower limit")
    se = (upper - lower) / (2 * Z95)
    return 2 * (1 - _N.cdf(abs(estimate) / se))


def prob_any_false_positive(k: int, alpha: float = 0.05) -> float:
    """Chance of at least one P < alpha among ``k`` independent tests when no effect is real: 1 − (1 − α)^k."""
    if k < 0 or not 0 <= alpha <= 1:
        raise ValueError("k must be 0 or more and alpha between 0 and 1")
    return 1 - (1 - alpha) ** k


def zero_events_upper_limit(n: int, level: float = 0.95) -> float:
    """Exact upper limit of the risk per patient when no event occurred among ``n`` patients.

    The largest risk p for which seeing no event at all still has a chance of at least 1 − level:
    (1 − p)ⁿ = 1 − level, so p = 1 − (1 − level)^(1/n). For 96 patients and 95%: 0.0307.
    """
    if n < 1 or not 0 < level < 1:
        raise ValueError("need at least 1 patient and a level between 0 and 1, for example 0.95")
    return 1 - (1 - level) ** (1 / n)


def rule_of_three(n: int) -> float:
    """The rule of three: with no events among ``n`` patients, the upper limit of the 95% CI of the risk is about 3/n.

    "upper limit of 95% confidence interval=maximum risk=3/n (for n>30)" (Eypasch E, Lefering R, Kum CK, Troidl H.
    BMJ 1995;311:619). It approximates :func:`zero_events_upper_limit`, since −ln(0.05) ≈ 3.
    """
    if n < 1:
        raise ValueError("need at least 1 patient")
    return 3 / n


# --------------------------------------------------------------------------------------------------------------
# Figures (demos of lesson 05 and 06)
# --------------------------------------------------------------------------------------------------------------

DEMO_PATIENTS = 400  # the largest group lesson 05's demos offer: a smaller trial is the beginning of that one


def ci_dance_figure(n_per_group: int = 96, true_effect: float = 10, sd: float = 30, trials: int = 20,
                    seed: int = 1):
    """Demo: the 95% CIs of ``trials`` simulated repeats of the same trial, with the true difference marked.

    Each interval is Welch's t interval (see :func:`simulate_trials`), so that 95% of them cover the truth in the
    long run at every sample size of the demo, 10 per group included. The figure can update in place
    (``fig.legpain_update``, same number of repeats): a live demo redraws the intervals, the lines, the x-axis,
    the legend and the title over the kept rest."""
    from ..ui.figures import PALETTE, new_figure

    def read(n_per_group, true_effect, sd, seed):
        diff, lo, hi = simulate_trials(int(n_per_group), float(true_effect), float(sd), int(trials), int(seed),
                                       patients_drawn=DEMO_PATIENTS)
        miss = (lo > true_effect) | (hi < true_effect)
        alt = (f"Simulated: {trials} repeats of a trial with {n_per_group} patients per group and a true difference "
               f"of {true_effect:g} points; {int(miss.sum())} of the {trials} intervals miss the true value; their "
               f"average width is {float(np.mean(hi - lo)):.1f} points.")
        title = (f"Simulated: {trials} repeats of one trial — {int(miss.sum())} of {trials} CIs miss the truth;\n"
                 f"average width of the intervals {float(np.mean(hi - lo)):.1f} percentage points")
        # every interval whole, with room at both ends (4% of the span): a wide one never runs into the frame; the
        # ends on multiples of 10 (a few scales in all: the rest of the picture is drawn once per scale)
        pad = 0.04 * (max(30.0, float(hi.max())) - min(-10.0, float(lo.min())))
        xlim = (min(-10.0, 10 * math.floor((float(lo.min()) - pad) / 10)),
                max(30.0, 10 * math.ceil((float(hi.max()) + pad) / 10)))
        return diff, lo, hi, miss, alt, title, xlim

    def style(span, dot, r, d, l, h, m):
        colour = PALETTE[3] if m else PALETTE[0]
        span.set_data([l, h], [r, r])
        span.set_color(colour)
        span.set_linewidth(2.2 if m else 1.6)
        dot.set_data([d], [r])
        dot.set_color(colour)
        dot.set_marker("D" if m else "o")

    diff, lo, hi, miss, alt, title, xlim = read(n_per_group, true_effect, sd, seed)
    fig, ax = new_figure(alt=alt, figsize=(7.0, 4.6))
    rows = np.arange(1, trials + 1)
    intervals = []
    for r, d, l, h, m in zip(rows, diff, lo, hi, miss):
        span, = ax.plot([l, h], [r, r], solid_capstyle="butt")
        dot, = ax.plot([d], [r], markersize=5)
        style(span, dot, r, d, l, h, m)
        intervals.append((span, dot))
    truth = ax.axvline(true_effect, color=PALETTE[2], linewidth=2, label=f"true difference ({true_effect:g})")
    zero = ax.axvline(0, color="#555555", linewidth=1, linestyle="--", label="no difference (0)")
    ax.plot([], [], color=PALETTE[3], marker="D", label="interval misses the true value")
    ax.set_ylim(0, trials + 3.5)
    ax.set_yticks([1, trials // 2, trials])
    ax.set_ylabel("Simulated trial (repeat number)")
    ax.set_xlabel("Difference in improvement (percentage points)")
    ax.set_xlim(*xlim)
    ax.set_title(title, fontsize=11)
    legend = ax.legend(loc="upper center", fontsize=9, framealpha=0.95, ncol=3)
    ax.spines[["top", "right"]].set_visible(False)

    def update(n_per_group=96, true_effect=10, sd=30, trials=trials, seed=1):
        """New intervals, truth line, x-range, legend and title, in place (another number of repeats: anew)."""
        if int(trials) != len(intervals):
            return False
        new_diff, new_lo, new_hi, new_miss, fig.alt, new_title, new_xlim = read(n_per_group, true_effect, sd, seed)
        for (span, dot), r, d, l, h, m in zip(intervals, rows, new_diff, new_lo, new_hi, new_miss):
            style(span, dot, r, d, l, h, m)
        truth.set_xdata([true_effect, true_effect])
        truth.set_label(f"true difference ({true_effect:g})")
        legend.get_texts()[0].set_text(f"true difference ({true_effect:g})")
        ax.set_xlim(*new_xlim)
        ax.set_title(new_title, fontsize=11)
        return True

    fig.legpain_update = update
    fig.legpain_animated = [ax.xaxis, *(a for pair in intervals for a in pair), truth, zero, ax.title, legend]
    return fig


def power_figure(n_per_group: int = 96, true_effect: float = 10, sd: float = 30, trial_number: int = 1):
    """Demo: one simulated trial's 95% CI (left) and the power curve over the sample size (right).

    The power is from :func:`power` (formula); the tests check it against :func:`simulated_power`. The figure can
    update in place (``fig.legpain_update``): a live demo redraws the left panel's contents and the curve, dot,
    label and title of the right one over the kept rest.
    """
    from ..ui.figures import PALETTE, new_figure

    def read(n_per_group, true_effect, sd, trial_number):
        n = int(n_per_group)
        diff, lo, hi = simulate_trials(n, float(true_effect), float(sd), trials=1, seed=1000 + int(trial_number),
                                       patients_drawn=DEMO_PATIENTS)
        d, l, h = float(diff[0]), float(lo[0]), float(hi[0])
        pw = power(n, true_effect, sd)
        verdict = "excludes 0" if (l > 0 or h < 0) else "includes 0"
        alt = (f"Simulated trial with {n} patients per group, true difference {true_effect:g} and SD {sd:g}: "
               f"difference {d:.1f} with 95% CI {l:.1f} to {h:.1f} ({verdict}); power {100 * pw:.0f}%.")
        return n, d, l, h, pw, verdict, alt

    def left(d, l, h, true_effect):
        """The CI of one simulated trial (its artists, to take away on the next update)."""
        added = [ax1.axvline(0, color="#555555", linestyle="--", linewidth=1),
                 ax1.axvline(true_effect, color=PALETTE[2], linewidth=2)]
        added += ax1.plot([l, h], [1, 1], color=PALETTE[0], linewidth=3, solid_capstyle="butt")
        added += ax1.plot([d], [1], "o", color=PALETTE[0], markersize=9)
        added.append(ax1.text(d, 1.22, f"{d:.1f} ({l:.1f} to {h:.1f})", ha="center", fontsize=10,
                              bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5}))
        added.append(ax1.text(true_effect, 0.62, f"true {true_effect:g}", color="#333333", ha="left", fontsize=9))
        added.append(ax1.text(0, 0.62, "0 ", color="#333333", ha="right", fontsize=9))
        span = 10 * math.ceil(max(abs(l), abs(h), abs(true_effect), 10) * 1.3 / 10)  # on a multiple of 10
        ax1.set_xlim(-span, span)
        return added

    def where(n):
        return ((8, -16), "left") if n <= 280 else ((-8, 10), "right")

    n, d, l, h, pw, verdict, alt = read(n_per_group, true_effect, sd, trial_number)
    fig, (ax1, ax2) = new_figure(alt=alt, figsize=(9.0, 3.9), ncols=2, gridspec_kw={"width_ratios": [1, 1.25]})
    # left: the CI of one simulated trial
    layer = left(d, l, h, true_effect)
    ax1.set_ylim(0.5, 1.5)
    ax1.set_yticks([])
    ax1.set_xlabel("Difference in improvement (percentage points)")
    ax1.set_title(f"One simulated trial (no. {int(trial_number)}): CI {verdict}", fontsize=11)
    ax1.spines[["top", "right", "left"]].set_visible(False)
    # right: power curve
    ns = np.arange(5, 401, 5)
    pws = [power(int(k), true_effect, sd) for k in ns]
    curve, = ax2.plot(ns, [100 * p for p in pws], color=PALETTE[0], linewidth=2)
    line80 = ax2.axhline(80, color="#999999", linewidth=1, linestyle=":")
    text80 = ax2.text(400, 81.5, "80%", ha="right", fontsize=9, color="#555555")
    dot, = ax2.plot([n], [100 * pw], "o", color=PALETTE[1], markersize=9)
    offset, ha = where(n)
    label = ax2.annotate(f"{n} per group: {100 * pw:.0f}%", (n, 100 * pw), xytext=offset,
                         textcoords="offset points", ha=ha, fontsize=10,
                         bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    ax2.set_xlim(0, 400)
    ax2.set_ylim(0, 105)
    ax2.set_xlabel("Patients per group")
    ax2.set_ylabel("Power (%)")
    ax2.set_title(f"Power to detect {true_effect:g} points (SD {sd:g}, two-sided 5%)", fontsize=11)
    ax2.spines[["top", "right"]].set_visible(False)
    fig.suptitle("Simulated trials: sample size, spread and power", fontsize=12)

    def animated():
        # in the order a fresh figure draws them (each panel's artists by z-order)
        first = sorted([*layer, ax1.xaxis], key=lambda a: a.get_zorder())
        return [*first, ax1.title, curve, line80, dot, text80, label, ax2.title]

    def update(n_per_group=96, true_effect=10, sd=30, trial_number=1):
        """Redraw the left panel's contents and move the curve, the dot and its label, in place."""
        new_n, new_d, new_l, new_h, new_pw, new_verdict, fig.alt = read(n_per_group, true_effect, sd, trial_number)
        for artist in layer:
            artist.remove()
        layer[:] = left(new_d, new_l, new_h, true_effect)
        ax1.set_title(f"One simulated trial (no. {int(trial_number)}): CI {new_verdict}", fontsize=11)
        curve.set_ydata([100 * power(int(k), true_effect, sd) for k in ns])
        dot.set_data([new_n], [100 * new_pw])
        new_offset, new_ha = where(new_n)
        label.xy = (new_n, 100 * new_pw)
        label.set_position(new_offset)
        label.set_horizontalalignment(new_ha)
        label.set_text(f"{new_n} per group: {100 * new_pw:.0f}%")
        ax2.set_title(f"Power to detect {true_effect:g} points (SD {sd:g}, two-sided 5%)", fontsize=11)
        fig.legpain_animated = animated()
        return True

    fig.legpain_update = update
    fig.legpain_animated = animated()
    return fig


def multiplicity_figure(tests: int = 12, alpha: float = 0.05):
    """Demo: chance of at least one false-positive result among k independent tests, all effects null."""
    from ..ui.figures import PALETTE, new_figure

    def alt(k, alpha, p):
        return (f"Curve of the chance of at least one false positive against the number of tests; with {k} tests "
                f"at alpha {alpha:g} it is {100 * p:.0f}%.")

    fig, ax = new_figure(alt="(set below)", figsize=(6.8, 3.9))
    ks = np.arange(1, 41)
    (curve,) = ax.plot(ks, ks * 0.0, color=PALETTE[0], linewidth=2)
    (dot,) = ax.plot([1], [0], "o", color=PALETTE[1], markersize=9)
    note = ax.annotate("", (1, 0), xytext=(10, -18), textcoords="offset points", fontsize=10,
                       bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    ax.set_xlim(0, 41)
    ax.set_ylim(0, 100)
    ax.set_xlabel("Number of independent tests (no real effects)")
    ax.set_ylabel("Chance of ≥ 1 false positive (%)")
    ax.spines[["top", "right"]].set_visible(False)

    def update(tests, alpha):
        """Move the curve, the point and its label, and retitle, in place (also a live demo's fast path)."""
        k = int(tests)
        p = prob_any_false_positive(k, alpha)
        fig.alt = alt(k, alpha, p)
        curve.set_ydata([100 * prob_any_false_positive(int(j), alpha) for j in ks])
        dot.set_data([k], [100 * p])
        note.xy = (k, 100 * p)
        note.set_text(f"{k} tests: {100 * p:.0f}%")
        note.set_position((10, -18) if k <= 28 else (-10, 10))
        note.set_horizontalalignment("left" if k <= 28 else "right")
        ax.set_title(f"Many tests at α = {alpha:g}: chance of at least one 'significant' result by chance",
                     fontsize=11)
        return True

    update(tests, alpha)
    fig.legpain_update = update
    fig.legpain_animated = [curve, dot, note, ax.title]
    return fig
