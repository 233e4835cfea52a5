"""Long site-wide pages (Sources, archive) split into pages a browser opens at once.

A site of 10,000 articles cites about 100,000 sources: on one page that is over 40 MB of HTML.
The groups (publishers, months) keep their order and flow from page to page; a page is closed
when its items' weights reach a budget (the weights stand for the lines an item shows, so a
source cited in many places weighs more than one cited once), and a large group continues on
the next page. The first page carries the contents: every group, with the pages it spans.
Plain data for the render stage; no rendering here.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Part:
    """The share of one group that a page shows."""

    key: Hashable  # the group: a publisher's name, (year, month)
    items: list[Any]
    continued: bool  # the group began on an earlier page


@dataclass(frozen=True)
class Span:
    """Where a group's items are: on page `number`, from `first` to `last`."""

    number: int
    first: Any
    last: Any


@dataclass(frozen=True)
class ContentsEntry:
    key: Hashable
    total: int  # the group's items, on all pages
    spans: list[Span]


@dataclass(frozen=True)
class SplitPage:
    """One page of a split page: page 1 lives at `base`, page n at `base`page/n/."""

    base: str  # "sources/"
    number: int  # 1-based
    count: int
    parts: list[Part]

    @property
    def folder(self) -> str:
        return folder_of(self.base, self.number)

    @property
    def path(self) -> str:
        return f"{self.folder}index.html"

    def folder_of(self, number: int) -> str:
        """Folder of page `number` of the same split page, relative to the site root."""
        return folder_of(self.base, number)


def folder_of(base: str, number: int) -> str:
    return base if number == 1 else f"{base}page/{number}/"


def split_groups(base: str, groups: list[tuple[Hashable, list[Any]]],
                 weight: Callable[[Any], int], budget: int) -> list[SplitPage]:
    """Pages holding `groups` in order, each up to `budget` in item weights (an item heavier
    than the budget gets a page of its own). There is always at least one page."""
    pages: list[list[Part]] = [[]]
    used = 0
    for key, items in groups:
        for item in items:
            cost = weight(item)
            if used and used + cost > budget:
                pages.append([])
                used = 0
            parts = pages[-1]
            if not parts or parts[-1].key != key:
                # Only a page's first part can have begun on the page before.
                continued = not parts and len(pages) > 1 and pages[-2][-1].key == key
                parts.append(Part(key, [], continued))
            parts[-1].items.append(item)
            used += cost
    return [SplitPage(base, number, len(pages), parts)
            for number, parts in enumerate(pages, 1)]


def contents(pages: list[SplitPage]) -> list[ContentsEntry]:
    """Every group in order, with the span of each page it is on."""
    spans: dict[Hashable, list[Span]] = {}
    for page in pages:
        for part in page.parts:
            spans.setdefault(part.key, []).append(
                Span(page.number, part.items[0], part.items[-1]))
    totals = {key: 0 for key in spans}
    for page in pages:
        for part in page.parts:
            totals[part.key] += len(part.items)
    return [ContentsEntry(key, totals[key], found) for key, found in spans.items()]
