"""One tiny invalid site per failure mode: the exact message, exit code 1, nothing written.

Each case is the smallest project that shows one mistake an editor makes. The expected text
is what the editor reads on the terminal, so a reworded message fails here on purpose.
"""

from __future__ import annotations

import pytest

HEAD = "---\ntitle: T\ndate: 2024-05-01\n"  # lines 1-3 of every article below
OK = HEAD + "---\nText.\n"

CASES = {
    "no front matter": (
        {"content/a.md": "Just text.\n"},
        "content/a.md:1: error: the file does not start with front matter. Start it with a "
        "'---' line, the YAML keys, and another '---' line",
    ),
    "front matter never closed": (
        {"content/a.md": "---\ntitle: T\nText.\n"},
        "content/a.md:1: error: the front matter is never closed. Did you forget the closing "
        "'---' line after the YAML keys?",
    ),
    "YAML error, unclosed list": (
        {"content/a.md": HEAD + "tags: [a, b\n---\nText.\n"},
        "content/a.md:5: error: invalid YAML: expected ',' or ']', but got '<stream end>'. "
        "Check indentation, colons and quotes on this line",
    ),
    "YAML error, stray colon": (
        {"content/a.md": HEAD + "dek: a: b\n---\nText.\n"},
        "content/a.md:4: error: invalid YAML: mapping values are not allowed here. "
        "Check indentation, colons and quotes on this line",
    ),
    "empty YAML": (
        {"content/a.md": "---\n---\nText.\n"},
        "content/a.md:2: error: the YAML is empty. Add at least 'title:' and 'date:'",
    ),
    "missing required field": (
        {"content/a.md": "---\ntitle: T\n---\nText.\n"},
        "content/a.md:2: error: front matter is missing the required key 'date'. Add 'date:'",
    ),
    "wrong type": (
        {"content/a.md": HEAD + "draft: maybe\n---\nText.\n"},
        "content/a.md:4: error: 'draft' must be true or false, got 'maybe'. Use true or false",
    ),
    "list where text belongs": (
        {"content/a.md": HEAD + "dek:\n  - one\n---\nText.\n"},
        "content/a.md:5: error: 'dek' must be a single text, not a list or mapping",
    ),
    "impossible date": (
        {"content/a.md": "---\ntitle: T\ndate: 2024-02-30\n---\nText.\n"},
        "content/a.md:3: error: 'date' is not a valid date: '2024-02-30' (day is out of range "
        "for month). Write a date like 2023-04-06 or a time like 2023-04-06T09:30:00+03:00",
    ),
    "date written day first": (  # more date forms in test_loading_formats.py
        {"content/a.md": "---\ntitle: T\ndate: 25/11/2026\n---\nText.\n"},
        "content/a.md:3: error: 'date' is not a date in the form year-month-day: '25/11/2026'. "
        "Write it year first: 2026-11-25",
    ),
    "unknown key": (
        {"content/a.md": HEAD + "autor: Ann\n---\nText.\n"},
        "content/a.md:4: error: unknown key 'autor' in front matter. Did you mean 'authors'?",
    ),
    "unknown key in a source": (
        {"content/a.md": HEAD + "sources:\n  k:\n    link: https://a.example/\n---\n[@k]\n"},
        "content/a.md:6: error: unknown key 'link' in 'sources' 'k'. Known keys: url, "
        "title, publisher, author, date, accessed, archived, archived_date, note, lost, quote, "
        "dead, recovered_from, lang, quote_found",
    ),
    "duplicate slug": (
        {"content/a.md": HEAD + "slug: same\n---\nA.\n",
         "content/b.md": HEAD + "slug: same\n---\nB.\n"},
        "content/b.md: error: slug 'same' is also used by content/a.md. "
        "Set a different 'slug:' in one of them",
    ),
    "duplicate output path from file names": (
        {"content/a-b.md": OK, "content/A B.md": OK},
        "content/a-b.md: error: slug 'a-b' is also used by content/A B.md. "
        "Set a different 'slug:' in one of them",
    ),
    "Latin-1 file": (
        {"content/a.md": (HEAD + "---\nCaf\xe9.\n").encode("latin-1")},
        "content/a.md:5: error: the file is not UTF-8 (it looks like Latin-1 or "
        "Windows-1252). Re-save the file as UTF-8",
    ),
    "Windows-1251 file": (
        {"content/a.md": (HEAD + "---\nРецепт борща без свёклы.\n").encode("cp1251")},
        "content/a.md:5: error: the file is not UTF-8 (it looks like a Cyrillic code page such as "
        "Windows-1251). Re-save the file as UTF-8",
    ),
    "UTF-16 file": (
        {"content/a.md": OK.encode("utf-16")},
        "content/a.md:1: error: the file is not UTF-8 (it looks like UTF-16). "
        "Re-save the file as UTF-8",
    ),
    "empty file": (
        {"content/a.md": ""},
        "content/a.md: error: the file is empty. Write front matter and a body, or delete the file",
    ),
    "unknown citation key": (
        {"content/a.md": HEAD + "---\nText [@nope].\n"},
        "content/a.md:5: error: unknown citation key '@nope'. Declare it under 'sources:' in the "
        "front matter or in content/sources.yaml, or correct the spelling",
    ),
    "undefined note": (
        {"content/a.md": HEAD + "---\nText.[^why]\n"},
        "content/a.md:5: error: note [^why] is referenced but never defined. "
        "Add a line '[^why]: the note's text' below the paragraph",
    ),
    "note defined twice": (
        {"content/a.md": HEAD + "---\nText.[^n]\n\n[^n]: One.\n\n[^n]: Two.\n"},
        "content/a.md:9: error: note [^n] is defined twice. "
        "Keep one definition or rename one label",
    ),
    "source without url": (
        {"content/a.md": HEAD + "sources:\n  k:\n    title: Story\n---\n[@k]\n"},
        "content/a.md: error: source 'k' has neither 'url:' nor 'lost: true'. Give its address, "
        "or mark it lost if the original link was not preserved",
    ),
    "lead image that does not exist": (
        {"content/a.md": HEAD + "image:\n  src: pic.jpg\n  alt: A pier\n---\nText.\n"},
        "content/a.md:5: error: image 'pic.jpg' does not exist. "
        "Check the file name; paths are relative to the article's file",
    ),
    "lead image without alt text": (
        {"content/a.md": HEAD + "image:\n  src: pic.jpg\n---\nText.\n", "content/pic.jpg": "J"},
        "content/a.md:5: error: image 'pic.jpg' has no 'alt:' text. Add 'alt:' saying what the "
        "picture shows, for readers who cannot see it",
    ),
    "Markdown image that does not exist": (
        {"content/a.md": HEAD + "---\nText.\n\n![A pier](img/pier.png)\n"},
        "content/a.md:7: error: image 'img/pier.png' does not exist. "
        "Check the file name; paths are relative to the article's file",
    ),
    "image inside a note that does not exist": (
        {"content/a.md": HEAD + "---\nText.[^n]\n\n[^n]: See ![map](map.png).\n"},
        "content/a.md:7: error: image 'map.png' does not exist. "
        "Check the file name; paths are relative to the article's file",
    ),
    "image that is not an image file": (
        {"content/a.md": HEAD + "---\n![x](report.pdf)\n", "content/report.pdf": "%PDF"},
        "content/a.md:5: error: image must be an image file (avif, gif, jpeg, jpg, png, svg, "
        "webp), not 'report.pdf'. Convert the image to one of these formats",
    ),
    "SVG image that cannot be made safe": (
        {"content/a.md": HEAD + "---\n![x](logo.svg)\n",
         "content/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg">\n'
                             '<style>a { fill: url(https://e.example/f) }</style>\n</svg>'},
        "content/a.md:5: error: the SVG image content/logo.svg cannot be made safe: its CSS "
        "loads url(https://e.example/f), another file (its line 2). Remove that part in an "
        "editor, or export the image as PNG",
    ),
    "template syntax error": (
        {"content/a.md": OK, "templates/index.html": "<p>\n{% if %}\n"},
        "templates/index.html:2: error: template error: Expected an expression, got 'end of "
        "statement block'. Fix the template syntax on this line",
    ),
    "template variable that does not exist": (
        {"content/a.md": OK, "templates/partials/byline.html": "<p>\n{{ meta.byline }}\n"},
        "templates/partials/byline.html:2: error: template error: "
        "'footnoted.content.document.FrontMatter object' has no attribute 'byline'. "
        "Check the variable names the template uses "
        "(README: Template variables)",
    ),
    "template that does not exist": (
        {"content/a.md": OK, "templates/partials/byline.html": "{% include 'credits.html' %}\n"},
        "templates/partials/byline.html:1: error: template 'credits.html' does not exist. "
        "Check the name, or add it to templates/",
    ),
    "shared sources file with a YAML error": (
        {"content/a.md": OK, "content/sources.yaml": "k:\n  url: [x\n"},
        "content/sources.yaml:3: error: invalid YAML: expected ',' or ']', but got "
        "'<stream end>'. Check indentation, colons and quotes on this line",
    ),
    "shared sources file that is not UTF-8": (
        {"content/a.md": OK, "content/sources.yaml": "k:\n  title: Caf\xe9\n".encode("latin-1")},
        "content/sources.yaml:2: error: the file is not UTF-8 (it looks like Latin-1 or "
        "Windows-1252). Re-save the file as UTF-8",
    ),
}


