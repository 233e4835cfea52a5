"""`recover` through the command line: the seed article against a saved copy of its original
page, and a page with repeated and ambiguous link words served by the local fake web."""

from __future__ import annotations

import shutil

import pytest
import yaml

from .conftest import REPO
from .web import STAMP, start_web

SEED = "content/anything-but-more-mobilization.md"
SAVED = REPO / "tests/fixtures/saved-original/anything-but-more-mobilization.html"
RECOVERED = {
    "fearful": "https://news.example/2023/02/20/kremlin-wary-of-new-mobilization",
    "mobilization": "https://news.example/2022/09/21/putin-announces-partial-mobilization",
    "promise": "https://news.example/2022/12/21/shoigu-promises-to-replace-mobilized-men",
    "announced": "https://news.example/2022/12/21/shoigu-plans-larger-army",
    "cajoled": "https://news.example/2023/01/16/conscripts-pressured-into-contracts",
    "introduced": "https://news.example/2022/02/22/duma-bill-on-summonses",
    "digitalization": "https://news.example/2023/03/31/general-staff-digital-call-up",
    "disabled": "https://news.example/2023/03/31/gosuslugi-stops-account-deletion",
    "let-slip": "https://news.example/2023/04/01/shvytkin-online-summons",
    "talking": "https://news.example/2023/04/04/shoigu-digital-draft",
}


@pytest.fixture
def seed(project):
    shutil.copy(REPO / SEED, project.root / SEED)
    return project


def sources_of(project, name: str = SEED) -> dict:
    text = (project.root / name).read_text("utf-8")
    return yaml.safe_load(text.split("---\n")[1])["sources"]


def test_the_seed_gets_back_every_link_whose_words_the_page_links_once(seed, capsys):
    shutil.copytree(SAVED.parent, seed.root / SAVED.parent.relative_to(REPO))
    saved = SAVED.relative_to(REPO).as_posix()
    assert seed.run("recover", SEED, "--from", str(seed.root / saved)) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:10] == [f"recovered  {key}: “{key.replace('-', ' ')}” -> {url}"
                        for key, url in RECOVERED.items()]
    assert out[10:] == [
        "recovered  byline: “Farida Rustamova” -> https://news.example/authors/farida-rustamova",
        "recovered  byline: “Maxim Tovkaylo” -> https://news.example/authors/maxim-tovkaylo",
        "recovered  related: “Will Putin Announce Another Round of Mobilization?” -> "
        "https://news.example/2023/03/29/will-putin-announce-another-round-of-mobilization",
        "ambiguous  bill: “bill” links to https://duma.example/bill/1122334-7, "
        "https://news.example/2022/03/01/duma-shelves-summons-bill; left lost",
        "still lost no-provision: “no provision” is not linked in the page",
        "anything-but-more-mobilization.md: recovered 13 lost links."]
    sources = sources_of(seed)
    assert {key: entry for key, entry in sources.items() if "url" in entry} == {
        key: {"url": url, "recovered_from": saved} for key, url in RECOVERED.items()}
    assert sources["bill"] == sources["no-provision"] == {"lost": True}
    meta = yaml.safe_load((seed.root / SEED).read_text("utf-8").split("---\n")[1])
    assert meta["authors"][1] == {"name": "Maxim Tovkaylo", "recovered_from": saved,
                                  "url": "https://news.example/authors/maxim-tovkaylo"}
    assert meta["related"][0]["url"] == (
        "https://news.example/2023/03/29/will-putin-announce-another-round-of-mobilization")
    assert seed.run("build") == 0
    page = seed.read("anything-but-more-mobilization/index.html")
    assert f'<a href="{RECOVERED["let-slip"]}">let slip</a>' in page
    assert page.count("The link was lost in this copy and restored from the original") == 10


def test_the_editors_routine_on_the_seed_recover_archive_build(seed, capsys):
    """Recovered links get archived copies, and the page shows them as Robust Links."""
    web = start_web()
    try:
        web.archived.update(list(RECOVERED.values())[:4])
        assert seed.run("recover", SEED, "--from", str(SAVED)) == 0
        assert seed.run("archive", "--endpoint", web.base, "--delay", "0") == 0
        assert "4 archived, 6 missing" in capsys.readouterr().out
        assert seed.run("build") == 0
    finally:
        web.shutdown()
        web.server_close()
    page = seed.read("anything-but-more-mobilization/index.html")
    url = RECOVERED["fearful"]
    snapshot = f"{web.base}/web/{STAMP}/{url}"
    assert (f'<a data-originalurl="{url}" data-versiondate="2023-03-12" '
            f'data-versionurl="{snapshot}" href="{url}">fearful</a>') in page
    assert page.count("data-versionurl=") == 4 * 2  # the body's link and the Sources entry's


