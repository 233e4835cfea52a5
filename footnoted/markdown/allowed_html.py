"""Which raw HTML an article may use: the allowlist the sanitiser applies, and `allow_html`.

By default an article may use the elements GitHub allows in Markdown (its html-pipeline
sanitisation list, plus `aside`), each with the few attributes that only describe it. The
setting narrows or widens that list:

    [tool.footnoted]
    allow_html = ["sup", "sub", "abbr"]        # only these elements
    allow_html = ["default", "-img", "u"]       # the default list, without img, with u
    allow_html = []                             # no raw HTML elements at all

An element that is not allowed is removed and its text kept; `script`, `style` and the like
are removed with their content. Embedded content (`iframe`, `video`, ...) never loads: it
becomes a link to its address (footnoted/markdown/raw_html.py).
"""

from __future__ import annotations

from ..problems import Problem, error

# GitHub's list (github/markup, html-pipeline's SanitizationFilter) without the non-HTML
# h7/h8 and the obsolete tt/strike, plus aside, which documentation sites use for remarks.
DEFAULT_ELEMENTS = (
    "a", "abbr", "aside", "b", "bdo", "blockquote", "br", "caption", "cite", "code", "dd",
    "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre",
    "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "ul", "var", "wbr",
)
# Harmless too, but not in GitHub's list: a site may add them.
EXTRA_ELEMENTS = ("address", "bdi", "data", "hgroup", "section", "u")
SAFE_ELEMENTS = tuple(sorted(DEFAULT_ELEMENTS + EXTRA_ELEMENTS))
# Never published as elements: they load another page or a media file. Each becomes a link.
EMBED_ELEMENTS = ("audio", "embed", "iframe", "object", "video")
# Removed with everything inside them, not just their tags.
CONTENT_REMOVED = ("noembed", "noframes", "noscript", "script", "style", "template",
                   "textarea", "title", "xmp")

# Attributes that describe an element and load nothing. No `style` (the page's policy blocks
# inline styles, and CSS can load URLs), no `class` (it would borrow the page's own styles),
# no event handlers. `id` and `<a name>` mark places to link to: raw_ids.py keeps those that
# are not the page's own.
ATTRIBUTES = {
    "*": {"dir", "id", "lang", "title"},
    "a": {"href", "hreflang", "name"},
    "blockquote": {"cite"}, "q": {"cite"},
    "del": {"cite", "datetime"}, "ins": {"cite", "datetime"}, "time": {"datetime"},
    "data": {"value"}, "details": {"open"}, "img": {"alt", "height", "src", "width"},
    "li": {"value"}, "ol": {"reversed", "start", "type"},
    "td": {"colspan", "headers", "rowspan"}, "th": {"abbr", "colspan", "headers", "rowspan",
                                                    "scope"},
    # Read by raw_html.py to make the link; never published.
    "audio": {"src"}, "embed": {"src"}, "iframe": {"src"}, "object": {"data"},
    "source": {"src"}, "video": {"src"},
}
URL_ATTRIBUTES = ("cite", "data", "href", "src")
# What may stand inside a paragraph or heading: anything else loses its tags there.
PHRASING_ELEMENTS = frozenset((
    "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "i",
    "img", "ins", "kbd", "mark", "q", "rp", "rt", "ruby", "s", "samp", "small", "span",
    "strong", "sub", "sup", "time", "u", "var", "wbr",
) + EMBED_ELEMENTS)

DEFAULT_SETTING = ("default",)


def allowed_elements(setting: tuple[str, ...]) -> frozenset[str]:
    """The elements `allow_html` allows; call only after `allow_html_problems` found none."""
    allowed: set[str] = set()
    for entry in setting:
        if entry == "default":
            allowed |= set(DEFAULT_ELEMENTS)
        elif entry.startswith("-"):
            allowed.discard(entry[1:])
        else:
            allowed.add(entry)
    return frozenset(allowed)


def allow_html_problems(setting: tuple[str, ...], line: int = 0) -> list[Problem]:
    """What is wrong with the `allow_html` setting; `line` is its line in pyproject.toml."""
    problems = []
    for entry in setting:
        name = entry.removeprefix("-")
        if entry == "default" or name in SAFE_ELEMENTS:
            continue
        if name in EMBED_ELEMENTS:
            problems.append(error("pyproject.toml", line, f"allow_html lists '{name}', which "
                                  "would load content from elsewhere",
                                  f"Leave it out: every {name} becomes a link to its address"))
            continue
        problems.append(error("pyproject.toml", line, f"allow_html lists '{entry}', which "
                              "footnoted cannot publish safely",
                              "Allow only 'default', elements from: "
                              f"{', '.join(SAFE_ELEMENTS)}, or '-name' to remove one"))
    return problems
