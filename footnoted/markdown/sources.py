"""Every link and citation in the text is a source: numbered, marked and handed back as data.

Three ways to cite, all ending in the same numbered marker:

    [words](https://example.org/page)    a link; metadata is looked up by URL
    [words][key]                         a link to a source declared under `sources:`
    [@key] or [@a; @b]                   a Pandoc-style citation of declared sources

A declared source marked `lost: true` renders as plain words followed by its marker: the
original link's target was not preserved, and we never invent one or leave `href="#"`.
Not sources: jumps within the page (`#part`), links to other articles (pagelinks.py) and
contact links (`mailto:`, `tel:`, `irc:`: urls.is_contact), which reach a person or open an
app rather than a document a reader could check.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from difflib import get_close_matches

from markdown import Markdown
from markdown.inlinepatterns import REFERENCE_RE, InlineProcessor, ReferenceInlineProcessor
from markdown.treeprocessors import Treeprocessor

from ..content.document import SourceEntry
from ..content.known_sources import entry_for, key_of_url
from ..content.urls import is_contact, opens_an_application, unsafe_url_reason, with_text_fragment
from ..problems import Problem
from .brackets import ForwardBrackets
from .filelinks import NAVIGATION_CLASSES
from .refs import (
    Citation,
    CitedSource,
    FirstUse,
    MarkerExtension,
    Occurrences,
    href_as_written,
    link_words,
    make_marker,
    parent_map,
    placeholder,
    placeholders,
)

# A citation key as Pandoc reads one: a letter, digit or _ first, then word characters and
# single internal punctuation (`@Foo_bar.baz.` is the key `Foo_bar.baz`); anything else in
# braces, `@{https://example.org/?a=b}`. `-@key` (Pandoc's "suppress author") reads as @key.
KEY_RE = r"-?@(?:\{[^{}\s]+\}|\w(?:\w|[:.#$%&+?<>~/-](?=\w))*)"
# The spaces before `[@key]` go with it, as Pandoc drops them for note-style citations: a
# superscript number sits against the word it follows ("as shown¹", not "as shown ¹").
# Brackets followed by `(` or `[` are link text, as in `[@rustconf](https://...)`.
CITATION_RE = rf"[ \t]*\[[ \t]*({KEY_RE}(?:[ \t]*;[ \t]*{KEY_RE})*)[ \t]*\](?![(\[])"
DATA_KEY = "data-footnoted-source"  # a link to a declared source, until it is resolved


@dataclass
class SourcesState:
    """Per-document state; `reset()` clears it so a converter never leaks between articles."""

    sources: list[CitedSource] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # A reference link's Markdown (`[words][id]`), to find its line: its URL is elsewhere.
    needles: dict[etree.Element, str] = field(default_factory=dict)


class SourcesExtension(MarkerExtension):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.state = SourcesState()

    def extendMarkdown(self, md: Markdown) -> None:
        self.register(md)
        # 175: before 'reference' (170), so `[@key]` is never read as a reference link.
        md.inlinePatterns.register(CitationInlineProcessor(CITATION_RE, md, self),
                                   "footnoted_citation", 175)
        # 170: takes the place of 'reference'; declared keys win, other ids fall back to it.
        md.inlinePatterns.register(SourceReferenceInlineProcessor(REFERENCE_RE, md, self),
                                   "reference", 170)
        # 15: after 'inline' (20), when every link exists; before the markers (12).
        md.treeprocessors.register(SourceLinkTreeprocessor(md, self), "footnoted_links", 15)
        # 12: after the links became placeholders; before 'prettify' (10).
        md.treeprocessors.register(SourceMarkerTreeprocessor(md, self), "footnoted_sources", 12)

    def reset(self) -> None:
        self.state = SourcesState()

    def entry_anchors(self) -> list[str]:
        return [source.anchor for source in self.state.sources]


class CitationInlineProcessor(InlineProcessor):
    """`[@a; @b]` -> a `sup` holding one placeholder per cited key."""

    def __init__(self, pattern: str, md: Markdown, ext: SourcesExtension) -> None:
        super().__init__(pattern, md)
        self.ext = ext

    def handleMatch(self, m: re.Match, data: str) -> tuple[etree.Element | None, int | None,
                                                           int | None]:
        if _reference_name(m.group(0)) in self.md.references:
            return None, None, None  # `[@x]: https://...` is defined: `[@x]` is a link to it
        declared = self.ext.article.declared
        group = etree.Element("sup", {"class": "citation"})
        written = [key.removeprefix("-") for key in re.findall(KEY_RE, m.group(1))]
        keys = [_key_name(key) for key in written]
        # An unknown key is shown as typed, so it keeps its space: "see @nobody".
        bracket = m.start(0) + m.group(0).index("[")
        start = m.start(0) if all(k.lower() in declared for k in keys) else bracket
        for index, (key, as_written) in enumerate(zip(keys, written, strict=True)):
            if key.lower() not in declared:
                self.ext.fail(as_written, f"unknown citation key '@{key}'",
                              _unknown_key_fix(key, declared))
                ref = etree.SubElement(group, "span")
                ref.text = as_written
            else:
                ref = placeholder("source", key.lower(), as_written)
                group.append(ref)
            ref.tail = ", " if index < len(keys) - 1 else None
        return group, start, m.end(0)


def _key_name(written: str) -> str:
    """`@key` or `@{key}` -> `key`."""
    key = written.removeprefix("@")
    return key[1:-1] if key.startswith("{") else key


def _reference_name(bracketed: str) -> str:
    """`[@x]` -> `@x`, the name Python-Markdown stores a reference definition under."""
    return " ".join(bracketed.strip()[1:-1].split()).lower()


def _unknown_key_fix(key: str, declared: Mapping[str, object]) -> str:
    fix = ("eclare it under 'sources:' in the front matter or in content/sources.yaml, or "
           "correct the spelling")
    close = get_close_matches(key.lower(), list(declared), n=1)
    return f"Did you mean '@{close[0]}'? Otherwise d{fix}" if close else f"D{fix}"


class SourceReferenceInlineProcessor(ForwardBrackets, ReferenceInlineProcessor):
    """`[words][key]` where key names a declared source -> a link marked with that key."""

    def __init__(self, pattern: str, md: Markdown, ext: SourcesExtension) -> None:
        super().__init__(pattern, md)
        self.ext = ext

    def handleMatch(self, m: re.Match, data: str):
        text, index, handled = self.getText(data, m.end(0))
        if not handled:
            return None, None, None
        key, end, handled = self.evalId(data, index, text)
        if not handled or key not in self.ext.article.declared:
            link, start, end = super().handleMatch(m, data)
            if link is not None:
                self.ext.state.needles[link] = data[start:end]
            return link, start, end
        link = etree.Element("a", {DATA_KEY: key})
        link.text = text
        return link, m.start(0), end


class SourceLinkTreeprocessor(Treeprocessor):
    """Each link gets a placeholder for its marker; lost links become plain words."""

    def __init__(self, md: Markdown, ext: SourcesExtension) -> None:
        super().__init__(md)
        self.ext = ext
        self.declared: Mapping[str, SourceEntry] = {}
        self.key_of_url: Callable[[str], str | None] = {}.get
        self.lost = 0  # undeclared lost links so far, each a source of its own

    def run(self, root: etree.Element) -> None:
        self.declared = self.ext.article.declared
        self.key_of_url = key_of_url(self.declared)  # by key, never a walk over every source
        self.lost = 0
        self.after: dict[etree.Element, etree.Element] = {}
        parents = parent_map(root)
        for link in list(root.iter("a")):
            key = link.get(DATA_KEY) or self.key_of_url(link.get("href", ""))
            if link.get("class") in NAVIGATION_CLASSES:
                continue  # a link to another article or a file of the site: not a source
            if key is not None:
                self.link_declared(link, key, parents[link])
            elif link.get("href", "").strip() in ("", "#"):
                self.link_lost(link, parents[link])
            elif "href" in link.attrib and self.is_safe(link):
                self.link_url(link, parents[link])
        _insert_all(self.after, parents)

    def link_declared(self, link: etree.Element, key: str, parent: etree.Element) -> None:
        entry = self.declared[key]
        link.attrib.pop(DATA_KEY, None)
        if entry.lost or not entry.url:
            link.tag = "span"
            link.attrib.clear()
            link.set("class", "lost-link")
        else:
            point_link(link, entry)
        self.insert_after(link, parent, placeholder("source", key, f"[{key}]"))

    def link_lost(self, link: etree.Element, parent: etree.Element) -> None:
        """`[words](#)` or `[words]()`: a copy that kept the words but lost the target. Like a
        source declared `lost: true`, each is numbered and listed as "link not preserved"."""
        needle = f"]({link.get('href', '').strip()})"
        link.tag = "span"
        link.attrib.clear()
        link.set("class", "lost-link")
        self.lost += 1
        self.insert_after(link, parent, placeholder("source", f"lost:{self.lost}", needle))

    def link_url(self, link: etree.Element, parent: etree.Element) -> None:
        url = link.get("href", "")
        if url.startswith("#") and url != "#":
            return  # a jump within the page, not a source
        if is_contact(href_as_written(url)):
            return  # mailto:, tel:, irc:... reach a person, not a document: a plain link
        point_link(link, entry_for({}, self.ext.article.archive, None, url,
                                   self.ext.article.found))
        needle = self.ext.state.needles.get(link, f"({url}")
        self.insert_after(link, parent, placeholder("source", f"url:{href_as_written(url)}",
                                                    needle))

    def is_safe(self, link: etree.Element) -> bool:
        url = link.get("href", "")
        reason = unsafe_url_reason(url)
        if reason is None:
            return True
        if opens_an_application(url):
            scheme = url.split(":", 1)[0].strip().lower()
            self.ext.warn(url, f"link '{link_words(self.md, link)}' uses the '{scheme}:' "
                          "scheme, which opens an application, not a page: its words are kept "
                          "without the link",
                          "Link a web page about it (https://...) if readers need one")
        else:
            self.ext.fail(url or "](", f"link '{link_words(self.md, link)}' {reason}",
                          "If the original link was lost, declare a source with 'lost: true' "
                          "and write [words][key]; otherwise give the real http(s) address")
        link.tag = "span"
        link.attrib.clear()
        return False

    def insert_after(self, element: etree.Element, parent: etree.Element, new: etree.Element
                     ) -> None:
        """`new` goes after `element` once every link is seen (`_insert_all`): inserting
        each at once would look for its place among all its parent's children."""
        new.tail, element.tail = element.tail, None
        self.after[element] = new


