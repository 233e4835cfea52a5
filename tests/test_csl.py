"""Bibliographies exported by Zotero (CSL-JSON, CSL-YAML) work as content/sources.*."""

from __future__ import annotations

import json

from .conftest import MINIMAL_ARTICLE

CITING = MINIMAL_ARTICLE + "\nAs reported [@smith2023], and [@page].\n"

ITEMS = [
    {"id": "smith2023", "type": "article-newspaper", "title": "The Bill Returns",
     "author": [{"family": "Smith", "given": "Ann"}, {"literal": "Staff"}],
     "issued": {"date-parts": [[2023, 4, 6]]}, "container-title": "The Paper",
     "URL": "https://paper.example/bill", "accessed": {"date-parts": [[2023, 4, 7]]},
     "archive_location": "https://web.archive.org/web/2023/https://paper.example/bill",
     "note": "Paywalled."},
    {"id": "page", "type": "webpage", "title": "A Page", "URL": "https://page.example/",
     "issued": {"date-parts": [[2021, 5]]}, "publisher": "Page Inc."},
]


def test_csl_json_items_become_sources(make_project):
    project = make_project({"content/tiny.md": CITING,
                            "content/sources.json": json.dumps(ITEMS, indent=2)})
    assert project.run("build", "--strict") == 0
    page = " ".join(project.read("tiny/index.html").split())
    assert ('<span class="publisher">The Paper</span>. <cite>The Bill Returns</cite>. '
            'Ann Smith, Staff. <time datetime="2023-04-06">April 6, 2023</time>.') in page
    assert 'href="https://web.archive.org/web/2023/https://paper.example/bill"' in page
    assert "Paywalled." in page
    assert '<time datetime="2021-05">May 2021</time>' in page  # a month alone stays a month


def test_csl_yaml_with_references_key(make_project):
    csl_yaml = """\
        references:
          - id: page
            type: webpage
            title: A Page
            URL: https://page.example/
          - id: smith2023
            type: article-newspaper
            title: The Bill Returns
            URL: https://paper.example/bill
            issued:
              raw: 2023-04-06
        """
    project = make_project({"content/tiny.md": CITING, "content/sources.yaml": csl_yaml})
    assert project.run("build", "--strict") == 0
    assert "<cite>The Bill Returns</cite>" in project.read("tiny/index.html")


def test_unknown_csl_type_is_an_error_with_its_line(make_project, capsys):
    items = [dict(ITEMS[1], type="blogpost")]
    project = make_project({"content/tiny.md": MINIMAL_ARTICLE,
                            "content/sources.json": json.dumps(items, indent=2)})
    assert project.run("check") == 1
    assert ("content/sources.json:3: error: entry 'page' has unknown CSL type 'blogpost'. "
            "Use a CSL type such as article-newspaper, webpage, report or book"
            in capsys.readouterr().out)


def test_entry_without_url_is_a_warning_and_cannot_be_cited(make_project, capsys):
    items = [{"id": "book", "type": "book", "title": "A Book"}]
    project = make_project({"content/tiny.md": MINIMAL_ARTICLE + "\nSee [@book].\n",
                            "content/sources.json": json.dumps(items)})
    assert project.run("check") == 1
    out = capsys.readouterr().out
    assert "content/sources.json:1: warning: entry 'book' has no URL, so it cannot be cited" in out
    assert "content/tiny.md:8: error: unknown citation key '@book'" in out
