"""The build cache: the last build's records, kept in `.footnoted-cache/index.pickle` between
builds, and the store of its parsed articles."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from ..settings import Settings
from . import CACHE_DIR
from .records import FORMAT, CachedArticle, CachedFiles, PagesBasis
from .store import ArticleStore

# The records this process saved last, with the identity of the file it saved them in:
# `serve` builds again and again in one process, and reading back what it just wrote cost
# more than any other step of a one-article rebuild of a large site. Records are immutable.
_warm: dict[Path, tuple[tuple[int, int, int] | None, dict, dict, PagesBasis | None]] = {}


class BuildCache:
    """The records of the last build, by article path; the parsed articles are in `store`."""

    def __init__(self, folder: Path, records: dict[str, CachedArticle],
                 groups: dict[str, CachedFiles], basis: PagesBasis | None = None) -> None:
        self.folder = folder
        self.records = records
        self.groups = groups
        self.basis = basis
        self.store = ArticleStore(folder / "articles.sqlite")

    @classmethod
    def open(cls, settings: Settings, clean: bool = False) -> BuildCache:
        """The project's cache; empty when `clean`, missing, unreadable or from another version."""
        folder = settings.root / CACHE_DIR
        records, groups, basis = {}, {}, None
        if not clean and (warm := _warm.get(folder)) and warm[0] == _identity(folder):
            records, groups, basis = warm[1], warm[2], warm[3]
        elif not clean:
            try:
                with open(folder / "index.pickle", "rb") as file:
                    stored_format, records, groups, basis = pickle.load(file)
                if stored_format != FORMAT:
                    records, groups, basis = {}, {}, None
            except Exception:  # any damage to the cache means a cold build, never a failure
                records, groups, basis = {}, {}, None
        return cls(folder, records, groups, basis)

    def save(self, records: dict[str, CachedArticle], groups: dict[str, CachedFiles],
             basis: PagesBasis) -> None:
        """Replace the index at once (a killed build leaves the old one); drop stale articles."""
        self.folder.mkdir(exist_ok=True)
        (self.folder / ".gitignore").write_text("*\n", "utf-8")
        temporary = self.folder / f"index.pickle.{os.getpid()}"
        temporary.write_bytes(pickle.dumps((FORMAT, records, groups, basis),
                                           pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, self.folder / "index.pickle")
        _warm.clear()  # one project's records at most
        _warm[self.folder] = (_identity(self.folder), records, groups, basis)
        if records.keys() != self.records.keys():
            self.store.keep_only(set(records))
        self.store.close()
        self.records, self.groups, self.basis = records, groups, basis

    def __enter__(self) -> BuildCache:
        return self

    def __exit__(self, *exc_info) -> None:
        self.store.close()


def _identity(folder: Path) -> tuple[int, int, int] | None:
    """The index file's inode, size and mtime: another process's save changes them."""
    try:
        stat = os.stat(folder / "index.pickle")
    except OSError:
        return None
    return stat.st_ino, stat.st_size, stat.st_mtime_ns
