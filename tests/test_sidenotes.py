"""The sidenotes extension alone: Markdown in, exact HTML out (Python-Markdown's test style)."""

from __future__ import annotations

import textwrap
from datetime import UTC, datetime

from markdown import Markdown

from footnoted.content.document import SourceEntry
from footnoted.content.schema import Moment
from footnoted.markdown.article_context import ArticleContext
from footnoted.markdown.convert import render_markdown
from footnoted.markdown.notes import NotesExtension
from footnoted.markdown.sidenotes import SidenotesExtension
from footnoted.markdown.sources import SourcesExtension


def convert(text: str, declared: dict[str, SourceEntry] | None = None) -> str:
    sources, notes = SourcesExtension(), NotesExtension()
    md = Markdown(extensions=[sources, notes, SidenotesExtension(sources, notes)])
    md.article = ArticleContext(slug="t", declared=declared or {})
    return md.convert(textwrap.dedent(text))


def test_a_link_gets_an_entry_with_its_host_before_its_paragraph() -> None:
    assert convert("Read [this](https://www.example.org/a).") == textwrap.dedent("""\
        <aside aria-hidden="true" class="sidenotes">
        <p class="sidenote" data-ref="t-source-u69c41907-ref-1"><span class="sidenote-label">1</span> <a href="https://www.example.org/a" tabindex="-1">example.org</a></p>
        </aside>
        <p>Read <a href="https://www.example.org/a">this</a><sup><a class="noteref" href="#t-source-u69c41907" id="t-source-u69c41907-ref-1" role="doc-noteref">1</a></sup>.</p>""")  # noqa: E501


def test_a_link_without_a_title_is_named_from_its_path_and_dated() -> None:
    declared = {"g": SourceEntry(url="https://www.theguardian.com/world/2023/putin-mobilization",
                                 date=Moment(datetime(2023, 4, 6, tzinfo=UTC)))}
    assert convert("As [reported][g].", declared).split("</aside>")[0] == textwrap.dedent("""\
        <aside aria-hidden="true" class="sidenotes">
        <p class="sidenote" data-ref="t-source-g-ref-1"><span class="sidenote-label">1</span> <cite>Putin mobilization</cite>. <time datetime="2023-04-06">April 6, 2023</time>. <a href="https://www.theguardian.com/world/2023/putin-mobilization" tabindex="-1">theguardian.com</a></p>
        """)  # noqa: E501


def test_declared_source_shows_publisher_title_and_archived_copy() -> None:
    declared = {"rep": SourceEntry(url="https://example.org/r", title="The Report",
                                   publisher="Agency", archived="https://archive.example/r")}
    assert convert("As [reported][rep].", declared) == textwrap.dedent("""\
        <aside aria-hidden="true" class="sidenotes">
        <p class="sidenote" data-ref="t-source-rep-ref-1"><span class="sidenote-label">1</span> Agency. <cite>The Report</cite>. <a href="https://example.org/r" tabindex="-1">example.org</a>; <a href="https://archive.example/r" tabindex="-1">archived copy</a></p>
        </aside>
        <p>As <a data-originalurl="https://example.org/r" data-versionurl="https://archive.example/r" href="https://example.org/r">reported</a><sup><a class="noteref" href="#t-source-rep" id="t-source-rep-ref-1" role="doc-noteref">1</a></sup>.</p>""")  # noqa: E501


def test_lost_source_says_link_not_preserved() -> None:
    declared = {"gone": SourceEntry(lost=True)}
    assert convert("She [said][gone] so.", declared) == textwrap.dedent("""\
        <aside aria-hidden="true" class="sidenotes">
        <p class="sidenote" data-ref="t-source-gone-ref-1"><span class="sidenote-label">1</span> <span class="lost-label">Link not preserved.</span></p>
        </aside>
        <p>She <span class="lost-link">said</span><sup><a class="noteref" href="#t-source-gone" id="t-source-gone-ref-1" role="doc-noteref">1</a></sup> so.</p>""")  # noqa: E501


