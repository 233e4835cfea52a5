"""The 404 page, which servers send at any missing URL: its links start from base_url's path.

Served at /sub/2023/04/old-link/, a relative `static/style.css` would ask for
/sub/2023/04/old-link/static/style.css; so every URL on this page must be absolute from the
site's root on its host, while every other page keeps its relative links.
(tests/browser/test_hosting.py follows them in Chromium behind a real nginx.)
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from footnoted.pages.render import site_path

from .conftest import MINIMAL_ARTICLE

URL_ATTRIBUTES = {"href", "src", "data-index", "data-root"}

RUSSIAN = """\
---
title: Короткая статья
date: 2024-05-02
lang: ru
---
Текст.
"""

GERMAN = """\
---
title: Ein kurzer Artikel
date: 2024-05-03
lang: de
---
Text.
"""

FINNISH = """\
---
title: Lyhyt artikkeli
date: 2024-05-04
lang: fi
---
Teksti.
"""


class Links(HTMLParser):
    """Every URL-valued attribute of a page, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.urls += [value for name, value in attrs if name in URL_ATTRIBUTES]


def urls_of(html: str) -> list[str]:
    parser = Links()
    parser.feed(html)
    return parser.urls


@pytest.mark.parametrize(("base_url", "path"), [
    ("https://example.org/", "/"),
    ("https://example.org", "/"),
    ("https://example.org/reading/", "/reading/"),
    ("https://example.org/reading", "/reading/"),
    ("http://example.org:8080/a/b/", "/a/b/"),
])
def test_site_path_is_where_the_root_is_on_the_host(base_url, path):
    assert site_path(base_url) == path


def test_every_link_of_the_404_page_starts_from_the_path_of_base_url(make_project):
    project = make_project({"content/tiny.md": MINIMAL_ARTICLE})  # base_url .../sub/
    assert project.run("build") == 0
    urls = urls_of(project.read("404.html"))
    internal = [url for url in urls if url != "#main"]
    assert [url for url in internal if not url.startswith("/sub/")] == []
    assert "/sub/" in internal  # the site title and the front-page link
    for name in ["style", "footnoted", "search", "favicon"]:
        assert any(url.startswith(f"/sub/static/{name}.") for url in internal), name
    assert {"/sub/search/index.json", "/sub/search/", "/sub/feed.xml"} <= set(internal)


def test_other_pages_keep_relative_links(make_project):
    project = make_project({"content/tiny.md": MINIMAL_ARTICLE})
    assert project.run("build") == 0
    for name in ["index.html", "tiny/index.html", "search/index.html"]:
        assert [url for url in urls_of(project.read(name)) if url.startswith("/")] == [], name


def test_the_404_page_carries_a_search_box_and_is_not_indexed(make_project):
    project = make_project({"content/tiny.md": MINIMAL_ARTICLE})
    assert project.run("build") == 0
    page = project.read("404.html")
    assert ('<form id="search-form" role="search" method="get" '
            'data-index="/sub/search/index.json"') in page
    assert '<meta name="robots" content="noindex">' in page
    assert "<h1>Page not found</h1>" in page


def test_the_404_page_speaks_each_language_of_the_site_it_knows(make_project):
    project = make_project({"content/tiny.md": MINIMAL_ARTICLE, "content/ru.md": RUSSIAN,
                            "content/de.md": GERMAN, "content/fi.md": FINNISH})
    assert project.run("build") == 0
    page = project.read("404.html")
    assert '<html lang="en">' in page
    assert ('<section lang="ru" aria-labelledby="not-found-ru">\n'
            '<h2 id="not-found-ru">Страница не найдена</h2>') in page
    assert '<a href="/sub/">Главная страница «Test site»</a>' in page
    assert ('<section lang="de" aria-labelledby="not-found-de">\n'
            '<h2 id="not-found-de">Seite nicht gefunden</h2>') in page
    assert 'lang="fi"' not in page  # no Finnish strings: English under lang="fi" would mislead


def test_a_site_in_russian_has_its_404_page_in_russian(project):
    project.write("pyproject.toml", """\
        [tool.footnoted]
        title = "Сайт"
        lang = "ru"
        base_url = "https://test.example/"
        """)
    project.write("content/ru.md", RUSSIAN)
    assert project.run("build") == 0
    page = project.read("404.html")
    assert '<html lang="ru">' in page
    assert "<h1>Страница не найдена</h1>" in page
    assert "<section" not in page
    assert '<a class="site-title" href="/">Сайт</a>' in page
