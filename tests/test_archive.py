"""`archive` against the local fake archive, through the command line an editor types; and
what a build then shows (snapshots with Robust Links attributes, dead sources, quotes)."""

from __future__ import annotations

import os
import signal
import sys
import time

import pytest
import yaml

from footnoted.content.archive_file import dump_archive

from .conftest import REPO
from .waiting import DEADLINE, started, wait_for
from .web import STAMP

FAST = ["--delay", "0", "--timeout", "1", "--retries", "1"]


def article(urls: list[str], date: str = "2023-04-06") -> str:
    links = " ".join(f"[link {n}]({url})." for n, url in enumerate(urls))
    return f"---\ntitle: Cites the web\ndate: {date}\n---\n{links}\n"


def archive_file(project) -> dict:
    return yaml.safe_load((project.root / "content/archive.yaml").read_text("utf-8"))


def test_archive_writes_the_closest_snapshot_and_what_the_archive_lacks(make_project, web,
                                                                         capsys):
    web.archived.add(web.url("ok"))
    project = make_project({"content/a.md": article([web.url("ok"), web.url("new")])})
    assert project.run("archive", "--endpoint", web.base, *FAST) == 0
    assert archive_file(project)[web.url("ok")] == {
        "snapshot": f"{web.base}/web/{STAMP}/{web.url('ok')}",
        "snapshot_date": _date("2023-03-12"), "checked": _today(), "status": "archived"}
    assert archive_file(project)[web.url("new")] == {"checked": _today(), "status": "missing"}
    assert "1 archived, 1 missing" in capsys.readouterr().out
    asked = f"/wayback/available?url={_quoted(web.url('ok'))}&timestamp=20230406"
    assert asked in web.log


def test_a_second_run_asks_nothing_and_keeps_the_file_byte_for_byte(make_project, web):
    project = make_project({"content/a.md": article([web.url("ok")])})
    web.archived.add(web.url("ok"))
    assert project.run("archive", "--endpoint", web.base, *FAST) == 0
    before = (project.root / "content/archive.yaml").read_bytes()
    asked = web.asked_about(web.url("ok"))
    assert project.run("archive", "--endpoint", web.base, *FAST) == 0
    assert web.asked_about(web.url("ok")) == asked
    assert (project.root / "content/archive.yaml").read_bytes() == before


def test_save_captures_what_the_archive_lacks(make_project, web):
    url = web.url("new") + "?save"
    project = make_project({"content/a.md": article([url])})
    assert project.run("archive", "--endpoint", web.base, "--save", "--save-interval", "0",
                       *FAST) == 0
    record = archive_file(project)[url]
    assert record["status"] == "saved"
    assert record["snapshot"] == f"{web.base}/web/20261201090000/{url}"
    assert f"/save/{web.url('new')}%3Fsave" in web.log


def test_save_requests_are_spaced_by_the_save_interval(make_project, web):
    urls = [web.url("new") + f"?spaced={n}" for n in range(3)]
    project = make_project({"content/a.md": article(urls)})
    started = time.monotonic()
    assert project.run("archive", "--endpoint", web.base, "--save", "--save-interval", "0.3",
                       *FAST) == 0
    assert time.monotonic() - started >= 0.6  # three captures, two intervals between them
    assert sum(path.startswith("/save/") and "spaced" in path for path in web.log) == 3


def test_an_unreachable_archive_is_recorded_as_failed_and_asked_again(make_project, capsys):
    project = make_project({"content/a.md": article(["https://example.org/x"])})
    assert project.run("archive", "--endpoint", "http://127.0.0.1:9", *FAST, "--retries", "0") == 1
    assert archive_file(project)["https://example.org/x"]["status"] == "failed"
    assert "1 failed" in capsys.readouterr().out


