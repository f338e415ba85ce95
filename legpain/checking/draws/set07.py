"""Exercise set 07: the public part of its variant questions (see :mod:`legpain.checking.variants`).

The options of its single-choice questions, whose order is drawn for each student.

Nothing here computes an answer: the key and the usual mistakes are in the question bank
(``legpain/checking/bank/set07.py``), which a class edition leaves out of a graded set.
"""

from ..variants import Public


PUBLIC = {
    "q7_3": Public("q7_3", options={
        "a": "a US federal grant",
        "b": "Nevro Corp., the maker of the 10-kHz stimulator tested",
        "c": "the pain treatment centres where the trial ran",
        "d": "nobody says: the funding is not reported anywhere",
    }),
    "q7_5": Public("q7_5", options={
        "a": "that most of the authors hold a chiropractic degree, and that the trial ran at a chiropractic "
             "college's clinic and a chiropractic research centre",
        "b": "that the authors were paid by a device maker",
        "c": "that the lead author works at the University of Minnesota",
        "d": "that the trial was never registered",
    }),
    "q7_7": Public("q7_7", options={
        "a": "typing slips made by the AI tool",
        "b": "text hidden from human readers",
        "c": "places where the page showed citation markers that the capture did not keep, so the page as captured "
             "may lack sources the live page had",
        "d": "a house style of the product for sentences it is unsure about",
    }),
}
