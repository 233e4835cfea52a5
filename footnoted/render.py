"""Stage 4, render: articles and settings in, the site's files (path -> bytes) out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from . import __version__
from .resolve import Article
from .schema import Moment
from .settings import Settings
from .typography import smarten

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


@dataclass(frozen=True)
class Page:
    """Where a page goes and how its links reach the site root from there."""

    path: str  # output file, relative to the site root
    root: str  # relative prefix back to the site root: "" or "../"
    lang: str  # the page's language, for <html lang>


def make_environment(settings: Settings) -> Environment:
    env = Environment(
        loader=FileSystemLoader(settings.templates),
        undefined=StrictUndefined,
        autoescape=select_autoescape(["html", "xml"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["human_date"] = human_date
    env.filters["iso"] = lambda moment: moment.isoformat()
    env.filters["rfc3339"] = rfc3339
    env.filters["safe_body"] = safe_body
    env.filters["smart"] = smarten
    env.globals.update(site=settings, generator_version=__version__)
    return env


def render_site(articles: list[Article], settings: Settings) -> dict[str, bytes]:
    """Every generated page; `articles` must already be in listing order (newest first)."""
    env = make_environment(settings)
    files: dict[str, bytes] = {}
    for article in articles:
        page = Page(f"{article.slug}/index.html", "../", article.lang)
        files[page.path] = render_article(env, article, settings, page)
    listing = {"articles": articles, "updated": _newest(articles)}
    index = Page("index.html", "", settings.lang)
    files["index.html"] = _render(env, "index.html", page=index, **listing)
    files["404.html"] = _render(env, "404.html", page=Page("404.html", "", settings.lang))
    files["feed.xml"] = _render(env, "feed.xml", **listing)
    files["sitemap.xml"] = _render(env, "sitemap.xml", **listing)
    files["robots.txt"] = _render(env, "robots.txt")
    return files


def render_article(env: Environment, article: Article, settings: Settings, page: Page) -> bytes:
    return _render(env, "article.html", page=page, article=article,
                   json_ld=article_json_ld(article, settings))


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
              "archivedAt": source.archived}
    work.update({key: value for key, value in fields.items() if value})
    return work


def _image(image) -> dict:
    data = {"@type": "ImageObject", "caption": image.caption, "creditText": image.credit}
    return {key: value for key, value in data.items() if value}


def human_date(moment: Moment) -> str:
    day = moment.value
    if moment.precision == "year":
        return str(day.year)
    if moment.precision == "month":
        return f"{MONTHS[day.month - 1]} {day.year}"
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def rfc3339(moment: Moment) -> str:
    """Atom wants full timestamps; a bare date is midnight in the site's zone, in UTC."""
    return moment.value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def safe_body(html: str) -> Markup:
    """The one place article HTML is trusted: it was built by our Markdown stage, which
    escapes raw HTML and refuses unsafe URLs."""
    return Markup(html)
