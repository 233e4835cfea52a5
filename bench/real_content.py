"""Try footnoted on Markdown written elsewhere: how many articles does `check` reject, and why?

    python bench/real_content.py /work/corpus/rust-blog/content [--adapt] [--keep DIR]
        [--checkout OTHER-WORKTREE]

The folder is copied as it is into `content/` of a throwaway project (a minimal
`[tool.footnoted]`, the package's theme), then `check` runs through footnoted.cli. The report
gives the articles found, the articles rejected (at least one error), and the errors and
warnings grouped by kind of message, with counts, the values most often quoted in them and a
few file:line examples. Then the rejected articles are removed, the rest is built and every
feed of the site is read with feedparser (`bozo` must be 0).

`--adapt` first rewrites each file's front matter into footnoted's keys, as an importer would
(title, date from `date`, a Zola `path` or the file name, authors, tags, description as dek,
a `permalink` or `url` as `original_url`, everything else under `extra`; a file without
front matter gets a slug from its whole path): the body problems then show, not hidden behind
the front matter that other generators write differently. The rewritten front matter is YAML.

`--setting 'KEY = VALUE'` adds a line to `[tool.footnoted]` (e.g. `public_dirs =
["content/public"]` for VitePress), and `--copy SRC=DEST` copies a folder of the old site into
the project (e.g. 11ty's `assets/` beside its content into `content/assets`), as an editor
moving the site would.

After the build, the report counts what a reader would meet: tracebacks (an exception out of
the command, or an article's "internal error"), pages showing fence marks (``` or ~~~) as
text outside code, and site-absolute links (`href="/..."`, or a template tag) left as written
on the built pages, with those whose last part names an article of the corpus.

Nothing is written outside a temporary folder (or `--keep DIR`, which must not exist).
"""

from __future__ import annotations

import argparse
import contextlib
import html.parser
import io
import re
import shutil
import sys
import tempfile
import time
import tomllib
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import yaml


def checkout() -> Path:
    """The checkout whose footnoted runs: this script's, or `--checkout DIR` (read early,
    before footnoted is imported, so a colleague can try a branch on the same corpus)."""
    if "--checkout" in sys.argv:
        return Path(sys.argv[sys.argv.index("--checkout") + 1]).resolve()
    return Path(__file__).resolve().parent.parent


REPO = checkout()
sys.path.insert(0, str(REPO))  # that checkout's footnoted, not the one installed elsewhere

from footnoted.cli import main  # noqa: E402
from footnoted.content.slugs import slugify  # noqa: E402

ARTICLE_SUFFIXES = (".md", ".markdown")
NOT_CONTENT = {"readme.md", "changelog.md", "contributing.md", "code_of_conduct.md",
               "license.md", "license-nd.md", "license-sa.md"}  # repository files at the top
PROBLEM = re.compile(r"^(?P<path>\S.*?)(?::(?P<line>\d+))?: (?P<severity>error|warning): "
                     r"(?P<message>.*)$")
QUOTED = re.compile(r"(?<!\w)'[^']*'(?!\w)")  # not the apostrophe of "article's"
A_PATH = re.compile(r"\bcontent/\S+")
EXAMPLES = 4
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")  # another generator's template tag, left as written
QUOTED_IN_TAG = re.compile(r"\{\{[^}]*?['\"]([^'\"]*)['\"][^}]*\}\}")  # the path it quotes


def make_project(corpus: Path, root: Path, adapt: bool, settings: list[str] = (),
                 copies: list[str] = ()) -> None:
    root.mkdir(parents=True)
    for folder in ("templates", "static"):  # before the theme moved into the package
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, root / folder)
    (root / "pyproject.toml").write_text(
        '[tool.footnoted]\ntitle = "Real content"\nbase_url = "https://corpus.example/"\n'
        + "".join(f"{line}\n" for line in settings), encoding="utf-8")
    content = root / "content"
    shutil.copytree(corpus, content, ignore=_repository_files(corpus), symlinks=True)
    for copy in copies:
        source, _, destination = copy.partition("=")
        shutil.copytree(Path(source), root / destination, dirs_exist_ok=True, symlinks=True)
    if adapt:
        for path in articles_in(content):
            adapt_front_matter(path, content)


def _repository_files(corpus: Path):
    """Hidden files, and a repository's own files at its top (when it has a licence: a
    documentation folder's contributing.md is an article)."""
    repository = any((corpus / name).exists() for name in ("LICENSE", "LICENSE.md", ".git"))

    def ignore(folder: str, names: list[str]) -> list[str]:
        hidden = [name for name in names if name.startswith(".")]
        if Path(folder) == corpus and repository:
            hidden += [name for name in names if name.lower() in NOT_CONTENT]
        return hidden

    return ignore


