"""What every importer hands to the writer: articles as plain data, and what was not carried.

Importers only read; `article_writer.py` alone touches the content folder. An importer returns
`ImportedArticle`s (front matter as an ordered dict in our format, the Markdown body, the
image files to copy) and `Notice`s, one for everything it could not carry over, so nothing
is dropped without a line in the report.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Notice:
    """One thing an import could not carry over as it was, located in the input."""

    path: str  # the input file, as given on the command line
    line: int  # 1-based; 0 when it concerns the whole file or the line is unknown
    category: str  # a short kebab-case name, counted in the summary (e.g. "lost-link")
    message: str  # what happened to it
    fix: str = ""  # what the editor may do
    is_error: bool = False  # the input could not be read at all: the command fails

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {'error' if self.is_error else 'warning'}: {self.message}"
        return (f"{text}. {self.fix}" if self.fix else text) + f" [{self.category}]"


@dataclass(frozen=True)
class ImportedArticle:
    """One article ready to write: `meta` holds our front-matter keys in the documented order."""

    slug: str  # the file name under --into, without .md
    origin: str  # where it came from, e.g. "export.xml, post 12", for the file's first line
    meta: dict[str, Any]  # front matter: title, date, ... sources
    body: str  # annotated Markdown
    images: dict[str, Path] = field(default_factory=dict)  # path under --into -> file to copy

    @property
    def is_draft(self) -> bool:
        return bool(self.meta.get("draft"))


@dataclass(frozen=True)
class ImportOptions:
    """What the command line passes to every importer; each uses the fields it needs."""

    zone: ZoneInfo  # the site's time zone, for times written without one
    pages: bool = False  # wordpress: also import pages
    uploads: Path | None = None  # wordpress: the wp-content/uploads folder


@dataclass
class Harvest:
    """What one importer read: the articles and the notices, and how many items it saw."""

    articles: list[ImportedArticle] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    items_in: int = 0  # articles (posts, pages, files) found in the input, imported or not

    def notice(self, path: str, line: int, category: str, message: str, fix: str = "") -> None:
        self.notices.append(Notice(path, line, category, message, fix))

    def unreadable(self, path: str, line: int, message: str, fix: str) -> None:
        self.notices.append(Notice(path, line, "unreadable", message, fix, is_error=True))

    def categories(self) -> Counter[str]:
        return Counter(notice.category for notice in self.notices)
