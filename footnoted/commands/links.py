"""Check every cited URL: dead, moved to another host, or drifted from its archived copy."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..settings import Settings
from .network_options import (
    INTERRUPTED,
    add_network_arguments,
    add_only_argument,
    fetcher_from,
    report_failed,
    requests_at_once,
)

HELP = "check every cited URL: dead, moved, drifted"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--fresh", action="store_true",
                        help="check every URL now, ignoring results of the last "
                        "links_cache_days days")
    add_only_argument(parser)
    add_network_arguments(parser)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from ..network.link_check import LinksOptions, check_cited

    report = check_cited(settings, LinksOptions(
        fresh=args.fresh, jobs=requests_at_once(args), only=tuple(args.only),
        json_file=Path(args.json) if args.json else None,
    ), fetcher_from(args))
    if report.problems:
        return report_failed(report.problems)
    if report.interrupted:
        return INTERRUPTED
    for line in report.table:
        print(line)
    print(report.summary, file=sys.stderr)
    return 1 if report.unsaved or report.errors else 0
