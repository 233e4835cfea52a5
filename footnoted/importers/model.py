"""What every importer hands to the writer: articles as plain data, and what was not carried.

Importers only read; `article_writer.py` alone touches the content folder. An importer returns
`ImportedArticle`s (front matter as an ordered dict in our format, the Markdown body, the
image files to copy) and `Problem`s, as a build does: a warning for everything it could not
carry over (its `kind` a short kebab-case name such as "lost-link", counted in the summary),
an error for an input it could not read, so nothing is dropped without a line in the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ..problems import Problem, error, warning


def report_line(problem: Problem) -> str:
    """A problem as the import's report shows it: with its kind, which the summary counts."""
    return f"{problem} [{problem.kind}]"


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
    """What one importer read: the articles and the problems, and how many items it saw."""

    articles: list[ImportedArticle] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    items_in: int = 0  # articles (posts, pages, files) found in the input, imported or not

    def warn(self, path: str, line: int, kind: str, message: str, fix: str = "") -> None:
        """Something not carried over as it was; `kind` is counted in the summary."""
        self.problems.append(warning(path, line, message, fix, kind))

    def unreadable(self, path: str, line: int, message: str, fix: str) -> None:
        self.problems.append(replace(error(path, line, message, fix), kind="unreadable"))
