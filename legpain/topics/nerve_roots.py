"""Lesson 02 (nerve roots and leg pain): which root leaves where, which root a disc herniation hits, what each root
serves in the leg, the straight leg raise in numbers, and a "which root?" quiz.

Sources (full citations in lesson 02's reference list; research notes in ``docs/evidence/anatomy-and-nerve-roots.md``):

* Exit rule: lumbar and sacral roots leave below the pedicle of the vertebra with the same number (StatPearls,
  Anatomy, Skin, Dermatomes; University of Wisconsin neuroradiology teaching pages).
* Paracentral herniation -> traversing root; far-lateral herniation -> exiting root (Radiopaedia case "Disc
  herniation affecting transiting nerve root"; far-lateral abstract, PMID 12235530 as shown on Orthobullets; Kim SC,
  Weller SJ, Semin Neurosurg 2000;11(2):141-148, doi:10.1055/s-2000-13228).
* Root patterns (sensory area, weak movement, reflex): Engstrom JW, Deyo RA, Back and neck pain, Harrison's
  Principles of Internal Medicine 19th ed. (table "Lumbosacral radiculopathy: neurologic features"); GPnotebook
  (L4, L5 pages, lower-limb dermatomes). Dermatome maps differ between sources (Lee, McPhee, Stringer 2008).
* Reflexes: the knee jerk runs through L2-L4, mainly L3-L4 (GPnotebook "knee jerk": L3 and L4; MSD Manual
  "Lumbosacral radiculopathy": an L3-L4 herniation may affect the knee jerk); ankle jerk S1.
* Where root pain is felt, and that it often does not follow dermatomes: MSD Manual; Murphy et al. Chiropr Osteopat
  2009;17:9 (lumbar radicular pain non-dermatomal in 64.1%); Albert et al. Chiropr Man Therap 2019;27:50.
* Straight leg raise: Devillé WL et al. Spine 2000;25(9):1140-1147, doi:10.1097/00007632-200005010-00016 (pooled
  sensitivity 0.91, specificity 0.26; crossed test 0.29 and 0.88), surgical case series. Likelihood ratios are
  computed here from those pooled values (LR+ = sens / (1 - spec), LR- = (1 - sens) / spec).
* Common fibular (peroneal) neuropathy weakens the ankle dorsiflexors and evertors (Baima & Krivickas, Curr Rev
  Musculoskelet Med 2008;1(2):147-153); foot inversion (tibialis posterior, tibial nerve) is spared.

The drawings are schematic teaching diagrams. The course teaches; it does not diagnose.
"""

from __future__ import annotations

import html
import re

from matplotlib.patches import Circle, Ellipse, FancyBboxPatch, Polygon, Rectangle

from ..ui.figures import PALETTE, new_figure

__all__ = [
    "LEVELS",
    "ROOTS",
    "DIRECTIONS",
    "SLR_ACCURACY",
    "QUIZ",
    "exiting_root",
    "traversing_root",
    "root_hit",
    "root_pattern",
    "leg_regions",
    "NERVE_TERRITORIES",
    "nerves_figure",
    "draw_leg",
    "root_explorer",
    "level_figure",
    "per_hundred",
    "slr_figure",
    "quiz_feedback",
    "quiz_card",
    "quiz_demo",
    "QUIZ_PICKS",
    "likelihood_ratios",
    "post_test_probability",
]

BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY, YELLOW, BLACK = PALETTE
GREY = "#999999"
DARK = "#444444"
SKIN = "#eeeeee"

# the lumbar and sacral sequence of roots, top to bottom
_SEQUENCE = ["L1", "L2", "L3", "L4", "L5", "S1", "S2"]
LEVELS = ["L1-L2", "L2-L3", "L3-L4", "L4-L5", "L5-S1"]

DIRECTIONS = {
    "paracentral": "paracentral (posterolateral, just beside the midline)",
    "far lateral": "far lateral (in or beyond the foramen)",
}

# What the textbook table lists for each root (Engstrom & Deyo, Harrison's 19th ed.), in plain words; the big toe
# (L5), the heel (S1) and the little toe (S1) come from GPnotebook. "area": the skin area where numbness or tingling
# may be felt (schematic), "pain": where the root's PAIN is often felt (it often does not follow the skin area),
# "weak": the movement that may be weak, "reflex": the reflex that may be reduced, "shares": the root it shares that
# reflex with. Ankle dorsiflexion is shared by L4 and L5; lifting the big toe (extensor hallucis longus) is the
# L5-specific test.
ROOTS = {
    "L2": {"area": "upper front of the thigh", "pain": "groin and front of the thigh",
           "weak": "bending the hip (hip flexion)", "reflex": None, "shares": None,
           "regions": ["front upper thigh"]},
    "L3": {"area": "lower front of the thigh and the front of the knee", "pain": "front of the thigh and the knee",
           "weak": "straightening the knee and bending the hip; pulling the thigh inwards",
           "reflex": "knee jerk (patellar reflex), shared with L4", "shares": "L4",
           "regions": ["front lower thigh"]},
    "L4": {"area": "inner (medial) side of the lower leg", "pain": "front of the thigh, the knee and the inner shin",
           "weak": "straightening the knee (quadriceps); lifting the foot at the ankle (shared with L5)",
           "reflex": "knee jerk (patellar reflex), shared with L3", "shares": "L3",
           "regions": ["front medial leg", "back medial leg"]},
    "L5": {"area": "outer (lateral) side of the lower leg and the top of the foot, to the big toe",
           "pain": "buttock, back or outer thigh, outer calf, often to the top of the foot",
           "weak": "lifting the big toe (the L5 test) and the foot (shared with L4): walking on the heels; "
                   "hip abduction",
           "reflex": None, "shares": None, "regions": ["front lateral leg", "top of foot", "back lateral leg"]},
    "S1": {"area": "outer edge and sole of the foot, heel and little toe",
           "pain": "buttock, back of the thigh and calf, often to the heel or sole",
           "weak": "pushing the foot down (standing on tiptoe)", "reflex": "ankle jerk (Achilles reflex)",
           "shares": None, "regions": ["outer edge of foot", "heel", "sole"]},
}

