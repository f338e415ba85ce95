"""The exercise generator: stubs, hidden tests, instructor-only cells, malformed markers, determinism, the CLI."""

import json
import shutil
import subprocess
import sys

import pytest

from legpain.authoring.assign import MarkerError, generate, hidden_cases, make_exercise
from legpain.common.notebooks import dumps, new_notebook

from helpers import ROOT


def sources(nb):
    return [c.source for c in nb.cells]


def test_assignment_solution_becomes_placeholder():
    """A solution made of assignments becomes `name = ...` for each name, and the rest of the cell stays."""
    nb = new_notebook([("code", "### BEGIN SOLUTION\nx = 1\ny, z = 2, 3\n### END SOLUTION\ncheck('q1_1', x)")])
    out = make_exercise(nb)
    assert sources(out) == [
        "x = ...  # replace ... with your answer\ny = ...  # replace ... with your answer\n"
        "z = ...  # replace ... with your answer\ncheck('q1_1', x)"
    ]


def test_function_body_becomes_raise_with_exercise_label():
    """Inside a function, the stub raises NotImplementedError naming the exercise from the markdown heading."""
    nb = new_notebook([
        ("md", "**Exercise 3.2** (2 points)"),
        ("code", "def f(a):\n    ### BEGIN SOLUTION\n    return a + 1\n    ### END SOLUTION\n"),
    ])
    out = make_exercise(nb)
    assert out.cells[1].source == 'def f(a):\n    raise NotImplementedError("Exercise 3.2: replace this line with your code")'


def test_other_code_becomes_ellipsis_and_hidden_tests_vanish():
    """Top-level code that is not an assignment becomes `...`; hidden-test blocks and cells made only of them go."""
    nb = new_notebook([
        ("code", "### BEGIN SOLUTION\nprint('the answer')\n### END SOLUTION"),
        ("code", "### BEGIN HIDDEN TESTS\nhidden_tests('q1_1', cases=[((1,), 2)])\n### END HIDDEN TESTS"),
        ("code", "a = 1\n### BEGIN HIDDEN TESTS\nsecret = 42\n### END HIDDEN TESTS\nb = 2"),
    ])
    out = make_exercise(nb)
    assert sources(out) == ["# your code here\n...", "a = 1\nb = 2"]


def test_instructor_only_cells_are_dropped_and_outputs_cleared():
    """Cells tagged instructor-only disappear; outputs, counts and volatile metadata are cleared."""
    nb = new_notebook([("md", "Rubric: full marks if ...", ["instructor-only"]), ("code", "1 + 1")])
    nb.cells[1].outputs = [{"output_type": "stream", "name": "stdout", "text": "2"}]
    nb.cells[1].execution_count = 3
    nb.metadata["widgets"] = {"state": {}}
    out = make_exercise(nb)
    assert sources(out) == ["1 + 1"]
    assert out.cells[0].outputs == [] and out.cells[0].execution_count is None
    assert "widgets" not in out.metadata


@pytest.mark.parametrize(
    "cells, cell_no, line_no, words",
    [
        ([("code", "x = 1\n### BEGIN SOLUTION\nx = 2")], 1, 2, "never closed"),
        ([("code", "### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION")], 1, 2, "nested"),
        ([("code", "x = 1\n### END SOLUTION")], 1, 2, "without a BEGIN"),
        ([("code", "### BEGIN SOLUTION\nx = 1\n### END HIDDEN TESTS")], 1, 3, "closes a BEGIN SOLUTION"),
        ([("md", "intro"), ("md", "text\n### BEGIN SOLUTION\n")], 2, 2, "markdown cell"),
        ([("code", "# BEGIN SOLUTIONS\nx = 1")], 1, 1, "misspelled"),
    ],
)
def test_malformed_markers_name_notebook_cell_and_line(cells, cell_no, line_no, words):
    """Every malformed marker raises MarkerError with the notebook, the cell and the line."""
    nb = new_notebook(cells)
    with pytest.raises(MarkerError) as info:
        make_exercise(nb, "solutions/99-demo.ipynb")
    err = info.value
    assert (err.notebook, err.cell, err.line) == ("solutions/99-demo.ipynb", cell_no, line_no)
    assert words in str(err) and f"cell {cell_no}, line {line_no}" in str(err)


def test_hidden_cases_are_read_as_data_not_run():
    """The grader reads hidden cases with literal_eval; anything but hidden_tests(...) of literals is refused."""
    nb = new_notebook([("code", "### BEGIN HIDDEN TESTS\nhidden_tests('q1_1', cases=[((1, 2), 3.0), (('a',), 'b')])"
                                "\n### END HIDDEN TESTS")])
    cases = hidden_cases(nb)
    assert [(c.args, c.expected) for c in cases["q1_1"]] == [((1, 2), 3.0), (("a",), "b")]
    bad = new_notebook([("code", "### BEGIN HIDDEN TESTS\nimport os\n### END HIDDEN TESTS")])
    with pytest.raises(MarkerError, match="only hold hidden_tests"):
        hidden_cases(bad)
    bad = new_notebook([("code", "### BEGIN HIDDEN TESTS\nhidden_tests('q1_1', cases=[((x,), 1)])\n"
                                 "### END HIDDEN TESTS")])
    with pytest.raises(MarkerError, match="literal data"):
        hidden_cases(bad)


