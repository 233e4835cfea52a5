"""The no-change build's shortcut (incremental/unchanged.py): it stops early exactly when
nothing the last build read or wrote changed, and it loads none of the build's modules."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from footnoted.incremental import unchanged
from footnoted.incremental.unchanged import unchanged_build
from footnoted.settings import load_settings

REPO = Path(__file__).resolve().parent.parent
ARTICLE = """\
---
title: Article {n}
date: 2024-05-0{n}
---
Text {n}, with a note.[^a]

[^a]: The note.
"""


def settle(root: Path) -> None:
    """Date every file of the project a minute back: files changed just before a build are
    racy (their mtime may not move on a further change), and the shortcut never trusts them."""
    past = time.time() - 60
    for path in root.rglob("*"):
        os.utime(path, (past, past), follow_symlinks=False)


@pytest.fixture
def built(make_project):
    project = make_project({f"content/article-{n}.md": ARTICLE.format(n=n) for n in (1, 2)}
                           | {"content/guides/method.md": ARTICLE.format(n=3)})
    settle(project.root)
    assert project.run("build", "-q") == 0
    return project


def stands(project, drafts: bool = False, strict: bool = False) -> bool:
    return unchanged_build(load_settings(project.root), drafts, strict) is not None


def test_a_build_with_nothing_changed_stops_early_and_reports_the_same(built, capsys):
    assert built.run("build") == 0
    assert capsys.readouterr().out.startswith("Built 3 articles (0 changed) in ")
    result = unchanged_build(load_settings(built.root), False, False)
    assert (result.articles, result.changed, result.written) == (3, 0, False)


def test_files_changed_just_before_the_build_are_not_trusted(make_project):
    project = make_project({"content/article-1.md": ARTICLE.format(n=1)})
    assert project.run("build", "-q") == 0  # the article was written a moment ago
    assert not stands(project)
    assert project.run("build", "-q") == 0  # it is old enough now
    assert stands(project)


@pytest.mark.parametrize("change", [
    "touch an article", "add an article", "delete an article", "add a file to content",
    "override a template", "edit pyproject.toml", "edit a site page", "delete a site page",
    "add a stray file to the site", "add a stray folder to the site",
    "add a stray file above the pages' folders", "delete the cache",
])
def test_any_change_to_what_the_build_reads_or_writes_runs_the_stages(built, change):
    root, site = built.root, built.root / "site"
    assert stands(built)
    if change == "touch an article":
        os.utime(root / "content" / "article-1.md")
    elif change == "add an article":
        built.write("content/article-3.md", ARTICLE.format(n=3))
    elif change == "delete an article":
        (root / "content" / "article-2.md").unlink()
    elif change == "add a file to content":
        (root / "content" / "notes.txt").write_text("not an article", "utf-8")
    elif change == "override a template":
        built.write("templates/base.html", "{% block main %}{% endblock %}")
    elif change == "edit pyproject.toml":
        with open(root / "pyproject.toml", "a", encoding="utf-8") as file:
            file.write('description = "Changed"\n')
    elif change == "edit a site page":
        (site / "article-1" / "index.html").write_text("vandalised", "utf-8")
    elif change == "delete a site page":
        (site / "article-1" / "index.html").unlink()
    elif change == "add a stray file to the site":
        (site / "article-1" / "stray.html").write_text("not ours", "utf-8")
    elif change == "add a stray folder to the site":
        (site / "stray" / "deeper").mkdir(parents=True)
    elif change == "add a stray file above the pages' folders":
        assert (site / "guides" / "method" / "index.html").exists()
        assert not [p for p in (site / "guides").iterdir() if p.is_file()]
        (site / "guides" / "stray.html").write_text("not ours", "utf-8")
    elif change == "delete the cache":
        for path in (root / ".footnoted-cache").glob("*.pickle"):
            path.unlink()
    assert not stands(built)


def test_other_options_or_a_strict_build_with_warnings_run_the_stages(built):
    assert stands(built) and stands(built, strict=True)  # no warnings: --strict passes
    assert not stands(built, drafts=True)
    built.write("content/article-1.md", ARTICLE.format(n=1).replace(
        "title:", "sources:\n  unused:\n    lost: true\ntitle:"))  # warns: never cited
    settle(built.root)
    assert built.run("build", "-q") == 0
    assert stands(built)
    assert not stands(built, strict=True)  # the stages fail it on its warnings


def test_an_article_held_back_for_its_date_is_published_when_it_comes_due(built, capsys,
                                                                          monkeypatch):
    soon = time.gmtime(time.time() + 3600)
    built.write("content/later.md", ARTICLE.format(n=3).replace(
        "2024-05-03", time.strftime("%Y-%m-%dT%H:%M:%SZ", soon)))
    settle(built.root)
    assert built.run("build", "-q") == 0
    assert stands(built)
    monkeypatch.setattr(unchanged.time, "time", lambda: time.time_ns() / 1e9 + 7200)
    assert not stands(built)


def test_a_build_that_changes_nothing_loads_no_markdown_yaml_or_jinja(built):
    code = ("import sys; from footnoted.cli import main; "
            f"assert main(['--root', {str(built.root)!r}, 'build', '-q']) == 0; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'markdown', 'pygments', 'yaml', 'jinja2', 'sqlite3'}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)}, check=True, timeout=60)
    assert done.stdout.strip() == "[]"
