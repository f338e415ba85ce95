"""Exercise set 05: the public part of its variant questions (see :mod:`legpain.checking.variants`).

How each student's numbers are drawn and how the question reads, and the options of
its single-choice questions, whose order is drawn for each student.

Nothing here computes an answer: the key and the usual mistakes are in the question bank
(``legpain/checking/bank/set05.py``), which a class edition leaves out of a graded set.
"""

from ..variants import Public


def draw_interval(rng) -> dict:
    """A reported 95% CI of a difference (whole percentage points) and the two groups' sizes (Exercise 5.7)."""
    n1 = rng.randint(40, 150)
    centre, half = rng.randint(4, 16), rng.randint(5, 12)
    return {"low": centre - half, "high": centre + half, "n1": n1, "n2": n1 + rng.randint(-3, 3)}


PUBLIC = {
    "q5_7": Public(
        "q5_7", draw=draw_interval,
        canonical={"low": 2, "high": 19, "n1": 96, "n2": 95},  # the trial's 12-week interval and groups
        ranges={"low": (-8, 11), "high": (9, 28), "n1": (40, 150), "n2": (37, 153)},
        prompt="Your interval: a 95% CI of {low} to {high} percentage points, with {n1} patients in one group and "
               "{n2} in the other.",
    ),
    "q5_2": Public("q5_2", options={
        "a": "It excludes zero: SMT plus HEA clearly helped at 52 weeks.",
        "b": "It includes zero: the trial showed that SMT plus HEA had no effect at 52 weeks, only at 12 weeks.",
        "c": "It includes zero: it fits effects from a small advantage for HEA to a clear one for SMT plus HEA.",
        "d": "It includes zero, and its lower limit is negative: SMT plus HEA probably harmed patients at 52 weeks.",
    }),
}
