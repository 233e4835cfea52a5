"""An image hosted elsewhere is never loaded: its alt text links to it, a numbered source."""

from __future__ import annotations

import markdown

from footnoted.markdown.article_context import ArticleContext
from footnoted.markdown.images import ImagesExtension
from footnoted.markdown.raw_html import RawHtmlExtension

HEAD = "---\ntitle: T\ndate: 2024-05-01\n---\n"


def convert(text: str) -> tuple[str, list[str]]:
    images = ImagesExtension()
    md = markdown.Markdown(extensions=[images, RawHtmlExtension()], output_format="html")
    md.article = ArticleContext(path="content/a.md")
    html = md.convert(text)
    return html, [str(problem) for problem in images.state.problems]


WARNING = ("content/a.md:1: warning: image 'https://e.example/chart.png' is on another host, "
           "so the page shows a link to it instead (pages load nothing from elsewhere). Save "
           "the image beside the article and give its path, e.g. images/chart.png")


def test_an_image_alone_becomes_a_figure_with_its_alt_text_linked():
    assert convert("![A chart](https://e.example/chart.png)") == (
        '<figure class="image-elsewhere">\n<figcaption><a href="https://e.example/chart.png">'
        "A chart</a> (image hosted elsewhere, not loaded)</figcaption>\n</figure>", [WARNING])


def test_an_image_in_a_sentence_becomes_a_link_in_the_sentence():
    assert convert("See ![the chart](https://e.example/chart.png) here.")[0] == (
        '<p>See <span class="image-elsewhere"><a href="https://e.example/chart.png">the chart'
        "</a> (image hosted elsewhere, not loaded)</span> here.</p>")


def test_a_linked_image_leaves_its_words_in_the_link():
    assert convert("[![A chart](https://e.example/chart.png)](https://e.example/)")[0] == (
        '<p><a href="https://e.example/">A chart</a></p>')


def test_a_raw_html_image_elsewhere_is_treated_the_same():
    assert convert('<img src="https://e.example/chart.png" alt="A chart">') == (
        '<figure class="image-elsewhere">\n<figcaption><a href="https://e.example/chart.png">'
        "A chart</a> (image hosted elsewhere, not loaded)</figcaption>\n</figure>", [WARNING])


def test_the_page_numbers_the_original_as_a_source(make_project, capsys):
    project = make_project({"content/a.md": HEAD + "![A chart](https://e.example/chart.png)\n"})
    assert project.run("build") == 0
    assert "content/a.md:5: warning: image 'https://e.example/chart.png' is on another host" \
        in capsys.readouterr().err
    page = project.read("a/index.html")
    assert '<img' not in page.split("<main", 1)[1]
    assert ('<figcaption><a href="https://e.example/chart.png">A chart</a><sup><a '
            'class="noteref"') in page


LONG = "https://uploads.example/wp-content/uploads/2019/08/forensic-science-laboratory-photo.jpg"


def test_a_build_reports_images_elsewhere_together_and_check_lists_each_whole(
        make_project, capsys):
    project = make_project({f"content/a{n}.md": HEAD + f"![A photo]({LONG})\n\n![B]({LONG})\n"
                            for n in range(3)})
    assert project.run("build") == 0
    assert capsys.readouterr().err == (
        "warning: 6 images on other hosts, shown as links, at content/a0.md:5, content/a0.md:7, "
        "content/a1.md:5, ... (footnoted check lists them)\n")
    assert project.run("check") == 0
    listed = capsys.readouterr().out.splitlines()
    assert f"content/a0.md:5: warning: image '{LONG}' is on another host, so the page shows a " \
           "link to it instead (pages load nothing from elsewhere). Save the image beside the " \
           "article and give its path, e.g. images/chart.png" in listed
