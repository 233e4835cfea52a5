"""The importers' parts, each alone: HTML in, Markdown out; WordPress content in, HTML out;
a generator's body in, ours out; dates."""

from __future__ import annotations

import textwrap
from datetime import UTC
from pathlib import Path

import lxml.html
import pytest

from footnoted.importers.frontmatter_map import moment
from footnoted.importers.html_markdown import HtmlToMarkdown
from footnoted.importers.imageshelf import ImageShelf
from footnoted.importers.markdown_body import BodyContext, convert_body
from footnoted.importers.markdown_text import escape
from footnoted.importers.model import Harvest, report_line
from footnoted.importers.sourcebook import SourceBook
from footnoted.importers.wp_content import autop, to_html


def html_to_markdown(html: str, base_url: str | None = None) -> tuple[str, SourceBook, Harvest]:
    book, harvest = SourceBook(), Harvest()
    shelf = ImageShelf("story", book, harvest, lambda src: None, base_url)
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return HtmlToMarkdown(book, shelf, harvest, "page.html").convert(root), book, harvest


def test_escape_shows_markdown_characters_as_text():
    assert escape("2*3 = 6_a [b] <i> &amp; AT&T") == r"2\*3 = 6\_a \[b\] &lt;i> &amp;amp; AT&T"


def test_paragraph_starts_that_markdown_would_read_as_blocks_are_escaped():
    markdown, _, _ = html_to_markdown("<p># not a heading</p><p>1. not a list</p>"
                                      "<p>- nor this</p>")
    assert markdown == "\\# not a heading\n\n1\\. not a list\n\n\\- nor this\n"


def test_links_become_declared_sources_with_their_words():
    markdown, book, harvest = html_to_markdown(
        '<p>See <a href="/a">the report</a>, <a href="https://x.example/">X</a> and '
        '<a href="/a">it again</a>.</p>', base_url="https://paper.example/2024/story")
    assert markdown == "See [the report][the-report], [X][x] and [it again][the-report].\n"
    assert book.entries == {"the-report": {"url": "https://paper.example/a", "title": "the report"},
                            "x": {"url": "https://x.example/"}}
    assert harvest.problems == []


def test_a_source_gets_a_title_where_its_address_says_nothing_to_a_reader():
    markdown, book, _ = html_to_markdown(
        '<p><a href="https://builders.example/">Shore &amp; Sons</a> won; see the '
        '<a href="https://council.example/planning/harbour-wall">plans</a>, '
        '<a href="https://council.example/?p=12">here</a> and '
        '<a href="https://gazette.example/12" title="Grant settlement 2024">this</a>.</p>')
    assert book.entries == {
        "shore-sons": {"url": "https://builders.example/", "title": "Shore & Sons"},
        "plans": {"url": "https://council.example/planning/harbour-wall"},
        "here": {"url": "https://council.example/?p=12"},
        "this": {"url": "https://gazette.example/12"}}


def test_a_link_to_nowhere_is_a_lost_source_and_reported():
    markdown, book, harvest = html_to_markdown('<p>Officials were <a href="#">fearful</a>; '
                                               '<a href="tel:123">call</a>.</p>')
    assert markdown == "Officials were [fearful][fearful]; [call][call].\n"
    assert book.entries == {"fearful": {"lost": True},
                            "call": {"lost": True, "note": "the page linked 'tel:123'"}}
    assert [report_line(n) for n in harvest.problems] == [
        "page.html: warning: link 'fearful' had no target; declared as a lost source. Find "
        "the original target and replace 'lost: true' with 'url:' [lost-link]",
        "page.html: warning: link 'call' pointed to 'tel:123'; declared as a lost source. "
        "Find the original target and replace 'lost: true' with 'url:' [lost-link]"]


def test_nested_lists_quotes_and_emphasis():
    markdown, _, _ = html_to_markdown(
        "<ul><li>one <em>two</em><ul><li>three</li></ul></li><li><b>four </b>five</li></ul>"
        "<blockquote><p>A</p><p>B</p></blockquote>")
    assert markdown == "- one *two*\n    - three\n- **four** five\n\n> A\n>\n> B\n"


def test_tables_code_and_breaks():
    markdown, _, _ = html_to_markdown(
        "<table><tr><th>a</th><th>b|c</th></tr><tr><td>1</td><td>2</td></tr></table>"
        '<pre><code class="language-python">x = 1\n</code></pre><p>line<br>next</p>')
    assert markdown == ("| a | b\\|c |\n| --- | --- |\n| 1 | 2 |\n\n```python\nx = 1\n```\n\n"
                        "line  \nnext\n")


def test_a_remote_image_is_a_source_and_a_missing_one_lost():
    markdown, book, harvest = html_to_markdown(
        '<p><img src="https://cdn.example/a.jpg" alt="A map"></p><p><img src="b.jpg"></p>')
    assert markdown == "![A map](https://cdn.example/a.jpg)\n\n[Image: b.jpg][image-b-jpg]\n"
    assert book.entries == {"image-b-jpg": {"lost": True, "note": "image b.jpg"}}
    assert [n.kind for n in harvest.problems] == ["remote-image", "missing-image"]


def test_the_report_names_a_missing_image_whole_so_the_editor_can_find_it():
    src = "wp-content/uploads/2019/11/harbour-wall-extension-works-at-night-1024x768.jpg"
    _, book, harvest = html_to_markdown(f'<p><img src="{src}" alt="The wall"></p>')
    assert harvest.problems[0].message == (f"image '{src}' was not found; declared as a lost "
                                           "source")
    assert book.entries == {"the-wall": {"lost": True, "note": f"image {src}"}}


