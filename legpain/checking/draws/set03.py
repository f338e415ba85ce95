"""Exercise set 03: the public part of its variant questions (see :mod:`legpain.checking.variants`).

How each student's numbers are drawn and how the question reads, and the options of
its single-choice questions, whose order is drawn for each student.

Nothing here computes an answer: the key and the usual mistakes are in the question bank
(``legpain/checking/bank/set03.py``), which a class edition leaves out of a graded set.
"""

from ..variants import Public


def draw_follow_up(rng) -> dict:
    """A trial's enrolment and how many patients gave data at 12 and at 52 weeks (Exercises 3.1 and 3.2)."""
    enrolled = rng.randint(150, 260)
    return {"enrolled": enrolled, "followed_12": enrolled - rng.randint(1, 5),
            "followed_52": enrolled - rng.randint(6, 40)}


_FOLLOW_UP = dict(
    draw=draw_follow_up,
    shared="s03-follow-up",
    canonical={"enrolled": 192, "followed_12": 191, "followed_52": 179},  # the trial's (lesson 03, section 6)
    ranges={"enrolled": (150, 260), "followed_12": (145, 259), "followed_52": (110, 254)},
    prompt="A trial enrolled {enrolled} patients; {followed_12} of them gave follow-up data at 12 weeks and "
           "{followed_52} at 52 weeks.",
)


PUBLIC = {
    "q3_1": Public("q3_1", **_FOLLOW_UP),
    "q3_2": Public("q3_2", **_FOLLOW_UP),
    "q3_5": Public("q3_5", options={
        "a": "The paper's Methods require leg pain of 3 or more out of 10; the course verified this in the paper.",
        "b": "The registry requires pain above 3 of 10; a digest's \"3 or greater\" for the paper is not verified.",
        "c": "Neither the registry nor the paper set a threshold for leg pain.",
        "d": "The threshold was leg pain for at least 4 weeks.",
    }),
    "q3_6": Public("q3_6", options={
        "a": "category 1: back pain with no leg pain",
        "b": "category 2: pain radiating into the leg, above the knee",
        "c": "category 3: pain radiating into the leg, below the knee",
        "d": "category 4: leg pain with signs of nerve root involvement",
    }),
}
