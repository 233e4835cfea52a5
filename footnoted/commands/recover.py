"""Find lost links again in a saved or archived copy of the article's original page."""

from __future__ import annotations

import argparse
import sys

from ..settings import Settings
from .network_options import add_network_arguments, fetcher_from

HELP = "find lost links again in a saved copy of the original page"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("article", metavar="ARTICLE", help="the article's Markdown file")
    parser.add_argument("--from", dest="page", required=True, metavar="FILE_OR_URL",
                        help="a saved or archived copy of the original page (HTML)")
    parser.add_argument("--dry-run", action="store_true",
                        help="say what would be recovered, change nothing")
    add_network_arguments(parser)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from ..network.recovery import CannotRecover, RecoverOptions, recover_lost_links

    options = RecoverOptions(article=args.article, page=args.page, dry_run=args.dry_run)
    try:
        recovery = recover_lost_links(settings, options, fetcher_from(args))
    except CannotRecover as refusal:
        print(refusal, file=sys.stderr)
        return 1
    for line in recovery.findings:
        print(line)
    for line in recovery.by_hand:
        print(line, file=sys.stderr)
    print(recovery.summary)
    return 0
