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
import pickle
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from jinja2 import TemplateError

from ..article.resolve import Article
from ..article.translations import translation_groups
from ..content.image_places import image_files
from ..incremental import BuildState, CachedArticle, CachedFiles
from ..output.site_writer import SiteWriter
from ..pages.assets import collect_static
from ..pages.environment import template_problem
from ..pages.render import render_listing_pages, sources_page_chunks
from ..pages.search import search_index
from ..pages.source_index import SourceIndex, build_source_index
from ..problems import BuildFailed
from ..settings import Settings
from .jobs import BuildContext, ParseJob, RenderJob, parse_file, render_page
from .stage_data import Assembled, CheckedSite, Progress
from .workers import Workers


class Published:
    """The published articles in listing order, with what the site-wide pages need of them,
    read from the store only when some page must be made again."""

    def __init__(self, records: dict[str, CachedArticle], paths: list[str],
                 state: BuildState, workers: Workers) -> None:
        self.records = records
        self.paths = paths
        self.state = state
        self.workers = workers  # to parse again an article the store lost

    @property
    def listed_articles(self) -> list[Article]:
        return [self.records[path].listed for path in self.paths]

    def with_sources(self) -> Iterator[Article]:
        """Every article with its sources, in order, one at a time (the store holds every
        article parsed without errors; one it lost is parsed again)."""
        found = self.state.stored_with_sources(self.records, self.paths)
        for path, article in zip(self.paths, found, strict=True):
            yield article if article is not None else self._parsed_again(path, "with_sources")

    def terms(self) -> Iterator[list[tuple[str, int]]]:
        """Every article's search terms, in order, one at a time (likewise)."""
        found = self.state.stored_terms(self.records, self.paths)
        for path, terms in zip(self.paths, found, strict=True):
            yield terms if terms is not None else self._parsed_again(path, "terms")

    def _parsed_again(self, path: str, value: str) -> Any:
        """One of the values the store keeps of an article, from parsing it again."""
        row = parse_file(self.workers.local, ParseJob(path=path)).row
        assert row is not None, "a build's state is never empty"
        return pickle.loads(getattr(row, value))

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


def assemble_site(checked: CheckedSite, context: BuildContext, state: BuildState,
                  writer: SiteWriter, workers: Workers, progress: Progress | None) -> Assembled:
    """Stage 4, render what changed: write or keep every page."""
    settings, published = context.settings, checked.published
    records = dict(checked.records)
    articles = Published(records, published, state, workers)
    keys = state.group_keys(records, published)
    rendered = _article_pages(state, articles, state.pages_unchanged(keys), writer, workers,
                              progress)
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
        groups[name] = _group(writer, settings, state.intact_group(name, keys[name]),
                              keys[name], make)
    return Assembled(records=records, groups=groups, rendered=rendered)


def _article_pages(state: BuildState, articles: Published, pages_unchanged: bool,
                   writer: SiteWriter, workers: Workers, progress: Progress | None) -> set[str]:
    records, jobs = articles.records, []
    for path in articles.paths:
        record = records[path]
        cited, translated = articles.others(path)
        key = state.outdated_page(record, [records[p] for p in cited + translated],
                                  pages_unchanged)
        if key is None:
            writer.keep(state.page_file(record))
            continue
        jobs.append(RenderJob(path=path, key=state.stored_key(record),
                              cited_with=[(p, state.stored_key(records[p])) for p in cited],
                              translations=[(p, state.stored_key(records[p]))
                                            for p in translated]))
        records[path] = replace(record, page_key=key)
    problems = set()
    for done, result in enumerate(workers.map(render_page, jobs), 1):
        problems.update(result.problems)
        if result.page is not None:
            record = records[result.path]
            stat = writer.write(state.page_file(record), result.page)
            records[result.path] = state.page_written(record, record.page_key, stat)
        if progress:
            progress(done, len(jobs))
    if problems:
        raise BuildFailed(sorted(problems))
    return {job.path for job in jobs}


def _group(writer: SiteWriter, settings: Settings, intact: CachedFiles | None, key: str,
           make: Callable[[], dict]) -> CachedFiles:
    """Keep a group's files when they are `intact`; else make them under `key` (as bytes,
    or as pieces of text written as they are rendered)."""
    if intact is not None:
        for name in intact.files:
            writer.keep(name)
        return intact
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
