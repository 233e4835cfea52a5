"""Whether what the last build made still holds: an article's parse, its page, a group of files."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from ..content.page_index import PageIndex
from ..output.staging import MARKER, FileStat, stat_of
from ..settings import Settings
from .keys import cited_archive, file_digest, image_stats
from .records import BuildKeys, CachedArticle, CachedFiles, Digest, PageKey
from .unchanged import trusted_stat


def fresh_record(record: CachedArticle | None, file: str, keys: BuildKeys,
                 settings: Settings) -> CachedArticle | None:
    """The record, if the article file would parse as it did: same parse key, same shared
    sources cited, same archive.yaml records of its URLs, same bytes (the same size and
    mtime as then, or else the same digest), same image files. A file found the same by its
    digest gets its new stat, so the next build need not read it."""
    if not (record is not None and record.parse_key == keys.parse
            and all(keys.shared.get(key) == digest for key, digest in record.shared)
            and record.archive == cited_archive(record.urls, keys.archive)
            and record.images == image_stats(record.listed, settings)):
        return None
    if record.stat is not None and stat_of(file) == record.stat:
        return record
    stat = trusted_stat(file)
    return replace(record, stat=stat) if record.digest == file_digest(
        Path(file).read_bytes()) else None


def stale_links(records: Mapping[str, CachedArticle], pages: PageIndex) -> list[str]:
    """The articles linking to one whose slug is no longer what its page says (renamed,
    moved, deleted or new): those are parsed again."""
    return [path for path, record in records.items()
            if any(pages.lookup(key) != slug for key, slug in record.lookups)]


def page_intact(record: CachedArticle, output: Path) -> bool:
    """The page in the current site is still the one the last build wrote."""
    name = f"{record.listed.slug}/index.html"
    return record.page_stat is not None and \
        stat_of(os.path.join(output, name)) == record.page_stat  # strings: one per page


def site_files(records: Mapping[str, CachedArticle], published: list[str],
               groups: Mapping[str, CachedFiles], output: Path) -> dict[str, FileStat | None]:
    """Every file of the site as this build left it, by name: the published pages, each
    group's files and the marker (stat now: it is written when the site is swapped in)."""
    files = {f"{records[path].listed.slug}/index.html": records[path].page_stat
             for path in published}
    for group in groups.values():
        files.update(group.files)
    return files | {MARKER: stat_of(output / MARKER)}


def with_page(record: CachedArticle, key: PageKey, stat: FileStat) -> CachedArticle:
    """The record once its page is written."""
    return replace(record, page_key=key, page_stat=stat)


def group_intact(cached: CachedFiles | None, key: Digest, output: Path) -> bool:
    """A group's files are still those made from inputs with `key`."""
    folder = f"{output}{os.sep}"  # strings: this runs for every file of the site
    return cached is not None and cached.key == key and all(
        stat_of(folder + name) == stat for name, stat in cached.files.items())


def outdated_documents(last: list[tuple[str, Digest]], now: list[tuple[str, Digest]]
                       ) -> list[int] | None:
    """The numbers of the search index's documents whose article changed, when the index
    `last` made has the articles of `now` in the same order; None when it has not (a
    document was added, removed or moved, and the documents after it are numbered anew) or
    when a quarter of them changed (made whole, that costs less)."""
    if [path for path, _ in last] != [path for path, _ in now]:
        return None
    pairs = enumerate(zip(last, now, strict=True))
    outdated = [number for number, ((_, before), (_, after)) in pairs if before != after]
    return outdated if len(outdated) * 4 <= len(now) else None


def pages_to_check(old: Mapping[str, CachedArticle], new: Mapping[str, CachedArticle],
                   old_published: frozenset[str], published: list[str],
                   citing: Mapping[str, list[str]]) -> set[str]:
    """The published articles whose page may show something else than the last build made
    it show, when the templates, static files and settings are the same: those whose record
    is not the one kept (parsed again, or touched), and those citing a URL that an article
    added, removed, published, held back or changed cites or cited (its page lists them by
    title). `citing`: the published articles citing each URL."""
    now = set(published)
    changed = ({path for path, record in new.items() if old.get(path) is not record}
               | (old.keys() - new.keys()) | (now ^ old_published))
    urls = {url for path in changed for record in (old.get(path), new.get(path))
            if record is not None for url in record.urls}
    return (changed | {path for url in urls for path in citing.get(url, ())}) & now
