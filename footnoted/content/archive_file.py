"""content/archive.yaml: the archived copy of each cited URL, as `archive` and `links` found it.

The build only reads this file (load stage); the network commands write it, whole or not at
all. A source's own `archived:` wins over the file: the editor's hand beats the machine's.

    "https://example.org/page":
      snapshot: https://web.archive.org/web/20230312101500/https://example.org/page
      snapshot_date: 2023-03-12
      checked: 2026-12-01
      status: archived
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

import yaml

from ..problems import Problem, error
from .schema import CheckedText, Moment, Reader, read
from .urls import Url

ARCHIVE_FILE = "archive.yaml"
HEADER = ("# Archived copies of the cited sources, written by `python build.py archive` and\n"
          "# `links`. Commit it; builds read it and never change it.\n")


class ArchiveStatus(CheckedText):
    """What the archive said about a URL."""

    VALUES = ("archived", "missing", "saved", "failed")  # found; none; capture asked; no answer

    @classmethod
    def problem(cls, value: str) -> tuple[str, str] | None:
        if value in cls.VALUES:
            return None
        return f"is '{value}'", f"Use one of: {', '.join(cls.VALUES)}"


@dataclass(frozen=True)
class ArchiveRecord:
    """One URL's line in archive.yaml."""

    snapshot: Url | None = None  # the archived copy closest to the citing article's date
    snapshot_date: Moment | None = None  # when that copy was taken
    checked: Moment | None = None  # when the archive was last asked
    status: ArchiveStatus = ArchiveStatus("missing")
    dead: bool = False  # `links` found the original gone: the archived copy leads


Archive = Mapping[str, ArchiveRecord]  # by URL


def load_archive(path: Path, name: str, reader: Reader, problems: list[Problem]) -> dict:
    """The records in `path` ({} when there is none); mistakes are reported with their line."""
    if not path.exists():
        return {}
    try:
        node = yaml.compose(path.read_text("utf-8"), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.append(error(name, mark.line + 1 if mark else 0, f"is not valid YAML ({exc})",
                              "Run `python build.py archive` again, or restore it from git"))
        return {}
    if node is None:
        return {}
    records = read(node, dict[str, ArchiveRecord], reader, "archive")
    problems += reader.problems
    bad = [key for key, _ in getattr(node, "value", [])
           if not str(key.value).startswith(("http://", "https://"))]
    problems += [error(name, reader.line(key), f"'{key.value}' is not an http(s) URL",
                       "Each key of archive.yaml is a cited source's address") for key in bad]
    return {} if records is None or bad else records


def dump_archive(records: Archive) -> str:
    """The file's text: URLs sorted, fields in a fixed order, defaults left out, so a re-run
    that learns nothing new writes the same bytes."""
    lines = [HEADER]
    defaults = ArchiveRecord()
    for url in sorted(records):
        lines.append(f"{json.dumps(url, ensure_ascii=False)}:\n")
        for field in fields(ArchiveRecord):
            value = getattr(records[url], field.name)
            if value != getattr(defaults, field.name) or field.name == "status":
                lines.append(f"  {field.name}: {_scalar(value)}\n")
    return "".join(lines)


def write_archive(path: Path, records: Archive) -> None:
    """Replace the file at once: an interrupted run leaves the old file or the new, whole."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(temporary, "w", encoding="utf-8") as file:
        file.write(dump_archive(records))
        file.flush()
        os.fsync(file.fileno())
    os.replace(temporary, path)


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Moment):
        return value.isoformat()
    return json.dumps(str(value), ensure_ascii=False) if ":" in str(value) else str(value)
