"""Compile one article: its Markdown parsed with footnoted's extensions and joined with its
sources, images and linked files, as the `Article` every page of it is made from.

This is the heart of stage 2; build/jobs.py runs it as a job in any process.
"""

from __future__ import annotations

from ..content.document import Document, LoadedContent
from ..content.image_places import ImagePlaces, image_problems
from ..content.known_sources import DeclaredSources, SharedSources
from ..content.linefinder import LineFinder
from ..content.page_index import PageIndex
from ..markdown.convert import Converters, render_markdown
from ..problems import Problem, error
from ..settings import Settings
from .resolve import Article, resolve_article


def parse_and_resolve(
    document: Document, content: LoadedContent, settings: Settings, pages: PageIndex,
    converters: Converters | None = None, shared: SharedSources | None = None,
) -> tuple[Article, list[Problem]]:
    """One article, parsed and joined with its sources; `converters` to reuse, if any, and
    `shared`, content's shared sources made ready once for every article (else made here)."""
    shared = shared if shared is not None else SharedSources(content.shared_sources,
                                                             content.archive, content.found)
    declared, problems = _declared_sources(document, content, shared)
    places = ImagePlaces.of(settings)
    body = render_markdown(document.body, declared, document.slug, document.path,
                           document.body_line, document.meta.lang or settings.lang,
                           settings.allow_html, pages, content.archive, converters, places,
                           content.found, _variables(document))
    file_lines = LineFinder(document.text, 1)
    article, found = resolve_article(document, body, declared, settings.lang,
                                     settings.words_per_minute, file_lines, settings.toc,
                                     content.archive, places, content.found)
    found += image_problems(document.path, article.published_files, settings)
    return article, problems + body.problems + found


def _variables(document: Document) -> dict[str, str]:
    """The article's own text values by name, for another generator's tags naming them
    (`{{ page.image }}`): those under `extra`, where an adapted front matter keeps its keys."""
    return {name: value for name, value in document.meta.extra.items()
            if isinstance(value, str)}


def _declared_sources(
    document: Document, content: LoadedContent, shared: SharedSources
) -> tuple[DeclaredSources, list[Problem]]:
    """Shared sources plus the article's own, by lower-case key; a key in both is an error."""
    own = document.meta.sources
    problems, seen = [], set()
    for key in own:
        if key.lower() in shared.entries or key.lower() in seen:
            problems.append(error(document.path, 0,
                                  f"source '{key}' is declared here and in "
                                  f"{content.shared_sources_path}",
                                  "Rename one of them, or keep only the shared one"))
        seen.add(key.lower())
    problems += [_needs_url(document.path, key) for key, entry in own.items()
                 if not entry.url and not entry.lost]
    return DeclaredSources(own, shared, content.archive, content.found), problems


def _needs_url(path: str, key: str) -> Problem:
    return error(path, 0, f"source '{key}' has neither 'url:' nor 'lost: true'",
                 "Give its address, or mark it lost if the original link was not preserved")

