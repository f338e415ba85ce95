"""Exercise set 08: the public part of its variant questions (see :mod:`legpain.checking.variants`).

The options of its single-choice questions, whose order is drawn for each student.

Nothing here computes an answer: the key and the usual mistakes are in the question bank
(``legpain/checking/bank/set08.py``), which a class edition leaves out of a graded set.
"""

from ..variants import Public


PUBLIC = {
    "q8_5": Public("q8_5", options={
        "a": "the time is wrong: the last follow-up was not nine months after the end of treatment",
        "b": "leg pain, the primary outcome, was no longer significantly better; only some secondary outcomes were",
        "c": "the trial did not follow patients beyond 12 weeks",
        "d": "by then the home-exercise group was doing better than the manipulation group on leg pain and disability",
    }),
    "q8_8": Public("q8_8", options={
        "a": "they are a leg-pain rating 10 points lower in the manipulation group at 12 weeks",
        "b": "a between-group difference in percentage points, most likely in improvement from each patient's start",
        "c": "10% more patients in the manipulation group with no leg pain",
        "d": "how much the manipulation group's own leg pain fell, in points of the 0–10 scale, from the start to 12 weeks",
    }),
}