def test_ctrl_c_leaves_a_whole_file_and_the_next_run_resumes(make_project, web):
    urls = [web.url("ok") + f"?n={n}" for n in range(12)]
    project = make_project({"content/a.md": article(urls)})
    web.archived.update(urls)
    command = [sys.executable, "build.py", "--root", str(project.root), "archive",
               "--endpoint", web.base, "--jobs", "2", "--delay", "0", "--retries", "0",
               "--timeout", str(DEADLINE)]  # the held question must not time out
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    # The archive answers three questions and holds the fourth open: Ctrl-C comes then.
    with (web.hold_after(3, "/wayback/available") as hold,
          started(command, cwd=REPO, env=env) as (running, err)):
        wait_for(hold.reached, "the archive command's fourth question")
        running.send_signal(signal.SIGINT)
        err.wait_for("run the command again to go on", "the command's answer to Ctrl-C")
        hold.released.set()  # its threads end once the held question is answered
        assert running.wait(timeout=DEADLINE) == 130, err.close()
    first = archive_file(project)  # whole YAML, not a torn write
    assert 0 < len(first) <= 3  # the answers it had; not the held one, nor any after it
    assert project.run("archive", "--endpoint", web.base, *FAST) == 0
    assert set(archive_file(project)) == set(urls)
    assert all(web.asked_about(url) == 1 for url in first)  # done work is not asked again
    assert sum(web.asked_about(url) for url in urls) == 12 + 1  # only the held one twice


def test_a_build_shows_the_snapshot_beside_the_original_with_robust_links(make_project, web):
    web.archived.add(web.url("ok"))
    project = make_project({"content/a.md": article([web.url("ok")])})
    assert project.run("archive", "--endpoint", web.base, *FAST) == 0
    assert project.run("build") == 0
    page = project.read("a/index.html")
    snapshot = f"{web.base}/web/{STAMP}/{web.url('ok')}"
    assert (f'<a data-originalurl="{web.url("ok")}" data-versiondate="2023-03-12" '
            f'data-versionurl="{snapshot}" href="{web.url("ok")}">link 0</a>') in page
    assert (f'Archived copy of <time datetime="2023-03-12">March 12, 2023</time>: '
            f'<a class="source-url" href="{snapshot}">{snapshot}</a>') in page


def test_the_editors_own_archived_copy_wins_and_is_not_asked_about(make_project, web):
    project = make_project({"content/a.md": """\
        ---
        title: T
        date: 2023-04-06
        sources:
          own:
            url: https://own.example/a
            archived: https://archive.example/own
        ---
        [Own][own].
        """})
    assert project.run("archive", "--endpoint", web.base, *FAST) == 0
    assert web.asked_about("https://own.example/a") == 0
    assert archive_file(project) is None  # the header only: nothing to record


def test_a_dead_source_leads_with_its_archived_copy(make_project):
    project = make_project({"content/a.md": article(["https://gone.example/p"]),
                            "content/archive.yaml": """\
        "https://gone.example/p":
          snapshot: "https://web.archive.org/web/20220101000000/https://gone.example/p"
          snapshot_date: 2022-01-01
          status: archived
          dead: true
        """})
    assert project.run("build") == 0
    page = project.read("a/index.html")
    assert ('data-versionurl="https://web.archive.org/web/20220101000000/https://gone.example/p"'
            ' href="https://web.archive.org/web/20220101000000/https://gone.example/p">link 0</a>'
            ) in page
    assert ('<span class="original-gone">The original is gone: <a class="source-url" '
            'href="https://gone.example/p">https://gone.example/p</a></span>') in page


def test_a_quote_is_shown_and_opens_both_links_at_the_passage(make_project):
    project = make_project({"content/a.md": """\
        ---
        title: T
        date: 2023-04-06
        sources:
          bill:
            url: https://duma.example/bill
            archived: https://web.archive.org/web/2023/https://duma.example/bill
            quote: "report to recruitment offices, even without a summons"
        ---
        The [bill][bill].
        """})
    assert project.run("build") == 0
    page = project.read("a/index.html")
    fragment = "#:~:text=report%20to%20recruitment%20offices%2C%20even%20without%20a%20summons"
    assert f'href="https://duma.example/bill{fragment}">bill</a>' in page
    assert f'href="https://web.archive.org/web/2023/https://duma.example/bill{fragment}"' in page
    assert ('<q class="source-quote">report to recruitment offices, even without a summons</q>'
            in page)


def test_a_malformed_archive_file_is_an_error_with_its_line(make_project, capsys):
    project = make_project({"content/a.md": article(["https://a.example/"]),
                            "content/archive.yaml": """\
        "https://a.example/":
          status: archived
          snapshot_date: 2023-02-30
        not-a-url:
          status: kept
        """})
    assert project.run("build") == 1
    assert capsys.readouterr().err.splitlines() == [
        "content/archive.yaml:3: error: 'snapshot_date' is not a valid date: '2023-02-30' "
        "(day is out of range for month). Write a date like 2023-04-06 or a time like "
        "2023-04-06T09:30:00+03:00",
        "content/archive.yaml:4: error: 'not-a-url' is not an http(s) URL. Each key of "
        "archive.yaml is a cited source's address",
        "content/archive.yaml:5: error: 'status' is 'kept'. Use one of: archived, missing, "
        "saved, failed",
        "Build failed: 3 errors, 0 warnings. Nothing was written."]


