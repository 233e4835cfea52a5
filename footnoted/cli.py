"""The command line: `footnoted [COMMAND] [options]`, also `python -m footnoted` and
`python build.py`. With no command it builds.

Each command is a module of footnoted.commands, named in COMMANDS below. To add one, write
`footnoted/commands/NAME.py` with

    HELP = "one line for --help"
    PROJECT = True  # False for a command that runs outside a project, such as init

    def add_arguments(parser: argparse.ArgumentParser) -> None:
        ...  # the command's own options; the shared ones (--root, --strict, ...) are added

    def run(args: argparse.Namespace, settings: Settings | None) -> int:
        ...  # the exit code; `settings` is the project's (None when PROJECT is False)

and add `"NAME": "footnoted.commands.NAME"` to COMMANDS. Every command module is imported to
build the parser, so import the real work inside `run` (habit 12 of STYLE.md: thin commands,
shared options from one parent parser, heavy modules imported only by the command that runs).
"""

from __future__ import annotations

import argparse
import sys
from importlib import import_module
from pathlib import Path

from . import __version__
from .problems import BuildFailed
from .project import NoProject, find_root
from .report import counted, print_problems, print_warnings
from .settings import load_settings

COMMANDS = {
    "build": "footnoted.commands.build",
    "check": "footnoted.commands.check",
    "serve": "footnoted.commands.serve",
    "init": "footnoted.commands.init",
    "new": "footnoted.commands.new",
    "theme": "footnoted.commands.theme",
    "archive": "footnoted.commands.archive",
    "links": "footnoted.commands.links",
    "recover": "footnoted.commands.recover",
    "sources": "footnoted.commands.fill_sources",
    "import": "footnoted.importers.command",
}
DEFAULT_COMMAND = "build"
DESCRIPTION = ("Build a reading site from annotated Markdown, every source numbered and listed. "
               "With no command, build.")
VALUE_OPTIONS = ("--root", "--jobs", "-j")  # shared options followed by a value
EXIT_NO_PROJECT = 2  # as for a usage error: nothing was looked at


def main(argv: list[str] | None = None, prog: str = "footnoted") -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = make_parser(prog).parse_args(with_default_command(argv))
    args.prog = prog  # for hints such as "footnoted check lists them"
    command = import_module(COMMANDS[args.command])
    if not getattr(command, "PROJECT", True):
        return command.run(args, None)
    try:
        root = find_root(Path.cwd(), Path(args.root) if args.root else None)
    except NoProject as missing:
        print(f"error: {missing}. Run {prog} in a project's folder or below it (or pass --root "
              f"DIR), or start a site with: {prog} init DIR", file=sys.stderr)
        return EXIT_NO_PROJECT
    try:
        return command.run(args, load_settings(root))
    except BuildFailed as failure:
        report_failure(failure, args)
        return 1


def report_failure(failure: BuildFailed, args: argparse.Namespace) -> None:
    errors = [p for p in failure.problems if p.is_error]
    print_problems(errors)
    print_warnings([p for p in failure.problems if not p.is_error], f"{args.prog} check",
                   args.verbose)
    strict = " (--strict counts warnings as errors)" if len(errors) < len(failure.problems) \
        else ""
    what = "Check failed" if args.command == "check" else "Build failed"
    print(f"{what}: {counted(failure.problems)}{strict}. Nothing was written.", file=sys.stderr)


def make_parser(prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description=DESCRIPTION,
                                     parents=[shared_options(top=True)])
    commands = parser.add_subparsers(dest="command", title="commands", metavar="COMMAND")
    shared = shared_options(top=False)
    for name, module_name in COMMANDS.items():
        module = import_module(module_name)
        sub = commands.add_parser(name, help=module.HELP, description=module.__doc__,
                                  parents=[shared])
        module.add_arguments(sub)
    return parser


def shared_options(top: bool) -> argparse.ArgumentParser:
    """The options every command takes, before or after its name. After the name they have
    no defaults (SUPPRESS), so they never undo the same option given before it."""
    options = argparse.ArgumentParser(add_help=False)

    def default(value: object) -> object:
        return value if top else argparse.SUPPRESS

    options.add_argument("--root", metavar="DIR", default=default(None),
                         help="the project folder (default: the nearest folder at or above "
                              "this one whose pyproject.toml has [tool.footnoted])")
    options.add_argument("--strict", action="store_true", default=default(False),
                         help="treat warnings as errors")
    options.add_argument("--drafts", action="store_true", default=default(False),
                         help="also publish drafts and articles dated in the future")
    options.add_argument("-j", "--jobs", type=int, metavar="N", default=default(0),
                         help="processes for parsing and rendering (default: one per core)")
    options.add_argument("-q", "--quiet", action="store_true", default=default(False),
                         help="print only errors")
    options.add_argument("-v", "--verbose", action="store_true", default=default(False),
                         help="list every warning, not one line per kind")
    options.add_argument("--version", action="version", version=f"footnoted {__version__}")
    return options


def with_default_command(argv: list[str]) -> list[str]:
    """`footnoted --strict` means `footnoted build --strict`: put the default command first
    when no command is named (argparse itself reports a misspelt one)."""
    skip = False
    for token in argv:
        if skip:
            skip = False
        elif token in ("-h", "--help", "--version", "--"):
            return argv
        elif token in VALUE_OPTIONS:
            skip = True
        elif not token.startswith("-"):
            return argv
    return [DEFAULT_COMMAND, *argv]
