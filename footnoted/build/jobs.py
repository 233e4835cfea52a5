"""Article work for the build: load a slug, parse a file, render a page; each one job.

Parsing an article needs only its file and the shared sources, and rendering its page needs
only the article and small summaries of the articles it links to, so each is a job that
workers.py may run in any process: a function of the process's `JobState` and the job.
"""

from __future__ import annotations

import functools
import pickle
import zlib
from dataclasses import dataclass, replace
from pathlib import Path

from jinja2 import Environment, TemplateError

from ..article.compile import parse_and_resolve
from ..article.resolve import Article
from ..content import budget
from ..content.document import Document, LoadedContent, load_document, reread_document
from ..content.known_sources import SharedSources
from ..content.page_index import PageIndex, day_of
from ..incremental import (
    ArticleStore,
    BuildKeys,
    CachedArticle,
    FileVersion,
    StoredKey,
    article_record,
)
from ..markdown.convert import Converters
from ..pages.environment import build_environment, template_problem
from ..pages.render import article_page, render_article
from ..pages.search import article_terms
from ..problems import Problem, error, internal_error
from ..settings import Settings
from .deadline import OutOfTime, article_deadline

LISTED_KEPT = 20_000  # listed copies a process keeps (a few KB each)


@dataclass(frozen=True, kw_only=True)
class BuildContext:
    """What every job of a build needs; given once to each worker process."""

    settings: Settings
    content: LoadedContent  # the shared sources and archive (documents are not needed)
    keys: BuildKeys
    store: Path  # the ArticleStore file
    pages: PageIndex = PageIndex()  # every article's slug, for links between articles
    keep_whole: bool = False  # hand back each whole article too (check_site), not only a record


class JobState:
    """One process's state for one build: the context, its connection to the store, its
    Markdown converters and its Jinja environment (made on first use: a process that
    renders nothing needs none)."""

    def __init__(self, context: BuildContext) -> None:
        self.context = context
        self.settings = context.settings
        self.store = ArticleStore(context.store)
        self.converters = Converters()  # Markdown instances, kept between articles
        # Listed copies read from the store, by (path, stored key): each is listed on about
        # 20 pages, so it is read and unpickled once per process, not once per page.
        self.listed: dict[tuple[str, StoredKey], Article] = {}

    @functools.cached_property
    def environment(self) -> Environment:
        return build_environment(self.settings)

    @functools.cached_property
    def shared(self) -> SharedSources:
        """The shared sources, ready for every article this process parses to look up."""
        return SharedSources(self.context.content.shared_sources, self.context.content.archive,
                             self.context.content.found)


@dataclass(frozen=True, kw_only=True)
class Parsed:
    """One article file, parsed; `record` is None when it could not be loaded."""

    path: str
    problems: list[Problem]
    record: CachedArticle | None = None  # what the build remembers of it
    # The store's row of it, pickled here: it crosses to the main process as bytes, and is
    # stored as it came (None for `check`, which stores nothing).
    row: ArticleStore.Row | None = None
    storable: bool = False  # the row may be kept: the article parsed without errors
    whole: Article | None = None  # the whole article, when the context keeps it


@dataclass(frozen=True, kw_only=True)
class FrontRead:
    """A file's front matter as stage 1 read it, for stage 2 while the file is unchanged."""

    version: FileVersion  # of the file when it was read
    document: Document  # its text and body left out: the file is read again for those
    problems: list[Problem]  # loading's problems


@dataclass(frozen=True, kw_only=True)
class ParseJob:
    path: str
    front: bytes = b""  # the FrontRead stage 1 made of the file, pickled, compressed; b"": none


@dataclass(frozen=True, kw_only=True)
class SlugFound:
    path: str
    slug: str | None  # None when the file does not load
    original: str = ""  # its original_url, an old address links may name
    day: str = ""  # its date's day, 2015/01/08: a dated site's address for it names it
    front: bytes  # as ParseJob.front (b"" when it does not load or changed meanwhile)


@dataclass(frozen=True, kw_only=True)
class RenderJob:
    path: str
    key: StoredKey  # the stored article's key
    # The articles its page lists by title, as (path, stored key): the worker reads their
    # listed copies from the store instead of receiving 20 articles with each job.
    cited_with: list[tuple[str, StoredKey]]  # the articles citing the same sources
    translations: list[tuple[str, StoredKey]]  # its other language versions


@dataclass(frozen=True, kw_only=True)
class Rendered:
    path: str
    page: bytes | None  # None when a template failed
    problems: list[Problem]


def load_slug(state: JobState, path: str) -> SlugFound:
    """The slug the loader gives an article file (None if it does not load): links between
    articles are resolved against every article's slug before any is parsed. The front
    matter read on the way is handed on, so that parsing does not read it again."""
    file = state.settings.root / path
    version = FileVersion.of(file)
    try:
        document, problems = load_document(file, state.settings)
    except Exception:  # parse_file meets it again and reports it
        return SlugFound(path=path, slug=None, front=b"")
    if document is None:
        return SlugFound(path=path, slug=None, front=b"")
    front = FrontRead(version=version, document=replace(document, body="", text=""),
                      problems=problems)
    original = str(document.meta.original_url or "")
    day = day_of(document.meta.date)
    if FileVersion.of(file).digest != version.digest:  # what was read is no one version
        return SlugFound(path=path, slug=document.slug, front=b"", original=original, day=day)
    # Held for every changed file until it is parsed: compressed, 2.4 KB become 1 KB.
    return SlugFound(path=path, slug=document.slug, original=original, day=day,
                     front=zlib.compress(ArticleStore.pickled(front), 1))


