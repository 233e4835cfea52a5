"""The site-wide view of sources: who cites what, for the Sources page and "also cited by".

A source is the same across articles when it has the same URL. Lost links have no URL to
compare, so each is listed on its own, with the article and line an editor must fix.
"""

from __future__ import annotations

import functools
import hashlib
from collections import defaultdict
from dataclasses import dataclass

from ..article.resolve import Article, Source


@dataclass(frozen=True)
class Use:
    """One article's use of a source: its entry there, with every citing place."""

    article: Article
    source: Source


@dataclass(frozen=True)
class SiteSource:
    url: str
    anchor: str  # id on the Sources page
    uses: list[Use]  # in article listing order

    @functools.cached_property  # sorting and the Sources page ask for it again and again
    def entry(self) -> Source:
        """The fullest description any article gives of this source."""
        return max((use.source for use in self.uses), key=_detail)


@dataclass(frozen=True)
class SourceIndex:
    by_publisher: list[tuple[str, list[SiteSource]]]  # publishers A-Z, their sources by title
    lost: list[Use]  # lost links, article by article
    cited_with: dict[str, list[Article]]  # slug -> other articles citing any of its sources

    @property
    def count(self) -> int:
        return sum(len(sources) for _, sources in self.by_publisher)


def build_source_index(articles: list[Article]) -> SourceIndex:
    by_url: dict[str, list[Use]] = defaultdict(list)
    lost = []
    for article in articles:
        for source in article.sources:
            if source.url:
                by_url[source.url].append(Use(article, source))
            else:
                lost.append(Use(article, source))
    sources = [SiteSource(url, _anchor(url), uses) for url, uses in by_url.items()]
    return SourceIndex(_by_publisher(sources), lost, _cited_with(articles, sources))


def _by_publisher(sources: list[SiteSource]) -> list[tuple[str, list[SiteSource]]]:
    groups: dict[str, list[SiteSource]] = defaultdict(list)
    for source in sources:
        groups[source.entry.publisher or "Unknown publisher"].append(source)
    return [(publisher, sorted(members, key=_title_order))
            for publisher, members in sorted(groups.items(), key=lambda g: g[0].casefold())]


def _cited_with(articles: list[Article], sources: list[SiteSource]) -> dict[str, list[Article]]:
    others: dict[str, dict[str, Article]] = {article.slug: {} for article in articles}
    for source in sources:
        citing = [use.article for use in source.uses]
        for article in citing:
            others[article.slug].update((a.slug, a) for a in citing if a is not article)
    order = {article.slug: index for index, article in enumerate(articles)}
    return {slug: sorted(found.values(), key=lambda a: order[a.slug])
            for slug, found in others.items()}


def _detail(source: Source) -> int:
    return sum(bool(value) for value in (source.title, source.publisher, source.author,
                                         source.date, source.archived, source.note))


def _title_order(source: SiteSource) -> tuple[str, str]:
    return ((source.entry.title or "").casefold(), source.url)


def _anchor(url: str) -> str:
    return "s-" + hashlib.sha1(url.encode()).hexdigest()[:10]
