"""One article's jobs: stage 1's front matter handed to stage 2 gives what a full load gives."""

from __future__ import annotations

import re
from pathlib import Path

import footnoted.build.jobs as jobs_module
from footnoted.build.jobs import BuildContext, JobState, ParseJob, load_slug, parse_file
from footnoted.content.document import load_shared_sources
from footnoted.incremental.keys import build_keys
from footnoted.settings import load_settings

ARTICLE = """\
---
title: {title}
date: 2024-05-01
slug: chosen
tags: [a, b]
sources:
  report: {{url: "https://example.org/report", title: "Report\\u0001"}}
---
Text citing [@report] and [a page](https://example.org/page).
"""


def job_state(project) -> JobState:
    settings = load_settings(project.root)
    content = load_shared_sources(settings)
    return JobState(BuildContext(settings=settings, content=content,
                                 keys=build_keys(settings, content),
                                 store=project.root / "store.sqlite"))


def test_the_front_matter_read_for_the_slug_parses_as_a_full_load(make_project, monkeypatch):
    project = make_project({"content/one.md": ARTICLE.format(title="First")})
    state = job_state(project)
    found = load_slug(state, "content/one.md")
    assert (found.slug, bool(found.front)) == ("chosen", True)
    loaded_again = parse_file(state, ParseJob(path="content/one.md"))
    with monkeypatch.context() as patched:  # the front matter is not typed a second time
        patched.setattr("footnoted.content.document.read", lambda *args: 1 / 0)
        handed_on = parse_file(state, ParseJob(path="content/one.md", front=found.front))
    assert handed_on == loaded_again
    # the control character in the title is reported once, as a full load reports it
    assert [p.message for p in handed_on.problems] == [p.message for p in loaded_again.problems]
    assert any("invisible control characters" in p.message for p in handed_on.problems)


def test_a_file_changed_after_its_slug_was_read_is_loaded_again(make_project):
    project = make_project({"content/one.md": ARTICLE.format(title="First")})
    state = job_state(project)
    found = load_slug(state, "content/one.md")
    project.write("content/one.md", ARTICLE.format(title="Second"))
    parsed = parse_file(state, ParseJob(path="content/one.md", front=found.front))
    assert parsed.record.listed.meta.title == "Second"


def test_a_file_that_does_not_load_hands_nothing_on(make_project):
    project = make_project({"content/one.md": "no front matter\n"})
    found = load_slug(job_state(project), "content/one.md")
    assert (found.slug, found.front) == (None, b"")


def test_an_exception_while_compiling_is_that_articles_error_and_the_rest_are_checked(
        make_project, monkeypatch, capsys):
    jobs = jobs_module
    compile_article = jobs.parse_and_resolve

    def failing(document, *args):
        if document.path.endswith("a.md"):
            raise KeyError("src")
        return compile_article(document, *args)

    head = "---\ntitle: T\ndate: 2024-05-01\n---\n"
    project = make_project({"content/a.md": head + "Text.\n",
                            "content/b.md": head + "Text [@nope].\n"})
    monkeypatch.setattr(jobs, "parse_and_resolve", failing)
    assert project.run("check") == 1
    errors = [line for line in capsys.readouterr().out.splitlines() if ": error: " in line]
    assert len(errors) == 2
    assert re.fullmatch(
        r"content/a\.md:5: error: internal error while reading this article: KeyError: 'src' "
        r"\(at footnoted/build/jobs\.py:\d+\)\. Please report it, with this article; the other "
        r"articles were checked", errors[0])
    assert errors[1].startswith("content/b.md:5: error: unknown citation key '@nope'")


def test_an_exception_while_loading_is_that_files_error(make_project, monkeypatch):
    project = make_project({"content/one.md": ARTICLE.format(title="First")})
    monkeypatch.setattr("footnoted.build.jobs.load_document", lambda *args: 1 / 0)
    parsed = parse_file(job_state(project), ParseJob(path="content/one.md"))
    assert (parsed.record, [str(problem) for problem in parsed.problems]) == (None, [
        "content/one.md: error: internal error while reading this article: ZeroDivisionError: "
        "division by zero (at footnoted/build/jobs.py:{}). Please report it, with this "
        "article; the other articles were checked".format(
            _line_of("return load_document(file, settings)"))])


def _line_of(text: str) -> int:
    source = Path(jobs_module.__file__).read_text().splitlines()
    return next(number for number, line in enumerate(source, 1) if text in line)
