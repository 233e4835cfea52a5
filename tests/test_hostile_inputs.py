"""The second set of hostile inputs (issue 26): input made to crash, exhaust or mislead the
build ends in an error or warning naming the article, never a traceback, and the other
articles are still checked. The budget they run into is content/budget.py's."""

from __future__ import annotations

import os
import time

import pytest
from markdown import Markdown
from markdown.inlinepatterns import LinkInlineProcessor

from footnoted.build import jobs
from footnoted.content import budget
from footnoted.markdown.convert import render_markdown

HEAD = "---\ntitle: T\ndate: 2024-05-01\n"
OK = HEAD + "---\nText.\n"
# Another article with a mistake of its own: its error shows the rest of the site was checked.
OTHER = {"content/b.md": HEAD + "---\nText [@nope].\n"}
OTHER_ERROR = "content/b.md:5: error: unknown citation key '@nope'"

NESTED_YAML = HEAD + "extra:\n  x: " + "[" * 5000 + "]" * 5000 + "\n---\nText.\n"
NESTED_YAML_BLOCK = HEAD + "extra:\n" + "".join(
    "  " * depth + f"k{depth}:\n" for depth in range(1, 80)) + "  " * 80 + "k: v\n---\nText.\n"
NESTED_TOML = ("+++\ntitle = 'T'\ndate = 2024-05-01\n[extra]\nx = " + "[" * 5000 + "]" * 5000
               + "\n+++\nText.\n")
NESTED_TOML_TABLES = ("+++\ntitle = 'T'\ndate = 2024-05-01\n[extra."
                      + ".".join(f"k{i}" for i in range(80)) + "]\nv = 1\n+++\nText.\n")
