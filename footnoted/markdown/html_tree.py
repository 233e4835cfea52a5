"""Sanitised HTML into ElementTree nodes: nh3 (Ammonia) decides, this module only builds.

Raw HTML and the Markdown around it arrive as one sequence of pieces: raw fragments (which
may open an element in one block and close it three paragraphs later), plain text, and
elements Python-Markdown already made. The sequence is written out as one HTML string, each
Markdown element standing in as an empty marker element, and handed to nh3, which parses it
as a browser would (html5ever), drops what the allowlist does not name, and writes it back
balanced. That string is then built into nodes and each marker replaced by its element.
"""

from __future__ import annotations

import html
import secrets
import xml.etree.ElementTree as etree
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

from ..content.urls import SAFE_SCHEMES, is_data_image, unsafe_url_reason
from .allowed_html import ATTRIBUTES, CONTENT_REMOVED, EMBED_ELEMENTS, URL_ATTRIBUTES

VOID_ELEMENTS = frozenset(("area", "br", "col", "embed", "hr", "img", "source", "track",
                           "wbr"))
Piece = str | etree.Element  # text, or an element to keep as it is


@dataclass(frozen=True)
class Raw:
    """A fragment of the article's own HTML, to be sanitised."""

    html: str


class Sanitiser:
    """One nh3 cleaner for an allowlist; `build` turns pieces into clean nodes."""

    def __init__(self, elements: Iterable[str]) -> None:
        # A marker name no article can guess, so no raw HTML can stand in for an element.
        self.marker = f"footnoted-keep-{secrets.token_hex(6)}"
        tags = set(elements) | set(EMBED_ELEMENTS) | {"source", self.marker}
        attributes = {name: set(values) for name, values in ATTRIBUTES.items()}
        attributes[self.marker] = {"data-i"}
        self.cleaner = nh3.Cleaner(
            tags=tags, clean_content_tags=set(CONTENT_REMOVED) - tags, attributes=attributes,
            attribute_filter=_safe_attribute, strip_comments=True, link_rel=None,
            url_schemes={*SAFE_SCHEMES, "data"})  # data: only for images: _safe_attribute

    def build(self, pieces: list[Piece | Raw]) -> tuple[str, list[etree.Element]]:
        """(text before the first node, nodes), the pieces cleaned; kept elements come back
        where they stood, unless the raw HTML around them was dropped with its content."""
        kept: list[etree.Element] = []
        parts = []
        for piece in pieces:
            if isinstance(piece, Raw):
                parts.append(piece.html)
            elif isinstance(piece, str):
                parts.append(html.escape(piece, quote=False))
            else:
                parts.append(f'<{self.marker} data-i="{len(kept)}"></{self.marker}>')
                kept.append(piece)
        builder = TreeBuilder()
        builder.feed(self.cleaner.clean("".join(parts)))
        builder.close()
        return builder.root.text or "", list(_restore(builder.root, self.marker, kept))


def _safe_attribute(element: str, attribute: str, value: str) -> str | None:
    """URLs pass footnoted's own rules (urls.py) as well as nh3's scheme list; an image may
    be carried in the page (`data:image/png;base64,...`)."""
    if _data_image(element, attribute, value):
        return value
    if attribute in URL_ATTRIBUTES and unsafe_url_reason(value):
        return None
    return value


def _data_image(element: str, attribute: str, value: str) -> bool:
    return element == "img" and attribute == "src" and is_data_image(value)


def _restore(root: etree.Element, marker: str, kept: list[etree.Element]) -> list[etree.Element]:
    used: set[int] = set()
    for parent in list(root.iter()):
        for index, child in reversed(list(enumerate(parent))):
            if child.tag != marker:
                continue
            number = int(child.get("data-i", "-1"))
            if number in used or not 0 <= number < len(kept):  # html5ever may copy a marker
                remove_keeping_tail(parent, index)
                continue
            used.add(number)
            kept[number].tail = child.tail
            parent[index] = kept[number]
    # Markdown swallowed by unclosed raw HTML (`<script>` to the end, `<svg>`) is our own
    # safe output: it stays, after the rest, rather than vanish with its notes and sources.
    lost = [element for number, element in enumerate(kept) if number not in used]
    for element in lost:
        element.tail = None
    return list(root) + lost


def remove_keeping_tail(parent: etree.Element, index: int) -> None:
    """Remove `parent[index]` and its content; the text after it stays where it stood."""
    text = parent[index].tail or ""
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        parent[index - 1].tail = (parent[index - 1].tail or "") + text
    del parent[index]


class UnsafeUrls(HTMLParser):
    """The URL attributes of a raw fragment that urls.py refuses, as (element, attribute,
    value, reason): read by a parser of its own, to tell the editor what the sanitiser drops."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if _data_image(tag, name, value or ""):
                continue
            reason = unsafe_url_reason(value or "") if name in URL_ATTRIBUTES else None
            if reason:
                self.found.append((tag, name, value or "", reason))


def unsafe_urls(fragment: str) -> list[tuple[str, str, str, str]]:
    lowered = fragment.lower()
    if not any(name in lowered for name in URL_ATTRIBUTES):  # most tags hold no address
        return []
    scanner = UnsafeUrls()
    scanner.feed(fragment)
    scanner.close()
    return scanner.found


class TreeBuilder(HTMLParser):
    """nh3's output (balanced, void elements unclosed) as nodes under `root`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = etree.Element("root")
        self.open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = etree.SubElement(self.open[-1], tag, {k: v or "" for k, v in attrs})
        if tag not in VOID_ELEMENTS:
            self.open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        etree.SubElement(self.open[-1], tag, {k: v or "" for k, v in attrs})

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data: str) -> None:
        parent = self.open[-1]
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + data
        else:
            parent.text = (parent.text or "") + data
