"""The Sources page, split so that no page grows with the site: publishers A-Z, then the
links that were not preserved, flow over pages of bounded size; the first page lists every
publisher with the pages (and the titles) it spans, so every source is two links away.

A site of a few hundred articles keeps one page, as before the split. A source's entry is
never cut: one cited by thousands of articles still makes a page of its own over the budget.
"""

from __future__ import annotations

from .paging import SplitPage, split_groups
from .source_index import SiteSource, SourceIndex, Use

# About 2,000 lines of the page: at about 100 bytes a line, pages of about 200 KB (a fifth of
# the 1 MB a page may reach), a few hundred sources to scroll.
SOURCES_BUDGET = 2000
LOST_LINKS = None  # the key of the lost links' group (a publisher can have any name)


def split_sources(index: SourceIndex, budget: int | None = None) -> list[SplitPage]:
    """The Sources pages, each up to `budget` lines (SOURCES_BUDGET by default)."""
    groups: list = list(index.by_publisher)
    if index.lost:
        groups.append((LOST_LINKS, index.lost))
    return split_groups("sources/", groups, _lines, budget or SOURCES_BUDGET)


def _lines(item: SiteSource | Use) -> int:
    """The lines an item takes on the page: a source's entry, and a line per citing article
    holding its citations; a lost link is one line."""
    if isinstance(item, Use):
        return 2
    return 2 + sum(1 + len(use.source.citations) for use in item.uses)
