"""Allocating patients to two arms, simulated: simple randomization, permuted blocks and minimization (lesson 04).

Everything here is a **simulation** with made-up patients. A simulated trial enrols ``n_patients`` patients one by
one (192 by default: the number the trial enrolled, Bronfort et al. 2014, abstract). Each patient has
``n_factors`` prognostic factors — binary ("present" with probability ``prevalence``) or categorical with ``levels``
equally likely levels. The patients are made up; the factors stand for things like "neurologic signs: yes/no", not
for the trial's real data, which the course has not seen.

Three allocation rules are compared on the *same* simulated cohorts (the same ``seed`` gives the same patients):

``"simple"``
    a fair coin for every patient.
``"blocks"``
    permuted blocks of ``block_size``: within each block, half the patients go to each arm, in a random order.
``"minimization"``
    a counting rule in the spirit of Taves (1974), with a random element (Pocock & Simon 1975 describe the family
    of such rules): for the new patient, add up, over the
    factors, how many earlier patients *with the same level as the new patient* are in arm A, and the same for
    arm B. The arm with the smaller total is the one that "minimizes imbalance"; the patient goes to it with
    probability ``p`` and to the other arm otherwise. A tie is settled by a fair coin. ``p = 1`` is deterministic
    minimization; ``p = 0.5`` is simple randomization.

Two things are measured for each simulated trial:

imbalance
    ``group_difference``: |patients in A − patients in B| at the end; ``factor_imbalance``: the largest, over all
    factors and all their levels, of the difference between the arms in the **share** of their patients with that
    level, in percentage points (|A's share − B's share| × 100) at the end. A difference in proportions, not in
    whole patients: a count difference would mix the group-size imbalance into the factor imbalance, and permuted
    blocks (which balance sizes only) would then look better for the factors than simple randomization. (The count
    is kept as ``factor_imbalance_patients``.)
predictability
    the share of assignments that an observer who knows the rule, all past assignments and the new patient's
    factors guesses right, guessing each time the arm the rule favours: for simple randomization the arm with
    fewer patients so far (the rule favours none, so about half the guesses are right); for blocks the arm with
    fewer patients so far *in the current block*; for minimization the arm that minimizes imbalance. When the rule
    favours neither arm the observer guesses A.

Arrays are vectorized over simulated trials (the loop runs over patients only), so 10,000 simulated trials of 192
patients take well under a second per method (see :func:`time_methods`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from . import trial

__all__ = [
    "METHODS",
    "SimulationResult",
    "simulate",
    "simulate_all",
    "Sweep",
    "sweep",
    "minimize_deterministic",
    "time_methods",
    "comparison_figure",
    "running_imbalance_figure",
    "tradeoff_figure",
    "method_label",
]

METHODS = ("simple", "blocks", "minimization")
TRIAL_SIZE = trial.fact("enrolled")  # 192, the trial's enrolment (abstract)


@dataclass(frozen=True, eq=False)
class SimulationResult:
    """What :func:`simulate` returns: per-trial arrays (one value per simulated trial) and the settings."""

    method: str
    n_trials: int
    n_patients: int
    n_factors: int
    levels: int
    prevalence: float
    p: float
    block_size: int
    seed: int | None
    group_difference: np.ndarray = field(repr=False)  # |n_A - n_B| at the end, whole patients
    factor_imbalance: np.ndarray = field(repr=False)  # max over factors and levels of |share in A - in B|, points
    predictability: np.ndarray = field(repr=False)  # share (0 to 1) of assignments guessed right
    arm_a: np.ndarray = field(repr=False)  # (n_trials, n_patients) True = arm A
    factors: np.ndarray = field(repr=False)  # (n_trials, n_patients, n_factors) levels 0, 1, ...
    factor_imbalance_patients: np.ndarray = field(repr=False, default=None)  # the same as a count, |A - B|

    def summary(self) -> dict:
        """Means over the simulated trials (and the share with a factor imbalance of 10 percentage points or more)."""
        return {
            "method": self.method,
            "mean group difference": float(self.group_difference.mean()),
            "mean largest factor imbalance": float(self.factor_imbalance.mean()),
            "share of trials with a factor imbalance of 10 or more": float((self.factor_imbalance >= 10).mean()),
            "mean predictability": float(self.predictability.mean()),
        }

    def __repr__(self) -> str:
        s = self.summary()
        return (f"<simulated {self.method}: {self.n_trials} trials of {self.n_patients} patients, "
                f"{self.n_factors} factors; mean group difference {s['mean group difference']:.2f}, "
                f"mean largest factor imbalance {s['mean largest factor imbalance']:.2f} percentage points, "
                f"predictability {100 * s['mean predictability']:.1f}%>")


def _check(method, n_trials, n_patients, n_factors, levels, prevalence, p, block_size):
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, not {method!r}")
    if n_trials < 1 or n_patients < 1:
        raise ValueError("at least one simulated trial of at least one patient is needed")
    if n_factors < 1:
        raise ValueError("at least one prognostic factor is needed")
    if levels < 2:
        raise ValueError("a factor needs at least 2 levels")
    if not 0 <= prevalence <= 1:
        raise ValueError("prevalence is a probability between 0 and 1")
    if not 0.5 <= p <= 1:
        raise ValueError("p, the probability of following the minimizing arm, must be between 0.5 and 1")
    if block_size < 2 or block_size % 2:
        raise ValueError("the block size must be an even number of at least 2")


def _cohort(rng, n_trials, n_patients, n_factors, levels, prevalence):
    """Factor levels, laid out patient-major (n_patients, n_trials, n_factors) for the patient loop."""
    shape = (n_patients, n_trials, n_factors)
    if levels == 2:
        return (rng.random(shape, dtype=np.float32) < prevalence).astype(np.int8)
    return rng.integers(0, levels, size=shape, dtype=np.int8)


def _guess_fewer(arm_a: np.ndarray, position: np.ndarray) -> np.ndarray:
    """Right guesses of an observer who guesses the arm with fewer patients so far (tie: A).

    ``position`` is each patient's place (0, 1, ...) in the sequence the count runs over (the whole trial, or the
    current block); ``arm_a`` must be laid out so that a cumulative sum along axis 1 runs over that sequence.
    """
    a = arm_a.astype(np.int16)
    before_a = np.cumsum(a, axis=-1) - a
    before_b = position - before_a
    guess_a = before_a <= before_b
    return guess_a == arm_a


def _factor_differences(arm_a, x_pm, levels):
    """(n_trials, n_factors, levels): patients with each level in A minus in B, at the end."""
    sign = np.where(arm_a, 1, -1).astype(np.int16).T[:, :, None]  # (n_patients, n_trials, 1)
    out = np.empty((x_pm.shape[1], x_pm.shape[2], levels), dtype=np.int32)
    for level in range(1, levels):
        out[:, :, level] = (sign * (x_pm == level)).sum(axis=0, dtype=np.int32)
    total = sign[:, :, 0].sum(axis=0, dtype=np.int32)  # A minus B over all patients
    out[:, :, 0] = total[:, None] - out[:, :, 1:].sum(axis=2)
    return out


def _prevalence_differences(arm_a, x_pm, levels, diffs):
    """(n_trials, n_factors, levels): share of A's patients with each level minus share of B's, in percentage points.

    ``diffs`` are the count differences (A minus B) of :func:`_factor_differences`; an empty arm counts as a share of
    0 (only possible in tiny trials)."""
    totals = np.stack([(x_pm == level).sum(axis=0, dtype=np.int32) for level in range(levels)], axis=2)  # (T, F, L)
    in_a = (totals + diffs) // 2
    n_a = arm_a.sum(axis=1, dtype=np.int64)
    return _share_differences(in_a, totals - in_a, n_a, arm_a.shape[1] - n_a)


def _share_differences(in_a, in_b, n_a, n_b):
    """Share of A's patients with each level minus share of B's, in percentage points: ``in_a``/``in_b`` are counts
    (n_trials, n_factors, levels), ``n_a``/``n_b`` the arms' sizes per trial; an empty arm has share 0."""
    return 100.0 * (in_a / np.maximum(n_a, 1)[:, None, None] - in_b / np.maximum(n_b, 1)[:, None, None])


