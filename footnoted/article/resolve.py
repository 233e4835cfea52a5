"""Resolve, the end of parsing (stage 2): join each rendered body with what the editor declared.

The result, `Article`, is everything a template needs and nothing it has to compute.
Problems found here are about the content as a whole: lost links, unused declarations.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..content.archive_file import Archive
from ..content.document import Author, Document, FrontMatter, Related, SourceEntry
from ..content.found_file import Found, QuoteFound
from ..content.image_places import ImagePlaces, ImageRef
from ..content.known_sources import entry_for
from ..content.linefinder import LineFinder
from ..content.schema import Moment
from ..content.slugs import page_name
from ..content.source_label import host
from ..content.urls import with_text_fragment
from ..markdown.refs import Citation, CitedSource, RenderedBody, TocEntry
from ..problems import Problem, warning

LOST_FIX = "Find the original target (or an archived copy) and set its 'url:'"
LOST_HREF_FIX = "Find the original target (or an archived copy) and write it in the link"
LOST_KIND = "lost links"


@dataclass(frozen=True, kw_only=True, slots=True)
class Source:
    """One numbered entry of an article's Sources list."""

    number: int
    anchor: str  # id of the entry in the list
    key: str | None  # its key in front matter or sources.yaml; None for a bare URL
    url: str | None  # None when the link was lost
    title: str | None
    publisher: str | None
    author: str | None
    date: Moment | None
    accessed: Moment | None
    archived: str | None
    archived_date: Moment | None
    note: str | None
    lost: bool
    citations: tuple[Citation, ...]
    quote: str | None = None  # the passage the article relies on
    dead: bool = False  # the original is gone: the archived copy leads
    recovered: bool = False  # the link's target was lost and found again (`recover`)
    lang: str | None = None  # the source's language, when known
    quote_found: QuoteFound | None = None  # page, copy, both or nowhere; None: not checked

    @property
    def href(self) -> str | None:
        """The original, opened at the quoted passage (unless it was not found there)."""
        quote = self.quote if self.quote_found in (None, "page", "both") else None
        return with_text_fragment(self.url, quote) if self.url else None

    @property
    def archived_href(self) -> str | None:
        """The archived copy, opened at the quoted passage too (unless not found there)."""
        quote = self.quote if self.quote_found in (None, "copy", "both") else None
        return with_text_fragment(self.archived, quote) if self.archived else None

    @property
    def linked_words(self) -> list[str]:
        """The distinct words that linked to this source, in order: what a lost link said."""
        return list(dict.fromkeys(c.text for c in self.citations if c.text))


@dataclass(frozen=True, kw_only=True, slots=True)
class Article:
    """A page-ready article: the rendered body, and what is joined with it or derived from it."""

    slug: str  # the page's address below the site: `x`, `css/color` (slugs.py)
    path: str  # the Markdown file, relative to the project
    meta: FrontMatter
    body: RenderedBody  # what the Markdown stage made of the text: html, notes, headings...
    lang: str  # the front matter's, else the site's
    sources: list[Source]  # the body's cited sources, joined with what is declared of them
    summary: str  # the dek, or else the first paragraph as plain text
    reading_minutes: int
    lost_authors: list[Author]
    lost_related: list[Related]
    images: list[ImageRef] = field(default_factory=list)  # lead image first, then the text's
    shows_toc: bool = False  # the page shows the table of contents of its headings
    lead_image_src: str = ""  # the lead image's `src` on the page, when it has one

    @property
    def toc(self) -> tuple[TocEntry, ...]:
        """The headings, each holding its subheadings, when the page shows them."""
        return self.body.toc if self.shows_toc else ()

    @property
    def url(self) -> str:
        """The page's address relative to the site root."""
        return f"{self.slug}/"

    @property
    def published_files(self) -> list[ImageRef]:
        """The files of content/ its page shows or links to, which the site has copies of."""
        return self.images + self.body.linked_files

    @property
    def id_prefix(self) -> str:
        """What the ids its page makes itself start with: its slug's last part."""
        return page_name(self.slug)


