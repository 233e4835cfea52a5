"""`links` against the local fake web, through the command line an editor types."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import signal
import sys

import pytest
import yaml

from footnoted.network.link_check import DRIFT_THRESHOLD, similarity

from .conftest import REPO, Project, new_project
from .waiting import DEADLINE, started, wait_for
from .web import STAMP

FAST = ["--delay", "0", "--timeout", "0.5", "--retries", "1"]
NAMES = ["ok", "moved", "gone", "removed", "slow", "flaky", "changed", "down"]


@pytest.fixture(scope="module")
def checked(web, tmp_path_factory):
    """A project citing each kind of page once (its line is its place in the list), with
    archived copies of all but 'removed'; `links` run once (for the whole module: the slow
    page takes its timeout), its outputs."""
    lines = "\n".join(f"[{name}]({web.url(name)})." for name in NAMES)
    records = {web.url(name): {"snapshot": f"{web.base}/web/{STAMP}/{web.url(name)}",
                               "snapshot_date": "2023-03-12", "status": "archived"}
               for name in NAMES if name != "removed"}
    project = new_project(tmp_path_factory.mktemp("links"))
    project.write("content/a.md", f"---\ntitle: T\ndate: 2023-04-06\n---\n{lines}\n")
    project.write("content/archive.yaml", yaml.safe_dump(records))
    report_file = project.root / "links.json"
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = project.run("links", "--json", str(report_file), *FAST)
    report = json.loads(report_file.read_text("utf-8"))
    return (project, code, out.getvalue(), err.getvalue(),
            {row["url"]: row for row in report["sources"]})


def test_each_kind_of_page_gets_its_finding(checked, web):
    _, _, _, _, rows = checked
    found = {name: (rows[web.url(name)]["status"], rows[web.url(name)]["dead"],
                    rows[web.url(name)]["moved"]) for name in NAMES}
    assert found == {"ok": (200, False, False), "moved": (200, False, True),
                     "gone": (404, True, False), "removed": (410, True, False),
                     "slow": (0, True, False), "flaky": (200, False, False),
                     "changed": (200, False, False), "down": (503, True, False)}
    assert rows[web.url("moved")]["final_url"] == f"http://localhost:{web.server_port}/live/ok"
    assert rows[web.url("ok")]["drift"] == 1.0
    assert rows[web.url("changed")]["drift"] < DRIFT_THRESHOLD
    assert rows[web.url("gone")]["cited_at"] == ["content/a.md:7"]


def test_the_table_names_each_finding_with_its_place(checked, web):
    _, code, out, err, _ = checked
    lines = out.splitlines()
    assert lines[0].split() == ["cited", "at", "finding", "url", "archived", "copy"]
    assert [line.split()[:2] for line in lines[1:]] == [
        ["content/a.md:6", "moved"], ["content/a.md:7", "dead"], ["content/a.md:8", "dead"],
        ["content/a.md:9", "dead"], ["content/a.md:11", "drift:"], ["content/a.md:12", "dead"]]
    assert lines[3].split()[2:] == ["(410)", web.url("removed"), "NO", "ARCHIVED", "COPY"]
    assert "Checked 8 URLs: 4 dead (1 without an archived copy), 1 moved, 1 drifted." in err
    assert code == 1  # 'removed' is dead and has no archived copy


def test_dead_sources_are_marked_in_archive_yaml_for_the_build(checked, web):
    project = copy_project(checked[0])
    records = yaml.safe_load((project.root / "content/archive.yaml").read_text("utf-8"))
    assert sorted(url for url, record in records.items() if record.get("dead")) == sorted(
        web.url(name) for name in ("gone", "removed", "slow", "down"))
    assert project.run("build") == 0
    assert f'href="{web.base}/web/{STAMP}/{web.url("gone")}">gone</a>' in project.read(
        "a/index.html")


def test_results_are_cached_and_fresh_checks_again(checked, web, capsys):
    project = copy_project(checked[0])
    asked = len(web.log)
    assert project.run("links", *FAST) == 1
    assert len(web.log) == asked  # every answer came from .footnoted-cache/links.json
    assert "content/a.md:8" in capsys.readouterr().out
    assert project.run("links", "--fresh", "--only", "content/a.md", *FAST) == 1
    assert len(web.log) > asked


def test_links_cache_days_says_how_long_answers_are_kept(make_project, web, capsys):
    project = make_project({"content/a.md": f"---\ntitle: T\ndate: 2023-04-06\n---\n"
                                            f"[ok]({web.url('ok')}?days).\n"})
    assert project.run("links", *FAST) == 0
    assert project.run("links", *FAST) == 0
    assert web.log.count("/live/ok?days") == 1
    (project.root / "pyproject.toml").write_text("[tool.footnoted]\nlinks_cache_days = 0\n")
    assert project.run("links", *FAST) == 0
    assert web.log.count("/live/ok?days") == 2


def test_ctrl_c_keeps_the_answers_so_far_and_the_next_run_goes_on(make_project, web):
    urls = [web.url("ok") + f"?stop={n}" for n in range(10)]
    text = " ".join(f"[{n}]({url})." for n, url in enumerate(urls))
    project = make_project({"content/a.md": f"---\ntitle: T\ndate: 2023-04-06\n---\n{text}\n"})
    command = [sys.executable, "build.py", "--root", str(project.root), "links", "--delay", "0",
               "--retries", "0", "--timeout", str(DEADLINE)]  # the held one must not time out
    # The web answers four pages and holds the fifth open: Ctrl-C comes then.
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with (web.hold_after(4, "/live/ok?stop=") as hold,
          started(command, cwd=REPO, env=env) as (running, err)):
        wait_for(hold.reached, "the links command's fifth request")
        running.send_signal(signal.SIGINT)
        err.wait_for("The answers so far are kept", "the command's answer to Ctrl-C")
        hold.released.set()  # its threads end once the held request is answered
        assert running.wait(timeout=DEADLINE) == 130, err.close()
    asked_before = {path for path in web.log if "?stop=" in path}
    assert len(asked_before) == 5  # one request to a host at a time: none after the held one
    assert project.run("links", *FAST) == 0
    assert {path for path in web.log if "?stop=" in path} == {
        url.removeprefix(web.base) for url in urls}
    # Only the request under way at Ctrl-C, the held one, is asked again.
    assert sum(web.log.count(path) == 2 for path in asked_before) == 1


def test_all_well_is_exit_zero_and_no_table(make_project, web, capsys):
    project = make_project({"content/a.md": f"---\ntitle: T\ndate: 2023-04-06\n---\n"
                                            f"[ok]({web.url('ok')}).\n"})
    assert project.run("links", *FAST) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "Checked 1 URLs: 0 dead" in err


def copy_project(project: Project) -> Project:
    """A test's own copy of the checked project, so tests that build or re-run stay apart."""
    root = project.root.parent / f"{project.root.name}-{len(list(project.root.parent.iterdir()))}"
    shutil.copytree(project.root, root)
    return Project(root)


def test_similarity_of_texts():
    assert similarity("a b c d", "a b c d") == 1.0
    assert similarity("a b c d", "a b x y") == 0.5
    assert similarity("", "") == 1.0


def test_snapshots_are_compared_without_the_archives_toolbar():
    from footnoted.network.link_check import raw_snapshot

    assert raw_snapshot("http://web.archive.org/web/20230312101500/https://a.example/p") == (
        "http://web.archive.org/web/20230312101500id_/https://a.example/p")
    assert raw_snapshot("https://archive.example/copy/1") == "https://archive.example/copy/1"