_REFLEX_NOTE = {
    "L2": "No standard reflex is listed for this root.",
    "L3": "The knee jerk runs through L2 to L4, mainly L3 and L4: it may be reduced with L3 or L4.",
    "L4": "The knee jerk runs through L2 to L4, mainly L3 and L4: it may be reduced with L3 or L4.",
    "L5": "No reliable standard reflex: the knee and ankle jerks are usually normal. Test instead the strength of "
          "the big-toe lift and walking on the heels.",
}


def _root_key(root: str) -> str:
    key = str(root).strip().upper().replace(" ", "")
    if key not in ROOTS:
        raise ValueError(f"unknown root {root!r}; this lesson covers " + ", ".join(ROOTS))
    return key


def _level_key(level: str) -> str:
    key = re.sub(r"\s+", "", str(level).upper()).replace("–", "-").replace("/", "-")
    key = {"L45": "L4-L5", "L4-5": "L4-L5", "L5S1": "L5-S1", "L34": "L3-L4", "L3-4": "L3-L4"}.get(key, key)
    if key not in LEVELS:
        raise ValueError(f"unknown disc level {level!r}; use one of " + ", ".join(LEVELS))
    return key


def exiting_root(level: str) -> str:
    """The root that leaves through the foramen at a disc level: named for the vertebra ABOVE (L4 at L4-L5)."""
    return _level_key(level).split("-")[0]


def traversing_root(level: str) -> str:
    """The root that passes the disc level in the lateral recess and leaves one level lower (L5 at L4-L5)."""
    upper = exiting_root(level)
    return _SEQUENCE[_SEQUENCE.index(upper) + 1]


def root_hit(level: str, direction: str = "paracentral") -> str:
    """The root a disc herniation at ``level`` usually compresses: the traversing root for a paracentral one, the
    exiting root for a far-lateral one. ``root_hit("L4-L5") == "L5"``; ``root_hit("L4-L5", "far lateral") == "L4"``.

    A central herniation is refused: it may press on the traversing roots of both sides or on the whole cauda
    equina (cauda equina syndrome), so it has no single root.
    """
    d = str(direction).strip().lower().replace("-", " ")
    if d.startswith("central"):
        raise ValueError("a central herniation has no single root: it may press on the traversing roots of both "
                         "sides or on the whole cauda equina (cauda equina syndrome); use 'paracentral' or "
                         "'far lateral'")
    if d.startswith("para") or d.startswith("posterolateral"):
        return traversing_root(level)
    if d.startswith("far") or d.startswith("foraminal") or d.startswith("extraforaminal"):
        return exiting_root(level)
    raise ValueError(f"unknown direction {direction!r}; use 'paracentral' or 'far lateral'")


def root_pattern(root: str) -> dict:
    """Sensory area, where the pain is often felt, weak movement and reflex of a root, in plain words (``reflex`` is
    None where none is listed; ``shares`` names the root that shares the reflex)."""
    key = _root_key(root)
    r = ROOTS[key]
    return {"root": key, "area": r["area"], "pain": r["pain"], "weak": r["weak"], "reflex": r["reflex"],
            "shares": r["shares"], "reflex_note": _REFLEX_NOTE.get(key, "")}


# ---------------------------------------------------------------------------------------------------------------
# The leg diagram: right leg from the front, from the back, and the sole of the foot (schematic)
# ---------------------------------------------------------------------------------------------------------------

