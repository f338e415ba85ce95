"""Grading intake (legpain.grading.intake): every file gets one row, with the exact reason when it is not graded.

Fast unit tests written against the survivors of tools/mutation.py: each pins one behaviour exactly."""

import io
import os
import stat
import unicodedata
import zipfile

import pytest

from legpain.grading import intake
from legpain.grading.intake import IntakeError, Item, find_submissions


def _rows(items):
    return [(i.student, i.path.name if i.path else None, i.label, i.problem) for i in items]


def _zip(path, members, symlinks=(), flag_utf8=True):
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name)
            if not flag_utf8:
                info.flag_bits &= ~0x800
            zf.writestr(info, data)
        for name, target in symlinks:
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, target)
    return path


def test_limits_and_system_names():
    """The caps are 100 MB per member or notebook, 1 GB per zip, 20,000 members; system names are recognised."""
    assert intake.MAX_MEMBER_BYTES == 100 * 1024 ** 2 == intake.MAX_NOTEBOOK_BYTES
    assert intake.MAX_ZIP_BYTES == 1024 ** 3 and intake.MAX_MEMBERS == 20_000
    for name in (".DS_Store", "Thumbs.db", "desktop.ini", "__MACOSX", "__MACOSX_x", "._ana.ipynb",
                 ".ipynb_checkpoints"):
        assert intake._is_system(name), name
    for name in ("ana.ipynb", "MACOSX", "_a", ".ipynb_checkpoints2", "a.DS_Store"):
        assert not intake._is_system(name), name


def test_names_ids_and_stems():
    """Student ids are NFC; notebook names end in .ipynb in any case; a stem drops one extension (not a leading
    dot)."""
    assert intake.student_id("Jose\u0301") == "Jos\u00e9"
    assert intake._is_notebook_name("A.IPYNB") and not intake._is_notebook_name("a.ipynb.txt")
    assert intake._stem(".ipynb") == "" and intake._stem("a.pdf") == "a"
    assert intake._stem("ana.IPYNB") == "ana" and intake._stem("ana.b.pdf") == "ana.b" and intake._stem(".hidden") == \
        ".hidden" and intake._stem("plain") == "plain" and intake._stem("x.ipynb") == "x"


def test_member_names_in_cp437_are_read_as_utf8():
    """A member name not flagged UTF-8 is read as the UTF-8 most tools wrote; one that is not UTF-8 is kept."""
    info = zipfile.ZipInfo("x")
    info.filename = "José.ipynb".encode("utf-8").decode("cp437")
    info.flag_bits = 0
    assert intake._member_name(info) == "José.ipynb"
    info.flag_bits = 0x800
    assert intake._member_name(info) == "José.ipynb".encode("utf-8").decode("cp437")
    info.filename, info.flag_bits = "\u00e9.ipynb", 0  # é in cp437 is one byte, not valid UTF-8 alone
    assert intake._member_name(info) == "\u00e9.ipynb"
    info.filename = "\u4e2d.ipynb"  # not encodable in cp437
    assert intake._member_name(info) == "\u4e2d.ipynb"


