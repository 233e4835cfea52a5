"""Benchmark: build times and peak memory on generated corpora, and serve's save-to-reload.

    python bench/run.py                      # N = 100, 1,000 and 10,000; serve on 1,000
    python bench/run.py --sizes 100 1000 --repeat 3 --serve-size 1000
    python bench/run.py --sizes 1000 --corpus generated seed --floor --jobs-ratio
    python bench/run.py --vs-hugo --sizes 1000 10000 --repeat 5   # beside Hugo (vs_hugo.py)

Every figure is the wall time of the real command (`python build.py ...`) in a fresh process,
including interpreter start-up; the median of --repeat runs. Peak memory is the largest
resident set of the build's processes (os.wait4), so with several workers it is per process.
The corpus is written to a temporary folder (see corpus.py) and deleted afterwards.

With --vs-hugo, each corpus (--corpus: generated, seed) is also built by Hugo and the two
tools' runs alternate, so both see the same machine; the table gives both medians and the
ratio (footnoted / Hugo), then footnoted's template edit and, at --serve-size, serve's
save-to-reload. When Pelican is in the benchmark's virtual environment (vs_pelican.py), the
same articles are built cold by Pelican too, in the same alternation, and the table gives its
wall and CPU time and footnoted's CPU time over Pelican's.

With --floor (always with --vs-hugo), floor.py measures issue 25's floor on each corpus in a
fresh process before the builds: the CPU time per article of only reading the file, its YAML
front matter, our Markdown with the sources resolved and the article's Jinja page; a second
table gives it, the floor with plain Python-Markdown (Pelican's extensions) instead of ours,
and footnoted's cold CPU time per article (all processes, start-up included) over the floor,
whose target is at most 1.2x. With --jobs-ratio (always with --vs-hugo), cold builds with
--jobs 1 and --jobs 2 alternate (--repeat times up to 1,000 articles, once above) and that
table gives both walls (and CPU times) and their ratio, whose target is at most 0.6x. The
load average before and after each corpus's runs is printed beside them.

Builds keep their compiled modules (.pyc) between runs, as an installed package does, even
where PYTHONDONTWRITEBYTECODE is set (--no-bytecode-cache: compile them in every build).
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import CORPORA, REPO  # noqa: E402

sys.path.insert(0, str(REPO))
from vs_hugo import (  # noqa: E402
    clear_hugo_output,
    hugo_binary,
    hugo_command,
    hugo_version,
    write_hugo_site,
)
from vs_pelican import (  # noqa: E402
    clear_pelican_output,
    pelican_binary,
    pelican_command,
    pelican_version,
    write_pelican_site,
)

from tests.livereload_client import LiveReloadClient  # noqa: E402

BUILD = [sys.executable, str(REPO / "build.py")]
FLOOR = [sys.executable, str(Path(__file__).resolve().parent / "floor.py")]
THEME_TEMPLATES = REPO / "footnoted" / "theme" / "templates"  # this checkout's, not imported


def main() -> int:
    args = parse_args()
    print(machine(), file=sys.stderr)
    if not args.no_bytecode_cache:
        use_bytecode_cache(Path(tempfile.mkdtemp(prefix="footnoted-bench-pyc-")))
    if args.vs_hugo:
        return compare_with_hugo(args)
    rows = []
    for corpus in args.corpus:
        for size in args.sizes:
            with tempfile.TemporaryDirectory(prefix=f"footnoted-bench-{size}-") as folder:
                root = Path(folder) / "project"
                CORPORA[corpus](root, size)
                load = os.getloadavg()[0]
                floor = measure_floor(root) if args.floor else {}
                rows.append({"corpus": corpus,
                             **measure_builds(root, size, args.repeat, args.jobs)})
                print(row_text(rows[-1]), file=sys.stderr)
                if size == args.serve_size:
                    rows[-1]["serve_reload_s"] = measure_serve(root, args.repeat)
                    print(f"  serve save-to-reload: {rows[-1]['serve_reload_s']:.3f} s",
                          file=sys.stderr)
                rows[-1].update(against_floor(root, rows[-1], floor, args, load))
    print(table(rows))
    if args.floor or args.jobs_ratio:
        print()
        print(floor_table(rows))
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2), "utf-8")
    return 0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--serve-size", type=int, default=1000,
                        help="measure serve's save-to-reload on this size (0: skip)")
    parser.add_argument("--jobs", type=int, default=0, help="passed to build --jobs")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--corpus", nargs="+", choices=sorted(CORPORA), default=None,
                        help="generated articles or copies of the seed article (default: "
                             "generated; with --vs-hugo both)")
    parser.add_argument("--vs-hugo", action="store_true",
                        help="build each corpus with Hugo too, alternating the runs")
    parser.add_argument("--hugo", help="the Hugo binary (default: the one in .bench-venv/)")
    parser.add_argument("--pelican", help="Pelican's command (default: the one in .bench-venv/, "
                        "if installed; with --vs-hugo)")
    parser.add_argument("--floor", action="store_true",
                        help="measure the floor (floor.py) on each corpus in a fresh process; "
                             "always with --vs-hugo")
    parser.add_argument("--jobs-ratio", action="store_true",
                        help="time cold builds with --jobs 1 and --jobs 2, alternated; always "
                             "with --vs-hugo")
    parser.add_argument("--no-bytecode-cache", action="store_true",
                        help="let every build compile footnoted's modules again when "
                             "PYTHONDONTWRITEBYTECODE is set, as it is in some sandboxes")
    args = parser.parse_args()
    if args.corpus is None:
        args.corpus = sorted(CORPORA) if args.vs_hugo else ["generated"]
    if args.vs_hugo:
        args.floor = args.jobs_ratio = True
    return args


def compare_with_hugo(args: argparse.Namespace) -> int:
    hugo = hugo_binary(args.hugo)
    print(hugo_version(hugo), file=sys.stderr)
    pelican = pelican_binary(args.pelican)
    print(pelican_version(pelican) if pelican else "no Pelican in .bench-venv/", file=sys.stderr)
    rows = []
    for corpus in args.corpus:
        for size in args.sizes:
            with tempfile.TemporaryDirectory(prefix=f"footnoted-vs-hugo-{size}-") as folder:
                root, site = Path(folder) / "project", Path(folder) / "hugo"
                CORPORA[corpus](root, size)
                write_hugo_site(hugo, root, site)
                peer = None
                if pelican:
                    peer = (pelican, Path(folder) / "pelican")
                    write_pelican_site(root, peer[1])
                load = os.getloadavg()[0]
                floor = measure_floor(root)
                rows.append({"corpus": corpus, **measure_side_by_side(
                    root, site, hugo, size, args.repeat, args.jobs, args.serve_size, peer)})
                print(pair_text(rows[-1]), file=sys.stderr)
                rows[-1].update(against_floor(root, rows[-1], floor, args, load))
    print(pair_table(rows))
    print()
    print(floor_table(rows))
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2), "utf-8")
    return 0


def measure_side_by_side(root: Path, site: Path, hugo: Path, size: int, repeat: int,
                         jobs: int, serve_size: int,
                         pelican: tuple[Path, Path] | None = None) -> dict:
    """Cold, no-change and one-edit builds of both tools, each footnoted run followed by the
    same Hugo run. Hugo has no build cache for pages, so its "no change" is a full build.
    `pelican` (its command and site) is built cold after each Hugo cold build."""
    ours = [*BUILD, "--root", str(root), "build", "--jobs", str(jobs)]
    theirs = hugo_command(hugo, site)
    cold = [("", ours), ("hugo_", theirs)]
    if pelican:
        cold.append(("pelican_", pelican_command(*pelican)))
    figures: dict[str, list[float]] = {name: [] for name in (
        "no_change_s", "hugo_no_change_s", "one_edit_s", "hugo_one_edit_s")}
    for prefix, _ in cold:
        for name in ("cold_s", "cold_cpu_s", "peak_mb"):
            figures[prefix + name] = []
    for _ in range(repeat):
        clear_footnoted_output(root)
        clear_hugo_output(site)
        if pelican:
            clear_pelican_output(pelican[1])
        for prefix, command in cold:
            seconds, peak, cpu = timed(command)
            figures[prefix + "cold_s"].append(seconds)
            figures[prefix + "cold_cpu_s"].append(cpu)
            figures[prefix + "peak_mb"].append(peak)
    for _ in range(repeat):
        figures["no_change_s"].append(timed(ours)[0])
        figures["hugo_no_change_s"].append(timed(theirs)[0])
    for run in range(repeat):
        name = f"article-{run * 7 % size:05d}.md"
        for article in (root / "content" / name, site / "content" / "posts" / name):
            with open(article, "a") as file:
                file.write(f"\nOne more sentence, edit {run}.\n")
        figures["one_edit_s"].append(timed(ours)[0])
        figures["hugo_one_edit_s"].append(timed(theirs)[0])
    figures["template_edit_s"] = measure_template_edits(root, ours, repeat if size <= 1000 else 1)
    row = {name: (max(values) if name.endswith("peak_mb") else median(values))
           for name, values in figures.items()}
    if size == serve_size:
        row["serve_reload_s"] = measure_serve(root, repeat)
    if pelican:
        row["pelican_cpu_ratio"] = row["cold_cpu_s"] / row["pelican_cold_cpu_s"]
    return {"articles": size, **row, "cold_ratio": row["cold_s"] / row["hugo_cold_s"]}


def measure_floor(root: Path) -> dict:
    """The figures of floor.py over the project's articles, in a fresh process."""
    done = subprocess.run([*FLOOR, "--root", str(root), "--json"], capture_output=True,
                          text=True)
    if done.returncode != 0:
        raise SystemExit(f"floor.py failed:\n{done.stderr[-4000:]}")
    figures = json.loads(done.stdout)
    print(f"  floor {figures['floor_ms']:.2f} ms an article (load {figures['load_ms']:.2f}, "
          f"our Markdown {figures['compile_ms']:.2f}, page {figures['page_ms']:.2f}); plain "
          f"Markdown {figures['plain_markdown_ms']:.2f} ms", file=sys.stderr)
    return figures


