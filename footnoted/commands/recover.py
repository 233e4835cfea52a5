"""Find lost links again in a saved or archived copy of the article's original page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..settings import Settings
from .network import add_network_arguments, fetcher_from

HELP = "find lost links again in a saved copy of the original page"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("article", metavar="ARTICLE", help="the article's Markdown file")
    parser.add_argument("--from", dest="page", required=True, metavar="FILE_OR_URL",
                        help="a saved or archived copy of the original page (HTML)")
    parser.add_argument("--dry-run", action="store_true",
                        help="say what would be recovered, change nothing")
    add_network_arguments(parser)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from ..network.citing import articles_by_path, project_path
    from ..network.recovery import (
        body_anchors,
        linked_words_in_order,
        lost_links,
        match_links,
        page_anchors,
    )

    path = project_path(args.article, settings)
    article = articles_by_path(settings).get(path)
    if article is None:
        print(f"{args.article}: error: not an article of this project (or it does not load). "
              "Give its path, e.g. content/my-article.md; `check` shows what is wrong",
              file=sys.stderr)
        return 1
    page, page_url = _read_page(args.page, args)
    anchors = body_anchors(page, page_url) if page else None
    if anchors is None:
        print(f"{args.page}: error: no article body found in it. Give the HTML of the "
              "original article's page", file=sys.stderr)
        return 1
    lost = lost_links(article)
    outcome = match_links(lost, linked_words_in_order(article), anchors,
                          page_anchors(page, page_url))
    said = {link.key: f"{link.label}: “{'”, “'.join(link.words)}”" for link in lost}
    for key, target in outcome.recovered.items():  # a [words](#) link has nowhere to go
        print(f"{'found     ' if key.startswith('text:') else 'recovered '} {said[key]} -> "
              f"{target}")
    for key, targets in outcome.ambiguous.items():
        print(f"ambiguous  {said[key]} links to {', '.join(targets)}; left lost")
    for key in outcome.missing:
        print(f"still lost {said[key]} is not linked in the page")
    if outcome.recovered and not args.dry_run:
        return _write_recovered(settings.root / path, outcome.recovered,
                                page_url or project_path(args.page, settings))
    verb = "would recover" if args.dry_run else "recovered"
    print(f"{path}: {verb} {len(outcome.recovered)} of {len(lost)} lost links.")
    return 0


def _read_page(where: str, args) -> tuple[str | None, str | None]:
    if where.startswith(("http://", "https://")):
        answer = fetcher_from(args).get(where)
        return (answer.text() if answer.ok else None), where
    try:
        return Path(where).read_text("utf-8", errors="replace"), None
    except OSError:
        return None, None


def _write_recovered(path: Path, found: dict[str, str], recovered_from: str) -> int:
    from ..network.recovery import write_recovered

    old = path.read_text("utf-8")
    text, skipped = write_recovered(old, found, recovered_from)
    if text != old:
        temporary = path.with_name(f".{path.name}.recover")
        temporary.write_text(text, "utf-8")
        temporary.replace(path)
    for key in skipped:
        what = (f"source {key.removeprefix('text:')} is a [words](#) link in the text"
                if key.startswith("text:") else
                f"'{key}' is not declared with a 'lost: true' line of its own")
        print(f"{path.name}: {what}; write its address by hand: {found[key]}", file=sys.stderr)
    print(f"{path.name}: recovered {len(found) - len(skipped)} lost links.")
    return 0
