"""What counts as executable in a page: the scanner the hostile-content tests share."""

from __future__ import annotations

import contextlib
import io
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from footnoted.cli import main
from footnoted.content.urls import is_external, unsafe_url_reason

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href",
                  "background", "srcset"}
ACTIVE_ELEMENTS = {"script", "iframe", "object", "embed", "svg", "math", "style", "base",
                   "form", "frame", "frameset", "applet", "link", "meta"}
# Attributes that make the browser fetch: to another host, they break the no-third-party
# promise (and the page's policy would block them with a console error).
LOADING_ATTRIBUTES = {"src", "srcset", "poster", "data", "background"}
# The page's own head uses these; an article body never may.
HEAD_ALLOWED = {("script", "type", "application/ld+json"), ("link", "rel", "stylesheet"),
                ("link", "rel", "alternate"), ("link", "rel", "canonical"), ("meta", "", "")}


class ActiveContent(HTMLParser):
    """Collects every element, attribute or URL that could run code in a reader's browser."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ACTIVE_ELEMENTS and not _allowed_in_head(tag, values):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name in URL_ATTRIBUTES and value is not None and unsafe_url_reason(value) \
                    and not value.startswith("#"):
                self.found.append(f"{tag} {name}={value!r}")
            elif name in LOADING_ATTRIBUTES and value and is_external(value.strip()):
                self.found.append(f"{tag} {name}={value!r} (another host)")
            if name == "style":
                self.found.append(f"{tag} style=")

    handle_startendtag = handle_starttag


def _allowed_in_head(tag: str, values: dict[str, str | None]) -> bool:
    if tag == "meta":
        return values.get("http-equiv") in (None, "Content-Security-Policy")
    return any(tag == t and values.get(name) == value for t, name, value in HEAD_ALLOWED)


def active_content(html: str) -> list[str]:
    scanner = ActiveContent()
    scanner.feed(html)
    scanner.close()
    return scanner.found


def site_active_content(site: Path) -> dict[str, Counter]:
    """Page (relative path) -> what it holds that could run code, counted."""
    return {page.relative_to(site).as_posix(): Counter(active_content(page.read_text("utf-8")))
            for page in sorted(site.rglob("*.html"))}


def harmless_site(root: Path) -> dict[str, Counter]:
    """The same pages built from an article with nothing in it: the templates' own scripts
    (theme switch, search), forms and links, which an article can only add to."""
    (root / "content").mkdir()
    (root / "content/a.md").write_text("---\ntitle: T\ndate: 2024-05-01\n---\nText.\n",
                                       encoding="utf-8")
    (root / "pyproject.toml").write_text('[tool.footnoted]\ntitle = "T"\n', encoding="utf-8")
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--root", str(root), "build"]) == 0
    return site_active_content(root / "site")


def added_active_content(site: Path, harmless: dict[str, Counter]) -> dict[str, Counter]:
    """What the pages of `site` hold beyond the harmless build's same pages; a page that
    build has not (a tag's listing) is held to what any of its pages hold."""
    any_page = Counter()
    for counts in harmless.values():
        any_page |= counts
    found = {name: counts - harmless.get(name, any_page)
             for name, counts in site_active_content(site).items()}
    return {name: extra for name, extra in found.items() if extra}
