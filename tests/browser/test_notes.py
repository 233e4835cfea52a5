"""Sidenotes, popovers and endnotes in Chromium, measured by bounding boxes."""

from __future__ import annotations

import pytest

from .conftest import ARTICLES, DESKTOP, MOBILE

# Every sidenote entry with its marker's and the text column's boxes, in document order.
SIDENOTE_BOXES = """() => {
  const box = (element) => {
    const r = element.getBoundingClientRect();
    return {top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right};
  };
  const body = document.querySelector(".article-body");
  return [...document.querySelectorAll(".sidenote[data-ref]")].map((entry) => {
    const marker = document.getElementById(entry.dataset.ref);
    return {ref: entry.dataset.ref, entry: box(entry), marker: box(marker),
            block: box(entry.parentElement.nextElementSibling), text: box(body)};
  });
}"""
TOLERANCE = 2  # px: sub-pixel rounding between the marker's line and the note's first line


def sidenotes(page) -> list[dict]:
    boxes = page.evaluate(SIDENOTE_BOXES)
    assert boxes, "the page has no sidenotes"
    return boxes


def assert_in_margin_without_overlap(boxes: list[dict], viewport_width: int) -> None:
    for note in boxes:
        assert note["entry"]["left"] > note["text"]["right"], f"{note['ref']} overlaps the text"
        assert note["entry"]["right"] <= viewport_width, f"{note['ref']} is cut off"
    for above, below in zip(boxes, boxes[1:], strict=False):
        assert below["entry"]["top"] >= above["entry"]["bottom"], (
            f"{below['ref']} overlaps {above['ref']}")


@pytest.mark.parametrize("path", ARTICLES)
def test_wide_screen_sidenotes_sit_level_with_their_markers(open_page, path: str) -> None:
    page = open_page(path, viewport=DESKTOP)
    boxes = sidenotes(page)
    assert_in_margin_without_overlap(boxes, DESKTOP["width"])
    previous_bottom = 0.0
    for note in boxes:
        entry, marker = note["entry"], note["marker"]
        if previous_bottom <= marker["top"]:  # room at the marker's line: it sits there
            assert abs(entry["top"] - marker["top"]) <= TOLERANCE, note["ref"]
        else:  # pushed down by the note above, never higher than its marker
            assert entry["top"] >= marker["top"], note["ref"]
        previous_bottom = entry["bottom"]


@pytest.mark.parametrize("path", ARTICLES)
def test_without_javascript_sidenotes_still_sit_beside_their_paragraph(open_page, path) -> None:
    page = open_page(path, viewport=DESKTOP, java_script_enabled=False)
    boxes = sidenotes(page)
    assert_in_margin_without_overlap(boxes, DESKTOP["width"])
    for note in boxes:
        assert note["entry"]["top"] >= note["block"]["top"] - TOLERANCE, note["ref"]
    first = boxes[0]
    assert abs(first["entry"]["top"] - first["block"]["top"]) <= TOLERANCE


@pytest.mark.parametrize("path", ARTICLES)
def test_narrow_screen_hides_the_margin(open_page, path: str) -> None:
    page = open_page(path, viewport=MOBILE)
    assert page.locator(".sidenotes").first.bounding_box() is None
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= MOBILE["width"], "the page scrolls sideways"


def popover_box(page) -> dict | None:
    return page.locator(".note-popover").bounding_box()


def marker_selector(path: str, kind: str, key: str, citation: int = 1) -> str:
    return f"#{path.strip('/')}-{kind}-{key}-ref-{citation}"


@pytest.fixture
def phone(open_page):
    page = open_page("notes-workout/", viewport=MOBILE, has_touch=True, is_mobile=True)
    return page


def test_tapping_a_marker_shows_its_source_beside_it(phone) -> None:
    marker = phone.locator(marker_selector("notes-workout/", "source", "report"))
    marker.tap()
    popover = phone.locator(".note-popover")
    assert popover.is_visible()
    text = popover.inner_text()
    assert text.startswith("Source 1\n")
    assert "The Annual Report on Things" in text
    assert "https://archive.example/2024/news.example/report" in text
    assert "↩" not in text  # the back-links stay in the list
    spot, box = marker.bounding_box(), popover_box(phone)
    assert box["x"] >= 0 and box["x"] + box["width"] <= MOBILE["width"]
    assert 0 <= box["y"] - (spot["y"] + spot["height"]) <= 12, "not right below the marker"
    assert phone.evaluate("location.hash") == "", "the page jumped away"


def test_popover_closes_on_the_marker_again_and_on_a_tap_outside(phone) -> None:
    marker = phone.locator(marker_selector("notes-workout/", "note", "long"))
    marker.tap()
    assert "A long editorial note" in phone.locator(".note-popover").inner_text()
    marker.tap()
    assert not phone.locator(".note-popover").is_visible()
    marker.tap()
    phone.locator("h1").tap()  # plain text, away from the popover
    assert not phone.locator(".note-popover").is_visible()
    assert phone.evaluate("location.hash") == ""


def test_enter_opens_the_popover_and_escape_returns_focus(open_page) -> None:
    page = open_page("notes-workout/", viewport={"width": 800, "height": 900})
    marker = page.locator(".article-body a.noteref[id]").nth(1)  # the bare link to data.example
    marker.focus()
    page.keyboard.press("Enter")
    popover = page.locator(".note-popover")
    assert popover.is_visible()
    assert "data.example/table" in popover.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('note-popover')")
    page.keyboard.press("Escape")
    assert not popover.is_visible()
    assert page.evaluate("document.activeElement.id") == marker.get_attribute("id")


def test_a_second_marker_replaces_the_open_popover(phone) -> None:
    phone.locator(marker_selector("notes-workout/", "note", "short")).tap()
    phone.locator(marker_selector("notes-workout/", "source", "report")).click()  # a mouse
    popovers = phone.locator(".note-popover")
    assert popovers.count() == 1
    assert "The Annual Report on Things" in popovers.inner_text()


@pytest.mark.parametrize("path", ARTICLES)
def test_without_javascript_every_marker_reaches_its_note_and_back(open_page, path) -> None:
    page = open_page(path, viewport=MOBILE, java_script_enabled=False)
    markers = page.locator(".article-body a.noteref[id]")
    ids = [markers.nth(i).get_attribute("id") for i in range(markers.count())]
    assert ids
    for ref_id in ids:
        marker = page.locator(f"#{ref_id}")
        target = marker.get_attribute("href")
        marker.click()
        assert page.evaluate("location.hash") == target
        note = page.locator(target)
        assert note.is_visible() and in_viewport(page, note), target
        note.locator(f'a[role="doc-backlink"][href="#{ref_id}"]').click()
        assert page.evaluate("location.hash") == f"#{ref_id}"
        assert in_viewport(page, marker), ref_id


def in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def test_popover_and_margin_speak_the_article_language(open_page) -> None:
    page = open_page("kak-footnoted-pokazyvaet-istochniki/", viewport=MOBILE)
    page.locator(".article-body a.noteref[id]").first.click()
    assert page.locator(".note-popover").inner_text().startswith("Источник 1\n")
    assert page.locator(".theme-toggle").inner_text() == "Тема: авто"
