"""What a saved page says about itself that trafilatura does not hand back.

trafilatura gives the publication day; the page often gives the time and zone too
(`article:published_time`, JSON-LD `datePublished`, `<time datetime>`). It drops the lead
photo's caption and credit, which our front matter keeps. Both are read here, and the lead
figure is taken out of the page so that it is not also the body's first image. So are the
page's own words about who wrote it and who published it (bylines.py decides the authors
from them), its language, its teasers and the titles its links carry.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from .bylines import BYLINE_CLASS, BYLINE_START, Credits
from .markdown_text import text_of

PUBLISHED = ("article:published_time", "parsely-pub-date", "datePublished", "dc.date.issued",
             "date")
MODIFIED = ("article:modified_time", "dateModified", "og:updated_time")
LANGUAGE = ("content-language", "language", "dc.language", "og:locale", "inLanguage")
PUBLISHER = ("og:site_name", "publisher", "application-name", "dc.publisher", "publisherName")
TEASER_CLASS = re.compile(r"teaser|intro|lead|vorspann|standfirst|dek|summary|abstract",
                          re.IGNORECASE)
TEASER_CHARS = (30, 600)  # a teaser is a sentence or three, not a headline, not the article
BYLINE_MAX_CHARS = 120  # a byline names people; a longer text is an author's biography
PIXEL_SIDE = 2  # an image this narrow or low is a tracking pixel or spacer, never a photo
ICON_SIDE = 100  # an image this small both ways is a logo, an icon or an avatar
PIXEL_NAME = re.compile(r"(^|[_.-])(pixel|trck|track\w*|beacon|count\w*|spacer|blank|leer|"
                        r"1x1|clear|transparent)[\w.-]*\.gif$|^(pixel|spacer|1x1|blank)\.\w+$",
                        re.IGNORECASE)  # the file names tracking pixels and spacers have
CHROME = ("a", "nav", "header", "footer", "aside")  # around an image: not the lead photo
NOT_BYLINES = ("script", "style", "nav", "form")  # a "By ..." text here bylines nothing
COMMENTS = re.compile(r"comment|kommentar|respond|reply|discussion|disqus", re.IGNORECASE)
LEAD_PARAGRAPH_WORDS = 20  # an image before the first paragraph this long is the lead photo
CREDIT_CLASS = re.compile(r"credit|copyright|photographer|source|author", re.IGNORECASE)
CREDIT_TEXT = re.compile(r"\s*(?:\(|\b)(?:photo(?:graph)?s?|фото|foto|credit|image|picture)"
                         r"(?:\s+by)?\s*:\s*(?P<credit>[^()]+)\)?\s*$|\s*©\s*(?P<c>.+)$",
                         re.IGNORECASE)


@dataclass(frozen=True)
class LeadFigure:
    src: str  # as the page wrote it
    alt: str
    caption: str
    credit: str


@dataclass(frozen=True)
class PageFacts:
    ids: set[str] = field(default_factory=set)  # every id in the page: in-page link targets
    lang: str | None = None  # <html lang>
    canonical: str | None = None  # <link rel=canonical> or og:url
    published: str | None = None  # ISO date or time with zone, as precise as the page says
    modified: str | None = None
    lead: LeadFigure | None = None
    author_pages: dict[str, str] = field(default_factory=dict)  # byline name -> its link
    credits: Credits = field(default_factory=Credits)  # who the page says made it
    publication: str | None = None  # JSON-LD's publisher, else og:site_name
    teasers: list[str] = field(default_factory=list)  # texts of teaser/intro/lead blocks
    link_titles: dict[str, str] = field(default_factory=dict)  # href -> <a title="...">


def read_facts(tree: lxml.html.HtmlElement) -> PageFacts:
    """Read the facts; the lead figure is removed from `tree`."""
    metas = _metadata(tree)
    items = [item for script in tree.iter("script")
             if script.get("type") == "application/ld+json"
             for item in _json_items(script.text or "")]
    return PageFacts(
        ids={element.get("id") for element in tree.iter() if element.get("id")},
        lang=_language([tree.get("lang")] + [metas.get(name) for name in LANGUAGE]
                       + [item.get("inLanguage") for item in items]),
        canonical=_canonical(tree) or metas.get("og:url"),
        published=_first_time([metas.get(name) for name in PUBLISHED]
                              + [t.get("datetime") for t in tree.iter("time")]),
        modified=_first_time([metas.get(name) for name in MODIFIED]),
        lead=_take_lead_figure(tree),
        author_pages=_author_pages(tree),
        credits=Credits(
            people=_unique(name for item in items
                           for name in _json_names(item.get("author"), "Person")),
            bylines=_bylines(tree),
            linked=_first_author_links(tree),
            meta=_unique([metas.get("author"), metas.get("dc.creator")]),
            publishers=_unique([metas.get(name) for name in PUBLISHER] + [
                name for item in items for name in _json_names(item.get("publisher"), "")]
                + [_host_name(_canonical(tree) or metas.get("og:url"))])),
        publication=next(iter(_unique([name for item in items for name in _json_names(
            item.get("publisher"), "")] + [metas.get("og:site_name")])), None),
        teasers=_teasers(tree),
        link_titles={a.get("href").strip(): " ".join(a.get("title").split())
                     for a in tree.iter("a") if a.get("href") and a.get("title")},
    )


def _author_pages(tree: lxml.html.HtmlElement) -> dict[str, str]:
    return {" ".join(text_of(a).split()): a.get("href").strip()
            for a in tree.iter("a") if "author" in (a.get("rel") or "").split()
            and a.get("href") and text_of(a).strip()}


def _first_author_links(tree: lxml.html.HtmlElement) -> list[str]:
    """The words of the rel=author links beside the page's first one: its byline's (a
    page's rails and comments have rel=author links of their own)."""
    first = next((a for a in tree.iter("a") if "author" in (a.get("rel") or "").split()), None)
    if first is None or first.getparent() is None:
        return []
    return list(_author_pages(first.getparent()))


def _host_name(url: str | None) -> str | None:
    """"www.heise.de" -> "heise": the name a site's address gives its publisher."""
    host = (urlsplit(url or "").hostname or "").removeprefix("www.")
    return host.rsplit(".", 1)[0] if "." in host else None


def is_pixel(image: etree._Element) -> bool:
    """A tracking pixel or spacer: 1x1 or so by its attributes, or by its file's name."""
    tiny = any((side := _pixels(image.get(name))) is not None and side <= PIXEL_SIDE
               for name in ("width", "height"))
    name = urlsplit(image.get("src", "")).path.rsplit("/", 1)[-1]
    return tiny or bool(PIXEL_NAME.search(name))


def _language(candidates: list) -> str | None:
    """The first language tag the page states, as BCP 47 (`de_DE` -> `de-DE`)."""
    for value in candidates:
        tag = value.strip().replace("_", "-") if isinstance(value, str) else ""
        if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", tag):
            return tag
    return None


def _json_names(value: object, wanted_type: str) -> list[str]:
    """Names in a JSON-LD author or publisher: a string, an object or a list of them;
    objects of another @type than `wanted_type` (when given) are left out."""
    values = value if isinstance(value, list) else [value]
    names = []
    for entry in values:
        if isinstance(entry, str) and not wanted_type:
            names.append(entry)
        elif isinstance(entry, dict) and isinstance(entry.get("name"), str):
            kinds = entry.get("@type")
            if not wanted_type or wanted_type in (kinds if isinstance(kinds, list) else [kinds]):
                names.append(entry["name"])
    return names


def _bylines(tree: lxml.html.HtmlElement) -> list[str]:
    """Short texts that name the authors: in an element marked as a byline, or starting
    "By"/"Von" on their own."""
    found = []
    for element in tree.iter("div", "p", "span", "strong", "em", "address", "li", "a"):
        text = " ".join(" ".join(element.itertext()).split())  # "Name" "facebook": 2 words
        if (not text or len(text) > BYLINE_MAX_CHARS or _in_chrome(element, NOT_BYLINES)
                or _in_comments(element)):
            continue
        marks = " ".join([element.get("class") or "", element.get("id") or "",
                          element.get("itemprop") or "", element.get("rel") or ""])
        if BYLINE_CLASS.search(marks) or BYLINE_START.match(text):
            found.append(text)
    return _unique(found)


def _in_comments(element: etree._Element) -> bool:
    """Inside the readers' comments, whose "Von Tim" or "By Ann Lee" is no byline."""
    return any(COMMENTS.search(" ".join([a.get("class") or "", a.get("id") or ""]))
               for a in (element, *element.iterancestors()))


def _teasers(tree: lxml.html.HtmlElement) -> list[str]:
    """Texts of blocks marked as a teaser, intro or lead that link nowhere (a teaser of
    another article is a link to it)."""
    found = []
    for element in tree.iter("p", "div"):
        names = (element.get("class") or "") + " " + (element.get("id") or "")
        text = " ".join(text_of(element).split())
        if (TEASER_CLASS.search(names) and TEASER_CHARS[0] <= len(text) <= TEASER_CHARS[1]
                and next(element.iter("a"), None) is None
                and not any(a.tag == "a" for a in element.iterancestors())):
            found.append(text)
    return _unique(found)


def _unique(items) -> list[str]:
    return list(dict.fromkeys(" ".join(item.split()) for item in items
                              if isinstance(item, str) and item.strip()))


def _metadata(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """Meta tags by property, name, itemprop or http-equiv, and JSON-LD's top-level dates."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop")
               or (meta.get("http-equiv") or "").lower())
        if key and meta.get("content"):
            found.setdefault(key, meta.get("content").strip())
    for script in tree.iter("script"):
        if script.get("type") == "application/ld+json":
            for item in _json_items(script.text or ""):
                for key in ("datePublished", "dateModified"):
                    if isinstance(item.get(key), str):
                        found.setdefault(key, item[key])
    return found


def _json_items(text: str) -> list[dict]:
    try:
        data = json.loads(text)
    except ValueError:
        return []
    if isinstance(data, dict):
        data = data.get("@graph", [data])
    return [item for item in data if isinstance(item, dict)] if isinstance(data, list) else []


def _canonical(tree: lxml.html.HtmlElement) -> str | None:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").split() and link.get("href"):
            return link.get("href").strip()
    return None


def _first_time(candidates: list[str | None]) -> str | None:
    """The first candidate that is a whole ISO date or a time with its zone."""
    for text in candidates:
        text = (text or "").strip()
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            continue
        if len(text) == 10:
            return text
        if moment.tzinfo is not None:
            return moment.isoformat()
    return None


def _take_lead_figure(tree: lxml.html.HtmlElement) -> LeadFigure | None:
    for element in tree.iter("img", "p"):
        if element.tag == "p" and len(text_of(element).split()) >= LEAD_PARAGRAPH_WORDS:
            return None
        if element.tag == "img" and not _in_chrome(element) and _may_be_photo(element):
            container = _container(element)
            caption, credit = _caption(container, element)
            container.getparent().remove(container)
            return LeadFigure(element.get("src", ""), element.get("alt", "").strip(),
                              caption, credit)
    return None


def _may_be_photo(image: etree._Element) -> bool:
    """Not a tracking pixel, a logo or an icon: what a lead photo never is."""
    name = urlsplit(image.get("src", "")).path.rsplit("/", 1)[-1]
    marks = " ".join([name, image.get("class") or "", image.get("id") or ""]).lower()
    sides = [_pixels(image.get(side)) for side in ("width", "height")]
    icon = all(side is not None and side <= ICON_SIDE for side in sides)
    return not (is_pixel(image) or "logo" in marks or icon)


def _pixels(value: str | None) -> int | None:
    number = (value or "").strip().removesuffix("px")
    return int(number) if number.isdecimal() else None


def _in_chrome(element: etree._Element, chrome: tuple[str, ...] = CHROME) -> bool:
    return any(a.tag in chrome for a in element.iterancestors())


def _container(image: etree._Element) -> etree._Element:
    figure = next((a for a in image.iterancestors() if a.tag == "figure"), None)
    return figure if figure is not None else image.getparent()


def _caption(container: etree._Element, image: etree._Element) -> tuple[str, str]:
    caption = next((e for e in container.iter() if e.tag == "figcaption"
                    or "caption" in (e.get("class") or "")), None)
    if caption is None:
        return "", ""
    credit = next((e for e in caption.iter() if e is not caption
                   and CREDIT_CLASS.search(e.get("class") or "")), None)
    credit_text = " ".join(text_of(credit).split()) if credit is not None else ""
    text = " ".join(text_of(caption).split())
    if credit_text:
        return text.replace(credit_text, "").strip(), _without_label(credit_text)
    match = CREDIT_TEXT.search(text)
    if match:
        return text[: match.start()].strip(), (match.group("credit") or match.group("c")).strip()
    return text, ""


def _without_label(credit: str) -> str:
    match = CREDIT_TEXT.match(credit)
    return (match.group("credit") or match.group("c")).strip() if match else credit
