"""The class round trip on a real JupyterHub (marker ``hub``): hand out, answer, collect, grade, return, LMS files.

A JupyterHub from PyPI with configurable-http-proxy from npm runs on 127.0.0.1 (free ports), with the
DummyAuthenticator and a local-process spawner that gives each user a home folder under a temporary directory. The
course is handed out as a class edition (``python -m legpain release --graded 05``: a git repository without
solutions and without the key of set 05) with the link ``python -m legpain handout`` prints.
Two students, in headless Chromium, log in, click the link, see lesson 00, answer exercise set 00 (ana right, ben
partly) and save. Then set 05, graded, whose Exercise 5.7 has numbers of each student's own and Exercise 5.2 an
option order of their own: each reads their numbers from the notebook, ben answers both himself, ana answers 5.2
herself and copies ben's 5.7; a scan of each home finds no key of set 05. The instructor then runs the commands of
README's instructor guide: collect, grade (with the edition), return, lms; set 05 gives full marks for the students'
own answers and none for the copied one. Finally the upstream course changes and ana clicks the link again: the
update arrives and her answers stay.

Skipped (saying what is missing) only outside CI; under CI (``CI=true``) a missing piece fails the test.
Screenshots of every step go to test-artifacts/hub/.
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import lab_driver as L
from helpers import ROOT
from legpain.classroom.lms import _fmt as fmt

pytestmark = pytest.mark.hub

SHOTS = ROOT / "test-artifacts" / "hub"
COURSE = "legpain-course"
PASSWORD = "class-password"
CUR = L.CUR
EXERCISE = f"{COURSE}/exercises/00-start-here-exercises.ipynb"
SET05 = "05-results-and-what-they-mean"
EXERCISE_05 = f"{COURSE}/exercises/{SET05}-exercises.ipynb"
SALT = "hub-test"  # the class's salt: ana's and ben's numbers for Exercise 5.7 differ with it

ANA = {  # every auto-checked answer right, a sentence for the hand-graded one
    "n_enrolled = ...": 'n_enrolled = 192\ncheck("q0_1", n_enrolled)',
    "ai_summary = ...": 'ai_summary = "d"\ncheck("q0_2", ai_summary)',
    "def percent_improvement": ("def percent_improvement(baseline, follow_up):\n"
                                "    return 100 * (baseline - follow_up) / baseline\n\n"
                                'check("q0_3", percent_improvement)'),
    "who_wrote_it = ...": ('who_wrote_it = "Who wrote it, whether they sell the treatment, and whether it names '
                           'its sources."\ncheck("q0_4", who_wrote_it)'),
}
BEN = {  # one right, one wrong, a function that forgets to divide by the baseline; says where legpain comes from
    "n_enrolled = ...": 'import legpain\nprint("legpain from", legpain.__file__)\nn_enrolled = 192\n'
                        'check("q0_1", n_enrolled)',
    "ai_summary = ...": 'ai_summary = "b"\ncheck("q0_2", ai_summary)',
    "def percent_improvement": ("def percent_improvement(baseline, follow_up):\n"
                                "    return baseline - follow_up\n\n"
                                'check("q0_3", percent_improvement)'),
}


def _missing() -> list[str]:
    missing = L.missing()  # Chromium and Playwright
    if shutil.which("configurable-http-proxy") is None:
        missing.append("configurable-http-proxy (npm install -g configurable-http-proxy)")
    if shutil.which("git") is None:
        missing.append("git")
    for mod, how in (("jupyterhub", "jupyterhub"), ("nbgitpuller", "nbgitpuller")):
        try:
            __import__(mod)
        except ImportError:
            missing.append(f"{how} (pip install -r requirements.txt)")
    return missing


def _need_everything():
    missing = _missing()
    if missing:
        msg = "the JupyterHub test needs " + ", ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(msg + " — CI must install them (.ci/run does)")
        pytest.skip(msg)


def _git(*args, cwd):
    subprocess.run(["git", "-c", "user.name=Instructor", "-c", "user.email=instructor@example.edu", *args],
                   cwd=cwd, check=True, capture_output=True, text=True)


def _legpain(*args, check=True) -> subprocess.CompletedProcess:
    """Run ``python -m legpain ...`` as the instructor would (a separate process, the course checkout as root)."""
    r = subprocess.run([sys.executable, "-m", "legpain", *args], cwd=ROOT, capture_output=True, text=True,
                       timeout=300)
    print(f"$ python -m legpain {' '.join(args)}\n{r.stdout}{r.stderr}")
    if check:
        assert r.returncode == 0, r.stdout + r.stderr
    return r


HUB_CONFIG = """
import sys
from legpain.classroom.hub import course_pythonpath

