"""Ids written in an article's raw HTML: link targets, as on the sites the article came from.

    <a name="tool"></a>           ->  <span id="tool"></span>
    <h2 id="setup">Setup</h2>     ->  kept: the heading's id
    <div id="main">…</div>        ->  id removed, with a warning: the page's own

`<a name>` is how older Markdown marks a place to link to; HTML5 reads it as obsolete, so
it becomes the `id` browsers look for. An id the page gives itself (`main`, the article's id
prefix and every id starting with it: notes, sources, lists) would send its links, styles
and scripts to the wrong element, and an id used twice leaves a link to the first only:
both are removed with a warning naming the line.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from ..problems import warning
from .headings import PAGE_IDS

SPACE = re.compile(r"\s")


class RawIdsTreeprocessor(Treeprocessor):
    """Run after the raw HTML is built into the tree and before any extension gives ids, so
    every id met is the author's. `owner` reads the article (`owner.article`) and keeps the
    problems."""

    def __init__(self, md: Markdown, owner) -> None:
        super().__init__(md)
        self.owner = owner

    def run(self, root: etree.Element) -> None:
        prefix = self.owner.article.id_prefix
        seen: set[str] = set()
        for element in root.iter():
            named = element.attrib.pop("name", None)
            wanted = element.attrib.pop("id", named)
            if wanted is None:
                continue
            wanted = wanted.strip()
            refusal = refused(wanted, prefix, seen)
            if refusal:
                self.warn(wanted, *refusal)
                continue
            element.set("id", wanted)
            seen.add(wanted)

    def warn(self, wanted: str, message: str, fix: str, occurrence: int) -> None:
        lines = self.owner.article.lines
        needle = next((f"{quote}{wanted}{quote}" for quote in "\"'"
                       if f"{quote}{wanted}{quote}" in lines.text), wanted)
        line = lines.find(needle, occurrence) if wanted else lines.first_line
        self.owner.problems.append(warning(self.owner.article.path, line, message, fix))


def refused(wanted: str, prefix: str, seen: set[str]) -> tuple[str, str, int] | None:
    """(message, fix, which occurrence in the text is meant) when `wanted` cannot be kept."""
    if not wanted or SPACE.search(wanted):
        return (f"id '{wanted}' is empty or holds a space, so it was removed",
                "Write the id as one word, e.g. 'part-two'", 0)
    if wanted in PAGE_IDS or wanted == prefix or wanted.startswith(f"{prefix}-"):
        return (f"id '{wanted}' is one the page gives itself (its notes, sources and lists), "
                "so it was removed", "Choose another id, and change the links to it", 0)
    if wanted in seen:
        return (f"id '{wanted}' is given twice in the article's HTML; the second was removed",
                "Give each element its own id", 1)
    return None