def test_the_file_is_sorted_with_fields_in_a_fixed_order():
    from footnoted.content.archive_file import ArchiveRecord, ArchiveStatus

    text = dump_archive({"https://b.example/": ArchiveRecord(status=ArchiveStatus("missing")),
                         "https://a.example/": ArchiveRecord(dead=True)})
    assert text.splitlines()[2:] == ['"https://a.example/":', "  status: missing",
                                     "  dead: true", '"https://b.example/":',
                                     "  status: missing"]


def _date(text: str):
    from datetime import date

    return date.fromisoformat(text)


def _today():
    from datetime import UTC, datetime

    return datetime.now(UTC).date()


def _quoted(url: str) -> str:
    from urllib.parse import quote

    return quote(url, safe="")


def test_text_fragments_are_percent_encoded_and_long_quotes_are_a_range():
    from footnoted.content.urls import with_text_fragment

    assert with_text_fragment("https://a.example/p", "men-at-arms, & more") == (
        "https://a.example/p#:~:text=men%2Dat%2Darms%2C%20%26%20more")
    assert with_text_fragment("https://a.example/p#top", "one two three four five six seven "
                              "eight nine ten eleven") == (
        "https://a.example/p#top:~:text=one%20two%20three%20four%20five,"
        "seven%20eight%20nine%20ten%20eleven")
    assert with_text_fragment("https://a.example/p", None) == "https://a.example/p"


def test_content_errors_are_reported_and_the_rest_is_archived(make_project, web, capsys):
    web.archived.add(web.url("ok") + "?fine")
    project = make_project({"content/a.md": article([web.url("ok") + "?fine"]),
                            "content/b.md": "---\ntitle: B\ndate: 2023-04-06\nsummary: x\n---\n"})
    assert project.run("archive", "--endpoint", web.base, *FAST) == 1
    err = capsys.readouterr().err
    assert "content/b.md:4: error: unknown key 'summary' in front matter" in err
    assert "1 error in the content: the sources of articles that do not load are left out" in err
    assert archive_file(project)[web.url("ok") + "?fine"]["status"] == "archived"


def test_only_asks_about_the_named_articles_sources(make_project, web):
    project = make_project({"content/a.md": article([web.url("ok") + "?only=a"]),
                            "content/b.md": article([web.url("ok") + "?only=b"])})
    assert project.run("archive", "--endpoint", web.base, "--only", "content/b.md", *FAST) == 0
    assert list(archive_file(project)) == [web.url("ok") + "?only=b"]
    assert web.asked_about(web.url("ok") + "?only=a") == 0


def test_the_availability_apis_answer_as_the_real_archive_gives_it():
    from datetime import date

    from footnoted.network.fetching import Response
    from footnoted.network.wayback import BadAnswer, closest_snapshot

    body = (b'{"url": "example.com", "archived_snapshots": {"closest": {"status": "200", '
            b'"available": true, "url": "http://web.archive.org/web/20060101064348/http://'
            b'www.example.com:80/", "timestamp": "20060101064348"}}}')
    assert closest_snapshot(Response("x", 200, "x", body)) == (
        "http://web.archive.org/web/20060101064348/http://www.example.com:80/", date(2006, 1, 1))
    assert closest_snapshot(Response("x", 200, "x", b'{"archived_snapshots": {}}')) is None
    with pytest.raises(BadAnswer):  # not the API's answer: a failure, asked again next time
        closest_snapshot(Response("x", 200, "x", b"<html>"))


def test_a_dead_source_without_a_copy_is_a_warning_with_its_line(make_project, capsys):
    project = make_project({"content/a.md": article(["https://gone.example/q"]),
                            "content/archive.yaml": """\
        "https://gone.example/q":
          checked: 2026-12-01
          status: missing
          dead: true
        """})
    assert project.run("build") == 0
    assert capsys.readouterr().err.splitlines()[0] == (
        "content/a.md:5: warning: link 'link 0' (source 1) is dead and has no archived copy. "
        "Run `python build.py archive --save`, set 'archived:' by hand, or cite another source")
