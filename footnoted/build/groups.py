"""The site-wide pages made from every article (Sources pages, listings and feeds, the search
index, the citation files), each group one job that workers.py may run in a worker while the
others render article pages: the serial tail of a cold build was the main process making them
alone.

A job names the published articles by (path, stored key) in listing order; the worker reads
what it needs of each from the store (listed copies, with their sources, search terms) and
hands back the group's files as bytes. An article the store lost is parsed again there.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from jinja2 import TemplateError

from ..incremental import StoredKey
from ..pages.assets import collect_static
from ..pages.citation import site_citation_files
from ..pages.environment import template_problem
from ..pages.render import render_listing_pages, sources_page_chunks
from ..pages.search import search_index
from ..pages.source_index import build_source_index
from ..problems import Problem
from .jobs import JobState, ParseJob, listed_copies, parse_file


@dataclass(frozen=True, kw_only=True)
class GroupJob:
    name: str  # one of MADE_IN_WORKERS
    published: list[tuple[str, StoredKey]]  # the published articles, in listing order


@dataclass(frozen=True, kw_only=True)
class GroupMade:
    name: str
    files: dict[str, bytes]  # site file -> bytes; empty when a template failed
    problems: list[Problem]


def make_group(state: JobState, job: GroupJob) -> GroupMade:
    """Render one group of site-wide pages."""
    try:
        files = MADE_IN_WORKERS[job.name](state, job.published)
    except TemplateError as exc:
        return GroupMade(name=job.name, files={},
                         problems=[template_problem(exc, state.settings)])
    return GroupMade(name=job.name, files=files, problems=[])


def _sources(state: JobState, published: list[tuple[str, StoredKey]]) -> dict[str, bytes]:
    """The Sources pages; each page is joined here (about 200 KB at most: split pages)."""
    index = build_source_index(list(_stored(state, published, "with_sources")))
    return {name: "".join(pieces).encode("utf-8") for name, pieces in
            sources_page_chunks(state.environment, index, state.settings).items()}


def _listings(state: JobState, published: list[tuple[str, StoredKey]]) -> dict[str, bytes]:
    listed = listed_copies(state, published)
    assert listed is not None, "an article file changed during the build"
    return render_listing_pages(state.environment, listed, state.settings) | collect_static(
        state.settings)


def _search(state: JobState, published: list[tuple[str, StoredKey]]) -> dict[str, bytes]:
    listed = listed_copies(state, published)
    assert listed is not None, "an article file changed during the build"
    return search_index(listed, _stored(state, published, "terms"))


def _stored(state: JobState, published: list[tuple[str, StoredKey]], column: str
            ) -> Iterator[Any]:
    """Each article's `column` in the store, in order, one at a time (an article the store
    lost is parsed again)."""
    read = state.store.with_sources if column == "with_sources" else state.store.terms
    for (path, _), value in zip(published, read(published), strict=True):
        if value is None:
            row = parse_file(state, ParseJob(path=path)).row
            assert row is not None, "an article file changed during the build"
            value = pickle.loads(getattr(row, column))
        yield value


# The groups made by a job; "images" copies files and stays with the main process.
MADE_IN_WORKERS: dict[str, Callable[[JobState, list[tuple[str, StoredKey]]], dict[str, bytes]]] = {
    "sources": _sources,
    "listings": _listings,
    "search": _search,
    "citations": lambda state, published: site_citation_files(
        _stored(state, published, "with_sources"), state.settings),
}
