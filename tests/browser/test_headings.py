"""Heading links and links between articles, followed in Chromium under the /sub/path/ prefix,
with JavaScript off: what a reader reaches by clicking; and a page three folders down, with
its images."""

from __future__ import annotations

import pytest

PAGE = "headings-workout/"


@pytest.fixture
def page(open_page):
    return open_page(PAGE, java_script_enabled=False, viewport={"width": 1000, "height": 600})


@pytest.mark.parametrize("words, heading", [
    ("the Russian part", "Русская часть"),
    ("the Russian part, encoded", "Русская часть"),
    ("the specification", "Спецификация"),
    ("what’s next", "What’s next?"),
])
def test_an_in_page_link_scrolls_its_heading_into_view(page, words, heading):
    page.get_by_role("link", name=words, exact=True).click()
    target = page.get_by_role("heading", name=heading)
    box = target.bounding_box()
    # -2: the second id is on a span in the heading's line, a fraction below its box's top
    assert -2 <= box["y"] < 100, f"{heading} is at {box['y']}px after the jump"


def test_an_old_style_anchor_name_is_reached(page):
    page.get_by_role("link", name="the old-style anchor", exact=True).click()
    assert page.url.endswith("#why-main")
    assert -2 <= page.locator("#why-main").bounding_box()["y"] < 100


def test_the_contents_lead_to_every_heading(page):
    toc = page.get_by_role("navigation", name="Contents")
    assert toc.get_by_role("link").all_inner_texts() == [
        "Русская часть", "Спецификация", "What’s next?", "Main"]
    toc.get_by_role("link", name="Main").click()
    assert page.url.endswith(f"/sub/path/{PAGE}#main-1")
    assert page.get_by_role("heading", name="Main").bounding_box()["y"] < 100


@pytest.mark.parametrize("words", ["the notes workout", "its site address"])
def test_a_link_to_another_article_reaches_its_page_under_the_prefix(page, words):
    page.get_by_role("link", name=words).click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/sub/path/notes-workout/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Notes workout")


NESTED_PAGE = "guides/deep/nested-page/"
LOADED_IMAGES = "() => [...document.images].map(i => [i.alt, i.complete && i.naturalWidth > 0])"


def test_a_page_three_folders_down_shows_its_images_and_links_up(open_page):
    page = open_page(NESTED_PAGE, java_script_enabled=False)
    assert page.evaluate(LOADED_IMAGES) == [["The pipeline, from this file", True],
                                            ["The pipeline, from the root", True]]
    assert page.evaluate("getComputedStyle(document.querySelector('main')).maxWidth") != "none"
    page.get_by_role("link", name="how footnoted works").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/sub/path/how-footnoted-works/")
    assert [loaded for _, loaded in page.evaluate(LOADED_IMAGES)] == [True]  # the lead image
