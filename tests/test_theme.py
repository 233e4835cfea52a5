"""The default theme ships in the package; a project's own files override it file by file."""

from __future__ import annotations

import re

from footnoted.theme import THEME_STATIC, THEME_TEMPLATES

from .conftest import MINIMAL_ARTICLE

BYLINE = """\
<p class="house-byline">Written for the house by {{ meta.authors[0].name }}</p>
"""


def test_a_project_without_templates_or_static_builds_with_the_theme(make_project):
    project = make_project({"content/tiny.md": MINIMAL_ARTICLE})
    assert project.run("build") == 0
    page = project.read("tiny/index.html")
    assert '<p class="byline">' in page
    for name in ("style.css", "footnoted.js", "search.js", "favicon.svg"):
        assert project.read(f"static/{name}") == (THEME_STATIC / name).read_text("utf-8")
    assert not (project.root / "templates").exists()
    assert not (project.root / "static").exists()


def test_one_template_and_one_static_file_overridden_the_rest_from_the_package(make_project):
    project = make_project({
        "content/tiny.md": MINIMAL_ARTICLE,
        "templates/partials/byline.html": BYLINE,
        "static/style.css": "body { font-family: serif }\n",
    })
    assert project.run("build") == 0
    page = project.read("tiny/index.html")
    assert '<p class="house-byline">Written for the house by Ann Editor</p>' in page
    assert '<p class="byline">' not in page
    assert "<h1" in page and 'class="sources"' in page  # article.html, from the theme
    assert project.read("static/style.css") == "body { font-family: serif }\n"
    [stylesheet] = re.findall(r'href="\.\./(static/style\.[0-9a-f]{10}\.css)"', page)
    assert project.read(stylesheet) == "body { font-family: serif }\n"
    assert project.read("static/footnoted.js") == (THEME_STATIC / "footnoted.js").read_text()
    assert project.read("static/search.js") == (THEME_STATIC / "search.js").read_text()


def test_a_project_template_can_add_a_file_the_theme_lacks(make_project):
    project = make_project({
        "content/tiny.md": MINIMAL_ARTICLE,
        "templates/partials/byline.html": "{% include 'partials/house.html' %}\n",
        "templates/partials/house.html": "<p>House style</p>\n",
        "static/logo.txt": "logo\n",
    })
    assert project.run("build") == 0
    assert "<p>House style</p>" in project.read("tiny/index.html")
    assert project.read("static/logo.txt") == "logo\n"


def test_the_theme_is_complete():
    """Every page template the renderer names is in the package (and so in a wheel)."""
    names = {p.relative_to(THEME_TEMPLATES).as_posix() for p in THEME_TEMPLATES.rglob("*")}
    assert {"base.html", "article.html", "index.html", "404.html", "feed.xml", "sitemap.xml",
            "robots.txt", "search.html", "sources.html", "groups.html", "archive.html",
            "partials/theme.js"} <= names