def parse_file(state: JobState, job: ParseJob) -> Parsed:
    """Load, parse and resolve one article file, within its budget (content/budget.py). Past
    the budget, or on an exception while doing so (a bug of ours that this article meets), it
    is this article's error, and the build goes on."""
    try:
        with article_deadline():
            return _parse_file(state, job)
    except (OutOfTime, RecursionError) as exc:
        state.converters = Converters()  # one stopped mid-article may hold its state
        return Parsed(path=job.path, problems=[over_budget(job.path, exc)])


def over_budget(path: str, exc: Exception) -> Problem:
    if isinstance(exc, OutOfTime):
        return error(path, 0, f"this article took longer than {budget.ARTICLE_SECONDS} s to "
                     "parse, the most one article may take", "Split it into several articles, or "
                     "look for a construct repeated many thousand times in one paragraph")
    return error(path, 0, "this article is nested too deeply to parse",
                 "Look for quotes, lists or brackets nested hundreds of levels deep")


def _parse_file(state: JobState, job: ParseJob) -> Parsed:
    settings, path = state.settings, job.path
    version = FileVersion.of(settings.root / path)  # before reading: a change shows next time
    try:
        document, problems = _load(settings.root / path, settings, version, job.front)
    except RecursionError:
        raise  # over the nesting budget: parse_file says so
    except Exception as exc:
        return Parsed(path=path, problems=[internal_error(path, 0, exc)])
    if document is None:
        return Parsed(path=path, problems=problems)
    try:
        article, found = parse_and_resolve(document, state.context.content, settings,
                                           state.context.pages, state.converters, state.shared)
    except RecursionError:
        raise
    except Exception as exc:
        return Parsed(path=path, problems=[*problems,
                                           internal_error(path, document.body_line, exc)])
    problems += found
    record = article_record(article, version, problems, state.context.keys, settings)
    keep_whole = state.context.keep_whole
    row = None if keep_whole else ArticleStore.row(
        article, record.listed, replace(record.listed, sources=article.sources),
        article_terms(article))
    return Parsed(path=path, problems=problems, record=record, row=row,
                  storable=not any(p.is_error for p in problems),
                  whole=article if keep_whole else None)


def render_page(state: JobState, job: RenderJob) -> Rendered:
    """Render one article's page from the stored article (parsed again if it is gone)."""
    settings = state.settings
    article = state.store.article(job.path, job.key)
    if article is None:
        document, _ = load_document(settings.root / job.path, settings)
        if document is None:
            return Rendered(path=job.path, page=None, problems=[
                error(job.path, 0, "the file changed during the build", "Build again")])
        article, _ = parse_and_resolve(document, state.context.content, settings,
                                       state.context.pages, state.converters, state.shared)
    cited_with = listed_copies(state, job.cited_with)
    translations = listed_copies(state, job.translations)
    if cited_with is None or translations is None:
        return Rendered(path=job.path, page=None, problems=[
            error(job.path, 0, "a file it lists changed during the build", "Build again")])
    try:
        page = render_article(state.environment, article, settings, article_page(article),
                              cited_with, translations)
    except TemplateError as exc:
        return Rendered(path=job.path, page=None, problems=[template_problem(exc, settings)])
    return Rendered(path=job.path, page=page, problems=[])


def listed_copies(state: JobState, wanted: list[tuple[str, StoredKey]]
                  ) -> list[Article] | None:
    """The listed copies of the articles `wanted`: kept from an earlier page, else read from
    the store (one query for all), else (one the store lost) parsed again here. None if one
    no longer loads."""
    kept = state.listed
    missing = [item for item in wanted if item not in kept]
    if len(kept) + len(missing) > LISTED_KEPT:
        kept.clear()  # a bound on the process's memory; read again as needed
        missing = list(wanted)
    for (path, key), article in zip(missing, state.store.listed(missing) if missing else (),
                                    strict=True):
        if article is None:
            record = parse_file(state, ParseJob(path=path)).record
            if record is None:
                return None
            article = record.listed
        kept[path, key] = article
    return [kept[item] for item in wanted]


def _load(file: Path, settings: Settings, version: FileVersion, front: bytes
          ) -> tuple[Document | None, list[Problem]]:
    """The file's Document and loading problems, from stage 1's FrontRead if it is of the
    same bytes."""
    read: FrontRead | None = pickle.loads(zlib.decompress(front)) if front else None
    if read is not None and read.version.digest == version.digest:
        document = reread_document(file, settings, read.document)
        if document is not None:
            return document, list(read.problems)
    return load_document(file, settings)
