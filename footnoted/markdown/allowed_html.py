"""Raw HTML: shown as text by default; a site may allow a few harmless inline elements.

    [tool.footnoted]
    allow_html = ["sup", "sub", "abbr"]

With that setting `<abbr title="North Atlantic Treaty Organization">NATO</abbr>` becomes an
`abbr` element built here, never the editor's text passed through: the element must be
closed on the same line, may carry only a `title`, and its content is Markdown like any
other. Anything else (other elements, other attributes, unclosed tags) stays visible text.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor

# Elements that can neither run code, load anything nor change the page around them.
SAFE_ELEMENTS = ("abbr", "b", "bdi", "cite", "del", "dfn", "em", "i", "ins", "kbd", "mark",
                 "q", "s", "samp", "small", "span", "strong", "sub", "sup", "u", "var")
_TITLE = r'(?:\s+title="([^"<>]*)")?'


def escape_raw_html(md: Markdown) -> None:
    """Raw HTML in an article is shown as text, never passed through (like Hugo's default)."""
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")


class AllowedHtmlExtension(Extension):
    def __init__(self, **kwargs) -> None:
        self.config = {"elements": [(), "Names from SAFE_ELEMENTS the site allows"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        escape_raw_html(md)
        elements = [name for name in self.getConfig("elements") if name in SAFE_ELEMENTS]
        if not elements:
            return
        pattern = rf"<({'|'.join(elements)}){_TITLE}\s*>(.+?)</\1\s*>"
        # 90: the place of Python-Markdown's 'html' pattern, removed above: after code spans
        # (190) and backslash escapes (180), so `<sup>` in backticks stays code; before
        # emphasis (60) and smarty (2), so they still work inside the element.
        md.inlinePatterns.register(AllowedElementInlineProcessor(pattern, md),
                                   "footnoted_allowed_html", 90)


class AllowedElementInlineProcessor(InlineProcessor):
    def handleMatch(self, m: re.Match, data: str) -> tuple[etree.Element, int, int]:
        element = etree.Element(m.group(1))
        if m.group(2) is not None:
            element.set("title", html.unescape(m.group(2)))
        element.text = m.group(3)  # inline patterns after this one still run over it
        return element, m.start(0), m.end(0)
