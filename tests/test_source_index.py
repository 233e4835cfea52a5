"""The site-wide Sources page and the "other articles citing these sources" list."""

from __future__ import annotations

import re

ONE = """\
---
title: First
date: 2024-01-01
sources:
  gone:
    lost: true
---
Cites [the report](https://gov.example/report) and [words][gone] and [@shared].
"""

TWO = """\
---
title: Second
date: 2024-02-01
---
Also [a report](https://gov.example/report), twice [@shared], and [@shared].
"""

THREE = """\
---
title: Third
date: 2024-03-01
---
Only [its own](https://own.example/).
"""

SHARED = """\
shared:
  url: https://paper.example/story
  title: The Story
  publisher: The Paper
"""


def build(make_project):
    project = make_project({"content/one.md": ONE, "content/two.md": TWO,
                            "content/three.md": THREE, "content/sources.yaml": SHARED})
    assert project.run("build") == 0
    return project


def test_sources_page_groups_by_publisher_with_every_citing_place(make_project):
    page = " ".join(build(make_project).read("sources/index.html").split())
    assert re.findall(r'<h2 id="publisher-[^"]+">([^<]+)</h2>', page) == [
        "gov.example", "own.example", "The Paper"]
    story = page.split("<cite>The Story</cite>")[1].split("</ul>")[0]
    assert re.findall(r'<a href="(\.\./[^"]+)">', story) == [  # newest article first
        "../two/", "../two/#two-source-shared-ref-1", "../two/#two-source-shared-ref-2",
        "../one/", "../one/#one-source-shared-ref-1"]


def test_lost_links_are_listed_for_the_reader_without_editor_material(make_project):
    page = " ".join(build(make_project).read("sources/index.html").split())
    lost = page.split('<h2 id="lost-links">')[1]
    assert '<a href="../one/#one-source-gone">First, source 2</a>: “words”</li>' in lost
    assert "content/one.md" not in page  # file and line are `check`'s, not the reader's


def test_article_lists_other_articles_citing_its_sources(make_project):
    project = build(make_project)
    one = project.read("one/index.html")
    section = one.split('class="cited-with"')[1].split("</section>")[0]
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', section) == [("../two/", "Second")]
    assert 'class="cited-with"' not in project.read("three/index.html")
