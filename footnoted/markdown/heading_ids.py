"""The ids generators give a heading: ours, and those that links written elsewhere expect.

    ## Классы `.sr-only`, `.off-screen`
    ours (GitHub's rule, Cyrillic transliterated)   klassy-sr-only-off-screen
    GitHub (letters of every script kept)           классы-sr-only-off-screen
    Zola (ASCII, emoji by name, others one '-')     klassy-sr-only-off-screen
    doka.guide (11ty + `transliteration`'s slugify)  klassy-.sr-only-.off-screen

A heading takes our id; the others become its second ids (headings.py), so an article
moved here from GitHub, a Zola blog or doka.guide keeps the in-page links its authors wrote.
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

from ..content.slugs import slugify, transliterate

# The `transliteration` package's table for Cyrillic (its data/x4), as doka.guide's 11ty
# build applies it: х -> h, ц -> c, ё -> yo, where our slugs say kh, ts, e.
TRANSLITERATION_JS = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєў",
    ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
     "r", "s", "t", "u", "f", "h", "c", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
     "i", "yi", "ie", "u"],
    strict=True,
))
# Variation selectors: invisible marks that GitHub keeps where it drops an emoji (`🛠️`);
# our own ids leave them out.
EMOJI_STYLE = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")
NOT_IN_TRANSLITERATION_SLUG = re.compile(r"[^a-z0-9_.~-]+")  # its default allowedChars


def heading_id(text: str) -> str:
    """Ours: GitHub's rule, with Cyrillic transliterated as page slugs are:
    `Статические константы?` -> `staticheskie-konstanty`; `What's new in 1.2` ->
    `whats-new-in-12`."""
    return EMOJI_STYLE.sub("", github_id(transliterate(text.lower()))) or "section"


def github_id(text: str) -> str:
    """GitHub's (github-slugger): lower case, each space a hyphen, every character but
    letters, digits, marks, `-` and `_` dropped; letters of every script kept, so
    `## С чего начать` -> `с-чего-начать`, and so is an emoji's variation selector (`🛠️` ->
    `%EF%B8%8F` in links). '' when nothing is left."""
    lowered = " ".join(text.split()).lower()
    kept = "".join(char for char in lowered
                   if char in " -_" or unicodedata.category(char)[0] in "LNM")
    return kept.replace(" ", "-")


def zola_id(text: str) -> str:
    """Zola's (the `slug` crate): ASCII only, each run of other characters one hyphen, so
    `What’s next?` -> `what-s-next`. Zola spells out emoji by name (deunicode), as anyascii
    does: `Debugging (🦀, 👩‍💻)` -> `debugging-crab-woman-computer`."""
    return slugify(anyascii(transliterate(text.lower())), fallback="")


def transliteration_js_id(text: str) -> str:
    """doka.guide's: the `transliteration` package's `slugify` with its defaults. Letters are
    transliterated, each run of characters outside `a-z 0-9 - _ . ~` becomes one hyphen,
    hyphens at the start and one at the end are dropped: `Что ещё за ECMAScript?` ->
    `chto-eshchyo-za-ecmascript`, `` `classList.toggle()` `` -> `classlist.toggle`."""
    lowered = "".join(TRANSLITERATION_JS.get(char, char) for char in text.lower())
    ascii_text = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode()
    slug = NOT_IN_TRANSLITERATION_SLUG.sub("-", ascii_text).lstrip("-")
    return slug.removesuffix("-")


def other_ids(text: str, anchor: str) -> list[str]:
    """The ids other generators give a heading of `text`, without repeats or `anchor`."""
    others = [github_id(text), zola_id(text), transliteration_js_id(text)]
    return [other for other in dict.fromkeys(others) if other and other != anchor]
