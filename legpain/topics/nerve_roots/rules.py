"""Which root leaves the spine where, which root a disc herniation presses on, and what each root serves: the
rules of lesson 02 as small pure functions over the ROOTS table (sources in the package docstring); also the
palette the drawings share."""

from __future__ import annotations

import re

from ...ui.figures import PALETTE


__all__ = [
    "LEVELS", "ROOTS", "DIRECTIONS", "exiting_root", "traversing_root", "root_hit", "root_pattern",
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
    "L4": {"area": "inner (medial) side of the lower leg", "pain": "the knee, the inner calf and the front and outer thigh",
           "weak": "straightening the knee (quadriceps); pulling the thigh inwards (shared with L3); lifting the foot at "
                   "the ankle (shared with L5)",
           "reflex": "knee jerk (patellar reflex), shared with L3", "shares": "L3",
           "regions": ["front medial leg", "back medial leg"]},
    "L5": {"area": "outer (lateral) side of the lower leg and the top of the foot, to the big toe",
           "pain": "buttock, back or outer thigh, outer calf, often to the top of the foot",
           "weak": "lifting the big toe (the L5 test) and the foot (shared with L4): walking on the heels; "
                   "hip abduction",
           "reflex": None, "shares": None,
           "regions": ["front lateral leg", "top of foot", "back lateral leg", "big toe"]},
    "S1": {"area": "outer edge and sole of the foot, heel and little toe",
           "pain": "buttock, back of the thigh and calf, often to the heel or sole",
           "weak": "pushing the foot down (standing on tiptoe)", "reflex": "ankle jerk (Achilles reflex)",
           "shares": None, "regions": ["outer edge of foot", "heel", "sole", "little toe"]},
}

_REFLEX_NOTE = {
    "L2": "The textbook table lists no reflex for this root (general references count L2 in the knee jerk, with L3 "
          "and L4).",
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


