"""Editorial notes in Python-Markdown's footnote syntax, handed back as data.

    Text that needs a remark.[^why]

    [^why]: The remark. It may hold links (which become sources), *emphasis*,
        and further indented paragraphs.

Unlike Python-Markdown's own footnotes extension, nothing is appended to the HTML: the notes
come back as `RenderedNote`s and a template lays them out. Notes are lettered (a, b, c) so
they never look like source numbers.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

from markdown import Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from ..content.slugs import slugify
from ..problems import Problem
from .refs import (
    Citation,
    DefinitionProcessor,
    FirstUse,
    MarkerExtension,
    Occurrences,
    RenderedNote,
    letters,
    make_marker,
    parent_map,
    placeholder,
    placeholders,
)

DEFINITION_RE = re.compile(r"^[ ]{0,3}\[\^([^\]\s]+)\]:[ ]*", re.MULTILINE)
# Never followed by "(": `[^1^](https://...)`, a chat tool's citation, is a link, as on GitHub.
REFERENCE_RE = r"\[\^([^\]\s]+)\](?!\()"
CONTAINER = "footnoted-notes"  # holds the definitions while inline processing runs over them


@dataclass
class NotesState:
    definitions: dict[str, etree.Element] = field(default_factory=dict)  # by label
    order: list[str] = field(default_factory=list)  # labels by first reference
    citations: dict[str, list[Citation]] = field(default_factory=dict)  # by label
    notes: list[RenderedNote] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class NotesExtension(MarkerExtension):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.state = NotesState()

    def extendMarkdown(self, md: Markdown) -> None:
        self.register(md)
        # 17: before 'reference' (15), which would read `[^x]: text` as a link definition.
        md.parser.blockprocessors.register(NoteDefinitionProcessor(md.parser, self),
                                           "footnoted_note_definition", 17)
        # 176: before citations (175) and 'reference' (170).
        md.inlinePatterns.register(NoteReferenceInlineProcessor(REFERENCE_RE),
                                   "footnoted_note_reference", 176)
        # 50: before 'inline' (20), so links and emphasis inside notes are processed too.
        md.treeprocessors.register(NoteAttachTreeprocessor(md, self), "footnoted_notes_attach", 50)
        # 13: after 'inline'; before 'prettify' (10) and after the link pass (15).
        md.treeprocessors.register(NoteMarkerTreeprocessor(md, self), "footnoted_notes", 13)
        # -10: after 'unescape' (0), so the detached notes are final HTML.
        md.treeprocessors.register(NoteDetachTreeprocessor(md, self), "footnoted_notes_detach", -10)

    def reset(self) -> None:
        self.state = NotesState()

    def entry_anchors(self) -> list[str]:
        return [self.anchor(label) for label in self.state.definitions]

    def anchor(self, label: str) -> str:
        return f"{self.article.id_prefix}-note-{slugify(label, fallback='x')}"


class NoteDefinitionProcessor(DefinitionProcessor):
    """Take `[^label]: text` blocks (and their indented continuations) out of the flow."""

    DEFINITION_RE = DEFINITION_RE

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        block = blocks.pop(0)
        match = DEFINITION_RE.search(block)
        if match.start() > 0:  # text before the definition is an ordinary block
            blocks.insert(0, block[match.start():])
            blocks.insert(0, block[: match.start()].rstrip("\n"))
            return False
        following = DEFINITION_RE.search(block, match.end())
        if following:  # one definition per line, written without blank lines between
            blocks.insert(0, block[following.start():])
            block = block[: following.start()].rstrip("\n")
        content = [_dedent(block[match.end():])]
        while blocks and blocks[0].startswith(" " * 4):
            content.append(_dedent(blocks.pop(0)))
        self.define(match.group(1), "\n\n".join(content))
        return True

    def define(self, label: str, text: str) -> None:
        if label in self.ext.state.definitions:
            self.ext.fail(f"[^{label}]:", f"note [^{label}] is defined twice",
                          "Keep one definition or rename one label", occurrence=1)
            return
        holder = etree.Element("div", {"data-label": label})
        self.parser.parseChunk(holder, text)
        self.ext.state.definitions[label] = holder


def _dedent(block: str) -> str:
    """Remove one level of indent; lazily unindented continuation lines stay as they are."""
    return "\n".join(line.removeprefix(" " * 4) for line in block.split("\n"))


class NoteReferenceInlineProcessor(InlineProcessor):
    def handleMatch(self, m: re.Match, data: str) -> tuple[etree.Element, int, int]:
        return placeholder("note", m.group(1), m.group(0)), m.start(0), m.end(0)


class NoteAttachTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, ext: NotesExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        container = etree.SubElement(root, CONTAINER)
        container.extend(self.ext.state.definitions.values())


class NoteMarkerTreeprocessor(Treeprocessor):
    """Letter the notes by first reference and turn their placeholders into markers."""

    def __init__(self, md: Markdown, ext: NotesExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        lines = Occurrences(self.ext.article.lines)
        parents = parent_map(root)
        uses = FirstUse()
        for ref in placeholders(root, "note"):
            label = ref.get("key", "")
            line = lines.line(ref.get("needle", ""))
            if label not in self.ext.state.definitions:
                self.undefined(ref, parents, label)
                continue
            anchor = self.ext.anchor(label)
            number, ref_id = uses.cite(label, anchor, "", line)
            make_marker(ref, parents, letters(number), anchor, ref_id)
        # A note nothing refers to is still the author's text: listed last, with a warning.
        for label in self.ext.state.definitions:
            if label not in uses.citations:
                uses.citations[label] = []
                self.ext.warn(f"[^{label}]:", f"note [^{label}] is defined but never referenced",
                              f"Refer to it with [^{label}] in the text, or delete it")
        self.ext.state.order = list(uses.citations)
        self.ext.state.citations = uses.citations

    def undefined(self, ref: etree.Element, parents: dict, label: str) -> None:
        self.ext.fail(f"[^{label}]", f"note [^{label}] is referenced but never defined",
                      f"Add a line '[^{label}]: the note's text' below the paragraph")
        text = etree.Element("span")
        text.text, text.tail = f"[^{label}]", ref.tail
        parent = parents[ref]
        index = list(parent).index(ref)
        parent.remove(ref)
        parent.insert(index, text)


class NoteDetachTreeprocessor(Treeprocessor):
    """Take the processed definitions out of the page and hand them back as HTML."""

    def __init__(self, md: Markdown, ext: NotesExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        container = root.find(CONTAINER)
        root.remove(container)
        state = self.ext.state
        holders = {holder.get("data-label"): holder for holder in container}
        state.notes = [
            RenderedNote(label, letters(number), self.ext.anchor(label),
                         self.inner_html(holders[label]), tuple(state.citations[label]))
            for number, label in enumerate(state.order, start=1)
        ]

    def inner_html(self, holder: etree.Element) -> str:
        html = "\n".join(self.md.serializer(child).strip() for child in holder)
        for processor in self.md.postprocessors:
            html = processor.run(html)
        return html
