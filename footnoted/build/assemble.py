"""The pages of a build, made again only when what they show changed.

An article's page shows the article and, by title, the articles citing the same sources and
its translations: its key covers those (incremental/keys.py: page_key). The pages made from
all articles come in groups, each with its own key: the Sources page (every source and
citation), the listings with their feeds, indexes, archive and sitemap (front matter and
summaries only, so a body edit leaves them alone), the search index (the text too) and the
articles' image files (their sizes and times).
Which articles list which is worked out from the records alone, without reading any article.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import replace

from jinja2 import TemplateError

from ..article.image_places import image_files
from ..article.resolve import Article
from ..article.translations import translation_groups
from ..incremental.cache import BuildCache
from ..incremental.freshness import group_intact, page_intact, with_page
from ..incremental.keys import group_keys, page_key, stored_key
from ..incremental.records import CachedArticle, CachedFiles, Digest, SiteKey, StoredKey
from ..output.site_writer import SiteWriter
from ..pages.assets import collect_static
from ..pages.environment import template_problem
from ..pages.render import render_listing_pages, sources_page_chunks
from ..pages.search import search_index
from ..pages.source_index import SourceIndex, build_source_index
from ..problems import BuildFailed
from ..settings import Settings
from .jobs import BuildContext, Parsed, ParseJob, RenderJob, parse_file, render_page
from .stage_data import Assembled, CheckedSite, Progress
from .workers import Workers


class Published:
    """The published articles in listing order, with what the site-wide pages need of them,
    read from the store only when some page must be made again."""

    def __init__(self, records: dict[str, CachedArticle], paths: list[str],
                 cache: BuildCache, workers: Workers) -> None:
        self.records = records
        self.paths = paths
        self.cache = cache
        self.workers = workers  # to parse again an article the store lost

    @property
    def listed_articles(self) -> list[Article]:
        return [self.records[path].listed for path in self.paths]

    def with_sources(self) -> Iterator[Article]:
        """Every article with its sources, in order, one at a time (the store holds every
        article parsed without errors; one it lost is parsed again)."""
        found = self.cache.store.with_sources(self._wanted())
        for path, article in zip(self.paths, found, strict=True):
            yield article if article is not None else self._parsed_again(path).with_sources

    def terms(self) -> Iterator[list[tuple[str, int]]]:
        """Every article's search terms, in order, one at a time (likewise)."""
        for path, terms in zip(self.paths, self.cache.store.terms(self._wanted()), strict=True):
            yield terms if terms is not None else self._parsed_again(path).terms

    def _wanted(self) -> list[tuple[str, StoredKey]]:
        return [(path, stored_key(self.records[path].parse_key, self.records[path].digest))
                for path in self.paths]

    def _parsed_again(self, path: str) -> Parsed:
        return parse_file(self.workers.local, ParseJob(path=path))

    def others(self, path: str) -> tuple[list[str], list[str]]:
        """Paths of the articles citing the same sources, and of its translations."""
        slug = self.records[path].listed.slug
        return self.cited_with[path], [self.path_of[a.slug] for a in self.translations[slug]]

    @functools.cached_property
    def cited_with(self) -> dict[str, list[str]]:
        """source_index.cited_with, from the URLs in the records: no article is read."""
        citing: dict[str, list[str]] = defaultdict(list)
        for path in self.paths:
            for url in self.records[path].urls:
                citing[url].append(path)
        others: dict[str, set[str]] = {path: set() for path in self.paths}
        for group in citing.values():
            for path in group if len(group) > 1 else ():
                others[path].update(group)
        order = {path: index for index, path in enumerate(self.paths)}
        return {path: sorted(found - {path}, key=order.__getitem__)
                for path, found in others.items()}

    @functools.cached_property
    def translations(self) -> dict[str, list[Article]]:
        return translation_groups(self.listed_articles)

    @functools.cached_property
    def path_of(self) -> dict[str, str]:
        return {self.records[path].listed.slug: path for path in self.paths}

    def source_index(self) -> SourceIndex:
        return build_source_index(list(self.with_sources()))

    def search_index(self) -> dict[str, bytes]:
        return search_index(self.listed_articles, self.terms())


def assemble_site(checked: CheckedSite, context: BuildContext, cache: BuildCache,
                  writer: SiteWriter, workers: Workers, progress: Progress | None) -> Assembled:
    """Stage 4, render what changed: write or keep every page."""
    settings, site, published = context.settings, context.keys.site, checked.published
    records = dict(checked.records)
    articles = Published(records, published, cache, workers)
    keys = group_keys(context.keys, records, published)
    same_inputs = cache.groups.get("pages") == CachedFiles(key=keys["pages"], files={})
    rendered = _article_pages(settings, site, articles, same_inputs, writer, workers, progress)
    env = workers.local.environment
    groups = {"pages": CachedFiles(key=keys["pages"], files={})}
    makers: dict[str, Callable[[], dict]] = {
        "sources": lambda: sources_page_chunks(env, articles.source_index(), settings),
        "listings": lambda: render_listing_pages(env, articles.listed_articles, settings)
        | collect_static(settings),
        "search": articles.search_index,
        "images": lambda: _image_files(articles.listed_articles, settings),
    }
    for name, make in makers.items():
        groups[name] = _group(writer, settings, keys[name], cache.groups.get(name), make)
    return Assembled(records=records, groups=groups, rendered=rendered)


def _article_pages(settings: Settings, site: SiteKey, articles: Published, same_inputs: bool,
                   writer: SiteWriter, workers: Workers, progress) -> set[str]:
    records, jobs = articles.records, []
    for path in articles.paths:
        record = records[path]
        name = f"{record.listed.slug}/index.html"
        if same_inputs and page_intact(record, settings.output):
            writer.keep(name)
            continue
        cited, translated = articles.others(path)
        key = page_key(site, record, [records[p] for p in cited + translated])
        if record.page_key == key and page_intact(record, settings.output):
            writer.keep(name)
            continue
        jobs.append(RenderJob(path=path, key=stored_key(record.parse_key, record.digest),
                              cited_with=[records[p].listed for p in cited],
                              translations=[records[p].listed for p in translated]))
        records[path] = replace(record, page_key=key)
    problems = set()
    for done, result in enumerate(workers.map(render_page, jobs), 1):
        problems.update(result.problems)
        if result.page is not None:
            record = records[result.path]
            stat = writer.write(f"{record.listed.slug}/index.html", result.page)
            records[result.path] = with_page(record, record.page_key, stat)
        if progress:
            progress(done, len(jobs))
    if problems:
        raise BuildFailed(sorted(problems))
    return {job.path for job in jobs}


def _group(writer: SiteWriter, settings: Settings, key: Digest, cached: CachedFiles | None,
           make: Callable[[], dict]) -> CachedFiles:
    """Keep a group's files when its key is unchanged and its files intact; else make them
    (as bytes, or as pieces of text written as they are rendered)."""
    if cached is not None and group_intact(cached, key, settings.output):
        for name in cached.files:
            writer.keep(name)
        return cached
    try:
        return CachedFiles(key=key, files={name: writer.write(name, data)
                                           for name, data in sorted(make().items())})
    except TemplateError as exc:
        raise BuildFailed([template_problem(exc, settings)]) from exc


def _image_files(articles: list[Article], settings: Settings) -> dict[str, bytes]:
    """The articles' images, each copied once to its place in content/ (checked when the
    article was parsed)."""
    files: dict[str, bytes] = {}
    for article in articles:
        files.update(image_files(article.published_files, settings))
    return files
