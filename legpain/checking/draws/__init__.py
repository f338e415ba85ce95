"""The public part of each set's variant questions: how each student's numbers are drawn, how the question reads,
and the options of a single-choice question whose order is drawn (see :mod:`legpain.checking.variants`). A class
edition ships these modules as they are; the key and the usual mistakes live in the question bank."""
