"""See and take the packaged theme's files: `theme list` marks the project's overrides,
`theme show PATH` prints a theme file, `theme copy PATH` copies one into the project at the
same path, to edit there (a Hugo site's `layouts/` over its theme, done in one step)."""

from __future__ import annotations

import argparse
import shutil
import sys

from ..settings import Settings

HELP = "list, show or copy the theme's templates and static files"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", help="every theme file, the project's overrides marked")
    for name, help_text in (("show", "print a theme file"),
                            ("copy", "copy a theme file into the project, to edit it there")):
        action = actions.add_parser(name, help=help_text)
        action.add_argument("path", metavar="PATH",
                            help="as `theme list` gives it, e.g. templates/partials/byline.html")


def run(args: argparse.Namespace, settings: Settings) -> int:
    from ..theme import ThemeFile, theme_files

    files = theme_files(settings)
    if args.action == "list":
        for file in files.values():
            print(f"{file.name}{'  (overridden by the project)' if file.overridden else ''}")
        added = sorted(set(_project_files(settings)) - set(files))
        for name in added:
            print(f"{name}  (the project's own)")
        return 0
    file: ThemeFile | None = files.get(args.path.strip("/"))
    if file is None:
        print(f"error: the theme has no file {args.path}. `{args.prog} theme list` names "
              "them all", file=sys.stderr)
        return 1
    if args.action == "show":
        sys.stdout.write(file.source.read_text("utf-8"))
        return 0
    if file.project.exists():
        print(f"error: {file.project.relative_to(settings.root).as_posix()} already exists; "
              "nothing was copied. Edit it there, or delete it to use the theme's again",
              file=sys.stderr)
        return 1
    file.project.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(file.source, file.project)
    if not args.quiet:
        print(f"Copied the theme's {file.name} to "
              f"{file.project.relative_to(settings.root).as_posix()}: the build uses it from now "
              "on; edit it there.")
    return 0


def _project_files(settings: Settings) -> list[str]:
    return [f"{top}/{path.relative_to(folder).as_posix()}"
            for top, folder in (("templates", settings.templates), ("static", settings.static))
            if folder.is_dir() for path in folder.rglob("*") if path.is_file()]
