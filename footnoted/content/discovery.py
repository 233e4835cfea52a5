"""Which files under content/ are articles, and what their paths say about them.

Both the full load (document.py) and the incremental build (build/pipeline.py) ask here, so
a file is an article, or is reported, the same way in both. An article is a `.md` or
`.markdown` file. Its page's address follows its path, as in Hugo, Zola, MkDocs and Jekyll:
`guides/method.md` is `guides/method/`, one slug per folder. A page bundle,
`content/<folder>/index.md` beside its images (the Hugo and Zola convention), is the
folder's page; `index.<lang>.md` says its language too. Hugo's and Zola's section pages
(`_index.md`) are not articles: footnoted makes the section listings itself, so they are
reported, not published.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from ..problems import Problem, error, warning
from ..settings import Settings
from .slugs import slugify, top_folder

ARTICLE_SUFFIXES = (".md", ".markdown")  # Jekyll names its posts .markdown
# Two-letter language codes only (ISO 639-1, as Hugo's language keys usually are), with an
# optional region or script: `index.old.md` or `index.bak.md` is no language.
_LANG = r"[a-z]{2}(?:-[A-Za-z0-9]{2,8})*"
_BUNDLE_INDEX = re.compile(rf"^index(?:\.(?P<lang>{_LANG}))?$")
_SECTION_PAGE = re.compile(rf"^_index(?:\.{_LANG})?$")
_DATED_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[-_]|$)")


def article_files(settings: Settings) -> tuple[list[Path], list[Problem]]:
    """The article files in path order, and the problems with files that are not articles."""
    files, problems = article_paths(settings)
    return [Path(file) for file in files], problems


def article_paths(settings: Settings) -> tuple[list[str], list[Problem]]:
    """`article_files` as strings: a build compares and sorts 10,000 of them, and a Path
    costs more than the stat of its file."""
    content = settings.content
    resolved = content.resolve()
    files, problems = [], []
    found = dict(_candidates(str(content)))
    for text in sorted(found, key=_parts):  # pathlib's order, without a Path for each
        entry = found[text]
        problem = _not_an_article(entry, text, resolved, settings)
        if problem is not None:
            problems.append(problem)
        elif entry.is_file():
            files.append(text)
    return files, problems


def path_order(name: str) -> list[str]:
    """A sort key for site-relative names (`content/a/b.md`) that orders them as pathlib
    orders their Paths, folder by folder."""
    return name.split("/")


def _not_an_article(entry: os.DirEntry, text: str, content: Path,
                    settings: Settings) -> Problem | None:
    """Why a file named as an article is none: a link out of content/, a section page."""
    if entry.is_symlink() and not Path(text).resolve().is_relative_to(content):
        return error(Path(text).relative_to(settings.root).as_posix(), 0, "is a symbolic link "
                     f"to a file outside {settings.content_dir}/",
                     f"Copy the file into {settings.content_dir}/ instead")
    if _SECTION_PAGE.match(entry.name.rpartition(".")[0]):
        return warning(Path(text).relative_to(settings.root).as_posix(), 0, "is a section "
                       "page (Hugo's and Zola's _index.md), not an article: footnoted lists "
                       "sections itself and does not publish it",
                       "Rename it (e.g. about.md, with title and date) to publish its text as "
                       "an article, or delete it")
    return None


def _parts(path: str) -> list[str]:
    return path.split(os.sep)


def _candidates(folder: str) -> Iterator[tuple[str, os.DirEntry]]:
    """Every entry below `folder` named as an article, by path, as pathlib's rglob finds
    them (symbolic links to folders are not followed), with os.scandir's entries: their
    type comes with the listing, not a stat each."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.endswith(ARTICLE_SUFFIXES) and entry.name.rfind(".") > 0:
                yield entry.path, entry
            if entry.is_dir(follow_symlinks=False):
                yield from _candidates(entry.path)


def slug_from_path(path: Path, settings: Settings, own: str | None = None) -> str:
    """The page address of a file: its folders under content/, each slugified, then its name.

    `post.md` gives `post`, `guides/Method.md` gives `guides/method`; `<folder>/index.md`
    gives the folder's address; `index.ru.md` gives it too when Russian is the site's
    language, and `<folder>-ru` otherwise, so that the bundle's original and its translations
    do not claim the same page. `own`, the front matter's `slug:`, replaces the last part.
    """
    inside = path.parent.is_relative_to(settings.content)
    folders = path.parent.relative_to(settings.content).parts if inside else ()
    if is_bundle_index(path, settings):
        folders, lang = folders[:-1], lang_from_path(path)
        folder = slugify(path.parent.name)
        name = folder if lang in (None, settings.lang) else f"{folder}-{slugify(lang)}"
    else:
        name = slugify(path.stem)
    return "/".join([*(slugify(part) for part in folders), own or name])


def reserved_problem(name: str, slug: str, slug_line: int | None, bundle: bool) -> Problem:
    """The page at `slug` would be written into a folder the site writes itself
    (slugs.RESERVED); `slug_line` is the line of the front matter's `slug:`, if it set one."""
    if slug_line is not None and "/" not in slug:
        return error(name, slug_line, f"'slug' must not be '{slug}': that folder holds the "
                     "site's own files", f"Use e.g. '{slug}-page'")
    if "/" not in slug:
        origin = "folder" if bundle else "file"
        return error(name, 0, f"the {origin} name gives the slug '{slug}', a folder the site "
                     "uses for its own pages", f"Rename the {origin} or set e.g. "
                     f"'slug: {slug}-page'")
    top = top_folder(slug)
    return error(name, 0, f"the folder '{top}' gives the address '{slug}/', inside a folder "
                 "the site uses for its own pages", f"Rename the folder (e.g. to '{top}-pages')")


def is_bundle_index(path: Path, settings: Settings) -> bool:
    """`<folder>/index.md` or `index.<lang>.md`, anywhere below content/ but at its top."""
    return is_bundle_name(path.stem) and path.parent != settings.content


def is_bundle_name(stem: str) -> bool:
    return bool(_BUNDLE_INDEX.match(stem))


def lang_from_path(path: Path) -> str | None:
    """`index.ru.md` is in Russian unless its front matter says otherwise."""
    bundle = _BUNDLE_INDEX.match(path.stem)
    return bundle.group("lang") if bundle else None


def date_from_path(path: Path, settings: Settings) -> str | None:
    """`2024-02-28-release.md` (or a bundle folder named so) was written on 2024-02-28.

    Pelican, Zola and Jekyll read the date there when front matter gives none.
    """
    name = path.parent.name if is_bundle_index(path, settings) else path.stem
    found = _DATED_NAME.match(name)
    return found.group(1) if found else None
