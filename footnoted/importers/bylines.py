"""Who wrote a saved page: people, never the publisher, a place or a role.

Pages name their authors in several places that disagree: JSON-LD, a byline in the page
("Von Clemens Höges", "By Jill Serjeant, Reuters", "Von Markus Balser, Berlin"), links
marked rel=author, `<meta name=author>` (often the publisher and its address: "SPIEGEL
ONLINE, Hamburg, Germany") and trafilatura's guess from all of them. Each is tried in that
order of trust, and the first that names a person wins. Every name becomes a public author
page, so a name the publisher goes by, a place after a name ("Hamburg", "Germany") and a
role ("Autor", "Redaktion", "Letters") are never taken for one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A byline starts with a capitalised "By"/"Von" or a label: "von" inside a sentence is not one.
BYLINE_START = re.compile(r"^(?:Von|VON|By|BY|Autor(?:in)?|Author|Text)\b:?\s+\w")
BYLINE_CLASS = re.compile(r"byline|author|autor|verfasser|creator", re.IGNORECASE)
LABEL = re.compile(r"^(?:(?:text|words|written|reporting|analysis|interview|autor(?:/?in)?"
                   r"(?:nen)?|author|(?:view all |all )?(?:posts|articles|beiträge)|von|by|"
                   r"текст|автор)\b\s*:?\s*)+", re.IGNORECASE)
# What follows the names in a byline line: a date, "Updated", a "|" or "·" and what follows.
TRAILER = re.compile(r"\s+(?:[|·•–—]|-\s|(?:updated|published|posted|aktualisiert|"
                     r"veröffentlicht|stand)\b).*$|\s*(?:\b(?:am|on|vom)\b:?\s*)?"
                     r"(?:\b(?:jan|feb|mär|mar|apr|mai|may|jun|"
                     r"jul|aug|sep|okt|oct|nov|dez|dec)[a-z]*\.?\s+)?\d.*$", re.IGNORECASE)
SEPARATOR = re.compile(r"\s*(?:[,;/]|\s(?:und|and|&|и)\s)\s*")
LEGAL_FORMS = {"gmbh", "ag", "inc", "llc", "ltd", "plc", "kg", "se", "corp", "co", "sa", "ug"}
ROLES = {"autor", "autorin", "author", "authors", "redaktion", "editor", "editors", "staff",
         "letters", "admin", "administrator", "team", "desk", "newsroom", "guest", "gast",
         "agency", "agenturen", "online", "the", "published", "updated", "posted"}
PARTICLES = {"von", "van", "de", "der", "den", "du", "la", "le", "da", "di", "del", "dos",
             "al", "el", "bin", "zu", "ter", "ten", "y", "e"}
# Words a publisher's names add to what they share: "Heise Online", "Heise Medien".
HOUSE_WORDS = {"online", "medien", "media", "verlag", "www", "de", "com", "net", "org", "at",
               "ch", "uk", "co", "the", "der", "die", "das", "news", "group", "gruppe"}
MAX_NAME_WORDS = 5


@dataclass(frozen=True, kw_only=True)
class Credits:
    """What a page says about who made it, each in the page's own words."""

    people: list[str] = field(default_factory=list)  # JSON-LD authors of @type Person
    bylines: list[str] = field(default_factory=list)  # byline texts: "Von X und Y, Berlin"
    linked: list[str] = field(default_factory=list)  # words of links marked rel=author
    meta: list[str] = field(default_factory=list)  # <meta name=author> and the like
    publishers: list[str] = field(default_factory=list)  # site and publisher names, host


def authors(credits: Credits, extracted: str | None) -> list[str]:
    """The people who wrote the page, from the most trusted place that names any: JSON-LD,
    the page's first byline (later ones are other articles'), rel=author links,
    trafilatura's byline, meta tags. A name JSON-LD calls a Person or a rel=author link
    gives is a person even when the site is named after them (a personal blog); any other
    is checked against the publisher's names."""
    house = _house_words(credits.publishers)
    people = [name for text in credits.people for name in byline_names(text)]
    first_byline = next((names for text in credits.bylines if (names := _unpublished(
        byline_names(text, lone_word=False), house))), [])
    linked = [name for text in credits.linked for name in byline_names(text)]
    extracted_names = [name for text in (extracted or "").split(";")
                       for name in byline_names(text)]
    meta = [name for text in credits.meta for name in byline_names(text)]
    for names in (people, first_byline, linked,
                  _unpublished(extracted_names, house), _unpublished(meta, house)):
        if names:
            return list(dict.fromkeys(names))
    return []


def _unpublished(names: list[str], house: list[set[str]]) -> list[str]:
    return [name for name in names if not _is_publisher(name, house)]


def byline_names(text: str, *, lone_word: bool = True) -> list[str]:
    """The people a byline names: "Von A und B, Berlin" -> [A, B]. A lone word after a
    name is a place or an agency ("Berlin", "Reuters"); a byline of one word alone is an
    agency's credit ("dpa") or a blogger's name, kept if `lone_word` (a page's later
    "Von Tim" is a comment's)."""
    text = TRAILER.sub("", LABEL.sub("", " ".join(text.split())))
    parts = [part.strip(" .:()") for part in SEPARATOR.split(text)]
    names = [part for part in parts if _is_person(part)]
    if not names and lone_word and len(parts) == 1 and _is_agency(parts[0]):
        return parts
    return names


def _is_person(name: str) -> bool:
    words = name.split()
    return (2 <= len(words) <= MAX_NAME_WORDS and not _is_organisation(words)
            and all(_is_name_word(word) for word in words)
            and sum(word.lower() not in PARTICLES for word in words) >= 2)


def _is_name_word(word: str) -> bool:
    """"Höges", "O'Donnell", "J.", "Schmoll-Trautmann", "von": not "(www.dw.com)"."""
    return (word.lower() in PARTICLES
            or (not word[0].islower() and re.fullmatch(r"[\w'’.-]+", word) is not None
                and not any(ch.isdigit() for ch in word) and word.count(".") <= 1))


def _is_agency(word: str) -> bool:
    return (re.fullmatch(r"\w[\w&-]*", word) is not None and word.lower() not in ROLES
            and not any(ch.isdigit() for ch in word))


def _is_organisation(words: list[str]) -> bool:
    lowered = {word.lower().strip(".,") for word in words}
    return bool(lowered & (LEGAL_FORMS | ROLES))


def _house_words(publishers: list[str]) -> list[set[str]]:
    return [words for name in publishers if (words := _distinct_words(name))]


def _is_publisher(name: str, house: list[set[str]]) -> bool:
    """"SPIEGEL ONLINE" when the publisher is "SPIEGEL ONLINE"; "Heise Online" when the
    site is heise.de: the words a name shares with a publisher's, once the house words are
    set aside."""
    words = _distinct_words(name)
    return bool(words) and any(words <= names for names in house)


def _distinct_words(name: str) -> set[str]:
    return {word for word in re.findall(r"\w+", name.lower())
            if word not in HOUSE_WORDS and word not in LEGAL_FORMS}
