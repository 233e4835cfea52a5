#!/usr/bin/env python3
"""Build time against article size: one article of 0.6 to 5 MB, built through build.py.

    python bench/big_input.py [--sizes 0.625,1.25,2.5,5]

Prints seconds and seconds per MB for each size; linear time shows as a flat last column.
The article mixes what real ones hold: links, citations, notes, emphasis, lists, quotes.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHUNK = """\
A paragraph with [a link](https://example.org/{i}), *some emphasis*, a citation [@shared] and a
note.[^n{i}] It goes on for a while, as reporting does, naming people and places and dates.

> A quotation from [another source](https://example.net/{i}) with **strong** words.

- a list item
- another item with `code`

[^n{i}]: The note, which cites [a third page](https://example.com/{i}).

"""


def make_project(root: Path, megabytes: float) -> None:
    (root / "content").mkdir()
    (root / "pyproject.toml").write_text('[tool.footnoted]\ntitle = "Bench"\n')
    (root / "content/sources.yaml").write_text("shared:\n  url: https://shared.example/\n")
    chunks, size, i = [], 0, 0
    while size < megabytes * 1_000_000:
        chunk = CHUNK.format(i=i)
        chunks.append(chunk)
        size += len(chunk.encode())
        i += 1
    (root / "content/big.md").write_text("---\ntitle: Big\ndate: 2024-05-01\n---\n"
                                         + "".join(chunks), encoding="utf-8")


def build_seconds(root: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(root)], check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.625,1.25,2.5,5", help="article sizes in MB")
    sizes = [float(size) for size in parser.parse_args().sizes.split(",")]
    print(f"{'MB':>6} {'seconds':>8} {'s/MB':>6}")
    for megabytes in sizes:
        with tempfile.TemporaryDirectory() as folder:
            make_project(Path(folder), megabytes)
            seconds = build_seconds(Path(folder))
        print(f"{megabytes:6.3f} {seconds:8.2f} {seconds / megabytes:6.2f}")


if __name__ == "__main__":
    main()
