"""Languages: Cyrillic slugs, interface strings and dates per article, linked translations."""

from __future__ import annotations

import pytest

from footnoted.content.languages import STRINGS, format_date
from footnoted.content.schema import Moment, moment_from_parts
from footnoted.content.slugs import slugify

ENGLISH = """\
---
title: The Original
date: 2024-04-06
lang: en
---
Text.
"""

RUSSIAN = """\
---
title: Рецепт борща
date: 2024-04-07
lang: ru
translation_of: the-original
---
Текст со "словом" и [ссылкой](https://example.ru/).
"""


@pytest.mark.parametrize(("title", "slug"), [
    ("Рецепт борща", "retsept-borshcha"),
    ("Щи да каша — пища наша", "shchi-da-kasha-pishcha-nasha"),
    ("Ёлка и Юля", "elka-i-yulya"),
    ("Déjà vu, naïve café", "deja-vu-naive-cafe"),
])
def test_slugs_are_readable_ascii(title, slug):
    assert slugify(title) == slug


def test_every_language_has_every_string():
    for lang, table in STRINGS.items():
        assert set(table) == set(STRINGS["en"]), lang


def test_dates_are_written_as_each_language_writes_them():
    from zoneinfo import ZoneInfo

    day = moment_from_parts([2023, 4, 6], ZoneInfo("UTC"))
    assert format_date(day, "ru") == "6 апреля 2023 г."
    assert format_date(day, "en-GB") == "April 6, 2023"
    assert format_date(Moment(day.value, "month"), "ru") == "апрель 2023"
    assert format_date(day, "de-AT") == "6. April 2023"


def test_cyrillic_article_gets_a_transliterated_page_and_russian_interface(make_project):
    project = make_project({"content/the-original.md": ENGLISH,
                            "content/борщ.md": RUSSIAN})
    assert project.run("build") == 0
    page = project.read("borshch/index.html")
    assert '<html lang="ru">' in page
    assert '<time datetime="2024-04-07">7 апреля 2024 г.</time>' in page
    assert ">Источники</h2>" in page
    assert "со &laquo;словом&raquo;" in page


GERMAN = """\
---
title: Ein „Bericht“
date: 2024-03-05
lang: de
authors: [Anna Beispiel]
---
Ein Text mit "Zitat" und [Quelle](https://example.de/bericht).
"""


def test_a_german_article_gets_a_german_interface(make_project):
    project = make_project({"content/bericht.md": GERMAN})
    assert project.run("build") == 0
    page = project.read("bericht/index.html")
    assert '<html lang="de">' in page
    assert '<time datetime="2024-03-05">5. März 2024</time>' in page
    assert "1 Min. Lesezeit" in page and ">Quellen</h2>" in page
    assert 'Von <span class="author">Anna Beispiel</span>' in page
    assert "mit &bdquo;Zitat&ldquo;" in page


def test_translations_link_each_other_with_hreflang(make_project):
    project = make_project({"content/the-original.md": ENGLISH,
                            "content/борщ.md": RUSSIAN})
    assert project.run("build") == 0
    english, russian = project.read("the-original/index.html"), project.read("borshch/index.html")
    assert ('<link rel="alternate" hreflang="ru" href="https://test.example/sub/borshch/">'
            in english)
    assert '<a href="../borshch/" hreflang="ru" lang="ru">Русский</a>' in english
    assert '<a href="../the-original/" hreflang="en" lang="en">English</a>' in russian


def test_translation_of_an_unknown_article_is_an_error(make_project, capsys):
    project = make_project({"content/ru.md": RUSSIAN})
    assert project.run("check") == 1
    assert ("content/ru.md:5: error: translation_of 'the-original' names no article. "
            "Use the slug of the original article: its page's address, e.g. guides/method, or "
            "its name in the same folder") in capsys.readouterr().out
