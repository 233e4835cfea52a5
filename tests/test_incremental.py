"""Incremental builds: after every kind of edit, the site equals a clean build, byte for byte,
and the summary line says how many articles had to be parsed or rendered again."""

from __future__ import annotations

import os
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from footnoted.build import workers
from footnoted.build.pipeline import check_site, is_published
from footnoted.cli import main
from footnoted.content.image_places import image_files
from footnoted.output.staging import MARKER_TEXT
from footnoted.pages.assets import collect_static
from footnoted.settings import load_settings
from footnoted.theme import THEME

from .conftest import copy_example_site
from .one_pass import render_site

SOURCES = """\
shared-a:
  url: https://agency.example/a
  title: Report A
shared-b:
  url: https://agency.example/b
  title: Report B
"""


def article(number: int, cites: str = "shared-a", extra: str = "") -> str:
    return f"""\
---
title: Article {number}
date: 2024-05-{number + 1:02d}
authors: [Ann Editor]
sources:
  own:
    url: https://news.example/{number}
---
Text {number} citing [the news][own] and [@{cites}].{extra}

A second paragraph.[^n]

[^n]: A note on article {number}.
"""


@pytest.fixture
def site(make_project):
    files = {f"content/article-{n}.md": article(n, "shared-a" if n < 2 else "shared-b")
             for n in range(4)}
    project = make_project({**files, "content/sources.yaml": SOURCES})
    return project


def build(project, capsys, *args: str) -> str:
    """Build incrementally; return the summary line."""
    assert project.run("build", *args) == 0, capsys.readouterr().err
    return capsys.readouterr().out.strip()


def changed(summary: str) -> int:
    return int(re.search(r"\((\d+) changed\)", summary).group(1))


def assert_same_as_clean_build(project, tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    shutil.copytree(project.root, clean, ignore=shutil.ignore_patterns("site", ".footnoted-*"))
    assert main(["--root", str(clean), "build", "--clean", "--jobs", "1"]) == 0
    assert tree(project.root / "site") == tree(clean / "site")


def tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def edit(project, name: str, old: str, new: str) -> None:
    """Replace `old` in the project's file; a template or static file the project does not
    have yet is first copied from the theme, as an editor overriding it would."""
    path = project.root / name
    if not path.exists() and name.startswith(("templates/", "static/")):
        override(project, name)
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new), "utf-8")


def override(project, name: str) -> Path:
    """Copy the theme's `templates/...` or `static/...` file into the project."""
    path = project.root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(THEME / name, path)
    return path


def test_no_change_rebuild_renders_nothing_and_keeps_the_site(site, capsys, tmp_path):
    assert changed(build(site, capsys)) == 4
    before = {p: p.stat().st_mtime_ns for p in (site.root / "site").rglob("*")}
    assert changed(build(site, capsys)) == 0
    assert {p: p.stat().st_mtime_ns for p in (site.root / "site").rglob("*")} == before
    assert_same_as_clean_build(site, tmp_path)


def test_files_touched_but_unchanged_rebuild_nothing(site, capsys, tmp_path):
    """A new mtime alone (a checkout, a save without edits) makes the stages run, and they
    find by content that nothing changed."""
    override(site, "templates/base.html")
    build(site, capsys)
    before = {p: p.stat().st_mtime_ns for p in (site.root / "site").rglob("*")}
    for path in [*(site.root / "content").iterdir(), site.root / "templates" / "base.html"]:
        os.utime(path)
    assert changed(build(site, capsys)) == 0
    assert {p: p.stat().st_mtime_ns for p in (site.root / "site").rglob("*")} == before
    assert_same_as_clean_build(site, tmp_path)


def test_one_edited_article_is_the_only_one_rendered(site, capsys, tmp_path):
    build(site, capsys)
    edit(site, "content/article-1.md", "A second paragraph.", "A rewritten paragraph.")
    assert changed(build(site, capsys)) == 1
    assert "A rewritten paragraph." in site.read("article-1/index.html")
    assert_same_as_clean_build(site, tmp_path)


