"""Link text found in time linear in the paragraph, however many links it holds.

Python-Markdown finds the `]` that closes a link's text from a table of every bracket of the
text it is matching, made again whenever that text changed; and it changes after every link,
which becomes a placeholder. One paragraph of N links therefore cost N scans of the whole
paragraph (2,000 reference links: 52 s). `ForwardBrackets.getText` scans from the `[` to its
`]` only, so each link costs its own length; a `[` that never closes falls back to the table,
which is made once for each text that is not changing (as when no link matches).

    [a][r1] [b][r2] ... [x][r2000]   each getText reads up to its own `]`
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

_BRACKET = re.compile(r"[\[\]]")


class ForwardBrackets(LinkInlineProcessor):
    """Mixed into every processor that reads a link's text (ours in sources.py too)."""

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:
        depth = 0
        for bracket in _BRACKET.finditer(data, index):
            depth += 1 if bracket.group() == "[" else -1
            if depth < 0:  # as Python-Markdown's table: the first `]` below the start
                return data[index:bracket.start()], bracket.end(), True
        return super().getText(data, index)  # never closes: the same answer, from the table


class LinearLink(ForwardBrackets, LinkInlineProcessor):
    pass


class LinearImage(ForwardBrackets, ImageInlineProcessor):
    pass


class LinearImageReference(ForwardBrackets, ImageReferenceInlineProcessor):
    pass


class LinearShortReference(ForwardBrackets, ShortReferenceInlineProcessor):
    pass


class LinearShortImageReference(ForwardBrackets, ShortImageReferenceInlineProcessor):
    pass


class LinearBracketsExtension(Extension):
    """Takes the place of Python-Markdown's link processors, each with its own name,
    pattern and priority (markdown/inlinepatterns.py), so nothing else changes. 'reference'
    is sources.py's, which mixes ForwardBrackets in itself."""

    def extendMarkdown(self, md: Markdown) -> None:
        for kind, pattern, name, priority in (
                (LinearLink, LINK_RE, "link", 160),
                (LinearImage, IMAGE_LINK_RE, "image_link", 150),
                (LinearImageReference, IMAGE_REFERENCE_RE, "image_reference", 140),
                (LinearShortReference, REFERENCE_RE, "short_reference", 130),
                (LinearShortImageReference, IMAGE_REFERENCE_RE, "short_image_ref", 125)):
            md.inlinePatterns.register(kind(pattern, md), name, priority)