def leg_regions() -> dict[str, tuple[str, list[tuple[float, float]]]]:
    """Named skin regions of the schematic leg: name -> (view, polygon). Views: "front", "back", "sole".

    Front view of the RIGHT leg: its outer (lateral) side is on the viewer's left. Back view: lateral on the right.
    """
    # x from -1.6 to 1.6 (thigh), knee at y=0, ankle at y=-5.2, hip at y=5.0
    front_x = -0.0
    back_x = 5.2
    regions = {}

    def leg_outline(cx):
        return [(cx - 1.6, 5.0), (cx + 1.6, 5.0), (cx + 1.25, 0.3), (cx + 1.1, -0.3), (cx + 1.05, -2.0),
                (cx + 0.6, -5.0), (cx - 0.6, -5.0), (cx - 1.05, -2.0), (cx - 1.1, -0.3), (cx - 1.25, 0.3)]

    regions["front outline"] = ("front", leg_outline(front_x))
    regions["back outline"] = ("back", leg_outline(back_x))
    c = front_x
    regions["front upper thigh"] = ("front", [(c - 1.55, 4.4), (c + 1.55, 4.4), (c + 1.47, 3.2), (c - 1.47, 2.6)])
    regions["front lower thigh"] = ("front", [(c - 1.45, 2.3), (c + 1.46, 2.9), (c + 1.3, 0.6), (c + 1.15, -0.3),
                                              (c - 0.1, -0.3), (c - 1.25, 0.4)])
    # front view of the right leg: medial = viewer's right
    regions["front medial leg"] = ("front", [(c + 0.05, -0.6), (c + 1.08, -0.6), (c + 1.03, -2.0),
                                             (c + 0.62, -4.9), (c + 0.15, -4.9)])
    regions["front lateral leg"] = ("front", [(c - 1.08, -0.6), (c - 0.1, -0.9), (c - 0.05, -4.9), (c - 0.62, -4.9),
                                              (c - 1.03, -2.0)])
    b = back_x  # back view: lateral = viewer's right
    regions["back medial leg"] = ("back", [(b - 1.08, -0.6), (b - 0.3, -0.6), (b - 0.25, -4.6), (b - 0.62, -4.6),
                                           (b - 1.03, -2.0)])
    regions["back lateral leg"] = ("back", [(b + 0.3, -0.6), (b + 1.08, -0.6), (b + 1.03, -2.0), (b + 0.62, -4.6),
                                            (b + 0.25, -4.6)])
    regions["heel"] = ("back", [(b - 0.55, -5.0), (b + 0.55, -5.0), (b + 0.5, -5.9), (b - 0.5, -5.9)])
    # the foot seen from above in the front view (toes pointing down the page)
    foot = [(c - 0.6, -5.0), (c + 0.6, -5.0), (c + 0.85, -6.8), (c + 0.75, -7.4), (c - 0.85, -7.4), (c - 0.95, -6.8)]
    regions["front foot outline"] = ("front", foot)
    regions["top of foot"] = ("front", [(c - 0.35, -5.05), (c + 0.40, -5.05), (c + 0.62, -6.8), (c + 0.80, -7.0),
                                        (c + 0.73, -7.35), (c - 0.1, -7.35), (c - 0.4, -6.8)])
    # the inner (medial) border of the foot, from the ankle to the ball of the big toe: saphenous nerve territory
    regions["inner edge of foot"] = ("front", [(c + 0.40, -5.05), (c + 0.58, -5.05), (c + 0.83, -6.8),
                                               (c + 0.80, -7.0), (c + 0.62, -6.8)])
    regions["outer edge of foot"] = ("front", [(c - 0.58, -5.05), (c - 0.35, -5.05), (c - 0.4, -6.8),
                                               (c - 0.1, -7.35), (c - 0.83, -7.35), (c - 0.93, -6.8)])
    # the sole
    s = 10.0
    regions["sole outline"] = ("sole", [(s - 0.6, -1.0), (s + 0.6, -1.0), (s + 0.95, -3.5), (s + 0.85, -5.2),
                                        (s - 0.85, -5.2), (s - 0.75, -3.5)])
    regions["sole"] = ("sole", [(s - 0.55, -1.05), (s + 0.55, -1.05), (s + 0.9, -3.5), (s + 0.8, -5.15),
                                (s - 0.8, -5.15), (s - 0.7, -3.5)])
    return regions


_LABELS = {
    "front": (0.0, 6.0, "Front\n(right leg)"),
    "back": (5.2, 6.0, "Back\n(right leg)"),
    "sole": (10.0, 0.3, "Sole of\nthe foot"),
}


def _shade_leg(patches: dict, shaded: set) -> None:
    """Style each skin area of the leg drawing: shaded (hatched orange) when in ``shaded``, plain skin otherwise."""
    for name, patch in patches.items():
        on = name in shaded
        patch.set_facecolor(ORANGE if on else SKIN)
        patch.set_edgecolor(DARK if on else GREY)
        patch.set_linewidth(0.9 if on else 0.5)
        patch.set_hatch("//" if on else None)


def draw_leg(root: str | None = "L5", ax=None):
    """Schematic right leg (front, back, sole) with the skin area of ``root`` shaded (None: no shading)."""
    own = ax is None
    if own:
        fig, ax = new_figure(alt=f"Schematic right leg from the front, from the back and the sole of the foot, with "
                                 f"the {root or 'no'} skin area shaded.", figsize=(6.0, 5.4))
    key = _root_key(root) if root else None
    shaded = set(ROOTS[key]["regions"]) if key else set()
    regions = leg_regions()
    for name, (view, poly) in regions.items():
        outline = name.endswith("outline")
        if outline:
            ax.add_patch(Polygon(poly, closed=True, facecolor=SKIN, edgecolor=DARK, linewidth=1.0))
    patches = {}
    for name, (view, poly) in regions.items():
        if name.endswith("outline"):
            continue
        patches[name] = ax.add_patch(Polygon(poly, closed=True, alpha=1.0))
    _shade_leg(patches, shaded)
    # toes as small circles on the front foot, big toe on the medial side (viewer's right)
    above = []  # drawn over the skin areas (a live demo redraws them with the areas)
    for x, r in ((0.62, 0.2), (0.25, 0.15), (-0.08, 0.14), (-0.4, 0.13), (-0.7, 0.12)):
        above.append(ax.add_patch(Circle((x, -7.55), r, facecolor=SKIN, edgecolor=DARK, linewidth=0.6)))
    ax.text(0.95, -7.95, "big toe", fontsize=9, ha="left", va="top")
    ax.text(-0.85, -7.95, "little toe", fontsize=9, ha="right", va="top")
    for x in (0.0, 5.2):
        above.append(ax.add_patch(Ellipse((x, -0.2), 0.8, 0.5, facecolor="none", edgecolor=GREY, linewidth=0.6)))
    ax.legpain_leg = (patches, above)
    ax.text(-1.9, -2.5, "outer", fontsize=9, ha="right", rotation=90, va="center")
    ax.text(1.35, -2.5, "inner", fontsize=9, ha="left", rotation=90, va="center")
    ax.text(3.85, -2.5, "inner", fontsize=9, ha="right", rotation=90, va="center")
    ax.text(6.55, -2.5, "outer", fontsize=9, ha="left", rotation=90, va="center")
    for view, (x, y, text) in _LABELS.items():
        ax.text(x, y, text, ha="center", va="bottom", fontsize=9)
    ax.set_xlim(-2.6, 11.4)
    ax.set_ylim(-8.6, 7.4)
    ax.set_aspect("equal")
    ax.axis("off")
    if own:
        ax.set_title(f"{key} skin area (schematic)" if key else "The leg (schematic)", fontsize=11)
        return fig
    return ax


