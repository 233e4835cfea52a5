"""Images an article shows: files of the project, each copied once to its place on the site.

An image path is relative to the article's file (`images/x.png`, `../images/x.png`) or to the
site (`/img/x.png`), and always names a file of the project: no scheme (pages load nothing
from other hosts), no encoded separators, nothing outside content/ (no `..` beyond it, no
symlink leading out). A site-absolute path is the file under content/ or, where there is
none, the one under static/, which the site serves from static/. A file from content/ is
copied to the same place under the site, its folders named as page folders are
(content/css/images/1.png -> css/images/1.png, content/My Post/map.png -> my-post/map.png,
so a bundle's images stay beside its page), once however many articles show it, and each
page's `src` leads there relatively, so the site works under any path prefix; an SVG is
copied as svg.py sanitised it.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote

from ..problems import Problem, error, warning
from ..settings import Settings
from .budget import MAX_NAME_BYTES, name_too_long
from .schema import CheckedText
from .slugs import RESERVED, SITE_FILES, slugify, top_folder
from .svg import clean_svg
from .urls import TEMPLATE_TAG

# SVG too: it is sanitised before it is copied (svg.py).
IMAGE_SUFFIXES = (".avif", ".gif", ".jpeg", ".jpg", ".png", ".svg", ".webp")
_ENCODED_SEPARATORS = ("%2f", "%5c", "%2e")
STATIC_OUTPUT = "static"  # where the site has the project's static files (assets.py)
PATH_FIX = "Check the file name; paths are relative to the article's file"
ROOTED_FIX = "Check the file name; a path starting with '/' is in content/, or else in static/"


@dataclass(frozen=True)
class ImageRef:
    """One image an article shows: as the editor wrote it, and where it is."""

    src: str  # as written
    line: int  # line in the article file, for messages
    file: str = ""  # the image file, relative to the project: content/... or static/...
    output: str = ""  # where the site has it, relative to the site's root
    url: str = ""  # its `src` on the article's page: `output`, relative to the page


@dataclass(frozen=True)
class ImagePlaces:
    """The project's folders an image may come from, to find the file an image path names."""

    root: Path = Path(".")
    content_dir: str = "content"
    static_dir: str = "static"
    public_dirs: tuple[str, ...] = ()  # project-relative: content/public

    @classmethod
    def of(cls, settings: Settings) -> ImagePlaces:
        public = tuple(f"{settings.content_dir}/{folder.strip('/')}"
                       for folder in settings.public_dirs)
        return cls(settings.root, settings.content_dir, settings.static_dir, public)

    def file_of(self, article_path: str, slug: str, src: str) -> str | None:
        """The project-relative file `src` names, or None when it leads out of content/.

        A relative path that leads out of content/ from the article's file but names a file
        from its page's address (`../../img/x.png` on `tutorials/x/`, as Jekyll's pages are
        written: their paths are the browser's) is that file; `locate` warns of it.
        """
        written = unquote(src)
        if written.startswith("/"):
            return self.rooted(written)
        file = posixpath.normpath(posixpath.join(posixpath.dirname(article_path), written))
        if file.startswith(f"{self.content_dir}/"):
            return file
        from_page = self.rooted("/" + posixpath.join(slug, written))
        return from_page if from_page and (self.root / from_page).is_file() else None

    def rooted(self, written: str) -> str | None:
        """`/img/x.png`: content/img/x.png, or else the first of the public folders'
        (content/public/img/x.png) and static/img/x.png that exists."""
        inside = posixpath.normpath(written.lstrip("/"))
        if inside == ".." or inside.startswith("../"):
            return None
        candidates = self.rooted_candidates(inside)
        return next((file for file in candidates if (self.root / file).is_file()),
                    candidates[0])

    def rooted_candidates(self, inside: str) -> list[str]:
        """The files a site-absolute path may name, in the order they are looked for."""
        folders = (self.content_dir, *self.public_dirs, self.static_dir)
        return [f"{folder}/{inside}" for folder in folders]

    def holder(self, file: str) -> str:
        """The folder whose files are published by their path inside it: a public folder,
        or content/."""
        return next((folder for folder in self.public_dirs if file.startswith(f"{folder}/")),
                    self.content_dir)

    def locate(self, article_path: str, slug: str, image: ImageRef, what: str = "image"
               ) -> tuple[ImageRef | None, Problem | None]:
        """`image` with its file, its place on the site and its `src` on the page at `slug`,
        and a warning when it was found from the page's address; or the error, when it leads
        out of content/. `what` it is, for messages: an image, or a link to a file
        (linked_files.py)."""
        file = self.file_of(article_path, slug, image.src)
        if file is None:
            return None, error(article_path, image.line, "image leads out of the content "
                               f"folder: '{shown_src(image.src)}'", "Put the image file in "
                               f"{self.content_dir}/ and give its path from the article's "
                               "file, e.g. ../images/photo.jpg")
        if file.startswith(f"{self.static_dir}/"):
            output = f"{STATIC_OUTPUT}/{file.removeprefix(self.static_dir + '/')}"
        else:
            holder = self.holder(file)
            *folders, name = file.removeprefix(f"{holder}/").split("/")
            output = "/".join([*(slugify(folder) for folder in folders), name])
            problem = self._site_place_problem(article_path, image, what, file, output)
            if problem is not None:
                return None, problem
        if name_too_long(output):
            return None, error(article_path, image.line, f"{what} '{shown_src(image.src)}' "
                               f"would be published with a name longer than {MAX_NAME_BYTES} bytes "
                               f"('{shown_src(name_too_long(output))}'), which no file system "
                               "holds", "Give the file or its folder a shorter name")
        url = quote(posixpath.relpath(output, slug), safe="/")
        return replace(image, file=file, output=output, url=url), self._from_page(
            article_path, image, file, what)

    def _site_place_problem(self, article_path: str, image: ImageRef, what: str, file: str,
                            output: str) -> Problem | None:
        """A file that would be published where the site keeps its own files. A missing file
        is image_problems' to report: where it would go does not matter."""
        if not (self.root / file).is_file():
            return None
        if top_folder(output) == STATIC_OUTPUT:
            return error(article_path, image.line, f"{what} '{shown_src(image.src)}' is in "
                         f"{self.holder(file)}/{STATIC_OUTPUT}/, where the site keeps its own "
                         "static files",
                         f"Move it to {self.static_dir}/ or to another folder of "
                         f"{self.content_dir}/")
        if output in SITE_FILES or "/" in output and top_folder(output) in RESERVED:
            return error(article_path, image.line, f"{what} '{shown_src(image.src)}' would be "
                         f"published at {output}, where the site has its own files (the "
                         "site's wins)", f"Move it to another folder of {self.content_dir}/ "
                         "or rename it")
        return None

    def _from_page(self, article_path: str, image: ImageRef, file: str, what: str
                   ) -> Problem | None:
        if image.src.startswith("/") or posixpath.normpath(posixpath.join(
                posixpath.dirname(article_path), unquote(image.src))) == file:
            return None
        better = posixpath.relpath(file, posixpath.dirname(article_path))
        return warning(article_path, image.line, f"{what} '{shown_src(image.src)}' leads out of "
                       f"the content folder from this file; it was taken from the page's "
                       f"address instead ({file})", f"Write its path from the article's "
                       f"file: '{better}'")


