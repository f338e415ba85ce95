"""The exercise generator (legpain.authoring.assign): exact marker rules and messages, stubs, metadata, hidden cases, files.

Fast unit tests written against the survivors of tools/mutation.py: each pins one behaviour exactly."""

import json
import os
from pathlib import Path

import pytest

from legpain.authoring import assign
from legpain.authoring.assign import MarkerError, generate, hidden_cases, hidden_cases_for, make_exercise
from legpain.common.notebooks import NotebookError, dumps, new_notebook

# nbformat builds its schema validator on first use (seconds): do it at import, so that every test, and every
# process mutmut forks after collecting the tests, starts warm
new_notebook([("code", "")])


def _err(cells, name="solutions/99-x.ipynb", func=make_exercise):
    with pytest.raises(MarkerError) as exc:
        func(new_notebook(cells), name)
    e = exc.value
    return e.cell, e.line, e.problem, str(e)


def test_marker_error_messages():
    """Each malformed marker has its exact message, with notebook, cell and line in str()."""
    assert _err([("code", "x = 1\n#  BEGIN SOLUTION\nx = 2")]) == (
        1, 2, "BEGIN SOLUTION is never closed in this cell",
        "solutions/99-x.ipynb, cell 1, line 2: BEGIN SOLUTION is never closed in this cell")
    assert _err([("code", "### BEGIN SOLUTION\n### BEGIN HIDDEN TESTS")])[2] == (
        "BEGIN HIDDEN TESTS inside the SOLUTION block opened on line 1; close that block first (blocks cannot be "
        "nested)")
    assert _err([("code", "### END HIDDEN TESTS")])[2] == "END HIDDEN TESTS without a BEGIN HIDDEN TESTS before it"
    assert _err([("code", "x\n### BEGIN HIDDEN TESTS\n### END SOLUTION")])[1:3] == (
        3, "END SOLUTION closes a BEGIN HIDDEN TESTS (opened on line 2)")
    assert _err([("code", "  # begin hidden_tests")])[1:3] == (1, (
        "a marker is misspelled: '# begin hidden_tests' (write '### BEGIN SOLUTION', '### END SOLUTION', "
        "'### BEGIN HIDDEN TESTS' or '### END HIDDEN TESTS' on a line of its own)"))
    assert _err([("md", "a"), ("md", "x\n## END SOLUTION")])[:3] == (2, 2, (
        "a marker in a markdown cell; markers belong in code cells (tag a markdown cell 'instructor-only' to keep it out "
        "of the exercises)"))
    assert _err([("md", "# end solutions")])[:2] == (1, 1)


def test_marker_forms_that_are_accepted_or_ignored():
    """Markers may have any number of # and spaces or tabs, indentation and trailing blanks; a loose marker word
    in code (not a comment) or in prose without a marker is not an error."""
    nb = new_notebook([("md", "Prose that says: we BEGIN SOLUTION work, then end solution."),
                       ("code", "#BEGIN SOLUTION \t\nx = 1\n\t#### END\tSOLUTION\nprint('BEGIN SOLUTION')")])
    assert make_exercise(nb).cells[1].source == "x = ...  # replace ... with your answer\nprint('BEGIN SOLUTION')"


def test_stubs():
    """Stubs: names of plain and annotated assignments (once each, in order); a function body raises with or
    without the exercise label; anything else, a syntax error or an attribute target becomes '...'."""
    blk = lambda lines, indent="": assign._Block("SOLUTION", indent, 1, lines)  # noqa: E731
    assert assign._stub(blk(["a = 1", "b: int = 2", "a, c = 3, 4", "[d] = [5]"]), "") == [
        "a = ...  # replace ... with your answer", "b = ...  # replace ... with your answer",
        "c = ...  # replace ... with your answer", "d = ...  # replace ... with your answer"]
    assert assign._stub(blk(["    x = 1"], "    "), "Exercise 1.2") == [
        '    raise NotImplementedError("Exercise 1.2: replace this line with your code")']
    assert assign._stub(blk(["x = 1"], "\t"), "") == ['\traise NotImplementedError("replace this line with your code")']
    for lines in (["x = 1", "print(x)"], ["x.y = 1"], ["a, b.c = 1, 2"], ["x = ("], [], ["d[0] = 1"]):
        assert assign._stub(blk(lines), "") == ["# your code here", "..."], lines
    assert assign._stub(blk(["  x = 1", "  y = 2"]), "") == ["x = ...  # replace ... with your answer",
                                                             "y = ...  # replace ... with your answer"]