def test_extract_refuses_each_bad_member_with_its_reason(tmp_path):
    """Absolute paths, climbing paths, links and case-colliding duplicates are refused (nothing written outside);
    directories, '.' parts and system files are skipped; good members are unpacked."""
    z = _zip(tmp_path / "s.zip", [
        ("/abs.ipynb", b"x"), ("C:/win.ipynb", b"x"), ("../up.ipynb", b"x"), ("a/../../up2.ipynb", b"x"),
        ("./ana/./ana.ipynb", b"A"), ("ANA/ana.IPYNB", b"B"), ("__MACOSX/ana/._ana.ipynb", b"x"), ("dir/", b""),
        ("./", b""), ("bo\\b.ipynb", b"C"), ("..", b"x"),
    ], symlinks=[("link.ipynb", "/etc/passwd")])
    dest = tmp_path / "out"
    dest.mkdir()
    refused = intake._extract(z, dest)
    assert [(i.student, i.path, i.label, i.problem) for i in refused] == [
        ("abs", None, "zip: /abs.ipynb",
         "refused: an absolute path in the zip (nothing was written outside the folder)"),
        ("win", None, "zip: C:/win.ipynb",
         "refused: an absolute path in the zip (nothing was written outside the folder)"),
        ("up", None, "zip: ../up.ipynb", "refused: its path leaves the folder (..); nothing was written outside it"),
        ("up2", None, "zip: a/../../up2.ipynb",
         "refused: its path leaves the folder (..); nothing was written outside it"),
        ("ana", None, "zip: ANA/ana.IPYNB",
         "refused: the zip holds another file with this name (differing at most in case)"),
        ("(refused)", None, "zip: ..", "refused: its path leaves the folder (..); nothing was written outside it"),
        ("link", None, "zip: link.ipynb", "refused: a symbolic link in the zip (links are never followed)"),
    ]
    assert sorted(str(p.relative_to(dest)) for p in dest.rglob("*") if p.is_file()) == ["ana/ana.ipynb", "bo/b.ipynb"]
    assert (dest / "ana" / "ana.ipynb").read_bytes() == b"A"
    assert not (tmp_path / "up.ipynb").exists() and not (tmp_path / "abs.ipynb").exists()
    assert not (dest / "dir").exists() and not (dest / "__MACOSX").exists()
    assert stat.S_IMODE((dest / "ana" / "ana.ipynb").stat().st_mode) == 0o600


def test_a_refused_member_without_a_file_name_gets_the_refused_id(tmp_path):
    """A refused zip member whose path ends in no file name ('..', '../', 'a/..', '/', a dots-only name) is the
    student '(refused)', never a dot name; its label keeps the member's name and its feedback file name is safe.
    A refused member with a file name keeps that name's stem ('../ana.ipynb' is 'ana', '/.hidden' is '.hidden')."""
    assert intake.REFUSED_ID == "(refused)"
    z = _zip(tmp_path / "s.zip", [("ana.ipynb", b"{}"), ("..", b"x"), ("../", b""), ("a/..", b"x"), ("/", b""),
                                  ("/...", b"x"), ("..\\", b""), ("../ana.ipynb", b"x"), ("/.hidden", b"x")])
    items, tmp = find_submissions(z, "01-x", workdir=tmp_path)
    try:
        refused = {i.label: i.student for i in items if i.label.startswith("zip: ")}
    finally:
        intake.cleanup(tmp)
    assert refused == {"zip: ..": "(refused)", "zip: ../": "(refused)", "zip: a/..": "(refused)",
                       "zip: /": "(refused)", "zip: /...": "(refused)", "zip: ..\\": "(refused)",
                       "zip: ../ana.ipynb": "ana", "zip: /.hidden": ".hidden"}
    assert intake.safe_filename(intake.REFUSED_ID) == "(refused)"
    names, notes = intake.feedback_names(["ana", intake.REFUSED_ID])
    assert names == {"ana": "ana", "(refused)": "(refused)"} and notes == []


def test_extract_caps(tmp_path, monkeypatch):
    """A member over the per-file cap (as declared, or as really unpacked) and members past the whole-zip cap are
    refused with their messages and leave no file; too many members stop the run."""
    z = _zip(tmp_path / "s.zip", [("a.ipynb", b"x" * 10), ("b.ipynb", b"x" * 30), ("c.ipynb", b"x" * 20),
                                  ("d.ipynb", b"x" * 5)])
    monkeypatch.setattr(intake, "MAX_MEMBER_BYTES", 25)
    monkeypatch.setattr(intake, "MAX_ZIP_BYTES", 30)
    dest = tmp_path / "out"
    dest.mkdir()
    refused = intake._extract(z, dest)
    assert [(i.label, i.problem) for i in refused] == [
        ("zip: b.ipynb", "refused: unpacks to 0 MB, more than the 0 MB a submission may have"),
        ("zip: d.ipynb", "refused: the zip unpacks to more than 0 GB in all; this file and the rest were not unpacked"),
    ]
    assert sorted(p.name for p in dest.iterdir()) == ["a.ipynb", "c.ipynb"]  # 10 + 20 == 30 fits, + 5 does not
    monkeypatch.setattr(intake, "MAX_ZIP_BYTES", 15)
    dest2 = tmp_path / "out2"
    dest2.mkdir()
    assert [i.label for i in intake._extract(z, dest2)] == ["zip: b.ipynb", "zip: c.ipynb"]
    assert sorted(p.name for p in dest2.iterdir()) == ["a.ipynb", "d.ipynb"]  # 10 + 5 == 15 fits
    monkeypatch.setattr(intake, "MAX_MEMBERS", 3)
    with pytest.raises(IntakeError) as exc:
        intake._extract(z, dest)
    assert str(exc.value) == f"{z}: holds 4 files, more than the 3 this grader reads"
    monkeypatch.setattr(intake, "MAX_MEMBERS", 4)
    intake._extract(z, tmp_path / "out3")