def test_listing_data_change_reaches_index_and_feed(site, capsys, tmp_path):
    build(site, capsys)
    edit(site, "content/article-2.md", "title: Article 2", "title: A new headline")
    assert changed(build(site, capsys)) == 2  # article 3 lists it: both cite shared-b
    assert "A new headline" in site.read("article-3/index.html")
    assert "A new headline" not in site.read("article-1/index.html")
    assert "A new headline" in site.read("index.html")
    assert "A new headline" in site.read("feed.xml")
    assert_same_as_clean_build(site, tmp_path)


def mtimes(project, pattern: str) -> dict[str, int]:
    return {p.relative_to(project.root).as_posix(): p.stat().st_mtime_ns
            for p in (project.root / "site").glob(pattern) if p.is_file()}


def test_a_changed_listing_row_rewrites_only_the_files_showing_it(site, capsys, tmp_path):
    for number in range(4, 24):  # enough articles for a second page of the front page
        site.write(f"content/article-{number}.md", article(number % 28))
    build(site, capsys)
    pages, static = mtimes(site, "page/*/index.html"), mtimes(site, "static/*")
    front, archive = mtimes(site, "index.html"), mtimes(site, "archive/index.html")
    edit(site, "content/article-1.md", "title: Article 1", "title: A new headline")
    build(site, capsys)
    assert "A new headline" in site.read("page/3/index.html")
    assert mtimes(site, "index.html") == front  # the newest ten do not include article 1
    second = "site/page/2/index.html"
    assert mtimes(site, "page/2/index.html") == {second: pages[second]}  # nor does page 2
    assert mtimes(site, "static/*") == static
    assert mtimes(site, "page/*/index.html") != pages
    assert mtimes(site, "archive/index.html") != archive
    assert_same_as_clean_build(site, tmp_path)


def test_a_body_edit_rewrites_only_its_own_search_documents(site, capsys, tmp_path):
    build(site, capsys)
    documents = mtimes(site, "search/docs/*")
    edit(site, "content/article-1.md", "A second paragraph.", "A rewritten paragraph.")
    build(site, capsys)
    assert mtimes(site, "search/docs/*") == documents  # the text is in the terms, not docs
    assert mtimes(site, "search/terms/*") != {}
    assert_same_as_clean_build(site, tmp_path)


def test_template_edit_renders_every_page_again(site, capsys, tmp_path):
    build(site, capsys)
    edit(site, "templates/base.html", '<main id="main">', '<main id="main" class="edited">')
    assert changed(build(site, capsys)) == 4
    assert 'class="edited"' in site.read("article-3/index.html")
    assert 'class="edited"' in site.read("index.html")
    assert_same_as_clean_build(site, tmp_path)


def test_template_edit_leaves_the_search_index_and_images_alone(site, capsys, tmp_path):
    (site.root / "content" / "chart.png").write_bytes(b"\x89PNG")
    edit(site, "content/article-1.md", "A second paragraph.", "![A chart](chart.png)\n\nA.")
    build(site, capsys)
    untouched = [p for p in (site.root / "site").rglob("*")
                 if p.is_file() and (p.suffix == ".png" or "search" in p.parent.parts)
                 and p.name != "index.html"]
    assert len(untouched) > 3
    before = {p: p.stat().st_mtime_ns for p in untouched}
    edit(site, "templates/base.html", '<main id="main">', '<main id="main" class="edited">')
    assert changed(build(site, capsys)) == 4
    assert {p: p.stat().st_mtime_ns for p in untouched} == before
    assert_same_as_clean_build(site, tmp_path)


