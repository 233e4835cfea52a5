"""The build cache: what the last build made of each article, so unchanged ones are skipped.

An article is parsed again when its file, the site settings, the package versions, the set of
shared source keys and URLs, or a shared source it cites has changed (its *parse key*). Its page
is rendered again when, besides, a template or static file changed (the *site key*), or when
the page in the current site is not the file the last build wrote (size and mtime differ).
Everything lives in `.footnoted-cache/` in the project; deleting it only costs one cold build.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from importlib import metadata
from pathlib import Path
from typing import Any

from . import __version__
from .content import SourceEntry
from .images import _source_file as _image_file
from .problems import Problem
from .resolve import Article
from .settings import Settings
from .theme import layered_files, static_folders, template_folders

CACHE_DIR = ".footnoted-cache"
FORMAT = 6  # bump when the cached data changes shape
BATCH = 500  # stored values read per query
LIBRARIES = ("markdown", "jinja2", "pygments", "pyyaml", "nh3")


@dataclass(frozen=True)
class CachedArticle:
    """The last successful build's record of one article file."""

    digest: str  # of the file's bytes
    parse_key: str  # parse_key() when it was parsed
    shared: tuple[tuple[str, str], ...]  # (lower-case key, digest) of each shared source it cites
    listed: Article  # the article as other pages show it: no body, text, sources or notes
    listed_digest: str  # of `listed`
    urls: tuple[str, ...]  # the source URLs it cites: articles sharing one list each other
    sources_digest: str  # of its sources and citations, which the Sources page shows
    text_digest: str  # of its plain text, which the search index holds
    images: tuple[tuple[str, int, int], ...]  # (src, size, mtime) of each image file it shows
    problems: tuple[Problem, ...]  # its warnings, reported again on every build
    lookups: tuple[tuple[str, str | None], ...] = ()  # other articles' slugs its links used
    heading_ids: frozenset[str] = frozenset()  # its headings' ids, targets of others' links
    page_links: tuple = ()  # pageindex.PageLink: its links to other articles
    archive: str = ""  # cited_archive() of its URLs: a changed archive.yaml line re-renders it
    page_key: str = ""  # page_key() when its page was rendered
    page_stat: tuple[int, int] | None = None  # (size, mtime_ns) of that page as written


@dataclass(frozen=True)
class CachedFiles:
    """Pages made from all articles together (Sources page, listings, search index)."""

    key: str  # what they were made from
    files: dict[str, tuple[int, int]]  # (size, mtime_ns) of each, by output path


class BuildCache:
    """The records of the last build, by article path; the parsed articles are in `store`."""

    def __init__(self, folder: Path, records: dict[str, CachedArticle],
                 groups: dict[str, CachedFiles]) -> None:
        self.folder = folder
        self.records = records
        self.groups = groups
        self.store = ArticleStore(folder / "articles.sqlite")

    @classmethod
    def open(cls, settings: Settings, clean: bool = False) -> BuildCache:
        """The project's cache; empty when `clean`, missing, unreadable or from another version."""
        folder = settings.root / CACHE_DIR
        records, groups = {}, {}
        if not clean:
            try:
                with open(folder / "index.pickle", "rb") as file:
                    stored_format, records, groups = pickle.load(file)
                if stored_format != FORMAT:
                    records, groups = {}, {}
            except Exception:  # any damage to the cache means a cold build, never a failure
                records, groups = {}, {}
        return cls(folder, records, groups)

    def save(self, records: dict[str, CachedArticle], groups: dict[str, CachedFiles]) -> None:
        """Replace the index at once (a killed build leaves the old one); drop stale articles."""
        self.folder.mkdir(exist_ok=True)
        (self.folder / ".gitignore").write_text("*\n", "utf-8")
        temporary = self.folder / f"index.pickle.{os.getpid()}"
        temporary.write_bytes(pickle.dumps((FORMAT, records, groups), pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, self.folder / "index.pickle")
        if records.keys() != self.records.keys():
            self.store.keep_only(set(records))
        self.store.close()
        self.records, self.groups = records, groups


class ArticleStore:
    """Parsed articles by path, pickled into one SQLite file (thousands of small files are
    slow to create): the whole article, to render its page again without parsing; its summary
    (sources, no body) for the Sources page; its search terms for the search index.

    Each process opens its own connection on first use: connections must not cross a fork.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.connection: sqlite3.Connection | None = None

    def article(self, article_path: str, key: str) -> Article | None:
        """The whole article stored for `article_path` under `key`, or None."""
        return self._value("article", article_path, key)

    def values(self, column: str, wanted: list[tuple[str, str]]) -> Iterator[Any]:
        """The `column` ("summary" or "terms") of each (path, key) in `wanted`, in order; None
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
                f"SELECT path, key, {column} FROM articles WHERE path IN ({marks})", paths)}
        except Exception:  # missing or damaged: the caller parses the files again
            return {}

    def put(self, article_path: str, key: str, article: bytes, summary: Article,
            terms: list[tuple[str, int]]) -> None:
        self._db().execute("INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?)",
                           (article_path, key, article, pickled(summary), pickled(terms)))

    def commit(self) -> None:
        if self.connection is not None:
            self.connection.commit()

    def _value(self, column: str, article_path: str, key: str):
        return _unpickled(self._rows(column, [article_path]).get(article_path), key)

    def keep_only(self, paths: set[str]) -> None:
        stored = {row[0] for row in self._db().execute("SELECT path FROM articles")}
        self._db().executemany("DELETE FROM articles WHERE path = ?",
                               [(path,) for path in stored - paths])

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


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=30)
    # A lost cache costs one cold build, so durability is traded for speed.
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = OFF")
    connection.execute("CREATE TABLE IF NOT EXISTS articles (path TEXT PRIMARY KEY, key TEXT, "
                       "article BLOB, summary BLOB, terms BLOB)")
    return connection


