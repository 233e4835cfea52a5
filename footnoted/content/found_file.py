"""content/sources-found.yaml: what `sources` read on each cited page (or its archived copy).

The build only reads this file (load stage); the `sources` command writes it, whole or not at
all, by the rules of archive.yaml (archive_file.py): URLs sorted, fields in a fixed order,
defaults left out, replaced at once. What the editor typed (front matter, sources.yaml) wins
over the file, field by field: the file only fills in what a source lacks.

    "https://example.org/page":
      title: The bill that never passed
      publisher: Example News
      author: Ann Lee
      date: 2023-03-12
      lang: en
      read_from: page
      checked: 2026-12-01
      status: found
      quotes:
        - text: report to recruitment offices
          in_page: true
          in_copy: false
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

import yaml

from ..problems import Problem, error
from .schema import CheckedText, Moment, Reader, read

FOUND_FILE = "sources-found.yaml"
HEADER = ("# What each cited page says of itself (title, publisher, author, date, language) and\n"
          "# whether its quotes are there, written by `python build.py sources`. Commit it;\n"
          "# builds read it and never change it. What you type in front matter wins.\n")


class FoundStatus(CheckedText):
    """What reading the page gave."""

    VALUES = ("found", "none", "failed")  # some facts; a page saying nothing; no page, no copy

    @classmethod
    def problem(cls, value: str) -> tuple[str, str] | None:
        if value in cls.VALUES:
            return None
        return f"is '{value}'", f"Use one of: {', '.join(cls.VALUES)}"


class ReadFrom(CheckedText):
    """Where the facts were read: the live page, or its archived copy when it is dead."""

    VALUES = ("page", "copy")

    @classmethod
    def problem(cls, value: str) -> tuple[str, str] | None:
        return None if value in cls.VALUES else (f"is '{value}'", "Use page or copy")


class QuoteFound(CheckedText):
    """Where a source's quote was found (`sources` says; an editor may say it by hand)."""

    VALUES = ("page", "copy", "both", "nowhere")  # the live page; the archived copy only; ...

    @classmethod
    def problem(cls, value: str) -> tuple[str, str] | None:
        if value in cls.VALUES:
            return None
        return f"is '{value}'", f"Use one of: {', '.join(cls.VALUES)}"


@dataclass(frozen=True, kw_only=True)
class QuoteCheck:
    """Whether a source's `quote:` was found, in the live page and in its archived copy."""

    text: str  # the quote as the editor wrote it (an edited quote is checked again)
    in_page: bool | None = None  # None: the live page could not be read
    in_copy: bool | None = None  # None: there is no archived copy, or it could not be read

    @property
    def verdict(self) -> QuoteFound | None:
        """page, copy, both or nowhere; None when neither the page nor a copy was read."""
        if self.in_page is None and self.in_copy is None:
            return None
        where = {(True, True): "both", (True, False): "page", (False, True): "copy"}
        return QuoteFound(where.get((bool(self.in_page), bool(self.in_copy)), "nowhere"))


@dataclass(frozen=True, kw_only=True)
class FoundRecord:
    """One URL's entry in sources-found.yaml."""

    title: str | None = None  # the page's own title
    publisher: str | None = None  # the site or publication's name
    author: str | None = None  # who wrote it, names joined by ", "
    date: Moment | None = None  # when it was published
    lang: str | None = None  # its language (BCP 47)
    read_from: ReadFrom | None = None  # the live page, or the archived copy when it was dead
    checked: Moment | None = None  # when the page was last read
    status: FoundStatus = FoundStatus("none")
    quotes: list[QuoteCheck] = field(default_factory=list)  # the quotes citing it, by text

    def quote_check(self, quote: str | None) -> QuoteCheck | None:
        """The verdict on `quote`, if this quote (not an older wording) was checked."""
        wanted = normalised(quote or "")
        return next((check for check in self.quotes if normalised(check.text) == wanted), None)


Found = Mapping[str, FoundRecord]  # by URL

FACTS = ("title", "publisher", "author", "date", "lang")  # what fills in a source's gaps

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"',
                         "\u00bb": '"', "\u2032": "'", "\u2033": '"', "\u00a0": " ",
                         "\u2013": "-", "\u2014": "-", "\u2011": "-", "\u00ad": ""})


def normalised(text: str) -> str:
    """Text as quotes are compared: NFKC, curly quotes and dashes made plain, case folded,
    every run of whitespace one space, the quote marks around it and an ellipsis dropped."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    text = re.sub(r"\s+", " ", text).strip()
    return text.strip("\"' .…").strip()


def load_found(path: Path, name: str, reader: Reader, problems: list[Problem]) -> dict:
    """The records in `path` ({} when there is none); mistakes are reported with their line."""
    if not path.exists():
        return {}
    try:
        node = yaml.compose(path.read_text("utf-8"), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.append(error(name, mark.line + 1 if mark else 0, f"is not valid YAML ({exc})",
                              "Run `python build.py sources` again, or restore it from git"))
        return {}
    if node is None:
        return {}
    records = read(node, dict[str, FoundRecord], reader, "sources-found")
    problems += reader.problems
    bad = [key for key, _ in getattr(node, "value", [])
           if not str(key.value).startswith(("http://", "https://"))]
    problems += [error(name, reader.line(key), f"'{key.value}' is not an http(s) URL",
                       f"Each key of {FOUND_FILE} is a cited source's address") for key in bad]
    return {} if records is None or bad else records


def dump_found(records: Found) -> str:
    """The file's text: URLs sorted, fields in a fixed order, defaults left out, quotes
    sorted, so a re-run that learns nothing new writes the same bytes."""
    lines = [HEADER]
    defaults = FoundRecord()
    for url in sorted(records):
        record = records[url]
        lines.append(f"{json.dumps(url, ensure_ascii=False)}:\n")
        for item in fields(FoundRecord):
            value = getattr(record, item.name)
            if item.name == "quotes":
                lines += _quote_lines(value)
            elif value != getattr(defaults, item.name) or item.name == "status":
                lines.append(f"  {item.name}: {_scalar(value)}\n")
    return "".join(lines)


def write_found(path: Path, records: Found) -> None:
    """Replace the file at once: an interrupted run leaves the old file or the new, whole."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(temporary, "w", encoding="utf-8") as file:
        file.write(dump_found(records))
        file.flush()
        os.fsync(file.fileno())
    os.replace(temporary, path)


def _quote_lines(quotes: list[QuoteCheck]) -> list[str]:
    if not quotes:
        return []
    lines = ["  quotes:\n"]
    for check in sorted(quotes, key=lambda check: check.text):
        lines.append(f"    - text: {_text(check.text)}\n")
        lines += [f"      {name}: {_scalar(value)}\n"
                  for name, value in (("in_page", check.in_page), ("in_copy", check.in_copy))
                  if value is not None]
    return lines


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Moment):
        return value.isoformat()
    return _text(str(value))


def _text(value: str) -> str:
    """Plain when YAML reads it back as the same text, else JSON's quoting (valid YAML)."""
    try:
        plain = yaml.safe_load(value) == value and "\n" not in value and value.strip() == value
    except yaml.YAMLError:
        plain = False
    return value if plain and value.isprintable() else json.dumps(value, ensure_ascii=False)
