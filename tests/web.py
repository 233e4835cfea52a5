"""A local HTTP server that plays the web archive and the live web for the network commands.

The archive: `/wayback/available` (the availability API's JSON), `/web/STAMP/URL` (snapshots)
and `/save/URL` (a capture, redirecting to its snapshot). The live web, under `/live/`:

    ok        200, the page as archived          moved     301 to another host (localhost)
    gone      404                                removed   410
    slow      answers after SLOW seconds         flaky     503 once, then 200
    down      503, always
    changed   200, but its text was rewritten    new       200, never archived

Pages that say what they are, for `sources`, under `/meta/` (their archived copies are the
same pages): `og`, `jsonld`, `highwire` (one kind of metadata each), `none` (a bare page),
`dead` (404; its archived copy has Open Graph tags) and `redirect` (301 to `og`). Under
`/many/N` any number of pages with Open Graph tags, for timing `sources` on many sources.

Every request is logged, so a test can say what was asked and how often. `hold_after` lets a
test stop a command at a point it chooses: the server answers a number of matching requests,
then holds the next one open until the test lets it go (after its Ctrl-C, say).
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

SLOW = 2.0  # longer than the tests' timeouts
HOLD_LIMIT = 60.0  # seconds a held request waits at most, should a test forget to let it go
STAMP = "20230312101500"

PARAGRAPHS = [
    "The State Duma quietly introduced the bill, which obliged all men eligible for military "
    "service to report to recruitment offices even without receiving an official summons.",
    "Deputies approved the bill in its second reading two days before the start of the war, "
    "and a third reading was planned for March of the following year.",
    "After the invasion the bill caused a huge outcry. It was put on pause, and conscription "
    "rules remained unchanged while the war went on and the state counted its resources.",
    "Regional authorities receive an annual quota from the Defense Ministry for the number of "
    "contract soldiers they will be required to provide, and the quota has grown this year.",
]
REWRITTEN = [
    "Our newsletter brings you the best recipes for summer salads, with fresh cucumbers, "
    "dill and a generous spoon of sour cream from the local market every single morning.",
    "Subscribe today and get a free cookbook with forty dishes from the northern regions, "
    "including smoked fish, berry pies and the famous mushroom soup of the old villages.",
    "Readers' letters: how to keep basil alive on a windowsill through the long winter, and "
    "why tomatoes from the greenhouse taste different from those grown in the open field.",
]


def meta_page(head: str, title: str = "Untitled", lang: str = "") -> bytes:
    """A page with `head` in its <head>: the metadata under test."""
    lang = f' lang="{lang}"' if lang else ""
    body = "".join(f"<p>{text}</p>\n" for text in PARAGRAPHS)
    return (f"<!doctype html><html{lang}><head><title>{title}</title>{head}</head><body>"
            f"<article><h1>{title}</h1>\n{body}</article></body></html>").encode()


JSON_LD = json.dumps({
    "@context": "https://schema.org", "@type": "NewsArticle",
    "headline": "Duma drafts a summons bill", "datePublished": "2022-02-18T09:00:00+03:00",
    "author": [{"@type": "Person", "name": "Ann Lee"}, {"@type": "Person", "name": "Ivan Petrov"}],
    "publisher": {"@type": "Organization", "name": "The Moscow Ledger"}, "inLanguage": "ru"})
META = {
    "og": meta_page('<meta property="og:title" content="Recruitment offices get new powers">'
                    '<meta property="og:site_name" content="Daily Example">'
                    '<meta property="article:published_time" content="2023-03-01T10:00:00Z">'
                    '<meta property="og:locale" content="en_GB">', "Recruitment | Daily Example"),
    "jsonld": meta_page(f'<script type="application/ld+json">{JSON_LD}</script>',
                        "ledger page"),
    "highwire": meta_page('<meta name="citation_title" content="Conscription in Practice">'
                          '<meta name="citation_author" content="Smith, Jane">'
                          '<meta name="citation_author" content="Doe, John">'
                          '<meta name="citation_publication_date" content="2021/06/30">'
                          '<meta name="citation_journal_title" content="Journal of Drafts">',
                          "Journal page", lang="en"),
    "none": b"<!doctype html><html><body><p>Nothing about itself.</p></body></html>",
    "dead": meta_page('<meta property="og:title" content="The page that died">'
                      '<meta property="og:site_name" content="Gone Gazette">',
                      "The page that died"),
}


def page(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{text}</p>\n" for text in paragraphs)
    return (f"<!doctype html><html><head><title>{title}</title></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            f"<article><h1>{title}</h1>\n{body}</article>"
            f"<footer>Copyright the publisher</footer></body></html>").encode()


class WebHandler(BaseHTTPRequestHandler):
    server: FakeWeb

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        self.server.log.append(self.path)
        self.server.maybe_hold(self.path)
        with self.server.lock:
            self.server.in_flight += 1
            self.server.most_at_once = max(self.server.most_at_once, self.server.in_flight)
        try:
            self.answer()
        finally:
            with self.server.lock:
                self.server.in_flight -= 1

    def answer(self) -> None:
        parts = urlsplit(self.path)
        if parts.path == "/wayback/available":
            return self.availability(parse_qs(parts.query))
        if parts.path.startswith("/web/"):
            return self.snapshot(parts.path.removeprefix("/web/"))
        if parts.path.startswith("/save/"):
            return self.save(unquote(self.path.removeprefix("/save/")))
        if parts.path.startswith("/pages/") and parts.path in self.server.pages:
            return self.reply(200, self.server.pages[parts.path])
        if parts.path.startswith("/meta/"):
            return self.meta(parts.path.removeprefix("/meta/"))
        if parts.path.startswith("/many/"):
            number = parts.path.removeprefix("/many/")
            return self.reply(200, meta_page(f'<meta property="og:title" content="Page {number}">'
                                             '<meta property="og:site_name" content="Many">'))
        return self.live(parts.path.removeprefix("/live/"))

    def meta(self, name: str) -> None:
        if name == "redirect":
            self.send_response(301)
            self.send_header("Location", "/meta/og")
            self.end_headers()
        elif name == "dead" or name not in META:
            self.reply(404, b"<p>Not here</p>")
        else:
            self.reply(200, META[name])

    def availability(self, query: dict) -> None:
        url = query.get("url", [""])[0]
        closest = {}
        if url in self.server.archived:
            closest = {"closest": {"status": "200", "available": True, "timestamp": STAMP,
                                   "url": f"{self.server.base}/web/{STAMP}/{url}"}}
        self.reply(200, json.dumps({"url": url, "archived_snapshots": closest}).encode(),
                   "application/json")

    def snapshot(self, rest: str) -> None:
        stamp, _, url = rest.partition("/")
        path = urlsplit(url).path
        if path.startswith("/meta/") and path.removeprefix("/meta/") in META:
            return self.reply(200, META[path.removeprefix("/meta/")])
        self.reply(200, page(path.removeprefix("/live/"), PARAGRAPHS))

    def save(self, url: str) -> None:
        self.server.archived.add(url)
        self.send_response(302)
        self.send_header("Location", f"{self.server.base}/web/20261201090000/{url}")
        self.end_headers()

    def live(self, name: str) -> None:
        if name == "moved":
            self.send_response(301)
            self.send_header("Location", f"http://localhost:{self.server.server_port}/live/ok")
            self.end_headers()
        elif name in ("gone", "removed"):
            self.reply(404 if name == "gone" else 410, b"<p>Not here</p>")
        elif name == "slow":
            time.sleep(SLOW)
            self.reply(200, page("slow", PARAGRAPHS))
        elif name == "down":
            self.reply(503, b"<p>Service unavailable</p>")
        elif name == "flaky" and self.first_hit(name):
            self.reply(503, b"<p>Try again</p>")
        elif name == "changed":
            self.reply(200, page("changed", REWRITTEN))
        elif name in ("ok", "flaky", "new"):
            self.reply(200, page(name, PARAGRAPHS))
        else:
            self.reply(404, b"<p>Unknown</p>")

    def first_hit(self, name: str) -> bool:
        self.server.hits[name] += 1
        return self.server.hits[name] == 1

    def reply(self, status: int, body: bytes, kind: str = "text/html; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass  # the log above is enough


@dataclass(kw_only=True)
class Hold:
    """Answer `answered` requests whose path contains `matching`, then hold the next ones."""

    matching: str
    answered: int
    seen: int = 0  # matching requests so far
    reached: threading.Event = field(default_factory=threading.Event)  # one is held now
    released: threading.Event = field(default_factory=threading.Event)  # let them all go


class FakeWeb(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), WebHandler)
        self.base = f"http://127.0.0.1:{self.server_port}"
        self.archived: set[str] = set()  # URLs the archive has a snapshot of
        self.pages: dict[str, bytes] = {}  # extra pages under /pages/, by path
        self.log: list[str] = []
        self.lock = threading.Lock()
        self.in_flight = self.most_at_once = 0  # requests being answered: now, at most
        self.hits: Counter = Counter()
        self.hold: Hold | None = None

    @contextlib.contextmanager
    def hold_after(self, answered: int, matching: str) -> Iterator[Hold]:
        """Within the block, requests matching after the first `answered` wait until
        `hold.released` is set (on leaving the block at the latest)."""
        self.hold = Hold(matching=matching, answered=answered)
        try:
            yield self.hold
        finally:
            self.hold.released.set()
            self.hold = None

    def maybe_hold(self, path: str) -> None:
        with self.lock:
            hold = self.hold
            if hold is None or hold.matching not in path:
                return
            hold.seen += 1
            if hold.seen <= hold.answered:
                return
        hold.reached.set()
        hold.released.wait(HOLD_LIMIT)

    def handle_error(self, request, client_address) -> None:
        pass  # a client that gave up on /live/slow, as it should

    def url(self, name: str) -> str:
        return f"{self.base}/live/{name}"

    def asked_about(self, url: str) -> int:
        """How many availability requests named `url`."""
        return sum(1 for path in self.log if path.startswith("/wayback/available")
                   and parse_qs(urlsplit(path).query).get("url") == [url])


def start_web() -> FakeWeb:
    web = FakeWeb()
    threading.Thread(target=web.serve_forever, daemon=True).start()
    return web


if __name__ == "__main__":  # for the README's run: python -m tests.web [ARCHIVED_URL ...]
    import sys

    web = start_web()
    web.archived.update(sys.argv[1:])
    web.archived.update(web.url(name) for name in ("ok", "moved", "gone", "slow", "changed"))
    print(web.base, flush=True)
    threading.Event().wait()
