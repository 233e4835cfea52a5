"""Article work for the build, in this process or across cores: parse a file, render a page.

Parsing an article needs only its file and the shared sources, and rendering its page needs
only the article and small summaries of the articles it links to, so both are independent
jobs: a pool of processes takes them in any order and hands results back in job order,
which keeps the output identical to a serial build.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import threading
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
)

from .cache import (
    CACHE_DIR,
    ArticleStore,
    cited_shared,
    digest_of,
    file_digest,
    image_stats,
    listed,
    pickled,
)
from .content import Document, LoadedContent, SourceEntry, load_document
from .images import image_problems
from .known_sources import declared_with_archive
from .linefinder import LineFinder
from .pageindex import PageIndex
from .problems import Problem, error
from .render import AssetNames, article_page, make_environment, render_article
from .resolve import Article, resolve_article
from .search import article_terms
from .settings import Settings
from .theme import template_folders

POOL_THRESHOLD = 24  # fewer jobs than this run faster in-process than through a pool
WINDOW = 512  # jobs handed to the pool at a time


@dataclass(frozen=True)
class BuildContext:
    """What every job needs; given once to each worker process."""

    settings: Settings
    content: LoadedContent  # the shared sources (documents are not needed)
    shared_digests: dict[str, str]
    store: Path  # the ArticleStore file
    pages: PageIndex = PageIndex()  # every article's slug, for links between articles


@dataclass(frozen=True)
class Parsed:
    """One article file, parsed; `listed` is None when it could not be loaded."""

    path: str
    digest: str  # of the file as parsed
    problems: list[Problem]
    listed: Article | None = None  # as listings and other pages show it
    listed_digest: str = ""
    summary: Article | None = None  # with its sources, for the Sources page
    urls: tuple[str, ...] = ()  # the source URLs it cites
    sources_digest: str = ""
    text_digest: str = ""
    shared: tuple[tuple[str, str], ...] = ()  # the shared sources it cites, with their digests
    terms: list[tuple[str, int]] | None = None  # for the search index
    images: tuple[tuple[str, int, int], ...] = ()  # image_stats()
    stored: bytes = b""  # the whole article, pickled for the store; empty after errors
    lookups: tuple[tuple[str, str | None], ...] = ()  # other articles' slugs its links used
    heading_ids: frozenset[str] = frozenset()  # its headings' ids
    page_links: tuple = ()  # its links to other articles


@dataclass(frozen=True)
class RenderJob:
    path: str
    key: str  # the stored article's key
    cited_with: list[Article]  # listed copies of the articles citing the same sources
    translations: list[Article]  # listed copies of its other language versions


@dataclass(frozen=True)
class Rendered:
    path: str
    page: bytes | None  # None when a template failed
    problems: list[Problem]


class Workers:
    """Runs jobs in this process, or in a pool of `processes` once there are enough of them."""

    def __init__(self, context: BuildContext, processes: int) -> None:
        self.context = context
        self.processes = processes or default_processes()
        self.pool = None

    def map(self, function: Callable, jobs: list) -> Iterator:
        if self.processes <= 1 or len(jobs) < POOL_THRESHOLD:
            _start_worker(self.context)
            return map(function, jobs)
        if self.pool is None:
            self.pool = _pool_context().Pool(self.processes, _start_worker, (self.context,))
        return self._windows(function, jobs)

    def _windows(self, function: Callable, jobs: list) -> Iterator:
        """A pool queues every job it is given at once: hand them over a window at a time,
        so the jobs and results waiting in memory stay few on a site of any size."""
        for start in range(0, len(jobs), WINDOW):
            window = jobs[start:start + WINDOW]
            yield from self.pool.imap(function, window, 8)

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc_info) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()


def default_processes() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _pool_context():
    """fork starts workers in milliseconds, but is unsafe once threads run (as in `serve`)."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


_context: BuildContext | None = None  # set once in each worker process
_store: ArticleStore | None = None
_assets: tuple[BuildContext, AssetNames] | None = None  # this build's static file names


def _start_worker(context: BuildContext) -> None:
    global _context, _store
    if _context is not context:
        _context, _store = context, ArticleStore(context.store)


def parse_file(path: str) -> Parsed:
    """Load, parse and resolve one article file."""
    assert _context is not None, "Workers start every process with its context"
    settings = _context.settings
    problems: list[Problem] = []
    # The digest is taken before reading: if the file changes meanwhile, the next build sees it.
    digest = file_digest((settings.root / path).read_bytes())
    document = load_document(settings.root / path, settings, problems)
    if document is None:
        return Parsed(path, digest, problems)
    article, found = parse_and_resolve(document, _context.content, settings, _context.pages)
    problems += found
    copy = listed(article)
    return Parsed(
        path, digest, problems, copy, digest_of(repr(copy)), replace(copy, sources=article.sources),
        tuple(sorted({source.url for source in article.sources if source.url})),
        digest_of(repr(article.sources)), digest_of(article.text),
        cited_shared(article, _context.shared_digests), article_terms(article),
        image_stats(article, settings),
        b"" if any(p.is_error for p in problems) else pickled(article),
        article.lookups, article.heading_ids, article.page_links)


