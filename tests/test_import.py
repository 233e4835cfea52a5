"""`build.py import`: each kind's fixture imported into a tiny project, compared with the
expected Markdown and report in tests/golden/import/<kind>/, then built.

After an intended change to an importer, refresh the expected files and review the diff:

    python -m pytest tests/test_import.py --update-golden && git diff tests/golden/import
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO, Project, compare_with_golden

FIXTURES = Path(__file__).parent / "fixtures" / "import"
GOLDEN = Path(__file__).parent / "golden" / "import"
IMPORTS = {  # kind -> the command's arguments, relative to tests/fixtures/import/
    "html": ["html", "html"],
    "wordpress": ["wordpress", "wordpress/export.xml", "--pages",
                  "--uploads", "wordpress/uploads"],
    "hugo": ["hugo", "hugo"],
    "jekyll": ["jekyll", "jekyll"],
    "pelican": ["pelican", "pelican/content"],
}
SUMMARIES = {
    "html": "5 in: 5 articles, 0 drafts, 10 warnings",
    "wordpress": "6 in: 5 articles, 2 drafts, 12 warnings",
    "hugo": "6 in: 3 articles, 1 draft, 12 warnings",
    "jekyll": "3 in: 2 articles, 1 draft, 6 warnings",
    "pelican": "3 in: 3 articles, 1 draft, 5 warnings",
}


def run_import(project: Project, kind: str, capsys, monkeypatch, *extra: str) -> tuple[int, str]:
    monkeypatch.chdir(FIXTURES)
    capsys.readouterr()
    code = project.run("import", *IMPORTS[kind], *extra)
    return code, capsys.readouterr().out


def written(project: Project) -> dict[str, bytes]:
    content = project.root / "content"
    return {p.relative_to(content).as_posix(): p.read_bytes()
            for p in sorted(content.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("kind", IMPORTS)
def test_import_matches_golden_and_builds(kind, project, capsys, monkeypatch, request):
    code, report = run_import(project, kind, capsys, monkeypatch)
    assert code == 0, report
    files = written(project)
    golden = GOLDEN / kind
    if request.config.getoption("--update-golden") and golden.exists():
        for old in golden.glob("*.md"):
            old.unlink()
    for name, data in files.items():
        if name.endswith(".md"):
            compare_with_golden(golden / name, data.decode("utf-8"), request)
    compare_with_golden(golden / "files.txt", "".join(f"{name}\n" for name in files), request)
    compare_with_golden(golden / "report.txt", report, request)
    assert SUMMARIES[kind] in report
    assert project.run("build", "--drafts") == 0
    errors = [line for line in capsys.readouterr().err.splitlines() if ": error:" in line]
    assert errors == []


def test_import_is_idempotent(project, capsys, monkeypatch):
    run_import(project, "wordpress", capsys, monkeypatch)
    first = written(project)
    code, report = run_import(project, "wordpress", capsys, monkeypatch)
    assert code == 0
    assert written(project) == first
    assert "wrote" not in report
    assert "6 in: 5 articles, 2 drafts, 12 warnings (5 unchanged)" in report


def test_import_updates_an_unedited_article_in_place(project, capsys, monkeypatch):
    run_import(project, "jekyll", capsys, monkeypatch)
    article = project.root / "content" / "second-thoughts.md"
    article.write_text(article.read_text("utf-8").replace("Second thoughts", "Old title"))
    marker = article.read_text("utf-8").splitlines()[1]
    # The digest no longer matches, so this counts as an edit: refused.
    code, report = run_import(project, "jekyll", capsys, monkeypatch)
    assert code == 1
    assert ("content/second-thoughts.md: warning: was edited since it was imported; left as "
            "it is. Re-run with --force to replace it [refused]") in report
    assert "Old title" in article.read_text("utf-8")
    assert marker.startswith("# Imported by footnoted from jekyll _posts/2023-05-01-")


def test_import_refuses_an_edited_article_without_force(project, capsys, monkeypatch):
    run_import(project, "html", capsys, monkeypatch)
    article = project.root / "content" / "harbor-tunnel-costs-double.md"
    edited = article.read_text("utf-8") + "\nAn editor's added paragraph.\n"
    article.write_text(edited, "utf-8")
    code, report = run_import(project, "html", capsys, monkeypatch)
    assert code == 1
    assert article.read_text("utf-8") == edited
    assert "5 in: 4 articles, 0 drafts, 11 warnings (4 unchanged)" in report
    code, report = run_import(project, "html", capsys, monkeypatch, "--force")
    assert code == 0
    assert "wrote content/harbor-tunnel-costs-double.md (updated)" in report
    assert "An editor's added paragraph" not in article.read_text("utf-8")


def test_import_never_replaces_a_hand_written_article(project, capsys, monkeypatch):
    project.write("content/spring-fair.md", "---\ntitle: Mine\ndate: 2022-01-01\n---\nMine.\n")
    code, report = run_import(project, "pelican", capsys, monkeypatch)
    assert code == 1
    assert ("content/spring-fair.md: warning: already exists and was not written by an "
            "import; pelican spring-fair.md was not imported. Re-run with --force to replace "
            "it, or move the file [refused]") in report
    assert (project.root / "content" / "spring-fair.md").read_text("utf-8").endswith("Mine.\n")


def test_dry_run_writes_nothing(project, capsys, monkeypatch):
    code, report = run_import(project, "hugo", capsys, monkeypatch, "--dry-run")
    assert code == 0
    assert written(project) == {}
    assert "would write content/first-post.md (new)" in report
    assert report.splitlines()[-2].endswith("; nothing written (--dry-run)")


def test_unreadable_inputs_are_errors_with_their_line(project, capsys, tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text('<?xml version="1.0"?>\n<rss>\n<channel><item><title>x</ti>\n', "utf-8")
    feed = tmp_path / "feed.xml"
    feed.write_text("<rss><channel><title>A feed</title></channel></rss>\n", "utf-8")
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    assert project.run("import", "wordpress", str(broken), str(feed)) == 1
    assert capsys.readouterr().out.splitlines()[:3] == [
        f"{broken}:3: error: is not readable XML (Opening and ending tag mismatch: title line "
        "3 and ti, line 3, column 29). Export it again from WordPress (Tools > Export) "
        "[unreadable]",
        f"{feed}:1: error: is not a WordPress export (no <channel> with wp: elements). Give "
        "the .xml file that WordPress's Tools > Export wrote [unreadable]",
        "0 in: 0 articles, 0 drafts, 2 errors, 0 warnings"]
    assert project.run("import", "html", str(empty)) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        f"{empty}: error: cannot be read as HTML (Document is empty). Save the page again "
        "from the browser, as 'Web page, complete' [unreadable]")
    assert written(project) == {}


def test_missing_source_is_an_error(project, capsys, monkeypatch):
    monkeypatch.chdir(FIXTURES)
    assert project.run("import", "html", "no-such-page.html") == 2
    assert capsys.readouterr().err == "import: no such file or folder: no-such-page.html\n"


# For each html fixture: the page, the element holding the article's text (with the boxes
# inside it that are not the article), and the words of every link the text keeps.
HTML_ARTICLES = {
    "harbor-tunnel-costs-double": (
        "harbor-tunnel.html", "story-body", ["related-articles", "newsletter-signup"],
        ["audit released on Tuesday", "last fall", "the committee chair announced",
         "the legislature's calendar"]),
    "council-approves-budget-library-cuts-1234567": (
        "council-budget.html", "article-body", ["paywall-box"],
        ["settlement announced in December", "Councillor Ellen Marsh",
         "a petition to save the branches"]),
    "river-temperature-sensors": (
        "river-data.html", "entry-content", ["inline-promo"],
        ["readings from 38 state sensors", "fisheries biologists say", "which expires in 2026",
         "published on GitHub"]),
    "shkolnye-obedy": (
        "shkolnye-obedy.html", "text", ["read-also"],
        ["постановлении администрации района", "Ольги Волковой", "рубрике «Школы»"]),
    "why-the-suburbs-swung-back": (
        "election-night.html", "article-text", ["read-more"],
        ["according to the county clerk", "research on midterm and presidential swings",
         "Video: The suburbs, precinct by precinct", "tolls introduced in September"]),
}
BOILERPLATE = ["Share on", "Facebook", "Tweet", "WhatsApp", "Sign up", "Subscribe", "newsletter",
               "Related", "Most read", "Trending", "Comments (12)", "Disgraceful", "42 comments",
               "Great analysis", "cookies", "Donate",
               "Read more", "Читайте также", "Подписывайтесь", "Популярное", "Advertisement",
               "All rights reserved", "Previous:", "Next:", "Tagged", "↩", "Continue reading",
               "Email her", "Analysis by", "Текст:", "Skip to content", "LIVE"]


def article_passages(page: str, body_class: str, boxes: list[str]) -> list[str]:
    """The text of every paragraph, list item and heading the page's article body holds."""
    import lxml.html

    tree = lxml.html.parse(str(FIXTURES / "html" / page)).getroot()
    body = tree.find_class(body_class)[0]
    for box in boxes:
        for element in body.find_class(box):
            element.drop_tree()
    for note in list(body.iter("sup")):
        if note.find(".//a") is not None:
            note.drop_tree()  # a note reference: the note is ours now, [^n1]
        else:
            note.text = note.text.translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
            note.drop_tag()
    return [" ".join(e.text_content().split()) for e in body.iter("p", "li", "h2", "h3", "td")
            if e.text_content().strip()]


