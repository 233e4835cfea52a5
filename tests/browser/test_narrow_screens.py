"""On a 390-pixel phone no page is wider than the screen, and what scrolls can be reached.

The site includes `long-lines.md`: long URLs and words in text, sources, a table and raw
HTML, code blocks wider than the screen, an embed and an image hosted elsewhere.
"""

from __future__ import annotations

from pathlib import Path

from .conftest import MOBILE, every_page
from .test_checkers import AXE, axe_violations

WIDTH = "() => [document.documentElement.scrollWidth, window.innerWidth]"
# What sticks out, to name it when a page is too wide.
WIDEST = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .slice(-3)
  .map(e => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)"""


def test_no_page_is_wider_than_a_phone(open_page, built_site: Path) -> None:
    page = open_page("", viewport=MOBILE)
    too_wide = {}
    for path in every_page(built_site):
        page.goto(page.url.split("/sub/path/")[0] + "/sub/path/" + path)
        page.wait_for_load_state("load")
        width, viewport = page.evaluate(WIDTH)
        if width > viewport:
            too_wide[path] = (width, page.evaluate(WIDEST))
    assert too_wide == {}


def test_the_long_lines_article_is_as_wide_as_the_phone(open_page) -> None:
    page = open_page("long-lines/", viewport=MOBILE)
    assert page.evaluate(WIDTH) == [390, 390]
    # The fixture really holds what would overflow: code wider than the screen, scrolling.
    code = page.locator(".highlight pre").first
    assert code.evaluate("e => e.scrollWidth > e.clientWidth")


def test_every_scrolling_region_can_be_reached_by_keyboard(open_page, built_site: Path) -> None:
    page = open_page("long-lines/", viewport=MOBILE, bypass_csp=True)
    regions = page.locator("pre")
    assert regions.count() == 3
    for index in range(regions.count()):
        region = regions.nth(index)
        assert (region.get_attribute("tabindex"), region.get_attribute("role")) == ("0", "region")
        assert region.get_attribute("aria-label").startswith("Code")
    page.locator(".highlight pre").first.focus()
    page.keyboard.press("ArrowRight")  # the browser scrolls the focused region, smoothly
    page.wait_for_function("() => document.querySelector('.highlight pre').scrollLeft > 0",
                           timeout=3000)
    if AXE.is_file():
        assert [v for v in axe_violations(page) if v.startswith("scrollable-region")] == []
