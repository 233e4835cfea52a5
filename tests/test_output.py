"""Atomic, safe output: the previous site survives a killed build; folders that are not
ours are never written into or cleared."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from footnoted.output.staging import MARKER, RETIRED_PREFIX, STAGING_PREFIX, _remove_leftovers

from .conftest import MINIMAL_ARTICLE, REPO
from .waiting import DEADLINE

FIX = 'Set output_dir in [tool.footnoted] to a folder of its own, such as "site"'


def set_output_dir(project, value: str) -> None:
    with (project.root / "pyproject.toml").open("a", encoding="utf-8") as settings:
        settings.write(f'output_dir = "{value}"\n')


@pytest.mark.parametrize("output_dir, what", [
    (".", "that would replace the project folder"),
    ("..", "that would replace the project folder"),
    ("content", "that would replace content/"),
    ("templates", "that would replace templates/"),
    ("static", "that would replace static/"),
    ("content/site", "it is inside content/"),
    ("static/site", "it is inside static/"),
    ("/", "that would replace the root folder"),
])
def test_the_build_refuses_to_replace_a_folder_of_the_project(make_project, capsys,
                                                              output_dir, what):
    project = make_project({"content/a.md": MINIMAL_ARTICLE})
    set_output_dir(project, output_dir)
    before = tree(project.root)
    assert project.run("build") == 1
    shown = project.root / output_dir if output_dir != "/" else Path("/")
    assert capsys.readouterr().err.splitlines() == [
        f"pyproject.toml: error: refusing to write the site into {shown}: {what}. {FIX}",
        "Build failed: 1 error, 0 warnings. Nothing was written.",
    ]
    assert tree(project.root) == before


def test_the_build_refuses_to_replace_the_home_folder(make_project, capsys, monkeypatch,
                                                      tmp_path):
    home = tmp_path / "home"
    (home / "notes").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    project = make_project({"content/a.md": MINIMAL_ARTICLE})
    set_output_dir(project, str(home))
    assert project.run("build") == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"pyproject.toml: error: refusing to write the site into {home}: that would replace "
        f"the home folder. {FIX}")
    assert os.listdir(home) == ["notes"]


def test_the_build_refuses_to_clear_a_folder_it_did_not_create(make_project, capsys):
    project = make_project({"content/a.md": MINIMAL_ARTICLE})
    project.write("site/thesis.tex", "Years of work.\n")
    assert project.run("build") == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"pyproject.toml: error: refusing to replace {project.root / 'site'}: footnoted did not "
        f"create it (no {MARKER} file in it). Move that folder away or set another output_dir")
    assert os.listdir(project.root / "site") == ["thesis.tex"]


def test_an_empty_folder_may_become_the_site(make_project):
    project = make_project({"content/a.md": MINIMAL_ARTICLE})
    (project.root / "site").mkdir()
    assert project.run("build") == 0
    assert (project.root / "site" / MARKER).is_file()


def test_a_rebuild_replaces_the_whole_site(make_project):
    project = make_project({"content/a.md": MINIMAL_ARTICLE})
    assert project.run("build") == 0
    project.write("site/stale.html", "left from before")
    (project.root / "content/a.md").rename(project.root / "content/b.md")
    assert project.run("build") == 0
    assert not (project.root / "site/stale.html").exists()
    assert not (project.root / "site/a").exists()
    assert (project.root / "site/b/index.html").is_file()


def test_leftovers_of_a_killed_build_are_removed(make_project):
    project = make_project({"content/a.md": MINIMAL_ARTICLE})
    (project.root / f"{STAGING_PREFIX}site-x1y2/a").mkdir(parents=True)
    (project.root / f"{RETIRED_PREFIX}site-4242").mkdir()
    assert project.run("build") == 0
    assert sorted(os.listdir(project.root)) == [".footnoted-cache", ".footnoted-spare-site",
                                                "content", "pyproject.toml", "site"]


def test_a_site_retired_just_before_a_kill_is_put_back(tmp_path):
    retired = tmp_path / f"{RETIRED_PREFIX}site-4242"
    retired.mkdir()
    (retired / MARKER).write_text("")
    (retired / "index.html").write_text("previous")
    _remove_leftovers(tmp_path / "site")
    assert (tmp_path / "site/index.html").read_text() == "previous"
    assert os.listdir(tmp_path) == ["site"]


def big_project(root: Path, articles: int, title: str) -> Path:
    """A generated site large enough that writing it takes a noticeable moment."""
    root.mkdir()
    (root / "content").mkdir()
    (root / "pyproject.toml").write_text(f'[tool.footnoted]\ntitle = "{title}"\n')
    paragraph = "Words with [a link](https://example.org/{i}/{j}).[^n{j}]\n\n[^n{j}]: Note.\n\n"
    for i in range(articles):
        body = "".join(paragraph.format(i=i, j=j) for j in range(40))
        (root / "content" / f"a{i:04d}.md").write_text(
            f"---\ntitle: Article {i}\ndate: 2024-01-01\n---\n{body}", encoding="utf-8")
    return root


def build_process(root: Path) -> subprocess.Popen:
    # build.py puts its own folder first on sys.path, so this checkout's footnoted runs.
    return subprocess.Popen([sys.executable, str(REPO / "build.py"), "--root", str(root)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_killing_the_build_at_any_moment_leaves_the_previous_site(tmp_path):
    old_root = big_project(tmp_path / "old", 40, "Old title")
    new_root = big_project(tmp_path / "new", 40, "New title")
    assert build_process(old_root).wait() == 0
    assert build_process(new_root).wait() == 0
    old, new = tree(old_root / "site"), tree(new_root / "site")
    project = old_root  # from now on its content is the new one
    (project / "pyproject.toml").write_text('[tool.footnoted]\ntitle = "New title"\n')

    started = time.monotonic()
    assert build_process(tmp_path / "new").wait() == 0
    duration = time.monotonic() - started
    killed_while_writing = False
    for fraction in (0.15, 0.4, 0.7, 0.9, "as writing starts"):
        process = build_process(project)
        if fraction == "as writing starts":
            killed_while_writing = kill_when_writing_starts(process, project)
        else:
            time.sleep(duration * fraction)
            process.send_signal(signal.SIGKILL)
        process.wait()
        assert tree(project / "site") in (old, new), f"killed at {fraction}"
    assert killed_while_writing, "the build finished before it could be killed mid-write"

    assert build_process(project).wait() == 0
    assert tree(project / "site") == new
    assert not [name for name in os.listdir(tmp_path / "old")
                if name.startswith((STAGING_PREFIX, RETIRED_PREFIX))]


def kill_when_writing_starts(process: subprocess.Popen, project: Path) -> bool:
    """Kill the build the moment it touches the output: a new folder beside the site, or
    the site folder itself replaced or changed."""
    def snapshot() -> tuple:
        site = project / "site"
        return tuple(sorted(os.listdir(project))), site.exists() and os.stat(site).st_ino, \
            site.exists() and os.stat(site).st_mtime_ns
    before = snapshot()
    end = time.monotonic() + DEADLINE
    while process.poll() is None:
        assert time.monotonic() < end, f"waited {DEADLINE:.0f} s for the build to write or end"
        if snapshot() != before:
            process.send_signal(signal.SIGKILL)
            return True
        time.sleep(0.0005)
    return False


def tree(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}
