"""What a saved page needs before trafilatura reads it, and what trafilatura leaves in.

trafilatura drops the page's footnote lists, figure captions and links without a target,
and resolves '#' against the page's address; these steps keep them. It keeps a few kinds
of box that news pages put inside the article body (paywall, donation and newsletter
boxes, "Read more:" lines), the publisher's boilerplate (a wire service's standards line,
a slideshow's image count) and tracking pixels; these steps take them out, by their class,
their label, their words or their size. Lazy-loaded images get their file back first.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from .markdown_text import EMBED, JUMP, LOST, note_label, text_of
from .pagefacts import PIXEL_NAME, is_pixel

BOX_CLASS = re.compile(r"^(paywall|regwall|piano|subscri\w*|newsletter\w*|promo|inline-promo|"
                       r"donat\w*|read-?also|read-?more|related\w*|share\w*|social\w*|"
                       r"sharing|ad|ads|ad-slot|advert\w*|cookie\w*|comments?)([-_]\w+)*$",
                       re.IGNORECASE)
# Lines a publisher puts under every article, which are no part of this one. Credits
# ("Reporting by ...; Editing by ...") say who made the article and stay.
BOILERPLATE = re.compile(r"^(?:our standards:.*trust principles\.?|(?:slideshow|gallery|"
                         r"bildergalerie|fotostrecke)\s*\(\s*\d+\s*(?:images?|photos?|"
                         r"bilder|fotos)\s*\))$", re.IGNORECASE)
# Where lazy-loading markup keeps an image's file while `src` holds a placeholder.
LAZY_SOURCES = ("data-src", "data-lazy-src", "data-original", "data-retina-src")
PLACEHOLDER = re.compile(r"placeholder|lazy|loading|leer|blank|spacer|transparent",
                         re.IGNORECASE)
BOX_MAX_CHARS = 1200  # a box is short: never remove a container holding the article
READ_MORE = re.compile(r"^\s*(read more|read also|also read|see also|related|more|watch|"
                       r"читайте также|смотрите также|по теме)\s*:", re.IGNORECASE)


def remove_boxes(tree: lxml.html.HtmlElement) -> None:
    """Paywall, newsletter, share and related boxes, and "Read more: <link>" lines."""
    for element in list(tree.iter("div", "section", "aside", "p", "span", "ul")):
        if element.getparent() is None:
            continue
        names = (element.get("class") or "").split() + (element.get("id") or "").split()
        text = " ".join(text_of(element).split())
        boxed = any(BOX_CLASS.match(name) for name in names) and len(text) < BOX_MAX_CHARS
        if boxed or _is_read_more(element, text):
            _replace_with_text(element, "")


def remove_boilerplate(tree: lxml.html.HtmlElement) -> None:
    """The outermost elements holding nothing but a publisher's boilerplate line."""
    found = [element for element in tree.iter("p", "div", "figure", "figcaption", "span",
                                              "li", "i", "em")
             if BOILERPLATE.match(" ".join(text_of(element).split()))]
    for element in found:
        if not any(ancestor in found for ancestor in element.iterancestors()):
            _replace_with_text(element, "")


def load_lazy_images(tree: lxml.html.HtmlElement) -> None:
    """An image whose `src` is a placeholder (a spacer, a data: URL, none) gets the file its
    lazy-loading markup names, so that it is neither lost nor taken for a pixel."""
    for image in tree.iter("img"):
        lazy = next((image.get(name).strip() for name in LAZY_SOURCES
                     if (image.get(name) or "").strip()), None)
        if lazy and _is_placeholder(image.get("src") or ""):
            image.set("src", lazy)


def _is_placeholder(src: str) -> bool:
    name = src.split("?")[0].rsplit("/", 1)[-1]
    return not src.strip() or src.startswith("data:") or bool(
        PLACEHOLDER.search(name) or PIXEL_NAME.search(name))


def remove_pixels(tree: lxml.html.HtmlElement) -> None:
    """Tracking pixels and spacers: no reader sees them, so no article shows them."""
    for image in list(tree.iter("img")):
        if is_pixel(image):
            _replace_with_text(image, "")


