"""Raw HTML in articles, in Python-Markdown's test style: Markdown in, exact HTML out.

Raw HTML is sanitised by nh3 with the site's allowlist and built into the tree; it is never
printed as tag text (outside code) and never passed through unsanitised.
"""

from __future__ import annotations

from textwrap import dedent

import markdown
from markdown.extensions.smarty import SmartyExtension

from footnoted.markdown.convert import render_markdown
from footnoted.markdown.raw_html import RawHtmlExtension


def convert(text: str, allow: tuple[str, ...] = ("default",), smarty: bool = False) -> str:
    extensions = [RawHtmlExtension(allow_html=allow)] + ([SmartyExtension()] if smarty else [])
    return markdown.markdown(dedent(text), extensions=extensions, output_format="html")


def test_harmless_inline_elements_are_kept():
    assert convert("H<sub>2</sub>O, <kbd>Ctrl</kbd>, <mark>this</mark>") == (
        "<p>H<sub>2</sub>O, <kbd>Ctrl</kbd>, <mark>this</mark></p>")


def test_scripts_are_removed_with_their_content():
    assert convert("H<sub>2</sub>O <script>x()</script>") == "<p>H<sub>2</sub>O </p>"


def test_a_style_block_is_removed_and_markdown_goes_on():
    assert convert("<style>p{color:red}</style>\n\nafter") == "<p>after</p>"


def test_event_handlers_styles_and_classes_are_removed_ids_kept():
    assert convert('<aside class="tip" id="x" style="color:red" onclick="x()">Note</aside>') \
        == '<aside id="x">Note</aside>'


def test_an_old_style_anchor_name_becomes_an_id_and_the_pages_own_ids_are_removed():
    assert convert('<a name="tool"></a> The tool. <span id="main">M</span> '
                   '<span id="article-notes">N</span> <span id="a b">S</span>') == (
        '<p><span id="tool"></span> The tool. <span>M</span> <span>N</span> <span>S</span></p>')


def test_markdown_after_a_blank_line_inside_a_block_is_markdown():
    assert convert("""\
        <details>
        <summary>Why?</summary>

        Because **this**.

        </details>""") == (
        "<details>\n<summary>Why?</summary>\n<p>Because <strong>this</strong>.</p>\n</details>")


def test_markdown_on_the_lines_of_a_block_stays_as_typed():
    assert convert("<table>\n<tr><td>*md*</td></tr>\n</table>") == (
        "<table>\n<tbody>\n<tr>\n<td>*md*</td>\n</tr>\n</tbody>\n</table>")


def test_boolean_and_descriptive_attributes_are_kept():
    assert convert('<details open>\n<summary>S</summary>\nx\n</details>') == (
        '<details open="">\n<summary>S</summary>\nx\n</details>')
    assert convert('<abbr title="North Atlantic &amp; Treaty">NATO</abbr>') == (
        '<p><abbr title="North Atlantic &amp; Treaty">NATO</abbr></p>')


def test_obsolete_attributes_are_removed():
    assert convert('<table>\n<tr><th scope="col" align="left">A</th></tr>\n</table>') == (
        '<table>\n<tbody>\n<tr>\n<th scope="col">A</th>\n</tr>\n</tbody>\n</table>')


def test_markdown_inside_an_inline_element_still_works():
    assert convert("<sup>*very* [x](https://a.example/)</sup>") == (
        '<p><sup><em>very</em> <a href="https://a.example/">x</a></sup></p>')


def test_an_unclosed_inline_element_closes_where_its_paragraph_ends():
    assert convert("<sup>1 and more\n\nNext.") == "<p><sup>1 and more</sup></p>\n<p>Next.</p>"


def test_a_block_element_inside_a_paragraph_loses_its_tags():
    assert convert("Para <div>block</div> end") == "<p>Para block end</p>"


def test_links_keep_only_their_address_and_unsafe_ones_lose_it():
    assert convert('<a href="#part" onclick="x">in</a> <a href="https://a.example/" '
                   'target="_blank">out</a> <a href="javascript:alert(1)">js</a> '
                   '<q cite="javascript:x">q</q>') == (
        '<p><a href="#part">in</a> <a href="https://a.example/">out</a> <span>js</span> '
        '<q>q</q></p>')


def test_an_iframe_becomes_a_link_saying_it_is_not_loaded():
    assert convert('<iframe title="Demo" src="demos/basic/" height="300"></iframe>') == (
        '<p class="embed-not-loaded"><a href="demos/basic/">Demo</a> '
        "(embedded content, not loaded)</p>")