def test_extract_counts_the_bytes_really_unpacked(tmp_path, monkeypatch):
    """A member that says it is small but unpacks to more than the cap is stopped while unpacking (a zip bomb),
    and its partial file is removed."""
    z = _zip(tmp_path / "s.zip", [("bomb.ipynb", b"x")])
    monkeypatch.setattr(intake, "MAX_MEMBER_BYTES", 25)

    class Endless(io.RawIOBase):
        def read(self, n=-1):
            return b"x" * 20

    monkeypatch.setattr(zipfile.ZipFile, "open", lambda self, info, *a, **k: Endless())
    dest = tmp_path / "out"
    dest.mkdir()
    refused = intake._extract(z, dest)
    assert [i.problem for i in refused] == [
        "refused: unpacks to more than the 0 MB a submission may have (a zip bomb?)"]
    assert list(dest.iterdir()) == []


def test_extract_bad_zips(tmp_path):
    """A file that is not a zip stops the run with its name; a member that cannot be unpacked is refused."""
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a zip")
    with pytest.raises(IntakeError) as exc:
        intake._extract(bad, tmp_path)
    assert str(exc.value).startswith(f"{bad}: not a readable zip file (")
    z = _zip(tmp_path / "s.zip", [("a.ipynb", b"hello" * 100)])
    data = bytearray(z.read_bytes())
    i = data.index(b"hello")
    data[i:i + 5] = b"HELLO"  # CRC error when read
    z.write_bytes(bytes(data))
    dest = tmp_path / "out"
    dest.mkdir()
    refused = intake._extract(z, dest)
    assert refused[0].problem.startswith("refused: cannot be unpacked (BadZipFile: ") and len(refused[0].problem) <= 200
    assert list(dest.iterdir()) == []


def test_single_top_folder(tmp_path):
    """A lone top folder holding notebooks or only folders is looked into; otherwise the root is used."""
    (tmp_path / "a" / "class").mkdir(parents=True)
    (tmp_path / "a" / "class" / "x.ipynb").write_text("{}")
    (tmp_path / "a" / ".DS_Store").write_text("")
    assert intake._single_top_folder(tmp_path / "a") == tmp_path / "a" / "class"
    (tmp_path / "b" / "class" / "ana").mkdir(parents=True)
    (tmp_path / "b" / "class" / "bo").mkdir()
    assert intake._single_top_folder(tmp_path / "b") == tmp_path / "b" / "class"
    (tmp_path / "b" / "class" / "notes.txt").write_text("")
    assert intake._single_top_folder(tmp_path / "b") == tmp_path / "b"
    (tmp_path / "c" / "class").mkdir(parents=True)
    assert intake._single_top_folder(tmp_path / "c") == tmp_path / "c"  # empty inner folder
    (tmp_path / "d" / "class").mkdir(parents=True)
    (tmp_path / "d" / "other.ipynb").write_text("{}")
    assert intake._single_top_folder(tmp_path / "d") == tmp_path / "d"  # two entries
    (tmp_path / "e").mkdir()
    (tmp_path / "e" / "only.ipynb").write_text("{}")
    assert intake._single_top_folder(tmp_path / "e") == tmp_path / "e"  # a file, not a folder
    (tmp_path / "f").mkdir()
    os.symlink(tmp_path / "a" / "class", tmp_path / "f" / "link")
    assert intake._single_top_folder(tmp_path / "f") == tmp_path / "f"  # never into a link


