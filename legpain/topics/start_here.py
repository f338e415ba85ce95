"""Lesson 00 (start here): a change in a pain score as a percentage of its starting value, with its figure."""

from __future__ import annotations

from ..ui.figures import PALETTE, new_figure

__all__ = ["percent_improvement", "percent_improvement_figure"]


def percent_improvement(baseline: float, follow_up: float) -> float:
    """Improvement from baseline in percent: (baseline - follow-up) / baseline x 100. Baseline must be above 0."""
    if baseline <= 0:
        raise ValueError("the baseline score must be above 0 to express a change as a percentage of it")
    return 100.0 * (baseline - follow_up) / baseline


def percent_improvement_figure(baseline: float = 6, follow_up: float = 3):
    """Bars for a pain score at the start and at follow-up, titled with the percentage improvement (lesson 00)."""
    def words(baseline, follow_up):
        change = percent_improvement(baseline, follow_up)
        pct = f"{round(change, 1):g}"
        summary = f"{pct}% improvement" if change >= 0 else f"{pct}% improvement (the pain got worse)"
        alt = (f"Bar chart: leg pain {baseline:g} of 10 at the start and {follow_up:g} of 10 at follow-up, "
               f"a {summary}.")
        return alt, f"From {baseline:g} to {follow_up:g}: {summary}"

    alt, title = words(baseline, follow_up)
    fig, ax = new_figure(alt=alt, figsize=(5.5, 3.6))
    bars = ax.bar(["Start (baseline)", "Follow-up"], [baseline, follow_up], color=[PALETTE[0], PALETTE[1]],
                  width=0.55)
    labels = [ax.text(bar.get_x() + bar.get_width() / 2, value + 0.15, f"{value:g}", ha="center", va="bottom",
                      fontsize=11) for bar, value in zip(bars, (baseline, follow_up))]
    ax.set_ylim(0, 10.8)
    ax.set_yticks(range(0, 11, 2))
    ax.set_ylabel("Leg pain (0–10 rating)")
    ax.set_xlabel("Time point")
    ax.set_title(title, fontsize=12)
    ax.spines[["top", "right"]].set_visible(False)

    def update(baseline, follow_up):
        """Move the bars, their labels and the title in place (a live demo's fast path)."""
        fig.alt, new_title = words(baseline, follow_up)
        for bar, label, value in zip(bars, labels, (baseline, follow_up)):
            bar.set_height(value)
            label.set_y(value + 0.15)
            label.set_text(f"{value:g}")
        ax.set_title(new_title, fontsize=12)
        return True

    fig.legpain_update = update
    fig.legpain_animated = [*bars, *labels, ax.title]  # what an update changes (drawn over a kept background)
    return fig
