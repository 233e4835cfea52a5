"""The seed article as a reader sees it: every word, 12 lost sources, apparatus, metadata."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from footnoted.cli import main

from .conftest import REPO, copy_example_site

# A copy of ../shared/seed/anything-but-more-mobilization.txt, the text as the editor got it.
SEED = REPO / "tests" / "fixtures" / "seed-original.txt"
PAGE = "anything-but-more-mobilization/index.html"


class Text(HTMLParser):
    """Visible text without note markers, and the JSON-LD block."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.json_ld = ""
        self._in: list[str] = []
        self._is_json_ld = False

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "title", "sup"):
            self._in.append(tag)
            self._is_json_ld = ("type", "application/ld+json") in attrs  # not the theme script

    def handle_endtag(self, tag):
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data):
        if self._in == ["script"]:
            self.json_ld += data if self._is_json_ld else ""
        elif not self._in:
            self.parts.append(data)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("seed")
    copy_example_site(root)
    assert main(["--root", str(root), "build"]) == 0
    return root / "site"


@pytest.fixture(scope="module")
def page(site: Path) -> Text:
    parser = Text()
    parser.feed((site / PAGE).read_text("utf-8"))
    return parser


def words(text: str) -> list[str]:
    """Words as a reader compares them: quotes and apostrophes in any style are the same."""
    text = re.sub(r"[’‘']", "'", re.sub(r"[“”\"]", '"', text))
    return re.findall(r"[\w'’.,:;?!—–-]+", text)


def seed_body_words() -> list[str]:
    text = SEED.read_text("utf-8")
    # Labels the page words differently: the date is shown as "April 6, 2023" (tested below),
    # "Related article:" heads the related box, "Original url:" is "Originally published".
    for label in ["April 06, 2023", "Related article:", "Original url:"]:
        text = text.replace(label, "")
    text = re.sub(r"\[([^\]]+)\]\(#\)", r"\1", text)  # link words stay, (#) targets go
    text = text.replace("**", "").replace("*", "")
    return words(text)


def test_every_word_of_the_seed_is_on_the_page(page: Text):
    visible = " ".join(words("".join(page.parts)))
    missing = [w for w in seed_body_words() if w not in visible]
    assert missing == []


def test_twelve_sources_are_numbered_and_marked_not_preserved(site: Path):
    html = (site / PAGE).read_text("utf-8")
    sources = html.split('<section class="sources"')[1].split("</section>")[0]
    assert re.findall(r'<li id="[^"]+" value="(\d+)" class="lost">', sources) == [
        str(n) for n in range(1, 13)]
    assert sources.count("link not preserved.") == 12
    assert " ".join(sources.split()).count("Also not preserved: the links of the byline name "
                                           "“Farida Rustamova”, the byline name “Maxim Tovkaylo”, "
                                           "the related article “Will Putin Announce") == 1


def test_apparatus_is_on_the_page(page: Text):
    text = " ".join(" ".join(page.parts).split())
    for expected in [
        "A military recruitment point in Moscow.",
        "Sergei Kiselev / Moskva News Agency",
        "The photograph is not included in this copy.",
        "Will Putin Announce Another Round of Mobilization? (link not preserved)",
        "The views expressed in opinion pieces do not necessarily reflect the position of "
        "The Moscow Times.",
        "By Farida Rustamova and Maxim Tovkaylo",
        "Glossary",
        "Added by this site’s editors for readers new to the subject; not part of the "
        "original article.",
        "Gosuslugi", "State Duma", "contract soldier", "mobilization decree",
        "Originally published in The Moscow Times: https://www.themoscowtimes.com/2023/04/06/",
    ]:
        assert expected in text, expected


def test_no_dead_links_and_no_other_hosts_requested(site: Path):
    for path in site.rglob("*.html"):
        html = path.read_text("utf-8")
        assert 'href="#"' not in html, path
        assert not re.search(r'(src|srcset)="(https?:)?//', html), path
        assert not re.search(r'<link[^>]+rel="(stylesheet|preload|icon)"[^>]+href="(https?:)?//',
                             html), path


def test_json_ld_describes_the_opinion_piece(page: Text):
    data = json.loads(page.json_ld)
    assert data["@type"] == "OpinionNewsArticle"
    assert [a["name"] for a in data["author"]] == ["Farida Rustamova", "Maxim Tovkaylo"]
    assert data["datePublished"] == "2023-04-06"
    assert data["articleSection"] == "Opinion"
    assert data["isBasedOn"].startswith("https://www.themoscowtimes.com/2023/04/06/")
    assert data["image"] == {"@type": "ImageObject",
                             "caption": "A military recruitment point in Moscow.",
                             "creditText": "Sergei Kiselev / Moskva News Agency"}
    assert len(data["citation"]) == 12
    assert data["citation"][0] == {"@type": "CreativeWork", "name": "fearful"}


def test_head_has_canonical_open_graph_and_language(site: Path):
    html = (site / PAGE).read_text("utf-8")
    assert '<html lang="en">' in html
    assert ('<link rel="canonical" href="https://www.themoscowtimes.com/2023/04/06/'
            'anything-but-more-mobilization-russias-stealthy-push-to-find-more-soldiers-a80732">'
            in html)
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="article:section" content="Opinion">' in html
    assert '<time datetime="2023-04-06">April 6, 2023</time>' in html
