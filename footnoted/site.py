"""The build, as a list of stages: load, parse, resolve, render, write.

`build_site` does only what changed since the last build: cache.py decides which articles
are still fresh, pages.py parses and renders the others (across cores when there are many),
and output.py stages the new site beside the old one, keeping unchanged pages, and swaps.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jinja2 import TemplateError

from .cache import (
    CACHE_DIR,
    BuildCache,
    CachedArticle,
    CachedSite,
    file_digest,
    listing_key,
    page_stat,
    parse_key,
    shared_digests,
)
from .cache import site_key as make_site_key
from .content import (
    SOURCES_FILE,
    Document,
    LoadedContent,
    _duplicate_slugs,
    load_content,
    load_shared_sources,
)
from .markdown.refs import LineFinder
from .output import MARKER, StagedSite
from .problems import BuildFailed, Problem, report_order, warning
from .resolve import Article
from .settings import Settings

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
    files: int
    warnings: list[Problem]
    written: bool  # False when the site on disk was already what this build would write


@dataclass(frozen=True)
class Plan:
    """Which articles the cache still holds, and which must be parsed or rendered again."""

    fresh: dict[str, CachedArticle]  # by article path
    jobs: list  # pages.PageJob
    parse_key: str
    site_key: str
    shared_digests: dict[str, str]


def check_site(settings: Settings) -> CheckedSite:
    """Load, parse and resolve every article; report every problem, render nothing."""
    from .pages import parse_and_resolve  # Markdown is imported only when something is parsed

    content = load_content(settings)
    problems = list(content.problems)
    articles = []
    for document in content.documents:
        article, found = parse_and_resolve(document, content, settings)
        articles.append(article)
        problems += found
    cited = {source.key for article in articles for source in article.sources}
    problems += _unused_shared_sources(content, cited, settings)
    return CheckedSite(_listing_order(articles), report_order(problems))


def build_site(settings: Settings, strict: bool = False, processes: int = 0,
               clean: bool = False, progress: Progress | None = None) -> BuildResult:
    """Check, then render and write what changed; raise BuildFailed and write nothing on errors.

    `processes` 0 means one per core; `clean` ignores (and then replaces) the cache.
    """
    cache = BuildCache.open(settings, clean)
    content = _load_shared_sources(settings)
    plan = plan_build(settings, cache, content)
    records = dict(plan.fresh)
    problems = content.problems + [p for record in plan.fresh.values() for p in record.problems]
    kept = [_page_name(record.listed) for record in plan.fresh.values() if record.page_stat]
    try:
        with SiteWriter(settings, kept, start=bool(plan.jobs)) as writer:
            for done, result in enumerate(_render_jobs(plan, settings, content, processes), 1):
                problems += result.problems
                _keep_result(result, plan, cache, writer, records)
                if progress:
                    progress(done, len(plan.jobs))
            problems = report_order(problems + _site_problems(records, content, settings))
            blocking = problems if strict else [p for p in problems if p.is_error]
            if blocking:
                raise BuildFailed(blocking)
            site = _finish_site(writer, records, plan, cache.site, settings)
        cache.save(records, site)
    finally:
        cache.store.close()
    published = sum(1 for record in records.values() if not record.listed.meta.draft)
    return BuildResult(published, len(plan.jobs), published + len(site.files),
                       [p for p in problems if not p.is_error], writer.staged is not None)


def _keep_result(result, plan: Plan, cache: BuildCache, writer: SiteWriter,
                 records: dict[str, CachedArticle]) -> None:
    """Write a rendered page and remember the article for the next build."""
    from .pages import stored_key

    if result.stored is not None:
        cache.store.put(result.path, stored_key(plan.parse_key, result.digest), result.stored)
    if result.article is not None:
        page = result.page and writer.write(_page_name(result.article), result.page)
        records[result.path] = _record(result, plan, page or None)


def _finish_site(writer: SiteWriter, records: dict[str, CachedArticle], plan: Plan,
                 cached: CachedSite | None, settings: Settings) -> CachedSite:
    """Index, feed, sitemap and static files: rendered only when what they show changed."""
    key = listing_key(plan.site_key, records)
    if cached and cached.key == key and writer.keep_all(cached.files):
        return cached
    articles = _listing_order([record.listed for record in records.values()])
    published = [article for article in articles if not article.meta.draft]
    files = _render_listings(published, settings) | collect_static(settings)
    return CachedSite(key, {name: page_stat(stat) for name, stat in writer.finish(files).items()})


def plan_build(settings: Settings, cache: BuildCache, content: LoadedContent) -> Plan:
    """Sort the article files into fresh (cached page still right) and jobs (work to do)."""
    from .pages import PageJob

    parse = parse_key(settings, content.shared_sources)
    site = make_site_key(parse, settings)
    digests = shared_digests(content.shared_sources)
    fresh: dict[str, CachedArticle] = {}
    jobs = []
    for path in sorted(settings.content.rglob("*.md")):
        name = path.relative_to(settings.root).as_posix()
        record = cache.records.get(name)
        parsed_ok = record is not None and _still_parses_the_same(record, path, parse, digests)
        if parsed_ok and record.site_key == site and _page_intact(record, settings.output):
            fresh[name] = record
        else:
            jobs.append(PageJob(name, reuse=record.digest if parsed_ok else None))
    return Plan(fresh, jobs, parse, site, digests)


def _still_parses_the_same(record: CachedArticle, path: Path, parse: str,
                           digests: dict[str, str]) -> bool:
    return (record.parse_key == parse
            and all(digests.get(key) == digest for key, digest in record.shared)
            and record.digest == file_digest(path.read_bytes()))


def _page_intact(record: CachedArticle, output: Path) -> bool:
    """The page in the current site is still the one the last build wrote."""
    if record.page_stat is None:
        return True  # a draft has no page
    return _stat_of(output / _page_name(record.listed)) == record.page_stat


def _render_jobs(plan: Plan, settings: Settings, content: LoadedContent, processes: int):
    if not plan.jobs:
        return iter(())
    from .pages import BuildContext, default_processes, render_pages

    context = BuildContext(settings, content, plan.shared_digests, plan.parse_key,
                           settings.root / CACHE_DIR / "articles.sqlite")
    return render_pages(plan.jobs, context, processes or default_processes())


def _record(result, plan: Plan, stat: os.stat_result | None) -> CachedArticle:
    return CachedArticle(
        digest=result.digest, parse_key=plan.parse_key, shared=result.shared,
        slug=result.article.slug, listed=result.article, listed_digest=result.listed_digest,
        problems=tuple(result.problems),
        site_key=plan.site_key, page_stat=page_stat(stat) if stat else None)


def _page_name(article: Article | CachedArticle) -> str:
    return f"{article.slug}/index.html"


class SiteWriter:
    """Stages the new site only once something differs from the current one.

    Unchanged pages are kept from the current site; a build with nothing to change writes
    nothing at all, after checking that the site holds exactly the expected files.
    """

    def __init__(self, settings: Settings, kept: list[str], start: bool) -> None:
        self.output = settings.output
        self.protected = [settings.root, settings.content, settings.templates, settings.static]
        self.kept = kept
        self.staged: StagedSite | None = None
        if start:
            self._start()

    def write(self, name: str, data: bytes) -> os.stat_result:
        return self._start().write(name, data)

    def keep_all(self, files: dict[str, tuple[int, int]]) -> bool:
        """Keep `files` from the current site if each is as the last build wrote it; without
        staging, only if the site holds nothing else either (then nothing is written)."""
        if not all(_stat_of(self.output / name) == stat for name, stat in files.items()):
            return False
        if self.staged is None:
            return self._present() == {*self.kept, *files, MARKER}
        for name in files:
            self.staged.keep(name)
        return True

    def finish(self, files: dict[str, bytes]) -> dict[str, os.stat_result]:
        """Write `files` too, unless the current site already is the whole result."""
        if self.staged is None and self._present() == {*self.kept, *files, MARKER} and all(
                _same_bytes(self.output / name, data) for name, data in files.items()):
            return {name: os.stat(self.output / name) for name in files}
        staged = self._start()
        return {name: staged.write(name, data) for name, data in sorted(files.items())}

    def _present(self) -> set[str]:
        return {
            Path(folder, name).relative_to(self.output).as_posix()
            for folder, _, names in os.walk(self.output) for name in names
        }

    def _start(self) -> StagedSite:
        if self.staged is None:
            self.staged = StagedSite(self.output, self.protected, reuse_spare=True)
            for name in self.kept:
                self.staged.keep(name)
        return self.staged

    def __enter__(self) -> SiteWriter:
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if self.staged is not None:
            self.staged.__exit__(kind, value, traceback)


def _stat_of(path: Path) -> tuple[int, int] | None:
    try:
        return page_stat(os.stat(path))
    except OSError:
        return None


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except OSError:
        return False


def collect_static(settings: Settings) -> dict[str, bytes]:
    from .assets import collect_static  # imports Pygments: only when static files are needed

    return collect_static(settings)


def _render_listings(articles: list[Article], settings: Settings) -> dict[str, bytes]:
    from .pages import environment, template_problem
    from .render import render_listings

    try:
        return render_listings(environment(settings), articles, settings)
    except TemplateError as exc:
        raise BuildFailed([template_problem(exc, settings)]) from exc


def _load_shared_sources(settings: Settings) -> LoadedContent:
    """content/sources.yaml alone: the articles are loaded by the jobs that need them."""
    problems: list[Problem] = []
    path = settings.content / SOURCES_FILE
    shared = load_shared_sources(path, settings, problems)
    return LoadedContent([], shared, path.relative_to(settings.root).as_posix(), problems)


def _site_problems(records: dict[str, CachedArticle], content: LoadedContent,
                   settings: Settings) -> list[Problem]:
    """Problems about articles together: clashing slugs, shared sources nobody cites."""
    documents = [Document(path, records[path].slug, records[path].listed.meta, "", 0)
                 for path in sorted(records, key=Path)]
    cited = {key for record in records.values() for key, _ in record.shared}
    return _duplicate_slugs(documents) + _unused_shared_sources(content, cited, settings)


def _listing_order(articles: list[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (-a.meta.date.value.timestamp(), a.slug))


def _unused_shared_sources(
    content: LoadedContent, cited: set[str | None], settings: Settings
) -> list[Problem]:
    unused = [key for key in content.shared_sources if key.lower() not in cited]
    if not unused:
        return []
    lines = LineFinder(_read(settings.root / content.shared_sources_path), 1)
    return [
        warning(content.shared_sources_path, lines.find(f"{key}:"),
                f"source '{key}' is never cited by any article",
                f"Cite it with [@{key}] or remove it")
        for key in unused
    ]


def _read(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
