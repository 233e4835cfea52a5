"""`import html` on news pages shaped after real ones (trafilatura's test cache): the
page's metadata and markup in (tests/fixtures/import/news/), the exact front matter and
Markdown out (tests/golden/import/news/, the file as written without its first line).

Each fixture in tests/fixtures/import/news/ keeps a real page's markup around a shortened
text, with the publication and the people renamed; each names the page it came from.
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
import trafilatura

from footnoted.importers.article_writer import render
from footnoted.importers.body_tidy import Head, drop_pull_quotes, take_head
from footnoted.importers.bylines import Credits, authors, byline_names
from footnoted.importers.html_pages import import_page
from footnoted.importers.model import Harvest
from footnoted.importers.pageclean import load_lazy_images, remove_boilerplate, remove_pixels
from footnoted.importers.pagefacts import read_facts

from .conftest import compare_with_golden

NEWS = Path(__file__).parent / "fixtures" / "import" / "news"
GOLDEN = Path(__file__).parent / "golden" / "import" / "news"  # --update-golden rewrites


def imported(name: str) -> tuple[str, list[str]]:
    """The article's file without its first line (the import marker), and the report."""
    harvest = Harvest()
    article = import_page(NEWS / name, trafilatura, harvest)
    assert article is not None
    text = render(article)
    return text.split("\n", 2)[2], [f"{p.message} [{p.kind}]" for p in harvest.problems]


def test_a_german_magazine_page_keeps_its_byline_dek_and_language(request):
    # The meta author is the publisher and its address, JSON-LD's author an Organization:
    # the byline at the article's foot names the author. The teaser is the dek, the 1x1
    # tracking pixel no lead photo, the pull quotes repeated at the end left out.
    text, report = imported("wochenblick-magazin.html")
    compare_with_golden(GOLDEN / "wochenblick-magazin.md", text, request)
    assert report == [
        "'Die Erzählung ist grauenhaft. Man könnte zynisch sagen, dass sie perfekt "
        "grauenhaft ist.' repeats the article's words or heads no text (a pull quote); "
        "left out [pull-quote]",
        "'Der Reporter legt auf Facebook ein Fake-Profil an. Es stützt seine Version.' "
        "repeats the article's words or heads no text (a pull quote); left out [pull-quote]"]


def test_a_wire_page_loses_its_boilerplate_and_internal_codes(request):
    # "Our Standards: ..." is no source, the slideshow's count no text, "(TRBC level 5)"
    # and "Picture Available" no tags, "Media Industry " no section with a space; the
    # credit line stays.
    text, report = imported("wire-awards.html")
    compare_with_golden(GOLDEN / "wire-awards.md", text, request)
    assert report == []


def test_a_german_daily_page_names_its_author_not_its_publisher_or_city(request):
    # "Tagesblatt.de GmbH, Munich, Germany" is the publisher's address; "Von Jonas Berger,
    # Berlin" the byline, and a related article's "Von Klaus Ott" not this one's. The
    # language is in og:locale only. A link to a home page is titled by its words, a link
    # to a number by the title the page gave it.
    text, report = imported("tagesblatt-bahn.html")
    compare_with_golden(GOLDEN / "tagesblatt-bahn.md", text, request)
    assert report == []


@pytest.mark.parametrize(("byline", "names"), [
    ("Von Clemens Höges", ["Clemens Höges"]),
    ("By Jill Serjeant, Reuters", ["Jill Serjeant"]),
    ("Von Markus Balser, Berlin", ["Markus Balser"]),
    ("Von Marcus Bensmann, Justus von Daniels und Ulrich Stoll",
     ["Marcus Bensmann", "Justus von Daniels", "Ulrich Stoll"]),
    ("By Anna Smith and Lindsey O'Donnell July 29, 2019", ["Anna Smith", "Lindsey O'Donnell"]),
    ("Autor/in: Korinna Hennig | 17.03.2020", ["Korinna Hennig"]),
    ("Reuters Updated: January 16, 2020", ["Reuters"]),
    ("dpa", ["dpa"]),
    ("SPIEGEL ONLINE, Hamburg, Germany", []),
    ("Süddeutsche.de GmbH, Munich, Germany", []),
    ("Deutsche Welle (www.dw.com)", []),
    ("Letters To The Editor", []),
    ("Autor", []),
    ("View all posts by Daniel Lemire", ["Daniel Lemire"]),
    ("Von: Andreas R. Am: 29.12.2014", ["Andreas R"]),
    ("speicherguide.de", []),
])
def test_byline_names_are_people_never_places_roles_or_companies(byline, names):
    assert byline_names(byline) == names


