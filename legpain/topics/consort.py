"""Lesson 03's figures and tables: a CONSORT-style flow diagram of the trial, drawn from the numbers its abstract
reports; tables of the trial's facts with their sources; and a PRECIS-2-style wheel the student fills in.

CONSORT 2010 asks trial reports for a flow diagram of the patients through enrolment, allocation, follow-up and
analysis (Schulz KF, Altman DG, Moher D. BMJ 2010;340:c332). The course could read only the trial's abstract,
registry record and protocol, not its full text: the diagram shows the verified totals (192 enrolled; 191 with
follow-up data at 12 weeks, 179 at 52 weeks) and says plainly where a number — screening, per-arm counts,
analysis — was not verified. It never draws a number read only in a secondary source.
"""

from __future__ import annotations

from . import trial

__all__ = ["NOT_VERIFIED", "flow_numbers", "flow_diagram", "FactTable", "fact_table", "unverified_table",
           "PRECIS_DOMAINS", "PRECIS_COURSE_READING", "precis_wheel", "precis_feedback"]

NOT_VERIFIED = "not verified in the sources\navailable to this course"


def flow_numbers() -> dict:
    """The verified numbers of the flow, with follow-up as a share of the enrolled patients (in %)."""
    enrolled = trial.fact("enrolled")
    f12, f52 = trial.fact("followed_12"), trial.fact("followed_52")
    return {
        "enrolled": enrolled,
        "followed_12": f12,
        "followed_52": f52,
        "missing_12": enrolled - f12,
        "missing_52": enrolled - f52,
        "pct_12": 100 * f12 / enrolled,
        "pct_52": 100 * f52 / enrolled,
    }


def _box(ax, x, y, w, h, text, verified=True, fontsize=9.5, bold_first=False):
    from matplotlib.patches import FancyBboxPatch

    ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle="round,pad=0.02,rounding_size=0.12",
                                facecolor="#f5f5f5" if verified else "#ffffff",
                                edgecolor="#000000" if verified else "#777777",
                                linestyle="-" if verified else (0, (4, 3)), linewidth=1.3 if verified else 1.1))
    if bold_first and "\n" in text:
        first, rest = text.split("\n", 1)
        ax.text(x, y + 0.02, first + "\n", ha="center", va="bottom", fontsize=fontsize, fontweight="bold",
                color="#000000", linespacing=1.25)
        ax.text(x, y + 0.02, rest, ha="center", va="top", fontsize=fontsize, color="#000000" if verified else "#333333",
                linespacing=1.25)
    else:
        ax.text(x, y, text, ha="center", va="center", fontsize=fontsize, linespacing=1.25,
                color="#000000" if verified else "#333333")


def _arrow(ax, x0, y0, x1, y1):
    ax.annotate("", xy=(x1, y1), xytext=(x0, y0),
                arrowprops={"arrowstyle": "-|>", "edgecolor": "#333333", "linewidth": 1.2, "shrinkA": 0, "shrinkB": 0,
                            "mutation_scale": 12, "facecolor": "#333333"})


