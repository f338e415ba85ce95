"""The JupyterHub round trip's file work, without a hub: the nbgitpuller link, collecting notebooks from students'
homes and returning feedback pages into them — with students who plant symbolic links, fifos and other people's
files where the instructor's tools look. (tests/test_hub.py runs the same steps on a real JupyterHub.)"""

import csv
import os
import stat
from urllib.parse import parse_qs, urlsplit

import pytest

from legpain import __main__ as cli
from legpain.classroom.hub import HubError, StudentPattern, collect, course_folder_name, nbgitpuller_link, return_feedback

COURSE = "legpain-course"
NB = "exercises/00-start-here-exercises.ipynb"
OLD_NB = "exercises/00-start-here.ipynb"  # its name before issue 14
AS_ROOT = pytest.mark.skipif(os.geteuid() != 0, reason="changing a file's owner needs root")


def test_link_is_urlencoded_and_opens_lesson_00_in_the_course_folder():
    """The link goes through the hub's user-redirect to git-pull, with every parameter urlencoded."""
    link = nbgitpuller_link("https://hub.example.edu/", "https://github.com/org/legpain-course.git", branch="main")
    parts = urlsplit(link)
    assert parts.scheme == "https" and parts.netloc == "hub.example.edu"
    assert parts.path == "/hub/user-redirect/git-pull"
    q = parse_qs(parts.query)
    assert q == {"repo": ["https://github.com/org/legpain-course.git"], "branch": ["main"],
                 "targetpath": ["legpain-course"], "urlpath": ["lab/tree/legpain-course/lessons/00-start-here.ipynb"]}
    assert "%2F" in parts.query  # slashes inside values are encoded


def test_link_keeps_a_hub_path_prefix_and_a_chosen_folder():
    """A hub served under a path prefix keeps it; --folder and --open change targetpath and urlpath."""
    link = nbgitpuller_link("https://uni.edu/jhub", "/srv/course repo", folder="bp 2026",
                            open_path="lessons/01-the-spine.ipynb")
    parts = urlsplit(link)
    assert parts.path == "/jhub/hub/user-redirect/git-pull"
    q = parse_qs(parts.query)
    assert q["targetpath"] == ["bp 2026"] and q["repo"] == ["/srv/course repo"]
    assert q["urlpath"] == ["lab/tree/bp 2026/lessons/01-the-spine.ipynb"]


@pytest.mark.parametrize("hub,repo,kw", [
    ("hub.example.edu", "r.git", {}),  # no scheme
    ("https://hub/?x=1", "r.git", {}),
    ("https://hub", "r.git", {"open_path": "../etc/passwd"}),
    ("https://hub", "r.git", {"folder": "a/b"}),
    ("https://hub", "/", {}),  # no folder name to derive
])
def test_bad_links_are_refused(hub, repo, kw):
    """A hub address without http(s), an --open outside the course or a folder with a slash is an error."""
    with pytest.raises(HubError):
        nbgitpuller_link(hub, repo, **kw)


def test_course_folder_name():
    assert course_folder_name("https://github.com/a/b.git") == "b"
    assert course_folder_name("git@github.com:a/legpain.git") == "legpain"
    assert course_folder_name("/work/main/") == "main"


def test_handout_command_prints_the_link(capsys):
    assert cli.main(["handout", "--hub", "http://127.0.0.1:8000", "--repo", "/srv/main"]) == 0
    assert capsys.readouterr().out.strip().startswith("http://127.0.0.1:8000/hub/user-redirect/git-pull?repo=")


def test_pattern_parsing(tmp_path):
    """{student} must appear once, in an absolute path that goes on below the home; TLJH's jupyter- prefix works."""
    for bad in ("home/{student}/x", "/home/{student}", "/home/x/y", "/home/{student}/{student}", "/h/{student}/../x",
                "/h/{student}/{other}"):
        with pytest.raises(HubError):
            StudentPattern(bad)
    (tmp_path / "jupyter-ana").mkdir()
    (tmp_path / "jupyter-ben").mkdir()
    (tmp_path / "other").mkdir()
    (tmp_path / "jupyter-link").symlink_to(tmp_path / "other")
    p = StudentPattern(f"{tmp_path}/jupyter-{{student}}/{COURSE}/{NB}")
    assert p.students() == ["ana", "ben"]  # a symbolic link is not a home
    assert p.path("ana") == tmp_path / "jupyter-ana" / COURSE / NB


