"""The "which root?" quiz of lesson 02: the patients, the picks, the feedback for each pick, and the quiz card."""

from __future__ import annotations

import html

from .rules import ROOTS, root_pattern


__all__ = [
    "QUIZ", "quiz_feedback", "quiz_card", "quiz_demo", "QUIZ_PICKS",
]


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
    {"story": "Shooting pain from the buttock down the outer side of the calf. Tingling over the top of the foot. "
              "Walking on the heels is hard on that side, but walking on tiptoe is fine; turning the sole inwards "
              "is weak too. The reflexes were not tested.",
     "answer": "L5",
     "clue": "which movements are weak (heel walking, turning the sole inwards) and which is normal (tiptoe "
             "walking), and where the pain starts (the buttock)."},
    {"story": "Numbness of the heel and the little toe. Walking on tiptoe is weak on that side; straightening the "
              "knee is strong. The reflexes were not tested.",
     "answer": "S1",
     "clue": "the numb areas (heel, little toe) and which movement is weak."},
    {"story": "A 70-year-old has an ache deep in the groin and down the front of the thigh to the knee, worse after "
              "walking. Turning the hip inwards is stiff and brings on the groin pain. Feeling, strength and "
              "reflexes are normal, and raising the straight leg brings on no leg pain.",
     "answer": "not a root",
     "clue": "where the pain starts (the groin), which movement brings it on (turning the hip inwards) and the "
             "normal neurological examination.",
     "right": "Right: not a root problem. Groin pain that the hip's own movement brings on, with a normal "
              "neurological examination, points to the hip joint: pain from an arthritic hip often runs down the "
              "thigh, and in one series almost half of the people waiting for a hip replacement had pain below the "
              "knee."},
    {"story": "Six weeks in a plaster cast that ended just below the knee. Since it came off, the foot catches on "
              "steps. Lifting the foot and the big toe is weak, and so is turning the sole outwards; turning the "
              "sole inwards and lifting the leg out to the side are strong. Numbness on the top of the foot. No "
              "back pain; reflexes normal.",
     "answer": "not a root",
     "clue": "which movements are weak and which are spared, and what started it (the section “L3, L4, L5 and S1” says what is tested "
             "for L5).",
     "right": "Right: not a root problem. Foot and big-toe lifting and turning the sole outwards are weak, but "
              "turning it inwards (tibial nerve) and lifting the leg out to the side (superior gluteal nerve) are "
              "strong, after weeks of pressure just below the knee: this fits a common fibular (peroneal) nerve "
              "problem at the knee, which mimics L5, better than a root. A nerve test (electromyography) can "
              "settle it.",
     "wrong": {"L5": "An L5 problem usually also weakens turning the sole inwards and lifting the leg out to the side, "
                     "because L5 fibres reach those muscles through other nerves. Here both are strong, which makes "
                     "a nerve problem at the knee more likely (a mild L5 problem can spare them, so a nerve test "
                     "settles it)."}},
    {"story": "Pain down BOTH legs for two days. Numbness of both heels and of the skin around the back passage. "
              "Since this morning, passing urine is difficult. Both ankle jerks are reduced.",
     "answer": "several roots",
     "clue": "how many roots and sides are involved, and the bladder and saddle symptoms: the section “Red flags: when leg pain needs urgent care” says what "
             "they mean."},
    {"story": "Shooting pain from the buttock down the back of the thigh and calf to the heel. Numbness along the "
              "outer edge of the foot. Standing on tiptoe on that side is weak; lifting the big toe is strong. The "
              "ankle jerk is normal.",
     "answer": "S1",
     "clue": "the numb area and the weak movement. A reflex only MAY be reduced: does a normal one rule a root out?",
     "note": "The ankle jerk only may be reduced: a normal one does not rule this root out."},
    {"story": "Some days after a bleed deep behind the abdomen, the front of the thigh and the inner side of the "
              "shin are numb. Straightening the knee is weak and the knee jerk is reduced, but pulling the thigh "
              "inwards is strong. No back pain.",
     "answer": "not a root",
     "clue": "which movement is spared (pulling the thigh inwards) and which nerve serves the weak muscle and the "
             "numb skin (the section “The nerves of the leg”).",
     "right": "Right: not a root problem. The numb skin (front of the thigh, inner shin) and the weak quadriceps "
              "all belong to the femoral nerve, but the thigh adductors, which get L3 and L4 fibres through another "
              "nerve, are strong: this fits a femoral nerve problem (for example pressed on by a bleed) better than "
              "an L3 or L4 root. A nerve test (electromyography) can settle it.",
     "wrong": {"L4": "An L4 (or L3) problem usually also weakens pulling the thigh inwards, because L3 and L4 fibres "
                     "reach the thigh adductors through a nerve other than the femoral nerve. Here it is strong."}},
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
    """Judge a pick for quiz patient ``case`` (1 to 10): (True/False, feedback), or (None, prompt) with no pick.

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
            note = f" {q['note']}" if q.get("note") else ""
            return True, (f"Right: {p}. Area: {pat['area']}; weak: {pat['weak']}; reflex: "
                          f"{pat['reflex'] or 'none reliable'}.{note}")
        if p == "several roots":
            return True, ("Right: several roots on both sides, with saddle numbness and a new bladder problem. This "
                          "is the picture of cauda equina syndrome: a red flag that needs emergency assessment and "
                          "an MRI scan, not a one-root answer.")
        return True, q["right"]
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
    from ...ui.demos import demo, menu

    case = menu("Patient", [(f"Patient {i}", i) for i in range(1, len(QUIZ) + 1)], value=1)
    pick = menu("Your answer", [("(choose)", "(choose)")] + [(label, key) for key, label in QUIZ_PICKS.items()],
                value="(choose)")

    # key states for the static site's gallery: an L5 case judged right, the fibular mimic judged wrong as L5, and
    # the red-flag case (the femoral mimic, patient 10, is left for the student)
    states = [{"case": 2, "pick": "L5"}, {"case": 7, "pick": "L5"}, {"case": 8, "pick": "several roots"}]
    # a new patient clears the pick, in the browser (before any picture is shown) and in the kernel
    return demo(quiz_card, title=title, states=states, resets={"case": {"pick": "(choose)"}}, case=case, pick=pick)