class ImagePath(CheckedText):
    """`image.src` in front matter: checked like an image in the text."""

    @classmethod
    def problem(cls, value: str) -> tuple[str, str] | None:
        return image_path_problem(value)


def image_path_problem(src: str) -> tuple[str, str] | None:
    """(what is wrong, fix) when `src` cannot name a file of the site; None when it can.
    Where the file is, and whether it stays inside content/, is ImagePlaces' to say."""
    fix = "Put the image file beside the article and give its path, e.g. images/photo.jpg"
    shown = shown_src(src)
    if TEMPLATE_TAG.search(src):
        return f"'{' '.join(shown.split())}' holds another generator's template tag, which " \
            "footnoted does not run", "Write the path the tag gave, e.g. /assets/photo.jpg"
    if ":" in src.split("/")[0] or src.startswith("//"):
        return f"must be a file of this site, not '{shown}' (pages load nothing " \
            "from elsewhere)", fix
    if any(code in src.lower() for code in _ENCODED_SEPARATORS) or "\\" in unquote(src):
        return f"hides a path separator or dot in an escape: '{shown}'", fix
    if name_too_long(unquote(src)):
        return (f"names a file or folder longer than {MAX_NAME_BYTES} bytes "
                f"('{shown_src(name_too_long(unquote(src)))}'), which no file system holds", fix)
    if PurePosixPath(unquote(src)).suffix.lower() not in IMAGE_SUFFIXES:
        return (f"must be an image file ({', '.join(s[1:] for s in IMAGE_SUFFIXES)}), "
                f"not '{shown}'", "Convert the image to one of these formats")
    return None


