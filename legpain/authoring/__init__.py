"""Instructor build tools: student copies generated from solution notebooks (``assign``), the README's lesson table
and lesson navigation (``sync``), the static site (``site``), and the course's objectives as data (``objectives``).

May import: ``legpain.checking`` and everything below it. Must not import grading or classroom."""