def root_explorer(root: str = "L5"):
    """Demo 2.4: the skin area of a root shaded on the leg, with its weak movement and its reflex in words.

    The figure can update in place (``fig.legpain_update``): a live demo redraws only the skin areas, the words
    and the titles.
    """
    def read(root):
        p = root_pattern(root)
        reflex = p["reflex"] or "none reliable"
        alt = (f"Schematic right leg with the {p['root']} skin area shaded ({p['area']}); pain often felt: "
               f"{p['pain']}; weak movement: {p['weak']}; reflex: {reflex}.")
        bodies = [_wrap(body, 42) for body in (p["area"], p["pain"], p["weak"], p["reflex"] or p["reflex_note"])]
        return p, alt, bodies

    def place(bodies):
        """Where each heading and its words go: one below the other, as many lines as the words take."""
        y, ys = 0.97, []
        for wrapped in bodies:
            ys.append(y)
            y -= 0.055 + 0.042 * (wrapped.count("\n") + 1) + 0.04
        return ys

    p, alt, bodies = read(root)
    fig, (ax_leg, ax_txt) = new_figure(alt=alt, figsize=(10.2, 5.4), ncols=2,
                                       gridspec_kw={"width_ratios": [1.25, 1.0]})
    draw_leg(p["root"], ax=ax_leg)
    ax_leg.set_title(f"{p['root']}: shaded skin area (schematic)", fontsize=11)
    heads = ["Numb or tingling area (shaded)", "Where the pain is often felt", "Movement that may be weak",
             "Reflex that may be reduced"]
    head_texts, body_texts = [], []
    for head, wrapped, y in zip(heads, bodies, place(bodies)):
        head_texts.append(ax_txt.text(0.0, y, head, fontsize=10, fontweight="bold", va="top",
                                      transform=ax_txt.transAxes))
        body_texts.append(ax_txt.text(0.0, y - 0.055, wrapped, fontsize=9.5, va="top", transform=ax_txt.transAxes))
    ax_txt.text(0.0, 0.02, _wrap("Dermatome maps differ between sources and neighbouring areas overlap; root pain "
                                 "often does not follow them. The shading is a schematic guide, not a map of any "
                                 "one person.", 50),
                fontsize=9, va="bottom", color=DARK, transform=ax_txt.transAxes)
    ax_txt.axis("off")
    ax_txt.set_title(f"The {p['root']} root", fontsize=11)
    patches, above = ax_leg.legpain_leg

    def update(root="L5"):
        """Shade the new root's skin areas and rewrite the words and titles in place."""
        new_p, fig.alt, new_bodies = read(root)
        _shade_leg(patches, set(ROOTS[new_p["root"]]["regions"]))
        for head_text, body_text, wrapped, y in zip(head_texts, body_texts, new_bodies, place(new_bodies)):
            head_text.set_y(y)
            body_text.set_y(y - 0.055)
            body_text.set_text(wrapped)
        ax_leg.set_title(f"{new_p['root']}: shaded skin area (schematic)", fontsize=11)
        ax_txt.set_title(f"The {new_p['root']} root", fontsize=11)
        return True

    fig.legpain_update = update
    fig.legpain_animated = [*patches.values(), *above, *head_texts, *body_texts, ax_leg.title, ax_txt.title]
    return fig


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width))


# Skin territories of the two big nerves of the leg on the schematic leg (sources: Dartmouth sciatic tutorial: the
# sciatic nerve serves almost all of the foot "except its inner side"; the femoral nerve's saphenous branch serves
# the inner side of the leg and foot). Regions not listed: other nerves.
NERVE_TERRITORIES = {
    "femoral": ["front upper thigh", "front lower thigh", "front medial leg", "back medial leg", "inner edge of foot"],
    "sciatic": ["front lateral leg", "top of foot", "outer edge of foot", "back lateral leg", "heel", "sole"],
}