def flow_diagram(show_legend: bool = True):
    """The flow diagram as a figure: solid grey boxes hold verified numbers, dashed white boxes say what was not
    verified. Pure: no arguments change the numbers, which come from :mod:`legpain.topics.trial`."""
    from ..ui.figures import PALETTE, new_figure

    n = flow_numbers()
    arms = trial.fact("arms")
    fig, ax = new_figure(
        alt=(f"Flow diagram of the trial: {n['enrolled']} patients enrolled and allocated by minimization to "
             f"{arms[0]} or {arms[1]}, with follow-up data from {n['followed_12']} ({n['pct_12']:.0f}%) at 12 "
             f"weeks and {n['followed_52']} ({n['pct_52']:.0f}%) at 52 weeks; screening, per-arm and analysis "
             f"numbers are marked as not verified."),
        figsize=(9.0, 8.0))
    ax.set_xlim(0, 10)
    ax.set_ylim(0.7, 11.4)
    ax.axis("off")

    # stage labels down the left side
    for y, label in ((10.0, "Enrolment"), (7.2, "Allocation"), (4.6, "Follow-up"), (1.95, "Analysis")):
        ax.text(0.05, y, label, ha="left", va="center", fontsize=10.5, fontweight="bold", color=PALETTE[0],
                rotation=90)

    _box(ax, 3.6, 10.55, 3.9, 1.0, "Assessed for eligibility\n" + NOT_VERIFIED, verified=False, bold_first=True)
    _box(ax, 8.0, 10.55, 3.3, 1.0, "Not enrolled (and why)\n" + NOT_VERIFIED, verified=False, bold_first=True)
    _arrow(ax, 5.55, 10.55, 6.35, 10.55)
    _box(ax, 3.6, 9.05, 3.9, 0.85, f"Enrolled\n{n['enrolled']} patients", bold_first=True)
    _arrow(ax, 3.6, 10.05, 3.6, 9.48)

    ax.text(5.75, 8.78, "allocated by minimization", ha="left", va="center", fontsize=9, style="italic",
            color="#333333")
    _arrow(ax, 3.6, 8.62, 2.7, 7.95)
    _arrow(ax, 3.6, 8.62, 7.3, 7.95)
    for x, arm in ((2.7, arms[0]), (7.3, arms[1])):
        _box(ax, x, 7.2, 3.9, 1.35, f"{arm}\nPatients allocated:\n{NOT_VERIFIED}", verified=False, bold_first=True)

    _arrow(ax, 2.7, 6.52, 2.7, 5.98)
    _arrow(ax, 7.3, 6.52, 7.3, 5.98)
    _box(ax, 5.0, 5.45, 8.7, 1.05,
         f"Follow-up data at 12 weeks: {n['followed_12']} of {n['enrolled']} patients ({n['pct_12']:.0f}%), "
         f"both groups together\nPer-arm numbers: {NOT_VERIFIED.replace(chr(10), ' ')}", bold_first=True)
    _arrow(ax, 5.0, 4.92, 5.0, 4.42)
    _box(ax, 5.0, 3.9, 8.7, 1.05,
         f"Follow-up data at 52 weeks: {n['followed_52']} of {n['enrolled']} patients ({n['pct_52']:.0f}%), "
         f"both groups together\nPer-arm numbers: {NOT_VERIFIED.replace(chr(10), ' ')}", bold_first=True)
    _arrow(ax, 2.7, 3.37, 2.7, 2.63)
    _arrow(ax, 7.3, 3.37, 7.3, 2.63)
    for x, arm in ((2.7, arms[0]), (7.3, arms[1])):
        _box(ax, x, 1.95, 3.9, 1.35, f"{arm}\nPatients analysed:\n{NOT_VERIFIED}", verified=False, bold_first=True)

    if show_legend:
        ax.text(5.0, 0.95, "Solid grey boxes: numbers read in the trial's abstract.   Dashed white boxes: not "
                "verified (the full text could not be read).", ha="center", va="center", fontsize=8.5,
                color="#333333")
    ax.set_title("Flow of patients through the trial (CONSORT-style), from the numbers its abstract reports",
                 fontsize=11.5)
    return fig


_SOURCE_NAMES = {"bronfort2014": "trial report", "nct00494065": "registry", "schulz2011": "protocol",
                 "carnes2010": "review of manual therapy harms (Carnes 2010)",
                 "nielsen2017": "overview of reviews of spinal manipulation harms (Nielsen 2017)"}


class FactTable:
    """Trial facts as a table: what is said, where it was read, and whether it was verified in a primary source."""

    def __init__(self, keys):
        self.facts = [trial.FACTS[k] for k in keys]

    def rows(self) -> list[tuple[str, str, str]]:
        out = []
        for f in self.facts:
            status = "verified" if f.verified else "NOT VERIFIED — " + (f.note or "secondary only")
            where = f"{_SOURCE_NAMES.get(f.source, f.source)}: {f.where}" if f.verified else f.where
            out.append((f.statement, where, status))
        return out

    def _repr_html_(self) -> str:
        import html

        head = "<tr><th style='text-align:left'>What the source says</th><th style='text-align:left'>Where</th>" \
               "<th style='text-align:left'>Status</th></tr>"
        body = "".join(
            "<tr>" + "".join(f"<td style='text-align:left'>{html.escape(c)}</td>" for c in row) + "</tr>"
            for row in self.rows())
        return f"<table>{head}{body}</table>"

    def __repr__(self) -> str:
        return "\n".join(f"- {s} [{w}; {st}]" for s, w, st in self.rows())


def fact_table(*keys: str) -> FactTable:
    """A table of the named trial facts (see :mod:`legpain.topics.trial`), for a lesson to show."""
    return FactTable(keys)


def unverified_table() -> FactTable:
    """Every trial fact that could not be verified in a primary source, with the reason."""
    return FactTable([f.key for f in trial.unverified()])


