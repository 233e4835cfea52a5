"""A hostile HTTP server on 127.0.0.1: answers no honest server gives, for the network
commands to survive. Raw sockets, so it can send what http.server never would.

    /drip-headers   a status line, then headers one byte every DRIP seconds
    /drip-body      a whole head, then the body one byte every DRIP seconds
    /garbage        a status line that is not HTTP
    /many-headers   150 headers              /long-header   one header line of 200 KB
    /bad-chunks     chunked, with a chunk size that is not hex
    /short-body     Content-Length 1000, 10 bytes, then closed
    /loop           302 to itself            /metadata      302 to 169.254.169.254
    /private        302 to 10.0.0.1
    /wayback/available?url=.../KIND   the availability API answering KIND (ANSWERS)

A drip stops after DRIP_LIMIT bytes or when the client goes: every request ends on its own.
"""

from __future__ import annotations

import json
import socketserver
import threading
import time
from urllib.parse import parse_qs, urlsplit

DRIP = 0.25  # seconds between two bytes of a drip
DRIP_LIMIT = 120  # bytes: a drip ends after 30 s even if no one hangs up
SNAPSHOT = "http://127.0.0.1/web/20230312101500/https://example.org/"


def _nested(depth: int) -> str:
    return '{"archived_snapshots": ' + '{"a": ' * depth + "1" + "}" * depth + "}"


def _closest(url: object, **more: object) -> str:
    closest = {"available": True, "url": url, "timestamp": "20230312101500", **more}
    return json.dumps({"archived_snapshots": {"closest": closest}})


# What the availability API answers for a URL ending in each kind; None: the answer is fine.
ANSWERS = {
    "good": _closest(SNAPSHOT),
    "javascript": _closest("javascript:alert(1)//web/20230312101500/"),
    "number": _closest(12345),
    "list": json.dumps({"archived_snapshots": {"closest": [SNAPSHOT]}}),
    "top-list": json.dumps([SNAPSHOT]),
    "nested": _nested(100_000),
    "not-archive": _closest("https://evil.example/page"),
    "newline": _closest(SNAPSHOT + "\nstatus: archived"),
    "yaml-break": _closest("http://127.0.0.1/web/20230312101500/x'\n: [&a *a"),
    "no-date": _closest("http://127.0.0.1/web/x/", timestamp=[1]),
}


class HostileHandler(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        request = self.rfile.readline(65536).decode("latin-1")
        while self.rfile.readline(65536) not in (b"\r\n", b"\n", b""):
            pass
        path = request.split(" ")[1] if request.count(" ") >= 2 else "/"
        parts = urlsplit(path)
        if parts.path == "/wayback/available":
            kind = parse_qs(parts.query).get("url", [""])[0].rsplit("/", 1)[-1]
            return self.send(_answer(200, "application/json", ANSWERS[kind].encode()))
        self.send(getattr(self, "page_" + parts.path.strip("/").replace("-", "_"))())

    def send(self, data: bytes) -> None:
        try:
            self.wfile.write(data)
            self.wfile.flush()
        except OSError:
            pass

    def drip(self, data: bytes) -> None:
        for byte in data[:DRIP_LIMIT]:
            try:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            except OSError:
                return  # the client hung up
            time.sleep(DRIP)

    def page_drip_headers(self) -> bytes:
        self.send(b"HTTP/1.1 200 OK\r\n")
        self.drip(b"X-Slow: " + b"a" * 200 + b"\r\n\r\n")
        return b""

    def page_drip_body(self) -> bytes:
        self.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 200\r\n\r\n")
        self.drip(b"<p>" + b"a" * 197)
        return b""

    def page_garbage(self) -> bytes:
        return b"SPDY/9 banana\r\n\r\n"

    def page_many_headers(self) -> bytes:
        headers = b"".join(b"X-H%d: v\r\n" % n for n in range(150))
        return b"HTTP/1.1 200 OK\r\n" + headers + b"Content-Length: 0\r\n\r\n"

    def page_long_header(self) -> bytes:
        return b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 200_000 + b"\r\nContent-Length: 0\r\n\r\n"

    def page_bad_chunks(self) -> bytes:
        return b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"

    def page_short_body(self) -> bytes:
        return b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n0123456789"

    def page_loop(self) -> bytes:
        return _redirect(f"http://127.0.0.1:{self.server.server_address[1]}/loop")

    def page_metadata(self) -> bytes:
        return _redirect("http://169.254.169.254/latest/meta-data/")

    def page_private(self) -> bytes:
        return _redirect("http://10.0.0.1/admin")


def _answer(status: int, kind: str, body: bytes) -> bytes:
    return (f"HTTP/1.1 {status} X\r\nContent-Type: {kind}\r\nContent-Length: {len(body)}\r\n"
            "Connection: close\r\n\r\n").encode() + body


def _redirect(to: str) -> bytes:
    return f"HTTP/1.1 302 Found\r\nLocation: {to}\r\nContent-Length: 0\r\n\r\n".encode()


class HostileWeb(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/{name}"


def start_hostile_web() -> HostileWeb:
    server = HostileWeb(("127.0.0.1", 0), HostileHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