def nerves_figure():
    """Section 3: the femoral nerve at the front of the thigh, the sciatic nerve down the back, and their skin areas."""
    fig, ax = new_figure(
        alt="Schematic right leg from the front and from the back: the femoral nerve runs into the front of the thigh "
            "and supplies most of its skin (not its outer side) and, through its saphenous branch, the inner side of "
            "the leg and the inner border of the foot, while the sciatic nerve runs down the back of the thigh, "
            "divides above the knee into the tibial and common fibular nerves, and supplies the outer leg and the "
            "rest of the foot.",
        figsize=(8.6, 6.0),
    )
    regions = leg_regions()
    for name, (view, poly) in regions.items():
        if name.endswith("outline"):
            ax.add_patch(Polygon(poly, closed=True, facecolor=SKIN, edgecolor=DARK, linewidth=1.0))
    colour_of = {}
    for nerve, colour in (("femoral", SKY), ("sciatic", GREEN)):
        for name in NERVE_TERRITORIES[nerve]:
            colour_of[name] = colour
    for name, (view, poly) in regions.items():
        if name.endswith("outline"):
            continue
        colour = colour_of.get(name)
        ax.add_patch(Polygon(poly, closed=True, facecolor=colour or SKIN, edgecolor=GREY, linewidth=0.5,
                             hatch="xx" if colour == GREEN else None))
    # the outer (lateral) strip of the front of the thigh is served by the lateral femoral cutaneous nerve, not by
    # the femoral nerve (Stedman's via Farlex: femoral skin branches to the "anterior and medial" thigh): unshaded
    ax.add_patch(Polygon([(-1.56, 4.42), (-1.05, 4.42), (-0.95, 0.6), (-1.26, 0.4), (-1.48, 2.45)], closed=True,
                         facecolor=SKIN, edgecolor=GREY, linewidth=0.5))
    # femoral nerve: into the front of the thigh, branching
    ax.plot([0.3, 0.35, 0.2], [5.4, 4.2, 2.0], color=BLUE, linewidth=3.0, solid_capstyle="round")
    for end in ((-0.9, 1.6), (1.0, 1.5), (0.25, 0.6)):
        ax.plot([0.3, end[0]], [3.4, end[1]], color=BLUE, linewidth=1.6)
    ax.plot([0.35, 0.9, 0.75, 0.62, 0.7], [3.0, -0.4, -3.8, -5.2, -6.3], color=BLUE, linewidth=1.4, linestyle="--")
    # sciatic nerve: down the back of the thigh, dividing above the knee
    b = 5.2
    ax.plot([b, b, b], [5.4, 3.0, 0.9], color=BLACK, linewidth=3.4, solid_capstyle="round")
    ax.plot([b, b, b - 0.05], [0.9, -1.5, -4.7], color=BLACK, linewidth=2.0)
    ax.plot([b, b + 0.75, b + 1.05], [0.9, 0.0, -0.9], color=BLACK, linewidth=2.0)
    ax.annotate("femoral nerve\n(L2–L4)", xy=(0.32, 4.6), xytext=(-3.7, 5.9), fontsize=9.5, color=BLACK,
                arrowprops={"arrowstyle": "->", "color": DARK, "linewidth": 0.8})
    ax.annotate("saphenous branch\n(dashed)", xy=(0.85, -1.5), xytext=(1.4, -8.0), fontsize=9, ha="left", va="top",
                arrowprops={"arrowstyle": "->", "color": DARK, "linewidth": 0.8})
    ax.annotate("sciatic nerve (L4–S3)", xy=(b, 4.0), xytext=(b + 1.2, 6.4), fontsize=9.5,
                arrowprops={"arrowstyle": "->", "color": DARK, "linewidth": 0.8})
    ax.annotate("tibial nerve", xy=(b, -2.6), xytext=(b + 1.3, -3.7), fontsize=9,
                arrowprops={"arrowstyle": "->", "color": DARK, "linewidth": 0.8})
    ax.annotate("common fibular\n(peroneal) nerve", xy=(b + 0.95, -0.6), xytext=(b + 1.7, 2.4), fontsize=9,
                arrowprops={"arrowstyle": "->", "color": DARK, "linewidth": 0.8})
    for x, y, text in ((0.0, 7.3, "Front\n(right leg)"), (5.2, 7.3, "Back\n(right leg)"),
                       (10.0, 0.3, "Sole of\nthe foot")):
        ax.text(x, y, text, ha="center", va="bottom", fontsize=9)
    ax.add_patch(Rectangle((-3.6, -9.75), 0.5, 0.4, facecolor=SKY, edgecolor=GREY, linewidth=0.5))
    ax.text(-2.95, -9.55, "skin served by the femoral nerve", fontsize=9, va="center")
    ax.add_patch(Rectangle((-3.6, -10.55), 0.5, 0.4, facecolor=GREEN, edgecolor=GREY, linewidth=0.5, hatch="xx"))
    ax.text(-2.95, -10.35, "skin served by the sciatic nerve", fontsize=9, va="center")
    ax.text(-3.6, -11.2, "Unshaded skin: other nerves (not shown). Schematic, not to scale.", fontsize=9,
            ha="left", va="center", color=DARK)
    ax.set_xlim(-3.8, 11.6)
    ax.set_ylim(-11.7, 8.4)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title("The femoral and sciatic nerves, and the skin they serve", fontsize=11)
    return fig


# ---------------------------------------------------------------------------------------------------------------
# The level explorer: the lumbar canal seen from behind (laminae removed), roots leaving below their pedicles
# ---------------------------------------------------------------------------------------------------------------

# vertebra -> bottom y of its body (bodies 3 units tall, discs 1 unit)
_BODY_BOTTOM = {"L3": 9.0, "L4": 5.0, "L5": 1.0}
_BODY_H = 3.0


def _disc_y(level: str) -> float:
    """Centre height of a disc in the level drawing."""
    upper = exiting_root(level)
    return _BODY_BOTTOM[upper] - 0.5


def _root_path(root: str, side: int):
    """Polyline of a root (seen from behind) from where it leaves the thecal sac to where it leaves the canal."""
    if root == "S1":
        top = _BODY_BOTTOM["L5"] + 0.2
        return [(side * 1.35, top), (side * 1.75, top - 0.9), (side * 2.0, -1.4), (side * 2.1, -3.2)]
    b = _BODY_BOTTOM[root]
    leave = b + _BODY_H + 1.3  # leaves the sac near the disc above its own vertebra
    return [(side * 1.35, leave), (side * 1.7, b + 2.6), (side * 1.95, b + 1.45), (side * 2.6, b + 0.95),
            (side * 3.6, b + 0.55), (side * 4.6, b - 0.1), (side * 5.6, b - 0.8)]


