"""Readable ASCII slugs for page folders and note ids, stable across builds and machines.

An article's slug is its page's address below the site root: one slug per folder of its
file under content/, then its own (`css/color`, or `x` for content/x.md).
"""

from __future__ import annotations

import re
import unicodedata

from .schema import CheckedText

# Russian, by the simplified BGN/PCGN-like scheme newsrooms use in URLs (borshch, not borŝ).
_CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
     "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
     "i", "yi", "ye", "g", "w"],
    strict=True,
))
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def transliterate(lowered: str) -> str:
    """Lower-case Cyrillic letters to Latin ones: `борщ` -> `borshch`; other text unchanged."""
    return "".join(_CYRILLIC.get(char, char) for char in lowered)


def slugify(text: str, fallback: str = "untitled") -> str:
    """`Рецепт борща` -> `retsept-borshcha`; `Anything But More!` -> `anything-but-more`."""
    lowered = transliterate(text.lower())
    ascii_text = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", ascii_text).strip("-")
    return slug or fallback


_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Folders the build writes itself (pages/render.py, pages/listings.py): an article's page
# there would be overwritten. Only the first part of an address clashes (`css/page` is fine).
# tests/test_paths.py fails when the build writes a folder missing here.
RESERVED = ("archive", "authors", "page", "search", "sections", "sources", "static", "tags")
# Files the build writes at the site's top: a linked file or image there would replace them.
SITE_FILES = ("404.html", "feed.xml", "index.html", "robots.txt", "sitemap.xml",
              ".footnoted-site")


def page_name(slug: str) -> str:
    """`css/color` -> `color`: the last part of a page's address, which its own ids start with."""
    return slug.rpartition("/")[2]


def top_folder(slug: str) -> str:
    """`tags/x` -> `tags`: the part that must not be one of the site's own folders (RESERVED)."""
    return slug.partition("/")[0]


class Slug(CheckedText):
    """A `slug:` from front matter: one readable folder name, never a path. It replaces the
    last part of the page's address, as Hugo's `slug` does; RESERVED is checked on the whole
    address (document.py), since those folders clash only at the site's top."""

    @classmethod
    def problem(cls, value: str) -> tuple[str, str] | None:
        suggestion = slugify(value, fallback="my-article")
        if not _SLUG.match(value):
            return (f"must be one folder name of a-z, 0-9 and single '-', not '{value}'",
                    f"Use e.g. '{suggestion}'")
        return None
