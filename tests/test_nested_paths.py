"""A site whose articles sit in folders: pages at their content path, images at theirs, and
every relative link of every page leading to a file of the site."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

HEAD = "---\ntitle: {title}\ndate: 2024-05-01\n---\n"

ARTICLES = {
    # depth 1
    "content/top.md": HEAD.format(title="Top") + (
        "To [the colours](css/color/index.md), [the same](/css/color/) and "
        "[the method's part](guides/method.md#the-part).\n\n![A logo](/img/logo.png)\n"),
    # depth 2
    "content/css/color/index.md": HEAD.format(title="Colour") + (
        "See [the other](other.md), [the part](../../guides/method.md#the-part) and "
        "[the top](../../top.md).\n\n![Borders](../images/borders.png)\n\n"
        "![A logo](/img/logo.png) ![A photo](/pics/photo.png)\n\n"
        '<figure><img src="../images/borders.png" alt="Borders again"></figure>\n'),
    "content/guides/method.md": HEAD.format(title="Method") + (
        "## The part\n\nBack to [the colours](/css/color/).\n"),
    # depth 3
    "content/css/color/other.md": HEAD.format(title="Other") + (
        "Up to [the colours](index.md) and [the top](/top/).\n\n"
        "![Borders](../images/borders.png)\n"),
    # a folder with its own page and a page below it of the same name
    "content/html/index.md": HEAD.format(title="HTML") + "Below: [HTML in HTML](html/index.md).\n",
    "content/html/html/index.md": HEAD.format(title="HTML in HTML") + "Up: [HTML](../index.md).\n",
    # the site's own folder names are free below the top
    "content/css/page/index.md": HEAD.format(title="Page") + "Text.\n",
    "content/css/tags.md": HEAD.format(title="Tags") + "Text.\n",
}
IMAGES = {
    "content/css/images/borders.png": b"PNG borders",
    "static/img/logo.png": b"PNG logo",
    "content/pics/photo.png": b"PNG photo from content",
    "static/pics/photo.png": b"PNG photo from static",  # content/ wins
}


@pytest.fixture
def nested(make_project):
    project = make_project(ARTICLES)
    for name, data in IMAGES.items():
        path = project.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return project


class Addresses(HTMLParser):
    """Every href and src of a page, and every id on it."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)
            elif name == "id" and value:
                self.ids.add(value)


def read_pages(site: Path) -> dict[str, Addresses]:
    pages = {}
    for path in sorted(site.rglob("*.html")):
        parser = Addresses()
        parser.feed(path.read_text("utf-8"))
        pages[path.relative_to(site).as_posix()] = parser
    return pages


def dead_links(site: Path) -> list[str]:
    """Relative links (and their #parts) that lead to no file, or no id, of the built site.
    The 404 page's links start from the site's path on its host, so it is left out."""
    pages, dead = read_pages(site), []
    for name, page in pages.items():
        if name == "404.html":
            continue
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("/", "#")):
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name),
                                                       unquote(parts.path)))
            if parts.path.endswith("/") or target == ".":
                target = posixpath.join(target, "index.html").removeprefix("./")
            if target.startswith("../") or not (site / target).is_file():
                dead.append(f"{name}: {link}")
            elif parts.fragment and parts.fragment not in pages[target].ids:
                dead.append(f"{name}: {link} (no such id)")
    return dead


def test_pages_are_at_their_content_path_and_images_at_theirs(nested):
    assert nested.run("build", "--strict") == 0
    site = nested.root / "site"
    for page in ("top", "css/color", "css/color/other", "guides/method", "html", "html/html",
                 "css/page", "css/tags"):
        assert (site / page / "index.html").is_file(), page
    assert (site / "css/images/borders.png").read_bytes() == b"PNG borders"  # once, for three
    assert (site / "static/img/logo.png").read_bytes() == b"PNG logo"
    assert (site / "pics/photo.png").read_bytes() == b"PNG photo from content"
    assert sorted(path.name for path in site.rglob("borders.png")) == ["borders.png"]


def test_links_and_images_are_relative_to_each_page(nested):
    assert nested.run("build") == 0
    colour = nested.read("css/color/index.html")
    assert '<a class="page-link" href="other/">the other</a>' in colour
    assert '<a class="page-link" href="../../guides/method/#the-part">the part</a>' in colour
    assert '<img alt="Borders" src="../images/borders.png">' in colour
    assert '<img alt="A logo" src="../../static/img/logo.png">' in colour
    assert '<img alt="A photo" src="../../pics/photo.png">' in colour
    assert '<img alt="Borders again" src="../images/borders.png">' in colour  # raw HTML too
    assert 'href="../../static/' in colour  # the stylesheet climbs two folders
    other = nested.read("css/color/other/index.html")
    assert '<a class="page-link" href="../">the colours</a>' in other
    assert '<a class="page-link" href="../../../top/">the top</a>' in other
    assert '<img alt="Borders" src="../../images/borders.png">' in other
    assert '<a class="page-link" href="html/">HTML in HTML</a>' in nested.read("html/index.html")


def test_every_relative_link_of_the_site_leads_to_a_file(nested):
    assert nested.run("build") == 0
    site = nested.root / "site"
    assert dead_links(site) == []
    listed = {link for page in read_pages(site).values() for link in page.links}
    assert {"css/color/other/", "html/html/"} <= listed  # the front page lists the deep pages