def test_find_submissions_folder_rows(tmp_path):
    """Every entry gets one row: notebooks, other files, system files, links, empty folders, folders with one or
    more notebooks (the one named like the set first), folders without notebooks, duplicate ids."""
    src = tmp_path / "subs"
    src.mkdir()
    (src / "ana.ipynb").write_text("{}")
    (src / "bo.pdf").write_text("x")
    (src / ".DS_Store").write_text("")
    os.symlink(src / "ana.ipynb", src / "cy.ipynb")
    (src / "dee").mkdir()
    (src / "ed").mkdir()
    (src / "ed" / "z-01-demo.ipynb").write_text("{}")
    (src / "ed" / "a.ipynb").write_text("{}")
    (src / "ed" / "notes.txt").write_text("")
    (src / "ed" / ".ipynb_checkpoints").mkdir()
    (src / "ed" / ".ipynb_checkpoints" / "a-checkpoint.ipynb").write_text("{}")
    (src / "fay").mkdir()
    (src / "fay" / "essay.docx").write_text("")
    (src / "ana").mkdir()
    (src / "ana" / "ana.ipynb").write_text("{}")
    (src / "gus").mkdir()
    os.symlink(src / "ed", src / "gus" / "linked")
    os.symlink(src / "ana.ipynb", src / "gus" / "gus.ipynb")
    items, tmp = find_submissions(src, "01-demo")
    assert tmp is None
    assert _rows(items) == [
        (".DS_Store", None, ".DS_Store", "a system file, not a submission (ignored)"),
        ("ana", "ana.ipynb", "ana/ana.ipynb", ""),
        ("ana", None, "ana.ipynb", "duplicate student id: ana is also ana/ana.ipynb, which was graded"),
        ("bo", None, "bo.pdf", "not a notebook (.ipynb) file"),
        ("cy", None, "cy.ipynb", "refused: a symbolic link (links are never followed; submit the notebook itself)"),
        ("dee", None, "dee/", "empty folder: no notebook submitted"),
        ("ed", None, "ed/.ipynb_checkpoints/a-checkpoint.ipynb",
         "a system file or checkpoint copy, not a submission (ignored)"),
        ("ed", "z-01-demo.ipynb", "ed/z-01-demo.ipynb", ""),
        ("ed", None, "ed/a.ipynb", "duplicate student id: ed has another notebook, ed/z-01-demo.ipynb, which was "
                                   "graded"),
        ("ed", None, "ed/notes.txt", "not a notebook (.ipynb) file"),
        ("fay", None, "fay/essay.docx", "not a notebook (.ipynb) file"),
        ("fay", None, "fay/", "no notebook (.ipynb) in this folder"),
        ("gus", None, "gus/gus.ipynb",
         "refused: a symbolic link (links are never followed; submit the notebook itself)"),
        ("gus", None, "gus/linked",
         "refused: a symbolic link (links are never followed; submit the notebook itself)"),
    ]


def test_the_exercise_notebook_is_found_under_its_new_and_its_old_name(tmp_path):
    """In a student's folder the set's notebook is graded whether it has the student copy's name
    (00-start-here-exercises.ipynb) or the name it had before issue 14 (00-start-here.ipynb, which a class handed
    the old files still has); with both, the new name is graded; either beats another name holding the slug, and
    that beats any other notebook."""
    src = tmp_path / "subs"
    for student, names in {"new": ["a.ipynb", "00-start-here-exercises.ipynb"],
                           "old": ["a.ipynb", "00-start-here.ipynb"],
                           "both": ["00-start-here.ipynb", "00-start-here-exercises.ipynb"],
                           "copy": ["00-start-here-exercises (1).ipynb", "00-start-here.ipynb"],
                           "other": ["00-start-here-exercises (1).ipynb", "a.ipynb"]}.items():
        (src / student).mkdir(parents=True)
        for name in names:
            (src / student / name).write_text("{}")
    items, _ = find_submissions(src, "00-start-here")
    graded = {i.student: i.path.name for i in items if i.path is not None}
    assert graded == {"new": "00-start-here-exercises.ipynb", "old": "00-start-here.ipynb",
                      "both": "00-start-here-exercises.ipynb", "copy": "00-start-here.ipynb",
                      "other": "00-start-here-exercises (1).ipynb"}
    assert [intake._name_rank(n, "00-start-here") for n in ("00-start-here-exercises.ipynb", "00-start-here.ipynb",
            "00-Start-Here-Exercises.IPYNB", "x 00-start-here.ipynb", "00-start-here-solutions.ipynb", "a.ipynb")] \
        == [0, 1, 0, 2, 2, 3]


