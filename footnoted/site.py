"""The build, as a list of stages: load, parse, resolve, render, write.

`build_site` does only what changed since the last build. cache.py says which article files
are unchanged; pages.py parses the others, then renders the pages whose inputs changed (across
cores when there are many); the pages made from all articles (Sources, listings, search) are
made again only when what they show changed; writer.py stages the new site beside the old one,
keeping unchanged files, and swaps it in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from .cache import (
    BuildCache,
    CachedArticle,
    archive_digests,
    cited_archive,
    digest_of,
    file_digest,
    image_stats,
    page_stat,
    parse_key,
    shared_digests,
    site_key,
    stored_key,
)
from .content import (
    SOURCES_FILES,
    Document,
    LoadedContent,
    duplicate_slugs,
    load_archive_file,
    load_content,
    load_shared_sources,
)
from .discovery import article_files
from .linefinder import LineFinder, read_text
from .pageindex import PageIndex, anchor_problems, build_page_index, unpublished_targets
from .problems import BuildFailed, Problem, report_order, warning
from .resolve import Article
from .settings import Settings, settings_warnings
from .translations import check_translations
from .writer import SiteWriter, stat_of

Progress = Callable[[int, int], None]  # (articles done, articles to do)


@dataclass(frozen=True)
class CheckedSite:
    """Everything read and resolved, before anything is rendered."""

    articles: list[Article]  # newest first
    problems: list[Problem]  # errors and warnings, in file and line order

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


@dataclass(frozen=True)
class BuildResult:
    articles: int  # published pages
    changed: int  # articles parsed or rendered by this build; the rest came from the cache
    warnings: list[Problem]
    written: bool  # False when the site on disk already was what this build would write
    drafts: int = 0  # drafts held back (not published without --drafts)
    future: int = 0  # articles dated in the future, held back likewise


@dataclass(frozen=True)
class Keys:
    parse: str  # what every article's parse depends on (cache.parse_key)
    site: str  # what every page depends on (cache.site_key)
    shared: dict[str, str]  # digest of each shared source, by lower-case key
    archive: dict[str, str]  # digest of each archive.yaml record, by URL


def check_site(settings: Settings) -> CheckedSite:
    """Load, parse and resolve every article; report every problem, render nothing."""
    from .pages import parse_and_resolve  # Markdown is imported only when something is parsed

    content = load_content(settings)
    problems = content.problems + settings_warnings(settings)
    pages = build_page_index(((d.path, d.slug) for d in content.documents), settings.content_dir)
    articles = []
    for document in content.documents:
        article, found = parse_and_resolve(document, content, settings, pages)
        articles.append(article)
        problems += found
    problems += anchor_problems({a.path: a.page_links for a in articles},
                                {a.path: a.heading_ids for a in articles})
    cited = {source.key for article in articles for source in article.sources}
    problems += _unused_shared_sources(content, cited, settings)
    problems += check_translations(articles, lambda path: read_text(settings.root / path))
    return CheckedSite(listing_order(articles), report_order(problems))


def build_site(settings: Settings, strict: bool = False, drafts: bool = False,
               processes: int = 0, clean: bool = False,
               progress: Progress | None = None) -> BuildResult:
    """Check, then render and write what changed; on errors raise BuildFailed, writing nothing.

    `processes` 0 means one per core; `clean` ignores (and then replaces) the cache.
    """
    from .assemble import assemble_site  # Markdown and Pygments load only for a real build
    from .pages import BuildContext, Workers, load_slug, parse_file

    cache = BuildCache.open(settings, clean)
    content = _load_shared_sources(settings)
    keys = Keys(parse := parse_key(settings, content.shared_sources),
                site_key(parse, settings), shared_digests(content.shared_sources),
                archive_digests(content.archive))
    problems = content.problems + settings_warnings(settings)
    records, to_parse = _unchanged_files(settings, cache.records, keys, problems)
    context = BuildContext(settings, content, keys.shared, cache.store.path)
    with Workers(context, processes) as workers:  # the slugs of the files to parse
        slugs = dict(workers.map(load_slug, to_parse))
    pages = build_page_index([(path, record.listed.slug) for path, record in records.items()]
                             + [(path, slug) for path, slug in slugs.items() if slug],
                             settings.content_dir)
    to_parse = sorted(to_parse + _stale_links(records, pages), key=Path)
    problems += [p for record in records.values() for p in record.problems]
    parsed: set[str] = set()
    context = replace(context, pages=pages)
    try:
        with SiteWriter(settings) as writer, Workers(context, processes) as workers:
            for done, result in enumerate(workers.map(parse_file, to_parse), 1):
                problems += result.problems
                if result.listed is not None:
                    records[result.path] = _record(result, keys, cache)
                    parsed.add(result.path)
                _report(progress, done, len(to_parse))
            cache.store.commit()  # the workers read stored articles from here on
            now = datetime.now(UTC)
            published = [path for path in _listing_paths(records)
                         if drafts or is_published(records[path].listed, now)]
            held = [records[path].listed for path in records.keys() - set(published)]
            problems = report_order(problems + _site_problems(records, content, settings)
                                    + unpublished_targets({p: records[p].page_links
                                                           for p in published}, set(published)))
            blocking = problems if strict else [p for p in problems if p.is_error]
            if blocking:
                raise BuildFailed(blocking)
            rendered, groups = assemble_site(settings, keys.site, records, published, cache,
                                             writer, workers, progress)
            writer.finish()
        cache.save(records, groups)
    finally:
        cache.store.close()
    held_drafts = sum(article.meta.draft for article in held)
    return BuildResult(len(published), len(parsed | rendered),
                       [p for p in problems if not p.is_error], writer.staged is not None,
                       held_drafts, len(held) - held_drafts)


def is_published(article: Article, now: datetime) -> bool:
    """Drafts and articles dated in the future wait, as in Hugo and Pelican."""
    return not article.meta.draft and article.meta.date.value <= now


def listing_order(articles: list[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (-a.meta.date.value.timestamp(), a.slug))


def _listing_paths(records: dict[str, CachedArticle]) -> list[str]:
    order = {id(record.listed): path for path, record in records.items()}
    return [order[id(article)] for article in listing_order([r.listed for r in records.values()])]


def _unchanged_files(settings: Settings, old: dict[str, CachedArticle], keys: Keys,
                     problems: list[Problem]) -> tuple[dict[str, CachedArticle], list[str]]:
    """Records of files that parse as before, and the paths of the files to parse."""
    fresh, to_parse = {}, []
    paths, found = article_files(settings)  # the files content.load_content would read
    problems += found
    for path in paths:
        name = path.relative_to(settings.root).as_posix()
        record = old.get(name)
        if (record is not None and record.parse_key == keys.parse
                and all(keys.shared.get(key) == digest for key, digest in record.shared)
                and record.archive == cited_archive(record.urls, keys.archive)
                and record.digest == file_digest(path.read_bytes())
                and record.images == image_stats(record.listed, settings)):
            fresh[name] = record
        else:
            to_parse.append(name)
    return fresh, to_parse


def _stale_links(records: dict[str, CachedArticle], pages: PageIndex) -> list[str]:
    """Take out the records of articles linking to one whose slug is no longer what its page
    says (renamed, moved, deleted or new): those are parsed again. Returns their paths."""
    stale = [path for path, record in records.items()
             if any(pages.lookup(key) != slug for key, slug in record.lookups)]
    for path in stale:
        del records[path]
    return stale


def _record(result, keys: Keys, cache: BuildCache) -> CachedArticle:
    """Remember a newly parsed article; its page is rendered later (page_key empty)."""
    if result.stored:
        cache.store.put(result.path, stored_key(keys.parse, result.digest), result.stored,
                        result.summary, result.terms)
    return CachedArticle(result.digest, keys.parse, result.shared, result.listed,
                         result.listed_digest, result.urls, result.sources_digest,
                         result.text_digest, result.images, tuple(result.problems),
                         result.lookups, result.heading_ids, result.page_links,
                         cited_archive(result.urls, keys.archive))


def page_key(site: str, record: CachedArticle, others: list[CachedArticle]) -> str:
    """What one article's page shows: the article and the articles it lists by title."""
    parts = [site, record.parse_key, record.digest, repr(record.shared), repr(record.images),
             repr(record.lookups), record.archive]
    return digest_of("\n".join(parts + [other.listed_digest for other in others]))


