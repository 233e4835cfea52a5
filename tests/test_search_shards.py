"""The sharded search index: every term in the one shard search.js looks in, prefixes in a run
of shards, documents ten to a file, names from content."""

from __future__ import annotations

import hashlib
import json

import pytest

from footnoted.pages import search_shards
from footnoted.pages.search_shards import gaps, js_order, search_files

DOCS = [[f"a{n}/", f"Title {n}", f"Summary {n}.", "2024-01-01"] for n in range(25)]


def shard_of(firsts: list[str], term: str) -> int:
    """search.js's shardOf(): the last shard whose first term is not after `term`."""
    found = [index for index, first in enumerate(firsts) if js_order(first) <= js_order(term)]
    return found[-1] if found else 0


@pytest.fixture
def small_shards(monkeypatch):
    monkeypatch.setattr(search_shards, "TERMS_PER_FILE_BYTES", 40)


def build(postings):
    files = search_files(DOCS, postings)
    manifest = json.loads(files["search/index.json"])
    shards = [json.loads(files[f"search/{name}"]) for _, name in manifest["terms"]]
    return files, manifest, shards


def test_every_term_is_in_the_shard_a_binary_search_finds(small_shards):
    postings = {f"{word}{n}": [n, 1, 20, 3] for word in ["ab", "b", "zz"] for n in range(6)}
    files, manifest, shards = build(postings)
    firsts = [first for first, _ in manifest["terms"]]
    assert len(shards) > 3 and firsts == sorted(firsts, key=js_order)
    for term, found in postings.items():
        assert shards[shard_of(firsts, term)][term] == gaps(found), term
    assert sum(len(shard) for shard in shards) == len(postings)  # each term once


def test_the_terms_of_a_prefix_are_in_one_run_of_shards(small_shards):
    postings = {term: [0, 1] for term in
                ["cab", "cat", "catch", "cater", "cats", "cattle", "cb", "dog", "ca"]}
    _, manifest, shards = build(postings)
    firsts = [first for first, _ in manifest["terms"]]
    run = shards[shard_of(firsts, "cat"):shard_of(firsts, "cat\uffff") + 1]
    assert sorted(term for shard in run for term in shard if term.startswith("cat")) == [
        "cat", "catch", "cater", "cats", "cattle"]


def test_terms_are_in_javascript_order_of_utf16_code_units():
    astral, high = "\U00020000", "\uff66"  # CJK extension B; halfwidth katakana
    assert sorted([high, astral]) == [high, astral]  # Python: by code point
    assert sorted([high, astral], key=js_order) == [astral, high]  # JS: "\ud840" < "\uff66"


def test_postings_are_stored_as_gaps_between_documents():
    assert gaps([3, 8, 4, 1, 10, 2]) == [3, 8, 1, 1, 6, 2]


def test_documents_are_ten_to_a_file_in_order_and_files_are_named_by_content():
    files, manifest, _ = build({"word": [0, 1]})
    docs = [json.loads(files[f"search/{name}"]) for name in manifest["docs"]]
    assert [len(chunk) for chunk in docs] == [10, 10, 5]
    assert [doc for chunk in docs for doc in chunk] == DOCS
    assert manifest["docs_per_file"] == 10
    for name in manifest["docs"] + [name for _, name in manifest["terms"]]:
        digest = hashlib.sha1(files[f"search/{name}"]).hexdigest()[:10]
        assert name.endswith(f"/{digest}.json")
    assert search_files(DOCS, {"word": [0, 1]}) == files  # the same input, the same bytes


def test_an_empty_site_has_an_index_with_no_terms():
    files = search_files([], {})
    assert json.loads(files["search/index.json"]) == {"terms": [], "docs": [],
                                                      "docs_per_file": 10}