def _handout(worked: bool = False) -> bytes:
    """The course's blank copy of set 00 as Jupyter saves it after a run (outputs, counts, metadata: not work), or
    with an answer typed in."""
    import json

    from legpain.common.layout import set_files

    nb = json.loads(set_files("00-start-here").exercise.read_bytes())
    for i, c in enumerate(c for c in nb["cells"] if c["cell_type"] == "code"):
        c["execution_count"], c["outputs"], c["metadata"] = i + 1, [{"output_type": "stream", "name": "stdout",
                                                                      "text": "ran\n"}], {"scrolled": True}
        if worked and "n_enrolled = ..." in "".join(c["source"]):
            c["source"] = "".join(c["source"]).replace("n_enrolled = ...", "n_enrolled = 191")
    return json.dumps(nb).encode()


def test_a_blank_handout_copy_loses_to_the_students_work_under_the_old_name(tmp_path):
    """A class handed the old files that pulls the updated course has a blank copy under the new name beside the
    student's work under the old one: the work is graded, and the blank copy's row says why it was not. A notebook
    that is not exactly the handout (an answer, or invalid JSON: graded as broken) is work; between two blank or
    two worked-on copies the new name is graded, as before."""
    new, old = "00-start-here-exercises.ipynb", "00-start-here.ipynb"
    cases = {  # student: (new name's bytes, old name's bytes, the one graded)
        "ana": (_handout(), _handout(worked=True), old),
        "ben": (_handout(worked=True), _handout(worked=True), new),
        "cy": (_handout(worked=True), _handout(), new),
        "dee": (_handout(), None, new),  # only the blank copy: graded (as unanswered)
        "eli": (b'{"cells": [', _handout(worked=True), new),  # invalid JSON is not blank
        "fay": (_handout(), _handout(), new),
    }
    src = tmp_path / "subs"
    for student, (a, b, _) in cases.items():
        (src / student).mkdir(parents=True)
        (src / student / new).write_bytes(a)
        if b is not None:
            (src / student / old).write_bytes(b)
    items, _ = find_submissions(src, "00-start-here")
    graded = {i.student: i.path.name for i in items if i.path is not None}
    assert graded == {s: taken for s, (_, _, taken) in cases.items()}
    problems = {i.label: i.problem for i in items if i.path is None}
    assert problems == {
        f"ana/{new}": f"the blank handout copy; ana/{old} holds the student's work and was graded",
        **{f"{s}/{old}": f"duplicate student id: {s} has another notebook, {s}/{new}, which was graded"
           for s in ("ben", "cy", "eli", "fay")}}


