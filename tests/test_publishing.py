"""The README's object-store commands and the Pages workflow's base_url check, run for real
as far as this machine allows: no bucket and no GitHub, so the AWS commands' filters are
applied to a built site exactly as the AWS command line applies them, and the workflow's
check step runs in a shell. (The nginx set-up runs in tests/browser/test_hosting.py.)
"""

from __future__ import annotations

import fnmatch
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from footnoted.pages.assets import asset_names
from footnoted.settings import load_settings

from .conftest import REPO
from .readme import nginx_snippet, object_store_commands

TAGGED_ARTICLE = """\
---
title: A tagged article
date: 2024-05-01
authors: [Ann Editor]
section: News
tags: [one, two]
---
Text with [a source](https://example.org/a).
"""
ATOM = '<feed xmlns="http://www.w3.org/2005/Atom"'
PAGES_CHECK = "Check base_url against the Pages address"
SYNC, COPY = ["aws", "s3", "sync"], ["aws", "s3", "cp"]


@pytest.fixture
def site(make_project) -> Path:
    project = make_project({"content/tagged.md": TAGGED_ARTICLE})
    assert project.run("build") == 0
    return project.root / "site"


def selected(command: list[str], site: Path) -> set[str]:
    """The files of `site` an `aws s3 sync|cp` command uploads. As in the AWS CLI
    (awscli/customizations/s3/filters.py): every file starts included, each --exclude or
    --include pattern, joined to the source folder, is matched with fnmatch (where `*` also
    matches `/`), and the last pattern that matches decides."""
    filters = [(word, command[i + 1]) for i, word in enumerate(command)
               if word in ("--exclude", "--include")]
    chosen = set()
    for path in (p for p in site.rglob("*") if p.is_file()):
        included = True
        for kind, pattern in filters:
            if fnmatch.fnmatchcase(str(path), os.path.join(site, pattern)):
                included = kind == "--include"
        if included:
            chosen.add(path.relative_to(site).as_posix())
    return chosen


def uploads(option: str) -> list[list[str]]:
    return [command for command in object_store_commands() if option in command]


def option(command: list[str], name: str) -> str:
    return command[command.index(name) + 1]


def test_every_upload_goes_from_site_to_one_prefix():
    transfers = [c for c in object_store_commands() if c[:3] in (SYNC, COPY)]
    assert len(transfers) == 3
    assert {(c[3], c[4]) for c in transfers} == {("site/", "s3://BUCKET/reading/")}
    assert all("--recursive" in c for c in transfers if c[:3] == COPY)


def test_the_long_cache_goes_to_exactly_the_fingerprinted_files(site):
    [command] = uploads("--cache-control")
    assert option(command, "--cache-control") == "public, max-age=31536000, immutable"
    fingerprinted = set(asset_names(load_settings(site.parent)).values())
    assert len(fingerprinted) >= 5  # style, scripts, favicon, pygments
    assert selected(command, site) == fingerprinted


def test_the_atom_type_goes_to_exactly_the_feeds(site):
    [command] = uploads("--content-type")
    assert option(command, "--content-type") == "application/atom+xml"
    feeds = {path.relative_to(site).as_posix() for path in site.rglob("*.xml")
             if ATOM in path.read_text("utf-8")}
    assert {"feed.xml", "tags/one/feed.xml", "authors/ann-editor/feed.xml",
            "sections/news/feed.xml"} <= feeds
    assert selected(command, site) == feeds


def test_the_error_document_is_the_404_page_under_the_prefix(site):
    [command] = [c for c in object_store_commands() if c[:3] == ["aws", "s3", "website"]]
    prefix = "reading/"
    assert option(command, "--error-document") == prefix + "404.html"
    assert option(command, "--index-document") == "index.html"
    assert (site / "404.html").is_file() and (site / "index.html").is_file()
    assert "location /reading/ {" in nginx_snippet()  # both hosts, one prefix


def pages_check_script() -> str:
    workflow = yaml.safe_load((REPO / ".github/workflows/pages.yml").read_text("utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    [check] = [step for step in steps if step.get("name") == PAGES_CHECK]
    build = next(i for i, step in enumerate(steps) if "build.py" in step.get("run", ""))
    assert steps.index(check) < build  # checked before anything is built
    assert check["env"]["PAGES_URL"] == "${{ steps.pages.outputs.base_url }}"
    [pages] = [step for step in steps if step.get("id") == "pages"]
    assert pages["uses"].startswith("actions/configure-pages@")
    assert steps.index(pages) < steps.index(check)
    return check["run"]


def run_pages_check(tmp_path: Path, base_url: str, pages_url: str):
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.footnoted]\nbase_url = "{base_url}"\n', encoding="utf-8")
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])
    return subprocess.run(["bash", "-e", "-c", pages_check_script()], cwd=tmp_path,
                          capture_output=True, text=True,
                          env={**os.environ, "PAGES_URL": pages_url, "PATH": path})


@pytest.mark.parametrize("base_url", ["https://user.github.io/repo/", "https://user.github.io/repo"])
def test_pages_workflow_accepts_base_url_at_the_pages_address(tmp_path, base_url):
    checked = run_pages_check(tmp_path, base_url, "https://user.github.io/repo")
    assert (checked.returncode, checked.stderr) == (0, "")


def test_pages_workflow_stops_when_base_url_is_elsewhere(tmp_path):
    checked = run_pages_check(tmp_path, "https://example.org/", "https://user.github.io/repo")
    assert checked.returncode == 1
    assert checked.stderr == (
        "::error file=pyproject.toml::base_url is 'https://example.org/', but GitHub Pages "
        "serves this site at 'https://user.github.io/repo/'. Set base_url = "
        "\"https://user.github.io/repo/\" under [tool.footnoted]: the feeds, the sitemap and "
        "the 404 page's links are made from it\n")