def simulate(method: str, n_trials: int, n_patients: int = TRIAL_SIZE, n_factors: int = 3, p: float = 0.8,
             block_size: int = 4, seed: int | None = 0, levels: int = 2, prevalence: float = 0.5,
             ties: str = "coin") -> SimulationResult:
    """Simulate ``n_trials`` trials of ``n_patients`` made-up patients allocated by ``method``.

    ``method``: "simple", "blocks" (permuted blocks of ``block_size``) or "minimization" (random element ``p``).
    ``n_factors`` prognostic factors per patient, binary with ``prevalence`` (``levels=2``) or categorical with
    ``levels`` equally likely levels. The same ``seed`` gives the same patients for every method, and the same
    results every time. Returns a :class:`SimulationResult` (per-trial imbalance and predictability).
    """
    _check(method, n_trials, n_patients, n_factors, levels, prevalence, p, block_size)
    if ties not in ("coin", "A"):
        raise ValueError('ties must be "coin" or "A"')
    rng = np.random.default_rng(seed)
    x = _cohort(rng, n_trials, n_patients, n_factors, levels, prevalence)  # (N, T, F)
    arm_a, right, diffs = _allocate(rng, method, x, levels, p, block_size, ties == "A")
    return _result(method, x, arm_a, right, diffs, levels, prevalence, p, block_size, seed)


