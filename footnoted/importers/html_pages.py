"""`import html`: saved article pages, their body and metadata found by trafilatura.

trafilatura separates an article from its page (menus, share bars, rails, newsletter and
paywall boxes, comments) and reads the metadata from wherever the page keeps it (meta tags,
JSON-LD, bylines). Before it runs, this module takes out what it would drop or mangle and
we need: the page's own footnotes (which become our notes), the lead figure's caption and
credit, and links that point nowhere (which become lost sources).
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import lxml.html
from lxml import etree

from ..content.slugs import slugify
from . import pageclean
from .article_writer import Timestamp
from .body_tidy import Head, drop_closing_byline, drop_pull_quotes, take_head
from .bylines import authors
from .confined import confined
from .html_markdown import HtmlToMarkdown
from .imageshelf import ImageShelf
from .markdown_text import WEB, kept_url, note_label, resolve_href, text_of
from .model import Harvest, ImportedArticle, ImportOptions
from .pagefacts import PageFacts, read_facts
from .sourcebook import SourceBook

SUFFIXES = (".html", ".htm", ".xhtml")
# A tag that is an agency's or a CMS's internal code, not a subject: "Online Services (NEC)
# (TRBC level 5)", "Picture Available", "ISIN_US3453708600", "5050".
CODED_TAG = re.compile(r"\((?:[A-Z0-9]{2,}|TRBC level \d+)\)|^\w+ Available$|^[A-Z]+_\w+$|"
                       r"^\d+$")


def read_html(sources: list[Path], options: ImportOptions, harvest: Harvest) -> None:
    import trafilatura  # heavy (lxml, jusText, htmldate): loaded only by this command

    for path in _pages(sources):
        harvest.items_in += 1
        article = import_page(path, trafilatura, harvest)
        if article is not None:
            harvest.articles.append(article)


def import_page(path: Path, trafilatura: Any, harvest: Harvest) -> ImportedArticle | None:
    name = str(path)
    try:
        tree = _parse(path.read_bytes())
    except (etree.ParserError, ValueError) as exc:
        harvest.unreadable(name, 0, f"cannot be read as HTML ({exc})",
                           "Save the page again from the browser, as 'Web page, complete'")
        return None
    pageclean.load_lazy_images(tree)  # before the lead photo is looked for
    facts = read_facts(tree)
    notes = _prepare(tree, facts)
    document = trafilatura.bare_extraction(
        tree, with_metadata=True, include_links=True, include_images=True,
        include_formatting=True, include_tables=True, include_comments=False)
    if document is None or document.body is None:
        harvest.warn(name, 0, "skipped", "no article text was found in the page; not imported")
        return None
    if not (document.title and (facts.published or document.date)):
        harvest.warn(name, 0, "skipped", "the page gives no " + (
            "headline" if not document.title else "publication date") + "; not imported",
            "Import it by hand, or add the missing <meta> to the saved page")
        return None
    base_url = _http(document.url) or _http(facts.canonical)
    slug = _slug(base_url, path, document.title)
    book = SourceBook(titles=_link_titles(facts.link_titles, base_url))
    shelf = ImageShelf(slug, book, harvest, lambda src: _local_file(path, src, harvest),
                       base_url)
    converter = HtmlToMarkdown(book, shelf, harvest, name)
    body = trafilatura.htmlprocessing.convert_to_html(document.body).find("body")
    teaser = _tidy(body, document, facts, name, harvest)
    text = converter.convert(body)
    definitions = _definitions(notes, text_of(body), converter, name, harvest)
    meta = _front_matter(document, facts, book, shelf, name, harvest, teaser)
    return ImportedArticle(slug=slug, origin=path.name, meta=meta,
                           body="\n\n".join([text.strip(), *definitions]), images=shelf.files)


def _parse(data: bytes) -> lxml.html.HtmlElement:
    """The page's tree. Bytes that are valid UTF-8 are read as UTF-8: libxml2 takes a page
    for Latin-1 when non-ASCII text (a <title>) comes before its <meta charset>, and every
    "ü" would become "Ã¼"; a page in another encoding is almost never valid UTF-8."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return lxml.html.fromstring(data)
    return lxml.html.fromstring(data, parser=lxml.html.HTMLParser(encoding="utf-8"))


def _prepare(tree: lxml.html.HtmlElement, facts: PageFacts) -> list[tuple[str, etree._Element]]:
    """The page made ready for trafilatura; hands back the footnotes taken out of it."""
    notes = pageclean.take_footnotes(tree)
    pageclean.mark_links_to_nowhere(tree, facts.ids)
    pageclean.keep_captions(tree)
    pageclean.keep_embeds(tree)
    pageclean.remove_boxes(tree)
    pageclean.remove_pixels(tree)
    pageclean.remove_boilerplate(tree)
    return notes


def _tidy(body: etree._Element, document: Any, facts: PageFacts, name: str,
          harvest: Harvest) -> str | None:
    """The extracted body without what it repeats of the page; hands back the teaser."""
    teaser = take_head(body, Head(title=document.title, description=document.description,
                                  teasers=facts.teasers))
    drop_closing_byline(body)
    for quote in drop_pull_quotes(body):
        harvest.warn(name, 0, "pull-quote", f"'{quote}' repeats the article's words or heads "
                     "no text (a pull quote); left out")
    return teaser


def _definitions(notes: list[tuple[str, etree._Element]], text: str,
                 converter: HtmlToMarkdown, name: str, harvest: Harvest) -> list[str]:
    """The page's footnotes as our notes, `[^n1]: ...`, for those the body still cites."""
    definitions = []
    for label, element in notes:
        note = converter.convert(element).strip().replace("\n", "\n    ")
        if note_label(label) in text:
            definitions.append(f"[^{label}]: {note}")
        else:
            harvest.warn(name, 0, "dropped-note", f"footnote '{note[:60]}' was cited in a "
                           "passage the extraction left out; not carried over")
    return definitions


