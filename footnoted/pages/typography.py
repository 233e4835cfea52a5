"""Typographer's quotes and dashes for plain-text fields (headlines, deks, captions).

Body text gets the same treatment from Python-Markdown's smarty extension; front matter is
not Markdown, so it is done here, on text, before the template escapes it.
"""

from __future__ import annotations

import re

_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)|(?<=s)'(?=\s|$)")
_OPENING_SINGLE = re.compile(r"(^|[\s(\[{\"“])'")
_OPENING_DOUBLE = re.compile(r'(^|[\s(\[{‘«])"')


def smarten(text: str, lang: str = "en") -> str:
    """"Russia's 'push' -- now" -> “Russia’s ‘push’ – now”; in Russian "слово" -> «слово»."""
    if "'" not in text and '"' not in text and "--" not in text:
        return text  # most headlines and names: nothing below would change them
    opening, closing = ("«", "»") if lang.split("-")[0].lower() == "ru" else ("“", "”")
    text = text.replace("---", "—").replace("--", "–")
    text = _APOSTROPHE.sub("’", text)
    text = _OPENING_DOUBLE.sub(rf"\1{opening}", text).replace('"', closing)
    text = _OPENING_SINGLE.sub(r"\1‘", text).replace("'", "’")
    return text
