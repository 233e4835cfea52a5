"""An article's declared sources: its own over the shared ones, looked up by key, answering as
the one dict of both did (the shared copied in, the article's own added, each joined with
archive.yaml), without copying the shared ones into every article."""

from __future__ import annotations

from footnoted.content.archive_file import ArchiveRecord
from footnoted.content.document import SourceEntry
from footnoted.content.known_sources import (
    DeclaredSources,
    SharedSources,
    declared_with_archive,
    key_of_url,
)

SHARED = {
    "Report": SourceEntry(url="https://a.example/report", title="Report"),
    "same-url": SourceEntry(url="https://a.example/twice", title="First"),
    "also-same": SourceEntry(url="https://a.example/twice", title="Second"),
    "gone": SourceEntry(lost=True, title="Gone"),
}
ARCHIVE = {"https://a.example/report": ArchiveRecord(snapshot="https://web.archive.org/x",
                                                    dead=True)}


def one_dict(own: dict[str, SourceEntry]) -> dict[str, SourceEntry]:
    """What every article copied before: the shared, then its own, by lower-case key."""
    declared = {key.lower(): entry for key, entry in SHARED.items()}
    for key, entry in own.items():
        declared[key.lower()] = entry
    declared_with_archive(declared, ARCHIVE)
    return declared


def layered(own: dict[str, SourceEntry]) -> DeclaredSources:
    return DeclaredSources(own, SharedSources(SHARED, ARCHIVE), ARCHIVE)


CASES = [
    {},
    {"mine": SourceEntry(url="https://b.example/mine")},
    {"mine": SourceEntry(url="https://a.example/twice"), "Other": SourceEntry(lost=True)},
    {"report": SourceEntry(url="https://b.example/own-report")},  # takes a shared key (an error)
    {"Same-URL": SourceEntry(url="https://b.example/elsewhere")},
    {"x": SourceEntry(url="https://b.example/x"), "X": SourceEntry(url="https://b.example/y")},
]
URLS = ["https://a.example/report", "https://a.example/twice", "https://b.example/mine",
        "https://b.example/own-report", "https://b.example/elsewhere", "https://b.example/x",
        "https://b.example/y", "https://nowhere.example/"]


def test_keys_entries_and_order_are_the_one_dicts():
    for own in CASES:
        assert dict(layered(own)) == one_dict(own)
        assert list(layered(own)) == list(one_dict(own))
        assert len(layered(own)) == len(one_dict(own))


def test_membership_is_by_lower_case_key():
    declared = layered({"Mine": SourceEntry(url="https://b.example/mine")})
    assert "mine" in declared and "report" in declared
    assert "Mine" not in declared and "nobody" not in declared


def test_shared_and_own_sources_are_joined_with_the_archive():
    own = {"copy": SourceEntry(url="https://a.example/report")}
    declared = layered(own)
    assert declared["report"].archived == "https://web.archive.org/x"
    assert declared["copy"].archived == "https://web.archive.org/x"
    assert declared["copy"].dead


def test_a_url_finds_the_key_the_one_dict_found():
    for own in CASES:
        expected = key_of_url(one_dict(own))
        found = key_of_url(layered(own))
        assert [found(url) for url in URLS] == [expected(url) for url in URLS]
