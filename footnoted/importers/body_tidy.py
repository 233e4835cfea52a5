"""What trafilatura's extracted body repeats of the page: taken out, or moved to front matter.

The body trafilatura hands back starts with what our front matter holds (the headline, the
dek, the byline) and keeps the page's teaser as its first paragraph and its pull quotes (a
sentence of the article set large, often as a heading) as paragraphs of their own. Each is
recognised by its words: the headline's and dek's, a byline's start, a teaser block's text
the page marked, or a sentence the article's paragraphs already say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from .markdown_text import text_of

BYLINE = re.compile(r"^(by|von|analysis by|text:|текст:|автор:)\s", re.IGNORECASE)
BYLINE_MAX_CHARS = 120
DATELINE = re.compile(r"[\d.:/, -]+(uhr|am|pm|h)?")  # "22.12.2018", "14:05 Uhr" alone
HEAD_BLOCKS = 4  # the headline, dek, byline and teaser are within the body's first blocks
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
PULL_QUOTE_TAGS = ("h2", "h3", "h4", "h5", "h6", "blockquote", "aside")
PULL_QUOTE_MIN_WORDS = 5  # a shorter heading repeating words of a paragraph is a heading


@dataclass(frozen=True, kw_only=True)
class Head:
    """What the page says above its text, each already in our front matter or about to be."""

    title: str | None
    description: str | None
    teasers: list[str]  # the texts of the page's teaser, intro or lead blocks


def take_head(body: etree._Element, head: Head) -> str | None:
    """Drop the body's copies of the headline, dek and byline; hand back the teaser found
    at its top, which is the article's dek."""
    repeated = {_norm(head.title), _norm(head.description)} - {""}
    teasers = {_norm(text) for text in head.teasers}
    teaser = None
    for element in list(body)[:HEAD_BLOCKS]:
        text = _norm(text_of(element))
        if teaser is None and text in teasers and text not in repeated:
            teaser = " ".join(text_of(element).split())
            _remove(element)
        elif (text in repeated or _is_byline(text) or DATELINE.fullmatch(text)
              or (element.tag in HEADINGS and head.title
                  and text.endswith(_norm(head.title)))):  # "Kicker Headline"
            _remove(element)
    return teaser


def drop_closing_byline(body: etree._Element) -> None:
    """A byline after the article's last paragraph ("Von Clara Hoffmann"): front matter."""
    blocks = [element for element in body.iter("p", "div") if text_of(element).strip()
              and not any(child.tag in ("p", "div") for child in element)]
    if blocks and _is_byline(_norm(text_of(blocks[-1]))) \
            and not _words_after(blocks[-1], body):
        _remove(blocks[-1])


def _is_byline(text: str) -> bool:
    return bool(BYLINE.match(text)) and len(text) < BYLINE_MAX_CHARS


def drop_pull_quotes(body: etree._Element) -> list[str]:
    """Quotes and asides whose words a paragraph of the article already says, headings that
    say a whole paragraph again, and headings after the last paragraph, which head nothing:
    pull quotes, which a page sets large beside the text (and some pages repeat at the
    end). A heading that only shares words with the text heads a section and stays.
    Hands back their texts."""
    paragraphs = [_norm(text_of(p)) for p in body.iter("p")
                  if not any(a.tag in PULL_QUOTE_TAGS for a in p.iterancestors())]
    dropped = []
    for element in list(body.iter(*PULL_QUOTE_TAGS)):
        if element.getparent() is not None and _repeats(element, paragraphs):
            dropped.append(" ".join(text_of(element).split()))
            _remove(element)
    for heading in reversed(list(body.iter(*HEADINGS))):
        if _words_after(heading, body):
            break
        dropped.append(" ".join(text_of(heading).split()))
        _remove(heading)
    return dropped


def _repeats(element: etree._Element, paragraphs: list[str]) -> bool:
    text = _norm(text_of(element)).strip(" “”\"'»«„")
    if len(text.split()) < PULL_QUOTE_MIN_WORDS:
        return False
    if element.tag in HEADINGS:
        return text in paragraphs
    return any(text in paragraph for paragraph in paragraphs)


def _words_after(element: etree._Element, body: etree._Element) -> bool:
    """Whether any words of the article follow `element`."""
    node = element
    while node is not None and node is not body:
        if (node.tail or "").strip() or any(text_of(n).strip() for n in node.itersiblings()):
            return True
        node = node.getparent()
    return False


def _remove(element: etree._Element) -> None:
    """Take `element` out, keeping the words that follow it."""
    parent, previous = element.getparent(), element.getprevious()
    if element.tail and previous is not None:
        previous.tail = (previous.tail or "") + element.tail
    elif element.tail:
        parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _norm(text: str | None) -> str:
    return " ".join((text or "").split()).lower()
