"""Site settings, read from `[tool.footnoted]` in the project's pyproject.toml."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .markdown.allowed_html import DEFAULT_SETTING, allow_html_problems
from .problems import BuildFailed, Problem, error, warning

PYPROJECT = "pyproject.toml"
EXAMPLE_HOSTS = ("example.org", "example.com", "example.net")  # placeholders, never a real site
TABLE_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]")
KEY_LINE = re.compile(r"^\s*(\"[^\"]+\"|'[^']+'|[A-Za-z0-9_-]+)\s*=")


@dataclass(frozen=True, kw_only=True)
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
    # folders of content_dir that a migrated site served from its root (VitePress's `public`,
    # VuePress's `.vuepress/public`): a path starting with '/' may name a file in them too
    public_dirs: tuple[str, ...] = ()
    words_per_minute: int = 230  # reading speed for the reading-time estimate
    per_page: int = 10  # articles per page of the front page and other listings
    # raw HTML elements articles may use: "default" (GitHub's list), names, "-name" to remove
    allow_html: tuple[str, ...] = DEFAULT_SETTING
    toc: bool = False  # a table of contents on every article; an article's `toc:` overrides it
    archive_endpoint: str = "https://archive.org"  # the web archive `archive` asks
    links_cache_days: int = 7  # `links` checks a URL again after this many days

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
    """Read the settings of the project at `root`; unknown keys and bad values are errors,
    each with its line in pyproject.toml."""
    text = _pyproject_text(root / PYPROJECT)
    try:
        table = tomllib.loads(text).get("tool", {}).get("footnoted", {})
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"at line (\d+)", str(exc))
        raise BuildFailed([error(PYPROJECT, int(line.group(1)) if line else 0,
                                 f"is not valid TOML ({exc})",
                                 "Fix the syntax there (quotes, brackets, one key per line)")]
                          ) from exc
    table = {key: tuple(v) if isinstance(v, list) else v for key, v in table.items()}
    lines = SettingLines(text)
    problems = [_unknown_key(key, lines.of(key)) for key in table if key not in _names()]
    problems += [
        error(PYPROJECT, lines.of(key), f"setting '{key}' must be {type(default).__name__}")
        for key, default in _defaults().items()
        if key in table and not isinstance(table[key], type(default))
    ]
    if problems:
        raise BuildFailed(problems)
    settings = Settings(root=root.resolve(), **table)
    _check_values(settings, lines)
    return settings


def settings_warnings(settings: Settings) -> list[Problem]:
    """Settings that build a site but not the one meant to be published: warnings on `build`,
    errors under --strict."""
    host = urlsplit(settings.base_url).hostname or ""
    if host.removeprefix("www.") not in EXAMPLE_HOSTS:
        return []
    lines = SettingLines(_pyproject_text(settings.root / PYPROJECT))
    where = "is an example address" if "base_url" in lines.keys else "is not set"
    return [warning(PYPROJECT, lines.of("base_url"),
                    f"base_url {where}, so the feeds, the sitemap and shared links point to "
                    f"{settings.base_url} and the 404 page links from its path",
                    "Set base_url in [tool.footnoted] to the address readers will use, such as "
                    "\"https://news.example/reading/\" (README: Publishing)", "settings")]


class SettingLines:
    """The line of each key of [tool.footnoted] in pyproject.toml, for messages; the table's
    own line for a key not written there."""

    def __init__(self, text: str) -> None:
        self.table, self.keys, inside = 0, {}, False
        for number, line in enumerate(text.splitlines(), 1):
            header = TABLE_HEADER.match(line)
            if header:
                inside = header.group(1).replace(" ", "") == "tool.footnoted"
                self.table = number if inside else self.table
            elif inside and (key := KEY_LINE.match(line)):
                self.keys.setdefault(key.group(1).strip("\"'"), number)

    def of(self, key: str) -> int:
        return self.keys.get(key, self.table)


def _pyproject_text(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except FileNotFoundError:
        return ""  # the caller found the project by this file; a race leaves the defaults


def _unknown_key(key: str, line: int) -> Problem:
    close = get_close_matches(key, _names(), n=1)
    fix = f"Did you mean '{close[0]}'?" if close else f"Known settings: {', '.join(_names())}"
    return error(PYPROJECT, line, f"unknown setting '{key}' in [tool.footnoted]", fix)


def _check_values(settings: Settings, lines: SettingLines) -> None:
    problems = []
    try:
        ZoneInfo(settings.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(error(PYPROJECT, lines.of("timezone"),
                              f"unknown timezone '{settings.timezone}'",
                              "Use an IANA name such as 'Europe/Moscow' or 'UTC'"))
    if not settings.base_url.startswith(("https://", "http://")):
        problems.append(error(PYPROJECT, lines.of("base_url"),
                              "base_url must be an absolute http(s) URL",
                              "Write e.g. base_url = \"https://example.org/reading/\""))
    problems += allow_html_problems(settings.allow_html, lines.of("allow_html"))
    problems += public_dirs_problems(settings, lines.of("public_dirs"))
    if problems:
        raise BuildFailed(problems)


def public_dirs_problems(settings: Settings, line: int) -> list[Problem]:
    """Each of `public_dirs` must be a folder name or path inside content_dir."""
    problems = []
    for folder in settings.public_dirs:
        parts = folder.replace("\\", "/").split("/") if isinstance(folder, str) else [".."]
        if folder.startswith("/") or not folder.strip("/") or ".." in parts or "." in parts:
            problems.append(error(PYPROJECT, line, f"public_dirs holds {folder!r}, which is no "
                                  f"folder inside {settings.content_dir}/",
                                  f"Name folders of {settings.content_dir}/ as they are written "
                                  f"from it, e.g. public_dirs = [\"public\"]"))
    return problems


def _names() -> list[str]:
    return [f.name for f in dataclasses.fields(Settings) if f.name != "root"]


def _defaults() -> dict[str, object]:
    return {f.name: f.default for f in dataclasses.fields(Settings) if f.name != "root"}
