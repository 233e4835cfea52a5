"""What is known about a cited source: the editor's declaration joined with archive.yaml
and with what `sources` read on the page (sources-found.yaml), the editor's hand first.

The Markdown stage (links, margin copies) and the resolve stage (the Sources list) ask the
same question, so they share this answer.
"""

from __future__ import annotations

from collections.abc import Mapping
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


def entry_for(declared: Mapping[str, SourceEntry], archive: Archive, key: str | None,
              url: str | None, found: Found | None = None) -> SourceEntry:
    """A cited source's declaration, or what the archive and the page say of its bare URL."""
    if key is not None and key in declared:
        return declared[key]
    return with_found(with_archive(SourceEntry(url=url), archive.get(url or "")),
                      (found or {}).get(url or ""))
