"""A full-text search index that a static host can serve, read by static/search.js.

The index is inverted (term -> the articles holding it, with a weight), so a query costs a
few look-ups however large the site; search_shards.py splits it into files fetched as a
query needs them. Words are normalised the same way in static/search.js:
lower case, accents and other combining marks removed, ё read as е.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable

from ..article.resolve import Article
from .search_shards import search_files
from .typography import headline_text

Terms = list[tuple[str, int]]  # an article's (term, weight) pairs, in term order

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


def search_index(articles: list[Article], terms: Iterable[Terms]) -> dict[str, bytes]:
    """The index of `articles`, given each one's article_terms(): docs are numbered in
    listing order, each with [url, title, summary, date]."""
    return search_files([doc_fields(a) for a in articles], postings_of(terms))


def doc_fields(article: Article) -> list[str]:
    """What the index shows of one article: [url, title, summary, date]."""
    return [article.url, headline_text(article.meta.title, article.lang), article.summary,
            article.meta.date.isoformat()]


def postings_of(terms: Iterable[Terms]) -> dict[str, list[int]]:
    """Each term's [doc, weight, doc, weight, ...], documents numbered in the order given."""
    postings: dict[str, list[int]] = {}
    for number, pairs in enumerate(terms):
        for term, weight in pairs:
            postings.setdefault(term, []).extend((number, weight))
    return postings


def weight_changes(old: Terms, new: Terms) -> dict[str, int]:
    """The terms whose weight in one document changed, with the new weight (0: gone)."""
    before, after = dict(old), dict(new)
    return {term: after.get(term, 0) for term in sorted(before.keys() | after.keys())
            if before.get(term) != after.get(term)}


def update_postings(documents: list[int], weights: list[int], changes: dict[int, int]) -> None:
    """Give each document of `changes` its new weight in one term's postings (documents
    ascending, their weights beside them), in place; a weight of 0 takes it out."""
    for number, weight in sorted(changes.items()):
        at = bisect_left(documents, number)
        if at < len(documents) and documents[at] == number:
            if weight:
                weights[at] = weight
            else:
                del documents[at], weights[at]
        elif weight:
            documents.insert(at, number)
            weights.insert(at, weight)


def interleaved(documents: list[int], weights: list[int]) -> list[int]:
    """[doc, weight, doc, weight, ...]"""
    pairs = [0] * (2 * len(documents))
    pairs[0::2], pairs[1::2] = documents, weights
    return pairs


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
