"""The search index: what it holds and how words are normalised (search.js does the same)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from footnoted.pages.search import words
from footnoted.pages.search_shards import gaps


def whole_index(site: Path) -> dict:
    """The shards of a built site's index put back together, with documents numbered again
    (search.js reads them the same way)."""
    manifest = json.loads((site / "search/index.json").read_text("utf-8"))
    docs = [doc for name in manifest["docs"]
            for doc in json.loads((site / "search" / name).read_text("utf-8"))]
    terms = {}
    for _, name in manifest["terms"]:
        for term, coded in json.loads((site / "search" / name).read_text("utf-8")).items():
            terms[term] = ungapped(coded)
    return {"docs": docs, "terms": terms}


def ungapped(coded: list[int]) -> list[int]:
    postings, doc = [], 0
    for position in range(0, len(coded), 2):
        doc += coded[position]
        postings += [doc, coded[position + 1]]
    assert gaps(postings) == coded
    return postings

ARTICLE = """\
---
title: Ёлки and Cafés
date: 2024-01-0{n}
dek: Summary {n}.
---
Body words{n} cite [a report](https://gov.example/report-{n}).

[@shared]
"""

SHARED = """\
shared:
  url: https://paper.example/
  title: Conscription Ledger
"""


def test_words_are_lowercased_without_accents_and_yo():
    assert words("Ёлки, Cafés & naïve_2023!") == ["елки", "cafes", "naive", "2023"]


def test_index_lists_docs_and_weighted_terms(make_project):
    project = make_project({"content/a.md": ARTICLE.format(n=1),
                            "content/b.md": ARTICLE.format(n=2), "content/sources.yaml": SHARED})
    assert project.run("build") == 0
    index = whole_index(project.root / "site")
    assert index["docs"] == [["b/", "Ёлки and Cafés", "Summary 2.", "2024-01-02"],
                             ["a/", "Ёлки and Cafés", "Summary 1.", "2024-01-01"]]
    assert index["terms"]["words1"] == [1, 1]  # body text weighs 1
    assert index["terms"]["елки"] == [0, 8, 1, 8]  # a headline word weighs 8
    assert index["terms"]["ledger"] == [0, 2, 1, 2]  # a source title weighs 2
    assert index["terms"]["report"] == [0, 2 + 2 + 1, 1, 5]  # URL, linked words, body


def test_search_page_loads_the_index_relatively(make_project):
    project = make_project({"content/a.md": ARTICLE.format(n=1), "content/sources.yaml": SHARED})
    assert project.run("build") == 0
    page = project.read("search/index.html")
    assert 'data-index="../search/index.json" data-root="../"' in page
    assert re.search(r'<script src="\.\./static/search\.[0-9a-f]{10}\.js" defer></script>',
                     page)


def test_code_is_searched_by_its_words_never_its_markup():
    from footnoted.markdown.convert import render_markdown

    body = render_markdown('Before.\n\n```html\n<div class="note">Hello</div>\n```\n', {}, "a")
    assert 'class="' in body.html  # Pygments marked the code up
    assert words(body.text) == ["before", "div", "class", "note", "hello", "div"]
    body = render_markdown("Before.\n\n```python\nprint(total)\n```\n", {}, "a")
    assert words(body.text) == ["before", "print", "total"]  # no span, highlight, nb, nv...
