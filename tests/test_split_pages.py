"""A whole site whose Sources page and archive are split: every source of the single page is
reachable from the first page's contents, and every internal link leads to a page and an id."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from footnoted.pages import listings, source_pages

ARTICLE = """\
---
title: Article {n}
date: 2024-{month:02d}-{day:02d}
sources:
  gone:
    lost: true
---
Cites [one](https://{host}.example/{n}/one), [two](https://{host}.example/{n}/two),
[three](https://paper.example/{n}), [the decree](https://gov.example/decree)
and [words that were linked][gone].

Cites [the decree again](https://gov.example/decree).
"""


class Links(HTMLParser):
    """The ids of a page and the targets of its links."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.contents = 0  # depth inside the Sources contents' <nav>
        self.contents_hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        found = dict(attrs)
        if "id" in found:
            self.ids.add(found["id"])
        if tag == "nav" and found.get("class") == "sources-contents" or self.contents and \
                tag == "nav":
            self.contents += 1
        if tag == "a" and found.get("href"):
            self.hrefs.append(found["href"])
            if self.contents:
                self.contents_hrefs.append(found["href"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self.contents:
            self.contents -= 1


class Site:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.pages: dict[str, Links] = {}
        for path in folder.rglob("*.html"):
            links = Links()
            links.feed(path.read_text("utf-8"))
            self.pages[path.relative_to(folder).as_posix()] = links

    def target(self, page: str, href: str) -> tuple[str, str]:
        """The file and fragment `href` on `page` leads to, on the host of the test sites'
        base_url, https://test.example/sub/ (the 404 page's links start from /sub/)."""
        url = urlsplit(urljoin("https://test.example/sub/" + page, href))
        assert url.path.startswith("/sub/"), (page, href)
        path = unquote(url.path).removeprefix("/sub/")
        return (path + "index.html" if path == "" or path.endswith("/") else path), url.fragment

    def internal(self):
        for page, links in self.pages.items():
            for href in links.hrefs:
                if not urlsplit(href).scheme and not href.startswith("//"):
                    yield page, href

    def sources_listed(self, page: str) -> set[str]:
        return {anchor for anchor in self.pages[page].ids if anchor.startswith("s-")}


def build(make_project, monkeypatch, sources_budget: int, archive_budget: int) -> Site:
    monkeypatch.setattr(source_pages, "SOURCES_BUDGET", sources_budget)
    monkeypatch.setattr(listings, "ARCHIVE_BUDGET", archive_budget)
    files = {f"content/a{n}.md": ARTICLE.format(n=n, month=n % 4 + 1, day=n % 27 + 1,
                                                 host="alpha" if n % 3 else "beta")
             for n in range(14)}
    project = make_project(files)
    assert project.run("build", "--clean") == 0
    return Site(project.root / "site")


@pytest.fixture
def single(make_project, monkeypatch) -> Site:
    return build(make_project, monkeypatch, 10**9, 10**9)


def test_a_small_site_keeps_one_sources_page_and_one_archive_page(single):
    assert sorted(p for p in single.pages if p.startswith(("sources/", "archive/"))) == [
        "archive/index.html", "sources/index.html"]


def test_every_source_of_the_single_page_is_reachable_from_the_contents(single, make_project,
                                                                        monkeypatch):
    everything = single.sources_listed("sources/index.html")
    lost = {single.target("sources/index.html", href)
            for href in single.pages["sources/index.html"].hrefs if "-source-gone" in href}
    assert len(everything) == 14 * 3 + 1 and len(lost) == 14
    split = build(make_project, monkeypatch, 12, 5)
    first = split.pages["sources/index.html"]
    pages = {split.target("sources/index.html", href)[0] for href in first.contents_hrefs}
    assert len(pages) > 5 and all(page.startswith("sources/") for page in pages)
    found = set().union(*(split.sources_listed(page) for page in pages))
    assert found == everything
    assert {split.target(page, href) for page in pages for href in split.pages[page].hrefs
            if "-source-gone" in href} == lost
    archive = [page for page in split.pages if page.startswith("archive/")]
    assert len(archive) == 3  # 14 articles, 5 to a page


def test_every_internal_link_of_a_split_site_leads_to_a_page_and_an_id(make_project,
                                                                      monkeypatch):
    site = build(make_project, monkeypatch, 12, 5)
    checked = 0
    for page, href in site.internal():
        path, fragment = site.target(page, href)
        if not path.endswith(".html"):
            assert (site.folder / path).is_file(), (page, href)
            continue
        assert path in site.pages, (page, href)
        assert not fragment or fragment in site.pages[path].ids, (page, href)
        checked += 1
    cited_by = [(page, href) for page, href in site.internal()
                if page.startswith("sources/") and "-ref-" in href]
    assert len(cited_by) == 14 * 5 and checked > 500  # the decree is cited twice an article


def test_an_incremental_build_of_split_pages_is_a_clean_build(make_project, monkeypatch):
    site = build(make_project, monkeypatch, 12, 5)
    project_root = site.folder.parent
    before = sorted(page for page in site.pages if page.startswith("sources/"))
    for n in range(8, 14):  # fewer sources: fewer pages, and the last ones must go
        (project_root / f"content/a{n}.md").unlink()
    (project_root / "content/a0.md").write_text(ARTICLE.format(
        n=0, month=1, day=1, host="gamma"), "utf-8")
    assert make_project({}).run("build") == 0
    incremental = {path.relative_to(site.folder): path.read_bytes()
                   for path in site.folder.rglob("*") if path.is_file()}
    assert make_project({}).run("build", "--clean") == 0
    clean = {path.relative_to(site.folder): path.read_bytes()
             for path in site.folder.rglob("*") if path.is_file()}
    assert incremental == clean
    after = sorted(Site(site.folder).pages)
    assert set(before) - set(after) and "sources/page/2/index.html" in after
