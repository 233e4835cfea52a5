"""The command line: `python build.py [build|check|serve]`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .importers.command import add_import_command
from .problems import BuildFailed, Problem
from .progress import ProgressBar
from .settings import load_settings
from .site import build_site, check_site


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = load_settings(Path(args.root))
        return args.command(settings, args)
    except BuildFailed as failure:
        _print_problems(failure.problems)
        print(f"Build failed: {_count(failure.problems)}. Nothing was written.", file=sys.stderr)
        return 1


def run_build(settings, args) -> int:
    started = time.perf_counter()
    progress = ProgressBar()
    try:
        result = build_site(settings, strict=args.strict, drafts=args.drafts,
                            processes=args.jobs, clean=args.clean, progress=progress)
    finally:
        progress.close()
    _print_problems(result.warnings)
    seconds = time.perf_counter() - started
    print(f"Built {result.articles:,} {_plural(result.articles, 'article')} "
          f"({result.changed:,} changed) in {seconds:.2f} s -> {settings.output_dir}/")
    return 0


def run_check(settings, args) -> int:
    checked = check_site(settings)
    _print_problems(checked.problems, sys.stdout)  # the report is check's output
    failing = checked.problems if args.strict else checked.errors
    print(f"Checked {len(checked.articles):,} {_plural(len(checked.articles), 'article')}: "
          f"{_count(checked.problems)}.", file=sys.stderr)
    return 1 if failing else 0


def run_serve(settings, args) -> int:
    from .serve import serve  # the HTTP server and watcher are only needed here

    return serve(settings, host=args.host, port=args.port, drafts=args.drafts)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build.py", description=__doc__)
    parser.add_argument("--root", default=".", help="project folder (holding pyproject.toml)")
    parser.set_defaults(command=run_build, strict=False, drafts=False, jobs=0, clean=False)
    commands = parser.add_subparsers(title="commands")
    build = commands.add_parser("build", help="check, then write the site (the default)")
    build.set_defaults(command=run_build)
    serve = commands.add_parser("serve", help="build, serve on 127.0.0.1 and rebuild on change")
    serve.set_defaults(command=run_serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000, help="0 picks a free port")
    for sub in (build, serve):
        sub.add_argument("--drafts", action="store_true",
                         help="also publish drafts and articles dated in the future")
    check = commands.add_parser("check", help="report every problem as file:line, write nothing")
    check.set_defaults(command=run_check)
    add_import_command(commands)
    for sub in (build, check):
        sub.add_argument("--strict", action="store_true", help="treat warnings as errors")
    for sub in (parser, build):
        sub.add_argument("--jobs", type=int, default=argparse.SUPPRESS, metavar="N",
                         help="processes for parsing and rendering (default: one per core)")
        sub.add_argument("--clean", action="store_true", default=argparse.SUPPRESS,
                         help="ignore the build cache (.footnoted-cache/) and render everything")
    return parser


def _print_problems(problems: list[Problem], stream=None) -> None:
    for problem in problems:
        print(problem, file=stream or sys.stderr)


def _count(problems: list[Problem]) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    return f"{errors} {_plural(errors, 'error')}, {warnings} {_plural(warnings, 'warning')}"


def _plural(count: int, word: str) -> str:
    return word if count == 1 else word + "s"
