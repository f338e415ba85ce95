"""The class round trip outside the grader: JupyterHub hand-out links, collecting from and returning into
students' homes (``hub``), and grade-import files for learning-management systems (``lms``).

May import: anything below it. Nothing in the package imports it but the command line (``legpain.__main__``)."""
