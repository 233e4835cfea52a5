"""The http(s) URLs the articles cite, with where: what the network commands work through."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..article.resolve import Article
from ..build.pipeline import check_site  # the whole load-parse-resolve pipeline, offline
from ..content.archive_file import ArchiveRecord
from ..content.document import load_archive_file
from ..problems import Problem
from ..settings import Settings


@dataclass(frozen=True)
class CitedUrl:
    url: str
    date: datetime  # the earliest citing article's date: the snapshot to look for
    places: tuple[str, ...]  # "content/a.md:12" of each citation, in file and line order
    archived: str | None  # an archived copy the editor declared, if any


@dataclass(frozen=True, kw_only=True)
class Citations:
    """What `archive` and `links` work through."""

    urls: list[CitedUrl]  # every cited http(s) URL, sorted
    records: dict[str, ArchiveRecord]  # content/archive.yaml's, by URL
    errors: list[Problem]  # of the articles that do not load, whose sources are left out


def load_citations(settings: Settings,
                   only: Sequence[str] = ()) -> tuple[Citations | None, list[Problem]]:
    """The cited URLs (of the articles in `only`, if given) and archive.yaml's records, having
    said which articles are left out; None and the file's problems when it does not load."""
    records, problems = load_archive_file(settings)
    if problems:
        return None, problems
    urls, errors = cited_urls(settings, only)
    report_content_errors(errors)
    return Citations(urls=urls, records=records, errors=errors), []


def report_content_errors(errors: list[Problem]) -> None:
    """The articles that do not load are left out; say so, and why."""
    for problem in errors:
        print(problem, file=sys.stderr)
    if errors:
        count = f"{len(errors)} error{'s' if len(errors) > 1 else ''}"
        print(f"{count} in the content: the sources of articles that do not load are left "
              "out. Fix them (`check` lists them) and run again.", file=sys.stderr)


def cited_urls(settings: Settings,
               only: Sequence[str] = ()) -> tuple[list[CitedUrl], list[Problem]]:
    """Every cited http(s) URL of the articles (of those in `only`, if given), sorted."""
    checked = check_site(settings)
    wanted = {project_path(name, settings) for name in only}
    articles = [a for a in checked.articles if not wanted or a.path in wanted]
    found: dict[str, list] = {}
    for article in articles:
        for source in article.sources:
            if source.url and source.url.startswith(("http://", "https://")):
                found.setdefault(source.url, []).append((article, source))
    return [_cited(url, uses) for url, uses in sorted(found.items())], checked.errors


def _cited(url: str, uses: list) -> CitedUrl:
    places = sorted({(article.path, citation.line) for article, source in uses
                     for citation in source.citations})
    return CitedUrl(
        url=url,
        date=min(article.meta.date.value for article, _ in uses),
        places=tuple(f"{path}:{line}" for path, line in places),
        archived=next((source.archived for _, source in uses if source.archived), None),
    )


def project_path(name: str, settings: Settings) -> str:
    """`content/a.md` as given on the command line, relative to the project like Article.path."""
    path = Path(name).resolve()
    try:
        return path.relative_to(settings.root).as_posix()
    except ValueError:
        return name


def articles_by_path(settings: Settings) -> dict[str, Article]:
    return {article.path: article for article in check_site(settings).articles}
