"""The README's screenshots of the seed article (desktop, mobile, dark and print), and the
first screen of each page kind at 1440 and 390 px, light and dark, in docs/screenshots/pages/.

Refresh them after a visible change, then look at them before committing:

    python -m pytest tests/browser/test_screenshots.py --update-screenshots

Without the option the same shots go to a temporary folder, so the command keeps working.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from ..conftest import REPO
from .conftest import DESKTOP, MOBILE

SEED = "anything-but-more-mobilization/"
A4 = {"width": 794, "height": 1123}  # an A4 sheet at 96 dpi


def desktop(open_page) -> object:
    return open_page(SEED, viewport=DESKTOP, color_scheme="light")


def mobile(open_page) -> object:
    page = open_page(SEED, viewport=MOBILE, color_scheme="light", has_touch=True,
                     is_mobile=True, device_scale_factor=2)
    page.locator(f"#{SEED.strip('/')}-source-mobilization-ref-1").tap()
    return page


def dark(open_page) -> object:
    page = open_page(SEED, viewport=DESKTOP, color_scheme="dark")
    page.locator(".article-body p").nth(2).evaluate("(p) => scrollTo(0, p.offsetTop - 150)")
    return page


def print_(open_page) -> object:
    page = open_page(SEED, viewport=A4, color_scheme="light")
    page.emulate_media(media="print")
    page.locator(".article-body p").last.evaluate("(p) => scrollTo(0, p.offsetTop - 40)")
    return page


SHOTS = {"desktop": desktop, "mobile": mobile, "dark": dark, "print": print_}


@pytest.mark.parametrize("name", SHOTS)
def test_screenshot(open_page, request, tmp_path: Path, name: str) -> None:
    update = request.config.getoption("--update-screenshots")
    folder = REPO / "docs" / "screenshots" if update else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    page = SHOTS[name](open_page)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path))
    viewport = page.viewport_size
    scale = 2 if name == "mobile" else 1
    assert png_size(path) == (viewport["width"] * scale, viewport["height"] * scale)


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


# Each page kind once: the front page (a listing), an article in English and one in Russian,
# an article with code and tables, the archive, the Sources page and search with results.
PAGE_KINDS = {"front": "", "article": SEED, "article-ru": "kak-footnoted-pokazyvaet-istochniki/",
              "article-code": "how-footnoted-works/", "archive": "archive/",
              "sources": "sources/", "search": "search/?q=sources"}
WIDTHS = {"1440": DESKTOP, "390": MOBILE}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_kind_screenshot(open_page, request, tmp_path: Path, kind: str, width: str,
                              scheme: str) -> None:
    update = request.config.getoption("--update-screenshots")
    folder = REPO / "docs" / "screenshots" / "pages" if update else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    page = open_page(PAGE_KINDS[kind], viewport=WIDTHS[width], color_scheme=scheme)
    if kind == "search":
        page.wait_for_selector("#search-results li")
    path = folder / f"{kind}-{width}-{scheme}.png"
    page.screenshot(path=str(path))
    assert png_size(path) == (WIDTHS[width]["width"], WIDTHS[width]["height"])