@pytest.mark.parametrize("name, old, new", [
    ("templates/partials/byline.html", "<p", '<p data-override="1"'),
    ("static/style.css", ":root", "/* the project's own */\n:root"),
    ("templates/partials/masthead.html", "<nav", '<nav data-override="1"'),
])
def test_adding_and_removing_an_override_of_the_theme(site, capsys, tmp_path, name, old, new):
    """A project's own file replaces the theme's, and removing it brings the theme's back,
    each time with exactly what a clean build writes (pages, fingerprinted names)."""
    build(site, capsys)
    theme_site = tree(site.root / "site")
    edit(site, name, old, new)
    assert changed(build(site, capsys)) == 4
    assert tree(site.root / "site") != theme_site
    assert_same_as_clean_build(site, tmp_path)
    (site.root / name).unlink()
    assert changed(build(site, capsys)) == 4
    assert tree(site.root / "site") == theme_site
    assert_same_as_clean_build(site, tmp_path)


def test_adding_editing_and_removing_a_site_css(site, capsys, tmp_path):
    """The site's own stylesheet, which the theme lacks: linked from every page while it is
    there, each time exactly what a clean build writes."""
    build(site, capsys)
    theme_site = tree(site.root / "site")
    (site.root / "static").mkdir(exist_ok=True)
    (site.root / "static/site.css").write_text(":root { --accent: #123456; }\n", "utf-8")
    assert changed(build(site, capsys)) == 4
    assert_same_as_clean_build(site, tmp_path)
    edit(site, "static/site.css", "#123456", "#654321")
    assert changed(build(site, capsys)) == 4
    assert_same_as_clean_build(site, tmp_path)
    (site.root / "static/site.css").unlink()
    assert changed(build(site, capsys)) == 4
    assert tree(site.root / "site") == theme_site
    assert_same_as_clean_build(site, tmp_path)


def test_shared_source_edit_renders_exactly_its_citers(site, capsys, tmp_path):
    build(site, capsys)
    edit(site, "content/sources.yaml", "title: Report B", "title: Report B, revised")
    assert changed(build(site, capsys)) == 2  # articles 2 and 3 cite shared-b
    assert "Report B, revised" in site.read("article-2/index.html")
    assert_same_as_clean_build(site, tmp_path)


def test_static_and_settings_edits(site, capsys, tmp_path):
    build(site, capsys)
    (site.root / "static").mkdir()
    (site.root / "static" / "extra.css").write_text("p { color: red }\n", "utf-8")
    build(site, capsys)
    assert site.read("static/extra.css") == "p { color: red }\n"
    assert_same_as_clean_build(site, tmp_path)
    edit(site, "pyproject.toml", 'title = "Test site"', 'title = "Renamed site"')
    assert changed(build(site, capsys)) == 4
    assert "Renamed site" in site.read("article-0/index.html")
    assert_same_as_clean_build(site, tmp_path)


def test_added_deleted_and_drafted_articles(site, capsys, tmp_path):
    build(site, capsys)
    site.write("content/article-9.md", article(9))
    assert changed(build(site, capsys)) == 3  # 9, and 0 and 1 which now list it
    assert "Article 9" in site.read("article-0/index.html")
    (site.root / "content" / "article-0.md").unlink()
    edit(site, "content/article-3.md", "authors:", "draft: true\nauthors:")
    # 3 parsed; 1 and 9 no longer list 0, and 2 no longer lists 3
    assert changed(build(site, capsys)) == 4
    assert not (site.root / "site" / "article-0").exists()
    assert not (site.root / "site" / "article-3").exists()
    assert "Article 9" in site.read("index.html")
    assert_same_as_clean_build(site, tmp_path)


def test_a_page_changed_by_hand_is_written_again(site, capsys, tmp_path):
    build(site, capsys)
    (site.root / "site" / "article-1" / "index.html").write_text("vandalised", "utf-8")
    (site.root / "site" / "stray.html").write_text("not ours", "utf-8")
    build(site, capsys)
    assert "Article 1" in site.read("article-1/index.html")
    assert not (site.root / "site" / "stray.html").exists()
    assert_same_as_clean_build(site, tmp_path)


