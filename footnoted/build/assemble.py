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
from collections.abc import Callable
from dataclasses import replace

from jinja2 import TemplateError

from ..article.resolve import Article
from ..article.translations import translation_groups
from ..content.image_places import image_files
from ..incremental import BuildState, CachedArticle, CachedFiles
from ..output.site_writer import SiteWriter
from ..pages.environment import template_problem
from ..problems import BuildFailed
from ..settings import Settings
from .groups import MADE_IN_WORKERS, GroupJob, GroupMade, make_group
from .jobs import BuildContext, RenderJob, render_page
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

    def others(self, path: str) -> tuple[list[str], list[str]]:
        """Paths of the articles citing the same sources, and of its translations."""
        slug = self.records[path].listed.slug
        return self.cited_with(path), [self.path_of[a.slug] for a in self.translations[slug]]

    def cited_with(self, path: str) -> list[str]:
        """source_index.cited_with, from the URLs in the records: no article is read."""
        found: set[str] = set()
        for url in self.records[path].urls:
            if len(self.citing[url]) > 1:
                found.update(self.citing[url])
        found.discard(path)
        return sorted(found, key=self.order.__getitem__)

    @functools.cached_property
    def citing(self) -> dict[str, list[str]]:
        """The published articles citing each URL."""
        citing: dict[str, list[str]] = defaultdict(list)
        for path in self.paths:
            for url in self.records[path].urls:
                citing[url].append(path)
        return citing

    @functools.cached_property
    def order(self) -> dict[str, int]:
        return {path: index for index, path in enumerate(self.paths)}

    @functools.cached_property
    def translations(self) -> dict[str, list[Article]]:
        return translation_groups(self.listed_articles)

    @functools.cached_property
    def path_of(self) -> dict[str, str]:
        return {self.records[path].listed.slug: path for path in self.paths}


def assemble_site(checked: CheckedSite, context: BuildContext, state: BuildState,
                  writer: SiteWriter, workers: Workers, progress: Progress | None) -> Assembled:
    """Stage 4, render what changed: write or keep every page. The site-wide groups to make
    again are handed to the workers first, so that they are made while the others render
    article pages."""
    settings, published = context.settings, checked.published
    records = dict(checked.records)
    articles = Published(records, published, state, workers)
    keys = state.group_keys(records, published)
    intact = {name: state.intact_group(name, keys[name]) for name in GROUPS}
    order = [(path, state.stored_key(records[path])) for path in published]
    jobs = [GroupJob(name=name, published=order, search=state.outdated_search(
        records, published) if name == "search" else None)
            for name in MADE_IN_WORKERS if intact[name] is None]
    # Two groups or more start the pool if none runs yet (a template edit parses nothing); a
    # lone one, such as the search index after a body edit, is not worth starting it for.
    size = len(order) if len(jobs) > 1 else 0
    made = {job.name: workers.submit(make_group, job, size) for job in jobs}
    rendered = _article_pages(state, articles, state.pages_unchanged(keys), writer, workers,
                              progress)
    groups = {"pages": CachedFiles(key=keys["pages"], files={})}
    made["images"] = lambda: _image_files(articles.listed_articles, settings)  # copies files
    for name in GROUPS:
        groups[name] = _group(writer, settings, intact[name], keys[name], made.get(name))
    return Assembled(records=records, groups=groups, rendered=rendered)


GROUPS = ("sources", "listings", "search", "images", "citations")  # in the order written


def _article_pages(state: BuildState, articles: Published, pages_unchanged: bool,
                   writer: SiteWriter, workers: Workers, progress: Progress | None) -> set[str]:
    records, jobs = articles.records, []
    check = None if pages_unchanged else state.pages_to_check(
        records, articles.paths, articles.citing, any(articles.translations.values()))

    def others(path: str) -> list[CachedArticle]:  # asked only for a page that may change
        cited, translated = articles.others(path)
        return [records[p] for p in cited + translated]

    for path in articles.paths:
        record = records[path]
        key = state.outdated_page(record, functools.partial(others, path),
                                  pages_unchanged or (check is not None and path not in check))
        if key is None:
            writer.keep(state.page_file(record))
            continue
        cited, translated = articles.others(path)
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
           make: Callable[[], GroupMade | dict[str, bytes]] | None) -> CachedFiles:
    """Keep a group's files when they are `intact`; else make them under `key`."""
    if intact is not None or make is None:
        assert intact is not None, "a group not intact is always made"
        for name in intact.files:
            writer.keep(name)
        return intact
    try:
        made = make()
    except TemplateError as exc:
        raise BuildFailed([template_problem(exc, settings)]) from exc
    if isinstance(made, GroupMade):
        if made.problems:
            raise BuildFailed(made.problems)
        pairs = made.pairs()
    else:
        pairs = iter(made.items())
    written = {name: writer.write(name, data) for name, data in pairs}
    return CachedFiles(key=key, files=dict(sorted(written.items())))


def _image_files(articles: list[Article], settings: Settings) -> dict[str, bytes]:
    """The articles' images, each copied once to its place in content/ (checked when the
    article was parsed)."""
    files: dict[str, bytes] = {}
    for article in articles:
        files.update(image_files(article.published_files, settings))
    return files
