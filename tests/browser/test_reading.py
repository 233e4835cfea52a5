"""The reading experience as a reader on a phone and a desktop sees it (issue 23): the first
screen, marks in the text, words and dates in the page's language, nothing for editors."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

from footnoted.pages.search import words

from .conftest import DESKTOP, MOBILE, PREFIX

SEED = "anything-but-more-mobilization/"
PHONE = {"viewport": MOBILE, "has_touch": True, "is_mobile": True}
# What `check` reports ("content/x.md:57"), which has no place on a public page.
FILE_AND_LINE = re.compile(r"content/[^\s\"'<>()]*\.md:\d+")


def top(page, selector: str) -> float:
    return page.locator(selector).first.evaluate("e => e.getBoundingClientRect().top")


def test_a_phone_shows_the_seed_articles_first_paragraph_on_its_first_screen(open_page):
    page = open_page(SEED, **PHONE)
    assert top(page, ".article-body > p") < MOBILE["height"]
    assert top(page, "h1") < 200  # a compact masthead


def test_the_phone_navigation_is_one_row_beside_a_title_and_theme_button_row(open_page):
    page = open_page(SEED, **PHONE)
    rows = {round(box["y"]) for box in (link.bounding_box() for link in
                                        page.locator(".site-nav a").all())}
    assert len(rows) == 1  # the links that do not fit scroll sideways
    assert abs(top(page, ".theme-toggle") - top(page, ".site-title")) < 12


# The colours of the leftmost and rightmost pixels of a PNG, in a row near its bottom (below
# the words), read by drawing it on a canvas of the page.
EDGE_PIXELS = """async (png) => {
  const image = new Image();
  image.src = 'data:image/png;base64,' + png;
  await image.decode();
  const canvas = document.createElement('canvas');
  [canvas.width, canvas.height] = [image.width, image.height];
  const context = canvas.getContext('2d', {willReadFrequently: true});
  context.drawImage(image, 0, 0);
  const pixel = x => Array.from(context.getImageData(x, image.height - 4, 1, 1).data.slice(0, 3));
  return [pixel(1), pixel(image.width - 2)];
}"""


def shaded_edges(page, selector: str) -> tuple[bool, bool]:
    """Whether the left and the right edge of `selector` are darker than the page."""
    png = base64.b64encode(page.locator(selector).screenshot()).decode()
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page_colour = [int(n) for n in re.findall(r"\d+", background)[:3]]
    left, right = page.evaluate(EDGE_PIXELS, png)
    return tuple(sum(page_colour) - sum(pixel) > 30 for pixel in (left, right))


def test_the_phone_navigation_shows_a_shade_where_more_links_are_out_of_sight(open_page):
    page = open_page(SEED, bypass_csp=True, color_scheme="light", **PHONE)
    nav = page.locator(".site-nav")
    assert nav.evaluate("e => e.scrollWidth > e.clientWidth")  # links are out of sight
    assert shaded_edges(page, ".site-nav") == (False, True)
    nav.evaluate("e => e.scrollLeft = e.scrollWidth")
    assert shaded_edges(page, ".site-nav") == (True, False)
    desktop = open_page(SEED, bypass_csp=True, color_scheme="light", viewport=DESKTOP)
    assert shaded_edges(desktop, ".site-nav") == (False, False)  # nothing hidden, no shade


def test_the_front_page_names_the_site_once_at_its_top(open_page):
    page = open_page("", **PHONE)
    named = page.evaluate("""() => [...document.querySelectorAll('body *')]
      .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && /footnoted/.test(n.data)))
      .filter(e => e.getBoundingClientRect().top < 190).length""")
    assert named == 1
    assert page.locator("h1").inner_text() == "Latest articles"


def test_no_public_page_holds_an_article_file_and_line(built_site: Path) -> None:
    found = {path.relative_to(built_site).as_posix(): FILE_AND_LINE.findall(text)
             for path in built_site.rglob("*") if path.suffix in (".html", ".xml", ".json")
             for text in [path.read_text("utf-8")] if FILE_AND_LINE.search(text)}
    assert found == {}
    sources = (built_site / "sources" / "index.html").read_text("utf-8")
    assert "Links not preserved" in sources  # the lost links are still listed, for readers


def test_a_glossary_term_tapped_on_a_phone_opens_its_definition_in_view(open_page):
    page = open_page(SEED, **PHONE)
    term = page.locator(".article-body a.glossary-term").first
    term.scroll_into_view_if_needed()
    before = page.evaluate("scrollY")
    term.tap()
    popover = page.locator(".note-popover")
    popover.wait_for(state="visible")
    assert page.evaluate("scrollY") == before  # no jump to the glossary
    box = popover.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= MOBILE["width"]
    assert box["y"] >= 0 and box["y"] + box["height"] <= MOBILE["height"]
    entry = page.locator(term.get_attribute("href") + " + dd")  # the glossary's definition
    definition = entry.evaluate("e => e.firstChild.textContent.trim()")
    assert definition and definition in popover.inner_text()
    label = page.locator(term.get_attribute("href")).inner_text()  # the glossary's term
    assert popover.locator(".note-popover-label").inner_text() == label


def test_marks_in_the_text_differ_by_marker_not_by_underline(open_page):
    page = open_page(SEED, **PHONE)
    underline = "e => getComputedStyle(e).textDecorationLine"
    assert page.locator(".glossary-term").first.evaluate(underline) == "none"
    assert page.locator(".lost-link").first.evaluate(underline) == "none"
    marker = "e => getComputedStyle(e, '::after').content"
    assert page.locator(".glossary-term").first.evaluate(marker) != "none"


def indexed_terms(site: Path) -> dict[str, set[str]]:
    """Each article's URL and the terms the search index holds for it (search_shards.py)."""
    folder = site / "search"
    manifest = json.loads((folder / "index.json").read_text("utf-8"))
    docs = [doc for name in manifest["docs"]
            for doc in json.loads((folder / name).read_text("utf-8"))]
    terms: dict[str, set[str]] = {doc[0]: set() for doc in docs}
    for _, name in manifest["terms"]:
        for term, postings in json.loads((folder / name).read_text("utf-8")).items():
            number = 0
            for gap in postings[::2]:  # documents as gaps, each with its weight
                number += gap
                terms[docs[number][0]].add(term)
    return terms