def level_figure(level: str = "L4-L5", direction: str = "paracentral"):
    """Demo 2.1: the lower lumbar canal from behind, with a disc herniation at ``level`` and the root it hits.

    The figure can update in place (``fig.legpain_update``): a live demo redraws only the level's label, the
    right-hand roots, the herniation and the title.
    """
    def read(level, direction):
        lv = _level_key(level)
        if lv not in ("L3-L4", "L4-L5", "L5-S1"):
            raise ValueError("the drawing shows the levels L3-L4, L4-L5 and L5-S1")
        hit = root_hit(lv, direction)  # refuses unknown and central directions with a message
        d = "paracentral" if str(direction).lower().replace("-", " ").strip().startswith(("para", "postero")) \
            else "far lateral"
        other = traversing_root(lv) if d == "far lateral" else exiting_root(lv)
        alt = (f"The lower lumbar spine seen from behind with the bony arches removed, the pedicles cut across and "
               f"labelled: a {d} disc herniation at {lv} presses on the {hit} nerve root, while the {other} root at "
               f"the same level is spared.")
        return lv, hit, d, alt, f"{d.capitalize()} herniation at {lv}: the {hit} root is pressed on"

    def herniation_shape(lv, d):
        y = _disc_y(lv)
        return ((1.55, y + 0.1), 1.25, 1.25) if d == "paracentral" else ((4.3, y + 0.35), 1.3, 1.2)

    lv, hit, d, alt, title = read(level, direction)
    fig, ax = new_figure(alt=alt, figsize=(9.2, 6.4))
    bone = "#f0f0f0"
    for name, b in _BODY_BOTTOM.items():
        ax.add_patch(FancyBboxPatch((-3.0, b + 0.05), 6.0, _BODY_H - 0.1, boxstyle="round,pad=0,rounding_size=0.3",
                                    facecolor=bone, edgecolor=GREY, linewidth=0.8))
        ax.text(-7.2, b + 1.5, f"{name} vertebra", ha="center", va="center", fontsize=10)
        for side in (-1, 1):  # pedicles, cut: seen end-on from behind
            ax.add_patch(Ellipse((side * 3.0, b + 2.2), 1.3, 1.4, facecolor="#cccccc", edgecolor=DARK, linewidth=0.9))
        ax.annotate(f"{name} pedicle", xy=(-3.55, b + 2.2), xytext=(-4.2, b + 2.75), ha="right", va="center",
                    fontsize=9, color=DARK, arrowprops={"arrowstyle": "-", "color": DARK, "linewidth": 0.7})
    ax.add_patch(Polygon([(-3.0, 0.95), (3.0, 0.95), (2.6, -3.4), (-2.6, -3.4)], closed=True, facecolor=bone,
                         edgecolor=GREY, linewidth=0.8))
    ax.text(-7.2, -1.6, "sacrum (S1)", ha="center", va="center", fontsize=10)
    disc_labels = {}
    for lvl in ("L3-L4", "L4-L5", "L5-S1"):
        y = _BODY_BOTTOM[exiting_root(lvl)] - 0.5
        ax.add_patch(Rectangle((-3.1, y - 0.42), 6.2, 0.84, facecolor=SKY, edgecolor=DARK, linewidth=0.6))
        disc_labels[lvl] = ax.text(-7.2, y, f"{lvl} disc", ha="center", va="center", fontsize=9.5, color=BLUE,
                                   fontweight="bold" if lvl == lv else "normal")
    ax.text(-7.0, 14.0, "(seen from behind,\nbony arches removed)", ha="center", va="center", fontsize=9, color=DARK)
    # thecal sac
    ax.add_patch(FancyBboxPatch((-1.35, -2.2), 2.7, 15.4, boxstyle="round,pad=0,rounding_size=1.0",
                                facecolor="#eeeeee", edgecolor=DARK, linewidth=0.9))
    ax.text(0, 14.3, "thecal sac\n(cauda equina)", ha="center", va="center", fontsize=9)
    # roots, both sides
    side_hit = 1
    root_lines, root_labels = {}, {}
    for root in ("L3", "L4", "L5", "S1"):
        for side in (-1, 1):
            pts = _root_path(root, side)
            is_hit = root == hit and side == side_hit
            colour = VERMILLION if is_hit else ORANGE
            xs, ys = zip(*pts)
            lines = (ax.plot(xs, ys, color=DARK, linewidth=5.2 if is_hit else 4.0, solid_capstyle="round")[0],
                     ax.plot(xs, ys, color=colour, linewidth=3.8 if is_hit else 2.8, solid_capstyle="round")[0])
            if side == side_hit:
                root_lines[root] = lines
        end = _root_path(root, 1)[-1]
        root_labels[root] = ax.text(end[0] + 0.25, end[1] - 0.1, f"{root} root", ha="left", va="top", fontsize=9.5,
                                    fontweight="bold" if root == hit else "normal")
    # the herniation, on the viewer's right-hand side
    centre, width, height = herniation_shape(lv, d)
    herniation = ax.add_patch(Ellipse(centre, width, height, facecolor=BLUE, edgecolor=DARK, linewidth=1.0))
    ax.add_patch(Ellipse((-5.6, -4.4), 0.7, 0.7, facecolor=BLUE, edgecolor=DARK, linewidth=1.0))
    ax.text(-5.1, -4.4, "disc herniation", ha="left", va="center", fontsize=9)
    ax.plot([-1.5, -0.7], [-5.3, -5.3], color=VERMILLION, linewidth=3.8)
    ax.text(-0.5, -5.3, "root that is pressed on", ha="left", va="center", fontsize=9)
    ax.set_xlim(-9.2, 10.6)
    ax.set_ylim(-6.0, 15.2)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title, fontsize=12)

    def update(level="L4-L5", direction="paracentral"):
        """Re-mark the level, the root pressed on and the herniation, and rewrite the title, in place."""
        new_lv, new_hit, new_d, fig.alt, new_title = read(level, direction)
        for lvl, text in disc_labels.items():
            text.set_fontweight("bold" if lvl == new_lv else "normal")
        for root, (outline, core) in root_lines.items():
            is_hit = root == new_hit
            outline.set_linewidth(5.2 if is_hit else 4.0)
            core.set_color(VERMILLION if is_hit else ORANGE)
            core.set_linewidth(3.8 if is_hit else 2.8)
            root_labels[root].set_fontweight("bold" if is_hit else "normal")
        herniation.set_center(herniation_shape(new_lv, new_d)[0])
        herniation.set_width(herniation_shape(new_lv, new_d)[1])
        herniation.set_height(herniation_shape(new_lv, new_d)[2])
        ax.set_title(new_title, fontsize=12)
        return True

    fig.legpain_update = update
    fig.legpain_animated = [*disc_labels.values(), *(line for pair in root_lines.values() for line in pair),
                            *root_labels.values(), herniation, ax.title]
    return fig


