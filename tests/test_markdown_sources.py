"""The sources extension alone: Markdown in, exact HTML out, one behaviour per test."""

from __future__ import annotations

from dataclasses import replace
from textwrap import dedent

from footnoted.content.document import SourceEntry
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


def test_links_to_hash_or_nothing_are_lost_links_numbered():
    body = render("A [dead](#) and an [empty]() link.")
    assert body.html == (
        '<p>A <span class="lost-link">dead</span><sup><a class="noteref" '
        'href="#a-source-ld39eaa0c" id="a-source-ld39eaa0c-ref-1" role="doc-noteref">1</a></sup>'
        ' and an <span class="lost-link">empty</span><sup><a class="noteref" '
        'href="#a-source-lb2479aa4" id="a-source-lb2479aa4-ref-1" role="doc-noteref">2</a>'
        '</sup> link.</p>')
    assert [(s.number, s.key, s.url) for s in body.sources] == [(1, None, None), (2, None, None)]
    assert body.problems == []  # the resolve stage warns about every lost source


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
        '<div class="highlight"><pre tabindex="0" role="region" aria-label="Code 1: python">'
        '<code><span class="nb">print</span>')


def test_pygments_stylesheet_has_light_and_dark_styles():
    from pygments.styles import get_style_by_name
    from pygments.token import Name

    from footnoted.pages.assets import pygments_css

    css = pygments_css()
    light = get_style_by_name("xcode").style_for_token(Name.Builtin)["color"]
    dark = get_style_by_name("github-dark").style_for_token(Name.Builtin)["color"]
    # One rule per token for both schemes: the page's color-scheme picks (style.css).
    assert f".highlight .nb {{ color: light-dark(#{light}, #{dark}) }}" in css
    assert ".highlight { background: light-dark(#ffffff, #0d1117); }" in css


def test_space_before_a_citation_goes_with_it():
    body = render("As shown [@report].")
    assert body.html.startswith('<p>As shown<sup class="citation"><a class="noteref"')


# Citations only where Pandoc reads citations (docs/format.md says where we differ).

def test_at_handle_linked_to_a_url_is_an_ordinary_link():
    body = render("Follow [@rustconf](https://twitter.com/rustconf).")
    assert body.html == (
        '<p>Follow <a href="https://twitter.com/rustconf">@rustconf</a><sup><a class="noteref" '
        'href="#a-source-u13c169d7" id="a-source-u13c169d7-ref-1" role="doc-noteref">1</a>'
        '</sup>.</p>')
    assert body.problems == []


def test_at_name_with_a_reference_is_a_link():
    body = render("""\
        The [@media][mq] rule and [@report][report].

        [mq]: https://css.example/media/
        """)
    assert body.html == (
        '<p>The <a href="https://css.example/media/">@media</a><sup><a class="noteref" '
        'href="#a-source-u11fe936f" id="a-source-u11fe936f-ref-1" role="doc-noteref">1</a>'
        '</sup> rule and '
        f'<a href="https://example.org/report">@report</a>{marker("report", 1, "2")}.</p>')
    assert body.problems == []


def test_bracketed_at_name_with_a_reference_definition_is_a_link():
    body = render("""\
        Ask [@name] or [@Name].

        [@name]: https://social.example/@name
        """)
    assert body.html == (
        '<p>Ask <a href="https://social.example/@name">@name</a><sup><a class="noteref" '
        'href="#a-source-u5eb5f498" id="a-source-u5eb5f498-ref-1" role="doc-noteref">1</a></sup>'
        ' or <a href="https://social.example/@name">@Name</a><sup><a class="noteref" '
        'href="#a-source-u5eb5f498" id="a-source-u5eb5f498-ref-2" role="doc-noteref">1</a>'
        '</sup>.</p>')
    assert body.problems == []


def test_bracketed_at_key_without_a_definition_is_a_citation():
    body = render("Shown [@report].")
    assert body.html == (
        '<p>Shown<sup class="citation"><a class="noteref" href="#a-source-report" '
        'id="a-source-report-ref-1" role="doc-noteref">1</a></sup>.</p>')


def test_at_in_running_text_code_and_email_is_text():
    body = render("Write to ann@paper.example or @ann, or type `[@report]` and `@x`.")
    assert body.html == (
        "<p>Write to ann@paper.example or @ann, or type <code>[@report]</code> and "
        "<code>@x</code>.</p>")
    assert body.sources == [] and body.problems == []


def test_pandoc_key_forms_braces_and_suppressed_author():
    declared = {"https://doi.example/1;2": SourceEntry(url="https://doi.example/1"),
                "report": DECLARED["report"]}
    body = render("One [@{https://doi.example/1;2}; -@report].", declared)
    assert [s.key for s in body.sources] == ["https://doi.example/1;2", "report"]
    assert body.problems == []


def test_trailing_punctuation_is_not_part_of_a_key_so_the_bracket_is_text():
    body = render("As [@report.] said.")  # Pandoc: key `report`, suffix "."; not supported
    assert body.html == "<p>As [@report.] said.</p>"
    assert body.sources == []


def test_spaces_inside_the_brackets_are_allowed():
    body = render("Shown [ @report ; @gone ].")
    assert [s.key for s in body.sources] == ["report", "gone"]


def test_unknown_key_with_spaces_inside_keeps_its_text():
    body = render("See [ @nobody ].")
    assert body.html == '<p>See <sup class="citation"><span>@nobody</span></sup>.</p>'
    [problem] = body.problems
    assert str(problem).startswith("content/a.md:5: error: unknown citation key '@nobody'.")


def test_an_email_autolink_is_a_contact_link_not_a_source():
    body = render("Write to <security@rust.example>.")
    assert body.sources == []
    assert "<sup" not in body.html
    assert "&#109;&#97;&#105;&#108;" in body.html  # the text keeps its harvester disguise


def test_linked_words_keep_entities_and_escapes_as_characters():
    """The words go to the Sources list and the JSON-LD citations: never a stash placeholder."""
    body = render(r"[AT&amp;T](https://att.example/), [R&D](#) and [\*starred\*][gone]")
    assert [c.text for s in body.sources for c in s.citations] == ["AT&T", "R&D", "*starred*"]
    assert body.problems == []
