"""List items indented as CommonMark writes them (two or three spaces): Markdown in, exact
HTML out."""

from __future__ import annotations

from footnoted.markdown.convert import render_markdown
from footnoted.markdown.list_indent import reindented

FENCE = "`" * 3
CODE = ('<div class="highlight"><pre tabindex="0" role="region" aria-label="Code 1: ts"><code>'
        '<span class="nx">x</span>\n</code></pre></div>\n')


def convert(text: str) -> str:
    body = render_markdown(text.replace("'''", FENCE), {}, "a", "a.md", 1)
    assert body.problems == []
    return body.html


def test_a_fence_two_spaces_in_after_a_blank_line_stays_in_its_item():
    assert convert("- **Props**\n\n  '''ts\n  x\n  '''\n\n- **Details**\n") == (
        "<ul>\n<li>\n<p><strong>Props</strong></p>\n" + CODE + "\n</li>\n<li>\n"
        "<p><strong>Details</strong></p>\n</li>\n</ul>")


def test_a_fence_three_spaces_in_keeps_the_numbering():
    assert convert("1. Install:\n\n   '''ts\n   x\n   '''\n\n2. Run\n") == (
        "<ol>\n<li>\n<p>Install:</p>\n" + CODE + "\n</li>\n<li>\n<p>Run</p>\n</li>\n</ol>")


def test_a_list_nested_two_spaces_in_is_nested():
    assert convert("- a\n  - b\n  - c\n- d\n") == (
        "<ul>\n<li>a<ul>\n<li>b</li>\n<li>c</li>\n</ul>\n</li>\n<li>d</li>\n</ul>")


def test_a_paragraph_of_an_item_then_the_next_item():
    assert convert("- a\n\n  more\n  lines\n- b\n\nOut.\n") == (
        "<ul>\n<li>\n<p>a</p>\n<p>more\nlines</p>\n</li>\n<li>\n<p>b</p>\n</li>\n</ul>\n"
        "<p>Out.</p>")


def test_code_indented_past_the_items_text_stays_code():
    assert convert("- a\n\n      code\n") == (
        '<ul>\n<li>a<div class="highlight"><pre tabindex="0" role="region" '
        'aria-label="Code 1"><code>code\n</code></pre></div>\n\n</li>\n</ul>')


def test_lines_outside_lists_and_python_markdowns_own_indentation_are_untouched():
    text = ["Text", "", "    code", "", "* * *", "", "  x", "-   a", "", "    para", "  lazy"]
    assert reindented(text) == text
