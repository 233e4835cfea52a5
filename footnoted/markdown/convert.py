"""Stage 2, compile: one article body, Markdown in, `RenderedBody` out."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Mapping

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..content.archive_file import Archive
from ..content.document import SourceEntry
from ..content.found_file import Found
from ..content.image_places import ImagePlaces
from ..content.languages import translate
from ..content.page_index import PageIndex
from ..problems import error
from .allowed_html import DEFAULT_SETTING
from .article_context import ArticleContext
from .brackets import LinearBracketsExtension
from .code_blocks import CodeLabels
from .fences import fences_extension
from .filelinks import FileLinksExtension
from .glossary import GlossaryExtension
from .headings import HeadingsExtension
from .images import ImagesExtension
from .list_indent import ListIndentExtension
from .nesting import NestingLimitExtension
from .notes import NotesExtension
from .pagelinks import PageLinksExtension
from .punctuation import PunctuationExtension
from .raw_html import RawHtmlExtension
from .refs import LineFinder, RenderedBody, plain_text, reader_text, stashed_as_text
from .sidenotes import SIDENOTES_CLASS, SidenotesExtension, quote_marks
from .site_paths import SitePathsExtension
from .sources import SourcesExtension

PYGMENTS_CLASS = "highlight"  # the CSS class the generated Pygments stylesheets target


def render_markdown(
    text: str,
    declared: Mapping[str, SourceEntry],
    slug: str,
    path: str = "",
    first_line: int = 1,
    lang: str = "en",
    allow_html: tuple[str, ...] = DEFAULT_SETTING,
    pages: PageIndex | None = None,
    archive: Archive | None = None,
    converters: Converters | None = None,
    places: ImagePlaces | None = None,
    found: Found | None = None,
    variables: Mapping[str, str] | None = None,
) -> RenderedBody:
    """Render one body. `declared` maps lower-case source keys to their entries; `slug` is
    the address of its page (links and images are made relative to it, and its last part
    starts the page's own ids);
    `allow_html` is the site's setting: which raw HTML elements articles may use; `pages`
    finds the other articles that links point to; `archive` holds content/archive.yaml's
    records, for links to undeclared URLs, and `found` sources-found.yaml's; `variables` the
    article's own text values by name (template tags naming them); `converters`
    are the caller's to reuse (a new converter otherwise); `places` finds the image files."""
    converters = converters if converters is not None else Converters()
    # A converter that stopped halfway may hold part of that article: only one that finished
    # is used again.
    converter = converters.idle.pop((lang, allow_html), None) or Converter(lang, allow_html)
    try:
        body = converter.render(text, declared, slug, path, first_line,
                                pages or PageIndex(), archive, places, found, variables)
    except RecursionError:  # nesting the line-by-line limit cannot see; never a crash
        return _unreadable(path, first_line)
    converters.idle[(lang, allow_html)] = converter
    return body


class Converters:
    """The converters a process keeps between articles, by language and allow_html."""

    def __init__(self) -> None:
        self.idle: dict[tuple[str, tuple[str, ...]], Converter] = {}


class Converter:
    """One Markdown instance with our extensions, for every article in one language.

    Making a `Markdown` instance with a dozen extensions cost a fifth of converting an
    article (3.1 against 2.4 ms), so it is made once and `reset()` between articles: each
    extension's state is cleared by its registered `reset()`, and what differs per article
    (its file, address, sources...) is one `ArticleContext`, set as `md.article`.
    """

    def __init__(self, lang: str, allow_html: tuple[str, ...]) -> None:
        self.sources = SourcesExtension()
        self.notes = NotesExtension()
        self.glossary = GlossaryExtension()
        self.images = ImagesExtension(not_loaded=translate(lang, "image_not_loaded"))
        self.summary = SummaryExtension()
        self.nesting = NestingLimitExtension()
        self.page_links = PageLinksExtension()
        self.file_links = FileLinksExtension()
        self.site_paths = SitePathsExtension()
        self.headings = HeadingsExtension((self.sources, self.notes, self.glossary))
        self.code_labels = CodeLabels(translate(lang, "code"))
        self.raw_html = RawHtmlExtension(allow_html=allow_html, code_labels=self.code_labels,
                                         not_loaded=translate(lang, "embed_not_loaded"))
        self.md = Markdown(
            extensions=[
                fences_extension(PYGMENTS_CLASS),
                ListIndentExtension(),
                "tables",
                "sane_lists",
                PunctuationExtension(lang=lang),
                "codehilite",
                self.site_paths,
                self.page_links,
                self.file_links,
                self.sources,
                self.notes,
                self.glossary,
                self.images,
                self.headings,
                SidenotesExtension(self.sources, self.notes,
                                   lost_label=translate(lang, "link_lost"),
                                   archived_label=translate(lang, "archived_link"),
                                   gone_label=translate(lang, "original_gone_short"),
                                   quote_marks=quote_marks(lang),
                                   lang=lang),
                self.summary,
                self.raw_html,
                self.nesting,
                LinearBracketsExtension(),
            ],
            extension_configs={
                "codehilite": {"css_class": PYGMENTS_CLASS, "guess_lang": False,
                               "pygments_formatter": self.code_labels.formatter},
            },
            output_format="html",
        )

    def render(self, text: str, declared: Mapping[str, SourceEntry], slug: str,
               path: str, first_line: int, pages: PageIndex | None = None,
               archive: Archive | None = None, places: ImagePlaces | None = None,
               found: Found | None = None, variables: Mapping[str, str] | None = None
               ) -> RenderedBody:
        self.md.reset()
        self.code_labels.reset()
        self.md.article = ArticleContext(
            slug=slug, path=path, lines=LineFinder(text, first_line), declared=declared,
            archive=archive or {}, found=found or {}, pages=pages or PageIndex(),
            places=places or ImagePlaces(), variables=variables or {})
        html = self.md.convert(text)
        return RenderedBody(
            html=html,
            sources=self.sources.state.sources,
            notes=self.notes.state.notes,
            glossary=self.glossary.state.entries,
            excerpt=self.summary.excerpt,
            word_count=self.summary.word_count,
            problems=(self.nesting.problems + self.sources.state.problems
                      + self.notes.state.problems + self.images.state.problems
                      + self.headings.state.problems + self.page_links.state.problems
                      + self.file_links.state.problems
                      + self.raw_html.problems),
            images=self.images.state.images,
            linked_files=self.file_links.state.files,
            looked_for=tuple(sorted(set(self.file_links.state.looked_for))),
            text=self.summary.text,
            has_code=_has_highlighted_code(self.md),
            toc=self.headings.state.toc,
            anchors=self.headings.state.anchors,
            heading_ids=self.headings.state.heading_ids,
            page_links=tuple(self.page_links.state.page_links),
            lookups=tuple(sorted(self.page_links.state.lookups.items())),
        )


def _unreadable(path: str, first_line: int) -> RenderedBody:
    problem = error(path, first_line, "the text is nested too deeply to read",
                    "Flatten deeply nested quotes, lists, brackets or emphasis")
    return RenderedBody(html="", sources=[], notes=[], glossary=[], excerpt="", word_count=0,
                        text="", has_code=False, problems=[problem])


def _has_highlighted_code(md: Markdown) -> bool:
    """Code reaches the page only through the stash, as Pygments' HTML: never as tree nodes.
    The article's own raw HTML is taken out of the stash when it is sanitised (raw_html.py),
    so everything left there was made by our converter."""
    return any(f'class="{PYGMENTS_CLASS}"' in str(block) for block in md.htmlStash.rawHtmlBlocks)


class SummaryExtension(Extension):
    """Measures the finished body: the feed's excerpt and the reading time come from here."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.reset()

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # 5: after the markers (12, 13), glossary (11) and sidenotes (10.5), so their text
        # can be left out.
        md.treeprocessors.register(SummaryTreeprocessor(md, self), "footnoted_summary", 5)

    def reset(self) -> None:
        self.excerpt = ""
        self.word_count = 0
        self.text = ""


class SummaryTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, owner: SummaryExtension) -> None:
        super().__init__(md)
        self.owner = owner

    def run(self, root: etree.Element) -> None:
        blocks = ["".join(reader_text(child)) for child in root if _is_text(child)]
        text = " ".join(" ".join(blocks).split())
        self.owner.word_count = len(text.split())
        self.owner.text = self.plain(stashed_as_text(self.md, text))  # what search indexes
        first = root.find("p")
        if first is not None:
            self.owner.excerpt = self.plain(" ".join("".join(reader_text(first)).split()))

    def plain(self, text: str) -> str:
        return plain_text(self.md, text)


def _is_text(block: etree.Element) -> bool:
    """Not the notes' holder, nor the margin copies of sources and notes."""
    return block.tag != "footnoted-notes" and block.get("class") != SIDENOTES_CLASS
