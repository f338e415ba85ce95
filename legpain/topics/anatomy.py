"""Lesson 01 (the spine): the vertebral column by region, a lumbar motion segment, and what degeneration narrows.

Every number here is written once, next to its source (the lesson's reference list gives the full citations; the
research notes are in ``docs/evidence/anatomy-and-nerve-roots.md``):

* Regional counts (7 cervical, 12 thoracic, 5 lumbar, 5 sacral fused into the sacrum, usually 4 coccygeal fused
  into the coccyx; 33 in all, 26 separate bones in an adult): Drake, Vogl, Mitchell, Gray's Anatomy for Students,
  chapter 2 (the coccyx "usually four"); Droual, Modesto Junior College anatomy notes (26 bones).
* Curves (cervical and lumbar lordosis, thoracic and sacral kyphosis): Shier, Butler, Lewis, Hole's Human Anatomy
  and Physiology (2010), chapter 7.
* Lateral-recess stenosis from an enlarged superior articular process squeezing the traversing root: Wheeless'
  Textbook of Orthopaedics, "Lateral stenosis"; Schroeder et al. JAAOS 2016 (facet hypertrophy).
* Conus medullaris: Saifuddin A, Burnett SJ, White J. Spine 1998;23(13):1452-1456 (mean lower third of L1, range
  middle third of T12 to upper third of L3, n = 504).
* Findings in people without symptoms: Brinjikji W et al. AJNR 2015;36(4):811-816, doi:10.3174/ajnr.A4173
  (model-based estimates by age; ages 20-50 read in a reproduction of its table, 20 and 80 in its abstract).

The drawings are schematic teaching diagrams, not to scale.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.patches import Circle, Ellipse, FancyBboxPatch, Polygon, Rectangle

from ..ui.figures import PALETTE, new_figure

__all__ = [
    "REGIONS",
    "CONUS",
    "CHANGES",
    "BRINJIKJI",
    "total_vertebrae",
    "separate_bones",
    "region_count",
    "narrowed_spaces",
    "roots_at_risk",
    "draw_column",
    "draw_motion_segment",
    "asymptomatic_findings_figure",
]

BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY, YELLOW, BLACK = PALETTE
GREY = "#999999"
LIGHT = "#dddddd"
DARK = "#444444"

# name, vertebrae (segments), separate adult bones, note
REGIONS = [
    {"region": "cervical", "vertebrae": 7, "adult_bones": 7, "note": "neck"},
    {"region": "thoracic", "vertebrae": 12, "adult_bones": 12, "note": "chest"},
    {"region": "lumbar", "vertebrae": 5, "adult_bones": 5, "note": "lower back"},
    {"region": "sacral", "vertebrae": 5, "adult_bones": 1, "note": "fused into one bone, the sacrum"},
    {"region": "coccygeal", "vertebrae": 4, "adult_bones": 1,
     "note": "usually 4 (the number varies), usually fused into the coccyx (tailbone)"},
]

CONUS = {
    "study": "Saifuddin et al. 1998 (MRI, 504 adults aged 16-85)",
    "mean": "lower third of L1",
    "range": "middle third of T12 to upper third of L3",
    "sex_or_age_difference": False,
}

# Brinjikji et al. 2015: modelled prevalence (%) in people WITHOUT back pain, by age. Ages 20-50 as reproduced in
# Table 1 of doi:10.1186/s13013-016-0080-0; age 80 from the abstract. Ages 60 and 70: the paper's own table could not
# be read for this course (second edition, searched again), so they are left out rather than filled from memory.
BRINJIKJI = {
    "disc degeneration": {20: 37, 30: 52, 40: 68, 50: 80, 80: 96},
    "disc bulge": {20: 30, 30: 40, 40: 50, 50: 60, 80: 84},
    "disc protrusion": {20: 29, 30: 31, 40: 33, 50: 36, 80: 43},
    "annular fissure": {20: 19, 30: 20, 40: 22, 50: 23, 80: 29},
}


def total_vertebrae() -> int:
    """Vertebrae counted as segments (before fusion): usually 33."""
    return sum(r["vertebrae"] for r in REGIONS)


def separate_bones() -> int:
    """Separate bones of an adult column: 24 vertebrae that stay separate, plus the sacrum and the coccyx."""
    return sum(r["adult_bones"] for r in REGIONS)


def region_count(region: str) -> int:
    """Number of vertebrae (segments) in a region: ``region_count("lumbar") == 5``."""
    key = region.strip().lower()
    aliases = {"sacrum": "sacral", "coccyx": "coccygeal"}
    key = aliases.get(key, key)
    for r in REGIONS:
        if r["region"] == key:
            return r["vertebrae"]
    raise ValueError(f"unknown region {region!r}; the regions are: " + ", ".join(r["region"] for r in REGIONS))


# ---------------------------------------------------------------------------------------------------------------
# Degenerative changes: which spaces they narrow (schematic teaching model, see the lesson's section 4)
# ---------------------------------------------------------------------------------------------------------------

CHANGES = {
    "none": "No change: a healthy motion segment",
    "disc bulge": "Disc bulge: the disc rim spreads beyond the vertebral edges around much of its circumference",
    "herniation": "Disc herniation (paracentral protrusion): focal disc material pushes back beside the midline",
    "ligament thickening": "Ligamentum flavum thickening (with buckling) at the back of the canal",
    "bone spur": "Bone spurs (osteophytes) from the facet joint and the vertebral rim into the foramen",
    "facet enlargement": "Enlarged facet joint: the superior articular process of L5 bulges into the lateral recess",
    "all together": "Several changes together: the picture of degenerative stenosis",
}

# space -> degree ("mild" or "marked") for each change; a schematic summary for teaching, not a measurement
_NARROWING = {
    "none": {},
    "disc bulge": {"central canal": "mild", "lateral recess": "mild", "foramen": "mild"},
    "herniation": {"lateral recess": "marked", "central canal": "mild"},
    "ligament thickening": {"central canal": "marked", "lateral recess": "mild"},
    "bone spur": {"foramen": "marked", "lateral recess": "mild"},
    "facet enlargement": {"lateral recess": "marked", "foramen": "mild"},
    "all together": {"central canal": "marked", "lateral recess": "marked", "foramen": "marked"},
}


def _change_key(change: str) -> str:
    key = change.strip().lower()
    if key not in CHANGES:
        raise ValueError(f"unknown change {change!r}; choose one of: " + ", ".join(CHANGES))
    return key


def narrowed_spaces(change: str) -> dict[str, str]:
    """Which spaces a degenerative change narrows in the schematic model, and how much ("mild" or "marked")."""
    return dict(_NARROWING[_change_key(change)])


def roots_at_risk(change: str, level: str = "L4-L5") -> list[str]:
    """Which nerve root the narrowed spaces put at risk, at a disc level such as "L4-L5".

    The lateral recess holds the traversing root (the one that exits one level lower: L5 at L4-L5); the foramen
    holds the exiting root (the one named for the vertebra above: L4 at L4-L5); the central canal holds the cauda
    equina. Only "marked" narrowing counts here.
    """
    from .nerve_roots import exiting_root, traversing_root

    spaces = narrowed_spaces(change)
    out = []
    if spaces.get("foramen") == "marked":
        out.append(exiting_root(level))
    if spaces.get("lateral recess") == "marked":
        out.append(traversing_root(level))
    if spaces.get("central canal") == "marked":
        out.append("cauda equina")
    return out


# ---------------------------------------------------------------------------------------------------------------
# Figure 1: the whole column, side view
# ---------------------------------------------------------------------------------------------------------------

_REGION_COLOURS = {"cervical": SKY, "thoracic": BLUE, "lumbar": ORANGE, "sacral": GREEN, "coccygeal": PURPLE}


class _Curve:
    """A smooth curve through control points (cubic Hermite with Catmull-Rom slopes): call it for x, or for dx/ds
    with ``nu=1``. Plain numpy, so that drawing the column needs no extra library."""

    def __init__(self, s, x):
        self.s = np.asarray(s, dtype=float)
        self.x = np.asarray(x, dtype=float)
        m = np.gradient(self.x, self.s)
        self.m = m

    def __call__(self, q, nu: int = 0):
        q = np.asarray(q, dtype=float)
        i = np.clip(np.searchsorted(self.s, q, side="right") - 1, 0, len(self.s) - 2)
        s0, s1 = self.s[i], self.s[i + 1]
        h = s1 - s0
        t = (q - s0) / h
        x0, x1, m0, m1 = self.x[i], self.x[i + 1], self.m[i] * h, self.m[i + 1] * h
        if nu == 0:
            return ((2 * t**3 - 3 * t**2 + 1) * x0 + (t**3 - 2 * t**2 + t) * m0 + (-2 * t**3 + 3 * t**2) * x1
                    + (t**3 - t**2) * m1)
        return ((6 * t**2 - 6 * t) * x0 + (3 * t**2 - 4 * t + 1) * m0 + (-6 * t**2 + 6 * t) * x1
                + (3 * t**2 - 2 * t) * m1) / h


def _centerline():
    """Arc length along the column (top = 0) -> horizontal offset (front = negative), from control points."""
    # s: distance down the column in schematic units; x: front (-) / back (+)
    s = np.array([0.0, 5.5, 11.0, 22.0, 35.0, 42.0, 49.0, 54.0, 59.0, 62.5])
    x = np.array([0.0, -1.5, 0.0, 2.6, 0.5, -1.5, 0.2, 2.4, 2.1, 0.6])
    return _Curve(s, x)


def draw_column(show_cord: bool = True):
    """Side view of the whole vertebral column, regions coloured and labelled with their counts (front on the left).

    Schematic: vertebral bodies as blocks along the four curves (cervical and lumbar lordosis, thoracic and sacral
    kyphosis), the discs as grey gaps, and (``show_cord``) the spinal cord ending near L1 with the cauda equina below.
    """
    fig, ax = new_figure(
        alt="Side view of the spine, front on the left: 7 cervical, 12 thoracic and 5 lumbar vertebrae, the sacrum "
            "(5 fused) and the coccyx (usually 4 fused), with the neck and low-back curves bending forward and the "
            "chest and sacral curves bending back, and the spinal cord ending near L1.",
        figsize=(6.4, 8.6),
    )
    spline = _centerline()
    heights = {"cervical": 1.15, "thoracic": 1.55, "lumbar": 2.15}
    widths = {"cervical": 1.7, "thoracic": 2.3, "lumbar": 3.1}
    gap = {"cervical": 0.38, "thoracic": 0.45, "lumbar": 0.65}
    s = 0.0
    label_pos = {}
    body_centres = {}
    for region in ("cervical", "thoracic", "lumbar"):
        n = region_count(region)
        start = s
        for i in range(n):
            h, w = heights[region], widths[region]
            sc = s + h / 2
            xc = float(spline(sc))
            slope = float(spline(sc, 1))
            angle = math.degrees(math.atan(slope))
            rect = Rectangle((xc - w / 2, -(sc + h / 2)), w, h, facecolor=_REGION_COLOURS[region],
                             edgecolor=DARK, linewidth=0.6)
            from matplotlib.transforms import Affine2D

            rect.set_transform(Affine2D().rotate_deg_around(xc, -sc, angle) + ax.transData)
            ax.add_patch(rect)
            # a small spinous process behind each body
            sp = Polygon([(xc + w / 2 + 0.85, -sc + h * 0.25), (xc + w / 2 + 1.75 + 0.1 * w, -sc - h * 0.15),
                          (xc + w / 2 + 0.85, -sc - h * 0.35)], closed=True, facecolor=LIGHT, edgecolor=GREY,
                         linewidth=0.5)
            sp.set_transform(Affine2D().rotate_deg_around(xc, -sc, angle) + ax.transData)
            ax.add_patch(sp)
            body_centres[f"{region[0].upper()}{i + 1}"] = (xc, sc, w)
            s += h + gap[region]
        label_pos[region] = (start, s - gap[region])
    # sacrum: a tapering wedge following the curve
    sac_start, sac_end = s, s + 8.5
    ss = np.linspace(sac_start, sac_end, 30)
    half = np.linspace(2.0, 0.7, 30)
    xs = spline(ss)
    front = [(x - w, -y) for x, y, w in zip(xs, ss, half)]
    back = [(x + w, -y) for x, y, w in zip(xs, ss, half)][::-1]
    ax.add_patch(Polygon(front + back, closed=True, facecolor=_REGION_COLOURS["sacral"], edgecolor=DARK,
                         linewidth=0.6))
    for k in range(1, 5):  # fusion lines of the five sacral segments
        y = sac_start + k * (sac_end - sac_start) / 5
        x = float(spline(y))
        w = float(np.interp(y, ss, half))
        ax.plot([x - w, x + w], [-y, -y], color=DARK, linewidth=0.5, linestyle=":")
    label_pos["sacral"] = (sac_start, sac_end)
    # coccyx
    cs = np.linspace(sac_end + 0.2, sac_end + 3.2, 12)
    chalf = np.linspace(0.6, 0.2, 12)
    cx = spline(cs)
    front = [(x - w, -y) for x, y, w in zip(cx, cs, chalf)]
    back = [(x + w, -y) for x, y, w in zip(cx, cs, chalf)][::-1]
    ax.add_patch(Polygon(front + back, closed=True, facecolor=_REGION_COLOURS["coccygeal"], edgecolor=DARK,
                         linewidth=0.6))
    label_pos["coccygeal"] = (cs[0], cs[-1])

    if show_cord:
        # the spinal cord in the canal behind the bodies, ending at the lower third of L1 (the MRI study's mean),
        # then the cauda equina (nerve roots) down to the sacrum
        _, l1_s, _ = body_centres["L1"]
        end_s = l1_s + heights["lumbar"] * 0.25
        ys = np.linspace(0.2, end_s, 80)
        half_w = np.interp(ys, [0, 11, 12, 33, 35], [widths["cervical"] / 2, widths["cervical"] / 2,
                                                      widths["thoracic"] / 2, widths["thoracic"] / 2,
                                                      widths["lumbar"] / 2])
        xc = spline(ys) + half_w + 0.45
        ax.plot(xc, -ys, color=DARK, linewidth=5.0, solid_capstyle="round")
        ax.plot(xc, -ys, color=YELLOW, linewidth=3.6, solid_capstyle="round")
        tail = np.linspace(end_s, sac_start + 2.5, 30)
        for d in (-0.2, 0.1, 0.4):
            tx = spline(tail) + widths["lumbar"] / 2 + 0.35 + d
            ax.plot(tx, -tail, color=DARK, linewidth=0.8)
        x_end = float(xc[-1])
        ax.annotate("spinal cord ends near L1\n(conus medullaris)", xy=(x_end, -end_s),
                    xytext=(x_end + 3.3, -end_s + 3.0), fontsize=9, color=BLACK,
                    arrowprops={"arrowstyle": "->", "color": DARK, "linewidth": 0.8})
        yy = sac_start - 4.0
        ax.annotate("cauda equina\n(nerve roots)", xy=(float(spline(yy)) + widths["lumbar"] / 2 + 0.6, -yy),
                    xytext=(float(spline(yy)) + 4.6, -(yy - 1.0)), fontsize=9, color=BLACK,
                    arrowprops={"arrowstyle": "->", "color": DARK, "linewidth": 0.8})
        ax.annotate("spinal cord", xy=(float(xc[20]), -float(ys[20])), xytext=(float(xc[20]) + 2.0, -float(ys[20]) + 1.0),
                    fontsize=9, color=BLACK, arrowprops={"arrowstyle": "->", "color": DARK, "linewidth": 0.8})

    # region labels on the left (front), with counts and curve names
    texts = {
        "cervical": "Cervical: 7 vertebrae\n(neck; curve: lordosis)",
        "thoracic": "Thoracic: 12 vertebrae\n(chest; curve: kyphosis)",
        "lumbar": "Lumbar: 5 vertebrae\n(low back; curve: lordosis)",
        "sacral": "Sacrum: 5 fused\n(curve: kyphosis)",
        "coccygeal": "Coccyx: usually 4 fused",
    }
    for region, (a, b) in label_pos.items():
        mid = (a + b) / 2
        ax.plot([-4.6, -4.6], [-a, -b], color=_REGION_COLOURS[region], linewidth=3)
        ax.text(-4.9, -mid, texts[region], ha="right", va="center", fontsize=9.5,
                color=BLACK)
    ax.annotate("", xy=(-7.5, 1.6), xytext=(-3.5, 1.6),
                arrowprops={"arrowstyle": "->", "color": DARK, "linewidth": 1.0})
    ax.text(-5.5, 2.0, "front", ha="center", va="bottom", fontsize=9)
    ax.annotate("", xy=(6.5, 1.6), xytext=(2.5, 1.6),
                arrowprops={"arrowstyle": "->", "color": DARK, "linewidth": 1.0})
    ax.text(4.5, 2.0, "back", ha="center", va="bottom", fontsize=9)
    ax.text(0.0, -(sac_end + 5.2), "33 vertebrae in all; in an adult 26 separate bones\n"
            "(24 vertebrae + sacrum + coccyx). Schematic, not to scale.", ha="center", va="top", fontsize=9)
    ax.set_xlim(-15.5, 12.5)
    ax.set_ylim(-(sac_end + 7.5), 3.5)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title("The vertebral column from the side, by region", fontsize=12)
    return fig


# ---------------------------------------------------------------------------------------------------------------
# Figure 2: a lumbar motion segment (side view and view from above), with an optional degenerative change
# ---------------------------------------------------------------------------------------------------------------

def _side_view(ax, change: str) -> list:
    """Two lumbar vertebrae (L4 above L5) and the disc between, seen from the left side; front on the left.

    Draws what never changes, then :func:`_side_changes` for ``change``; returns what that drew.
    """
    bone = "#f0f0f0"
    # vertebral bodies
    for y0, name in ((4.2, "L4"), (0.0, "L5")):
        ax.add_patch(FancyBboxPatch((0, y0 + 0.1), 4.0, 2.8, boxstyle="round,pad=0.02,rounding_size=0.25",
                                    facecolor=bone, edgecolor=DARK, linewidth=1.0))
        ax.text(2.0, y0 + 1.5, f"{name}\nvertebral body", ha="center", va="center", fontsize=9)
    # pedicles, articular processes, lamina and spinous process of each vertebra
    for y0 in (4.2, 0.0):
        ax.add_patch(Rectangle((4.0, y0 + 1.55), 1.5, 1.15, facecolor=bone, edgecolor=DARK, linewidth=1.0))
        ax.add_patch(Polygon([(5.5, y0 + 2.9), (7.0, y0 + 2.9), (9.6, y0 + 2.2), (9.6, y0 + 1.3), (7.0, y0 + 0.9),
                              (5.5, y0 + 1.2)], closed=True, facecolor=bone, edgecolor=DARK, linewidth=1.0))
    ax.text(8.2, 6.0, "spinous\nprocess", ha="center", va="center", fontsize=9)
    ax.text(4.75, 6.35, "pedicle", ha="center", va="center", fontsize=9, rotation=0)
    # facet joint: L4's inferior articular process (behind) meets L5's superior articular process (in front)
    ax.add_patch(Polygon([(5.4, 5.75), (6.5, 5.75), (6.5, 3.4), (6.05, 2.95), (5.8, 3.2)], closed=True,
                         facecolor=bone, edgecolor=DARK, linewidth=1.0))
    ax.add_patch(Polygon([(5.0, 2.75), (5.78, 2.75), (5.78, 4.45), (5.35, 4.75), (5.0, 4.3)], closed=True,
                         facecolor=bone, edgecolor=DARK, linewidth=1.0))
    ax.plot([5.79, 5.79], [3.1, 4.5], color=DARK, linewidth=1.6)
    ax.annotate("facet joint", xy=(5.85, 3.8), xytext=(7.3, 3.5), fontsize=9, va="center",
                arrowprops={"arrowstyle": "->", "color": DARK, "linewidth": 0.8})
    ax.text(-6.2, 7.6, "front", fontsize=9, ha="left")
    ax.text(10.0, 7.6, "back", fontsize=9, ha="right")
    ax.set_xlim(-6.4, 10.2)
    ax.set_ylim(-3.0, 10.6)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title("Side view: L4 above L5", fontsize=11)
    return _side_changes(ax, change)


def _side_changes(ax, change: str) -> list:
    """What the side view shows differently for each change (disc, ligament, spurs, root), drawn over the rest;
    returns the artists it added (a live demo removes them and draws the next change's)."""
    key = _change_key(change)
    spaces = narrowed_spaces(key)
    added = []
    add = ax.add_artist  # not add_patch: the limits are set, so skip its data-limit work (quicker)
    # disc
    bulge = 0.45 if key in ("disc bulge", "all together") else 0.0
    added.append(add(Polygon([(0.05, 3.0), (4.0, 3.0), (4.0 + bulge, 3.6), (4.0, 4.3), (0.05, 4.3),
                                       (-bulge, 3.6)], closed=True, facecolor=SKY, edgecolor=DARK, linewidth=0.8)))
    added.append(add(Ellipse((2.0, 3.65), 1.7, 0.75, facecolor=BLUE, edgecolor="none")))
    added.append(ax.annotate("disc: annulus fibrosus (rim)\nand nucleus pulposus (centre)", xy=(0.6, 3.65),
                             xytext=(-0.6, 3.65), fontsize=9, va="center", ha="right",
                             arrowprops={"arrowstyle": "->", "color": DARK, "linewidth": 0.8}))
    # ligamentum flavum on the front of the joint (part of the back wall of the foramen)
    lf = 0.16 if key not in ("ligament thickening", "all together") else 0.5
    added.append(add(Polygon([(5.0 - lf, 2.85), (5.0, 2.85), (5.0, 4.25), (5.0 - lf, 4.25)], closed=True,
                                      facecolor=YELLOW, edgecolor=DARK, linewidth=0.5)))
    if key == "herniation":
        added.append(ax.text(2.0, -1.9, "(this paracentral herniation lies near the midline,\nso it shows in the "
                             "view from above)", ha="center", va="top", fontsize=9, color=DARK))
    if key == "facet enlargement":
        added.append(ax.text(2.0, -1.9, "(the enlarged superior articular process grows inwards,\ninto the lateral "
                             "recess: see the view from above)", ha="center", va="top", fontsize=9, color=DARK))
    # osteophytes
    if key in ("bone spur", "all together"):
        added.append(add(Polygon([(3.9, 3.0), (4.8, 2.95), (3.9, 2.55)], closed=True, facecolor=GREY,
                                          edgecolor=DARK, linewidth=0.8)))
        added.append(add(Polygon([(4.85, 3.4), (4.3, 3.8), (4.85, 4.0)], closed=True, facecolor=GREY,
                                          edgecolor=DARK, linewidth=0.8)))
    # the exiting (L4) root in the upper part of the foramen, under the L4 pedicle
    squeezed = spaces.get("foramen") == "marked"
    root_colour = VERMILLION if squeezed else ORANGE
    added.append(add(Circle((4.5, 5.05), 0.36, facecolor=root_colour, edgecolor=DARK, linewidth=0.8)))
    added.append(ax.annotate("L4 nerve root leaving\nthrough the foramen" + ("\n(squeezed)" if squeezed else ""),
                             xy=(4.6, 5.35), xytext=(2.4, 8.0), fontsize=9, ha="center", va="bottom",
                             arrowprops={"arrowstyle": "->", "color": DARK, "linewidth": 0.8}))
    added.append(ax.annotate("intervertebral\nforamen", xy=(4.45, 3.9), xytext=(6.6, -1.2), fontsize=9, ha="center",
                             arrowprops={"arrowstyle": "->", "color": DARK, "linewidth": 0.8}))
    return added


def _top_view(ax, change: str) -> list:
    """The L4-L5 level seen from above (front at the top): disc, canal, lateral recesses and foramina.

    Draws what never changes, then :func:`_top_changes` for ``change``; returns what that drew.
    """
    bone = "#f0f0f0"
    # posterior arch: pedicles, facets, laminae, spinous process
    for sgn in (-1, 1):
        ax.add_patch(Polygon([(sgn * 3.3, 0.4), (sgn * 4.4, 0.4), (sgn * 4.4, -2.3), (sgn * 3.3, -2.3)],
                             closed=True, facecolor=bone, edgecolor=DARK, linewidth=0.9))  # facet mass
        ax.add_patch(Polygon([(sgn * 3.3, -1.6), (sgn * 3.3, -2.3), (sgn * 0.5, -4.6), (sgn * 0.5, -3.8)],
                             closed=True, facecolor=bone, edgecolor=DARK, linewidth=0.9))  # lamina
    ax.add_patch(Polygon([(-0.5, -3.8), (0.5, -3.8), (0.35, -6.3), (-0.35, -6.3)], closed=True, facecolor=bone,
                         edgecolor=DARK, linewidth=0.9))
    ax.text(0, -6.8, "spinous process", ha="center", va="top", fontsize=9)
    ax.text(0, 6.0, "front", ha="center", fontsize=9)
    ax.set_xlim(-9.8, 10.2)
    ax.set_ylim(-8.0, 6.6)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title("From above, at the L4–L5 disc", fontsize=11)
    return _top_changes(ax, change)


def _top_changes(ax, change: str) -> list:
    """What the view from above shows differently for each change (disc, herniation, ligament, facets, spurs,
    sac, roots and their labels), drawn over the rest; returns the artists it added."""
    key = _change_key(change)
    spaces = narrowed_spaces(key)
    bone = "#f0f0f0"
    arrow = {"arrowstyle": "->", "color": DARK, "linewidth": 0.8}
    added = []
    add = ax.add_artist  # not add_patch: the limits are set, so skip its data-limit work (quicker)
    # disc (kidney-like: an ellipse whose back is flattened)
    grow = 0.35 if key in ("disc bulge", "all together") else 0.0
    t = np.linspace(0, 2 * math.pi, 200)
    dx = (4.6 + grow) * np.cos(t)
    dy = 2.5 + (2.6 + grow) * np.sin(t)
    back = np.sin(t) < 0
    dy = np.where(back, 2.5 + (2.6 + grow) * np.sin(t) * (0.55 + 0.45 * np.abs(np.cos(t)) ** 0.6), dy)
    added.append(add(Polygon(np.column_stack([dx, dy]), closed=True, facecolor=SKY, edgecolor=DARK,
                                      linewidth=0.8)))
    added.append(add(Ellipse((0, 2.7), 3.4, 2.0, facecolor=BLUE, edgecolor="none")))
    added.append(ax.text(0, 2.7, "nucleus", ha="center", va="center", fontsize=9, color="#ffffff"))
    added.append(ax.text(0, 4.4, "annulus", ha="center", va="center", fontsize=9))
    if key in ("herniation", "all together"):
        added.append(add(Ellipse((1.7, 0.5), 1.5, 1.3, facecolor=BLUE, edgecolor=DARK, linewidth=0.8)))
    # ligamentum flavum on the inner side of the laminae
    lf = 0.22 if key not in ("ligament thickening", "all together") else 0.75
    for sgn in (-1, 1):
        added.append(add(Polygon([(sgn * 3.3, -0.9), (sgn * 0.0, -3.75), (sgn * 0.0, -3.75 + lf * 1.3),
                                           (sgn * (3.3 - lf * 1.2), -0.9)], closed=True, facecolor=YELLOW,
                                          edgecolor=DARK, linewidth=0.5)))
    # an enlarged superior articular process (facet hypertrophy) bulging medially into the lateral recess
    if key in ("facet enlargement", "all together"):
        for sgn in (-1, 1):
            added.append(add(Polygon([(sgn * 3.3, 0.35), (sgn * 2.5, 0.05), (sgn * 2.45, -0.9),
                                               (sgn * 3.3, -1.25)], closed=True, facecolor=bone, edgecolor=DARK,
                                              linewidth=0.9)))
        if key == "facet enlargement":
            added.append(ax.annotate("enlarged superior\narticular process", xy=(-2.7, -0.5), xytext=(-9.6, 2.4),
                                     fontsize=9, ha="left", arrowprops=arrow))
    # bone spurs from the facet into the foramen / recess
    if key in ("bone spur", "all together"):
        for sgn in (-1, 1):
            added.append(add(Polygon([(sgn * 4.4, 0.4), (sgn * 5.4, 0.55), (sgn * 4.4, -0.4)], closed=True,
                                              facecolor=GREY, edgecolor=DARK, linewidth=0.8)))
            added.append(add(Polygon([(sgn * 3.3, 0.2), (sgn * 2.6, -0.1), (sgn * 3.3, -0.6)], closed=True,
                                              facecolor=GREY, edgecolor=DARK, linewidth=0.8)))
    # thecal sac with the cauda equina
    sac_r = 1.35 if spaces.get("central canal") != "marked" else 0.95
    sac_hit = spaces.get("central canal") == "marked"
    added.append(add(Circle((0, -1.55), sac_r, facecolor="#eeeeee",
                                     edgecolor=VERMILLION if sac_hit else DARK, linewidth=2.4 if sac_hit else 0.9)))
    rng = np.random.default_rng(3)
    pts = rng.uniform(-1, 1, size=(40, 2))
    pts = pts[(pts ** 2).sum(axis=1) < 0.8] * sac_r * 0.85
    added.append(ax.scatter(pts[:, 0], pts[:, 1] - 1.55, s=4, color=DARK))
    # traversing L5 roots in the lateral recesses; exiting L4 roots in the foramina
    recess_hit = spaces.get("lateral recess") == "marked"
    foramen_hit = spaces.get("foramen") == "marked"
    for sgn in (-1, 1):
        hit_here = recess_hit and (sgn == 1 or key in ("all together", "facet enlargement"))
        added.append(add(Circle((sgn * 2.05, -0.45), 0.38, facecolor=VERMILLION if hit_here else ORANGE,
                                         edgecolor=DARK, linewidth=0.8)))
        added.append(add(Circle((sgn * 5.2, -0.95), 0.42, facecolor=VERMILLION if foramen_hit else ORANGE,
                                         edgecolor=DARK, linewidth=0.8)))
    added.append(ax.annotate("L5 root in the lateral recess\n(traversing)" + ("\n(squeezed)" if recess_hit else ""),
                             xy=(2.3, -0.3), xytext=(5.6, -4.6), fontsize=9, ha="left", arrowprops=arrow))
    added.append(ax.annotate("L4 root in the foramen\n(exiting)" + ("\n(squeezed)" if foramen_hit else ""),
                             xy=(5.3, -0.6), xytext=(5.6, 3.6), fontsize=9, ha="left", arrowprops=arrow))
    added.append(ax.annotate("central canal:\nthecal sac with\ncauda equina" + ("\n(squeezed)" if sac_hit else ""),
                             xy=(-0.9, -1.9), xytext=(-9.6, -4.4), fontsize=9, ha="left", arrowprops=arrow))
    added.append(ax.annotate("ligamentum\nflavum", xy=(-1.9, -2.6), xytext=(-9.6, -7.0), fontsize=9, ha="left",
                             arrowprops=arrow))
    added.append(ax.annotate("facet joint", xy=(-4.0, -1.2), xytext=(-9.6, -1.2), fontsize=9, ha="left",
                             va="center", arrowprops=arrow))
    return added


def _change_summary(change: str) -> str:
    key = _change_key(change)
    spaces = narrowed_spaces(key)
    if not spaces:
        return "Nothing narrowed: every nerve root has room."
    parts = [f"{space} ({degree})" for space, degree in spaces.items()]
    at_risk = roots_at_risk(key)
    text = "Narrowed: " + ", ".join(parts) + "."
    if at_risk:
        text += " Squeezed (orange-red): " + ", ".join(r if r == "cauda equina" else f"the {r} root" for r in at_risk) + "."
    return text


def _lower_first(text: str) -> str:
    """Lower-case only the first letter (so that root names such as L5 keep their capitals in alt text)."""
    return text[:1].lower() + text[1:]


def draw_motion_segment(change: str = "none"):
    """A lumbar motion segment (L4, the L4-L5 disc, L5), from the side and from above, with one degenerative change.

    ``change`` is one of :data:`CHANGES`. Roots drawn in orange-red are squeezed in this schematic picture.
    """
    import textwrap

    def words(key):
        alt = (f"Two drawings of the L4-L5 motion segment, from the side and from above, showing the disc, the facet "
               f"joints, the canal, the foramen and the nerve roots: {_lower_first(CHANGES[key])}; "
               f"{_lower_first(_change_summary(key))}")
        return alt, textwrap.fill(_change_summary(key) + "  Schematic, not to scale.", 115)

    key = _change_key(change)
    alt, summary = words(key)
    fig, (ax1, ax2) = new_figure(alt=alt, figsize=(10.2, 4.8), ncols=2, gridspec_kw={"width_ratios": [1.0, 1.05]})
    layers = [_side_view(ax1, key), _top_view(ax2, key)]
    title = fig.suptitle(CHANGES[key], fontsize=12)
    note = fig.text(0.5, 0.01, summary, ha="center", va="bottom", fontsize=10)

    def animated():
        # in the order a fresh figure draws them: each drawing's artists by z-order, then the figure's texts
        return [a for layer in layers for a in sorted(layer, key=lambda a: a.get_zorder())] + [title, note]

    def update(change="none"):
        """Take away what the last change drew and draw this one's, over the kept background (fast path)."""
        new_key = _change_key(change)
        for layer in layers:
            for artist in layer:
                artist.remove()
        layers[:] = [_side_changes(ax1, new_key), _top_changes(ax2, new_key)]
        fig.alt, new_summary = words(new_key)
        title.set_text(CHANGES[new_key])
        note.set_text(new_summary)
        fig.legpain_animated = animated()
        return True

    fig.legpain_update = update
    fig.legpain_animated = animated()
    return fig


# ---------------------------------------------------------------------------------------------------------------
# Figure 3: findings on imaging in people without back pain (Brinjikji et al. 2015)
# ---------------------------------------------------------------------------------------------------------------

def asymptomatic_findings_figure():
    """Modelled prevalence of four imaging findings in people without back pain, by age (Brinjikji et al. 2015)."""
    fig, ax = new_figure(
        alt="Line chart: in people without back pain, disc degeneration rises from 37% at age 20 to 96% at 80, "
            "disc bulge from 30% to 84%, disc protrusion from 29% to 43% and annular fissure from 19% to 29%.",
        figsize=(7.4, 4.4),
    )
    colours = [BLUE, ORANGE, GREEN, PURPLE]
    markers = ["o", "s", "^", "D"]
    for (finding, values), colour, marker in zip(BRINJIKJI.items(), colours, markers):
        ages = [a for a in values if a <= 50]
        ax.plot(ages, [values[a] for a in ages], color=colour, marker=marker, linewidth=1.8, label=finding)
        ax.plot([80], [values[80]], color=colour, marker=marker, linestyle="none")
        ax.text(81.5, values[80], f"{values[80]}%", va="center", fontsize=9, color=BLACK)
    ax.axvspan(55, 75, color="#f0f0f0", zorder=0)
    ax.text(65, 8, "ages 60 and 70:\nnot shown (the\npaper's table could\nnot be read for\nthis course)",
            ha="center", va="bottom", fontsize=8.5, color=DARK)
    ax.set_xlim(15, 88)
    ax.set_ylim(0, 100)
    ax.set_xticks([20, 30, 40, 50, 60, 70, 80])
    ax.set_xlabel("Age (years)")
    ax.set_ylabel("People without back pain\nwith the finding (%)")
    ax.set_title("Imaging findings in people WITHOUT back pain (modelled estimates by age)", fontsize=12)
    ax.legend(loc="upper left", fontsize=9, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return fig
