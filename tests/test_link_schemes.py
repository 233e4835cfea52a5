"""Which schemes a link may use (Ammonia's list, in Markdown and raw HTML alike), and which
links are sources: a document's address is numbered; a contact (mailto:, tel:, irc:) is not,
and the network commands leave it alone. Markdown in, exact HTML out."""

from __future__ import annotations

from dataclasses import replace

import nh3
import pytest

from footnoted.content.document import SourceEntry
from footnoted.content.urls import SAFE_SCHEMES
from footnoted.markdown.convert import render_markdown
from footnoted.network.citing import cited_urls
from footnoted.settings import load_settings

from .conftest import without_margin_copies

HEAD = "---\ntitle: T\ndate: 2024-05-01\n---\n"


def render(text: str):
    body = render_markdown(text, {}, "a", "content/a.md", first_line=5)
    return replace(body, html=without_margin_copies(body.html))


def test_the_schemes_are_ammonias_defaults_which_the_raw_html_sanitiser_applies():
    assert set(SAFE_SCHEMES) == nh3.ALLOWED_URL_SCHEMES


@pytest.mark.parametrize("url", [
    "irc://irc.libera.chat/#jekyll", "ircs://irc.libera.chat:6697/#jekyll",
    "mailto:desk@news.example", "tel:+15551234567", "xmpp:desk@news.example",
    "sms:+15551234567", "geo:37.78,-122.41",
])
def test_a_contact_link_is_kept_as_written_and_not_numbered(url):
    body = render(f"Talk to us on [our channel]({url}).")
    assert body.html == f'<p>Talk to us on <a href="{url}">our channel</a>.</p>'
    assert body.sources == []
    assert body.problems == []


def test_raw_html_and_markdown_agree_on_a_contact_link():
    body = render('Talk to us on <a href="irc://irc.libera.chat/#jekyll">our channel</a>.')
    assert body.html == (
        '<p>Talk to us on <a href="irc://irc.libera.chat/#jekyll">our channel</a>.</p>')
    assert body.sources == [] and body.problems == []


@pytest.mark.parametrize("url", ["ftp://ftp.example/data.csv", "news:comp.lang.python",
                                 "https://news.example/a"])
def test_a_documents_address_is_a_numbered_source(url):
    body = render(f"The [data]({url}).")
    assert [source.url for source in body.sources] == [url]
    assert body.html.startswith(f'<p>The <a href="{url}">data</a><sup><a class="noteref"')


@pytest.mark.parametrize("url, scheme", [
    ("javascript:alert(1)", "javascript"), ("JaVaScRiPt:alert(1)", "javascript"),
    ("data:text/html,hi", "data"), ("vbscript:msgbox", "vbscript"),
    ("ttps://typo.example/", "ttps"), ("htps://typo.example/", "htps"),
])
def test_other_schemes_are_refused_with_the_line_and_what_to_do(url, scheme):
    body = render(f"Intro.\n\nSee [this]({url}).")
    assert [str(problem) for problem in body.problems] == [
        f"content/a.md:7: error: link 'this' uses the '{scheme}:' scheme, which is not "
        "allowed. If the original link was lost, declare a source with 'lost: true' and write "
        "[words][key]; otherwise give the real http(s) address"]
    assert body.html == "<p>Intro.</p>\n<p>See <span>this</span>.</p>"


@pytest.mark.parametrize("url, scheme", [
    ("apt:firefox", "apt"), ("steam://run/440", "steam"), ("gopher://old.example/", "gopher"),
])
def test_a_link_that_opens_an_application_keeps_its_words_with_a_warning(url, scheme):
    body = render(f"Intro.\n\nSee [this]({url}).")
    assert [str(problem) for problem in body.problems] == [
        f"content/a.md:7: warning: link 'this' uses the '{scheme}:' scheme, which opens an "
        "application, not a page: its words are kept without the link. Link a web page about "
        "it (https://...) if readers need one"]
    assert body.html == "<p>Intro.</p>\n<p>See <span>this</span>.</p>"


def test_raw_html_with_another_scheme_loses_the_address_with_a_warning():
    body = render('See <a href="gopher://old.example/">this</a>.')
    assert body.html == "<p>See <span>this</span>.</p>"
    assert [str(problem) for problem in body.problems] == [
        "content/a.md:5: warning: <a href=\"gopher://old.example/\"> uses the 'gopher:' "
        "scheme, which is not allowed, so the address was removed. Give the real http(s) "
        "address, or a path on this site"]


def test_links_and_archive_work_through_web_sources_only(make_project):
    project = make_project({"content/a.md": HEAD + (
        "The [report](https://news.example/report), the [data](ftp://ftp.example/data.csv), "
        "and [our desk](mailto:desk@news.example).\n")})
    urls, errors = cited_urls(load_settings(project.root))
    assert errors == []
    assert [item.url for item in urls] == ["https://news.example/report"]
    assert project.run("build") == 0
    page = project.read("a/index.html")
    assert '<a href="mailto:desk@news.example">our desk</a>.' in page
    assert 'href="ftp://ftp.example/data.csv"' in page


def test_a_declared_source_is_numbered_whatever_its_scheme():
    declared = {"desk": SourceEntry(url="mailto:desk@news.example", title="Our letter")}
    body = render_markdown("As [we asked](mailto:desk@news.example) and [again][desk].",
                           declared, "a", "content/a.md", first_line=5)
    assert [(source.number, source.key) for source in body.sources] == [(1, "desk")]
    assert body.html.count('id="a-source-desk-ref-') == 2  # both places are marked
