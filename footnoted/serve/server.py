"""`python build.py serve`: build, serve the site locally, rebuild on every save, reload the tabs
whose page changed.

One process keeps everything warm: a tornado server answers on the main thread, a watcher
(watch.py: inotify, or polling where there is none) turns a burst of saves into one request
for a build, and the builder's thread (builder.py) builds in this process and hands the
outcome to the server's loop. The tabs reload through the LiveReload protocol with
`livereload`'s own pieces: its WebSocket handler at /livereload and its client script at
/livereload.js, which every HTML page loads with an external script tag, so the pages'
Content-Security-Policy (no inline script; connect-src 'self') holds. After a build, only
the tabs whose page was written anew (or all, when a stylesheet, script, font or image was)
are told to reload, and the files that did not change are answered 304 Not Modified.

While the last build failed, every URL shows the list of problems; the next good build brings
the site back. The server itself never stops on an error.
"""

from __future__ import annotations

import asyncio
import errno
import html
import mimetypes
import os
import posixpath
import socket
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from jinja2 import Environment, FileSystemLoader
from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from markupsafe import Markup
from tornado import escape, web
from tornado.httpserver import HTTPServer
from tornado.ioloop import IOLoop
from tornado.websocket import WebSocketHandler

from ..pages.render import site_path
from ..settings import Settings
from .builder import Builder, Builds, Outcome
from .watch import make_watcher

PREFIX = "/__footnoted__/"  # the server's own files but livereload's; no page lives there
EXIT_CANNOT_SERVE = 2  # as for a missing project: nothing was built
NOT_FOUND = "404.html"  # the site's page for a missing URL
EMBEDDED = {".css", ".js", ".mjs", ".woff", ".woff2", ".ttf", ".otf", ".svg", ".png", ".jpg",
            ".jpeg", ".gif", ".webp", ".avif", ".ico"}  # a change here may show on any page
ERROR_STYLE = b"""\
body { font: 1rem/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 50rem; padding: 0 1rem; }
h1 { color: #a00; }
li { margin-bottom: .75rem; }
code { font-weight: bold; }
"""
SERVER_PAGES = Environment(  # the server's own pages, which no theme overrides
    loader=FileSystemLoader(Path(__file__).parent / "pages"), autoescape=True,
    trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    finalize=lambda value: Markup(html.escape(value)) if type(value) is str else value)


class Site:
    """What the server shows, as of the latest build; owned by the server's loop."""

    def __init__(self, outcome: Outcome, port: int) -> None:
        self.port = port
        self.script_tag = f'<script src="/livereload.js?port={port}"></script>'.encode()
        self.settings = outcome.settings
        self.problems = outcome.problems  # the latest build's errors; empty when it succeeded

    @property
    def output(self) -> Path:
        return self.settings.output

    def site_file(self, url_path: str) -> str | None:
        """The site's file for a URL's path ("tiny/index.html" for /tiny/ and for
        /sub/tiny/ when base_url's path is /sub/), or None. The site is served at the root
        and under base_url's path, as its host will serve it: the 404 page links there."""
        mount = site_path(self.settings.base_url)
        if mount != "/" and url_path.startswith(mount):
            url_path = "/" + url_path[len(mount):]
        name = posixpath.normpath(unquote(url_path)).lstrip("/")
        if name in (".", ""):
            name = "index.html"
        elif url_path.endswith("/"):
            name += "/index.html"
        if name.startswith("..") or "\0" in name:
            return None
        return name if os.path.isfile(self.output / name) else None

    def with_reload_script(self, page: bytes) -> bytes:
        return page.replace(b"</head>", self.script_tag + b"\n</head>", 1)

    def error_page(self) -> bytes:
        """The page every URL shows while the last build failed: its problems, as in the
        terminal."""
        return SERVER_PAGES.get_template("build-failed.html").render(
            prefix=PREFIX, script=Markup(self.script_tag.decode()),
            problems=self.problems).encode()

    def announce(self, outcome: Outcome) -> None:
        """Take the outcome of a build and tell the tabs it changed to reload."""
        everything = bool(outcome.problems or self.problems) or any(
            posixpath.splitext(name)[1] in EMBEDDED for name in outcome.rewritten)
        self.settings, self.problems = outcome.settings, outcome.problems
        for tab in list(LiveReloadHandler.waiters):
            if isinstance(tab, ReloadSocket) and tab.site is self:
                shown = tab.shown
                tab.look()
                if everything or tab.shown != shown or tab.shown in outcome.rewritten:
                    tab.send_message({"command": "reload", "path": tab.url_path,
                                      "liveCSS": False, "liveImg": False})


