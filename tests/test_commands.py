"""Each command as a user types it, in a new process (`python -m footnoted ...` with this
checkout first on the path): from the project's folder, from a folder inside it, and from an
unrelated folder with --root."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import pytest

from .conftest import REPO
from .waiting import Lines

TIMEOUT = 120  # seconds; only reached on failure


def footnoted(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "footnoted", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=TIMEOUT)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A project made by `footnoted init`, with its base_url set."""
    done = footnoted("init", "mysite", "--base-url", "https://news.example/", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return tmp_path / "mysite"


def places(site: Path) -> dict[str, tuple[Path, list[str]]]:
    """Where a command is run from -> (that folder, the options it needs)."""
    elsewhere = site.parent / "elsewhere"
    elsewhere.mkdir(exist_ok=True)
    return {"project": (site, []), "subfolder": (site / "content", []),
            "elsewhere": (elsewhere, ["--root", str(site)])}


WHERE = ["project", "subfolder", "elsewhere"]


def test_init_writes_a_project_that_builds_clean_under_strict(tmp_path):
    done = footnoted("init", "mysite", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"Started a footnoted site in {tmp_path / 'mysite'}: pyproject.toml, .gitignore, "
        "content/welcome.md, templates/partials/masthead.html, static/site.css, static/logo.svg",
        f"Next: cd {tmp_path / 'mysite'} && python -m footnoted serve, then open the address it "
        "prints; write articles in content/ (python -m footnoted new \"Headline\" starts one).",
    ]
    root = tmp_path / "mysite"
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) == [
        ".gitignore", "content", "content/welcome.md", "pyproject.toml", "static",
        "static/logo.svg", "static/site.css", "templates", "templates/partials",
        "templates/partials/masthead.html"]
    assert 'title = "Mysite"' in (root / "pyproject.toml").read_text()
    # Without a base_url the one warning is that; with it, nothing.
    built = footnoted("build", "--strict", cwd=root)
    assert built.returncode == 1
    assert "pyproject.toml:5: warning: base_url is not set" in built.stderr
    text = (root / "pyproject.toml").read_text()
    (root / "pyproject.toml").write_text(text.replace('# base_url = "https://news.example/"',
                                                      'base_url = "https://news.example/"'))
    built = footnoted("build", "--strict", cwd=root)
    assert built.returncode == 0, built.stderr
    assert built.stderr == ""
    assert "<h1>Your first article</h1>" in (root / "site/welcome/index.html").read_text()


