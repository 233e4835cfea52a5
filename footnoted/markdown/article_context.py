"""The article being converted, as every extension sees it.

One converter serves many articles (convert.py): its extensions are made once, with what is
the same for every article of a language (the words they write, the allowed HTML), and
`md.reset()` clears their state between articles. What differs per article is one
`ArticleContext`, which the converter sets as `md.article` before each conversion; each
extension takes from it what it needs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from markdown import Markdown
from markdown.extensions import Extension

from ..content.archive_file import Archive
from ..content.document import SourceEntry
from ..content.found_file import Found
from ..content.image_places import ImagePlaces
from ..content.linefinder import LineFinder
from ..content.page_index import PageIndex
from ..content.slugs import page_name


@dataclass(frozen=True, kw_only=True)
class ArticleContext:
    """What the extensions know of one article besides its text."""

    slug: str = "article"  # its page's address: links and images are made relative to it
    path: str = ""  # its file, for problem reports
    # its body and the file line it starts on: finds the line of Markdown text, for reports
    lines: LineFinder = field(default_factory=lambda: LineFinder("", 1))
    declared: Mapping[str, SourceEntry] = field(default_factory=dict)  # by lower-case key
    archive: Archive = field(default_factory=dict)  # archive.yaml's records, for bare URLs
    found: Found = field(default_factory=dict)  # sources-found.yaml's, for bare URLs
    pages: PageIndex = field(default_factory=PageIndex)  # the site's articles, links' targets
    places: ImagePlaces = field(default_factory=ImagePlaces)  # the folders files may come from
    # its own values by name (the text values under `extra`), for another generator's tags
    # naming them in paths: `{{ page.image }}`
    variables: Mapping[str, str] = field(default_factory=dict)

    @property
    def id_prefix(self) -> str:
        """What the ids its page makes start with, unique per article on a page."""
        return page_name(self.slug)

    @property
    def first_line(self) -> int:
        """The file line of the body's first line."""
        return self.lines.first_line


class ArticleExtension(Extension):
    """An extension that reads the article being converted from `md.article`."""

    md: Markdown

    def register(self, md: Markdown) -> None:
        """Register with `md` (so that its `reset()` runs) and read the article from it; a
        Markdown instance that no converter has set an article on converts a nameless one."""
        md.registerExtension(self)
        self.md = md
        if not hasattr(md, "article"):
            md.article = ArticleContext()

    @property
    def article(self) -> ArticleContext:
        return self.md.article
