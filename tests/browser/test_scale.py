"""A 300-article generated site (bench/corpus.py) served under a sub-path: a search query
fetches only the shards of its words and the documents it shows, and ranks as the index says;
the split Sources pages and archive pass the Nu Html Checker and axe."""

from __future__ import annotations

import functools
import http.server
import importlib.util
import json
import threading
from pathlib import Path

import pytest

from footnoted.cli import main
from footnoted.pages import listings
from footnoted.pages.search import words

from ..conftest import REPO
from ..test_search import whole_index
from .conftest import DESKTOP, PREFIX, PageProblems, PrefixedHandler, require
from .test_checkers import AXE, axe_violations, errors, vnu

QUERY = "contract soldier"


def write_corpus(root: Path, count: int) -> None:
    spec = importlib.util.spec_from_file_location("corpus", REPO / "bench" / "corpus.py")
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    corpus.write_project(root, count)


@pytest.fixture(scope="module")
def generated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("search-scale") / "project"
    write_corpus(root, 300)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(listings, "ARCHIVE_BUDGET", 120)  # the archive splits too
        # One process: the listings are made where the budget is patched, not in a worker.
        assert main(["--root", str(root), "build", "--jobs", "1"]) == 0
    return root / "site"


@pytest.fixture(scope="module")
def generated_url(generated_site: Path):
    handler = functools.partial(PrefixedHandler, directory=str(generated_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}{PREFIX}"
    server.shutdown()
    server.server_close()


def ranked(index: dict, query: str) -> list[int]:
    """search.js's ranking, from the whole index: every word must match, the last may begin
    a word ("soldier" finds "soldiers" too), best score first."""
    total: dict[int, int] | None = None
    terms = words(query)
    for position, term in enumerate(terms):
        found: dict[int, int] = {}
        for candidate, postings in index["terms"].items():
            if candidate == term or position == len(terms) - 1 and candidate.startswith(term):
                for doc, weight in zip(postings[::2], postings[1::2], strict=True):
                    found[doc] = found.get(doc, 0) + weight
        total = found if total is None else {
            doc: total[doc] + found[doc] for doc in total if doc in found}
    return sorted(total or {}, key=lambda doc: (-total[doc], doc))


def test_a_two_word_query_fetches_its_shards_and_ten_documents(
        browser, generated_site, generated_url):
    fetched: dict[str, int] = {}
    context = browser.new_context(viewport=DESKTOP)
    problems = PageProblems(generated_url.removesuffix(PREFIX) + "/")
    problems.watch(context)
    page = context.new_page()
    page.on("response", lambda response: fetched.__setitem__(
        response.url.removeprefix(generated_url), len(response.body())))
    page.goto(generated_url + "search/?q=" + QUERY.replace(" ", "+"))
    page.wait_for_selector(f"#search-form[data-shown='{QUERY}']")

    index = whole_index(generated_site)
    expected = ranked(index, QUERY)
    assert len(expected) > 20
    titles = page.locator("#search-results h2 a").all_inner_texts()
    assert titles == [index["docs"][doc][1] for doc in expected[:10]]
    assert page.inner_text("#search-status") == f"{len(expected)} articles match."

    manifest = json.loads((generated_site / "search/index.json").read_text("utf-8"))
    firsts = [first for first, _ in manifest["terms"]]
    wanted = {manifest["terms"][max(i for i, first in enumerate(firsts) if first <= term)][1]
              for term in [*words(QUERY), "soldiers"]}
    docs = {manifest["docs"][doc // manifest["docs_per_file"]] for doc in expected[:10]}
    shards = {url.removeprefix("search/") for url in fetched if url.startswith("search/")
              and url.endswith(".json")}
    assert shards == {"index.json"} | wanted | docs
    every_shard = sum(path.stat().st_size for path in (generated_site / "search").rglob("*.json"))
    index_bytes = sum(fetched[f"search/{name}"] for name in shards)
    assert index_bytes < every_shard / 4  # the query reads a small part of the index
    assert sum(fetched.values()) < 300_000  # page, styles, script and index together

    page.get_by_role("button", name="More results").click()
    page.wait_for_selector("#search-results li:nth-child(11)")
    assert page.locator("#search-results h2 a").all_inner_texts()[10:] == [
        index["docs"][doc][1] for doc in expected[10:20]]
    context.close()
    assert problems.found == []


def split_pages(site: Path) -> list[Path]:
    pages = sorted([*(site / "sources").rglob("*.html"), *(site / "archive").rglob("*.html")])
    assert len(pages) > 6 and site / "sources/page/2/index.html" in pages
    assert site / "archive/page/2/index.html" in pages
    return pages


def test_nu_html_checker_passes_the_split_pages(generated_site: Path) -> None:
    pages = split_pages(generated_site)
    assert errors(vnu(*(str(page) for page in pages[:3] + pages[-3:]))) == []


def test_axe_passes_the_split_pages(browser, generated_site: Path, generated_url: str) -> None:
    require(AXE.is_file(), "node_modules/axe-core", "run `npm ci` in the repository")
    context = browser.new_context(viewport=DESKTOP, bypass_csp=True)  # axe is injected inline
    page = context.new_page()
    found = {}
    for path in ["sources/", "sources/page/2/", "archive/", "archive/page/2/"]:
        page.goto(generated_url + path)
        found[path] = axe_violations(page)
    context.close()
    assert {path: violations for path, violations in found.items() if violations} == {}
