"""Property tests: generated Markdown with links, notes and citations, built as a site.

Whatever the text, the build either fails with reported problems or publishes a page that
parses as balanced HTML, whose every marker reaches an existing entry and back, and in
which no unsafe URL survives.
"""

from __future__ import annotations

import contextlib
import io
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from footnoted.cli import main

from .hostile import added_active_content, harmless_site

SOURCES = "sources:\n  alpha:\n    url: https://alpha.example/\n  beta:\n    lost: true\n"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}

words = st.text(alphabet="abc xyz*_`#>-.!()[]&<\"':;@^\\\n", min_size=0, max_size=20)
SAFE_URLS = ["https://a.example/x", "http://b.example/?q=1&r=2", "#top", "mailto:a@b.example",
             "/local", "../up", "https://a.example/x"]
UNSAFE_URLS = ["", "javascript:alert(1)", "JaVa&#x09;Script:x", "%6Aavascript:x",
               "data:text/html,x", "vbscript:x", "x.png", "https://a.example/x.png"]
LABELS = ["n1", "n2", "why", "Ümlaut", "a-b"]


@st.composite
def inline(draw, clean: bool) -> str:
    """One piece of inline Markdown; `clean` pieces are valid, the others may not be."""
    kind = draw(st.sampled_from(["words", "link", "note", "cite", "ref", "emphasis",
                                 "image", "autolink"]))
    text = draw(words)
    url = draw(st.sampled_from(SAFE_URLS if clean else SAFE_URLS + UNSAFE_URLS))
    if kind == "link":
        return f"[{text or 'x'}]({url})"
    if kind == "note":
        return f"[^{draw(st.sampled_from(LABELS))}]"
    if kind == "cite":
        keys = ["[@alpha]", "[@beta]", "[@alpha; @beta]"] + ([] if clean else ["[@nope]"])
        return draw(st.sampled_from(keys))
    if kind == "ref":
        keys = ["alpha", "beta"] + ([] if clean else ["undeclared"])
        return f"[{text or 'x'}][{draw(st.sampled_from(keys))}]"
    if kind == "emphasis":
        return f"*{text}*"
    if kind == "image" and not clean:
        return f"![{text}]({url})"
    if kind == "autolink":
        return f"<{url}>"
    return text


@st.composite
def article(draw) -> str:
    clean = draw(st.integers(0, 3)) > 0  # three in four are meant to build
    pieces = st.lists(inline(clean), max_size=6).map(" ".join)
    paragraphs = draw(st.lists(pieces, max_size=5))
    body_text = " ".join(paragraphs)
    used = [label for label in LABELS if f"[^{label}]" in body_text]
    defined = used if clean else draw(st.lists(st.sampled_from(LABELS), max_size=3, unique=True))
    definitions = [f"[^{label}]: {draw(pieces).replace('[^', '')}" for label in defined]
    prefix = draw(st.sampled_from(["", "> ", "- ", "1. ", "# "]))
    body = "\n\n".join(prefix + p for p in paragraphs + definitions)
    return f"---\ntitle: Generated\ndate: 2024-05-01\n{SOURCES}---\n{body}\n"


class Page(HTMLParser):
    """Balanced-tag check plus the links and ids a reader follows."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.errors: list[str] = []
        self.ids: set[str] = set()
        self.hrefs: set[str] = set()
        self.markers: dict[str, str] = {}  # marker id -> its href

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if "id" in values:
            if values["id"] in self.ids:
                self.errors.append(f"duplicate id {values['id']}")
            self.ids.add(values["id"])
        if values.get("href"):
            self.hrefs.add(values["href"])
        if values.get("role") == "doc-noteref":  # margin copies carry no id
            self.markers[values.get("id") or f"copy {len(self.markers)}"] = values["href"]
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.open or self.open[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.open[-1] if self.open else ''}>")
            return
        self.open.pop()


@pytest.fixture(scope="module")
def harmless(tmp_path_factory):
    return harmless_site(tmp_path_factory.mktemp("harmless"))


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("generated")
    (root / "content").mkdir()
    (root / "pyproject.toml").write_text('[tool.footnoted]\ntitle = "Generated"\n')
    return root


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=article())
def test_any_article_fails_cleanly_or_builds_a_sound_page(project, harmless, text):
    (project / "content/a.md").write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--root", str(project), "build"])
    if code == 1:
        assert ": error: " in err.getvalue()
        event("refused with a message")
        return
    assert code == 0
    html = (project / "site/a/index.html").read_text("utf-8")
    page = Page()
    page.feed(html)
    page.close()
    assert page.errors == []
    assert page.open == []
    assert added_active_content(project / "site", harmless) == {}
    event(f"built with {min(len(page.markers), 3)}+ markers")
    for marker_id, href in page.markers.items():
        assert href.startswith("#") and href[1:] in page.ids, f"{marker_id} -> {href}"
        assert marker_id.startswith("copy") or f"#{marker_id}" in page.hrefs, marker_id