c = get_config()  # noqa: F821
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{hub_port}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.pid_file = "{tmp}/proxy.pid"
c.JupyterHub.db_url = "sqlite:///{tmp}/hub.sqlite"
c.JupyterHub.cookie_secret_file = "{tmp}/cookie_secret"
c.JupyterHub.pid_file = "{tmp}/hub.pid"
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = "{password}"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{tmp}/home/{{username}}"
c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]
c.Spawner.args = {args!r}
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
# every student's kernels import the course package from their own clone (docs/jupyterhub.md)
c.Spawner.environment = {{"PYTHONPATH": lambda spawner: course_pythonpath(spawner.home_dir, "{course}"),
                          # the test's JupyterLab settings: no windowing, so that every cell of a long set is there
                          "JUPYTERLAB_SETTINGS_DIR": "{tmp}/lab-settings"}}
"""


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    _need_everything()
    tmp = tmp_path_factory.mktemp("hub")
    (tmp / "home").mkdir()
    # the repository students pull from: the class edition of this checkout (set 05 graded), on its branch main
    upstream = tmp / "upstream" / COURSE
    upstream.parent.mkdir()
    _legpain("release", "--out", str(upstream), "--graded", "05", "--salt", SALT)
    for rel, value in L.SETTINGS.items():
        path = tmp / "lab-settings" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value), encoding="utf-8")
    port, hub_port, api_port = L.free_port(), L.free_port(), L.free_port()
    args = ["--allow-root"] if os.geteuid() == 0 else []
    args += ["--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    (tmp / "jupyterhub_config.py").write_text(HUB_CONFIG.format(
        port=port, hub_port=hub_port, api_port=api_port, tmp=tmp, password=PASSWORD, args=args, course=COURSE))
    env = {k: v for k, v in os.environ.items() if k not in ("LEGPAIN_HEADLESS", "MPLBACKEND", "PYTHONPATH")}
    env["PATH"] = f"{Path(sys.executable).parent}:{env.get('PATH', '/usr/bin:/bin')}"
    log = open(tmp / "hub.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(tmp / "jupyterhub_config.py")],
                            cwd=tmp, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(url + "/hub/api", timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                raise RuntimeError("JupyterHub did not start: " + (tmp / "hub.log").read_text()[-3000:])
            time.sleep(0.3)
    yield {"url": url, "tmp": tmp, "home": tmp / "home", "upstream": upstream}
    proc.terminate()  # the hub stops the proxy and the users' servers it started
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
    log.close()


@pytest.fixture(scope="module")
def browser(hub):
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=L.CHROMIUM, args=L.FLAGS)
        yield b
        b.close()


def shot(pg, name):
    path = SHOTS / name
    pg.screenshot(path=str(path))
    print(f"screenshot: {path.relative_to(ROOT)}")


def _dismiss_toasts(pg):
    for sel in (".jp-toast-button:has-text('No')", ".jp-Notification-Toast-Close"):
        for el in pg.query_selector_all(sel):
            try:
                el.click(timeout=2000)
            except Exception:  # noqa: BLE001 - a toast that went away by itself
                pass


def _pull_via_link(pg, link, student, login=True):
    """Click the nbgitpuller link: log in if asked, start the server if it is not running, wait for lesson 00."""
    from playwright.sync_api import Error as PlaywrightError

    pg.goto(link)
    if login:
        pg.wait_for_selector("#username_input")
        pg.fill("#username_input", student)
        pg.fill("#password_input", PASSWORD)
        pg.click("#login_submit")
    for _ in range(240):  # login page -> (server not running: launch) -> spawn -> git-pull progress -> lesson 00
        try:
            if "/lab" in pg.url and pg.query_selector(f"{CUR} .jp-Notebook"):
                break
            launch = pg.query_selector("#start, a:has-text('Launch Server'), button:has-text('Launch Server')")
            if launch and launch.is_visible():
                launch.click()
        except PlaywrightError:  # the page navigated while we looked
            pass
        time.sleep(0.5)
    else:
        shot(pg, f"{student}-stuck.png")
        raise AssertionError(f"{student}: the link never opened lesson 00 (at {pg.url})")
    pg.wait_for_selector(f"{CUR} .jp-Notebook")
    L.wait_kernel_idle(pg, "lesson 00")
    _dismiss_toasts(pg)


def _close_dialogs(pg, student):
    """Accept a dialog JupyterLab may show on a first start (kernel choice, ...); its text goes to the log."""
    for _ in range(3):
        dialog = pg.query_selector(".jp-Dialog")
        if not dialog:
            return
        print(f"{student}: dialog: {dialog.inner_text()[:300]!r}")
        shot(pg, f"{student}-dialog.png")
        button = pg.query_selector(".jp-Dialog button.jp-mod-accept") or pg.query_selector(".jp-Dialog button")
        if button:
            button.click()
        time.sleep(0.5)


def _save(pg, path: Path):
    before = path.stat().st_mtime_ns
    pg.click(f"{CUR} .jp-Notebook")
    pg.keyboard.press("Control+s")
    for _ in range(80):
        time.sleep(0.25)
        if path.stat().st_mtime_ns != before:
            break
    else:
        raise AssertionError(f"{path} was not saved")
    time.sleep(0.5)


def _answer_set_00(pg, hub, student, answers):
    base = f"{hub['url']}/user/{student}/lab/tree/{EXERCISE}"
    pg.goto(base)
    pg.wait_for_selector(f"{CUR} .jp-Notebook")
    L.wait_kernel_idle(pg, "exercise set 00")
    _dismiss_toasts(pg)
    time.sleep(1)
    _close_dialogs(pg, student)
    L.run_all(pg, timeout=120)
    for marker, source in answers.items():  # pasted, so the editor adds no indentation to the function's body
        cell = L.answer_cell(pg, marker, source, paste=True, wait_output=20)
    cell.scroll_into_view_if_needed()
    _save(pg, hub["home"] / student / EXERCISE)
    shot(pg, f"{student}-02-exercise-set-00-answered.png")


_CI = re.compile(r"95% CI of (-?\d+) to (-?\d+) percentage points, with (\d+) patients in one group and (\d+)")


def _answer_set_05(pg, hub, student, copy_57=None):
    """Open set 05, run it, read this student's numbers (Exercise 5.7) and options (Exercise 5.2) from the page,
    answer 5.2 and 5.7 from them (or 5.7 with ``copy_57``, a classmate's value), save; returns what was read."""
    from legpain.checking.draws import set05 as public

    pg.goto(f"{hub['url']}/user/{student}/lab/tree/{EXERCISE_05}")
    pg.wait_for_selector(f"{CUR} .jp-Notebook")
    L.wait_kernel_idle(pg, "exercise set 05")
    _dismiss_toasts(pg)
    _close_dialogs(pg, student)
    L.run_all(pg, timeout=180)
    numbers = L.wait_for_output(L.code_cell(pg, 'ask("q5_7")'), "your numbers")
    low, high, n1, n2 = (int(x) for x in _CI.search(numbers).groups())
    own_57 = round((high - low) / 2 / (1.96 * math.sqrt(1 / n1 + 1 / n2)), 1)
    options = L.wait_for_output(L.code_cell(pg, 'ask("q5_2")'), "your options")
    right_text = public.PUBLIC["q5_2"].options["c"]  # the course's right option, whatever its letter here
    letter = next(m.group(1) for m in re.finditer(r"\(([a-d])\) (.+)", options) if m.group(2).strip() == right_text)
    cell = L.answer_cell(pg, "meaning_52 = ...", f'meaning_52 = "{letter}"\ncheck("q5_2", meaning_52)',
                         paste=True, wait_output=20)
    said = L.wait_for_output(cell, "Recorded")
    value = own_57 if copy_57 is None else copy_57
    L.answer_cell(pg, "sd_needed = ...", f'sd_needed = {value!r}\ncheck("q5_7", sd_needed)', paste=True,
                  wait_output=20)
    _save(pg, hub["home"] / student / EXERCISE_05)
    shot(pg, f"{student}-02b-exercise-set-05-answered.png")
    return {"numbers": (low, high, n1, n2), "own_57": own_57, "letter": letter, "said": said}


def _code_sources(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                     for c in nb["cells"] if c["cell_type"] == "code")


def _read_csv(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_class_round_trip_on_a_real_jupyterhub(hub, browser, tmp_path):
    """Hand out with the nbgitpuller link, two students answer and save, the instructor collects, grades, returns
    the feedback and writes the LMS files; a second pull brings an update and keeps the answers."""
    home, url = hub["home"], hub["url"]
    link = _legpain("handout", "--hub", url, "--repo", str(hub["upstream"]), "--branch", "main").stdout.strip()
    assert link.startswith(f"{url}/hub/user-redirect/git-pull?repo=")

    # ---- students: log in by clicking the link, see lesson 00, answer exercise set 00, save ----------------------
    pages = {}
    for student, answers in (("ana", ANA), ("ben", BEN)):
        ctx = browser.new_context(viewport=L.VIEWPORT)
        pg = ctx.new_page()
        pg.set_default_timeout(60_000)
        pages[student] = pg
        _pull_via_link(pg, link, student)
        assert pg.url.endswith(f"/user/{student}/lab/tree/{COURSE}/lessons/00-start-here.ipynb"), pg.url
        assert "Lesson 00" in pg.inner_text(f"{CUR} .jp-Notebook")
        shot(pg, f"{student}-01-lesson-00-after-the-link.png")
        assert (home / student / COURSE / ".git").is_dir()
        assert not (home / student / COURSE / "solutions").exists()  # the class edition: no solutions
        _answer_set_00(pg, hub, student, answers)
    # ben's kernel imported the course package from his own clone (PYTHONPATH set by the hub)
    ben_nb = json.loads((home / "ben" / EXERCISE).read_text())
    printed = " ".join("".join(o.get("text", "")) for c in ben_nb["cells"] for o in c.get("outputs", []))
    assert f"legpain from {home / 'ben' / COURSE / 'legpain' / '__init__.py'}" in printed, printed[:500]
    assert 'ai_summary = "d"' in _code_sources(home / "ana" / EXERCISE)

    # ---- set 05 (graded): each student's own numbers; ana copies ben's Exercise 5.7 ------------------------------
    ben05 = _answer_set_05(pages["ben"], hub, "ben")
    ana05 = _answer_set_05(pages["ana"], hub, "ana", copy_57=ben05["own_57"])
    assert ana05["numbers"] != ben05["numbers"] and abs(ana05["own_57"] - ben05["own_57"]) > 0.1
    for said in (ana05["said"], ben05["said"]):  # a graded set: recorded, never right or wrong
        assert "judged when graded" in said and "Correct" not in said and "Not quite" not in said
    # a scan of each home (the pulled edition, the notebooks, everything JupyterLab wrote) finds no key of set 05
    sys.path.insert(0, str(ROOT / "tests"))
    import release_scan as rs

    needles = rs.needles([SET05])
    for s in ("ana", "ben"):
        hits = rs.scan([(p, t) for p, t in rs.readable_files(home / s) if ".git" not in p.parts], needles)
        assert hits == [], hits[:5]

    # cy has a home with the course, no exercise set, and a feedback "folder" that points into ana's home;
    # dee is on the class list but never logged in
    (home / "cy" / COURSE).mkdir(parents=True)
    (home / "cy" / COURSE / "feedback").symlink_to(home / "ana" / COURSE)

    # ---- instructor: collect, grade, return ---------------------------------------------------------------------
    subs, graded = tmp_path / "submissions", tmp_path / "graded"
    pattern = f"{home}/{{student}}/{EXERCISE}"
    out = _legpain("collect", pattern, "--out", str(subs), "--students", "ana,ben,cy,dee").stdout
    assert "Collected 2 of 4" in out
    collected = {r["student"]: r["status"] for r in _read_csv(tmp_path / "submissions-collected.csv")}
    assert collected == {"ana": "collected", "ben": "collected", "cy": "not submitted", "dee": "not submitted"}

    _legpain("grade", str(subs), "--assignment", "00-start-here", "--out", str(graded), "--workers", "2",
             "--edition", str(hub["upstream"]))
    manual = _read_csv(graded / "manual.csv")
    assert sorted((r["student"], r["question"]) for r in manual) == [("ana", "q0_4"), ("ben", "q0_4")]
    with open(graded / "manual.csv", "w", newline="", encoding="utf-8") as fh:  # the instructor grades by hand
        w = csv.writer(fh)
        w.writerow(["student", "question", "points", "comment"])
        w.writerow(["ana", "q0_4", "2", "Clear: author, interest and sources."])
        w.writerow(["ben", "q0_4", "0", "No answer yet."])
    _legpain("grade", str(subs), "--assignment", "00-start-here", "--out", str(graded), "--workers", "2")
    wide = {r["student"]: r for r in _read_csv(graded / "grades_wide.csv")}
    assert set(wide) == {"ana", "ben", "cy", "dee"}  # every student on the list has a row
    assert (float(wide["ana"]["total"]), float(wide["ana"]["max_points"])) == (6.0, 6.0)
    assert float(wide["ben"]["q0_1"]) == 1.0 and float(wide["ben"]["q0_2"]) == 0.0
    ben_total = float(wide["ben"]["total"])  # his function passes some checks by chance (a fall from 9.5 to 9.5)
    assert float(wide["ben"]["q0_3"]) < 1.0 and ben_total == 1.0 + float(wide["ben"]["q0_3"])
    for s in ("cy", "dee"):
        assert "no notebook submitted" in wide[s]["status"], wide[s]

    r = _legpain("return", str(graded), "--to", f"{home}/{{student}}/{COURSE}/feedback/00-start-here.html",
                 check=False)
    assert r.returncode == 1  # cy's planted link was refused
    assert "refused: cy" in r.stdout and "skipped: dee" in r.stdout and "Returned 2 of 4" in r.stdout
    pages_found = sorted(p.relative_to(home).as_posix() for p in home.rglob("*.html")  # hidden: Jupyter's own
                         if not any(part.startswith(".") for part in p.relative_to(home).parts))
    assert pages_found == [f"ana/{COURSE}/feedback/00-start-here.html", f"ben/{COURSE}/feedback/00-start-here.html"]
    for s in ("ana", "ben"):
        page = home / s / COURSE / "feedback" / "00-start-here.html"
        st, home_st = page.stat(), (home / s).stat()
        # the student alone may read it
        assert (st.st_uid, st.st_gid, st.st_mode & 0o777) == (home_st.st_uid, home_st.st_gid, 0o600)
        assert f"Feedback: {s}" in page.read_text(encoding="utf-8")
    assert not (home / "ana" / COURSE / "00-start-here.html").exists()  # nothing went through cy's link

    # set 05, graded with the class edition: full marks for each student's own answers, none for the copied one
    subs05, graded05 = tmp_path / "submissions-05", tmp_path / "graded-05"
    _legpain("collect", f"{home}/{{student}}/{EXERCISE_05}", "--out", str(subs05), "--students", "ana,ben")
    out = _legpain("grade", str(subs05), "--assignment", SET05, "--out", str(graded05), "--workers", "2",
                   "--edition", str(hub["upstream"])).stdout
    assert "class edition" in out
    wide05 = {r["student"]: r for r in _read_csv(graded05 / "grades_wide.csv")}
    assert (float(wide05["ben"]["q5_2"]), float(wide05["ben"]["q5_7"])) == (1.0, 2.0)  # his own answers
    assert (float(wide05["ana"]["q5_2"]), float(wide05["ana"]["q5_7"])) == (1.0, 0.0)  # her own, ben's copied

    # each student reads their page in their own server
    pg = pages["ben"]
    pg.goto(f"{url}/user/ben/files/{COURSE}/feedback/00-start-here.html")
    assert "Feedback: ben" in pg.content()
    shot(pg, "ben-03-feedback-page.png")

    # ---- instructor: grades to the LMS --------------------------------------------------------------------------
    roster = tmp_path / "roster.csv"
    roster.write_text("Student,ID,SIS User ID,SIS Login ID,Section\n    Points Possible,,,,\n"
                      "\"Lima, Ana\",101,S-1,ana,Mon\n\"Berg, Ben\",102,S-2,ben,Mon\n\"Cruz, Cy\",103,S-3,cy,Tue\n"
                      "\"Diaz, Dee\",104,S-4,dee,Tue\n\"Eto, Eve\",105,S-5,eve,Tue\n", encoding="utf-8")
    moodle_roster = tmp_path / "moodle-roster.csv"
    moodle_roster.write_text("username,email\nana,ana@uni.edu\nben,ben@uni.edu\n", encoding="utf-8")
    out = _legpain("lms", "--grades", str(graded / "grades_wide.csv"), "--roster", str(roster),
                   "--assignment-name", "Exercise set 00", "--assignment-id", "4711",
                   "--canvas", str(tmp_path / "canvas.csv"), "--moodle", str(tmp_path / "moodle.csv")).stdout
    assert "2 grade(s) written" in out and "eve" in out  # eve is on the roster only
    with open(tmp_path / "canvas.csv", newline="", encoding="utf-8") as fh:
        canvas = list(csv.reader(fh))
    assert canvas == [["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Exercise set 00 (4711)"],
                      ["Lima, Ana", "101", "S-1", "ana", "Mon", "6"],
                      ["Berg, Ben", "102", "S-2", "ben", "Mon", fmt(ben_total)]]
    with open(tmp_path / "moodle.csv", newline="", encoding="utf-8") as fh:
        assert list(csv.reader(fh)) == [["username", "Exercise set 00 (4711)"], ["ana", "6"], ["ben", fmt(ben_total)]]
    _legpain("lms", "--grades", str(graded / "grades_wide.csv"), "--roster", str(moodle_roster),
             "--assignment-name", "Exercise set 00", "--moodle", str(tmp_path / "moodle-email.csv"),
             "--moodle-by", "email")
    with open(tmp_path / "moodle-email.csv", newline="", encoding="utf-8") as fh:
        assert list(csv.reader(fh))[1:] == [["ana@uni.edu", "6"], ["ben@uni.edu", fmt(ben_total)]]

    # ---- the course changes upstream; ana clicks the same link again ---------------------------------------------
    up = hub["upstream"]
    lesson = up / "lessons" / "01-the-spine.ipynb"
    nb = json.loads(lesson.read_text(encoding="utf-8"))
    nb["cells"][0]["source"] = [nb["cells"][0]["source"][0].rstrip("\n") + " (updated)\n"] + \
        nb["cells"][0]["source"][1:]
    lesson.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (up / "ANNOUNCEMENT.md").write_text("Week 2: lesson 01 is open.\n")
    _git("add", "-A", cwd=up)
    _git("commit", "-q", "-m", "Update for week 2", cwd=up)
    before = _code_sources(home / "ana" / EXERCISE)
    pg = pages["ana"]
    _pull_via_link(pg, link, "ana", login=False)
    shot(pg, "ana-04-second-pull-lesson-00.png")
    assert (home / "ana" / COURSE / "ANNOUNCEMENT.md").read_text() == "Week 2: lesson 01 is open.\n"
    assert "(updated)" in (home / "ana" / COURSE / "lessons" / "01-the-spine.ipynb").read_text(encoding="utf-8")
    after = _code_sources(home / "ana" / EXERCISE)
    assert after == before and 'ai_summary = "d"' in after and "n_enrolled = 192" in after
    assert (home / "ana" / COURSE / "feedback" / "00-start-here.html").exists()  # untracked: left alone
    # and the kept answers still grade the same
    _legpain("collect", pattern, "--out", str(subs), "--students", "ana", "--replace")
    _legpain("grade", str(subs), "--assignment", "00-start-here", "--out", str(tmp_path / "regraded"))
    regraded = {r["student"]: r for r in _read_csv(tmp_path / "regraded" / "grades_wide.csv")}
    assert float(regraded["ana"]["auto_points"]) == 4.0
