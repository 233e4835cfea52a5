"""Curly quotes, dashes and ellipses in the body: Python-Markdown's smarty, placed and narrowed.

smarty runs a second inline pass over every piece of text in the finished tree and tries
each of its patterns on each piece. Most pieces (a link's words, the text between two note
markers) hold no quote, dash or ellipsis, so none of its patterns can match them; this
extension marks those pieces as `AtomicString`, which Python-Markdown's inline passes leave
alone, and the pass reads only the rest. The HTML is the same; on the benchmark corpus the
pass reads 2 of the 44 pieces of an article instead of all of them.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.smarty import SmartyExtension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

# Quotation marks by language, where they differ from English “ ”: Russian uses «ёлочки».
QUOTES = {"ru": {"left-double-quote": "&laquo;", "right-double-quote": "&raquo;"},
          "de": {"left-double-quote": "&bdquo;", "right-double-quote": "&ldquo;"}}
# Every pattern smarty uses here matches one of these (angled quotes, `<<`, are not enabled).
SMARTY_MARKS = ("'", '"', "--", "...")


class PunctuationExtension(Extension):
    def __init__(self, **kwargs) -> None:
        self.config = {"lang": ["en", "The article's language: it chooses the quotation marks"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        lang = self.getConfig("lang").split("-")[0].lower()
        SmartyExtension(substitutions=QUOTES.get(lang, {})).extendMarkdown(md)
        # 10.7: smarty's pass (registered at 6) would run after 'prettify' (10) has given
        # every block a newline tail, and its tail handling looks each block up among all its
        # siblings: quadratic in the number of paragraphs. Here, after our marker passes
        # (11-15) and before the sidenotes (10.5), no block has such a tail yet.
        md.treeprocessors.register(md.treeprocessors["smarty"], "smarty", 10.7)
        # 10.8: just before smarty's pass, after the glossary (11) made the last new text.
        md.treeprocessors.register(PlainTextTreeprocessor(md), "footnoted_plain_text", 10.8)


class PlainTextTreeprocessor(Treeprocessor):
    """Marks the text smarty cannot change as atomic, so its pass skips it."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.text and not _has_marks(element.text):
                element.text = AtomicString(element.text)
            if element.tail and not _has_marks(element.tail):
                element.tail = AtomicString(element.tail)


def _has_marks(text: str) -> bool:
    return any(mark in text for mark in SMARTY_MARKS)
