"""The build, as a list of stages: load, parse what changed, check, render what changed, write.

Each stage is one function here taking and returning plain records (stage_data.py); the work
itself is in the packages they call: content/ loads (stage 1), article/ compiles one article
with markdown/'s extensions (stage 2, run as jobs.py's jobs across workers.py's processes),
the checks over all articles are here (stage 3), assemble.py has pages/ render what changed
(stage 4), and output/ writes the site (stage 5). incremental/'s `BuildState` says what is
outdated. `check_site` runs the same stages up to rendering, from a state that knows nothing
and is never saved, and writes nothing.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from datetime import UTC, datetime

from ..article.resolve import Article
from ..article.translations import check_translations
from ..content.discovery import article_paths, path_order
from ..content.document import Document, LoadedContent, duplicate_slugs, load_shared_sources
from ..content.image_places import image_clashes
from ..content.linefinder import LineFinder, read_text
from ..content.page_index import anchor_problems, build_page_index, day_of, unpublished_targets
from ..incremental import BuildState, CachedArticle
from ..outcome import BuildResult
from ..output.site_writer import SiteWriter
from ..problems import BuildFailed, Problem, report_order, warning
from ..settings import Settings, settings_warnings
from .assemble import assemble_site
from .jobs import BuildContext, JobState, ParseJob, load_slug, parse_file
from .stage_data import CheckedSite, Loaded, ParsedSite, Progress
from .workers import Workers


def build_site(settings: Settings, strict: bool = False, drafts: bool = False,
               processes: int = 0, clean: bool = False,
               progress: Progress | None = None) -> BuildResult:
    """Check, then render and write what changed; on errors raise BuildFailed, writing nothing.

    `processes` 0 means one per core; `clean` ignores (and then replaces) the cache.
    """
    with BuildState.open(settings, drafts, clean) as state:
        with SiteWriter(settings) as writer:  # refuses an unsafe output folder before any work
            loaded = load_changes(settings, state, processes)
            context = loaded.context
            with Workers(JobState, context, processes) as workers:
                parsed = parse_changed(loaded, state, workers, progress)
                del loaded  # its jobs hold the front matter of every file parsed: let it go
                checked = check_articles(parsed, context, drafts)
                refuse_problems(checked.problems, strict)
                assembled = assemble_site(checked, context, state, writer, workers, progress)
            writer.finish()
        result = build_result(checked, parsed.parsed | assembled.rendered, writer)
        state.finish(assembled.records, assembled.groups, checked.published,
                     first_due(checked.held), result)
    return result


def check_site(settings: Settings, processes: int = 0) -> CheckedSite:
    """The build's stages up to rendering, over every article (drafts too), writing nothing."""
    loaded = load_changes(settings, BuildState.empty(settings), processes)
    context = replace(loaded.context, keep_whole=True)
    with Workers(JobState, context, processes) as workers:
        parsed = parse_changed(loaded, None, workers, None)
    return check_articles(parsed, loaded.context, drafts=True)


def load_changes(settings: Settings, state: BuildState, processes: int) -> Loaded:
    """Stage 1, load: the shared sources and every article's slug; which files changed."""
    content = state.shared_content(functools.partial(load_shared_sources, settings))
    keys = state.begin(content)
    paths, found = article_paths(settings)  # the files content.load_content would read
    fresh, to_parse = state.outdated_articles(paths)
    context = BuildContext(settings=settings, content=content, keys=keys,
                           store=state.store.path)
    with Workers(JobState, context, processes) as workers:  # the slugs of the files to parse
        slugs = list(workers.map(load_slug, to_parse))
    originals = [(record.listed.slug, str(record.listed.meta.original_url))
                 for record in fresh.values() if record.listed.meta.original_url]
    originals += [(read.slug, read.original) for read in slugs if read.slug and read.original]
    days = [(path, day_of(record.listed.meta.date)) for path, record in fresh.items()]
    days += [(read.path, read.day) for read in slugs if read.slug]
    pages = build_page_index([(path, record.listed.slug) for path, record in fresh.items()]
                             + [(read.path, read.slug) for read in slugs if read.slug],
                             settings.content_dir, originals, settings.lang, days)
    stale = state.linking_to_changed(fresh, pages)
    jobs = [ParseJob(path=read.path, front=read.front) for read in slugs]
    return Loaded(context=replace(context, pages=pages),
                  fresh={p: r for p, r in fresh.items() if p not in stale},
                  to_parse=sorted(jobs + [ParseJob(path=path) for path in stale],
                                  key=lambda job: path_order(job.path)),
                  problems=content.problems + settings_warnings(settings) + found)


