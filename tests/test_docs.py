"""The format guide's complete example must build, or the guide is lying."""

from __future__ import annotations

import re

from .conftest import REPO


def test_format_guide_example_builds_without_problems(project, capsys):
    guide = (REPO / "docs" / "format.md").read_text("utf-8")
    example = re.search(r"## A complete example\n\n```markdown\n(.*?)\n```\n", guide, re.S)
    project.write("content/example.md", example.group(1) + "\n")
    assert project.run("check", "--strict") == 1  # the example shows a lost link on purpose
    report = capsys.readouterr().out.splitlines()
    assert [line for line in report if ": error:" in line] == []
    assert [line.split(": warning: ")[1].split(".")[0] for line in report] == [
        "link 'Bo Writer' was not preserved",
        "link 'A Related Piece Whose Link Was Lost' was not preserved",
        "link 'fearful' (source 2) was not preserved",
        "the source of [@fearful] (source 2) was not preserved",
    ]
    assert project.run("build") == 0
    page = (project.root / "site" / "bill-changed" / "index.html").read_text("utf-8")
    assert 'data-versionurl="https://web.archive.org/web/20230407000000/' in page


def test_ci_runs_the_readmes_test_command_in_a_fresh_venv():
    readme = (REPO / "README.md").read_text("utf-8")
    section = readme.split("## Two commands\n", 1)[1].split("\n## ", 1)[0]
    commands = [line.strip() for line in section.splitlines() if line.startswith("    ")]
    test_command = [line for line in commands if "pytest" in line]
    assert len(test_command) == 1, "the README's Two commands should have one test command"
    ci_lines = (REPO / ".ci" / "run").read_text("utf-8").splitlines()
    assert test_command[0] in ci_lines, ".ci/run should run the README's test command as written"
    assert test_command[0].startswith("python -m venv --clear .venv && . .venv/bin/activate && ")
