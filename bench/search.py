"""Benchmark: the reader's side of a generated site, in Debian's Chromium, under a sub-path.

    python bench/search.py                        # N = 1,000 articles
    python bench/search.py --sizes 1000 10000
    python bench/search.py --sizes 10000 --work /tmp/bench   # keep (and reuse) the projects

For each size: the largest HTML page of the site (the Sources pages, the archive, listings),
the search index's files (all shards, raw and gzipped as a server would send them), and in
Chromium the bytes fetched before results show for a two-word query: the search page opened
at ?q=..., and the same words typed key by key into an open page, fast and slowly (search.js
searches when typing pauses, so a slow typist's every prefix may fetch shards of its own).
Bytes are response bodies as the browser received them, uncompressed (http.server does not
compress). Then per
query the time search.js takes to answer once typing pauses (`data-ms`): the first run, which
fetches the shards, and the median of 4 more, which find them fetched.
The corpus's vocabulary is small (about 200 words), so almost every word is in almost every
article: the worst case for an inverted index's postings.
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

PREFIX = "/sub/path/"
TWO_WORDS = "contract soldier"
QUERIES = ["ministry", TWO_WORDS, "conscription recruitment office", "decree par",
           "zzzyzzy", "the of and"]


def main() -> int:
    arguments = parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = arguments.work or Path(folder)
        for size in arguments.sizes:
            root = work / f"generated-{size}"
            if not root.exists():
                write_project(root, size)
            subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(root),
                            "build"], check=True, capture_output=True)
            print(f"articles: {size:,}")
            for line in site_figures(root / "site") + measure(root / "site"):
                print("  " + line)
    return 0


def site_figures(site: Path) -> list[str]:
    pages = sorted((path.stat().st_size, path.relative_to(site).as_posix())
                   for path in site.rglob("*.html"))
    size, largest = pages[-1]
    shards = [path.read_bytes() for path in (site / "search").rglob("*.json")]
    raw = sum(len(shard) for shard in shards)
    zipped = sum(len(gzip.compress(shard)) for shard in shards)
    manifest = (site / "search" / "index.json").stat().st_size
    sources = len(list((site / "sources").rglob("index.html")))
    return [f"HTML pages: {len(pages):,}; largest {largest}, {size / 1024:,.0f} KB; "
            f"Sources pages: {sources:,}",
            f"search index: {len(shards):,} files, {raw / 1024:,.0f} KB "
            f"({zipped / 1024:,.0f} KB gzipped); index.json {manifest / 1024:,.1f} KB"]


def measure(site: Path) -> list[str]:
    from playwright.sync_api import sync_playwright

    server = serve(site)
    url = f"http://127.0.0.1:{server.server_port}{PREFIX}search/"
    lines = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        lines.append(opened_with_query(browser, url))
        lines += [typed(browser, url, delay) for delay in (60, 250)]
        page = browser.new_page()
        started = time.perf_counter()
        page.goto(url)
        page.wait_for_selector("#search-form[data-ready]", timeout=60_000)
        lines.append(f"page open to index ready: {(time.perf_counter() - started) * 1000:.0f} ms")
        for query in QUERIES:
            times, status = [], ""
            for _ in range(5):
                if page.input_value("#search-input"):  # clear it, and see it cleared
                    page.fill("#search-input", "")
                    page.wait_for_selector('#search-form[data-shown=""]', timeout=60_000)
                page.fill("#search-input", query)
                page.wait_for_selector(f'#search-form[data-shown="{query}"]', timeout=60_000)
                times.append(float(page.get_attribute("#search-form", "data-ms")))
                status = page.inner_text("#search-status")
            lines.append(f"query {query!r}: {times[0]:.1f} ms fetching its shards, then "
                         f"{statistics.median(times[1:]):.1f} ms ({status})")
        browser.close()
    server.shutdown()
    return lines


def opened_with_query(browser, url: str) -> str:
    """Bytes fetched from opening search/?q=TWO_WORDS to its first results on screen."""
    page = browser.new_page()
    fetched = count_bytes(page)
    started = time.perf_counter()
    page.goto(url + "?q=" + TWO_WORDS.replace(" ", "+"))
    page.wait_for_selector(f'#search-form[data-shown="{TWO_WORDS}"]', timeout=60_000)
    elapsed = (time.perf_counter() - started) * 1000
    page.close()
    return (f"opened at ?q={TWO_WORDS!r}: {fetched.total / 1024:,.0f} KB in {fetched.count} "
            f"responses (index files {fetched.index / 1024:,.0f} KB), results after "
            f"{elapsed:.0f} ms")


def typed(browser, url: str, delay: int) -> str:
    """Bytes the index costs when TWO_WORDS is typed key by key into an open search page,
    `delay` ms a key (search.js searches when typing pauses for 150 ms)."""
    page = browser.new_page()
    page.goto(url)
    page.wait_for_selector("#search-form[data-ready]", timeout=60_000)
    fetched = count_bytes(page)
    page.type("#search-input", TWO_WORDS, delay=delay)
    page.wait_for_selector(f'#search-form[data-shown="{TWO_WORDS}"]', timeout=60_000)
    page.close()
    return (f"typed {TWO_WORDS!r}, {delay} ms a key: {fetched.index / 1024:,.0f} KB of index "
            f"files in {fetched.count} responses")


class Fetched:
    def __init__(self) -> None:
        self.total = self.index = self.count = 0

    def add(self, response) -> None:
        size = len(response.body())
        self.total += size
        self.count += 1
        if "/search/" in response.url and response.url.endswith(".json"):
            self.index += size


def count_bytes(page) -> Fetched:
    fetched = Fetched()
    page.on("response", fetched.add)
    return fetched


def serve(site: Path) -> http.server.ThreadingHTTPServer:
    class UnderPrefix(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            return super().translate_path("/" + path.removeprefix(PREFIX))

        def log_message(self, *args) -> None:
            pass

    handler = functools.partial(UnderPrefix, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000],
                        help="articles in each corpus")
    parser.add_argument("--work", type=Path, help="keep the projects here and reuse them")
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(main())
