"""Search and the language switch in Chromium, with the site served under a sub-path."""

from __future__ import annotations

import json

from .conftest import DESKTOP, PREFIX


def search(page, query: str) -> list[str]:
    page.wait_for_selector("#search-form[data-ready]")
    page.fill("#search-input", query)
    # search.js marks the form with the query whose results it shows (the shards arrive later
    # than the keystroke; and wait_for_function's polling would need the CSP to allow eval).
    page.wait_for_selector(f"#search-form[data-shown={json.dumps(query)}]")
    return page.locator("#search-results h2 a").all_inner_texts()


def test_search_finds_a_phrase_from_an_article_body(open_page):
    page = open_page("search/", viewport=DESKTOP)
    assert search(page, "digital summonses issued via Gosuslugi") == [
        "Anything But More Mobilization: Russia’s Stealthy Push to Find More Soldiers"]
    page.locator("#search-results h2 a").click()
    assert page.url.endswith(f"{PREFIX}anything-but-more-mobilization/")


def test_search_finds_a_source_title_and_a_partly_typed_word(open_page):
    page = open_page("search/", viewport=DESKTOP)
    assert search(page, "Robust Links Motivation Specif") == [
        "How This Site Shows Its Sources", "Как этот сайт показывает источники"]
    assert page.inner_text("#search-status") == "2 articles match."


def test_search_reports_no_match_and_reads_the_query_from_the_address(open_page):
    page = open_page("search/?q=%D0%B8%D1%81%D1%82%D0%BE%D1%87%D0%BD%D0%B8%D0%BA",
                     viewport=DESKTOP)  # ?q=источник
    page.wait_for_selector("#search-results li")
    assert "Как этот сайт показывает источники" in page.inner_text("#search-results")
    assert search(page, "zzzyzzy") == []
    assert page.inner_text("#search-status") == "No articles match."


def test_language_switch_leads_to_the_translation_and_back(open_page):
    page = open_page("how-footnoted-works/", viewport=DESKTOP)
    page.get_by_role("link", name="Русский").click()
    assert page.url.endswith(f"{PREFIX}kak-footnoted-pokazyvaet-istochniki/")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator("h1").inner_text() == "Как этот сайт показывает источники"
    assert page.get_by_role("heading", name="Источники", exact=True).is_visible()
    page.get_by_role("link", name="English").click()
    assert page.url.endswith(f"{PREFIX}how-footnoted-works/")
