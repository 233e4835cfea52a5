"""Text that reaches feeds and listings is clean: no placeholders, nothing XML 1.0 forbids."""

from __future__ import annotations

import contextlib
import io

import feedparser
import pytest

from footnoted.cli import main
from footnoted.content.text_clean import FORBIDDEN, strip_forbidden, xml_safe
from footnoted.markdown.convert import render_markdown

from .messy_site import write_messy_site

HEAD = "---\ntitle: T\ndate: 2024-05-01\n---\n"


def test_control_characters_are_removed_with_a_warning_naming_the_lines():
    text, problems = strip_forbidden("a\x01b\n\tok\r\nc\x7fd\x85\n", "content/a.md", 5)
    assert text == "ab\n\tok\r\ncd\n"
    assert [str(p) for p in problems] == [
        "content/a.md:5: warning: removed 3 invisible control characters (U+0001, U+007F, "
        "U+0085) that a web page or feed cannot hold, on lines 5, 7. Delete them in your "
        "editor to silence this warning"]


def test_clean_text_gets_no_warning():
    assert strip_forbidden("Plain — «text»\n", "a.md") == ("Plain — «text»\n", [])


def test_the_loader_strips_them_from_the_article(make_project, capsys):
    project = make_project({"content/a.md": HEAD + "Copied\x0b from a PDF\x08.\n"})
    assert project.run("build") == 0
    assert capsys.readouterr().err.splitlines() == [
        "content/a.md:5: warning: removed 2 invisible control characters (U+0008, U+000B) "
        "that a web page or feed cannot hold, on line 5. Delete them in your editor to "
        "silence this warning"]
    assert "<p>Copied from a PDF.</p>" in project.read("a/index.html")


def test_xml_safe_drops_placeholders_and_forbidden_characters():
    assert xml_safe("a\x02wzxhzdk:3\x03b\x01c\ufffe") == "abc"


@pytest.mark.parametrize("body, excerpt", [
    ("\\*not emphasis\\* and \\_ \\\\ \\`", "*not emphasis* and _ \\ `"),
    ("Tom &amp; Jerry &copy; &#8212; `<b>` and <kbd>Ctrl</kbd>", "Tom & Jerry © — <b> and Ctrl"),
    ("<span onclick=x>a</span> <script>alert(1)</script>b", "a b"),
])
def test_a_summary_holds_the_words_a_reader_sees(body, excerpt):
    assert render_markdown(body, {}, "a", "a.md", 1).excerpt == excerpt


@pytest.fixture(scope="module")
def messy_site(tmp_path_factory):
    root = write_messy_site(tmp_path_factory.mktemp("messy"))
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        assert main(["--root", str(root), "build"]) == 0
    return root / "site"


def test_every_feed_of_a_messy_site_parses(messy_site):
    feeds = sorted(messy_site.rglob("feed.xml"))
    assert len(feeds) == 5  # the site's, the author's and three tags'
    for feed in feeds:
        parsed = feedparser.parse(feed.read_bytes())
        assert parsed.bozo == 0, (feed, parsed.get("bozo_exception"))
        assert parsed.entries
        for entry in parsed.entries:
            text = entry.title + entry.get("summary", "")
            assert not FORBIDDEN.search(text) and "\x02" not in text, (feed, entry.title)


def test_no_page_or_listing_of_a_messy_site_holds_a_forbidden_character(messy_site):
    for page in messy_site.rglob("*"):
        if page.suffix in (".html", ".xml", ".json"):
            text = page.read_text("utf-8")
            assert not FORBIDDEN.search(text) and "\x02" not in text, page


def test_a_yaml_escape_cannot_put_one_into_a_title(make_project, capsys):
    project = make_project({"content/a.md": '---\ntitle: "Bell\\u0007 title"\n'
                                            "date: 2024-05-01\n---\nText.\n"})
    assert project.run("build") == 0
    assert capsys.readouterr().err.splitlines() == [
        "content/a.md:2: warning: 'title' holds invisible control characters, removed: a web "
        "page or feed cannot hold them. Remove the escape (such as \\u0001) from the text"]
    assert "<title>Bell title" in project.read("a/index.html")
