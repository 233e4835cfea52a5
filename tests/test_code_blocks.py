"""Code blocks a keyboard can scroll: Markdown in, exact HTML out."""

from __future__ import annotations

from footnoted.markdown.convert import render_markdown


def test_a_fenced_block_is_a_named_focusable_region():
    assert render_markdown("```python\nx = 1\n```", {}, "a", "a.md", 1).html == (
        '<div class="highlight"><pre tabindex="0" role="region" aria-label="Code 1: python">'
        '<code><span class="n">x</span> <span class="o">=</span> <span class="mi">1</span>\n'
        "</code></pre></div>")


def test_a_block_without_a_language_is_named_code_in_the_articles_language():
    assert render_markdown("    plain\n", {}, "a", "a.md", 1, lang="ru").html == (
        '<div class="highlight"><pre tabindex="0" role="region" aria-label="Код 1"><code>plain\n'
        "</code></pre></div>")


def test_a_raw_html_pre_is_focusable_too():
    assert render_markdown("<pre>wide</pre>", {}, "a", "a.md", 1).html == (
        '<pre aria-label="Code 1" role="region" tabindex="0">wide</pre>')


def test_the_blocks_of_an_article_have_distinct_names_counted_anew_per_article():
    text = "```\na\n```\n\n```js\nb\n```\n"
    for _ in range(2):
        html = render_markdown(text, {}, "a", "a.md", 1).html
        assert html.count('aria-label="Code 1"') == 1 and 'aria-label="Code 2: js"' in html