def test_a_name_the_publisher_goes_by_is_no_author_unless_structured_data_says_person():
    credits = Credits(meta=["Heise Online", "Denis Dilba"], publishers=["heise"])
    assert authors(credits, None) == ["Denis Dilba"]
    blog = Credits(people=["Daniel Lemire"], publishers=["Daniel Lemire's blog"])
    assert authors(blog, "Daniel Lemire") == ["Daniel Lemire"]
    assert authors(Credits(bylines=["Von Daniel Lemire"], publishers=["Daniel Lemire"]),
                   None) == []


def test_the_first_byline_that_names_someone_is_the_articles():
    credits = Credits(bylines=["Von Redaktion", "Von Tim", "Von Jonas Berger, Berlin",
                               "Von Klaus Ott"])
    assert authors(credits, "Klaus Ott") == ["Jonas Berger"]


def test_bylines_in_comments_or_run_into_share_buttons_are_not_the_articles():
    tree = lxml.html.fromstring(
        '<html><body><div class="byline">By Michael Hingston<a>facebook</a><a>twitter</a>'
        '</div><p>Text.</p><div id="comments"><p>Von Tim</p><p>By Ann Lee</p></div>'
        "</body></html>")
    assert read_facts(tree).credits.bylines == ["By Michael Hingston facebook twitter"]
    assert authors(read_facts(tree).credits, None) == []


@pytest.mark.parametrize("image", [
    '<img src="photo.jpg" width="1" height="1">',
    '<img src="photo.jpg" width="2px">',
    '<img src="https://count.example/nm_trck.gif?site=1">',
    '<img src="/img/spacer.gif">',
    '<img src="https://pixel.example/p/1x1.png">',
])
def test_tracking_pixels_and_spacers_are_removed(image):
    tree = lxml.html.fromstring(f"<div><p>Text {image} more.</p></div>")
    remove_pixels(tree)
    assert lxml.html.tostring(tree, encoding="unicode") == "<div><p>Text  more.</p></div>"


def test_a_pixel_a_logo_or_an_icon_is_never_the_lead_photo():
    tree = lxml.html.fromstring(
        '<div><img src="https://count.example/trck.gif" width="1" height="1">'
        '<img src="/cssi/dwlogo-print.gif" alt="Deutsche Welle">'
        '<img src="/avatars/ann.jpg" width="64" height="64">'
        '<figure><img src="clear-skies.jpg" width="800"><figcaption>Clear skies. '
        'Photo: Ann Lee</figcaption></figure><p>Text.</p></div>')
    lead = read_facts(tree).lead
    assert (lead.src, lead.caption, lead.credit) == ("clear-skies.jpg", "Clear skies.", "Ann Lee")


def test_boilerplate_lines_go_and_credits_stay():
    tree = lxml.html.fromstring(
        "<div><p>Text.</p><div><figure><figcaption>Slideshow ( 15 images )</figcaption>"
        "</figure></div><p>Reporting by Jill Serjeant; Editing by Marguerita Choy</p>"
        '<div><p>Our Standards: <a href="/trust">The Thomson Reuters Trust Principles.</a>'
        "</p></div><p>Bildergalerie (12 Bilder)</p></div>")
    remove_boilerplate(tree)
    assert lxml.html.tostring(tree, encoding="unicode") == (
        "<div><p>Text.</p><p>Reporting by Jill Serjeant; Editing by Marguerita Choy</p></div>")


