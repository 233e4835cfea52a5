"""Typographer's quotes and dashes for plain-text fields (headlines, deks, captions).

Body text gets the same treatment from Python-Markdown's smarty extension; front matter is
not Markdown, so it is done here, on text, before the template escapes it.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)|(?<=s)'(?=\s|$)")
_OPENING_SINGLE = re.compile(r"(^|[\s(\[{\"“])'")
_OPENING_DOUBLE = re.compile(r'(^|[\s(\[{‘«])"')


QUOTE_MARKS = {"ru": ("«", "»"), "de": ("„", "“")}  # double quotes; English's otherwise


def smarten(text: str, lang: str = "en") -> str:
    """"Russia's 'push' -- now" -> “Russia’s ‘push’ – now”; in Russian "слово" -> «слово»."""
    if "'" not in text and '"' not in text and "--" not in text:
        return text  # most headlines and names: nothing below would change them
    opening, closing = QUOTE_MARKS.get(lang.split("-")[0].lower(), ("“", "”"))
    text = text.replace("---", "—").replace("--", "–")
    text = _APOSTROPHE.sub("’", text)
    text = _OPENING_DOUBLE.sub(rf"\1{opening}", text).replace('"', closing)
    text = _OPENING_SINGLE.sub(r"\1‘", text).replace("'", "’")
    return text


# Markdown's code span in a headline: "Styling `<mark>`" (one or more backticks around it).
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")


def headline_html(text: str, lang: str = "en") -> Markup:
    """A headline as HTML: its code spans as <code>, the rest smartened and escaped."""
    parts, end = [], 0
    for found in _CODE_SPAN.finditer(text):
        parts += [escape(smarten(text[end:found.start()], lang)),
                  Markup("<code>{}</code>").format(found[2].strip())]
        end = found.end()
    return Markup("").join([*parts, escape(smarten(text[end:], lang))])


def headline_text(text: str, lang: str = "en") -> str:
    """A headline as plain text (<title>, feeds, search): its code spans without backticks."""
    if "`" not in text:
        return smarten(text, lang)
    return Markup(headline_html(text, lang)).striptags()
