"""The default theme ships in the package; a project's own files override it file by file."""

from __future__ import annotations

import re
from pathlib import Path

from footnoted.skeleton import SKELETON
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


REPO = Path(__file__).resolve().parent.parent
SITE_LAYER = ("templates/partials/masthead.html", "static/site.css", "static/logo.svg")


def test_this_repository_and_init_keep_the_same_site_layer():
    """The demo's templates/ and static/ are the files `footnoted init` writes."""
    for name in SITE_LAYER:
        assert (REPO / name).read_bytes() == (SKELETON / name).read_bytes(), name


def test_the_site_layer_is_used_by_the_build(make_project):
    project = make_project({"content/tiny.md": MINIMAL_ARTICLE}
                           | {name: (REPO / name).read_text("utf-8") for name in SITE_LAYER})
    assert project.run("build") == 0
    page = project.read("tiny/index.html")
    [logo] = re.findall(r'<img class="site-logo" src="\.\./(static/logo\.[0-9a-f]{10}\.svg)"',
                        page)
    assert project.read(logo) == (REPO / "static/logo.svg").read_text("utf-8")
    links = re.findall(r'<link rel="stylesheet" href="\.\./(static/[^"]+)">', page)
    assert [re.sub(r"\.[0-9a-f]{10}\.", ".", link) for link in links] == [
        "static/style.css", "static/site.css"]  # the site's own after the theme's: it wins
    assert "--accent: light-dark(#1f5f8b" in project.read(links[1])
    assert "{#" not in page and "replaces the theme" not in page  # the comments stay out


def test_without_a_site_css_no_stylesheet_is_linked_for_it(make_project):
    project = make_project({"content/tiny.md": MINIMAL_ARTICLE})
    assert project.run("build") == 0
    assert "site." not in project.read("tiny/index.html")


def test_theme_list_marks_the_projects_files(make_project, capsys):
    project = make_project({"content/tiny.md": MINIMAL_ARTICLE,
                            "templates/partials/byline.html": BYLINE,
                            "static/site.css": "p {}\n"})
    capsys.readouterr()
    assert project.run("theme", "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert "templates/partials/byline.html  (overridden by the project)" in lines
    assert "templates/article.html" in lines
    assert "static/style.css" in lines
    assert lines[-1] == "static/site.css  (the project's own)"


def test_theme_copy_puts_the_file_where_the_build_takes_it(make_project, capsys):
    project = make_project({"content/tiny.md": MINIMAL_ARTICLE})
    assert project.run("theme", "copy", "templates/partials/byline.html") == 0
    copied = project.root / "templates/partials/byline.html"
    assert copied.read_bytes() == (THEME_TEMPLATES / "partials/byline.html").read_bytes()
    copied.write_text(BYLINE, "utf-8")
    assert project.run("build") == 0
    assert "Written for the house by Ann Editor" in project.read("tiny/index.html")
    capsys.readouterr()
    assert project.run("theme", "copy", "templates/partials/byline.html") == 1
    assert capsys.readouterr().err == (
        "error: templates/partials/byline.html already exists; nothing was copied. Edit it "
        "there, or delete it to use the theme's again\n")
    assert copied.read_text("utf-8") == BYLINE  # never replaced


def test_theme_show_prints_the_original_and_unknown_names_are_refused(make_project, capsys):
    project = make_project({"content/tiny.md": MINIMAL_ARTICLE})
    capsys.readouterr()
    assert project.run("theme", "show", "static/style.css") == 0
    assert capsys.readouterr().out == (THEME_STATIC / "style.css").read_text("utf-8")
    assert project.run("theme", "copy", "templates/nope.html") == 1
    assert "the theme has no file templates/nope.html" in capsys.readouterr().err
