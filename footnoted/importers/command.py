"""The `import` subcommand: its options, and the report it prints.

Kept here so that cli.py only registers it; the importers themselves (and trafilatura,
lxml, docutils) are imported when the command runs, never by a build.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from . import KINDS


def add_import_command(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "import", help="convert saved pages, a WordPress export or another generator's "
        "content into articles", description="Write one annotated Markdown file per article "
        "into the content folder, and report everything that could not be carried over.")
    command.set_defaults(command=run_import_command)
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


def run_import_command(settings, args: argparse.Namespace) -> int:
    from . import run_import
    from .model import ImportOptions

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
    for notice in report.notices:
        print(notice)
    categories = Counter(notice.category for notice in report.notices)
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
