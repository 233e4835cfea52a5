"""HTTP for the network commands (`archive`, `links`, `recover`): polite, bounded, patient.

The standard library's urllib is enough: the commands make simple GET requests, and threads
give the bounded concurrency. Politeness: at most `per_host` requests to one host at a time,
and `delay` seconds between the start of two of them. A timeout, a refused connection, a 429
or a 5xx is tried again, `retries` times, after a back-off that doubles each time.
"""

from __future__ import annotations

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
            request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                    return Response(url, answer.status, answer.geturl(),
                                    answer.read(MAX_BYTES), answer.headers)
            except urllib.error.HTTPError as failure:
                return Response(url, failure.code, failure.geturl() or url,
                                failure.read(MAX_BYTES), failure.headers)
            except (OSError, ValueError) as failure:  # URLError, timeouts, resets
                return Response(url, 0, url, error=_reason(failure))

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
    return "timed out" if "timed out" in text else text
