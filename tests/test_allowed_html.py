"""The allow_html setting, in Python-Markdown's test style: Markdown in, exact HTML out."""

from __future__ import annotations

from textwrap import dedent

import markdown

from footnoted.markdown.allowed_html import AllowedHtmlExtension


def convert(text: str, elements: tuple[str, ...] = ("sup", "sub", "abbr")) -> str:
    return markdown.markdown(dedent(text), extensions=[AllowedHtmlExtension(elements=elements)])


def test_raw_html_is_text_by_default():
    assert convert("H<sub>2</sub>O <script>x()</script>", elements=()) == (
        "<p>H&lt;sub&gt;2&lt;/sub&gt;O &lt;script&gt;x()&lt;/script&gt;</p>")


def test_raw_html_blocks_are_text_by_default():
    assert convert("<div onclick=\"x()\">\nhi\n</div>", elements=()) == (
        '<p>&lt;div onclick="x()"&gt;\nhi\n&lt;/div&gt;</p>')


def test_an_allowed_element_is_built():
    assert convert("H<sub>2</sub>O and E = mc<sup>2</sup>") == (
        "<p>H<sub>2</sub>O and E = mc<sup>2</sup></p>")


def test_an_allowed_element_may_carry_a_title():
    assert convert('<abbr title="North Atlantic &amp; Treaty">NATO</abbr>') == (
        '<p><abbr title="North Atlantic &amp; Treaty">NATO</abbr></p>')


def test_markdown_inside_an_allowed_element_still_works():
    assert convert("<sup>*very* [x](https://a.example/)</sup>") == (
        '<p><sup><em>very</em> <a href="https://a.example/">x</a></sup></p>')


def test_other_attributes_leave_the_tag_as_text():
    assert convert('<sup onmouseover="x()">1</sup>') == (
        '<p>&lt;sup onmouseover="x()"&gt;1&lt;/sup&gt;</p>')


def test_an_unclosed_element_stays_text():
    assert convert("<sup>1 and more") == "<p>&lt;sup&gt;1 and more</p>"


def test_elements_not_allowed_stay_text():
    assert convert("<b>bold</b> <sup>1</sup>", elements=("sup",)) == (
        "<p>&lt;b&gt;bold&lt;/b&gt; <sup>1</sup></p>")


def test_inside_code_the_element_is_code():
    assert convert("`<sup>1</sup>`") == "<p><code>&lt;sup&gt;1&lt;/sup&gt;</code></p>"


def test_the_setting_reaches_the_page(make_project):
    project = make_project({"content/a.md": "---\ntitle: T\ndate: 2024-05-01\n---\n"
                                            "CO<sub>2</sub> <script>x()</script>\n"})
    with (project.root / "pyproject.toml").open("a") as settings:
        settings.write('allow_html = ["sub"]\n')
    assert project.run("build") == 0
    assert "<p>CO<sub>2</sub> &lt;script&gt;x()&lt;/script&gt;</p>" in project.read("a/index.html")


def test_an_unsafe_element_in_the_setting_is_refused(make_project, capsys):
    project = make_project({"content/a.md": "---\ntitle: T\ndate: 2024-05-01\n---\nText.\n"})
    with (project.root / "pyproject.toml").open("a") as settings:
        settings.write('allow_html = ["sup", "script"]\n')
    assert project.run("build") == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "pyproject.toml:4: error: allow_html lists 'script', which footnoted cannot publish "
        "safely. Allow only elements from: abbr, b, bdi, cite, del, dfn, em, i, ins, kbd, mark, "
        "q, s, samp, small, span, strong, sub, sup, u, var")
    assert not (project.root / "site").exists()
