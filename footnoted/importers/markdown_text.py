"""Plain text and addresses as our Markdown: what every importer writes the same way.

Escaping, HTML whitespace, note labels, and the reserved addresses importers give the links
an extraction must carry to the converter.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from lxml import etree

from ..content.image_places import shown_src
from ..content.urls import unsafe_url_reason

NOTE_OPEN, NOTE_CLOSE = "\ue000", "\ue001"  # around a note label, placed by the importer
HARD_BREAK = "\ue002"  # survives whitespace collapsing; becomes Markdown's two-space break
# Addresses in the reserved `.invalid` domain (RFC 2606) that importers give links the page
# left without a target (LOST), pointed within the page (JUMP + "#id") or that stand for
# an embedded player (EMBED + its address), so that trafilatura carries them to us.
LOST, JUMP = "https://footnoted.invalid/lost", "https://footnoted.invalid/jump"
EMBED = "https://footnoted.invalid/embed/"
ARTICLE = "https://footnoted.invalid/article/"  # + "slug.md": a link to an imported article

WEB = ("http", "https")  # the schemes of a page's or an image's address
_IGNORED = re.compile(r"[\x00-\x1f\x7f]")  # no address an import writes holds these
SPECIAL = re.compile(r"([\\`*_\[\]])")
ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
SPACES = re.compile(r"[ \t\r\n\f\v\u00a0]+")
NOTE = re.compile(f"{NOTE_OPEN}([^{NOTE_CLOSE}]*){NOTE_CLOSE}")


def escape(text: str) -> str:
    """Plain text as Markdown that shows exactly that text."""
    return SPECIAL.sub(r"\\\1", ENTITY_LIKE.sub("&amp;", text)).replace("<", "&lt;")


def resolve_href(href: str, base_url: str | None) -> tuple[str | None, str | None]:
    """(absolute URL, None) for a link we can keep; (None, what the page had) otherwise."""
    if href in ("", "#", LOST) or href.lower().startswith(("javascript:", "void(")):
        return None, None
    scheme = urlsplit(href).scheme.lower()
    if scheme in ("http", "https", "mailto"):
        url = href
    elif href.startswith("//"):
        url = "https:" + href
    elif not scheme and base_url:
        url = urljoin(base_url, href)
    else:
        return None, f"the page linked '{shown_src(href)}'"
    if kept_url(url) is None:
        return None, None if "script" in url.lower() else f"the page linked '{shown_src(href)}'"
    return url, None


def kept_url(url: str | None, schemes: tuple[str, ...] = ("http", "https", "mailto")
             ) -> str | None:
    """`url` when an import may write it: the build's rules (content/urls.py, whatever
    disguises the scheme) and one of `schemes`; None otherwise. Every address an importer
    writes, and every base it resolves others against, passes here."""
    if not url or unsafe_url_reason(url) or _IGNORED.search(url):
        return None
    return url if urlsplit(url).scheme.lower() in schemes else None


def text_of(element: etree._Element) -> str:
    """An element's text without its tail, comments or processing instructions."""
    return etree.tostring(element, method="text", encoding="unicode", with_tail=False)


def finish_inline(text: str) -> str:
    """Collapse HTML whitespace; breaks become Markdown's; note labels become [^label]."""
    text = SPACES.sub(" ", text).replace(f" {HARD_BREAK}", HARD_BREAK)
    text = text.replace(f"{HARD_BREAK} ", HARD_BREAK).strip(f" {HARD_BREAK}")
    return NOTE.sub(r"[^\1]", text.replace(HARD_BREAK, "  \n"))


def note_label(label: str) -> str:
    """Text an importer puts where a note is referred to; `finish_inline` writes `[^label]`."""
    return f"{NOTE_OPEN}{label}{NOTE_CLOSE}"


def short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."
