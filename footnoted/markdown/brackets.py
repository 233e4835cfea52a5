"""Python-Markdown's link patterns, each finding a link's closing bracket among the brackets
alone instead of walking every character of the paragraph.

`LinkInlineProcessor.getText` (Python-Markdown 3.11) maps every index of a paragraph to the
index past the `]` that closes it, with a Python loop over every character, and does it again
for every link (each link found changes the text): about 0.15-0.3 ms for a paragraph of 300
characters, 1-1.6 ms for the six reference links of a generated article, a quarter of its
whole Markdown conversion. Here a regular expression finds the brackets and only they are
looked at; the answer is the same (tests/test_brackets.py compares the two on any text).
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import (
    IMAGE_LINK_RE,
    IMAGE_REFERENCE_RE,
    LINK_RE,
    REFERENCE_RE,
    ImageInlineProcessor,
    ImageReferenceInlineProcessor,
    LinkInlineProcessor,
    ShortImageReferenceInlineProcessor,
    ShortReferenceInlineProcessor,
)

BRACKET = re.compile(r"[\[\]]")


def bracket_ends(data: str) -> dict[int, int | None]:
    """For the index just after each `[` of `data`, the index just past the `]` closing it,
    or None when it never closes (Python-Markdown's `_findBracketEnds` at those indexes)."""
    ends: dict[int, int | None] = {}
    depth = 0
    waiting: list[tuple[int, int]] = []  # (index, depth there), the depths increasing
    for bracket in BRACKET.finditer(data):
        if bracket.group() == "[":
            depth += 1
            ends[bracket.end()] = None
            waiting.append((bracket.end(), depth))
        else:
            depth -= 1
            while waiting and depth < waiting[-1][1]:
                ends[waiting.pop()[0]] = bracket.end()
    return ends


def closing_bracket(data: str, index: int) -> int | None:
    """The index just past the `]` that closes a bracket open before `index`, or None."""
    depth = 0
    for bracket in BRACKET.finditer(data, index):
        depth += 1 if bracket.group() == "[" else -1
        if depth < 0:
            return bracket.end()
    return None


class QuickBrackets(LinkInlineProcessor):
    """`getText` of every link pattern, from `bracket_ends` (computed once per text, as
    Python-Markdown does with its own table)."""

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:
        if self._bracket_data is not data:
            self._bracket_data = data
            self._quick_ends = bracket_ends(data)
        ends = self._quick_ends
        end = ends[index] if index in ends else closing_bracket(data, index)
        if end is None:
            return data[index:], len(data), False
        return data[index:end - 1], end, True


class QuickLink(QuickBrackets):
    pass


class QuickImage(QuickBrackets, ImageInlineProcessor):
    pass


class QuickImageReference(QuickBrackets, ImageReferenceInlineProcessor):
    pass


class QuickShortReference(QuickBrackets, ShortReferenceInlineProcessor):
    pass


class QuickShortImageReference(QuickBrackets, ShortImageReferenceInlineProcessor):
    pass


class QuickBracketsExtension(Extension):
    """Python-Markdown's own link patterns, under their names and priorities, with the
    quick `getText` (our `[words][key]` pattern, sources.py, has it too)."""

    def extendMarkdown(self, md: Markdown) -> None:
        # The names and priorities Python-Markdown's build_inlinepatterns gives them.
        md.inlinePatterns.register(QuickLink(LINK_RE, md), "link", 160)
        md.inlinePatterns.register(QuickImage(IMAGE_LINK_RE, md), "image_link", 150)
        md.inlinePatterns.register(QuickImageReference(IMAGE_REFERENCE_RE, md),
                                   "image_reference", 140)
        md.inlinePatterns.register(QuickShortReference(REFERENCE_RE, md), "short_reference", 130)
        md.inlinePatterns.register(QuickShortImageReference(IMAGE_REFERENCE_RE, md),
                                   "short_image_ref", 125)
