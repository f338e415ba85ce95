"""What a student sees: the demo framework (controls, headless rendering, drawing ahead), its browser side (the
picture store, with its script and style as files in ``static/``), display helpers, and the course's figure style
(Okabe–Ito palette, alt text, accessibility checks).

May import: ``legpain.common``. Must not import topics, checking, grading, authoring or classroom."""
