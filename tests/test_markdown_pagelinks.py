"""The links-between-articles extension alone: Markdown in, exact HTML out."""

from __future__ import annotations

from textwrap import dedent

from footnoted.content.image_places import ImagePlaces
from footnoted.content.page_index import PageLink, address_key, build_page_index
from footnoted.markdown.convert import render_markdown

PAGES = build_page_index([
    ("content/essays/a.md", "a"),
    ("content/essays/other.md", "other-slug"),
    ("content/guides/method.md", "method"),
    ("content/section/page.md", "page"),
    ("content/bundle/index.md", "bundle"),
], "content")


def render(text: str):
    return render_markdown(dedent(text), {}, "a", "content/essays/a.md", first_line=5,
                           pages=PAGES)


def test_link_to_an_article_file_is_navigation_to_its_page():
    body = render("[As we wrote](other.md) before.")
    assert body.html == '<p><a class="page-link" href="../other-slug/">As we wrote</a> before.</p>'
    assert body.sources == [] and body.problems == []
    assert body.page_links == (
        PageLink("content/essays/other.md", "other-slug", "", "other.md", 5),)
    assert body.lookups == (("file:content/essays/other.md", "other-slug"),)


def test_link_to_a_file_in_another_folder_keeps_its_part():
    body = render("See [the method](../guides/method.md#step-two).")
    assert body.html == (
        '<p>See <a class="page-link" href="../method/#step-two">the method</a>.</p>')
    assert body.page_links[0].fragment == "step-two"


def test_site_absolute_slug_and_content_path_resolve_relatively():
    body = render("[One](/other-slug/), [two](/section/page/), [three](/bundle/) and "
                  "[four](/guides/method.md).")
    assert body.html == (
        '<p><a class="page-link" href="../other-slug/">One</a>, '
        '<a class="page-link" href="../page/">two</a>, '
        '<a class="page-link" href="../bundle/">three</a> and '
        '<a class="page-link" href="../method/">four</a>.</p>')
    assert body.sources == [] and body.problems == []


def test_link_to_an_article_that_does_not_exist_is_an_error():
    body = render("Intro.\n\nSee [the sequel](sequel.md).")
    assert [str(p) for p in body.problems] == [
        "content/essays/a.md:7: error: link 'the sequel' points to 'sequel.md', but "
        "content/essays/sequel.md is not an article of this site. Correct the file name (it "
        "is relative to this article's file); if the file is there, fix the problems "
        "reported for it"]


def test_site_address_of_no_page_is_left_as_written_with_a_warning():
    body = render("The [shop](/shop/cart/).")
    assert [str(p) for p in body.problems] == [
        "content/essays/a.md:5: warning: link '/shop/cart/' matches no page of this site and "
        "is left as written; it breaks when the site is served under a path prefix. Link the "
        "article's file (e.g. other.md) if it is one of ours"]
    assert '<a href="/shop/cart/">shop</a><sup>' in body.html  # a source, as before
    assert body.lookups == (("address:shop/cart", None),)


def test_external_and_in_page_links_are_not_article_links():
    body = render("[Repo](https://git.example/README.md) and [up](#top).")
    assert [s.url for s in body.sources] == ["https://git.example/README.md"]
    assert body.page_links == ()


def test_links_inside_notes_resolve_too():
    body = render("Text.[^n]\n\n[^n]: See [the other](other.md).")
    assert body.notes[0].html == (
        '<p>See <a class="page-link" href="../other-slug/">the other</a>.</p>')


def test_address_keys():
    assert address_key("/section/page/") == "section/page"
    assert address_key("/slug") == "slug"
    assert address_key("/slug/index.html") == "slug"
    assert PAGES.by_address["bundle"] == "bundle"
    assert PAGES.by_address["essays/other"] == "other-slug"


def test_zola_link_from_the_content_folder():
    body = render("The [method](@/guides/method.md#b).")
    assert body.html == '<p>The <a class="page-link" href="../method/#b">method</a>.</p>'


def test_each_link_reports_its_own_line():
    body = render("[One](other.md).\n\n[Again](other.md).\n")
    assert [link.line for link in body.page_links] == [5, 7]


