"""Ask the web archive for a snapshot of every cited source, into content/archive.yaml."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime

from ..progress import ProgressBar
from ..settings import Settings
from .network import (
    add_network_arguments,
    add_only_argument,
    fetcher_from,
    report_content_errors,
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
    from ..content.archive_file import ARCHIVE_FILE
    from ..content.document import load_archive_file
    from ..network.citing import cited_urls
    from ..network.wayback import ArchiveOptions, Archiver, archive_urls, to_ask

    records, problems = load_archive_file(settings)
    if problems:
        return report_failed(problems)
    cited, errors = cited_urls(settings, args.only)
    report_content_errors(errors)
    items = to_ask(cited, records, args.save)
    options = ArchiveOptions(args.endpoint or settings.archive_endpoint, args.save,
                             args.save_interval, requests_at_once(args))
    path = settings.content / ARCHIVE_FILE
    print(f"{len(cited):,} cited URLs, {len(cited) - len(items):,} already known; "
          f"asking {options.endpoint} about {len(items):,}.", file=sys.stderr)
    progress, fetcher = ProgressBar(unit="URLs"), fetcher_from(args)
    archiver = Archiver(options, fetcher, datetime.now(UTC).date())
    try:
        counts = archive_urls(items, records, path, archiver, progress)
    except KeyboardInterrupt:
        fetcher.stop()
        progress.close()
        print(f"Interrupted. {path.relative_to(settings.root)} holds every answer so far; "
              "run the command again to go on.", file=sys.stderr)
        return 130
    progress.close()
    for url, reason in sorted(archiver.failures.items()):
        print(f"{url}: {reason}; it is asked again next time", file=sys.stderr)
    summary = ", ".join(f"{n:,} {status}" for status, n in sorted(counts.items())) or "nothing new"
    print(f"Archive: {summary} -> {path.relative_to(settings.root)}")
    return 1 if errors or counts.get("failed") else 0
