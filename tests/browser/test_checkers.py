"""Every page through axe-core (both colour schemes) and the Nu Html Checker.

Both checkers come from npm (package.json; `npm ci` puts them in node_modules/): axe-core runs
inside Chromium, vnu.jar with the machine's Java.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from footnoted.cli import main

from ..messy_site import write_messy_site
from .conftest import DESKTOP, MOBILE, NODE_MODULES, PAGES, every_page, require

AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
# WCAG 2.0-2.2 A and AA, plus axe's best practices (landmarks, headings, ...).
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": [
    "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}}


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("(options) => axe.run(document, options)", AXE_OPTIONS)
    return [f"{violation['id']}: {violation['help']} at "
            + ", ".join(str(node["target"]) for node in violation["nodes"])
            for violation in result["violations"]]


@pytest.fixture
def axe_page(open_page):
    require(AXE.is_file(), "node_modules/axe-core", "run `npm ci` in the repository")

    def open_one(path: str, **options):
        # axe is injected as an inline script, which the pages' own CSP rightly refuses.
        return open_page(path, bypass_csp=True, **options)

    return open_one


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_every_page(axe_page, built_site: Path, scheme: str) -> None:
    page = axe_page("", viewport=DESKTOP, color_scheme=scheme)
    found = {}
    for path in every_page(built_site):
        page.goto(page.url.split("/sub/path/")[0] + "/sub/path/" + path)
        page.wait_for_load_state("load")
        found[path] = axe_violations(page)
    assert {path: violations for path, violations in found.items() if violations} == {}
    assert len(found) > len(PAGES)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_with_a_popover_open(axe_page, scheme: str) -> None:
    page = axe_page("notes-workout/", viewport=MOBILE, color_scheme=scheme)
    page.locator(".article-body a.noteref[id]").first.click()
    assert page.locator(".note-popover").is_visible()
    assert axe_violations(page) == []


def vnu(*arguments: str) -> list[dict]:
    java = shutil.which("java")
    require(java is not None, "Java (for the Nu Html Checker)",
            "install it as root with `apt-get install -y default-jre-headless`")
    require(VNU.is_file(), "node_modules/vnu-jar", "run `npm ci` in the repository")
    finished = subprocess.run([java, "-jar", str(VNU), "--format", "json", *arguments],
                              capture_output=True, text=True, timeout=300)
    return json.loads(finished.stderr)["messages"]


def errors(messages: list[dict]) -> list[str]:
    return [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
            for m in messages if m["type"] != "info"]


def test_nu_html_checker_finds_no_errors(built_site: Path) -> None:
    pages = sorted(str(page) for page in built_site.rglob("*.html"))
    assert len(pages) > len(PAGES)
    assert errors(vnu("--also-check-css", *pages)) == []


def test_nu_css_checker_finds_no_errors(built_site: Path) -> None:
    stylesheets = sorted(str(sheet) for sheet in built_site.rglob("*.css"))
    assert errors(vnu("--css", *stylesheets)) == []


def test_a_messy_site_holds_no_forbidden_code_point(tmp_path: Path) -> None:
    """Three hundred articles whose summaries are full of entities, raw HTML, escapes, code
    spans and control characters (tests/messy_site.py): every page and listing is valid."""
    root = write_messy_site(tmp_path)
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        assert main(["--root", str(root), "build"]) == 0
    pages = sorted(str(page) for page in (root / "site").rglob("*.html"))
    assert len(pages) > 300
    found = errors(vnu(*pages))
    assert [message for message in found if "Forbidden code point" in message] == []
    assert found == []