def test_a_relative_address_of_a_page_is_navigation_from_this_page():
    pages = build_page_index([("content/docs/a/index.md", "docs/a"),
                              ("content/docs/b.md", "docs/b"),
                              ("content/docs/a/c.md", "docs/a/c")], "content")
    body = render_markdown("[B](../b/#part), [C](c/), [a file](files/x.pdf) and [up](../../../x/).",
                           {}, "docs/a", "content/docs/a/index.md", first_line=5, pages=pages)
    assert body.html == ('<p><a class="page-link" href="../b/#part">B</a>, '
            '<a class="page-link" href="c/">C</a>, <a class="missing-link" href="files/x.pdf">'
            'a file</a> and <a class="missing-link" href="../../../x/">up</a>.</p>'
            )
    assert body.sources == []  # no page, no file: left as written, not numbered
    assert [(link.target, link.fragment) for link in body.page_links] == [
        ("content/docs/b.md", "part"), ("content/docs/a/c.md", "")]
    assert body.lookups == (("address:docs/a/c", "docs/a/c"), ("address:docs/a/files/x.pdf", None),
                            ("address:docs/b", "docs/b"))


def test_a_link_up_to_the_site_root_is_the_home_page():
    body = render_markdown("[Site news](../) and [top](../#menu)", {}, "news",
                           "content/news.md", 1)
    assert body.html == ('<p><a class="page-link" href="../">Site news</a> and '
                         '<a class="page-link" href="../#menu">top</a></p>')
    assert body.problems == []


def test_a_link_to_a_folder_of_content_is_a_warning_never_out_of_the_content_folder(
        tmp_path):
    (tmp_path / "content/news").mkdir(parents=True)
    places = ImagePlaces(root=tmp_path)
    body = render_markdown("[Site news](../)", {}, "news/a", "content/news/a.md", 1,
                           places=places)
    assert body.html == '<p><a class="missing-link" href="../">Site news</a></p>'
    assert [str(problem) for problem in body.problems] == [
        "content/news/a.md:1: warning: link '../' names the folder content, which is no page "
        "of this site, and is left as written. Link the article it should lead to by its file "
        "(e.g. ../news/index.md), or remove the link"]


MIGRATED = build_page_index(
    [("content/forensic.md", "forensic"), ("content/other.md", "other")], "content",
    [("forensic", "https://old.example/blog/2019/08/20/forensic-science/"),
     ("other", "https://www.old.example/p/other.html")])


def test_a_migrated_sites_old_address_finds_the_article_on_any_of_its_hosts():
    body = render_markdown(
        "[a](/blog/2019/08/20/forensic-science/) [b](https://old.example/blog/2019/08/20/"
        "forensic-science/#x) [c](//old.example/blog/2019/08/20/forensic-science) "
        "[d](http://www.old.example/p/other.html)", {}, "news/item", "content/news/item.md", 1,
        pages=MIGRATED)
    assert body.html == (
        '<p><a class="page-link" href="../../forensic/">a</a> '
        '<a class="page-link" href="../../forensic/#x">b</a> '
        '<a class="page-link" href="../../forensic/">c</a> '
        '<a class="page-link" href="../../other/">d</a></p>')
    assert body.problems == [] and body.sources == []


def test_an_old_address_on_another_host_or_of_no_article_stays_a_link_out():
    body = render_markdown("[a](https://else.example/blog/2019/08/20/forensic-science/) "
                           "[b](https://old.example/gone/)", {}, "news", "content/news.md", 1,
                           pages=MIGRATED)
    assert [source.url for source in body.sources] == [
        "https://else.example/blog/2019/08/20/forensic-science/", "https://old.example/gone/"]
    assert dict(body.lookups) == {"address:gone": None, "host:old.example": "",
                                  "host:else.example": None}  # asked again when hosts change


def test_an_articles_file_named_without_its_suffix_is_a_page_link():
    pages = build_page_index([("content/about/guide.md", "guide"),
                              ("content/about/team.md", "team"),
                              ("content/api/index.md", "api")], "content")
    body = render_markdown("[team](./team#a), [api](../api/), [old](team.html) and [none](./x)",
                           {}, "guide", "content/about/guide.md", 1, pages=pages)
    assert body.html == (
        '<p><a class="page-link" href="../team/#a">team</a>, <a class="page-link" '
        'href="../api/">api</a>, <a class="page-link" href="../team/">old</a> and '
        '<a class="missing-link" href="./x">none</a></p>')