def test_note_is_copied_with_its_letter_and_without_ids() -> None:
    text = """\
        Claim.[^why]

        [^why]: Because [this](https://example.org/b).

            Second paragraph.
        """
    assert convert(text) == textwrap.dedent("""\
        <aside aria-hidden="true" class="sidenotes">
        <div class="sidenote" data-ref="t-note-why-ref-1">
        <p><span class="sidenote-label">a</span> Because <a href="https://example.org/b" tabindex="-1">this</a><sup><a class="noteref" href="#t-source-ufa390da4" role="doc-noteref" tabindex="-1">1</a></sup>.</p>
        <p>Second paragraph.</p>
        </div>
        </aside>
        <p>Claim.<sup><a class="noteref" href="#t-note-why" id="t-note-why-ref-1" role="doc-noteref">a</a></sup></p>""")  # noqa: E501


def test_a_block_lists_each_source_once_in_order_of_first_citation() -> None:
    declared = {"a": SourceEntry(lost=True), "b": SourceEntry(lost=True)}
    html = convert("One [@b; @a] and [@b] again.", declared)
    entries = [line for line in html.splitlines() if 'class="sidenote"' in line]
    assert [entry.split('data-ref="')[1].split('"')[0] for entry in entries] == [
        "t-source-b-ref-1", "t-source-a-ref-1"]


def test_each_block_that_cites_gets_its_own_entry_and_others_none() -> None:
    html = convert("""\
        First [x](https://example.org/x).

        Nothing here.

        - Again [x](https://example.org/x).
        """)
    assert html.count('<aside aria-hidden="true" class="sidenotes">') == 2
    assert 'data-ref="t-source-u2582b178-ref-2"' in html
    assert html.index("<aside", html.index("Nothing here")) < html.index("<ul>")


def test_text_without_markers_has_no_aside() -> None:
    assert convert("Plain *words*.") == "<p>Plain <em>words</em>.</p>"


def test_margin_copies_are_left_out_of_reading_time_and_excerpt() -> None:
    body = render_markdown("Four words [cite](https://example.org/a) here.[^n]\n\n"
                           "[^n]: A note of six words here.\n", {}, "t")
    assert 'class="sidenotes"' in body.html
    assert body.word_count == 4
    assert body.excerpt == "Four words cite here."


def test_a_dead_source_leads_with_its_archived_copy_and_both_open_at_the_quote() -> None:
    declared = {"rep": SourceEntry(url="https://example.org/r", archived="https://archive.example/r",
                                   dead=True, quote="the words")}
    assert convert("As [reported][rep].", declared) == textwrap.dedent("""\
        <aside aria-hidden="true" class="sidenotes">
        <p class="sidenote" data-ref="t-source-rep-ref-1"><span class="sidenote-label">1</span> <q class="source-quote">the words</q> <a href="https://archive.example/r#:~:text=the%20words" tabindex="-1">archived copy</a>; <a href="https://example.org/r#:~:text=the%20words" tabindex="-1">example.org (gone)</a></p>
        </aside>
        <p>As <a data-originalurl="https://example.org/r" data-versionurl="https://archive.example/r" href="https://archive.example/r#:~:text=the%20words">reported</a><sup><a class="noteref" href="#t-source-rep" id="t-source-rep-ref-1" role="doc-noteref">1</a></sup>.</p>""")  # noqa: E501


def test_a_bare_link_gets_its_snapshot_from_the_archive_file() -> None:
    from footnoted.content.archive_file import ArchiveRecord

    archive = {"https://example.org/a": ArchiveRecord(snapshot="https://archive.example/a")}
    sources, notes = SourcesExtension(), NotesExtension()
    md = Markdown(extensions=[sources, notes, SidenotesExtension(sources, notes)])
    md.article = ArticleContext(slug="t", archive=archive)
    assert md.convert("Read [this](https://example.org/a).") == textwrap.dedent("""\
        <aside aria-hidden="true" class="sidenotes">
        <p class="sidenote" data-ref="t-source-ued9054c1-ref-1"><span class="sidenote-label">1</span> <a href="https://example.org/a" tabindex="-1">example.org</a>; <a href="https://archive.example/a" tabindex="-1">archived copy</a></p>
        </aside>
        <p>Read <a data-originalurl="https://example.org/a" data-versionurl="https://archive.example/a" href="https://example.org/a">this</a><sup><a class="noteref" href="#t-source-ued9054c1" id="t-source-ued9054c1-ref-1" role="doc-noteref">1</a></sup>.</p>""")  # noqa: E501