def test_the_blank_handout_check_reads_safely(tmp_path, monkeypatch):
    """The check reads no file through a symbolic link, no fifo, nothing over the size cap, and is only as good as
    the course it compares with: against a course without this exercise notebook nothing is blank."""
    from legpain.common.layout import is_blank_handout
    from legpain.common.notebooks import COURSE_ROOT

    assert is_blank_handout(_handout(), "00-start-here") and not is_blank_handout(_handout(True), "00-start-here")
    assert not is_blank_handout(b"\xff\xfe", "00-start-here") and not is_blank_handout("[]", "00-start-here")
    assert not is_blank_handout(_handout(), "01-the-spine") and not is_blank_handout(_handout(), "00-start-here",
                                                                                     root=tmp_path)
    (tmp_path / "blank.ipynb").write_bytes(_handout())
    os.symlink(tmp_path / "blank.ipynb", tmp_path / "link.ipynb")
    os.mkfifo(tmp_path / "fifo.ipynb")
    assert intake._is_blank_copy(tmp_path / "blank.ipynb", "00-start-here", COURSE_ROOT)
    assert not intake._is_blank_copy(tmp_path / "link.ipynb", "00-start-here", COURSE_ROOT)
    assert not intake._is_blank_copy(tmp_path / "fifo.ipynb", "00-start-here", COURSE_ROOT)  # and no hang
    assert not intake._is_blank_copy(tmp_path / "missing.ipynb", "00-start-here", COURSE_ROOT)
    monkeypatch.setattr(intake, "MAX_NOTEBOOK_BYTES", 1000)
    assert not intake._is_blank_copy(tmp_path / "blank.ipynb", "00-start-here", COURSE_ROOT)
    # in a student's folder, a blank copy under the new name beside a worked-on copy under the old name, against
    # another course root that has no such set: nothing is blank, the new name is graded
    (tmp_path / "s" / "ana").mkdir(parents=True)
    (tmp_path / "s" / "ana" / "00-start-here-exercises.ipynb").write_bytes(_handout())
    (tmp_path / "s" / "ana" / "00-start-here.ipynb").write_bytes(_handout(True))
    monkeypatch.undo()
    items, _ = find_submissions(tmp_path / "s", "00-start-here", course_root=tmp_path)
    assert [i.label for i in items if i.path] == ["ana/00-start-here-exercises.ipynb"]
    items, _ = find_submissions(tmp_path / "s", "00-start-here")
    assert [i.label for i in items if i.path] == ["ana/00-start-here.ipynb"]


def test_find_submissions_other_entries_and_unicode_duplicates(tmp_path):
    """A folder with only a checkpoint gets no 'empty' row; a fifo is 'not a regular file'; the same id in two
    Unicode forms is one student (the first by name is graded)."""
    src = tmp_path / "subs"
    src.mkdir()
    (src / "only-system").mkdir()
    (src / "only-system" / ".DS_Store").write_text("")
    os.mkfifo(src / "pipe")
    nfd = unicodedata.normalize("NFD", "José")
    (src / f"{nfd}.ipynb").write_text("{}")
    (src / "José").mkdir()
    (src / "José" / "x.ipynb").write_text("{}")
    items, _ = find_submissions(src, "01-demo")
    rows = _rows(items)
    assert ("only-system", None, "only-system/.DS_Store",
            "a system file or checkpoint copy, not a submission (ignored)") in rows
    assert not any(r[3].startswith("empty folder") for r in rows)
    assert ("pipe", None, "pipe", "not a regular file (ignored)") in rows
    graded = [r for r in rows if r[1]]
    assert len(graded) == 1 and graded[0][0] == "José"
    dup = next(i for i in items if i.problem.startswith("duplicate student id: José is also"))
    assert dup.path is None


def test_find_submissions_zip_and_errors(tmp_path):
    """A zip is unpacked into a temporary folder (under workdir), looked into past a lone top folder, and its
    refused members are listed after the files; missing sources, other files and unreadable folders stop the
    run; a bad zip leaves no temporary folder."""
    z = _zip(tmp_path / "class.zip", [("class/ana.ipynb", b"{}"), ("class/bo.ipynb", b"{}"), ("../x.ipynb", b"")])
    work = tmp_path / "work"
    work.mkdir()
    items, tmp = find_submissions(z, "01-demo", workdir=work)
    assert tmp.parent == work and tmp.name.startswith("legpain-zip-")
    assert _rows(items) == [("ana", "ana.ipynb", "ana.ipynb", ""), ("bo", "bo.ipynb", "bo.ipynb", ""),
                            ("x", None, "zip: ../x.ipynb",
                             "refused: its path leaves the folder (..); nothing was written outside it")]
    intake.cleanup(tmp)
    assert not tmp.exists()
    intake.cleanup(None)
    intake.cleanup(tmp)
    (tmp_path / "a-file").write_text("x")
    intake.cleanup(tmp_path / "a-file")  # cannot be removed as a folder: ignored, not raised
    upper = _zip(tmp_path / "UP.ZIP", [("a.ipynb", b"{}")])
    items, tmp = find_submissions(upper, "01-demo", workdir=work)
    assert _rows(items) == [("a", "a.ipynb", "a.ipynb", "")]
    intake.cleanup(tmp)
    with pytest.raises(IntakeError) as exc:
        find_submissions(tmp_path / "nope", "x")
    assert str(exc.value) == f"{tmp_path / 'nope'}: no such file or folder"
    (tmp_path / "a.txt").write_text("")
    with pytest.raises(IntakeError) as exc:
        find_submissions(tmp_path / "a.txt", "x")
    assert str(exc.value) == f"{tmp_path / 'a.txt'}: expected a folder of submissions or a .zip file"
    (tmp_path / "bad.zip").write_bytes(b"no")
    with pytest.raises(IntakeError):
        find_submissions(tmp_path / "bad.zip", "x", workdir=work)
    assert list(work.iterdir()) == []