DATED = build_page_index([
    ("content/essays/a.md", "a"),
    ("content/posts/2015-01-08-hello-world.md", "posts/hello-world"),
    ("content/2016/03/01/kept.md", "kept"),  # an address that is a content path wins
    ("content/posts/2016-03-01-kept.md", "posts/kept"),
], "content")


def test_a_dated_file_is_found_at_the_address_jekyll_gave_it():
    body = render_markdown(
        "[One](/2015/01/08/hello-world/), [two](/2015/01/08/hello-world.html#part), "
        "[three](/news/2015/01/08/hello-world/) and [four]({{ '/2016/03/01/kept/' | url }}).",
        {}, "a", "content/essays/a.md", first_line=5, pages=DATED)
    assert body.html == (
        '<p><a class="page-link" href="../posts/hello-world/">One</a>, '
        '<a class="page-link" href="../posts/hello-world/#part">two</a>, '
        '<a class="page-link" href="../posts/hello-world/">three</a> and '
        '<a class="page-link" href="../kept/">four</a>.</p>')
    assert body.problems == []


def test_an_address_that_differs_only_in_case_finds_the_page():
    """Hugo lowercases addresses: commands/hugo_convert_toJSON.md was served lowercased."""
    pages = build_page_index([("content/essays/a.md", "a"),
                              ("content/commands/hugo_convert_toJSON.md", "commands/to-json"),
                              ("content/Guide.md", "guide-upper"),
                              ("content/guide.md", "guide-lower")], "content")
    body = render_markdown("[JSON](/commands/hugo_convert_tojson/), [upper](/Guide/) and "
                           "[lower](/guide/).", {}, "a", "content/essays/a.md", first_line=5,
                           pages=pages)
    assert body.html == (
        '<p><a class="page-link" href="../commands/to-json/">JSON</a>, '
        '<a class="page-link" href="../guide-upper/">upper</a> and '
        '<a class="page-link" href="../guide-lower/">lower</a>.</p>')


def test_an_address_after_the_sites_language_finds_the_page():
    """Next.js serves the default language at / and at /en/."""
    pages = build_page_index([("content/essays/a.md", "a"), ("content/blog/x.md", "blog/x")],
                             "content", lang="en")
    body = render_markdown("[X](/en/blog/x) and [same](/EN/blog/x/).",
                           {}, "a", "content/essays/a.md", first_line=5, pages=pages)
    assert body.html == ('<p><a class="page-link" href="../blog/x/">X</a> and '
                         '<a class="page-link" href="../blog/x/">same</a>.</p>')
    assert pages.lookup("address:fr/blog/x") is None  # another language is another page


def test_the_site_root_is_the_home_page():
    body = render("[Home](/) and [again]({{ '/' | url }}).")
    assert body.html == ('<p><a class="page-link" href="../">Home</a> and '
                         '<a class="page-link" href="../">again</a>.</p>')
    assert body.problems == [] and body.sources == []


def test_a_post_is_found_on_the_day_its_front_matter_gives():
    """11ty and Jekyll date a post by its front matter when it has a date: 2014-12-22-x.md
    dated 2015-01-06 was /2015/01/06/x/."""
    pages = build_page_index([("content/essays/a.md", "a"),
                              ("content/posts/2014-12-22-sketch.md", "posts/sketch"),
                              ("content/notes/plain.md", "notes/plain")], "content",
                             dated=[("content/posts/2014-12-22-sketch.md", "2015/01/06"),
                                    ("content/notes/plain.md", "2016/02/03")])
    body = render_markdown("[New](/2015/01/06/sketch/), [old](/2014/12/22/sketch/) and "
                           "[plain](/2016/02/03/plain/).", {}, "a", "content/essays/a.md",
                           first_line=5, pages=pages)
    assert body.html == ('<p><a class="page-link" href="../posts/sketch/">New</a>, '
                         '<a class="page-link" href="../posts/sketch/">old</a> and '
                         '<a class="page-link" href="../notes/plain/">plain</a>.</p>')
