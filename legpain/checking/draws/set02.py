"""Exercise set 02: the public part of its variant questions (see :mod:`legpain.checking.variants`).

The options of its single-choice questions, whose order is drawn for each student.

Nothing here computes an answer: the key and the usual mistakes are in the question bank
(``legpain/checking/bank/set02.py``), which a class edition leaves out of a graded set.
"""

from ..variants import Public

PUBLIC = {
    "q2_12": Public("q2_12", options={
        "a": "1 − specificity of the clinical diagnosis",
        "b": "the share of people with cauda equina syndrome whom the clinical diagnosis misses",
        "c": "the share of people with suspected cauda equina syndrome whose MRI was normal (no cause found)",
        "d": "how accurate MRI is",
    }),
}
