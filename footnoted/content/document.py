"""Stage 1, load: read every article and the shared sources into typed, validated data.

Nothing is rendered here. A file that cannot be read becomes a Problem with its line, and
the caller decides whether to go on; every file is read even when an earlier one failed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from ..problems import Problem, error
from ..settings import Settings
from .archive_file import ARCHIVE_FILE, ArchiveRecord, load_archive
from .budget import MAX_FILE_BYTES, MAX_NAME_BYTES, NESTING_FIX, Exceeded, name_too_long, yaml_shape
from .csl import is_csl, read_csl
from .discovery import (
    article_files,
    date_from_path,
    is_bundle_index,
    is_bundle_name,
    lang_from_path,
    reserved_problem,
    slug_from_path,
)
from .foreign_keys import foreign_key_fixes
from .found_file import FOUND_FILE, FoundRecord, QuoteFound, load_found
from .image_places import ImagePath
from .linefinder import LineFinder
from .schema import Moment, Reader, construct_plain, read
from .slugs import RESERVED, Slug, page_name, slugify, top_folder
from .text_clean import strip_forbidden
from .toml_front_matter import toml_node
from .urls import Url


@dataclass(frozen=True, kw_only=True)
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
    quote: str | None = None  # the passage the article relies on; links open the page at it
    dead: bool = False  # the original is gone: the archived copy leads (`links` finds these)
    recovered_from: str | None = None  # the saved page in which `recover` found a lost `url`
    lang: str | None = None  # the source's language (BCP 47); `sources` finds it
    # where `sources` found the quote: page, copy (the archived copy only), both or nowhere
    quote_found: QuoteFound | None = None

    @property
    def page_quote(self) -> str | None:
        """The quote the live page opens at: none where it was looked for and not found."""
        return self.quote if self.quote_found in (None, "page", "both") else None

    @property
    def copy_quote(self) -> str | None:
        """The quote the archived copy opens at: none where it was looked for and not found."""
        return self.quote if self.quote_found in (None, "copy", "both") else None


@dataclass(frozen=True, slots=True)
class Author:
    name: str  # as shown in the byline
    url: Url | None = None  # the author's page
    lost: bool = False  # the original byline linked the name; the target was not preserved
    recovered_from: str | None = None  # the saved page in which `recover` found a lost `url`


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
    recovered_from: str | None = None  # the saved page in which `recover` found a lost `url`


@dataclass(frozen=True, kw_only=True, slots=True)
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
    slug: Slug | None = None  # the page's folder name; defaults to the file's (or bundle's)
    translation_of: str | None = None  # the address (slug) of the article this one translates
    toc: bool | None = None  # show a table of contents of its headings; default: the site's
    extra: dict[str, Any] = field(default_factory=dict)  # free-form data for templates


@dataclass(frozen=True, kw_only=True)
class Document:
    """One article as read from disk: typed front matter and the Markdown body."""

    path: str  # relative to the project root, for messages
    slug: str  # the page's unique address below the site: `x`, `css/color` (slugs.py)
    meta: FrontMatter
    body: str  # the Markdown after the front matter
    body_line: int  # the file line on which the body starts
    text: str = ""  # the whole file, to find the lines of front-matter problems


@dataclass(frozen=True, kw_only=True)
class LoadedContent:
    documents: list[Document]  # sorted by path
    shared_sources: dict[str, SourceEntry]  # from content/sources.yaml
    shared_sources_path: str
    problems: list[Problem]
    archive: dict[str, ArchiveRecord] = field(default_factory=dict)  # content/archive.yaml
    found: dict[str, FoundRecord] = field(default_factory=dict)  # content/sources-found.yaml


FENCE = re.compile(r"^(---|\+\+\+)[ \t]*$", re.MULTILINE)
TOML_FENCE = "+++"
STR_TAG = "tag:yaml.org,2002:str"
FOREIGN_KEY_FIXES = foreign_key_fixes("front matter")
SOURCES_FILES = ("sources.yaml", "sources.json")  # ours or CSL-YAML; CSL-JSON


def load_content(settings: Settings) -> LoadedContent:
    paths, problems = article_files(settings)
    documents = []
    for path in paths:
        document, found = load_document(path, settings)
        problems += found
        if document is not None:
            documents.append(document)
    problems += duplicate_slugs(documents, settings.content_dir)
    shared = load_shared_sources(settings)
    return replace(shared, documents=documents, problems=problems + shared.problems)


def load_document(path: Path, settings: Settings) -> tuple[Document | None, list[Problem]]:
    """One article file, or None when it cannot be read; its problems either way."""
    problems: list[Problem] = []
    return _read_document(path, settings, problems), problems


def _read_document(path: Path, settings: Settings, problems: list[Problem]) -> Document | None:
    name = _relative(path, settings)
    text = _read_text(path, name, problems)
    if text is None:
        return None
    split = _split_front_matter(text, name, problems)
    if split is None:
        return None
    fence, front_text, body, body_line = split
    reader = Reader(name, settings.zone, line_offset=1, key_fixes=FOREIGN_KEY_FIXES)
    node = toml_node(front_text, reader) if fence == TOML_FENCE else _compose(front_text, reader)
    if node is None:
        problems += reader.problems
        return None
    node = _with_date(node, date_from_path(path, settings))
    meta = read(node, FrontMatter, reader, "front matter")
    problems += reader.problems
    if meta is None:
        return None
    if meta.image and meta.image.src and not meta.image.alt:
        problems.append(error(name, _line_of_key(text, "src"),
                              f"image '{meta.image.src}' has no 'alt:' text",
                              "Add 'alt:' saying what the picture shows, for readers who "
                              "cannot see it"))
        return None
    slug = slug_from_path(path, settings, meta.slug)
    if name_too_long(slug):
        problems.append(error(name, _line_of_key(text, "slug") if meta.slug else 0,
                              f"the page's address '{slug[:57]}...' has a part longer than "
                              f"{MAX_NAME_BYTES} bytes, which no file system holds",
                              "Set a shorter 'slug:' or rename the file"))
        return None
    if top_folder(slug) in RESERVED:
        slug_line = _line_of_key(text, "slug") if meta.slug else None
        problems.append(reserved_problem(name, slug, slug_line, is_bundle_index(path, settings)))
        return None
    if meta.lang is None and lang_from_path(path):
        meta = replace(meta, lang=lang_from_path(path))
    return Document(path=name, slug=slug, meta=meta, body=body, body_line=body_line, text=text)


def reread_document(path: Path, settings: Settings, known: Document) -> Document | None:
    """`known`, loaded from this same file before and kept without its text, given its text
    again: a build that reads each file twice (for the slugs, then to parse) does the YAML
    and the front matter's types, most of loading, only once. None if it no longer splits."""
    problems: list[Problem] = []
    text = _read_text(path, known.path, problems)
    split = _split_front_matter(text, known.path, problems) if text is not None else None
    if split is None:
        return None
    _, _, body, body_line = split
    return replace(known, body=body, body_line=body_line, text=text)