def _unpickled(row: tuple[str, bytes] | None, key: str) -> Any:
    try:
        return pickle.loads(row[1]) if row and row[0] == key else None
    except Exception:  # damaged: the caller parses the file again
        return None


def pickled(value: object) -> bytes:
    return pickle.dumps(value, pickle.HIGHEST_PROTOCOL)


def listed(article: Article) -> Article:
    """The article as listings and other articles' pages see it: no body, text, sources."""
    return replace(article, body_html="", sources=[], notes=[], glossary=[], text="", toc=(),
                   heading_ids=frozenset(), page_links=(), lookups=(),
                   meta=replace(article.meta, sources={}))


def stored_key(parse: str, digest: str) -> str:
    """The key an article is stored under: a stale article can never match it."""
    return f"{parse}:{digest}"


def digest_of(*parts: object) -> str:
    return _digest(*parts)


def file_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def parse_key(settings: Settings, shared: Mapping[str, SourceEntry]) -> str:
    """What every article's parse depends on besides its own file and the sources it cites."""
    urls = sorted((key.lower(), entry.url or "") for key, entry in shared.items())
    return _digest(FORMAT, __version__, _code_digest(), sys.version, _library_versions(),
                   _settings_text(settings), urls)


def site_key(parse: str, settings: Settings) -> str:
    """What every page depends on: the parse key plus the templates and static files in use,
    each the project's where it overrides the theme's (adding or removing an override changes
    the key, as it changes what pages are made from)."""
    return _digest(parse, _files_digest(layered_files(template_folders(settings))),
                   _files_digest(layered_files(static_folders(settings))))


def shared_digests(shared: Mapping[str, SourceEntry]) -> dict[str, str]:
    """A digest of each shared source by lower-case key: an edit re-parses exactly its citers."""
    return {key.lower(): _digest(repr(entry)) for key, entry in shared.items()}


def archive_digests(archive: Mapping[str, object]) -> dict[str, str]:
    """A digest of each archive.yaml record by URL, as shared_digests does for sources."""
    return {url: _digest(repr(record)) for url, record in archive.items()}


def cited_archive(urls: Iterable[str], digests: Mapping[str, str]) -> str:
    """What archive.yaml says about these URLs, as one digest ('' for none of them)."""
    found = [(url, digests[url]) for url in urls if url in digests]
    return _digest(found) if found else ""


def cited_shared(article: Article, digests: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    keys = sorted({source.key for source in article.sources if source.key in digests})
    return tuple((key, digests[key]) for key in keys)


def image_stats(article: Article, settings: Settings) -> tuple[tuple[str, int, int], ...]:
    """(src, size, mtime) of each image file the article shows: a replaced image file must
    reach the site although the article's own file did not change."""
    stats = []
    for image in article.images:
        try:
            stat = _image_file(article.path, image, settings).stat()
            stats.append((image.src, stat.st_size, stat.st_mtime_ns))
        except OSError:
            stats.append((image.src, -1, -1))
    return tuple(stats)


def page_stat(stat: os.stat_result) -> tuple[int, int]:
    return stat.st_size, stat.st_mtime_ns


def _settings_text(settings: Settings) -> str:
    return repr(replace(settings, root=Path(".")))


def _code_digest() -> str:
    """footnoted's own code: a changed module may change what it makes of any article, and
    the version number does not change with every edit."""
    package = Path(__file__).parent
    return _digest(*((path.relative_to(package).as_posix(), path.read_bytes())
                     for path in sorted(package.rglob("*.py"))))


def _library_versions() -> list[str]:
    return [metadata.version(name) for name in LIBRARIES]


def _files_digest(files: Mapping[str, Path]) -> str:
    return _digest(*((name, path.read_bytes()) for name, path in files.items()))


def _digest(*parts: object) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    for part in _flatten(parts):
        data = part if isinstance(part, bytes) else repr(part).encode("utf-8")
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def _flatten(parts: Iterable[object]) -> Iterable[object]:
    for part in parts:
        if isinstance(part, tuple | list):
            yield from _flatten(part)
        else:
            yield part
