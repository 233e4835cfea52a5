"""The floor issue 25 names: the CPU time per article of only the work no build can skip.

    python bench/floor.py --corpus generated --size 1000         # a corpus made here
    python bench/floor.py --root PROJECT                         # a project's own articles
    python bench/floor.py --corpus seed --size 1000 --split       # and where Markdown's time goes

In this one process, for every article file the build would read (content/, in the build's
order), the loop does: read the file and its YAML front matter into the typed `Document`
(`load_document`); Python-Markdown with footnoted's extensions and the article's sources
resolved (`parse_and_resolve`, the project's own compile step, with one set of converters
reused as a build process reuses them); the article's Jinja page rendered to bytes
(`render_article`, no articles listed beside it). Nothing else: no cache, no store, no
site-wide pages, no search terms, no writing, no worker processes. The Jinja environment has
no bytecode cache; the project's settings, shared sources and page index are made before the
loop (their CPU time is reported as setup).

Each phase is timed by `time.process_time` around each call; a figure per article is the
phase's total CPU time over the articles after the first, divided by their number (the first
article is the warm-up: it compiles the templates and fills the converters and caches, and is
reported alone). Interpreter start-up and the imports are reported separately, as is setup.
With --repeat R the loop runs R times and the lowest total of each phase is kept.

Beside it, "plain Markdown": the same articles as Pelican reads them (vs_pelican.py: metadata
lines, the sources as reference definitions) converted by Python-Markdown with Pelican's
default extensions (codehilite, extra, meta; --plain NAMES, or none), one instance reset
between articles. The floor with plain Markdown is load + plain Markdown + page, so the
difference is what our extensions and the sources' resolution add per article.

--split adds two measurements on the same articles: Python-Markdown with only the built-in
extensions footnoted's converter uses (fenced_code, tables, sane_lists, codehilite; then with
smarty as shipped too) on our bodies, timed as above, so that our compile step less the first
is what our own patterns, passes and the sources' resolution add; and one pass of the
compile step under cProfile, its time grouped by module (own time, which adds up to the
whole, and the time spent inside each of our Markdown modules once entered from outside it).
cProfile inflates call-heavy code, so those figures are shares, not CPU times.

--json prints the figures as JSON on stdout (bench/run.py reads them).
"""

import time

STARTED = time.process_time()  # the interpreter's start-up, before any import of ours

import argparse  # noqa: E402
import cProfile  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import pstats  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH.parent), str(BENCH)]  # this checkout's footnoted, as build.py finds it

import markdown  # noqa: E402
import yaml  # noqa: E402
from corpus import CORPORA  # noqa: E402
from vs_pelican import pelican_article  # noqa: E402

from footnoted.article.compile import parse_and_resolve  # noqa: E402
from footnoted.content.discovery import article_files  # noqa: E402
from footnoted.content.document import load_document, load_shared_sources  # noqa: E402
from footnoted.content.known_sources import SharedSources  # noqa: E402
from footnoted.content.page_index import build_page_index, day_of  # noqa: E402
from footnoted.markdown.convert import Converters  # noqa: E402
from footnoted.pages.render import article_page, make_environment, render_article  # noqa: E402
from footnoted.settings import load_settings  # noqa: E402

IMPORTED = time.process_time()
PELICAN_MARKDOWN = {"codehilite": {"css_class": "highlight"}, "extra": {}, "meta": {}}
BUILT_INS = {"fenced_code": {}, "tables": {}, "sane_lists": {},
             "codehilite": {"css_class": "highlight", "guess_lang": False}}
PHASES = ("load", "compile", "page")


def main() -> int:
    args = parse_args()
    if args.root:
        figures = measure(Path(args.root), args)
    else:
        with tempfile.TemporaryDirectory(prefix="footnoted-floor-") as folder:
            root = Path(folder) / "project"
            CORPORA[args.corpus](root, args.size)
            figures = measure(root, args)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(report(figures))
    return 0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", help="a footnoted project (default: a corpus made here)")
    parser.add_argument("--corpus", choices=sorted(CORPORA), default="generated",
                        help="the corpus to make when no --root is given")
    parser.add_argument("--size", type=int, default=1000, help="articles in that corpus")
    parser.add_argument("--repeat", type=int, default=1,
                        help="loops over the articles; the lowest total of each phase is kept")
    parser.add_argument("--plain", nargs="*", default=list(PELICAN_MARKDOWN),
                        choices=list(PELICAN_MARKDOWN),
                        help="plain Markdown's extensions (default Pelican's: codehilite "
                             "extra meta; --plain alone: none)")
    parser.add_argument("--split", action="store_true",
                        help="also Python-Markdown with only the built-ins we use, and a "
                             "cProfile of the compile step by module (not in every run)")
    parser.add_argument("--json", action="store_true", help="the figures as JSON on stdout")
    return parser.parse_args()


