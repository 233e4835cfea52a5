"""Articles laid out and dated the way other generators do it: page bundles, TOML front
matter, `.markdown` files, dates without an offset. Each site is built through the same entry
point as build.py; bad input is checked against the exact text the editor reads."""

from __future__ import annotations

import feedparser
import pytest

from .test_bad_input import tree, write_files

BUNDLE = """\
---
title: A bundle
date: 2024-05-01
image:
  src: lead.jpg
  alt: A pier
---
Text beside its pictures.

![A map](images/map.png)
"""

TOML_ARTICLE = """\
+++
title = "Read from TOML"
date = 2024-05-01T10:00:00
tags = ["rust", "release"]
authors = ["The Release Team"]
dek = "Front matter as Zola and Hugo write it."

[extra]
team = "Release"

[sources.notes]
url = "https://news.example/notes"
title = "Release notes"
+++
A paragraph citing [the notes][notes].
"""


def test_a_page_bundle_takes_its_slug_from_its_folder_and_its_images_from_beside_it(
        make_project, capsys):
    project = make_project({"content/first-post/index.md": BUNDLE})
    (project.root / "content/first-post/images").mkdir()
    (project.root / "content/first-post/lead.jpg").write_bytes(b"JPEG")
    (project.root / "content/first-post/images/map.png").write_bytes(b"PNG")
    assert project.run("build") == 0, capsys.readouterr().err
    page = project.read("first-post/index.html")
    assert '<img src="lead.jpg" alt="A pier">' in page
    assert '<img alt="A map" src="images/map.png">' in page
    assert (project.root / "site/first-post/lead.jpg").read_bytes() == b"JPEG"
    assert (project.root / "site/first-post/images/map.png").read_bytes() == b"PNG"
    assert not (project.root / "site/index/index.html").exists()


def test_a_bundle_in_another_language_gets_its_language_and_a_slug_of_its_own(
        make_project, capsys):
    russian = BUNDLE.replace("title: A bundle", "title: Пакет").replace("\n![A map]", "\n![Карта]")
    german = BUNDLE.replace("title: A bundle", "title: Ein Bündel\nlang: de-AT")
    project = make_project({"content/post/index.md": BUNDLE, "content/post/index.ru.md": russian,
                            "content/post/index.de.md": german})
    (project.root / "content/post/images").mkdir()
    (project.root / "content/post/lead.jpg").write_bytes(b"JPEG")
    (project.root / "content/post/images/map.png").write_bytes(b"PNG")
    assert project.run("build") == 0, capsys.readouterr().err
    assert '<html lang="en"' in project.read("post/index.html")
    assert '<html lang="ru"' in project.read("post-ru/index.html")
    assert '<html lang="de-AT"' in project.read("post-de/index.html")  # front matter wins
    assert (project.root / "site/post/images/map.png").read_bytes() == b"PNG"  # one copy
    assert '<img alt="Карта" src="../post/images/map.png">' in project.read("post-ru/index.html")
    # The versions in one bundle are translations of each other, as in Hugo.
    english = project.read("post/index.html")
    assert '<a href="../post-ru/" hreflang="ru" lang="ru">Русский</a>' in english
    assert '<link rel="alternate" hreflang="de-AT" href="https://test.example/sub/post-de/">' \
        in english
    assert '<a href="../post/" hreflang="en" lang="en">English</a>' \
        in project.read("post-ru/index.html")


def test_a_bundle_in_the_sites_language_keeps_the_folder_as_its_slug(make_project, capsys):
    project = make_project({"content/post/index.en.md": BUNDLE.replace("image:\n  src: lead.jpg\n"
                                                                       "  alt: A pier\n", "")
                            .replace("\n![A map](images/map.png)\n", "")})
    assert project.run("build") == 0, capsys.readouterr().err
    assert "A bundle" in project.read("post/index.html")


def test_toml_front_matter_reads_like_yaml(make_project, capsys):
    project = make_project({"content/zola-post.md": TOML_ARTICLE})
    assert project.run("build") == 0, capsys.readouterr().err
    page = project.read("zola-post/index.html")
    assert "Read from TOML" in page
    assert "The Release Team" in page
    assert "Front matter as Zola and Hugo write it." in page
    assert 'href="https://news.example/notes"' in page
    assert '<time datetime="2024-05-01T10:00:00+00:00"' in page
    assert "rust" in project.read("tags/rust/index.html")


