"""One article from file to page (load, parse, resolve, render), in this process or across cores.

Each article's page depends only on its own file, the shared sources and the templates, so
articles are independent units of work: a pool of processes renders them in any order and
hands results back in file order, which keeps the output identical to a serial build.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, TemplateError, TemplateSyntaxError

from .cache import (
    CACHE_DIR,
    ArticleStore,
    cited_shared,
    file_digest,
    listed,
    listed_digest,
    pickled,
)
from .content import Document, LoadedContent, SourceEntry, load_document
from .markdown.convert import render_markdown
from .markdown.refs import LineFinder
from .problems import Problem, error
from .render import article_page, make_environment, render_article
from .resolve import Article, resolve_article
from .settings import Settings

POOL_THRESHOLD = 24  # fewer articles than this render faster in-process than through a pool


@dataclass(frozen=True)
class PageJob:
    path: str  # the article file, relative to the project
    reuse: str | None  # digest of the file when its stored article is still valid: render that


@dataclass(frozen=True)
class PageResult:
    path: str
    digest: str  # of the file as parsed (or as cached)
    article: Article | None  # the listing copy; None when the file could not be loaded
    listed_digest: str  # of the listing copy
    page: bytes | None  # None for drafts and on errors
    problems: list[Problem]
    shared: tuple[tuple[str, str], ...]  # the shared sources it cites, with their digests
    stored: bytes | None  # the article, pickled for the cache, when parsed now without errors


@dataclass(frozen=True)
class BuildContext:
    """What every job needs; sent once to each worker process."""

    settings: Settings
    content: LoadedContent  # the shared sources (documents are not needed)
    shared_digests: dict[str, str]
    parse_key: str
    store: Path  # the ArticleStore file


def render_pages(jobs: list[PageJob], context: BuildContext, processes: int
                 ) -> Iterator[PageResult]:
    """Results in the order of `jobs`; across `processes` when there are enough of them."""
    if processes <= 1 or len(jobs) < POOL_THRESHOLD:
        _start_worker(context)
        yield from map(_run_job, jobs)
        return
    chunk = max(1, min(16, len(jobs) // (processes * 8)))
    with _pool_context().Pool(processes, _start_worker, (context,)) as pool:
        yield from pool.imap(_run_job, jobs, chunk)


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


def _start_worker(context: BuildContext) -> None:
    global _context, _store
    _context, _store = context, ArticleStore(context.store)


def stored_key(parse_key: str, digest: str) -> str:
    """The key an article is stored under: a stale article can never match it."""
    return f"{parse_key}:{digest}"


def _run_job(job: PageJob) -> PageResult:
    context = _context
    assert context is not None and _store is not None, "workers start with render_pages"
    article = _store.get(job.path, stored_key(context.parse_key, job.reuse)) if job.reuse else None
    digest, problems, stored = job.reuse or "", [], None
    if article is None:
        digest, article, problems = _parse(job.path, context)
        if article is None:
            return PageResult(job.path, digest, None, "", None, problems, (), None)
        stored = None if any(p.is_error for p in problems) else pickled(article)
    page = None if article.meta.draft else _render_page(article, context.settings, problems)
    shared = cited_shared(article, context.shared_digests)
    summary = listed(article)
    return PageResult(job.path, digest, summary, listed_digest(summary), page, problems, shared,
                      stored)


def _parse(path: str, context: BuildContext) -> tuple[str, Article | None, list[Problem]]:
    settings = context.settings
    problems: list[Problem] = []
    # The digest is taken before reading: if the file changes meanwhile, the next build sees it.
    digest = file_digest((settings.root / path).read_bytes())
    document = load_document(settings.root / path, settings, problems)
    if document is None:
        return digest, None, problems
    article, found = parse_and_resolve(document, context.content, settings)
    return digest, article, problems + found


def _render_page(article: Article, settings: Settings, problems: list[Problem]) -> bytes | None:
    try:
        return render_article(environment(settings), article, settings, article_page(article))
    except TemplateError as exc:
        problems.append(template_problem(exc, settings))
        return None


@functools.lru_cache(maxsize=4)
def environment(settings: Settings) -> Environment:
    """One Jinja environment per site and process: templates compile once, and Jinja reloads
    any template whose file changed, which is what a long-running `serve` needs. Compiled
    templates are kept between runs too (Jinja checks them against the template source)."""
    env = make_environment(settings)
    env.bytecode_cache = FileSystemBytecodeCache(str(_cache_folder(settings, "templates")))
    return env


def _cache_folder(settings: Settings, name: str) -> Path:
    folder = settings.root / CACHE_DIR / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def template_problem(exc: TemplateError, settings: Settings) -> Problem:
    if isinstance(exc, TemplateSyntaxError):
        where = f"{settings.templates_dir}/{exc.name or exc.filename}"
        return error(where, exc.lineno, f"template error: {exc.message}",
                     "Fix the template syntax on this line")
    return error(settings.templates_dir, 0, f"template error: {exc}",
                 "Check the variable names the template uses (README: Template variables)")


def parse_and_resolve(
    document: Document, content: LoadedContent, settings: Settings
) -> tuple[Article, list[Problem]]:
    declared, problems = _declared_sources(document, content)
    body = render_markdown(document.body, declared, document.slug, document.path,
                           document.body_line)
    file_lines = LineFinder(_read(settings.root / document.path), 1)
    article, found = resolve_article(document, body, declared, settings.lang,
                                     settings.words_per_minute, file_lines)
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
    return declared, problems


def _needs_url(path: str, key: str) -> Problem:
    return error(path, 0, f"source '{key}' has neither 'url:' nor 'lost: true'",
                 "Give its address, or mark it lost if the original link was not preserved")


def _read(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
