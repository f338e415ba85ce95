"""The course as files: clean notebooks, README in sync and its links alive, sources intact, exercises consistent."""

import hashlib
import re
from pathlib import Path

import pytest

from legpain.checking import bank
from legpain.common import notebooks
from legpain.authoring.assign import hidden_cases
from legpain.common.layout import exercise_sets, set_files, slug_of
from legpain.authoring.sync import readme_table, sync_readme

from helpers import ROOT

NOTEBOOKS = sorted(p for d in ("lessons", "solutions", "exercises") for p in (ROOT / d).glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_notebook_is_committed_clean(path):
    """No outputs, execution counts or volatile metadata are stored, and the file is in its one written form."""
    nb = notebooks.read(path)
    assert notebooks.is_clean(nb) == []
    assert path.read_text(encoding="utf-8") == notebooks.dumps(nb), "re-save with legpain.common.notebooks.dumps"


def test_stored_language_info_is_what_the_kernel_reports_apart_from_the_python_version():
    """JupyterLab marks a notebook unsaved on open unless its stored language_info equals the kernel's exactly."""
    from ipykernel.ipkernel import IPythonKernel

    kernel = dict(IPythonKernel.language_info)
    stored = dict(notebooks.LANGUAGE_INFO)
    assert re.fullmatch(r"\d+\.\d+\.\d+", stored.pop("version"))
    kernel.pop("version")
    assert stored == kernel


def test_every_solution_has_its_exercise_copy_and_lesson_named_by_course_set_files():
    """solutions/NN-name-solutions.ipynb, exercises/NN-name-exercises.ipynb and lessons/NN-name.ipynb belong
    together, named as legpain.common.layout.set_files says (a lesson may have no exercise set yet)."""
    lessons = {p.stem for p in (ROOT / "lessons").glob("*.ipynb")}
    sets = exercise_sets()
    assert [s.slug for s in sets] == bank.slugs()
    assert {s.solution for s in sets} == set((ROOT / "solutions").glob("*.ipynb"))
    assert {s.exercise for s in sets} == set((ROOT / "exercises").glob("*.ipynb"))
    assert {s.lesson.stem for s in sets} <= lessons
    assert all(re.fullmatch(r"\d\d-[a-z0-9-]+", s) for s in lessons)
    for s in sets:
        assert (s.solution.name, s.exercise.name, s.legacy_exercise.name) == (
            f"{s.slug}-solutions.ipynb", f"{s.slug}-exercises.ipynb", f"{s.slug}.ipynb")
        assert slug_of(s.solution) == slug_of(s.exercise) == slug_of(s.lesson) == slug_of(s.legacy_exercise) == s.slug


def test_no_two_notebooks_share_a_file_name():
    """A lesson, its exercise set and its solutions never open in JupyterLab as tabs with the same title (issue
    14): no file name occurs twice across lessons/, exercises/ and solutions/."""
    names = [p.name for d in ("lessons", "exercises", "solutions") for p in (ROOT / d).glob("*.ipynb")]
    assert len(names) >= 30
    assert sorted(n for n in set(names) if names.count(n) > 1) == []


def test_lesson_metadata_reads_and_readme_table_agrees():
    """Each lesson's first cell gives title, minutes and objectives, and the README table is made from them."""
    infos = [notebooks.lesson_info(p) for p in notebooks.lesson_paths()]
    assert infos and all(i.minutes > 0 and len(i.objectives) >= 2 for i in infos)
    assert sync_readme(check=True), "README.md's lesson table is stale: run  python -m legpain sync"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for info in infos:
        assert info.title in readme and f"| {info.minutes_text} |" in readme
    assert readme_table() in readme


def test_readme_links_point_to_files_that_exist():
    """Every relative link in the README (and in sources/README.md) points to a file or folder in the course."""
    for md in (ROOT / "README.md", ROOT / "sources" / "README.md"):
        text = md.read_text(encoding="utf-8")
        links = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text)
        for link in links:
            if re.match(r"^[a-z]+:", link):
                continue
            assert (md.parent / link).exists(), f"{md.name} links to missing {link}"


