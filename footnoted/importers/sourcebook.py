"""Every link of an imported article becomes a declared source, cited as `[words][key]`.

Declaring each link under `sources:` (instead of leaving `[words](url)` in the text) gives
the editor one place per source to add a title, publisher or archived copy, and is the only
way to keep a link whose target was lost: `lost: true`, with a `note` saying what the page
had, never an invented URL.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from ..content.slugs import slugify
from ..content.source_label import path_words

KEY_WORDS = 4  # a key is made of the link's first few words: short, and still recognisable
TITLE_WORDS = (1, 16)  # link words that can stand as a title: a name, not a passage
# Link words that say where, not what: no title.
NOT_TITLES = re.compile(r"^(here|this|link|source|more|read more|click here|hier|dieser?|"
                        r"mehr|quelle|link|weiterlesen|здесь|тут|ссылка|по ссылке)$",
                        re.IGNORECASE)


class SourceBook:
    """The sources of one article, by key, in the order the text first cites them."""

    def __init__(self, titles: dict[str, str] | None = None) -> None:
        self.entries: dict[str, dict[str, Any]] = {}
        self.key_by_url: dict[str, str] = {}
        self.titles = titles or {}  # URL -> the title the page gave its link (<a title>)

    def link(self, url: str, words: str) -> str:
        """The key for a link to `url`; the same URL always gets the same key. Its title is
        the one the page gave the link; else, when the address has no words a reader would
        see instead (a home page, `?p=12`, `/a-80732`), the link's words if they can stand
        as one: never a bare host name."""
        if url not in self.key_by_url:
            self.key_by_url[url] = self._new_key(words, fallback=urlsplit(url).hostname or "link")
            title = _as_title(self.titles.get(url, ""), url) or (
                None if path_words(url) else _as_title(words, url))
            self.entries[self.key_by_url[url]] = {"url": url, **({"title": title} if title
                                                                 else {})}
        return self.key_by_url[url]

    def lost(self, words: str, note: str | None = None) -> str:
        """A new key for a link whose target was not preserved; each lost link is its own."""
        key = self._new_key(words, fallback="lost-link")
        self.entries[key] = {"lost": True, **({"note": note} if note else {})}
        return key

    def _new_key(self, words: str, fallback: str) -> str:
        base = slugify(" ".join(words.split()[:KEY_WORDS]), fallback="")[:40].strip("-")
        base = base or slugify(fallback, fallback="link")
        key, number = base, 1
        while key in self.entries:
            number += 1
            key = f"{base}-{number}"
        return key


def _as_title(words: str, url: str) -> str | None:
    """Link words that name what they link to: "Duesenfeld GmbH", "a report by the
    University and College Union"; not "here", not an address, not a whole sentence."""
    words = " ".join(words.split()).strip(" .,:;")
    count = len(words.split())
    if (TITLE_WORDS[0] <= count <= TITLE_WORDS[1] and not NOT_TITLES.match(words)
            and "://" not in words and words.lower() not in url.lower()):
        return words
    return None
