"""Editor's glossary: `*[Term]: definition` lines, as in Python-Markdown's abbr extension.

An `abbr title` tooltip cannot be reached by touch or keyboard, so the first use of each
term becomes a link to its entry in a glossary list that a template renders; the definition
also rides along as a `title` for mouse users.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from ..content.slugs import slugify
from .article_context import ArticleExtension
from .notes import CONTAINER
from .refs import DefinitionProcessor, GlossaryEntry

DEFINITION_RE = re.compile(r"^[ ]{0,3}\*\[([^\]]+)\]:[ ]*(.+)$", re.MULTILINE)
# Inside these a term is left alone: it is already a link, code, a heading or a marker.
SKIP = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "sup", "span", CONTAINER}


@dataclass
class GlossaryState:
    definitions: dict[str, str] = field(default_factory=dict)  # term -> definition
    entries: list[GlossaryEntry] = field(default_factory=list)


class GlossaryExtension(ArticleExtension):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.state = GlossaryState()

    def extendMarkdown(self, md: Markdown) -> None:
        self.register(md)
        # 16: before 'reference' (15), like Python-Markdown's abbr extension.
        md.parser.blockprocessors.register(GlossaryDefinitionProcessor(md.parser, self),
                                           "footnoted_glossary_definition", 16)
        # 11: after the markers (12, 13), so term links are never taken for sources.
        md.treeprocessors.register(GlossaryTreeprocessor(md, self), "footnoted_glossary", 11)

    def reset(self) -> None:
        self.state = GlossaryState()

    def entry_anchors(self) -> list[str]:
        return [entry.anchor for entry in self.state.entries]


class GlossaryDefinitionProcessor(DefinitionProcessor):
    DEFINITION_RE = DEFINITION_RE

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        block = blocks.pop(0)
        match = DEFINITION_RE.search(block)
        after = block[match.end():].lstrip("\n")
        before = block[: match.start()].rstrip("\n")
        if after:
            blocks.insert(0, after)
        if before:
            blocks.insert(0, before)
        self.ext.state.definitions[match.group(1).strip()] = match.group(2).strip()
        return True


class GlossaryTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, ext: GlossaryExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        prefix = self.ext.article.id_prefix
        entries = []
        for term, definition in sorted(self.ext.state.definitions.items(), key=_term_order):
            anchor = f"{prefix}-term-{slugify(term)}"
            link = etree.Element("a", {"class": "glossary-term", "href": f"#{anchor}",
                                       "id": f"{anchor}-ref", "title": definition})
            found = _link_first_use(root, _use_of(term), link)
            ref_id = link.get("id") if found else None
            entries.append(GlossaryEntry(term, definition, anchor, ref_id))
        self.ext.state.entries = entries


def _use_of(term: str) -> re.Pattern:
    """The term as a whole word, or its plural: "contract soldier" matches "contract soldiers"."""
    return re.compile(rf"\b{re.escape(term)}(?:s|es)?\b")


def _term_order(item: tuple[str, str]) -> str:
    return item[0].casefold()


def _link_first_use(element: etree.Element, pattern: re.Pattern, link: etree.Element) -> bool:
    """Wrap the first match of `pattern` in body text with `link`; False if there is none."""
    if element.tag in SKIP:
        return False
    if element.text and (match := pattern.search(element.text)):
        link.text = match.group(0)
        link.tail = element.text[match.end():]
        element.text = element.text[: match.start()]
        element.insert(0, link)
        return True
    for index, child in enumerate(list(element)):
        if _link_first_use(child, pattern, link):
            return True
        if child.tail and (match := pattern.search(child.tail)):
            link.text = match.group(0)
            link.tail = child.tail[match.end():]
            child.tail = child.tail[: match.start()]
            element.insert(index + 1, link)
            return True
    return False
