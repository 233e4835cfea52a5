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
    parser.add_argument("--date", type=date.fromisoformat, metavar="YYYY-MM-DD",
                        help="the publication date (default: today in the site's timezone)")


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
