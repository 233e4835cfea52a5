"""What the Markdown stage hands back, and the note markers shared by sources and notes.

Inline processors cannot number anything: they do not run in document order. They leave a
placeholder element; a tree processor that walks the finished tree in document order turns
each placeholder into a numbered marker.
"""

from __future__ import annotations

import bisect
import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from markdown import Markdown, util
from markdown.blockprocessors import BlockProcessor
from markdown.util import AMP_SUBSTITUTE

from ..content.image_places import ImageRef
from ..content.linefinder import LineFinder
from ..content.page_index import PageLink
from ..content.text_clean import xml_safe
from ..problems import Problem, error, warning
from .article_context import ArticleExtension

PLACEHOLDER = "footnoted-ref"  # never reaches the output: every one becomes a marker


@dataclass(frozen=True, slots=True)
class Citation:
    """One place in the text that cites a source or calls a note."""

    ref_id: str  # id of the marker, target of the back-link
    text: str  # the linked words; empty for a bare citation like [@key]
    line: int  # line in the article file


@dataclass(frozen=True)
class CitedSource:
    """A source as the text uses it, numbered by its first citation."""

    number: int
    anchor: str  # id of its entry in the Sources list
    key: str | None  # its key in front matter or sources.yaml, if declared
    url: str | None  # the link target, for sources known only by their URL
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class RenderedNote:
    """An editorial note [^label], lettered by its first reference."""

    label: str
    marker: str  # a, b, c ...
    anchor: str
    html: str  # the note's content, already rendered
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class GlossaryEntry:
    """An editor's definition of a term, linked from the term's first use."""

    term: str
    definition: str
    anchor: str  # id of the entry in the glossary list
    ref_id: str | None  # id of the linked first use; None when the text never uses the term


@dataclass(frozen=True)
class TocEntry:
    """One heading of the article, with the headings below it."""

    level: int  # 1-6
    anchor: str  # the heading's id
    text: str  # its words, without markers
    children: tuple[TocEntry, ...] = ()


@dataclass(frozen=True, kw_only=True)
class RenderedBody:
    """Everything the Markdown stage found in one article body."""

    html: str
    sources: list[CitedSource]  # in order of first citation
    notes: list[RenderedNote]  # in order of first reference
    glossary: list[GlossaryEntry]
    excerpt: str  # plain text of the first paragraph, without note markers
    word_count: int
    text: str  # the body as plain text, without note markers: what search indexes
    has_code: bool  # holds a highlighted code block, so the page needs the Pygments styles
    problems: list[Problem]
    images: list[ImageRef] = field(default_factory=list)  # in document order
    linked_files: list[ImageRef] = field(default_factory=list)  # files its links publish
    looked_for: tuple[str, ...] = ()  # files its links named that were not there
    toc: tuple[TocEntry, ...] = ()  # the headings, each holding its subheadings
    anchors: frozenset[str] = frozenset()  # every id on the article's page a link may target
    heading_ids: frozenset[str] = frozenset()  # the ids of its headings (with their second ids)
    page_links: tuple[PageLink, ...] = ()  # links to other articles, for their #parts
    lookups: tuple[tuple[str, str | None], ...] = ()  # PageIndex look-ups and their answers


class MarkerExtension(ArticleExtension):
    """What the extensions that report problems as they go share: `state` (the subclass's),
    which `reset()` clears between articles, holds `problems`."""

    state: Any

    def fail(self, needle: str, message: str, fix: str = "", occurrence: int = 0,
             line: int | None = None) -> None:
        """An error at `line`, or else at the `occurrence`-th line holding `needle`."""
        line = self.article.lines.find(needle, occurrence) if line is None else line
        self.state.problems.append(error(self.article.path, line, message, fix))

    def warn(self, needle: str, message: str, fix: str = "", line: int | None = None,
             kind: str = "") -> None:
        """A warning at `line`, or else at the first line holding `needle`; a build reports
        those of one `kind` together."""
        line = self.article.lines.find(needle) if line is None else line
        self.state.problems.append(warning(self.article.path, line, message, fix, kind))


class DefinitionProcessor(BlockProcessor):
    """A block processor that takes definitions matching `DEFINITION_RE` out of the flow,
    for the extension `ext` that keeps them (notes, glossary terms)."""

    DEFINITION_RE: re.Pattern

    def __init__(self, parser, ext) -> None:
        super().__init__(parser)
        self.ext = ext

    def test(self, parent: etree.Element, block: str) -> bool:
        return bool(self.DEFINITION_RE.search(block))


class FirstUse:
    """Numbers what the text cites by first citation, and keeps every citation's place."""

    def __init__(self) -> None:
        self.citations: dict[str, list[Citation]] = {}  # in order of first citation
        self.numbers: dict[str, int] = {}  # a list's index() would make long texts quadratic

    def cite(self, key: str, anchor: str, text: str, line: int) -> tuple[int, str]:
        """Record one citation of `key`; return its number and its marker's id."""
        uses = self.citations.setdefault(key, [])
        number = self.numbers.setdefault(key, len(self.numbers) + 1)
        ref_id = f"{anchor}-ref-{len(uses) + 1}"
        uses.append(Citation(ref_id, text, line))
        return number, ref_id


