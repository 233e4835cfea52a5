"""A migrated site's own paths: base-URL template tags read as the site-absolute path they
name, and the folders it served from its root (`public_dirs`). Markdown in, exact HTML or
message out; then whole builds."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import markdown
import pytest

from footnoted.content.image_places import ImagePlaces
from footnoted.content.page_index import build_page_index
from footnoted.content.urls import tagged_site_path
from footnoted.markdown.convert import render_markdown
from footnoted.markdown.site_paths import SitePathsExtension

HEAD = "---\ntitle: {title}\ndate: 2024-05-01\n---\n"


@pytest.mark.parametrize("written, path", [
    ("{{ site.baseurl }}/assets/map.png", "/assets/map.png"),  # Jekyll
    ("{{site.url}}{{site.baseurl}}/blog/", "/blog/"),
    ("{{ '/assets/map.png' | relative_url }}", "/assets/map.png"),
    ('{{ "/blog/" | url }}#part', "/blog/#part"),  # 11ty
    ('{{- "/a/" | absolute_url -}}', "/a/"),
    ('{{ "/a/" | prepend: site.baseurl }}', "/a/"),
    ("{{ .Site.BaseURL }}img/a.png", "/img/a.png"),  # Hugo
    ("{{ $.Site.BaseURL }}/img/a.png", "/img/a.png"),
    ('{{ "img/a.png" | relURL }}', "/img/a.png"),
    ('{{ absLangURL "img/a.png" }}', "/img/a.png"),
    ('{{ "/" | url }}', "/"),
    ("{{ site.baseurl }}", "/"),
    # not a base-URL tag first, or another tag left: not read
    ("{{ image | url }}", None),
    ("{{ site.baseurl }}/{{ page.slug }}/", None),
    ("{{ site.title }}/x", None),
    ("x{{ site.baseurl }}/a", None),
    ("/assets/map.png", None),
])
def test_a_base_url_tag_names_a_site_absolute_path(written, path):
    assert tagged_site_path(written) == path


@pytest.mark.parametrize("written, path", [
    ("{{ image | url }}", "/assets/map.png"),  # 11ty
    ("{{ page.image }}", "/assets/map.png"),  # Jekyll
    ("{{ .Params.image }}", "/assets/map.png"),  # Hugo
    ("{{ page.photo }}", None),  # no such value
])
def test_a_tag_naming_the_pages_own_value_is_that_value(written, path):
    assert tagged_site_path(written, {"image": "/assets/map.png"}) == path


def test_the_extension_alone_reads_links_and_images():
    md = markdown.Markdown(extensions=[SitePathsExtension()])
    text = dedent("""\
        ![Map]({{ site.baseurl }}/assets/map.png) and [the blog]({{ "/blog/" | url }}).

        [Kept]({{ page.url }})
        """)
    assert md.convert(text) == (
        '<p><img alt="Map" src="/assets/map.png" /> and <a href="/blog/">the blog</a>.</p>\n'
        '<p><a href="{{ page.url }}">Kept</a></p>')


@pytest.fixture
def places(tmp_path: Path) -> ImagePlaces:
    for name in ("content/assets/map.png", "content/public/images/logo.png",
                 "static/img/icon.png"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"PNG")
    return ImagePlaces(tmp_path, public_dirs=("content/public",))


def render(text: str, places: ImagePlaces, variables: dict[str, str] | None = None):
    pages = build_page_index([("content/post/index.md", "post"), ("content/blog/a.md", "blog/a")],
                             "content")
    return render_markdown(dedent(text), {}, "post", "content/post/index.md", first_line=5,
                           pages=pages, places=places, variables=variables)


def test_tagged_paths_find_the_image_and_the_article(places):
    body = render("""\
        ![Map]({{ '/assets/map.png' | relative_url }})

        Read [the post]({{ site.baseurl }}/blog/a/) and ![an icon]({{ "img/icon.png" | relURL }}).
        """, places)
    assert body.html == (
        '<p><img alt="Map" src="../assets/map.png"></p>\n'
        '<p>Read <a class="page-link" href="../blog/a/">the post</a> and '
        '<img alt="an icon" src="../static/img/icon.png">.</p>')
    assert body.problems == []
    assert [(image.file, image.output) for image in body.images] == [
        ("content/assets/map.png", "assets/map.png"),
        ("static/img/icon.png", "static/img/icon.png")]


def test_a_tag_with_quotes_inside_raw_html_is_a_tag_not_text(places):
    body = render("""\
        See <a href="{{ "/blog/a/" | url }}">the post</a>
        <img src="{{ "/assets/map.png" | url }}" alt="Map">.

        <table><tr><td><a href='{{ '/blog/a/' | url }}'>Again</a></td></tr></table>
        """, places)
    assert body.html == (
        '<p>See <a class="page-link" href="../blog/a/">the post</a>\n'
        '<img alt="Map" src="../assets/map.png">.</p>\n'
        '<table>\n<tbody>\n<tr>\n<td><a class="page-link" href="../blog/a/">Again</a></td>\n'
        '</tr>\n</tbody>\n</table>')
    assert body.problems == []


def test_tags_in_code_are_left_as_written(places):
    body = render("""\
        Write `{{ site.baseurl }}/assets/map.png` like this:

        ```
        <img src="{{ "/assets/map.png" | url }}">
        ```
        """, places)
    assert body.html == (
        "<p>Write <code>{{ site.baseurl }}/assets/map.png</code> like this:</p>\n"
        '<div class="highlight"><pre tabindex="0" role="region" aria-label="Code 1"><code>'
        '&lt;img src="{{ "/assets/map.png" | url }}"&gt;\n</code></pre></div>')
    assert body.images == [] and body.problems == []


def test_a_tag_naming_the_pages_image_shows_it(places):
    body = render("""\
        ![Map]({{ image | url }})

        <p><img src="{{ page.image }}" alt="Again"></p>
        """, places, {"image": "/assets/map.png"})
    assert body.html == ('<p><img alt="Map" src="../assets/map.png"></p>\n'
                         '<p><img alt="Again" src="../assets/map.png"></p>')
    assert body.problems == []


def test_the_pages_value_comes_from_extra_in_a_whole_build(make_project):
    project = make_project({
        "content/a.md": "---\ntitle: A\ndate: 2024-05-01\nextra:\n  image: /assets/map.png\n"
                        "---\n![Map]({{ image | url }})\n",
        "content/assets/map.png": "PNG"})
    assert project.run("build") == 0
    assert '<img alt="Map" src="../assets/map.png">' in project.read("a/index.html")


def test_another_tag_is_still_an_error_with_its_line(places):
    body = render("Intro.\n\n![A photo]({{ page.image | url }})\n", places)
    assert [str(problem) for problem in body.problems] == [
        "content/post/index.md:7: error: image '{{ page.image | url }}' holds another "
        "generator's template tag, which footnoted does not run. Write the path the tag gave, "
        "e.g. /assets/photo.jpg"]


def test_a_public_folder_serves_site_absolute_paths_where_the_old_site_had_them(places):
    body = render("![Logo](/images/logo.png)\n", places)
    assert body.html == '<p><img alt="Logo" src="../images/logo.png"></p>'
    assert [(image.file, image.output) for image in body.images] == [
        ("content/public/images/logo.png", "images/logo.png")]


def test_public_dirs_in_a_whole_build(make_project):
    project = make_project({
        "content/guide/intro.md": HEAD.format(title="Intro") + (
            "![Logo](/images/logo.png)\n\n[Back]({{ '/guide/intro/' | relative_url }})\n"),
        "content/public/images/logo.png": "PNG"})
    with (project.root / "pyproject.toml").open("a") as settings:
        settings.write('public_dirs = ["public"]\n')
    assert project.run("build") == 0
    page = project.read("guide/intro/index.html")
    assert '<img alt="Logo" src="../../images/logo.png">' in page
    assert '<a class="page-link" href="./">Back</a>' in page
    assert (project.root / "site/images/logo.png").read_text() == "PNG"


def test_a_missing_file_names_every_folder_looked_in(make_project, capsys):
    project = make_project({"content/a.md": HEAD.format(title="A") + (
        "Text.\n\n![Gone]({{ site.baseurl }}/images/gone.png)\n")})
    with (project.root / "pyproject.toml").open("a") as settings:
        settings.write('public_dirs = ["public", ".vuepress/public"]\n')
    assert project.run("build") == 1
    assert capsys.readouterr().err.splitlines() == [
        "content/a.md:7: error: image '/images/gone.png' does not exist (none of "
        "content/images/gone.png, content/public/images/gone.png, "
        "content/.vuepress/public/images/gone.png or static/images/gone.png is a file). Check "
        "the file name; a path starting with '/' is in content/, or else in static/",
        "Build failed: 1 error, 0 warnings. Nothing was written."]


@pytest.mark.parametrize("folder", ["../assets", "/srv/public", "", "a/./b"])
def test_a_public_folder_must_be_inside_content(make_project, capsys, folder):
    project = make_project({"content/a.md": HEAD.format(title="A") + "Text.\n"})
    with (project.root / "pyproject.toml").open("a") as settings:
        settings.write(f'public_dirs = ["{folder}"]\n')
    assert project.run("build") == 1
    assert capsys.readouterr().err.splitlines() == [
        f"pyproject.toml:4: error: public_dirs holds '{folder}', which is no folder inside "
        "content/. Name folders of content/ as they are written from it, e.g. "
        'public_dirs = ["public"]', "Build failed: 1 error, 0 warnings. Nothing was written."]


def test_a_missing_file_under_a_static_path_is_said_to_be_missing(make_project, capsys):
    """`/static/x.png` of a Next.js site whose public/ folder was not brought along: the
    file is missing, wherever it would have been published."""
    project = make_project({"content/a.md": HEAD.format(title="A") + (
        "![Screenshot](/static/images/shot.png)\n")})
    assert project.run("build") == 1
    assert capsys.readouterr().err.splitlines() == [
        "content/a.md:5: error: image '/static/images/shot.png' does not exist (neither "
        "content/static/images/shot.png nor static/static/images/shot.png is a file). Check the "
        "file name; a path starting with '/' is in content/, or else in static/",
        "Build failed: 1 error, 0 warnings. Nothing was written."]


def test_a_migrated_blogs_dated_links_resolve_in_a_whole_build(make_project):
    """18F's posts link each other as {{ "/2015/01/06/protosketch/" | url }}, the day being
    the front matter's, not the file name's."""
    project = make_project({
        "content/posts/2014-12-22-protosketch.md": "---\ntitle: P\ndate: 2015-01-06\n---\nP.\n",
        "content/posts/2015-03-13-more.md": "---\ntitle: M\ndate: 2015-03-13\n---\n"
                                            "See [the sketch]({{ \"/2015/01/06/protosketch/\" | "
                                            "url }}) and [home]({{ \"/\" | url }}).\n"})
    assert project.run("build", "--strict") == 0
    assert ('See <a class="page-link" href="../2014-12-22-protosketch/">the sketch</a> and '
            '<a class="page-link" href="../../">home</a>.') in project.read(
                "posts/2015-03-13-more/index.html")
