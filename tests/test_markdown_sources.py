"""The sources extension alone: Markdown in, exact HTML out, one behaviour per test."""

from __future__ import annotations

from dataclasses import replace
from textwrap import dedent

from footnoted.content import SourceEntry
from footnoted.markdown.convert import render_markdown

from .conftest import without_margin_copies

DECLARED = {
    "report": SourceEntry(url="https://example.org/report", title="The report"),
    "gone": SourceEntry(lost=True),
}


def render(text: str, declared=DECLARED):
    body = render_markdown(dedent(text), declared, "a", "content/a.md", first_line=5)
    return replace(body, html=without_margin_copies(body.html))


def marker(anchor: str, ref: int, label: str) -> str:
    return (f'<sup><a class="noteref" href="#a-source-{anchor}" id="a-source-{anchor}-ref-{ref}" '
            f'role="doc-noteref">{label}</a></sup>')


def test_links_are_numbered_in_order_of_first_use():
    body = render("[one](https://one.example/) and [two](https://two.example/)")
    assert body.html == (
        '<p><a href="https://one.example/">one</a><sup><a class="noteref" '
        'href="#a-source-ud1f0beee" id="a-source-ud1f0beee-ref-1" role="doc-noteref">1</a></sup>'
        ' and <a href="https://two.example/">two</a><sup><a class="noteref" '
        'href="#a-source-ud287282b" id="a-source-ud287282b-ref-1" role="doc-noteref">2</a>'
        '</sup></p>')
    assert [s.number for s in body.sources] == [1, 2]
    assert [s.url for s in body.sources] == ["https://one.example/", "https://two.example/"]


def test_repeated_source_reuses_its_number_with_a_back_link_per_use():
    body = render("[first][report], [second](https://example.org/report), [@report]")
    assert body.html == (
        f'<p><a href="https://example.org/report">first</a>{marker("report", 1, "1")}, '
        f'<a href="https://example.org/report">second</a>{marker("report", 2, "1")},'
        '<sup class="citation"><a class="noteref" href="#a-source-report" '
        'id="a-source-report-ref-3" role="doc-noteref">1</a></sup></p>')
    [source] = body.sources
    assert [c.ref_id for c in source.citations] == [
        "a-source-report-ref-1", "a-source-report-ref-2", "a-source-report-ref-3"]
    assert [c.text for c in source.citations] == ["first", "second", ""]


def test_lost_link_renders_as_words_with_a_marker_and_no_href():
    body = render("It was [fearful][gone] then.")
    assert body.html == (
        f'<p>It was <span class="lost-link">fearful</span>{marker("gone", 1, "1")} then.</p>')
    assert 'href="#"' not in body.html
    assert body.problems == []


def test_citation_of_several_keys_is_one_group():
    body = render("As shown [@report; @gone].")
    assert body.html == (
        '<p>As shown<sup class="citation"><a class="noteref" href="#a-source-report" '
        'id="a-source-report-ref-1" role="doc-noteref">1</a>, <a class="noteref" '
        'href="#a-source-gone" id="a-source-gone-ref-1" role="doc-noteref">2</a></sup>.</p>')


def test_a_handle_in_link_words_is_a_link_not_a_citation():
    body = render("Thanks to [@ann](https://example.org/ann).")
    assert body.html == (
        f'<p>Thanks to <a href="https://example.org/ann">@ann</a>'
        f'{marker("u2be6580d", 1, "1")}.</p>')
    assert body.problems == []


def test_unknown_citation_key_is_an_error_with_its_line():
    body = render("""\
        First paragraph.

        Second cites [@nobody].
        """)
    [problem] = body.problems
    assert str(problem) == (
        "content/a.md:7: error: unknown citation key '@nobody'. Declare it under 'sources:' "
        "in the front matter or in content/sources.yaml, or correct the spelling")
    assert "@nobody" in body.html  # shown as typed, not silently dropped


def test_citation_in_code_span_is_left_untouched():
    body = render("Write `[@report]` or `[x][report]` to cite.")
    assert body.html == "<p>Write <code>[@report]</code> or <code>[x][report]</code> to cite.</p>"
    assert body.sources == []


def test_citation_in_fenced_code_is_left_untouched():
    body = render("""\
        ```
        [@report] and [link](https://example.org/)
        ```
        """)
    assert body.sources == []
    assert "noteref" not in body.html


def test_dead_hash_link_is_an_error_not_a_dead_href():
    body = render("Text\n\nA [dead](#) link.")
    assert 'href="#"' not in body.html
    [problem] = body.problems
    assert str(problem).startswith("content/a.md:7: error: link 'dead' points nowhere")
    assert "lost: true" in problem.fix


def test_in_page_jump_is_not_a_source():
    body = render("See [below](#details).")
    assert body.sources == []
    assert body.html == '<p>See <a href="#details">below</a>.</p>'


def test_link_to_declared_url_uses_the_declared_key():
    body = render("[the report](https://example.org/report)")
    assert body.sources[0].key == "report"


def test_ordinary_reference_definitions_still_work():
    body = render("""\
        A [ref link][plain].

        [plain]: https://plain.example/
        """)
    assert body.sources[0].url == "https://plain.example/"


def test_excerpt_leaves_out_markers():
    body = render("It’s [one](https://one.example/) thing [@report].\n\nMore.")
    assert body.excerpt == "It’s one thing."


def test_fenced_code_is_highlighted_with_pygments_classes():
    body = render("""\
        ```python
        print("hi")
        ```
        """)
    assert body.html.startswith(
        '<div class="highlight"><pre><span></span><code><span class="nb">print</span>')


def test_pygments_stylesheet_has_light_and_dark_styles():
    from footnoted.assets import pygments_css

    css = pygments_css()
    assert ".highlight .nb {" in css
    assert "@media (prefers-color-scheme: dark)" in css
    assert ":root[data-theme=dark] .highlight .nb {" in css


def test_space_before_a_citation_goes_with_it():
    body = render("As shown [@report].")
    assert body.html.startswith('<p>As shown<sup class="citation"><a class="noteref"')