def articles_in(content: Path) -> list[Path]:
    return sorted(p for p in content.rglob("*") if p.suffix in ARTICLE_SUFFIXES and p.is_file())


# --- --adapt: front matter as an importer would write it ----------------------------------

FENCES = {"---": "yaml", "+++": "toml"}
OLD_HOST = "https://old.example"  # where an adapted `permalink:` was (importers/generators.py)
DATE_IN_PATH = re.compile(r"(\d{4})[/-](\d{2})[/-](\d{2})")


def adapt_front_matter(path: Path, content: Path) -> None:
    text = path.read_text("utf-8", errors="replace")
    meta, body = split_foreign(text)
    front = adapted(meta, path)
    if not meta:  # a fragment (doka's practice/NAME.md): name it by its whole path
        front["slug"] = slugify(path.relative_to(content).with_suffix("").as_posix())
    path.write_text("---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
                    + "---\n" + body, "utf-8")


def split_foreign(text: str) -> tuple[dict, str]:
    """(front matter as a dict, body); {} and the whole text when there is none or it is bad."""
    fence = text[:3]
    if fence not in FENCES:
        return {}, text
    end = text.find(f"\n{fence}", 3)
    if end < 0:
        return {}, text
    raw, body = text[3:end], text[end + 4:].removeprefix("\n")
    try:
        meta = tomllib.loads(raw) if fence == "+++" else yaml.safe_load(raw)
    except (tomllib.TOMLDecodeError, yaml.YAMLError):
        return {}, text
    return (meta if isinstance(meta, dict) else {}), body


def adapted(meta: dict, path: Path) -> dict:
    taken = {"title", "date", "authors", "author", "tags", "description", "summary", "draft",
             "lang"}
    named = path.parent.name if path.stem.startswith("index") else path.stem
    result: dict = {"title": str(meta.get("title") or named)}
    result["date"] = foreign_date(meta, path)
    authors = meta.get("authors", meta.get("author"))
    if authors:
        result["authors"] = [str(a) for a in authors] if isinstance(authors, list) \
            else [str(authors)]
    if isinstance(meta.get("tags"), list):
        result["tags"] = [str(tag) for tag in meta["tags"]]
    dek = meta.get("description") or meta.get("summary")
    if isinstance(dek, str) and dek.strip():
        result["dek"] = dek
    for key in ("draft", "lang"):
        if key in meta:
            result[key] = meta[key]
    address = meta.get("permalink") or meta.get("url")  # as `import` maps them
    if isinstance(address, str) and address.startswith("/"):
        result["original_url"] = OLD_HOST + address
    extra = {key: value for key, value in meta.items() if key not in taken}
    if extra:
        result["extra"] = plain(extra)
    return result


def foreign_date(meta: dict, path: Path) -> object:
    for key in ("date", "published", "pubDate"):
        if isinstance(meta.get(key), date | str):
            return meta[key]
    found = DATE_IN_PATH.search(str(meta.get("path", ""))) or DATE_IN_PATH.search(path.name)
    return date(*map(int, found.groups())) if found else date(2000, 1, 1)


def plain(value: object) -> object:
    """TOML's and YAML's values as YAML can write them back."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


# --- running and reporting ------------------------------------------------------------------


TRACEBACK = "Traceback (most recent call last)"


def run_cli(*args: str) -> tuple[int, str]:
    """The command's exit code and output; an exception out of it is printed into the output
    as a traceback (and counted as one), never ending the bench."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except Exception:  # noqa: BLE001 - what the bench measures
            traceback.print_exc()
            code = 99
    return code, out.getvalue() + err.getvalue()


def tracebacks_in(output: str) -> list[str]:
    """Each traceback's last line, and each article's internal error (a caught bug)."""
    found = []
    lines = output.splitlines()
    for number, line in enumerate(lines):
        if line.startswith(TRACEBACK):
            last = next((later for later in lines[number + 1:] if not later.startswith(" ")),
                        "?")
            found.append(last)
        elif "internal error while reading this article" in line:
            found.append(line)
    return found


def parse_problems(output: str) -> list[dict]:
    problems: list[dict] = []
    for line in output.splitlines():
        match = PROBLEM.match(line)
        if match:
            problems.append(match.groupdict())
        elif problems and line.startswith((" ", "\t")):
            problems[-1]["message"] += " " + line.strip()
    return problems


def kind_of(message: str) -> str:
    """The message without its fix and with quoted values blanked: one kind of mistake."""
    kind = A_PATH.sub("content/…", QUOTED.sub("'…'", kind_of_raw(message)))
    return re.sub(r"\b\d+\b", "N", kind)  # "(source 12)" is one kind with "(source 3)"


