"""List items as GitHub, VitePress and every CommonMark reader indent them.

    - **Props**                     ->  - **Props**

      ```ts                                 <the fenced block, stashed>
      interface Props {}
      ```                               - Nested item
      - Nested item                     (at four spaces)

CommonMark continues a list item at the column its text starts (two spaces after `- `,
three after `1. `); Python-Markdown wants four spaces per level. So the continuation lines
of a list item, fenced code, paragraphs and nested lists at two or three spaces, fell out of
the list: the code left the item, the next item started a new list, a nested list was
merged into its parent. This preprocessor re-indents every line inside a list item from the
item's text column to Python-Markdown's four spaces per level, keeping what is indented
further (code, deeper levels) as far beyond that. It runs after the fences are stashed, so no
code is touched, and changes nothing outside lists: a line at the left edge after a blank
line ends them, as a lazy line without one continues them as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

# The markers Python-Markdown reads: `-`, `*`, `+` and `1.` (not `1)`).
MARKER = re.compile(r"(?P<marker>[*+-]|\d{1,9}\.)(?P<space> +|$)")
THEMATIC_BREAK = re.compile(r"(?:[-*_] *){3,}$")
TAB = 4  # Python-Markdown's tab_length: one level of a list


@dataclass
class _Item:
    text_column: int  # where the item's text starts, as written
    indent: int  # where its content goes for Python-Markdown


class ListIndentExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # 24: after the fenced code (25) is stashed, so code keeps its spaces; before raw
        # HTML blocks (20) are taken out, so HTML inside a list item moves with the item.
        md.preprocessors.register(ListIndentPreprocessor(md), "footnoted_list_indent", 24)


class ListIndentPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return reindented(lines)


def reindented(lines: list[str]) -> list[str]:
    items: list[_Item] = []
    out: list[str] = []
    blank_before = moved = False  # `moved`: this block's lines are re-indented
    for line in lines:
        text = line.lstrip(" ")
        if not text:
            out.append(line)
            blank_before, moved = True, False
            continue
        column = len(line) - len(text)
        marker = _marker(text, column, items)
        if marker is None and THEMATIC_BREAK.match(text) and column < TAB:
            items.clear()
        if marker is None and items and not blank_before and not moved:
            out.append(line)  # the item's own lines, or lazy ones: Python-Markdown agrees
            continue
        while items and column < items[-1].text_column:
            items.pop()
        if marker is not None:
            if moved:  # Python-Markdown's paragraph would swallow the next item
                out.append("")
            width = len(marker.group("marker")) + len(marker.group("space"))
            if len(marker.group("space")) > TAB or not marker.group("space"):
                width = len(marker.group("marker")) + 1  # the text is code, or comes later
            out.append(" " * (TAB * len(items)) + text)
            items.append(_Item(column + width, TAB * (len(items) + 1)))
            moved = False
        elif items:
            out.append(" " * (items[-1].indent + column - items[-1].text_column) + text)
            moved = True
        else:
            out.append(line)
        blank_before = False
    return out


def _marker(text: str, column: int, items: list[_Item]) -> re.Match | None:
    """The list marker starting `text`, when one can start an item there: at the left edge
    (or up to three spaces in), or less than four spaces past an open item's text column."""
    limit = (items[-1].text_column if items else 0) + TAB
    if column >= limit or THEMATIC_BREAK.match(text):
        return None
    return MARKER.match(text)
