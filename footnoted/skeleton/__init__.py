"""The files `footnoted init` and `footnoted new` write, filled in from the text files beside
this module (shipped with the package, like the theme)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from string import Template

from ..content.slugs import slugify
from ..project import is_project, shown
from ..settings import Settings

SKELETON = Path(__file__).resolve().parent
PROJECT_FILES = {  # written by init: path in the project -> file here
    "pyproject.toml": "pyproject.toml.in",
    ".gitignore": "gitignore",
    "content/welcome.md": "welcome.md",
    # The site's own layer over the packaged theme: what a site changes first.
    "templates/partials/masthead.html": "templates/partials/masthead.html",
    "static/site.css": "static/site.css",
    "static/logo.svg": "static/logo.svg",
}
BASE_URL_HINT = '# base_url = "https://news.example/"  # where readers will find the site'



class Refused(Exception):
    """Writing would replace a file that is already there; the message says which."""


def init_project(folder: Path, title: str, base_url: str | None, today: date) -> list[Path]:
    """Write a minimal project into `folder` (made if missing); the paths written."""
    if is_project(folder):
        raise Refused(f"{shown(folder)} already is a footnoted project")
    present = [name for name in PROJECT_FILES if (folder / name).exists()]
    if present:
        fix = (" Add a [tool.footnoted] table to it by hand (docs/format.md, Site settings), or "
               "start the site in another folder" if "pyproject.toml" in present else "")
        raise Refused(f"{shown(folder)} already has {', '.join(present)}; nothing was "
                      f"written.{fix}")
    values = {"title": quoted(title), "date": today.isoformat(),
              "base_url": f"base_url = {quoted(base_url)}" if base_url else BASE_URL_HINT}
    written = []
    for name, source in PROJECT_FILES.items():
        text = (filled(source, values) if source.endswith((".in", ".md"))  # with $placeholders
                else (SKELETON / source).read_text("utf-8"))
        written.append(write_new(folder / name, text))
    return written


def new_article(settings: Settings, headline: str, today: date, slug: str | None = None
                ) -> Path:
    """Write a draft article skeleton into the content folder; its path."""
    slug = slug or slugify(headline)
    path = settings.content / f"{slug}.md"
    if path.exists():
        raise Refused(f"{path.relative_to(settings.root)} already exists; nothing was written. "
                      "Choose another headline, or give the file name with --slug")
    values = {"title": quoted(headline), "date": today.isoformat(), "slug": slug}
    return write_new(path, filled("article.md", values))


def filled(name: str, values: dict[str, str]) -> str:
    return Template((SKELETON / name).read_text("utf-8")).substitute(values)


def quoted(text: str) -> str:
    """A double-quoted string, valid in both TOML and YAML."""
    return json.dumps(text, ensure_ascii=False)


def write_new(path: Path, text: str) -> Path:
    """Create `path`, never replacing a file (another process may have made one meanwhile)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8") as file:
            file.write(text)
    except FileExistsError as exc:
        raise Refused(f"{shown(path)} already exists") from exc
    return path
