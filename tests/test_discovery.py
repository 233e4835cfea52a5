"""discovery alone: which files are articles, and the slug and language their paths give."""

from __future__ import annotations

import pytest

from footnoted.content.discovery import (
    article_files,
    date_from_path,
    lang_from_path,
    slug_from_path,
)
from footnoted.settings import load_settings


@pytest.mark.parametrize("name, slug, lang", [
    ("post.md", "post", None),
    ("Рецепт борща.markdown", "retsept-borshcha", None),
    ("index.md", "index", None),  # at the top of content/ there is no bundle folder
    ("First Post/index.md", "first-post", None),
    ("blog/first-post/index.md", "blog/first-post", None),  # the address follows the path
    ("Блог/_Drafts/Пост.md", "blog/drafts/post", None),  # each folder slugified
    ("first-post/index.en.md", "first-post", "en"),  # the site's language keeps the folder
    ("first-post/index.ru.md", "first-post-ru", "ru"),
    ("first-post/index.pt-BR.md", "first-post-pt-br", "pt-BR"),
    ("first-post/index.old.md", "first-post/index-old", None),  # three letters: no language
    ("first-post/other.md", "first-post/other", None),  # beside a bundle's index.md
    ("blog/first-post/index.ru.md", "blog/first-post-ru", "ru"),
])
def test_slug_and_language_from_the_path(project, name, slug, lang):
    settings = load_settings(project.root)
    path = settings.content / name
    assert (slug_from_path(path, settings), lang_from_path(path)) == (slug, lang)


@pytest.mark.parametrize("name, own, slug", [
    ("post.md", "renamed", "renamed"),
    ("guides/method.md", "approach", "guides/approach"),  # Hugo's slug: the last part only
    ("css/color/index.md", "colour", "css/colour"),
    ("css/color/index.ru.md", "tsvet", "css/tsvet"),
])
def test_a_slug_in_front_matter_replaces_the_last_part(project, name, own, slug):
    settings = load_settings(project.root)
    assert slug_from_path(settings.content / name, settings, own) == slug


def test_article_files_are_md_and_markdown_files_but_not_section_pages(project):
    for name in ("a.md", "b.markdown", "c.txt", "bundle/index.md", "bundle/map.png",
                 "_index.md", "blog/_index.ru.md", "notes.md/inside.md"):
        project.write(f"content/{name}", "x")
    settings = load_settings(project.root)
    files, problems = article_files(settings)
    assert [path.relative_to(settings.content).as_posix() for path in files] == [
        "a.md", "b.markdown", "bundle/index.md", "notes.md/inside.md"]
    assert [(p.path, p.severity.value) for p in problems] == [
        ("content/_index.md", "warning"), ("content/blog/_index.ru.md", "warning")]


def test_a_symbolic_link_out_of_content_is_an_error(project, tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text("x", "utf-8")
    (project.root / "content" / "link.md").symlink_to(outside)
    files, problems = article_files(load_settings(project.root))
    assert files == []
    assert [str(p) for p in problems] == [
        "content/link.md: error: is a symbolic link to a file outside content/. "
        "Copy the file into content/ instead"]


@pytest.mark.parametrize("name, written", [
    ("2024-02-28-release.md", "2024-02-28"),
    ("2024-02-28_release.markdown", "2024-02-28"),
    ("2024-02-28.md", "2024-02-28"),
    ("2024-02-28-release/index.md", "2024-02-28"),
    ("2024-02-28-release/notes.md", None),
    ("release-2024-02-28.md", None),
    ("2024-02-280.md", None),
])
def test_date_from_the_file_name(project, name, written):
    settings = load_settings(project.root)
    assert date_from_path(settings.content / name, settings) == written
