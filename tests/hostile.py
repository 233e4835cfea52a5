"""What counts as executable in a page: the scanner the hostile-content tests share."""

from __future__ import annotations

from html.parser import HTMLParser

from footnoted.urls import unsafe_url_reason

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href",
                  "background", "srcset"}
ACTIVE_ELEMENTS = {"script", "iframe", "object", "embed", "svg", "math", "style", "base",
                   "form", "frame", "frameset", "applet", "link", "meta"}
# The page's own head uses these; an article body never may.
HEAD_ALLOWED = {("script", "type", "application/ld+json"), ("link", "rel", "stylesheet"),
                ("link", "rel", "alternate"), ("link", "rel", "canonical"), ("meta", "", "")}


class ActiveContent(HTMLParser):
    """Collects every element, attribute or URL that could run code in a reader's browser."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ACTIVE_ELEMENTS and not _allowed_in_head(tag, values):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name in URL_ATTRIBUTES and value is not None and unsafe_url_reason(value) \
                    and not value.startswith("#"):
                self.found.append(f"{tag} {name}={value!r}")

    handle_startendtag = handle_starttag


def _allowed_in_head(tag: str, values: dict[str, str | None]) -> bool:
    if tag == "meta":
        return values.get("http-equiv") in (None, "Content-Security-Policy")
    return any(tag == t and values.get(name) == value for t, name, value in HEAD_ALLOWED)


def active_content(html: str) -> list[str]:
    scanner = ActiveContent()
    scanner.feed(html)
    scanner.close()
    return scanner.found