# ---------------------------------------------------------------------------------------------------------------
# Straight leg raise: sensitivity and specificity as counts per 100 people
# ---------------------------------------------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------------------------------------------
# The "which root?" quiz
# ---------------------------------------------------------------------------------------------------------------

QUIZ = [
    {"story": "Pain down the back of the leg. Numbness along the outer edge and the sole of the foot. Standing on "
              "tiptoe on that side is weak. The ankle jerk is reduced.",
     "answer": "S1",
     "clue": "the reflex and the movement: which root carries the ankle jerk and pushes the foot down?"},
    {"story": "Numbness on the top of the foot, running to the big toe. Lifting the big toe against resistance is "
              "weak; walking on the heels is hard. Turning the sole inwards and lifting the leg out to the side "
              "are weak too. Knee and ankle jerks are normal. Shooting pain runs from the buttock down the outer calf.",
     "answer": "L5",
     "clue": "the weak movements (big toe, heel walking, and the hip and ankle movements served by other nerves) "
             "and the normal reflexes."},
    {"story": "Numbness on the inner side of the shin. Straightening the knee against resistance is weak. The knee "
              "jerk is reduced.",
     "answer": "L4",
     "clue": "the reflex and the area: which roots carry the knee jerk, and which of them reaches the inner shin?"},
    {"story": "Pain down the outer side of the calf. Tingling over the top of the foot. Walking on the heels is "
              "hard on that side, but walking on tiptoe is fine. The reflexes were not tested.",
     "answer": "L5",
     "clue": "which movement is weak (heel walking) and which is normal (tiptoe walking)."},
    {"story": "Numbness of the heel and the little toe. Walking on tiptoe is weak on that side; straightening the "
              "knee is strong. The reflexes were not tested.",
     "answer": "S1",
     "clue": "the numb areas (heel, little toe) and which movement is weak."},
    {"story": "A dull, deep ache in the low back, the buttock and the back of the thigh, hard to pin down and never "
              "below the knee. Feeling, strength and reflexes are all normal.",
     "answer": "not a root",
     "clue": "the kind of pain (dull, hard to localise, above the knee) and the normal neurological examination: "
             "which of the three kinds of leg pain in section 4 fits?"},
    {"story": "After a long time kneeling and sitting cross-legged, the foot slaps on the floor. Lifting the foot and "
              "the big toe is weak, and so is turning the sole outwards; turning the sole inwards and lifting the "
              "leg out to the side are strong. Numbness on the top of the foot and the outer shin. No back pain; "
              "reflexes normal.",
     "answer": "not a root",
     "clue": "which movements are weak and which are spared, and what started it (section 5 says what is tested "
             "for L5).",
     "wrong": {"L5": "An L5 problem would also weaken turning the sole inwards and lifting the leg out to the side, "
                     "because L5 fibres reach those muscles through other nerves. Here both are strong."}},
    {"story": "Pain down BOTH legs for two days. Numbness of both heels and of the skin around the back passage. "
              "Since this morning, passing urine is difficult. Both ankle jerks are reduced.",
     "answer": "several roots",
     "clue": "how many roots and sides are involved, and the bladder and saddle symptoms: section 7 says what "
             "they mean."},
]

# the answers a student can pick in the quiz (values of the menu): three roots, and two "not one root" answers
QUIZ_PICKS = {
    "L4": "L4", "L5": "L5", "S1": "S1",
    "not a root": "not a root problem",
    "several roots": "several roots: a red-flag emergency",
}
_PICKS = list(QUIZ_PICKS)

_NOT_ROOT_WOULD = ("A pain that is not a root problem would show no root pattern: either somatic referred pain "
                   "(dull, hard to pin down, no numbness, weakness or reflex change), or a nerve in the leg that "
                   "spares the movements served by other nerves.")
