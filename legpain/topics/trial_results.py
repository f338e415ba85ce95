"""The trial's results (lesson 05) and a SIMULATED data set built to match them (lessons 05 and 06).

Reported effects come from :mod:`legpain.topics.trial` (the abstract of Bronfort et al., Ann Intern Med 2014;161:381-391,
doi:10.7326/M14-0006); nothing here types them again.

The simulated data set (:func:`simulated_trial`) is NOT the trial's data (the data set is "not available", per the
paper's reproducible-research statement). It is made up, deterministically from a seed, so that a student can
compute a difference in means and its confidence interval and get the reported summary back:

- size: 192 patients, assumed 96 per arm. The split is an assumption: a journal digest (secondary source) gives
  96 for the HEA-alone group, and 192 - 96 = 96; the paper's own numbers per arm could not be read.
- follow-up: 191 patients at 12 weeks and 179 at 52 weeks (abstract). Which arm lost whom could not be read; the
  simulation assumes 96 + 95 at 12 weeks and 90 + 89 at 52 weeks (6 and 7 missing).
- outcome: percentage improvement in leg pain from baseline (the abstract reports "percentage points"; the exact
  definition of the outcome could not be read).
- targets: a difference of 10.4 points at 12 weeks and 6.6 at 52 weeks with a common SD of 30, so that the
  normal-approximation 95% CI is 1.9 to 18.9 and -2.2 to 15.4: rounded to whole numbers these are the reported
  10 (2 to 19) and 7 (-2 to 15). The SD is the one that gives the reported CI width:
  half-width 8.5 = 1.96 x SD x sqrt(1/96 + 1/95), so SD = 29.96, taken as 30.
- the HEA-alone group's mean (50%) is an arbitrary illustrative choice: the group means could not be read.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from . import stats, trial

__all__ = [
    "ARMS",
    "ASSUMED_N",
    "TARGETS",
    "SimulatedTrial",
    "simulated_trial",
    "reported_effects_figure",
    "responder_table",
    "responder_figure",
    "fill_in_missing",
    "missing_data_figure",
    "SIMULATION_SEED",
    "Table",
    "reported_table",
]

ARMS = ("SMT plus HEA", "HEA alone")
SIMULATION_SEED = 2014
# assumed patients per arm: allocated, followed at 12 weeks, followed at 52 weeks (see module docstring)
ASSUMED_N = {"allocated": (96, 96), 12: (96, 95), 52: (90, 89)}
# simulation targets per time point: mean of the HEA-alone arm (illustrative), difference, common SD
TARGETS = {12: {"mean_hea": 50.0, "diff": 10.4, "sd": 30.0}, 52: {"mean_hea": 50.0, "diff": 6.6, "sd": 30.0}}


@dataclass(frozen=True)
class SimulatedTrial:
    """SIMULATED percentage improvements in leg pain (one number per patient), per arm and time point."""

    smt_hea_12: list = field(repr=False)
    hea_12: list = field(repr=False)
    smt_hea_52: list = field(repr=False)
    hea_52: list = field(repr=False)
    seed: int = SIMULATION_SEED

    def summary_rows(self):
        rows = []
        for week in (12, 52):
            for arm, values in zip(ARMS, self.arm_values(week)):
                v = np.asarray(values)
                rows.append((week, arm, v.size, float(v.mean()), float(v.std(ddof=1)), float(v.min()),
                             float(v.max())))
        return rows

    def arm_values(self, week: int):
        if week == 12:
            return self.smt_hea_12, self.hea_12
        if week == 52:
            return self.smt_hea_52, self.hea_52
        raise ValueError("the trial's time points are 12 and 52 weeks")

    def _repr_html_(self):
        body = "".join(
            f"<tr><td>{w}</td><td>{a}</td><td>{n}</td><td>{m:.1f}</td><td>{s:.1f}</td><td>{lo:.1f} to {hi:.1f}</td>"
            "</tr>" for w, a, n, m, s, lo, hi in self.summary_rows())
        return ("<p><b>SIMULATED data</b> (not the trial's data): percentage improvement in leg pain per patient, "
                "built to match the reported differences and 95% CIs.</p>"
                "<table><tr><th>Week</th><th>Group</th><th>Patients</th><th>Mean (%)</th><th>SD</th>"
                f"<th>Range</th></tr>{body}</table>")

    def __repr__(self):
        lines = ["SIMULATED data (not the trial's data): percentage improvement in leg pain per patient",
                 "week  group         patients  mean   SD"]
        for w, a, n, m, s, _lo, _hi in self.summary_rows():
            lines.append(f"{w:>4}  {a:<13} {n:>8}  {m:5.1f}  {s:4.1f}")
        return "\n".join(lines)


def _arm(rng, n: int, mean: float, sd: float) -> np.ndarray:
    """n values with exactly this mean and SD (before rounding), skewed towards the ceiling of 100%."""
    room = 100.0 - mean
    shape = max(0.8, 0.9 * (room / sd) ** 2)
    x = rng.gamma(shape, 1.0, n)
    z = (x - x.mean()) / x.std(ddof=1)
    return mean - sd * z  # a long tail towards 'got worse', most values below the 100% ceiling


@lru_cache(maxsize=8)
def _build(seed: int) -> SimulatedTrial:
    out = {}
    for week in (12, 52):
        t = TARGETS[week]
        n_smt, n_hea = ASSUMED_N[week]
        s = seed
        while True:  # deterministic: the first seed at or after `seed` that stays within 0-100 on top
            rng = np.random.default_rng([s, week])
            smt = np.round(_arm(rng, n_smt, t["mean_hea"] + t["diff"], t["sd"]), 1)
            hea = np.round(_arm(rng, n_hea, t["mean_hea"], t["sd"]), 1)
            if smt.max() <= 100 and hea.max() <= 100 and min(smt.min(), hea.min()) >= -100:
                break
            s += 1
        out[week] = ([float(v) for v in smt], [float(v) for v in hea])
    return SimulatedTrial(out[12][0], out[12][1], out[52][0], out[52][1], seed)


def simulated_trial(seed: int = SIMULATION_SEED) -> SimulatedTrial:
    """The course's SIMULATED data set (see the module docstring for what it was built to match).

    ``data.smt_hea_12`` and ``data.hea_12`` are the percentage improvements at 12 weeks (96 and 95 patients);
    ``data.smt_hea_52`` and ``data.hea_52`` at 52 weeks (90 and 89). Same seed, same numbers.
    """
    return _build(int(seed))


class Table:
    """A small table shown as HTML in Jupyter and as aligned text elsewhere."""

    def __init__(self, header, rows, caption=""):
        self.header, self.rows, self.caption = list(header), [list(map(str, r)) for r in rows], caption

    def _repr_html_(self):
        import html

        head = "".join(f"<th style='text-align:left'>{html.escape(h)}</th>" for h in self.header)
        body = "".join("<tr>" + "".join(f"<td style='text-align:left'>{html.escape(c)}</td>" for c in r) + "</tr>"
                       for r in self.rows)
        cap = f"<caption style='text-align:left'>{html.escape(self.caption)}</caption>" if self.caption else ""
        return f"<table>{cap}<tr>{head}</tr>{body}</table>"

    def __repr__(self):
        widths = [max(len(x) for x in col) for col in zip(self.header, *self.rows)]
        lines = [self.caption] if self.caption else []
        for r in [self.header] + self.rows:
            lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
        return "\n".join(lines)


def reported_table():
    """The primary outcome's reported results (abstract), read from legpain.topics.trial."""
    rows = []
    for week in (12, 52):
        lo, hi = trial.fact(f"ci_{week}")
        rows.append((f"{week} weeks", f"{trial.fact(f'diff_{week}')}", f"{lo} to {hi}", f"{trial.fact(f'p_{week}')}",
                     f"{trial.fact(f'followed_{week}')} of {trial.fact('enrolled')} "
                     f"({trial.fact(f'followed_{week}_pct')}%)"))
    return Table(["Time point", "Difference (percentage points)", "95% CI", "P", "Patients with data"], rows,
                 "Leg pain, SMT plus HEA minus HEA alone (Bronfort 2014, abstract)")


