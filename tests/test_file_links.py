"""Relative links to files of content/: published beside their pages, or left as written
with a warning; never numbered sources. Markdown in, exact HTML out; then whole builds."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from footnoted.content.image_places import ImagePlaces
from footnoted.content.page_index import build_page_index
from footnoted.markdown.convert import render_markdown

from .test_nested_paths import dead_links, read_pages

FILES = {
    "content/post/index.md": "",
    "content/post/survey.csv": "a,b\n",
    "content/post/Annual report.pdf": "%PDF",
    "content/post/demos/grid/index.html": '<link rel="stylesheet" href="grid.css">'
                                          '<img src="img/cell.png" alt=""><a href="notes.txt">'
                                          'Notes</a><script src="gone.js"></script>\n',
    "content/post/demos/grid/grid.css": "p {}\n",
    "content/post/demos/grid/img/cell.png": "PNG",
    "content/post/demos/grid/notes.txt": "not linked\n",
    "content/post/demos/empty/style.css": "p {}\n",
    "secret.txt": "outside content/\n",
}
MISSING_FIX = ("Put the file in the content folder and give its path from the article's file "
               "(e.g. files/data.csv), or link the article's file (e.g. other.md)")
OUT_FIX = ("Put the file in content/ (beside the article, say) and give its path from the "
           "article's file, e.g. files/data.csv")


@pytest.fixture
def places(tmp_path: Path) -> ImagePlaces:
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, "utf-8")
    return ImagePlaces(tmp_path)


def render(text: str, places: ImagePlaces):
    pages = build_page_index([("content/post/index.md", "post")], "content")
    return render_markdown(dedent(text), {}, "post", "content/post/index.md", first_line=5,
                           pages=pages, places=places)


def test_a_file_beside_the_article_is_published_and_linked(places):
    body = render("The [survey](survey.csv) and [the report](Annual%20report.pdf).", places)
    assert body.html == ('<p>The <a class="file-link" href="survey.csv">survey</a> and '
                         '<a class="file-link" href="Annual%20report.pdf">the report</a>.</p>')
    assert body.sources == [] and body.problems == []
    assert [(f.file, f.output) for f in body.linked_files] == [
        ("content/post/survey.csv", "post/survey.csv"),
        ("content/post/Annual report.pdf", "post/Annual report.pdf")]


ACTIVE_FIX = ("Link the original's address (https://...), or put what it shows in the "
              "article itself")


def test_a_web_page_or_script_is_not_published(places):
    (places.root / "content/post/run.js").write_text("alert(1)")
    body = render("Intro.\n\nSee [the grid](demos/grid/) and [the code](run.js).", places)
    assert body.html == ('<p>Intro.</p>\n<p>See <a class="missing-link" href="demos/grid/">'
                         'the grid</a> and <a class="missing-link" href="run.js">the code</a>.'
                         '</p>')
    assert body.linked_files == [] and body.sources == []
    assert [str(p) for p in body.problems] == [
        f"content/post/index.md:7: warning: link '{written}' names content/post/{file}, a file "
        "a browser would run (a web page or script), which footnoted does not publish: "
        "copied as it is, it would run on the site's own address and could load other hosts; "
        f"the link is left as written. {ACTIVE_FIX}"
        for written, file in (("demos/grid/", "demos/grid/index.html"), ("run.js", "run.js"))]


def test_a_linked_svg_is_published_as_images_are(places):
    (places.root / "content/post/chart.svg").write_text("<svg/>")
    body = render("The [chart](chart.svg).", places)
    assert body.html == '<p>The <a class="file-link" href="chart.svg">chart</a>.</p>'
    assert [f.output for f in body.linked_files] == ["post/chart.svg"]


def test_an_email_autolink_is_no_file(places):
    body = render("Write to <desk@example.org>.", places)
    assert 'class="missing-link"' not in body.html and body.problems == []
    assert body.linked_files == [] and body.sources == []


def test_raw_html_links_and_parts_of_the_address_are_kept(places):
    body = render('<p>The <a href="survey.csv#row=2">second row</a>.</p>\n\n'
                  "[Sorted](survey.csv?sort=a).", places)
    assert body.html == (
        '<p>The <a class="file-link" href="survey.csv#row=2">second row</a>.</p>\n'
        '<p><a class="file-link" href="survey.csv?sort=a">Sorted</a>.</p>')


def test_a_link_to_no_page_and_no_file_is_left_as_written_with_a_warning(places):
    body = render("Intro.\n\nSee [setup](../01-setup/) and [the styles](demos/empty/).", places)
    assert body.html == ('<p>Intro.</p>\n<p>See <a class="missing-link" href="../01-setup/">'
                         'setup</a> and <a class="missing-link" href="demos/empty/">the styles'
                         '</a>.</p>')
    assert body.sources == []  # so the Sources page never holds a relative address
    assert [str(p) for p in body.problems] == [
        "content/post/index.md:7: warning: link '../01-setup/' matches no page or file of this "
        f"site and is left as written. {MISSING_FIX}",
        "content/post/index.md:7: warning: link 'demos/empty/' names the folder "
        "content/post/demos/empty, which is no page of this site, and is left as written. "
        "Link the article it should lead to by its file (e.g. ../news/index.md), or remove "
        "the link"]
    assert "content/post/demos/empty/index.html" in body.looked_for  # it may appear


def test_a_file_outside_content_is_an_error(places):
    body = render("The [secret](../../secret.txt).", places)
    assert [str(p) for p in body.problems] == [
        "content/post/index.md:5: error: link leads out of the content folder: "
        f"'../../secret.txt' is secret.txt. {OUT_FIX}"]
    assert body.linked_files == [] and body.sources == []


def test_a_symbolic_link_out_of_content_is_an_error(places):
    (places.root / "content/post/shortcut.txt").symlink_to(places.root / "secret.txt")
    body = render("The [secret](shortcut.txt).", places)
    assert [str(p) for p in body.problems] == [
        "content/post/index.md:5: error: link leads out of the content folder (through a "
        f"symbolic link): 'shortcut.txt'. {OUT_FIX}"]
    assert body.linked_files == []


def test_links_elsewhere_and_to_pages_are_not_files(places):
    body = render("[Repo](https://git.example/data.csv), [home](index.md), [up](#top) and "
                  "[mail](mailto:a@example.org).", places)
    assert body.linked_files == [] and body.looked_for == ()
    assert '<a class="page-link" href="./">home</a>' in body.html
    assert [s.url for s in body.sources] == ["https://git.example/data.csv"]


# Whole builds through the command line.

HEAD = "---\ntitle: {title}\ndate: 2024-05-01\n---\n"
ARTICLE = HEAD.format(title="A") + (
    "See [setup](../01-setup/) and [file](data.csv) and [the grid](demos/grid/).\n\n"
    "The [chart](chart.svg).\n\n"
    '<p>A <a href="data.csv">raw link</a> and <a href="../b/">a page</a>.</p>\n\n'
    "The [original](https://example.org/a).\n")


@pytest.fixture
def linked(make_project):
    project = make_project({"content/docs/a.md": ARTICLE,
                            "content/docs/b.md": HEAD.format(title="B") + "B.\n",
                            "content/docs/data.csv": "a,b\n",
                            "content/docs/chart.svg": '<svg xmlns="http://www.w3.org/2000/svg">'
                                                      '<script>alert(1)</script>'
                                                      '<rect width="1" height="1"/></svg>',
                            "content/docs/demos/grid/index.html": '<link rel="stylesheet" '
                                                                  'href="grid.css"><p>A grid\n',
                            "content/docs/demos/grid/grid.css": "p {}\n",
                            "content/docs/demos/grid/notes.txt": "not linked\n"})
    return project


def test_linked_files_are_copied_and_every_relative_link_resolves(linked, capsys):
    assert linked.run("build") == 0
    site = linked.root / "site"
    assert (site / "docs/data.csv").read_text() == "a,b\n"
    assert not (site / "docs/demos").exists()  # a web page is not published, nor its folder
    chart = (site / "docs/chart.svg").read_text()  # an SVG is, sanitised as images are
    assert "<rect" in chart and "script" not in chart
    page = linked.read("docs/a/index.html")
    assert '<a class="file-link" href="../data.csv">file</a>' in page
    assert '<a class="missing-link" href="demos/grid/">the grid</a>' in page
    assert '<a class="page-link" href="../b/">a page</a>' in page
    assert dead_links(site) == ["docs/a/index.html: ../01-setup/",  # the two warned of
                                "docs/a/index.html: demos/grid/"]
    # the Sources page holds no relative address
    sources = read_pages(site)["sources/index.html"].links
    assert "https://example.org/a" in sources
    assert not {"../01-setup/", "data.csv", "demos/grid/", "../data.csv"} & set(sources)
    assert capsys.readouterr().err.splitlines()[:2] == [
        "content/docs/a.md:5: warning: link '../01-setup/' matches no page or file of this "
        f"site and is left as written. {MISSING_FIX}",
        "content/docs/a.md:5: warning: link 'demos/grid/' names content/docs/demos/grid/"
        "index.html, a file a browser would run (a web page or script), which footnoted "
        "does not publish: copied as it is, it would run on the site's own address and could "
        f"load other hosts; the link is left as written. {ACTIVE_FIX}"]


def test_a_linked_file_outside_content_fails_the_build(linked, capsys):
    linked.write("secret.txt", "outside\n")
    linked.write("content/docs/a.md", HEAD.format(title="A") + "The [secret](../../secret.txt).\n")
    assert linked.run("build") == 1
    assert (f"content/docs/a.md:5: error: link leads out of the content folder: "
            f"'../../secret.txt' is secret.txt. {OUT_FIX}") in capsys.readouterr().err
    assert not (linked.root / "site").exists()


def test_a_template_tag_of_another_generator_is_named(places):
    body = render("Intro.\n\nSee [issue 7]({{ site.repository }}/issues/7).", places)
    assert '<a class="missing-link" href="{{ site.repository }}/issues/7">' in body.html
    assert [str(p) for p in body.problems] == [
        "content/post/index.md:7: warning: link '{{ site.repository }}/issues/7' holds another "
        "generator's template tag, which footnoted does not run, so it is left as written. "
        "Write the address the tag gave (https://..., or the article's file, e.g. other.md)"]


def test_a_video_beside_the_article_is_published_and_played(make_project):
    project = make_project({
        "content/post/index.md": "---\ntitle: T\ndate: 2024-05-01\n---\n"
                                 '<video src="clip.mp4" autoplay></video>\n',
        "content/post/clip.mp4": "not really a video"})
    assert project.run("build") == 0
    assert (project.root / "site/post/clip.mp4").read_text() == "not really a video"
    page = project.read("post/index.html")
    assert '<video controls src="clip.mp4"></video>' in page
    assert "media-src 'self'" in page  # the page's policy lets it play
