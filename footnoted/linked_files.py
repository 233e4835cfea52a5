"""Files an article links to: a file of content/ that is not an article, published beside it.

    [the data](survey.csv)      -> content/post/survey.csv, copied to post/survey.csv
    <a href="demos/grid/">      -> content/post/demos/grid/index.html (that one file only)

A relative link that is not another article's page names a file the way an image path does
(images.ImagePlaces: from the article's file, or else from its page's address): when that is
a file inside content/, it is copied once to its place on the site, named as an image's copy
is, and the link leads there relatively. A link to a folder publishes the folder's
`index.html` alone: the rest of a folder may be drafts or sources, and a link says nothing
about them, except what a published HTML page itself loads (its `src`s and stylesheets,
found from its own folder: `demo_files`), so a demo shows as it did; what such a page loads
from other hosts is warned of. What names no file is the caller's to report; a file outside
content/ (through `..` or a symbolic link) is an error.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from .images import ImagePlaces, ImageRef
from .problems import Problem, error, warning

HTML_SUFFIXES = (".html", ".htm")
LOADING_ATTRIBUTES = ("src", "poster", "data")  # what a page loads; `href` only of <link>
FOLDER_PAGE = "index.html"  # what a link to a folder publishes of it, as a web server serves it
OUT_FIX = ("Put the file in {content}/ (beside the article, say) and give its path from the "
           "article's file, e.g. files/data.csv")


@dataclass(frozen=True)
class LinkedFile:
    """What a relative link names: the published file, or the files it was looked for as
    (for the build cache: one may appear), and the error when it leads out of content/."""

    published: ImageRef | None = None  # with its `url` on the page
    looked_for: tuple[str, ...] = ()  # project-relative files that were not there
    problem: Problem | None = None


def find_linked_file(places: ImagePlaces, article_path: str, slug: str, written: str,
                     line: int) -> LinkedFile:
    """The file the link path `written` (unquoted, without query or fragment) names from the
    article at `article_path`, whose page is at `slug`."""
    candidates = [written + FOLDER_PAGE] if written.endswith("/") \
        else [written, f"{written}/{FOLDER_PAGE}"]
    looked_for = []
    for candidate in candidates:
        file = places.file_of(article_path, slug, candidate)
        if file is None:  # out of content/ from the file; from the page, it may appear
            from_page = places.rooted("/" + posixpath.join(slug, candidate))
            looked_for += [from_page] if from_page else []
            continue
        if not file.startswith(f"{places.content_dir}/"):
            continue
        if not (places.root / file).is_file():
            looked_for.append(file)
            continue
        if not (places.root / file).resolve().is_relative_to(
                (places.root / places.content_dir).resolve()):
            return LinkedFile(problem=error(
                article_path, line, f"link leads out of the content folder (through a "
                f"symbolic link): '{written}'", OUT_FIX.format(content=places.content_dir)))
        located, problem = places.locate(article_path, slug, ImageRef(candidate, line),
                                         what="link")
        return LinkedFile(published=located, problem=problem)
    outside = posixpath.normpath(posixpath.join(posixpath.dirname(article_path), written))
    if not outside.startswith(f"{places.content_dir}/") and (places.root / outside).exists():
        return LinkedFile(problem=error(
            article_path, line, f"link leads out of the content folder: '{written}' is "
            f"{outside}", OUT_FIX.format(content=places.content_dir)))
    return LinkedFile(looked_for=tuple(looked_for))


def link_url(found: ImageRef, written: str) -> str:
    """The link's address on the page: the copy's, or its folder's when the link named one."""
    if found.src.endswith(f"/{FOLDER_PAGE}") and not written.endswith(FOLDER_PAGE):
        folder = found.url.removesuffix(FOLDER_PAGE)
        return folder or "./"
    return found.url


def demo_files(places: ImagePlaces, article_path: str, slug: str, page: ImageRef
               ) -> tuple[list[ImageRef], tuple[str, ...], list[Problem]]:
    """What the published HTML `page` loads from its own folder or below it, published too
    (one level: a stylesheet's own `url()`s are not followed); the files it names that are
    not there, for the build cache; and a warning naming the other hosts it loads from."""
    parser = LoadedAddresses()
    parser.feed((places.root / page.file).read_text("utf-8", errors="replace"))
    folder, content = posixpath.dirname(page.file), (places.root / places.content_dir).resolve()
    files, looked_for, hosts = [], [], []
    for address in parser.addresses:
        parts = urlsplit(address)
        if parts.netloc:
            hosts.append(parts.netloc)
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
            continue
        file = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
        path = places.root / file
        if not file.startswith(f"{places.content_dir}/"):
            continue
        if not path.is_file():
            looked_for.append(file)
        elif path.resolve().is_relative_to(content):
            src = posixpath.relpath(file, posixpath.dirname(article_path))
            located, _ = places.locate(article_path, slug, ImageRef(src, page.line), "link")
            files += [located] if located else []
    problems = [warning(article_path, page.line, f"{page.file}, published for a link of this "
                        "article, loads files from other hosts "
                        f"({', '.join(sorted(set(hosts)))}), so its readers' browsers request them",
                        "Save those files beside it and give their paths relatively")] \
        if hosts else []
    return files, tuple(looked_for), problems


class LoadedAddresses(HTMLParser):
    """The addresses an HTML page loads: `src`s, `<link href>`s (stylesheets, icons)."""

    def __init__(self) -> None:
        super().__init__()
        self.addresses: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name in LOADING_ATTRIBUTES or (tag == "link" and name == "href")):
                self.addresses.append(value.strip())
