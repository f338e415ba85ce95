"""Exercise set 06: the public part of its variant questions (see :mod:`legpain.checking.variants`).

How each student's numbers are drawn and how the question reads, and the options of
its single-choice questions, whose order is drawn for each student.

Nothing here computes an answer: the key and the usual mistakes are in the question bank
(``legpain/checking/bank/set06.py``), which a class edition leaves out of a graded set.
"""

from ..variants import Public


def draw_comparisons(rng) -> dict:
    """How many secondary outcomes a trial reports, at how many time points (Exercise 6.2)."""
    outcomes, times = rng.randint(3, 8), rng.randint(2, 3)
    return {"outcomes": outcomes, "times": times, "tests": outcomes * times}


PUBLIC = {
    "q6_2": Public(
        "q6_2", draw=draw_comparisons,
        canonical={"outcomes": 6, "times": 2, "tests": 12},  # the trial's abstract
        ranges={"outcomes": (3, 8), "times": (2, 3), "tests": (6, 24)},
        prompt="Your trial names {outcomes} secondary outcomes, each at {times} time points: {tests} comparisons.",
    ),
    "q6_7": Public("q6_7", options={
        "a": "a 17-year-old with leg pain from the back for 6 months",
        "b": "a 50-year-old with leg pain from the back for 3 months, rated 6 of 10",
        "c": "a 40-year-old with leg pain from the back for 1 week, rated 7 out of 10",
        "d": "a 60-year-old with leg pain from the back for 2 years, rated 2 out of 10",
    }),
}