def measure(root: Path, args: argparse.Namespace) -> dict:
    setup_started = time.process_time()
    project = Project(root)
    setup = time.process_time() - setup_started
    count = len(project.paths) - 1
    if count < 1:
        raise SystemExit(f"{root}: the floor needs at least two articles (one is the warm-up)")
    warmup, totals = floor_loop(project, args.repeat)
    plain = best_of(args.repeat, lambda: plain_loop(project, args.plain))
    figures = {
        "articles": count + 1, "footnoted": str(Path(sys.modules["footnoted"].__file__).parent),
        "load_average": os.getloadavg()[0],
        "startup_cpu_s": STARTED, "imports_cpu_s": IMPORTED - STARTED, "setup_cpu_s": setup,
        "warmup_cpu_s": warmup,
        **{f"{phase}_ms": 1000 * totals[phase] / count for phase in PHASES},
        "plain_markdown_ms": 1000 * plain / count, "plain_extensions": args.plain,
    }
    figures["floor_ms"] = sum(figures[f"{phase}_ms"] for phase in PHASES)
    figures["plain_floor_ms"] = figures["floor_ms"] - figures["compile_ms"] + \
        figures["plain_markdown_ms"]
    figures["extensions_add_ms"] = figures["compile_ms"] - figures["plain_markdown_ms"]
    if args.split:
        figures["built_ins_markdown_ms"] = 1000 * best_of(
            args.repeat, lambda: built_ins_loop(project, BUILT_INS)) / count
        figures["built_ins_smarty_ms"] = 1000 * best_of(
            args.repeat, lambda: built_ins_loop(project, BUILT_INS | {"smarty": {}})) / count
        figures["ours_add_ms"] = figures["compile_ms"] - figures["built_ins_markdown_ms"]
        figures["split"] = profile_split(project, count)
    return figures


class Project:
    """What the loop needs made once: settings, shared sources, the page index (every
    article's slug, as stage 1 finds them), the Jinja environment, and each article as
    Pelican would read it."""

    def __init__(self, root: Path) -> None:
        self.settings = load_settings(root)
        self.content = load_shared_sources(self.settings)
        self.shared = SharedSources(self.content.shared_sources, self.content.archive,
                                    self.content.found)
        paths, _ = article_files(self.settings)
        self.paths = paths
        documents = [(path, load_document(path, self.settings)[0]) for path in paths]
        found = [document for _, document in documents if document is not None]
        if len(found) < len(paths):
            raise SystemExit(f"{len(paths) - len(found)} articles do not load; run "
                             "`python build.py check` on the project")
        self.pages = build_page_index([(d.path, d.slug) for d in found],
                                      self.settings.content_dir,
                                      [(d.slug, str(d.meta.original_url)) for d in found
                                       if d.meta.original_url],
                                      self.settings.lang,
                                      [(d.path, day_of(d.meta.date)) for d in found])
        self.environment = make_environment(self.settings)  # no bytecode cache
        shared_file = root / "content" / "sources.yaml"
        shared = yaml.safe_load(shared_file.read_text("utf-8")) if shared_file.exists() else {}
        self.pelican_texts = [pelican_article(path.read_text("utf-8"), shared or {}, path.stem)
                              for path in paths]
        self.bodies = [document.body for document in found]


def floor_loop(project: Project, repeat: int) -> tuple[float, dict[str, float]]:
    """The warm-up article's CPU seconds, and the lowest total of each phase over the rest."""
    converters = Converters()
    warmup, totals = 0.0, dict.fromkeys(PHASES, float("inf"))
    for run in range(repeat):
        spent = dict.fromkeys(PHASES, 0.0)
        for number, path in enumerate(project.paths):
            times = one_article(project, path, converters)
            if number == 0:
                warmup = warmup if run else sum(times)
                continue
            for phase, seconds in zip(PHASES, times, strict=True):
                spent[phase] += seconds
        totals = {phase: min(totals[phase], spent[phase]) for phase in PHASES}
    return warmup, totals


def one_article(project: Project, path: Path, converters: Converters) -> tuple[float, ...]:
    """CPU seconds of loading, compiling and rendering the page of the article at `path`."""
    settings, clock = project.settings, time.process_time
    started = clock()
    document, problems = load_document(path, settings)
    loaded = clock()
    article, found = parse_and_resolve(document, project.content, settings, project.pages,
                                       converters, project.shared)
    compiled = clock()
    page = render_article(project.environment, article, settings, article_page(article), [], [])
    rendered = clock()
    if not page:
        raise SystemExit(f"{path}: no page rendered")
    return loaded - started, compiled - loaded, rendered - compiled


def plain_loop(project: Project, extensions: list[str]) -> float:
    """CPU seconds of plain Python-Markdown over the articles after the first, as Pelican
    reads them."""
    return markdown_loop(project.pelican_texts, markdown.Markdown(
        extensions=extensions, output_format="html",
        extension_configs={name: PELICAN_MARKDOWN[name] for name in extensions}))


def built_ins_loop(project: Project, extensions: dict[str, dict]) -> float:
    """CPU seconds of Python-Markdown with only these built-in extensions, over our article
    bodies after the first."""
    return markdown_loop(project.bodies, markdown.Markdown(
        extensions=list(extensions), extension_configs=extensions, output_format="html"))


