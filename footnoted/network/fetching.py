"""HTTP for the network commands (`archive`, `links`, `recover`): polite, bounded, patient.

The standard library's urllib is enough: the commands make simple GET requests, and threads
give the bounded concurrency. Politeness: at most `per_host` requests to one host at a time,
and `delay` seconds between the start of two of them. A timeout, a refused connection, a 429
or a 5xx is tried again, `retries` times, after a back-off that doubles each time.

Distrust: the answer is whatever a server sends. `timeout` bounds the whole request,
redirects and body included, not each read (a server dripping a byte a second is cut off
by a watchdog that shuts the socket); a malformed answer (a garbage status line, too many or
too long headers, broken chunks) is that URL's finding, as is a redirect loop; a redirect is
never followed from a public address to a private, loopback or link-local one
(169.254.169.254 is where clouds keep their secrets), nor between those kinds.
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import ipaddress
import signal
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from email.message import Message
from typing import TypeVar
from urllib.parse import urlsplit

from .. import __version__

USER_AGENT = f"footnoted/{__version__} (source checker; +https://github.com/footnoted)"
RETRY_STATUSES = (429, 500, 502, 503, 504)
NO_HOST = "no such host"
STOPPED = "stopped by Ctrl-C"
TIMED_OUT = "timed out"
MAX_BYTES = 5_000_000  # enough for any article page; a larger body is cut there

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Response:
    url: str  # as asked
    status: int  # the last HTTP status; 0 when no answer came (DNS, refused, timeout)
    final_url: str  # after redirects
    body: bytes = b""
    headers: Message = field(default_factory=Message)
    error: str = ""  # why no answer came

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def text(self) -> str:
        charset = self.headers.get_content_charset() or "utf-8"
        return self.body.decode(charset, errors="replace")


@dataclass
class Fetcher:
    timeout: float = 10.0  # seconds for one request
    retries: int = 2  # further tries after a timeout, a 429 or a 5xx
    backoff: float = 1.0  # seconds before the first retry; doubled for each next one
    delay: float = 1.0  # seconds between the starts of two requests to one host
    per_host: int = 1  # requests to one host at a time
    hosts: dict[str, _HostTurn] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stopped: threading.Event = field(default_factory=threading.Event)  # set by stop()

    def get(self, url: str) -> Response:
        """GET `url`, following redirects; retried as the class says, never raising."""
        response = self._once(url)
        for attempt in range(self.retries):
            if response.status not in (0, *RETRY_STATUSES) or response.error in (NO_HOST,
                                                                                STOPPED):
                break  # an answer, or a name that does not exist: trying again will not help
            self.stopped.wait(self.backoff * 2 ** attempt)
            response = self._once(url)
        return response

    def stop(self) -> None:
        """After Ctrl-C: the requests waiting for their turn give up at once."""
        self.stopped.set()

    def _once(self, url: str) -> Response:
        with self._turn(urlsplit(url).hostname or ""):
            if self.stopped.is_set():
                return Response(url, 0, url, error=STOPPED)
            with _Watch(self.timeout) as watch:
                response = _fetch(url, watch, self.timeout)
            # cut off, whatever the cut made of the answer: it is not the whole of it
            return Response(url, 0, url, error=TIMED_OUT) if watch.expired else response

    def _turn(self, host: str) -> _HostTurn:
        with self.lock:
            if host not in self.hosts:
                self.hosts[host] = _HostTurn(threading.Semaphore(self.per_host), self.delay,
                                             self.stopped)
            return self.hosts[host]


@dataclass
class _HostTurn:
    """One host's queue: `per_host` requests at a time (the semaphore), `delay` seconds apart."""

    slots: threading.Semaphore
    delay: float
    stopped: threading.Event
    next_start: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __enter__(self) -> _HostTurn:
        self.slots.acquire()
        with self.lock:
            wait = self.next_start - time.monotonic()
            self.next_start = max(self.next_start, time.monotonic()) + self.delay
        if wait > 0:
            self.stopped.wait(wait)
        return self

    def __exit__(self, *exc_info) -> None:
        self.slots.release()


class _Watch:
    """Shuts the request's sockets when its time is up: a read waiting on them ends at once."""

    def __init__(self, seconds: float) -> None:
        self.sockets: list[socket.socket] = []
        self.expired = False
        self.lock = threading.Lock()
        self.timer = threading.Timer(seconds, self.expire)
        self.timer.daemon = True

    def __enter__(self) -> _Watch:
        self.timer.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.timer.cancel()

    def expire(self) -> None:
        with self.lock:
            self.expired = True
            sockets = list(self.sockets)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def connect(self, *args, **kwargs) -> socket.socket:
        sock = socket.create_connection(*args, **kwargs)
        with self.lock:
            self.sockets.append(sock)
            expired = self.expired
        if expired:
            self.expire()
        return sock


