"""Another generator's Markdown body -> ours: shortcodes, Liquid tags, links and images.

Hugo shortcodes (`{{< figure >}}`, `{{< youtube >}}`, `{{< ref >}}`, `{{< highlight >}}`),
Jekyll's Liquid (`{% highlight %}`, `{% link %}`, `{% post_url %}`, `{{ site.x }}`) and
Pelican's `{static}`/`{filename}` links are converted to Markdown; every other tag is
removed and reported with its file and line, so no reader sees template syntax. Text in code
(fenced blocks, backtick spans) is never touched.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..content.image_places import IMAGE_SUFFIXES
from ..markdown.allowed_html import CONTENT_REMOVED, DEFAULT_ELEMENTS, EMBED_ELEMENTS
from .imageshelf import ImageShelf
from .model import Harvest
from .sourcebook import SourceBook

HIGHLIGHT = re.compile(
    r"\{\{[<%]\s*highlight\s+\"?([\w+#.-]*)\"?[^}]*?[>%]\}\}\n?(.*?)\n?\{\{[<%]\s*/highlight\s*"
    r"[>%]\}\}|\{%-?\s*highlight\s+([\w+#.-]+)[^%]*-?%\}\n?(.*?)\n?\{%-?\s*endhighlight\s*-?%\}",
    re.DOTALL)
RAW = re.compile(r"\{%-?\s*(?:end)?raw\s*-?%\}")
COMMENT = re.compile(r"\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}", re.DOTALL)
SHORTCODE = re.compile(r"\{\{([<%])\s*(/?)\s*([\w.-][\w./-]*)(.*?)\s*[>%]\}\}")
LIQUID_TAG = re.compile(r"\{%-?\s*(\w+)(.*?)-?%\}")
LIQUID_OUTPUT = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}")
ARGUMENT = re.compile(r"""(?:([\w-]+)\s*=\s*)?(?:"([^"]*)"|'([^']*)'|([^\s"']+))""")
IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
LINK = re.compile(r"(?<![!\\])\[((?:[^\[\]]|\[[^\]]*\])*)\]"
                  r"\(\s*<?([^)\s>]*)>?(\s+\"[^\"]*\")?\s*\)")
REFERENCE_DEFINITION = re.compile(r"^( {0,3}\[[^\]]+\]:\s*)(\S+)(.*)$")
PELICAN_LINK = re.compile(r"^(?:\{(filename|static|attach)\}|\|(filename|static|attach)\|)")
SPACER = re.compile(r"^\s*<br\s*/?>\s*$", re.IGNORECASE)  # a line that only adds space
HTML_COMMENT = re.compile(r"<!--.*?-->")  # hidden on the old site: not shown here either
RAW_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
RAW_HTML = re.compile(r"<(/?[a-zA-Z][\w-]*)[^>]*>|<!--.*?-->")
KRAMDOWN_TOC = re.compile(r"^[*-] TOC\n(?=\{:toc\})", re.MULTILINE)  # kramdown's contents list
KRAMDOWN_ATTRIBUTES = re.compile(r"^\s*\{:[^}]*\}\s*$|\{:[^}]*\}")
FENCE = re.compile(r"^\s*(```|~~~)")
FENCED_BLOCK = re.compile(r"^\s*(```|~~~).*?^\s*\1[^\n]*$", re.MULTILINE | re.DOTALL)
WRAPPED_LINK = re.compile(r"(?<![!\\])\[([^\[\]`]*\n[^\[\]`]*)\]\(\s*<?([^)\s>]*)>?\)")
CODE_SPAN = re.compile(r"(`+)(.+?)\1")
VIDEO_NAMES = {"youtube": "YouTube", "vimeo": "Vimeo", "instagram": "Instagram"}
VIDEO_URLS = {"youtube": "https://www.youtube.com/watch?v={}", "vimeo": "https://vimeo.com/{}",
              "instagram": "https://www.instagram.com/p/{}/"}


@dataclass
class BodyContext:
    """What converting one body needs from its importer."""

    path: str  # the input file, for problems
    first_line: int  # the file line of the body's first line
    harvest: Harvest
    book: SourceBook
    shelf: ImageShelf
    article_url: Callable[[str], str | None]  # a ref/post_url/link target -> "slug.md"
    site: dict[str, Any] = field(default_factory=dict)  # `site.*` values (Jekyll _config.yml)
    page: dict[str, Any] = field(default_factory=dict)  # the file's own front matter
    base_url: str | None = None  # the old site's address, for site-relative links

    def warn(self, line: int, kind: str, message: str, fix: str = "") -> None:
        self.harvest.warn(self.path, self.first_line + line, kind, message, fix)


def convert_body(text: str, context: BodyContext) -> str:
    text = HIGHLIGHT.sub(_fence, text)
    text = RAW.sub("", text)
    text = KRAMDOWN_TOC.sub("", text)
    text = _wrapped_links(text, context)
    text = COMMENT.sub(lambda m: _dropped_comment(m, text, context), text)
    out: list[str] = []
    fence = None  # the fence that opened the code block we are in
    for index, line in enumerate(text.split("\n")):
        opening = FENCE.match(line)
        if fence or opening:
            closes = fence and opening and opening.group(1) == fence
            fence = None if closes else fence or opening.group(1)
            out.append(line)
            continue
        converted = _outside_code(line, lambda code, i=index: _line(code, i, context))
        if converted.strip() or (out and out[-1].strip()):
            out.append(converted.rstrip() if not converted.strip() else converted)
    return "\n".join(out).strip("\n") + "\n"