# Closed <details> opened; a space before each raised marker, which innerText would join to
# the word before it ("documentation1").
OPEN_AND_SPACE_MARKERS = """() => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  document.querySelectorAll('main sup').forEach(s => s.before(' '));
}"""


def test_the_search_index_holds_only_words_a_reader_sees(open_page, built_site: Path) -> None:
    page = open_page("", viewport=DESKTOP)
    unseen = {}
    for url, terms in indexed_terms(built_site).items():
        page.goto(page.url.split(PREFIX)[0] + PREFIX + url)
        page.evaluate(OPEN_AND_SPACE_MARKERS)
        seen = set(words(page.locator("main").inner_text()))  # what a reader can see
        if terms - seen:
            unseen[url] = sorted(terms - seen)
    assert unseen == {}
    code = indexed_terms(built_site)["how-footnoted-works/"]
    assert "main" in code and "class" not in code  # code's words, never its markup


# A day as each language writes it (content/languages.py format_date; search.js humanDate).
DAY_FORMATS = {"en": re.compile(r"[A-Z][a-z]+ \d{1,2}, \d{4}"),
               "ru": re.compile(r"\d{1,2} [а-я]+ \d{4} г\.")}
TIMES = """() => [...document.querySelectorAll('time')].map(t =>
  [t.closest('[lang]').lang, t.getAttribute('datetime'), t.textContent.trim()])"""


def test_every_date_in_one_language_has_one_format(open_page):
    page = open_page("search/", viewport=DESKTOP)
    page.wait_for_selector("#search-form[data-ready]")
    page.fill("#search-input", "sources")
    page.wait_for_selector("#search-results time")
    times = page.evaluate(TIMES)
    for path in ["", "archive/", "sources/", SEED, "kak-footnoted-pokazyvaet-istochniki/",
                 "how-footnoted-works/"]:
        page.goto(page.url.split(PREFIX)[0] + PREFIX + path)
        times += page.evaluate(TIMES)
    days = [(lang, text) for lang, iso, text in times if len(iso) == 10]
    assert {lang for lang, _ in days} == {"en", "ru"}
    assert [(lang, text) for lang, text in days
            if not DAY_FORMATS[lang].fullmatch(text)] == []


def test_a_listing_speaks_each_articles_language(open_page):
    page = open_page("", viewport=DESKTOP)
    russian = page.locator(".article-summary[lang=ru] .dateline").inner_text()
    assert "мин чтения" in russian and "г." in russian


def test_the_text_face_is_served_by_the_site_in_the_pages_script(open_page):
    """Literata from static/fonts/ (no other host): Latin for an English page, Cyrillic for a
    Russian one, each preloaded, and the body text set in it."""
    for path, subset, sample in ((SEED, "latin", "Example"),
                                 ("kak-footnoted-pokazyvaet-istochniki/", "cyrillic", "Пример")):
        page = open_page(path, viewport=DESKTOP)
        page.evaluate("document.fonts.ready.then(() => true)")
        assert page.evaluate(f"document.fonts.check('16px Literata', '{sample}')")
        family = page.locator(".article-body > p").first.evaluate(
            "e => getComputedStyle(e).fontFamily")
        assert family.startswith("Literata")
        loaded = page.evaluate("""[...performance.getEntriesByType('resource')]
            .map(e => e.name).filter(n => n.endsWith('.woff2'))""")
        assert any(f"literata-{subset}-400.woff2" in name for name in loaded), loaded
        assert all(name.startswith(page.url.split(PREFIX)[0]) for name in loaded)
