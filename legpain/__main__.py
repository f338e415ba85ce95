"""Command line: ``python -m legpain COMMAND``. Run ``python -m legpain --help`` for the list."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _cmd_exercises(args) -> int:
    from .assign import MarkerError, generate
    from .notebooks import NotebookError

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
    from .course import sync_nav, sync_readme
    from .notebooks import NotebookError

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

    try:
        summary = grade(args.submissions, args.assignment, args.out, workers=args.workers, timeout=args.timeout,
                        mem_mb=args.memory, root=Path(args.root))
    except GradeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for w in summary.warnings:
        print(f"warning: {w}", file=sys.stderr)
    print(summary.line())
    return 0


def _cmd_site(args) -> int:
    from .site import broken_links, build_site

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


def main(argv: list[str] | None = None) -> int:
    from .notebooks import COURSE_ROOT

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
    p.set_defaults(func=_cmd_grade)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
