"""The pages of a build, made again only when what they show changed.

An article's page shows the article and, by title, the articles citing the same sources and
its translations: its key covers those (cache.CachedArticle.listed_digest). The pages made from
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

from .cache import BuildCache, CachedArticle, CachedFiles, digest_of, page_stat, stored_key
from .images import image_files
from .pages import (
    RenderJob,
    Workers,
    build_environment,
    parse_file,
    render_page,
    template_problem,
)
from .problems import BuildFailed
from .render import render_listing_pages, sources_page_chunks
from .resolve import Article
from .search import search_index
from .settings import Settings
from .site import page_intact, page_key, updated_page
from .source_index import SourceIndex, build_source_index
from .translations import translation_groups
from .writer import SiteWriter, stat_of


class Published:
    """The published articles in listing order, with what the site-wide pages need of them,
    read from the store only when some page must be made again."""

    def __init__(self, records: dict[str, CachedArticle], paths: list[str],
                 cache: BuildCache) -> None:
        self.records = records
        self.paths = paths
        self.cache = cache

    def key(self, site: str, *fields: str) -> str:
        """A digest of `fields` of every published article, in listing order."""
        lines = [site, *(f"{path} {[getattr(self.records[path], f) for f in fields]!r}"
                         for path in self.paths)]
        return digest_of("\n".join(lines))

    @property
    def listed(self) -> list[Article]:
        return [self.records[path].listed for path in self.paths]

    def stored(self, column: str) -> Iterator:
        """Summaries or search terms of every article in order, one at a time (the store
        holds every article parsed without errors; one it lost is parsed again)."""
        wanted = [(path, stored_key(self.records[path].parse_key, self.records[path].digest))
                  for path in self.paths]
        for path, found in zip(self.paths, self.cache.store.values(column, wanted), strict=True):
            yield found if found is not None else getattr(parse_file(path), column)

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
        return translation_groups(self.listed)

    @functools.cached_property
    def path_of(self) -> dict[str, str]:
        return {self.records[path].listed.slug: path for path in self.paths}

    def source_index(self) -> SourceIndex:
        return build_source_index(list(self.stored("summary")))

    def search_index(self) -> dict[str, bytes]:
        return search_index(self.listed, self.stored("terms"))


def assemble_site(settings: Settings, site: str, records: dict[str, CachedArticle],
                  published: list[str], cache: BuildCache, writer: SiteWriter,
                  workers: Workers, progress) -> tuple[set[str], dict[str, CachedFiles]]:
    """Write or keep every page; return the articles rendered and the site-wide groups."""
    articles = Published(records, published, cache)
    pages_key = articles.key(site, "parse_key", "digest", "shared", "listed_digest", "urls",
                             "lookups")
    same_inputs = cache.groups.get("pages") == CachedFiles(pages_key, {})
    rendered = _article_pages(settings, site, articles, same_inputs, writer, workers, progress)
    env = build_environment(workers.context)
    groups = {"pages": CachedFiles(pages_key, {})}
    makers: dict[str, tuple[tuple[str, ...], Callable[[], dict]]] = {
        "sources": (("listed_digest", "sources_digest"),
                    lambda: sources_page_chunks(env, articles.source_index(), settings)),
        "listings": (("listed_digest",),
                     lambda: render_listing_pages(env, articles.listed, settings)
                     | _static_files(settings)),
        "search": (("listed_digest", "text_digest", "sources_digest"),
                   articles.search_index),
        "images": (("listed_digest", "images"), lambda: _image_files(articles.listed, settings)),
    }
    for name, (fields, make) in makers.items():
        groups[name] = _group(writer, settings, articles.key(site, *fields),
                              cache.groups.get(name), make)
    return rendered, groups


def _article_pages(settings: Settings, site: str, articles: Published, same_inputs: bool,
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
        jobs.append(RenderJob(path, stored_key(record.parse_key, record.digest),
                              [records[p].listed for p in cited],
                              [records[p].listed for p in translated]))
        records[path] = replace(record, page_key=key)
    problems = set()
    for done, result in enumerate(workers.map(render_page, jobs), 1):
        problems.update(result.problems)
        if result.page is not None:
            record = records[result.path]
            stat = writer.write(f"{record.listed.slug}/index.html", result.page)
            records[result.path] = updated_page(record, record.page_key, stat)
        if progress:
            progress(done, len(jobs))
    if problems:
        raise BuildFailed(sorted(problems))
    return {job.path for job in jobs}


def _group(writer: SiteWriter, settings: Settings, key: str, cached: CachedFiles | None,
           make: Callable[[], dict]) -> CachedFiles:
    """Keep a group's files when its key is unchanged and its files intact; else make them
    (as bytes, or as pieces of text written as they are rendered)."""
    if cached and cached.key == key and all(
            stat_of(settings.output / name) == stat for name, stat in cached.files.items()):
        for name in cached.files:
            writer.keep(name)
        return cached
    try:
        return CachedFiles(key, {name: page_stat(writer.write(name, data))
                                 for name, data in sorted(make().items())})
    except TemplateError as exc:
        raise BuildFailed([template_problem(exc, settings)]) from exc


def _image_files(articles: list[Article], settings: Settings) -> dict[str, bytes]:
    """Each article's images, copied beside its page (checked when the article was parsed)."""
    files: dict[str, bytes] = {}
    for article in articles:
        files.update(image_files(article.slug, article.path, article.images, settings))
    return files


def _static_files(settings: Settings) -> dict[str, bytes]:
    from .assets import collect_static  # imports Pygments: only when static files are needed

    return collect_static(settings)
