"""What a web page says of itself: title, publisher, author, publication date, language.

Read from the markup publishers write for machines, most precise first: Highwire Press
`citation_*` tags (scholarly sites, and what Zotero reads first), JSON-LD (`NewsArticle`,
`Article`, `WebPage` and kin), Open Graph and `article:*` tags, then trafilatura's own metadata
extraction (it also splits "Title | Site" titles), then `<title>` and `<html lang>`. Each
field comes from the first of these that has it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

ARTICLE_TYPES = ("NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle",
                 "OpinionNewsArticle", "BlogPosting", "ScholarlyArticle", "Report", "WebPage",
                 "TechArticle", "LiveBlogPosting")
LONGEST = 300  # characters of a field kept: a "title" longer than this is not one


@dataclass(frozen=True, kw_only=True)
class PageFacts:
    """What one page says of itself; None where it says nothing."""

    title: str | None = None
    publisher: str | None = None
    author: str | None = None  # names joined by ", "
    date: date | None = None
    lang: str | None = None

    def any(self) -> bool:
        return any(value is not None for value in vars(self).values())


def page_facts(html: str, url: str = "") -> PageFacts:
    """The facts of the page `html` (fetched from `url`), each from its best source."""
    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return PageFacts()
    layers = [_highwire(tree), _json_ld(tree), _open_graph(tree), _trafilatura(html, url),
              _plain(tree)]
    picked = {name: next((layer[name] for layer in layers if layer.get(name)), None)
              for name in ("title", "publisher", "author", "date", "lang")}
    return PageFacts(title=_clean(picked["title"]), publisher=_clean(picked["publisher"]),
                     author=_clean(picked["author"]), date=_day(picked["date"]),
                     lang=_language(picked["lang"]))


def page_text(html: str) -> str:
    """Every word a reader sees on the page (the quote may be anywhere, not only in the
    main text), scripts and styles left out."""
    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    etree.strip_elements(tree, "script", "style", "noscript", "template", with_tail=False)
    return " ".join(tree.itertext())


def _meta(tree, *names: str) -> list[str]:
    """The content of every <meta name=...> or <meta property=...> of these names, in order."""
    wanted = {name.lower() for name in names}
    return [str(element.get("content")).strip() for element in tree.iter("meta")
            if (element.get("name") or element.get("property") or "").strip().lower() in wanted
            and (element.get("content") or "").strip()]


def _highwire(tree) -> dict:
    authors = [_given_first(name) for name in _meta(tree, "citation_author")]
    return {"title": _first(_meta(tree, "citation_title")),
            "publisher": _first(_meta(tree, "citation_journal_title",
                                      "citation_conference_title", "citation_publisher",
                                      "citation_technical_report_institution")),
            "author": ", ".join(authors) or None,
            "date": _first(_meta(tree, "citation_publication_date", "citation_date",
                                 "citation_online_date")),
            "lang": _first(_meta(tree, "citation_language"))}


def _open_graph(tree) -> dict:
    return {"title": _first(_meta(tree, "og:title")),
            "publisher": _first(_meta(tree, "og:site_name")),
            "author": _names(_meta(tree, "article:author", "author")),
            "date": _first(_meta(tree, "article:published_time", "og:published_time")),
            "lang": _first(_meta(tree, "og:locale"))}


def _json_ld(tree) -> dict:
    for item in _json_ld_items(tree):
        kinds = item.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if any(kind in ARTICLE_TYPES for kind in kinds):
            return {"title": _text(item.get("headline") or item.get("name")),
                    "publisher": _name_of(item.get("publisher")) or
                    _name_of(item.get("isPartOf")),
                    "author": ", ".join(filter(None, map(_name_of, _listed(item.get("author")))))
                    or None,
                    "date": _text(item.get("datePublished") or item.get("dateCreated")),
                    "lang": _text(item.get("inLanguage"))}
    return {}


def _json_ld_items(tree) -> list[dict]:
    """Every object of every JSON-LD script, @graph lists flattened."""
    items: list[dict] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                items.append(item)
                stack.extend(_listed(item.get("@graph")))
            elif isinstance(item, list):
                stack.extend(item)
    return items


def _trafilatura(html: str, url: str) -> dict:
    """trafilatura's metadata: names from bylines, "Title | Site" titles, dates in the URL."""
    from trafilatura import extract_metadata  # slow to import; only `sources` needs it

    try:
        found = extract_metadata(html, default_url=url or None)
    except Exception:  # a third party's parser on any page: never fatal
        return {}
    if found is None:
        return {}
    named = found.sitename if found.sitename and not _is_host(found.sitename, url) else None
    return {"title": found.title, "publisher": named, "author": found.author,
            "date": found.date}


def _is_host(name: str, url: str) -> bool:
    """trafilatura names a site by its host when the page does not: that is no name."""
    parts = urlsplit(url)
    return name.lower().removeprefix("www.") in {
        (parts.netloc or "").lower().removeprefix("www."),
        (parts.hostname or "").removeprefix("www.")}


def _plain(tree) -> dict:
    title = tree.find(".//title")
    lang = tree.get("lang") or tree.get("xml:lang") or _first(
        [element.get("content") for element in tree.iter("meta")
         if (element.get("http-equiv") or "").lower() == "content-language"])
    return {"title": title.text_content() if title is not None else None, "lang": lang}


def _given_first(name: str) -> str:
    """Highwire writes "Smith, Jane"; a byline says "Jane Smith"."""
    family, comma, given = name.partition(",")
    return f"{given.strip()} {family.strip()}" if comma and "," not in given else name


def _name_of(value) -> str | None:
    if isinstance(value, dict):
        return _text(value.get("name"))
    if isinstance(value, list):
        return _name_of(value[0]) if value else None
    return _text(value)


def _names(values: list[str]) -> str | None:
    """Author meta tags: names, not the profile URLs some sites put there."""
    names = [value for value in values if not value.startswith(("http://", "https://"))]
    return ", ".join(dict.fromkeys(names)) or None


def _listed(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _first(values: list) -> str | None:
    return next((value for value in values if value), None)


def _text(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    text = re.sub(r"\s+", " ", value).strip()
    return text[:LONGEST] if text else None


_DATE = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")


def _day(value: str | None) -> date | None:
    """2023-03-12, 2023/03/12, 2023-03-12T10:15:00+01:00: the day it names, or None."""
    found = _DATE.search(value or "")
    if not found:
        return None
    try:
        return date(*(int(part) for part in found.groups()))
    except ValueError:
        return None


_LANG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


def _language(value: str | None) -> str | None:
    """en_GB (Open Graph's form) -> en-GB; anything not shaped like a language tag -> None."""
    text = (value or "").strip()
    return text.replace("_", "-") if _LANG.match(text) else None
