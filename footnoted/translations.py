"""Versions of one article in several languages, linked by `translation_of` in front matter."""

from __future__ import annotations

from collections import defaultdict

from .linefinder import LineFinder
from .problems import Problem, error
from .resolve import Article


def translation_groups(articles: list[Article]) -> dict[str, list[Article]]:
    """slug -> the other language versions of that article, in language order."""
    by_root: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        by_root[article.meta.translation_of or article.slug].append(article)
    return {
        article.slug: sorted((a for a in by_root[article.meta.translation_of or article.slug]
                              if a is not article), key=lambda a: (a.lang, a.slug))
        for article in articles
    }


def check_translations(articles: list[Article], file_text) -> list[Problem]:
    """`translation_of` must name an existing article that is itself an original."""
    by_slug = {article.slug: article for article in articles}
    problems = []
    for article in articles:
        target = article.meta.translation_of
        if target is None:
            continue
        line = LineFinder(file_text(article.path), 1).find("translation_of:")
        original = by_slug.get(target)
        if original is None:
            problems.append(error(article.path, line, f"translation_of '{target}' names no article",
                                  "Use the slug (page folder name) of the original article"))
        elif original.meta.translation_of:
            problems.append(error(article.path, line,
                                  f"'{target}' is itself a translation of "
                                  f"'{original.meta.translation_of}'",
                                  f"Point translation_of at '{original.meta.translation_of}'"))
    return problems