_SEVERAL_WOULD = ("Several roots at once (the cauda equina) would show signs on both sides or in more than one root, "
                  "often with saddle numbness or bladder or bowel change.")


def _pick_key(pick) -> str:
    p = str(pick).strip()
    for key, label in QUIZ_PICKS.items():
        if p.lower() in (key.lower(), label.lower()):
            return key
    raise ValueError(f"pick one of {', '.join(QUIZ_PICKS)}")


def quiz_feedback(case: int, pick: str | None) -> tuple[bool | None, str]:
    """Judge a pick for quiz patient ``case`` (1 to 8): (True/False, feedback), or (None, prompt) with no pick.

    Picks: "L4", "L5", "S1", "not a root" (not a root problem) or "several roots" (a red-flag emergency). Feedback for
    a wrong pick says what that pick would show instead and which clue to look at again; it never names the right
    answer.
    """
    if not 1 <= int(case) <= len(QUIZ):
        raise ValueError(f"there are {len(QUIZ)} patients in the quiz: choose 1 to {len(QUIZ)}")
    q = QUIZ[int(case) - 1]
    if pick is None or str(pick).strip() in ("", "(choose)", "choose"):
        return None, "Choose the root you think is involved, or one of the two other answers."
    p = _pick_key(pick)
    if p == q["answer"]:
        if p in ROOTS:
            pat = root_pattern(p)
            return True, (f"Right: {p}. Area: {pat['area']}; weak: {pat['weak']}; reflex: "
                          f"{pat['reflex'] or 'none reliable'}.")
        if p == "several roots":
            return True, ("Right: several roots on both sides, with saddle numbness and a new bladder problem. This "
                          "is the picture of cauda equina syndrome: a red flag that needs emergency assessment and "
                          "an MRI scan, not a one-root answer.")
        if int(case) == 6:
            return True, ("Right: not a root problem. A dull, deep, hard-to-pin-down ache in the buttock and thigh "
                          "with a normal examination fits somatic referred pain from a structure of the spine.")
        return True, ("Right: not a root problem. Foot and big-toe lifting and turning the sole outwards are weak, "
                      "but turning it inwards (tibial nerve) and lifting the leg out to the side (superior gluteal "
                      "nerve) are strong: this fits a common fibular (peroneal) nerve problem at the knee, which "
                      "mimics L5.")
    if p in q.get("wrong", {}):
        would = q["wrong"][p]
    elif p in ROOTS:
        pat = root_pattern(p)
        would = (f"An {p} problem would more likely show numbness of the {pat['area']}, weakness in "
                 f"{pat['weak'].split(' (')[0].split(';')[0]}, and " +
                 (f"a reduced {pat['reflex'].split(' (')[0]}." if pat["reflex"]
                  else "no change in the standard reflexes."))
    elif p == "not a root":
        would = _NOT_ROOT_WOULD
    else:
        would = _SEVERAL_WOULD
    return False, f"Not quite. {would} Look again at {q['clue']}"


class QuizCard:
    """What the quiz shows for one patient and one pick: HTML in Jupyter, plain text elsewhere."""

    def __init__(self, case: int, pick: str | None):
        self.case = int(case)
        self.pick = pick
        self.correct, self.message = quiz_feedback(case, pick)
        self.story = QUIZ[self.case - 1]["story"]

    def text(self) -> str:
        pick = "none yet" if self.correct is None else self.pick
        return f"Patient {self.case}: {self.story}\nYour pick: {pick}\n{self.message}"

    def _repr_html_(self) -> str:
        # text colours that read in JupyterLab's light and dark themes (the demo's style sets them per theme, at
        # least 4.5:1; the fallbacks are for a white page); the prompt takes the theme's own text colour
        colour = {True: "var(--legpain-right, #0b5cad)", False: "var(--legpain-wrong, #a33c00)", None: "inherit"}[
            self.correct]
        mark = {True: "&#10004; ", False: "&#10008; ", None: ""}[self.correct]
        return (f"<div style='border:1px solid #999999;padding:8px;max-width:640px'>"
                f"<b>Patient {self.case}</b><p>{html.escape(self.story)}</p>"
                f"<p style='color:{colour}'>{mark}{html.escape(self.message)}</p></div>")

    def __repr__(self) -> str:
        return self.text()


def quiz_card(case: int = 1, pick: str = "(choose)") -> QuizCard:
    """Demo 2.8: one quiz patient and the feedback on your pick (pure: the same inputs give the same card)."""
    return QuizCard(case, pick)


def quiz_demo(title: str = "Which root?"):
    """Demo 2.8 with its controls: a patient menu and an answer menu. Choosing another patient resets the answer to
    "(choose)", so that a pick made for one patient is never judged against the next one."""
    from ..ui.demos import demo, menu

    case = menu("Patient", [(f"Patient {i}", i) for i in range(1, len(QUIZ) + 1)], value=1)
    pick = menu("Your answer", [("(choose)", "(choose)")] + [(label, key) for key, label in QUIZ_PICKS.items()],
                value="(choose)")

    # key states for the static site's gallery: an L5 case judged right, the fibular mimic judged wrong as L5, and
    # the red-flag case
    states = [{"case": 2, "pick": "L5"}, {"case": 7, "pick": "L5"}, {"case": 8, "pick": "several roots"}]
    # a new patient clears the pick, in the browser (before any picture is shown) and in the kernel
    return demo(quiz_card, title=title, states=states, resets={"case": {"pick": "(choose)"}}, case=case, pick=pick)
