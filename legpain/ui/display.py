"""Showing things: rich output in a Jupyter kernel, plain text anywhere else (a terminal, a script, a test)."""

from __future__ import annotations

import os
from typing import Any

__all__ = ["in_kernel", "show", "show_bundle"]


def in_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with the course
        return False
    ip = get_ipython()
    return ip is not None and hasattr(ip, "kernel")


def show_bundle(html_text: str, plain: str) -> None:
    """Display HTML in a kernel (with ``plain`` as its text form); print ``plain`` elsewhere."""
    if in_kernel() and not os.environ.get("LEGPAIN_PLAIN_OUTPUT"):
        from IPython.display import display

        display({"text/html": html_text, "text/plain": plain}, raw=True)
    else:
        print(plain)


def show(obj: Any) -> None:
    """Display an object richly in a kernel; print its text form elsewhere."""
    if in_kernel():
        from IPython.display import display

        display(obj)
    else:
        print(repr(obj))
