"""Which URLs an article may link to: the decision in one place, whatever disguises them."""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

from .schema import CheckedText

SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# Browsers drop these anywhere in a URL before reading its scheme: "java\tscript:" runs.
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]+")


def unsafe_url_reason(url: str) -> str | None:
    """Why a link target must not be published, or None when it is fine.

    Relative URLs and http(s)/mailto are fine. `#` alone is a dead link. Anything with another
    scheme is refused, after undoing the entity, percent and whitespace tricks that browsers
    undo too (`&#106;avascript:`, `JaVaScRiPt:`, `java\\nscript:`, `%6Aavascript:`).
    """
    if url.strip() in ("", "#"):
        return "points nowhere ('#' or empty)"
    plain = _IGNORED_BY_BROWSERS.sub("", unquote(html.unescape(html.unescape(url))))
    match = _SCHEME.match(plain)
    if match and match.group(1).lower() not in SAFE_SCHEMES:
        return f"uses the '{match.group(1).lower()}:' scheme, which is not allowed"
    return None


def is_external(url: str) -> bool:
    return bool(_SCHEME.match(url)) or url.startswith("//")


class Url(CheckedText):
    """A link target written in front matter or sources.yaml: checked like links in the text."""

    @classmethod
    def problem(cls, value: str) -> tuple[str, str] | None:
        reason = unsafe_url_reason(value)
        if reason is None:
            return None
        return reason, "Give the real http(s) address, or leave the key out if it is unknown"
