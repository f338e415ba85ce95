"""The package's layering holds: import-linter checks the contracts written in pyproject.toml (it sees imports inside
functions too), and a copy of the package with one upward import fails them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT

LINT = Path(sys.executable).with_name("lint-imports")
pytestmark = pytest.mark.skipif(not LINT.exists(), reason="import-linter is not installed (pip install -r requirements-dev.txt)")


def _lint(root: Path) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root), "HOME": str(root)}
    return subprocess.run([str(LINT), "--no-cache"], cwd=root, env=env, capture_output=True, text=True, timeout=120)


def test_the_package_keeps_its_layers():
    """classroom > grading | authoring > checking > topics > ui > common, and no cycle among the grader's modules:
    every contract in pyproject.toml is kept."""
    run = _lint(ROOT)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "0 broken" in run.stdout


@pytest.mark.parametrize("where, upward", [
    ("legpain/ui/display.py", "from ..grading import gradebook"),  # a student's screen reaching into the grader
    ("legpain/checking/scoring.py", "from ..grading import intake"),  # the checks depending on the grader
    ("legpain/topics/trial.py", "from ..checking import bank"),  # lesson content depending on the question bank
    ("legpain/grading/intake.py", "from ..classroom import hub"),  # the grader depending on the classroom tools
    ("legpain/grading/pages.py", "from ..authoring import site"),  # two independent layers joined
])
def test_an_upward_import_breaks_the_contract(tmp_path, where, upward):
    """The same check on a copy of the package with one import added inside a function (the kind that a
    module-level scan would miss) fails and names the import."""
    shutil.copytree(ROOT / "legpain", tmp_path / "legpain", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / where
    target.write_text(target.read_text(encoding="utf-8") + f"\n\ndef _upward():\n    {upward}\n", encoding="utf-8")
    run = _lint(tmp_path)
    assert run.returncode != 0
    assert "BROKEN" in run.stdout and where.removesuffix(".py").replace("/", ".") in run.stdout