def test_strip_code_reports_changes_and_squeezes_blank_lines():
    """A cell with no markers is kept exactly (blank lines too); a changed cell loses runs of blank lines and its
    leading and trailing newlines."""
    assert assign._strip_code("\n\na\n\n\n\nb\n", "n", 1, "") == ("\n\na\n\n\n\nb\n", False)
    src = "\na = 1\n\n\n### BEGIN HIDDEN TESTS\nx\n### END HIDDEN TESTS\n\n\nb = 2\n"
    assert assign._strip_code(src, "n", 1, "") == ("a = 1\n\nb = 2", True)


def test_make_exercise_labels_tags_and_metadata():
    """The label comes from the last '**Exercise N.M**' heading (spaces squeezed); instructor-only code cells
    are dropped too; a cell left empty by the stripping goes, an empty cell without markers stays; the copy says
    which set it is when the file name is a set's stem; the input is not changed."""
    nb = new_notebook([
        ("md", "**Exercise  2.1** and later **Exercise 9.9**"),
        ("code", "def f():\n    ### BEGIN SOLUTION\n    return 1\n    ### END SOLUTION"),
        ("md", "**Exercise 2.2**"),
        ("code", "def g():\n    ### BEGIN SOLUTION\n    return 1\n    ### END SOLUTION"),
        ("code", "secret = 1", ["instructor-only"]),
        ("code", ""),
        ("code", "### BEGIN HIDDEN TESTS\nhidden_tests('q2_2', cases=[])\n### END HIDDEN TESTS"),
    ])
    out = make_exercise(nb, "solutions/02-the-nerves.ipynb")
    assert [c.source for c in out.cells] == [
        "**Exercise  2.1** and later **Exercise 9.9**",
        'def f():\n    raise NotImplementedError("Exercise 2.1: replace this line with your code")',
        "**Exercise 2.2**",
        'def g():\n    raise NotImplementedError("Exercise 2.2: replace this line with your code")',
        ""]
    assert out.metadata["legpain"] == {"assignment": "02-the-nerves"}
    assert len(nb.cells) == 7 and "BEGIN SOLUTION" in nb.cells[1].source
    assert make_exercise(nb, "solutions\\03-x.ipynb").metadata["legpain"] == {"assignment": "03-x"}
    assert make_exercise(nb, "solutions/03-x-solutions.ipynb").metadata["legpain"] == {"assignment": "03-x"}
    for name in ("<notebook>", "solutions/3-x.ipynb", "solutions/03_X.ipynb", "notes.ipynb"):
        assert "legpain" not in make_exercise(nb, name).metadata, name


def test_navigation_footer_replaces_an_old_one(tmp_path, monkeypatch):
    """The navigation cell is appended once (an old one is removed first), with a stable id; no text, no cell."""
    import legpain.authoring.sync as course

    monkeypatch.setattr(course, "exercise_nav_source", lambda stem, root: f"NAV {stem} {course.EXERCISE_NAV_MARK}")
    nb = new_notebook([("md", f"old {course.EXERCISE_NAV_MARK}"), ("code", "x = 1"), ("md", "keep")])
    out = assign._with_navigation(nb, "04-alloc", tmp_path)
    assert [c.source for c in out.cells] == ["x = 1", "keep", f"NAV 04-alloc {course.EXERCISE_NAV_MARK}"]
    assert out.cells[-1].id == "04-exercise-nav" and out.cells[-1].cell_type == "markdown"
    monkeypatch.setattr(course, "exercise_nav_source", lambda stem, root: "")
    assert [c.source for c in assign._with_navigation(out, "04-alloc", tmp_path).cells] == ["x = 1", "keep"]


