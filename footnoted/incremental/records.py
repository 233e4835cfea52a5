"""What the last build made of each article and of each group of site-wide pages, and the
typed keys and digests those records hold (keys.py computes them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NewType

from ..article.resolve import Article
from ..content.page_index import PageLink
from ..output.staging import FileStat
from ..problems import Problem

FORMAT = 14  # bump when the cached data changes shape

ParseKey = NewType("ParseKey", str)  # what every article's parse depends on
SiteKey = NewType("SiteKey", str)  # what every page depends on
PageKey = NewType("PageKey", str)  # what one article's page shows
StoredKey = NewType("StoredKey", str)  # the key an article is stored under
FileDigest = NewType("FileDigest", str)  # of a file's bytes
Digest = NewType("Digest", str)  # of any value

ImageStats = tuple[tuple[str, int, int], ...]  # (file, size, mtime) of each image file shown
SharedCited = tuple[tuple[str, str], ...]  # (lower-case key, digest) of each shared source cited
Lookups = tuple[tuple[str, str | None], ...]  # (link target, slug found) of its links


@dataclass(frozen=True, kw_only=True)
class BuildKeys:
    """The keys of one build, the same for every article (keys.build_keys)."""

    parse: ParseKey  # what every article's parse depends on
    site: SiteKey  # what every page depends on
    shared: dict[str, Digest]  # digest of each shared source, by lower-case key
    archive: dict[str, Digest]  # digest of each archive.yaml record, by URL


@dataclass(frozen=True, kw_only=True)
class CachedArticle:
    """The last successful build's record of one article file."""

    digest: FileDigest  # of the file's bytes
    stat: FileStat | None  # the file's (size, mtime) then; None when it was too new to trust
    parse_key: ParseKey  # keys.parse_key() when it was parsed
    shared: SharedCited  # the shared sources it cites, with their digests
    listed: Article  # the article as other pages show it: no body, text, sources or notes
    listed_digest: Digest  # of `listed`
    urls: tuple[str, ...]  # the source URLs it cites: articles sharing one list each other
    sources_digest: Digest  # of its sources and citations, which the Sources page shows
    text_digest: Digest  # of its plain text, which the search index holds
    images: ImageStats  # freshness.image_stats() when it was parsed
    problems: tuple[Problem, ...]  # its warnings, reported again on every build
    lookups: Lookups = ()  # other articles' slugs its links used
    heading_ids: frozenset[str] = frozenset()  # its headings' ids, targets of others' links
    page_links: tuple[PageLink, ...] = ()  # its links to other articles
    archive: Digest | None = None  # keys.cited_archive() of its URLs
    rows: tuple[Digest, ...] = ()  # keys.group_rows(): what each group shows of it
    page_key: PageKey | None = None  # keys.page_key() when its page was rendered
    page_stat: FileStat | None = None  # of that page as written


@dataclass(frozen=True, kw_only=True)
class CachedFiles:
    """Pages made from all articles together (Sources page, listings, search index)."""

    key: Digest  # keys.group_keys() when they were made
    files: dict[str, FileStat]  # each file as written, by output path


@dataclass(frozen=True, kw_only=True)
class PagesBasis:
    """What the last build's article pages were made over, besides each one's record."""

    site: SiteKey  # keys.site_key() then
    published: frozenset[str]  # the articles published then