def measure_jobs(root: Path, size: int, repeat: int) -> dict:
    """Cold builds with --jobs 1 and --jobs 2, alternated: wall and CPU medians, and the
    ratio of the walls (issue 25: two workers at most 0.6x one process)."""
    figures: dict[str, list[float]] = {name: [] for name in (
        "jobs1_s", "jobs1_cpu_s", "jobs2_s", "jobs2_cpu_s")}
    for _ in range(repeat if size <= 1000 else 1):
        for jobs in (1, 2):
            clear_footnoted_output(root)
            seconds, _, cpu = timed([*BUILD, "--root", str(root), "build", "--jobs", str(jobs)])
            figures[f"jobs{jobs}_s"].append(seconds)
            figures[f"jobs{jobs}_cpu_s"].append(cpu)
    row = {name: median(values) for name, values in figures.items()}
    row["jobs_ratio"] = row["jobs2_s"] / row["jobs1_s"]
    print(f"  --jobs 1 {row['jobs1_s']:.2f} s ({row['jobs1_cpu_s']:.1f} s CPU), --jobs 2 "
          f"{row['jobs2_s']:.2f} s ({row['jobs2_cpu_s']:.1f} s CPU): "
          f"{row['jobs_ratio']:.2f}x", file=sys.stderr)
    return row


