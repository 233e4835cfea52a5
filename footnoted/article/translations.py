"""Versions of one article in several languages, linked by `translation_of` in front matter."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from ..content.discovery import is_bundle_name
from ..content.linefinder import LineFinder
from ..problems import Problem, error
from .resolve import Article


def translation_groups(articles: list[Article]) -> dict[str, list[Article]]:
    """slug -> the other language versions of that article, in language order.

    Versions name their original with `translation_of`; in a page bundle, `index.ru.md`
    beside `index.md` is a version of it without saying so, as in Hugo.
    """
    bundle_originals = {_bundle_folder(a.path): a.slug for a in articles
                        if _stem(a.path) == "index"}
    slugs = {article.slug for article in articles}
    roots = [named_original(article, slugs) or bundle_originals.get(_bundle_folder(article.path))
             or article.slug for article in articles]
    by_root: dict[str, list[Article]] = defaultdict(list)
    for article, root in zip(articles, roots, strict=True):
        by_root[root].append(article)
    return {
        article.slug: sorted((a for a in by_root[root] if a is not article),
                             key=lambda a: (a.lang, a.slug))
        for article, root in zip(articles, roots, strict=True)
    }


def _bundle_folder(path: str) -> str | None:
    """The folder of a page bundle's `index.md` or `index.<lang>.md`; None for other files.
    Plain strings: this runs for every article of every build."""
    folder, _, _ = path.rpartition("/")
    return (folder or ".") if is_bundle_name(_stem(path)) else None


def _stem(path: str) -> str:
    """PurePosixPath(path).stem."""
    name = path.rpartition("/")[2]
    return name.rpartition(".")[0] or name


def named_original(article: Article, slugs: Collection[str]) -> str | None:
    """The slug `translation_of` names: the whole address (`guides/method`), or the name of
    an article in the same folder (`method`), as an importer writes it."""
    target = article.meta.translation_of
    if target is None:
        return None
    folder = article.slug.rpartition("/")[0]
    beside = f"{folder}/{target}" if folder else target
    return target if target in slugs or beside not in slugs else beside


def check_translations(articles: list[Article], file_text) -> list[Problem]:
    """`translation_of` must name an existing article that is itself an original."""
    by_slug = {article.slug: article for article in articles}
    problems = []
    for article in articles:
        target = named_original(article, by_slug)
        if target is None:
            continue
        line = LineFinder(file_text(article.path), 1).find("translation_of:")
        original = by_slug.get(target)
        if original is None:
            problems.append(error(article.path, line, f"translation_of '{target}' names no article",
                                  "Use the slug of the original article: its page's address, "
                                  "e.g. guides/method, or its name in the same folder"))
        elif original.meta.translation_of:
            problems.append(error(article.path, line,
                                  f"'{target}' is itself a translation of "
                                  f"'{original.meta.translation_of}'",
                                  f"Point translation_of at '{original.meta.translation_of}'"))
    return problems
