"""An image carried in the text (`data:image/png;base64,...`) loads nothing from elsewhere:
it is kept, in Markdown and raw HTML, when it is a raster image of a sane size."""

from __future__ import annotations

from footnoted.markdown.convert import render_markdown

DOT = "data:image/png;base64,iVBORw0KGgo="


def render(text: str):
    return render_markdown(text, {}, "a", "content/a.md", 1)


def test_a_markdown_data_image_is_kept():
    body = render(f"![A dot]({DOT})")
    assert (body.html, body.problems, body.images) == (
        f'<p><img alt="A dot" src="{DOT}"></p>', [], [])


def test_a_raw_html_data_image_is_kept():
    body = render(f'<img src="{DOT}" alt="A dot">')
    assert (body.html, body.problems) == (f'<img alt="A dot" src="{DOT}">', [])


def test_an_svg_or_a_page_in_a_data_address_is_still_refused():
    body = render("[x](data:text/html;base64,PGI+) ![y](data:image/svg+xml;base64,PHN2Zz4=)")
    assert body.html == '<p><span>x</span> <img alt="y"></p>'
    assert [problem.is_error for problem in body.problems] == [True, True]


def test_a_data_image_too_large_for_every_page_load_is_an_error():
    body = render(f"![Big]({DOT}{'A' * 2_000_000})")
    assert body.html == '<p><img alt="Big"></p>'
    assert [str(problem) for problem in body.problems] == [
        "content/a.md:1: error: image carried in the text (data:) is 2,000 KB, more than "
        "2,000 KB in every load of the page. Save it as a file beside the article and give "
        "its path, e.g. images/a.png"]
