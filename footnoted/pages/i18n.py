"""The interface's words and dates in the page's language, as Jinja functions and filters
(the tables are content/languages.py)."""

from __future__ import annotations

import functools

from jinja2 import pass_context
from jinja2.runtime import Context

from ..content.languages import format_date, month_name, translate
from ..content.schema import Moment
from .typography import headline_html, headline_text, smarten


@pass_context
def t(context: Context, key: str, **values: object) -> str:
    """Template function: the string `key` in the page's language."""
    return translate(_page_lang(context), key, **values)


@pass_context
def smart(context: Context, text: str) -> str:
    """Template filter: typographer's quotes and dashes of the page's language."""
    return smarten(text, _page_lang(context))


@pass_context
def headline(context: Context, text: str) -> str:
    """Template filter: a headline in HTML, its `code` spans as <code>, the rest smart."""
    lang = _page_lang(context)
    return _headline_html(text, lang) if type(text) is str else headline_html(text, lang)


@pass_context
def headline_plain(context: Context, text: str) -> str:
    """Template filter: a headline as plain text, for <title> and feeds."""
    lang = _page_lang(context)
    return _headline_text(text, lang) if type(text) is str else headline_text(text, lang)


# A title is shown on its article's page and listed on 30 others (listings, feeds, archive,
# Sources, "cited with"): typeset once per process, not once per page. Only plain strings
# are kept, as Markup equal to one would find its result.
HEADLINES_KEPT = 20_000
_headline_html = functools.lru_cache(maxsize=HEADLINES_KEPT)(headline_html)
_headline_text = functools.lru_cache(maxsize=HEADLINES_KEPT)(headline_text)


@pass_context
def human_date(context: Context, moment: Moment, lang: str | None = None) -> str:
    """Template filter: a date as readers of the page's language (or of `lang`, for an
    article in another language listed on the page) write it."""
    return format_date(moment, lang or _page_lang(context))


@pass_context
def month_filter(context: Context, moment: Moment) -> str:
    return month_name(moment, _page_lang(context))


def _page_lang(context: Context) -> str:
    page = context.get("page")
    return page.lang if page is not None else context["site"].lang
