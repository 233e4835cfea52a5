"""Benchmark: the CPU time of one edit, by kind, on a generated corpus.

    python bench/edits.py --sizes 1000 10000 --repeat 3
    python bench/edits.py --sizes 10000 --keep /tmp/corpus-10k     # reuse a corpus and its build
    python bench/edits.py --sizes 10000 --keep /tmp/corpus-10k --profile body   # cProfile one

Each figure is the user + system CPU time of the real command (`python build.py build`) in a
new process, its worker processes included (os.wait4), start-up included: on a shared,
loaded machine CPU time moves far less than wall time. The median of --repeat runs of each
kind, in turn: no change, a sentence appended to one article (body), one article's title
changed (title), templates/base.html changed (template, once at 10,000 and above). The wall
time is printed beside it.

With --profile KIND the build after one edit of that kind runs once under cProfile with one
process (`--jobs 1`) and the top functions by cumulative time are printed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import REPO, write_project  # noqa: E402
from run import THEME_TEMPLATES, use_bytecode_cache  # noqa: E402

BUILD = [sys.executable, str(REPO / "build.py")]
KINDS = ("none", "body", "title", "template")


def main() -> int:
    args = parse_args()
    print(f"load average {os.getloadavg()[0]:.1f}", file=sys.stderr)
    use_bytecode_cache(Path(tempfile.mkdtemp(prefix="footnoted-bench-pyc-")))
    for size in args.sizes:
        root = project(size, args.keep)
        build = [*BUILD, "--root", str(root), "build"]
        if not (root / "site").exists():
            wall, cpu = timed(build)
            print(f"N={size:,} cold: {cpu:.2f} s CPU, {wall:.2f} s wall", file=sys.stderr)
        timed(build)  # whatever the last run left, the state after a build
        if args.profile:
            edit(root, args.profile, 0, size)
            timed(build)  # compiles the modules into the cache, outside the profile
            edit(root, args.profile, 1, size)
            profile([*build, "--jobs", "1"], args.top)
            continue
        figures = measure(root, build, size, args.repeat, args.kinds)
        print(f"| {size:,} | " + " | ".join(
            f"{statistics.median(c):.2f} s ({statistics.median(w):.2f} s)"
            for c, w in figures.values()) + " |")
        print("  kinds: " + ", ".join(figures) + "; CPU (wall), median of "
              f"{args.repeat}; load average now {os.getloadavg()[0]:.1f}", file=sys.stderr)
        if not args.keep:
            shutil.rmtree(root.parent)
    return 0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS))
    parser.add_argument("--keep", help="keep the corpora in this folder (one per size) and "
                        "reuse them on the next run")
    parser.add_argument("--profile", choices=KINDS[1:] + ("none",),
                        help="profile one build after an edit of this kind")
    parser.add_argument("--top", type=int, default=45, help="functions --profile prints")
    return parser.parse_args()


def project(size: int, keep: str | None) -> Path:
    folder = Path(keep) / str(size) if keep else Path(tempfile.mkdtemp(
        prefix=f"footnoted-edits-{size}-"))
    root = folder / "project"
    if not root.exists():
        write_project(root, size)
    return root


def measure(root: Path, build: list[str], size: int, repeat: int, kinds: list[str]
            ) -> dict[str, tuple[list[float], list[float]]]:
    figures: dict[str, tuple[list[float], list[float]]] = {k: ([], []) for k in kinds}
    for run in range(repeat):
        for kind in kinds:
            if kind == "template" and size >= 10000 and run:
                continue
            edit(root, kind, run, size)
            wall, cpu = timed(build)
            figures[kind][0].append(cpu)
            figures[kind][1].append(wall)
    return figures


def edit(root: Path, kind: str, run: int, size: int) -> None:
    """One edit of `kind`, a different one each run."""
    article = root / "content" / f"article-{(run * 7 + 3) % size:05d}.md"
    if kind == "body":
        with open(article, "a") as file:
            file.write(f"\nOne more sentence, edit {run} {time.time_ns()}.\n")
    elif kind == "title":
        lines = article.read_text("utf-8").split("\n")
        lines[1] = lines[1].replace('title: "', f'title: "Retitled {time.time_ns()} ', 1)
        article.write_text("\n".join(lines), "utf-8")
    elif kind == "template":
        base = root / "templates" / "base.html"
        layout = base if base.exists() else THEME_TEMPLATES / "base.html"
        text = layout.read_text("utf-8")
        base.parent.mkdir(exist_ok=True)
        base.write_text(text.replace("</footer>", f"<!-- {time.time_ns()} --></footer>", 1),
                        "utf-8")


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, with the worker processes) of one run."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(command)} failed:\n{errors.read().decode()[-4000:]}")
    return wall, usage.ru_utime + usage.ru_stime


# cProfile timed by CPU time, not wall time: on a loaded machine the wall clock counts the
# time other processes ran.
PROFILED = """import cProfile, runpy, sys, time
profiler = cProfile.Profile(time.process_time)
sys.argv = sys.argv[2:]
try:
    profiler.runcall(runpy.run_path, sys.argv[0], run_name="__main__")
except SystemExit:
    pass
profiler.dump_stats(STATS)
"""


def profile(build: list[str], top: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        stats = Path(folder) / "build.prof"
        command = [build[0], "-c", PROFILED.replace("STATS", repr(str(stats))), "-",
                   *build[1:]]
        wall, cpu = timed(command)
        print(f"profiled build: {cpu:.2f} s CPU, {wall:.2f} s wall", file=sys.stderr)
        subprocess.run([sys.executable, "-c", "import pstats, sys; "
                        "pstats.Stats(sys.argv[1]).sort_stats('cumulative')"
                        ".print_stats(int(sys.argv[2]))", str(stats), str(top)], check=True)


if __name__ == "__main__":
    sys.exit(main())