class ReloadSocket(LiveReloadHandler):
    """livereload's WebSocket handler (the protocol's handshake, its set of waiting tabs)
    told which page its tab shows, from the URL the client sends in its `info` message."""

    def initialize(self, site: Site) -> None:
        self.site = site
        self.url_path = "/"
        self.shown: str | None = None  # the site's file the tab shows; None: the 404 page

    def check_origin(self, origin: str) -> bool:
        """Only the served pages may connect (livereload's handler lets any origin in)."""
        return WebSocketHandler.check_origin(self, origin)

    def on_message(self, message: str | bytes) -> None:
        super().on_message(message)
        data = escape.json_decode(message)
        if data.get("command") == "info" and isinstance(data.get("url"), str):
            self.url_path = urlsplit(data["url"]).path or "/"
            self.look()

    def look(self) -> None:
        self.shown = self.site.site_file(self.url_path)


class SiteHandler(web.RequestHandler):
    """The built site's files, with the reload script in each HTML page; the problems while
    a build fails; the site's 404 page for a missing URL."""

    def initialize(self, site: Site) -> None:
        self.site = site

    def get(self, path: str) -> None:
        self.answer(body=True)

    def head(self, path: str) -> None:
        self.answer(body=False)

    def answer(self, body: bool) -> None:
        site = self.site
        if site.problems:
            return self.send(500, "text/html; charset=utf-8", site.error_page(), body)
        url_path = self.request.path
        name = site.site_file(url_path)
        if name is None and not url_path.endswith("/") and \
                site.site_file(url_path + "/") is not None:
            query = f"?{self.request.query}" if self.request.query else ""
            return self.redirect(url_path + "/" + query, permanent=True)
        if name is None:
            page = site.output / NOT_FOUND
            data = site.with_reload_script(page.read_bytes()) if page.is_file() \
                else b"404: Not Found\n"
            return self.send(404, "text/html; charset=utf-8", data, body)
        data = (site.output / name).read_bytes()
        kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if kind == "text/html":
            data, kind = site.with_reload_script(data), "text/html; charset=utf-8"
        self.send(200, kind, data, body)

    def send(self, status: int, kind: str, data: bytes, body: bool) -> None:
        """Answer `data`; a GET whose ETag (of these bytes) the browser has gets 304."""
        self.set_status(status)
        self.set_header("Content-Type", kind)
        if body:
            self.finish(data)
        else:
            self.set_header("Content-Length", str(len(data)))
            self.finish()

    def set_default_headers(self) -> None:
        self.set_header("Cache-Control", "no-cache")  # kept, but asked about on every load


class ErrorStyle(web.RequestHandler):
    def get(self) -> None:
        self.set_header("Content-Type", "text/css; charset=utf-8")
        self.finish(ERROR_STYLE)


def make_app(site: Site) -> web.Application:
    return web.Application([
        (r"/livereload", ReloadSocket, {"site": site}),
        (r"/livereload\.js", LiveReloadJSHandler),
        (PREFIX + r"errors\.css", ErrorStyle),
        (r"/(.*)", SiteHandler, {"site": site}),
    ], log_function=lambda handler: None)  # one line per request would drown the reports


def why_not_bound(failure: OSError) -> str:
    """The reason a server could not listen, in words (the errno's name is for programs)."""
    reasons = {errno.EADDRINUSE: "the port is in use (another server, or serve already "
                                 "running?)",
               errno.EACCES: "permission denied (ports below 1024 need root)",
               errno.EADDRNOTAVAIL: "that address is not one of this machine's"}
    return reasons.get(failure.errno, failure.strerror or str(failure))


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000, drafts: bool = False,
          listing_command: str = "footnoted check", verbose: bool = False,
          quiet: bool = False) -> int:
    builds = Builds(settings, drafts, listing_command, verbose, quiet)
    try:  # before the first build, so a port in use is said at once
        listening = listen(host, port)
    except OSError as failure:
        print(f"error: cannot serve on {host} port {port}: {why_not_bound(failure)}. "
              "Choose another port with --port N (--port 0 picks a free one)", file=sys.stderr)
        return EXIT_CANNOT_SERVE
    first = builds.build(processes=0)  # may use every core; no threads run yet
    try:
        asyncio.run(_serve_forever(builds, first, listening, host))
    except KeyboardInterrupt:
        pass
    finally:
        listening.close()
    return 0


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on `host` and `port` (0: any free one), closed if it cannot."""
    family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    listening = socket.create_server((host, port), family=family)
    listening.setblocking(False)
    return listening


async def _serve_forever(builds: Builds, first: Outcome, listening: socket.socket,
                         host: str) -> None:
    site = Site(first, listening.getsockname()[1])
    server = HTTPServer(make_app(site))
    server.add_sockets([listening])
    loop = IOLoop.current()
    builder = Builder(builds, lambda outcome: loop.add_callback(site.announce, outcome))
    watcher = make_watcher(builds.watched_paths, builder.request)
    builder.start()
    watcher.start()
    print(f"Serving {site.settings.output_dir}/ at http://{host}:{site.port}/ "
          "(Ctrl-C to stop)", file=sys.stderr, flush=True)
    try:
        await asyncio.Event().wait()  # until Ctrl-C
    finally:
        watcher.stop()
        builder.stop()
        server.stop()
