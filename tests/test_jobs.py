"""One article's jobs: stage 1's front matter handed to stage 2 gives what a full load gives."""

from __future__ import annotations

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
