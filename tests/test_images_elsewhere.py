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