def test_readme_has_exactly_two_commands_and_ci_runs_the_test_one():
    """The README's two set-up commands are marked; .ci/run runs the marked test command."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    open_cmd = re.search(r"<!-- OPEN COMMAND -->\s*```bash\n(.+?)\n```", readme, re.S)
    test_cmd = re.search(r"<!-- TEST COMMAND -->\s*```bash\n(.+?)\n```", readme, re.S)
    assert open_cmd and test_cmd
    assert "jupyter lab" in open_cmd.group(1) and "pytest" in test_cmd.group(1)
    # a notebook path as argument would make lessons/ the server's root, hiding exercises/ and sources/ from the
    # student's file browser: the command opens lesson 00 through the default URL instead, with the file browser on
    # the course's root (file-browser-path=/; without it JupyterLab shows the notebook's folder, lessons/)
    import shlex
    from urllib.parse import parse_qs, urlsplit

    lab_args = shlex.split(open_cmd.group(1).split("jupyter lab", 1)[1])
    urls = [a.split("=", 1)[1] for a in lab_args if a.startswith("--LabApp.default_url=")]
    assert len(urls) == 1 and urls[0].startswith("/lab/tree/")
    url = urlsplit(urls[0])
    assert (ROOT / url.path[len("/lab/tree/"):]).exists()
    assert parse_qs(url.query) == {"file-browser-path": ["/"]}
    assert not [a for a in lab_args if not a.startswith("-") and a.endswith(".ipynb")]
    # the student's install carries no test tools; the test command adds them (requirements-dev.txt includes the
    # student's file, so the tests run on exactly what a student gets)
    assert "pip install -r requirements.txt" in open_cmd.group(1)
    assert "pip install -r requirements-dev.txt" in test_cmd.group(1)
    assert "-r requirements.txt" in (ROOT / "requirements-dev.txt").read_text(encoding="utf-8").splitlines()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "TEST COMMAND" in ci


SOURCE_HASHES = {
    "000_30c9d6be88d2f6e2.txt": "b9a7362f774ec8bfed31eedb86af46a2a32f5e99cbb947e659bda9b9c85205ff",
    "001_4aa7b4406d7dbd3e.txt": "40ffac67b92c81f9d2fe2a61a6f1884bd010cbb6c7a6ffb7541b3a95a1c587b2",
    "002_b33f77b70ff0431d.txt": "3eae08a47ad9404f4cb09d2e40460144945b25d1dcb99cc02f75e67e10b67fd4",
    "003_2fa0cf70e0b51661.txt": "75490d5a3e67e97b756ac9e26608025ac428c984176b52980736441816394e9a",
    "004_55639e7ed63054b1.txt": "d2b76b1966329a7b3f35c61f93460907dc9e4e0d02a3f9ab36582a6c74ff36bd",
}


def test_sources_are_shipped_unchanged_with_provenance():
    """The five documents are byte-for-byte as listed in sources/README.md, and match shared/ when it is there."""
    readme = (ROOT / "sources" / "README.md").read_text(encoding="utf-8")
    shared = ROOT.parent / "shared" / "sources"
    for name, digest in SOURCE_HASHES.items():
        data = (ROOT / "sources" / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest
        assert digest in readme and name in readme
        if (shared / name).exists():
            assert (shared / name).read_bytes() == data
    from legpain.topics.sources import SOURCES, show_source

    assert [s.filename for s in SOURCES] == sorted(SOURCE_HASHES)
    assert "Wimbledon Clinics" in repr(show_source("000"))


def _exercise_cells(slug):
    nb = notebooks.read(set_files(slug).solution)
    md = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    return nb, md, code


@pytest.mark.parametrize("slug", bank.slugs())
def test_solution_notebook_matches_the_bank(slug):
    """Each exercise has a heading with its points, a check call with its id, and hidden tests where declared."""
    a = bank.assignment(slug)
    nb, md, code = _exercise_cells(slug)
    hidden = hidden_cases(nb, slug)
    for q in a.exercises:
        n = q.qid[1:].replace("_", ".")
        m = re.search(rf"\*\*Exercise {re.escape(n)}\*\* \((\d+(?:\.\d+)?) points?", md)
        assert m, f"no heading '**Exercise {n}** (N points)' in {set_files(slug).solution.name}"
        assert float(m.group(1)) == q.points, f"Exercise {n}: heading says {m.group(1)} points, bank {q.points}"
        assert f'check("{q.qid}"' in code
        assert bool(hidden.get(q.qid)) == bool(getattr(q, "hidden", False)), f"{q.qid}: hidden tests vs bank"
    assert set(hidden) <= {q.qid for q in a.exercises}


@pytest.mark.parametrize("slug", bank.slugs())
def test_exercise_copy_holds_no_solution_line(slug):
    """No line of a solution or hidden-test block survives into the student copy."""
    files = set_files(slug)
    sol = notebooks.read(files.solution)
    ex_text = files.exercise.read_text(encoding="utf-8")
    ex = notebooks.read(files.exercise)
    ex_lines = {line.strip() for c in ex.cells for line in c.source.split("\n")}
    for cell in sol.cells:
        inside = False
        for line in cell.source.split("\n"):
            if re.search(r"### (BEGIN|END) (SOLUTION|HIDDEN TESTS)", line):
                inside = "BEGIN" in line
                continue
            if inside and len(line.strip()) > 3:
                assert line.strip() not in ex_lines, f"solution line leaked into {files.exercise.name}: {line!r}"
    assert "BEGIN SOLUTION" not in ex_text and "hidden_tests" not in ex_text and "instructor" not in ex_text.lower()


def _texts(q):
    """Every piece of feedback a question can show a student."""
    out = [q.hint, getattr(q, "low", ""), getattr(q, "high", "")]
    out += list(getattr(q, "feedback", {}).values())
    out += list(getattr(q, "item_hints", {}).values())
    out += [c.hint for c in getattr(q, "cases", [])]
    return [t for t in out if t]


@pytest.mark.parametrize("slug", bank.slugs())
def test_no_feedback_gives_away_its_answer(slug):
    """Across every question bank: no hint or feedback message contains the expected answer of its question."""
    from legpain.checking.questions import Choice, Match, MultiChoice, Number

    a = bank.assignment(slug)
    for q in a.exercises + a.checks:
        texts = _texts(q)
        if isinstance(q, Number):
            shown = {f"{q.answer:g}", f"{float(q.answer):.1f}", str(q.answer)}
            for t in texts:
                for s in shown:
                    assert not re.search(rf"(?<![\d.]){re.escape(s)}(?![\d])", t), f"{q.qid} says {s!r}: {t!r}"
        elif isinstance(q, Choice):
            for t in texts:
                assert not re.search(rf"(answer|correct|right one) is \(?'?{q.answer}\b", t, re.I), f"{q.qid}: {t!r}"
        elif isinstance(q, MultiChoice):
            picks = "".join(sorted(q.answer))
            for t in texts:
                assert picks not in re.sub(r"[^a-z]", "", t.lower()) or len(picks) < 3, f"{q.qid}: {t!r}"
        elif isinstance(q, Match):
            for key, value in q.answer.items():
                hint = q.item_hints.get(key, "")
                if isinstance(value, str) and len(value) > 2:
                    assert value.lower() not in hint.lower(), f"{q.qid} {key}: hint names the answer {value!r}"


def test_course_install_ships_jupyterlab_overrides():
    """The course's jupyter-config package installs JupyterLab settings overrides for its environment (no news
    pop-up, no update check) where JupyterLab reads them: share/jupyter/lab/settings/overrides.json."""
    import json
    import tomllib

    config = tomllib.loads((ROOT / "jupyter-config" / "pyproject.toml").read_text(encoding="utf-8"))
    files = config["tool"]["setuptools"]["data-files"]
    assert files["share/jupyter/lab/settings"] == ["lab-settings/overrides.json"]
    overrides = json.loads((ROOT / "jupyter-config" / "lab-settings" / "overrides.json").read_text(encoding="utf-8"))
    assert overrides["@jupyterlab/apputils-extension:notification"] == {"fetchNews": "false",
                                                                        "checkForUpdates": False}