def load_shared_sources(settings: Settings) -> LoadedContent:
    """The shared sources alone (no documents), from the first of SOURCES_FILES present."""
    path = shared_sources_file(settings)
    problems: list[Problem] = []
    shared = _read_shared_sources(path, settings, problems)
    archive, found = load_archive_file(settings)
    facts, more = load_found_file(settings)
    return LoadedContent(documents=[], shared_sources=shared,
                         shared_sources_path=_relative(path, settings),
                         problems=problems + found + more, archive=archive, found=facts)


def shared_source_files(settings: Settings) -> list[Path]:
    """Every file load_shared_sources may read: what it makes changes only with them."""
    return [settings.content / name for name in (*SOURCES_FILES, ARCHIVE_FILE, FOUND_FILE)]


def load_archive_file(settings: Settings) -> tuple[dict[str, ArchiveRecord], list[Problem]]:
    """content/archive.yaml's records by URL, and its problems."""
    path = settings.content / ARCHIVE_FILE
    name = _relative(path, settings)
    problems: list[Problem] = []
    return load_archive(path, name, Reader(name, settings.zone), problems), problems


def load_found_file(settings: Settings) -> tuple[dict[str, FoundRecord], list[Problem]]:
    """content/sources-found.yaml's records by URL, and its problems."""
    path = settings.content / FOUND_FILE
    name = _relative(path, settings)
    problems: list[Problem] = []
    return load_found(path, name, Reader(name, settings.zone), problems), problems


def shared_sources_file(settings: Settings) -> Path:
    return next((settings.content / name for name in SOURCES_FILES
                 if (settings.content / name).exists()), settings.content / SOURCES_FILES[0])


def _read_shared_sources(
    path: Path, settings: Settings, problems: list[Problem]
) -> dict[str, SourceEntry]:
    if not path.exists():
        return {}
    name = _relative(path, settings)
    text = _read_text(path, name, problems)
    reader = Reader(name, settings.zone)
    node = _compose(text, reader) if text else None  # JSON is YAML, so one parser reads both
    if node is not None and is_csl(construct_plain(node)):
        shared, found = read_csl(construct_plain(node), name, LineFinder(text, 1),
                                 settings.zone, SourceEntry)
        reader.problems.extend(found)
    else:
        shared = read(node, dict[str, SourceEntry], reader, "sources") if node else None
    problems += reader.problems
    return shared or {}


def _read_text(path: Path, name: str, problems: list[Problem]) -> str | None:
    if path.stat().st_size > MAX_FILE_BYTES:
        problems.append(error(name, 0, f"the file is larger than {MAX_FILE_BYTES // 2**20} MB, "
                              "the most one article or sources file may be",
                              "Split it into several articles"))
        return None
    data = path.read_bytes()
    if not data.strip():
        problems.append(error(name, 0, "the file is empty",
                              "Write front matter and a body, or delete the file"))
        return None
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(error(name, line, f"the file is not UTF-8 ({_guess_encoding(data)})",
                              "Re-save the file as UTF-8"))
        return None
    # Windows editors end lines with CR LF: the fences and every later step expect LF.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, found = strip_forbidden(text, name)
    problems += found
    return text


