"""Hugo, Jekyll and Pelican front matter -> ours.

Known keys are mapped (`description`/`summary` -> dek, `categories` -> section, `author` ->
authors, `lastmod` -> updated, `published: false` -> draft ...). Every other key is kept
under `extra:` and reported with its line, so templates can still use it and nothing is lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

from ..content.slugs import slugify
from .article_writer import Timestamp
from .imageshelf import ImageShelf
from .model import Harvest

TARGETS = {
    "title": "title", "date": "date", "publishdate": "date",
    "lastmod": "updated", "updated": "updated", "modified": "updated",
    "last_modified_at": "updated",
    "description": "dek", "summary": "dek", "excerpt": "dek", "subtitle": "dek", "dek": "dek",
    "author": "authors", "authors": "authors",
    "categories": "section", "category": "section",
    "tags": "tags", "keywords": "tags",
    "draft": "draft", "published": "draft", "status": "draft",
    "slug": "slug", "lang": "lang", "language": "lang",
    "image": "image", "featured_image": "image", "cover": "image", "thumbnail": "image",
}
MOMENT = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?"
                    r"(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?$")
ALT_KEYS = ("image_alt", "alt", "imagealt")
DRAFT_VALUES = {("draft", "true"), ("draft", "yes"), ("draft", "1"), ("published", "false"),
                ("published", "no"), ("published", "0")}


def map_front_matter(meta: dict[str, Any], lines: dict[str, int], path: str, zone: tzinfo,
                     harvest: Harvest, locate: Callable[[str], Path | None],
                     shelf: ImageShelf, file_date: str | None = None) -> dict[str, Any] | None:
    """Our front matter, or None when the article has no date (a warning says so)."""
    ours: dict[str, Any] = {"authors": [], "tags": [], "extra": {}}

    def warn(key: str, kind: str, message: str, fix: str = "") -> None:
        harvest.warn(path, lines.get(key, 0), kind, message, fix)

    for key, value in meta.items():
        target = TARGETS.get(key)
        if target is None or (target in ("dek", "date", "updated", "section", "image")
                              and ours.get(target)):
            if value not in (None, "", [], {}) and key not in ALT_KEYS:
                ours["extra"][key] = _plain(value)
                warn(key, "unknown-key", f"'{key}' has no footnoted equivalent; kept under "
                       "extra")
            continue
        _MAPPERS[target](ours, key, value, zone, warn)
    if "image" in ours:
        ours["image"] = _lead_image(ours.pop("image"), meta, locate, shelf, warn)
    if not ours.get("title"):
        ours["title"] = path.rsplit("/", 1)[-1].rsplit(".", 1)[0].replace("-", " ").capitalize()
        warn("title", "no-title", f"no title; '{ours['title']}' made from the file name",
               "Write the real headline")
    if not ours.get("date") and file_date and meta.get("date"):
        warn("date", "date-from-name", f"the date comes from the file name, {file_date}")
    if not ours.get("date") and file_date:
        ours["date"] = Timestamp(moment(file_date, zone)[0])
    if not ours.get("date"):
        warn("date", "skipped", "no date in the front matter or the file name; not imported",
               "Add 'date:' and import again")
        return None
    return ours


def moment(value: Any, zone: tzinfo) -> tuple[str | None, bool]:
    """(our ISO date or time, whether the zone was assumed) for a generator's date."""
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=zone)).isoformat(), \
            value.tzinfo is None
    if isinstance(value, date):
        return value.isoformat(), False
    match = MOMENT.match(str(value).strip())
    if match is None:
        return None, False
    year, month, day, hour, minute, second, offset = match.groups()
    day_text = f"{year}-{int(month):02}-{int(day):02}"
    if hour is None:
        return day_text, False
    text = f"{day_text}T{int(hour):02}:{minute}:{second or '00'}"
    if offset is None:
        return datetime.fromisoformat(text).replace(tzinfo=zone).isoformat(), True
    offset = "+00:00" if offset == "Z" else offset if ":" in offset else \
        f"{offset[:3]}:{offset[3:]}"
    return datetime.fromisoformat(text + offset).isoformat(), False