def _home(root, name, notebook: bytes | None = b'{"cells": []}', uid=None):
    home = root / name
    (home / COURSE / "exercises").mkdir(parents=True)
    if notebook is not None:
        (home / COURSE / NB).write_bytes(notebook)
    if uid is not None:
        for dirpath, dirnames, filenames in os.walk(home):
            for n in dirnames + filenames:
                os.chown(os.path.join(dirpath, n), uid, uid)
        os.chown(home, uid, uid)
    return home


def test_collect_copies_each_notebook_and_lists_the_rest(tmp_path):
    """Each home's notebook becomes OUT/<student>.ipynb; every other student gets an empty folder and a reason."""
    homes = tmp_path / "home"
    _home(homes, "ana", b'{"cells": ["ana"]}')
    _home(homes, "ben", notebook=None)  # pulled the course, never saved the exercise set
    (homes / "cy").mkdir()  # never pulled
    out = tmp_path / "subs"
    rows = collect(f"{homes}/{{student}}/{COURSE}/{NB}", out, students=["ana", "ben", "cy", "dee"])
    status = {r.student: r.status for r in rows}
    assert status == {"ana": "collected", "ben": "not submitted", "cy": "not submitted", "dee": "not submitted"}
    assert (out / "ana.ipynb").read_bytes() == b'{"cells": ["ana"]}'
    for s in ("ben", "cy", "dee"):
        assert (out / s).is_dir() and not any((out / s).iterdir())
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    # a second collect into the same folder starts afresh: a notebook deleted since is not graded from a stale copy
    (homes / "ana" / COURSE / NB).unlink()
    with pytest.raises(HubError, match="--replace"):
        collect(f"{homes}/{{student}}/{COURSE}/{NB}", out)
    rows = collect(f"{homes}/{{student}}/{COURSE}/{NB}", out, replace=True)
    assert {r.student: r.status for r in rows} == {"ana": "not submitted", "ben": "not submitted",
                                                    "cy": "not submitted"}
    assert not (out / "ana.ipynb").exists()


def test_collect_never_follows_symbolic_links(tmp_path):
    """A notebook, a folder or a home that is a symbolic link (to another student's work or a secret) is refused."""
    homes = tmp_path / "home"
    _home(homes, "ana", b"ANA'S WORK")
    secret = tmp_path / "secret.txt"
    secret.write_text("root only")
    eve = _home(homes, "eve", notebook=None)
    (eve / COURSE / NB).symlink_to(homes / "ana" / COURSE / NB)
    mal = _home(homes, "mal", notebook=None)
    (mal / COURSE / "exercises").rmdir()
    (mal / COURSE / "exercises").symlink_to(homes / "ana" / COURSE / "exercises")
    (homes / "zed").symlink_to(homes / "ana")
    fifo = _home(homes, "fay", notebook=None)
    os.mkfifo(fifo / COURSE / NB)
    sec = _home(homes, "sec", notebook=None)
    (sec / COURSE / NB).symlink_to(secret)
    out = tmp_path / "subs"
    rows = {r.student: r for r in collect(f"{homes}/{{student}}/{COURSE}/{NB}", out,
                                          students=["ana", "eve", "mal", "zed", "fay", "sec"])}
    assert rows["ana"].status == "collected"
    for s in ("eve", "mal", "zed", "fay", "sec"):
        assert rows[s].status == "refused", (s, rows[s])
        assert not (out / f"{s}.ipynb").exists() and (out / s).is_dir()
    assert "symbolic link" in rows["eve"].detail and "not a regular file" in rows["fay"].detail
    assert b"root only" not in b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())


@AS_ROOT
def test_collect_refuses_a_file_owned_by_someone_else(tmp_path):
    """A hard link or copy owned by another user in a student's home is not that student's work."""
    homes = tmp_path / "home"
    _home(homes, "ana", uid=5001)
    _home(homes, "eve", uid=5002)
    os.chown(homes / "eve" / COURSE / NB, 5001, 5001)
    rows = {r.student: r for r in collect(f"{homes}/{{student}}/{COURSE}/{NB}", tmp_path / "subs")}
    assert rows["ana"].status == "collected"
    assert rows["eve"].status == "refused" and "another user" in rows["eve"].detail