def test_markdown_files_named_dot_markdown_are_articles(make_project, capsys):
    post = "---\ntitle: From Jekyll\ndate: 2013-05-06 02:12:52 +0200\n---\nA post.\n"
    project = make_project({"content/2013-05-06-jekyll-post.markdown": post})
    assert project.run("build") == 0, capsys.readouterr().err
    page = project.read("2013-05-06-jekyll-post/index.html")
    assert "From Jekyll" in page
    assert '<time datetime="2013-05-06T02:12:52+02:00"' in page


@pytest.mark.parametrize("written, expected", [
    ("2020-01-01T10:00:00", "2020-01-01T10:00:00+03:00"),
    ("2020-01-01 10:00", "2020-01-01T10:00:00+03:00"),
    ('"2020-07-01 10:00:00"', "2020-07-01T10:00:00+03:00"),
    ("2020-01-01T10:00:00Z", "2020-01-01T10:00:00+00:00"),
])
def test_a_time_without_an_offset_is_in_the_sites_time_zone(make_project, capsys, written,
                                                            expected):
    project = make_project({"content/a.md": f"---\ntitle: T\ndate: {written}\n---\nText.\n"})
    settings = (project.root / "pyproject.toml").read_text("utf-8")
    (project.root / "pyproject.toml").write_text(settings + 'timezone = "Europe/Moscow"\n')
    assert project.run("build") == 0, capsys.readouterr().err
    assert f'<time datetime="{expected}"' in project.read("a/index.html")
    feed = feedparser.parse(project.read("feed.xml"))
    assert feed.bozo == 0


def test_a_section_page_is_reported_not_published(make_project, capsys):
    section = '+++\ntitle = "Blog"\nsort_by = "date"\n+++\nWelcome.\n'
    project = make_project({"content/_index.md": section, "content/a.md": BUNDLE.split("image:")[0]
                            + "---\nText.\n"})
    assert project.run("build") == 0
    assert capsys.readouterr().err.splitlines() == [
        "content/_index.md: warning: is a section page (Hugo's and Zola's _index.md), not an "
        "article: footnoted lists sections itself and does not publish it. Rename it (e.g. "
        "about.md, with title and date) to publish its text as an article, or delete it",
    ]
    assert "Welcome." not in "".join(p.decode() for p in tree(project.root / "site").values()
                                     if p.startswith(b"<"))


def test_same_names_in_two_folders_are_two_pages(make_project):
    ok = "---\ntitle: T\ndate: 2024-05-01\n---\nText.\n"
    project = make_project({"content/css/color/index.md": ok, "content/html/color/index.md": ok,
                            "content/all-hands.md": ok, "content/inside-rust/all-hands.md": ok})
    assert project.run("build") == 0
    for page in ("css/color", "html/color", "all-hands", "inside-rust/all-hands"):
        assert (project.root / f"site/{page}/index.html").is_file()


@pytest.mark.parametrize("command, stream", [("check", "out"), ("build", "err")])
def test_a_file_and_a_bundle_of_one_address_are_reported_with_a_longer_slug(
        make_project, capsys, command, stream):
    ok = "---\ntitle: T\ndate: 2024-05-01\n---\nText.\n"
    project = make_project({"content/a/b.md": ok, "content/a/b/index.md": ok})
    assert project.run(command) == 1
    assert [line for line in getattr(capsys.readouterr(), stream).splitlines()
            if ": error: " in line] == [
        "content/a/b.md: error: slug 'a/b' is also used by content/a/b/index.md. Set a "
        "different 'slug:' in one of them, e.g. 'slug: a-b' here",
    ]


