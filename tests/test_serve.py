"""`build.py serve` in a subprocess on a free loopback port: an edit shows up over HTTP, a broken
file turns every page into the list of problems, and the next good save brings the site back."""

from __future__ import annotations

import contextlib
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from footnoted.cli import main
from footnoted.serve.watch import InotifyWatcher, Watcher

from .conftest import MINIMAL_ARTICLE, REPO
from .livereload_client import LiveReloadClient

DEADLINE = 30.0  # seconds; generous for a loaded machine, and only reached on failure


class Server:
    def __init__(self, process: subprocess.Popen, url: str, log: queue.Queue) -> None:
        self.process = process
        self.url = url
        self.log = log
        self.tabs: list[LiveReloadClient] = []  # closed when the test ends

    def get(self, path: str) -> tuple[int, str]:
        status, _, body = self.request(path)
        return status, body.decode("utf-8")

    def request(self, path: str, headers: dict[str, str] | None = None,
                method: str = "GET") -> tuple[int, dict[str, str], bytes]:
        request = urllib.request.Request(self.url + path, headers=headers or {}, method=method)
        try:
            with urllib.request.urlopen(request, timeout=DEADLINE) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as failure:
            return failure.code, dict(failure.headers), failure.read()

    def tab(self, path: str) -> LiveReloadClient:
        """A LiveReload client, as the tab showing `path` runs it."""
        tab = LiveReloadClient(self.url, self.url + path, DEADLINE)
        self.tabs.append(tab)
        return tab


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
        for tab in site.tabs if site else []:
            tab.close()
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


SCRIPT_TAG = re.compile(r'<script src="/livereload\.js\?port=\d+"></script>')


def reload_of(path: str) -> dict:
    """The LiveReload command that reloads the whole page at `path`."""
    return {"command": "reload", "path": path, "liveCSS": False, "liveImg": False}


def test_serve_rebuilds_shows_errors_and_recovers(server):
    site, project = server
    status, page = site.get("tiny/")
    assert status == 200
    assert "<h1>A tiny article</h1>" in page
    assert len(SCRIPT_TAG.findall(page)) == 1
    assert SCRIPT_TAG.search(page).group() == \
        f'<script src="/livereload.js?port={site.url.split(":")[-1].rstrip("/")}"></script>'
    tab = site.tab("tiny/")

    project.write("content/tiny.md", MINIMAL_ARTICLE.replace("A tiny article", "A retitled one"))
    assert tab.next_command() == reload_of("/tiny/")
    status, page = site.get("tiny/")
    assert "<h1>A retitled one</h1>" in page

    project.write("content/tiny.md", MINIMAL_ARTICLE.replace("authors:", "author:"))
    assert tab.next_command() == reload_of("/tiny/")
    status, page = site.get("tiny/")
    assert status == 500
    assert "<h1>Build failed: 1 problem</h1>" in page
    assert "<code>content/tiny.md:4</code> error: unknown key &#x27;author&#x27;" in page
    assert re.findall(r"<script[^>]*>", page) == [SCRIPT_TAG.search(page).group()[:-9]]
    assert site.get("index.html")[0] == 500  # every page shows the problems, not a stale site
    assert site.get("__footnoted__/errors.css")[0] == 200

    project.write("content/tiny.md", MINIMAL_ARTICLE)
    assert tab.next_command() == reload_of("/tiny/")
    status, page = site.get("tiny/")
    assert status == 200
    assert "<h1>A tiny article</h1>" in page


def test_only_the_tabs_whose_page_was_written_anew_reload(make_project):
    other = MINIMAL_ARTICLE.replace("A tiny article", "Another")
    project = make_project({"content/tiny.md": MINIMAL_ARTICLE, "content/other.md": other})
    with serving(project) as site:
        tiny, another = site.tab("tiny/"), site.tab("other/")
        project.write("content/other.md", other + "A new paragraph.\n")
        assert another.next_command() == reload_of("/other/")
        # The server reads this hello after it told every tab of the build, in one go.
        assert tiny.commands_so_far() == []
        project.write("content/tiny.md", MINIMAL_ARTICLE + "A new paragraph.\n")
        assert tiny.next_command() == reload_of("/tiny/")
        assert another.commands_so_far() == []


