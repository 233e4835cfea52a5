"""The command line in process: shared options anywhere, --version, the summary line, grouped
warnings, --quiet and --verbose, settings that warn."""

from __future__ import annotations

import pytest

from footnoted import __version__
from footnoted.cli import COMMANDS, main, make_parser, with_default_command
from footnoted.problems import warning
from footnoted.report import grouped, held_back

from .conftest import MINIMAL_ARTICLE

LOST = """\
---
title: Lost {n}
date: 2024-05-01
sources:
  gone:
    lost: true
---
One [lost link][gone], another [lost link][gone], a third [lost link][gone].
"""


@pytest.mark.parametrize("argv", [
    ["--strict", "--jobs", "1", "--root", "R", "--drafts", "check"],
    ["check", "--strict", "--jobs", "1", "--root", "R", "--drafts"],
    ["--strict", "--root", "R", "check", "--jobs", "1", "--drafts"],
    ["-j", "1", "check", "--drafts", "--strict", "--root=R"],
])
def test_shared_options_before_or_after_the_command(argv):
    args = make_parser("footnoted").parse_args(argv)
    assert (args.command, args.strict, args.jobs, args.root, args.drafts) == \
        ("check", True, 1, "R", True)


def test_options_without_a_command_mean_build():
    assert with_default_command(["--strict", "--root", "check"]) == \
        ["build", "--strict", "--root", "check"]  # 'check' is the folder here
    assert with_default_command(["--clean"]) == ["build", "--clean"]
    assert with_default_command(["serve", "--port", "0"]) == ["serve", "--port", "0"]
    assert with_default_command(["--help"]) == ["--help"]
    args = make_parser("footnoted").parse_args(with_default_command(["--clean", "-q"]))
    assert (args.command, args.clean, args.quiet) == ("build", True, True)


@pytest.mark.parametrize("argv", [["--version"], ["build", "--version"]])
def test_version(argv, capsys):
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"footnoted {__version__}\n"


def test_summary_names_what_was_held_back(make_project, capsys):
    project = make_project({
        "content/a.md": MINIMAL_ARTICLE,
        "content/b.md": MINIMAL_ARTICLE.replace("date: 2024-05-01", "date: 2024-05-01\n"
                                                "draft: true"),
        "content/c.md": MINIMAL_ARTICLE.replace("draft", "x").replace("title: A tiny article",
                                                                        "title: C\ndraft: true"),
        "content/d.md": MINIMAL_ARTICLE.replace("2024-05-01", "2999-01-01"),
    })
    assert project.run("build") == 0
    summary = capsys.readouterr().out
    assert summary.startswith("Built 1 article (4 changed) in ")
    assert summary.endswith("project/site/; 2 drafts, 1 future article held back "
                            "(--drafts to include)\n")
    assert project.run("build", "--drafts") == 0
    assert capsys.readouterr().out.endswith("project/site/\n")


def test_a_build_prints_each_kind_of_warning_once(make_project, capsys):
    project = make_project({f"content/a{n}.md": LOST.format(n=n) for n in range(3)})
    project.write("content/b.md", LOST.format(n=4).replace("One [", "\nOne ["))
    assert project.run("build") == 0
    out, err = capsys.readouterr()
    assert err == ("warning: 12 lost links, at content/a0.md:8, content/a1.md:8, "
                   "content/a2.md:8, ... (footnoted check lists them)\n")
    assert out.endswith("project/site/; 12 warnings\n")
    assert project.run("build", "--verbose") == 0
    listed = capsys.readouterr().err.splitlines()
    assert len(listed) == 12
    assert listed[0] == ("content/a0.md:8: warning: link 'lost link' (source 1) was not "
                         "preserved. Find the original target (or an archived copy) and set its "
                         "'url:'")
    assert project.run("check") == 0
    assert len(capsys.readouterr().out.splitlines()) == 12


def test_quiet_prints_nothing_on_success(make_project, capsys):
    project = make_project({"content/a.md": LOST.format(n=1)})
    assert project.run("--quiet", "build") == 0
    assert capsys.readouterr() == ("", "")


def test_strict_says_why_it_failed(make_project, capsys):
    project = make_project({"content/a.md": LOST.format(n=1)})
    assert project.run("check", "--strict") == 1
    assert capsys.readouterr().err == ("Checked 1 article: 0 errors, 3 warnings; --strict counts "
                                       "warnings as errors.\n")
    assert project.run("--strict") == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        "Build failed: 0 errors, 3 warnings (--strict counts warnings as errors). Nothing was "
        "written.")