def report(title: str, found: int, markdown: int, problems: list[dict]) -> list[str]:
    lines = [f"## {title}", ""]
    rejected = {p["path"] for p in problems if p["severity"] == "error"}
    share = 100 * len(rejected) / found if found else 0
    lines += [f"articles found: {found} ({markdown} named .markdown)",
              f"articles rejected: {len(rejected)} ({share:.1f} %)",
              ""]
    first_errors = {}
    for problem in problems:  # in file and line order, as check prints them
        if problem["severity"] == "error":
            first_errors.setdefault(problem["path"], kind_of(problem["message"]))
    if first_errors:
        lines.append("### rejected files, each under its first error")
        lines += [f"- {count} {kind}" for kind, count in
                  Counter(first_errors.values()).most_common()]
        lines.append("")
    for severity in ("error", "warning"):
        groups: dict[str, list[dict]] = defaultdict(list)
        for problem in problems:
            if problem["severity"] == severity:
                groups[kind_of(problem["message"])].append(problem)
        if not groups:
            continue
        lines.append(f"### {severity}s by kind (count, files)")
        for kind, members in sorted(groups.items(), key=lambda item: -len(item[1])):
            files = len({p["path"] for p in members})
            lines.append(f"- {len(members)} × ({files} files) {kind}")
            quoted = [QUOTED.findall(kind_of_raw(p["message"])) for p in members]
            values = Counter(value for found in quoted for value in found)
            if values and len(values) > 1:
                common = ", ".join(f"{v} {n}" for v, n in values.most_common(6))
                lines.append(f"    values: {common}")
            for problem in members[:EXAMPLES]:
                where = f"{problem['path']}:{problem['line'] or 0}"
                lines.append(f"    {where}: {problem['message'][:160]}")
        lines.append("")
    return lines


def kind_of_raw(message: str) -> str:
    """The message without the fix that follows it."""
    return re.split(r"\. (?=[A-Z])", message, maxsplit=1)[0]


def build_without_rejected(root: Path, problems: list[dict], names: Names) -> list[str]:
    """Remove the rejected articles, build, and read every feed with feedparser and every
    page for fence marks and site-absolute links left as written."""
    import feedparser

    lines = ["### build of the accepted articles", ""]
    for attempt in range(10):  # links to a removed article are errors: remove those too
        for path in {p["path"] for p in problems if p["severity"] == "error"}:
            (root / path).unlink(missing_ok=True)
        started = time.perf_counter()
        code, output = run_cli("--root", str(root), "build", "--jobs", "1")
        seconds = time.perf_counter() - started
        traces = tracebacks_in(output)
        lines += [f"traceback in build: {trace}" for trace in traces]
        if code == 0:
            break
        problems = parse_problems(output)
        lines.append(f"build attempt {attempt + 1} failed; removed "
                     f"{len({p['path'] for p in problems if p['severity'] == 'error'})} more")
    else:
        return lines + ["the build still fails", ""]
    summary = next(line for line in output.splitlines() if line.startswith("Built "))
    lines.append(f"{summary} (wall {seconds:.1f} s)")
    feeds = sorted(p for p in (root / "site").rglob("*.xml") if p.name != "sitemap.xml")
    bad = []
    for feed in feeds:
        parsed = feedparser.parse(feed.read_bytes())
        if parsed.bozo:
            bad.append(f"    {feed.relative_to(root)}: {parsed.bozo_exception}")
    lines.append(f"feeds: {len(feeds)}, bozo: {len(bad)}")
    return lines + bad[:EXAMPLES * 2] + [""] + read_pages(root / "site", names)


class PageReader(html.parser.HTMLParser):
    """Text outside code that shows fence marks, and links left site-absolute."""

    CODE = ("code", "pre", "script", "style")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside code
        self.fences: list[str] = []
        self.rooted: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.CODE:
            self.depth += 1
        href = dict(attrs).get("href") or "" if tag == "a" else ""
        if (href.startswith("/") and not href.startswith("//")) or TAG.search(href):
            self.rooted.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.CODE and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth and ("```" in data or "~~~" in data):
            self.fences.append(" ".join(data.split())[:80])