def test_init_in_this_folder_and_into_an_existing_project(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    done = footnoted("init", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Next: python -m footnoted serve" in done.stdout  # already in the folder
    again = footnoted("init", cwd=tmp_path)
    assert again.returncode == 1
    assert again.stderr == f"error: {tmp_path} already is a footnoted project\n"
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_init_never_replaces_a_file(tmp_path):
    (tmp_path / "blog").mkdir()
    (tmp_path / "blog/pyproject.toml").write_text("[project]\nname = 'blog'\n")
    done = footnoted("init", "blog", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr == (
        f"error: {tmp_path / 'blog'} already has pyproject.toml; nothing was written. Add a "
        "[tool.footnoted] table to it by hand (docs/format.md, Site settings), or start the "
        "site in another folder\n")
    assert sorted(os.listdir(tmp_path / "blog")) == ["pyproject.toml"]


@pytest.mark.parametrize("where", WHERE)
def test_new_writes_a_dated_draft_in_the_projects_content(site, where):
    folder, options = places(site)[where]
    done = footnoted("new", "A Headline: Of Sorts", *options, cwd=folder)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ("Wrote content/a-headline-of-sorts.md: a draft, published once you "
                           "set 'draft: false' (or build with --drafts to preview it)\n")
    text = (site / "content/a-headline-of-sorts.md").read_text()
    today = datetime.now(UTC).date().isoformat()
    assert text.startswith(f'---\ntitle: "A Headline: Of Sorts"  # the headline\n'
                           f"date: {today}  #")
    again = footnoted("new", "A Headline: Of Sorts", *options, cwd=folder)
    assert again.returncode == 1
    assert again.stderr.startswith("error: content/a-headline-of-sorts.md already exists")


@pytest.mark.parametrize("where", WHERE)
def test_build_from_anywhere_in_the_project_writes_the_site_at_its_root(site, where):
    folder, options = places(site)[where]
    footnoted("new", "Held back", *options, cwd=folder)
    before = sorted(os.listdir(folder))
    done = footnoted("build", *options, cwd=folder)
    assert done.returncode == 0, done.stderr
    shown = "site/" if where == "project" else f"{site / 'site'}/"
    assert re.fullmatch(rf"Built 1 article \(2 changed\) in \d+\.\d\d s -> {re.escape(shown)}; "
                        r"1 draft held back \(--drafts to include\)\n", done.stdout)
    assert (site / "site/welcome/index.html").is_file()
    assert not (site / "site/held-back").exists()
    if where != "project":
        assert sorted(os.listdir(folder)) == before  # nothing written where we stand
    assert not (site / "content/.footnoted-cache").exists()
    assert not (site / "content/site").exists()
    assert not (site.parent / "elsewhere/.footnoted-cache").exists()


@pytest.mark.parametrize("where", WHERE)
def test_check_from_anywhere_reports_and_fails_on_errors(site, where):
    folder, options = places(site)[where]
    done = footnoted("check", *options, cwd=folder)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "Checked 1 article: 0 errors, 0 warnings.\n"
    welcome = site / "content/welcome.md"
    welcome.write_text(welcome.read_text().replace("[@markdown-guide]", "[@markdown-giude]"))
    done = footnoted(*options, "check", cwd=folder)
    assert done.returncode == 1
    assert done.stdout.startswith("content/welcome.md:16: error: unknown citation key "
                                  "'@markdown-giude'. Did you mean '@markdown-guide'?")
    assert not (site / "site").exists()


@pytest.mark.parametrize("where", WHERE)
def test_serve_on_a_free_port_from_anywhere(site, where):
    folder, options = places(site)[where]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen([sys.executable, "-m", "footnoted", "serve", "--port", "0",
                                *options], cwd=folder, env=env, stderr=subprocess.PIPE,
                               stdout=subprocess.DEVNULL, text=True)
    said = Lines(process.stderr)
    try:
        serving = said.wait_for("Serving site/ at http://127.0.0.1:", "serve's address")
        found = re.search(r"at (http://127\.0\.0\.1:\d+/)", serving)
        with urllib.request.urlopen(found.group(1) + "welcome/", timeout=TIMEOUT) as response:
            assert "<h1>Your first article</h1>" in response.read().decode()
        assert said.read[0].startswith("Built 1 article (1 changed) in ")
    finally:
        process.terminate()
        process.wait(timeout=TIMEOUT)
        said.close()
    assert (site / "site/welcome/index.html").is_file()


def test_every_command_outside_a_project_says_so_and_writes_nothing(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "deeper").mkdir(parents=True)
    (elsewhere / "pyproject.toml").write_text("[project]\nname = 'not-a-site'\n")
    for command in (["build"], ["check"], ["serve", "--port", "0"], ["new", "Headline"], []):
        done = footnoted(*command, cwd=elsewhere / "deeper")
        assert done.returncode == 2, command
        assert done.stderr == (
            f"error: no footnoted project here or above {elsewhere / 'deeper'}. Run python -m "
            "footnoted in a project's folder or below it (or pass --root DIR), or start a "
            "site with: python -m footnoted init DIR\n")
        assert done.stdout == ""
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "elsewhere", "elsewhere/deeper", "elsewhere/pyproject.toml"]


def test_root_that_is_no_project(tmp_path):
    done = footnoted("build", "--root", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: no footnoted project in {tmp_path}: it has no "
                                  "pyproject.toml with a [tool.footnoted] table. Run ")
    assert os.listdir(tmp_path) == []


def test_build_py_is_the_same_command(site):
    done = subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(site),
                           "check", "--strict"], capture_output=True, text=True, cwd=site,
                          timeout=TIMEOUT)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "Checked 1 article: 0 errors, 0 warnings.\n"
