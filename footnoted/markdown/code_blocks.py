"""Code blocks a keyboard can scroll: Pygments' HTML with a focusable, named `<pre>`.

A long line makes a code block scroll sideways, and a region that scrolls must be reachable
without a mouse (axe: scrollable-region-focusable). codehilite takes this formatter through
its `pygments_formatter` setting, so every highlighted block is built with the attributes,
never patched afterwards:

    <div class="highlight"><pre tabindex="0" role="region" aria-label="Code 1: python"><code>

The blocks of an article are numbered, because regions with the same name are landmarks a
screen reader cannot tell apart (axe: landmark-unique).
"""

from __future__ import annotations

import html

from pygments.formatters.html import HtmlFormatter

CODE_REGION = {"tabindex": "0", "role": "region"}  # raw HTML's <pre> gets the same


class CodeLabels:
    """Names the code blocks of one article, in the order they are made; `reset()` for the
    next article."""

    def __init__(self, word: str = "Code") -> None:
        self.word = word
        self.count = 0

    def reset(self) -> None:
        self.count = 0

    def next(self, language: str = "") -> str:
        self.count += 1
        name = f"{self.word} {self.count}"
        return f"{name}: {language}" if language and language != "text" else name

    def formatter(self, lang_str: str = "", **options) -> FocusableCodeFormatter:
        """What codehilite calls for each block (its `pygments_formatter`)."""
        return FocusableCodeFormatter(self.next(lang_str.removeprefix("language-")), **options)


class FocusableCodeFormatter(HtmlFormatter):
    def __init__(self, label: str, **options) -> None:
        super().__init__(**options)
        self.label = label

    def wrap(self, source):
        """`HtmlFormatter.wrap`'s `<pre><code>`, the `<pre>` (which scrolls) focusable."""
        attributes = "".join(f' {name}="{value}"' for name, value in CODE_REGION.items())
        yield 0, f'<pre{attributes} aria-label="{html.escape(self.label)}"><code>'
        yield from source
        yield 0, "</code></pre>"
