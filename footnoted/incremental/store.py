"""The parsed articles, by path, in one SQLite file: the last build's work, to reuse."""

from __future__ import annotations

import pickle
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..article.resolve import Article
from .records import StoredKey
from .search_store import SearchStore

BATCH = 500  # stored values read per query
TABLE = "parsed_articles_3"  # named anew when its columns change


class ArticleStore:
    """Parsed articles by path, pickled into one SQLite file (thousands of small files are
    slow to create): the whole article, to render its page again without parsing; its
    listed copy (no body, no sources), for the pages that list it by title; its listed copy
    with its sources for the Sources page; its search terms for the search index. Every
    value comes pickled from the worker that parsed the article and goes in as it came.

    Each process opens its own connection on first use: connections must not cross a fork.
    """

    @dataclass(frozen=True, kw_only=True)
    class Row:
        """What the store keeps of one parsed article, each value pickled by `row`."""

        article: bytes  # the whole article
        listed: bytes  # its listed copy
        with_sources: bytes  # its listed copy with its sources
        terms: bytes  # its search terms

    @staticmethod
    def row(article: Article, listed: Article, with_sources: Article,
            terms: list[tuple[str, int]]) -> ArticleStore.Row:
        """One article's row, pickled where it was parsed: the values cross to the process
        that stores them as bytes, never unpickled on the way."""
        return ArticleStore.Row(article=pickled(article), listed=pickled(listed),
                                with_sources=pickled(with_sources), terms=pickled(terms))

    def __init__(self, path: Path) -> None:
        self.path = path
        self.connection: sqlite3.Connection | None = None

    @property
    def search(self) -> SearchStore:
        """The search index as the last build made it, in the same file."""
        return SearchStore(self._db)

    def article(self, article_path: str, key: StoredKey) -> Article | None:
        """The whole article stored for `article_path` under `key`, or None."""
        return _unpickled(self._rows("article", [article_path]).get(article_path), key)

    def listed(self, wanted: list[tuple[str, StoredKey]]) -> Iterator[Article | None]:
        """The listed copy of each (path, key) in `wanted`, in order."""
        return self._values("listed", wanted)

    def with_sources(self, wanted: list[tuple[str, StoredKey]]) -> Iterator[Article | None]:
        """The listed copy with its sources of each (path, key) in `wanted`, in order."""
        return self._values("with_sources", wanted)

    def terms(self, wanted: list[tuple[str, StoredKey]]) -> Iterator[list | None]:
        """The search terms of each (path, key) in `wanted`, in order."""
        return self._values("terms", wanted)

    def _values(self, column: str, wanted: list[tuple[str, StoredKey]]) -> Iterator[Any]:
        """The `column` of each (path, key) in `wanted`, in order; None
        where it is missing. Read a batch at a time: one query per article cost more than
        the search index itself, and reading all at once would hold every value in memory."""
        for start in range(0, len(wanted), BATCH):
            batch = wanted[start:start + BATCH]
            rows = self._rows(column, [path for path, _ in batch])
            for path, key in batch:
                yield _unpickled(rows.get(path), key)

    def _rows(self, column: str, paths: list[str]) -> dict[str, tuple[str, bytes]]:
        marks = ", ".join("?" * len(paths))
        try:
            return {path: (key, value) for path, key, value in self._db().execute(
                f"SELECT path, key, {column} FROM {TABLE} WHERE path IN ({marks})", paths)}
        except Exception:  # missing or damaged: the caller parses the files again
            return {}

    def put(self, article_path: str, key: StoredKey, values: ArticleStore.Row) -> None:
        """Keep one parsed article's values, as pickled by the worker that parsed it."""
        self._db().execute(f"INSERT OR REPLACE INTO {TABLE} VALUES (?, ?, ?, ?, ?, ?)",
                           (article_path, key, values.article, values.listed,
                            values.with_sources, values.terms))

    def commit(self) -> None:
        if self.connection is not None:
            self.connection.commit()

    def keep_only(self, paths: set[str]) -> None:
        stored = {row[0] for row in self._db().execute(f"SELECT path FROM {TABLE}")}
        self._db().executemany(f"DELETE FROM {TABLE} WHERE path = ?",
                               [(path,) for path in stored - paths])

    @staticmethod
    def pickled(value: object) -> bytes:
        """A value as the store keeps it (and as jobs hand values between processes)."""
        return pickled(value)

    def close(self) -> None:
        if self.connection is not None:
            self.connection.commit()
            self.connection.close()
            self.connection = None

    def _db(self) -> sqlite3.Connection:
        if self.connection is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self.connection = _connect(self.path)
            except sqlite3.DatabaseError:  # a damaged file: start it again
                self.path.unlink(missing_ok=True)
                self.connection = _connect(self.path)
        return self.connection


def pickled(value: object) -> bytes:
    return pickle.dumps(value, pickle.HIGHEST_PROTOCOL)


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=30)
    # A lost cache costs one cold build, so durability is traded for speed.
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = OFF")
    connection.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (path TEXT PRIMARY KEY, key TEXT, "
                       "article BLOB, listed BLOB, with_sources BLOB, terms BLOB)")
    return connection


def _unpickled(row: tuple[str, bytes] | None, key: str) -> Any:
    try:
        return pickle.loads(row[1]) if row and row[0] == key else None
    except Exception:  # damaged: the caller parses the file again
        return None
