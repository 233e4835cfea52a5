"""Files an article links to: a file of content/ that is not an article, published beside it.

    [the data](survey.csv)      -> content/post/survey.csv, copied to post/survey.csv
    <a href="demos/grid/">      -> content/post/demos/grid/index.html: not published (a warning)

A relative link that is not another article's page names a file the way an image path does
(images.ImagePlaces: from the article's file, or else from its page's address): when that is
a file inside content/, it is copied once to its place on the site, named as an image's copy
is, and the link leads there relatively. A link to a folder names the folder's `index.html`.
Files a browser would run are never published (ACTIVE_SUFFIXES: web pages, scripts; an SVG
is sanitised as an image is):
copied as they are they would run on the site's own address, past the sanitiser every
article's HTML goes through, and could load other hosts; a link to one is left as written
with a warning. What names no file is the caller's to report; a file outside content/
(through `..` or a symbolic link) is an error.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from ..problems import Problem, error, warning
from .budget import MAX_NAME_BYTES, name_too_long
from .image_places import ImagePlaces, ImageRef

# What a browser runs or renders as a document of the site's own address when opened.
# SVG is not among them: it is sanitised as an image is (image_places.py) before it is copied.
# Every XML type is among them: a browser opens .atom, .rss or .mml as a document that may
# hold XHTML and its scripts.
ACTIVE_SUFFIXES = (".htm", ".html", ".shtml", ".xhtml", ".xht", ".svgz", ".xml", ".xsl",
                   ".xslt", ".js", ".mjs", ".swf", ".atom", ".rss", ".rdf", ".mml", ".xsd",
                   ".dtd", ".xul")
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
    folder: str | None = None  # the project's folder it names (no page), when it names one


def find_linked_file(places: ImagePlaces, article_path: str, slug: str, written: str,
                     line: int) -> LinkedFile:
    """The file the link path `written` (unquoted, without query or fragment) names from the
    article at `article_path`, whose page is at `slug`."""
    if name_too_long(written):  # no file has that name; asking the system would fail
        return LinkedFile(problem=warning(
            article_path, line, f"link '{written[:57]}...' names a file or folder longer than "
            f"{MAX_NAME_BYTES} bytes, which no file system holds; the link is left as written",
            "Check the link's address"))
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
        if file.lower().endswith(ACTIVE_SUFFIXES):
            return LinkedFile(problem=warning(
                article_path, line, f"link '{written}' names {file}, a file a browser would "
                "run (a web page or script), which footnoted does not publish: copied as "
                "it is, it would run on the site's own address and could load other hosts; "
                "the link is left as written", "Link the original's address (https://...), "
                "or put what it shows in the article itself"))
        located, problem = places.locate(article_path, slug, ImageRef(candidate, line),
                                         what="link")
        return LinkedFile(published=located, problem=problem)
    outside = posixpath.normpath(posixpath.join(posixpath.dirname(article_path), written))
    if (places.root / outside).is_dir():  # a folder of the project, a page of no article
        return LinkedFile(looked_for=tuple(looked_for), folder=outside)
    if written.endswith("/"):
        return LinkedFile(looked_for=tuple(looked_for))  # a page of the old site, perhaps
    if not outside.startswith(f"{places.content_dir}/") and (places.root / outside).exists():
        return LinkedFile(problem=error(
            article_path, line, f"link leads out of the content folder: '{written}' is "
            f"{outside}", OUT_FIX.format(content=places.content_dir)))
    return LinkedFile(looked_for=tuple(looked_for))
