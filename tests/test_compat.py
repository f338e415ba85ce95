"""The second edition's module paths keep importing for one release (with a DeprecationWarning naming the new path),
as the same module objects, and a notebook's star import still gives the names saved work uses."""

from __future__ import annotations

import subprocess
import sys

import pytest

from legpain import _compat


@pytest.mark.parametrize("old, new", sorted(_compat.MOVED.items()))
def test_an_old_path_imports_the_new_module_with_a_warning(old, new):
    """Each old dotted path, in a fresh interpreter: importing it warns once, names the new path, and gives the very
    module object the new path gives (one module under two names: recorded answers and caches are shared)."""
    code = "\n".join([
        "import importlib, warnings",
        "warnings.simplefilter('error', DeprecationWarning)",
        "try:",
        f"    importlib.import_module({old!r})",
        "    raise SystemExit('no warning')",
        "except DeprecationWarning as w:",
        "    moved_to = str(w).split(' moved to ')[1].split(' ')[0].rstrip(';')",
        f"    assert {new!r}.startswith(moved_to), str(w)",  # a submodule's warning may name its moved parent
        "warnings.simplefilter('ignore')",
        f"assert importlib.import_module({old!r}) is importlib.import_module({new!r})",
        ""])
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:] + run.stdout[-500:]


def test_the_star_import_gives_what_notebooks_use_and_no_machinery():
    """``from legpain import *`` gives the student API, every topic by its new name and the two old names
    (``roots``, ``results``), and loads nothing of the grader, the classroom tools, the authoring tools or the
    server extension."""
    code = ("from legpain import *\nimport sys\n"
            "assert roots is nerve_roots and results is trial_results\n"
            "assert callable(check) and callable(check_all) and callable(demo) and callable(progress)\n"
            "loaded = [m for m in sys.modules if m.startswith('legpain.')]\n"
            "bad = [m for m in loaded if m.split('.')[1] in ('grading', 'classroom', 'authoring', 'serverext')]\n"
            "assert not bad, bad\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