def test_hidden_cases_forms_and_errors():
    """hidden_tests(...) calls by position or keyword, several per block and per notebook, indented blocks;
    markdown cells are skipped; errors name the line of the offending statement."""
    nb = new_notebook([
        ("md", "hidden_tests('q1_9', cases=[((1,), 1)])"),
        ("code", "x = 1\n### BEGIN HIDDEN TESTS\nhidden_tests('q1_1', [((1,), 2)])\n"
                 "hidden_tests(qid='q1_2', cases=[([3], 4)])\n### END HIDDEN TESTS"),
        ("code", "if True:\n    ### BEGIN HIDDEN TESTS\n    hidden_tests('q1_1', cases=[((5, 6), 'x')])\n"
                 "    ### END HIDDEN TESTS\n### BEGIN SOLUTION\ny = 2\n### END SOLUTION"),
        ("code", "### BEGIN HIDDEN TESTS\nhidden_tests('q1_3')\n### END HIDDEN TESTS"),
    ])
    found = hidden_cases(nb)
    assert {k: [(c.args, c.expected) for c in v] for k, v in found.items()} == {
        "q1_1": [((1,), 2), ((5, 6), "x")], "q1_2": [((3,), 4)], "q1_3": []}
    bad = [("code", "a\n### BEGIN HIDDEN TESTS\nhidden_tests('q', [])\nprint(1)\n### END HIDDEN TESTS")]
    assert _err(bad, func=hidden_cases)[1:3] == (4, "a hidden block may only hold hidden_tests(...) calls")
    bad = [("code", "### BEGIN HIDDEN TESTS\nother('q', [])\n### END HIDDEN TESTS")]
    assert _err(bad, func=hidden_cases)[1] == 2
    bad = [("code", "### BEGIN HIDDEN TESTS\nobj.hidden_tests('q', [])\n### END HIDDEN TESTS")]
    assert _err(bad, func=hidden_cases)[1] == 2
    bad = [("code", "### BEGIN HIDDEN TESTS\nhidden_tests('q', [((f(),), 1)])\n### END HIDDEN TESTS")]
    assert _err(bad, func=hidden_cases)[1:3] == (2, "hidden_tests(...) takes literal data only (numbers, text, lists, "
                                                    "tuples)")
    bad = [("code", "x\n### BEGIN HIDDEN TESTS\nhidden_tests('q', [\n### END HIDDEN TESTS")]
    cell, line, problem, _ = _err(bad, func=hidden_cases)
    assert cell == 1 and line == 3 and problem.startswith("hidden tests do not parse: ")


def test_hidden_cases_for_reads_the_solution_file(tmp_path):
    """hidden_cases_for reads the solution notebook as JSON (source as a list or a string); a missing or
    unreadable file is a NotebookError naming it."""
    sol = tmp_path / "solutions"
    sol.mkdir()
    cells = [{"cell_type": "code", "source": ["### BEGIN HIDDEN TESTS\n", "hidden_tests('q1_1', [((1,), 2)])\n",
                                              "### END HIDDEN TESTS"]},
             {"cell_type": "code", "source": "### BEGIN HIDDEN TESTS\nhidden_tests('q1_1', [((3,), 4)])\n"
                                             "### END HIDDEN TESTS"}]
    (sol / "01-a-solutions.ipynb").write_text(json.dumps({"cells": cells}), encoding="utf-8")
    got = hidden_cases_for("01-a", tmp_path)
    assert [(c.args, c.expected) for c in got["q1_1"]] == [((1,), 2), ((3,), 4)]
    with pytest.raises(NotebookError) as exc:
        hidden_cases_for("02-b", tmp_path)
    assert str(exc.value) == f"{sol / '02-b-solutions.ipynb'}: no solution notebook for exercise set 02-b"
    for text in ("{oops", '{"cells": [{"source": "x"}]}', '{"cells": 3}'):
        (sol / "03-c-solutions.ipynb").write_text(text, encoding="utf-8")
        with pytest.raises(NotebookError) as exc:
            hidden_cases_for("03-c", tmp_path)
        assert str(exc.value).startswith(f"{sol / '03-c-solutions.ipynb'}: not a readable notebook (")
    (sol / "04-d-solutions.ipynb").write_text(
        json.dumps({"cells": [{"cell_type": "code", "source": "### END SOLUTION"}]}))
    with pytest.raises(MarkerError) as exc:
        hidden_cases_for("04-d", tmp_path)
    assert exc.value.notebook == "solutions/04-d-solutions.ipynb"


def test_generate_reports_written_stale_and_removed(tmp_path, monkeypatch):
    """generate() writes changed files only (no temporary files left), removes exercise files without a solution,
    and with check=True changes nothing but lists both kinds; a missing exercises folder is created."""
    import legpain.authoring.sync as course

    monkeypatch.setattr(course, "exercise_nav_source", lambda stem, root: "")
    root = tmp_path
    (root / "solutions").mkdir()
    nb = new_notebook([("code", "### BEGIN SOLUTION\nx = 1\n### END SOLUTION")])
    for name in ("01-a-solutions.ipynb", "02-b-solutions.ipynb"):
        (root / "solutions" / name).write_text(dumps(nb))
    first = generate(root)
    ex = root / "exercises"
    assert [p.name for p in first.written] == ["01-a-exercises.ipynb", "02-b-exercises.ipynb"] and first.ok
    assert first.removed == [] and first.stale == []
    assert sorted(p.name for p in ex.iterdir()) == ["01-a-exercises.ipynb", "02-b-exercises.ipynb"]
    assert (ex / "01-a-exercises.ipynb").read_text(encoding="utf-8") == dumps(
        make_exercise(nb, "solutions/01-a-solutions.ipynb"))
    (ex / "02-b-exercises.ipynb").write_text("changed")
    (ex / "09-old.ipynb").write_text("old")
    check = generate(root, check=True)
    assert [p.name for p in check.stale] == ["02-b-exercises.ipynb", "09-old.ipynb"]
    assert not check.ok and check.written == []
    assert (ex / "09-old.ipynb").exists() and (ex / "02-b-exercises.ipynb").read_text() == "changed"
    again = generate(root)
    assert [p.name for p in again.written] == ["02-b-exercises.ipynb"]
    assert [p.name for p in again.removed] == ["09-old.ipynb"]
    assert sorted(p.name for p in ex.iterdir()) == ["01-a-exercises.ipynb", "02-b-exercises.ipynb"]
    fresh = tmp_path / "other"
    (fresh / "solutions").mkdir(parents=True)
    (fresh / "solutions" / "01-a-solutions.ipynb").write_text(dumps(nb))
    assert [p.name for p in generate(fresh, check=True).stale] == ["01-a-exercises.ipynb"]
    assert not (fresh / "exercises").exists()
    assert generate(str(fresh)).written and (fresh / "exercises" / "01-a-exercises.ipynb").exists()