def keep_captions(tree: lxml.html.HtmlElement) -> None:
    """A figure's caption as an italic paragraph, which trafilatura keeps."""
    for caption in list(tree.iter("figcaption")):
        caption.tag = "p"
        emphasis = etree.SubElement(caption, "i")
        emphasis.text, caption.text = caption.text, None
        for child in list(caption)[:-1]:
            emphasis.append(child)


def keep_embeds(tree: lxml.html.HtmlElement) -> None:
    """An embedded player becomes a paragraph linking to it; trafilatura drops iframes."""
    for embed in list(tree.iter("iframe", "video", "audio")):
        src = embed.get("src") or next((s.get("src") for s in embed.iter("source")), None)
        if not src or not src.startswith(("http:", "https:", "//")):
            continue
        paragraph = etree.Element("p")
        link = etree.SubElement(paragraph, "a", href=EMBED + src)
        link.text = embed.get("title") or f"Embedded {embed.tag}"
        paragraph.tail = embed.tail
        embed.getparent().replace(embed, paragraph)


def _is_read_more(element: etree._Element, text: str) -> bool:
    if len(text) > 200 or not READ_MORE.match(text):
        return False
    linked = sum(len(text_of(link)) for link in element.iter("a"))
    return linked >= len(READ_MORE.sub("", text).strip()) * 0.8


def take_footnotes(tree: lxml.html.HtmlElement) -> list[tuple[str, etree._Element]]:
    """Replace the page's note references by labels; detach the notes they point to."""
    by_id = {element.get("id"): element for element in tree.iter() if element.get("id")}
    notes: dict[str, tuple[str, etree._Element]] = {}
    for link in list(tree.iter("a")):
        href = link.get("href") or ""
        target = by_id.get(href[1:]) if href.startswith("#") else None
        if target is None or not _is_note_reference(link, target):
            continue
        if target.get("id") not in notes:
            notes[target.get("id")] = (f"n{len(notes) + 1}", target)
        marker = link.getparent() if _alone_in_sup(link) else link
        _replace_with_text(marker, note_label(notes[target.get("id")][0]))
    for _label, element in notes.values():
        _remove_backlinks(element)
        container = element.getparent()
        if container is not None:
            container.remove(element)
            _remove_emptied(container)
    return list(notes.values())


def _is_note_reference(link: etree._Element, target: etree._Element) -> bool:
    words = text_of(link).strip(" []()")
    in_sup = any(parent.tag == "sup" for parent in link.iterancestors())
    marked = "footnote" in (link.get("class") or "") or link.get("role") == "doc-noteref"
    return len(words) <= 3 and words.isalnum() and (in_sup or marked) and target.tag != "a"


def _alone_in_sup(link: etree._Element) -> bool:
    parent = link.getparent()
    return (parent is not None and parent.tag == "sup" and len(parent) == 1
            and not (parent.text or "").strip() and not (link.tail or "").strip())


def _replace_with_text(element: etree._Element, text: str) -> None:
    parent, previous = element.getparent(), element.getprevious()
    joined = text + (element.tail or "")
    if previous is not None:
        previous.tail = (previous.tail or "") + joined
    else:
        parent.text = (parent.text or "") + joined
    parent.remove(element)


def _remove_backlinks(note: etree._Element) -> None:
    for link in list(note.iter("a")):
        if (link.get("href") or "").startswith("#"):
            _replace_with_text(link, "")


def _remove_emptied(container: etree._Element) -> None:
    """A notes list with nothing left goes, with its heading or rule, up to the article."""
    while container is not None and not text_of(container).strip():
        parent = container.getparent()
        if parent is None:
            return
        previous = container.getprevious()
        if previous is not None and re.fullmatch(r"(foot|end)?notes|references|sources",
                                                 text_of(previous).strip().lower()):
            parent.remove(previous)
        parent.remove(container)
        container = parent


def mark_links_to_nowhere(tree: lxml.html.HtmlElement, ids: set[str]) -> None:
    """Links with no target, or to an id the page lacks, become lost sources, not dropped.

    trafilatura would resolve '#' against the page's address, so both kinds get an address
    of the reserved `.invalid` domain (RFC 2606) that the converter recognises."""
    for link in tree.iter("a"):
        href = (link.get("href") or "").strip()
        if href.startswith("#") and href[1:] in ids:
            link.set("href", JUMP + href)
        elif not href or href.startswith("#") or href.lower().startswith("javascript:"):
            link.set("href", LOST)


