"""What a source is called where a reader meets it: in the margin, in its popover and in the
Sources lists. One function, so every place (and every command that fills in titles) names
a source the same way."""

from __future__ import annotations

import functools
import re
from urllib.parse import unquote, urlsplit

# Endings of a page's file name that say nothing to a reader.
_FILE_ENDINGS = re.compile(r"\.(html?|php\d?|aspx?|jsp|shtml|cgi)$", re.IGNORECASE)
_SEPARATORS = re.compile(r"[-_+.\s]+")
# A word that is a number or an id ("2023", "a80732", "12ab34"), not a word to read.
_ID = re.compile(r"^(?=.*\d)[a-z]{0,2}\d[\da-z]*$", re.IGNORECASE)
_MOST_WORDS = 10


def source_label(title: str | None, url: str | None) -> str | None:
    """The source's title; without one, words made from its address's path
    (`theguardian.com/world/2023/putin-mobilization` -> "Putin mobilization"); None when
    neither says anything (a lost link with no title, a bare home page)."""
    if title:
        return title
    return path_words(url) if url else None


@functools.lru_cache(maxsize=4096)  # shared sources recur in many articles
def path_words(url: str) -> str | None:
    """The last part of the URL's path that holds words, as a phrase."""
    segments = [unquote(part) for part in urlsplit(url).path.split("/") if part]
    for segment in reversed(segments):
        words = [word for word in _SEPARATORS.split(_FILE_ENDINGS.sub("", segment)) if word]
        while words and _ID.match(words[-1]):
            words.pop()  # a trailing article number: "...-soldiers-a80732"
        if any(len(word) > 1 and word.isalpha() for word in words):
            return _phrase(words)
    return None


def host(url: str) -> str:
    """The site's name, as a reader recognises it: "www.bbc.co.uk" -> "bbc.co.uk"."""
    name = urlsplit(url).hostname or url
    return name.removeprefix("www.")


def _phrase(words: list[str]) -> str:
    shown = words[:_MOST_WORDS]
    if all(word.islower() or not word.isalpha() for word in shown):
        shown[0] = shown[0][:1].upper() + shown[0][1:]  # a slug: a sentence's capital
    return " ".join(shown) + ("…" if len(words) > _MOST_WORDS else "")
