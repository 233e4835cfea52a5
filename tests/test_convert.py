"""One converter serves every article of a language: nothing of one article reaches the next."""

from __future__ import annotations

from textwrap import dedent

import markdown

from footnoted.content.document import SourceEntry
from footnoted.markdown import convert
from footnoted.markdown.convert import Converter, render_markdown

FIRST = dedent("""\
    A [link](https://one.example/), a [reference][r], a [declared one][rep] and [@rep].[^n]
    The State Duma met. ![A picture](images/a.jpg)

    [^n]: A note with [its own link](https://two.example/).
    [r]: https://three.example/
    *[State Duma]: Russia's lower house.
    """)
SECOND = dedent("""\
    The State Duma met again.[^n] A [reference][r] and [@rep].

    [^m]: Another note, never used.
    """)
DECLARED = {"rep": SourceEntry(url="https://example.org/report", title="The report")}


def test_an_article_renders_the_same_after_another_as_alone() -> None:
    shared = convert.Converters()  # as the build does: one converter for every article
    render_markdown(FIRST, DECLARED, "first", "content/first.md", 5, converters=shared)
    after = render_markdown(SECOND, {}, "second", "content/second.md", 7, converters=shared)
    assert len(shared.idle) == 1  # the second article was converted by the first's converter
    alone = Converter("en", ()).render(SECOND, {}, "second", "content/second.md", 7)
    assert after == alone


def test_the_previous_articles_notes_sources_and_glossary_are_gone() -> None:
    shared = convert.Converters()
    render_markdown(FIRST, DECLARED, "first", "content/first.md", 5, converters=shared)
    body = render_markdown(SECOND, {}, "second", "content/second.md", 7, converters=shared)
    assert body.html == (
        "<p>The State Duma met again.<span>[^n]</span> A [reference][r] and "
        '<sup class="citation"><span>@rep</span></sup>.</p>')
    assert [str(problem) for problem in body.problems] == [
        "content/second.md:7: error: unknown citation key '@rep'. Declare it under 'sources:' "
        "in the front matter or in content/sources.yaml, or correct the spelling",
        "content/second.md:7: error: note [^n] is referenced but never defined. Add a line "
        "'[^n]: the note's text' below the paragraph",
        "content/second.md:9: warning: note [^m] is defined but never referenced. Refer to "
        "it with [^m] in the text, or delete it",
    ]
    assert (body.sources, body.glossary, body.images) == ([], [], [])
    assert [note.label for note in body.notes] == ["m"]  # its own unused note, not the first's


def test_a_converter_that_failed_is_not_used_again(monkeypatch) -> None:
    converters = convert.Converters()
    render_markdown("Text.", {}, "a", converters=converters)
    used = converters.idle[("en", ("default",))]

    def too_deep(self, text):
        raise RecursionError("maximum recursion depth exceeded")

    with monkeypatch.context() as patch:
        patch.setattr(markdown.Markdown, "convert", too_deep)
        assert render_markdown("Text.", {}, "a", converters=converters).html == ""
    assert render_markdown("Text.", {}, "a", converters=converters).html == "<p>Text.</p>"
    assert converters.idle[("en", ("default",))] is not used
