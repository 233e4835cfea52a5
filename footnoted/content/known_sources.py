"""What is known about a cited source: the editor's declaration joined with archive.yaml
and with what `sources` read on the page (sources-found.yaml), the editor's hand first.

The Markdown stage (links, margin copies) and the resolve stage (the Sources list) ask the
same question, so they share this answer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace

from .archive_file import Archive, ArchiveRecord
from .document import SourceEntry
from .found_file import FACTS, Found, FoundRecord


def with_archive(entry: SourceEntry, record: ArchiveRecord | None) -> SourceEntry:
    """The entry with the file's snapshot and dead flag; the editor's own `archived` wins."""
    if record is None or entry.lost or not entry.url:
        return entry
    if entry.archived or not record.snapshot:
        return replace(entry, dead=entry.dead or record.dead)
    return replace(entry, archived=record.snapshot, archived_date=record.snapshot_date,
                   dead=entry.dead or record.dead)


def with_found(entry: SourceEntry, record: FoundRecord | None) -> SourceEntry:
    """The entry with what the page says of itself where the editor said nothing, and the
    verdict on its quote unless the editor gave one."""
    if record is None or entry.lost or not entry.url:
        return entry
    filled = {name: getattr(record, name) for name in FACTS
              if getattr(entry, name) is None and getattr(record, name) is not None}
    check = record.quote_check(entry.quote) if entry.quote else None
    if check is not None and entry.quote_found is None and check.verdict is not None:
        filled["quote_found"] = check.verdict
    return replace(entry, **filled) if filled else entry


def declared_with_archive(declared: dict[str, SourceEntry], archive: Archive,
                          found: Found | None = None) -> None:
    """Join each declared source with its URL's records, in place."""
    found = found or {}
    for key, entry in declared.items():
        if entry.url and (entry.url in archive or entry.url in found):
            declared[key] = with_found(with_archive(entry, archive.get(entry.url)),
                                       found.get(entry.url))


class SharedSources:
    """content/sources.yaml's sources by lower-case key, joined with archive.yaml, and the key
    of each URL: made once per process, then looked up by every article (never copied)."""

    def __init__(self, shared: Mapping[str, SourceEntry], archive: Archive,
                 found: Found | None = None) -> None:
        self.entries = {key.lower(): entry for key, entry in shared.items()}
        declared_with_archive(self.entries, archive, found)
        self.keys_by_url = {entry.url: key for key, entry in self.entries.items() if entry.url}


class DeclaredSources(Mapping[str, SourceEntry]):
    """An article's declared sources by lower-case key: its own over the shared ones, as if
    the two were one dict (the shared keys first, in their order, then its own), at a cost
    that follows the article's own sources, not the site's."""

    def __init__(self, own: Mapping[str, SourceEntry], shared: SharedSources,
                 archive: Archive, found: Found | None = None) -> None:
        self.shared = shared.entries
        self.own = {key.lower(): entry for key, entry in own.items()}
        declared_with_archive(self.own, archive, found)
        self.overridden = any(key in self.shared for key in self.own)  # an error, but read on
        self.shared_by_url = shared.keys_by_url
        self.own_by_url = {entry.url: key for key, entry in self.own.items()
                           if entry.url and key not in self.shared}

    def __getitem__(self, key: str) -> SourceEntry:
        entry = self.own.get(key)
        return entry if entry is not None else self.shared[key]

    def __contains__(self, key: object) -> bool:
        return key in self.own or key in self.shared

    def __iter__(self) -> Iterator[str]:
        yield from self.shared
        yield from (key for key in self.own if key not in self.shared)

    def __len__(self) -> int:
        return len(self.shared) + sum(key not in self.shared for key in self.own)

    def key_of_url(self, url: str) -> str | None:
        """The key of the last declared source with this URL, in the order of iteration."""
        if url in self.own_by_url:
            return self.own_by_url[url]
        if self.overridden:  # one of its own took a shared key's place: look at every one
            return next((key for key in reversed(list(self)) if self[key].url == url), None)
        return self.shared_by_url.get(url)


def key_of_url(declared: Mapping[str, SourceEntry]) -> Callable[[str], str | None]:
    """Finds the key of a declared source by its URL (the last one, if several have it)."""
    if isinstance(declared, DeclaredSources):
        return declared.key_of_url
    return {entry.url: key for key, entry in declared.items() if entry.url}.get


def entry_for(declared: Mapping[str, SourceEntry], archive: Archive, key: str | None,
              url: str | None, found: Found | None = None) -> SourceEntry:
    """A cited source's declaration, or what the archive and the page say of its bare URL."""
    if key is not None and key in declared:
        return declared[key]
    return with_found(with_archive(SourceEntry(url=url), archive.get(url or "")),
                      (found or {}).get(url or ""))
