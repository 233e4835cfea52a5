"""Listings: the front page, one per tag, author and section, and the date archive.

Plain data for the render stage: which articles each listing holds, how it is split into
pages, and where each page and feed goes. No rendering here.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from ..article.resolve import Article
from ..content.slugs import slugify
from .paging import ContentsEntry, SplitPage, split_groups


@dataclass(frozen=True)
class Listing:
    kind: str  # "home", "tag", "author" or "section"
    name: str  # as shown: the tag, the author's name, the section
    folder: str  # relative to the site root, "" or ending in "/": "tags/russia/"
    articles: list[Article]  # newest first

    @property
    def feed_path(self) -> str:
        return f"{self.folder}feed.xml"


@dataclass(frozen=True)
class ListingPage:
    listing: Listing
    number: int  # 1-based
    count: int  # pages in the listing
    articles: list[Article]  # this page's share

    @property
    def folder(self) -> str:
        return self.listing.folder if self.number == 1 else \
            f"{self.listing.folder}page/{self.number}/"

    @property
    def path(self) -> str:
        return f"{self.folder}index.html"

    def folder_of(self, number: int) -> str:
        """Folder of page `number` of the same listing, relative to the site root."""
        return ListingPage(self.listing, number, self.count, []).folder


@dataclass(frozen=True)
class Group:
    """One entry of a listing index: a tag, author or section with its articles."""

    name: str
    listing: Listing


ARCHIVE_BUDGET = 1000  # articles on a page of the archive: about 150 KB of HTML
KINDS = {"tag": "tags", "author": "authors", "section": "sections"}


def build_listings(articles: list[Article]) -> list[Listing]:
    """The home listing, then every tag, author and section listing, in a stable order."""
    listings = [Listing("home", "", "", articles)]
    for kind, folder in KINDS.items():
        for name, members in _grouped(articles, kind).items():
            listings.append(Listing(kind, name, f"{folder}/{slugify(name)}/", members))
    return listings


def paginate(listing: Listing, per_page: int) -> list[ListingPage]:
    count = max(1, math.ceil(len(listing.articles) / per_page))
    return [
        ListingPage(listing, number, count,
                    listing.articles[(number - 1) * per_page : number * per_page])
        for number in range(1, count + 1)
    ]


def groups(listings: list[Listing], kind: str) -> list[Group]:
    """Index entries for `kind`, alphabetical."""
    chosen = [listing for listing in listings if listing.kind == kind]
    return [Group(listing.name, listing) for listing in sorted(chosen, key=_name_order)]


def archive_pages(articles: list[Article], budget: int | None = None) -> list[SplitPage]:
    """The date archive by month, newest first, in pages of `budget` articles
    (ARCHIVE_BUDGET by default)."""
    by_month: dict[tuple[int, int], list[Article]] = defaultdict(list)
    for article in articles:
        moment = article.meta.date.value
        by_month[moment.year, moment.month].append(article)
    return split_groups("archive/", sorted(by_month.items(), reverse=True), lambda _: 1,
                        budget or ARCHIVE_BUDGET)


def archive_years(page: SplitPage) -> list[tuple[int, list[tuple[int, list[Article], bool]]]]:
    """One archive page's share, [(year, [(month, articles, continued)])], newest first."""
    years: list[tuple[int, list[tuple[int, list[Article], bool]]]] = []
    for part in page.parts:
        year, month = part.key
        if not years or years[-1][0] != year:
            years.append((year, []))
        years[-1][1].append((month, part.items, part.continued))
    return years


def archive_contents(entries: list[ContentsEntry]) -> list[tuple[int, list[ContentsEntry]]]:
    """The archive's months, by year, newest first, each with the pages it is on."""
    years: dict[int, list[ContentsEntry]] = defaultdict(list)
    for entry in entries:
        years[entry.key[0]].append(entry)
    return list(years.items())


def _grouped(articles: list[Article], kind: str) -> dict[str, list[Article]]:
    groups_by_slug: dict[str, tuple[str, list[Article]]] = {}
    for article in articles:
        for name in _names(article, kind):
            # Tags differing only in case or accents are one listing, named as first seen.
            entry = groups_by_slug.setdefault(slugify(name), (name, []))
            entry[1].append(article)
    return {name: members for name, members in groups_by_slug.values()}


def _names(article: Article, kind: str) -> list[str]:
    meta = article.meta
    if kind == "tag":
        return list(dict.fromkeys(meta.tags))
    if kind == "author":
        return list(dict.fromkeys(author.name for author in meta.authors))
    return [meta.section] if meta.section else []


def _name_order(listing: Listing) -> str:
    return listing.name.casefold()
