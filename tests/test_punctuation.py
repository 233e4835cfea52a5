"""The punctuation extension alone: Markdown in, exact HTML out (Python-Markdown's test style).

It must give exactly what smarty alone gives; it only spares smarty's pass the text that
holds no quote, dash or ellipsis.
"""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown import Markdown

from footnoted.markdown.punctuation import PunctuationExtension


def convert(text: str, lang: str = "en") -> str:
    return Markdown(extensions=[PunctuationExtension(lang=lang)]).convert(text)


def smarty_alone(text: str) -> str:
    md = Markdown(extensions=["smarty"])
    md.treeprocessors.register(md.treeprocessors["smarty"], "smarty", 10.7)
    return md.convert(text)


def test_quotes_dashes_and_ellipses_inside_and_around_a_link() -> None:
    assert convert(textwrap.dedent("""\
        "Go" -- [it's *here*](https://e.example/ "t")... and 'then'---done""")) == (
        "<p>&ldquo;Go&rdquo; &ndash; <a href=\"https://e.example/\" title=\"t\">it&rsquo;s "
        "<em>here</em></a>&hellip; and &lsquo;then&rsquo;&mdash;done</p>")


def test_code_keeps_straight_quotes() -> None:
    assert convert("Type `it's \"raw\"` -- as is.") == (
        "<p>Type <code>it's \"raw\"</code> &ndash; as is.</p>")


def test_text_without_marks_is_unchanged() -> None:
    assert convert("Plain [words](https://e.example/) and *more* words.") == (
        '<p>Plain <a href="https://e.example/">words</a> and <em>more</em> words.</p>')


def test_russian_gets_guillemets() -> None:
    assert convert('Так называемая "цифровая повестка".', lang="ru") == (
        "<p>Так называемая &laquo;цифровая повестка&raquo;.</p>")


markdown_text = st.text(alphabet="ab \n'\"-.`*_[]()<>&!#:\\", max_size=60)


@settings(max_examples=300, deadline=None)
@given(markdown_text)
def test_same_html_as_smarty_alone(text: str) -> None:
    assert convert(text) == smarty_alone(text)
