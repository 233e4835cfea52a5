"""Warnings about links and notes, one tiny site each: the exact text, a site still built, and
under --strict the build fails and writes nothing. (Errors are in test_bad_input.py.)"""

from __future__ import annotations

import pytest

HEAD = "---\ntitle: T\ndate: 2024-05-01\n---\n"  # the body starts on line 5

CASES = {
    "link to #": (
        {"content/a.md": HEAD + "Russia is [fearful](#) of it.\n"},
        "content/a.md:5: warning: link 'fearful' (source 1) was not preserved. Find the "
        "original target (or an archived copy) and write it in the link",
    ),
    "link to nothing": (
        {"content/a.md": HEAD + "Intro.\n\nAs [announced]() before.\n"},
        "content/a.md:7: warning: link 'announced' (source 1) was not preserved. Find the "
        "original target (or an archived copy) and write it in the link",
    ),
    "note never referenced": (
        {"content/a.md": HEAD + "Text.\n\n[^why]: Because.\n"},
        "content/a.md:7: warning: note [^why] is defined but never referenced. "
        "Refer to it with [^why] in the text, or delete it",
    ),
    "in-page link with no target": (
        {"content/a.md": HEAD + "## Part one\n\nSee [below](#part-two).\n"},
        "content/a.md:7: warning: link '#part-two' points to no heading or anchor on this "
        "page. Correct the link to one of the page's heading ids (docs/format.md: Headings), "
        "or remove it",
    ),
    "link to a part of another article that it lacks": (
        {"content/a.md": HEAD + "See [B](sub/b.md#part-two).\n",
         "content/sub/b.md": HEAD + "## Part 2\n"},
        "content/a.md:5: warning: link 'sub/b.md#part-two' points to no heading or anchor "
        "'part-two' in content/sub/b.md. Correct the part after '#' to one of that article's "
        "heading ids (docs/format.md: Headings), or remove it",
    ),
    "link to a part of another article whose id differs only in case": (
        {"content/a.md": HEAD + "See [B](b.md#Theme-Flatten).\n",
         "content/b.md": HEAD + "## Theme: Flatten\n"},
        "content/a.md:5: warning: link 'b.md#Theme-Flatten' points to no heading or anchor "
        "'Theme-Flatten' in content/b.md. Write 'b.md#theme-flatten': ids are matched exactly, "
        "in case too",
    ),
    "site address of no page": (
        {"content/a.md": HEAD + "The [shop](/shop/).\n"},
        "content/a.md:5: warning: link '/shop/' matches no page of this site and is left as "
        "written; it breaks when the site is served under a path prefix. Link the article's "
        "file (e.g. other.md) if it is one of ours",
    ),
}


@pytest.mark.parametrize("files, expected", CASES.values(), ids=CASES.keys())
def test_warning_is_reported_and_the_site_still_built(make_project, capsys, files, expected):
    project = make_project(files)
    assert project.run("build") == 0
    assert capsys.readouterr().err.splitlines() == [expected]
    assert (project.root / "site" / "a" / "index.html").exists()


@pytest.mark.parametrize("files, expected", CASES.values(), ids=CASES.keys())
def test_warning_fails_a_strict_build_and_check(make_project, capsys, files, expected):
    project = make_project(files)
    assert project.run("build", "--strict") == 1
    assert capsys.readouterr().err.splitlines() == [
        expected, "Build failed: 0 errors, 1 warning (--strict counts warnings as errors). "
        "Nothing was written."]
    assert not (project.root / "site").exists()
    assert project.run("check", "--strict") == 1
    assert capsys.readouterr().out.splitlines() == [expected]


def test_a_link_to_a_missing_article_file_is_an_error(make_project, capsys):
    project = make_project({"content/a.md": HEAD + "As [we wrote](../earlier.md#end).\n"})
    assert project.run("build") == 1
    assert capsys.readouterr().err.splitlines() == [
        "content/a.md:5: error: link 'we wrote' points to '../earlier.md', but earlier.md is "
        "not an article of this site. Correct the file name (it is relative to this "
        "article's file); if the file is there, fix the problems reported for it",
        "Build failed: 1 error, 0 warnings. Nothing was written."]
    assert not (project.root / "site").exists()


