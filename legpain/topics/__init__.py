"""Lesson content, one module (or subpackage) per topic: the figures, the pure functions behind demos, simulations
and the facts they teach, each fact with its source.

``start_here`` (lesson 00), ``anatomy`` (01), ``nerve_roots`` (02), ``trial`` and ``consort`` (03), ``allocation`` (04),
``trial_results`` and ``stats`` (05–06), ``rob2`` (06), ``sources``, ``appraisal`` and ``practice`` (07–09).

May import: ``legpain.ui`` and ``legpain.common``. Must not import checking, grading, authoring or classroom."""
