"""The headings extension alone: ids as GitHub and Hugo make them, the table of contents as
data, and in-page links with no target. Markdown in, exact HTML out."""

from __future__ import annotations

import re
from textwrap import dedent

from footnoted.markdown.convert import render_markdown
from footnoted.markdown.heading_ids import github_id, other_ids, transliteration_js_id, zola_id
from footnoted.markdown.headings import TocEntry, heading_id

from .conftest import without_margin_copies


def render(text: str):
    return render_markdown(dedent(text), {}, "a", "content/a.md", first_line=5)


def html(text: str) -> str:
    return without_margin_copies(render(text).html)


def test_ascii_heading_id_is_lower_case_with_hyphens_and_no_punctuation():
    assert html("## How to opt out, and why!") == (
        '<h2 id="how-to-opt-out-and-why">How to opt out, and why!</h2>')


def test_cyrillic_heading_id_is_transliterated_like_page_slugs():
    assert html("## Статические константы") == (
        '<h2 id="staticheskie-konstanty"><span id="статические-константы"></span>'
        'Статические константы</h2>')


def test_github_rules_for_symbols_underscores_and_other_scripts():
    assert heading_id("What's new in 1.2?") == "whats-new-in-12"
    assert heading_id("snake_case & more") == "snake_case--more"
    assert heading_id("Café 東京") == "café-東京"
    assert heading_id("???") == "section"


def test_repeated_headings_get_suffixes_as_on_github():
    assert html("# Notes\n\n## Notes\n\n### Notes\n\n## Notes-1") == (
        '<h1 id="notes">Notes</h1>\n<h2 id="notes-1">Notes</h2>\n<h3 id="notes-2">Notes</h3>\n'
        '<h2 id="notes-1-1">Notes-1</h2>')


def test_markers_in_a_heading_stay_out_of_its_id_and_contents_text():
    body = render("""\
        ## Background[^why] and [law](https://law.example/)

        [^why]: Because.
        """)
    assert without_margin_copies(body.html) == (
        '<h2 id="background-and-law">Background<sup><a class="noteref" href="#a-note-why" '
        'id="a-note-why-ref-1" role="doc-noteref">a</a></sup> and '
        '<a href="https://law.example/">law</a><sup><a class="noteref" href="#a-source-u6b7d658c" '
        'id="a-source-u6b7d658c-ref-1" role="doc-noteref">1</a></sup></h2>')
    assert body.toc == (TocEntry(2, "background-and-law", "Background and law"),)


def test_a_heading_never_takes_an_id_of_the_page_or_of_a_note():
    body = render("""\
        ## Main

        ## A note why[^why]

        ## A sources

        [^why]: Because.
        """)
    assert [entry.anchor for entry in body.toc] == ["main-1", "a-note-why-1", "a-sources-1"]


def test_explicit_id_as_in_pandoc_and_hugo():
    assert html("## Setting up {#install}") == '<h2 id="install">Setting up</h2>'


def test_table_of_contents_nests_subheadings_and_keeps_typography():
    body = render("""\
        ## One

        ### "Quoted" part

        ## Two
        """)
    assert body.toc == (
        TocEntry(2, "one", "One", (TocEntry(3, "quoted-part", "“Quoted” part"),)),
        TocEntry(2, "two", "Two"))


def test_in_page_links_to_headings_notes_and_the_page_resolve_quietly():
    body = render("""\
        ## Part one

        See [above](#part-one), [the sources](#a-sources), [top](#main) and [Ч](#chast).[^n]

        ## Часть

        [^n]: Note, linking [back](#part-one).
        """)
    assert body.problems == []
    assert {"part-one", "chast", "a-note-n", "a-sources", "main"} <= body.anchors


def test_in_page_link_without_a_target_is_a_warning_with_its_line():
    body = render("""\
        ## Part one

        See [below](#part-two).
        """)
    assert [str(p) for p in body.problems] == [
        "content/a.md:7: warning: link '#part-two' points to no heading or anchor on this page. "
        "Correct the link to one of the page's heading ids (docs/format.md: Headings), or "
        "remove it"]
    assert '<a href="#part-two">below</a>' in body.html  # left as written


def test_a_russian_heading_also_answers_to_the_other_common_transliteration():
    body = render("## Спецификация\n\nSee [the spec](#specifikaciya).")
    assert body.html == (
        '<h2 id="spetsifikatsiya"><span id="specifikaciya"></span>'
        '<span id="спецификация"></span>Спецификация</h2>\n'
        '<p>See <a href="#specifikaciya">the spec</a>.</p>')
    assert body.problems == []
    assert body.toc == (TocEntry(2, "spetsifikatsiya", "Спецификация"),)


def test_the_second_id_never_takes_another_headings_own():
    assert html("## Ц\n\n## C") == '<h2 id="ts"><span id="ц"></span>Ц</h2>\n<h2 id="c">C</h2>'


def test_a_heading_also_answers_to_zolas_id():
    body = render("## What's next?\n\nSee [what's next](#what-s-next).")
    assert body.html == (
        '<h2 id="whats-next"><span id="what-s-next"></span>What&rsquo;s next?</h2>\n'
        '<p>See <a href="#what-s-next">what&rsquo;s next</a>.</p>')
    assert body.problems == []


def test_each_link_without_a_target_is_reported_on_its_own_line():
    body = render("See [a](#gone).\n\nAnd [b](#gone).\n")
    assert [p.line for p in body.problems] == [5, 7]


