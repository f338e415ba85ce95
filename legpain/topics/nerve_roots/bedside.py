"""The straight leg raise in numbers: sensitivity and specificity as counts per 100 people, likelihood ratios and
post-test probabilities (lesson 02, "Tests at the bedside")."""

from __future__ import annotations

from ...ui.figures import new_figure
from .rules import BLUE, DARK, VERMILLION


__all__ = [
    "SLR_ACCURACY", "per_hundred", "slr_figure", "likelihood_ratios", "post_test_probability",
]


SLR_ACCURACY = {
    "straight leg raise": {"sensitivity": 0.91, "specificity": 0.26, "sens_ci": (0.82, 0.94),
                           "spec_ci": (0.16, 0.38)},
    "crossed straight leg raise": {"sensitivity": 0.29, "specificity": 0.88, "sens_ci": (0.24, 0.34),
                                   "spec_ci": (0.86, 0.90)},
}


def likelihood_ratios(sensitivity: float, specificity: float) -> tuple[float, float]:
    """Positive and negative likelihood ratios of a test: LR+ = sens / (1 - spec), LR- = (1 - sens) / spec.

    LR+ says how much more often a positive result is seen in people WITH the condition than in people without it;
    LR- the same for a negative result. ``likelihood_ratios(0.91, 0.26)`` is about (1.23, 0.35).
    """
    sens, spec = float(sensitivity), float(specificity)
    if not (0 < sens < 1 and 0 < spec < 1):
        raise ValueError("sensitivity and specificity must lie strictly between 0 and 1")
    return sens / (1 - spec), (1 - sens) / spec


def post_test_probability(pre_test: float, lr: float) -> float:
    """Probability after a test result with likelihood ratio ``lr``, from the probability before it (odds form:
    post-test odds = pre-test odds x LR)."""
    p = float(pre_test)
    if not 0 < p < 1 or lr <= 0:
        raise ValueError("the pre-test probability must lie strictly between 0 and 1, and the LR must be positive")
    odds = p / (1 - p) * float(lr)
    return odds / (1 + odds)


def per_hundred(test: str = "straight leg raise") -> dict[str, int]:
    """Counts per 100 people WITH a herniated disc and per 100 WITHOUT one, from Devillé et al.'s pooled figures."""
    acc = SLR_ACCURACY[test]
    tp = round(100 * acc["sensitivity"])
    tn = round(100 * acc["specificity"])
    return {"with: positive": tp, "with: negative": 100 - tp, "without: negative": tn, "without: positive": 100 - tn}


def slr_figure(test: str = "straight leg raise"):
    """Demo 2.6: what a test's sensitivity and specificity mean, as 100 people with and 100 without the condition.

    The figure can update in place (``fig.legpain_update``): a live demo redraws only the circles and the words.
    """
    def read(test):
        if test not in SLR_ACCURACY:
            raise ValueError("choose 'straight leg raise' or 'crossed straight leg raise'")
        c = per_hundred(test)
        acc = SLR_ACCURACY[test]
        lr_pos, lr_neg = likelihood_ratios(acc["sensitivity"], acc["specificity"])
        alt = (f"Two grids of 100 people for the {test}: of 100 with a herniated disc {c['with: positive']} test "
               f"positive, and of 100 without one {c['without: negative']} test negative; likelihood ratio of a "
               f"positive result {lr_pos:.2f}, of a negative result {lr_neg:.2f}.")
        panels = [(c["with: positive"],
                   f"{c['with: positive']} test positive: sensitivity {acc['sensitivity']:.2f}\n"
                   f"{c['with: negative']} test negative: missed by the test"),
                  (c["without: positive"],
                   f"{c['without: negative']} test negative: specificity {acc['specificity']:.2f}\n"
                   f"{c['without: positive']} test positive: false alarms")]
        xlabel = ("Each circle is one person. Plain orange-red: the test is positive. Blue with a white dot: the "
                  f"test is negative.\nLikelihood ratios from these values: positive result {lr_pos:.2f}, negative result "
                  f"{lr_neg:.2f} (1 = the result changes nothing).")
        title = f"The {test}: pooled accuracy in surgical series (Devillé et al. 2000)"
        return alt, panels, xlabel, title

    def grid(n_pos):
        """Where the positive and the negative circles go: the first n_pos places of a 10 x 10 grid, the rest."""
        import numpy as np

        places = np.array([(i % 10, 9 - i // 10) for i in range(100)], dtype=float)
        return places[:n_pos], places[n_pos:]

    alt, panels, xlabel, title = read(test)
    fig, axes = new_figure(alt=alt, figsize=(10.0, 4.6), ncols=2)
    circles, subtitles = [], []
    for ax, (n_pos, subtitle), heading in zip(axes, panels, ("100 people WITH a herniated disc",
                                                             "100 people WITHOUT a herniated disc")):
        pos, neg = grid(n_pos)
        circles.append(ax.scatter(pos[:, 0], pos[:, 1], s=210, color=VERMILLION, edgecolors=DARK, linewidths=0.5))
        # negative: blue with a white dot (not colour alone; a dot drawn as a marker is far quicker than a hatch)
        circles.append(ax.scatter(neg[:, 0], neg[:, 1], s=210, color=BLUE, edgecolors=DARK, linewidths=0.5))
        circles.append(ax.scatter(neg[:, 0], neg[:, 1], s=16, color="#ffffff", linewidths=0))
        ax.set_xlim(-0.7, 9.7)
        ax.set_ylim(-2.6, 9.7)
        ax.set_aspect("equal")
        ax.axis("off")
        ax.set_title(heading, fontsize=11)
        subtitles.append(ax.text(4.5, -1.4, subtitle, ha="center", va="center", fontsize=10))
    note = fig.supxlabel(xlabel, fontsize=9.5)
    heading = fig.suptitle(title, fontsize=12)

    def update(test="straight leg raise"):
        """Move the circles between positive and negative and rewrite the words, in place."""
        fig.alt, new_panels, new_xlabel, new_title = read(test)
        for k, (n_pos, subtitle) in enumerate(new_panels):
            pos, neg = grid(n_pos)
            circles[3 * k].set_offsets(pos)
            circles[3 * k + 1].set_offsets(neg)
            circles[3 * k + 2].set_offsets(neg)
            subtitles[k].set_text(subtitle)
        note.set_text(new_xlabel)
        heading.set_text(new_title)
        return True

    fig.legpain_update = update
    fig.legpain_animated = [*circles[:3], subtitles[0], *circles[3:], subtitles[1], note, heading]
    return fig


