"""Heading ids as authors expect them, the table of contents as data, and dead `#` links.

    ## How to opt out          ->  <h2 id="how-to-opt-out">
    ## Статические константы   ->  <h2 id="staticheskie-konstanty">
    ## Setup {#install}        ->  <h2 id="install">

Ids follow GitHub and Hugo (lower case, punctuation dropped, each space a hyphen, `-1`, `-2`
for repeats), with Cyrillic transliterated as page slugs are, so links written for those
sites keep working. A heading also answers to the ids GitHub, Zola and doka.guide give it
(heading_ids.py), each on an empty span at its start, unless another id of the page has
it. Markers of sources and notes are not part of a heading's id or of its table-of-contents
text. An id never repeats one of the page's own (the template's, the markers', the notes'
and sources' entries, the author's raw HTML's): that heading gets the next suffix instead,
and a raw `<h2 id>` keeps its id.

The extension hands back the headings as nested `TocEntry`s (as Python-Markdown's toc hands
back `toc_tokens`) and every id a link can target; a template lays the contents out.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import unquote

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from ..content.page_index import case_twin
from ..problems import Problem
from .heading_ids import heading_id, other_ids
from .refs import MarkerExtension, Occurrences, TocEntry, plain_text, reader_text

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Ids the article page gives itself (templates/base.html, article.html and its partials), by
# suffix after the article's id prefix; "" is the <article> element itself.
PAGE_ID_SUFFIXES = ("", "-notes", "-sources", "-glossary", "-related", "-cited-with", "-toc")
PAGE_IDS = ("main",)
EXPLICIT_ID = re.compile(r"\s*\{#([A-Za-z][\w:.-]*)\}\s*$")  # `## Title {#id}`, as in Pandoc


class HasEntries(Protocol):
    def entry_anchors(self) -> Iterable[str]:
        """The ids of the entries it lists below the text (sources, notes, terms)."""


@dataclass
class HeadingsState:
    toc: tuple[TocEntry, ...] = ()
    anchors: frozenset[str] = frozenset()  # every id on the page a link may point to
    heading_ids: frozenset[str] = frozenset()  # those of headings and the author's HTML
    problems: list[Problem] = field(default_factory=list)


class HeadingsExtension(MarkerExtension):
    """Takes the converter's sources, notes and glossary extensions: their ids are taken."""

    def __init__(self, others: tuple[HasEntries, ...] = (), **kwargs) -> None:
        super().__init__(**kwargs)
        self.others = others
        self.state = HeadingsState()

    def extendMarkdown(self, md: Markdown) -> None:
        self.register(md)
        # 10.7: after the markers (12, 13) and the glossary (11), whose ids must be known and
        # which are left out of the headings' text; before the sidenotes (10.5), whose copies
        # carry no ids.
        md.treeprocessors.register(HeadingsTreeprocessor(md, self), "footnoted_headings", 10.7)

    def reset(self) -> None:
        self.state = HeadingsState()

    def taken_ids(self, root: etree.Element) -> set[str]:
        prefix = self.article.id_prefix
        taken = {element.get("id", "") for element in root.iter()} - {""}
        taken.update(prefix + suffix for suffix in PAGE_ID_SUFFIXES)
        taken.update(PAGE_IDS)
        for other in self.others:
            taken.update(other.entry_anchors())
        return taken


class HeadingsTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, ext: HeadingsExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        taken = self.ext.taken_ids(root)
        ids = UniqueIds(taken)
        flat, aliases = [], []
        for heading in _headings(root):
            text = " ".join(plain_text(self.md, "".join(reader_text(heading))).split())
            if heading.get("id"):  # raw HTML's `<h2 id>`, kept by raw_ids.py
                anchor = heading.get("id")
                ids.claimed.add(anchor)
            else:
                explicit = _explicit_id(heading)
                anchor = ids.claim(explicit or heading_id(text))
                heading.set("id", anchor)
                if not explicit:
                    aliases += [(heading, other) for other in other_ids(text, anchor)]
            flat.append((int(heading.tag[1]), anchor, text))
        for heading, alias in aliases:  # after every heading has its own id
            _add_alias(heading, alias, ids)
        self.ext.state.toc = nest(flat)
        self.ext.state.anchors = frozenset(taken | ids.claimed)
        self.ext.state.heading_ids = frozenset(ids.claimed | self.authors_ids(taken))
        self.check_links(root, self.ext.state.anchors)

    def authors_ids(self, taken: set[str]) -> set[str]:
        """The ids of the author's raw HTML (`<a id>`, `<a name>`): all but the page's own,
        which start with the id prefix (raw_ids.py removed those the author wrote)."""
        prefix = self.ext.article.id_prefix
        return {anchor for anchor in taken
                if anchor not in PAGE_IDS and anchor != prefix
                and not anchor.startswith(f"{prefix}-")}

    def check_links(self, root: etree.Element, anchors: frozenset[str]) -> None:
        """A `#part` link with no such id on the page goes nowhere: say so, and where."""
        lines = Occurrences(self.ext.article.lines)
        for link in root.iter("a"):
            href = link.get("href", "")
            if not href.startswith("#") or len(href) < 2 or link.get("class"):
                continue
            line = lines.line(f"({href}")
            fragment = unquote(href[1:])
            if fragment not in anchors:
                twin = case_twin(fragment, anchors)
                fix = (f"Write '#{twin}': ids are matched exactly, in case too" if twin else
                       "Correct the link to one of the page's heading ids (docs/format.md: "
                       "Headings), or remove it")
                self.ext.warn(f"({href}", f"link '{href}' points to no heading or anchor on "
                              "this page", fix, line)


class UniqueIds:
    """Hands out ids as GitHub does: `part`, then `part-1`, `part-2`; never a taken one."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = set(taken)
        self.claimed: set[str] = set()
        self.repeats: dict[str, int] = {}

    def claim(self, wanted: str) -> str:
        anchor = wanted
        while anchor in self.taken:
            self.repeats[wanted] = self.repeats.get(wanted, 0) + 1
            anchor = f"{wanted}-{self.repeats[wanted]}"
        self.taken.add(anchor)
        self.claimed.add(anchor)
        return anchor


def nest(flat: list[tuple[int, str, str]]) -> tuple[TocEntry, ...]:
    """(level, anchor, text) in document order -> entries holding their subheadings."""
    entries: list[TocEntry] = []
    index = 0
    while index < len(flat):
        level, anchor, text = flat[index]
        end = index + 1
        while end < len(flat) and flat[end][0] > level:
            end += 1
        entries.append(TocEntry(level, anchor, text, nest(flat[index + 1:end])))
        index = end
    return tuple(entries)


def _headings(root: etree.Element) -> list[etree.Element]:
    """Headings of the text in document order; those inside notes are the notes' own."""
    return [element for block in root if block.tag != "footnoted-notes"
            for element in block.iter() if element.tag in HEADINGS]


def _add_alias(heading: etree.Element, alias: str, ids: UniqueIds) -> None:
    """A second id for `heading`, on an empty span at its start, unless the page has it."""
    if alias in ids.taken:
        return
    ids.claim(alias)
    span = etree.Element("span", {"id": alias})
    span.tail, heading.text = heading.text, None
    heading.insert(0, span)


def _explicit_id(heading: etree.Element) -> str | None:
    """Take `{#id}` off the end of a heading and return the id."""
    holder = heading[-1] if len(heading) else None
    text = (holder.tail if holder is not None else heading.text) or ""
    match = EXPLICIT_ID.search(text)
    if match is None:
        return None
    if holder is not None:
        holder.tail = text[: match.start()]
    else:
        heading.text = text[: match.start()]
    return match.group(1)
