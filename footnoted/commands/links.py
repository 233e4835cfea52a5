"""Check every cited URL: dead, moved to another host, or drifted from its archived copy."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

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

HELP = "check every cited URL: dead, moved, drifted"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--fresh", action="store_true",
                        help="check every URL now, ignoring results of the last "
                        "links_cache_days days")
    add_only_argument(parser)
    add_network_arguments(parser)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from ..content.archive_file import ARCHIVE_FILE, write_archive
    from ..content.document import load_archive_file
    from ..incremental import CACHE_DIR
    from ..network.citing import cited_urls
    from ..network.link_check import (
        LinkChecker,
        check_links,
        load_cache,
        mark_dead,
        report_json,
        report_table,
        save_cache,
    )

    records, problems = load_archive_file(settings)
    if problems:
        return report_failed(problems)
    cited, errors = cited_urls(settings, args.only)
    report_content_errors(errors)
    folder = settings.root / CACHE_DIR
    old = {} if args.fresh else load_cache(folder)
    fetcher = fetcher_from(args)
    checker = LinkChecker(fetcher, old, settings.links_cache_days * 86400)
    progress, results = ProgressBar(unit="URLs"), {}
    try:
        check_links(cited, checker, requests_at_once(args), progress, results)
    except KeyboardInterrupt:
        fetcher.stop()
        save_cache(folder, results, old)
        progress.close()
        print("Interrupted. The answers so far are kept: run the command again to go on.",
              file=sys.stderr)
        return 130
    progress.close()
    save_cache(folder, results, old)
    if mark_dead(records, results):
        write_archive(settings.content / ARCHIVE_FILE, records)
    for line in report_table(cited, results):
        print(line)
    if args.json:
        Path(args.json).write_text(json.dumps(report_json(cited, results), indent=2) + "\n",
                                   "utf-8")
    unsaved = [item for item in cited if results[item.url].dead and not item.archived]
    print(_links_summary(results, len(unsaved)), file=sys.stderr)
    return 1 if unsaved or errors else 0


def _links_summary(results, unsaved: int) -> str:
    values = list(results.values())
    dead, moved = sum(r.dead for r in values), sum(r.moved and not r.dead for r in values)
    drifted = sum(r.drifted and not r.dead for r in values)
    return (f"Checked {len(values):,} URLs: {dead:,} dead ({unsaved:,} without an archived "
            f"copy), {moved:,} moved, {drifted:,} drifted.")