# PRECIS-2's nine domains, each scored from 1 (very explanatory) to 5 (very pragmatic): Loudon K et al. BMJ
# 2015;350:h2147. The wheel below is the student's own rating; 0 means "cannot tell from what could be verified".
PRECIS_DOMAINS = ("Eligibility", "Recruitment", "Setting", "Organisation", "Flexibility (delivery)",
                  "Flexibility (adherence)", "Follow-up", "Primary outcome", "Primary analysis")


PRECIS_ARGS = ("eligibility", "recruitment", "setting", "organisation", "flexibility_delivery",
               "flexibility_adherence", "follow_up", "primary_outcome", "primary_analysis")


def precis_wheel(eligibility: int = 0, recruitment: int = 0, setting: int = 0, organisation: int = 0,
                 flexibility_delivery: int = 0, flexibility_adherence: int = 0, follow_up: int = 0,
                 primary_outcome: int = 0, primary_analysis: int = 0):
    """A wheel of the nine PRECIS-2 domains with the ratings given (1 = very explanatory, at the hub, to 5 = very
    pragmatic, at the rim; 0 = not rated, shown as "?")."""
    import numpy as np

    from ..ui.figures import PALETTE, new_figure

    def read(values):
        scores = list(values)
        for name, v in zip(PRECIS_DOMAINS, scores):
            if v not in range(0, 6):
                raise ValueError(f"{name}: a rating is a whole number from 1 to 5 (or 0 for 'cannot tell'), "
                                 f"not {v!r}")
        rated = [v for v in scores if v]
        # always two lines: a live demo keeps the first layout, so a title that grew a line would run off the top
        summary = (f"{len(rated)} of 9 domains rated, average {np.mean(rated):.1f}" if rated
                   else "no domain rated yet;\nmove a slider to rate one")
        unsupported = sum(1 for (_d, ratable, _r), v in zip(PRECIS_COURSE_READING, scores) if v and ratable == "no")
        if rated:
            summary += (f";\n{unsupported} of your ratings rest on nothing the course could verify" if unsupported
                        else ";\nevery rating rests on something the course verified")
        alt = (f"Wheel of the nine PRECIS-2 domains with your ratings from 1 (very explanatory, at the hub) to 5 "
               f"(very pragmatic, at the rim): {summary.replace(chr(10), ' ')}.")
        return scores, summary, alt

    def draw(scores, summary):
        """The whole wheel on ``ax`` (its artists, to take away on the next update)."""
        before = set(ax.get_children())
        ax.set_aspect("equal")
        ax.axis("off")
        angles = np.pi / 2 - 2 * np.pi * np.arange(9) / 9
        ring = np.linspace(0, 2 * np.pi, 200)
        for r in range(1, 6):
            ax.plot(r * np.cos(ring), r * np.sin(ring), color="#cccccc" if r < 5 else "#888888", linewidth=1)
            ax.text(r * np.cos(np.radians(70)), r * np.sin(np.radians(70)), str(r), fontsize=9, color="#555555",
                    ha="center", va="center", bbox={"boxstyle": "round,pad=0.1", "facecolor": "#ffffff",
                                                     "edgecolor": "none"})
        for a, name, v in zip(angles, PRECIS_DOMAINS, scores):
            ax.plot([0, 5 * np.cos(a)], [0, 5 * np.sin(a)], color="#bbbbbb", linewidth=1)
            label = name if v else name + "\n(?) not rated"
            ha = "center" if abs(np.cos(a)) < 0.2 else ("left" if np.cos(a) > 0 else "right")
            va = "bottom" if np.sin(a) > 0.95 else "center"
            ax.text(5.3 * np.cos(a), 5.3 * np.sin(a), label, ha=ha, va=va, fontsize=9.5,
                    color="#000000" if v else "#555555")
        pts = [(v * np.cos(a), v * np.sin(a)) for a, v in zip(angles, scores) if v]
        if len(pts) == 9:  # a closed, filled wheel only when every domain is rated
            xs, ys = zip(*(pts + pts[:1]))
            ax.fill(xs, ys, color=PALETTE[0], alpha=0.25)
        for k in range(9):  # join neighbouring domains only when both are rated: a gap marks "cannot tell"
            j = (k + 1) % 9
            if scores[k] and scores[j]:
                ax.plot([scores[k] * np.cos(angles[k]), scores[j] * np.cos(angles[j])],
                        [scores[k] * np.sin(angles[k]), scores[j] * np.sin(angles[j])], color=PALETTE[0], linewidth=2)
        if pts:
            xs, ys = zip(*pts)
            ax.plot(xs, ys, linestyle="none", marker="o", markersize=7, color=PALETTE[0])
        ax.text(0, -6.6, "Hub: 1 = very explanatory    3 = equally pragmatic and explanatory\nRim: 5 = very pragmatic",
                ha="center", va="center", fontsize=9, color="#333333")
        ax.set_xlim(-7.6, 7.6)
        ax.set_ylim(-7.2, 6.3)
        ax.set_title(f"Your PRECIS-2 rating of the trial ({summary})", fontsize=11.5, linespacing=1.3)
        return [a for a in ax.get_children() if a not in before and a is not ax.title]

    scores, summary, alt = read([eligibility, recruitment, setting, organisation, flexibility_delivery,
                                 flexibility_adherence, follow_up, primary_outcome, primary_analysis])
    fig, ax = new_figure(alt=alt, figsize=(7.0, 5.9))  # drawn at 84 dpi under its sliders: text >= 10 px
    layer = draw(scores, summary)

    def animated():
        return sorted(layer, key=lambda a: a.get_zorder()) + [ax.title]

    def update(**values):
        """Draw the wheel anew on the same axes over the kept background (no new figure, no new layout)."""
        new_scores, new_summary, fig.alt = read(values.get(name, 0) for name in PRECIS_ARGS)
        for artist in layer:
            artist.remove()
        layer[:] = draw(new_scores, new_summary)
        fig.legpain_animated = animated()
        return True

    fig.legpain_update = update
    fig.legpain_animated = animated()
    return fig