def against_floor(root: Path, row: dict, floor: dict, args: argparse.Namespace,
                  load: float) -> dict:
    """The floor's figures and the cold build's CPU per article over it, then (when asked)
    the --jobs 1 and 2 walls; with the load average before and after."""
    figures: dict = {"load_before": load}
    if floor:
        figures.update({"floor": floor, "cold_cpu_ms": 1000 * row["cold_cpu_s"] / row["articles"]})
        figures["floor_ratio"] = figures["cold_cpu_ms"] / floor["floor_ms"]
    if args.jobs_ratio:
        figures.update(measure_jobs(root, row["articles"], args.repeat))
    figures["load_after"] = os.getloadavg()[0]
    return figures


def clear_footnoted_output(root: Path) -> None:
    for leftover in (".footnoted-cache", "site", ".footnoted-spare-site"):
        shutil.rmtree(root / leftover, ignore_errors=True)


def pair_text(row: dict) -> str:
    return (f"{row['corpus']} N={row['articles']:,}: cold {row['cold_s']:.2f} s vs Hugo "
            f"{row['hugo_cold_s']:.2f} s ({row['cold_ratio']:.1f}x); no change "
            f"{row['no_change_s']:.2f} s vs {row['hugo_no_change_s']:.2f} s; one edit "
            f"{row['one_edit_s']:.2f} s vs {row['hugo_one_edit_s']:.2f} s; template edit "
            f"{row['template_edit_s']:.2f} s; peak "
            f"{row['peak_mb']:.0f} MB vs {row['hugo_peak_mb']:.0f} MB{reload_text(row)}"
            f"{pelican_text(row)}")


def pelican_text(row: dict) -> str:
    if "pelican_cold_s" not in row:
        return ""
    return (f"; Pelican cold {row['pelican_cold_s']:.2f} s, CPU {row['cold_cpu_s']:.1f} s vs "
            f"{row['pelican_cold_cpu_s']:.1f} s ({row['pelican_cpu_ratio']:.2f}x)")


