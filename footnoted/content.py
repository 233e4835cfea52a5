"""Stage 1, load: read every article and the shared sources into typed, validated data.

Nothing is rendered here. A file that cannot be read becomes a Problem with its line, and
the caller decides whether to go on; every file is read even when an earlier one failed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .csl import is_csl, read_csl
from .images import ImagePath
from .linefinder import LineFinder
from .problems import Problem, error
from .schema import Moment, Reader, construct_plain, read
from .settings import Settings
from .slugs import RESERVED, Slug, slugify
from .urls import Url


@dataclass(frozen=True)
class SourceEntry:
    """What an editor declares about a source, in front matter or content/sources.yaml."""

    url: Url | None = None  # where the source is; leave out only when `lost` is true
    title: str | None = None  # the source's own title
    publisher: str | None = None  # who published it (site, newspaper, agency)
    author: str | None = None  # who wrote it
    date: Moment | None = None  # when it was published
    accessed: Moment | None = None  # when the editor last checked it
    archived: Url | None = None  # URL of an archived copy (web archive, archive.today, ...)
    archived_date: Moment | None = None  # when that copy was taken
    note: str | None = None  # a short remark shown with the source
    lost: bool = False  # the original article linked here but the target was not preserved


@dataclass(frozen=True)
class Author:
    name: str  # as shown in the byline
    url: Url | None = None  # the author's page
    lost: bool = False  # the original byline linked the name; the target was not preserved


@dataclass(frozen=True)
class Publication:
    name: str  # where the article first appeared
    url: Url | None = None  # that publication's home page


@dataclass(frozen=True)
class LeadImage:
    caption: str = ""  # what the picture shows
    credit: str = ""  # photographer / agency
    src: ImagePath | None = None  # relative to the article's file; leave out if not available
    alt: str = ""  # text alternative, required when src is given


@dataclass(frozen=True)
class Related:
    title: str  # the related article's headline
    url: Url | None = None  # where it is
    lost: bool = False  # the original linked it but the target was not preserved


@dataclass(frozen=True)
class FrontMatter:
    """The keys an article's front matter may have; any other key is an error."""

    title: str  # the headline
    date: Moment  # first publication
    authors: list[Author] = field(default_factory=list)  # byline, in order
    section: str | None = None  # e.g. Opinion, News, Analysis
    dek: str | None = None  # one-sentence summary under the headline; also the feed summary
    updated: Moment | None = None  # last substantive update
    publication: Publication | None = None  # where the article first appeared
    original_url: Url | None = None  # the article's address at its publication
    lang: str | None = None  # BCP 47 language tag; defaults to the site's
    tags: list[str] = field(default_factory=list)  # topics
    image: LeadImage | None = None  # lead image, or just its caption and credit
    disclaimer: str | None = None  # shown at the end of the article
    related: list[Related] = field(default_factory=list)  # related articles
    sources: dict[str, SourceEntry] = field(default_factory=dict)  # sources, by key
    draft: bool = False  # drafts are checked but not published
    slug: Slug | None = None  # the page's folder name; defaults to the file name
    translation_of: str | None = None  # slug of the article this one translates
    toc: bool | None = None  # show a table of contents of its headings; default: the site's
    extra: dict[str, Any] = field(default_factory=dict)  # free-form data for templates


@dataclass(frozen=True)
class Document:
    """One article as read from disk: typed front matter and the Markdown body."""

    path: str  # relative to the project root, for messages
    slug: str  # unique name of the article's page
    meta: FrontMatter
    body: str  # the Markdown after the front matter
    body_line: int  # the file line on which the body starts
    text: str = ""  # the whole file, to find the lines of front-matter problems


@dataclass(frozen=True)
class LoadedContent:
    documents: list[Document]  # sorted by path
    shared_sources: dict[str, SourceEntry]  # from content/sources.yaml
    shared_sources_path: str
    problems: list[Problem]


FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)
SOURCES_FILES = ("sources.yaml", "sources.json")  # ours or CSL-YAML; CSL-JSON


def load_content(settings: Settings) -> LoadedContent:
    problems: list[Problem] = []
    documents = []
    for path in sorted(settings.content.rglob("*.md")):
        if not path.resolve().is_relative_to(settings.content.resolve()):
            problems.append(error(_relative(path, settings), 0, "is a symbolic link to a file "
                                  f"outside {settings.content_dir}/",
                                  f"Copy the file into {settings.content_dir}/ instead"))
            continue
        document = load_document(path, settings, problems)
        if document is not None:
            documents.append(document)
    problems += _duplicate_slugs(documents)
    shared_path = next((settings.content / name for name in SOURCES_FILES
                        if (settings.content / name).exists()), settings.content / SOURCES_FILES[0])
    shared = load_shared_sources(shared_path, settings, problems)
    return LoadedContent(documents, shared, _relative(shared_path, settings), problems)