def test_generate_keeps_the_name_of_a_notebook_that_is_not_a_sets(tmp_path, monkeypatch):
    """solutions/NN-name-solutions.ipynb becomes exercises/NN-name-exercises.ipynb; a notebook whose name is not a
    set's (notes.ipynb) keeps its name, with its stem asked for the navigation."""
    import legpain.authoring.sync as course

    asked = []
    monkeypatch.setattr(course, "exercise_nav_source", lambda stem, root: asked.append(stem) or "")
    (tmp_path / "solutions").mkdir()
    nb = new_notebook([("code", "### BEGIN SOLUTION\nx = 1\n### END SOLUTION")])
    for name in ("notes.ipynb", "01-a-solutions.ipynb"):
        (tmp_path / "solutions" / name).write_text(dumps(nb))
    assert sorted(p.name for p in generate(tmp_path).written) == ["01-a-exercises.ipynb", "notes.ipynb"]
    assert sorted(asked) == ["01-a", "notes"]


def test_generate_writes_through_a_hidden_temporary_file_with_the_navigation(tmp_path, monkeypatch):
    """Each exercise file is written to a hidden '.tmp-*.ipynb' file in the exercises folder and then moved into
    place (a half-written file never has the real name); the navigation footer is asked for by the set's slug and
    the course root."""
    import legpain.authoring.sync as course

    asked = []
    monkeypatch.setattr(course, "exercise_nav_source", lambda stem, root: asked.append((stem, root)) or "")
    moved = []
    real_replace = os.replace
    monkeypatch.setattr(assign.os, "replace", lambda src, dst: moved.append((Path(src), Path(dst))) or
                        real_replace(src, dst))
    (tmp_path / "solutions").mkdir()
    nb = new_notebook([("code", "### BEGIN SOLUTION\nx = 1\n### END SOLUTION")])
    (tmp_path / "solutions" / "01-a-solutions.ipynb").write_text(dumps(nb))
    generate(tmp_path)
    assert asked == [("01-a", tmp_path)]
    (src, dst), = moved
    assert dst == tmp_path / "exercises" / "01-a-exercises.ipynb" and src.parent == dst.parent
    assert src.name.startswith(".tmp-") and src.name.endswith(".ipynb")


def test_hidden_cases_errors_name_the_notebook_and_cell():
    """Every error of hidden_cases names the notebook (by default '<notebook>') and the cell; a statement that is
    not an expression (an import, an assignment of a call) is refused too."""
    cells = [("md", "x"), ("code", "### BEGIN HIDDEN TESTS\nimport os\n### END HIDDEN TESTS")]
    with pytest.raises(MarkerError) as exc:
        hidden_cases(new_notebook(cells))
    assert (exc.value.notebook, exc.value.cell, exc.value.line) == ("<notebook>", 2, 2)
    for body in ("x = hidden_tests('q', [])", "hidden_tests('q', [((f(),), 1)])", "hidden_tests('q', ["):
        cells = [("md", "x"), ("code", f"### BEGIN HIDDEN TESTS\n{body}\n### END HIDDEN TESTS")]
        with pytest.raises(MarkerError) as exc:
            hidden_cases(new_notebook(cells), "solutions/99-x.ipynb")
        assert (exc.value.notebook, exc.value.cell) == ("solutions/99-x.ipynb", 2), body
    with pytest.raises(MarkerError) as exc:
        hidden_cases(new_notebook([("md", "x"), ("code", "### END SOLUTION")]), "n")
    assert (exc.value.notebook, exc.value.cell, exc.value.line) == ("n", 2, 1)
