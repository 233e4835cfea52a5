"""Which URLs an article may link to: the decision in one place, whatever disguises them."""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Mapping
from urllib.parse import quote as quote_text
from urllib.parse import unquote

from .schema import CheckedText

# The schemes a link may use, in Markdown and raw HTML alike: Ammonia's default list (nh3's
# ALLOWED_URL_SCHEMES), which the raw HTML sanitiser applies too. Nothing that runs code or
# carries its own content (javascript:, vbscript:, data:) is in it.
SAFE_SCHEMES = (
    "bitcoin", "ftp", "ftps", "geo", "http", "https", "im", "irc", "ircs", "magnet", "mailto",
    "mms", "mx", "news", "nntp", "openpgp4fpr", "sip", "sms", "smsto", "ssh", "tel", "url",
    "webcal", "wtai", "xmpp",
)
# Of those, the ones that address a document, which a reader can open and read: a link there
# is a source. The others (mailto:, tel:, irc: ...) reach a person or open an app: a contact.
DOCUMENT_SCHEMES = ("ftp", "ftps", "http", "https", "news", "nntp")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# Liquid's, Jinja's, Hugo's and 11ty's `{{ site.url }}` and `{% link x.md %}`: imported text
# often keeps them, in links and image paths.
TEMPLATE_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
# Of those, the tags that only put the site's address before a path of the site, which a
# migrated site's paths are full of: Jekyll's `{{ site.baseurl }}/x` and `{{ site.url }}`,
# Hugo's `{{ .Site.BaseURL }}x`; Jekyll's and 11ty's `{{ '/x' | relative_url }}` and
# `| absolute_url`, `| url`, `| prepend: site.baseurl`; Hugo's `{{ "x" | relURL }}`,
# `{{ relURL "x" }}` and their absURL and ...LangURL kin. `{{-` and `-}}` trim spaces.
_OPEN, _CLOSE = r"\{\{-?\s*", r"\s*-?\}\}"
_BASE = rf"{_OPEN}\$?\.?(?i:site)\.(?i:baseurl|base_url|url){_CLOSE}"
_URL_FUNCTION = r"(?:rel|abs)(?:Lang)?URL"
_URL_FILTER = rf"(?:url|relative_url|absolute_url|{_URL_FUNCTION}|prepend:\s*site\.(?:baseurl|url))"
_SITE_PATH_TAG = re.compile(
    rf"(?P<base>(?:{_BASE})+)"
    rf"|{_OPEN}(?P<q1>['\"])(?P<filtered>[^'\"{{}}]*)(?P=q1)\s*\|\s*{_URL_FILTER}{_CLOSE}"
    rf"|{_OPEN}{_URL_FUNCTION}\s+(?P<q2>['\"])(?P<called>[^'\"{{}}]*)(?P=q2){_CLOSE}")
# A page's own value: 11ty's `{{ image }}`, Jekyll's `{{ page.image }}`, Hugo's
# `{{ .Params.image }}`, with or without a URL filter.
_VARIABLE_TAG = re.compile(
    rf"{_OPEN}(?:page\.|\.Params\.|\.Page\.Params\.)?(?P<name>[A-Za-z_][\w-]*)"
    rf"(?:\s*\|\s*{_URL_FILTER})?{_CLOSE}")
# Schemes that run or show something inside the page itself: never a link, always an error.
_RUNS_IN_PAGE = ("javascript", "vbscript", "data", "blob", "filesystem", "file", "about")
_DATA_IMAGE = re.compile(r"data:image/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*\Z", re.I)
# An image carried in the page adds its size to every load of the page; a larger one belongs
# in a file beside the article (2 MB of base64 are a 1.5 MB picture).
MAX_DATA_IMAGE = 2_000_000
# Browsers drop these anywhere in a URL before reading its scheme: "java\tscript:" runs.
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]+")


def tagged_site_path(written: str, variables: Mapping[str, str] | None = None) -> str | None:
    """The path that a link or image path written with a base-URL tag first
    (_SITE_PATH_TAG) names: `{{ site.baseurl }}/img/a.png` and `{{ "img/a.png" | relURL }}`
    are `/img/a.png`; `{{ page.image }}` is the page's `image`, when `variables` (the page's
    own values) has it. None when it starts with no such tag, or holds another tag."""
    written = written.strip()
    if not written.startswith("{"):
        return None
    path = untag_site_paths(written, variables)
    return path if path != written and not TEMPLATE_TAG.search(path) else None