def test_a_heading_also_answers_to_githubs_id_which_keeps_every_script():
    body = render("## С чего начать\n\nSee [it](#с-чего-начать) and [it](#%D1%81-%D1%87%D0%B5"
                  "%D0%B3%D0%BE-%D0%BD%D0%B0%D1%87%D0%B0%D1%82%D1%8C).")
    assert body.html == (
        '<h2 id="s-chego-nachat"><span id="с-чего-начать"></span>С чего начать</h2>\n'
        '<p>See <a href="#с-чего-начать">it</a> and <a href="#%D1%81-%D1%87%D0%B5%D0%B3%D0%BE-'
        '%D0%BD%D0%B0%D1%87%D0%B0%D1%82%D1%8C">it</a>.</p>')
    assert body.problems == []


def test_a_heading_also_answers_to_doka_guides_id_which_keeps_dots():
    body = render("## Классы `.sr-only`, ещё\n\nSee [it](#klassy-.sr-only-eshchyo).")
    assert body.html == (
        '<h2 id="klassy-sr-only-eshche"><span id="klassy-.sr-only-eshchyo"></span>'
        '<span id="классы-sr-only-ещё"></span>Классы <code>.sr-only</code>, ещё</h2>\n'
        '<p>See <a href="#klassy-.sr-only-eshchyo">it</a>.</p>')
    assert body.problems == []


def test_a_heading_also_answers_to_zolas_id_with_emoji_by_name_and_githubs_with_the_selector():
    body = render("### Debugging (🦀, 👩‍💻, 🛠️)\n\n"
                  "See [Zola's](#debugging-crab-woman-computer-tools) and "
                  "[GitHub's](#debugging---%EF%B8%8F).")
    assert body.html == (
        '<h3 id="debugging---"><span id="debugging"></span>'
        '<span id="debugging-crab-woman-computer-tools"></span>'
        '<span id="debugging---\ufe0f"></span>Debugging (🦀, 👩‍💻, 🛠️)</h3>\n'
        '<p>See <a href="#debugging-crab-woman-computer-tools">Zola&rsquo;s</a> and '
        '<a href="#debugging---%EF%B8%8F">GitHub&rsquo;s</a>.</p>')
    assert body.problems == []


def test_other_generators_ids_of_one_heading():
    assert other_ids("Что ещё за ECMAScript?", "chto-eshche-za-ecmascript") == [
        "что-ещё-за-ecmascript", "chto-eshchyo-za-ecmascript"]
    assert transliteration_js_id("`classList.toggle()`") == "classlist.toggle"
    assert transliteration_js_id("Последующие: `.a ~ .b`") == "posleduyushchie-.a-~-.b"
    assert zola_id("What’s next?") == "what-s-next"
    assert github_id("Шаблон") == "шаблон"


def test_raw_html_ids_and_names_are_link_targets():
    body = render("""\
        See [the tool](#tool), [setup](#setup) and [the box](#box).

        - <a name="tool"></a> The tool.

        <h2 id="setup">Setup</h2>

        <aside id="box">A box.</aside>
        """)
    assert body.html == (
        '<p>See <a href="#tool">the tool</a>, <a href="#setup">setup</a> and '
        '<a href="#box">the box</a>.</p>\n'
        '<ul>\n<li><span id="tool"></span> The tool.</li>\n</ul>\n'
        '<h2 id="setup">Setup</h2>\n<aside id="box">A box.</aside>')
    assert body.problems == []
    assert body.toc == (TocEntry(2, "setup", "Setup"),)
    assert {"tool", "setup", "box"} <= body.heading_ids  # other articles may link to them


def test_a_raw_html_id_the_page_uses_or_one_given_twice_is_removed_with_a_warning():
    body = render("""\
        <div id="main">One.</div>

        <span id="a-sources">Two.</span> <span id="x">Three.</span>

        <span id="x">Four.</span>
        """)
    assert body.html == (
        '<div>One.</div>\n<p><span>Two.</span> <span id="x">Three.</span></p>\n'
        '<p><span>Four.</span></p>')
    assert [str(p) for p in body.problems] == [
        "content/a.md:5: warning: id 'main' is one the page gives itself (its notes, sources "
        "and lists), so it was removed. Choose another id, and change the links to it",
        "content/a.md:7: warning: id 'a-sources' is one the page gives itself (its notes, "
        "sources and lists), so it was removed. Choose another id, and change the links to it",
        "content/a.md:9: warning: id 'x' is given twice in the article's HTML; the second was "
        "removed. Give each element its own id"]


def test_a_link_whose_id_differs_only_in_case_is_still_a_true_miss():
    """Browsers match ids case-sensitively: HackMD's `#Theme-Flatten` reaches no `theme-...`."""
    body = render("See [the theme](#Theme-Flatten).\n\n## Theme: Flatten\n")
    assert [str(p) for p in body.problems] == [
        "content/a.md:5: warning: link '#Theme-Flatten' points to no heading or anchor on this "
        "page. Write '#theme-flatten': ids are matched exactly, in case too"]


def test_no_id_repeats_however_the_styles_and_the_authors_ids_meet():
    body = render("""\
        ## Ц

        ## C

        ## ц

        ## Notes[^n]

        <a name="ц"></a> <span id="notes">x</span>

        [^n]: N.
        """)
    ids = re.findall(r' id="([^"]*)"', body.html)
    assert len(ids) == len(set(ids)), ids
    assert {"ц", "notes", "ts", "c", "ts-1", "notes-1", "a-note-n-ref-1"} <= set(ids)
