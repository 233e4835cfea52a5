"""The search index as the last build made it, per document and per term, in the store's
SQLite file: an edit then updates the postings of the few terms whose weight changed
instead of building the index again from every article's terms.

Its two tables always change together, in one transaction, so they describe one index
whatever became of the build that wrote them; whether that index is the one to update (its
documents in the same order as now) is decided by `BuildState.outdated_search`.
"""

from __future__ import annotations

import pickle
import sqlite3
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .records import Digest

DOCS = "search_docs_1"  # named anew when its columns change
TERMS = "search_terms_1"
Terms = list[tuple[str, int]]  # an article's (term, weight) pairs, in term order


class SearchStore:
    """The tables of the last search index, on a connection of the ArticleStore's file."""

    @dataclass(frozen=True, kw_only=True)
    class Doc:
        """One document of the index: the article it was made from and what it holds of it."""

        path: str
        key: Digest  # keys.document_key() of the article it was made from
        terms: Terms
        entry: bytes  # its entry in its docs file

    @dataclass(frozen=True, kw_only=True)
    class Update:
        """What of the search index to make again (BuildState.outdated_search)."""

        keys: list[Digest]  # keys.document_key() of each published article, in listing order
        outdated: list[int] | None  # the documents to make again, by number; None: all

    @dataclass(frozen=True, kw_only=True)
    class Postings:
        """One term's postings: documents ascending, their weights, and the two as its shard
        holds them."""

        documents: list[int]
        weights: list[int]
        coded: bytes

    def __init__(self, connect: Callable[[], sqlite3.Connection]) -> None:
        self.connect = connect

    def order(self) -> list[tuple[str, Digest]]:
        """(path, document key) of each document, by number."""
        return [(path, Digest(key)) for path, key in self._query(
            f"SELECT path, key FROM {DOCS} ORDER BY number")]

    def terms_of(self, numbers: Iterable[int]) -> dict[int, Terms]:
        """The terms each of the documents `numbers` held."""
        return {number: pickle.loads(terms) for number in numbers
                for (terms,) in self._query(f"SELECT terms FROM {DOCS} WHERE number = ?",
                                            (number,))}

    def postings(self, terms: Iterable[str]) -> dict[str, SearchStore.Postings]:
        """The postings of each of `terms` that the index holds."""
        found = {}
        for term in terms:
            for documents, weights, coded in self._query(
                    f"SELECT documents, weights, coded FROM {TERMS} WHERE term = ?", (term,)):
                found[term] = SearchStore.Postings(documents=_numbers(documents),
                                           weights=_numbers(weights), coded=coded)
        return found

    def entries(self) -> list[bytes]:
        """Every document's entry, by number."""
        return [entry for (entry,) in self._query(f"SELECT entry FROM {DOCS} ORDER BY number")]

    def coded(self) -> list[tuple[str, bytes]]:
        """Every term with its coded postings."""
        return list(self._query(f"SELECT term, coded FROM {TERMS}"))

    def put_docs(self, docs: Iterable[tuple[int, SearchStore.Doc]]) -> None:
        self.connect().executemany(
            f"INSERT OR REPLACE INTO {DOCS} VALUES (?, ?, ?, ?, ?)",
            ((number, doc.path, doc.key, pickle.dumps(doc.terms, pickle.HIGHEST_PROTOCOL),
              doc.entry) for number, doc in docs))

    def put_postings(self, postings: Iterable[tuple[str, SearchStore.Postings | None]]) -> None:
        """Keep each term's new postings; None: the term is in no document any more."""
        db = self.connect()
        for term, found in postings:
            if found is None:
                db.execute(f"DELETE FROM {TERMS} WHERE term = ?", (term,))
            else:
                db.execute(f"INSERT OR REPLACE INTO {TERMS} VALUES (?, ?, ?, ?)",
                           (term, array("i", found.documents).tobytes(),
                            array("i", found.weights).tobytes(), found.coded))

    def clear(self) -> None:
        """Forget the index: it is about to be made whole."""
        self._tables()
        self.connect().execute(f"DELETE FROM {DOCS}")
        self.connect().execute(f"DELETE FROM {TERMS}")

    def commit(self) -> None:
        self.connect().commit()

    def _query(self, sql: str, parameters: tuple = ()) -> list[tuple]:
        try:
            return self.connect().execute(sql, parameters).fetchall()
        except sqlite3.OperationalError:  # no tables yet: no index
            return []

    def _tables(self) -> None:
        db = self.connect()
        db.execute(f"CREATE TABLE IF NOT EXISTS {DOCS} (number INTEGER PRIMARY KEY, path TEXT, "
                   "key TEXT, terms BLOB, entry BLOB)")
        db.execute(f"CREATE TABLE IF NOT EXISTS {TERMS} (term TEXT PRIMARY KEY, "
                   "documents BLOB, weights BLOB, coded BLOB)")


def _numbers(data: bytes) -> list[int]:
    numbers = array("i")
    numbers.frombytes(data)
    return numbers.tolist()