def shown_src(src: str) -> str:
    """The path as written, whole (an editor acts on it); only an image carried in the text
    (`data:...`, often megabytes) is cut."""
    return src[:57] + "..." if src.startswith("data:") and len(src) > 60 else src


def image_problems(article_path: str, images: list[ImageRef], settings: Settings) -> list[Problem]:
    """Images whose file is missing, or is a symlink leading out of its folder; SVG files
    that cannot be made safe, or had parts removed."""
    problems = []
    for image in images:
        path = settings.root / image.file
        reason = _missing(image, path, settings)
        if reason:
            problems.append(error(article_path, image.line, f"image '{image.src}' {reason}",
                                  ROOTED_FIX if image.src.startswith("/") else PATH_FIX))
        elif path.suffix.lower() == ".svg":
            problems += svg_problems(article_path, image, path.read_bytes())
    return problems


def image_clashes(shown: list[tuple[str, list[ImageRef]]]) -> list[Problem]:
    """Two image files that one site path would hold (`A B/x.png` and `a-b/x.png`), from
    (article file, its images) pairs in path order: each but the first is an error."""
    first: dict[str, str] = {}
    problems = []
    for article_path, images in shown:
        for image in images:
            other = first.setdefault(image.output, image.file)
            if other != image.file:
                problems.append(error(article_path, image.line, f"image '{image.src}' would be "
                                      f"published at {image.output}, as {other} is",
                                      "Rename one of the folders or files"))
    return problems


def svg_problems(article_path: str, image: ImageRef, data: bytes) -> list[Problem]:
    """What sanitising the SVG an article shows refused or removed, at the article's line
    (the editor looks for the article first), with the SVG file and its own line."""
    clean = clean_svg(data)
    if clean.refusal is not None:
        line, reason = clean.refusal
        return [error(article_path, image.line, f"the SVG image {image.file} cannot be made "
                      f"safe: {reason} (its line {line})",
                      "Remove that part in an editor, or export the image as PNG")]
    if not clean.removed:
        return []
    parts = list(dict.fromkeys(what for _, what in clean.removed))
    shown = ", ".join(parts[:5]) + (f" and {len(parts) - 5} more" if len(parts) > 5 else "")
    return [warning(article_path, image.line, f"removed from the SVG image {image.file} "
                    f"(its line {clean.removed[0][0]}): {shown} (an image may not run code or "
                    "load other files)", "Remove them from the file to silence this warning")]


def image_files(images: list[ImageRef], settings: Settings) -> dict[str, bytes]:
    """Site path -> bytes of the images from content/ (those from static/ are copied with
    the static files); call only after `image_problems`."""
    return {image.output: _file_bytes(settings.root / image.file)
            for image in images if not image.output.startswith(f"{STATIC_OUTPUT}/")}


def _file_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix.lower() != ".svg":
        return data
    clean = clean_svg(data).data
    assert clean is not None, "image_problems refused it before anything is written"
    return clean


def _missing(image: ImageRef, path: Path, settings: Settings) -> str | None:
    folder = settings.static if image.file.startswith(f"{settings.static_dir}/") \
        else settings.content
    if not path.resolve().is_relative_to(folder.resolve()):
        return f"leads out of the {folder.name} folder (through a symbolic link)"
    if not path.is_file():
        if image.src.startswith("/"):
            *others, last = ImagePlaces.of(settings).rooted_candidates(
                image.file.removeprefix(f"{settings.content_dir}/"))
            if len(others) == 1:
                return f"does not exist (neither {others[0]} nor {last} is a file)"
            return f"does not exist (none of {', '.join(others)} or {last} is a file)"
        return f"does not exist ({image.file} is not a file)" if ".." in image.src \
            else "does not exist"
    return None
