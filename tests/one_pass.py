"""The whole site rendered in one pass from whole articles, without cache, store or workers:
the oracle the incremental, parallel build (footnoted/site.py) is compared with."""

from __future__ import annotations

from footnoted.article.resolve import Article
from footnoted.article.translations import translation_groups
from footnoted.pages.citation import site_citation_files
from footnoted.pages.render import (
    article_page,
    make_environment,
    render_article,
    render_listing_pages,
    sources_page_chunks,
)
from footnoted.pages.search import article_terms, search_index
from footnoted.pages.source_index import build_source_index
from footnoted.settings import Settings


def render_site(articles: list[Article], settings: Settings) -> dict[str, bytes]:
    """Every generated page; `articles` must already be in listing order (newest first)."""
    env = make_environment(settings)
    files: dict[str, bytes] = {}
    source_index = build_source_index(articles)
    translations = translation_groups(articles)
    for article in articles:
        page = article_page(article)
        files[page.path] = render_article(env, article, settings, page,
                                          source_index.cited_with[article.slug],
                                          translations[article.slug])
    files.update({path: "".join(chunks).encode("utf-8")
                  for path, chunks in sources_page_chunks(env, source_index, settings).items()})
    files.update(render_listing_pages(env, articles, settings))
    files.update(search_index(articles, [article_terms(a) for a in articles]))
    files.update(site_citation_files(articles, settings))
    return files
