"""Interface strings and dates in each language: one table a translator can extend.

To add a language, copy the "en" block under its BCP 47 primary tag ("de", "fr"), translate
the values (keep the {placeholders}), and add its month names to MONTHS. A language missing
here falls back to English, string by string.
"""

from __future__ import annotations

from .schema import Moment

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "skip": "Skip to content",
        "archive": "Archive",
        "sections": "Sections",
        "tags": "Tags",
        "authors": "Authors",
        "sources": "Sources",
        "search": "Search",
        "latest": "Latest articles",
        "notes": "Notes",
        "contents": "Contents",
        "glossary": "Glossary",
        "feed": "Atom feed",
        "by": "By",
        "and": "and",
        "updated": "updated",
        "min_read": "{n} min read",
        "photo_missing": "The photograph is not included in this copy.",
        "related_one": "Related article",
        "related_many": "Related articles",
        "link_lost": "link not preserved",
        "embed_not_loaded": "embedded content, not loaded",
        "code": "Code",
        "image_not_loaded": "image hosted elsewhere, not loaded",
        "it_was": "It pointed to “{title}”.",
        "lost_links": "Links not preserved",
        "lost_intro": "The words of these links are kept; their targets were not preserved.",
        "archived_copy": "Archived copy",
        "original_gone": "The original is gone",
        "archived_link": "archived copy",
        "original_gone_short": "gone",
        "link_recovered": "The link was lost in this copy and restored from the original "
                          "article.",
        "of_date": "of",
        "quote_in_page": "Quote found in the source",
        "quote_in_copy": "Quote found only in the archived copy",
        "quote_mark_page": "found in the page", "quote_mark_copy": "only in the archived copy",
        "quote_mark_nowhere": "not found in the source",
        "quote_nowhere": "Quote not found in the source",
        "cite_this": "Cite this article",
        "cite_download": "Download the citation:",
        "accessed": "Accessed",
        "also_lost": "Also not preserved: the links of",
        "byline_name": "the byline name",
        "related_article": "the related article",
        "back_to_citation": "Back to citation {i} of {n}",
        "back_to_term": "Back to “{term}” in the text",
        "glossary_note": "Added by this site’s editors for readers new to the subject; "
                         "not part of the original article.",
        "originally": "Originally published",
        "originally_in": "Originally published in {publication}",
        "tags_label": "Tags:",
        "cited_with": "Other articles citing these sources",
        "language": "Read in",
        "tagged": "Articles tagged “{name}”",
        "articles_by": "Articles by {name}",
        "newer": "Newer articles",
        "older": "Older articles",
        "page_of": "Page {i} of {n}",
        "pages": "Pages",
        "previous_page": "Previous page",
        "next_page": "Next page",
        "continued": "continued",
        "archive_contents": "Every month in the archive",
        "list_feed": "Atom feed of this list",
        "search_label": "Words from a headline, the text or a source",
        "search_none": "No articles match.",
        "search_one": "1 article matches.",
        "search_many": "{n} articles match.",
        "search_more": "More results",
        "search_failed": "The search index could not be loaded.",
        "not_found": "Page not found",
        "not_found_text": "There is no page at this address; it may have moved. Search for it "
                          "here, or start from the front page, which lists every article:",
        "front_page": "Front page of {title}",
        "search_needs_js": "Search runs in your browser and needs JavaScript. The archive "
                           "lists every article.",
        "source_entry": "Source",  # a popover's title: "Source 3"
        "note_entry": "Note",  # "Note a"
        "theme_auto": "Theme: auto",
        "theme_light": "Theme: light",
        "theme_dark": "Theme: dark",
    },
    "ru": {
        "skip": "Перейти к тексту",
        "archive": "Архив",
        "sections": "Рубрики",
        "tags": "Темы",
        "authors": "Авторы",
        "sources": "Источники",
        "search": "Поиск",
        "latest": "Новые статьи",
        "notes": "Примечания",
        "contents": "Содержание",
        "glossary": "Словарь",
        "feed": "Лента Atom",
        "by": "Авторы:",
        "and": "и",
        "updated": "обновлено",
        "min_read": "{n} мин чтения",
        "photo_missing": "Фотография в этой копии отсутствует.",
        "related_one": "Читайте также",
        "related_many": "Читайте также",
        "link_lost": "ссылка не сохранилась",
        "embed_not_loaded": "встроенное содержимое не загружено",
        "code": "Код",
        "image_not_loaded": "изображение с другого сайта не загружено",
        "it_was": "Она вела на «{title}».",
        "lost_links": "Несохранившиеся ссылки",
        "lost_intro": "Слова этих ссылок сохранены; их адреса не сохранились.",
        "archived_copy": "Архивная копия",
        "original_gone": "Оригинал недоступен",
        "archived_link": "архивная копия",
        "original_gone_short": "недоступен",
        "link_recovered": "Ссылка была утрачена в этой копии и восстановлена по оригинальной "
                          "статье.",
        "of_date": "от",
        "quote_in_page": "Цитата найдена в источнике",
        "quote_in_copy": "Цитата найдена только в архивной копии",
        "quote_mark_page": "найдена на странице", "quote_mark_copy": "только в архивной копии",
        "quote_mark_nowhere": "не найдена в источнике",
        "quote_nowhere": "Цитата не найдена в источнике",
        "cite_this": "Как цитировать",
        "cite_download": "Скачать ссылку:",
        "accessed": "Проверено",
        "also_lost": "Также не сохранились ссылки:",
        "byline_name": "имя автора",
        "related_article": "статья",
        "back_to_citation": "Назад к ссылке {i} из {n}",
        "back_to_term": "Назад к «{term}» в тексте",
        "glossary_note": "Добавлено редакцией сайта для читателей, незнакомых с темой; "
                         "не входит в исходный текст.",
        "originally": "Впервые опубликовано",
        "originally_in": "Впервые опубликовано в издании {publication}",
        "tags_label": "Темы:",
        "cited_with": "Другие статьи с этими источниками",
        "language": "Читать на языке:",
        "tagged": "Статьи на тему «{name}»",
        "articles_by": "Статьи автора: {name}",
        "newer": "Новее",
        "older": "Старше",
        "page_of": "Страница {i} из {n}",
        "pages": "Страницы",
        "previous_page": "Предыдущая страница",
        "next_page": "Следующая страница",
        "continued": "продолжение",
        "archive_contents": "Все месяцы архива",
        "list_feed": "Лента Atom этого списка",
        "search_label": "Слова из заголовка, текста или источника",
        "search_none": "Статей не найдено.",
        "search_one": "Найдена одна статья.",
        "search_many": "Найдено статей: {n}.",
        "search_more": "Ещё результаты",
        "search_failed": "Не удалось загрузить поисковый индекс.",
        "not_found": "Страница не найдена",
        "not_found_text": "По этому адресу страницы нет; возможно, она переехала. Найдите её "
                          "поиском или начните с главной страницы, где перечислены все статьи:",
        "front_page": "Главная страница «{title}»",
        "search_needs_js": "Поиск работает в браузере и требует JavaScript. В архиве "
                           "перечислены все статьи.",
        "source_entry": "Источник",
        "note_entry": "Примечание",
        "theme_auto": "Тема: авто",
        "theme_light": "Тема: светлая",
        "theme_dark": "Тема: тёмная",
    },
    "de": {
        "skip": "Zum Inhalt springen",
        "archive": "Archiv",
        "sections": "Rubriken",
        "tags": "Schlagwörter",
        "authors": "Autoren",
        "sources": "Quellen",
        "search": "Suche",
        "latest": "Neueste Artikel",
        "notes": "Anmerkungen",
        "contents": "Inhalt",
        "glossary": "Glossar",
        "feed": "Atom-Feed",
        "by": "Von",
        "and": "und",
        "updated": "aktualisiert",
        "min_read": "{n} Min. Lesezeit",
        "photo_missing": "Das Foto ist in dieser Kopie nicht enthalten.",
        "related_one": "Verwandter Artikel",
        "related_many": "Verwandte Artikel",
        "link_lost": "Link nicht erhalten",
        "embed_not_loaded": "eingebetteter Inhalt, nicht geladen",
        "code": "Code",
        "image_not_loaded": "Bild von anderer Website, nicht geladen",
        "it_was": "Er führte zu „{title}“.",
        "lost_links": "Nicht erhaltene Links",
        "lost_intro": "Die Wörter dieser Links sind erhalten, ihre Ziele nicht.",
        "archived_copy": "Archivierte Kopie",
        "original_gone": "Das Original ist nicht mehr erreichbar",
        "archived_link": "archivierte Kopie",
        "original_gone_short": "nicht mehr erreichbar",
        "link_recovered": "Der Link fehlte in dieser Kopie und wurde aus dem Originalartikel "
                          "wiederhergestellt.",
        "of_date": "vom",
        "quote_in_page": "Zitat in der Quelle gefunden",
        "quote_in_copy": "Zitat nur in der archivierten Kopie gefunden",
        "quote_mark_page": "auf der Seite gefunden",
        "quote_mark_copy": "nur in der archivierten Kopie",
        "quote_mark_nowhere": "in der Quelle nicht gefunden",
        "quote_nowhere": "Zitat in der Quelle nicht gefunden",
        "cite_this": "Diesen Artikel zitieren",
        "cite_download": "Zitation herunterladen:",
        "accessed": "Abgerufen am",
        "also_lost": "Ebenfalls nicht erhalten: die Links von",
        "byline_name": "dem Autorennamen",
        "related_article": "dem verwandten Artikel",
        "back_to_citation": "Zurück zu Beleg {i} von {n}",
        "back_to_term": "Zurück zu „{term}“ im Text",
        "glossary_note": "Von der Redaktion dieser Website für Leser ergänzt, denen das Thema neu "
                         "ist; nicht Teil des Originalartikels.",
        "originally": "Ursprünglich veröffentlicht",
        "originally_in": "Ursprünglich veröffentlicht in {publication}",
        "tags_label": "Schlagwörter:",
        "cited_with": "Weitere Artikel, die diese Quellen zitieren",
        "language": "Lesen auf",
        "tagged": "Artikel mit dem Schlagwort „{name}“",
        "articles_by": "Artikel von {name}",
        "newer": "Neuere Artikel",
        "older": "Ältere Artikel",
        "page_of": "Seite {i} von {n}",
        "pages": "Seiten",
        "previous_page": "Vorige Seite",
        "next_page": "Nächste Seite",
        "continued": "Fortsetzung",
        "archive_contents": "Alle Monate im Archiv",
        "list_feed": "Atom-Feed dieser Liste",
        "search_label": "Wörter aus einer Überschrift, dem Text oder einer Quelle",
        "search_none": "Keine Artikel gefunden.",
        "search_one": "1 Artikel gefunden.",
        "search_many": "{n} Artikel gefunden.",
        "search_more": "Weitere Ergebnisse",
        "search_failed": "Der Suchindex konnte nicht geladen werden.",
        "not_found": "Seite nicht gefunden",
        "not_found_text": "Unter dieser Adresse gibt es keine Seite; vielleicht ist sie umgezogen. "
                          "Suchen Sie sie hier oder beginnen Sie auf der Startseite, die jeden "
                          "Artikel auflistet:",
        "front_page": "Startseite von {title}",
        "search_needs_js": "Die Suche läuft in Ihrem Browser und braucht JavaScript. Das Archiv "
                           "listet jeden Artikel auf.",
        "source_entry": "Quelle",
        "note_entry": "Anmerkung",
        "theme_auto": "Farbschema: automatisch",
        "theme_light": "Farbschema: hell",
        "theme_dark": "Farbschema: dunkel",
    },
}

MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
           "September", "Oktober", "November", "Dezember"),
    # Russian dates use the genitive ("6 апреля 2023 г."); a month alone the nominative.
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
           "сентября", "октября", "ноября", "декабря"),
}
MONTHS_ALONE = {
    "ru": ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
           "сентябрь", "октябрь", "ноябрь", "декабрь"),
}
LANGUAGE_NAMES = {"de": "Deutsch", "en": "English", "ru": "Русский"}


def primary(lang: str) -> str:
    """"en-GB" -> "en": the table is keyed by primary language."""
    return lang.split("-")[0].lower()


def translate(lang: str, key: str, **values: object) -> str:
    table = STRINGS.get(primary(lang), STRINGS["en"])
    return table.get(key, STRINGS["en"][key]).format(**values)


def format_date(moment: Moment, lang: str) -> str:
    day, code = moment.value, primary(lang)
    months = MONTHS.get(code, MONTHS["en"])
    alone = MONTHS_ALONE.get(code, months)
    if moment.precision == "year":
        return str(day.year)
    if moment.precision == "month":
        return f"{alone[day.month - 1]} {day.year}"
    if code == "de":
        return f"{day.day}. {months[day.month - 1]} {day.year}"
    if code == "ru":
        return f"{day.day} {months[day.month - 1]} {day.year} г."
    return f"{months[day.month - 1]} {day.day}, {day.year}"


def month_name(moment: Moment, lang: str) -> str:
    code = primary(lang)
    return MONTHS_ALONE.get(code, MONTHS.get(code, MONTHS["en"]))[moment.value.month - 1]


def language_name(lang: str) -> str:
    return LANGUAGE_NAMES.get(primary(lang), lang)


# Languages written in Cyrillic: their pages preload the text face's Cyrillic subset.
CYRILLIC = frozenset({"be", "bg", "kk", "ky", "mk", "mn", "ru", "sr", "tg", "uk"})


def font_subset(lang: str) -> str:
    """The subset of the text face (theme/static/fonts/) that a page in `lang` needs first."""
    return "cyrillic" if primary(lang) in CYRILLIC else "latin"