def body_of(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(f"<html><body>{html}</body></html>").find("body")


def test_pull_quotes_repeating_the_text_go_and_headings_that_head_text_stay():
    body = body_of(
        "<h2>The vote</h2><p>Councillors voted 31 to 24. “We had no choice but to cut,” "
        "the leader said on Thursday night.</p>"
        "<blockquote class='pullquote'><p>“We had no choice but to cut”</p></blockquote>"
        "<aside>the leader said on Thursday night</aside>"
        "<blockquote><p>A letter from a reader, quoted in full here.</p></blockquote>"
        "<h3>What comes next</h3><p>The libraries close in May.</p><h4>Read more</h4>")
    assert drop_pull_quotes(body) == ["“We had no choice but to cut”",
                                      "the leader said on Thursday night", "Read more"]
    assert [element.tag for element in body] == ["h2", "p", "blockquote", "h3", "p"]


def test_the_teaser_at_the_top_is_the_dek_and_copies_of_the_head_go():
    body = body_of(
        "<h2>Politik Ein Albtraum</h2><p>22.12.2018</p>"
        "<p>Der Reporter hat die Redaktion in eine Krise gestürzt.</p>"
        "<p>Von Clara Hoffmann</p><p>Ein perfekter Sturm beginnt meistens so.</p>")
    head = Head(title="Ein Albtraum", description=None,
                teasers=["Der Reporter hat die Redaktion in eine Krise gestürzt."])
    assert take_head(body, head) == "Der Reporter hat die Redaktion in eine Krise gestürzt."
    assert [element.text for element in body] == ["Ein perfekter Sturm beginnt meistens so."]


@pytest.mark.parametrize("json_ld", [
    "5", "\"text\"", "null", '{"@graph": 3}', '[1, "a", null]',
    '{"author": [1, ["x"], {"name": 5}, {"@type": ["Person"], "name": "Ann Lee"}]}',
    '{"inLanguage": {"@type": "Language", "name": "German"}, "publisher": "Acme"}',
])
def test_any_json_ld_is_read_without_a_traceback(json_ld):
    tree = lxml.html.fromstring(
        f'<html><head><script type="application/ld+json">{json_ld}</script></head>'
        "<body><p>Text.</p></body></html>")
    facts = read_facts(tree)
    assert facts.lang is None
    assert facts.credits.people in ([], ["Ann Lee"])


def test_a_lazy_loaded_image_gets_its_file_back_and_a_real_src_is_kept():
    tree = lxml.html.fromstring(
        '<div><img src="https://www.faz.example/img/leer.gif" alt="Grönemeyer" width="960" '
        'data-retina-src="https://media.faz.example/groenemeyer.jpg">'
        '<img src="data:image/gif;base64,R0lGOD" data-src="/photos/b.jpg">'
        '<img src="/photos/c.jpg" data-src="/photos/c-large.jpg"></div>')
    load_lazy_images(tree)
    assert [image.get("src") for image in tree.iter("img")] == [
        "https://media.faz.example/groenemeyer.jpg", "/photos/b.jpg", "/photos/c.jpg"]


def test_a_heading_quoting_words_of_its_section_heads_it_and_stays():
    body = body_of(
        "<h2>Watt jibt’s n hier zu lachen?</h2><p>Manche fragen, wo da der Spaß bleibt. "
        "»Watt jibt’s n hier zu lachen?« ist eine Formulierung, die man oft hört.</p>"
        "<h2>Das Fazit kommt zuletzt und ganz kurz</h2>"
        "<p>Das Fazit kommt zuletzt und ganz kurz</p><p>Und dann das Ende.</p>")
    assert drop_pull_quotes(body) == ["Das Fazit kommt zuletzt und ganz kurz"]
    assert [element.tag for element in body] == ["h2", "p", "p", "p"]


def test_a_utf8_page_whose_meta_charset_comes_late_is_read_as_utf8(tmp_path):
    # As ndr.de's saved page: the <title> with "ü" before <meta charset="utf-8">.
    page = tmp_path / "podcast.html"
    paragraph = "Die Gefährdung für die Bevölkerung ist hoch, so die jüngste Einschätzung. " * 3
    page.write_bytes(
        ("<!DOCTYPE html><html lang='de'><head><title>Brauchen Abkürzungen</title>"
         "<meta charset='utf-8'><meta name='keywords' content='Charité, Ältere Menschen'>"
         "<meta property='article:published_time' content='2020-03-17T12:00:00+01:00'>"
         f"</head><body><article><h1>Brauchen Abkürzungen</h1><p>{paragraph}</p>"
         f"<p>{paragraph}</p></article></body></html>").encode())
    article = import_page(page, trafilatura, Harvest())
    assert (article.meta["title"], article.meta["tags"]) == (
        "Brauchen Abkürzungen", ["Charité", "Ältere Menschen"])
    assert article.body.startswith("Die Gefährdung für die Bevölkerung")