def read_pages(site: Path, names: Names) -> list[str]:
    """Pages showing fence marks as text; site-absolute links left as written, those at an
    article's address (as the old generator gave it) and those whose last part is only an
    article's name (to read by hand: many are sections or pages outside the corpus)."""
    fence_pages, rooted = [], Counter()
    at_address, by_name = Counter(), Counter()
    for page in sorted(site.rglob("*.html")):
        if page.name == "404.html":  # links from base_url's path by design (any depth)
            continue
        reader = PageReader()
        reader.feed(page.read_text("utf-8", errors="replace"))
        where = page.relative_to(site).as_posix()
        if reader.fences:
            fence_pages.append(f"    {where}: {reader.fences[0]}")
        for href in reader.rooted:
            rooted[href] += 1
            if address_of(href) in names.addresses:
                at_address[f"{where}: {href}"] += 1
            elif last_part(href) in names.names:
                by_name[f"{where}: {href}"] += 1
    return [f"pages showing fence marks as text: {len(fence_pages)}", *fence_pages[:EXAMPLES * 2],
            f"site-absolute links left as written: {sum(rooted.values())} "
            f"({len(rooted)} addresses)",
            *(f"    {href} {count}" for href, count in rooted.most_common(EXAMPLES * 2)),
            f"of them at an article's address: {sum(at_address.values())}",
            *(f"    {href}" for href in sorted(at_address)[:EXAMPLES * 4]),
            f"of them naming an article's file only by their last part: "
            f"{sum(by_name.values())}",
            *(f"    {href}" for href in sorted(by_name)[:EXAMPLES * 4]), ""]


def address_of(href: str) -> str:
    """`/Guide/Intro.html#x` -> `guide/intro`; a link left with another generator's tag by
    the path it quotes or follows: `{{ "/blog/a/" | url }}`, `{{ site.baseurl }}/blog/a/`."""
    href = TAG.sub("", QUOTED_IN_TAG.sub(r"\1", href))
    path = re.split(r"[?#]", href, maxsplit=1)[0].strip("/")
    return re.sub(r"(/?index)?\.(html?|md)$", "", path).lower()


def last_part(href: str) -> str:
    """`/blog/2019/post/#x` -> `post`; `/guide/intro.html` -> `intro`."""
    return address_of(href).rsplit("/", 1)[-1]


@dataclass
class Names:
    """What a link may name an article by: its address as Hugo, VitePress and MkDocs gave
    it (its path in the content folder, an index file by its folder), as Jekyll and 11ty
    gave a dated post (`2015/01/08/name`), or its permalink; and its bare name (file stem
    or slug). Hugo's and Zola's section pages (`_index.md`) are no articles: footnoted
    lists sections itself."""

    addresses: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)


def article_names(content: Path, files: list[Path]) -> Names:
    found = Names()
    for path in files:
        if path.stem.startswith("_index"):
            continue
        inside = path.relative_to(content).with_suffix("").as_posix()
        inside = inside.removesuffix("/index").removesuffix("/README")
        stem = inside.rsplit("/", 1)[-1]
        dated = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})-(.+)", stem)
        found.addresses.add(inside.lower())
        if dated:
            found.addresses.add("/".join(dated.groups()).lower())
            stem = dated.group(4)
        meta, _ = split_foreign(path.read_text("utf-8", errors="replace"))
        if isinstance(meta.get("original_url"), str):
            found.addresses.add(address_of(meta["original_url"].removeprefix(OLD_HOST)))
        found.names |= {stem.lower(), slugify(stem)}
    found.names -= {""}
    return found


def run(corpus: Path, adapt: bool, keep: Path | None, settings: list[str],
        copies: list[str]) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="footnoted-corpus-") as temp:
        root = keep or Path(temp) / "project"
        make_project(corpus, root, adapt, settings, copies)
        files = articles_in(root / "content")
        found, markdown = len(files), sum(path.suffix == ".markdown" for path in files)
        started = time.perf_counter()
        _, output = run_cli("--root", str(root), "check")
        seconds = time.perf_counter() - started
        problems = parse_problems(output)
        title = f"{corpus} ({'front matter adapted' if adapt else 'as is'})"
        lines = report(title, found, markdown, problems)
        lines.insert(2, f"check: {seconds:.1f} s wall")
        checked = re.search(r"^Checked .*$", output, re.MULTILINE)  # front matter read
        lines.insert(5, f"check says: {checked.group(0) if checked else '(nothing)'}")
        traces = tracebacks_in(output)
        lines.insert(6, f"tracebacks in check: {len(traces)}")
        lines[7:7] = [f"    {trace}" for trace in traces[:EXAMPLES * 2]]
        names = article_names(root / "content", files)
        return lines + build_without_rejected(root, problems, names)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path, help="folder of Markdown, copied as content/")
    parser.add_argument("--adapt", action="store_true",
                        help="rewrite front matter into footnoted's keys first")
    parser.add_argument("--keep", type=Path, help="build the project here and keep it")
    parser.add_argument("--checkout", type=Path, help="run the footnoted of this checkout")
    parser.add_argument("--setting", action="append", default=[],
                        help="a line added to [tool.footnoted], e.g. 'public_dirs = [\"x\"]'")
    parser.add_argument("--copy", action="append", default=[], metavar="SRC=DEST",
                        help="copy the folder SRC into the project as DEST")
    return parser.parse_args()


if __name__ == "__main__":
    arguments = parse_args()
    print("\n".join(run(arguments.corpus.resolve(), arguments.adapt, arguments.keep,
                        arguments.setting, arguments.copy)))
