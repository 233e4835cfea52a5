"""The parsed articles, by path, in one SQLite file: the last build's work, to reuse."""

from __future__ import annotations

import pickle
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..article.resolve import Article
from .records import StoredKey

BATCH = 500  # stored values read per query
TABLE = "parsed_articles"  # named anew when its columns change


class ArticleStore:
    """Parsed articles by path, pickled into one SQLite file (thousands of small files are
    slow to create): the whole article, to render its page again without parsing; its
    listed copy with its sources (no body) for the Sources page; its search terms for the
    search index.

    Each process opens its own connection on first use: connections must not cross a fork.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.connection: sqlite3.Connection | None = None

    def article(self, article_path: str, key: StoredKey) -> Article | None:
        """The whole article stored for `article_path` under `key`, or None."""
        return _unpickled(self._rows("article", [article_path]).get(article_path), key)

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

    def put(self, article_path: str, key: StoredKey, article: bytes, with_sources: Article,
            terms: list[tuple[str, int]]) -> None:
        self._db().execute(f"INSERT OR REPLACE INTO {TABLE} VALUES (?, ?, ?, ?, ?)",
                           (article_path, key, article, pickled(with_sources), pickled(terms)))

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
                       "article BLOB, with_sources BLOB, terms BLOB)")
    return connection


def _unpickled(row: tuple[str, bytes] | None, key: str) -> Any:
    try:
        return pickle.loads(row[1]) if row and row[0] == key else None
    except Exception:  # damaged: the caller parses the file again
        return None