def test_an_unchanged_file_is_answered_not_modified(server):
    site, project = server
    status, headers, page = site.request("tiny/")
    assert (status, headers["Cache-Control"]) == (200, "no-cache")
    again = site.request("tiny/", {"If-None-Match": headers["Etag"]})
    assert again[0] == 304 and again[2] == b""
    tab = site.tab("tiny/")
    project.write("content/tiny.md", MINIMAL_ARTICLE + "A new paragraph.\n")
    assert tab.next_command() == reload_of("/tiny/")
    status, changed, _ = site.request("tiny/", {"If-None-Match": headers["Etag"]})
    assert status == 200 and changed["Etag"] != headers["Etag"]
    style = site.request("static/style.css")
    assert style[0] == 200 and style[1]["Content-Type"] == "text/css"
    assert site.request("static/style.css", {"If-None-Match": style[1]["Etag"]})[0] == 304


def test_head_a_folder_without_its_slash_and_the_client_script(server):
    site, _ = server
    status, headers, body = site.request("tiny/", method="HEAD")
    assert (status, body) == (200, b"")
    assert int(headers["Content-Length"]) == len(site.request("tiny/")[2])
    assert site.url + "tiny/?a=1" == urllib.request.urlopen(site.url + "tiny?a=1").url
    assert site.request("tiny")[0] == 200  # redirected
    status, headers, script = site.request("livereload.js")
    assert status == 200 and b"LiveReload" in script
    assert site.request("../../etc/passwd")[0] == 404


def test_a_missing_url_gets_the_404_page_whose_links_work_on_the_server(server):
    site, _ = server  # the project's base_url is https://test.example/sub/
    status, page = site.get("2023/04/old-link/")
    assert status == 404
    assert "<h1>Page not found</h1>" in page
    assert len(SCRIPT_TAG.findall(page)) == 1
    links = re.findall(r'(?:href|src|data-index)="(/sub/[^"]*)"', page)
    assert len(links) > 10
    root = site.url.removesuffix("/")
    for link in links:
        with urllib.request.urlopen(root + link, timeout=DEADLINE) as response:
            assert response.status == 200, link
    assert site.get("tiny/")[0] == 200  # and the site stays at the root too
    assert site.get("sub/tiny/")[0] == 200


def test_a_new_dot_markdown_file_and_a_bundle_are_served(server):
    site, project = server
    jekyll, bundle = site.tab("jekyll/"), site.tab("sub/bundle/")  # the 404 page, for now
    project.write("content/jekyll.markdown", MINIMAL_ARTICLE.replace("A tiny article", "Jekyll"))
    assert jekyll.next_command() == reload_of("/jekyll/")
    assert "<h1>Jekyll</h1>" in site.get("jekyll/")[1]
    project.write("content/bundle/index.md", MINIMAL_ARTICLE.replace("A tiny article", "Bundle"))
    assert bundle.next_command() == reload_of("/sub/bundle/")
    assert "<h1>Bundle</h1>" in site.get("bundle/")[1]


class SteppedWatcher(Watcher):
    """serve's watcher, each of whose looks at the files waits for the test's go-ahead, so a
    test can save files between two looks exactly as it means to."""

    def __init__(self, paths) -> None:
        self.builds: queue.Queue[int] = queue.Queue()
        super().__init__(paths, lambda: self.builds.put(1))
        self.may_look = threading.Semaphore(0)
        self.looked = threading.Semaphore(0)

    def snapshot(self) -> dict:
        self.may_look.acquire()
        try:
            return super().snapshot()
        finally:
            self.looked.release()

    def look(self) -> None:
        """Let the watcher look once, and wait until it has."""
        self.may_look.release()
        assert self.looked.acquire(timeout=DEADLINE), f"waited {DEADLINE:.0f} s for a look"

    def build_count(self) -> int:
        return self.builds.qsize()


def test_a_burst_of_saves_is_one_build(project):
    article = project.write("content/tiny.md", MINIMAL_ARTICLE)
    watcher = SteppedWatcher(lambda: [project.root / "content"])
    watcher.start()
    try:
        watcher.look()  # what the files were when serve started
        for number in range(1, 6):  # a save between each two looks: the burst goes on
            article.write_text(MINIMAL_ARTICLE + "Saved." * number, "utf-8")  # size differs
            watcher.look()
        assert watcher.build_count() == 0  # still in the burst
        watcher.look()  # nothing changed since the last look: the burst is over
        assert watcher.builds.get(timeout=DEADLINE) == 1
        for _ in range(3):
            watcher.look()  # nothing saved: no build
        assert watcher.build_count() == 0
        article.write_text(MINIMAL_ARTICLE + "One more save.", "utf-8")
        watcher.look()  # the change
        watcher.look()  # quiet again
        assert watcher.builds.get(timeout=DEADLINE) == 1
    finally:
        watcher.stop()
        watcher.may_look.release()  # a look it may be waiting for
        watcher.join(DEADLINE)