# The course's own reading of each PRECIS-2 domain from what could be verified (abstract, registry, protocol):
# (domain, can it be rated from verified facts?, the course's reasoning). A reading, not a rating by trained raters.
PRECIS_COURSE_READING = (
    ("Eligibility", "partly",
     "Adults 21 or older with leg pain for at least 4 weeks (abstract), Quebec Task Force 2, 3, 4 or 6, pain above "
     "3 of 10 and stable medicines (registry): fairly broad, leaning pragmatic; the full exclusions could not be "
     "read."),
    ("Recruitment", "no",
     "The only account (advertisements, mailings, posters) is a news report: secondary, so not rated."),
    ("Setting", "yes",
     "Two research clinics at chiropractic research centres (protocol), not ordinary practices: leans explanatory."),
    ("Organisation", "partly",
     "Care by the research clinics' own chiropractors and trained therapists (registry); what resources usual "
     "care would have could not be read: probably towards explanatory."),
    ("Flexibility (delivery)", "yes",
     "The chiropractor set the number and frequency of SMT visits, up to 20 (registry): leans pragmatic."),
    ("Flexibility (adherence)", "no",
     "How the trial handled patients who missed visits or exercises was not described in anything the course read."),
    ("Follow-up", "partly",
     "Patient questionnaires at 12 and 52 weeks are close to usual care, but blinded biomechanical tests at 12 weeks "
     "are measurements usual care does not make: mixed."),
    ("Primary outcome", "yes",
     "Leg pain as rated by the patients (abstract), an outcome that matters to them: leans pragmatic."),
    ("Primary analysis", "no",
     "Whether all allocated patients were analysed in their groups could not be read."),
)


def precis_feedback(eligibility: int = 0, recruitment: int = 0, setting: int = 0, organisation: int = 0,
                    flexibility_delivery: int = 0, flexibility_adherence: int = 0, follow_up: int = 0,
                    primary_outcome: int = 0, primary_analysis: int = 0):
    """After the student has rated (Demo 3.3): their rating next to the course's reading of each domain, and a note
    where they rated a domain the verified facts cannot support, or left one unrated that they can."""
    from .trial_results import Table

    scores = [eligibility, recruitment, setting, organisation, flexibility_delivery, flexibility_adherence,
              follow_up, primary_outcome, primary_analysis]
    rows = []
    for (domain, ratable, reading), v in zip(PRECIS_COURSE_READING, scores):
        if v not in range(0, 6):
            raise ValueError(f"{domain}: a rating is a whole number from 1 to 5 (or 0 for 'cannot tell'), not {v!r}")
        yours = str(v) if v else "cannot tell"
        if v and ratable == "no":
            note = "You rated it, but nothing verified describes it: what did you base the rating on?"
        elif not v and ratable == "yes":
            note = "The verified facts do describe this domain: try rating it."
        else:
            note = ""
        rows.append((domain, yours, {"yes": "yes", "partly": "partly", "no": "no"}[ratable], reading, note))
    return Table(["Domain", "Your rating", "Ratable from verified facts?", "The course's reading", "Note"], rows,
                 "PRECIS-2: your ratings and the course's domain-by-domain reading (a reading, not a model answer)")