def test_feeds_sitemap_and_search_give_the_nested_address(nested):
    assert nested.run("build") == 0
    assert "<loc>https://test.example/sub/css/color/other/</loc>" in nested.read("sitemap.xml")
    assert 'href="https://test.example/sub/css/color/other/"' in nested.read("feed.xml")
    assert '"css/color/other/"' in "".join(
        path.read_text("utf-8") for path in (nested.root / "site/search").rglob("*.json"))


def test_a_translation_in_a_nested_bundle_links_its_original(make_project):
    project = make_project({
        "content/css/color/index.md": HEAD.format(title="Colour") + "Text.\n",
        "content/css/color/index.ru.md": HEAD.format(title="Цвет") + "Текст.\n",
        "content/guides/method.md": HEAD.format(title="Method") + "Text.\n",
        "content/guides/metod.md": "---\ntitle: Метод\ndate: 2024-05-01\nlang: ru\n"
                                   "translation_of: method\n---\nТекст.\n",  # a neighbour
    })
    assert project.run("build", "--strict") == 0
    assert '<a href="../../css/color-ru/" hreflang="ru"' in project.read("css/color/index.html")
    assert '<a href="../../css/color/" hreflang="en"' in project.read("css/color-ru/index.html")
    assert '<a href="../../guides/metod/" hreflang="ru"' in project.read(
        "guides/method/index.html")


@pytest.mark.parametrize("src, expected", [
    ("../../secret.png", "content/css/a.md:5: error: image leads out of the content folder: "
     "'../../secret.png'. Put the image file in content/ and give its path from the "
     "article's file, e.g. ../images/photo.jpg"),
    ("../images/gone.png", "content/css/a.md:5: error: image '../images/gone.png' does not "
     "exist (content/images/gone.png is not a file). Check the file name; paths are relative "
     "to the article's file"),
    ("/img/gone.png", "content/css/a.md:5: error: image '/img/gone.png' does not exist "
     "(neither content/img/gone.png nor static/img/gone.png is a file). Check the file name; "
     "a path starting with '/' is in content/, or else in static/"),
    ("/static/x.png", "content/css/a.md:5: error: image '/static/x.png' is in content/static/, "
     "where the site keeps its own static files. Move it to static/ or to another folder of "
     "content/"),
])
def test_an_image_outside_content_or_missing_is_an_error(make_project, capsys, src, expected):
    project = make_project({"content/css/a.md": HEAD.format(title="A") + f"![x]({src})\n",
                            "secret.png": "not an image", "content/static/x.png": "PNG"})
    assert project.run("build") == 1
    assert capsys.readouterr().err.splitlines() == [
        expected, "Build failed: 1 error, 0 warnings. Nothing was written."]
    assert not (project.root / "site").exists()


def test_a_symbolic_link_out_of_content_stays_refused_from_a_nested_page(make_project, capsys,
                                                                         tmp_path):
    (tmp_path / "secret.png").write_bytes(b"PNG")
    project = make_project({"content/css/a.md": HEAD.format(title="A") + "![x](../pic.png)\n"})
    (project.root / "content/pic.png").symlink_to(tmp_path / "secret.png")
    assert project.run("build") == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "content/css/a.md:5: error: image '../pic.png' leads out of the content folder (through "
        "a symbolic link). Check the file name; paths are relative to the article's file")


def test_a_bundle_in_a_folder_not_named_as_a_slug_keeps_its_images_beside_its_page(
        make_project):
    project = make_project({"content/My Post/index.md": HEAD.format(title="Mine")
                            + "![A map](Pics/map.png)\n"})
    (project.root / "content/My Post/Pics").mkdir()
    (project.root / "content/My Post/Pics/map.png").write_bytes(b"PNG")
    assert project.run("build") == 0
    assert (project.root / "site/my-post/pics/map.png").read_bytes() == b"PNG"
    page = project.read("my-post/index.html")
    assert '<img alt="A map" src="pics/map.png">' in page
    assert dead_links(project.root / "site") == []


def test_two_image_files_for_one_place_on_the_site_are_an_error(make_project, capsys):
    project = make_project({"content/a.md": HEAD.format(title="A") + "![x](A B/x.png)\n",
                            "content/b.md": HEAD.format(title="B") + "\n![x](a-b/x.png)\n",
                            "content/A B/x.png": "one", "content/a-b/x.png": "two"})
    assert project.run("check") == 1
    assert capsys.readouterr().out.splitlines() == [
        "content/b.md:6: error: image 'a-b/x.png' would be published at a-b/x.png, as "
        "content/A B/x.png is. Rename one of the folders or files"]


def test_a_path_written_from_the_page_address_is_taken_with_a_warning(make_project, capsys):
    """Jekyll's pages write image paths as the browser reads them, from the page's address:
    from _tutorials/convert.md (page tutorials/convert/), ../../img/x.png is img/x.png."""
    project = make_project({"content/_tutorials/convert.md": HEAD.format(title="Convert")
                            + "![Layouts](../../img/x.png)\n", "content/img/x.png": "PNG"})
    assert project.run("build") == 0
    assert capsys.readouterr().err.splitlines()[0] == (
        "content/_tutorials/convert.md:5: warning: image '../../img/x.png' leads out of the "
        "content folder from this file; it was taken from the page's address instead "
        "(content/img/x.png). Write its path from the article's file: '../img/x.png'")
    page = project.read("tutorials/convert/index.html")
    assert '<img alt="Layouts" src="../../img/x.png">' in page
    assert dead_links(project.root / "site") == []
