"""Benchmark: `sources` on 100 and 1,000 cited pages served by the local fake web.

    python bench/sources.py                  # N = 100 and 1,000 sources
    python bench/sources.py --sizes 100 --repeat 3

Each figure is the wall time of the real command (`python build.py sources --delay 0`) in a
fresh process, interpreter start-up and the offline check of the articles included; the
median of --repeat runs, each from an empty sources-found.yaml. The pages come from
tests/web.py (`/many/N`: a page with Open Graph tags, and every tenth source quotes it), all
on one host, so the polite fetcher reads them one at a time: the figure is the command's own
cost per source, without the web's latency. The project is written to a temporary folder
and deleted afterwards.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from tests.web import PARAGRAPHS, start_web  # noqa: E402

PER_ARTICLE = 10  # cited pages per article


def write_project(root: Path, base: str, count: int) -> None:
    (root / "content").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[tool.footnoted]\ntitle = "Bench"\n', "utf-8")
    quote = PARAGRAPHS[0][:60]
    for first in range(0, count, PER_ARTICLE):
        numbers = range(first, min(first + PER_ARTICLE, count))
        sources = "".join(f"  s{n}:\n    url: {base}/many/{n}\n" +
                          (f'    quote: "{quote}"\n' if n % 10 == 0 else "")
                          for n in numbers)
        text = " ".join(f"[Source {n}][s{n}]." for n in numbers)
        (root / f"content/a{first:05d}.md").write_text(
            f"---\ntitle: Article {first}\ndate: 2024-01-01\nsources:\n{sources}---\n{text}\n",
            "utf-8")


def time_run(root: Path) -> float:
    (root / "content/sources-found.yaml").unlink(missing_ok=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(root), "sources",
                    "--delay", "0", "--timeout", "10", "--retries", "0"],
                   check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    web = start_web()
    print("| sources | median wall time | per source |\n|---:|---:|---:|")
    for size in args.sizes:
        folder = Path(tempfile.mkdtemp(prefix="footnoted-sources-"))
        try:
            write_project(folder, web.base, size)
            times = [time_run(folder) for _ in range(args.repeat)]
            found = (folder / "content/sources-found.yaml").read_text("utf-8")
            assert found.count("status: found") == size, "not every page was read"
            median = statistics.median(times)
            print(f"| {size:,} | {median:.2f} s | {median / size * 1000:.1f} ms |", flush=True)
        finally:
            shutil.rmtree(folder)
    web.shutdown()


if __name__ == "__main__":
    main()
