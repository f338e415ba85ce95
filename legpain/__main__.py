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
    from .course import sync_readme
    from .notebooks import NotebookError

    try:
        fresh = sync_readme(Path(args.root), check=args.check)
    except (NotebookError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.check and not fresh:
        print("README.md's lesson table is out of date: run  python -m legpain sync", file=sys.stderr)
        return 1
    print("README.md's lesson table is up to date." if fresh else "README.md's lesson table was rewritten.")
    return 0


def main(argv: list[str] | None = None) -> int:
    from .notebooks import COURSE_ROOT

    parser = argparse.ArgumentParser(prog="python -m legpain", description="Tools of the course's helper package.")
    parser.add_argument("--root", default=str(COURSE_ROOT), help="the course folder (default: this checkout)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("exercises", help="write exercises/ from solutions/ (student copies)")
    p.add_argument("--check", action="store_true", help="only check; exit 1 and name the files when out of date")
    p.set_defaults(func=_cmd_exercises)
    p = sub.add_parser("sync", help="rewrite the README's lesson table from the lessons' first cells")
    p.add_argument("--check", action="store_true", help="only check; exit 1 when out of date")
    p.set_defaults(func=_cmd_sync)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
