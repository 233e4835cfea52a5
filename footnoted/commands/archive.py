"""Ask the web archive for a snapshot of every cited source, into content/archive.yaml."""

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

HELP = "find archived copies of cited sources -> content/archive.yaml"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--endpoint", help="the web archive (default: the archive_endpoint "
                        "setting, https://archive.org)")
    parser.add_argument("--save", action="store_true",
                        help="ask the archive to capture sources it has no copy of")
    parser.add_argument("--save-interval", type=float, default=10.0, metavar="S",
                        help="seconds between two capture requests (default: 10)")
    add_only_argument(parser)
    add_network_arguments(parser)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from ..network.wayback import ArchiveOptions, archive_cited

    report = archive_cited(settings, ArchiveOptions(
        endpoint=args.endpoint or settings.archive_endpoint, save=args.save,
        save_interval=args.save_interval, jobs=requests_at_once(args), only=tuple(args.only),
    ), fetcher_from(args))
    if report.problems:
        return report_failed(report.problems)
    if report.interrupted:
        return INTERRUPTED
    for url, reason in sorted(report.failures.items()):
        print(f"{url}: {reason}; it is asked again next time", file=sys.stderr)
    print(report.summary)
    return 1 if report.errors or report.counts.get("failed") else 0
