"""Raw HTML in an article: sanitised and built into the tree, never printed as tag text.

    <aside>Tip: press <kbd>Ctrl</kbd>+<kbd>C</kbd>.</aside>
    <iframe title="A demo" src="demos/basic/"></iframe>

Block fragments (html_blocks.py) and inline tags (Python-Markdown's own pattern) are stashed
raw while Markdown is parsed; then every element holding them is rebuilt from its pieces by
nh3 with the site's allowlist (allowed_html.py, html_tree.py). What comes out is ordinary
tree nodes, so links inside raw HTML become numbered sources, their URLs pass urls.py, the
quotes in their text are made typographic while tag text never is (it is gone), and the
summary and search see the words. An `iframe`, `video`, `audio`, `embed` or `object` never
loads: it becomes a link to its address, saying so.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.inlinepatterns import HTML_RE, HtmlInlineProcessor
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from ..content.urls import is_external, untag_site_paths
from ..problems import Problem, warning
from .allowed_html import DEFAULT_SETTING, EMBED_ELEMENTS, PHRASING_ELEMENTS, allowed_elements
from .article_context import ArticleExtension
from .code_blocks import CODE_REGION, CodeLabels
from .html_blocks import HtmlBlockPreprocessor
from .html_tree import Piece, Raw, Sanitiser, remove_keeping_tail, unsafe_urls
from .notes import CONTAINER as NOTES_CONTAINER
from .raw_ids import RawIdsTreeprocessor

_STASHED = re.compile("\x02([^\x02\x03]*)\x03")  # any of Python-Markdown's placeholders
_STASH_INDEX = re.compile(r"wzxhzdk:(\d+)")
TEXT_MARKER = "footnoted-text"  # holds a placeholder of Python-Markdown's through nh3
PHRASING_PARENTS = frozenset(("p", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "summary",
                              "caption", "figcaption", "th")) | PHRASING_ELEMENTS
CODE_ELEMENTS = frozenset(("code", "kbd", "pre", "samp"))  # text typed, kept as typed
# Elements whose content must be phrasing: a block inside one is invalid HTML.
PHRASING_ONLY = PHRASING_ELEMENTS | {"p", "h1", "h2", "h3", "h4", "h5", "h6", "pre"}
EMBED_CLASS = "embed-not-loaded"
# Python-Markdown's inline tag, whose quoted attribute values may also hold template tags
# with quotes of their own, as a migrated site writes its paths: `<img src="{{ "/a.png" |
# url }}">` is a tag (`take` reads the path), not text. A version of Python-Markdown that
# writes its quoted values otherwise keeps its own pattern.
_TEMPLATED = r"\{\{(?:(?!\}\}).)*\}\}"
RAW_TAG_RE = HTML_RE.replace('"[^"]*+"', f'"(?:{_TEMPLATED}|[^"])*+"').replace(
    "'[^']*+'", f"'(?:{_TEMPLATED}|[^'])*+'")
# A video or sound file beside the article is published and played, with the reader's
# controls and never by itself (no autoplay); one from elsewhere stays a link.
PLAYERS = frozenset(("audio", "video"))


class RawHtmlExtension(ArticleExtension):
    def __init__(self, **kwargs) -> None:
        self.config = {
            "allow_html": [DEFAULT_SETTING, "The allow_html setting (allowed_html.py)"],
            "not_loaded": ["embedded content, not loaded", "Said after the link that stands "
                           "for an iframe or video, in the article's language"],
            "code_labels": [CodeLabels(), "Names preformatted blocks for screen readers"],
        }
        super().__init__(**kwargs)
        self.raw: set[int] = set()  # stash indexes holding the article's own HTML
        self.problems: list[Problem] = []

    def extendMarkdown(self, md: Markdown) -> None:
        self.register(md)
        # 20: the place of Python-Markdown's 'html_block', after fenced code (25) is stashed.
        md.preprocessors.register(HtmlBlockPreprocessor(md, self.raw.add, self.unclosed),
                                  "html_block", 20)
        # 90: the place of Python-Markdown's 'html' pattern: after code spans (190) and
        # backslash escapes (180), so `<b>` in backticks stays code.
        md.inlinePatterns.register(RawInlineProcessor(RAW_TAG_RE, md, self), "html", 90)
        elements = allowed_elements(tuple(self.getConfig("allow_html")))
        # 19: after 'inline' (20) stashed every inline tag; before the links become sources
        # (15) and images are checked (14), so raw links and images get the same treatment.
        md.treeprocessors.register(RawHtmlTreeprocessor(md, self, elements),
                                   "footnoted_raw_html", 19)
        # 18: right after, before page links, sources and notes (16 to 11) give ids of
        # their own, so every id it meets is the author's.
        md.treeprocessors.register(RawIdsTreeprocessor(md, self), "footnoted_raw_ids", 18)
        # 31: before 'raw_html' (30) puts the stash back into the page.
        md.postprocessors.register(UnusedRawPostprocessor(md, self), "footnoted_raw_unused", 31)

    def reset(self) -> None:
        self.raw.clear()  # cleared, not replaced: the processors hold this set
        self.problems = []

    def unclosed(self, line: str, closing: str) -> None:
        """Warn of a raw HTML block that takes the rest of the article: readers see none of it."""
        self.problems.append(warning(
            self.article.path, self.article.lines.find(line.strip()),
            f"'{line.strip()[:40]}' is never closed with '{closing}', so nothing after it is "
            "shown", f"Close it with '{closing}' where the hidden part should end"))

    def dropped(self, fragment: str) -> None:
        """Warn of each address in `fragment` that the sanitiser will remove."""
        lines = self.article.lines
        for element, attribute, value, reason in unsafe_urls(fragment):
            shown = value if len(value) <= 60 else value[:57] + "..."
            self.problems.append(warning(
                self.article.path, lines.find(value) if value else lines.first_line,
                f"<{element} {attribute}=\"{shown}\"> {reason}, so the address was removed",
                "Give the real http(s) address, or a path on this site"))


class RawInlineProcessor(HtmlInlineProcessor):
    """Python-Markdown's inline tag pattern, noting which stash entries are the article's."""

    def __init__(self, pattern: str, md: Markdown, ext: RawHtmlExtension) -> None:
        super().__init__(pattern, md)
        self.ext = ext

    def handleMatch(self, m: re.Match, data: str) -> tuple[str, int, int]:
        found = super().handleMatch(m, data)
        self.ext.raw.add(self.md.htmlStash.html_counter - 1)
        return found


class RawHtmlTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, ext: RawHtmlExtension, elements: frozenset[str]) -> None:
        super().__init__(md)
        self.ext = ext
        self.flow = Sanitiser(elements)
        self.phrasing = Sanitiser(elements & PHRASING_ELEMENTS)

    def run(self, root: etree.Element) -> None:
        if not self.ext.raw:
            return
        # Innermost first: an element's rebuilt children are kept whole by its own rebuild.
        for element in reversed(list(root.iter())):
            if not self.is_raw_block(element) and self.holds_raw(element):
                self.rebuild(element)

    def rebuild(self, element: etree.Element) -> None:
        # The notes' holder must stay a child of the root, whatever raw HTML is left open.
        apart = [child for child in element if child.tag == NOTES_CONTAINER]
        for child in apart:
            element.remove(child)
        pieces: list[Piece | Raw] = self.split(element.text or "")
        for child in element:
            tail, child.tail = child.tail, None
            pieces += [self.raw_of(child) if self.is_raw_block(child) else child]
            pieces += self.split(tail or "")
        phrasing = element.tag in PHRASING_PARENTS
        text, nodes = (self.phrasing if phrasing else self.flow).build(pieces)
        element.text = text
        del element[:]
        element.extend(nodes + apart)
        # Only what came from raw HTML is finished; Markdown's own elements are kept as made.
        kept = {id(piece) for piece in pieces if isinstance(piece, etree.Element)}
        fresh = [node for node in nodes if id(node) not in kept]
        for node in fresh:
            finish(node, phrasing, self.ext.getConfig("not_loaded"), kept)
            for block in _raw_elements(node, kept):
                if block.tag == "pre":  # it may scroll, so a keyboard must reach it
                    block.attrib.update(CODE_REGION)
                    block.set("aria-label", self.ext.getConfig("code_labels").next())
        unwrap_text_markers(element)
        unwrap_misplaced(element, kept)

    def split(self, text: str) -> list[Piece | Raw]:
        pieces: list[Piece | Raw] = []
        position = 0
        for match in _STASHED.finditer(text):
            pieces.append(text[position:match.start()])
            index = self.raw_index(match.group(0))
            if index is None:
                marker = etree.Element(TEXT_MARKER)
                marker.text = match.group(0)
                pieces.append(marker)
            else:
                pieces.append(self.take(index))
            position = match.end()
        pieces.append(text[position:])
        return [piece for piece in pieces if piece != ""]

    def raw_index(self, placeholder: str) -> int | None:
        found = _STASH_INDEX.fullmatch(placeholder[1:-1])
        index = int(found.group(1)) if found else None
        return index if index in self.ext.raw else None

    def take(self, index: int) -> Raw:
        """The raw fragment, emptied from the stash: nothing unsanitised is left to restore.
        Its base-URL tags are read as the paths they name (`<img src="{{ "/a.png" | url }}">`
        -> `/a.png`), as the old generator wrote them out before any browser parsed the tag,
        whose quotes would otherwise end the attribute."""
        stash = self.md.htmlStash.rawHtmlBlocks
        raw = Raw(untag_site_paths(str(stash[index]), self.ext.article.variables))
        stash[index] = ""
        self.ext.dropped(raw.html)
        return raw

    def raw_of(self, paragraph: etree.Element) -> Raw:
        return self.take(self.raw_index(paragraph.text or "") or 0)

    def is_raw_block(self, element: etree.Element) -> bool:
        """A paragraph that is one raw fragment: a block stashed by html_blocks.py."""
        return (element.tag == "p" and not len(element)
                and self.raw_index((element.text or "").strip()) is not None)

    def holds_raw(self, element: etree.Element) -> bool:
        texts = [element.text or ""] + [child.tail or "" for child in element]
        return any(self.raw_index(m.group(0)) is not None
                   for text in texts for m in _STASHED.finditer(text)) \
            or any(self.is_raw_block(child) for child in element)


class UnusedRawPostprocessor(Postprocessor):
    """Raw HTML the tree processor never met (nothing should be left) is dropped, not
    published unsanitised."""

    def __init__(self, md: Markdown, ext: RawHtmlExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, text: str) -> str:
        for index in self.ext.raw:
            self.md.htmlStash.rawHtmlBlocks[index] = ""
        return text


def _raw_elements(node: etree.Element, kept: set[int]) -> list[etree.Element]:
    """`node` and its descendants, without the Markdown elements kept inside it."""
    found = [node]
    for child in node:
        if id(child) not in kept:
            found += _raw_elements(child, kept)
    return found


def finish(node: etree.Element, phrasing: bool, not_loaded: str, kept: set[int]) -> None:
    """What the allowlist cannot say: embeds become links, code text stays as typed."""
    parents = {child: above for above in node.iter() for child in above}
    for element in _raw_elements(node, kept):
        if element.tag in CODE_ELEMENTS:
            for inner in element.iter():
                inner.text = AtomicString(inner.text) if inner.text else inner.text
                if inner is not element and inner.tail:
                    inner.tail = AtomicString(inner.tail)
        elif element.tag == "a" and "href" not in element.attrib:
            element.tag = "span"
        elif element.tag in EMBED_ELEMENTS:
            above = parents.get(element)
            embed_link(element, phrasing if above is None else above.tag in PHRASING_PARENTS,
                       not_loaded)


def embed_link(embed: etree.Element, phrasing: bool, not_loaded: str) -> None:
    """`<iframe src=X title=T>` -> `<a href=X>T</a> (embedded content, not loaded)`, in its
    place; the link becomes a numbered source like any other. No address: nothing is left.
    A video or audio file of this site stays a player: `<video controls src=X>`."""
    if embed.tag == TEXT_MARKER:
        return
    sources = [embed.get("src") or embed.get("data")]
    sources += [source.get("src") for source in embed.iter("source")]
    address = next((url for url in sources if url), None)
    title = embed.get("title")
    tail = embed.tail
    embed.clear()
    embed.tail = tail
    if embed.tag in PLAYERS and address is not None and _is_local(address):
        embed.attrib.update({"controls": "controls", "src": address})  # filelinks.py: the file
        return
    if address is None:
        embed.tag = TEXT_MARKER  # removed, keeping its tail
        return
    link = etree.Element("a", {"href": address})
    link.text = title or address
    link.tail = f" ({not_loaded})"
    embed.tag = "span" if phrasing else "p"
    embed.set("class", EMBED_CLASS)
    embed.append(link)


def _is_local(address: str) -> bool:
    return not is_external(address) and not address.startswith(("#", "/", "\\"))


def unwrap_misplaced(element: etree.Element, kept: set[int]) -> None:
    """A raw element that may hold only phrasing content but holds a block (an `<em>` left
    open over the following paragraphs) loses its tags: the page stays valid HTML."""
    for parent in reversed(list(element.iter())):
        for index in reversed(range(len(parent))):
            child = parent[index]
            if id(child) not in kept and child.tag in PHRASING_ONLY and _holds_a_block(child):
                unwrap(parent, index)


def _holds_a_block(element: etree.Element) -> bool:
    return any(inner.tag not in PHRASING_ELEMENTS and inner.tag != TEXT_MARKER
               for inner in element.iter() if inner is not element)


def unwrap(parent: etree.Element, index: int) -> None:
    """Put `parent[index]`'s text and children where it stood."""
    child = parent[index]
    marker = etree.Element(TEXT_MARKER)
    marker.text, marker.tail = child.text, None
    inner = [marker, *child]
    if child.tail:
        inner[-1].tail = (inner[-1].tail or "") + child.tail
    parent[index:index + 1] = inner
    marker.tail = (marker.text or "") + (marker.tail or "")
    remove_keeping_tail(parent, index)


def unwrap_text_markers(element: etree.Element) -> None:
    """Each text marker back into plain text where it stands."""
    for parent in list(element.iter()):
        for index in reversed(range(len(parent))):
            child = parent[index]
            if child.tag == TEXT_MARKER:
                child.tail = (child.text or "") + (child.tail or "")
                remove_keeping_tail(parent, index)