def test_dry_run_says_the_same_and_changes_nothing(seed, capsys):
    before = (seed.root / SEED).read_bytes()
    assert seed.run("recover", SEED, "--from", str(SAVED), "--dry-run") == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"{SEED}: would recover 13 of 15 lost links.")
    assert (seed.root / SEED).read_bytes() == before


REPEATED = """\
<html><head><title>Repeated words</title></head><body>
<nav><a href="/tag/report">Report</a></nav>
<article><h1>Repeated words</h1>
<p>The first source is <a href="https://one.example/">here</a> and the second is
<a href="https://two.example/">here</a>, two links with the same words.</p>
<p>The <a href="https://a.example/report">report</a> came first, and another
<a href="https://b.example/report">report</a> followed it a week later that spring.</p>
<p>The <a href="https://decree.example/">decree</a> and, again, the
<a href="https://decree.example/">decree</a> point to one place, so that is no doubt.</p>
<p>An official <a href="/web/20230401000000/https://official.example/said">Let Slip</a>
what the plan was, in a page that went through the archive's own copy of it.</p>
<p>Paragraphs of text make the body long enough to be recognised as the article body by the
extractor, which wants more than a few words before it calls something an article.</p>
</article></body></html>
"""

ARTICLE = """\
---
title: Repeated
date: 2023-04-06
sources:
  here-1:
    lost: true
  here-2:
    lost: true  # trailing comment
  report:
    lost: true
  decree:
    lost: true
  slip:
    lost: true
---
One is [here][here-1] and two is [here][here-2]. The [report][report] and the
[decree][decree]. Someone [let slip][slip] it.
"""


def test_repeated_words_by_position_ambiguous_ones_stay_lost(make_project, capsys):
    web = start_web()
    try:
        web.pages["/pages/repeated.html"] = REPEATED.encode()
        project = make_project({"content/r.md": ARTICLE})
        page = f"{web.base}/pages/repeated.html"
        assert project.run("recover", "content/r.md", "--from", page, "--delay", "0") == 0
    finally:
        web.shutdown()
        web.server_close()
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "recovered  here-1: “here” -> https://one.example/",
        "recovered  here-2: “here” -> https://two.example/",
        "recovered  decree: “decree” -> https://decree.example/",
        "recovered  slip: “let slip” -> https://official.example/said",
        "ambiguous  report: “report” links to https://a.example/report, "
        "https://b.example/report; left lost",
        "r.md: recovered 4 lost links."]
    sources = sources_of(project, "content/r.md")
    assert sources["here-2"] == {"url": "https://two.example/", "recovered_from": page}
    assert sources["report"] == {"lost": True}


def test_a_page_without_an_article_body_is_refused(make_project, tmp_path, capsys):
    project = make_project({"content/r.md": ARTICLE})
    (tmp_path / "empty.html").write_text("<html><body><nav><a href='/'>x</a></nav></body></html>")
    assert project.run("recover", "content/r.md", "--from", str(tmp_path / "empty.html")) == 1
    assert "no article body found in it" in capsys.readouterr().err


def test_matching_rules_one_at_a_time():
    from footnoted.network.recovery import Anchor, LostLink, match_links, normalise

    assert normalise("“Let  Slip,”") == "let slip"
    page = [Anchor("Let slip", "https://a.example/"), Anchor("here", "https://b.example/"),
            Anchor("here", "https://c.example/"), Anchor("same", "https://d.example/"),
            Anchor("same", "https://d.example/")]
    outcome = match_links(
        [LostLink("slip", ("let slip",)), LostLink("here", ("here",)),
         LostLink("same", ("same",)), LostLink("none", ("nowhere",)),
         LostLink("two-words", ("let slip", "here"))],
        [("let slip", "slip"), ("here", "here"), ("same", "same"), ("nowhere", "none")],
        page, page)
    assert outcome.recovered == {"slip": "https://a.example/", "same": "https://d.example/"}
    assert outcome.ambiguous == {  # 'here' is linked once in the article, twice in the page
        "here": ["https://b.example/", "https://c.example/"],
        "two-words": ["https://a.example/", "https://b.example/", "https://c.example/"]}
    assert outcome.missing == ["none"]


def test_a_link_written_words_hash_is_found_but_left_to_the_editor(make_project, capsys):
    page = REPO / "tests/fixtures/saved-original/anything-but-more-mobilization.html"
    project = make_project({"content/h.md": "---\ntitle: H\ndate: 2023-04-06\n---\n"
                                            "Russia's leadership remains [fearful](#).\n"})
    before = (project.root / "content/h.md").read_bytes()
    assert project.run("recover", "content/h.md", "--from", str(page)) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "found      […](#) source 1: “fearful” -> "
        "https://news.example/2023/02/20/kremlin-wary-of-new-mobilization",
        "h.md: recovered 0 lost links."]
    assert err.splitlines() == [
        "h.md: source 1 is a [words](#) link in the text; write its address by hand: "
        "https://news.example/2023/02/20/kremlin-wary-of-new-mobilization"]
    assert (project.root / "content/h.md").read_bytes() == before
