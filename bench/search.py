"""Benchmark: search on a generated site, in Debian's Chromium, served under a sub-path.

    python bench/search.py                 # N = 1,000 articles
    python bench/search.py --size 10000

Reports the index size (raw and gzipped, as a server would send it), the time from opening
the search page to the index being ready (fetch + JSON parse), and per query the time
search.js takes to answer (its own measurement, `data-ms`), median of 5 runs per query.
The corpus's vocabulary is small (about 200 words), so almost every word is in almost
every article: the worst case for the inverted index's postings and for query time.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from corpus import REPO, write_project

QUERIES = ["ministry", "contract soldier", "conscription recruitment office", "decree par",
           "zzzyzzy", "the of and"]


def main() -> int:
    size = parse_args().size
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        write_project(root, size)
        subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(root), "build"],
                       check=True, capture_output=True)
        index = (root / "site" / "search-index.json").read_bytes()
        print(f"articles: {size:,}")
        print(f"search-index.json: {len(index) / 1024:,.0f} KB, "
              f"{len(gzip.compress(index)) / 1024:,.0f} KB gzipped")
        for line in measure(root / "site"):
            print(line)
    return 0


def measure(site: Path) -> list[str]:
    from playwright.sync_api import sync_playwright

    server = serve(site)
    url = f"http://127.0.0.1:{server.server_port}/sub/path/search/"
    lines = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        page = browser.new_page()
        started = time.perf_counter()
        page.goto(url)
        page.wait_for_selector("#search-form[data-ready]", timeout=60_000)
        lines.append(f"page open to index ready: {(time.perf_counter() - started) * 1000:.0f} ms")
        for query in QUERIES:
            times, status = [], ""
            for _ in range(5):
                page.fill("#search-input", "")
                page.fill("#search-input", query)
                times.append(float(page.get_attribute("#search-form", "data-ms")))
                status = page.inner_text("#search-status")
            lines.append(f"query {query!r}: {statistics.median(times):.1f} ms ({status})")
        browser.close()
    server.shutdown()
    return lines


def serve(site: Path) -> http.server.ThreadingHTTPServer:
    class UnderPrefix(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            return super().translate_path(path.removeprefix("/sub/path"))

        def log_message(self, *args) -> None:
            pass

    handler = functools.partial(UnderPrefix, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000, help="articles in the corpus")
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(main())
