"""Resolve, the end of parsing (stage 2): join each rendered body with what the editor declared.

The result, `Article`, is everything a template needs and nothing it has to compute.
Problems found here are about the content as a whole: lost links, unused declarations.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..content.archive_file import Archive
from ..content.document import Author, Document, FrontMatter, Related, SourceEntry
from ..content.image_places import ImagePlaces, ImageRef
from ..content.known_sources import entry_for
from ..content.linefinder import LineFinder
from ..content.schema import Moment
from ..content.slugs import page_name
from ..content.urls import with_text_fragment
from ..markdown.refs import Citation, CitedSource, GlossaryEntry, RenderedBody
from ..problems import Problem, warning

LOST_FIX = "Find the original target (or an archived copy) and set its 'url:'"
LOST_HREF_FIX = "Find the original target (or an archived copy) and write it in the link"
LOST_KIND = "lost links"


@dataclass(frozen=True)
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

    @property
    def href(self) -> str | None:
        """The original, opened at the quoted passage."""
        return with_text_fragment(self.url, self.quote) if self.url else None

    @property
    def archived_href(self) -> str | None:
        """The archived copy, opened at the quoted passage too."""
        return with_text_fragment(self.archived, self.quote) if self.archived else None

    @property
    def linked_words(self) -> list[str]:
        """The distinct words that linked to this source, in order: what a lost link said."""
        return list(dict.fromkeys(c.text for c in self.citations if c.text))


@dataclass(frozen=True)
class Article:
    """A page-ready article."""

    slug: str  # the page's address below the site: `x`, `css/color` (slugs.py)
    path: str  # the Markdown file, relative to the project
    meta: FrontMatter
    lang: str
    body_html: str
    has_code: bool  # the page needs the Pygments stylesheet
    sources: list[Source]
    notes: list  # RenderedNote
    glossary: list[GlossaryEntry]
    summary: str  # the dek, or else the first paragraph as plain text
    text: str  # the body as plain text, for the search index
    reading_minutes: int
    lost_authors: list[Author]
    lost_related: list[Related]
    images: list[ImageRef] = field(default_factory=list)  # lead image first, then the text's
    linked_files: list[ImageRef] = field(default_factory=list)  # files its links publish
    looked_for: tuple[str, ...] = ()  # files its links named that were not there (cache)
    toc: tuple = ()  # markdown.headings.TocEntry, when the table of contents is shown
    heading_ids: frozenset[str] = frozenset()  # ids of its headings, for links from others
    page_links: tuple = ()  # pageindex.PageLink: its links to other articles
    lookups: tuple[tuple[str, str | None], ...] = ()  # the other articles' slugs it used
    lead_image_src: str = ""  # the lead image's `src` on the page, when it has one

    @property
    def url(self) -> str:
        """The page's address relative to the site root."""
        return f"{self.slug}/"

    @property
    def published_files(self) -> list[ImageRef]:
        """The files of content/ its page shows or links to, which the site has copies of."""
        return self.images + self.linked_files

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
) -> tuple[Article, list[Problem]]:
    """The article page-ready; `places` finds its lead image's file."""
    lead, found = _lead_image(document, file_lines, places or ImagePlaces())
    sources = [_source(cited, declared, archive or {}) for cited in body.sources]
    problems = _lost_link_warnings(document.path, sources)
    problems += _dead_link_warnings(document.path, sources)
    problems += _unused_declarations(document, sources, file_lines)
    problems += _lost_front_matter_links(document, file_lines) + found
    meta = document.meta
    article = Article(
        slug=document.slug,
        path=document.path,
        meta=meta,
        lang=meta.lang or default_lang,
        body_html=body.html,
        has_code=body.has_code,
        sources=sources,
        notes=body.notes,
        glossary=body.glossary,
        summary=meta.dek or body.excerpt,
        text=body.text,
        reading_minutes=max(1, math.ceil(body.word_count / words_per_minute)),
        lost_authors=[author for author in meta.authors if author.lost],
        lost_related=[item for item in meta.related if item.lost],
        images=lead + body.images,
        linked_files=body.linked_files,
        looked_for=body.looked_for,
        toc=body.toc if (toc_default if meta.toc is None else meta.toc) else (),
        heading_ids=body.heading_ids,
        page_links=body.page_links,
        lookups=body.lookups,
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


def _source(cited: CitedSource, declared: Mapping[str, SourceEntry], archive: Archive) -> Source:
    entry = entry_for(declared, archive, cited.key, cited.url)
    url = None if entry.lost else entry.url
    return Source(
        number=cited.number,
        anchor=cited.anchor,
        key=cited.key,
        url=url,
        title=entry.title,
        publisher=entry.publisher or (_host(url) if url else None),
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
    )


def _host(url: str) -> str | None:
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


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
