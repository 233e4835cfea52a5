"""The images an imported article shows: local files copied beside it, the rest declared.

A page may load nothing from another host, so a remote image is not shown: the build makes
`![words](https://...)` a numbered source whose words are the image's description. An image
whose file is not in the input becomes a lost source with a note naming the file, so the
editor can find it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from ..content.image_places import IMAGE_SUFFIXES
from .markdown_text import WEB, kept_url, shown_src
from .model import Harvest
from .sourcebook import SourceBook

IMAGES_FOLDER = "images"  # under --into: images/<slug>/<file name>, as in docs/format.md


class ImageShelf:
    """Decides, image by image, what the Markdown shows; remembers the files to copy."""

    def __init__(self, slug: str, book: SourceBook, harvest: Harvest,
                 locate: Callable[[str], Path | None], base_url: str | None = None,
                 remote_fix: str = "Download it beside the article to show it") -> None:
        self.slug = slug
        self.book = book
        self.harvest = harvest
        self.locate = locate  # the image's src -> its file in the input, or None
        self.base_url = kept_url(base_url, WEB)  # the page's address, for relative images
        self.remote_fix = remote_fix  # what the report suggests for an image on another host
        self.files: dict[str, Path] = {}  # path under --into -> file to copy

    def markdown(self, src: str, alt: str, path: str, line: int) -> str:
        """Markdown for one image, `alt` already escaped for Markdown."""
        found = self.locate(src) if not src.startswith("data:") else None
        if found is not None and found.suffix.lower() in IMAGE_SUFFIXES:
            return f"![{alt}]({self.copy(found)})"
        words = alt or f"Image: {_file_name(src)}"
        if found is not None:
            self.harvest.warn(path, line, "unsupported-image",
                                f"image '{src}' is a {found.suffix or 'file'} footnoted does "
                                "not show; declared as a lost source",
                                "Convert it to PNG, JPEG or WebP and put it back")
            return f"[{words}][{self.book.lost(words, f'image file {found.name}')}]"
        remote = self.remote(src)
        if remote:
            self.harvest.warn(path, line, "remote-image",
                                f"image '{remote}' is on another host; the page links it as a "
                                "source instead of loading it", self.remote_fix)
            return f"![{words}]({remote})"
        self.harvest.warn(path, line, "missing-image",
                            f"image '{shown_src(src)}' was not found; declared as a lost source",
                            "Put the file beside the article and replace the source with "
                            "![description](file)")
        note = "an inline image" if src.startswith("data:") else f"image {shown_src(src)}"
        return f"[{words}][{self.book.lost(words, note)}]"

    def copy(self, found: Path) -> str:
        """The path the article uses for `found`, under images/<slug>/; one name per file."""
        name = PurePosixPath(found.name.replace(" ", "-"))
        dest, number = f"{IMAGES_FOLDER}/{self.slug}/{name}", 1
        while self.files.get(dest, found) != found:
            number += 1
            dest = f"{IMAGES_FOLDER}/{self.slug}/{name.stem}-{number}{name.suffix}"
        self.files[dest] = found
        return dest

    def remote(self, src: str) -> str | None:
        scheme = urlsplit(src).scheme
        if scheme in ("http", "https"):
            return kept_url(src, WEB)
        if src.startswith("//"):
            return kept_url("https:" + src, WEB)
        if not scheme and self.base_url:
            return kept_url(urljoin(self.base_url, src), WEB)
        return None


def _file_name(src: str) -> str:
    if src.startswith("data:"):
        return "inline image"
    return unquote(PurePosixPath(urlsplit(src).path).name) or "image"
