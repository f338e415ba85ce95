"""Which edition of the course this package belongs to.

This file is the open course's: every exercise set gives full feedback, and nobody's numbers are drawn for a
class (students without an id see the numbers of the course's own text). ``python -m legpain release`` writes
another version of this file into a class edition: ``EDITION = "class"``, the graded sets, and the class's salt.
"""

EDITION = "open"
GRADED: tuple[str, ...] = ()  # slugs of the exercise sets whose key is not in this package
SALT = ""  # mixed into each student's numbers (see legpain.checking.variants)