def load_slug(path: str) -> tuple[str, str | None]:
    """The slug the loader gives an article file (None if it does not load): links between
    articles are resolved against every article's slug before any is parsed."""
    assert _context is not None, "Workers start every process with its context"
    document = load_document(_context.settings.root / path, _context.settings, [])
    return path, document.slug if document is not None else None


def render_page(job: RenderJob) -> Rendered:
    """Render one article's page from the stored article (parsed again if it is gone)."""
    assert _context is not None and _store is not None
    settings = _context.settings
    article = _store.article(job.path, job.key)
    if article is None:
        document = load_document(settings.root / job.path, settings, [])
        if document is None:
            return Rendered(job.path, None, [error(job.path, 0, "the file changed during the "
                                                   "build", "Build again")])
        article, _ = parse_and_resolve(document, _context.content, settings, _context.pages)
    try:
        page = render_article(build_environment(_context), article, settings, article_page(article),
                              job.cited_with, job.translations)
    except TemplateError as exc:
        return Rendered(job.path, None, [template_problem(exc, settings)])
    return Rendered(job.path, page, [])


@functools.lru_cache(maxsize=4)
def environment(settings: Settings) -> Environment:
    """One Jinja environment per site and process: templates compile once, and Jinja reloads
    any template whose file changed, which is what a long-running `serve` needs. Compiled
    templates are kept between runs too (Jinja checks them against the template source)."""
    env = make_environment(settings)
    folder = settings.root / CACHE_DIR / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = BytecodeCache(str(folder))
    return env


class BytecodeCache(FileSystemBytecodeCache):
    """Jinja's compiled-template cache, whose folder is made again when someone deletes
    .footnoted-cache/ while `serve` (or any process that built before) still runs."""

    def dump_bytecode(self, bucket) -> None:
        os.makedirs(self.directory, exist_ok=True)
        super().dump_bytecode(bucket)


def build_environment(context: BuildContext) -> Environment:
    """The process's environment, with this build's static file names: `serve` keeps one
    environment for many builds, and a changed stylesheet must get its new name."""
    global _assets
    if _assets is None or _assets[0] is not context:
        _assets = (context, AssetNames(context.settings))  # reads static/ on first use only
    env = environment(context.settings)
    env.globals["asset"] = _assets[1]
    return env


def template_problem(exc: TemplateError, settings: Settings) -> Problem:
    if isinstance(exc, TemplateSyntaxError):
        where = _template_name(Path(exc.filename), settings) if exc.filename else exc.name
        return error(where, exc.lineno, f"template error: {exc.message}",
                     "Fix the template syntax on this line")
    where, line = _template_frame(exc, settings)
    if isinstance(exc, TemplateNotFound):
        return error(where, line, f"template '{exc.name}' does not exist",
                     f"Check the name, or add it to {settings.templates_dir}/")
    return error(where, line, f"template error: {exc}",
                 "Check the variable names the template uses (README: Template variables)")


def _template_frame(exc: Exception, settings: Settings) -> tuple[str, int]:
    """The innermost template line that was running: Jinja puts it in the traceback."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        where = _template_name(Path(frame.filename), settings)
        if where:
            return where, frame.lineno or 0
    return settings.templates_dir, 0


def _template_name(path: Path, settings: Settings) -> str:
    """A template file as the editor finds it: `templates/x.html` in the project, the full
    path of a theme file; "" for a file that is no template."""
    project, theme = (folder.resolve() for folder in template_folders(settings))
    path = path.resolve()
    if path.is_relative_to(project):
        return f"{settings.templates_dir}/{path.relative_to(project).as_posix()}"
    return str(path) if path.is_relative_to(theme) else ""


def parse_and_resolve(
    document: Document, content: LoadedContent, settings: Settings, pages: PageIndex
) -> tuple[Article, list[Problem]]:
    from .markdown.convert import render_markdown  # Python-Markdown loads only when parsing

    declared, problems = _declared_sources(document, content)
    body = render_markdown(document.body, declared, document.slug, document.path,
                           document.body_line, document.meta.lang or settings.lang,
                           settings.allow_html, pages, content.archive)
    file_lines = LineFinder(document.text, 1)
    article, found = resolve_article(document, body, declared, settings.lang,
                                     settings.words_per_minute, file_lines, settings.toc,
                                     content.archive)
    found += image_problems(document.path, article.images, settings)
    return article, problems + body.problems + found


def _declared_sources(
    document: Document, content: LoadedContent
) -> tuple[dict[str, SourceEntry], list[Problem]]:
    """Shared sources plus the article's own, by lower-case key; a key in both is an error."""
    declared = {key.lower(): entry for key, entry in content.shared_sources.items()}
    problems = []
    for key, entry in document.meta.sources.items():
        if key.lower() in declared:
            problems.append(error(document.path, 0,
                                  f"source '{key}' is declared here and in "
                                  f"{content.shared_sources_path}",
                                  "Rename one of them, or keep only the shared one"))
        declared[key.lower()] = entry
    problems += [_needs_url(document.path, key) for key, entry in document.meta.sources.items()
                 if not entry.url and not entry.lost]
    declared_with_archive(declared, content.archive)
    return declared, problems


def _needs_url(path: str, key: str) -> Problem:
    return error(path, 0, f"source '{key}' has neither 'url:' nor 'lost: true'",
                 "Give its address, or mark it lost if the original link was not preserved")

