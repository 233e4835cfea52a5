"""A generated multi-article site: pagination, tags, authors, sections, archive, feeds."""

from __future__ import annotations

import re

import feedparser
import pytest

ARTICLE = """\
---
title: Article {n}
date: 2024-{month:02d}-{day:02d}
authors: [{authors}]
tags: [{tags}]
section: {section}
---
Text of article {n} cites [a page](https://example.org/{n}).
"""


def article(n: int) -> str:
    authors = "Ann Able" if n % 2 else "Ann Able, Bo Baker"
    tags = "Even" if n % 2 == 0 else "Odd"
    if n % 5 == 0:
        tags += ", Fives"
    return ARTICLE.format(n=n, month=1 + n // 10, day=1 + n % 10, authors=authors, tags=tags,
                          section="News" if n < 12 else "Opinion")


@pytest.fixture
def site(make_project):
    project = make_project({f"content/a{n:02d}.md": article(n) for n in range(25)})
    assert project.run("build") == 0
    return project


def titles(html: str) -> list[str]:
    return re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', html)


def test_front_page_is_paginated_newest_first(site):
    first, second, third = (site.read("index.html"), site.read("page/2/index.html"),
                            site.read("page/3/index.html"))
    assert titles(first) == [f"Article {n}" for n in range(24, 14, -1)]
    assert titles(second) == [f"Article {n}" for n in range(14, 4, -1)]
    assert titles(third) == [f"Article {n}" for n in range(4, -1, -1)]
    assert '<a rel="next" href="page/2/">Older articles</a>' in first
    assert '<a rel="prev" href="../../">Newer articles</a>' in second
    assert '<a rel="next" href="../../page/3/">Older articles</a>' in second
    assert "Page 3 of 3" in third and 'rel="next"' not in third


def test_tag_listing_is_complete(site):
    fives = site.read("tags/fives/index.html")
    assert titles(fives) == ["Article 20", "Article 15", "Article 10", "Article 5", "Article 0"]
    assert 'href="../../a20/"' in fives
    tags = site.read("tags/index.html")
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a> <span class="count">\((\d+)\)', tags) == [
        ("../tags/even/", "Even", "13"), ("../tags/fives/", "Fives", "5"),
        ("../tags/odd/", "Odd", "12")]


def test_author_and_section_listings(site):
    assert len(titles(site.read("authors/ann-able/index.html"))) == 10  # first page of 25
    assert len(titles(site.read("authors/bo-baker/index.html"))) == 10
    assert len(titles(site.read("authors/bo-baker/page/2/index.html"))) == 3
    assert titles(site.read("sections/news/page/2/index.html")) == ["Article 1", "Article 0"]


def test_archive_lists_every_article_by_month(site):
    archive = site.read("archive/index.html")
    assert len(re.findall(r"<li><time", archive)) == 25
    assert '<h3 id="archive-2024-03">March</h3>' in archive


def test_every_listing_feed_parses(site):
    for path in ["feed.xml", "tags/fives/feed.xml", "authors/bo-baker/feed.xml",
                 "sections/opinion/feed.xml"]:
        feed = feedparser.parse(site.read(path))
        assert not feed.bozo, (path, feed.bozo_exception)
    fives = feedparser.parse(site.read("tags/fives/feed.xml"))
    assert fives.feed.title == "Articles tagged “Fives” · Test site"
    assert [e.title for e in fives.entries] == ["Article 20", "Article 15", "Article 10",
                                                "Article 5", "Article 0"]


def test_future_and_draft_articles_wait_unless_asked(make_project):
    future = ARTICLE.format(n=99, month=1, day=1, authors="A", tags="T", section="S").replace(
        "2024-01-01", "2999-01-01")
    draft = article(1).replace("title: Article 1", "title: Draft one\ndraft: true")
    project = make_project({"content/future.md": future, "content/draft.md": draft,
                            "content/now.md": article(2)})
    assert project.run("build") == 0
    assert titles(project.read("index.html")) == ["Article 2"]
    assert project.run("build", "--drafts") == 0
    assert titles(project.read("index.html")) == ["Article 99", "Article 2", "Draft one"]


def test_a_headline_with_markdown_code_is_shown_without_its_backticks(make_project):
    text = "---\ntitle: \"Styling `<mark>` in 'print'\"\ndate: 2024-01-02\n---\nText.\n"
    project = make_project({"content/mark.md": text})
    assert project.run("build") == 0
    shown = "Styling <code>&lt;mark&gt;</code> in ‘print’"
    assert f'<a href="mark/">{shown}</a>' in project.read("index.html")
    page = project.read("mark/index.html")
    assert f"<h1>{shown}</h1>" in page
    assert "<title>Styling &lt;mark&gt; in ‘print’ · " in page
    assert "`" not in project.read("feed.xml")
