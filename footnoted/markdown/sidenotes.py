"""Margin copies of sources and notes, placed next to the passage that cites them.

Before each top-level block that holds note markers, an `<aside class="sidenotes">` gets one
short entry per source or note the block cites:

    <aside class="sidenotes" aria-hidden="true">
    <p class="sidenote" data-ref="ID-OF-MARKER"><span class="sidenote-label">1</span> ...</p>
    </aside>
    <p>Text that cites a source.<sup><a class="noteref" id="ID-OF-MARKER" ...>1</a></sup></p>

The stylesheet floats the aside into the right margin on wide screens (later asides are
pushed down by `clear: right`, so they never overlap) and hides it on narrow ones, where the
script shows the endnote in a popover instead. The aside is a visual duplicate of the
endnotes, which stay the accessible original: it is hidden from assistive technology, its
links are out of the tab order, and its copies carry no ids, so every id stays unique.
"""

from __future__ import annotations

import copy
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..content.document import SourceEntry
from ..content.known_sources import entry_for
from ..content.languages import format_date, translate
from ..content.source_label import host, source_label
from ..content.urls import with_text_fragment
from .notes import CONTAINER, NotesExtension
from .refs import CitedSource, letters
from .sources import SourcesExtension

SIDENOTES_CLASS = "sidenotes"  # the aside; the summary leaves it out of the word count

EntryMaker = Callable[[str], etree.Element]  # marker id -> a new entry for the margin


class SidenotesExtension(Extension):
    """Takes the sources and notes extensions of the same converter: it reads their state."""

    def __init__(self, sources: SourcesExtension, notes: NotesExtension, **kwargs) -> None:
        self.config = {"lost_label": ["link not preserved", "Said of a lost source, in the "
                                      "article's language"],
                       "archived_label": ["archived copy", "The words of a link to one"],
                       "gone_label": ["gone", "Said of a dead original"],
                       "quote_marks": [quote_marks("en"), "What was found of a checked quote: "
                                       "page, copy or nowhere -> words"],
                       "lang": ["en", "The article's language, for dates"]}
        super().__init__(**kwargs)
        self.sources = sources
        self.notes = notes

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        processor = SidenotesTreeprocessor(md, self)
        # 10.5: after the markers (12, 13) and the glossary (11), so markers are numbered and
        # copies are final; before 'prettify' (10), so the asides get its line breaks.
        md.treeprocessors.register(processor, "footnoted_sidenotes", 10.5)


class SidenotesTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, ext: SidenotesExtension) -> None:
        super().__init__(md)
        self.sources = ext.sources
        self.notes = ext.notes
        self.labels = SourceLabels(_sentence(ext.getConfig("lost_label")),
                                   ext.getConfig("archived_label"), ext.getConfig("gone_label"),
                                   ext.getConfig("quote_marks"), ext.getConfig("lang"))

    def run(self, root: etree.Element) -> None:
        makers = self.entry_makers()
        blocks = []  # rebuilt in one pass: inserting one by one is quadratic in long articles
        for block in list(root):
            # markers inside notes show up in the note's own copy
            entries = _entries_for(block, makers) if block.tag != CONTAINER else []
            if entries:
                aside = etree.Element("aside", {"class": SIDENOTES_CLASS, "aria-hidden": "true"})
                aside.extend(entries)
                blocks.append(aside)
            blocks.append(block)
        root[:] = blocks

    def entry_makers(self) -> dict[str, tuple[str, EntryMaker]]:
        """Marker id -> (what it points to, how to make its entry)."""
        makers: dict[str, tuple[str, EntryMaker]] = {}
        article = self.sources.article
        for source in self.sources.state.sources:
            entry = entry_for(article.declared, article.archive, source.key, source.url,
                              article.found)
            maker = _source_maker(source, entry, self.labels)
            for citation in source.citations:
                makers[citation.ref_id] = (source.anchor, maker)
        state = self.notes.state
        for number, label in enumerate(state.order, start=1):
            maker = _note_maker(state.definitions[label], letters(number))
            for citation in state.citations[label]:
                makers[citation.ref_id] = (self.notes.anchor(label), maker)
        return makers


