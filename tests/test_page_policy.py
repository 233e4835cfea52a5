"""The pages' Content-Security-Policy and scripts, checked on the HTML (browsers: tests/browser)."""

from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser

from .conftest import MINIMAL_ARTICLE


class Scripts(HTMLParser):
    """The CSP meta tag and every script: inline text or src with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.policy = ""
        self.scripts: list[dict] = []
        self._inside: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta" and attributes.get("http-equiv") == "Content-Security-Policy":
            self.policy = attributes["content"]
        if tag == "script":
            self._inside = {**attributes, "text": ""}
            self.scripts.append(self._inside)

    def handle_endtag(self, tag):
        if tag == "script":
            self._inside = None

    def handle_data(self, data):
        if self._inside is not None:
            self._inside["text"] += data


def scripts_of(html: str) -> Scripts:
    parser = Scripts()
    parser.feed(html)
    return parser


def test_inline_theme_script_is_allowed_by_its_hash_and_nothing_else(make_project):
    project = make_project({"content/tiny.md": MINIMAL_ARTICLE})
    assert project.run("build") == 0
    for name in ["index.html", "tiny/index.html", "404.html"]:
        page = scripts_of(project.read(name))
        [theme] = [s for s in page.scripts if "src" not in s and "type" not in s]
        digest = base64.b64encode(hashlib.sha256(theme["text"].encode()).digest()).decode()
        script_src = next(d for d in page.policy.split(";") if d.strip().startswith("script-src"))
        assert script_src.split() == ["script-src", "'self'", f"'sha256-{digest}'"], name
        assert "unsafe" not in page.policy
        assert "data-theme" in theme["text"]


def test_external_scripts_never_block_parsing(make_project):
    project = make_project({"content/tiny.md": MINIMAL_ARTICLE})
    assert project.run("build") == 0
    for name in ["index.html", "tiny/index.html"]:
        external = [s for s in scripts_of(project.read(name)).scripts if "src" in s]
        assert external, name
        assert all("defer" in s or "async" in s for s in external), name
