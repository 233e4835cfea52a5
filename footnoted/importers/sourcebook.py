"""Every link of an imported article becomes a declared source, cited as `[words][key]`.

Declaring each link under `sources:` (instead of leaving `[words](url)` in the text) gives
the editor one place per source to add a title, publisher or archived copy, and is the only
way to keep a link whose target was lost: `lost: true`, with a `note` saying what the page
had, never an invented URL.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from ..content.slugs import slugify

KEY_WORDS = 4  # a key is made of the link's first few words: short, and still recognisable


class SourceBook:
    """The sources of one article, by key, in the order the text first cites them."""

    def __init__(self) -> None:
        self.entries: dict[str, dict[str, Any]] = {}
        self.key_by_url: dict[str, str] = {}

    def link(self, url: str, words: str) -> str:
        """The key for a link to `url`; the same URL always gets the same key."""
        if url not in self.key_by_url:
            self.key_by_url[url] = self._new_key(words, fallback=urlsplit(url).hostname or "link")
            self.entries[self.key_by_url[url]] = {"url": url}
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
