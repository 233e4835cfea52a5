"""`build.py serve` in a subprocess on a free loopback port: an edit shows up over HTTP, a broken
file turns every page into the list of problems, and the next good save brings the site back."""

from __future__ import annotations

import contextlib
import queue
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from .conftest import MINIMAL_ARTICLE, REPO

DEADLINE = 30.0  # seconds; generous for a loaded machine, and only reached on failure


class Server:
    def __init__(self, process: subprocess.Popen, url: str, log: queue.Queue) -> None:
        self.process = process
        self.url = url
        self.log = log
        self.streams: list = []  # event streams to close when the test ends

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=DEADLINE) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as failure:
            return failure.code, failure.read().decode("utf-8")

    def events(self) -> Iterator[str]:
        """Server-sent events as 'name data', starting with the greeting."""
        stream = urllib.request.urlopen(self.url + "__footnoted__/events", timeout=DEADLINE)
        self.streams.append(stream)
        fields: list[str] = []
        for raw in stream:
            line = raw.decode("utf-8").rstrip("\n")
            if line.startswith(("event:", "data:")):
                fields.append(line.split(":", 1)[1].strip())
            elif not line and fields:
                yield " ".join(fields)
                fields = []


@pytest.fixture
def server(make_project) -> Iterator[tuple[Server, object]]:
    project = make_project({"content/tiny.md": MINIMAL_ARTICLE})
    with serving(project) as site:
        yield site, project


@contextlib.contextmanager
def serving(project) -> Iterator[Server]:
    """`build.py serve --port 0` on `project` in a subprocess, stopped afterwards."""
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "--root", str(project.root), "serve",
         "--port", "0"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    log: queue.Queue = queue.Queue()
    reader = threading.Thread(target=lambda: [log.put(line) for line in process.stderr],
                              daemon=True)
    reader.start()
    site = None
    try:
        site = Server(process, _wait_for_url(log), log)
        yield site
    finally:
        for stream in site.streams if site else []:
            stream.close()
        process.terminate()
        process.wait(timeout=DEADLINE)
        reader.join(timeout=DEADLINE)
        process.stderr.close()


def _wait_for_url(log: queue.Queue) -> str:
    end = time.monotonic() + DEADLINE
    lines = []
    while time.monotonic() < end:
        try:
            line = log.get(timeout=max(0.01, end - time.monotonic()))
        except queue.Empty:
            break
        lines.append(line)
        found = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
        if found:
            return found.group(1)
    raise AssertionError("serve did not start:\n" + "".join(lines))


def test_serve_rebuilds_shows_errors_and_recovers(server):
    site, project = server
    status, page = site.get("tiny/")
    assert status == 200
    assert "<h1>A tiny article</h1>" in page
    assert '<script src="/__footnoted__/reload.js"></script>' in page

    events = site.events()
    assert next(events).startswith("hello")

    project.write("content/tiny.md", MINIMAL_ARTICLE.replace("A tiny article", "A retitled one"))
    assert next(events).endswith(" ok")
    status, page = site.get("tiny/")
    assert "<h1>A retitled one</h1>" in page

    project.write("content/tiny.md", MINIMAL_ARTICLE.replace("authors:", "author:"))
    assert next(events).endswith(" failed")
    status, page = site.get("tiny/")
    assert status == 500
    assert "<h1>Build failed: 1 problem</h1>" in page
    assert "<code>content/tiny.md:4</code> error: unknown key &#x27;author&#x27;" in page
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/__footnoted__/reload.js">']
    assert site.get("index.html")[0] == 500  # every page shows the problems, not a stale site

    project.write("content/tiny.md", MINIMAL_ARTICLE)
    assert next(events).endswith(" ok")
    status, page = site.get("tiny/")
    assert status == 200
    assert "<h1>A tiny article</h1>" in page


def test_a_burst_of_saves_is_one_build(server):
    site, project = server
    events = site.events()
    generation = int(next(events).split()[1])  # "hello N"
    for number in range(5):
        project.write("content/tiny.md", MINIMAL_ARTICLE + f"\nSave number {number}.\n")
    assert next(events) == f"build {generation + 1} ok"
    assert "Save number 4." in site.get("tiny/")[1]
    project.write("content/tiny.md", MINIMAL_ARTICLE + "\nOne more save.\n")
    # Had the burst caused a second build, that build would be the next event, without it.
    assert next(events) == f"build {generation + 2} ok"
    assert "One more save." in site.get("tiny/")[1]


def test_a_missing_url_gets_the_404_page_whose_links_work_on_the_server(server):
    site, _ = server  # the project's base_url is https://test.example/sub/
    status, page = site.get("2023/04/old-link/")
    assert status == 404
    assert "<h1>Page not found</h1>" in page
    assert '<script src="/__footnoted__/reload.js"></script>' in page
    links = re.findall(r'(?:href|src|data-index)="(/sub/[^"]*)"', page)
    assert len(links) > 10
    root = site.url.removesuffix("/")
    for link in links:
        with urllib.request.urlopen(root + link, timeout=DEADLINE) as response:
            assert response.status == 200, link
    assert site.get("tiny/")[0] == 200  # and the site stays at the root too


def test_a_new_dot_markdown_file_and_a_bundle_are_served(server):
    site, project = server
    events = site.events()
    assert next(events).startswith("hello")
    project.write("content/jekyll.markdown", MINIMAL_ARTICLE.replace("A tiny article", "Jekyll"))
    assert next(events).endswith(" ok")
    assert "<h1>Jekyll</h1>" in site.get("jekyll/")[1]
    project.write("content/bundle/index.md", MINIMAL_ARTICLE.replace("A tiny article", "Bundle"))
    assert next(events).endswith(" ok")
    assert "<h1>Bundle</h1>" in site.get("bundle/")[1]