def _date(ours: dict, key: str, value: Any, zone: tzinfo, warn: Callable) -> None:
    target = TARGETS[key]
    text, assumed = moment(value, zone)
    if text is None:
        warn(key, "bad-date", f"'{key}: {value}' is not a date; left out")
        return
    if assumed:
        warn(key, "date-zone", f"'{key}' has a time but no zone; read in the site's zone")
    ours[target] = Timestamp(text)


def _text(ours: dict, key: str, value: Any, zone: tzinfo, warn: Callable) -> None:
    ours[TARGETS[key]] = " ".join(str(value).split()) if value is not None else None


def _authors(ours: dict, key: str, value: Any, zone: tzinfo, warn: Callable) -> None:
    names = value if isinstance(value, list) else str(value).split(",")
    for name in names:
        name = name.get("name", "") if isinstance(name, dict) else str(name)
        if name.strip():
            ours["authors"].append(name.strip())


def _section(ours: dict, key: str, value: Any, zone: tzinfo, warn: Callable) -> None:
    names = _names(value)
    if names:
        ours["section"] = names[0]
    if len(names) > 1:
        warn(key, "extra-categories", f"categories {names[1:]} became tags; the section is "
               f"'{names[0]}'")
        ours["tags"] += names[1:]


def _tags(ours: dict, key: str, value: Any, zone: tzinfo, warn: Callable) -> None:
    ours["tags"] += [name for name in _names(value) if name not in ours["tags"]]


def _draft(ours: dict, key: str, value: Any, zone: tzinfo, warn: Callable) -> None:
    text = str(value).strip().lower()
    if (key, text) in DRAFT_VALUES:
        ours["draft"] = True
    elif key == "status" and text in ("draft", "hidden", "skip"):
        ours["draft"] = True
        if text != "draft":
            warn(key, "status", f"'status: {text}' became 'draft: true'")


def _slug(ours: dict, key: str, value: Any, zone: tzinfo, warn: Callable) -> None:
    ours["slug"] = slugify(str(value))
    if ours["slug"] != str(value):
        warn(key, "slug", f"slug '{value}' became '{ours['slug']}'")


def _image(ours: dict, key: str, value: Any, zone: tzinfo, warn: Callable) -> None:
    ours["image"] = (key, value)


def _lead_image(found: tuple[str, Any], meta: dict, locate: Callable[[str], Path | None],
                shelf: ImageShelf, warn: Callable) -> dict | None:
    key, value = found
    src = value.get("src") or value.get("path") or value.get("url") \
        if isinstance(value, dict) else value
    alt = next((str(meta[k]) for k in ALT_KEYS if meta.get(k)), "") or \
        (value.get("alt", "") if isinstance(value, dict) else "")
    caption = value.get("caption", "") if isinstance(value, dict) else ""
    file = locate(str(src)) if src else None
    if file is not None and alt:
        return {"src": shelf.copy(file), "alt": alt, **({"caption": caption} if caption else {})}
    reason = "has no alt text" if file is not None else "was not found"
    warn(key, "lead-image", f"lead image '{src}' {reason}; not carried over",
           "Add image.src and image.alt by hand")
    return {"caption": caption} if caption else None


def _names(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    text = str(value or "")
    return [part.strip() for part in (text.split(",") if "," in text else text.split())
            if part.strip()]


def _plain(value: Any) -> Any:
    """Front-matter values as YAML can write them back (TOML's dates are datetimes)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


_MAPPERS: dict[str, Callable] = {
    "title": _text, "dek": _text, "lang": _text, "date": _date, "updated": _date,
    "authors": _authors, "section": _section, "tags": _tags, "draft": _draft,
    "slug": _slug, "image": _image,
}
