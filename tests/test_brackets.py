"""Link patterns find a link's closing bracket by reading forward from its `[` to its own `]`
(markdown/brackets.py): the same answer as Python-Markdown's table of every bracket, on any
text, at a cost that follows the link's length, not the paragraph's."""

from __future__ import annotations

import markdown
from hypothesis import given
from hypothesis import strategies as st
from markdown.inlinepatterns import LINK_RE, LinkInlineProcessor

from footnoted.markdown.brackets import LinearBracketsExtension, LinearLink
from footnoted.markdown.convert import Converter

TEXTS = st.text(alphabet="[]a(\\", max_size=60)


@given(TEXTS, st.integers(min_value=0, max_value=60))
def test_the_text_from_any_index_is_python_markdowns(text, index):
    index = min(index, len(text))
    md = markdown.Markdown()
    assert LinearLink(LINK_RE, md).getText(text, index) == \
        LinkInlineProcessor(LINK_RE, md).getText(text, index)


def test_every_link_pattern_of_the_converter_reads_forward():
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
    linear = markdown.Markdown(extensions=[LinearBracketsExtension()]).convert(text)
    assert linear == plain
