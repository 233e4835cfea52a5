"""source_label: what a source is called in the margin, its popover and the Sources lists."""

from __future__ import annotations

import pytest

from footnoted.content.source_label import source_label


@pytest.mark.parametrize(("url", "label"), [
    ("https://www.theguardian.com/world/2023/putin-mobilization", "Putin mobilization"),
    ("https://www.themoscowtimes.com/2023/04/06/anything-but-more-mobilization-a80732",
     "Anything but more mobilization"),  # the trailing article number is dropped
    ("https://en.wikipedia.org/wiki/Digital_object_identifier", "Digital object identifier"),
    ("https://example.org/news/2021/05/12345.html", "News"),  # numbers are no words
    ("https://example.org/a/%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82-%D0%BC%D0%B8%D1%80",
     "Привет мир"),
    ("https://example.org/one-two-three-four-five-six-seven-eight-nine-ten-eleven",
     "One two three four five six seven eight nine ten…"),
    ("https://union.org.uk/", None),  # a home page: the host alone names it
    ("https://example.org/?p=3", None),
])
def test_a_source_without_a_title_is_named_from_its_address(url: str, label: str | None):
    assert source_label(None, url) == label


def test_a_title_wins_and_a_lost_link_without_one_has_no_label():
    assert source_label("The Report", "https://example.org/some-page") == "The Report"
    assert source_label(None, None) is None