def markdown_loop(texts: list[str], converter: markdown.Markdown) -> float:
    clock, spent = time.process_time, 0.0
    for number, text in enumerate(texts):
        started = clock()
        converter.reset()
        converter.convert(text)
        if number:
            spent += clock() - started
    return spent


def best_of(repeat: int, loop: Callable[[], float]) -> float:
    return min(loop() for _ in range(repeat))


def profile_split(project: Project, count: int) -> list[dict]:
    """One compile pass under cProfile, grouped by module: own ms per article (adds up to
    the whole) and, for our Markdown modules, the ms per article inside the module once
    entered from outside it."""
    converters = Converters()
    documents = [load_document(path, project.settings)[0] for path in project.paths]
    one_article(project, project.paths[0], converters)  # warm, as in the timed loop
    profiler = cProfile.Profile()
    profiler.enable()
    for document in documents[1:]:
        parse_and_resolve(document, project.content, project.settings, project.pages,
                          converters, project.shared)
    profiler.disable()
    stats = pstats.Stats(profiler).stats
    own: dict[str, float] = {}
    entered: dict[str, float] = {}
    for function, (_, _, tottime, _, callers) in stats.items():
        group = module_group(function[0])
        own[group] = own.get(group, 0.0) + tottime
        if group.startswith("footnoted.markdown."):
            entered[group] = entered.get(group, 0.0) + sum(
                edge[3] for caller, edge in callers.items() if module_group(caller[0]) != group)
    total = sum(own.values())
    return sorted(({"module": group, "own_ms": 1000 * seconds / count,
                    "own_share": seconds / total,
                    "entered_ms": 1000 * entered[group] / count if group in entered else None}
                   for group, seconds in own.items()), key=lambda row: -row["own_ms"])


def module_group(filename: str) -> str:
    """footnoted.markdown.notes, footnoted (the rest of it), Python-Markdown's core or a
    built-in extension by name, Pygments, Jinja, PyYAML, or the rest (standard library,
    built-ins)."""
    path = filename.replace(os.sep, "/")
    if "/footnoted/markdown/" in path:
        return "footnoted.markdown." + Path(path).stem
    if "/footnoted/" in path:
        return "footnoted, outside markdown/"
    if "/markdown/extensions/" in path:
        return "Python-Markdown: " + Path(path).stem
    for marker, name in (("/markdown/", "Python-Markdown: core"), ("/pygments/", "Pygments"),
                         ("/jinja2/", "Jinja"), ("/yaml/", "PyYAML")):
        if marker in path:
            return name
    return "standard library and built-ins"


def report(figures: dict) -> str:
    """The figures as a small Markdown table, the split after it when measured."""
    n = figures["articles"] - 1
    rows = [
        ("read + YAML front matter (`load_document`)", figures["load_ms"]),
        ("our Markdown + sources resolved (`parse_and_resolve`)", figures["compile_ms"]),
        ("the article's Jinja page (`render_article`)", figures["page_ms"]),
        ("**floor**", figures["floor_ms"]),
        (f"plain Python-Markdown ({', '.join(figures['plain_extensions']) or 'no extensions'})",
         figures["plain_markdown_ms"]),
        ("floor with plain Markdown instead of ours", figures["plain_floor_ms"]),
        ("what our extensions and sources add", figures["extensions_add_ms"]),
    ]
    if "built_ins_markdown_ms" in figures:
        rows += [("Python-Markdown with the built-ins we use but smarty (fenced_code, tables, "
                  "sane_lists, codehilite), on our bodies", figures["built_ins_markdown_ms"]),
                 ("the same with smarty as shipped (ours runs its second pass only on text "
                  "with quotes, dashes or ellipses)", figures["built_ins_smarty_ms"]),
                 ("what our own extensions, punctuation pass and sources add over those",
                  figures["ours_add_ms"])]
    lines = [f"{figures['articles']:,} articles ({n:,} timed after one warm-up), footnoted "
             f"from {figures['footnoted']}, load average {figures['load_average']:.1f}",
             f"start-up {figures['startup_cpu_s']:.3f} s, imports "
             f"{figures['imports_cpu_s']:.3f} s, setup {figures['setup_cpu_s']:.3f} s, warm-up "
             f"article {1000 * figures['warmup_cpu_s']:.1f} ms (CPU)", "",
             "| CPU per article | ms |", "|---|---:|"]
    lines += [f"| {name} | {ms:.2f} |" for name, ms in rows]
    if "split" in figures:
        lines += ["", "Compile step under cProfile, ms per article (inflated; read as shares; "
                  "the converter's \"inside\" is the whole conversion):", "",
                  "| module | own | own share | inside, entered from outside |",
                  "|---|---:|---:|---:|"]
        lines += [f"| {row['module']} | {row['own_ms']:.2f} | {100 * row['own_share']:.1f} % "
                  f"| {'' if row['entered_ms'] is None else format(row['entered_ms'], '.2f')} |"
                  for row in figures["split"]]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
