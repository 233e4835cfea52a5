"""What `footnoted init` and `footnoted new` write: complete, valid, never over a file."""

from __future__ import annotations

import dataclasses
import re
from datetime import date

import pytest

from footnoted.content.document import FrontMatter
from footnoted.settings import load_settings
from footnoted.skeleton import Refused, init_project, new_article

TODAY = date(2026, 12, 1)


def front_matter_keys(text: str) -> list[str]:
    """The top-level keys written in front matter, commented out or not."""
    head = text.split("\n---\n", 1)[0]
    return re.findall(r"^(?:# )?([a-z_]+):", head, re.MULTILINE)


def test_new_lists_every_front_matter_field(make_project):
    project = make_project({})
    path = new_article(load_settings(project.root), "Every field", TODAY)
    assert path == project.root / "content/every-field.md"
    keys = front_matter_keys(path.read_text("utf-8"))
    assert sorted(keys) == sorted(field.name for field in dataclasses.fields(FrontMatter))


def test_new_builds_clean_as_a_draft(make_project, capsys):
    project = make_project({})
    new_article(load_settings(project.root), "Рецепт борща: \"quoted\" # not a comment", TODAY)
    assert project.run("check", "--strict") == 0
    assert project.run("build", "--strict", "--drafts") == 0
    page = project.read("retsept-borshcha-quoted-not-a-comment/index.html")
    assert "<h1>Рецепт борща: “quoted” # not a comment</h1>" in page


def test_every_commented_field_is_valid_once_uncommented(make_project, capsys):
    """Uncommenting the skeleton gives front matter the loader accepts: what remains are the
    examples' own references (an image file, a source and an article to be written)."""
    project = make_project({})
    path = new_article(load_settings(project.root), "Full", TODAY)
    head, body = path.read_text("utf-8").split("\n---\n", 1)
    path.write_text(re.sub(r"^# ", "", head, flags=re.MULTILINE) + "\n---\n" + body, "utf-8")
    assert project.run("check") == 1
    problems = capsys.readouterr().out.splitlines()
    assert [re.sub(r":\d+:", ":N:", line).split(". ")[0] for line in problems] == [
        "content/full.md:N: error: image 'images/full.jpg' does not exist",
        "content/full.md:N: warning: source 'report' is declared but never cited",
        "content/full.md:N: error: translation_of 'other-article' names no article",
    ]


def test_new_never_replaces_an_article(make_project):
    project = make_project({"content/taken.md": "mine"})
    with pytest.raises(Refused, match="content/taken.md already exists; nothing was written"):
        new_article(load_settings(project.root), "Taken", TODAY)
    assert (project.root / "content/taken.md").read_text() == "mine"


def test_init_writes_the_title_and_base_url_given(tmp_path):
    written = init_project(tmp_path / "site", 'The "Daily" Check', "https://news.example/", TODAY)
    assert [p.relative_to(tmp_path / "site").as_posix() for p in written] == [
        "pyproject.toml", ".gitignore", "content/welcome.md",
        "templates/partials/masthead.html", "static/site.css", "static/logo.svg"]
    settings = load_settings(tmp_path / "site")
    assert (settings.title, settings.base_url) == ('The "Daily" Check', "https://news.example/")
    assert "date: 2026-12-01\n" in (tmp_path / "site/content/welcome.md").read_text()
    assert (tmp_path / "site/.gitignore").read_text().splitlines()[1:] == ["/site/",
                                                                          "/.footnoted-*"]
