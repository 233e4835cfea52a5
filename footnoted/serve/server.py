"""`python build.py serve`: build, serve the site locally, rebuild on every save, reload the tab.

A watcher polls content/, templates/, static/ and pyproject.toml; a burst of saves becomes one
incremental build. Open pages load /__footnoted__/reload.js (an external script, so the
pages' Content-Security-Policy holds) which listens for server-sent events and reloads the
page after each build. While the last build failed, every page is replaced by the list of
problems; the next good build brings the site back. The server itself never stops on an error.
"""

from __future__ import annotations

import errno
import html
import os
import sys
import threading
import time
from collections.abc import Callable
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from ..build.pipeline import build_site
from ..pages.render import site_path
from ..problems import BuildFailed, Problem
from ..report import held_back, plural, print_problems, print_warnings
from ..settings import Settings, load_settings

PREFIX = "/__footnoted__/"  # the server's own files; no generated page lives there
POLL_SECONDS = 0.05  # how often the watcher looks for saved files
QUIET_SECONDS = 0.05  # a burst of saves is over when nothing changed for this long
EXIT_CANNOT_SERVE = 2  # as for a missing project: nothing was built
PING_SECONDS = 10.0  # keeps idle event streams alive and notices closed tabs
RELOAD_SCRIPT = b"""\
// footnoted serve: reload this page after every build (server-sent events).
new EventSource("/__footnoted__/events").addEventListener("build", () => location.reload());
"""
ERROR_STYLE = b"""\
body { font: 1rem/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 50rem; padding: 0 1rem; }
h1 { color: #a00; }
li { margin-bottom: .75rem; }
code { font-weight: bold; }
"""
SCRIPT_TAG = f'<script src="{PREFIX}reload.js"></script>'.encode()
SERVER_PAGES = Environment(  # the server's own pages, which no theme overrides
    loader=FileSystemLoader(Path(__file__).parent / "pages"), autoescape=True,
    trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    finalize=lambda value: Markup(html.escape(value)) if type(value) is str else value)


class BuildState:
    """The outcome of the latest build, and a way to wait for the next one."""

    def __init__(self, root: Path, drafts: bool = False, listing_command: str = "footnoted check",
                 verbose: bool = False, quiet: bool = False) -> None:
        self.root = root
        self.drafts = drafts
        self.listing_command = listing_command  # named by grouped warnings
        self.verbose = verbose  # every warning listed
        self.quiet = quiet  # only errors printed
        self.settings: Settings | None = None
        self.problems: list[Problem] = []  # errors of the latest build; empty when it succeeded
        self.generation = 0  # counts finished builds
        self.changed = threading.Condition()

    @property
    def output(self) -> Path:
        return self.settings.output if self.settings else self.root / "site"

    @property
    def mount(self) -> str:
        """The path of base_url ("/reading/"), where the 404 page's links point."""
        return site_path(self.settings.base_url) if self.settings else "/"

    def rebuild(self, processes: int = 1) -> None:
        started = time.perf_counter()
        try:
            self.settings = load_settings(self.root)  # pyproject.toml may have changed
            result = build_site(self.settings, drafts=self.drafts, processes=processes)
            problems, summary = [], (f"Built {plural(result.articles, 'article')} "
                                     f"({result.changed:,} changed) in "
                                     f"{time.perf_counter() - started:.2f} s")
            summary = "; ".join(filter(None, [summary, held_back(result.drafts, result.future)]))
            warnings = result.warnings
        except BuildFailed as failure:
            problems, warnings = failure.problems, []
            summary = f"Build failed: {plural(len(problems), 'problem')}; showing them in the " \
                      "browser"
        print_problems(problems)
        if not self.quiet:
            print_warnings(warnings, self.listing_command, self.verbose)
        if problems or not self.quiet:
            print(summary, file=sys.stderr, flush=True)
        with self.changed:
            self.problems = problems
            self.generation += 1
            self.changed.notify_all()

    def wait_for_build(self, after: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.generation > after, timeout)
            return self.generation


class Watcher(threading.Thread):
    """Polls the watched files' sizes and mtimes; calls `on_change` once per burst of saves."""

    def __init__(self, paths: Callable[[], list[Path]], on_change: Callable[[], None]) -> None:
        super().__init__(daemon=True, name="footnoted-watcher")
        self.paths = paths
        self.on_change = on_change
        self.stopped = threading.Event()

    def run(self) -> None:
        seen = self.snapshot()
        while not self.stopped.wait(POLL_SECONDS):
            current = self.snapshot()
            if current == seen:
                continue
            while not self.stopped.wait(QUIET_SECONDS):  # wait for the burst to end
                seen, current = current, self.snapshot()
                if current == seen:
                    break
            self.on_change()

    def snapshot(self) -> dict[str, tuple[int, int, int]]:
        """Every watched file's mtime, size and inode (plain os calls: this runs every poll,
        and pathlib's rglob took 15 ms of each at 1,000 articles)."""
        state: dict[str, tuple[int, int, int]] = {}
        for top in self.paths():
            _add_stats(str(top), state)
        return state

    def stop(self) -> None:
        self.stopped.set()


def _add_stats(top: str, state: dict[str, tuple[int, int, int]]) -> None:
    """The stat of the file `top`, or of every file below the folder `top` (not through
    linked folders, as rglob)."""
    try:
        if not os.path.isdir(top):
            stat = os.stat(top)
            state[top] = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
            return
        entries = list(os.scandir(top))
    except OSError:
        return  # missing, or deleted while we looked: the next poll sees it gone
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            _add_stats(entry.path, state)
            continue
        try:
            stat = entry.stat()
        except OSError:
            continue
        state[entry.path] = (stat.st_mtime_ns, stat.st_size, stat.st_ino)


