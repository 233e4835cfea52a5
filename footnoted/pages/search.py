"""A full-text search index that a static host can serve, read by static/search.js.

The index is inverted (term -> the articles holding it, with a weight), so a query costs a
few look-ups however large the site; search_shards.py splits it into files fetched as a
query needs them. Words are normalised the same way in static/search.js:
lower case, accents and other combining marks removed, ё read as е.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from ..article.resolve import Article
from .search_shards import search_files
from .typography import headline_text

# How much one occurrence counts, by where it is: a headline word says most about a page.
WEIGHTS = {"title": 8, "dek": 3, "sources": 2, "text": 1}
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The search terms in `text`; must match `words()` in static/search.js."""
    if text.isascii():  # nothing to decompose: a third of a cold build went to the loop below
        return _WORD.findall(text.lower())
    decomposed = unicodedata.normalize("NFKD", text.lower())
    # A text's distinct characters are few: ask which are marks once each, not once a letter.
    marks = {ord(char): None for char in set(decomposed) if unicodedata.combining(char)}
    return _WORD.findall(decomposed.translate(marks) if marks else decomposed)


def article_terms(article: Article) -> list[tuple[str, int]]:
    """One article's (term, weight) pairs: kept per article, so a build re-reads only edits."""
    return sorted(_weighted_terms(article).items())


def search_index(articles: list[Article], terms: Iterable[list[tuple[str, int]]]
                 ) -> dict[str, bytes]:
    """The index of `articles`, given each one's article_terms(): docs are numbered in
    listing order, each with [url, title, summary, date]."""
    postings: dict[str, list[int]] = {}
    for number, pairs in enumerate(terms):
        for term, weight in pairs:
            postings.setdefault(term, []).extend((number, weight))
    docs = [[a.url, headline_text(a.meta.title, a.lang), a.summary, a.meta.date.isoformat()]
            for a in articles]
    return search_files(docs, postings)


def _weighted_terms(article: Article) -> Counter:
    fields = {
        "title": article.meta.title,
        "dek": article.meta.dek or "",
        "sources": " ".join(_source_text(source) for source in article.sources),
        "text": article.body.text,
    }
    occurrences: list[str] = []
    for field, text in fields.items():
        occurrences += words(text) * WEIGHTS[field]  # a title word counts 8 times over
    return Counter(occurrences)  # counted in C, not word by word


def _source_text(source) -> str:
    parts = [source.title, source.publisher, source.author, source.url, source.note,
             *source.linked_words]
    return " ".join(part for part in parts if part)
