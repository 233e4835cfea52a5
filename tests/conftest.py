"""Shared fixtures: tiny projects in tmp_path, built through the same entry point users run."""

from __future__ import annotations

import difflib
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from footnoted.cli import main

from .web import start_web

REPO = Path(__file__).resolve().parent.parent
# The site the golden, seed-article, incremental and browser tests build: tests own their
# fixtures, so editing the repository's content/ (the demo site) never breaks the suite.
EXAMPLE_SITE = REPO / "tests" / "fixtures" / "example-site"

MINIMAL_ARTICLE = """\
---
title: A tiny article
date: 2024-05-01
authors: [Ann Editor]
---
Text with [a source](https://example.org/a).
"""


def without_margin_copies(html: str) -> str:
    """Body HTML without its sidenote asides, for the tests of the other extensions (the
    asides have their own exact-output tests in test_sidenotes.py)."""
    kept, inside = [], False
    for line in html.split("\n"):
        if line == '<aside aria-hidden="true" class="sidenotes">':
            inside = True
        elif inside and line == "</aside>":
            inside = False
        elif not inside:
            kept.append(line)
    return "\n".join(kept)


def compare_with_golden(expected_path: Path, actual: str, request) -> None:
    """`actual` must equal the golden file; with --update-golden it becomes the golden file."""
    if request.config.getoption("--update-golden"):
        expected_path.parent.mkdir(parents=True, exist_ok=True)
        expected_path.write_text(actual, "utf-8")
        return
    expected = expected_path.read_text("utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                        "expected", "actual", n=2))
    assert actual == expected, f"{expected_path.name} differs:\n{diff}"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/ from the current output instead of comparing")
    parser.addoption("--update-screenshots", action="store_true",
                     help="write the README's screenshots to docs/screenshots/")


def copy_example_site(root: Path) -> Path:
    """A copy of tests/fixtures/example-site/ at `root` (its content and settings; the theme
    comes from the package), to build and change at will."""
    shutil.copytree(EXAMPLE_SITE, root, dirs_exist_ok=True)
    return root


class Project:
    """A throwaway footnoted project: our content, the package's theme."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def run(self, *args: str) -> int:
        return main(["--root", str(self.root), *args])

    def read(self, name: str) -> str:
        return (self.root / "site" / name).read_text("utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return new_project(tmp_path / "project")


def new_project(root: Path) -> Project:
    """A project at `root` with no content; the theme comes from the package."""
    root.mkdir(exist_ok=True)
    (root / "content").mkdir()
    (root / "pyproject.toml").write_text(
        '[tool.footnoted]\ntitle = "Test site"\nbase_url = "https://test.example/sub/"\n',
        encoding="utf-8")
    return Project(root)


@pytest.fixture
def make_project(project: Project) -> Callable[[dict[str, str]], Project]:
    """Write {name: text} files into the project and return it."""

    def make(files: dict[str, str]) -> Project:
        for name, text in files.items():
            project.write(name, text)
        return project

    return make


@pytest.fixture(scope="module")
def web():
    """The local fake web of tests/web.py (archive and live pages) on a free loopback port."""
    server = start_web()
    yield server
    server.shutdown()
    server.server_close()