def test_a_lost_or_damaged_cache_means_a_full_build(site, capsys, tmp_path):
    build(site, capsys)
    (site.root / ".footnoted-cache" / "index.pickle").write_bytes(b"not a pickle")
    (site.root / ".footnoted-cache" / "articles.sqlite").write_bytes(b"not a database")
    assert changed(build(site, capsys)) == 4
    edit(site, "templates/base.html", '<main id="main">', '<main id="main" class="edited">')
    assert changed(build(site, capsys)) == 4
    assert_same_as_clean_build(site, tmp_path)


def test_articles_the_store_lost_are_parsed_again_where_they_are_needed(site, capsys, tmp_path):
    build(site, capsys)
    for stored in (site.root / ".footnoted-cache").glob("articles.sqlite*"):
        stored.unlink()  # the records stay: each page, and the pages listing it, need it
    edit(site, "templates/base.html", '<main id="main">', '<main id="main" class="edited">')
    assert changed(build(site, capsys)) == 4
    assert_same_as_clean_build(site, tmp_path)


def test_warnings_are_reported_on_a_no_change_build(site, capsys):
    edit(site, "content/article-1.md", "  own:\n", "  unused:\n    lost: true\n  own:\n")
    assert site.run("build") == 0
    first = capsys.readouterr()
    assert site.run("build") == 0
    again = capsys.readouterr()
    assert "(0 changed)" in again.out
    assert "content/article-1.md:6: warning: source 'unused' is declared but never cited" \
        in again.err
    assert again.err == first.err


def test_a_failed_build_keeps_the_site_and_the_next_good_one_recovers(site, capsys, tmp_path):
    build(site, capsys)
    before = tree(site.root / "site")
    good = (site.root / "content" / "article-2.md").read_text("utf-8")
    edit(site, "content/article-2.md", "[@shared-b]", "[@no-such-key]")
    assert site.run("build") == 1
    assert "unknown citation key '@no-such-key'" in capsys.readouterr().err
    assert tree(site.root / "site") == before
    (site.root / "content" / "article-2.md").write_text(good, "utf-8")
    build(site, capsys)
    assert tree(site.root / "site") == before
    assert_same_as_clean_build(site, tmp_path)


def test_parallel_build_equals_serial_build(site, capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(workers, "POOL_THRESHOLD", 1)  # use the pool even for four articles
    assert changed(build(site, capsys, "--jobs", "2")) == 4
    assert_same_as_clean_build(site, tmp_path)  # the clean build runs with --jobs 1


def test_a_template_edit_makes_the_site_wide_pages_in_the_pool(site, capsys, tmp_path,
                                                              monkeypatch):
    """Nothing is parsed, so no pool runs yet when the Sources pages and listings are handed
    over: they start it, instead of being made here after the article pages."""
    monkeypatch.setattr(workers, "POOL_THRESHOLD", 1)
    build(site, capsys, "--jobs", "2")
    pooled, submit = [], workers.Workers.submit

    def spy(self, function, job, size=0):
        result = submit(self, function, job, size)
        pooled.append((job.name, self.pool is not None))
        return result

    monkeypatch.setattr(workers.Workers, "submit", spy)
    edit(site, "templates/base.html", '<main id="main">', '<main id="main" class="edited">')
    assert changed(build(site, capsys, "--jobs", "2")) == 4
    assert pooled == [("sources", True), ("listings", True)]
    assert_same_as_clean_build(site, tmp_path)


def test_parallel_build_reports_a_listing_template_error_with_its_line(site, capsys,
                                                                       monkeypatch):
    monkeypatch.setattr(workers, "POOL_THRESHOLD", 1)  # the article pages use the pool
    site.write("templates/index.html", "<p>\n{{ nothing.here }}\n")
    assert site.run("build", "--jobs", "2") == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "templates/index.html:2: error: template error: 'nothing' is undefined. Check the "
        "variable names the template uses (README: Template variables)")


