"""Images an article shows: files beside its Markdown, copied next to its page.

An image path is relative to the article's file and stays inside the content folder: no
scheme (pages load nothing from other hosts), no absolute path, no `..`, no encoded
separators, and no symlink leading out. The file is copied to the same relative path under
the article's page folder, so the `src` the editor wrote works unchanged on the page; an
SVG is copied as svg.py sanitised it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from .problems import Problem, error, warning
from .schema import CheckedText
from .settings import Settings
from .svg import clean_svg

# SVG too: it is sanitised before it is copied (svg.py).
IMAGE_SUFFIXES = (".avif", ".gif", ".jpeg", ".jpg", ".png", ".svg", ".webp")
_ENCODED_SEPARATORS = ("%2f", "%5c", "%2e")


@dataclass(frozen=True)
class ImageRef:
    """One image an article shows, as the editor wrote it."""

    src: str  # relative to the article's file, as written
    line: int  # line in the article file, for messages


class ImagePath(CheckedText):
    """`image.src` in front matter: checked like an image in the text."""

    @classmethod
    def problem(cls, value: str) -> tuple[str, str] | None:
        return image_path_problem(value)


def image_path_problem(src: str) -> tuple[str, str] | None:
    """(what is wrong, fix) when `src` cannot be a file beside the article; None when it can."""
    fix = "Put the image file beside the article and give its path, e.g. images/photo.jpg"
    shown = src if len(src) <= 60 else src[:57] + "..."
    if ":" in src.split("/")[0] or src.startswith("//"):
        return f"must be a file of this site, not '{shown}' (pages load nothing " \
            "from elsewhere)", fix
    if any(code in src.lower() for code in _ENCODED_SEPARATORS) or "\\" in unquote(src):
        return f"hides a path separator or dot in an escape: '{shown}'", fix
    path = PurePosixPath(unquote(src))
    if path.is_absolute() or ".." in path.parts:
        return f"leads out of the article's folder: '{shown}'", fix
    if path.suffix.lower() not in IMAGE_SUFFIXES:
        return (f"must be an image file ({', '.join(s[1:] for s in IMAGE_SUFFIXES)}), "
                f"not '{shown}'", "Convert the image to one of these formats")
    return None


def image_problems(article_path: str, images: list[ImageRef], settings: Settings) -> list[Problem]:
    """Images whose file is missing, or is a symlink leading out of the content folder; SVG
    files that cannot be made safe, or had parts removed."""
    problems = []
    for image in images:
        path = _source_file(article_path, image, settings)
        reason = _missing(path, settings)
        if reason:
            problems.append(error(article_path, image.line, f"image '{image.src}' {reason}",
                                  "Check the file name; paths are relative to the article's file"))
        elif path.suffix.lower() == ".svg":
            problems += svg_problems(path.relative_to(settings.root).as_posix(),
                                     path.read_bytes())
    return problems


def svg_problems(name: str, data: bytes) -> list[Problem]:
    clean = clean_svg(data)
    if clean.refusal is not None:
        line, reason = clean.refusal
        return [error(name, line, f"this SVG image cannot be made safe: {reason}",
                      "Remove that part in an editor, or export the image as PNG")]
    if not clean.removed:
        return []
    parts = list(dict.fromkeys(what for _, what in clean.removed))
    shown = ", ".join(parts[:5]) + (f" and {len(parts) - 5} more" if len(parts) > 5 else "")
    return [warning(name, clean.removed[0][0], f"removed from this SVG image: {shown} "
                    "(an image may not run code or load other files)",
                    "Remove them from the file to silence this warning")]


def image_files(slug: str, article_path: str, images: list[ImageRef],
                settings: Settings) -> dict[str, bytes]:
    """Output path -> bytes for an article's images; call only after `image_problems`."""
    return {
        f"{slug}/{PurePosixPath(unquote(image.src))}":
        _file_bytes(_source_file(article_path, image, settings))
        for image in images
    }


def _file_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix.lower() != ".svg":
        return data
    clean = clean_svg(data).data
    assert clean is not None, "image_problems refused it before anything is written"
    return clean


def _source_file(article_path: str, image: ImageRef, settings: Settings) -> Path:
    return (settings.root / article_path).parent / unquote(image.src)


def _missing(path: Path, settings: Settings) -> str | None:
    if not path.resolve().is_relative_to(settings.content.resolve()):
        return "leads out of the content folder (through a symbolic link)"
    if not path.is_file():
        return "does not exist"
    return None
