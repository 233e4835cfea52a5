"""Site settings, read from `[tool.footnoted]` in the project's pyproject.toml."""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .markdown.allowed_html import SAFE_ELEMENTS
from .problems import BuildFailed, Problem, error


@dataclass(frozen=True)
class Settings:
    """Every setting has a default, so an empty `[tool.footnoted]` table builds a site."""

    root: Path  # the project folder holding pyproject.toml
    title: str = "footnoted"  # the site's name, in page titles, the index and the feed
    description: str = ""  # the index page's meta description and the feed subtitle
    base_url: str = "https://example.org/"  # the site's address: feeds, sitemap, 404 links
    lang: str = "en"  # language of articles that do not set `lang`
    timezone: str = "UTC"  # zone for dates written without a time
    content_dir: str = "content"  # where articles and sources.yaml live
    output_dir: str = "site"  # where the site is written
    templates_dir: str = "templates"  # Jinja2 templates overriding the theme's, file by file
    static_dir: str = "static"  # files overriding the theme's; all are copied to <output>/static/
    words_per_minute: int = 230  # reading speed for the reading-time estimate
    per_page: int = 10  # articles per page of the front page and other listings
    allow_html: tuple[str, ...] = ()  # raw HTML elements articles may use, e.g. ["sup", "abbr"]
    toc: bool = False  # a table of contents on every article; an article's `toc:` overrides it

    @property
    def content(self) -> Path:
        return self.root / self.content_dir

    @property
    def output(self) -> Path:
        return self.root / self.output_dir

    @property
    def templates(self) -> Path:
        return self.root / self.templates_dir

    @property
    def static(self) -> Path:
        return self.root / self.static_dir

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def load_settings(root: Path) -> Settings:
    """Read the settings of the project at `root`; unknown keys and bad values are errors."""
    pyproject = root / "pyproject.toml"
    try:
        table = tomllib.loads(pyproject.read_text("utf-8")).get("tool", {}).get("footnoted", {})
    except FileNotFoundError:
        table = {}
    except tomllib.TOMLDecodeError as exc:
        raise BuildFailed([error("pyproject.toml", 0, f"is not valid TOML ({exc})")]) from exc
    table = {key: tuple(v) if isinstance(v, list) else v for key, v in table.items()}
    problems = [
        error("pyproject.toml", 0, f"unknown setting '{key}' in [tool.footnoted]",
              f"Known settings: {', '.join(_names())}")
        for key in table if key not in _names()
    ]
    problems += [
        error("pyproject.toml", 0, f"setting '{key}' must be {type(default).__name__}")
        for key, default in _defaults().items()
        if key in table and not isinstance(table[key], type(default))
    ]
    if problems:
        raise BuildFailed(problems)
    settings = Settings(root=root.resolve(), **table)
    _check_values(settings)
    return settings


def _check_values(settings: Settings) -> None:
    problems = []
    try:
        ZoneInfo(settings.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(error("pyproject.toml", 0, f"unknown timezone '{settings.timezone}'",
                              "Use an IANA name such as 'Europe/Moscow' or 'UTC'"))
    if not settings.base_url.startswith(("https://", "http://")):
        problems.append(error("pyproject.toml", 0, "base_url must be an absolute http(s) URL",
                              "Write e.g. base_url = \"https://example.org/reading/\""))
    problems += _unsafe_html_elements(settings.allow_html)
    if problems:
        raise BuildFailed(problems)


def _unsafe_html_elements(names: tuple[str, ...]) -> list[Problem]:
    return [
        error("pyproject.toml", 0, f"allow_html lists '{name}', which footnoted cannot publish "
              "safely", f"Allow only elements from: {', '.join(SAFE_ELEMENTS)}")
        for name in names if name not in SAFE_ELEMENTS
    ]


def _names() -> list[str]:
    return [f.name for f in dataclasses.fields(Settings) if f.name != "root"]


def _defaults() -> dict[str, object]:
    return {f.name: f.default for f in dataclasses.fields(Settings) if f.name != "root"}
