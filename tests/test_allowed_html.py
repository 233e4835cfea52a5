"""The allow_html setting: which raw HTML elements articles may use (allowed_html.py)."""

from __future__ import annotations

from footnoted.markdown.allowed_html import (
    DEFAULT_ELEMENTS,
    SAFE_ELEMENTS,
    allow_html_problems,
    allowed_elements,
)


def test_the_default_is_githubs_list_with_aside():
    assert allowed_elements(("default",)) == frozenset(DEFAULT_ELEMENTS)
    assert {"aside", "details", "summary", "figure", "kbd", "table"} <= set(DEFAULT_ELEMENTS)
    assert not {"script", "style", "iframe", "form", "svg"} & set(SAFE_ELEMENTS)


def test_names_replace_the_default_and_minus_removes():
    assert allowed_elements(("sup", "sub", "abbr")) == {"sup", "sub", "abbr"}
    assert allowed_elements(("default", "-img", "u")) == (
        frozenset(DEFAULT_ELEMENTS) - {"img"} | {"u"})
    assert allowed_elements(()) == frozenset()


def test_the_setting_reaches_the_page(make_project):
    project = make_project({"content/a.md": "---\ntitle: T\ndate: 2024-05-01\n---\n"
                                            "CO<sub>2</sub> <b>b</b> <script>x()</script>\n"})
    with (project.root / "pyproject.toml").open("a") as settings:
        settings.write('allow_html = ["sub"]\n')
    assert project.run("build") == 0
    assert "<p>CO<sub>2</sub> b </p>" in project.read("a/index.html")


def test_by_default_raw_html_is_sanitised_not_printed(make_project):
    project = make_project({"content/a.md": "---\ntitle: T\ndate: 2024-05-01\n---\n"
                                            "Press <kbd>Ctrl</kbd> <script>x()</script>\n"})
    assert project.run("build") == 0
    assert "<p>Press <kbd>Ctrl</kbd> </p>" in project.read("a/index.html")


def test_an_unsafe_element_in_the_setting_is_refused(make_project, capsys):
    project = make_project({"content/a.md": "---\ntitle: T\ndate: 2024-05-01\n---\nText.\n"})
    with (project.root / "pyproject.toml").open("a") as settings:
        settings.write('allow_html = ["sup", "script"]\n')
    assert project.run("build") == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "pyproject.toml:4: error: allow_html lists 'script', which footnoted cannot publish "
        f"safely. Allow only 'default', elements from: {', '.join(SAFE_ELEMENTS)}, or '-name' "
        "to remove one")
    assert not (project.root / "site").exists()


def test_an_embed_in_the_setting_says_what_happens_to_it():
    assert [p.message + ". " + p.fix for p in allow_html_problems(("default", "iframe"))] == [
        "allow_html lists 'iframe', which would load content from elsewhere. Leave it out: "
        "every iframe becomes a link to its address"]
