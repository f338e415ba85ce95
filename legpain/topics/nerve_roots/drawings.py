"""The drawings of lesson 02: the schematic leg with a root's territory, Demo 2.4's root explorer, the two big
nerves of the leg, and the level explorer (the lumbar canal from behind, with the root a herniation hits)."""

from __future__ import annotations

import math

from matplotlib.patches import Ellipse, FancyBboxPatch, Polygon, Rectangle

from ...ui.figures import new_figure
from .rules import (BLACK, BLUE, DARK, GREEN, GREY, ORANGE, ROOTS, SKIN, SKY, VERMILLION, _level_key, _root_key,
                    exiting_root, root_hit, root_pattern, traversing_root)


__all__ = [
    "leg_regions", "NERVE_TERRITORIES", "nerves_figure", "draw_leg", "root_explorer", "EXPLORER_HEADINGS",
    "level_figure",
]


# the toes of the front view: (name, x offset, radius); big toe on the medial side (the viewer's right)
_TOES = (("big toe", 0.62, 0.2), ("second toe", 0.25, 0.15), ("third toe", -0.08, 0.14), ("fourth toe", -0.4, 0.13),
         ("little toe", -0.7, 0.12))


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
    # the toes, small round areas below the front foot, big toe on the medial side (viewer's right): the big toe
    # belongs to L5's skin area and the little toe to S1's (the middle toes are left plain)
    for name, x, r in _TOES:
        regions[name] = ("front", [(c + x + r * math.cos(2 * math.pi * k / 16), -7.55 + r * math.sin(2 * math.pi * k / 16))
                                   for k in range(16)])
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
    above = []  # drawn over the skin areas (a live demo redraws them with the areas)
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


# Demo 2.4's panel: the heading of each block, top to bottom (numb area, pain, weak movement, reflex). Hints and
# feedback name a block by its heading, never by its position; tests/test_message_targets.py reads these.
EXPLORER_HEADINGS = ("Numb or tingling area (shaded)", "Where the pain is often felt", "Movement that may be weak",
                     "Reflex that may be reduced")


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
    head_texts, body_texts = [], []
    for head, wrapped, y in zip(EXPLORER_HEADINGS, bodies, place(bodies)):
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
    "sciatic": ["front lateral leg", "top of foot", "outer edge of foot", "back lateral leg", "heel", "sole",
                *(name for name, _, _ in _TOES)],
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


