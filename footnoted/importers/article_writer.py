"""The only part of an import that writes: annotated Markdown files and their images.

Each file's first front-matter line is a YAML comment naming where the article came from
and a digest of the rest of the file as written. Running the import again compares that
digest with the file: unchanged since the import, it is updated in place (never a second
copy); edited by someone, or not written by an import at all, it is left alone unless
`--force`. Output is deterministic, so a second run over the same input changes nothing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..content.document import FrontMatter
from ..problems import Problem, warning
from .model import ImportedArticle

MARKER = "# Imported by footnoted from "
_MARKER_LINE = re.compile(r"^# Imported by footnoted from .*\(sha256:([0-9a-f]{16})\).*\n",
                          re.MULTILINE)
FIELD_ORDER = [f.name for f in dataclasses.fields(FrontMatter)]


class Timestamp(str):
    """A date or time in ISO form, written as a plain YAML scalar rather than a quoted one."""


class FrontMatterDumper(yaml.SafeDumper):
    pass


FrontMatterDumper.add_representer(
    Timestamp, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:timestamp",
                                                             str(value)))


@dataclass(frozen=True)
class Outcome:
    """What happened to one article's file."""

    article: ImportedArticle
    path: Path  # the Markdown file under --into
    status: str  # "new", "updated", "unchanged", "edited" or "not-imported" (the last two: kept)


def render(article: ImportedArticle) -> str:
    """The file's whole text: front matter with the import marker, then the body."""
    rest = _front_matter(article.meta) + "---\n" + article.body.strip("\n") + "\n"
    digest = _digest(rest)
    return (f"---\n{MARKER}{article.origin} (sha256:{digest}); "
            "edited copies are kept on re-import\n" + rest)


def plan(articles: list[ImportedArticle], into: Path, force: bool) -> list[Outcome]:
    """Decide, without writing, what happens to each article's file."""
    return [Outcome(article, path, _status(path, render(article), force))
            for article in articles for path in [into / f"{article.slug}.md"]]


def write(outcomes: list[Outcome], into: Path) -> None:
    """Write the new and updated articles and their images; never touch the others."""
    for outcome in outcomes:
        if outcome.status not in ("new", "updated", "unchanged"):
            continue
        outcome.path.parent.mkdir(parents=True, exist_ok=True)
        if outcome.status != "unchanged":
            outcome.path.write_text(render(outcome.article), encoding="utf-8")
        for name, source in outcome.article.images.items():
            _copy(source, into / name)


def refusals(outcomes: list[Outcome], into_name: str) -> list[Problem]:
    problems = []
    for outcome in outcomes:
        name = f"{into_name}/{outcome.path.name}"
        if outcome.status == "edited":
            problems.append(warning(name, 0, "was edited since it was imported; left as it is",
                                    "Re-run with --force to replace it", "refused"))
        elif outcome.status == "not-imported":
            problems.append(warning(name, 0, "already exists and was not written by an "
                                    f"import; {outcome.article.origin} was not imported",
                                    "Re-run with --force to replace it, or move the file",
                                    "refused"))
    return problems


def _status(path: Path, text: str, force: bool) -> str:
    if not path.exists():
        return "new"
    existing = path.read_text("utf-8")
    if existing == text:
        return "unchanged"
    if force:
        return "updated"
    marker = _MARKER_LINE.search(existing)
    if marker is None:
        return "not-imported"
    as_imported = _digest(existing[: marker.start()].removeprefix("---\n")
                          + existing[marker.end():]) == marker.group(1)
    return "updated" if as_imported else "edited"


def _front_matter(meta: dict[str, Any]) -> str:
    ordered = {key: meta[key] for key in FIELD_ORDER if meta.get(key) not in (None, [], {}, "")}
    return yaml.dump(ordered, Dumper=FrontMatterDumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=96)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _copy(source: Path, dest: Path) -> None:
    data = source.read_bytes()
    if dest.exists() and dest.read_bytes() == data:
        return
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(data)