def _course_copy(tmp_path):
    root = tmp_path / "course"
    (root / "solutions").mkdir(parents=True)
    nb = new_notebook([("code", "### BEGIN SOLUTION\nx = 1\n### END SOLUTION\ncheck('q1_1', x)")])
    (root / "solutions" / "01-demo-solutions.ipynb").write_text(dumps(nb))
    return root


def test_generate_is_deterministic_idempotent_and_checks(tmp_path):
    """generate() writes once, then finds nothing to do; --check spots a hand edit and a stray file."""
    root = _course_copy(tmp_path)
    first = generate(root)
    assert [p.name for p in first.written] == ["01-demo-exercises.ipynb"]
    text = (root / "exercises" / "01-demo-exercises.ipynb").read_text()
    assert generate(root).written == [] and generate(root, check=True).ok
    assert (root / "exercises" / "01-demo-exercises.ipynb").read_text() == text
    (root / "exercises" / "01-demo-exercises.ipynb").write_text(text.replace("...", "1"))
    (root / "exercises" / "02-stray.ipynb").write_text(text)
    report = generate(root, check=True)
    assert sorted(p.name for p in report.stale) == ["01-demo-exercises.ipynb", "02-stray.ipynb"]


def test_generate_writes_nothing_when_one_notebook_is_broken(tmp_path):
    """An error in any solution notebook leaves every exercise file as it was."""
    root = _course_copy(tmp_path)
    generate(root)
    before = (root / "exercises" / "01-demo-exercises.ipynb").read_text()
    shutil.copy(root / "solutions" / "01-demo-solutions.ipynb", root / "solutions" / "00-a-solutions.ipynb")
    bad = new_notebook([("code", "### BEGIN SOLUTION\nx = 1")])
    (root / "solutions" / "02-bad-solutions.ipynb").write_text(dumps(bad))
    (root / "solutions" / "01-demo-solutions.ipynb").write_text(
        dumps(new_notebook([("code", "### BEGIN SOLUTION\nx = 2\n### END SOLUTION\ncheck('q1_1', x)")])))
    with pytest.raises(MarkerError, match="02-bad-solutions.ipynb, cell 1, line 1"):
        generate(root)
    assert (root / "exercises" / "01-demo-exercises.ipynb").read_text() == before
    assert not (root / "exercises" / "00-a-exercises.ipynb").exists()


def test_cli_exit_codes(tmp_path):
    """`python -m legpain exercises [--check]`: 0 when in sync, 1 naming stale files, 2 on a broken notebook."""
    root = _course_copy(tmp_path)
    run = lambda *a: subprocess.run([sys.executable, "-m", "legpain", "--root", str(root), *a],  # noqa: E731
                                    capture_output=True, text=True)
    r = run("exercises", "--check")
    assert r.returncode == 1 and "exercises/01-demo-exercises.ipynb" in r.stderr
    assert run("exercises").returncode == 0
    assert run("exercises", "--check").returncode == 0
    (root / "solutions" / "03-broken-solutions.ipynb").write_text("{ not json")
    r = run("exercises")
    assert r.returncode == 2 and "03-broken-solutions.ipynb" in r.stderr and "not valid JSON" in r.stderr


def test_generate_names_the_student_copy_by_its_set_and_drops_the_old_name(tmp_path):
    """solutions/NN-name-solutions.ipynb becomes exercises/NN-name-exercises.ipynb (legpain.common.layout.set_files), which
    declares the set's slug, not the file's stem; an exercise file under its old name (NN-name.ipynb) is stale and
    removed."""
    root = _course_copy(tmp_path)
    (root / "exercises").mkdir()
    (root / "exercises" / "01-demo.ipynb").write_text("{}")
    assert [p.name for p in generate(root, check=True).stale] == ["01-demo-exercises.ipynb", "01-demo.ipynb"]
    report = generate(root)
    assert [p.name for p in report.written] == ["01-demo-exercises.ipynb"]
    assert [p.name for p in report.removed] == ["01-demo.ipynb"]
    nb = json.loads((root / "exercises" / "01-demo-exercises.ipynb").read_text())
    assert nb["metadata"]["legpain"] == {"assignment": "01-demo"}
    assert make_exercise(new_notebook([("md", "x")]), "solutions/01-demo-solutions.ipynb").metadata["legpain"] == \
        {"assignment": "01-demo"}


def test_course_exercises_are_in_sync():
    """The committed exercises/ is exactly what the generator makes from solutions/."""
    report = generate(ROOT, check=True)
    assert report.ok, f"stale: {report.stale}; run: python -m legpain exercises"