def load_document(path: Path, settings: Settings, problems: list[Problem]) -> Document | None:
    name = _relative(path, settings)
    text = _read_text(path, name, problems)
    if text is None:
        return None
    split = _split_front_matter(text, name, problems)
    if split is None:
        return None
    yaml_text, body, body_line = split
    reader = Reader(name, settings.zone, line_offset=1)
    node = _compose(yaml_text, reader)
    if node is None:
        problems += reader.problems
        return None
    meta = read(node, FrontMatter, reader, "front matter")
    problems += reader.problems
    if meta is None:
        return None
    if meta.image and meta.image.src and not meta.image.alt:
        problems.append(error(name, _line_of(text, "src:"),
                              f"image '{meta.image.src}' has no 'alt:' text",
                              "Add 'alt:' saying what the picture shows, for readers who "
                              "cannot see it"))
        return None
    slug = meta.slug or slugify(path.stem)
    if slug in RESERVED:
        problems.append(error(name, 0, f"the file name gives the slug '{slug}', a folder the "
                              "site uses for its own pages",
                              f"Rename the file or set e.g. 'slug: {slug}-page'"))
        return None
    return Document(name, slug, meta, body, body_line, text)


def load_shared_sources(
    path: Path, settings: Settings, problems: list[Problem]
) -> dict[str, SourceEntry]:
    if not path.exists():
        return {}
    name = _relative(path, settings)
    text = _read_text(path, name, problems)
    reader = Reader(name, settings.zone)
    node = _compose(text, reader) if text else None  # JSON is YAML, so one parser reads both
    if node is not None and is_csl(construct_plain(node)):
        shared = read_csl(construct_plain(node), name, LineFinder(text, 1), settings.zone,
                          reader.problems)
    else:
        shared = read(node, dict[str, SourceEntry], reader, "sources") if node else None
    problems += reader.problems
    return shared or {}


def _read_text(path: Path, name: str, problems: list[Problem]) -> str | None:
    data = path.read_bytes()
    if not data.strip():
        problems.append(error(name, 0, "the file is empty",
                              "Write front matter and a body, or delete the file"))
        return None
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(error(name, line, f"the file is not UTF-8 ({_guess_encoding(data)})",
                              "Re-save the file as UTF-8"))
        return None


def _guess_encoding(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "it looks like UTF-16"
    if sum(0xC0 <= b <= 0xFF for b in data) > len(data) // 10:
        return "it looks like a Cyrillic code page such as Windows-1251"
    return "it looks like Latin-1 or Windows-1252"


def _split_front_matter(
    text: str, name: str, problems: list[Problem]
) -> tuple[str, str, int] | None:
    """Split `---`-fenced YAML from the body; return (yaml, body, first body line)."""
    if not FENCE.match(text):
        problems.append(error(name, 1, "the file does not start with front matter",
                              "Start it with a '---' line, the YAML keys, and another '---' line"))
        return None
    closing = FENCE.search(text, 3)
    if closing is None:
        problems.append(error(name, 1, "the front matter is never closed",
                              "Did you forget the closing '---' line after the YAML keys?"))
        return None
    yaml_text = text[4 : closing.start()]
    body_start = closing.end() + 1
    return yaml_text, text[body_start:], text[:body_start].count("\n") + 1


def _compose(text: str, reader: Reader) -> yaml.Node | None:
    try:
        node = _compose_fast(text)
    except yaml.YAMLError:
        node = None  # read it again below, for the pure-Python parser's clearer message
    try:
        node = node or yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + reader.line_offset) if mark else 0
        reader.problems.append(error(reader.path, line, f"invalid YAML: {exc.problem}",
                                     "Check indentation, colons and quotes on this line"))
        return None
    if node is None:
        reader.problems.append(error(reader.path, 1 + reader.line_offset, "the YAML is empty",
                                     "Add at least 'title:' and 'date:'"))
    return node


def _compose_fast(text: str) -> yaml.Node | None:
    """libyaml, when PyYAML was built with it, composes about ten times faster."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.compose(text, Loader=loader)


def _duplicate_slugs(documents: list[Document]) -> list[Problem]:
    first_by_slug: dict[str, Document] = {}
    problems = []
    for document in documents:
        other = first_by_slug.setdefault(document.slug, document)
        if other is not document:
            problems.append(error(document.path, 0,
                                  f"slug '{document.slug}' is also used by {other.path}",
                                  "Set a different 'slug:' in one of them"))
    return problems


def _line_of(text: str, needle: str) -> int:
    return text[: max(text.find(needle), 0)].count("\n") + 1


def _relative(path: Path, settings: Settings) -> str:
    try:
        return path.relative_to(settings.root).as_posix()
    except ValueError:
        return str(path)