TOML_HEAD = '+++\ntitle = "T"\ndate = 2024-05-01\n'  # lines 1-3
BAD = {
    "another generator's name for the dek": (
        "---\ntitle: T\ndate: 2024-05-01\ndescription: A summary.\n---\nText.\n",
        "content/a.md:4: error: unknown key 'description' in front matter. "
        "Rename it to 'dek:'",
    ),
    "another generator's key footnoted does not use": (
        TOML_HEAD + 'aliases = ["/2024/05/01/t.html"]\n+++\nText.\n',
        "content/a.md:4: error: unknown key 'aliases' in front matter. It belongs to another "
        "generator and footnoted does not use it: delete it, or move it under 'extra:' for "
        "your templates",
    ),
    "categories": (
        "---\ntitle: T\ndate: 2024-05-01\ncategories: [news]\n---\nText.\n",
        "content/a.md:4: error: unknown key 'categories' in front matter. "
        "Use 'section:' for the one section and 'tags:' for topics",
    ),
    "a key another generator uses, inside a table, is a plain unknown key": (
        "---\ntitle: T\ndate: 2024-05-01\nimage:\n  caption: C\n  url: x.jpg\n---\nText.\n",
        "content/a.md:6: error: unknown key 'url' in 'image'. Known keys: caption, credit, src, "
        "alt",
    ),
    "TOML syntax error": (
        TOML_HEAD + "dek = \n+++\nText.\n",
        "content/a.md:4: error: invalid TOML: Invalid value. "
        "Check quotes, '=' and brackets on this line",
    ),
    "TOML never closed": (
        TOML_HEAD + "Text.\n",
        "content/a.md:1: error: the front matter is never closed. "
        "Did you forget the closing '+++' line after the TOML keys?",
    ),
    "TOML empty": (
        "+++\n+++\nText.\n",
        "content/a.md:2: error: the TOML is empty. Add at least 'title =' and 'date ='",
    ),
    "TOML unknown key": (
        TOML_HEAD + 'autor = "Ann"\n+++\nText.\n',
        "content/a.md:4: error: unknown key 'autor' in front matter. Did you mean 'authors'?",
    ),
    "TOML wrong type": (
        TOML_HEAD + 'draft = "maybe"\n+++\nText.\n',
        "content/a.md:4: error: 'draft' must be true or false, got 'maybe'. Use true or false",
    ),
    "TOML unknown key in a table": (
        TOML_HEAD + '\n[image]\ncaption = "A pier"\ncredti = "AP"\n+++\nText.\n',
        "content/a.md:7: error: unknown key 'credti' in 'image'. Did you mean 'credit'?",
    ),
    "TOML unknown key in an array of tables": (
        TOML_HEAD + '[[authors]]\nname = "Ann"\n[[authors]]\nname = "Bob"\nulr = "https://b.example/"'
        '\n+++\nText.\n',
        "content/a.md:8: error: unknown key 'ulr' in 'authors' item. Did you mean 'url'?",
    ),
    "TOML impossible date": (
        '+++\ntitle = "T"\ndate = "2024-02-30"\n+++\nText.\n',
        "content/a.md:3: error: 'date' is not a valid date: '2024-02-30' (day is out of range "
        "for month). Write a date like 2023-04-06 or a time like 2023-04-06T09:30:00+03:00",
    ),
    "Jekyll date with a stray year": (
        "---\ntitle: T\ndate: 2023-01-29 18:30:22 2023 -0800\n---\nText.\n",
        "content/a.md:3: error: 'date' is not a valid date: '2023-01-29 18:30:22 2023 -0800'. "
        "Write a date like 2023-04-06 or a time like 2023-04-06T09:30:00+03:00",
    ),
    "date written day first": (
        "---\ntitle: T\ndate: 25/11/2026\n---\nText.\n",
        "content/a.md:3: error: 'date' is not a date in the form year-month-day: '25/11/2026'. "
        "Write it year first: 2026-11-25",
    ),
    "date written month first": (
        "---\ntitle: T\ndate: 11/25/2026\n---\nText.\n",
        "content/a.md:3: error: 'date' is not a date in the form year-month-day: '11/25/2026'. "
        "Write it year first: 2026-11-25",
    ),
    "date that could be either": (
        "---\ntitle: T\ndate: 05.11.2026\n---\nText.\n",
        "content/a.md:3: error: 'date' is not a date in the form year-month-day: '05.11.2026'. "
        "Write it year first: 2026-11-05 if 5 is the day, 2026-05-11 if it is the month",
    ),
    "date in words": (
        "---\ntitle: T\ndate: 25 November 2026\n---\nText.\n",
        "content/a.md:3: error: 'date' is not a date in the form year-month-day: "
        "'25 November 2026'. Write a date like 2023-04-06 or a time like "
        "2023-04-06T09:30:00+03:00",
    ),
}


