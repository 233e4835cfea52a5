"""Images whose `src` cannot be read: none at all (lazy-loading markup shows its alt text, with
a warning), or another generator's template tag (an error saying so)."""

from __future__ import annotations

import markdown

from footnoted.markdown.article_context import ArticleContext
from footnoted.markdown.convert import render_markdown
from footnoted.markdown.images import ImagesExtension
from footnoted.markdown.raw_html import RawHtmlExtension
from footnoted.markdown.refs import LineFinder

WARNING = ("content/a.md:{}: warning: image without 'src' (lazy-loading markup such as data-src "
           "is not read): only its alt text is shown. Give the image its file, e.g. "
           "![A photo](images/photo.jpg)")


def convert(text: str) -> tuple[str, list[str]]:
    images = ImagesExtension()
    md = markdown.Markdown(extensions=[images, RawHtmlExtension()], output_format="html")
    md.article = ArticleContext(path="content/a.md", lines=LineFinder(text, 1))
    html = md.convert(text)
    return html, [str(problem) for problem in images.state.problems]


def test_a_lazy_loaded_image_alone_leaves_its_alt_text_as_a_paragraph():
    assert convert('<img data-src="photo.jpg" alt="A photo">\n') == (
        "<p>A photo</p>", [WARNING.format(1)])


def test_an_image_without_src_in_a_sentence_leaves_nothing_else():
    assert convert('Text\n<img id="img" href="test"> more.\n') == (
        "<p>Text\n more.</p>", [WARNING.format(2)])


def test_the_whole_converter_reports_it_and_goes_on():
    body = render_markdown('<img data-src="a.jpg" alt="A">\n\nNext *text*.\n', {}, "a",
                           "content/a.md", 7)
    assert body.html == "<p>A</p>\n<p>Next <em>text</em>.</p>"
    assert [str(problem) for problem in body.problems] == [WARNING.format(7)]


def test_an_image_path_with_another_generators_template_tag_says_so():
    """A base-URL tag names a path (test_site_paths.py); a value footnoted lacks does not."""
    body = render_markdown("![A]({{ page.cover }}/x.png)\n", {}, "a", "content/a.md", 3)
    assert body.html == '<p><img alt="A"></p>'
    assert [str(problem) for problem in body.problems] == [
        "content/a.md:3: error: image '{{ page.cover }}/x.png' holds another "
        "generator's template tag, which footnoted does not run. Write the path the tag gave, "
        "e.g. /assets/photo.jpg"]
