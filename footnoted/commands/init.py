"""Start a new site: a pyproject.toml with [tool.footnoted], one example article, a
.gitignore, and the site's own templates/ and static/ (a masthead, site.css, a logo) over the
packaged theme, in DIR (made if missing; nothing there is replaced)."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from ..project import shown

HELP = "start a new site in DIR"
PROJECT = False  # it makes the project


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", metavar="DIR", nargs="?", default=".",
                        help="where to start the site (default: this folder)")
    parser.add_argument("--title", help="the site's name (default: the folder's name)")
    parser.add_argument("--base-url", metavar="URL",
                        help="the address readers will use, e.g. https://news.example/reading/")


def run(args: argparse.Namespace, settings: None) -> int:
    from ..skeleton import Refused, init_project

    folder = Path(args.folder).absolute()
    title = args.title or folder.name.replace("-", " ").replace("_", " ").capitalize()
    try:
        written = init_project(folder, title, args.base_url, datetime.now(UTC).date())
    except Refused as refused:
        print(f"error: {refused}", file=sys.stderr)
        return 1
    except OSError as failed:  # not a folder, no permission, a full disk
        print(f"error: cannot write the site into {shown(folder)}: {failed.strerror} "
              f"({failed.filename})", file=sys.stderr)
        return 1
    if not args.quiet:
        names = ", ".join(path.relative_to(folder).as_posix() for path in written)
        here = folder == Path.cwd()
        print(f"Started a footnoted site in {shown(folder)}: {names}")
        print(f"Next: {'' if here else f'cd {shown(folder)} && '}{args.prog} serve, then open "
              "the address it prints; write articles in content/ "
              f"({args.prog} new \"Headline\" starts one).")
    return 0