def _entries_for(block: etree.Element, makers: dict[str, tuple[str, EntryMaker]]) -> list:
    """One entry per source or note cited in `block`, in order of first citation."""
    entries = []
    seen: set[str] = set()
    for link in block.iter("a"):
        ref_id = link.get("id", "")
        if link.get("class") != "noteref" or ref_id not in makers:
            continue
        target, make = makers[ref_id]
        if target not in seen:
            seen.add(target)
            entries.append(make(ref_id))
    return entries


@dataclass(frozen=True)
class SourceLabels:
    """The words of a source's margin entry, in the article's language."""

    lost: str
    archived: str
    gone: str
    quote_marks: dict[str, str]  # a checked quote's verdict -> its words
    lang: str  # dates are written as its readers write them


def _source_maker(source: CitedSource, entry: SourceEntry, labels: SourceLabels) -> EntryMaker:
    def make(ref_id: str) -> etree.Element:
        note = etree.Element("p", {"class": "sidenote", "data-ref": ref_id})
        _label(note, str(source.number))
        if entry.publisher:
            _add_text(note, f"{entry.publisher}. ")
        name = source_label(entry.title, None if entry.lost else entry.url)
        if name:
            etree.SubElement(note, "cite").text = name
            _add_text(note, ". ")
        if entry.date:
            etree.SubElement(note, "time", {"datetime": entry.date.isoformat()}).text = \
                format_date(entry.date, labels.lang)
            _add_text(note, ". ")
        if entry.quote:
            etree.SubElement(note, "q", {"class": "source-quote"}).text = entry.quote
            _add_text(note, " ")
            _quote_mark(note, entry.quote_found, labels.quote_marks)
        if entry.lost or not entry.url:
            etree.SubElement(note, "span", {"class": "lost-label"}).text = labels.lost
            return note
        links = [(entry.url, host(entry.url))]
        if entry.archived:  # a dead original is named after its archived copy
            copy = (entry.archived, labels.archived)
            links = [copy, (entry.url, f"{host(entry.url)} ({labels.gone})")] if entry.dead \
                else links + [copy]
        for index, (url, words) in enumerate(links):
            _add_text(note, "; " if index else "")
            quote = entry.copy_quote if url == entry.archived else entry.page_quote
            _link(note, with_text_fragment(url, quote), words)
        return note

    return make


def quote_marks(lang: str) -> dict[str, str]:
    """A checked quote's verdict (page, copy, nowhere) -> its words in `lang`."""
    return {verdict: translate(lang, f"quote_mark_{verdict}")
            for verdict in ("page", "copy", "nowhere")}


def _quote_mark(note: etree.Element, verdict: str | None, marks: dict[str, str]) -> None:
    """What `footnoted sources` found of the quote, so a reader knows whether it was checked."""
    kind = "page" if verdict == "both" else verdict
    if kind in marks:
        mark = etree.SubElement(note, "span", {"class": f"quote-mark quote-{kind}"})
        mark.text = f"({marks[kind]})"
        mark.tail = " "


def _note_maker(definition: etree.Element, letter: str) -> EntryMaker:
    def make(ref_id: str) -> etree.Element:
        note = etree.Element("div", {"class": "sidenote", "data-ref": ref_id})
        note.extend(copy.deepcopy(child) for child in definition)
        for element in note.iter():
            element.attrib.pop("id", None)  # the endnote keeps the ids
            if element.tag == "a":
                element.set("tabindex", "-1")
        first = note[0] if len(note) and note[0].tag == "p" else None
        if first is None:
            first = etree.Element("p")
            note.insert(0, first)
        _label(first, letter)
        return note

    return make


def _label(element: etree.Element, text: str) -> None:
    """Put the marker's number or letter first in `element`, before its text."""
    label = etree.Element("span", {"class": "sidenote-label"})
    label.text = text
    label.tail = " " + (element.text or "")
    element.text = None
    element.insert(0, label)


def _link(parent: etree.Element, url: str, text: str) -> None:
    etree.SubElement(parent, "a", {"href": url, "tabindex": "-1"}).text = text


def _add_text(parent: etree.Element, text: str) -> None:
    """Append text after the last child (or inside an empty `parent`)."""
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _sentence(words: str) -> str:
    """"link not preserved" -> "Link not preserved.": the entry's only sentence."""
    return words[:1].upper() + words[1:] + "."
