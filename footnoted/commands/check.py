"""Report every problem in the content as file:line, writing nothing."""

from __future__ import annotations

import argparse
import sys

from ..problems import error
from ..report import counted, plural, print_problems
from ..settings import Settings

HELP = "report every problem as file:line, write nothing"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options of its own: the shared ones (--strict, --root, ...) are enough."""


def run(args: argparse.Namespace, settings: Settings) -> int:
    from ..build.pipeline import check_site  # Markdown is imported only when something is checked

    checked = check_site(settings)
    problems = checked.problems
    if not checked.articles and not checked.errors:
        problems = [*problems, error(f"{settings.content_dir}/", 0, "has no articles",
                                     f"Write one in Markdown, or start one with: {args.prog} "
                                     "new \"Headline\"")]
    failing = problems if args.strict else [p for p in problems if p.is_error]
    print_problems(failing if args.quiet else problems, sys.stdout)  # the report is the output
    if not args.quiet:
        warned = any(not p.is_error for p in problems)
        strict = "; --strict counts warnings as errors" if args.strict and warned else ""
        print(f"Checked {plural(len(checked.articles), 'article')}: {counted(problems)}"
              f"{strict}.", file=sys.stderr)
    return 1 if failing else 0