LAUGHS = HEAD + "extra:\n  a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"  {name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcde", "bcdef", strict=True)) + "---\nText.\n"
MERGE_KEY = HEAD + "extra:\n  base: &base {a: 1}\n  other:\n    <<: *base\n---\nText.\n"

REFUSED = {
    "YAML nested 5,000 deep (flow)": (NESTED_YAML, "content/a.md:2: error: the YAML is "
                                      "refused: it is nested too deeply to read"),
    "YAML nested 80 deep (block)": (NESTED_YAML_BLOCK, "nested more than 64 levels deep"),
    "TOML nested 5,000 deep": (NESTED_TOML, "content/a.md:2: error: the TOML is refused: it is "
                               "nested too deeply to read"),
    "TOML tables nested 80 deep": (NESTED_TOML_TABLES, "content/a.md:2: error: the TOML is "
                                   "refused: it is nested more than 64 levels deep"),
    "YAML billion laughs": (LAUGHS, "content/a.md:5: error: the YAML is refused: it repeats "
                            "the value anchored on this line ('&name') with a YAML alias"),
    "YAML merge key": (MERGE_KEY, "content/a.md:5: error: the YAML is refused: it repeats"),
    "slug longer than a file name": (HEAD + "slug: " + "a" * 300 + "\n---\nText.\n",
                                     "content/a.md:4: error: the page's address 'aaaa"),
}


@pytest.mark.parametrize("text, expected", REFUSED.values(), ids=REFUSED.keys())
def test_hostile_front_matter_is_an_error_of_its_article(make_project, capsys, text, expected):
    project = make_project({"content/a.md": OK, **OTHER})
    (project.root / "content/a.md").write_text(text, encoding="utf-8")
    assert project.run("build") == 1
    err = capsys.readouterr().err
    assert expected in err
    assert OTHER_ERROR in err and "Traceback" not in err
    assert not (project.root / "site").exists()


def test_a_file_name_that_transliterates_past_the_limit_is_an_error(make_project, capsys):
    name = "щ" * 120 + ".md"  # 240 bytes on disk; 'shch' * 120 = 480 as an address
    project = make_project({f"content/{name}": OK, **OTHER})
    assert project.run("build") == 1
    err = capsys.readouterr().err
    assert f"content/{name}: error: the page's address 'shchshch" in err
    assert "has a part longer than 255 bytes" in err and OTHER_ERROR in err


def test_a_link_to_a_name_too_long_for_a_file_is_left_with_a_warning(make_project, capsys):
    project = make_project({"content/a.md": HEAD + "---\n[x](" + "f" * 300 + ".pdf)\n"})
    assert project.run("build") == 0
    assert "names a file or folder longer than 255 bytes" in capsys.readouterr().err
    assert 'class="missing-link"' in project.read("a/index.html")


def test_an_image_path_too_long_for_a_file_is_an_error(make_project, capsys):
    project = make_project({"content/a.md": HEAD + "---\n![x](" + "g" * 300 + ".png)\n",
                            **OTHER})
    assert project.run("build") == 1
    err = capsys.readouterr().err
    assert "names a file or folder longer than 255 bytes" in err and OTHER_ERROR in err


def test_an_svg_nested_300000_deep_is_refused(make_project, capsys):
    project = make_project({"content/a.md": HEAD + "---\n![A map](map.svg)\n", **OTHER})
    (project.root / "content/map.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg">' + "<g>" * 300_000 + "</g>" * 300_000
        + "</svg>", encoding="utf-8")
    assert project.run("build") == 1
    err = capsys.readouterr().err
    assert "content/a.md:5: error: the SVG image content/map.svg cannot be made safe: its " \
        "elements are nested more than 64 levels deep" in err
    assert OTHER_ERROR in err and "Traceback" not in err


def test_a_site_folder_that_is_a_symbolic_link_is_refused_every_time(make_project, capsys):
    project = make_project({"content/a.md": OK})
    (project.root / "elsewhere").mkdir()
    os.symlink("elsewhere", project.root / "site")
    for _ in range(2):
        assert project.run("build") == 1
        err = capsys.readouterr().err
        assert "pyproject.toml: error: refusing to write the site into" in err
        assert "it is a symbolic link (to elsewhere)" in err
    assert list((project.root / "elsewhere").iterdir()) == []
    assert (project.root / "site").is_symlink()


def test_an_article_file_past_the_size_budget_is_refused(make_project, capsys, monkeypatch):
    monkeypatch.setattr("footnoted.content.document.MAX_FILE_BYTES", 1000)
    project = make_project({"content/a.md": HEAD + "---\n" + "Long text. " * 200, **OTHER})
    assert project.run("build") == 1
    err = capsys.readouterr().err
    assert "content/a.md: error: the file is larger than" in err and OTHER_ERROR in err


def test_an_article_past_its_time_budget_is_an_error_and_the_others_are_checked(
        make_project, capsys, monkeypatch):
    """An article that never finishes parsing (here: made to sleep ten minutes) is stopped
    at its budget; the sleep is the test's guard, the budget stops it long before."""
    parse = jobs.parse_and_resolve

    def endless_for_a(document, *args):
        if document.path == "content/a.md":
            time.sleep(600)
        return parse(document, *args)

    monkeypatch.setattr(budget, "ARTICLE_SECONDS", 2)
    monkeypatch.setattr(jobs, "parse_and_resolve", endless_for_a)
    project = make_project({"content/a.md": OK, **OTHER})
    assert project.run("build") == 1
    err = capsys.readouterr().err
    assert "content/a.md: error: this article took longer than 2 s to parse" in err
    assert OTHER_ERROR in err


def reference_paragraph(count: int) -> str:
    return (" ".join(f"[w{i}][r{i}]" for i in range(count)) + "\n\n"
            + "".join(f"[r{i}]: https://e{i}.example/x\n" for i in range(count)))


def test_a_paragraph_of_many_links_reads_each_links_text_once(monkeypatch):
    """The bracket table Python-Markdown rebuilds after every link (quadratic: 2,000 links
    took 52 s) is made only for brackets that never close."""
    tables = []
    original = LinkInlineProcessor._findBracketEnds

    def counted(data: str):
        tables.append(len(data))
        return original(data)

    monkeypatch.setattr(LinkInlineProcessor, "_findBracketEnds", staticmethod(counted))
    body = render_markdown(reference_paragraph(2000), {}, "a")
    assert len(body.sources) == 2000
    assert tables == []


BRACKETS = [
    "[a [b] c][r] and [d](https://d.example/)",
    "[unclosed [a][r] then [b](https://b.example/)",
    "![pic [x]](https://p.example/p.png) [r] [r][]",
    "[a]]][r] [[[b](https://b.example/)",
]


@pytest.mark.parametrize("text", BRACKETS)
def test_link_text_is_found_as_python_markdown_finds_it(text):
    source = text + "\n\n[r]: https://r.example/\n"
    plain = Markdown().convert(source)
    ours = Markdown(extensions=["footnoted.markdown.brackets:LinearBracketsExtension"])
    assert ours.convert(source) == plain


SITE_FILE_LINKS = {
    "robots.txt": ("[r](robots.txt)", "content/robots.txt", "robots.txt"),
    "search index": ("[s](search/index.json)", "content/search/index.json", "search/index.json"),
    "sitemap": ("[m](sitemap.xml)", "content/sitemap.xml", None),  # an XML type: not published
    "feed image": ("![f](tags/x.png)", "content/tags/x.png", "tags/x.png"),
}


@pytest.mark.parametrize("link, file, output", SITE_FILE_LINKS.values(), ids=SITE_FILE_LINKS)
def test_a_linked_file_never_replaces_the_sites_own(make_project, capsys, link, file, output):
    project = make_project({"content/a.md": HEAD + "---\n" + link + "\n", file: "mine\n"})
    code = project.run("build")
    err = capsys.readouterr().err
    if output is None:
        assert code == 0 and "which footnoted does not publish" in err
        assert "mine" not in project.read("sitemap.xml")
        return
    assert code == 1
    assert f"would be published at {output}, where the site has its own files" in err


@pytest.mark.parametrize("suffix", [".atom", ".rss", ".xhtml", ".xml", ".mml", ".xsl"])
def test_xml_typed_linked_files_are_not_published(make_project, capsys, suffix):
    project = make_project({"content/a.md": HEAD + f"---\n[f](f{suffix})\n",
                            f"content/f{suffix}": '<feed xmlns="http://www.w3.org/2005/Atom">'
                            '<x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)'
                            '</x:script></feed>\n'})
    assert project.run("build") == 0
    assert f"names content/f{suffix}, a file a browser would run" in capsys.readouterr().err
    assert not (project.root / "site" / f"f{suffix}").exists()


def test_an_svg_linked_as_a_file_is_published_sanitised(make_project, capsys):
    project = make_project({"content/a.md": HEAD + "---\n[g](g.svg)\n",
                            "content/g.svg": '<svg xmlns="http://www.w3.org/2000/svg">'
                            "<script>alert(1)</script><rect/></svg>\n"})
    assert project.run("build") == 0
    assert "removed from the SVG image content/g.svg (its line 1): <script>" \
        in capsys.readouterr().err
    assert "script" not in project.read("g.svg") and "<rect" in project.read("g.svg")


UNCLOSED = {
    "comment": ("Text.\n\n<!-- draft\n\nThe rest.\n", 7, "'<!-- draft' is never closed with "
                "'-->', so nothing after it is shown. Close it with '-->' where the hidden "
                "part should end"),
    "script": ("Text.\n\n<script>\n\nThe rest.\n", 7, "'<script>' is never closed with "
               "'</script>'"),
    "processing instruction": ("Text.\n\n<?php echo 1;\n\nThe rest.\n", 7, "'<?php echo 1;' is "
                               "never closed with '?>'"),
    "CDATA": ("Text.\n\n<![CDATA[ x\n\nThe rest.\n", 7, "'<![CDATA[ x' is never closed "
              "with ']]>'"),
}


@pytest.mark.parametrize("body, line, expected", UNCLOSED.values(), ids=UNCLOSED)
def test_an_unclosed_raw_block_that_hides_the_rest_is_warned_of(make_project, capsys, body,
                                                                line, expected):
    project = make_project({"content/a.md": HEAD + "---\n" + body})
    assert project.run("build") == 0
    assert f"content/a.md:{line}: warning: {expected}" in capsys.readouterr().err


def test_a_closed_comment_and_one_in_code_are_not_warned_of(make_project, capsys):
    project = make_project({"content/a.md": HEAD + "---\n<!-- a\nb -->\n\n```\n<!--\n```\n"})
    assert project.run("build") == 0
    assert "never closed" not in capsys.readouterr().err