class Handler(SimpleHTTPRequestHandler):
    """The built site, plus the reload script and events; the problems while a build fails."""

    state: BuildState  # set by make_server

    def __init__(self, *args, state: BuildState, **kwargs) -> None:
        self.state = state
        super().__init__(*args, directory=str(state.output), **kwargs)

    def do_GET(self) -> None:
        if self.path.startswith(PREFIX):
            self.send_own_file(self.path[len(PREFIX):].split("?")[0])
        elif self.state.problems:
            self.send_bytes(HTTPStatus.INTERNAL_SERVER_ERROR, "text/html; charset=utf-8",
                            error_page(self.state.problems))
        else:
            super().do_GET()

    def send_own_file(self, name: str) -> None:
        if name == "reload.js":
            self.send_bytes(HTTPStatus.OK, "text/javascript; charset=utf-8", RELOAD_SCRIPT)
        elif name == "errors.css":
            self.send_bytes(HTTPStatus.OK, "text/css; charset=utf-8", ERROR_STYLE)
        elif name == "events":
            self.send_events()
        else:
            self.send_error(HTTPStatus.NOT_FOUND)

    def send_events(self) -> None:
        """A server-sent event named `build` after every build, until the tab goes away."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        generation = self.state.generation
        try:
            self.wfile.write(f"event: hello\ndata: {generation}\n\n".encode())
            self.wfile.flush()
            while True:
                newer = self.state.wait_for_build(generation, PING_SECONDS)
                failed = "failed" if self.state.problems else "ok"
                message = f"event: build\ndata: {newer} {failed}\n\n" if newer > generation \
                    else ": ping\n\n"
                self.wfile.write(message.encode())
                self.wfile.flush()
                generation = newer
        except OSError:
            return  # the tab was closed or reloaded

    def translate_path(self, path: str) -> str:
        """The site is served at the root and also under the path of base_url, as its host
        will serve it: the 404 page links from there."""
        mount = self.state.mount
        if mount != "/" and urlsplit(path).path.startswith(mount):
            path = "/" + path[len(mount):]
        return super().translate_path(path)

    def send_head(self):
        """Serve site files fresh every time, with the reload script in each HTML page."""
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if path.suffix != ".html" or not path.is_file():
            return super().send_head()
        data = with_reload_script(path.read_bytes())
        self.send_bytes(HTTPStatus.OK, "text/html; charset=utf-8", data, head_only=True)
        return _Body(data)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        """A missing URL gets the site's 404 page, as static hosts answer it."""
        page = self.state.output / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            return super().send_error(code, message, explain)
        self.send_bytes(HTTPStatus.NOT_FOUND, "text/html; charset=utf-8",
                        with_reload_script(page.read_bytes()), head_only=self.command == "HEAD")

    def send_bytes(self, status: HTTPStatus, kind: str, data: bytes,
                   head_only: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if not head_only:
            self.wfile.write(data)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # a reload must never show a stale page
        super().end_headers()

    def log_message(self, format: str, *args) -> None:
        pass  # one line per request would drown the build reports


class _Body:
    """The file-like object SimpleHTTPRequestHandler copies to the client."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def with_reload_script(page: bytes) -> bytes:
    return page.replace(b"</head>", SCRIPT_TAG + b"\n</head>", 1)


def error_page(problems: list[Problem]) -> bytes:
    """The page every URL shows while the last build failed: its problems, as in the terminal."""
    return SERVER_PAGES.get_template("build-failed.html").render(
        prefix=PREFIX, problems=problems).encode()


def make_server(state: BuildState, host: str, port: int) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer((host, port), partial(Handler, state=state))
    server.daemon_threads = True  # open event streams must not keep the process alive
    return server


def why_not_bound(failure: OSError) -> str:
    """The reason a server could not listen, in words (the errno's name is for programs)."""
    reasons = {errno.EADDRINUSE: "the port is in use (another server, or serve already "
                                 "running?)",
               errno.EACCES: "permission denied (ports below 1024 need root)",
               errno.EADDRNOTAVAIL: "that address is not one of this machine's"}
    return reasons.get(failure.errno, failure.strerror or str(failure))


def watched_paths(state: BuildState) -> list[Path]:
    settings = state.settings
    if settings is None:
        return [state.root / name for name in ("content", "templates", "static", "pyproject.toml")]
    return [settings.content, settings.templates, settings.static, settings.root / "pyproject.toml"]


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8000, drafts: bool = False,
          listing_command: str = "footnoted check", verbose: bool = False,
          quiet: bool = False) -> int:
    state = BuildState(settings.root, drafts, listing_command, verbose, quiet)
    try:  # before the first build, so a port in use is said at once
        server = make_server(state, host, port)
    except OSError as failure:
        print(f"error: cannot serve on {host} port {port}: {why_not_bound(failure)}. "
              "Choose another port with --port N (--port 0 picks a free one)", file=sys.stderr)
        return EXIT_CANNOT_SERVE
    state.rebuild(processes=0)  # the first build may use every core; no threads run yet
    watcher = Watcher(partial(watched_paths, state), state.rebuild)
    watcher.start()
    print(f"Serving {settings.output_dir}/ at http://{host}:{server.server_port}/ "
          "(Ctrl-C to stop)", file=sys.stderr, flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        watcher.stop()
        server.server_close()
    return 0
