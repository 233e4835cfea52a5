"""The network commands against a hostile server (tests/hostile_web.py): every bad answer is
that URL's finding, never the run's end, and nothing of it reaches archive.yaml."""

from __future__ import annotations

import contextlib
import io
import json

import pytest
import yaml

from footnoted.network.fetching import Fetcher

from .hostile_web import ANSWERS, start_hostile_web


@pytest.fixture(scope="module")
def hostile():
    server = start_hostile_web()
    yield server
    server.shutdown()
    server.server_close()


FINDINGS = {
    "drip-headers": "timed out",
    "drip-body": "timed out",
    "garbage": "malformed answer (BadStatusLine: SPDY/9 banana)",
    "many-headers": "malformed answer (HTTPException: got more than 100 headers)",
    "long-header": "malformed answer (LineTooLong: got more than 65536 bytes when reading "
                   "header line)",
    "bad-chunks": "malformed answer (IncompleteRead: IncompleteRead(0 bytes read))",
    "short-body": "malformed answer (IncompleteRead: IncompleteRead(10 bytes read, 990 more "
                  "expected))",
    "loop": "redirect loop (or more than 10 redirects)",
    "metadata": "redirected to a link-local address (169.254.169.254), which is not followed",
    "private": "redirected to a private address (10.0.0.1), which is not followed",
}


@pytest.mark.parametrize("name, finding", FINDINGS.items(), ids=FINDINGS)
def test_a_hostile_answer_is_that_urls_finding(hostile, name, finding):
    """The drips would send for 30 s: the one-second deadline for the whole request ends
    them (each read alone is well within the timeout)."""
    response = Fetcher(timeout=1, retries=0, delay=0).get(hostile.url(name))
    assert (response.status, response.error, response.body) == (0, finding, b"")


def test_a_redirect_between_addresses_of_one_kind_is_followed(web):
    moved = Fetcher(timeout=2, delay=0).get(web.url("moved"))  # 127.0.0.1 -> localhost
    assert (moved.status, moved.error) == (200, "")


def run_quietly(project, *args: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = project.run(*args)
    return code, err.getvalue()


def test_links_finishes_against_a_hostile_server_with_a_finding_for_each(make_project,
                                                                         hostile, web):
    names = [*FINDINGS, "ok"]
    urls = [hostile.url(name) for name in FINDINGS] + [web.url("ok")]
    lines = "\n".join(f"[{name}]({url})." for name, url in zip(names, urls, strict=True))
    project = make_project({"content/a.md": f"---\ntitle: T\ndate: 2023-04-06\n---\n{lines}\n"})
    report = project.root / "links.json"
    code, err = run_quietly(project, "links", "--json", str(report), "--timeout", "1",
                            "--retries", "0", "--delay", "0", "--jobs", "4")
    assert code == 1 and "Traceback" not in err
    rows = {row["url"]: row for row in json.loads(report.read_text("utf-8"))["sources"]}
    assert {url: (rows[url]["status"], rows[url]["dead"]) for url in urls} == {
        **{url: (0, True) for url in urls[:-1]}, urls[-1]: (200, False)}


def test_archive_stores_only_answers_that_are_archived_copies(make_project, hostile, capsys):
    urls = [f"https://example.org/{kind}" for kind in ANSWERS]
    lines = "\n".join(f"[{kind}]({url})." for kind, url in zip(ANSWERS, urls, strict=True))
    project = make_project({"content/a.md": f"---\ntitle: T\ndate: 2023-04-06\n---\n{lines}\n"})
    assert project.run("archive", "--endpoint", f"http://127.0.0.1:{hostile.server_address[1]}",
                       "--timeout", "2", "--retries", "0", "--delay", "0") == 1
    err = capsys.readouterr().err
    records = yaml.safe_load((project.root / "content/archive.yaml").read_text("utf-8"))
    assert {url.rsplit("/", 1)[1]: record["status"] for url, record in records.items()} == {
        kind: "archived" if kind == "good" else "failed" for kind in ANSWERS}
    assert records[urls[0]]["snapshot"] == "http://127.0.0.1/web/20230312101500/https://example.org/"
    assert all(f"{url}: the archive's" in err for url in urls[1:])
    assert project.run("build") == 0  # the file still reads, and links nothing but the copy
    page = project.read("a/index.html")
    assert 'href="12345"' not in page and 'href="javascript' not in page
    assert "evil.example" not in page and "status: archived" not in page
