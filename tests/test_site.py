"""Whole-site tests: a tiny project in tmp_path, built through `build.py`'s own main()."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import feedparser

from .conftest import MINIMAL_ARTICLE

SECOND_ARTICLE = """\
---
title: The second, newer one
date: 2024-06-02T10:30:00+02:00
authors:
  - name: Bo Writer
  - name: Cy Writer
dek: A newer article about [things].
---
Body [quoting][src] and citing [@src; @other].
"""

SOURCES = """\
src:
  url: https://news.example/story
  title: The story
  publisher: News Example
  archived: https://archive.example/2024/news.example/story
  archived_date: 2024-06-01
other:
  url: https://other.example/
"""


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.srcs: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "href" in attrs:
            self.hrefs.append(attrs["href"])
        if "src" in attrs:
            self.srcs.append(attrs["src"])
        if "id" in attrs:
            self.ids.append(attrs["id"])


def links(html: str) -> Links:
    parser = Links()
    parser.feed(html)
    return parser


def test_builds_every_site_file(make_project):
    project = make_project({"content/tiny.md": MINIMAL_ARTICLE})
    assert project.run("build") == 0
    for name in ["index.html", "tiny/index.html", "feed.xml", "sitemap.xml", "robots.txt",
                 "404.html", "static/style.css", "static/pygments.css", ".footnoted-site"]:
        assert (project.root / "site" / name).is_file(), name


def test_feed_is_read_by_a_real_feed_client(make_project):
    project = make_project({"content/tiny.md": MINIMAL_ARTICLE,
                            "content/second.md": SECOND_ARTICLE,
                            "content/sources.yaml": SOURCES})
    assert project.run("build") == 0
    feed = feedparser.parse(project.read("feed.xml"))
    assert not feed.bozo, feed.bozo_exception
    assert [e.title for e in feed.entries] == ["The second, newer one", "A tiny article"]
    assert [e.link for e in feed.entries] == ["https://test.example/sub/second/",
                                              "https://test.example/sub/tiny/"]
    assert [a.name for a in feed.entries[0].authors] == ["Bo Writer", "Cy Writer"]
    assert feed.entries[0].published == "2024-06-02T08:30:00Z"
    assert feed.entries[1].published == "2024-05-01T00:00:00Z"
    assert feed.entries[0].summary == "A newer article about [things]."
    assert feed.entries[1].summary == "Text with a source."  # no dangling marker "1"


def test_every_internal_link_is_relative_and_resolves(make_project):
    project = make_project({"content/tiny.md": MINIMAL_ARTICLE,
                            "content/second.md": SECOND_ARTICLE,
                            "content/sources.yaml": SOURCES})
    assert project.run("build") == 0
    site = project.root / "site"
    for page in ["index.html", "tiny/index.html", "second/index.html"]:
        found = links((site / page).read_text("utf-8"))
        for target in found.hrefs + found.srcs:
            if target.startswith(("https://", "http://")):
                continue
            assert not target.startswith("/"), f"{page}: absolute path {target}"
            path, _, fragment = target.partition("#")
            resolved = (site / page).parent / path
            if path:
                assert resolved.exists() or (resolved / "index.html").exists(), f"{page}: {target}"
            if fragment and not path:
                assert fragment in found.ids, f"{page}: #{fragment} has no target"


def test_no_page_requests_another_host(make_project):
    project = make_project({"content/tiny.md": MINIMAL_ARTICLE})
    assert project.run("build") == 0
    for page in (project.root / "site").rglob("*.html"):
        assert links(page.read_text("utf-8")).srcs == [] or all(
            not s.startswith(("http:", "https:", "//")) for s in links(page.read_text()).srcs)
        assert 'rel="stylesheet" href="http' not in page.read_text("utf-8")


def test_drafts_are_checked_but_not_published(make_project):
    draft = MINIMAL_ARTICLE.replace("title: A tiny article", "title: Draft\ndraft: true")
    project = make_project({"content/tiny.md": MINIMAL_ARTICLE, "content/draft.md": draft})
    assert project.run("build") == 0
    assert not (project.root / "site" / "draft").exists()
    assert "Draft" not in project.read("feed.xml")


def test_archived_copy_carries_robust_link_attributes(make_project):
    project = make_project({"content/second.md": SECOND_ARTICLE, "content/sources.yaml": SOURCES})
    assert project.run("build") == 0
    page = project.read("second/index.html")
    assert ('<a data-originalurl="https://news.example/story" '
            'data-versiondate="2024-06-01" '
            'data-versionurl="https://archive.example/2024/news.example/story" '
            'href="https://news.example/story">quoting</a>') in page
    assert "Archived copy of" in page


def test_check_lists_lost_links_with_file_and_line(make_project, capsys):
    article = MINIMAL_ARTICLE + "\nA [lost one][gone].\n"
    article = article.replace("authors:", "sources:\n  gone:\n    lost: true\nauthors:")
    project = make_project({"content/tiny.md": article})
    assert project.run("check") == 0
    assert project.run("check", "--strict") == 1
    out = capsys.readouterr()
    assert ("content/tiny.md:11: warning: link 'lost one' (source 2) was not preserved"
            in out.out)


def test_sitemap_and_robots_use_base_url(make_project):
    project = make_project({"content/tiny.md": MINIMAL_ARTICLE})
    assert project.run("build") == 0
    assert "<loc>https://test.example/sub/tiny/</loc>" in project.read("sitemap.xml")
    assert "Sitemap: https://test.example/sub/sitemap.xml" in project.read("robots.txt")


def test_pages_link_fingerprinted_static_files(make_project):
    project = make_project({"content/tiny.md": MINIMAL_ARTICLE})
    assert project.run("build") == 0
    page = project.read("tiny/index.html")
    [stylesheet] = re.findall(
        r'<link rel="stylesheet" href="\.\./(static/style\.[0-9a-f]{10}\.css)">', page)
    assert project.read(stylesheet) == project.read("static/style.css")
    project.write("static/style.css", "body { color: red }\n")  # overrides the theme's
    assert project.run("build") == 0
    changed = project.read("tiny/index.html")
    assert stylesheet not in changed  # a new name, so a year-long cache is never stale
    assert re.search(r'href="\.\./static/style\.[0-9a-f]{10}\.css"', changed)