def test_build_equals_the_one_pass_renderer_on_the_example_site(tmp_path):
    """The incremental pipeline writes what one_pass.render_site makes of all articles at once,
    on the repository's own articles (translations, shared sources, Sources page, images)."""
    root = tmp_path / "example"
    copy_example_site(root)
    assert main(["--root", str(root), "build"]) == 0
    settings = load_settings(root)
    published = [a for a in check_site(settings).articles
                 if is_published(a, datetime.now(UTC))]
    expected = render_site(published, settings) | collect_static(settings)
    for article in published:
        expected |= image_files(article.images, settings)
    assert tree(root / "site") == {**expected, ".footnoted-site": MARKER_TEXT}


def test_a_replaced_image_file_reaches_the_site(site, capsys, tmp_path):
    (site.root / "content" / "images").mkdir()
    (site.root / "content" / "images" / "chart.png").write_bytes(b"\x89PNG first")
    edit(site, "content/article-1.md", "A second paragraph.",
         "![A chart](images/chart.png)\n\nA second paragraph.")
    build(site, capsys)
    assert (site.root / "site" / "images" / "chart.png").read_bytes() == \
        b"\x89PNG first"
    (site.root / "content" / "images" / "chart.png").write_bytes(b"\x89PNG second, longer")
    assert changed(build(site, capsys)) == 1
    assert (site.root / "site" / "images" / "chart.png").read_bytes() == \
        b"\x89PNG second, longer"
    assert_same_as_clean_build(site, tmp_path)


# Links between articles: a page shows the other article's slug, so it changes with it.

def linked_site(make_project):
    return make_project({
        "content/a.md": "---\ntitle: A\ndate: 2024-05-01\n---\nSee [B](b.md#part-two), "
                        "[its list](/b/) and [C](/c/).\n",
        "content/b.md": "---\ntitle: B\ndate: 2024-05-02\n---\n## Part two\n\nText.\n",
        "content/other.md": "---\ntitle: Other\ndate: 2024-05-03\n---\nUnrelated.\n",
    })


def test_a_changed_slug_reaches_the_pages_linking_to_it(make_project, capsys, tmp_path):
    site = linked_site(make_project)
    build(site, capsys)
    assert '<a class="page-link" href="../b/#part-two">B</a>' in site.read("a/index.html")
    edit(site, "content/b.md", "title: B\n", "title: B\nslug: bee\n")
    assert changed(build(site, capsys)) == 2  # b itself and a, which links to it
    page = site.read("a/index.html")
    assert '<a class="page-link" href="../bee/#part-two">B</a>' in page
    assert '<a class="page-link" href="../bee/">its list</a>' in page  # b's content path
    assert_same_as_clean_build(site, tmp_path)


def test_a_new_article_at_a_linked_address_reaches_the_page(make_project, capsys, tmp_path):
    site = linked_site(make_project)
    build(site, capsys)
    site.write("content/c.md", "---\ntitle: C\ndate: 2024-05-04\n---\nNew.\n")
    assert changed(build(site, capsys)) == 2  # c, and a, whose /c/ now has a page
    assert '<a class="page-link" href="../c/">C</a>' in site.read("a/index.html")
    assert_same_as_clean_build(site, tmp_path)


def test_a_new_article_at_a_relative_address_reaches_the_page(make_project, capsys, tmp_path):
    site = make_project({"content/docs/a.md": "---\ntitle: A\ndate: 2024-05-01\n---\n"
                                              "See [its neighbour](../b/).\n"})
    build(site, capsys)
    assert '<a class="missing-link" href="../b/">its neighbour</a>.' in site.read(
        "docs/a/index.html")  # left as written, with a warning
    site.write("content/docs/b.md", "---\ntitle: B\ndate: 2024-05-02\n---\nNew.\n")
    assert changed(build(site, capsys)) == 2  # b, and a, whose ../b/ now has a page
    assert '<a class="page-link" href="../b/">its neighbour</a>.' in site.read("docs/a/index.html")
    assert_same_as_clean_build(site, tmp_path)


