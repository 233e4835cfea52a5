"""The build cache: the last build's records, kept in `.footnoted-cache/index.pickle` and
`changes.pickle` between builds, and the store of its parsed articles."""

from __future__ import annotations

import contextlib
import os
import pickle
from dataclasses import dataclass
from pathlib import Path

from ..settings import Settings
from . import CACHE_DIR
from .pickled import load_frozen
from .records import FORMAT, CachedArticle, CachedFiles, PagesBasis
from .store import ArticleStore

# The records this process saved last, with the identity of the files it saved them in:
# `serve` builds again and again in one process, and reading back what it just wrote cost
# more than any other step of a one-article rebuild of a large site. Records are immutable.
_warm: dict[Path, tuple[tuple, Kept, Kept | None]] = {}

BASE = "index.pickle"  # every record, as some build saved them all
CHANGES = "changes.pickle"  # what the builds since changed of them
# Written back whole once the changes hold a WHOLE_AT-th of the records (and more than FEW):
# up to then a build writes only the records it changed, not 16 MB of unchanged ones at 10,000.
WHOLE_AT = 16
FEW = 64


@dataclass(frozen=True, kw_only=True)
class Kept:
    """Records and groups as one of the two files holds them (the changes: only those that
    differ from the base's, and the names the base has that are gone)."""

    token: str  # the base they belong to
    records: dict[str, CachedArticle]
    groups: dict[str, CachedFiles]
    basis: PagesBasis | None
    gone: frozenset[str] = frozenset()  # records of the base no longer kept
    gone_groups: frozenset[str] = frozenset()

    @classmethod
    def nothing(cls) -> Kept:
        return cls(token="", records={}, groups={}, basis=None)


class BuildCache:
    """The records of the last build, by article path; the parsed articles are in `store`.

    They are kept in two files: the base (every record, as a build saved them all) and the
    changes since (the records that differ from the base's), so that a build writes the
    records it changed, not all of them; the base is written whole again once the changes
    hold a sixteenth of the records. The changes name the base they belong to: a base
    written whole makes the changes beside it stale, whether or not the build lived to
    delete them."""

    def __init__(self, folder: Path, records: dict[str, CachedArticle],
                 groups: dict[str, CachedFiles], basis: PagesBasis | None = None,
                 base: Kept | None = None) -> None:
        self.folder = folder
        self.records = records
        self.groups = groups
        self.basis = basis
        self.base = base or Kept.nothing()  # the base file as it is
        self.store = ArticleStore(folder / "articles.sqlite")

    @classmethod
    def open(cls, settings: Settings, clean: bool = False) -> BuildCache:
        """The project's cache; empty when `clean`, missing, unreadable or from another version."""
        folder = settings.root / CACHE_DIR
        if clean:
            return cls(folder, {}, {})
        if (warm := _warm.get(folder)) and warm[0] == _identity(folder):
            base, changes = warm[1], warm[2]
        else:
            try:
                base, changes = _read(folder / BASE), _read(folder / CHANGES, missing=True)
            except Exception:  # any damage to the cache means a cold build, never a failure
                return cls(folder, {}, {})
        if changes is None or changes.token != base.token:
            return cls(folder, dict(base.records), dict(base.groups), base.basis, base)
        records = {p: r for p, r in base.records.items() if p not in changes.gone}
        groups = {n: g for n, g in base.groups.items() if n not in changes.gone_groups}
        return cls(folder, records | changes.records, groups | changes.groups, changes.basis,
                   base)

    def save(self, records: dict[str, CachedArticle], groups: dict[str, CachedFiles],
             basis: PagesBasis) -> None:
        """Keep this build's records: the records and groups that differ from the base's, or
        all of them, the base written anew (a killed build leaves the old files); drop the
        stored articles of stale records."""
        self.folder.mkdir(exist_ok=True)
        (self.folder / ".gitignore").write_text("*\n", "utf-8")
        base = self.base
        changed = {p: r for p, r in records.items() if base.records.get(p) is not r}
        gone = frozenset(base.records.keys() - records.keys())
        if base.token and len(changed) + len(gone) <= max(FEW, len(records) // WHOLE_AT):
            changes = Kept(token=base.token, records=changed, basis=basis, gone=gone,
                           groups={n: g for n, g in groups.items()
                                   if base.groups.get(n) is not g},
                           gone_groups=frozenset(base.groups.keys() - groups.keys()))
            _write(self.folder / CHANGES, changes)
        else:
            base = changes = Kept(token=os.urandom(8).hex(), records=records, groups=groups,
                                  basis=basis)
            _write(self.folder / BASE, base)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.folder / CHANGES)  # stale now, deleted or not
            changes = None
        _warm.clear()  # one project's records at most
        _warm[self.folder] = (_identity(self.folder), base, changes)
        if records.keys() != self.records.keys():
            self.store.keep_only(set(records))
        self.store.close()
        self.records, self.groups, self.basis, self.base = records, groups, basis, base

    def __enter__(self) -> BuildCache:
        return self

    def __exit__(self, *exc_info) -> None:
        self.store.close()


def _read(file: Path, missing: bool = False) -> Kept | None:
    """What `file` keeps; None when `missing` allows it to be; raises on any damage."""
    try:
        stored_format, kept = load_frozen(file)
    except FileNotFoundError:
        if missing:
            return None
        raise
    if stored_format != FORMAT or not isinstance(kept, Kept):
        raise ValueError(f"{file.name}: another version's cache")
    return kept


def _write(file: Path, kept: Kept) -> None:
    """Replace `file` at once: a killed build leaves the old one."""
    temporary = file.with_name(f"{file.name}.{os.getpid()}")
    temporary.write_bytes(pickle.dumps((FORMAT, kept), pickle.HIGHEST_PROTOCOL))
    os.replace(temporary, file)


def _identity(folder: Path) -> tuple:
    """Each file's inode, size and mtime: another process's save changes them."""
    return tuple(_file_identity(folder / name) for name in (BASE, CHANGES))


def _file_identity(file: Path) -> tuple[int, int, int] | None:
    try:
        stat = os.stat(file)
    except OSError:
        return None
    return stat.st_ino, stat.st_size, stat.st_mtime_ns
