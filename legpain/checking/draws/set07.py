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
        "d": "nobody says: the funding is not reported anywhere in the papers",
    }),
    "q7_5": Public("q7_5", options={
        "a": "that most authors hold chiropractic degrees and both trial sites were chiropractic institutions",
        "b": "that the authors were paid by a device maker",
        "c": "that the lead author works at the University of Minnesota, where the article says the study came from",
        "d": "that the trial was never registered",
    }),
    "q7_7": Public("q7_7", options={
        "a": "typing slips made by the AI tool",
        "b": "text hidden from human readers",
        "c": "citation markers that the capture lost: the live page may have shown sources",
        "d": "a house style of the product, marking sentences it is unsure about with a gap",
    }),
}
