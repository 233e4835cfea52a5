"""The site-wide pages made from every article (Sources pages, listings and feeds, the search
index, the citation files), each group one job that workers.py may run in a worker while the
others render article pages: the serial tail of a cold build was the main process making them
alone.

A job names the published articles by (path, stored key) in listing order; the worker reads
what it needs of each from the store (listed copies, with their sources, search terms) and
writes the group's files, one after the other as they are made, into a file beside the store
that the main process reads back one site file at a time: handed back whole, the groups of a
100,000-article site held gigabytes in both processes. An article the store lost is parsed
again there.
"""

from __future__ import annotations

import pickle
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import TemplateError

from ..incremental import SearchStore, StoredKey
from ..pages.assets import collect_static
from ..pages.citation import site_citation_files
from ..pages.environment import template_problem
from ..pages.render import render_listing_pages, sources_page_chunks
from ..pages.search import (
    doc_fields,
    interleaved,
    postings_of,
    update_postings,
    weight_changes,
)
from ..pages.search_shards import coded_postings, doc_entry, index_files
from ..pages.source_index import build_source_index
from ..problems import Problem
from .jobs import JobState, ParseJob, listed_copies, parse_file


@dataclass(frozen=True, kw_only=True)
class GroupJob:
    name: str  # one of MADE_IN_WORKERS
    published: list[tuple[str, StoredKey]]  # the published articles, in listing order
    search: SearchStore.Update | None = None  # for the search index: what to make again


@dataclass(frozen=True, kw_only=True)
class GroupMade:
    name: str
    files: Path | None  # the file of its (site file, bytes) pairs; None when a template failed
    problems: list[Problem]

    def pairs(self) -> Iterator[tuple[str, bytes]]:
        """Each site file and its bytes, in the order made, read one at a time; the file
        is deleted once read."""
        assert self.files is not None, "a group whose template failed has no files"
        try:
            with open(self.files, "rb") as file:
                while True:
                    try:
                        yield pickle.load(file)
                    except EOFError:
                        return
        finally:
            self.files.unlink(missing_ok=True)


def make_group(state: JobState, job: GroupJob) -> GroupMade:
    """Render one group of site-wide pages into a file of (site file, bytes) pairs."""
    # One name per group: a build that failed before reading one leaves it for the next.
    files = state.store.path.with_name(f"group-{job.name}.pickles")
    try:
        with open(files, "wb") as out:
            for pair in MADE_IN_WORKERS[job.name](state, job):
                pickle.dump(pair, out, pickle.HIGHEST_PROTOCOL)
    except TemplateError as exc:
        files.unlink(missing_ok=True)
        return GroupMade(name=job.name, files=None,
                         problems=[template_problem(exc, state.settings)])
    except BaseException:
        files.unlink(missing_ok=True)
        raise
    return GroupMade(name=job.name, files=files, problems=[])


def _sources(state: JobState, job: GroupJob) -> Iterator[tuple[str, bytes]]:
    """The Sources pages; each page is joined here (about 200 KB at most: split pages)."""
    index = build_source_index(list(_stored(state, job.published, "with_sources")))
    for name, pieces in sources_page_chunks(state.environment, index, state.settings).items():
        yield name, "".join(pieces).encode("utf-8")


def _listings(state: JobState, job: GroupJob) -> Iterator[tuple[str, bytes]]:
    listed = listed_copies(state, job.published)
    assert listed is not None, "an article file changed during the build"
    yield from render_listing_pages(state.environment, listed, state.settings)
    yield from collect_static(state.settings).items()


def _search(state: JobState, job: GroupJob) -> Iterator[tuple[str, bytes]]:
    """The search index: its outdated documents updated in the index the store keeps, or
    made whole; the store keeps the result for the next build."""
    search, update = state.store.search, job.search
    assert update is not None, "the search index's job says what to make again"
    documents = list(zip(job.published, update.keys, strict=True))
    if update.outdated is None:
        search.clear()
        postings = postings_of(_kept(search, _search_docs(state, documents)))
        search.put_postings(_whole_postings(postings))
    else:
        docs = dict(zip(update.outdated, _search_docs(
            state, [documents[number] for number in update.outdated]), strict=True))
        search.put_postings(_updated_postings(search, docs))
        search.put_docs(docs.items())
    search.commit()
    yield from index_files(search.entries(), search.coded()).items()


def _whole_postings(postings: dict[str, list[int]]
                    ) -> Iterator[tuple[str, SearchStore.Postings]]:
    for term, found in postings.items():
        yield term, SearchStore.Postings(documents=found[0::2], weights=found[1::2],
                                         coded=coded_postings(found))


def _search_docs(state: JobState, wanted: list[tuple[tuple[str, StoredKey], str]]
                 ) -> Iterator[SearchStore.Doc]:
    """The documents of the articles `wanted` ((path, stored key), document key), one at a
    time (all their terms at once would be hundreds of MB at 10,000 articles)."""
    stored = [article for article, _ in wanted]
    listed = listed_copies(state, stored)
    assert listed is not None, "an article file changed during the build"
    for ((path, _), key), article, terms in zip(wanted, listed, _stored(state, stored, "terms"),
                                                strict=True):
        yield SearchStore.Doc(path=path, key=key, terms=terms, entry=doc_entry(doc_fields(article)))


def _kept(search: SearchStore, docs: Iterator[SearchStore.Doc]) -> Iterator[list[tuple[str, int]]]:
    """The terms of each of `docs`, numbered in order, once the store keeps the document."""
    for number, doc in enumerate(docs):
        search.put_docs([(number, doc)])
        yield doc.terms


def _updated_postings(search: SearchStore, docs: dict[int, SearchStore.Doc]
                      ) -> Iterator[tuple[str, SearchStore.Postings | None]]:
    """The new postings of each term whose weight in one of `docs` changed (None: the term
    is in no document any more)."""
    old = search.terms_of(docs)
    changes: dict[str, dict[int, int]] = defaultdict(dict)
    for number, doc in docs.items():
        for term, weight in weight_changes(old.get(number, []), doc.terms).items():
            changes[term][number] = weight
    current = search.postings(changes)
    for term, changed in sorted(changes.items()):
        found = current.get(term)
        documents, weights = (found.documents, found.weights) if found else ([], [])
        update_postings(documents, weights, changed)
        coded = coded_postings(interleaved(documents, weights))
        yield term, SearchStore.Postings(documents=documents, weights=weights,
                                         coded=coded) if documents else None


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
MADE_IN_WORKERS: dict[str, Callable[[JobState, GroupJob], Iterator[tuple[str, bytes]]]] = {
    "sources": _sources,
    "listings": _listings,
    "search": _search,
    "citations": lambda state, job: site_citation_files(
        _stored(state, job.published, "with_sources"), state.settings),
}
