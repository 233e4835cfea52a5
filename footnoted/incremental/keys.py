"""Every cache key of the build, in one place: change what a page depends on here.

An article is parsed again when its file, the site settings, the package versions, the set of
shared source keys and URLs, or a shared source it cites has changed (its *parse key*). Its page
is rendered again when, besides, a template or static file changed (the *site key*), or when
what it shows of other articles changed (its *page key*). Each group of site-wide pages has a
key over what it shows of every published article (`group_keys`).
"""

from __future__ import annotations

import functools
import hashlib
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from importlib import metadata
from pathlib import Path

from .. import __version__
from ..article.resolve import Article
from ..content.document import LoadedContent, SourceEntry
from ..content.image_places import ImagePlaces
from ..output.staging import FileStat
from ..problems import Problem
from ..settings import Settings
from ..theme import layered_files, static_folders, template_folders
from .records import (
    FORMAT,
    BuildKeys,
    CachedArticle,
    Digest,
    FileDigest,
    ImageStats,
    PageKey,
    ParseKey,
    SiteKey,
    StoredKey,
)
from .unchanged import LIBRARIES, trusted_stat


def digest_of(*parts: object) -> Digest:
    """A digest of values: bytes as they are, anything else by its repr; lists flattened."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in _flatten(parts):
        data = part if isinstance(part, bytes) else repr(part).encode("utf-8")
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return Digest(hasher.hexdigest())


def file_digest(data: bytes) -> FileDigest:
    return FileDigest(hashlib.blake2b(data, digest_size=16).hexdigest())


def build_keys(settings: Settings, content: LoadedContent) -> BuildKeys:
    """The keys every article of this build shares."""
    parse = parse_key(settings, content.shared_sources)
    return BuildKeys(parse=parse, site=site_key(parse, settings),
                     shared=shared_digests(content.shared_sources),
                     archive=archive_digests(content.archive, content.found))


@dataclass(frozen=True, kw_only=True)
class FileVersion:
    """One version of an article file: its stat, when it can be trusted to tell a change,
    and the digest of its bytes."""

    stat: FileStat | None
    digest: FileDigest

    @classmethod
    def of(cls, file: Path) -> FileVersion:
        stat = trusted_stat(file)  # taken before reading: a change meanwhile shows next time
        return cls(stat=stat, digest=file_digest(file.read_bytes()))


def article_record(article: Article, version: FileVersion, problems: list[Problem],
                   keys: BuildKeys, settings: Settings) -> CachedArticle:
    """What the build remembers of a newly parsed article: the digests of what each page
    shows of it. Its page is rendered later (no page key yet)."""
    copy, digest, stat = listed_copy(article), version.digest, version.stat
    urls = tuple(sorted({source.url for source in article.sources if source.url}))
    record = CachedArticle(
        digest=digest, stat=stat, parse_key=keys.parse, shared=cited_shared(article, keys.shared),
        listed=copy, listed_digest=digest_of(repr(copy)), urls=urls,
        sources_digest=digest_of(repr(article.sources)), text_digest=digest_of(article.body.text),
        images=image_stats(article, settings), problems=tuple(problems),
        lookups=article.body.lookups, heading_ids=article.body.heading_ids,
        page_links=article.body.page_links, archive=cited_archive(urls, keys.archive))
    return replace(record, rows=group_rows(record))


def image_stats(article: Article, settings: Settings) -> ImageStats:
    """(file, size, mtime) of each image file the article shows, file it links to, and file
    a link named that was not there: a replaced image file must reach the site although the
    article's own file did not change, and so must a file that `/img/x.png` now names in
    content/ instead of static/ (images.ImagePlaces), and a linked file that appeared."""
    places, stats = ImagePlaces.of(settings), []
    files = [places.file_of(article.path, article.slug, image.src) or ""
             for image in article.published_files]
    for file in files + list(article.body.looked_for):  # a file a link named may appear
        try:
            stat = (settings.root / file).stat()
            stats.append((file, stat.st_size, stat.st_mtime_ns))
        except OSError:
            stats.append((file, -1, -1))
    return tuple(stats)


def parse_key(settings: Settings, shared: Mapping[str, SourceEntry]) -> ParseKey:
    """What every article's parse depends on besides its own file and the sources it cites."""
    urls = sorted((key.lower(), entry.url or "") for key, entry in shared.items())
    return ParseKey(digest_of(FORMAT, __version__, code_digest(), sys.version,
                              _library_versions(), _settings_text(settings), urls))


def site_key(parse: ParseKey, settings: Settings) -> SiteKey:
    """What every page depends on: the parse key plus the templates and static files in use,
    each the project's where it overrides the theme's (adding or removing an override changes
    the key, as it changes what pages are made from)."""
    return SiteKey(digest_of(parse, _files_digest(layered_files(template_folders(settings))),
                             _files_digest(layered_files(static_folders(settings)))))


def shared_digests(shared: Mapping[str, SourceEntry]) -> dict[str, Digest]:
    """A digest of each shared source by lower-case key: an edit re-parses exactly its citers."""
    return {key.lower(): digest_of(repr(entry)) for key, entry in shared.items()}