def reload_text(row: dict) -> str:
    return f"; serve save-to-reload {row['serve_reload_s']:.2f} s" if "serve_reload_s" in row \
        else ""


def pair_table(rows: list[dict]) -> str:
    lines = ["| Corpus | Articles | footnoted cold (CPU) | Hugo cold (CPU) | Ratio | "
             "No change: footnoted / Hugo | One edit: footnoted / Hugo | "
             "Template edit | Peak memory: footnoted / Hugo | Save-to-reload | "
             "Pelican cold (CPU) | CPU: footnoted / Pelican |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        reload = f"{row['serve_reload_s']:.2f} s" if "serve_reload_s" in row else "-"
        peer = (f"{row['pelican_cold_s']:.2f} s ({row['pelican_cold_cpu_s']:.1f} s) | "
                f"{row['pelican_cpu_ratio']:.2f}x" if "pelican_cold_s" in row else "- | -")
        lines.append(
            f"| {row['corpus']} | {row['articles']:,} | {row['cold_s']:.2f} s "
            f"({row['cold_cpu_s']:.1f} s) | {row['hugo_cold_s']:.2f} s "
            f"({row['hugo_cold_cpu_s']:.1f} s) | {row['cold_ratio']:.1f}x "
            f"| {row['no_change_s']:.2f} s / {row['hugo_no_change_s']:.2f} s "
            f"| {row['one_edit_s']:.2f} s / {row['hugo_one_edit_s']:.2f} s "
            f"| {row['template_edit_s']:.2f} s "
            f"| {row['peak_mb']:.0f} MB / {row['hugo_peak_mb']:.0f} MB | {reload} | {peer} |")
    return "\n".join(lines)


def measure_builds(root: Path, size: int, repeat: int, jobs: int) -> dict:
    build = [*BUILD, "--root", str(root), "build", "--jobs", str(jobs)]
    cold, memory, cpu = [], [], []
    for _ in range(repeat if size <= 1000 else 1):
        clear_footnoted_output(root)
        seconds, peak, processor = timed(build)
        cold.append(seconds)
        memory.append(peak)
        cpu.append(processor)
    no_change = [timed(build)[0] for _ in range(repeat)]
    one_edit = []
    for run in range(repeat):
        with open(root / "content" / f"article-{run * 7 % size:05d}.md", "a") as file:
            file.write(f"\nOne more sentence, edit {run}.\n")
        one_edit.append(timed(build)[0])
    template = measure_template_edits(root, build, repeat if size <= 1000 else 1)
    return {"articles": size, "cold_s": median(cold), "cold_cpu_s": median(cpu),
            "no_change_s": median(no_change),
            "one_edit_s": median(one_edit), "template_edit_s": median(template),
            "peak_mb": max(memory)}


def measure_template_edits(root: Path, build: list[str], runs: int) -> list[float]:
    """Seconds of builds after each of `runs` edits of templates/base.html (the project's
    override of the theme's), which every page uses."""
    seconds = []
    for run in range(runs):
        base = root / "templates" / "base.html"
        layout = base if base.exists() else THEME_TEMPLATES / "base.html"
        base.parent.mkdir(exist_ok=True)
        base.write_text(layout.read_text("utf-8").replace("</footer>", f"<!-- {run} --></footer>"),
                        "utf-8")
        seconds.append(timed(build)[0])
    return seconds


def use_bytecode_cache(folder: Path) -> None:
    """Let the builds keep compiled modules (in `folder`, not in the checkout), as an
    installed package has them: pip compiles .pyc files when it installs. Where
    PYTHONDONTWRITEBYTECODE is set, every build would otherwise compile all of footnoted's
    modules again, about 0.07 s of CPU time here."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(folder)
    atexit.register(shutil.rmtree, folder, True)
    print(f"compiled modules kept in {folder}", file=sys.stderr)


def timed(command: list[str]) -> tuple[float, float, float]:
    """Wall seconds, peak resident megabytes and CPU seconds (all processes) of one run."""
    # stderr goes to a file, not a pipe: a build printing more than a pipe holds (the seed
    # corpus warns of 15 lost links per article) would block on a pipe nobody reads.
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        errors.seek(0)
        stderr = errors.read().decode(errors="replace")
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr[-4000:]}")
    return seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def measure_serve(root: Path, repeat: int) -> float:
    """Seconds from saving an article to the server telling its page's tab to reload, over the
    LiveReload protocol as the browser's livereload.js speaks it."""
    port = free_port()
    server = subprocess.Popen([*BUILD, "--root", str(root), "serve", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(url, deadline=600)
        latencies = []
        for run in range(max(repeat, 5)):
            name = f"article-{run * 11 + 3:05d}"
            tab = LiveReloadClient(url, f"{url}{name}/", timeout=60)
            try:
                time.sleep(0.5)  # an editor pauses between saves
                started = time.perf_counter()
                with open(root / "content" / f"{name}.md", "a") as file:
                    file.write(f"\nSaved from the editor, take {run}.\n")
                command = tab.next_command()
                latencies.append(time.perf_counter() - started)
            finally:
                tab.close()
            if command != {"command": "reload", "path": f"/{name}/", "liveCSS": False,
                           "liveImg": False}:
                raise SystemExit(f"serve did not reload {name}'s page: {command}")
        print(f"  serve save-to-reload of each save: {', '.join(f'{s:.3f}' for s in latencies)}"
              f" s; load average {os.getloadavg()[0]:.2f}", file=sys.stderr)
        return median(latencies)
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_for(url: str, deadline: float) -> None:
    end = time.monotonic() + deadline
    while True:
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except OSError:
            if time.monotonic() > end:
                raise
            time.sleep(0.1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def median(values: list[float]) -> float:
    return statistics.median(values)


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    models = [line.split(":", 1)[1].strip() for line in
              (cpuinfo.read_text().splitlines() if cpuinfo.exists() else [])
              if line.startswith("model name")]
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{platform.system()} {platform.release()}, {os.cpu_count()} cores "
            f"({models[0] if models else platform.processor()}), {memory:.0f} GB RAM, "
            f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f}")


def row_text(row: dict) -> str:
    return (f"{row['corpus']} N={row['articles']:,}: cold {row['cold_s']:.2f} s "
            f"({row['cold_cpu_s']:.1f} s CPU), no-change "
            f"{row['no_change_s']:.2f} s, one edit {row['one_edit_s']:.2f} s, template edit "
            f"{row['template_edit_s']:.2f} s, peak {row['peak_mb']:.0f} MB")


def table(rows: list[dict]) -> str:
    lines = ["| Corpus | Articles | Cold | Cold, CPU time | No change | One article edited | "
             "Template edited | Peak memory | Save-to-reload |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        reload = f"{row['serve_reload_s']:.2f} s" if "serve_reload_s" in row else "-"
        lines.append(f"| {row['corpus']} | {row['articles']:,} | {row['cold_s']:.2f} s "
                     f"| {row['cold_cpu_s']:.1f} s"
                     f" | {row['no_change_s']:.2f} s"
                     f" | {row['one_edit_s']:.2f} s | {row['template_edit_s']:.2f} s"
                     f" | {row['peak_mb']:.0f} MB | {reload} |")
    return "\n".join(lines)


def floor_table(rows: list[dict]) -> str:
    """Issue 25's two ratios: cold CPU per article over the floor (target at most 1.2x),
    the --jobs 2 wall over the --jobs 1 wall (target at most 0.6x)."""
    lines = ["| Corpus | Articles | Floor, ms an article (load + our Markdown + page) | "
             "With plain Markdown | Our extensions add | footnoted cold CPU an article | "
             "Cold CPU / floor (≤ 1.2x) | --jobs 1 cold, wall (CPU) | --jobs 2 cold, wall (CPU) "
             "| Jobs 2 / jobs 1 wall (≤ 0.6x) | Load average |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        floor = row.get("floor")
        cells = ["-"] * 5 if floor is None else [
            f"{floor['floor_ms']:.2f} ({floor['load_ms']:.2f} + {floor['compile_ms']:.2f} + "
            f"{floor['page_ms']:.2f})", f"{floor['plain_floor_ms']:.2f}",
            f"{floor['extensions_add_ms']:+.2f}", f"{row['cold_cpu_ms']:.2f}",
            f"{row['floor_ratio']:.2f}x"]
        cells += ["-"] * 3 if "jobs_ratio" not in row else [
            f"{row['jobs1_s']:.2f} s ({row['jobs1_cpu_s']:.1f} s)",
            f"{row['jobs2_s']:.2f} s ({row['jobs2_cpu_s']:.1f} s)", f"{row['jobs_ratio']:.2f}x"]
        lines.append(f"| {row['corpus']} | {row['articles']:,} | " + " | ".join(cells)
                     + f" | {row['load_before']:.1f} to {row['load_after']:.1f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