def test_unreadable_folder(tmp_path, monkeypatch):
    """A folder that cannot be listed stops the run, saying why."""
    from pathlib import Path

    def deny(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "iterdir", deny)
    with pytest.raises(IntakeError) as exc:
        find_submissions(tmp_path, "x")
    assert str(exc.value) == f"{tmp_path}: cannot be read (Permission denied)"


def test_safe_filenames_and_feedback_names():
    """A feedback file name is the id unless it holds a separator or control character (replaced by _ and
    stripped of dots) or is empty or a dot name; names that differ only in case or Unicode form are numbered,
    with a note."""
    assert intake.safe_filename("Ana María") == "Ana María" and intake.safe_filename("Xavier") == "Xavier"
    assert intake.safe_filename("X/") == "X_"
    assert intake.safe_filename("a/b\\c\0d\ne") == "a_b_c_d_e"
    assert intake.safe_filename("..") == "student" and intake.safe_filename("") == "student"
    assert intake.safe_filename(".") == "student" and intake.safe_filename("../x") == "_x"
    assert intake.safe_filename(".x/") == "x_" and intake.safe_filename("\x1f") == "_"
    names, notes = intake.feedback_names(["ana", "Ana", "ANA", "ana", "bo", "Jos\u00e9", unicodedata.normalize(
        "NFD", "José")])
    assert names == {"ana": "ana", "Ana": "Ana (2)", "ANA": "ANA (3)", "bo": "bo", "Jos\u00e9": "Jos\u00e9",
                     unicodedata.normalize("NFD", "José"): unicodedata.normalize("NFD", "José") + " (2)"}
    assert notes[0] == ("student ids differ only in letter case: the feedback of 'Ana' is in feedback/Ana (2).html "
                        "(not Ana.html, which a Windows or macOS disk would treat as the same file)")
    assert len(notes) == 3
    assert Item("a", None, "l").problem == "" and Item("a", None, "l").note == ""


def test_why_an_os_error_happened():
    """Short reasons, without paths: a name too long, a file where a folder should be, else the error's words."""
    import errno

    assert intake._why(OSError(errno.ENAMETOOLONG, "long")) == "its name is too long for the disk"
    for code in (errno.EEXIST, errno.ENOTDIR):
        assert intake._why(OSError(code, "x")) == "a file in the zip has the name of one of its folders"
    assert intake._why(OSError(errno.EIO, "Input/output error")) == "OSError: Input/output error"
    assert intake._why(PermissionError(errno.EACCES, "Permission denied")) == "PermissionError: Permission denied"
    assert intake._why(OSError("no code")) == "OSError: no code"
    assert intake._why(ValueError("bad")) == "ValueError: bad"


