"""What is known about a cited source: the editor's declaration joined with archive.yaml.

The Markdown stage (links, margin copies) and the resolve stage (the Sources list) ask the
same question, so they share this answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from .archive_file import Archive, ArchiveRecord
from .document import SourceEntry


def with_archive(entry: SourceEntry, record: ArchiveRecord | None) -> SourceEntry:
    """The entry with the file's snapshot and dead flag; the editor's own `archived` wins."""
    if record is None or entry.lost or not entry.url:
        return entry
    if entry.archived or not record.snapshot:
        return replace(entry, dead=entry.dead or record.dead)
    return replace(entry, archived=record.snapshot, archived_date=record.snapshot_date,
                   dead=entry.dead or record.dead)


def declared_with_archive(declared: dict[str, SourceEntry], archive: Archive) -> None:
    """Join each declared source with its URL's record, in place."""
    for key, entry in declared.items():
        if entry.url and entry.url in archive:
            declared[key] = with_archive(entry, archive[entry.url])


def entry_for(declared: Mapping[str, SourceEntry], archive: Archive, key: str | None,
              url: str | None) -> SourceEntry:
    """A cited source's declaration, or what the archive knows about its bare URL."""
    if key is not None and key in declared:
        return declared[key]
    return with_archive(SourceEntry(url=url), archive.get(url or ""))