# --------------------------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------------------------

def reported_effects_figure():
    """The reported between-group differences with their 95% CIs at 12 and 52 weeks, and a line at zero."""
    from ..ui.figures import PALETTE, new_figure

    rows = [(12, trial.fact("diff_12"), trial.fact("ci_12"), trial.fact("p_12")),
            (52, trial.fact("diff_52"), trial.fact("ci_52"), trial.fact("p_52"))]
    fig, ax = new_figure(
        alt="Forest plot of the reported differences in leg-pain improvement, SMT plus HEA minus HEA alone: "
            + " and ".join(f"{d} percentage points (95% CI {lo} to {hi}) at {w} weeks" for w, d, (lo, hi), _ in rows)
            + ", with a line at zero.",
        figsize=(7.2, 3.6),
    )
    for y, (week, d, (lo, hi), p) in zip((2, 1), rows):
        colour = PALETTE[0] if lo > 0 else PALETTE[1]
        ax.plot([lo, hi], [y, y], color=colour, linewidth=3, solid_capstyle="butt")
        ax.plot([lo, lo], [y - 0.08, y + 0.08], color=colour, linewidth=2)
        ax.plot([hi, hi], [y - 0.08, y + 0.08], color=colour, linewidth=2)
        ax.plot([d], [y], "s", color=colour, markersize=10)
        ax.text(hi + 1, y, f"{d} ({lo} to {hi}); P = {p:g}", va="center", fontsize=10)
    ax.axvline(0, color="#333333", linewidth=1.2, linestyle="--")
    ax.set_yticks([2, 1])
    ax.set_yticklabels(["12 weeks", "52 weeks"], fontsize=10)
    ax.set_ylim(0.4, 2.6)
    ax.set_xlim(-10, 38)
    ax.set_ylabel("Time point")
    ax.set_xlabel("Difference in leg-pain improvement (percentage points)\n"
                  "← favours HEA alone          favours SMT plus HEA →")
    ax.set_title("Reported effect of adding SMT to HEA, with 95% CIs (Bronfort 2014, abstract)", fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def responder_table(cutoff: float, week: int = 12, data: SimulatedTrial | None = None):
    """Share of patients (SIMULATED data) improving by at least ``cutoff`` percent, per arm, and the difference."""
    data = data or simulated_trial()
    smt, hea = (np.asarray(v) for v in data.arm_values(week))
    p_smt = float(np.mean(smt >= cutoff))
    p_hea = float(np.mean(hea >= cutoff))
    return {"cutoff": cutoff, "SMT plus HEA": p_smt, "HEA alone": p_hea, "difference": p_smt - p_hea}


def responder_figure(cutoff: float = 50, week: int = 12):
    """Demo: SIMULATED improvements per arm with a responder cut-off (left), responder shares by cut-off (right).

    The figure can update in place for a new cut-off (``fig.legpain_update``; a new week draws a new figure): a
    live demo redraws only the cut-off lines, their labels, the difference and the title.
    """
    from ..ui.figures import PALETTE, new_figure

    data = simulated_trial()
    smt, hea = (np.asarray(v) for v in data.arm_values(week))

    def words(cutoff):
        tab = responder_table(cutoff, week, data)
        alt = (f"Simulated {week}-week improvements: with a responder cut-off of {cutoff:g}%, "
               f"{100 * tab['SMT plus HEA']:.0f}% of SMT plus HEA and {100 * tab['HEA alone']:.0f}% of HEA alone "
               f"are 'responders', a difference of {100 * tab['difference']:.0f} points.")
        title = (f"SIMULATED data: responder analysis with a {cutoff:g}% cut-off "
                 f"({100 * tab['SMT plus HEA']:.0f}% vs {100 * tab['HEA alone']:.0f}%)")
        return tab, alt, title

    tab, alt, title = words(cutoff)
    fig, (ax1, ax2) = new_figure(alt=alt, figsize=(9.4, 4.0), ncols=2)
    bins = np.arange(-60, 105, 10)
    ax1.hist(hea, bins=bins, color=PALETTE[1], alpha=0.55, label=f"{ARMS[1]} (n = {hea.size})")
    ax1.hist(smt, bins=bins, histtype="step", color=PALETTE[0], linewidth=2.2, label=f"{ARMS[0]} (n = {smt.size})")
    line1 = ax1.axvline(cutoff, color="#333333", linewidth=1.5, linestyle="--")
    from matplotlib.ticker import MaxNLocator

    ax1.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax1.set_ylim(0, ax1.get_ylim()[1] * 1.25)

    def label_place(cutoff):
        """Where the cut-off's label goes: (x, height as a share of the panel, alignment). At the top, right of the
        line (left of it from 70%, where the right is short of room); below 25%, where the legend (upper left,
        reaching to about 21%) would cover it, left of the line just under the legend, where the bars are low."""
        right = 25 <= cutoff < 70
        return (cutoff + 2 if right else cutoff - 2), (0.97 if cutoff >= 25 else 0.80), ("left" if right else "right")

    x, y, ha = label_place(cutoff)
    label = ax1.text(x, y, f"cut-off {cutoff:g}%", transform=ax1.get_xaxis_transform(),  # y: share of the panel
                     ha=ha, va="top", fontsize=9, bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    ax1.set_xlabel("Improvement in leg pain from baseline (%)")
    ax1.set_ylabel("Patients (simulated)")
    ax1.set_title(f"Simulated patients at {week} weeks", fontsize=11)
    legend1 = ax1.legend(fontsize=9, loc="upper left", framealpha=0.95)
    ax1.spines[["top", "right"]].set_visible(False)

    cuts = np.arange(0, 101, 5)
    ax2.plot(cuts, [100 * np.mean(smt >= c) for c in cuts], color=PALETTE[0], linewidth=2, label=ARMS[0])
    ax2.plot(cuts, [100 * np.mean(hea >= c) for c in cuts], color=PALETTE[1], linewidth=2, linestyle="--",
             label=ARMS[1])
    line2 = ax2.axvline(cutoff, color="#333333", linewidth=1.5, linestyle="--")
    gap, = ax2.plot([cutoff, cutoff], [100 * tab["HEA alone"], 100 * tab["SMT plus HEA"]], color=PALETTE[2],
                    linewidth=4, solid_capstyle="butt", label=f"difference: {100 * tab['difference']:.0f} points")
    ax2.set_xlim(0, 100)
    ax2.set_ylim(0, 100)
    ax2.set_xlabel("Responder cut-off: improvement of at least (%)")
    ax2.set_ylabel("Responders (% of group)")
    ax2.set_title("Responders depend on the cut-off", fontsize=11)
    legend2 = ax2.legend(fontsize=9, loc="lower left")
    ax2.spines[["top", "right"]].set_visible(False)
    heading = fig.suptitle(title, fontsize=12)

    def update(cutoff=50, week=week):
        """Move the cut-off and rewrite the difference and the title in place (a new week: draw anew)."""
        if week != update.week:
            return False
        new_tab, fig.alt, new_title = words(cutoff)
        line1.set_xdata([cutoff, cutoff])
        x, y, ha = label_place(cutoff)
        label.set_position((x, y))
        label.set_horizontalalignment(ha)
        label.set_text(f"cut-off {cutoff:g}%")
        line2.set_xdata([cutoff, cutoff])
        gap.set_data([cutoff, cutoff], [100 * new_tab["HEA alone"], 100 * new_tab["SMT plus HEA"]])
        difference = f"difference: {100 * new_tab['difference']:.0f} points"
        gap.set_label(difference)
        legend2.get_texts()[-1].set_text(difference)
        heading.set_text(new_title)
        return True

    update.week = week
    fig.legpain_update = update
    fig.legpain_animated = [line1, label, legend1, line2, gap, legend2, heading]
    return fig


# --------------------------------------------------------------------------------------------------------------
# Missing data at 52 weeks (lesson 06)
# --------------------------------------------------------------------------------------------------------------

def fill_in_missing(missing_smt_hea: float, missing_hea: float, data: SimulatedTrial | None = None):
    """52-week difference and 95% CI after filling in every missing patient with an assumed improvement.

    ``missing_smt_hea`` / ``missing_hea``: the improvement (%) assumed for each missing patient of that arm
    (6 and 7 patients under the course's assumed split). Filling in one value for everyone makes the interval too
    narrow; the point is how far the estimate can move, not a proper analysis.
    """
    data = data or simulated_trial()
    n_smt, n_hea = ASSUMED_N["allocated"]
    smt = list(data.smt_hea_52) + [float(missing_smt_hea)] * (n_smt - len(data.smt_hea_52))
    hea = list(data.hea_52) + [float(missing_hea)] * (n_hea - len(data.hea_52))
    return stats.diff_ci(smt, hea)


def missing_data_figure(missing_smt_hea: float = 57, missing_hea: float = 50):
    """Demo: how the 52-week estimate (SIMULATED data) moves if the missing patients differed.

    The two fixed rows are **scenarios**, not bounds: improvement can be negative (the simulated 52-week values go
    down to -69%, and the sliders to -50%), so missing patients who got worse would move the estimate further."""
    from ..ui.figures import PALETTE, new_figure

    data = simulated_trial()
    n_miss = tuple(a - b for a, b in zip(ASSUMED_N["allocated"], ASSUMED_N[52]))
    rows = [
        ("Observed only\n(179 patients)", stats.diff_ci(data.smt_hea_52, data.hea_52), PALETTE[0]),
        ("Missing filled in\nas you chose", fill_in_missing(missing_smt_hea, missing_hea, data), PALETTE[1]),
        ("Scenario against SMT\n(0% / 100%; not a bound)", fill_in_missing(0, 100, data), "#666666"),
        ("Scenario for SMT\n(100% / 0%; not a bound)", fill_in_missing(100, 0, data), "#666666"),
    ]

    def alt(mid):
        return (f"Simulated 52-week difference: observed {rows[0][1][0]:.1f} (95% CI {rows[0][1][1]:.1f} to "
                f"{rows[0][1][2]:.1f}); with the {sum(n_miss)} missing patients filled in as chosen, {mid[0]:.1f} "
                f"({mid[1]:.1f} to {mid[2]:.1f}); in the 0%/100% scenario against SMT, {rows[2][1][0]:.1f} "
                f"({rows[2][1][1]:.1f} to {rows[2][1][2]:.1f}).")

    fig, ax = new_figure(alt=alt(rows[1][1]), figsize=(7.6, 4.2))
    drawn = []
    for y, (label, (d, lo, hi), colour) in zip((4, 3, 2, 1), rows):
        (line,) = ax.plot([lo, hi], [y, y], color=colour, linewidth=3, solid_capstyle="butt")
        (mark,) = ax.plot([d], [y], "s", color=colour, markersize=9)
        text = ax.text(hi + 0.8, y, f"{d:.1f} ({lo:.1f} to {hi:.1f})", va="center", fontsize=9)
        drawn.append((line, mark, text))
    ax.axvline(0, color="#333333", linewidth=1.2, linestyle="--")
    ax.set_yticks([4, 3, 2, 1])
    ax.set_yticklabels([r[0] for r in rows], fontsize=9)
    ax.set_ylim(0.4, 4.6)
    ax.set_xlim(-15, 35)
    ax.set_ylabel("Assumption about missing patients")
    ax.set_xlabel(f"52-week difference in improvement (percentage points)\n"
                  f"missing: {n_miss[0]} SMT plus HEA / {n_miss[1]} HEA alone (assumed split)")
    ax.set_title("SIMULATED data: what the 13 missing patients could do at 52 weeks", fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)

    def update(missing_smt_hea, missing_hea):
        """Move the "as you chose" row in place (a live demo's fast path)."""
        d, lo, hi = fill_in_missing(missing_smt_hea, missing_hea, data)
        line, mark, text = drawn[1]
        line.set_xdata([lo, hi])
        mark.set_xdata([d])
        right = hi + 0.8 <= 17  # the label goes right of the interval, or left of it where the right is full
        text.set_x(hi + 0.8 if right else lo - 0.8)
        text.set_horizontalalignment("left" if right else "right")
        text.set_text(f"{d:.1f} ({lo:.1f} to {hi:.1f})\nmissing at {missing_smt_hea:g}% / {missing_hea:g}%")
        fig.alt = alt((d, lo, hi))
        return True

    update(missing_smt_hea, missing_hea)
    fig.legpain_update = update
    fig.legpain_animated = list(drawn[1])
    return fig