def resolve_article(
    document: Document,
    body: RenderedBody,
    declared: Mapping[str, SourceEntry],
    default_lang: str,
    words_per_minute: int,
    file_lines: LineFinder,
    toc_default: bool = False,
    archive: Archive | None = None,
    places: ImagePlaces | None = None,
    facts: Found | None = None,
) -> tuple[Article, list[Problem]]:
    """The article page-ready; `places` finds its lead image's file; `facts` holds
    sources-found.yaml's records."""
    lead, found = _lead_image(document, file_lines, places or ImagePlaces())
    sources = [_source(cited, declared, archive or {}, facts or {}) for cited in body.sources]
    problems = _lost_link_warnings(document.path, sources)
    problems += _dead_link_warnings(document.path, sources)
    problems += _missing_quote_warnings(document.path, sources, file_lines)
    problems += _unused_declarations(document, sources, file_lines)
    problems += _lost_front_matter_links(document, file_lines) + found
    meta = document.meta
    article = Article(
        slug=document.slug,
        path=document.path,
        meta=meta,
        body=body,
        lang=meta.lang or default_lang,
        sources=sources,
        summary=meta.dek or body.excerpt,
        reading_minutes=max(1, math.ceil(body.word_count / words_per_minute)),
        lost_authors=[author for author in meta.authors if author.lost],
        lost_related=[item for item in meta.related if item.lost],
        images=lead + body.images,
        shows_toc=toc_default if meta.toc is None else meta.toc,
        lead_image_src=lead[0].url if lead else "",
    )
    return article, problems


def _lead_image(document: Document, file_lines: LineFinder, places: ImagePlaces
                ) -> tuple[list[ImageRef], list[Problem]]:
    image = document.meta.image
    if image is None or not image.src:
        return [], []
    located, problem = places.locate(document.path, document.slug,
                                     ImageRef(image.src, file_lines.find("src:")))
    return [located] if located else [], [problem] if problem else []


def _source(cited: CitedSource, declared: Mapping[str, SourceEntry], archive: Archive,
            facts: Found) -> Source:
    entry = entry_for(declared, archive, cited.key, cited.url, facts)
    url = None if entry.lost else entry.url
    return Source(
        number=cited.number,
        anchor=cited.anchor,
        key=cited.key,
        url=url,
        title=entry.title,
        publisher=entry.publisher or (host(url) if url else None),
        author=entry.author,
        date=entry.date,
        accessed=entry.accessed,
        archived=entry.archived,
        archived_date=entry.archived_date,
        note=entry.note,
        lost=entry.lost or not url,
        citations=cited.citations,
        quote=entry.quote,
        dead=entry.dead and bool(url),
        recovered=bool(entry.recovered_from) and bool(url),
        lang=entry.lang,
        quote_found=entry.quote_found if entry.quote else None,
    )


def _lost_link_warnings(path: str, sources: list[Source]) -> list[Problem]:
    return [
        warning(path, citation.line,
                f"{_what_cites(citation, source)} (source {source.number}) was not preserved",
                LOST_FIX if source.key else LOST_HREF_FIX, LOST_KIND)
        for source in sources if source.lost
        for citation in source.citations
    ]


def _dead_link_warnings(path: str, sources: list[Source]) -> list[Problem]:
    """Sources `links` found dead that have no archived copy to lead to."""
    return [
        warning(path, citation.line,
                f"{_what_cites(citation, source)} (source {source.number}) is dead and has no "
                "archived copy", "Run `python build.py archive --save`, set 'archived:' by "
                "hand, or cite another source")
        for source in sources if source.dead and not source.archived
        for citation in source.citations
    ]


def _missing_quote_warnings(path: str, sources: list[Source],
                            file_lines: LineFinder) -> list[Problem]:
    """Quotes `sources` looked for and found neither in the page nor in its archived copy."""
    return [
        warning(path, _quote_line(source, file_lines),
                f"the quote of source {source.number} ('{_shortened(source.quote)}') is found "
                "neither in the page nor in its archived copy",
                "Copy the words exactly from the source, or cite where they are",
                "quotes found nowhere")
        for source in sources if source.quote and source.quote_found == "nowhere"
    ]


def _quote_line(source: Source, file_lines: LineFinder) -> int:
    """The line of the quote in the front matter, else of the first citation (a quote
    declared in sources.yaml)."""
    start = (source.quote or "")[:40]
    if start and start in file_lines.text:
        return file_lines.find(start)
    return min((citation.line for citation in source.citations), default=0)


def _shortened(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _what_cites(citation: Citation, source: Source) -> str:
    return f"link '{citation.text}'" if citation.text else f"the source of [@{source.key}]"


def _unused_declarations(
    document: Document, sources: list[Source], file_lines: LineFinder
) -> list[Problem]:
    """Sources declared in this article's front matter that its text never cites."""
    cited = {source.key for source in sources}
    return [
        warning(document.path, file_lines.find(f"{key}:"),
                f"source '{key}' is declared but never cited",
                f"Cite it with [words][{key}] or [@{key}], or remove it",
                "sources declared but never cited")
        for key in document.meta.sources
        if key.lower() not in cited
    ]


def _lost_front_matter_links(document: Document, file_lines: LineFinder) -> list[Problem]:
    lost = [author.name for author in document.meta.authors if author.lost]
    lost += [item.title for item in document.meta.related if item.lost]
    return [
        warning(document.path, file_lines.find(text), f"link '{text}' was not preserved",
                LOST_FIX, LOST_KIND)
        for text in lost
    ]