def test_a_linked_file_that_changes_or_appears_equals_a_clean_build(make_project, capsys,
                                                                    tmp_path):
    site = make_project({"content/docs/a.md":
                         "---\ntitle: A\ndate: 2024-05-01\n---\n"
                         "The [data](data.csv) and [the report](report.pdf).\n",
                         "content/docs/b.md": "---\ntitle: B\ndate: 2024-05-02\n---\nB.\n"})
    site.write("content/docs/data.csv", "a,b\n")
    build(site, capsys)
    assert ('<a class="missing-link" href="report.pdf">the report</a>'
            in site.read("docs/a/index.html"))
    site.write("content/docs/data.csv", "a,b\n1,2\n")
    assert changed(build(site, capsys)) == 1
    assert site.read("docs/data.csv") == "a,b\n1,2\n"
    assert_same_as_clean_build(site, tmp_path)
    capsys.readouterr()  # the clean build's summary
    site.write("content/docs/report.pdf", "%PDF-1.7\n")
    assert changed(build(site, capsys)) == 1  # a, whose report.pdf is now a file of the site
    assert ('<a class="file-link" href="../report.pdf">the report</a>'
            in site.read("docs/a/index.html"))
    assert site.read("docs/report.pdf") == "%PDF-1.7\n"
    assert_same_as_clean_build(site, tmp_path)


def test_a_removed_heading_is_reported_for_the_links_to_it(make_project, capsys, tmp_path):
    site = linked_site(make_project)
    build(site, capsys)
    edit(site, "content/b.md", "## Part two", "## Part 2")
    assert site.run("build") == 0
    assert (
        "content/a.md:5: warning: link 'b.md#part-two' points to no heading or anchor "
        "'part-two' in content/b.md. Correct the part after '#' to one of that article's "
        "heading ids (docs/format.md: Headings), or remove it") in capsys.readouterr().err
    assert site.run("build") == 0  # reported again by a build that parses nothing
    assert "'part-two' in content/b.md" in capsys.readouterr().err
    assert_same_as_clean_build(site, tmp_path)


def test_a_deleted_target_fails_the_build_of_the_article_linking_to_it(make_project, capsys):
    site = linked_site(make_project)
    build(site, capsys)
    (site.root / "content" / "b.md").unlink()
    assert site.run("build") == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "content/a.md:5: error: link 'B' points to 'b.md', but content/b.md is not an "
        "article of this site. Correct the file name (it is relative to this article's "
        "file); if the file is there, fix the problems reported for it")


def test_links_between_articles_in_a_parallel_build(make_project, capsys, tmp_path, monkeypatch):
    site = linked_site(make_project)
    monkeypatch.setattr(workers, "POOL_THRESHOLD", 1)
    build(site, capsys, "--jobs", "2")
    edit(site, "content/b.md", "title: B\n", "title: B\nslug: bee\n")
    build(site, capsys, "--jobs", "2")
    assert '<a class="page-link" href="../bee/#part-two">B</a>' in site.read("a/index.html")


def test_an_article_moved_between_folders_equals_a_clean_build(site, capsys, tmp_path):
    """Its page moves, its relative links and images climb differently, and the pages that
    link to it follow it."""
    (site.root / "content/css/images").mkdir(parents=True)
    (site.root / "content/css/images/1.png").write_bytes(b"PNG shared")
    site.write("content/css/color/index.md", "---\ntitle: Colour\ndate: 2024-06-01\n---\n"
               "## Part\n\n![One](../images/1.png) To [the first](../../article-1.md).\n")
    site.write("content/css/page.md", "---\ntitle: Page\ndate: 2024-06-02\n---\n"
               "![One](images/1.png) See [the colours](color/index.md#part).\n")
    build(site, capsys)
    assert '<img alt="One" src="../images/1.png">' in site.read("css/color/index.html")
    assert '<img alt="One" src="../images/1.png">' in site.read("css/page/index.html")
    assert_same_as_clean_build(site, tmp_path)
    (site.root / "content/html").mkdir()
    (site.root / "content/css/color").rename(site.root / "content/html/color")
    edit(site, "content/html/color/index.md", "../images/1.png", "../../css/images/1.png")
    edit(site, "content/css/page.md", "color/index.md", "../html/color/index.md")
    build(site, capsys)
    assert not (site.root / "site/css/color").exists()
    assert '<img alt="One" src="../../css/images/1.png">' in site.read("html/color/index.html")
    assert 'href="../../html/color/#part"' in site.read("css/page/index.html")
    assert_same_as_clean_build(site, tmp_path)