def test_an_image_alone_in_a_link_keeps_the_image_and_reports_a_link_elsewhere():
    markdown, book, harvest = html_to_markdown(
        '<p><a href="https://x.example/big.jpg"><img src="https://x.example/a.jpg" alt="Pier">'
        '</a></p><p><a href="https://x.example/photo-page/"><img src="https://x.example/b.jpg" '
        'alt="Quay"></a></p>')
    assert markdown == ("![Pier](https://x.example/a.jpg)\n\n"
                        "![Quay](https://x.example/b.jpg)\n")
    assert [n.kind for n in harvest.problems] == ["remote-image", "image-link",
                                                     "remote-image"]


def test_a_superscript_note_marker_without_its_note_is_kept_and_reported():
    markdown, _, harvest = html_to_markdown("<p>Taxes rose.<sup>12</sup> A 10<sup>th</sup> "
                                            "time.</p>")
    assert markdown == "Taxes rose.¹² A 10th time.\n"
    assert [report_line(n) for n in harvest.problems] == [
        "page.html: warning: superscript '12' refers to no note in the page; kept as a "
        "superscript character. Add the note it stood for, as [^label], if it is known "
        "[superscript]"]


def test_wpautop_makes_paragraphs_and_breaks():
    assert autop("one\ntwo\n\n<h2>Head</h2>\n\nthree") == \
        "<p>one<br>\ntwo</p>\n\n<h2>Head</h2>\n\n<p>three</p>"


def test_caption_shortcode_becomes_a_figure():
    reports = []
    html = to_html('[caption id="a1" width="300"]<img src="x.jpg" alt="X"> The caption.'
                   "[/caption]", lambda _: "", lambda *r: reports.append(r))
    assert html.strip() == '<figure><img src="x.jpg" alt="X"><figcaption>The caption.' \
        "</figcaption></figure>"
    assert reports == []


def test_plugin_shortcodes_and_dynamic_blocks_are_reported_and_removed():
    reports = []
    html = to_html('<!-- wp:latest-posts {"postsToShow":3} /-->\nText [sic] here.\n\n'
                   '[contact-form-7 id="1"]', lambda _: "", lambda *r: reports.append(r))
    assert html == "<p>Text [sic] here.</p>\n\n"
    assert [category for category, _ in reports] == ["dynamic-block", "shortcode"]


def body(text: str, slugs: dict[str, str] | None = None) -> tuple[str, Harvest]:
    book, harvest = SourceBook(), Harvest()
    shelf = ImageShelf("post", book, harvest, lambda src: Path("/x/pier.png")
                       if src.endswith("pier.png") else None)
    context = BodyContext("post.md", 5, harvest, book, shelf,
                          lambda target: (f"{slugs[target]}.md" if target in (slugs or {})
                                          else None), {"repo": "https://git.example/r"})
    return convert_body(textwrap.dedent(text), context), harvest


def test_hugo_shortcodes_become_markdown():
    converted, harvest = body("""\
        {{< figure src="/images/pier.png" alt="The pier" caption="At dawn." >}}
        [Before]({{< ref "posts/storm.md" >}}) and {{< youtube abc >}}.
        {{< highlight go >}}
        x := 1 // {{< not-a-shortcode >}}
        {{< /highlight >}}
        """, {"posts/storm.md": "storm"})
    assert converted == ("![The pier](images/post/pier.png)\n\n*At dawn.*\n"
                         "[Before](storm.md) and [YouTube video abc]"
                         "(https://www.youtube.com/watch?v=abc).\n"
                         "```go\nx := 1 // {{< not-a-shortcode >}}\n```\n")
    assert harvest.problems == []


def test_liquid_tags_become_links_or_are_reported_with_their_line():
    converted, harvest = body("""\
        Next: [more]({% post_url 2023-05-01-more %}), code at [repo]({{ site.repo }}).

        {% include note.html %}
        """, {"2023-05-01-more": "more"})
    assert converted == "Next: [more](more.md), code at [repo](https://git.example/r).\n"
    assert [report_line(n) for n in harvest.problems] == [
        "post.md:7: warning: template tag {% include note.html %} cannot run here; removed "
        "(text between its tags is kept) [template]"]


def test_links_with_code_or_a_line_break_in_their_words_are_still_links():
    converted, harvest = body("Try [`where`](/docs/filters/) and the [full\n"
                              "log](/docs/history/).\n", {"/docs/history/": "history"})
    assert converted == "Try [`where`](/docs/filters/) and the [full\nlog](history.md).\n"
    assert [(n.line, n.kind) for n in harvest.problems] == [(5, "relative-link")]


def test_spacer_lines_and_html_comments_are_removed_and_reported():
    converted, harvest = body("One.\n\n<br>\n\nTwo <!-- to do: check --> three.\n")
    assert converted == "One.\n\nTwo  three.\n"
    assert [(n.line, n.kind) for n in harvest.problems] == [(7, "raw-html"), (9, "raw-html")]


@pytest.mark.parametrize(("written", "ours", "assumed"), [
    ("2013-07-14 19:38:02 +0200", "2013-07-14T19:38:02+02:00", False),
    ("2023-03-14T09:30:00Z", "2023-03-14T09:30:00+00:00", False),
    ("2014-3-3", "2014-03-03", False),
    ("2022-09-10 10:20", "2022-09-10T10:20:00+00:00", True),
    ("next Tuesday", None, False),
])
def test_generator_dates(written, ours, assumed):
    assert moment(written, UTC) == (ours, assumed)