def test_check_without_articles_says_so(make_project, capsys):
    project = make_project({})
    assert project.run("check") == 1
    out, err = capsys.readouterr()
    assert out == ("content/: error: has no articles. Write one in Markdown, or start one with: "
                   "footnoted new \"Headline\"\n")
    assert err == "Checked 0 articles: 1 error, 0 warnings.\n"


def test_an_unknown_setting_gets_its_line_and_a_suggestion(make_project, capsys):
    project = make_project({"content/a.md": MINIMAL_ARTICLE})
    with (project.root / "pyproject.toml").open("a") as settings:
        settings.write("per_pgae = 5\ncolour = 'red'\nper_page = 'five'\n")
    assert project.run("build") == 1
    assert capsys.readouterr().err.splitlines() == [
        "pyproject.toml:4: error: unknown setting 'per_pgae' in [tool.footnoted]. Did you mean "
        "'per_page'?",
        "pyproject.toml:5: error: unknown setting 'colour' in [tool.footnoted]. Known settings: "
        "title, description, base_url, lang, timezone, content_dir, output_dir, templates_dir, "
        "static_dir, public_dirs, words_per_minute, per_page, allow_html, toc, archive_endpoint, "
        "links_cache_days",
        "pyproject.toml:6: error: setting 'per_page' must be int",
        "Build failed: 3 errors, 0 warnings. Nothing was written.",
    ]
    assert sorted(p.name for p in project.root.iterdir()) == ["content", "pyproject.toml"]


@pytest.mark.parametrize("line, where", [
    ("", "is not set"),
    ('base_url = "https://example.org/"\n', "is an example address"),
    ('base_url = "https://www.example.com/news/"\n', "is an example address"),
])
def test_an_example_or_missing_base_url_warns_and_fails_strict(make_project, capsys, line,
                                                               where):
    project = make_project({"content/a.md": MINIMAL_ARTICLE})
    (project.root / "pyproject.toml").write_text(f'# A site\n[tool.footnoted]\n{line}')
    assert project.run("build") == 0
    number = 3 if line else 2
    url = line.split('"')[1] if line else "https://example.org/"
    assert capsys.readouterr().err == (
        f"pyproject.toml:{number}: warning: base_url {where}, so the feeds, the sitemap and "
        f"shared links point to {url} and the 404 page links from its path. Set base_url in "
        "[tool.footnoted] to the address readers will use, such as "
        "\"https://news.example/reading/\" (README: Publishing)\n")
    assert project.run("build", "--strict") == 1


def test_grouping_keeps_lone_and_unkinded_warnings_whole():
    lost = [warning(f"content/{n}.md", 3, "link was lost", "Find it", "lost links")
            for n in "abcd"]
    other = [warning("content/a.md", 5, "something new", "Do this"),
             warning("content/b.md", 6, "something new", "Do this")]
    alone = warning("pyproject.toml", 2, "base_url is not set", "Set it", "settings")
    assert grouped([lost[0], *other, alone, *lost[1:]], "footnoted check") == [
        "warning: 4 lost links, at content/a.md:3, content/b.md:3, content/c.md:3, ... "
        "(footnoted check lists them)",
        "content/a.md:5: warning: something new. Do this",
        "content/b.md:6: warning: something new. Do this",
        "pyproject.toml:2: warning: base_url is not set. Set it",
    ]


def test_held_back_wording():
    assert held_back(0, 0) == ""
    assert held_back(1, 0) == "1 draft held back (--drafts to include)"
    assert held_back(0, 2) == "2 future articles held back (--drafts to include)"


def test_a_command_module_in_the_documented_shape_is_all_a_new_command_needs(
        make_project, monkeypatch, capsys, tmp_path):
    """The shape cli.py's docstring gives: HELP, add_arguments, run, named in COMMANDS."""
    (tmp_path / "hello_command.py").write_text(
        'HELP = "greet the site"\n'
        "def add_arguments(parser):\n"
        '    parser.add_argument("--name", default="world")\n'
        "def run(args, settings):\n"
        '    print(f"hello {args.name} from {settings.title}, strict={args.strict}")\n'
        "    return 3\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setitem(COMMANDS, "hello", "hello_command")
    project = make_project({})
    assert project.run("--strict", "hello", "--name", "editor") == 3
    assert capsys.readouterr().out == "hello editor from Test site, strict=True\n"