def test_extract_more_members(tmp_path, monkeypatch):
    """A file named like a later member's folder, and a folder name too long for the disk, are refused and the
    rest unpacked; a one-letter name and a deep path are fine; 'C:' and a dot name are refused; '../' as a
    folder is refused; a member of exactly the cap is fine; a file name too long for the disk is refused."""
    z = _zip(tmp_path / "s.zip", [
        ("a", b"1"), ("a/b.ipynb", b"2"), ("d" * 300 + "/x.ipynb", b"3"), ("x/y/z.ipynb", b"4"), ("C:", b"5"),
        ("/.hidden", b"6"), ("D:\\dir\\win2.ipynb", b"7"), ("../", b""), ("e" * 300 + ".ipynb", b"8"),
        ("exact.ipynb", b"x" * 25), ("ok.ipynb", b"9"),
    ])
    monkeypatch.setattr(intake, "MAX_MEMBER_BYTES", 25)
    dest = tmp_path / "out"
    dest.mkdir()
    refused = {i.label: (i.student, i.problem) for i in intake._extract(z, dest)}
    assert refused["zip: a/b.ipynb"] == ("b", "refused: cannot be unpacked here (a file in the zip has the name of one "
                                              "of its folders)")
    assert refused["zip: " + "d" * 300 + "/x.ipynb"] == ("x", "refused: cannot be unpacked here (its name is too "
                                                              "long for the disk)")
    assert refused["zip: C:"][1].startswith("refused: an absolute path")
    assert refused["zip: /.hidden"][0] == ".hidden"
    assert refused["zip: D:\\dir\\win2.ipynb"][0] == "win2"
    assert refused["zip: ../"] == ("(refused)",
                                   "refused: its path leaves the folder (..); nothing was written outside it")
    long_file = refused["zip: " + "e" * 300 + ".ipynb"]
    assert long_file[1].startswith("refused: cannot be unpacked (")
    assert sorted(str(p.relative_to(dest)) for p in dest.rglob("*") if p.is_file()) == [
        "a", "exact.ipynb", "ok.ipynb", "x/y/z.ipynb"]


def test_extract_streams_in_one_megabyte_chunks_and_cuts_long_reasons(tmp_path, monkeypatch):
    """Members are read 1 MiB at a time (a zip bomb never sits in memory whole); a failure's reason is cut at 200
    characters."""
    import errno

    z = _zip(tmp_path / "s.zip", [("a.ipynb", b"x")])
    asked = []

    class Chunks(io.RawIOBase):
        def read(self, n=-1):
            asked.append(n)
            return b"x" if len(asked) == 1 else b""

    monkeypatch.setattr(zipfile.ZipFile, "open", lambda self, info, *a, **k: Chunks())
    dest = tmp_path / "out"
    dest.mkdir()
    assert intake._extract(z, dest) == [] and asked == [1 << 20, 1 << 20]

    class Failing(io.RawIOBase):
        def read(self, n=-1):
            raise OSError(errno.EIO, "e" * 400)

    monkeypatch.setattr(zipfile.ZipFile, "open", lambda self, info, *a, **k: Failing())
    dest2 = tmp_path / "out2"
    dest2.mkdir()
    (row,) = intake._extract(z, dest2)
    assert len(row.problem) == 200 and row.problem.startswith("refused: cannot be unpacked (OSError: eee")


def test_member_names_flagged_otherwise():
    """Only the UTF-8 flag (bit 11) decides: a name with another flag bit set is still read as UTF-8 bytes."""
    info = zipfile.ZipInfo("x")
    info.filename = "José.ipynb".encode("utf-8").decode("cp437")
    info.flag_bits = 0x1
    assert intake._member_name(info) == "José.ipynb"


def test_bad_zip_message_gives_the_reason(tmp_path):
    """The message for a file that is not a zip ends with zipfile's own reason."""
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a zip")
    with pytest.raises(IntakeError) as exc:
        intake._extract(bad, tmp_path)
    assert str(exc.value) == f"{bad}: not a readable zip file (File is not a zip file)"


def test_long_feedback_names_are_cut_at_200_bytes():
    """A feedback file name is at most 200 bytes (UTF-8) plus an ellipsis, never cutting a letter in half; a name
    of exactly 200 bytes is kept."""
    assert intake.safe_filename("é" * 100) == "é" * 100
    assert intake.safe_filename("é" * 150) == "é" * 100 + "…"
    assert intake.safe_filename("a" + "é" * 150) == "a" + "é" * 99 + "…"
