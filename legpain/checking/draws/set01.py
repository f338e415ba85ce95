"""Exercise set 01: the public part of its variant questions (see :mod:`legpain.checking.variants`).

The options of its single-choice questions, whose order is drawn for each student.

Nothing here computes an answer: the key and the usual mistakes are in the question bank
(``legpain/checking/bank/set01.py``), which a class edition leaves out of a graded set.
"""

from ..variants import Public

PUBLIC = {
    "q1_3": Public("q1_3", options={
        "a": "at the level of C7, at the bottom of the neck",
        "b": "around L1 (the lower third of L1 on average)",
        "c": "at the L4–L5 disc",
        "d": "inside the sacrum",
    }),
}