class SteppedInotifyWatcher(InotifyWatcher):
    """serve's inotify watcher, each of whose waits for the kernel's events first waits for
    the test's go-ahead."""

    def __init__(self, paths) -> None:
        self.builds: queue.Queue[int] = queue.Queue()
        super().__init__(paths, lambda: self.builds.put(1))
        self.may_look = threading.Semaphore(0)
        self.looked = threading.Semaphore(0)

    def readable(self, timeout: float) -> bool:
        self.may_look.acquire()
        try:
            return super().readable(0)  # the kernel queued the events as the files were saved
        finally:
            self.looked.release()

    look = SteppedWatcher.look
    build_count = SteppedWatcher.build_count


@pytest.fixture
def inotify_watcher(project) -> Iterator[SteppedInotifyWatcher]:
    root = project.root
    watcher = SteppedInotifyWatcher(lambda: [root / "content", root / "templates",
                                             root / "pyproject.toml"])
    watcher.start()
    yield watcher
    watcher.stop()
    for _ in range(3):
        watcher.may_look.release()  # the looks it may be waiting for
    watcher.join(DEADLINE)


def test_inotify_a_burst_of_saves_is_one_build(project, inotify_watcher):
    watcher = inotify_watcher
    article = project.write("content/tiny.md", MINIMAL_ARTICLE)
    for number in range(1, 6):
        article.write_text(MINIMAL_ARTICLE + "Saved." * number, "utf-8")
    watcher.look()  # the kernel's events for all six saves, read at once
    assert watcher.build_count() == 0  # still in the burst
    project.write("pyproject.toml", project.root.joinpath("pyproject.toml").read_text() + "\n")
    watcher.look()  # one more save: still in the burst
    assert watcher.build_count() == 0
    (project.root / "site").mkdir()
    (project.root / "site" / "index.html").write_text("not watched")  # nor seen: the burst
    project.write("content-notes.md", "not watched either")
    watcher.look()  # those events, of no watched path
    watcher.look()  # nothing more: the burst is over
    assert watcher.builds.get(timeout=DEADLINE) == 1
    assert set(watcher.last_burst) == {str(article), str(project.root / "pyproject.toml")}


def test_inotify_sees_new_folders_and_what_is_saved_in_them(project, inotify_watcher):
    watcher = inotify_watcher
    saves = [project.write("content/bundle/index.md", MINIMAL_ARTICLE),
             project.write("templates/article.html", "{{ article.title }}")]
    watcher.look()
    watcher.look()  # quiet: the burst is over
    assert watcher.builds.get(timeout=DEADLINE) == 1
    saves.append(project.write("content/bundle/notes.md", MINIMAL_ARTICLE))
    saves.append(project.write("templates/list.html", "{{ title }}"))
    watcher.look()
    watcher.look()
    assert watcher.builds.get(timeout=DEADLINE) == 1
    assert set(watcher.last_burst) == {str(path) for path in saves[2:]}


def test_a_port_in_use_is_one_line_naming_it_and_the_way_out(make_project, capsys):
    project = make_project({"content/tiny.md": MINIMAL_ARTICLE})
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["--root", str(project.root), "serve", "--port", str(port)]) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"error: cannot serve on 127.0.0.1 port {port}: the port is in "
                              "use (another server, or serve already running?). Choose another "
                              "port with --port N (--port 0 picks a free one)\n")
    assert not (project.root / "site").exists()  # said before building anything


def test_ctrl_c_stops_serve_at_once_and_quietly(make_project):
    project = make_project({"content/tiny.md": MINIMAL_ARTICLE})
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "--root", str(project.root), "serve",
         "--port", "0"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # as a terminal has it
    try:
        while "Serving" not in (line := process.stderr.readline()):
            assert line, "serve stopped before serving"
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=DEADLINE) == 0
        assert process.stderr.read() == ""  # no traceback
    finally:
        process.kill()
        process.wait(timeout=DEADLINE)
        process.stderr.close()
