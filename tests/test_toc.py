"""The table of contents on the article page: from front matter or the site default, laid
out by templates/partials/toc.html, and heading ids that never repeat an id of the page."""

from __future__ import annotations

import re

BODY = '## One[^n]\n\n### "Two"\n\n## Main\n\n## A sources\n\n[^n]: A note.\n'


def article(toc: str = "") -> str:
    return f"---\ntitle: A\ndate: 2024-05-01\n{toc}---\n{BODY}"


def test_toc_true_shows_the_headings_nested(make_project):
    project = make_project({"content/a.md": article("toc: true\n")})
    assert project.run("build") == 0
    page = project.read("a/index.html")
    toc = page[page.index('<nav class="toc"'):page.index("</nav>", page.index('<nav class="toc"'))]
    assert toc == (
        '<nav class="toc" aria-labelledby="a-toc">\n<h2 id="a-toc">Contents</h2>\n<ol>\n'
        '<li><a href="#one">One</a>\n<ol>\n<li><a href="#two">“Two”</a>\n</li>\n</ol>\n</li>\n'
        '<li><a href="#main-1">Main</a>\n</li>\n<li><a href="#a-sources-1">A sources</a>\n'
        '</li>\n</ol>\n')


def test_every_id_on_the_page_is_unique(make_project):
    project = make_project({"content/a.md": article("toc: true\n")})
    assert project.run("build") == 0
    ids = re.findall(r' id="([^"]+)"', project.read("a/index.html"))
    assert len(ids) == len(set(ids))
    assert {"main", "main-1", "a-sources-1", "a-notes", "a-note-n"} <= set(ids)


def test_no_toc_by_default_and_the_site_default_can_be_overridden(make_project):
    project = make_project({"content/a.md": article(), "content/b.md": article("toc: false\n")
                            .replace("title: A", "title: B")})
    assert project.run("build") == 0
    assert 'class="toc"' not in project.read("a/index.html")
    with open(project.root / "pyproject.toml", "a", encoding="utf-8") as settings:
        settings.write("toc = true\n")
    assert project.run("build") == 0
    assert 'class="toc"' in project.read("a/index.html")
    assert 'class="toc"' not in project.read("b/index.html")


def test_a_russian_article_gets_a_russian_heading(make_project):
    project = make_project({"content/a.md": article("toc: true\nlang: ru\n")})
    assert project.run("build") == 0
    assert '<h2 id="a-toc">Содержание</h2>' in project.read("a/index.html")
