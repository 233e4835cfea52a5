"""A WordPress post's stored content -> plain HTML that `HtmlToMarkdown` can read.

WordPress stores what its editors wrote, not what a reader saw: classic posts have no
paragraph tags (`wpautop` adds them on display), `[caption]`, `[gallery]` and `[embed]`
shortcodes stand for markup, and block-editor posts wrap every block in a `<!-- wp:... -->`
comment, some of which (latest posts, archives) are rendered only on the live site. Each is
turned into HTML here, or reported.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable

from .markdown_text import EMBED

# Dynamic blocks: the comment is all there is; the live site renders their content.
DYNAMIC_BLOCK = re.compile(r"<!--\s+wp:([a-z][\w/-]*)(\s+\{(?:(?!-->).)*?\})?\s+/-->",
                           re.DOTALL)
HARMLESS_DYNAMIC = {"more", "nextpage", "spacer", "separator"}
EMBED_BLOCK = re.compile(r"<!--\s+wp:(?:core-)?embed\s+(\{(?:(?!-->).)*?\})\s+-->(.*?)"
                         r"<!--\s+/wp:(?:core-)?embed\s+-->", re.DOTALL)
SHORTCODE = re.compile(r"\[(/?)([a-zA-Z][\w-]*)((?:\s[^\]]*)?)\]")
PAIRED = re.compile(r"\[(caption|embed|audio|video)((?:\s[^\]]*)?)\](.*?)\[/\1\]", re.DOTALL)
ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
OWN_LINE_URL = re.compile(r"^\s*(https?://[^\s<>\"]+)\s*$", re.MULTILINE)
BLOCK_START = re.compile(r"^\s*<(?:/?(?:p|div|h[1-6]|ul|ol|li|blockquote|figure|table|pre|hr|"
                         r"dl|section|aside|address|details|iframe|video|audio|form)\b|!--)",
                         re.IGNORECASE)

Report = Callable[[str, str], None]  # (kind, message)


def to_html(content: str, gallery: Callable[[str], str], report: Report) -> str:
    """The post's HTML; `gallery` gives the <img> markup of an attachment id, or ''."""
    content = _dynamic_blocks(content, report)
    content = EMBED_BLOCK.sub(_embed_block, content)
    content = PAIRED.sub(lambda m: _paired(m, report), content)
    content = SHORTCODE.sub(lambda m: _single(m, gallery, report), content)
    content = OWN_LINE_URL.sub(lambda m: _embed_link(m.group(1), m.group(1)), content)
    return autop(content)


def autop(content: str) -> str:
    """WordPress's `wpautop`, simply: text between blank lines is a paragraph, single line
    breaks inside it are <br>."""
    chunks = re.split(r"\n\s*\n", content.replace("\r\n", "\n"))
    return "\n\n".join(chunk if BLOCK_START.match(chunk) or not chunk.strip()
                       else "<p>" + chunk.strip().replace("\n", "<br>\n") + "</p>"
                       for chunk in chunks)


def attributes(text: str) -> dict[str, str]:
    return {m.group(1).lower(): html.unescape(next(g for g in m.groups()[1:] if g is not None))
            for m in ATTRIBUTE.finditer(text)}


def _dynamic_blocks(content: str, report: Report) -> str:
    def replace(match: re.Match) -> str:
        if match.group(1) not in HARMLESS_DYNAMIC:
            report("dynamic-block", f"block 'wp:{match.group(1)}' is drawn by the live site "
                   "and holds no text here; not carried over")
        return ""

    return DYNAMIC_BLOCK.sub(replace, content)


def _embed_block(match: re.Match) -> str:
    try:
        url = json.loads(match.group(1)).get("url", "")
    except ValueError:
        url = ""
    caption = re.search(r"<figcaption[^>]*>(.*?)</figcaption>", match.group(2), re.DOTALL)
    url = url or next(iter(re.findall(r"https?://\S+", match.group(2))), "")
    return _embed_link(url, caption.group(1).strip() if caption else url) if url else ""


def _embed_link(url: str, words: str) -> str:
    return f'\n\n<p><a href="{EMBED}{html.escape(url)}">{words}</a></p>\n\n'


def _paired(match: re.Match, report: Report) -> str:
    name, attrs, inner = match.group(1), attributes(match.group(2)), match.group(3)
    if name == "caption":
        image = re.match(r"\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)", inner,
                         re.DOTALL)
        if image is None:
            report("shortcode", "a [caption] without an image; its text is kept")
            return inner
        caption = image.group(2).strip() or attrs.get("caption", "")
        return f"\n\n<figure>{image.group(1)}<figcaption>{caption}</figcaption></figure>\n\n"
    url = inner.strip() if name == "embed" else attrs.get("src", inner.strip())
    return _embed_link(url, url) if url else ""


def _single(match: re.Match, gallery: Callable[[str], str], report: Report) -> str:
    closing, name, raw = match.group(1), match.group(2).lower(), match.group(3)
    attrs = attributes(raw)
    if name == "gallery" and not closing:
        images = [gallery(i.strip()) for i in attrs.get("ids", "").split(",") if i.strip()]
        if not all(images) or not images:
            report("gallery", f"gallery {match.group(0)} names attachments not in the "
                   "export; those images are not carried over")
        return "\n\n<figure>" + "".join(images) + "</figure>\n\n" if any(images) else ""
    if name in ("audio", "video", "youtube", "vimeo") and not closing:
        url = attrs.get("src") or next((v for k, v in attrs.items() if k in ("mp3", "mp4",
                                        "m4a", "ogg", "webm", "url")), raw.strip())
        return _embed_link(url, f"{name.title()}: {url}") if url else ""
    if not (closing or "=" in raw or "-" in name or "_" in name):
        return match.group(0)  # "[sic]", "[Editor's note ...]": text, not a shortcode
    if not closing:
        report("shortcode", f"shortcode {match.group(0)[:60]} is drawn by a plugin on the "
               "live site; not carried over")
    return ""
