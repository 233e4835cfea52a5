"""Listings: the front page, one per tag, author and section, and the date archive.

Plain data for the render stage: which articles each listing holds, how it is split into
pages, and where each page and feed goes. No rendering here.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from .resolve import Article
from .slugs import slugify


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


def archive(articles: list[Article]) -> list[tuple[int, list[tuple[int, list[Article]]]]]:
    """[(year, [(month, articles)])], newest first, for the date archive."""
    by_year: dict[int, dict[int, list[Article]]] = defaultdict(lambda: defaultdict(list))
    for article in articles:
        moment = article.meta.date.value
        by_year[moment.year][moment.month].append(article)
    return [(year, sorted(months.items(), reverse=True))
            for year, months in sorted(by_year.items(), reverse=True)]


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
