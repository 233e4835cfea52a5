"""Hostile import sources: an importer reads only inside the folders it was given, and
writes no address the build would refuse (issue 26)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from footnoted.content.urls import unsafe_url_reason

from .conftest import REPO

FIXTURES = REPO / "tests" / "fixtures" / "import"
SECRET = "PRIVATE KEY MATERIAL"
POST = "---\ntitle: {title}\ndate: 2024-05-01\n---\n{text}\n"
PNG = b"\x89PNG\r\n\x1a\n" + SECRET.encode()


def written_text(project) -> str:
    return "\n".join(p.read_bytes().decode("utf-8", "replace")
                     for p in sorted((project.root / "content").rglob("*")) if p.is_file())


def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.md").write_text(POST.format(title="Secret", text=SECRET), "utf-8")
    (folder / "notes").mkdir()
    (folder / "notes" / "2024-05-01-leak.md").write_text(
        POST.format(title="Leak", text=SECRET), "utf-8")
    (folder / "secret.png").write_bytes(PNG)
    return folder


def hugo_tree(tmp_path: Path) -> Path:
    tree = tmp_path / "hugo"
    (tree / "content" / "posts").mkdir(parents=True)
    (tree / "config.toml").write_text('baseURL = "https://h.example/"\n', "utf-8")
    (tree / "content" / "posts" / "ok.md").write_text(POST.format(title="Ok", text="Fine."),
                                                      "utf-8")
    return tree


def jekyll_tree(tmp_path: Path) -> Path:
    tree = tmp_path / "jekyll"
    (tree / "_posts").mkdir(parents=True)
    (tree / "_posts" / "2024-05-01-ok.md").write_text(POST.format(title="Ok", text="Fine."),
                                                      "utf-8")
    return tree


LINKS = {  # importer -> (make the tree, where a link inside it goes)
    "hugo": (hugo_tree, "content/posts"),
    "jekyll": (jekyll_tree, "_posts"),
}


@pytest.mark.parametrize("kind", LINKS)
@pytest.mark.parametrize("link", ["file", "folder"])
def test_a_symbolic_link_out_of_a_site_is_refused_and_named(project, capsys, tmp_path, kind,
                                                            link):
    make, posts = LINKS[kind]
    tree, secrets = make(tmp_path), outside(tmp_path)
    if link == "file":
        os.symlink(secrets / "secret.md", tree / posts / "2024-05-02-secret.md")
    else:
        os.symlink(secrets / "notes", tree / posts / "linked")
    project.run("import", kind, str(tree))
    out = capsys.readouterr().out
    assert SECRET not in written_text(project)
    if link == "file":  # a linked folder is not walked at all (rglob does not follow it)
        assert "leads outside" in out and "not read" in out
    assert "ok.md" in " ".join(p.name for p in (project.root / "content").rglob("*.md"))


def wordpress_export(tmp_path: Path, attachment: str) -> tuple[Path, Path]:
    """The fixture export with its featured image's file at `attachment` (under the
    uploads address), and the fixture's uploads copied beside it."""
    folder = tmp_path / "wp"
    shutil.copytree(FIXTURES / "wordpress", folder)
    export = folder / "export.xml"
    text = export.read_text("utf-8").replace(
        "https://islandherald.example/wp-content/uploads/2024/04/night-crossing.png",
        f"https://islandherald.example/wp-content/uploads/{attachment}")
    export.write_text(text, "utf-8")
    return export, folder / "uploads"


@pytest.mark.parametrize("attachment", ["../secret.png", "2024/../../secret.png",
                                        "%2e%2e/secret.png", "2024/04/linked.png"])
def test_a_wordpress_attachment_out_of_uploads_is_refused_and_named(project, capsys, tmp_path,
                                                                     attachment):
    export, uploads = wordpress_export(tmp_path, attachment)
    (tmp_path / "wp" / "secret.png").write_bytes(PNG)
    os.symlink(tmp_path / "wp" / "secret.png", uploads / "2024" / "04" / "linked.png")
    project.run("import", "wordpress", str(export), "--uploads", str(uploads))
    out = capsys.readouterr().out
    assert not any(SECRET.encode() in p.read_bytes()
                   for p in (project.root / "content").rglob("*") if p.is_file())
    assert f"attachment 'https://islandherald.example/wp-content/uploads/{attachment}'" in out
    assert "leads outside" in out


SAVED_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Harbour budget approved</title>
<base href="javascript:alert(1)//">
<link rel="canonical" href="javascript:alert(2)//x/">
<meta property="og:url" content="javascript:alert(3)//">
</head><body><article>
<h1>Harbour budget approved</h1>
<time class="published" datetime="2024-05-01T09:00:00Z">May 1, 2024</time>
<p>The council approved the budget on Tuesday after a long debate about the harbour and its
future, with <a href="minutes.html">the minutes</a> published the same evening for readers.</p>
<p>Critics said <a href="java&#x09;script:alert(4)">the vote</a> was rushed, and
<a href=" javascript:alert(5)">others</a> agreed, while <a href="JAVASCRIPT:alert(6)">the
mayor</a> and <a href="&#106;avascript:alert(7)">her deputy</a> defended the timetable.</p>
<p>The <a href="vbscript:msgbox(8)">harbour master</a> and <a href="data:text/html,x">the
union</a> will meet next week; <a href="https://news.example/harbour">an earlier report</a>
has the background of the dispute that started two years ago in the old port.</p>
<p><img src="../outside/secret.png" alt="A map of the harbour"></p>
</article></body></html>
"""


def test_a_saved_page_imports_no_script_address_and_no_file_outside_it(project, capsys,
                                                                       tmp_path):
    outside(tmp_path)
    (tmp_path / "pages").mkdir()
    page = tmp_path / "pages" / "budget.html"
    page.write_text(SAVED_PAGE, "utf-8")
    project.run("import", "html", str(page))
    out = capsys.readouterr().out
    text = written_text(project)
    addresses = re.findall(r"^\s*(?:url|original_url):\s*(.*)$|\]\(([^)]*)\)", text, re.M)
    assert "Harbour budget approved" in text and "https://news.example/harbour" in text
    assert [url for pair in addresses for url in pair
            if url and (unsafe_url_reason(url) or "script" in url.lower())] == []
    assert SECRET not in text and "leads outside" in out
    assert project.run("build") == 0  # the build finds nothing to refuse