def test_a_site_absolute_image_follows_the_file_from_static_to_content(site, capsys, tmp_path):
    (site.root / "static/img").mkdir(parents=True)
    (site.root / "static/img/logo.png").write_bytes(b"PNG static")
    edit(site, "content/article-1.md", "A second paragraph.",
         "![Logo](/img/logo.png)\n\nA second paragraph.")
    build(site, capsys)
    assert '<img alt="Logo" src="../static/img/logo.png">' in site.read("article-1/index.html")
    (site.root / "content/img").mkdir()
    (site.root / "content/img/logo.png").write_bytes(b"PNG static")  # the same size, even
    build(site, capsys)
    assert '<img alt="Logo" src="../img/logo.png">' in site.read("article-1/index.html")
    assert (site.root / "site/img/logo.png").read_bytes() == b"PNG static"
    assert_same_as_clean_build(site, tmp_path)


BUNDLE = """\
---
title: A bundle
date: 2024-06-01
image:
  src: lead.jpg
  alt: A pier
---
Text beside its pictures, citing [@shared-a].

![A map](images/map.png)
"""


def test_page_bundle_edits_equal_a_clean_build(site, capsys, tmp_path):
    site.write("content/bundle/index.md", BUNDLE)
    (site.root / "content/bundle/images").mkdir()
    (site.root / "content/bundle/lead.jpg").write_bytes(b"JPEG")
    (site.root / "content/bundle/images/map.png").write_bytes(b"PNG one")
    build(site, capsys)
    assert_same_as_clean_build(site, tmp_path)
    capsys.readouterr()  # the clean build's summary
    (site.root / "content/bundle/images/map.png").write_bytes(b"PNG two, longer")
    assert changed(build(site, capsys)) == 1
    assert (site.root / "site/bundle/images/map.png").read_bytes() == b"PNG two, longer"
    assert_same_as_clean_build(site, tmp_path)
    site.write("content/bundle/index.ru.md", BUNDLE.replace("title: A bundle", "title: Пакет"))
    build(site, capsys)
    assert '<html lang="ru"' in site.read("bundle-ru/index.html")
    assert 'href="../bundle-ru/" hreflang="ru"' in site.read("bundle/index.html")
    assert_same_as_clean_build(site, tmp_path)
    edit(site, "content/bundle/index.md", "Text beside", "Edited text beside")
    build(site, capsys)
    assert "Edited text beside" in site.read("bundle/index.html")
    assert_same_as_clean_build(site, tmp_path)
    (site.root / "content/bundle/index.ru.md").unlink()
    build(site, capsys)
    assert "bundle-ru" not in site.read("bundle/index.html")
    assert_same_as_clean_build(site, tmp_path)
    (site.root / "content/bundle").rename(site.root / "content/renamed")
    build(site, capsys)
    assert not (site.root / "site/bundle").exists()
    assert (site.root / "site/renamed/images/map.png").exists()
    edit(site, "content/renamed/index.md", "date:", "slug: other-name\ndate:")
    build(site, capsys)
    assert '<img alt="A map" src="../renamed/images/map.png">' in site.read(
        "other-name/index.html")  # the images stay where content/ has them
    assert_same_as_clean_build(site, tmp_path)