def archive_digests(archive: Mapping[str, object],
                    found: Mapping[str, object] | None = None) -> dict[str, Digest]:
    """A digest of what archive.yaml and sources-found.yaml say of each URL, as
    shared_digests does for sources: a changed line of either reaches exactly its citers."""
    found = found or {}
    return {url: digest_of(repr(archive.get(url)), repr(found.get(url)))
            for url in sorted(set(archive) | set(found))}


def cited_archive(urls: Iterable[str], digests: Mapping[str, str]) -> Digest | None:
    """What archive.yaml says about these URLs, as one digest (None for none of them): a
    changed archive.yaml line re-parses and re-renders exactly the articles citing it."""
    found = [(url, digests[url]) for url in urls if url in digests]
    return digest_of(found) if found else None


def cited_shared(article: Article, digests: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """(lower-case key, digest) of each shared source the article cites."""
    keys = sorted({source.key for source in article.sources if source.key in digests})
    return tuple((key, digests[key]) for key in keys)


def stored_key(parse: ParseKey, digest: FileDigest) -> StoredKey:
    """The key an article is stored under: a stale article can never match it."""
    return StoredKey(f"{parse}:{digest}")


def page_key(site: SiteKey, record: CachedArticle, others: list[CachedArticle]) -> PageKey:
    """What one article's page shows: the article and the articles it lists by title."""
    parts = [site, record.parse_key, record.digest, repr(record.shared), repr(record.images),
             repr(record.lookups), repr(record.archive)]
    return PageKey(digest_of("\n".join(parts + [other.listed_digest for other in others])))


# What each group of site-wide pages shows of one published article. "pages" is no group of
# files: when its key is unchanged, no article page can need rendering again.
GROUP_INPUTS: dict[str, Callable[[CachedArticle], tuple]] = {
    "pages": lambda r: (r.parse_key, r.digest, r.shared, r.listed_digest, r.urls, r.lookups),
    "sources": lambda r: (r.listed_digest, r.sources_digest),  # the Sources page
    "listings": lambda r: (r.listed_digest,),  # listings, feeds, indexes, archive, sitemap
    "search": lambda r: (r.listed_digest, r.text_digest, r.sources_digest),  # search index
    "images": lambda r: (r.listed_digest, r.images),  # the articles' image files
    "citations": lambda r: (r.listed_digest, r.sources_digest),  # cite.json, .bib, .ris...
}


def group_rows(record: CachedArticle) -> tuple[Digest, ...]:
    """A digest of what each group shows of one article, in GROUP_INPUTS' order: made once
    when it is parsed, not by every build for every article."""
    return tuple(digest_of(repr(inputs(record))) for inputs in GROUP_INPUTS.values())


def document_key(record: CachedArticle) -> Digest:
    """What the search index shows of one article: its document is made again when it
    changed."""
    return record.rows[_ROW["search"]]


_ROW = {name: index for index, name in enumerate(GROUP_INPUTS)}


# The groups made without templates or static files: a template edit leaves them alone.
WITHOUT_TEMPLATES = {"search", "images", "citations"}


def group_keys(keys: BuildKeys, records: Mapping[str, CachedArticle],
               paths: list[str]) -> dict[str, Digest]:
    """The key of each group: what it shows of every published article, in listing order,
    over the site key (the parse key for a group made without templates)."""
    return {name: digest_of("\n".join([keys.parse if name in WITHOUT_TEMPLATES else keys.site,
                                       *(f"{path} {records[path].rows[row]}"
                                         for path in paths)]))
            for name, row in _ROW.items()}


def listed_copy(article: Article) -> Article:
    """The article as listings and other articles' pages see it: no body, text, sources.
    Its body keeps what the page's record needs again: the files it shows and looked for."""
    body = replace(article.body, html="", sources=[], notes=[], glossary=[], excerpt="",
                   word_count=0, text="", problems=[], toc=(), anchors=frozenset(),
                   heading_ids=frozenset(), page_links=(), lookups=())
    return replace(article, body=body, sources=[], meta=replace(article.meta, sources={}))


def _settings_text(settings: Settings) -> str:
    return repr(replace(settings, root=Path(".")))


@functools.cache
def code_digest() -> str:
    """footnoted's own code: a changed module may change what it makes of any article, and
    the version number does not change with every edit. Once per process: the code running
    is the code loaded (`serve` builds many times with it)."""
    package = Path(__file__).parent.parent
    return digest_of(*((path.relative_to(package).as_posix(), path.read_bytes())
                       for path in sorted(package.rglob("*.py"))))


@functools.cache
def _library_versions() -> list[str]:
    return [metadata.version(name) for name in LIBRARIES.values()]  # those loaded stay loaded


def _files_digest(files: Mapping[str, Path]) -> str:
    return digest_of(*((name, path.read_bytes()) for name, path in files.items()))


def _flatten(parts: Iterable[object]) -> Iterable[object]:
    for part in parts:
        if isinstance(part, tuple | list):
            yield from _flatten(part)
        else:
            yield part
