"""Fenced code as other generators write it: Markdown in, exact HTML out."""

from __future__ import annotations

from textwrap import dedent

from footnoted.markdown.convert import render_markdown

FENCE = "`" * 3


def convert(text: str) -> str:
    body = render_markdown(dedent(text).replace("'''", FENCE), {}, "a", "a.md", 1)
    assert body.problems == []
    return body.html


def block(label: str, code: str) -> str:
    return (f'<div class="highlight"><pre tabindex="0" role="region" aria-label="{label}">'
            f"<code>{code}\n</code></pre></div>")


JS = ('<span class="kd">let</span><span class="w"> </span><span class="nx">x</span>'
      '<span class="p">;</span>')
R = ('<span class="n">x</span><span class="w"> </span><span class="o">&lt;-</span>'
     '<span class="w"> </span><span class="m">1</span>')

PIP = 'pip<span class="w"> </span>install<span class="w"> </span>x'


def test_words_after_the_language_are_ignored_and_the_prose_after_stays_prose():
    assert convert("""\
        '''js run
        let x;
        '''

        After "this".
        """) == block("Code 1: js", JS) + "\n\n<p>After &ldquo;this&rdquo;.</p>"


def test_markup_inside_a_fence_with_options_is_code_never_raw_html():
    assert convert("""\
        '''html height=30 run
        <img id="img" href="test">
        '''
        """) == block("Code 1: html", '<span class="p">&lt;</span><span class="nt">img</span> '
                      '<span class="na">id</span><span class="o">=</span><span class="s">"img"'
                      '</span> <span class="na">href</span><span class="o">=</span>'
                      '<span class="s">"test"</span><span class="p">&gt;</span>')


def test_hugo_attributes_after_the_language():
    assert convert("'''r {hl_lines=[1]}\nx <- 1\n'''\n") == block("Code 1: r", R)


def test_r_markdown_chunk_options_keep_the_language():
    assert convert("'''{r echo=FALSE}\nx <- 1\n'''\n") == block("Code 1: r", R)


def test_a_four_backtick_fence_with_attributes_holds_three_backticks():
    assert convert("""\
        ````text title="a.md"
        '''
        inner
        '''
        ````
        """) == block("Code 1", "```\ninner\n```")


def test_hl_lines_still_marks_lines():
    assert convert("'''text hl_lines=\"2\"\na\nb\n'''\n") == block(
        "Code 1", 'a\n<span class="hll">b\n</span>').replace("</span>\n</code>", "</span></code>")


def test_a_fence_inside_an_ordered_list_item_stays_in_the_item():
    assert convert("""\
        1. Install:

            '''bash
            pip install x
            '''

        2. Run it
        """) == (
        "<ol>\n<li>\n<p>Install:</p>\n"
        + block("Code 1: bash", PIP) + "\n\n</li>\n<li>\n<p>Run it</p>\n</li>\n</ol>")


def test_a_json_fence_in_a_list_item_is_code_not_a_list():
    assert convert("""\
        - Send:
          '''json
          {"a": [1]}
          '''
        - next
        """) == (
        "<ul>\n<li>Send:\n  " + block("Code 1: json", '<span class="p">{</span>'
                                     '<span class="nt">"a"</span><span class="p">:</span>'
                                     '<span class="w"> </span><span class="p">[</span>'
                                     '<span class="mi">1</span><span class="p">]}</span>')
        + "\n</li>\n<li>next</li>\n</ul>")


def test_a_fence_inside_a_quote():
    assert convert("> '''\n> a\n> '''\n") == (
        "<blockquote>\n" + block("Code 1", "a") + "\n\n</blockquote>")


def test_a_regex_in_code_is_never_a_note():
    assert convert("'''\n[^\\d]+\n'''\n") == block("Code 1", "[^\\d]+")


def test_backticks_closed_on_their_own_line_are_inline_code_not_a_fence():
    assert convert("'''x''' stays inline\n\nNext.\n") == (
        "<p><code>x</code> stays inline</p>\n<p>Next.</p>")


def test_an_ordered_list_right_after_a_bullet_list_is_a_list_of_its_own():
    assert convert("- a\n- b\n\n1. one\n2. two\n") == (
        "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<ol>\n<li>one</li>\n<li>two</li>\n</ol>")


def test_a_fence_right_after_a_line_of_text_ends_that_paragraph():
    assert convert("Here is the YAML:\n'''\na\n'''\nAfter.\n") == (
        "<p>Here is the YAML:</p>\n" + block("Code 1", "a") + "\n\n<p>After.</p>")


def test_a_fence_right_after_a_line_of_text_inside_a_quote():
    assert convert("> **Show IP**\n> '''\n> a\n> '''\n> **Next**\n") == (
        "<blockquote>\n<p><strong>Show IP</strong></p>\n" + block("Code 1", "a")
        + "\n\n<p><strong>Next</strong></p>\n</blockquote>")


def test_a_closing_fence_longer_than_the_opening_one_closes_it():
    assert convert("'''\na\n````\nAfter.\n") == block("Code 1", "a") + "\n\n<p>After.</p>"


def test_a_shorter_line_of_backticks_inside_stays_code():
    assert convert("````\n'''\n````\n") == block("Code 1", "```")


def test_a_fence_in_a_quote_ends_where_the_quote_ends():
    assert convert("> **IP**\n> '''\n> a\n>\n\n## Next\n") == (
        "<blockquote>\n<p><strong>IP</strong></p>\n" + block("Code 1", "a")
        + "\n\n</blockquote>\n<h2 id=\"next\">Next</h2>")


def test_a_quote_written_inside_code_is_left_alone():
    assert convert("````text\n> '''js\n> x\n````\n") == block(
        "Code 1", "&gt; ```js\n&gt; x")


def test_a_fence_never_closed_holds_the_rest_of_the_document():
    assert convert("Intro.\n\n'''\nx := 1\n\ny := 2\n\n") == (
        "<p>Intro.</p>\n" + block("Code 1", "x := 1\n\ny := 2"))


def test_a_fence_shown_in_indented_code_is_not_closed_at_the_end():
    assert convert("Code:\n\n    '''\n    x\n\nLast words.\n") == (
        "<p>Code:</p>\n" + block("Code 1", "```\nx") + "\n\n<p>Last words.</p>")


def test_a_closed_fence_gets_no_second_closing_line():
    assert convert("'''\na\n'''\n\nAfter.\n") == block("Code 1", "a") + "\n\n<p>After.</p>"