@pytest.mark.parametrize("files, expected", CASES.values(), ids=CASES.keys())
def test_bad_input_is_reported_and_nothing_is_written(make_project, capsys, files, expected):
    project = make_project({})
    write_files(project, files)
    assert project.run("build") == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [expected, "Build failed: 1 error, 0 warnings. Nothing was written."]
    assert not (project.root / "site").exists()


# Templates are rendered by build only, so check cannot see their errors.
CHECKABLE = {name: case for name, case in CASES.items() if "template" not in case[1].split(":")[0]}


@pytest.mark.parametrize("files, expected", CHECKABLE.values(), ids=CHECKABLE.keys())
def test_check_reports_the_same_problem(make_project, capsys, files, expected):
    project = make_project({})
    write_files(project, files)
    assert project.run("check") == 1
    reported = capsys.readouterr().out.splitlines()
    assert [line for line in reported if ": error: " in line] == [expected]


def test_a_failed_build_leaves_the_previous_site_untouched(make_project, capsys):
    project = make_project({"content/a.md": OK})
    assert project.run("build") == 0
    before = tree(project.root / "site")
    project.write("content/a.md", HEAD + "---\nNew text [@nope].\n")
    assert project.run("build") == 1
    assert tree(project.root / "site") == before
    assert "unknown citation key '@nope'" in capsys.readouterr().err


