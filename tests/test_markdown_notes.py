"""The notes and glossary extensions alone: Markdown in, exact HTML out."""

from __future__ import annotations

from dataclasses import replace
from textwrap import dedent

from footnoted.markdown.convert import render_markdown

from .conftest import without_margin_copies


def render(text: str):
    body = render_markdown(dedent(text), {}, "a", "content/a.md", first_line=1)
    return replace(body, html=without_margin_copies(body.html))


def note_marker(label: str, ref: int, letter: str) -> str:
    return (f'<sup><a class="noteref" href="#a-note-{label}" id="a-note-{label}-ref-{ref}" '
            f'role="doc-noteref">{letter}</a></sup>')


def test_note_is_lettered_and_handed_back_not_appended():
    body = render("""\
        Claim.[^why]

        [^why]: Because *reasons*.
        """)
    assert body.html == f"<p>Claim.{note_marker('why', 1, 'a')}</p>"
    [note] = body.notes
    assert (note.label, note.marker, note.anchor) == ("why", "a", "a-note-why")
    assert note.html == "<p>Because <em>reasons</em>.</p>"


def test_notes_are_lettered_by_first_reference_not_definition_order():
    body = render("""\
        One[^second] two[^first] three[^second].

        [^first]: F.
        [^second]: S.
        """)
    assert [(n.label, n.marker) for n in body.notes] == [("second", "a"), ("first", "b")]
    assert [c.ref_id for c in body.notes[0].citations] == ["a-note-second-ref-1",
                                                            "a-note-second-ref-2"]


def test_note_in_a_heading():
    body = render("""\
        ## Background[^bg]

        [^bg]: Some context.
        """)
    assert body.html == f'<h2 id="background">Background{note_marker("bg", 1, "a")}</h2>'


def test_note_may_span_indented_paragraphs_and_hold_sources():
    body = render("""\
        Text.[^long]

        [^long]: First paragraph with [a link](https://l.example/).

            Second paragraph.
        """)
    assert body.notes[0].html == (
        '<p>First paragraph with <a href="https://l.example/">a link</a><sup><a class="noteref" '
        'href="#a-source-udd2ba46a" id="a-source-udd2ba46a-ref-1" role="doc-noteref">1</a>'
        '</sup>.</p>\n<p>Second paragraph.</p>')
    assert body.sources[0].url == "https://l.example/"


def test_undefined_note_is_an_error_with_its_line():
    body = render("Intro.\n\nMissing[^nope].\n")
    assert [str(p) for p in body.problems] == [
        "content/a.md:3: error: note [^nope] is referenced but never defined. "
        "Add a line '[^nope]: the note's text' below the paragraph"]
    assert "[^nope]" in body.html


def test_unused_note_is_a_warning_with_its_line_and_is_still_listed_last():
    body = render("Text.[^used]\n\n[^spare]: Never used.\n\n[^used]: Used.\n")
    assert [str(p) for p in body.problems] == [
        "content/a.md:3: warning: note [^spare] is defined but never referenced. "
        "Refer to it with [^spare] in the text, or delete it"]
    assert [(n.label, n.marker, n.html, n.citations) for n in body.notes] == [
        ("used", "a", "<p>Used.</p>", body.notes[0].citations),
        ("spare", "b", "<p>Never used.</p>", ())]


def test_note_ids_are_prefixed_by_article_so_pages_can_hold_several():
    one = render_markdown("X[^n]\n\n[^n]: N.", {}, "first", "", 1)
    two = render_markdown("X[^n]\n\n[^n]: N.", {}, "second", "", 1)
    assert one.notes[0].anchor != two.notes[0].anchor


def test_glossary_links_first_use_only():
    body = render("""\
        The State Duma met. The State Duma voted.

        *[State Duma]: Russia's lower house.
        """)
    assert body.html == (
        '<p>The <a class="glossary-term" href="#a-term-state-duma" id="a-term-state-duma-ref" '
        'title="Russia\'s lower house.">State Duma</a> met. The State Duma voted.</p>')
    [entry] = body.glossary
    assert (entry.term, entry.definition, entry.ref_id) == (
        "State Duma", "Russia's lower house.", "a-term-state-duma-ref")


def test_glossary_term_matches_its_plural():
    body = render("Two contract soldiers.\n\n*[contract soldier]: A volunteer.\n")
    assert '>contract soldiers</a>' in body.html


def test_glossary_term_in_code_is_left_alone():
    body = render("`Gosuslugi` then Gosuslugi.\n\n*[Gosuslugi]: A portal.\n")
    assert body.html == (
        '<p><code>Gosuslugi</code> then <a class="glossary-term" href="#a-term-gosuslugi" '
        'id="a-term-gosuslugi-ref" title="A portal.">Gosuslugi</a>.</p>')


def test_unused_glossary_term_is_still_listed():
    body = render("Nothing here.\n\n*[Term]: Def.\n")
    assert [(e.term, e.ref_id) for e in body.glossary] == [("Term", None)]


def test_raw_html_is_sanitised():
    body = render("<b>bold</b> and <script>alert(1)</script>")
    assert body.html == "<p><b>bold</b> and </p>"


def test_first_use_numbers_by_first_citation_and_counts_every_place():
    from footnoted.markdown.refs import FirstUse

    uses = FirstUse()
    assert uses.cite("b", "x-b", "", 1) == (1, "x-b-ref-1")
    assert uses.cite("a", "x-a", "", 2) == (2, "x-a-ref-1")
    assert uses.cite("b", "x-b", "again", 3) == (1, "x-b-ref-2")
    assert list(uses.citations) == ["b", "a"]
    assert [c.text for c in uses.citations["b"]] == ["", "again"]


def test_a_caret_label_followed_by_an_address_is_a_link_not_a_note():
    body = render("It can [^1^](https://e.example/py-grep).")
    assert body.problems == [] and body.notes == []
    assert [source.url for source in body.sources] == ["https://e.example/py-grep"]
    assert '<a href="https://e.example/py-grep">^1^</a>' in body.html