def _wrapped_links(text: str, context: BodyContext) -> str:
    """Links whose words run over a line break, which the line-by-line pass cannot see."""
    def replace(match: re.Match, offset: int) -> str:
        line = text.count("\n", 0, offset + match.start())
        url = _target(match.group(2), line, context, match.group(1))
        words = match.group(1)
        return f"[{words}][{context.book.lost(words)}]" if url is None else f"[{words}]({url})"

    parts, last = [], 0
    for block in FENCED_BLOCK.finditer(text):
        parts += [WRAPPED_LINK.sub(lambda m, o=last: replace(m, o), text[last:block.start()]),
                  block.group(0)]
        last = block.end()
    parts.append(WRAPPED_LINK.sub(lambda m, o=last: replace(m, o), text[last:]))
    return "".join(parts)


def _line(text: str, index: int, context: BodyContext) -> str:
    text = SHORTCODE.sub(lambda m: _shortcode(m, index, context), text)
    text = LIQUID_TAG.sub(lambda m: _liquid_tag(m, index, context), text)
    text = LIQUID_OUTPUT.sub(lambda m: _liquid_output(m, index, context), text)
    text = KRAMDOWN_ATTRIBUTES.sub(lambda m: _dropped(m, index, context, "kramdown"), text)
    text = re.sub(r"<!--\s*more\s*-->", "", text)
    if SPACER.match(text):
        context.warn(index, "raw-html", "a <br> line only added space; removed")
        return ""
    text = HTML_COMMENT.sub(lambda m: _dropped(m, index, context, "raw-html"), text)
    text = IMAGE.sub(lambda m: _image(m, index, context), text)
    text = LINK.sub(lambda m: _link(m, index, context), text)
    definition = REFERENCE_DEFINITION.match(text)
    if definition:
        url = _target(definition.group(2), index, context, "")
        text = definition.group(1) + (url or definition.group(2)) + definition.group(3)
    text = RAW_IMAGE.sub(lambda m: _raw_image(m, index, context), text)
    for tag in {m.group(1).lstrip("/").lower() for m in RAW_HTML.finditer(text) if m.group(1)}:
        if tag in CONTENT_REMOVED:
            context.warn(index, "raw-html", f"raw HTML <{tag}> is removed with its content "
                           "by the build")
        elif tag not in DEFAULT_ELEMENTS + EMBED_ELEMENTS:
            context.warn(index, "raw-html", f"raw HTML <{tag}> loses its tags (its text "
                           "stays)", "Rewrite it in Markdown, or allow it with allow_html")
    return text


def _raw_image(match: re.Match, index: int, context: BodyContext) -> str:
    """An <img> in raw HTML: its file copied like a Markdown image's, or the tag replaced by
    its alt text when the file is not in the input (the build refuses a missing image)."""
    tag = match.group(0)
    src = (re.search(r"\bsrc\s*=\s*([\"'])(.*?)\1", tag) or [None, None, ""])[2]
    alt = (re.search(r"\balt\s*=\s*([\"'])(.*?)\1", tag) or [None, None, ""])[2]
    found = context.shelf.locate(src)
    if found is not None and found.suffix.lower() in IMAGE_SUFFIXES:
        return tag.replace(src, context.shelf.copy(found), 1)
    if context.shelf.remote(src) and src.startswith(("http:", "https:", "//")):
        return tag.replace(src, context.shelf.remote(src), 1)
    context.warn(index, "missing-image", f"image '{src}' in raw HTML was not found; the tag "
                   "is replaced by its alt text", "Put the file beside the article")
    return alt


def _outside_code(line: str, convert: Callable[[str], str]) -> str:
    """`convert` the line with its code spans set aside, so that a link whose words hold
    code (`[`where`](/docs/)`) is still one link."""
    spans = [span.group(0) for span in CODE_SPAN.finditer(line)]
    hidden = CODE_SPAN.sub(lambda m: f"\ue010{spans.index(m.group(0))}\ue011", line)
    return re.sub("\ue010(\\d+)\ue011", lambda m: spans[int(m.group(1))], convert(hidden))


def _fence(match: re.Match) -> str:
    language = match.group(1) if match.group(1) is not None else match.group(3)
    code = match.group(2) if match.group(2) is not None else match.group(4)
    return f"```{language}\n{code}\n```"


def _arguments(text: str) -> tuple[list[str], dict[str, str]]:
    positional, named = [], {}
    for m in ARGUMENT.finditer(text):
        value = next((g for g in m.groups()[1:] if g is not None), "")
        if m.group(1):
            named[m.group(1).lower()] = value
        else:
            positional.append(value)
    return positional, named


