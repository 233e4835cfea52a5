"""Paths cannot escape: slugs, article files and images stay inside their folders."""

from __future__ import annotations

import pytest

from footnoted.content.slugs import RESERVED, slugify

HEAD = "---\ntitle: T\ndate: 2024-05-01\n"


@pytest.mark.parametrize("title, slug", [
    ("Рецепт борща", "retsept-borshcha"),
    ("Щука и ёж: съезд", "shchuka-i-ezh-sezd"),
    ("Anything But More Mobilization!", "anything-but-more-mobilization"),
    ("Café crème, naïve", "cafe-creme-naive"),
    ("../../etc/passwd", "etc-passwd"),
    ("日本語", "untitled"),
])
def test_titles_become_readable_ascii_slugs(title, slug):
    assert slugify(title) == slug
    assert slugify(title) == slugify(title)  # stable: no randomness, no counters


def test_a_cyrillic_file_name_gives_a_transliterated_folder(make_project):
    project = make_project({"content/Рецепт борща.md": HEAD + "---\nText.\n"})
    assert project.run("build") == 0
    assert (project.root / "site/retsept-borshcha/index.html").is_file()


@pytest.mark.parametrize("slug, suggestion", [
    ("../../evil", "evil"),
    ("/tmp/evil", "tmp-evil"),
    ("a/b", "a-b"),
    ("a\\\\b", "a-b"),
    ("a%2fb", "a-2fb"),
    ("..", "my-article"),
    ("Borscht", "borscht"),
    ("a--b", "a-b"),
])
def test_a_slug_that_is_not_one_folder_name_is_refused(make_project, capsys, slug, suggestion):
    project = make_project({"content/a.md": HEAD + f'slug: "{slug}"\n---\nText.\n'})
    assert project.run("build") == 1
    shown = slug.replace("\\\\", "\\")
    assert capsys.readouterr().err.splitlines()[0] == (
        f"content/a.md:4: error: 'slug' must be one folder name of a-z, 0-9 and single '-', "
        f"not '{shown}'. Use e.g. '{suggestion}'")
    assert not (project.root / "site").exists()


@pytest.mark.parametrize("slug", RESERVED)
def test_a_slug_may_not_take_a_folder_of_the_site(make_project, capsys, slug):
    project = make_project({"content/a.md": HEAD + f"slug: {slug}\n---\nText.\n"})
    assert project.run("build") == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"content/a.md:4: error: 'slug' must not be '{slug}': that folder holds the site's own "
        f"files. Use e.g. '{slug}-page'")


def test_a_file_name_may_not_take_a_folder_of_the_site(make_project, capsys):
    project = make_project({"content/search.md": HEAD + "---\nText.\n"})
    assert project.run("build") == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "content/search.md: error: the file name gives the slug 'search', a folder the site "
        "uses for its own pages. Rename the file or set e.g. 'slug: search-page'")


def test_every_folder_the_build_writes_is_reserved(make_project):
    articles = {f"content/a{i}.md": HEAD.replace("title: T", f"title: T{i}")
                + "tags: [x]\nsection: News\nauthors: [Ann]\n---\nText [a](https://a.example/).\n"
                for i in range(25)}
    project = make_project(articles)
    assert project.run("build") == 0
    folders = {path.name for path in (project.root / "site").iterdir() if path.is_dir()}
    assert folders - {f"a{i}" for i in range(25)} <= set(RESERVED)


def test_an_article_linked_from_outside_content_is_refused(make_project, capsys, tmp_path):
    outside = tmp_path / "elsewhere.md"
    outside.write_text(HEAD + "---\nA private draft.\n", encoding="utf-8")
    project = make_project({"content/a.md": HEAD + "---\nText.\n"})
    (project.root / "content/linked.md").symlink_to(outside)
    assert project.run("build") == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "content/linked.md: error: is a symbolic link to a file outside content/. "
        "Copy the file into content/ instead")
    assert not (project.root / "site").exists()


def test_an_image_linked_from_outside_content_is_refused(make_project, capsys, tmp_path):
    (tmp_path / "secret.png").write_bytes(b"PNG")
    project = make_project({"content/a.md": HEAD + "---\n![x](pic.png)\n"})
    (project.root / "content/pic.png").symlink_to(tmp_path / "secret.png")
    assert project.run("build") == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "content/a.md:5: error: image 'pic.png' leads out of the content folder (through a "
        "symbolic link). Check the file name; paths are relative to the article's file")


@pytest.mark.parametrize("src", ["../pyproject.png", "img/../../x.png", "/../x.png",
                                 "sub/../../../etc/x.png"])
def test_an_image_path_leading_out_of_content_is_refused(make_project, capsys, src):
    project = make_project({"content/a.md": HEAD + f"---\n![x]({src})\n"})
    (project.root / "x.png").write_bytes(b"PNG")
    assert project.run("build") == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"content/a.md:5: error: image leads out of the content folder: '{src}'. Put the "
        "image file in content/ and give its path from the article's file, e.g. "
        "../images/photo.jpg")
    assert not (project.root / "site").exists()


@pytest.mark.parametrize("src, problem", [
    ("..%2fx.png", "hides a path separator or dot in an escape: '..%2fx.png'"),
    ("%2e%2e/x.png", "hides a path separator or dot in an escape: '%2e%2e/x.png'"),
    ("a%5Cx.png", "hides a path separator or dot in an escape: 'a%5Cx.png'"),
    ("file:///etc/x.png", "must be a file of this site, not 'file:///etc/x.png' (pages load "
                          "nothing from elsewhere)"),
])
def test_an_image_path_that_escapes_is_refused(make_project, capsys, src, problem):
    project = make_project({"content/a.md": HEAD + f"---\n![x]({src})\n"})
    assert project.run("build") == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"content/a.md:5: error: image {problem}. Put the image file beside the article and "
        "give its path, e.g. images/photo.jpg")


def test_a_static_file_linked_from_outside_is_refused(make_project, capsys, tmp_path):
    (tmp_path / "id_rsa").write_text("PRIVATE KEY")
    project = make_project({"content/a.md": HEAD + "---\nText.\n"})
    (project.root / "static").mkdir()
    (project.root / "static/key.txt").symlink_to(tmp_path / "id_rsa")
    assert project.run("build") == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "static/key.txt: error: is a symbolic link to a file outside static/. "
        "Copy the file into static/ instead")
    assert not (project.root / "site").exists()