def placeholder(kind: str, key: str, needle: str) -> etree.Element:
    """A stand-in for a marker; `needle` is raw Markdown text that locates it in the file."""
    return etree.Element(PLACEHOLDER, {"kind": kind, "key": key, "needle": needle})


def placeholders(root: etree.Element, kind: str) -> Iterator[etree.Element]:
    # A list first: callers replace placeholders while iterating.
    return iter([el for el in root.iter(PLACEHOLDER) if el.get("kind") == kind])


def make_marker(ref: etree.Element, parents: dict, label: str, href: str, ref_id: str,
                index: int | None = None) -> None:
    """Turn placeholder `ref` (at `index` among its parent's children, when known) into
    `<sup><a role=doc-noteref>label</a></sup>`, keeping its tail."""
    parent = parents[ref]
    link = etree.Element("a", {"class": "noteref", "href": f"#{href}", "id": ref_id,
                               "role": "doc-noteref"})
    link.text = label
    if parent.tag == "sup":  # already in a citation group: [@a; @b]
        replacement = link
    else:
        replacement = etree.Element("sup")
        replacement.append(link)
    replacement.tail = ref.tail
    parent[list(parent).index(ref) if index is None else index] = replacement


def parent_map(root: etree.Element) -> dict[etree.Element, etree.Element]:
    return {child: parent for parent in root.iter() for child in parent}


def letters(number: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa: markers for editorial notes, distinct from source numbers."""
    text = ""
    while number:
        number, rest = divmod(number - 1, 26)
        text = chr(ord("a") + rest) + text
    return text


class Occurrences:
    """Finds the file line of each marker's needle, markers coming in document order.

    The search resumes after the previous marker, so a long article costs one pass over its
    text; only when the walk jumps back (to the notes, defined further up) does a needle get
    searched from its own previous occurrence.
    """

    def __init__(self, lines: LineFinder) -> None:
        self.lines = lines
        self.cursor = 0  # just after where the previous marker was found
        self.latest: dict[str, int] = {}  # needle -> position of its latest occurrence
        self.missing: set[str] = set()  # needles the text does not hold (searched once)

    def line(self, needle: str) -> int:
        position = self.position(needle)
        if position < 0:
            return self.lines.first_line
        return self.lines.first_line + bisect.bisect_right(self.lines.line_starts, position) - 1

    def position(self, needle: str) -> int:
        if needle in self.missing:
            return -1
        text = self.lines.text
        position = text.find(needle, self.cursor)
        if position < 0:
            position = text.find(needle, self.latest.get(needle, -1) + 1)
        if position < 0:
            if needle not in self.latest:
                self.missing.add(needle)
            return self.latest.get(needle, -1)
        self.latest[needle] = position
        self.cursor = position + 1
        return position


def reader_text(element: etree.Element) -> list[str]:
    """The pieces of text a reader sees in `element`, without note and source markers."""
    if element.tag in ("sup", PLACEHOLDER):
        return []
    parts = [element.text or ""]
    for child in element:
        parts += reader_text(child)
        parts.append(child.tail or "")
    return parts


def link_words(md: Markdown, element: etree.Element) -> str:
    """A link's words on one line (a link may be wrapped across lines in the file), with what
    Python-Markdown stashed away (`&amp;`, escapes) as characters, not placeholders."""
    return plain_text(md, " ".join("".join(element.itertext()).split()))


def plain_text(md: Markdown, text: str) -> str:
    """Resolve what smarty and escaping stashed away (curly quotes, dashes, backslash
    escapes, which 'unescape' (0) would restore only after this) to characters: a
    placeholder in a summary would reach feeds and listings."""
    if util.STX not in text:  # every placeholder opens with it: the passes would change nothing
        return xml_safe(html.unescape(text))
    for processor in md.postprocessors:
        text = processor.run(text)
    return xml_safe(md.treeprocessors["unescape"].unescape(html.unescape(text)))


_STASHED = re.compile(re.escape(util.HTML_PLACEHOLDER).replace("%s", r"(\d+)"))


def stashed_as_text(md: Markdown, text: str) -> str:
    """What Python-Markdown stashed as HTML (code blocks, which Pygments marks up) as the
    text a reader sees of it: its words are searchable, its markup (`class`, `span`, the
    token classes) never."""
    if util.STX not in text:
        return text
    blocks = md.htmlStash.rawHtmlBlocks
    return _STASHED.sub(lambda found: f" {html_text(str(blocks[int(found[1])]))} ", text)


def html_text(markup: str) -> str:
    """The text of an HTML fragment, without its tags and attributes."""
    parser = _TextOnly()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def href_as_written(url: str) -> str:
    """An email autolink's href is hidden from harvesters as character references behind
    Python-Markdown's placeholder for `&` (`mailto:` spelled `&#109;&#97;...`): the address
    itself, for the extensions that decide what a link is."""
    if AMP_SUBSTITUTE not in url:
        return url
    return html.unescape(url.replace(AMP_SUBSTITUTE, "&"))
