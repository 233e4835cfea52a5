"""Convert saved article pages, a WordPress export or a Hugo, Jekyll or Pelican site into
annotated Markdown articles, one file each, and report everything that could not be carried
over. Re-running updates the files it wrote; an article edited since is kept unless --force.
"""

# The importers themselves (and trafilatura, lxml, docutils) are imported when the command
# runs, never when the command line is parsed for a build.

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from ..settings import Settings
from . import KINDS

HELP = "convert saved pages, a WordPress export or another generator's content"


def add_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("kind", choices=list(KINDS), help="what SOURCE is")
    command.add_argument("sources", nargs="+", type=Path, metavar="SOURCE",
                         help="html: .html files or folders of them; wordpress: the export "
                         ".xml; hugo/jekyll: the site folder; pelican: its content folder")
    command.add_argument("--into", type=Path, metavar="DIR",
                         help="where to write (default: the content folder)")
    command.add_argument("--dry-run", action="store_true", help="report, write nothing")
    command.add_argument("--force", action="store_true",
                         help="replace articles edited since they were imported")
    command.add_argument("--pages", action="store_true",
                         help="wordpress, pelican: import pages too, not only posts")
    command.add_argument("--uploads", type=Path, metavar="DIR",
                         help="wordpress: the wp-content/uploads folder, to copy images from")


def run(args: argparse.Namespace, settings: Settings) -> int:
    from . import run_import
    from .model import ImportOptions, report_line

    missing = [str(source) for source in args.sources if not source.exists()]
    if missing:
        print(f"import: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    into = args.into or settings.content
    report = run_import(args.kind, args.sources, into, _shown(into, settings.root),
                        ImportOptions(zone=settings.zone, pages=args.pages,
                                      uploads=args.uploads),
                        force=args.force, dry_run=args.dry_run)
    verb = "would write" if args.dry_run else "wrote"
    for outcome in report.outcomes:
        if outcome.status in ("new", "updated"):
            print(f"{verb} {_shown(outcome.path, settings.root)} ({outcome.status})")
    for problem in report.problems:
        print(report_line(problem))
    categories = Counter(problem.kind for problem in report.problems)
    unchanged = sum(o.status == "unchanged" for o in report.outcomes)
    print(f"{report.items_in:,} in: {report.summary()}"
          + (f" ({unchanged:,} unchanged)" if unchanged else "")
          + ("; nothing written (--dry-run)" if args.dry_run else ""))
    if categories:
        print("by kind: " + ", ".join(f"{name} {count}" for name, count
                                               in sorted(categories.items())))
    return 1 if report.failed else 0


def _shown(path: Path, root: Path) -> str:
    """A written file as the editor knows it: relative to the project, else to here."""
    for base in (root, Path.cwd()):
        if path.resolve().is_relative_to(base.resolve()):
            return path.resolve().relative_to(base.resolve()).as_posix()
    return str(path)
