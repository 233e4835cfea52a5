"""Big and deep input: a message with the line, or a rendering; never a RecursionError."""

from __future__ import annotations

from textwrap import dedent

import markdown
import pytest

from footnoted.markdown import convert
from footnoted.markdown.nesting import MAX_DEPTH, block_depth, inline_depth, may_be_deep

HEAD = "---\ntitle: T\ndate: 2024-05-01\n---\n"  # the body starts on line 5


def nested_list(levels: int) -> str:
    return "".join("    " * level + f"- level {level + 1}\n" for level in range(levels))


def test_depth_counts_quotes_list_markers_and_indentation():
    assert [block_depth(line) for line in ["text", "> quote", ">> > deeper", "- item",
                                           "        - third level", "> - > 1. x", "- - -"]] \
        == [0, 1, 3, 1, 3, 4, 2]


def test_depth_counts_brackets_and_emphasis_that_open_inside_each_other():
    assert inline_depth("plain *a* and [b](c) and **d**") == 1
    assert inline_depth("*a [b *c [d](e) c* b](f) a*") == 4
    assert inline_depth("2 * 3 * 4 and snake_case_name") == 0


def test_the_deepest_nesting_allowed_renders():
    body = convert.render_markdown(nested_list(MAX_DEPTH), {}, "a")
    assert body.problems == []
    assert body.html.count("<ul>") == MAX_DEPTH


@pytest.mark.parametrize("body, line, depth", [
    (nested_list(1000), 5 + MAX_DEPTH, MAX_DEPTH + 1),
    ("Intro.\n\n" + "".join(">" * level + " x\n" for level in range(1, 3000)), 7 + MAX_DEPTH,
     MAX_DEPTH + 1),
    ("> " * 5000 + "x\n", 5, 5000),
    ("- " * 5000 + "x\n", 5, 5000),
    ("1. " * 5000 + "x\n", 5, 5000),
    ("*a " * 3000 + "x" + " b*" * 3000 + "\n", 5, 3000),
    ("[" * 5000 + "x" + "](https://a.example/)" * 5000 + "\n", 5, 5000),
    ("Text.[^n]\n\n[^n]: " + "[" * 3000 + "x" + "]" * 3000 + "\n", 7, 3000),
], ids=["list", "quotes by line", "quotes in a line", "list markers", "numbered markers",
        "emphasis", "brackets", "brackets in a note"])
def test_thousands_of_levels_give_an_error_with_the_line(make_project, capsys, body, line, depth):
    project = make_project({"content/a.md": HEAD + body})
    assert project.run("build") == 1
    assert capsys.readouterr().err.splitlines() == [
        f"content/a.md:{line}: error: the text is nested {depth} levels deep here; footnoted "
        f"reads at most {MAX_DEPTH}. Flatten the quotes, lists, brackets or emphasis",
        "Build failed: 1 error, 0 warnings. Nothing was written.",
    ]


def test_fenced_code_is_not_measured():
    code = "```\n" + "".join(" " * 4 * level + "{\n" for level in range(200)) + "```\n"
    assert convert.render_markdown(code, {}, "a").problems == []


def test_a_recursion_the_limit_misses_is_reported_not_raised(monkeypatch):
    def too_deep(self, text):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(markdown.Markdown, "convert", too_deep)
    body = convert.render_markdown("Text.\n", {}, "a", "content/a.md", 5)
    assert body.html == ""
    assert [str(problem) for problem in body.problems] == [
        "content/a.md:5: error: the text is nested too deeply to read. Flatten deeply nested "
        "quotes, lists, brackets or emphasis"]


def test_a_big_flat_article_builds(make_project):
    paragraph = dedent("""\
        A paragraph with [a link](https://example.org/{i}), *emphasis* and a note.[^n{i}]

        [^n{i}]: The note, citing [another page](https://example.net/{i}).

        """)
    body = "".join(paragraph.format(i=i) for i in range(2000))
    project = make_project({"content/a.md": HEAD + body})
    assert project.run("build") == 0
    page = project.read("a/index.html")
    assert all(f'<li id="a-note-n{i}">' in page for i in range(2000))
    assert page.count('<li id="a-source-') == 2 * 2000  # links in the text and in notes


def test_a_line_that_may_be_deep_is_every_line_that_is():
    lines = ["text", "> " * 41 + "x", "    " * 41 + "- x", "[" * 41, "*a " * 41, "_" * 41,
             "[" * 40 + "]", "> " * 20 + "text", "plain *a* and [b](c) and **d**",
             "*a [b *c [d](e) c* b](f) a*" * 10, "1. " * 41 + "x", ">" * 40]
    for line in lines:
        deep = max(block_depth(line), inline_depth(line)) > MAX_DEPTH
        assert may_be_deep(line) or not deep, line
    assert not may_be_deep("> " * 20 + "text with [a link](x) and *emphasis*")