def untag_site_paths(text: str, variables: Mapping[str, str] | None = None) -> str:
    """`text` with each base-URL tag read as the old generator wrote it out, on a site at
    the root of its host: `{{ site.baseurl }}/a` -> `/a`, `{{ '/a' | url }}` -> `/a`; and
    each tag naming one of the page's `variables` (`{{ image | url }}`, `{{ page.image }}`,
    Hugo's `{{ .Params.image }}`) its value."""
    text = _SITE_PATH_TAG.sub(_untagged, text)
    if not variables or "{" not in text:
        return text
    return _VARIABLE_TAG.sub(lambda tag: variables.get(tag.group("name"), tag.group(0)), text)


def _untagged(tag: re.Match) -> str:
    if tag.group("base") is not None:  # the host and prefix: the path follows, or is "/"
        return "" if tag.string.startswith("/", tag.end()) else "/"
    return "/" + (tag.group("filtered") or tag.group("called") or "").strip().lstrip("/")


def unsafe_url_reason(url: str) -> str | None:
    """Why a link target must not be published, or None when it is fine.

    Relative URLs and the SAFE_SCHEMES are fine. `#` alone is a dead link. Anything with another
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


def opens_an_application(url: str) -> bool:
    """A link of a scheme outside SAFE_SCHEMES that runs nothing in the page and is no typo
    of a web address: `apt:firefox`, `steam://run/1`, `zoommtg:`. The page cannot keep it
    (the sanitiser's list is Ammonia's), but it is no mistake of the article either."""
    plain = _IGNORED_BY_BROWSERS.sub("", unquote(html.unescape(html.unescape(url))))
    match = _SCHEME.match(plain)
    if not match or match.group(1).lower() in SAFE_SCHEMES + _RUNS_IN_PAGE:
        return False
    return not difflib.get_close_matches(match.group(1).lower(), DOCUMENT_SCHEMES, cutoff=0.7)


def is_data_image(url: str) -> bool:
    """`data:image/png;base64,...`: a raster image carried in the page, which loads nothing
    from elsewhere (an SVG could carry a script: it must be a file, sanitised)."""
    return bool(_DATA_IMAGE.match(url.strip()))


def is_external(url: str) -> bool:
    return bool(_SCHEME.match(url)) or url.startswith("//")


def is_contact(url: str) -> bool:
    """A link that reaches a person or opens an app, not a document: `mailto:`, `tel:`,
    `irc:`... (any scheme outside DOCUMENT_SCHEMES)."""
    match = _SCHEME.match(url.strip())
    return bool(match) and match.group(1).lower() not in DOCUMENT_SCHEMES


class Url(CheckedText):
    """A link target written in front matter or sources.yaml: checked like links in the text."""

    @classmethod
    def problem(cls, value: str) -> tuple[str, str] | None:
        reason = unsafe_url_reason(value)
        if reason is None:
            return None
        return reason, "Give the real http(s) address, or leave the key out if it is unknown"


FRAGMENT_WORDS = 5  # a longer quote is given by its first and last words (textStart,textEnd)


def with_text_fragment(url: str, quote: str | None) -> str:
    """`url` opened at `quote`, as a text fragment (wicg.github.io/scroll-to-text-fragment).

    A quote of more than twice FRAGMENT_WORDS words becomes `start,end`, which browsers match
    as a range: the URL stays short, and small differences inside the passage do not matter.
    """
    if not quote or not quote.split():
        return url
    words = quote.split()
    if len(words) > 2 * FRAGMENT_WORDS:
        directive = (f"{_fragment_term(' '.join(words[:FRAGMENT_WORDS]))},"
                     f"{_fragment_term(' '.join(words[-FRAGMENT_WORDS:]))}")
    else:
        directive = _fragment_term(" ".join(words))
    separator = ":~:" if "#" in url else "#:~:"
    return f"{url}{separator}text={directive}"


def _fragment_term(text: str) -> str:
    """Percent-encoded as the spec asks: everything but unreserved characters, and '-' too,
    which the directive's syntax uses (as it does ',' and '&')."""
    return quote_text(text, safe="").replace("-", "%2D")