def page_intact(record: CachedArticle, output: Path) -> bool:
    """The page in the current site is still the one the last build wrote."""
    name = f"{record.listed.slug}/index.html"
    return record.page_stat is not None and stat_of(output / name) == record.page_stat


def updated_page(record: CachedArticle, key: str, stat) -> CachedArticle:
    return replace(record, page_key=key, page_stat=page_stat(stat))


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress:
        progress(done, total)


def _load_shared_sources(settings: Settings) -> LoadedContent:
    """The shared sources alone: the articles are loaded by the jobs that need them."""
    problems: list[Problem] = []
    # The same choice of file as content.load_content makes.
    path = next((settings.content / name for name in SOURCES_FILES
                 if (settings.content / name).exists()), settings.content / SOURCES_FILES[0])
    shared = load_shared_sources(path, settings, problems)
    return LoadedContent([], shared, path.relative_to(settings.root).as_posix(), problems,
                         load_archive_file(settings, problems))


def _site_problems(records: dict[str, CachedArticle], content: LoadedContent,
                   settings: Settings) -> list[Problem]:
    """Problems about articles together: clashing slugs, unused sources, bad translations."""
    paths = sorted(records, key=Path)
    documents = [Document(path, records[path].listed.slug, records[path].listed.meta, "", 0)
                 for path in paths]
    cited = {key for record in records.values() for key, _ in record.shared}
    return (duplicate_slugs(documents, settings.content_dir)
            + _unused_shared_sources(content, cited, settings)
            + anchor_problems({path: records[path].page_links for path in paths},
                              {path: records[path].heading_ids for path in paths})
            + check_translations([records[path].listed for path in paths],
                                 lambda path: read_text(settings.root / path)))


def _unused_shared_sources(
    content: LoadedContent, cited: set[str | None], settings: Settings
) -> list[Problem]:
    unused = [key for key in content.shared_sources if key.lower() not in cited]
    if not unused:
        return []
    lines = LineFinder(read_text(settings.root / content.shared_sources_path), 1)
    return [
        warning(content.shared_sources_path, lines.find(f"{key}:"),
                f"source '{key}' is never cited by any article",
                f"Cite it with [@{key}] or remove it", "shared sources never cited")
        for key in unused
    ]


