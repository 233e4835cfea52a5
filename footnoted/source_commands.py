"""The network commands, thin: `archive`, `links`, `recover`. Each parses its options and
calls its module; builds never run these (they stay offline and deterministic)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .progress import ProgressBar
from .settings import Settings

if TYPE_CHECKING:  # the network code loads only when a network command runs
    from .fetching import Fetcher


def register(commands, parents: list[argparse.ArgumentParser] = ()) -> None:
    """Add the three commands to the command line's subparsers."""
    network = argparse.ArgumentParser(add_help=False)
    network.add_argument("--jobs", type=int, default=4, metavar="N",
                         help="requests under way at once (default: 4)")
    network.add_argument("--timeout", type=float, default=10.0, metavar="S",
                         help="seconds to wait for one answer (default: 10)")
    network.add_argument("--retries", type=int, default=2, metavar="N",
                         help="further tries after a timeout, 429 or 5xx (default: 2)")
    network.add_argument("--delay", type=float, default=1.0, metavar="S",
                         help="seconds between two requests to one host (default: 1)")
    scope = argparse.ArgumentParser(add_help=False)
    scope.add_argument("--only", nargs="+", default=[], metavar="FILE",
                       help="only the sources of these articles")
    archive = commands.add_parser("archive", parents=[*parents, network, scope],
                                  help="find archived copies of cited sources -> archive.yaml")
    archive.add_argument("--endpoint", help="the web archive (default: archive_endpoint, "
                         "https://archive.org)")
    archive.add_argument("--save", action="store_true",
                         help="ask the archive to capture sources it has no copy of")
    archive.add_argument("--save-interval", type=float, default=10.0, metavar="S",
                         help="seconds between two capture requests (default: 10)")
    archive.set_defaults(command=run_archive)
    links = commands.add_parser("links", parents=[*parents, network, scope],
                                help="check every cited URL: dead, moved, drifted")
    links.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    links.add_argument("--fresh", action="store_true",
                       help="check every URL now, ignoring results of the last "
                       "links_cache_days days")
    links.set_defaults(command=run_links)
    recover = commands.add_parser("recover", parents=[*parents, network],
                                  help="find lost links again in a saved copy of the original")
    recover.add_argument("article", metavar="ARTICLE", help="the article's Markdown file")
    recover.add_argument("--from", dest="page", required=True, metavar="FILE_OR_URL",
                         help="a saved or archived copy of the original page (HTML)")
    recover.add_argument("--dry-run", action="store_true",
                         help="say what would be recovered, change nothing")
    recover.set_defaults(command=run_recover)


def fetcher_from(args) -> Fetcher:
    from .fetching import Fetcher

    return Fetcher(timeout=args.timeout, retries=args.retries, delay=args.delay,
                   backoff=min(1.0, args.timeout))


def run_archive(settings: Settings, args) -> int:
    from .archive import ArchiveOptions, Archiver, archive_urls, to_ask
    from .citing import cited_urls
    from .content import load_archive_file
    from .snapshots import ARCHIVE_FILE

    problems: list = []
    records = load_archive_file(settings, problems)
    if problems:
        return _failed(problems)
    cited, errors = cited_urls(settings, args.only)
    _report_content_errors(errors)
    items = to_ask(cited, records, args.save)
    options = ArchiveOptions(args.endpoint or settings.archive_endpoint, args.save,
                             args.save_interval, args.jobs)
    path = settings.content / ARCHIVE_FILE
    print(f"{len(cited):,} cited URLs, {len(cited) - len(items):,} already known; "
          f"asking {options.endpoint} about {len(items):,}.", file=sys.stderr)
    progress, fetcher = ProgressBar(unit="URLs"), fetcher_from(args)
    try:
        counts = archive_urls(items, records, path, Archiver(options, fetcher,
                                                             datetime.now(UTC).date()), progress)
    except KeyboardInterrupt:
        fetcher.stop()
        progress.close()
        print(f"Interrupted. {path.relative_to(settings.root)} holds every answer so far; "
              "run the command again to go on.", file=sys.stderr)
        return 130
    progress.close()
    summary = ", ".join(f"{n:,} {status}" for status, n in sorted(counts.items())) or "nothing new"
    print(f"Archive: {summary} -> {path.relative_to(settings.root)}")
    return 1 if errors or counts.get("failed") else 0


def run_links(settings: Settings, args) -> int:
    from .cache import CACHE_DIR
    from .citing import cited_urls
    from .content import load_archive_file
    from .linkcheck import (
        LinkChecker,
        check_links,
        load_cache,
        mark_dead,
        report_json,
        report_table,
        save_cache,
    )
    from .snapshots import ARCHIVE_FILE, write_archive

    problems: list = []
    records = load_archive_file(settings, problems)
    if problems:
        return _failed(problems)
    cited, errors = cited_urls(settings, args.only)
    _report_content_errors(errors)
    folder = settings.root / CACHE_DIR
    old = {} if args.fresh else load_cache(folder)
    fetcher = fetcher_from(args)
    checker = LinkChecker(fetcher, old, settings.links_cache_days * 86400)
    progress, results = ProgressBar(unit="URLs"), {}
    try:
        check_links(cited, checker, args.jobs, progress, results)
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


def run_recover(settings: Settings, args) -> int:
    from .citing import articles_by_path, project_path
    from .recover import (
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
    from .recover import write_recovered

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


def _report_content_errors(errors) -> None:
    """The articles that do not load are left out; say so, and why."""
    for problem in errors:
        print(problem, file=sys.stderr)
    if errors:
        count = f"{len(errors)} error{'s' if len(errors) > 1 else ''}"
        print(f"{count} in the content: the sources of articles that do not load "
              "are left out. Fix them (`python build.py check`) and run again.", file=sys.stderr)


def _failed(problems) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1