def _shortcode(match: re.Match, index: int, context: BodyContext) -> str:
    closing, name = match.group(2), match.group(3).lower()
    positional, named = _arguments(match.group(4))
    first = positional[0] if positional else named.get("id", named.get("src", ""))
    if name in ("ref", "relref"):
        target, _, anchor = (first or named.get("path", "")).partition("#")
        url = context.article_url(target)
        if url is None:
            context.warn(index, "shortcode", f"{{{{< {name} \"{target}\" >}}}} names a page "
                           "that was not imported; the link is kept relative")
            url = f"../{target.strip('/').rsplit('/', 1)[-1].removesuffix('.md')}/"
        return url + (f"#{anchor}" if anchor else "")
    if name == "figure" and not closing:
        return _figure(named)
    name = name.removesuffix("_simple")  # Hugo's privacy-friendly variants
    if name in VIDEO_URLS and first:
        return f"[{VIDEO_NAMES[name]} video {first}]({VIDEO_URLS[name].format(first)})"
    if name in ("tweet", "twitter", "x") and (named.get("id") or first):
        user = named.get("user", "i")
        return f"[Post by @{user}](https://twitter.com/{user}/status/{named.get('id') or first})"
    if name == "gist" and len(positional) >= 2:
        return f"[Gist {positional[0]}/{positional[1]}](https://gist.github.com/" \
               f"{positional[0]}/{positional[1]})"
    if not closing:
        context.warn(index, "shortcode", f"shortcode {match.group(0)[:60]} has no Markdown "
                       "equivalent; removed (text between its tags is kept)")
    return ""


def _figure(named: dict[str, str]) -> str:
    alt = named.get("alt") or named.get("title") or named.get("caption", "")
    image = f"![{alt}]({named.get('src', '')})"  # the image pass below resolves it
    caption = " ".join(filter(None, [named.get("title"), named.get("caption"),
                                     named.get("attr")]))
    return image + (f"\n\n*{caption}*" if caption else "")


def _liquid_tag(match: re.Match, index: int, context: BodyContext) -> str:
    name, argument = match.group(1), match.group(2).strip()
    if name in ("link", "post_url"):
        url = context.article_url(argument.strip("'\" "))
        if url is not None:
            return url
        context.warn(index, "liquid", f"{{% {name} {argument} %}} names a post that was not "
                       "imported; the link is kept relative")
        return f"../{argument.rsplit('/', 1)[-1].rsplit('.', 1)[0]}/"
    context.warn(index, "template", f"template tag {match.group(0)[:60]} cannot run "
                   "here; removed (text between its tags is kept)")
    return ""


def _liquid_output(match: re.Match, index: int, context: BodyContext) -> str:
    expression = match.group(1).split("|")[0].strip()
    scope, _, key = expression.partition(".")
    values = {"site": context.site, "page": context.page}.get(scope, {})
    if key in ("baseurl", "url") and scope == "site":
        return ""  # links are made site-relative, then resolved against base_url
    if isinstance(values.get(key), str | int | float):
        return str(values[key])
    if expression.startswith(("'", '"')):
        return expression.strip("'\"")  # {{ "/about/" | relative_url }}
    context.warn(index, "template", f"template output {match.group(0)[:60]} has no value "
                   "here; removed")
    return ""


def _dropped(match: re.Match, index: int, context: BodyContext, kind: str) -> str:
    context.warn(index, kind, f"'{match.group(0).strip()[:60]}' has no meaning here; "
                   "removed")
    return ""


def _dropped_comment(match: re.Match, text: str, context: BodyContext) -> str:
    line = text[: match.start()].count("\n")
    context.warn(line, "liquid", "a {% comment %} block was left out")
    return "\n" * match.group(0).count("\n")


def _image(match: re.Match, index: int, context: BodyContext) -> str:
    src = _pelican_target(match.group(2))
    return context.shelf.markdown(src, match.group(1), context.path, context.first_line + index)


def _link(match: re.Match, index: int, context: BodyContext) -> str:
    words, href = match.group(1), match.group(2)
    url = _target(href, index, context, words)
    if url is None:
        return f"[{words}][{context.book.lost(words)}]"
    return f"[{words}]({url}{match.group(3) or ''})"


def _target(href: str, index: int, context: BodyContext, words: str) -> str | None:
    """Where a link goes in our site, or None when it went nowhere (a lost source)."""
    if href in ("", "#") or href.lower().startswith("javascript:"):
        context.warn(index, "lost-link", f"link '{words[:40]}' had no target; declared as a "
                       "lost source", "Find the original target and give its url")
        return None
    pelican = _pelican_target(href)
    if pelican != href or href.startswith("/") and not href.startswith("//"):
        url = context.article_url(pelican.split("#")[0])
        if url is not None:
            return url + (f"#{href.split('#', 1)[1]}" if "#" in href else "")
        if context.base_url and href.startswith("/"):
            return context.base_url.rstrip("/") + href
        context.warn(index, "relative-link", f"link to '{href}' is relative to the old "
                       "site; kept as it is", "Give the full address")
    return pelican


def _pelican_target(href: str) -> str:
    return PELICAN_LINK.sub("", href)