def test_collect_will_not_empty_a_folder_it_did_not_make(tmp_path):
    homes = tmp_path / "home"
    _home(homes, "ana")
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.tex").write_text("precious")
    for replace in (False, True):
        with pytest.raises(HubError):
            collect(f"{homes}/{{student}}/{COURSE}/{NB}", out, replace=replace)
    assert (out / "thesis.tex").read_text() == "precious"


def test_collect_command_writes_a_report(tmp_path, capsys):
    homes = tmp_path / "home"
    _home(homes, "ana")
    _home(homes, "ben", notebook=None)
    out = tmp_path / "subs"
    assert cli.main(["collect", f"{homes}/{{student}}/{COURSE}/{NB}", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "not submitted: ben" in text and "Collected 1 of 2" in text
    assert "--assignment 00-start-here --out" in text  # the set's slug, not the file's stem
    with open(tmp_path / "subs-collected.csv", newline="") as fh:
        rows = {r["student"]: r["status"] for r in csv.DictReader(fh)}
    assert rows == {"ana": "collected", "ben": "not submitted"}


def test_collect_takes_the_old_name_when_the_new_one_is_missing(tmp_path):
    """A class handed the exercise set before issue 14 has it as NN-name.ipynb: collect takes that file when
    NN-name-exercises.ipynb is missing (the new one when both are there), and never follows a link under either."""
    homes = tmp_path / "home"
    _home(homes, "ana", b"NEW")
    (homes / "ana" / COURSE / OLD_NB).write_bytes(b"OLD")
    _home(homes, "ben", notebook=None)
    (homes / "ben" / COURSE / OLD_NB).write_bytes(b"BEN OLD")
    _home(homes, "cy", notebook=None)
    (homes / "cy" / COURSE / OLD_NB).symlink_to(homes / "ana" / COURSE / NB)
    _home(homes, "dee", notebook=None)
    out = tmp_path / "subs"
    rows = {r.student: r for r in collect(f"{homes}/{{student}}/{COURSE}/{NB}", out)}
    assert {s: r.status for s, r in rows.items()} == {"ana": "collected", "ben": "collected", "cy": "refused",
                                                       "dee": "not submitted"}
    assert (out / "ana.ipynb").read_bytes() == b"NEW" and (out / "ben.ipynb").read_bytes() == b"BEN OLD"
    assert rows["ana"].source.endswith(NB) and rows["ben"].source.endswith(OLD_NB)
    assert "symbolic link" in rows["cy"].detail and "00-start-here-exercises.ipynb" in rows["dee"].detail
    # a pattern naming any other file has no second name
    rows = collect(f"{homes}/{{student}}/{COURSE}/{OLD_NB}", tmp_path / "old", students=["ana", "dee"])
    assert [r.status for r in rows] == ["collected", "not submitted"]
    assert (tmp_path / "old" / "ana.ipynb").read_bytes() == b"OLD"


def _handout(worked: bool = False, saved: bool = True) -> bytes:
    """The course's blank copy of set 00 as a student's Jupyter saves it after running it (outputs, execution
    counts, metadata and trailing spaces that do not make it the student's work), or with an answer typed in."""
    import json

    from legpain.common.layout import set_files

    nb = json.loads(set_files("00-start-here").exercise.read_bytes())
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    if saved:
        for i, c in enumerate(code, 1):
            c["execution_count"] = i
            c["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["ran\n"]}]
            c["metadata"]["collapsed"] = True
        code[1]["source"] = "".join(code[1]["source"]) + "  \n\n"
        nb["metadata"]["widgets"] = {"state": {}}
    if worked:
        code[1]["source"] = "".join(code[1]["source"]).replace("n_enrolled = ...", "n_enrolled = 191")
    return json.dumps(nb, indent=1).encode()


def test_collect_takes_the_old_name_when_the_new_one_is_the_blank_handout(tmp_path):
    """A class handed the old files that pulls the updated course has a blank handout copy under the new name next
    to the student's work under the old one: the work is collected, and the report says which file and why. A
    notebook that is not exactly the handout (an answer typed in, or not valid JSON) counts as work; between two
    blank copies or two worked-on ones the new name wins, as before."""
    cases = {  # student: (new name's bytes, old name's bytes, the one collected)
        "ana": (_handout(), _handout(worked=True), "old"),  # blank + worked: the work
        "ben": (_handout(worked=True), _handout(worked=True, saved=False), "new"),  # both worked: the new name
        "cy": (_handout(worked=True), _handout(), "new"),  # worked + blank: the work
        "dee": (_handout(), None, "new"),  # only the blank copy: collected (graded as unanswered)
        "eli": (b'{"cells": [', _handout(worked=True), "new"),  # invalid JSON is not blank: graded as broken
        "fay": (_handout(), _handout(saved=False), "new"),  # both blank: the new name
    }
    homes = tmp_path / "home"
    for s, (new, old, _) in cases.items():
        _home(homes, s, new)
        if old is not None:
            (homes / s / COURSE / OLD_NB).write_bytes(old)
    out = tmp_path / "subs"
    rows = {r.student: r for r in collect(f"{homes}/{{student}}/{COURSE}/{NB}", out)}
    for s, (new, old, taken) in cases.items():
        assert rows[s].status == "collected", (s, rows[s])
        assert rows[s].source.endswith(NB if taken == "new" else OLD_NB), (s, rows[s])
        assert (out / f"{s}.ipynb").read_bytes() == (new if taken == "new" else old), s
    assert rows["ana"].detail.endswith("00-start-here-exercises.ipynb is the blank handout copy, so the student's "
                                       "work under the old name 00-start-here.ipynb was taken")
    assert rows["dee"].detail.endswith("; still the blank handout copy (nothing answered)")
    assert "and so is 00-start-here.ipynb" in rows["fay"].detail
    for s in ("ben", "cy", "eli"):  # the new name, as always: nothing more to say
        assert rows[s].detail == f"{len(cases[s][0])} bytes"


def test_collect_reads_the_old_name_safely_when_the_new_one_is_blank(tmp_path):
    """Beside a blank copy under the new name, the old name is read with the same checks: a symbolic link there is
    not followed and a file over the size cap is not read; the blank copy is collected and the report says why."""
    homes = tmp_path / "home"
    secret = tmp_path / "secret.ipynb"
    secret.write_bytes(_handout(worked=True))
    _home(homes, "eve", _handout())
    (homes / "eve" / COURSE / OLD_NB).symlink_to(secret)
    _home(homes, "max", _handout())
    (homes / "max" / COURSE / OLD_NB).write_bytes(_handout(worked=True) + b" " * 100_000)
    out = tmp_path / "subs"
    rows = {r.student: r for r in collect(f"{homes}/{{student}}/{COURSE}/{NB}", out, max_bytes=60_000)}
    for s in ("eve", "max"):
        assert rows[s].status == "collected" and rows[s].source.endswith(NB), (s, rows[s])
        assert (out / f"{s}.ipynb").read_bytes() == _handout()
    assert "00-start-here.ipynb not read:" in rows["eve"].detail and "symbolic link" in rows["eve"].detail
    assert "larger than" in rows["max"].detail


def _graded(tmp_path, *students):
    out = tmp_path / "graded"
    (out / "feedback").mkdir(parents=True)
    for s in students:
        (out / "feedback" / f"{s}.html").write_text(f"<p>feedback for {s}</p>")
    return out


@AS_ROOT
def test_return_writes_each_page_into_its_owners_home_only(tmp_path):
    """The page lands in the student's own feedback/ folder, owned by the home's owner, mode 0600; feedback/ is made
    (owned by the student); a home without the course folder is skipped, not given one."""
    homes = tmp_path / "home"
    _home(homes, "ana", uid=5001)
    _home(homes, "ben", uid=5002)
    (homes / "cy").mkdir()
    os.chown(homes / "cy", 5003, 5003)
    out = _graded(tmp_path, "ana", "ben", "cy", "ghost")
    rows = {r.student: r for r in return_feedback(out, f"{homes}/{{student}}/{COURSE}/feedback/00-start-here.html")}
    assert {s: r.status for s, r in rows.items()} == {"ana": "returned", "ben": "returned", "cy": "skipped",
                                                       "ghost": "skipped"}
    for s, uid in (("ana", 5001), ("ben", 5002)):
        page = homes / s / COURSE / "feedback" / "00-start-here.html"
        st = page.stat()
        assert page.read_text() == f"<p>feedback for {s}</p>"
        assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (uid, uid, 0o600)
        assert (homes / s / COURSE / "feedback").stat().st_uid == uid
        assert [p.name for p in (homes / s / COURSE / "feedback").iterdir()] == ["00-start-here.html"]
    assert not (homes / "cy" / COURSE).exists()
    # returning again replaces the page (e.g. after manual grading), mode 0640 (the student's group too) on request
    (out / "feedback" / "ana.html").write_text("<p>v2</p>")
    return_feedback(out, f"{homes}/{{student}}/{COURSE}/feedback/00-start-here.html", mode=0o640, students=["ana"])
    page = homes / "ana" / COURSE / "feedback" / "00-start-here.html"
    assert page.read_text() == "<p>v2</p>" and stat.S_IMODE(page.stat().st_mode) == 0o640


def test_return_refuses_planted_symbolic_links(tmp_path):
    """feedback/ linked to another student's folder, the page linked to a file elsewhere, the course folder
    linked away: nothing is written through the link, and the other student's files are untouched."""
    homes = tmp_path / "home"
    ana = _home(homes, "ana")
    (ana / COURSE / "feedback").mkdir()
    (ana / COURSE / "feedback" / "00-start-here.html").write_text("ana's own page")
    eve = _home(homes, "eve")
    (eve / COURSE / "feedback").symlink_to(ana / COURSE / "feedback")
    mal = _home(homes, "mal")
    (mal / COURSE / "feedback").mkdir()
    target = tmp_path / "elsewhere.txt"
    target.write_text("untouched")
    (mal / COURSE / "feedback" / "00-start-here.html").symlink_to(target)
    zed = homes / "zed"
    zed.mkdir()
    (zed / COURSE).symlink_to(ana / COURSE)
    out = _graded(tmp_path, "eve", "mal", "zed")
    rows = {r.student: r for r in return_feedback(out, f"{homes}/{{student}}/{COURSE}/feedback/00-start-here.html")}
    assert rows["eve"].status == "refused" and "symbolic link" in rows["eve"].detail
    assert rows["zed"].status == "refused"
    assert (ana / COURSE / "feedback" / "00-start-here.html").read_text() == "ana's own page"
    assert sorted(p.name for p in (ana / COURSE / "feedback").iterdir()) == ["00-start-here.html"]
    # mal's planted link is replaced by a real file in mal's own folder; its target is untouched
    assert rows["mal"].status == "returned"
    page = mal / COURSE / "feedback" / "00-start-here.html"
    assert not page.is_symlink() and page.read_text() == "<p>feedback for mal</p>"
    assert target.read_text() == "untouched"


def test_return_command_exits_1_when_a_page_was_refused(tmp_path, capsys):
    homes = tmp_path / "home"
    ana = _home(homes, "ana")
    eve = _home(homes, "eve")
    (eve / COURSE / "feedback").symlink_to(ana / COURSE)
    out = _graded(tmp_path, "ana", "eve")
    code = cli.main(["return", str(out), "--to", f"{homes}/{{student}}/{COURSE}/feedback/00.html"])
    assert code == 1
    assert "refused: eve" in capsys.readouterr().out
    assert (ana / COURSE / "feedback" / "00.html").exists() and not (ana / COURSE / "00.html").exists()


def test_the_repository_builds_a_hub_user_environment():
    """requirements.txt pins what a student's server needs (nbgitpuller for the hand-out link) and installs the
    package (-e .), and no test tool: jupyterhub (the hub's own package, which TLJH's user environment and
    repo2docker's base image already hold), pytest and playwright are in requirements-dev.txt;
    there is no binder/ folder, which would make repo2docker ignore the root requirements.txt; nbgitpuller's server
    extension is enabled in this environment (the git-pull link needs it)."""
    import json
    import sys
    from pathlib import Path

    from helpers import ROOT

    lines = [ln.strip() for ln in (ROOT / "requirements.txt").read_text().splitlines()]
    pins = dict(ln.split("==", 1) for ln in lines if "==" in ln and not ln.startswith("#"))
    assert "nbgitpuller" in pins
    assert not {"jupyterhub", "pytest", "nbval", "playwright", "import-linter"} & set(pins)
    dev = [ln.strip() for ln in (ROOT / "requirements-dev.txt").read_text().splitlines()]
    dev_pins = dict(ln.split("==", 1) for ln in dev if "==" in ln and not ln.startswith("#"))
    assert "-r requirements.txt" in dev and {"jupyterhub", "pytest", "nbval", "playwright"} <= set(dev_pins)
    assert "-e ." in lines
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()
    cfg = Path(sys.prefix) / "etc" / "jupyter" / "jupyter_server_config.d" / "nbgitpuller.json"
    assert json.loads(cfg.read_text())["ServerApp"]["jpserver_extensions"]["nbgitpuller"] is True
