"""Exercise set 04: the public part of its variant questions (see :mod:`legpain.checking.variants`).

How each student's numbers are drawn and how the question reads, and the options of
its single-choice questions, whose order is drawn for each student.

Nothing here computes an answer: the key and the usual mistakes are in the question bank
(``legpain/checking/bank/set04.py``), which a class edition leaves out of a graded set.
"""

from ..variants import Public


# Tables of patients already allocated, one drawn per student (Exercises 4.3 and 4.4): counts per group and level, in
# the order of COUNTS. Each was checked (tests/test_variant_questions.py) to tell every new patient's totals apart
# from the usual slips; which patient a student gets is drawn separately.
COUNTS = ("a_with", "a_without", "a_under_50", "a_50_and_over", "b_with", "b_without", "b_under_50", "b_50_and_over")
TABLES = (
    (12, 4, 5, 11, 11, 6, 12, 5),
    (3, 7, 7, 3, 5, 9, 4, 10),
    (2, 11, 5, 8, 3, 12, 3, 12),
    (7, 5, 2, 10, 11, 7, 7, 11),
    (5, 13, 9, 9, 6, 7, 6, 7),
    (3, 9, 4, 8, 7, 7, 7, 7),
    (2, 13, 6, 9, 4, 11, 9, 6),
    (14, 5, 6, 13, 12, 7, 7, 12),
    (8, 6, 4, 10, 9, 5, 11, 3),
    (13, 5, 9, 9, 6, 9, 7, 8),
    (10, 3, 5, 8, 3, 10, 7, 6),
    (3, 9, 3, 9, 9, 4, 6, 7),
    (2, 10, 10, 2, 3, 11, 7, 7),
    (4, 7, 4, 7, 8, 5, 7, 6),
    (9, 5, 4, 10, 15, 2, 6, 11),
    (8, 7, 10, 5, 14, 2, 8, 8),
    (14, 3, 7, 10, 13, 4, 12, 5),
    (14, 2, 8, 8, 11, 3, 12, 2),
    (11, 8, 7, 12, 16, 4, 5, 15),
    (4, 7, 8, 3, 3, 12, 10, 5),
    (7, 12, 3, 16, 11, 7, 4, 14),
    (3, 9, 6, 6, 4, 6, 2, 8),
    (4, 6, 3, 7, 3, 7, 8, 2),
    (14, 3, 10, 7, 11, 9, 11, 9),
    (6, 8, 7, 7, 9, 5, 6, 8),
    (13, 2, 2, 13, 12, 3, 10, 5),
    (10, 9, 5, 14, 7, 5, 3, 9),
    (6, 12, 3, 15, 7, 9, 5, 11),
    (8, 6, 5, 9, 14, 3, 6, 11),
    (2, 14, 6, 10, 4, 12, 13, 3),
    (9, 5, 8, 6, 4, 10, 4, 10),
    (7, 12, 16, 3, 9, 10, 9, 10),
    (8, 11, 12, 7, 2, 15, 11, 6),
    (3, 10, 5, 8, 7, 9, 3, 13),
    (7, 4, 3, 8, 2, 10, 6, 6),
    (11, 9, 9, 11, 14, 6, 14, 6),
    (12, 2, 7, 7, 10, 4, 2, 12),
    (3, 16, 4, 15, 2, 17, 6, 13),
    (16, 4, 15, 5, 12, 7, 16, 3),
    (3, 8, 5, 6, 2, 9, 7, 4),
)

_PATIENT = {("with", "under_50"): "has neurologic signs and is under 50",
            ("with", "50_and_over"): "has neurologic signs and is 50 or over",
            ("without", "under_50"): "has no neurologic signs and is under 50",
            ("without", "50_and_over"): "has no neurologic signs and is 50 or over"}


def draw_minimization(rng) -> dict:
    """A table of patients already allocated and the levels of a new patient (Exercises 4.3 and 4.4)."""
    numbers = dict(zip(COUNTS, rng.choice(TABLES)))
    numbers["signs"], numbers["age"] = rng.choice(["with", "without"]), rng.choice(["under_50", "50_and_over"])
    numbers["patient"] = _PATIENT[numbers["signs"], numbers["age"]]
    return numbers


def draw_block(rng) -> dict:
    """The size of the permuted blocks (Exercise 4.7)."""
    return {"block": rng.choice([4, 6, 8, 10, 12])}


_MINIMIZATION = dict(
    draw=draw_minimization,
    shared="s04-minimization",
    canonical={"a_with": 6, "a_without": 7, "a_under_50": 9, "a_50_and_over": 4, "b_with": 8, "b_without": 7,
               "b_under_50": 5, "b_50_and_over": 10, "signs": "with", "age": "under_50",
               "patient": _PATIENT["with", "under_50"]},
    ranges={name: (2, 18) for name in COUNTS},
    prompt=("Patients already allocated:\n"
            "| | with neurologic signs | without | under 50 | 50 and over |\n"
            "| group A | {a_with} | {a_without} | {a_under_50} | {a_50_and_over} |\n"
            "| group B | {b_with} | {b_without} | {b_under_50} | {b_50_and_over} |\n"
            "The new patient {patient}."),
)


PUBLIC = {
    "q4_3": Public("q4_3", **_MINIMIZATION),
    "q4_4": Public("q4_4", **dict(_MINIMIZATION, prompt="")),
    "q4_7": Public(
        "q4_7", draw=draw_block, canonical={"block": 6}, ranges={"block": (4, 12)},
        prompt="Your trial allocates in permuted blocks of {block}.",
    ),
    "q4_1": Public("q4_1", options={
        "a": "simple randomization",
        "b": "permuted blocks",
        "c": "minimization",
        "d": "alternation (every other patient)",
    }),
    "q4_2": Public("q4_2", options={
        "a": "the trial report's abstract",
        "b": "the registry record",
        "c": "a secondary digest only",
        "d": "the protocol's abstract",
    }),
}
