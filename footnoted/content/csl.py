"""CSL bibliographies (CSL-JSON, CSL-YAML) as exported by Zotero, read as declared sources.

Only the fields footnoted shows are read; the others are kept out of the way, as citeproc
would ignore fields its style does not use. The mapping, also in docs/format.md:

    id                     -> the key cited as [@id]
    title                  -> title
    author                 -> author ("Given Family" or the literal name, joined by ", ")
    issued                 -> date (date-parts or raw ISO text; year or month alone is fine)
    container-title        -> publisher (the newspaper, site or journal); else `publisher`
    URL                    -> url
    accessed               -> accessed
    archive_location       -> archived, when it is a URL (Zotero's "Loc. in Archive")
    note                   -> note
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from typing import Any, TypeVar

from ..problems import Problem, error, warning
from .schema import Moment, moment_from_parts
from .urls import Url

Entry = TypeVar("Entry")

# The item types of CSL 1.0.2 (its specification, appendix III).
CSL_TYPES = frozenset({
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book",
    "broadcast", "chapter", "classic", "collection", "dataset", "document", "entry",
    "entry-dictionary", "entry-encyclopedia", "event", "figure", "graphic", "hearing",
    "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
    "musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical",
    "personal_communication", "post", "post-weblog", "regulation", "report", "review",
    "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage",
})


def is_csl(data: Any) -> bool:
    """CSL-JSON is a list of items; CSL-YAML is that list, or a mapping {references: [...]}."""
    return isinstance(data, list) or (isinstance(data, dict) and set(data) == {"references"})


def read_csl(data: Any, path: str, lines, timezone: tzinfo,
             make_entry: Callable[..., Entry]) -> tuple[dict[str, Entry], list[Problem]]:
    """Items -> {id: make_entry(url=..., title=..., ...)} (content.SourceEntry), and the
    problems found. `lines` finds an item's line from its id, for messages."""
    items = data["references"] if isinstance(data, dict) else data
    entries: dict[str, Entry] = {}
    problems: list[Problem] = []
    for item in items:
        key = str(item.get("id", "")) if isinstance(item, dict) else ""
        line = lines.find(key) if key else 0
        reason = _invalid(item, key, entries)
        if reason:
            problems.append(error(path, line, reason[0], reason[1]))
            continue
        if not item.get("URL"):
            problems.append(warning(path, line, f"entry '{key}' has no URL, so it cannot be cited",
                                    "Add its URL in your reference manager and export again",
                                    "bibliography entries without a URL"))
            continue
        unsafe = Url.problem(str(item["URL"]))
        if unsafe:
            problems.append(error(path, line, f"entry '{key}': URL {unsafe[0]}", unsafe[1]))
            continue
        try:
            entries[key] = make_entry(**_fields(item, timezone))
        except (ValueError, TypeError, KeyError) as exc:
            problems.append(error(path, line, f"entry '{key}' has a bad date ({exc})",
                                  "Use date-parts like [[2023, 4, 6]] or raw '2023-04-06'"))
    return entries, problems


def _invalid(item: Any, key: str, seen: dict) -> tuple[str, str] | None:
    if not isinstance(item, dict) or not key:
        return "a CSL entry has no 'id'", "Give every entry an id; it is the citation key"
    if item.get("type") not in CSL_TYPES:
        return (f"entry '{key}' has unknown CSL type '{item.get('type')}'",
                "Use a CSL type such as article-newspaper, webpage, report or book")
    if key in seen:
        return f"entry '{key}' appears twice", "Keep one entry per id"
    return None


def _fields(item: dict, timezone: tzinfo) -> dict:
    archived = str(item.get("archive_location", ""))
    fields = {
        "url": item.get("URL"),
        "title": item.get("title"),
        "publisher": item.get("container-title") or item.get("publisher"),
        "author": _names(item.get("author", [])),
        "date": _date(item.get("issued"), timezone),
        "accessed": _date(item.get("accessed"), timezone),
        "archived": archived if archived.startswith(("https://", "http://")) else None,
        "note": item.get("note"),
    }
    return {name: value for name, value in fields.items() if value}


def _names(people: list) -> str | None:
    names = [
        person.get("literal") or " ".join(filter(None, [person.get("given"),
                                                          person.get("family")]))
        for person in people if isinstance(person, dict)
    ]
    return ", ".join(name for name in names if name) or None


def _date(value: Any, timezone: tzinfo) -> Moment | None:
    if not value:
        return None
    if isinstance(value, dict) and value.get("date-parts"):
        return moment_from_parts([int(part) for part in value["date-parts"][0]], timezone)
    raw = value.get("raw") if isinstance(value, dict) else str(value)
    return moment_from_parts([int(part) for part in str(raw).split("-")], timezone)