def parse_changed(loaded: Loaded, state: BuildState | None, workers: Workers,
                  progress: Progress | None) -> ParsedSite:
    """Stage 2, parse what changed, telling `state` of each article parsed (None: nobody)."""
    records = dict(loaded.fresh)
    problems = loaded.problems + [p for record in records.values() for p in record.problems]
    parsed, whole = set(), {}
    for done, result in enumerate(workers.map(parse_file, loaded.to_parse), 1):
        problems += result.problems
        if result.record is not None:
            records[result.path] = result.record
            parsed.add(result.path)
            if result.whole is not None:
                whole[result.path] = result.whole
            if state is not None and result.storable and result.row is not None:
                state.parsed(result.path, result.record, result.row)
        if progress:
            progress(done, len(loaded.to_parse))
    if state is not None:
        state.all_parsed()
    return ParsedSite(records=records, parsed=parsed, problems=problems, whole=whole)


def check_articles(parsed: ParsedSite, context: BuildContext, drafts: bool) -> CheckedSite:
    """Stage 3, check: the problems of the articles together; which are published."""
    records, now = parsed.records, datetime.now(UTC)
    published = [path for path in listing_paths(records)
                 if drafts or is_published(records[path].listed, now)]
    held = [records[path].listed for path in records.keys() - set(published)]
    problems = (parsed.problems + site_problems(records, context.content, context.settings)
                + unpublished_targets({p: records[p].page_links for p in published},
                                      set(published)))
    return CheckedSite(records=records, published=published, held=held,
                       problems=report_order(problems), whole=parsed.whole)


def refuse_problems(problems: list[Problem], strict: bool) -> None:
    """Stop the build on any error, or on any problem at all when `strict`."""
    blocking = problems if strict else [p for p in problems if p.is_error]
    if blocking:
        raise BuildFailed(blocking)


def build_result(checked: CheckedSite, changed: set[str], writer: SiteWriter) -> BuildResult:
    held_drafts = sum(article.meta.draft for article in checked.held)
    return BuildResult(articles=len(checked.published), changed=len(changed),
                       warnings=checked.warnings, written=writer.staged is not None,
                       drafts=held_drafts, future=len(checked.held) - held_drafts,
                       rewritten=frozenset(writer.rewritten))


def first_due(held: list[Article]) -> float | None:
    """When the first article held back for its date is published (drafts wait for an edit)."""
    return min((a.meta.date.value.timestamp() for a in held if not a.meta.draft), default=None)


def is_published(article: Article, now: datetime) -> bool:
    """Drafts and articles dated in the future wait, as in Hugo and Pelican."""
    return not article.meta.draft and article.meta.date.value <= now


def listing_order(articles: list[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (-a.meta.date.value.timestamp(), a.slug))


def listing_paths(records: dict[str, CachedArticle]) -> list[str]:
    order = {id(record.listed): path for path, record in records.items()}
    return [order[id(article)] for article in listing_order([r.listed for r in records.values()])]


def site_problems(records: dict[str, CachedArticle], content: LoadedContent,
                  settings: Settings) -> list[Problem]:
    """Problems about articles together: clashing slugs, unused sources, bad translations,
    two image files for one place."""
    paths = sorted(records, key=path_order)
    documents = [Document(path=path, slug=records[path].listed.slug,
                          meta=records[path].listed.meta, body="", body_line=0)
                 for path in paths]
    cited = {key for record in records.values() for key, _ in record.shared}
    return (duplicate_slugs(documents, settings.content_dir)
            + unused_shared_sources(content, cited, settings)
            + anchor_problems({path: records[path].page_links for path in paths},
                              {path: records[path].heading_ids for path in paths})
            + check_translations([records[path].listed for path in paths],
                                 lambda path: read_text(settings.root / path))
            + image_clashes([(path, records[path].listed.published_files) for path in paths]))


def unused_shared_sources(content: LoadedContent, cited: set[str],
                          settings: Settings) -> list[Problem]:
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