class _WatchedHTTP(http.client.HTTPConnection):
    def __init__(self, *args, watch: _Watch, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = watch.connect


class _WatchedHTTPS(http.client.HTTPSConnection):
    def __init__(self, *args, watch: _Watch, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = watch.connect


class _HttpHandler(urllib.request.HTTPHandler):
    def __init__(self, watch: _Watch) -> None:
        super().__init__()
        self.watch = watch

    def http_open(self, req):
        return self.do_open(functools.partial(_WatchedHTTP, watch=self.watch), req)


class _HttpsHandler(urllib.request.HTTPSHandler):
    def __init__(self, watch: _Watch) -> None:
        super().__init__()
        self.watch = watch

    def https_open(self, req):
        return self.do_open(functools.partial(_WatchedHTTPS, watch=self.watch), req,
                            context=self._context)


class RedirectRefused(Exception):
    """A redirect from one kind of address to a more private one."""


class _Redirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, original: str) -> None:
        super().__init__()
        self.original = original

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        host = urlsplit(newurl).hostname or ""
        kind = address_kind(host)
        if kind != "public" and kind != address_kind(urlsplit(self.original).hostname or ""):
            raise RedirectRefused(f"redirected to a {kind} address ({host}), which is not "
                                  "followed")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def address_kind(host: str) -> str:
    """"link-local", "loopback", "private" or "public": the most private of the addresses
    `host` names (a name that does not resolve is "public": no request reaches it)."""
    try:
        infos = socket.getaddrinfo(host, None)
    except (OSError, UnicodeError):
        return "public"
    kinds = {_kind(ipaddress.ip_address(info[4][0].split("%")[0])) for info in infos}
    return next((kind for kind in ("link-local", "loopback", "private") if kind in kinds),
                "public")


def _kind(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    if address.is_link_local:
        return "link-local"
    if address.is_loopback:
        return "loopback"
    if address.is_private or address.is_reserved or address.is_unspecified \
            or address.is_multicast:
        return "private"
    return "public"


def _fetch(url: str, watch: _Watch, timeout: float) -> Response:
    """One GET, redirects followed, whatever the server sends: never raising."""
    opener = urllib.request.build_opener(_HttpHandler(watch), _HttpsHandler(watch),
                                         _Redirects(url))
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with opener.open(request, timeout=timeout) as answer:
            body = answer.read(MAX_BYTES)
            if getattr(answer, "length", None) and len(body) < MAX_BYTES:  # closed early
                raise http.client.IncompleteRead(body, answer.length)
            return Response(url, answer.status, answer.geturl(), body, answer.headers)
    except urllib.error.HTTPError as failure:
        if failure.msg and failure.msg.startswith(_Redirects.inf_msg):
            return Response(url, 0, failure.geturl() or url, error="redirect loop (or more "
                            f"than {_Redirects.max_redirections} redirects)")
        try:
            body = failure.read(MAX_BYTES)
        except (OSError, ValueError, http.client.HTTPException):
            body = b""
        return Response(url, failure.code, failure.geturl() or url, body, failure.headers)
    except RedirectRefused as refusal:
        return Response(url, 0, url, error=str(refusal))
    except http.client.HTTPException as failure:  # a malformed answer
        return Response(url, 0, url, error=f"malformed answer ({_malformed(failure)})")
    except (OSError, ValueError) as failure:  # URLError, timeouts, resets
        return Response(url, 0, url, error=_reason(failure))


def _malformed(failure: http.client.HTTPException) -> str:
    text = " ".join(str(failure).split())
    name = type(failure).__name__
    return f"{name}: {text[:80]}" if text else name


def run_all(work: Callable[[T], R], items: Iterable[T], jobs: int) -> Iterator[tuple[T, R]]:
    """(item, result) as each finishes, `jobs` at a time. Stopping the iteration (Ctrl-C)
    drops the jobs not yet started; the running ones end within their timeout."""
    pool = ThreadPoolExecutor(max_workers=max(jobs, 1), initializer=_leave_ctrl_c_to_main)
    try:
        futures = {pool.submit(work, item): item for item in items}
        for future in as_completed(futures):
            yield futures[future], future.result()
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _leave_ctrl_c_to_main() -> None:
    """A worker blocks SIGINT, so Ctrl-C reaches the main thread, which is waiting for answers
    and raises KeyboardInterrupt at once; delivered to a worker, it would wake nobody until
    the next request ended (a hanging one: its whole timeout)."""
    if hasattr(signal, "pthread_sigmask"):  # not on Windows, where Ctrl-C goes to main anyway
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})


def _reason(failure: BaseException) -> str:
    """A few words an editor understands: "no such host", "timed out", "connection refused"."""
    reason = getattr(failure, "reason", None) or failure
    if isinstance(reason, socket.gaierror):
        return NO_HOST
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    text = str(reason) or type(reason).__name__
    return TIMED_OUT if "timed out" in text else text
