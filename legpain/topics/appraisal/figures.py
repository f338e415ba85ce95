"""Figures of the appraisal: verdicts per document (lesson 08) and the SENZA-RCT responder rates (lesson 09)."""

from __future__ import annotations

from ...ui.figures import new_figure
from .ledger import verdict_matrix
from .styles import ARM_COLOURS, KIND_STYLE, SHORT_NAMES, VERDICT_STYLE


__all__ = [
    "verdict_bars_figure", "senza_figure", "SENZA_REPORTED",
]


def verdict_bars_figure(by: str = "verdict"):
    """Stacked bars: the ledger's claims per document, split by verdict (or by kind), with counts and a legend."""
    rows, cols, counts = verdict_matrix(by)
    style = VERDICT_STYLE if by == "verdict" else KIND_STYLE
    total = sum(map(sum, counts))
    fig, ax = new_figure(
        alt=f"Stacked horizontal bars of the {total} ledger claims in each of the five documents, split by {by}, "
            f"with the count written in each segment.",
        figsize=(9.5, 4.6))
    labels = [SHORT_NAMES[k] for k in rows]
    left = [0] * len(rows)
    for j, name in enumerate(cols):
        colour, _label, hatch = style[name]
        widths = [counts[i][j] for i in range(len(rows))]
        bars = ax.barh(labels, widths, left=left, color=colour, edgecolor="#333333", linewidth=0.6, hatch=hatch,
                       label=name)
        for b, w in zip(bars, widths):
            if w:
                ax.text(b.get_x() + w / 2, b.get_y() + b.get_height() / 2, str(w), ha="center", va="center",
                        fontsize=10, fontweight="bold", color="#000000",
                        bbox=dict(boxstyle="round,pad=0.15", facecolor="#ffffff", edgecolor="none", alpha=0.85))
        left = [a + w for a, w in zip(left, widths)]
    for i, tot in enumerate(left):
        ax.text(tot + 0.3, i, f"{tot}", va="center", fontsize=10)
    ax.invert_yaxis()
    ax.set_xlim(0, max(left) + 2)
    from matplotlib.ticker import MaxNLocator
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("Number of claims in the ledger")
    ax.set_ylabel("Source document")
    ax.set_title(f"Claims per document, by {by} (course ledger, {total} claims)", fontsize=12)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(title=by.capitalize(), loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9, title_fontsize=9,
              frameon=False)
    return fig


# SENZA-RCT, 3-month responder rates among implanted patients (Kapural et al. 2015, abstract): >= 50% pain reduction
SENZA_REPORTED = {"HF10, back pain": 84.5, "HF10, leg pain": 83.1,
                  "traditional SCS, back pain": 43.8, "traditional SCS, leg pain": 55.5}


def senza_figure():
    """The SENZA-RCT responder rates as the paper reported them, with document 003's wording marked."""
    fig, ax = new_figure(
        alt="Grouped bars of the SENZA-RCT 3-month responder rates: high-frequency stimulation 84.5% for back pain "
            "and 83.1% for leg pain, traditional stimulation 43.8% and 55.5%, with document 003's single 84.5% "
            "figure for both marked.",
        figsize=(8.0, 4.4))
    groups = ["Back pain", "Leg pain"]
    hf = [SENZA_REPORTED["HF10, back pain"], SENZA_REPORTED["HF10, leg pain"]]
    tr = [SENZA_REPORTED["traditional SCS, back pain"], SENZA_REPORTED["traditional SCS, leg pain"]]
    x = [0, 1]
    w = 0.36
    b1 = ax.bar([i - w / 2 for i in x], hf, w, color=ARM_COLOURS["HF10"], edgecolor="#333333",
                label="10-kHz stimulation (HF10), as reported")
    b2 = ax.bar([i + w / 2 for i in x], tr, w, color=ARM_COLOURS["traditional"], edgecolor="#333333", hatch="//",
                label="Traditional stimulation, as reported")
    for bars, colour in ((b1, "#ffffff"), (b2, "#000000")):
        for b in bars:
            ax.text(b.get_x() + b.get_width() / 2, b.get_height() - 3, f"{b.get_height():.1f}%", ha="center",
                    va="top", fontsize=10, fontweight="bold", color=colour,
                    bbox=None if colour == "#ffffff" else dict(boxstyle="round,pad=0.15", facecolor="#ffffff",
                                                                edgecolor="none"))
    for i in x:
        ax.plot([i - w, i], [84.5, 84.5], color=VERDICT_STYLE["misreported (numbers wrong)"][0], linestyle="--",
                linewidth=3, label="Document 003: '84.5% ... in both back and leg pain' (NUMBERS WRONG)"
                if i == 0 else None)
    ax.set_xticks(x, groups)
    ax.set_ylim(0, 105)
    ax.set_ylabel("Responders at 3 months (% of implanted)")
    ax.set_xlabel("Outcome (responder: at least 50% less pain)")
    ax.set_title("SENZA-RCT: what the paper reported vs what document 003 says", fontsize=12)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, -0.42), ncol=2, fontsize=9, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


