"""`sources` against the local fake web (tests/web.py): what each kind of page says of
itself, dead pages read from their archived copy, quotes looked for in the page and the copy,
Ctrl-C and the resumed run; then what a build shows of it."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import yaml

from footnoted.network.fetching import Fetcher

from .web import PARAGRAPHS, REWRITTEN, STAMP

FAST = ["--delay", "0", "--timeout", "2", "--retries", "0"]
TODAY = datetime.now(UTC).date()
QUOTE = "report to recruitment offices even without receiving an official summons"


def article(urls: list[str], date: str = "2023-04-06") -> str:
    links = " ".join(f"[link {n}]({url})." for n, url in enumerate(urls))
    return f"---\ntitle: Cites the web\ndate: {date}\n---\n{links}\n"


def quoting(url: str, quote: str, archived: str | None = None) -> str:
    copy = f"    archived: {archived}\n" if archived else ""
    return ("---\ntitle: Quotes the web\ndate: 2023-04-06\nsources:\n  bill:\n"
            f"    url: {url}\n{copy}    quote: \"{quote}\"\n---\nThe [bill][bill] says so.\n")


def found_file(project) -> dict:
    return yaml.safe_load((project.root / "content/sources-found.yaml").read_text("utf-8"))


def meta_url(web, name: str) -> str:
    return f"{web.base}/meta/{name}"


def snapshot(web, url: str) -> str:
    return f"{web.base}/web/{STAMP}/{url}"


@pytest.mark.parametrize(("kind", "expected"), [
    ("og", {"title": "Recruitment offices get new powers", "publisher": "Daily Example",
            "date": date(2023, 3, 1), "lang": "en-GB"}),
    ("jsonld", {"title": "Duma drafts a summons bill", "publisher": "The Moscow Ledger",
                "author": "Ann Lee, Ivan Petrov", "date": date(2022, 2, 18), "lang": "ru"}),
    ("highwire", {"title": "Conscription in Practice", "publisher": "Journal of Drafts",
                  "author": "Jane Smith, John Doe", "date": date(2021, 6, 30), "lang": "en"}),
])
def test_each_kind_of_metadata_is_read_from_the_page(make_project, web, kind, expected):
    url = meta_url(web, kind)
    project = make_project({"content/a.md": article([url])})
    assert project.run("sources", *FAST) == 0
    assert found_file(project)[url] == {**expected, "read_from": "page", "checked": TODAY,
                                        "status": "found"}


def test_a_page_saying_nothing_of_itself_is_recorded_as_none(make_project, web):
    url = meta_url(web, "none")
    project = make_project({"content/a.md": article([url])})
    assert project.run("sources", *FAST) == 0
    assert found_file(project)[url] == {"read_from": "page", "checked": TODAY, "status": "none"}


def test_a_dead_page_is_read_from_its_archived_copy(make_project, web):
    url = meta_url(web, "dead")
    project = make_project({"content/a.md": article([url]), "content/archive.yaml": f"""\
        "{url}":
          snapshot: "{snapshot(web, url)}"
          snapshot_date: 2023-03-12
          status: archived
        """})
    assert project.run("sources", *FAST) == 0
    assert found_file(project)[url] == {"title": "The page that died", "publisher": "Gone Gazette",
                                        "read_from": "copy", "checked": TODAY, "status": "found"}
    assert f"/web/{STAMP}id_/{url}" in web.log  # the raw copy, without the archive's toolbar


def test_a_dead_page_without_a_copy_is_failed_and_read_again_next_time(make_project, web):
    url = meta_url(web, "dead") + "?nocopy"
    project = make_project({"content/a.md": article([url])})
    assert project.run("sources", *FAST) == 0
    assert found_file(project)[url] == {"checked": TODAY, "status": "failed"}
    asked = web.log.count("/meta/dead?nocopy")
    assert project.run("sources", *FAST) == 0
    assert web.log.count("/meta/dead?nocopy") == asked + 1


def test_a_redirect_is_followed_to_the_page_it_names(make_project, web):
    url = meta_url(web, "redirect")
    project = make_project({"content/a.md": article([url])})
    assert project.run("sources", *FAST) == 0
    assert found_file(project)[url]["title"] == "Recruitment offices get new powers"


def test_a_quote_in_the_page_and_its_copy(make_project, web):
    url = web.url("ok") + "?quote=both"
    project = make_project({"content/a.md": quoting(url, QUOTE, snapshot(web, url))})
    assert project.run("sources", *FAST) == 0
    assert found_file(project)[url]["quotes"] == [{"text": QUOTE, "in_page": True,
                                                   "in_copy": True}]


def test_a_quote_is_compared_without_case_curly_quotes_or_spacing(make_project, web):
    url = web.url("ok") + "?quote=loose"
    loose = "REPORT to  recruitment offices\u00a0even without receiving an official summons…"
    project = make_project({"content/a.md": quoting(url, loose)})
    assert project.run("sources", *FAST) == 0
    assert found_file(project)[url]["quotes"] == [{"text": loose, "in_page": True}]


def test_a_quote_found_nowhere_is_said_with_its_place(make_project, web, capsys):
    url = web.url("ok") + "?quote=absent"
    project = make_project({"content/a.md": quoting(url, "the bill was signed at midnight",
                                                    snapshot(web, url))})
    assert project.run("sources", *FAST) == 0
    assert found_file(project)[url]["quotes"] == [{"text": "the bill was signed at midnight",
                                                   "in_page": False, "in_copy": False}]
    assert ("content/a.md:10: quote found neither in the page nor in its archived copy: "
            f"\u201cthe bill was signed at midnight\u201d ({url})") in capsys.readouterr().err


def test_a_quote_only_in_the_archived_copy(make_project, web):
    url = web.url("changed")
    assert PARAGRAPHS[0][4:40] not in " ".join(REWRITTEN)
    project = make_project({"content/a.md": quoting(url, QUOTE, snapshot(web, url))})
    assert project.run("sources", *FAST) == 0
    assert found_file(project)[url]["quotes"] == [{"text": QUOTE, "in_page": False,
                                                   "in_copy": True}]


def test_a_second_run_reads_nothing_and_keeps_the_file_byte_for_byte(make_project, web):
    url = meta_url(web, "og") + "?twice"
    project = make_project({"content/a.md": article([url])})
    assert project.run("sources", *FAST) == 0
    before = (project.root / "content/sources-found.yaml").read_bytes()
    asked = web.log.count("/meta/og?twice")
    assert project.run("sources", *FAST) == 0
    assert web.log.count("/meta/og?twice") == asked == 1
    assert (project.root / "content/sources-found.yaml").read_bytes() == before


def test_an_edited_quote_is_looked_for_again(make_project, web):
    url = web.url("ok") + "?quote=edited"
    project = make_project({"content/a.md": quoting(url, "the bill was signed")})
    assert project.run("sources", *FAST) == 0
    project.write("content/a.md", quoting(url, QUOTE))
    assert project.run("sources", *FAST) == 0
    assert found_file(project)[url]["quotes"] == [{"text": QUOTE, "in_page": True}]


def test_ctrl_c_leaves_a_whole_file_and_the_next_run_resumes(make_project, web, monkeypatch,
                                                            capsys):
    urls = [meta_url(web, "og") + f"?n={n:02d}" for n in range(8)]
    project = make_project({"content/a.md": article(urls)})
    real_get = Fetcher.get

    def ctrl_c_at_the_fourth(self, url: str):
        if url == urls[3]:
            raise KeyboardInterrupt  # as Ctrl-C arrives while the fourth page is asked for
        return real_get(self, url)

    monkeypatch.setattr(Fetcher, "get", ctrl_c_at_the_fourth)
    assert project.run("sources", "--jobs", "1", *FAST) == 130  # one at a time, in order
    assert "content/sources-found.yaml holds every answer so far; run the command again to " \
           "go on." in capsys.readouterr().err
    assert list(found_file(project)) == urls[:3]  # whole YAML, the three answers kept
    monkeypatch.setattr(Fetcher, "get", real_get)
    assert project.run("sources", *FAST) == 0
    assert list(found_file(project)) == urls
    asked = [sum(path == url.removeprefix(web.base) for path in web.log) for url in urls]
    assert asked[:4] == [1, 1, 1, 1]  # what was answered is not asked again


def test_dry_run_shows_the_changes_and_writes_nothing(make_project, web, capsys):
    url = meta_url(web, "og") + "?dry"
    project = make_project({"content/a.md": """\
        ---
        title: T
        date: 2023-04-06
        sources:
          og:
            url: URL
            title: The editor's title
        ---
        [Words][og].
        """.replace("URL", url)})
    assert project.run("sources", "--dry-run", *FAST) == 0
    assert not (project.root / "content/sources-found.yaml").exists()
    out = capsys.readouterr().out.splitlines()
    assert out[:6] == [
        url,
        "  title: (none) -> \u201cRecruitment offices get new powers\u201d  (the editor's own is "
        "kept)",
        "  publisher: (none) -> \u201cDaily Example\u201d",
        "  date: (none) -> 2023-03-01",
        "  lang: (none) -> \u201cen-GB\u201d",
        "Sources: 1 read from the page -> content/sources-found.yaml (--dry-run: not written)"]


def test_the_editors_typed_title_is_never_replaced(make_project, web):
    url = meta_url(web, "og") + "?typed"
    project = make_project({"content/a.md": """\
        ---
        title: T
        date: 2023-04-06
        sources:
          og:
            url: URL
            title: The editor's title
        ---
        [Words][og].
        """.replace("URL", url)})
    assert project.run("sources", *FAST) == 0
    assert project.run("build") == 0
    page = project.read("a/index.html")
    assert "<cite>The editor’s title</cite>" in page or "<cite>The editor's title</cite>" in page
    assert "Recruitment offices get new powers" not in page
    assert '<span class="publisher">Daily Example</span>' in page  # the gap it had is filled


def test_a_build_shows_the_found_title_and_publisher_in_the_margin_and_list(make_project, web):
    url = meta_url(web, "jsonld") + "?built"
    project = make_project({"content/a.md": article([url])})
    assert project.run("sources", *FAST) == 0
    assert project.run("build") == 0
    page = project.read("a/index.html")
    assert ('<span class="sidenote-label">1</span> The Moscow Ledger. '
            '<cite>Duma drafts a summons bill</cite>.') in page
    assert ('<span class="publisher">The Moscow Ledger</span>. <cite lang="ru">Duma drafts a '
            'summons bill</cite>. Ann Lee, Ivan Petrov. <time datetime="2022-02-18">') in page
    assert ('{"@type": "CreativeWork", "author": "Ann Lee, Ivan Petrov", "datePublished": '
            '"2022-02-18", "inLanguage": "ru", "name": "Duma drafts a summons bill", '
            '"publisher": "The Moscow Ledger"') in page  # the JSON-LD of its citations


def test_a_quote_only_in_the_copy_is_marked_and_opens_only_the_copy_at_it(make_project, web):
    url = web.url("changed") + "?built"
    project = make_project({"content/a.md": quoting(url, QUOTE, snapshot(web, url))})
    assert project.run("sources", *FAST) == 0
    assert project.run("build") == 0
    page = project.read("a/index.html")
    assert ('<span class="quote-found">Quote found only in the archived copy.</span>') in page
    assert f'href="{url}">bill</a>' in page  # no text fragment on the live page
    assert f'href="{snapshot(web, url)}#:~:text=report%20to%20recruitment' in page


def test_every_checked_quote_carries_its_verdict_in_the_margin_and_the_list(make_project, web):
    page_url, copy_url, nowhere_url = (web.url("ok") + "?verdict", web.url("changed") + "?verdict",
                                       web.url("ok") + "?verdict=none")
    project = make_project({
        "content/in-page.md": quoting(page_url, QUOTE),
        "content/copy.md": quoting(copy_url, QUOTE, snapshot(web, copy_url)),
        "content/nowhere.md": quoting(nowhere_url, "the bill was signed at midnight")})
    assert project.run("sources", *FAST) == 0
    assert project.run("build") == 0
    margin_and_list = {
        "in-page": ('<span class="quote-mark quote-page">(found in the page)</span>',
                 '<span class="quote-found">Quote found in the source.</span>'),
        "copy": ('<span class="quote-mark quote-copy">(only in the archived copy)</span>',
                 '<span class="quote-found">Quote found only in the archived copy.</span>'),
        "nowhere": ('<span class="quote-mark quote-nowhere">(not found in the source)</span>',
                    '<span class="quote-missing">Quote not found in the source.</span>')}
    for name, (margin, listed) in margin_and_list.items():
        page = project.read(f"{name}/index.html")
        assert (margin in page, listed in page) == (True, True), name


def test_an_unchecked_quote_carries_no_verdict(make_project):
    project = make_project({"content/a.md": quoting("https://news.example/bill", QUOTE)})
    assert project.run("build") == 0
    page = project.read("a/index.html")
    assert "quote-mark" not in page and "quote-found" not in page and "quote-missing" not in page


def test_check_warns_of_a_quote_found_nowhere_with_its_line(make_project, web, capsys):
    url = web.url("ok") + "?quote=check"
    project = make_project({"content/a.md": quoting(url, "the bill was signed at midnight")})
    assert project.run("sources", *FAST) == 0
    capsys.readouterr()
    assert project.run("check") == 0
    assert ("content/a.md:7: warning: the quote of source 1 ('the bill was signed at "
            "midnight') is found neither in the page nor in its archived copy. Copy the words "
            "exactly from the source, or cite where they are") in capsys.readouterr().out
    assert project.run("build") == 0
    assert "#:~:text=" not in project.read("a/index.html")


def test_the_file_is_sorted_with_fields_and_quotes_in_a_fixed_order():
    from footnoted.content.found_file import FoundRecord, FoundStatus, QuoteCheck, dump_found

    text = dump_found({
        "https://b.example/": FoundRecord(title="2023", status=FoundStatus("found"),
                                          quotes=[QuoteCheck(text="z: last", in_copy=True),
                                                  QuoteCheck(text="a", in_page=False)]),
        "https://a.example/": FoundRecord(publisher="Site: the name")})
    assert text.splitlines()[3:] == [
        '"https://a.example/":', '  publisher: "Site: the name"', "  status: none",
        '"https://b.example/":', '  title: "2023"', "  status: found", "  quotes:",
        "    - text: a", "      in_page: false", '    - text: "z: last"', "      in_copy: true"]


def test_a_malformed_found_file_is_an_error_with_its_line(make_project, capsys):
    project = make_project({"content/a.md": article(["https://a.example/"]),
                            "content/sources-found.yaml": """\
        "https://a.example/":
          status: guessed
          date: 2023-02-30
        """})
    assert project.run("build") == 1
    err = capsys.readouterr().err
    assert ("content/sources-found.yaml:2: error: 'status' is 'guessed'. Use one of: found, "
            "none, failed") in err
    assert "content/sources-found.yaml:3: error: 'date' is not a valid date" in err