def test_every_in_page_and_cross_article_link_that_resolves_is_quiet(make_project, capsys):
    project = make_project({
        "content/a.md": HEAD + "## Статические константы\n\nSee [above](#staticheskie-konstanty)"
                               ", [B](sub/b.md#part-two), [B's list](/sub/b/#part-two), "
                               "[its notes](sub/b.md#b-notes) and [the sources](#a-sources).\n",
        "content/sub/b.md": HEAD + "## Part two\n\nBack to [A](../a.md).[^n]\n\n[^n]: N.\n",
    })
    assert project.run("build", "--strict") == 0
    assert capsys.readouterr().err == ""
    page = project.read("a/index.html")
    assert ('<h2 id="staticheskie-konstanty"><span id="статические-константы"></span>'
            'Статические константы</h2>') in page
    assert '<a class="page-link" href="../sub/b/#part-two">B</a>' in page
    assert '<a class="page-link" href="../../a/">A</a>' in project.read("sub/b/index.html")


@pytest.mark.parametrize("fragment", [
    "с-чего-начать",  # GitHub's id, which keeps Cyrillic
    "%D1%81-%D1%87%D0%B5%D0%B3%D0%BE-%D0%BD%D0%B0%D1%87%D0%B0%D1%82%D1%8C",  # the same, encoded
    "klassy-.sr-only",  # doka.guide's, which keeps dots
    "debugging-crab-woman-computer",  # Zola's, with emoji by name
    "tool",  # an <a name> in raw HTML
    "setup",  # an <h2 id> in raw HTML
])
def test_a_link_to_an_id_another_generator_gives_resolves_across_articles(
        make_project, capsys, fragment):
    project = make_project({
        "content/a.md": HEAD + f"See [B](b.md#{fragment}) and [B](/b/#{fragment}).\n",
        "content/b.md": HEAD + "## С чего начать\n\n## Классы `.sr-only`\n\n"
                               "## Debugging (🦀, 👩‍💻)\n\n- <a name=\"tool\"></a> A tool.\n\n"
                               "<h2 id=\"setup\">Setup</h2>\n",
    })
    assert project.run("build", "--strict") == 0
    assert capsys.readouterr().err == ""
    assert f'<a class="page-link" href="../b/#{fragment}">B</a>' in project.read("a/index.html")


def test_a_link_to_an_article_that_does_not_load_names_both_files(make_project, capsys):
    project = make_project({"content/a.md": HEAD + "As [B](b.md) says.\n",
                            "content/b.md": "---\ntitle: B\n---\nNo date.\n"})
    assert project.run("check") == 1
    assert capsys.readouterr().out.splitlines() == [
        "content/a.md:5: error: link 'B' points to 'b.md', but content/b.md is not an article "
        "of this site. Correct the file name (it is relative to this article's file); if the "
        "file is there, fix the problems reported for it",
        "content/b.md:2: error: front matter is missing the required key 'date'. Add 'date:'"]


def test_a_link_to_a_draft_is_a_warning_of_the_build(make_project, capsys):
    project = make_project({"content/a.md": HEAD + "See [what comes](b.md).\n",
                            "content/b.md": HEAD.replace("---\n", "---\ndraft: true\n", 1)
                            + "Soon.\n"})
    assert project.run("build") == 0
    assert capsys.readouterr().err.splitlines() == [
        "content/a.md:5: warning: link 'b.md' points to content/b.md, which this build does "
        "not publish (a draft, or dated in the future). Publish it first, build with --drafts "
        "to preview, or remove the link for now"]
    assert project.run("build", "--drafts") == 0
    assert capsys.readouterr().err == ""
    assert '<a class="page-link" href="../b/">what comes</a>' in project.read("a/index.html")
