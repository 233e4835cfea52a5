"""What a saved page says about itself that trafilatura does not hand back.

trafilatura gives the publication day; the page often gives the time and zone too
(`article:published_time`, JSON-LD `datePublished`, `<time datetime>`). It drops the lead
photo's caption and credit, which our front matter keeps. Both are read here, and the lead
figure is taken out of the page so that it is not also the body's first image.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime

import lxml.html
from lxml import etree

from .markdown_text import text_of

PUBLISHED = ("article:published_time", "parsely-pub-date", "datePublished", "dc.date.issued",
             "date")
MODIFIED = ("article:modified_time", "dateModified", "og:updated_time")
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


def read_facts(tree: lxml.html.HtmlElement) -> PageFacts:
    """Read the facts; the lead figure is removed from `tree`."""
    metas = _metadata(tree)
    return PageFacts(
        ids={element.get("id") for element in tree.iter() if element.get("id")},
        lang=(tree.get("lang") or "").strip() or None,
        canonical=_canonical(tree) or metas.get("og:url"),
        published=_first_time([metas.get(name) for name in PUBLISHED]
                              + [t.get("datetime") for t in tree.iter("time")]),
        modified=_first_time([metas.get(name) for name in MODIFIED]),
        lead=_take_lead_figure(tree),
        author_pages={" ".join(text_of(a).split()): a.get("href").strip()
                      for a in tree.iter("a") if "author" in (a.get("rel") or "").split()
                      and a.get("href") and text_of(a).strip()},
    )


def _metadata(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """Meta tags by property, name or itemprop, and JSON-LD's top-level dates."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
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
    items = data if isinstance(data, list) else data.get("@graph", [data])
    return [item for item in items if isinstance(item, dict)]


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
        if element.tag == "img" and not _in_chrome(element):
            container = _container(element)
            caption, credit = _caption(container, element)
            container.getparent().remove(container)
            return LeadFigure(element.get("src", ""), element.get("alt", "").strip(),
                              caption, credit)
    return None


def _in_chrome(image: etree._Element) -> bool:
    return any(a.tag in ("a", "nav", "header", "footer", "aside") for a in image.iterancestors())


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