def plain(markdown: str) -> str:
    markdown = re.sub(r"\[\^n\d+\]|\]\[[a-z0-9-]+\]|\*\*|\*|^#+ |^- |^> |\|", "",
                      markdown, flags=re.MULTILINE)
    return " ".join(markdown.replace("[", "").replace("]", "").split())


@pytest.fixture(scope="module")
def html_content(tmp_path_factory) -> Path:
    """The html fixtures imported once, for the tests that only read the result."""
    root = tmp_path_factory.mktemp("html-import")
    (root / "pyproject.toml").write_text("[tool.footnoted]\n", "utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(FIXTURES)
        assert Project(root).run("import", *IMPORTS["html"]) == 0
    return root / "content"


@pytest.mark.parametrize("slug", HTML_ARTICLES)
def test_html_import_is_complete_clean_and_cites_every_link(slug, html_content):
    page, body_class, boxes, links = HTML_ARTICLES[slug]
    front, body = (html_content / f"{slug}.md").read_text("utf-8").split("\n---\n", 1)
    text = plain(body)
    for passage in article_passages(page, body_class, boxes):
        assert passage in text, passage
    for phrase in BOILERPLATE:
        assert phrase not in body, phrase
    linked = re.findall(r"(?<!!)\[([^\]]+)\]\[([a-z0-9-]+)\]", body)
    assert [words for words, _ in linked] == links
    inline = re.findall(r"(!?)\[[^\]]*\]\(([^)]*)\)", body)  # only images: links are declared
    assert all(image and (src.startswith(("images/", "https://"))) for image, src in inline)
    declared = re.findall(r"^  ([a-z0-9-]+):$", front, re.MULTILINE)
    assert sorted({key for _, key in linked}) == sorted(declared)


def test_html_import_makes_every_link_a_numbered_source(project, capsys, monkeypatch):
    run_import(project, "html", capsys, monkeypatch)
    assert project.run("build") == 0
    page = project.read("harbor-tunnel-costs-double/index.html")
    sources = page.split('<section class="sources"', 1)[1].split("</section>", 1)[0]
    entries = re.findall(r'<li id="harbor-tunnel-costs-double-source-([a-z0-9-]+)" '
                         r'value="(\d+)"', sources)
    assert entries == [("audit-released-on-tuesday", "1"), ("last-fall", "2"),
                       ("the-committee-chair-announced", "3"),
                       ("the-legislature-s-calendar", "4")]
    assert "<span class=\"linked-words\">“last fall”</span>: <strong class=\"lost-label\">" \
        in sources
    for image in ("tunnel-entrance.png", "cost-chart.png"):
        assert f'src="../images/harbor-tunnel-costs-double/{image}"' in page
        assert (project.root / "site" / "images" / "harbor-tunnel-costs-double"
                / image).is_file()


def test_building_does_not_load_the_importers():
    script = "import sys, footnoted.cli; sys.exit('trafilatura' in sys.modules or 'lxml' " \
             "in sys.modules)"
    env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}
    assert subprocess.run([sys.executable, "-c", script], env=env).returncode == 0
