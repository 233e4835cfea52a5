"""Link patterns find a link's closing bracket among the brackets alone (markdown/brackets.py):
the same answer as Python-Markdown's walk over every character, on any text."""

from __future__ import annotations

import markdown
from hypothesis import given
from hypothesis import strategies as st
from markdown.inlinepatterns import LinkInlineProcessor

from footnoted.markdown.brackets import QuickBracketsExtension, bracket_ends, closing_bracket
from footnoted.markdown.convert import Converter

TEXTS = st.text(alphabet="[]a(\\", max_size=60)


@given(TEXTS)
def test_the_end_after_each_opening_bracket_is_python_markdowns(text):
    expected = LinkInlineProcessor._findBracketEnds(text)
    found = bracket_ends(text)
    assert sorted(found) == [i + 1 for i, c in enumerate(text) if c == "["]
    assert {index: expected[index] for index in found} == found


@given(TEXTS, st.integers(min_value=0, max_value=60))
def test_the_end_from_any_index_is_python_markdowns(text, index):
    index = min(index, len(text))
    assert closing_bracket(text, index) == LinkInlineProcessor._findBracketEnds(text)[index]


def test_every_link_pattern_of_the_converter_uses_the_quick_brackets():
    md = Converter("en", ()).md
    for name in ("reference", "link", "image_link", "image_reference", "short_reference",
                 "short_image_ref"):
        pattern = md.inlinePatterns[name]
        assert type(pattern).getText is not LinkInlineProcessor.getText, name


def test_links_of_every_kind_render_as_python_markdown_renders_them():
    text = ("[a](https://a.example/) [b [nested]](https://b.example/) ![i](x.png) "
            "[ref][r] [r] ![img][r] ![r] [unclosed [also](https://c.example/)\n\n"
            "[r]: https://r.example/\n")
    plain = markdown.Markdown().convert(text)
    quick = markdown.Markdown(extensions=[QuickBracketsExtension()]).convert(text)
    assert quick == plain