def _allocate(rng, method, x, levels, p, block_size, tie_to_a, counts=True):
    """Arms (n_trials, n_patients; True = A), the observer's right guesses (the same shape) and (``counts``) the
    factor count differences (:func:`_factor_differences`) of one method on the cohort ``x`` (patient-major)."""
    n_patients, n_trials, _ = x.shape
    if method == "simple":
        arm_a = rng.random((n_trials, n_patients), dtype=np.float32) < 0.5
        right = _guess_fewer(arm_a, np.arange(n_patients))
    elif method == "blocks":
        n_blocks = -(-n_patients // block_size)
        order = np.argsort(rng.random((n_trials, n_blocks, block_size), dtype=np.float32), axis=2)
        blocks_a = order < block_size // 2  # a random arrangement of half A, half B in each block
        right = _guess_fewer(blocks_a, np.arange(block_size)).reshape(n_trials, -1)[:, :n_patients]
        arm_a = blocks_a.reshape(n_trials, -1)[:, :n_patients]
    else:
        arm_a, right, diffs = _minimize(rng, x, levels, p, tie_to_a)
        return (arm_a, right, diffs) if counts else (arm_a, right)
    return (arm_a, right, _factor_differences(arm_a, x, levels)) if counts else (arm_a, right)


def _result(method, x, arm_a, right, diffs, levels, prevalence, p, block_size, seed) -> SimulationResult:
    """The measures of a simulation (see the module docstring) from its arms, right guesses and count differences."""
    n_patients, n_trials, n_factors = x.shape
    group_difference = np.abs(2 * arm_a.sum(axis=1) - n_patients)
    factor_imbalance = np.abs(_prevalence_differences(arm_a, x, levels, diffs)).max(axis=(1, 2))
    factor_imbalance_patients = np.abs(diffs).max(axis=(1, 2))
    predictability = right.mean(axis=1)
    return SimulationResult(method, n_trials, n_patients, n_factors, levels, prevalence, p, block_size, seed,
                            group_difference, factor_imbalance, predictability, arm_a, x.transpose(1, 0, 2),
                            factor_imbalance_patients)


def _minimize(rng, x, levels, p, tie_to_a=False):
    """Minimization by the counting rule, with random element ``p``, vectorized over trials; loops over patients."""
    n_patients, n_trials, n_factors = x.shape
    width = n_factors * levels
    diff = np.zeros(n_trials * width, dtype=np.int32)  # A minus B for each (trial, factor, level), flattened
    offsets = (np.arange(n_trials, dtype=np.int64)[:, None] * width
               + np.arange(n_factors, dtype=np.int64)[None, :] * levels)
    u = rng.random((n_patients, n_trials), dtype=np.float32)
    arm_a = np.empty((n_patients, n_trials), dtype=bool)
    right = np.empty((n_patients, n_trials), dtype=bool)
    for i in range(n_patients):
        idx = offsets + x[i]
        total = diff[idx].sum(axis=1)  # (A total) - (B total) over the patient's levels
        favour_a = total < 0
        tie = total == 0
        a = np.where(tie, tie_to_a or (u[i] < 0.5), np.where(u[i] < p, favour_a, ~favour_a))
        arm_a[i] = a
        right[i] = (favour_a | tie) == a  # the observer guesses the favoured arm, A at a tie
        diff[idx] += np.where(a, 1, -1).astype(np.int32)[:, None]
    return arm_a.T, right.T, diff.reshape(n_trials, n_factors, levels)


def minimize_deterministic(patients) -> list[str]:
    """Deterministic minimization of a list of patients, each a tuple of factor levels (the counting rule, p = 1).

    For each patient in turn: for each arm, count the earlier patients in that arm who share the new patient's
    level of each factor, and add the counts over the factors. The patient goes to the arm with the smaller total;
    a tie goes to "A". Returns "A"/"B" per patient. (The rule of Exercise 4.5, written for clarity.)
    """
    arms: list[str] = []
    for k, patient in enumerate(patients):
        totals = {"A": 0, "B": 0}
        for earlier, arm in zip(patients[:k], arms):
            totals[arm] += sum(1 for f, level in enumerate(patient) if earlier[f] == level)
        arms.append("A" if totals["A"] <= totals["B"] else "B")
    return arms


def simulate_all(n_trials: int = 500, n_patients: int = TRIAL_SIZE, n_factors: int = 3, p: float = 0.8,
                 block_size: int = 4, seed: int = 2014) -> dict[str, SimulationResult]:
    """The three methods on the same simulated cohorts (cached; Demo 4.3 uses :func:`sweep` instead)."""
    return {m: _cached(m, int(n_trials), int(n_patients), int(n_factors), round(float(p), 3), int(block_size),
                       int(seed)) for m in METHODS}


@lru_cache(maxsize=256)
def _cached(method, n_trials, n_patients, n_factors, p, block_size, seed):
    return simulate(method, n_trials, n_patients, n_factors=n_factors, p=p, block_size=block_size, seed=seed)


SWEEP_PATIENTS = 400  # the longest trials of Demo 4.3: each shorter one is their beginning
SWEEP_STRIDE = 4  # a sweep keeps its factor counts after every 4th patient (and counts the rest when cut between)


class Sweep:
    """The three methods on ``n_trials`` simulated trials of ``n_patients`` made-up patients (the same patients
    for every method, as :func:`simulate_all`), kept as running totals so that the trials **cut after their first
    n patients** are measured in about a millisecond for any n: :meth:`at` gives the simulator's measures (those
    of :func:`simulate`) of those first n patients and their groups, as for trials that stop enrolling after n.

    Demo 4.3 moves its patient slider over one sweep of 400 patients: a trial of 196 patients continues the
    trial of 192, as enrolment does, instead of being a new set of made-up patients at every position. The runs
    behind a sweep are cached apart (:func:`_sweep_run`): simple randomization and blocks do not depend on ``p``, so
    moving ``p`` simulates minimization alone."""

    def __init__(self, n_trials: int = 500, n_patients: int = SWEEP_PATIENTS, n_factors: int = 3, p: float = 0.8,
                 block_size: int = 4, seed: int = 2014, levels: int = 2, prevalence: float = 0.5):
        for method in METHODS:
            _check(method, n_trials, n_patients, n_factors, levels, prevalence, p, block_size)
        self.n_trials, self.n_patients, self.n_factors, self.levels = n_trials, n_patients, n_factors, levels
        self.settings = dict(prevalence=prevalence, p=p, block_size=block_size, seed=seed)
        cohort = (n_trials, n_patients, n_factors, levels, prevalence, seed)
        self.x, _, self.level_totals = _sweep_cohort(*cohort)
        self.runs = {m: _sweep_run(m, p if m == "minimization" else None, block_size if m == "blocks" else None,
                                   *cohort) for m in METHODS}

    def _count(self, kept, has, n):
        """(n_trials, n_factors) patients among the first ``n`` with ``has`` (patient-major booleans), from the
        counts ``kept`` after every SWEEP_STRIDE-th patient and the few after the last of those."""
        whole, rest = divmod(n, SWEEP_STRIDE)
        base = kept[whole - 1].astype(np.int32) if whole else np.zeros(kept.shape[1:], dtype=np.int32)
        if rest:
            base += has(whole * SWEEP_STRIDE, n).sum(axis=0, dtype=np.int32)
        return base

    def at(self, n: int) -> dict[str, SimulationResult]:
        """The three methods' results on the trials cut after their first ``n`` patients."""
        n = int(n)
        if not 1 <= n <= self.n_patients:
            raise ValueError(f"a sweep of {self.n_patients} patients can be cut after 1 to {self.n_patients} of them, "
                             f"not {n}")
        x, shape = self.x, (self.n_trials, self.n_factors, self.levels)
        totals = np.empty(shape, dtype=np.int32)
        for level in range(1, self.levels):
            totals[:, :, level] = self._count(self.level_totals[level - 1], lambda i, j: x[i:j] == level, n)
        totals[:, :, 0] = n - totals[:, :, 1:].sum(axis=2)
        out = {}
        for method, (arm_a, a_run, right_run, level_a) in self.runs.items():
            n_a = a_run[:, n - 1].astype(np.int64)
            in_a = np.empty(shape, dtype=np.int32)
            for level in range(1, self.levels):
                in_a[:, :, level] = self._count(
                    level_a[level - 1], lambda i, j: (x[i:j] == level) & arm_a[:, i:j].T[:, :, None], n)
            in_a[:, :, 0] = n_a[:, None] - in_a[:, :, 1:].sum(axis=2)
            diffs = 2 * in_a - totals  # A minus B, as _factor_differences counts them
            shares = _share_differences(in_a, totals - in_a, n_a, n - n_a)
            s = self.settings
            out[method] = SimulationResult(
                method, self.n_trials, n, self.n_factors, self.levels, s["prevalence"], s["p"], s["block_size"],
                s["seed"], np.abs(2 * n_a - n), np.abs(shares).max(axis=(1, 2)), right_run[:, n - 1] / n,
                arm_a[:, :n], x[:n].transpose(1, 0, 2), np.abs(diffs).max(axis=(1, 2)))
        return out


def _every_stride(has):
    """Counts of ``has`` (patient-major) over the first SWEEP_STRIDE, 2 × SWEEP_STRIDE, ... patients."""
    return np.cumsum(has, axis=0, dtype=np.int16)[SWEEP_STRIDE - 1::SWEEP_STRIDE].copy()


@lru_cache(maxsize=8)
def _sweep_cohort(n_trials, n_patients, n_factors, levels, prevalence, seed):
    """A sweep's made-up patients (patient-major), the generator's state after them, and their level counts."""
    rng = np.random.default_rng(seed)
    x = _cohort(rng, n_trials, n_patients, n_factors, levels, prevalence)
    return x, rng.bit_generator.state, [_every_stride(x == level) for level in range(1, levels)]


@lru_cache(maxsize=24)  # one run of 500 trials, 400 patients and 8 factors holds about 2 MB
def _sweep_run(method, p, block_size, n_trials, n_patients, n_factors, levels, prevalence, seed):
    """One method's arms on a sweep's patients, drawing on from where the patients left the generator (as
    :func:`simulate` does), with running counts: A's patients, right guesses, A's patients with each level."""
    x, after_cohort, _ = _sweep_cohort(n_trials, n_patients, n_factors, levels, prevalence, seed)
    generator = np.random.Generator(np.random.PCG64())
    generator.bit_generator.state = after_cohort
    arm_a, right = _allocate(generator, method, x, levels, 0.8 if p is None else p, block_size or 2, False,
                             counts=False)  # (p and block_size are keyed only for the method that uses them)
    in_a = arm_a.T[:, :, None]
    return (arm_a, np.cumsum(arm_a, axis=1, dtype=np.int16), np.cumsum(right, axis=1, dtype=np.int16),
            [_every_stride((x == level) & in_a) for level in range(1, levels)])


def sweep(n_trials: int = 500, n_patients: int = SWEEP_PATIENTS, n_factors: int = 3, p: float = 0.8,
          block_size: int = 4, seed: int = 2014) -> Sweep:
    """The :class:`Sweep` of these settings (its runs are cached: Demo 4.3 cuts them again and again)."""
    return Sweep(int(n_trials), int(n_patients), int(n_factors), round(float(p), 3), int(block_size), int(seed))


def time_methods(n_trials: int = 10_000, n_patients: int = TRIAL_SIZE, repeat: int = 3, **kw) -> dict[str, float]:
    """Best-of-``repeat`` wall-clock seconds for :func:`simulate` with each method."""
    out = {}
    for method in METHODS:
        best = float("inf")
        for r in range(repeat):
            t0 = time.perf_counter()
            simulate(method, n_trials, n_patients, seed=r, **kw)
            best = min(best, time.perf_counter() - t0)
        out[method] = best
    return out


# -- figures -------------------------------------------------------------------------------------------------------

def method_label(method: str, p: float = 0.8, block_size: int = 4, newline: bool = True) -> str:
    """How a method is named in figures."""
    sep = "\n" if newline else " "
    if method == "simple":
        return "Simple" + sep + "randomization"
    if method == "blocks":
        return f"Permuted{sep}blocks of {block_size}"
    return f"Minimization{sep}(p = {p:.2f})"


def _colour(method):
    from ..ui.figures import PALETTE

    return {"simple": PALETTE[0], "blocks": PALETTE[1], "minimization": PALETTE[2]}[method]


def _box_stats(d):
    """Box = middle half, line = median, whiskers to the furthest value within 1.5 box lengths, dots beyond."""
    q1, med, q3 = np.percentile(d, [25, 50, 75])
    iqr = q3 - q1
    lo = d[d >= q1 - 1.5 * iqr].min()
    hi = d[d <= q3 + 1.5 * iqr].max()
    out = np.unique(d[(d < lo) | (d > hi)])
    return q1, med, q3, lo, hi, out, d.mean()


class _Boxes:
    """Box plots drawn with a handful of artists (fast to draw), which :meth:`set` moves to new data in place (no
    new artists: a live demo's update stays cheap): box = middle half, line = median (its value beside it),
    whiskers to the furthest value within 1.5 box lengths, grey dots beyond them, black diamond = mean."""

    def __init__(self, ax, n: int, colours, width=0.55):
        self.ax, self.width = ax, width
        self.xs = np.arange(1, n + 1)
        self.whiskers = ax.vlines(np.r_[self.xs, self.xs], 0, 0, color="#000000", linewidth=1)
        self.caps = ax.hlines(np.zeros(2 * n), np.r_[self.xs, self.xs] - width / 4, np.r_[self.xs, self.xs] + width / 4,
                              color="#000000", linewidth=1)
        self.bars = ax.bar(self.xs, np.zeros(n), bottom=0, width=width, color=colours, alpha=0.85,
                           edgecolor="#000000", linewidth=1).patches
        self.medians = ax.hlines(np.zeros(n), self.xs - width / 2, self.xs + width / 2, color="#000000",
                                 linewidth=1.8)
        self.outliers, = ax.plot([], [], linestyle="none", marker="o", markersize=3, color="#999999", alpha=0.6)
        self.means, = ax.plot(self.xs, np.zeros(n), linestyle="none", marker="D", markersize=5, color="#000000")
        # the median in numbers, for reading off (Check 4.26)
        self.labels = [ax.text(x + 0.31, 0, "", ha="left", va="center", fontsize=9, color="#000000",
                               bbox={"boxstyle": "round,pad=0.1", "facecolor": "#ffffff", "edgecolor": "none",
                                     "alpha": 0.85}) for x in self.xs]

    @property
    def artists(self) -> list:
        return [self.whiskers, self.caps, *self.bars, self.medians, self.outliers, self.means, *self.labels]

    def set(self, data) -> float:
        """Show these data (one array per box); returns the highest value drawn (for the axis)."""
        xs, w = self.xs, self.width
        q1s, meds, q3s, los, his, outs, means = zip(*(_box_stats(d) for d in data))
        self.whiskers.set_segments([[(x, a), (x, b)] for x, a, b in zip(np.r_[xs, xs], np.r_[los, q3s],
                                                                           np.r_[q1s, his])])
        self.caps.set_segments([[(x - w / 4, y), (x + w / 4, y)] for x, y in zip(np.r_[xs, xs], np.r_[los, his])])
        for bar, q1, q3 in zip(self.bars, q1s, q3s):
            bar.set_y(q1)
            bar.set_height(q3 - q1)
        self.medians.set_segments([[(x - w / 2, m), (x + w / 2, m)] for x, m in zip(xs, meds)])
        self.outliers.set_data(np.concatenate([np.full(len(o), x) for x, o in zip(xs, outs)]), np.concatenate(outs))
        self.means.set_data(xs, means)
        for text, m in zip(self.labels, meds):
            text.set_y(float(m))
            text.set_text(f"{float(m):.1f}")
        return max(max(his), max(float(np.max(d)) for d in data))


def comparison_figure(n_patients: int = TRIAL_SIZE, n_factors: int = 3, p: float = 0.8, block_size: int = 4,
                      n_trials: int = 500, seed: int = 2014):
    """Three panels over the three methods on the same simulated cohorts: group-size difference, largest factor
    imbalance (box plots over the simulated trials) and predictability (mean share of right guesses)."""
    from matplotlib.ticker import MaxNLocator

    from ..ui.figures import new_figure, round_up

    def read(n_patients, n_factors, p):
        # The trials of SWEEP_PATIENTS made-up patients, cut after n_patients: a bigger trial continues the same
        # trials (the first 192 patients and their groups are the same whether the slider says 192 or 196).
        res = sweep(n_trials, max(n_patients, SWEEP_PATIENTS), n_factors, p, block_size, seed).at(n_patients)
        # three lines at most a word wide, so that three labels fit under each third of the figure
        labels = [method_label(m, p, block_size).replace("randomization", "random-\nization")
                  .replace("blocks of", "blocks\nof").replace("Minimization\n", "Minimi-\nzation\n")
                  for m in METHODS]
        means_f = {m: res[m].factor_imbalance.mean() for m in METHODS}
        alt = (f"Simulation of {n_trials} trials of {n_patients} made-up patients with {n_factors} binary factors: "
               f"mean largest difference between the groups in the share of patients with a factor level "
               f"{means_f['simple']:.1f} percentage points with simple randomization, "
               f"{means_f['blocks']:.1f} with blocks of {block_size} and {means_f['minimization']:.1f} with "
               f"minimization (p = {p:.2f}), whose assignments were guessed right "
               f"{100 * res['minimization'].predictability.mean():.0f}% of the time.")
        title = (f"Simulated: {n_trials} trials of {n_patients} made-up patients, {n_factors} binary "
                 f"factor{'s' if n_factors != 1 else ''} (prevalence 50%)")
        return res, labels, alt, title

    def draw_boxes(res, labels):
        """The two box-plot panels show these results (their artists moved in place)."""
        for ax, boxes, (attr, _title, _ylabel) in zip(axes[:2], layer, panels):
            top = boxes.set([getattr(res[m], attr) for m in METHODS])
            # the top on a round value that holds every whisker, dot and median label (a few scales in all)
            ax.set_ylim(-0.5, round_up(1.06 * top + 0.5, BOX_TOPS))
            ax.set_xticks(range(1, 4), labels, fontsize=9)

    res, labels, alt, title = read(n_patients, n_factors, p)
    fig, axes = new_figure(alt=alt, figsize=(10.2, 4.2), ncols=3)
    panels = [("group_difference", "Difference in group size", "Patients (|A − B|) at the end"),
              ("factor_imbalance", "Largest imbalance in a factor",
               "Difference in share with the factor,\n|A − B| (percentage points)")]
    layer = [_Boxes(ax, len(METHODS), [_colour(m) for m in METHODS]) for ax in axes[:2]]
    draw_boxes(res, labels)
    for ax, (attr, title_, ylabel) in zip(axes[:2], panels):
        ax.set_xlim(0.4, 3.6)
        ax.set_title(title_, fontsize=11)
        ax.set_ylabel(ylabel)
        ax.yaxis.set_label_coords(-0.17, 0.5)  # room for 3-digit ticks whatever the first state (live updates)
        ax.set_xlabel("Allocation method")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.spines[["top", "right"]].set_visible(False)
    key = axes[0].text(0.98, 0.98, "box: middle half of trials\nline: median (value beside)\n◆: mean",
                       transform=axes[0].transAxes,
                 ha="right", va="top", fontsize=9, color="#333333")
    ax = axes[2]
    pred = [100 * res[m].predictability.mean() for m in METHODS]
    bars = ax.bar(range(1, 4), pred, color=[_colour(m) for m in METHODS], width=0.55, alpha=0.85)
    values = [ax.text(bar.get_x() + bar.get_width() / 2, v + 1.5, f"{v:.0f}%", ha="center", va="bottom",
                      fontsize=10) for bar, v in zip(bars, pred)]
    chance = ax.axhline(50, color="#555555", linestyle="--", linewidth=1, label="50%: what pure guessing gets")
    legend = ax.legend(loc="upper left", fontsize=9, frameon=False)
    ax.set_ylim(0, 110)
    ax.set_xticks(range(1, 4), labels, fontsize=9)
    ax.set_title("Next assignment guessed right", fontsize=11)
    ax.set_ylabel("Share of assignments (%)")
    ax.set_xlabel("Allocation method")
    ax.spines[["top", "right"]].set_visible(False)
    heading = fig.suptitle(title, fontsize=12)

    def animated():
        # in the order a fresh figure draws them: each panel's artists by z-order, then the title
        panel = [[*layer[k].artists, axes[k].xaxis, axes[k].yaxis] for k in range(2)]
        panel[0].append(key)
        panel.append([*bars, axes[2].xaxis, chance, *values, legend])
        return [a for group in panel for a in sorted(group, key=lambda a: a.get_zorder())] + [heading]

    def update(n_patients=TRIAL_SIZE, n_factors=3, p=0.8, block_size=block_size, n_trials=n_trials, seed=seed):
        """New box plots, bars, labels and title over the kept rest (another block size, count or seed: anew)."""
        if (block_size, n_trials, seed) != (update.block_size, update.n_trials, update.seed):
            return False
        new_res, new_labels, fig.alt, new_title = read(n_patients, n_factors, p)
        draw_boxes(new_res, new_labels)
        new_pred = [100 * new_res[m].predictability.mean() for m in METHODS]
        for bar, text, v in zip(bars, values, new_pred):
            bar.set_height(v)
            text.set_y(v + 1.5)
            text.set_text(f"{v:.0f}%")
        axes[2].set_xticks(range(1, 4), new_labels, fontsize=9)
        heading.set_text(new_title)
        fig.legpain_animated = animated()
        return True

    update.block_size, update.n_trials, update.seed = block_size, n_trials, seed
    fig.legpain_update = update
    fig.legpain_animated = animated()
    return fig


RUN_PATIENTS = 400  # the largest trial the lesson's demo offers: every smaller one is its beginning


def running_imbalance_figure(n_patients: int = TRIAL_SIZE, p: float = 0.8, block_size: int = 4, n_factors: int = 3,
                             seed: int = 7):
    """One simulated trial per method (the same made-up patients): the difference in group size, A − B, as
    patients enrol, and the same for patients who have the first factor.

    The figure can update in place (``fig.legpain_update``): a live demo redraws the runs, the axes, the zero
    lines and the legend over the kept rest."""
    from ..ui.figures import new_figure

    def read(n_patients, p, block_size, n_factors, seed):
        # One trial of RUN_PATIENTS made-up patients, cut at n_patients: a bigger trial continues the same one (the
        # first 192 patients and their groups are the same whether the slider says 192 or 196), as enrolment does.
        whole = max(n_patients, RUN_PATIENTS)
        whole += -whole % block_size
        res = {m: _cached(m, 1, whole, n_factors, p, block_size, seed) for m in METHODS}
        runs = {}
        for m in METHODS:
            sign = np.where(res[m].arm_a[0, :n_patients], 1, -1)
            has = res[m].factors[0, :n_patients, 0] == 1
            runs[m] = (np.cumsum(sign), np.cumsum(sign * has))
        return np.arange(1, n_patients + 1), runs

    x, runs = read(n_patients, p, block_size, n_factors, seed)
    fig, axes = new_figure(
        alt=_running_alt(runs, n_patients, p, block_size),
        figsize=(10.2, 4.0), ncols=2, sharey=True)
    styles = {"simple": "-", "blocks": "--", "minimization": ":"}
    lines = []
    for m in METHODS:
        all_run, factor_run = runs[m]
        lines.append(axes[0].step(x, all_run, where="post", color=_colour(m), linestyle=styles[m], linewidth=1.6,
                                  label=_ends_label(m, p, block_size, all_run, factor_run))[0])
        lines.append(axes[1].step(x, factor_run, where="post", color=_colour(m), linestyle=styles[m], linewidth=1.6,
                                  label=method_label(m, p, block_size, newline=False))[0])
    zeros = []
    for ax, title in zip(axes, ("All patients", "Only patients with factor 1 present")):
        zeros.append(ax.axhline(0, color="#999999", linewidth=1))
        ax.set_title(title, fontsize=11)
        ax.set_xlabel("Patients enrolled so far")
        ax.set_ylabel("Group A minus group B (patients)")
        ax.yaxis.set_label_coords(-0.1, 0.5)  # room for ticks such as "−30" whatever the first run (live updates)
        ax.spines[["top", "right"]].set_visible(False)
    _run_limits(axes, n_patients, runs)
    legend = axes[0].legend(fontsize=9, frameon=False, loc="best")
    fig.suptitle("Simulated: one trial per method, the same made-up patients", fontsize=12)

    def update(n_patients=TRIAL_SIZE, p=0.8, block_size=block_size, n_factors=n_factors, seed=7):
        """New runs, ranges, zero lines and legend in place (another block size or number of factors: anew)."""
        if (block_size, n_factors) != (update.block_size, update.n_factors):
            return False
        new_x, new_runs = read(n_patients, p, block_size, n_factors, seed)
        for k, m in enumerate(METHODS):
            all_run, factor_run = new_runs[m]
            lines[2 * k].set_data(new_x, all_run)
            lines[2 * k + 1].set_data(new_x, factor_run)
            label = _ends_label(m, p, block_size, all_run, factor_run)
            lines[2 * k].set_label(label)
            lines[2 * k + 1].set_label(label)
            legend.get_texts()[k].set_text(label)
        _run_limits(axes, n_patients, new_runs)
        fig.alt = _running_alt(new_runs, n_patients, p, block_size)
        return True

    update.block_size, update.n_factors = block_size, n_factors
    fig.legpain_update = update
    fig.legpain_animated = [axes[0].xaxis, axes[0].yaxis, *lines[0::2], zeros[0], legend,
                            axes[1].xaxis, axes[1].yaxis, *lines[1::2], zeros[1]]
    return fig


BOX_TOPS = (5, 10, 15, 20, 25, 30, 40, 50, 60, 80, 100)  # the box plots' y-axis ends at one of these
RUN_SPANS = (5, 10, 15, 20, 30, 40, 50, 60, 80, 100)     # the runs' y-axis goes from minus to plus one of these


def _run_limits(axes, n_patients, runs) -> None:
    """The runs' axes on round limits: x from 0 to the next multiple of 100 patients, y symmetric about 0 to the
    first of :data:`RUN_SPANS` that holds both panels' runs (so the sign of an imbalance reads at a glance)."""
    from ..ui.figures import round_up

    right = round_up(n_patients, range(100, 100 * (-(-RUN_PATIENTS // 100) + 1), 100))
    furthest = max(float(np.max(np.abs(run))) for pair in runs.values() for run in pair)
    span = round_up(furthest + 1, RUN_SPANS)
    for ax in axes:
        ax.set_xlim(-0.02 * right, 1.02 * right)
        ax.set_ylim(-span, span)


def _ends_label(m, p, block_size, all_run, factor_run) -> str:
    """A method's legend entry with where its two runs end (A − B, patients): read off for Check 4.23."""
    return (f"{method_label(m, p, block_size, newline=False)}: ends {int(all_run[-1]):+d} "
            f"(factor 1: {int(factor_run[-1]):+d})")


def _running_alt(runs, n_patients, p, block_size):
    """Alt text of :func:`running_imbalance_figure`, computed from this run (largest gap in each panel per method)."""
    parts = []
    for m in METHODS:
        all_run, factor_run = runs[m]
        parts.append(f"{method_label(m, p, block_size, newline=False)} at most {int(np.abs(all_run).max())} "
                     f"patients apart overall (ending {int(all_run[-1]):+d}) and at most "
                     f"{int(np.abs(factor_run).max())} among patients with factor 1 (ending {int(factor_run[-1]):+d})")
    best = min(METHODS, key=lambda m: int(np.abs(runs[m][1]).max()))
    return (f"Line charts of one simulated trial of {n_patients} made-up patients per method, the running "
            f"difference between the groups (A minus B): " + "; ".join(parts)
            + f"; in this run the patients with factor 1 stay closest to balance with "
              f"{method_label(best, p, block_size, newline=False)}.")


def tradeoff_figure(n_factors: int = 3, n_patients: int = TRIAL_SIZE, n_trials: int = 500, seed: int = 2014):
    """Minimization with p from 0.5 (a coin) to 1 (deterministic): mean largest factor imbalance and predictability.

    The figure can update in place (``fig.legpain_update``): a live demo redraws the two curves, the balance
    panel's y-axis and the title over the kept rest."""
    from ..ui.figures import PALETTE, new_figure

    ps = np.round(np.linspace(0.5, 1.0, 11), 2)

    def read(n_factors, n_patients):
        imb, pred = [], []
        for p in ps:
            r = _cached("minimization", n_trials, n_patients, n_factors, float(p), 4, seed)
            imb.append(r.factor_imbalance.mean())  # percentage points
            pred.append(100 * r.predictability.mean())
        alt = (f"Two line charts for simulated minimization with {n_factors} factors: as the probability p of "
               f"following the minimizing arm rises from 0.5 to 1, the mean largest factor imbalance (difference "
               f"between the groups in the share of patients with a factor level) falls from "
               f"{imb[0]:.1f} to {imb[-1]:.1f} percentage points and the share of guessed assignments rises from "
               f"{pred[0]:.0f}% to {pred[-1]:.0f}%.")
        title = (f"Simulated minimization: {n_trials} trials of {n_patients} made-up patients, {n_factors} binary "
                 f"factors")
        return imb, pred, alt, title

    imb, pred, alt, title = read(n_factors, n_patients)
    fig, axes = new_figure(alt=alt, figsize=(10, 3.8), ncols=2)
    balance, = axes[0].plot(ps, imb, marker="o", color=PALETTE[2], linewidth=2)
    axes[0].set_ylim(0, 1.18 * max(imb))  # room for the value above the first point
    axes[0].set_title("Balance", fontsize=11)
    axes[0].set_ylabel("Mean largest factor imbalance\n(percentage points)")
    axes[0].yaxis.set_label_coords(-0.08, 0.5)  # room for 2-digit ticks whatever the first state (live updates)
    marked = [0, 6, 10]  # p = 0.5, 0.8 and 1: their values in numbers, for reading off (Check 4.27)
    imb_text = [axes[0].annotate(f"{imb[i]:.1f}", (ps[i], imb[i]), xytext=(0, 7), textcoords="offset points",
                                 ha="center", va="bottom", fontsize=9) for i in marked]
    guessed, = axes[1].plot(ps, pred, marker="s", color=PALETTE[3], linewidth=2)
    pred_text = [axes[1].annotate(f"{pred[i]:.0f}%", (ps[i], pred[i]), xytext=(0, 7), textcoords="offset points",
                                  ha="center", va="bottom", fontsize=9) for i in marked]
    chance = axes[1].axhline(50, color="#555555", linestyle="--", linewidth=1)
    axes[1].set_ylim(40, 105)
    axes[1].set_title("Predictability", fontsize=11)
    axes[1].set_ylabel("Next assignment guessed right (%)")
    for ax in axes:
        ax.set_xlabel("p: probability of following the minimizing arm")
        ax.spines[["top", "right"]].set_visible(False)
    heading = fig.suptitle(title, fontsize=12)

    def update(n_factors=3, n_patients=n_patients, n_trials=n_trials, seed=seed):
        """New curves, balance range and title in place (another number of trials or seed: anew)."""
        if (n_trials, seed) != (update.n_trials, update.seed):
            return False
        new_imb, new_pred, fig.alt, new_title = read(n_factors, n_patients)
        balance.set_ydata(new_imb)
        guessed.set_ydata(new_pred)
        for i, t in zip(marked, imb_text):
            t.xy = (ps[i], new_imb[i])
            t.set_text(f"{new_imb[i]:.1f}")
        for i, t in zip(marked, pred_text):
            t.xy = (ps[i], new_pred[i])
            t.set_text(f"{new_pred[i]:.0f}%")
        axes[0].set_ylim(0, 1.18 * max(new_imb))
        heading.set_text(new_title)
        return True

    update.n_trials, update.seed = n_trials, seed
    fig.legpain_update = update
    fig.legpain_animated = [axes[0].yaxis, balance, *imb_text, guessed, chance, *pred_text, heading]  # chance: over
    return fig
