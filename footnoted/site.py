"""The build, as a list of stages: load, parse, resolve, render, write."""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

from .assets import collect_static
from .content import Document, LoadedContent, SourceEntry, load_content
from .images import image_files, image_problems
from .linefinder import LineFinder
from .markdown.convert import render_markdown
from .output import write_site
from .problems import BuildFailed, Problem, error, report_order, warning
from .render import render_site
from .resolve import Article, resolve_article
from .settings import Settings
from .translations import check_translations


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
    articles: int
    files: int
    bytes: int
    warnings: list[Problem]


def check_site(settings: Settings) -> CheckedSite:
    """Load, parse and resolve every article; report every problem, render nothing."""
    content = load_content(settings)
    problems = list(content.problems)
    articles = []
    for document in content.documents:
        article, found = parse_and_resolve(document, content, settings)
        articles.append(article)
        problems += found
    problems += _unused_shared_sources(content, articles, settings)
    problems += check_translations(articles, lambda path: _read(settings.root / path))
    articles.sort(key=lambda a: (-a.meta.date.value.timestamp(), a.slug))
    return CheckedSite(articles, report_order(problems))


def build_site(settings: Settings, strict: bool = False, drafts: bool = False) -> BuildResult:
    """Check, then render and write the site; on errors raise BuildFailed, writing nothing."""
    checked = check_site(settings)
    blocking = checked.problems if strict else checked.errors
    if blocking:
        raise BuildFailed(blocking)
    published = [a for a in checked.articles if drafts or is_published(a, datetime.now(UTC))]
    files = render_or_fail(published, settings)
    files.update(collect_static(settings))
    for article in published:
        files.update(image_files(article.slug, article.path, article.images, settings))
    write_site(files, settings.output, protected=_protected(settings))
    return BuildResult(len(published), len(files), sum(map(len, files.values())),
                       checked.warnings)


def is_published(article: Article, now: datetime) -> bool:
    """Drafts and articles dated in the future wait, as in Hugo and Pelican."""
    return not article.meta.draft and article.meta.date.value <= now


def parse_and_resolve(
    document: Document, content: LoadedContent, settings: Settings
) -> tuple[Article, list[Problem]]:
    declared, problems = _declared_sources(document, content)
    body = render_markdown(document.body, declared, document.slug, document.path,
                           document.body_line, document.meta.lang or settings.lang,
                           settings.allow_html)
    file_lines = LineFinder(_file_text(settings, document), 1)
    article, found = resolve_article(document, body, declared, settings.lang,
                                     settings.words_per_minute, file_lines)
    found += image_problems(document.path, article.images, settings)
    return article, problems + body.problems + found


def render_or_fail(articles: list[Article], settings: Settings) -> dict[str, bytes]:
    try:
        return render_site(articles, settings)
    except TemplateSyntaxError as exc:
        where = f"{settings.templates_dir}/{exc.name or exc.filename}"
        raise BuildFailed([error(where, exc.lineno, f"template error: {exc.message}",
                                 "Fix the template syntax on this line")]) from exc
    except TemplateNotFound as exc:
        where, line = _template_frame(exc, settings)
        raise BuildFailed([error(where, line, f"template '{exc.name}' does not exist",
                                 f"Check the name, or add it to {settings.templates_dir}/")]
                          ) from exc
    except TemplateError as exc:
        where, line = _template_frame(exc, settings)
        raise BuildFailed([error(where, line, f"template error: {exc}",
                                 "Check the variable names the template uses "
                                 "(README: Template variables)")]) from exc


def _template_frame(exc: Exception, settings: Settings) -> tuple[str, int]:
    """The innermost template line that was running: Jinja puts it in the traceback."""
    templates = settings.templates.resolve()
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        path = Path(frame.filename).resolve()
        if path.is_relative_to(templates):
            return f"{settings.templates_dir}/{path.relative_to(templates).as_posix()}", \
                frame.lineno or 0
    return settings.templates_dir, 0


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


def _unused_shared_sources(
    content: LoadedContent, articles: list[Article], settings: Settings
) -> list[Problem]:
    cited = {source.key for article in articles for source in article.sources}
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


def _file_text(settings: Settings, document: Document) -> str:
    return _read(settings.root / document.path)


def _read(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _protected(settings: Settings) -> dict[Path, str]:
    """Folders the site must never replace, by the name a message gives them."""
    return {settings.root: "the project folder",
            settings.content: f"{settings.content_dir}/",
            settings.templates: f"{settings.templates_dir}/",
            settings.static: f"{settings.static_dir}/"}
