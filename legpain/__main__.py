"""Command line: ``python -m legpain COMMAND``. Run ``python -m legpain --help`` for the list."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _cmd_exercises(args) -> int:
    from .authoring.assign import MarkerError, generate
    from .common.notebooks import NotebookError

    try:
        report = generate(Path(args.root), check=args.check)
    except (MarkerError, NotebookError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        print("nothing was written.", file=sys.stderr)
        return 2
    root = Path(args.root).resolve()
    if args.check:
        if report.stale:
            for p in report.stale:
                print(f"stale: {p.resolve().relative_to(root)}", file=sys.stderr)
            print("exercises/ is out of date: run  python -m legpain exercises", file=sys.stderr)
            return 1
        print("exercises/ is in sync with solutions/.")
        return 0
    for p in report.written:
        print(f"wrote {p.resolve().relative_to(root)}")
    for p in report.removed:
        print(f"removed {p.resolve().relative_to(root)} (no solution notebook)")
    if not report.written and not report.removed:
        print("exercises/ was already up to date.")
    return 0


def _cmd_sync(args) -> int:
    from .authoring.sync import sync_nav, sync_readme
    from .common.notebooks import NotebookError

    root = Path(args.root)
    try:
        fresh = sync_readme(root, check=args.check)
        nav = sync_nav(root, check=args.check)
    except (NotebookError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.check:
        stale = ([] if fresh else ["README.md (lesson table)"]) + [p.relative_to(root.resolve()).as_posix()
                                                                  for p in nav]
        if stale:
            for s in stale:
                print(f"stale: {s}", file=sys.stderr)
            print("run  python -m legpain sync", file=sys.stderr)
            return 1
        print("README table and lesson navigation are up to date.")
        return 0
    print("README.md's lesson table is up to date." if fresh else "README.md's lesson table was rewritten.")
    for p in nav:
        print(f"navigation updated: {p.relative_to(root.resolve()).as_posix()}")
    return 0


def _cmd_grade(args) -> int:
    from .grading import GradeError, grade
    from .grading.lms_names import parse_time

    due = None
    if args.due:
        due = parse_time(args.due)
        if due is None:
            print(f"error: --due {args.due!r} is not a time: write it like 2024-03-01 23:59", file=sys.stderr)
            return 2
    try:
        summary = grade(args.submissions, args.assignment, args.out, workers=args.workers, timeout=args.timeout,
                        mem_mb=args.memory, root=Path(args.root), unsafe=args.unsafe or args.no_sandbox,
                        sandbox=not args.no_sandbox, lms=args.lms, name_pattern=args.name_pattern,
                        attempt=args.attempt, due=due, edition=args.edition)
    except GradeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for w in summary.warnings:
        print(f"warning: {w}", file=sys.stderr)
    print(summary.line())
    if summary.edition:
        print(f"Student code ran against the class edition in {summary.edition}; answers were judged outside it with "
              "this package's full bank.")
    from .grading.gradebook import lms_report

    lms_line, lms_rows = lms_report(summary)
    if lms_line:
        print(lms_line)
        missed = sum(1 for r in lms_rows if r["note"].startswith("name not recognised"))
        if missed:
            print(f"{missed} file name(s) follow no known naming: graded under their own names (see report.html)")
    return 0


def _cmd_site(args) -> int:
    from .authoring.site import broken_links, build_site

    try:
        index = build_site(args.out, Path(args.root))
    except Exception as exc:  # noqa: BLE001 - a lesson that fails to run: say which and why
        print(f"error: the site could not be built: {type(exc).__name__}: {str(exc)[:800]}", file=sys.stderr)
        return 2
    broken = broken_links(args.out)
    for b in broken:
        print(f"broken link: {b}", file=sys.stderr)
    print(f"site written: {index} ({'no broken links' if not broken else f'{len(broken)} broken links'})")
    return 1 if broken else 0


def _cmd_handout(args) -> int:
    from .classroom.hub import HubError, default_repo, nbgitpuller_link

    repo = args.repo or default_repo(Path(args.root))
    if not repo:
        print("error: this checkout has no 'origin' remote: give the repository students pull from, --repo URL",
              file=sys.stderr)
        return 2
    try:
        print(nbgitpuller_link(args.hub, repo, branch=args.branch, open_path=args.open, folder=args.folder))
    except HubError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def _cmd_release(args) -> int:
    from .authoring.release import ReleaseError, release
    from .common.settings import SettingsError

    graded = None if args.graded is None else [g for g in args.graded.split(",") if g.strip()]
    try:
        rep = release(args.out, graded, root=Path(args.root), salt=args.salt, message=args.message or "")
    except (ReleaseError, SettingsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    sets = ", ".join(rep.graded) or "none"
    print(f"Class edition in {rep.out} (graded sets: {sets}).")
    for note in rep.scrubbed:
        print(f"  {note}")
    if rep.commit:
        print(f"{'Created' if rep.first else 'Updated'}: commit {rep.commit[:12]} ({len(rep.changed)} files "
              "changed). Push it where students pull from, then hand it out:")
        print(f"  python -m legpain handout --hub https://HUB --repo URL-OF-{rep.out.name}")
    else:
        print("Nothing changed: the edition was already up to date.")
    return 0


def _student_list(value: str | None) -> list[str] | None:
    """--students: a comma-separated list, or a file with one user name per line (or the first CSV column)."""
    if value is None:
        return None
    p = Path(value)
    if p.is_file():
        import csv

        with open(p, newline="", encoding="utf-8-sig") as fh:
            names = [row[0].strip() for row in csv.reader(fh) if row and row[0].strip()]
        return [n for n in names if n.lower() not in ("student", "username", "user", "hub_user")]
    return [n.strip() for n in value.split(",") if n.strip()]


def _cmd_collect(args) -> int:
    from .classroom.hub import HubError, collect, write_collect_report

    out = Path(args.out)
    try:
        rows = collect(args.pattern, out, students=_student_list(args.students), replace=args.replace)
    except HubError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    report = Path(args.report) if args.report else out.parent / f"{out.name}-collected.csv"
    try:
        write_collect_report(rows, report)
    except HubError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for r in rows:
        if r.status != "collected":
            print(f"{r.status}: {r.student} — {r.detail}")
    n = sum(r.status == "collected" for r in rows)
    print(f"Collected {n} of {len(rows)} students into {out}; not submitted: "
          f"{sum(r.status == 'not submitted' for r in rows)}, refused: {sum(r.status == 'refused' for r in rows)}. "
          f"Report: {report}")
    from .common.layout import slug_of

    slug = (slug_of(args.pattern) if Path(args.pattern).suffix == ".ipynb" else None) or "NN-slug"
    print(f"Next: python -m legpain grade {out} --assignment {slug} --out OUTDIR")
    return 0


def _cmd_return(args) -> int:
    from .classroom.hub import HubError, return_feedback

    try:
        rows = return_feedback(args.outdir, args.to, mode=int(args.mode, 8), students=_student_list(args.students))
    except (HubError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for r in rows:
        if r.status != "returned":
            print(f"{r.status}: {r.student} — {r.detail}")
    n = sum(r.status == "returned" for r in rows)
    print(f"Returned {n} of {len(rows)} feedback pages.")
    return 1 if any(r.status == "refused" for r in rows) else 0


def _cmd_lms(args) -> int:
    from .classroom.lms import LmsError, write_lms_files

    outputs = (args.canvas, args.moodle, args.moodle_worksheet, args.blackboard, args.d2l)
    if not any(outputs):
        print("error: give at least one of --canvas, --moodle, --moodle-worksheet, --blackboard, --d2l FILE",
              file=sys.stderr)
        return 2
    if not 0 <= args.max_unmatched <= 1:
        print("error: --max-unmatched is a share between 0 and 1", file=sys.stderr)
        return 2
    try:
        rep = write_lms_files(args.grades, args.roster, args.assignment_name, canvas=args.canvas,
                              moodle=args.moodle, assignment_id=args.assignment_id, key=args.key,
                              moodle_by=args.moodle_by, scale=args.scale, ungraded=args.ungraded,
                              include_incomplete=args.include_incomplete, moodle_worksheet=args.moodle_worksheet,
                              blackboard=args.blackboard, d2l=args.d2l)
    except LmsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for line in rep.lines():
        print(line)
    if args.report:
        rep.write_csv(args.report)
        print(f"report: {args.report}")
    for f in outputs:
        if f:
            print(f"wrote {f}")
    if rep.unmatched_share > args.max_unmatched:
        print(f"error: {len(rep.not_on_roster)} of {rep.book_size} students in the gradebook "
              f"({100 * rep.unmatched_share:.0f}%) are not on the roster, more than the {100 * args.max_unmatched:g}% "
              "allowed (--max-unmatched): is the roster this class's export from the LMS the submissions came "
              "from? The closest roster entries are listed above.", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    from .classroom.lms import MAX_UNMATCHED
    from .common.notebooks import COURSE_ROOT

    parser = argparse.ArgumentParser(prog="python -m legpain", description="Tools of the course's helper package.")
    parser.add_argument("--root", default=str(COURSE_ROOT), help="the course folder (default: this checkout)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("exercises", help="write exercises/ from solutions/ (student copies)")
    p.add_argument("--check", action="store_true", help="only check; exit 1 and name the files when out of date")
    p.set_defaults(func=_cmd_exercises)
    p = sub.add_parser("sync", help="rewrite the README's lesson table and each lesson's navigation footer")
    p.add_argument("--check", action="store_true", help="only check; exit 1 when out of date")
    p.set_defaults(func=_cmd_sync)
    p = sub.add_parser("site", help="run every lesson and render the course as linked HTML pages")
    p.add_argument("--out", default="_site", help="the output folder (replaced; default _site)")
    p.set_defaults(func=_cmd_site)
    p = sub.add_parser("grade", help="grade a folder or zip of submissions into a gradebook with feedback")
    p.add_argument("submissions", help="a folder with one .ipynb per student (or one folder per student), or a .zip")
    p.add_argument("--assignment", required=True, help="the exercise set, e.g. 00-start-here")
    p.add_argument("--out", required=True, help="the output folder (re-running into it keeps manual.csv)")
    p.add_argument("--workers", type=int, default=None, help="submissions graded at once (default: the cores)")
    p.add_argument("--timeout", type=float, default=10.0,
                   help="time limit of one cell in seconds (default 10); a notebook may take 6 times as long")
    p.add_argument("--memory", type=int, default=1024, help="memory cap per submission in MB (default 1024)")
    p.add_argument("--unsafe", action="store_true",
                   help="grade even where the sandbox is not available (student code then reaches your files)")
    p.add_argument("--no-sandbox", action="store_true",
                   help="turn the sandbox off (implies --unsafe; for notebooks you trust, and benchmarks)")
    p.add_argument("--lms", choices=["auto", "canvas", "moodle", "blackboard", "d2l", "none"], default="auto",
                   help="read file names as this LMS's bulk download names them (default auto: the LMS whose naming "
                        "most names follow, if any; none: each name is the student's id)")
    p.add_argument("--name-pattern", help="your own naming: a regular expression with the named groups student, "
                                          "file and time, e.g. '(?P<student>[^_]+)_(?P<file>.+)'")
    p.add_argument("--attempt", choices=["latest", "first", "best"], default="latest",
                   help="which of a student's several attempts counts (default latest; best grades them all)")
    p.add_argument("--due", help="flag as late an attempt whose file name carries a later time (Blackboard, "
                                 "Brightspace), e.g. '2024-03-01 23:59'; Canvas says which are late itself")
    p.add_argument("--edition", help="the class edition the students have (python -m legpain release): student code "
                                     "runs against its package, which holds no key (default: class.edition in "
                                     "course.toml, when that folder exists)")
    p.set_defaults(func=_cmd_grade)
    p = sub.add_parser("release", help="write the class edition (a git repository students pull): no solutions, "
                                        "and no key of the graded sets")
    p.add_argument("--out", help="the edition's folder (default: class.edition in course.toml)")
    p.add_argument("--graded", help="the graded exercise sets, e.g. 02,05 (default: class.graded in course.toml)")
    p.add_argument("--salt", help="mixed into every student's numbers (default: course.toml's, else the edition's "
                                  "own, else a new random one)")
    p.add_argument("--message", help="the commit message (default: which sets are graded)")
    p.set_defaults(func=_cmd_release)
    p = sub.add_parser("handout", help="print the nbgitpuller link that hands the course out on a JupyterHub")
    p.add_argument("--hub", required=True, help="the hub's address, e.g. https://hub.example.edu")
    p.add_argument("--repo", help="the repository students pull (default: this checkout's origin remote)")
    p.add_argument("--branch", default="main", help="the branch (default main)")
    p.add_argument("--open", default="lessons/00-start-here.ipynb", help="the notebook to open after the pull")
    p.add_argument("--folder", help="the course folder in each home (default: the repository's name)")
    p.set_defaults(func=_cmd_handout)
    p = sub.add_parser("collect", help="copy one exercise notebook out of every student's home on a JupyterHub")
    p.add_argument("pattern", help="absolute path with {student}, e.g. "
                   "'/home/{student}/COURSE/exercises/00-start-here-exercises.ipynb'")
    p.add_argument("--out", required=True, help="folder to write <student>.ipynb into (new, or made by collect)")
    p.add_argument("--students", help="the class: comma-separated user names or a file with one per line "
                                      "(default: every home the pattern matches)")
    p.add_argument("--report", help="CSV of who was collected, not submitted or refused (default: OUT-collected.csv)")
    p.add_argument("--replace", action="store_true",
                   help="empty OUT first if an earlier collect made it (only .ipynb files and empty folders)")
    p.set_defaults(func=_cmd_collect)
    p = sub.add_parser("return", help="put each student's feedback page into their own home on a JupyterHub")
    p.add_argument("outdir", help="the grader's output folder (with feedback/<student>.html)")
    p.add_argument("--to", required=True, help="absolute path with {student}, e.g. '/home/{student}/COURSE/feedback/00-start-here.html'")
    p.add_argument("--mode", default="600", help="file mode of the pages: 600 (the student only; default) or 640 (and "
                   "the student's group)")
    p.add_argument("--students", help="only these students (comma-separated or a file)")
    p.set_defaults(func=_cmd_return)
    p = sub.add_parser("lms", help="write grade import files (Canvas, Moodle, Blackboard, Brightspace) from "
                                   "grades_wide.csv and a roster exported from the LMS")
    p.add_argument("--grades", required=True, help="the grader's grades_wide.csv")
    p.add_argument("--roster", required=True, help="the class list exported from the LMS (CSV)")
    p.add_argument("--assignment-name", required=True, help="the assignment's name in the LMS")
    p.add_argument("--assignment-id", help="Canvas's assignment id: the column becomes 'NAME (ID)'")
    p.add_argument("--canvas", help="write Canvas's gradebook import CSV here")
    p.add_argument("--moodle", help="write Moodle's grade import CSV here")
    p.add_argument("--moodle-worksheet", help="write Moodle's offline grading worksheet here, filled in (the roster "
                                              "must be the worksheet downloaded from the assignment)")
    p.add_argument("--blackboard", help="write Blackboard Learn's Grade Center upload CSV here")
    p.add_argument("--d2l", help="write Brightspace's grades import CSV here")
    p.add_argument("--moodle-by", choices=["username", "email"], help="identify Moodle users by (default: username "
                                                                       "if the roster has it, else email)")
    p.add_argument("--key", help="roster column holding the student's identifier (default: the column of the LMS "
                                 "the download came from, e.g. Canvas ID, Moodle Identifier, Blackboard Username; "
                                 "for hub names: hub_user, SIS Login ID, username, login or email)")
    p.add_argument("--max-unmatched", type=float, default=MAX_UNMATCHED,
                   help=f"exit 1 when more than this share of the gradebook is not on the roster "
                        f"(default {MAX_UNMATCHED:g})")
    p.add_argument("--scale", type=float, help="rescale totals to this many points")
    p.add_argument("--ungraded", choices=["blank", "zero"], default="blank",
                   help="students with no grade (not submitted): leave out (blank, default) or give 0")
    p.add_argument("--include-incomplete", action="store_true",
                   help="also write totals that still wait for manual grading")
    p.add_argument("--report", help="also write the matching report as CSV here")
    p.set_defaults(func=_cmd_lms)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