def _guess_encoding(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "it looks like UTF-16"
    if sum(0xC0 <= b <= 0xFF for b in data) > len(data) // 10:
        return "it looks like a Cyrillic code page such as Windows-1251"
    return "it looks like Latin-1 or Windows-1252"


def _with_date(node: yaml.Node, written: str | None) -> yaml.Node:
    """Front matter with `date:` from the file name added, when it gives no date itself."""
    if written is None or not isinstance(node, yaml.MappingNode) \
            or any(key.value == "date" for key, _ in node.value):
        return node
    mark = node.start_mark
    pair = (yaml.ScalarNode(STR_TAG, "date", mark, mark),
            yaml.ScalarNode(STR_TAG, written, mark, mark))
    return yaml.MappingNode(node.tag, [*node.value, pair], mark, node.end_mark)


def _split_front_matter(
    text: str, name: str, problems: list[Problem]
) -> tuple[str, str, str, int] | None:
    """Split fenced front matter from the body: (fence, front matter, body, first body line).

    `---` fences YAML; `+++` fences TOML, as in Hugo and Zola.
    """
    opening = FENCE.match(text)
    if opening is None:
        problems.append(error(name, 1, "the file does not start with front matter",
                              "Start it with a '---' line, the YAML keys, and another '---' line"))
        return None
    fence = opening.group(1)
    closing = re.compile(rf"^{re.escape(fence)}[ \t]*$", re.MULTILINE).search(text, opening.end())
    if closing is None:
        keys = "TOML keys" if fence == TOML_FENCE else "YAML keys"
        problems.append(error(name, 1, "the front matter is never closed",
                              f"Did you forget the closing '{fence}' line after the {keys}?"))
        return None
    front_text = text[opening.end() + 1 : closing.start()]
    body_start = closing.end() + 1
    return fence, front_text, text[body_start:], text[:body_start].count("\n") + 1


def _compose(text: str, reader: Reader) -> yaml.Node | None:
    try:
        node = _compose_fast(text)
    except yaml.YAMLError:
        node = None  # read it again below, for the pure-Python parser's clearer message
    except RecursionError:
        return _over_budget(reader, Exceeded("it is nested too deeply to read", NESTING_FIX))
    try:
        node = node or yaml.compose(text, Loader=yaml.SafeLoader)
        if node is not None:
            yaml_shape(node)  # before anything walks it: aliases and depth are unbounded
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + reader.line_offset) if mark else 0
        reader.problems.append(error(reader.path, line, f"invalid YAML: {exc.problem}",
                                     "Check indentation, colons and quotes on this line"))
        return None
    except RecursionError:
        return _over_budget(reader, Exceeded("it is nested too deeply to read", NESTING_FIX))
    except Exceeded as exceeded:
        return _over_budget(reader, exceeded)
    if node is None:
        reader.problems.append(error(reader.path, 1 + reader.line_offset, "the YAML is empty",
                                     "Add at least 'title:' and 'date:'"))
    return node


def _over_budget(reader: Reader, exceeded: Exceeded) -> None:
    line = (exceeded.line or 1) + reader.line_offset
    reader.problems.append(error(reader.path, line, f"the YAML is refused: {exceeded.reason}",
                                 exceeded.fix))


def _compose_fast(text: str) -> yaml.Node | None:
    """libyaml, when PyYAML was built with it, composes about ten times faster."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.compose(text, Loader=loader)


def duplicate_slugs(documents: list[Document], content_dir: str) -> list[Problem]:
    first_by_slug: dict[str, Document] = {}
    problems = []
    for document in documents:
        other = first_by_slug.setdefault(document.slug, document)
        if other is not document:
            longer = _slug_with_folder(document, content_dir)
            fix = "Set a different 'slug:' in one of them"
            problems.append(error(document.path, 0,
                                  f"slug '{document.slug}' is also used by {other.path}",
                                  f"{fix}, e.g. 'slug: {longer}' here" if longer else fix))
    return problems


def _slug_with_folder(document: Document, content_dir: str) -> str | None:
    """`a/b.md` clashing with `a/b/index.md` (both `a/b`) could set `slug: a-b`."""
    path = PurePosixPath(document.path)
    folder = path.parent.parent if is_bundle_name(path.stem) else path.parent
    if document.meta.slug or folder == PurePosixPath(content_dir) or content_dir not in path.parts:
        return None
    return slugify(f"{folder.name}-{page_name(document.slug)}")


def _line_of_key(text: str, key: str) -> int:
    """The line of `key:` (YAML) or `key =` (TOML); line 1 when it is not there."""
    found = re.search(rf"^[ \t-]*{key}[ \t]*[:=]", text, re.MULTILINE)
    return text[: found.start() if found else 0].count("\n") + 1


def _relative(path: Path, settings: Settings) -> str:
    try:
        return path.relative_to(settings.root).as_posix()
    except ValueError:
        return str(path)
