"""Read each cited page for what its source lacks (title, publisher, author, date, language)
and look for its quotes, into content/sources-found.yaml. Dead pages are read from their
archived copy. What the editor typed is never replaced."""

from __future__ import annotations

import argparse
import sys

from ..settings import Settings
from .network_options import (
    INTERRUPTED,
    add_network_arguments,
    add_only_argument,
    fetcher_from,
    report_failed,
    requests_at_once,
)

HELP = "fill in what cited sources lack, check quotes -> content/sources-found.yaml"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dry-run", action="store_true",
                        help="read the pages and show what would change; write nothing")
    parser.add_argument("--fresh", action="store_true",
                        help="read every page again, not only those not read yet")
    add_only_argument(parser)
    add_network_arguments(parser)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from ..network.sources_found import SourcesOptions, read_sources

    report = read_sources(settings, SourcesOptions(
        jobs=requests_at_once(args), only=tuple(args.only), dry_run=args.dry_run,
        fresh=args.fresh), fetcher_from(args))
    if report.problems:
        return report_failed(report.problems)
    if args.dry_run:
        for line in report.changes:
            print(line)
    if report.interrupted:
        return INTERRUPTED
    for line in report.quotes_nowhere:
        print(line, file=sys.stderr)
    print(report.summary + (" (--dry-run: not written)" if args.dry_run else ""))
    return 1 if report.errors else 0
