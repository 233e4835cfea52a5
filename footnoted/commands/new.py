"""Write a draft article skeleton, content/<slug>.md, dated today, with every front-matter
field listed (the optional ones commented out)."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime

from ..settings import Settings

HELP = "write a draft article skeleton for a headline"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("headline", help="the article's title, quoted: \"Like this\"")
    parser.add_argument("--slug", help="the file and page name (default: from the headline)")
    parser.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD",
                        help="the publication date (default: today in the site's timezone)")


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-12-01") from None


def run(args: argparse.Namespace, settings: Settings) -> int:
    from ..skeleton import Refused, new_article

    today = args.date or datetime.now(settings.zone).date()
    try:
        path = new_article(settings, args.headline, today, args.slug)
    except Refused as refused:
        print(f"error: {refused}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(f"Wrote {path.relative_to(settings.root).as_posix()}: a draft, published once "
              "you set 'draft: false' (or build with --drafts to preview it)")
    return 0