@pytest.mark.parametrize("text, expected", BAD.values(), ids=BAD.keys())
def test_bad_front_matter_is_reported_with_its_line(make_project, capsys, text, expected):
    project = make_project({})
    write_files(project, {"content/a.md": text})
    assert project.run("build") == 1
    assert capsys.readouterr().err.splitlines() == [
        expected, "Build failed: 1 error, 0 warnings. Nothing was written."]
    assert not (project.root / "site").exists()


def test_a_bad_dot_markdown_file_is_reported_like_any_article(make_project, capsys):
    project = make_project({})
    write_files(project, {"content/post.markdown": "---\ntitle: T\n---\nText.\n"})
    assert project.run("check") == 1
    assert capsys.readouterr().out.splitlines() == [
        "content/post.markdown:2: error: front matter is missing the required key 'date'. "
        "Add 'date:'",
    ]


def test_files_saved_with_windows_line_endings_are_read(make_project, capsys):
    project = make_project({})
    write_files(project, {
        "content/yaml.md": b"---\r\ntitle: From Windows\r\ndate: 2024-05-01\r\n---\r\n"
                           b"Text [a source](https://a.example/).\r\n",
        "content/toml.md": b'+++\r\ntitle = "TOML from Windows"\r\ndate = 2024-05-01\r\n+++\r\n'
                           b"Text.\r\n\r\nSee ![a map](map.png).\r\n",
    })
    assert project.run("build") == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "content/toml.md:7: error: image 'map.png' does not exist. "
        "Check the file name; paths are relative to the article's file")
    write_files(project, {"content/toml.md": b'+++\r\ntitle = "TOML"\r\ndate = 2024-05-01\r\n'
                                             b"+++\r\nText.\r\n"})
    assert project.run("build") == 0, capsys.readouterr().err
    assert "<h1>From Windows</h1>" in project.read("yaml/index.html")
    assert "\r" not in project.read("toml/index.html")


def test_a_date_in_the_file_name_dates_an_article_whose_front_matter_gives_none(
        make_project, capsys):
    project = make_project({
        "content/2024-02-28-release.md": "---\ntitle: Release\n---\nText.\n",
        "content/2024-03-01-given/index.md": "---\ntitle: Bundle\n---\nText.\n",
        "content/2024-03-02-own-date.md": "---\ntitle: Own\ndate: 2020-01-01\n---\nText.\n",
    })
    assert project.run("build") == 0, capsys.readouterr().err
    assert '<time datetime="2024-02-28"' in project.read("2024-02-28-release/index.html")
    assert '<time datetime="2024-03-01"' in project.read("2024-03-01-given/index.html")
    assert '<time datetime="2020-01-01"' in project.read("2024-03-02-own-date/index.html")


def test_a_folder_of_the_site_clashes_only_at_the_top(make_project, capsys):
    ok = "---\ntitle: T\ndate: 2024-05-01\n---\nText.\n"
    project = make_project({"content/css/page/index.md": ok, "content/html/search/index.md": ok,
                            "content/docs/tags.md": ok, "content/page/index.md": ok,
                            "content/tags/news.md": ok})
    assert project.run("check") == 1
    assert capsys.readouterr().out.splitlines() == [
        "content/page/index.md: error: the folder name gives the slug 'page', a folder the "
        "site uses for its own pages. Rename the folder or set e.g. 'slug: page-page'",
        "content/tags/news.md: error: the folder 'tags' gives the address 'tags/news/', inside "
        "a folder the site uses for its own pages. Rename the folder (e.g. to 'tags-pages')",
    ]
    for name in ("page/index.md", "tags/news.md"):
        (project.root / "content" / name).unlink()
    assert project.run("build") == 0
    for page in ("css/page", "html/search", "docs/tags"):
        assert (project.root / f"site/{page}/index.html").is_file()