def _insert_all(after: dict[etree.Element, etree.Element], parents: dict) -> None:
    """Each parent's children rebuilt once, with the new elements after theirs: linear in
    the paragraph, however many links it holds."""
    for parent in dict.fromkeys(parents[element] for element in after):
        parent[:] = [part for child in parent
                     for part in ((child, after[child]) if child in after else (child,))]


class SourceMarkerTreeprocessor(Treeprocessor):
    """Number sources by first use, in document order, and turn placeholders into markers."""

    def __init__(self, md: Markdown, ext: SourcesExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        prefix = self.ext.article.id_prefix
        lines = Occurrences(self.ext.article.lines)
        parents = parent_map(root)
        positions = {child: index for parent in root.iter()
                     for index, child in enumerate(parent)}  # markers replace refs in place
        uses = FirstUse()
        for ref in placeholders(root, "source"):
            identity = ref.get("key", "")
            anchor = f"{prefix}-source-{_id_part(identity)}"
            line = lines.line(ref.get("needle", ""))
            words = _previous_words(self.md, ref, parents, positions[ref])
            number, ref_id = uses.cite(identity, anchor, words, line)
            make_marker(ref, parents, str(number), anchor, ref_id, positions[ref])
        self.ext.state.sources = [
            _cited(number, identity, prefix, citations)
            for number, (identity, citations) in enumerate(uses.citations.items(), start=1)
        ]


def _cited(number: int, identity: str, prefix: str, citations: list[Citation]) -> CitedSource:
    url = identity.removeprefix("url:") if identity.startswith("url:") else None
    key = None if url is not None or identity.startswith("lost:") else identity
    anchor = f"{prefix}-source-{_id_part(identity)}"
    return CitedSource(number, anchor, key, url, tuple(citations))


def _id_part(identity: str) -> str:
    """Declared keys are readable ids; a bare URL or lost link gets a short stable hash."""
    if identity.startswith(("url:", "lost:")):
        return identity[0] + hashlib.sha1(identity.encode()).hexdigest()[:8]
    return re.sub(r"[^a-z0-9_-]+", "-", identity)


def _previous_words(md: Markdown, ref: etree.Element, parents: dict, index: int) -> str:
    """The linked words just before a marker (at `index` among its parent's children), or
    '' for a bare citation."""
    parent = parents[ref]
    if index == 0 or parent.tag == "sup":
        return ""
    before = parent[index - 1]
    return link_words(md, before) if before.tag in ("a", "span") and before.tail is None else ""



def point_link(link: etree.Element, entry: SourceEntry) -> None:
    """The link opens the original at the quoted passage, or the archived copy when the
    original is dead, and carries the Robust Links attributes (robustlinks.mementoweb.org):
    the original URL plus a dated archived copy, for readers and tools to fall back on."""
    url = entry.url or ""
    leading = entry.archived if entry.dead and entry.archived else url
    quote = entry.copy_quote if leading == entry.archived else entry.page_quote
    link.set("href", with_text_fragment(leading, quote))
    if not entry.archived:
        return
    link.set("data-originalurl", url)
    link.set("data-versionurl", entry.archived)
    if entry.archived_date:
        link.set("data-versiondate", entry.archived_date.isoformat())