def test_toml_and_dot_markdown_articles_build_incrementally(site, capsys, tmp_path):
    site.write("content/zola.md", '+++\ntitle = "Zola"\ndate = 2024-06-02T10:00:00\n+++\nZ.\n')
    site.write("content/jekyll.markdown", "---\ntitle: Jekyll\ndate: 2024-06-03\n---\nJ.\n")
    build(site, capsys)
    assert "Zola" in site.read("zola/index.html") and "Jekyll" in site.read("jekyll/index.html")
    edit(site, "content/zola.md", "Z.", "Zed.")
    edit(site, "content/jekyll.markdown", "J.", "Jay.")
    assert changed(build(site, capsys)) == 2
    assert "Zed." in site.read("zola/index.html") and "Jay." in site.read("jekyll/index.html")
    assert_same_as_clean_build(site, tmp_path)
    edit(site, "pyproject.toml", 'title = "Test site"',
         'title = "Test site"\ntimezone = "Asia/Tokyo"')
    build(site, capsys)
    assert '<time datetime="2024-06-02T10:00:00+09:00"' in site.read("zola/index.html")
    assert_same_as_clean_build(site, tmp_path)


def test_an_archive_entry_renders_exactly_the_pages_citing_its_url(site, capsys, tmp_path):
    build(site, capsys)
    site.write("content/archive.yaml", """\
        "https://news.example/2":
          snapshot: "https://web.archive.org/web/20240601000000/https://news.example/2"
          snapshot_date: 2024-06-01
          status: archived
        """)
    assert changed(build(site, capsys)) == 1
    assert 'data-versionurl="https://web.archive.org/web/20240601000000/' in \
        site.read("article-2/index.html")
    assert_same_as_clean_build(site, tmp_path)
    capsys.readouterr()  # the clean build's summary
    edit(site, "content/archive.yaml", "status: archived", "status: archived\n  dead: true")
    assert changed(build(site, capsys)) == 1
    assert "The original is gone" in site.read("article-2/index.html")
    assert_same_as_clean_build(site, tmp_path)
    capsys.readouterr()  # the clean build's summary
    site.write("content/archive.yaml", """\
        "https://agency.example/a":
          snapshot: "https://web.archive.org/web/20240601000000/https://agency.example/a"
          snapshot_date: 2024-06-01
          status: archived
        """)
    assert changed(build(site, capsys)) == 3  # article 2 loses its copy; 0 and 1 cite shared-a
    assert "Archived copy" in site.read("sources/index.html")
    assert_same_as_clean_build(site, tmp_path)
    capsys.readouterr()  # the clean build's summary


def test_records_come_back_as_saved_from_the_changes_or_a_base_written_whole(
        site, capsys, monkeypatch):
    from footnoted.incremental import cache

    def from_disk():
        cache._warm.clear()  # what another process reads
        kept = cache.BuildCache.open(load_settings(site.root))
        return kept.records, kept.groups, kept.basis

    build(site, capsys)
    folder = site.root / ".footnoted-cache"
    assert not (folder / cache.CHANGES).exists()
    edit(site, "content/article-1.md", "Text 1", "Text 1, edited,")
    (site.root / "content" / "article-3.md").unlink()
    build(site, capsys)
    saved = cache._warm[folder]
    assert "content/article-1.md" in saved[2].records  # with those whose page was made
    assert saved[2].gone == {"content/article-3.md"}
    last = from_disk()
    assert set(last[0]) == {f"content/article-{n}.md" for n in range(3)}
    assert last[0]["content/article-1.md"] == saved[2].records["content/article-1.md"]
    changes = (folder / cache.CHANGES).read_bytes()
    monkeypatch.setattr(cache, "WHOLE_AT", 1)
    monkeypatch.setattr(cache, "FEW", 0)
    edit(site, "content/article-2.md", "Text 2", "Text 2, edited,")
    build(site, capsys)
    assert not (folder / cache.CHANGES).exists()
    whole = from_disk()
    (folder / cache.CHANGES).write_bytes(changes)  # a build killed before deleting them
    assert from_disk() == whole
    assert whole[0]["content/article-1.md"].digest == last[0]["content/article-1.md"].digest
    assert whole[0]["content/article-2.md"].digest != last[0]["content/article-2.md"].digest
