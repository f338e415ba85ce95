"""Exercise set 08: the public part of its variant questions (see :mod:`legpain.checking.variants`).

The options of its single-choice questions, whose order is drawn for each student.

Nothing here computes an answer: the key and the usual mistakes are in the question bank
(``legpain/checking/bank/set08.py``), which a class edition leaves out of a graded set.
"""

from ..variants import Public


PUBLIC = {
    "q8_5": Public("q8_5", options={
        "a": "the time is wrong: the last follow-up was not nine months after the end of treatment",
        "b": "at that time the primary outcome, leg pain, was no longer significantly better; only some secondary "
             "outcomes were",
        "c": "the trial did not follow patients beyond 12 weeks",
        "d": "at that time the home-exercise group was doing better than the manipulation group",
    }),
    "q8_8": Public("q8_8", options={
        "a": "they are a leg-pain rating 10 points lower in the manipulation group at 12 weeks",
        "b": "they are a difference between the two groups in percentage points, not in the pain rating itself; "
             "most likely a difference in how much leg pain improved as a percentage of each patient's starting "
             "value (likely, not certain: lesson 05, section 2)",
        "c": "10% more patients in the manipulation group with no leg pain",
        "d": "how much the manipulation group's leg pain fell between the start and 12 weeks",
    }),
}