def test_every_problem_in_every_file_is_reported_at_once(make_project, capsys):
    project = make_project({
        "content/a.md": HEAD + "autor: Ann\n---\nText [@nope].[^x]\n",
        "content/b.md": "---\ntitle: B\ndate: 2024-13-01\n---\nText.\n",
        "content/c.md": "",
    })
    assert project.run("build") == 1
    assert capsys.readouterr().err.splitlines() == [
        "content/a.md:4: error: unknown key 'autor' in front matter. Did you mean 'authors'?",
        "content/b.md:3: error: 'date' is not a valid date: '2024-13-01' (month must be in "
        "1..12). Write a date like 2023-04-06 or a time like 2023-04-06T09:30:00+03:00",
        "content/c.md: error: the file is empty. Write front matter and a body, or delete the file",
        "Build failed: 3 errors, 0 warnings. Nothing was written.",
    ]


def test_warnings_stop_the_build_only_when_strict(make_project, capsys):
    lost = HEAD + "sources:\n  gone:\n    lost: true\n---\nA [lost link][gone].\n"
    project = make_project({"content/a.md": lost})
    assert project.run("build") == 0
    assert not (project.root / "site" / ".footnoted-staging").exists()
    project.write("content/a.md", lost.replace("A [lost", "Changed: a [lost"))
    before = tree(project.root / "site")
    assert project.run("build", "--strict") == 1
    assert tree(project.root / "site") == before
    assert capsys.readouterr().err.splitlines()[-2:] == [
        "content/a.md:8: warning: link 'lost link' (source 1) was not preserved. Find the "
        "original target (or an archived copy) and set its 'url:'",
        "Build failed: 0 errors, 1 warning (--strict counts warnings as errors). Nothing was "
        "written.",
    ]


def test_images_are_copied_to_their_place_in_content(make_project):
    project = make_project({
        "content/a.md": HEAD + "image:\n  src: img/lead.jpg\n  alt: A pier\n---\n"
                               "Text.\n\n![A map](img/map%20v2.png)\n",
    })
    (project.root / "content/img").mkdir()
    (project.root / "content/img/lead.jpg").write_bytes(b"JPEG")
    (project.root / "content/img/map v2.png").write_bytes(b"PNG")
    assert project.run("build") == 0
    assert (project.root / "site/img/lead.jpg").read_bytes() == b"JPEG"
    assert (project.root / "site/img/map v2.png").read_bytes() == b"PNG"
    page = project.read("a/index.html")
    assert '<img src="../img/lead.jpg" alt="A pier">' in page
    assert '<img alt="A map" src="../img/map%20v2.png">' in page


def write_files(project, files: dict[str, str | bytes]) -> None:
    for name, data in files.items():
        path = project.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")


def tree(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}