def test_a_video_from_elsewhere_in_a_paragraph_becomes_an_inline_link_to_its_source():
    assert convert('Text <video controls><source src="https://e.example/a.mp4">fallback'
                   "</video> more") == (
        '<p>Text <span class="embed-not-loaded"><a href="https://e.example/a.mp4">'
        "https://e.example/a.mp4</a> (embedded content, not loaded)</span> more</p>")


def test_a_video_file_of_the_site_stays_a_player_with_controls_and_never_plays_itself():
    assert convert('Text <video autoplay muted loop><source src="a.mp4">fallback</video> '
                   "more") == '<p>Text <video controls src="a.mp4"></video> more</p>'


def test_an_embed_without_a_safe_address_leaves_nothing():
    assert convert('<iframe src="javascript:alert(1)"></iframe>\n\nText') == "<p>Text</p>"


def test_forms_lose_their_controls():
    assert convert('<form action="/x"><input name="q"><button>Go</button></form>') == "Go"


def test_comments_are_removed():
    assert convert("<!-- hidden -->\nshown\n\nText <!-- too --> here") == (
        "<p>shown</p>\n<p>Text  here</p>")


def test_code_spans_show_tags_as_code():
    assert convert("`<sup>1</sup>`") == "<p><code>&lt;sup&gt;1&lt;/sup&gt;</code></p>"


def test_typographic_quotes_touch_text_never_tags_or_code():
    assert convert('Say "hi" <kbd>"Ctrl"</kbd> <abbr title="x \'y\'">A</abbr>', smarty=True) \
        == "<p>Say &ldquo;hi&rdquo; <kbd>\"Ctrl\"</kbd> <abbr title=\"x 'y'\">A</abbr></p>"


def test_raw_html_cannot_name_the_sanitisers_own_markers():
    assert convert('<footnoted-keep-1234 data-i="0"></footnoted-keep-1234>') == "<p></p>"


def test_the_setting_narrows_the_list():
    assert convert("<b>bold</b> <sup>1</sup>", allow=("sup",)) == "<p>bold <sup>1</sup></p>"
    assert convert("<b>b</b> <img src='a.png' alt='A'>", allow=("default", "-img")) == (
        "<p><b>b</b> </p>")
    assert convert("<u>u</u>", allow=()) == "<p>u</p>"


def test_the_setting_widens_the_list():
    assert convert("<u>u</u>", allow=("default", "u")) == "<p><u>u</u></p>"


def test_links_in_raw_html_are_numbered_sources():
    body = render_markdown('<aside>\n\nSee [a](https://a.example/).\n\n</aside>\n\n'
                           '<iframe src="https://v.example/embed/1" title="A talk"></iframe>',
                           {}, "a", "content/a.md", 5)
    assert [source.url for source in body.sources] == [
        "https://a.example/", "https://v.example/embed/1"]
    assert '<p class="embed-not-loaded"><a href="https://v.example/embed/1">A talk</a><sup>' \
        in body.html


def test_nothing_raw_is_left_in_the_stash():
    body = render_markdown('<div class="highlight">\n\n```python\nx = 1\n```\n\n</div>',
                           {}, "a", "content/a.md", 5)
    assert body.html.startswith('<div>\n<div class="highlight"><pre tabindex="0"')
    assert body.has_code
    assert not render_markdown('<div class="highlight">x</div>', {}, "a", "a.md", 1).has_code


def test_an_inline_element_left_open_over_blocks_loses_its_tags():
    assert convert("<div>unclosed <em>emphasis\n\nSecond *para*.") == (
        "<div>unclosed emphasis<p>Second <em>para</em>.</p>\n</div>")


def test_an_address_the_sanitiser_removes_is_reported_with_its_line():
    body = render_markdown('Text.\n\n<a href="javascript:alert(1)">x</a> and '
                           '<iframe src="data:text/html,x"></iframe>', {}, "a", "content/a.md", 5)
    assert body.html == "<p>Text.</p>\n<p><span>x</span> and </p>"
    assert [str(problem) for problem in body.problems] == [
        "content/a.md:7: warning: <a href=\"javascript:alert(1)\"> uses the 'javascript:' "
        "scheme, which is not allowed, so the address was removed. Give the real http(s) "
        "address, or a path on this site",
        "content/a.md:7: warning: <iframe src=\"data:text/html,x\"> uses the 'data:' scheme, "
        "which is not allowed, so the address was removed. Give the real http(s) address, or "
        "a path on this site"]
