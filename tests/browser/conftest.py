"""Browser fixtures: one built site served under a sub-path, one Chromium for the session.

The site is the repo's content plus `notes-workout.md`, an article that uses every kind of
source and note, and `headings-workout.md` (heading ids, contents, links between articles).
It is served from a local http.server thread at /sub/path/ so every test also proves the
pages work under a path prefix. Without Chromium, Java or `npm ci`'s node_modules these
tests skip on a developer's machine and fail in CI (env CI set).
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from footnoted.cli import main

from ..conftest import REPO, copy_example_site

CHROMIUM = Path("/usr/bin/chromium")
NODE_MODULES = REPO / "node_modules"
PREFIX = "/sub/path/"
WORKOUT = Path(__file__).with_name("notes-workout.md")
HEADINGS = Path(__file__).with_name("headings-workout.md")
# Long URLs and words, scrolling code, raw HTML, an embed and an image from elsewhere.
LONG_LINES = Path(__file__).with_name("long-lines.md")
# A page in a folder of a folder, with images from outside its folder.
NESTED = Path(__file__).with_name("nested-page.md")
NESTED_PLACE = "guides/deep/nested-page.md"
ARTICLES = ["anything-but-more-mobilization/", "how-footnoted-works/",
            "kak-footnoted-pokazyvaet-istochniki/", "notes-workout/", "long-lines/"]
PAGES = ["", "404.html", "sources/", "search/", *ARTICLES]  # a sample; checkers see every page
DESKTOP = {"width": 1440, "height": 900}
MOBILE = {"width": 390, "height": 844}


def require(present: bool, what: str, install: str) -> None:
    """Skip when a checker is missing, saying how to install it, except in CI, where a
    skipped check is a failure."""
    if present:
        return
    missing = f"{what} is missing: {install} (README: Two commands)"
    if os.environ.get("CI"):
        pytest.fail(f"{missing}; CI must run the browser checks (.ci/run installs them)")
    pytest.skip(missing)


def build_example(root: Path, base_url: str) -> Path:
    """The example site plus the workout article, built in `root` for a site at `base_url`
    (which the 404 page's links start from); returns the site folder."""
    copy_example_site(root)
    pyproject = root / "pyproject.toml"
    settings, replaced = re.subn(r"(?m)^base_url = .*$", f'base_url = "{base_url}"',
                                 pyproject.read_text("utf-8"))
    assert replaced == 1, "the example site's pyproject.toml should set base_url once"
    pyproject.write_text(settings, encoding="utf-8")
    shutil.copy(WORKOUT, root / "content" / WORKOUT.name)
    shutil.copy(HEADINGS, root / "content" / HEADINGS.name)
    shutil.copy(LONG_LINES, root / "content" / LONG_LINES.name)
    (root / "content" / NESTED_PLACE).parent.mkdir(parents=True)
    shutil.copy(NESTED, root / "content" / NESTED_PLACE)
    assert main(["--root", str(root), "build"]) == 0
    return root / "site"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_example(tmp_path_factory.mktemp("browser-site"), f"https://example.org{PREFIX}")


class PrefixedHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site only under PREFIX, as a host that puts it in a sub-folder would."""

    def translate_path(self, path: str) -> str:
        route = urlsplit(path).path
        if not route.startswith(PREFIX):
            return str(Path(self.directory) / "no-such-file")
        return super().translate_path("/" + route.removeprefix(PREFIX))

    def log_message(self, format: str, *args) -> None:
        pass  # keep the test output quiet


def every_page(site: Path) -> list[str]:
    """Each HTML page a reader stays on, as a path below the site's root URL: an old
    address's redirect page leaves at once (the Nu checker reads those files)."""
    pages = sorted(page for page in site.rglob("*.html")
                   if 'http-equiv="refresh"' not in page.read_text("utf-8"))
    return [page.relative_to(site).as_posix().removesuffix("index.html") for page in pages]


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    handler = functools.partial(PrefixedHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}{PREFIX}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    require(CHROMIUM.exists(), f"Debian's chromium ({CHROMIUM})",
            "install it as root with `apt-get install -y chromium`")
    require(importlib.util.find_spec("playwright") is not None, "Playwright for Python",
            "install it with `python -m pip install -e '.[test]'`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


class PageProblems:
    """Console errors, uncaught exceptions and requests to other hosts, for one context."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.found: list[str] = []

    def watch(self, context) -> None:
        context.on("page", self.watch_page)
        context.on("request", self.check_request)

    def watch_page(self, page) -> None:
        page.on("console", lambda message: self.console(page, message))
        page.on("pageerror", lambda error: self.found.append(f"{page.url}: uncaught {error}"))

    def console(self, page, message) -> None:
        if message.type in ("error", "warning"):
            self.found.append(f"{page.url}: console {message.type}: {message.text}")

    def check_request(self, request) -> None:
        if not request.url.startswith(self.origin):
            self.found.append(f"request to another host: {request.url}")


@pytest.fixture
def open_context(browser, site_url: str):
    """open_context(**options) -> a new browser context whose problems fail the test."""
    contexts = []
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(site_url))

    def open_one(**options):
        context = browser.new_context(**options)
        problems = PageProblems(origin)
        problems.watch(context)
        contexts.append((context, problems))
        return context

    yield open_one
    found = [problem for _, problems in contexts for problem in problems.found]
    for context, _ in contexts:
        context.close()
    assert found == [], "\n".join(found)


@pytest.fixture
def open_page(open_context, site_url: str):
    """open_page(path, **context options) -> a loaded page of the site."""

    def open_one(path: str, **options):
        page = open_context(**options).new_page()
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        return page

    return open_one
