"""Splitting long site-wide pages: groups flow over pages of bounded weight, in order."""

from __future__ import annotations

from footnoted.pages.paging import Span, contents, split_groups


def shape(pages):
    return [[(part.key, part.items, part.continued) for part in page.parts] for page in pages]


def test_groups_flow_over_pages_and_a_large_group_continues():
    pages = split_groups("sources/", [("A", [1, 2]), ("B", [3, 4, 5, 6]), ("C", [7])],
                         lambda item: 1, budget=3)
    assert shape(pages) == [
        [("A", [1, 2], False), ("B", [3], False)],
        [("B", [4, 5, 6], True)],
        [("C", [7], False)],
    ]
    assert [(page.number, page.count, page.path) for page in pages] == [
        (1, 3, "sources/index.html"), (2, 3, "sources/page/2/index.html"),
        (3, 3, "sources/page/3/index.html")]
    assert pages[2].folder_of(1) == "sources/" and pages[0].folder_of(2) == "sources/page/2/"


def test_weights_close_a_page_and_a_heavy_item_gets_one_of_its_own():
    pages = split_groups("a/", [("A", [1, 9, 1, 1])], lambda item: item, budget=5)
    assert shape(pages) == [[("A", [1], False)], [("A", [9], True)], [("A", [1, 1], True)]]


def test_a_small_site_keeps_one_page_and_an_empty_one_still_has_a_page():
    assert shape(split_groups("a/", [("A", [1]), ("B", [2])], lambda item: 1, 10)) == [
        [("A", [1], False), ("B", [2], False)]]
    assert shape(split_groups("a/", [], lambda item: 1, 10)) == [[]]


def test_contents_name_each_group_with_the_pages_and_items_it_spans():
    pages = split_groups("a/", [("A", [1, 2]), ("B", [3, 4, 5, 6]), ("C", [7])],
                         lambda item: 1, budget=3)
    assert [(entry.key, entry.total, entry.spans) for entry in contents(pages)] == [
        ("A", 2, [Span(1, 1, 2)]),
        ("B", 4, [Span(1, 3, 3), Span(2, 4, 6)]),
        ("C", 1, [Span(3, 7, 7)]),
    ]
