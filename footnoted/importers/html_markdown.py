"""HTML -> annotated Markdown: what `html` and `wordpress` imports share.

A small walk over an lxml tree, not a general converter: it knows the elements an article
body holds (paragraphs, headings, lists, quotes, tables, code, figures, emphasis, links) and
writes each link as `[words][key]`, declared in the article's SourceBook. Anything else is
either unwrapped to its text or reported, so nothing disappears silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from lxml import etree

from ..content.image_places import IMAGE_SUFFIXES
from .imageshelf import ImageShelf
from .markdown_text import (
    ARTICLE,
    EMBED,
    HARD_BREAK,
    JUMP,
    NOTE_OPEN,
    SPACES,
    escape,
    finish_inline,
    resolve_href,
    short,
    shown_src,
    text_of,
)
from .model import Harvest
from .sourcebook import SourceBook

CONTAINERS = {"div", "section", "article", "main", "header", "footer", "body", "html",
              "center", "hgroup", "address"}
DROPPED = {"script", "style", "noscript", "form", "button", "input", "select", "textarea",
           "nav", "svg", "template", "object", "canvas", "head", "title", "meta", "link"}
EMBEDS = {"iframe", "video", "audio", "embed"}
ALTERNATIVES = {"source", "track"}  # a picture's or player's other files: its <img> shows
BLOCKS = CONTAINERS | DROPPED | EMBEDS | {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "pre", "table", "hr",
    "figure", "dl", "details", "aside"}
STRONG, EMPHASIS = {"strong", "b"}, {"em", "i", "cite", "dfn", "var"}
CODE = {"code", "kbd", "samp", "tt"}

_BLOCK_MARK = re.compile(r"^([#>+-])(?=\s|$)", re.MULTILINE)  # a heading, quote or list
_NUMBERED = re.compile(r"^(\d+)\.(?=\s|$)", re.MULTILINE)  # an ordered list
_NOTE_LIKE = re.compile(r"\[?\d{1,3}\]?|[*†‡§¶]")  # a superscript that marks a note
_SUPERSCRIPT = str.maketrans("0123456789[]", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾")


class HtmlToMarkdown:
    """Converts one article's HTML; links and images go to its SourceBook and ImageShelf."""

    def __init__(self, book: SourceBook, shelf: ImageShelf, harvest: Harvest,
                 path: str, line: int = 0, articles: dict[str, str] | None = None) -> None:
        self.book, self.shelf, self.harvest = book, shelf, harvest
        self.path, self.line = path, line  # where problems point
        self.articles = articles or {}  # an imported article's old address -> "slug.md"
        self.in_link = False  # Markdown links cannot nest: inside one, links are words

    def convert(self, root: etree._Element) -> str:
        return "\n\n".join(self.blocks(root)).strip() + "\n"

    # Blocks -------------------------------------------------------------------------------

    def blocks(self, element: etree._Element) -> list[str]:
        out: list[str] = []
        run: list[str] = [escape(element.text or "")]
        for child in element:
            if _tag(child) in BLOCKS:
                out += self.paragraph(run)
                run = []
                out += self.block(child)
            else:
                run.append(self.inline(child))
            run.append(escape(child.tail or ""))
        return out + self.paragraph(run)

    def paragraph(self, run: list[str]) -> list[str]:
        text = finish_inline("".join(run))
        return [_NUMBERED.sub(r"\1\\.", _BLOCK_MARK.sub(r"\\\1", text))] if text else []

    def block(self, element: etree._Element) -> list[str]:
        tag = _tag(element)
        if tag in CONTAINERS or tag == "aside":
            return self.blocks(element)
        if tag == "p":
            return self.paragraph([self.inline_content(element)])
        if tag in ("ul", "ol"):
            return [self.list_block(element, ordered=tag == "ol")]
        if tag == "blockquote":
            inner = "\n\n".join(self.blocks(element))
            return [re.sub(r"^", "> ", inner, flags=re.MULTILINE).replace("> \n", ">\n")]
        if tag == "pre":
            return [self.code_block(element)]
        if tag == "table":
            return self.table(element)
        if tag == "hr":
            return ["* * *"]
        if tag == "figure":
            return self.figure(element)
        if tag in ("dl", "details"):
            return self.definitions(element)
        if tag in EMBEDS:
            return self.embed(element)
        if tag in DROPPED:
            return self.dropped(element)
        level = max(int(tag[1]), 2)  # the headline is the page's only h1
        text = finish_inline(self.inline_content(element)).replace("  \n", " ")
        return [f"{'#' * level} {text}"] if text else []

    def list_block(self, element: etree._Element, ordered: bool) -> str:
        items, loose = [], False
        start = int(element.get("start", "1")) if element.get("start", "1").isdigit() else 1
        for number, item in enumerate(_children(element, "li"), start):
            parts = self.blocks(item) or [""]
            loose = loose or sum(not _is_list(p) for p in parts) > 1
            text = "".join(p if i == 0 else ("\n" if _is_list(p) else "\n\n") + p
                           for i, p in enumerate(parts))
            marker = f"{number}. " if ordered else "- "
            items.append(marker + text.replace("\n", "\n    ").replace("\n    \n", "\n\n"))
        return ("\n\n" if loose else "\n").join(items)

    def code_block(self, element: etree._Element) -> str:
        code = element.find("code")
        classes = ((code.get("class") if code is not None else None) or element.get("class")
                   or "")
        language = next((c.split("-", 1)[1] for c in classes.split()
                         if c.startswith(("language-", "lang-"))), "")
        text = text_of(element).strip("\n")
        fence = "```" if "```" not in text else "~~~~"
        return f"{fence}{language}\n{text}\n{fence}"

    def table(self, element: etree._Element) -> list[str]:
        rows = [[finish_inline(self.inline_content(cell)).replace("|", "\\|")
                 .replace("  \n", " ") for cell in row if _tag(cell) in ("td", "th")]
                for row in element.iter("tr")]
        rows = [row for row in rows if row]
        if not rows:
            return []
        width = max(len(row) for row in rows)
        rows = [row + [""] * (width - len(row)) for row in rows]
        lines = [rows[0], ["---"] * width, *rows[1:]]
        caption = element.find("caption")
        table = "\n".join("| " + " | ".join(row) + " |" for row in lines)
        return [table] + (self.paragraph([self.inline_content(caption)])
                          if caption is not None else [])

    def figure(self, element: etree._Element) -> list[str]:
        out = []
        for child in element:
            if _tag(child) == "figcaption":
                caption = finish_inline(self.inline_content(child))
                out += [f"*{caption}*"] if caption else []
            elif _tag(child) in BLOCKS:
                out += self.block(child)
            else:
                out += self.paragraph([self.inline(child)])
        return out

    def definitions(self, element: etree._Element) -> list[str]:
        out = []
        for child in element:
            if _tag(child) in ("dt", "summary"):
                text = finish_inline(self.inline_content(child))
                out += [f"**{text}**"] if text else []
            elif _tag(child) == "dd":
                out += self.blocks(child)
            elif _tag(child) in BLOCKS:
                out += self.block(child)
            else:
                out += self.paragraph([self.inline(child)])
        return out

    def embed(self, element: etree._Element) -> list[str]:
        src = element.get("src") or next((s.get("src") for s in element.iter("source")
                                          if s.get("src")), "")
        words = element.get("title") or f"Embedded {_tag(element)}"
        self.harvest.warn(self.path, self.line, "embed",
                            f"embedded {_tag(element)} '{src or '(no address)'}' cannot be "
                            "shown; kept as a link", "Check the source is what the page showed")
        if not src:
            return self.paragraph([f"[{escape(words)}][{self.book.lost(words)}]"])
        return self.paragraph([self.link_markdown(escape(words), words, src)])

    def dropped(self, element: etree._Element) -> list[str]:
        if _tag(element) not in ("head", "title", "meta", "link") \
                and text_of(element).strip():
            self.harvest.warn(self.path, self.line, "raw-html",
                                f"a <{_tag(element)}> element was left out: "
                                f"'{short(text_of(element))}'",
                                "Copy what it showed into the article by hand if it mattered")
        return []

    # Inline -------------------------------------------------------------------------------

    def inline_content(self, element: etree._Element) -> str:
        parts = [escape(element.text or "")]
        for child in element:
            parts += [self.inline(child), escape(child.tail or "")]
        return "".join(parts)

    def inline(self, element: etree._Element) -> str:
        tag = _tag(element)
        if tag == "":
            return ""  # a comment or processing instruction
        if tag == "a":
            return self.inline_content(element) if self.in_link else self.link(element)
        if tag == "br":
            return HARD_BREAK
        if tag in ALTERNATIVES:
            return ""
        if tag == "img" and self.in_link:
            return self.linked_image(element)
        if tag == "img":
            return self.shelf.markdown(element.get("src", ""), escape(element.get("alt", "")),
                                       self.path, self.line)
        if tag in CODE:
            code = SPACES.sub(" ", text_of(element))
            ticks = "``" if "`" in code else "`"
            return f"{ticks}{code}{ticks}" if code.strip() else code
        if tag in EMBEDS:
            return " ".join(self.embed(element))
        if tag in DROPPED:
            return "".join(self.dropped(element))
        inner = self.inline_content(element)
        if tag in STRONG:
            return _wrap(inner, "**")
        if tag in EMPHASIS:
            return _wrap(inner, "*")
        if tag == "q":
            return f"“{inner}”"
        if tag == "sup" and NOTE_OPEN not in inner and _NOTE_LIKE.fullmatch(inner.strip()):
            self.harvest.warn(self.path, self.line, "superscript",
                                f"superscript '{inner.strip()}' refers to no note in the page; "
                                "kept as a superscript character",
                                "Add the note it stood for, as [^label], if it is known")
            return inner.strip().translate(_SUPERSCRIPT)
        return inner

    def linked_image(self, image: etree._Element) -> str:
        """An image inside a link: shown if it is a local file, else reported (a source
        cannot sit inside a link's words)."""
        found = self.shelf.locate(image.get("src", ""))
        if found is not None:
            return self.shelf.markdown(image.get("src", ""), escape(image.get("alt", "")),
                                       self.path, self.line)
        self.harvest.warn(self.path, self.line, "linked-image",
                            f"image '{shown_src(image.get('src', ''))}' inside a link is not "
                            "in the input; left out", "Download it beside the article")
        return ""

    def link(self, element: etree._Element) -> str:
        plain = " ".join(text_of(element).split())
        if not plain:
            return self.image_link(element)
        self.in_link = True
        try:
            words = self.inline_content(element)
        finally:
            self.in_link = False
        return self.link_markdown(words, plain, (element.get("href") or "").strip())

    def image_link(self, element: etree._Element) -> str:
        """A link around an image alone: the image is kept, the link has no words to carry.
        A link to a bigger copy of the image says nothing more; any other is reported."""
        href = (element.get("href") or "").strip()
        if href and not urlsplit(href).path.lower().endswith(IMAGE_SUFFIXES):
            self.harvest.warn(self.path, self.line, "image-link",
                                f"an image linked to '{shown_src(href)}'; the image is kept, "
                                "the link is not")
        return self.inline_content(element)

    def link_markdown(self, words: str, plain: str, href: str) -> str:
        href = href.removeprefix(JUMP)
        if href.startswith(ARTICLE):  # navigation to another article, not a source
            return f"[{words.strip()}]({href.removeprefix(ARTICLE)})"
        if href.startswith(EMBED):
            href = href.removeprefix(EMBED)
            self.harvest.warn(self.path, self.line, "embed",
                                f"embedded player '{shown_src(href)}' cannot be shown; kept as a "
                                "link", "Check the source is what the page showed")
        if href.startswith("#") and len(href) > 1:
            self.harvest.warn(self.path, self.line, "in-page-link",
                                f"link '{short(plain)}' jumps to {href} in the page; kept as "
                                "plain words")
            return words
        url, note = resolve_href(href, self.shelf.base_url)
        if url is not None and url.rstrip("/") in self.articles:  # navigation, not a source
            return f"[{words.strip()}]({self.articles[url.rstrip('/')]})"
        if url is not None:
            return f"[{words.strip()}][{self.book.link(url, plain)}]"
        self.harvest.warn(self.path, self.line, "lost-link",
                            f"link '{short(plain)}' " + (f"pointed to '{shown_src(href)}'" if note
                                                          else "had no target")
                            + "; declared as a lost source",
                            "Find the original target and replace 'lost: true' with 'url:'")
        return f"[{words.strip()}][{self.book.lost(plain, note)}]"


def _wrap(inner: str, mark: str) -> str:
    core = inner.strip(" \n\t")
    if not core or core == HARD_BREAK:
        return inner
    lead = inner[: len(inner) - len(inner.lstrip(" \n\t"))]
    trail = inner[len(inner.rstrip(" \n\t")):]
    return f"{lead}{mark}{core}{mark}{trail}"


def _tag(element: etree._Element) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _children(element: etree._Element, tag: str) -> Iterator[etree._Element]:
    return (child for child in element if _tag(child) == tag)


def _is_list(block: str) -> bool:
    return bool(re.match(r"(- |\d+\. )", block))

