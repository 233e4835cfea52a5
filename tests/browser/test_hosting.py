"""The README's nginx set-up, run as written in Debian's nginx, and read in Chromium.

The example site is built for https://example.org/reading/ and served by a non-daemon
nginx on a free loopback port with the README's ```nginx block as its server; only the
folder it names (/srv/footnoted/site/) is replaced by a copy of the site, readable by the
user nginx's workers run as. Without /usr/sbin/nginx this skips locally and fails in CI.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest

from footnoted.pages.assets import asset_names
from footnoted.settings import load_settings

from ..readme import nginx_snippet
from .conftest import DESKTOP, PageProblems, build_example, require

NGINX = Path("/usr/sbin/nginx")
README_FOLDER = "/srv/footnoted/site/"
DEEP_MISSING = "2023/04/old-link/"  # three levels below the prefix
DEADLINE = 30.0  # seconds for a page's requests; only reached when something is wrong
YEAR_LONG = "public, max-age=31536000, immutable"
# Computed styles that differ from Chromium's defaults when style.css applies.
STYLED = """() => ({
  header: getComputedStyle(document.querySelector('.site-header')).display,
  measure: getComputedStyle(document.querySelector('main')).maxWidth,
  font: getComputedStyle(document.documentElement).fontFamily.split(',')[0],
  headings: getComputedStyle(document.querySelector('h1')).fontFamily,
})"""

NGINX_CONF = """\
daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    server {{
        listen 127.0.0.1:{port};
{snippet}
    }}
}}
"""


@dataclass(frozen=True)
class Hosted:
    url: str  # the site's address on the running nginx, ending in "/reading/"
    project: Path  # the built project, for the names of its fingerprinted files
    site: Path  # the copy nginx serves


def readme_prefix(snippet: str) -> str:
    return re.search(r"^location (/\S+/) \{$", snippet, re.M).group(1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def readable_copy(site: Path, folder: Path) -> Path:
    """The site copied where nginx's workers (nobody, www-data) may read it: pytest's
    temporary folders are private to the user running the tests."""
    copy = folder / "site"
    shutil.copytree(site, copy)
    folder.chmod(0o755)
    for path in [copy, *copy.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return copy


def wait_until_listening(server: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"nginx exited ({server.returncode}): {log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"nginx did not listen on port {port}: {log.read_text()}")


@pytest.fixture(scope="module")
def hosted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hosted]:
    require(NGINX.exists(), f"Debian's nginx ({NGINX})",
            "install it as root with `apt-get install -y nginx`")
    snippet = nginx_snippet()
    assert README_FOLDER in snippet
    prefix = readme_prefix(snippet)
    project = tmp_path_factory.mktemp("hosted")
    built = build_example(project, f"https://example.org{prefix}")
    folder = Path(tempfile.mkdtemp(prefix="footnoted-nginx-"))
    try:
        site = readable_copy(built, folder)
        port = free_port()
        served = snippet.replace(README_FOLDER, f"{site}/")
        config = folder / "nginx.conf"
        config.write_text(NGINX_CONF.format(folder=folder, port=port,
                                            snippet=re.sub("(?m)^", " " * 8, served)))
        log = folder / "error.log"
        server = subprocess.Popen([str(NGINX), "-p", str(folder), "-c", str(config),
                                   "-e", str(log)], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        try:
            wait_until_listening(server, port, log)
            url = f"http://127.0.0.1:{port}{prefix}"
            if http_get(url)[0] == 403:
                pytest.fail(f"nginx's workers may not read {site}: every folder above it must be "
                            f"world-searchable (is TMPDIR private?): {log.read_text()}")
            yield Hosted(url, project, site)
        finally:
            server.terminate()
            server.wait(timeout=15)
    finally:
        shutil.rmtree(folder)


class Traffic:
    """A browser context's requests under way, to wait until every one has ended: a request
    still under way when a test clicks away or closes the page would be cut off, and reported
    as failed though the server did nothing wrong."""

    def __init__(self, context) -> None:
        self.open: set = set()
        context.on("request", lambda request: self.open.add(request))
        context.on("requestfinished", lambda request: self.open.discard(request))
        context.on("requestfailed", lambda request: self.open.discard(request))

    def settle(self, page) -> None:
        """Wait until the page's search box has its index (when it has one) and no request of
        the context is under way."""
        if page.locator("#search-form").count():
            page.wait_for_selector("#search-form[data-ready]", timeout=DEADLINE * 1000)
        end = time.monotonic() + DEADLINE
        while self.open:
            if time.monotonic() > end:
                pytest.fail(f"waited {DEADLINE:.0f} s for the requests of {page.url} to end: "
                            + ", ".join(sorted(request.url for request in self.open)))
            page.wait_for_timeout(20)  # Playwright hands its events over while it waits


def is_favicon(request) -> bool:
    return "/static/favicon." in request.url


@pytest.fixture
def open_hosted(browser, hosted: Hosted):
    """open_hosted(path) -> (page, response): a page from nginx, loaded with every request it
    makes (the favicon, which Chromium asks for after the load event; the search index); its
    problems fail the test."""
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(hosted.url))
    watched = []

    def open_one(path: str):
        context = browser.new_context(viewport=DESKTOP)
        problems = PageProblems(origin)
        problems.watch(context)
        traffic = Traffic(context)
        failed: list[str] = []
        context.on("requestfailed", lambda request: failed.append(f"failed: {request.url}"))
        context.on("response", lambda response: failed.append(f"{response.status}: {response.url}")
                   if response.status >= 400 and response.request.resource_type != "document"
                   else None)
        page = context.new_page()
        watched.append((context, page, traffic, problems, failed))
        with page.expect_request_finished(is_favicon, timeout=DEADLINE * 1000):
            response = page.goto(hosted.url + path)
        traffic.settle(page)
        return page, response

    yield open_one
    found = []
    for context, page, traffic, problems, failed in watched:
        traffic.settle(page)  # what a test's last click started
        # Chromium reports a 404 document on the console; any other message is a problem.
        found += [p for p in problems.found if "status of 404" not in p] + failed
        context.close()
    assert found == [], "\n".join(found)


def http_get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_front_page_and_an_article_are_served_styled(open_hosted):
    page, response = open_hosted("")
    assert response.status == 200
    styles = page.evaluate(STYLED)  # Chromium's defaults: block, none, Times New Roman
    assert (styles["header"], styles["font"], styles["headings"]) == (
        "grid", "Literata", "system-ui, sans-serif")
    assert styles["measure"].endswith("px")
    page.get_by_role("link", name="How This Site Shows Its Sources").first.click()
    assert page.url.endswith("/reading/how-footnoted-works/")
    assert page.get_by_role("heading", name="Sources", exact=True).is_visible()
    page.get_by_role("link", name="Русский").click()
    assert page.url.endswith("/reading/kak-footnoted-pokazyvaet-istochniki/")
    assert page.locator("html").get_attribute("lang") == "ru"


def test_a_missing_url_three_levels_deep_gets_the_styled_404_page(open_hosted):
    front, _ = open_hosted("")
    page, response = open_hosted(DEEP_MISSING)
    assert response.status == 404
    assert page.url.endswith(f"/reading/{DEEP_MISSING}")  # served there, not redirected
    assert page.locator("h1").inner_text() == "Page not found"
    assert page.evaluate(STYLED) == front.evaluate(STYLED)
    assert page.locator(".theme-toggle").is_visible()  # footnoted.js ran: it unhides the button
    page.locator(".theme-toggle").click()
    assert page.locator("html").get_attribute("data-theme") in ("light", "dark")
    assert page.locator('section[lang="ru"] h2').inner_text() == "Страница не найдена"


@pytest.mark.parametrize(("link", "lands_on", "heading"), [
    ("footnoted", "", "Latest articles"),
    ("Front page of footnoted", "", "Latest articles"),
    ("Sources", "sources/", "Sources"),
    ("Archive", "archive/", "Archive"),
    ("Search", "search/", "Search"),
])
def test_links_on_the_deep_404_page_lead_into_the_site(open_hosted, hosted, link, lands_on,
                                                       heading):
    page, _ = open_hosted(DEEP_MISSING)
    with page.expect_navigation() as navigation:
        page.get_by_role("link", name=link, exact=True).first.click()
    assert navigation.value.status == 200
    assert page.url == hosted.url + lands_on
    assert page.locator("h1").first.inner_text() == heading


def test_the_search_box_on_the_deep_404_page_finds_and_opens_an_article(open_hosted, hosted):
    page, _ = open_hosted(DEEP_MISSING)
    page.wait_for_selector("#search-form[data-ready]")
    page.fill("#search-input", "digital summonses")
    page.wait_for_selector("#search-results li")
    with page.expect_navigation() as navigation:
        page.locator("#search-results h2 a").first.click()
    assert navigation.value.status == 200
    assert page.url == hosted.url + "anything-but-more-mobilization/"


def test_only_fingerprinted_files_are_cached_for_a_year(hosted):
    fingerprinted = sorted(asset_names(load_settings(hosted.project)).items())
    assert len(fingerprinted) >= 5
    for plain, named in fingerprinted:
        status, headers, _ = http_get(hosted.url + named)
        assert (status, headers.get("Cache-Control")) == (200, YEAR_LONG), named
        status, headers, _ = http_get(hosted.url + plain)
        assert (status, headers.get("Cache-Control")) == (200, None), plain
    for path in ["", "sources/", "feed.xml", "search/index.json", "404.html"]:
        assert http_get(hosted.url + path)[1].get("Cache-Control") is None, path
    status, headers, body = http_get(hosted.url + "static/style.0123456789.css")
    assert status == 404 and b"Page not found" in body  # a stale name gets our 404 page


def test_feeds_index_and_pages_are_sent_with_their_types(hosted):
    feeds = sorted(p.relative_to(hosted.site).as_posix() for p in hosted.site.rglob("feed.xml"))
    assert len(feeds) > 10  # the site's, and one per tag, author and section
    for path in feeds:
        status, headers, body = http_get(hosted.url + path)
        assert (status, headers["Content-Type"]) == (200, "application/atom+xml"), path
        feed = feedparser.parse(BytesIO(body), response_headers={
            name.lower(): value for name, value in headers.items()})
        assert not feed.bozo and feed.version == "atom10", path
    expected = {"search/index.json": "application/json", "sitemap.xml": "text/xml; charset=utf-8",
                "": "text/html; charset=utf-8", "robots.txt": "text/plain; charset=utf-8",
                DEEP_MISSING: "text/html; charset=utf-8"}
    for path, content_type in expected.items():
        assert http_get(hosted.url + path)[1]["Content-Type"] == content_type, path


def test_the_prefix_without_its_slash_redirects_to_the_front_page(hosted):
    with urllib.request.urlopen(hosted.url.removesuffix("/")) as response:
        assert response.url == hosted.url and response.status == 200
