"""Shared foundations: reading and writing notebooks, the course's file layout (which files make an exercise set),
and text that is safe to show or to put in a CSV cell.

May import: nothing from legpain outside ``legpain.common``. Everything else may import it."""