def _front_matter(document: Any, facts: PageFacts, book: SourceBook, shelf: ImageShelf,
                  name: str, harvest: Harvest, teaser: str | None) -> dict[str, Any]:
    categories = [_plain(category) for category in document.categories or []]
    if len(categories) > 1:
        harvest.warn(name, 0, "extra-categories", f"categories {categories[1:]} became tags; "
                       f"the section is '{categories[0]}'")
    site = facts.publication or document.sitename
    base_url = _http(document.url) or _http(facts.canonical)
    meta: dict[str, Any] = {
        "title": document.title,
        "date": Timestamp(_same_day(facts.published, document.date) or document.date),
        "authors": _authors(authors(facts.credits, document.author), facts.author_pages,
                            base_url),
        "section": categories[0] if categories else None,
        "dek": teaser or document.description,  # the page's shown teaser over its meta
        "updated": Timestamp(facts.modified) if facts.modified else None,
        "publication": {"name": site, "url": _home(document.url or facts.canonical)}
        if site else None,
        "original_url": _http(document.url) or _http(facts.canonical),
        "lang": facts.lang or document.language,
        "tags": _subjects(_unique([*categories[1:], *_split(document.tags or [])]),
                          facts.credits.publishers),
        "image": _lead_image(facts, document, shelf, name, harvest),
        "sources": book.entries,
    }
    if meta["publication"] and not meta["publication"]["url"]:
        del meta["publication"]["url"]
    return _trimmed(meta)


def _lead_image(facts: PageFacts, document: Any, shelf: ImageShelf, name: str,
                harvest: Harvest) -> dict[str, str] | None:
    lead = facts.lead
    if lead is None:
        if document.image:
            harvest.warn(name, 0, "lead-image", f"the page's preview image '{document.image}' "
                           "is on another host and has no caption; not carried over")
        return None
    image = {"caption": lead.caption, "credit": lead.credit}
    found = _local_file(Path(name), lead.src, harvest) if lead.src else None
    if found is not None:
        image |= {"src": shelf.copy(found), "alt": lead.alt or lead.caption}
    elif lead.src:
        harvest.warn(name, 0, "lead-image", f"the lead photo '{lead.src}' is not in the saved "
                       "page's files; its caption and credit are kept",
                       "Put the photo beside the article and add image.src and image.alt")
    return {key: value for key, value in image.items() if value} or None


def _pages(sources: list[Path]) -> list[Path]:
    found = []
    for source in sources:
        if source.is_dir():
            found += sorted(p for p in source.rglob("*") if p.suffix.lower() in SUFFIXES
                            and not any(part.endswith("_files") for part in p.parts))
        else:
            found.append(source)
    return found


def _local_file(page: Path, src: str, harvest: Harvest) -> Path | None:
    """The saved page's own file `src` names: beside it, or in its folder below."""
    if not src or urlsplit(src).scheme or src.startswith("/"):
        return None
    candidate = page.parent / unquote(urlsplit(src).path)
    if not candidate.is_file():
        return None
    return confined(candidate, page.parent, harvest, str(page), 0, f"image '{src}', file")


def _slug(url: str | None, path: Path, title: str) -> str:
    """The address's last part when it is made of words (`harbor-tunnel-costs`), else the
    headline's: `1234567`, `index.html` or `a-80732` name nothing."""
    segments = [s for s in urlsplit(url or "").path.split("/") if s]
    stem = slugify(re.sub(r"\.\w+$", "", unquote(segments[-1])) if segments else path.stem)
    return stem if len(re.findall(r"[a-z]{3,}", stem)) >= 2 else slugify(title)


def _same_day(precise: str | None, day: str | None) -> str | None:
    return precise if precise and (not day or precise.startswith(day)) else None


def _http(url: str | None) -> str | None:
    return kept_url(url, WEB)


def _home(url: str | None) -> str | None:
    parts = urlsplit(_http(url) or "")
    return f"{parts.scheme}://{parts.netloc}/" if parts.netloc else None


def _authors(names: list[str], pages: dict[str, str], base_url: str | None) -> list:
    """The authors, with their page where the byline linked them."""
    found: list[Any] = []
    for name in names:
        url = resolve_href(pages[name], base_url)[0] if name in pages else None
        found.append({"name": name, "url": url} if url else name)
    return found


def _link_titles(titles: dict[str, str], base_url: str | None) -> dict[str, str]:
    """The titles the page's links carry, by the address the converter resolves them to."""
    resolved = {resolve_href(href, base_url)[0]: title for href, title in titles.items()}
    return {url: title for url, title in resolved.items() if url}


def _subjects(tags: list[str], publishers: list[str]) -> list[str]:
    """Tags that name a subject: not an agency's internal code, not the publisher."""
    publisher = {_plain(name) for name in publishers}
    return [tag for tag in tags if not CODED_TAG.search(tag) and _plain(tag) not in publisher]


def _plain(text: str) -> str:
    return " ".join(html.unescape(text).split())


def _trimmed(value: Any) -> Any:
    """Every front-matter string without surrounding or repeated whitespace, entities read
    ("Science &amp; Health" -> "Science & Health"): pages pad and escape their metadata."""
    if isinstance(value, dict):
        return {key: _trimmed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_trimmed(item) for item in value]
    if isinstance(value, str):
        return type(value)(_plain(value))
    return value


def _split(tags: list[str]) -> list[str]:
    """`keywords` meta tags often hold one comma-separated string."""
    return [_plain(part) for tag in tags for part in tag.split(",")]


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(item for item in items if item))

