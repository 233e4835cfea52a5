"""Colour schemes, the theme toggle, print, and the page budget, in Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import ARTICLES, DESKTOP, MOBILE, PAGES

BUDGET = 60 * 1024  # bytes: an article page with its CSS and JS, images aside
# Records the page background in the first animation frame, i.e. just before the first paint.
FIRST_FRAME = """requestAnimationFrame(() => {
  window.firstFrameBackground = getComputedStyle(document.body).backgroundColor;
});"""


def background(page) -> str:
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def luminance(css_colour: str) -> float:
    """Rough brightness 0..1 of an opaque `rgb(r, g, b)` colour."""
    assert css_colour.startswith("rgb("), css_colour
    red, green, blue = (int(part) for part in css_colour[4:-1].split(","))
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


@pytest.mark.parametrize("path", PAGES)
def test_dark_scheme_changes_colours(open_page, path: str) -> None:
    light = open_page(path, viewport=MOBILE, color_scheme="light")
    dark = open_page(path, viewport=MOBILE, color_scheme="dark")
    assert luminance(background(light)) > 0.9
    assert luminance(background(dark)) < 0.15
    text = "getComputedStyle(document.querySelector('h1')).color"
    assert luminance(dark.evaluate(text)) > 0.8


def test_code_is_highlighted_in_both_schemes(open_page) -> None:
    colour = "getComputedStyle(document.querySelector('.highlight')).backgroundColor"
    light = open_page("notes-workout/", color_scheme="light").evaluate(colour)
    dark = open_page("notes-workout/", color_scheme="dark").evaluate(colour)
    assert luminance(light) > 0.8 and luminance(dark) < 0.2


def test_theme_toggle_cycles_and_persists_without_a_flash(open_context, site_url) -> None:
    context = open_context(viewport=DESKTOP, color_scheme="light")
    page = context.new_page()
    page.goto(site_url + "notes-workout/")
    toggle = page.locator(".theme-toggle")
    assert toggle.inner_text() == "Theme: auto"
    toggle.click()
    assert toggle.inner_text() == "Theme: light"
    toggle.click()
    assert toggle.inner_text() == "Theme: dark"
    assert luminance(background(page)) < 0.15
    context.add_init_script(FIRST_FRAME)
    for path in ["", "anything-but-more-mobilization/"]:  # another page keeps the choice
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        assert page.locator(".theme-toggle").inner_text() == "Theme: dark"
        assert luminance(page.evaluate("window.firstFrameBackground")) < 0.15, "flash of light"
    page.locator(".theme-toggle").click()
    assert page.locator(".theme-toggle").inner_text() == "Theme: auto"
    assert luminance(background(page)) > 0.9  # auto follows the light system scheme


def test_without_javascript_there_is_no_dead_toggle(open_page) -> None:
    page = open_page("", java_script_enabled=False)
    assert not page.locator(".theme-toggle").is_visible()


@pytest.mark.parametrize("path", ARTICLES)
def test_print_shows_sources_with_urls_and_hides_chrome(open_page, path: str) -> None:
    page = open_page(path, viewport=DESKTOP, color_scheme="dark")
    page.emulate_media(media="print")
    for hidden in [".sidenotes", ".theme-toggle", ".backlinks", ".site-header"]:
        assert not page.locator(hidden).first.is_visible(), hidden
    assert luminance(background(page)) > 0.9, "printing dark pages wastes ink"
    sources = page.locator(".sources")
    assert sources.is_visible()
    for link in sources.locator("a.source-url").all():
        # the printed address is the source's; a quote's text fragment only scrolls to it
        address = link.get_attribute("href").split(":~:text=")[0].removesuffix("#")
        assert link.inner_text() == address
        assert link.is_visible()
    markers = page.locator(".article-body a.noteref[id]")
    assert markers.first.is_visible() and markers.first.inner_text() in ("1", "a")


def test_print_lists_the_workout_urls_and_archived_copies(open_page) -> None:
    page = open_page("notes-workout/", viewport=DESKTOP)
    page.emulate_media(media="print")
    text = page.locator(".sources").inner_text()
    for url in ["https://news.example/2024/report", "https://data.example/table",
                "https://archive.example/2024/news.example/report"]:
        assert url in text


@pytest.mark.parametrize("path", ARTICLES)
def test_article_with_its_css_and_js_fits_the_budget(built_site: Path, open_page, path) -> None:
    page = open_page(path)
    own = page.evaluate("""[...document.querySelectorAll('link[rel=stylesheet], script[src]')]
        .map((element) => element.getAttribute('href') || element.getAttribute('src'))""")
    folder = built_site / path
    total = (folder / "index.html").stat().st_size
    total += sum((folder / reference).resolve().stat().st_size for reference in own)
    assert total < BUDGET, f"{path}: {total} bytes"
    blocking = "[...document.scripts].filter((s) => s.src && !s.async && !s.defer).length"
    assert page.evaluate(blocking) == 0, "a script blocks parsing and rendering"


@pytest.mark.parametrize("path", PAGES)
def test_content_security_policy_is_strict(open_page, path: str) -> None:
    page = open_page(path, java_script_enabled=False)
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert "unsafe" not in policy
    assert directives["default-src"] == "'none'"
    assert directives["style-src"] == "'self'"
    script_sources = directives["script-src"].split()
    assert script_sources[0] == "'self'"
    assert all(source.startswith("'sha256-") for source in script_sources[1:])
    assert page.locator("[style]").count() == 0, "inline style attributes would be refused"
