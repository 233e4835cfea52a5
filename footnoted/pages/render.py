"""Stage 4, render: articles and settings in, the site's files (path -> bytes) out."""

from __future__ import annotations

import base64
import hashlib
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC
from urllib.parse import urlsplit

from jinja2 import Environment, StrictUndefined, select_autoescape
from markupsafe import Markup

from .. import __version__
from ..article.resolve import Article
from ..content import languages
from ..content.schema import Moment
from ..content.slugs import slugify
from ..content.source_label import source_label
from ..settings import Settings
from ..theme import template_loader
from . import i18n
from .assets import asset_names
from .listings import (
    KINDS,
    Listing,
    archive_contents,
    archive_pages,
    archive_years,
    build_listings,
    groups,
    paginate,
)
from .paging import contents
from .printing import PageEnvironment, xml_safe_value
from .redirects import redirect_pages
from .source_index import SourceIndex
from .source_pages import split_sources


@dataclass(frozen=True, kw_only=True)
class Page:
    """Where a page goes and how its links reach the site root from there."""

    path: str  # output file, relative to the site root
    root: str  # prefix back to the site root: "", "../", "../../"; the 404 page's is "/path/"
    lang: str  # the page's language, for <html lang>


def make_environment(settings: Settings) -> Environment:
    env = PageEnvironment(
        loader=template_loader(settings),  # the project's templates, then the theme's
        undefined=StrictUndefined,
        autoescape=select_autoescape(["html", "xml"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=xml_safe_value,  # no value can put a forbidden character into a page or feed
        # One environment serves one build, over templates that do not change meanwhile:
        # without this each include and extends would stat its file again (27,000 times for
        # a 1,000-article site).
        auto_reload=False,
    )
    env.filters["human_date"] = i18n.human_date
    env.filters["month_name"] = i18n.month_filter
    env.filters["language_name"] = languages.language_name
    env.filters["font_subset"] = languages.font_subset
    env.filters["iso"] = lambda moment: moment.isoformat()
    env.filters["rfc3339"] = rfc3339
    env.filters["safe_body"] = safe_body
    env.filters["smart"] = i18n.smart
    env.filters["headline"] = i18n.headline
    env.filters["headline_plain"] = i18n.headline_plain
    env.filters["slug"] = slugify
    env.filters["csp_hash"] = csp_hash
    env.globals.update(site=settings, generator_version=__version__, t=i18n.t,
                       asset=AssetNames(settings), translate=languages.translate,
                       source_label=source_label)
    return env


class AssetNames:
    """Template function asset("style.css") -> "static/style.<hash>.css", the name pages use.

    Computed on first use: a worker that renders no page never reads static/."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.names: dict[str, str] | None = None

    def __call__(self, name: str) -> str:
        return self._names()[f"static/{name}"]

    def exists(self, name: str) -> bool:
        """Whether the theme or the project has the static file `name` (a project's optional
        site.css is linked only when it is there)."""
        return f"static/{name}" in self._names()

    def _names(self) -> dict[str, str]:
        if self.names is None:
            self.names = asset_names(self.settings)
        return self.names


def sources_page_chunks(env: Environment, source_index: SourceIndex, settings: Settings
                        ) -> dict[str, Iterator[str]]:
    """The Sources page as it is rendered, piece by piece: on a large site it runs to tens
    of megabytes, and joining the pieces first would take many times that in memory."""
    pages = split_sources(source_index)
    entries = contents(pages)
    template = env.get_template("sources.html")
    return {split.path: template.generate(page=page_at(split.path, settings.lang),
                                          index=source_index, sources_page=split,
                                          contents=entries if split.number == 1 else [])
            for split in pages}


def render_listing_pages(env: Environment, articles: list[Article], settings: Settings
                         ) -> Iterator[tuple[str, bytes]]:
    """Listings and their feeds, the indexes, the archive, the sitemap and the fixed pages,
    one (path, bytes) at a time: on a large site they run to hundreds of megabytes."""
    listings = build_listings(articles)
    taken: set[str] = set()
    for path, data in itertools.chain(render_listings(env, listings, settings),
                                     render_indexes(env, listings, articles, settings)):
        taken.add(path)
        yield path, data
    yield "404.html", _render(env, "404.html", page=not_found_page(settings),
                              other_langs=other_languages(articles, settings.lang))
    pages = [p.path for listing in listings for p in paginate(listing, settings.per_page)]
    yield "sitemap.xml", _render(env, "sitemap.xml", articles=articles,
                                 updated=_newest(articles), listing_pages=sorted(pages))
    yield "robots.txt", _render(env, "robots.txt")
    yield "search/index.html", _render(env, "search.html",
                                       page=page_at("search/index.html", settings.lang))
    taken |= {"404.html", "sitemap.xml", "robots.txt", "search/index.html"}
    yield from redirect_pages(articles, taken=taken).items()  # after every other page


def render_listings(env: Environment, listings: list[Listing], settings: Settings
                    ) -> Iterator[tuple[str, bytes]]:
    """Each listing's pages and its Atom feed."""
    for listing in listings:
        for listing_page in paginate(listing, settings.per_page):
            yield listing_page.path, _render(
                env, "index.html", page=page_at(listing_page.path, settings.lang),
                listing=listing, listing_page=listing_page)
        yield listing.feed_path, _render(env, "feed.xml", listing=listing,
                                         updated=_newest(listing.articles))


def render_indexes(env: Environment, listings: list[Listing], articles: list[Article],
                   settings: Settings) -> Iterator[tuple[str, bytes]]:
    """The pages that list the tags, authors and sections, and the date archive."""
    for kind, folder in KINDS.items():
        path = f"{folder}/index.html"
        yield path, _render(env, "groups.html", page=page_at(path, settings.lang),
                            kind=kind, groups=groups(listings, kind))
    pages = archive_pages(articles)
    entries = contents(pages)
    for split in pages:
        yield split.path, _render(env, "archive.html", page=page_at(split.path, settings.lang),
                                  archive_page=split, years=archive_years(split),
                                  contents=archive_contents(entries) if split.number == 1
                                  else [])


def page_at(path: str, lang: str) -> Page:
    """A page at `path`, whose links climb back to the site root relatively."""
    return Page(path=path, root="../" * path.count("/"), lang=lang)


def not_found_page(settings: Settings) -> Page:
    """The 404 page, which servers send at any missing URL, however deep: relative links
    would climb from the wrong folder, so its links start from the path of `base_url`."""
    return Page(path="404.html", root=site_path(settings.base_url), lang=settings.lang)


def site_path(base_url: str) -> str:
    """"https://example.org/reading" -> "/reading/": where the site's root is on its host."""
    return urlsplit(base_url).path.rstrip("/") + "/"


def other_languages(articles: list[Article], lang: str) -> list[str]:
    """The languages besides the site's that articles use and the interface speaks."""
    langs = {languages.primary(article.lang) for article in articles} - {languages.primary(lang)}
    return sorted(code for code in langs if code in languages.STRINGS)


def article_page(article: Article) -> Page:
    return page_at(f"{article.slug}/index.html", article.lang)


def render_article(env: Environment, article: Article, settings: Settings, page: Page,
                   cited_with: list[Article], translations: list[Article]) -> bytes:
    return _render(env, "article.html", page=page, article=article, cited_with=cited_with,
                   translations=translations, json_ld=article_json_ld(article, settings))


def _render(env: Environment, template: str, **context) -> bytes:
    return env.get_template(template).render(**context).encode("utf-8")


def _newest(articles: list[Article]) -> Moment | None:
    moments = [a.meta.updated or a.meta.date for a in articles]
    return max(moments, key=lambda m: m.value) if moments else None


def article_json_ld(article: Article, settings: Settings) -> dict:
    """schema.org data for search engines and reader apps; rendered with |tojson."""
    meta = article.meta
    kind = "OpinionNewsArticle" if (meta.section or "").lower() == "opinion" else "NewsArticle"
    data: dict = {
        "@context": "https://schema.org",
        "@type": kind,
        "headline": meta.title,
        "url": settings.base_url + article.url,
        "inLanguage": article.lang,
        "datePublished": meta.date.isoformat(),
        "author": [_person(author) for author in meta.authors],
        "citation": [_creative_work(source) for source in article.sources],
    }
    optional = {
        "description": article.summary or None,
        "dateModified": meta.updated.isoformat() if meta.updated else None,
        "articleSection": meta.section,
        "keywords": meta.tags or None,
        "isBasedOn": meta.original_url,
        "publisher": {"@type": "Organization", "name": meta.publication.name}
        if meta.publication else None,
        "isPartOf": {"@type": "WebSite", "name": settings.title, "url": settings.base_url},
        "image": _image(meta.image) if meta.image else None,
    }
    data.update({key: value for key, value in optional.items() if value is not None})
    return data


def _person(author) -> dict:
    person = {"@type": "Person", "name": author.name}
    if author.url and not author.lost:
        person["url"] = author.url
    return person


def _creative_work(source) -> dict:
    work = {"@type": "CreativeWork"}
    fields = {"name": source.title or (source.linked_words[0] if source.linked_words else None),
              "url": source.url, "publisher": source.publisher, "author": source.author,
              "datePublished": source.date.isoformat() if source.date else None,
              "archivedAt": source.archived, "inLanguage": source.lang}
    work.update({key: value for key, value in fields.items() if value})
    return work


def _image(image) -> dict:
    data = {"@type": "ImageObject", "caption": image.caption, "creditText": image.credit}
    return {key: value for key, value in data.items() if value}


def rfc3339(moment: Moment) -> str:
    """Atom wants full timestamps; a bare date is midnight in the site's zone, in UTC."""
    return moment.value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def csp_hash(script: str) -> str:
    """A CSP source that allows exactly this inline script and nothing else."""
    digest = hashlib.sha256(str(script).encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def safe_body(html: str) -> Markup:
    """The one place article HTML is trusted: it was built by our Markdown stage, which
    escapes raw HTML and refuses unsafe URLs."""
    return Markup(html)
