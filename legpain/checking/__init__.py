"""The exercises' machinery: question kinds (``questions``), answer capture as plain data (``answers``), the
student's ``check()``/``check_all()`` (``student``), scoring a whole set (``scoring``), feedback boxes (``feedback``),
and the question bank (``bank``, one module per exercise set).

May import: ``legpain.topics``, ``legpain.ui``, ``legpain.common``. Must not import grading, authoring or
classroom: the grader builds on checking, never the other way round."""
