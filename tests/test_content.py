"""The load stage: front matter is typed, and every mistake is reported with file and line."""

from __future__ import annotations

from footnoted.content.document import load_content
from footnoted.settings import load_settings


def load(project, text: str):
    project.write("content/article.md", text)
    return load_content(load_settings(project.root))


def messages(loaded) -> list[str]:
    return [str(problem) for problem in loaded.problems]


def test_front_matter_becomes_typed_fields(project):
    loaded = load(project, """\
        ---
        title: 1984
        date: 2023-04-06T09:30:00+03:00
        authors:
          - Farida Rustamova
          - name: Maxim Tovkaylo
            lost: true
        tags: Russia
        image:
          caption: A recruitment point.
          credit: Agency
        sources:
          a:
            url: https://a.example/
            date: 2023-01-02
        ---
        Body.
        """)
    assert messages(loaded) == []
    [document] = loaded.documents
    meta = document.meta
    assert meta.title == "1984"  # a number-looking title stays text
    assert meta.date.isoformat() == "2023-04-06T09:30:00+03:00"
    assert [(a.name, a.lost) for a in meta.authors] == [("Farida Rustamova", False),
                                                        ("Maxim Tovkaylo", True)]
    assert meta.tags == ["Russia"]
    assert meta.image.credit == "Agency"
    assert meta.sources["a"].date.isoformat() == "2023-01-02"
    assert document.slug == "article"
    assert document.body == "Body.\n"
    assert document.body_line == 17


def test_unknown_key_is_an_error_with_its_line_and_a_suggestion(project):
    loaded = load(project, "---\ntitle: T\ndate: 2023-01-01\nauthor: Ann\n---\nBody\n")
    assert messages(loaded) == [
        "content/article.md:4: error: unknown key 'author' in front matter. "
        "Did you mean 'authors'?"]
    assert loaded.documents == []


def test_unknown_key_in_a_nested_entry(project):
    loaded = load(project, "---\ntitle: T\ndate: 2023-01-01\nsources:\n  a:\n"
                           "    url: https://a.example/\n    titel: X\n---\nBody\n")
    assert messages(loaded) == [
        "content/article.md:7: error: unknown key 'titel' in 'sources' 'a'. "
        "Did you mean 'title'?"]


def test_missing_required_field(project):
    loaded = load(project, "---\ntitle: T\n---\nBody\n")
    assert messages(loaded) == [
        "content/article.md:2: error: front matter is missing the required key 'date'. "
        "Add 'date:'"]


def test_impossible_date(project):
    loaded = load(project, "---\ntitle: T\ndate: 2023-02-30\n---\nBody\n")
    assert messages(loaded) == [
        "content/article.md:3: error: 'date' is not a valid date: '2023-02-30' "
        "(day is out of range for month). "
        "Write a date like 2023-04-06 or a time like 2023-04-06T09:30:00+03:00"]


def test_time_without_zone_is_in_the_sites_zone(project):
    settings = (project.root / "pyproject.toml").read_text("utf-8")
    project.write("pyproject.toml", settings + 'timezone = "Europe/Moscow"\n')
    loaded = load(project, "---\ntitle: T\ndate: 2023-02-03T10:00:00\n---\nBody\n")
    assert messages(loaded) == []
    assert loaded.documents[0].meta.date.isoformat() == "2023-02-03T10:00:00+03:00"


def test_toml_front_matter_gives_what_the_same_yaml_gives(project):
    yaml_text = """\
        ---
        title: 1984
        date: 2023-04-06T09:30:00+03:00
        authors: [Farida Rustamova, {name: Maxim Tovkaylo, lost: true}]
        tags: Russia
        image: {caption: A recruitment point., credit: Agency}
        sources:
          a: {url: "https://a.example/", date: 2023-01-02}
        extra: {count: 3, ratio: 0.5, when: 2023-01-02}
        ---
        Body.
        """
    toml_text = """\
        +++
        title = "1984"
        date = 2023-04-06T09:30:00+03:00
        tags = "Russia"
        authors = ["Farida Rustamova", {name = "Maxim Tovkaylo", lost = true}]
        image = {caption = "A recruitment point.", credit = "Agency"}
        [sources.a]
        url = "https://a.example/"
        date = 2023-01-02
        [extra]
        count = 3
        ratio = 0.5
        when = 2023-01-02
        +++
        Body.
        """
    from_yaml, from_toml = load(project, yaml_text), load(project, toml_text)
    assert messages(from_yaml) == messages(from_toml) == []
    assert from_toml.documents[0].meta == from_yaml.documents[0].meta
    assert from_toml.documents[0].body == "Body.\n"


def test_wrong_type(project):
    loaded = load(project, "---\ntitle: T\ndate: 2023-01-01\ndraft: maybe\n---\nBody\n")
    assert messages(loaded) == [
        "content/article.md:4: error: 'draft' must be true or false, got 'maybe'. "
        "Use true or false"]


def test_yaml_syntax_error_has_its_line(project):
    loaded = load(project, "---\ntitle: T\ndate: 2023-01-01\ntags: [a, b\n---\nBody\n")
    [message] = messages(loaded)
    assert message.startswith("content/article.md:5: error: invalid YAML:")


def test_missing_closing_fence(project):
    loaded = load(project, "---\ntitle: T\ndate: 2023-01-01\nBody\n")
    assert messages(loaded) == [
        "content/article.md:1: error: the front matter is never closed. "
        "Did you forget the closing '---' line after the YAML keys?"]


def test_every_broken_file_is_reported_not_just_the_first(project):
    project.write("content/b.md", "---\ntitle: B\n---\n")
    loaded = load(project, "no front matter\n")
    assert len(loaded.problems) == 2


def test_an_empty_value_in_extra_is_kept_not_a_silent_rejection(project):
    loaded = load(project, """\
        ---
        title: T
        date: 2024-05-01
        extra:
          contributors:
          keywords: [a]
        ---
        Text.
        """)
    assert messages(loaded) == []
    [document] = loaded.documents
    assert document.meta.extra == {"contributors": None, "keywords": ["a"]}


def test_an_empty_source_entry_is_still_reported(project):
    loaded = load(project, """\
        ---
        title: T
        date: 2024-05-01
        sources:
          k:
        ---
        Text.
        """)
    assert messages(loaded) == [
        "content/article.md:5: error: 'sources' 'k' must be a mapping of keys to values"]
    assert loaded.documents == []
