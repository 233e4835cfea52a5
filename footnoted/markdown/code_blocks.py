"""Code blocks a keyboard can scroll: Pygments' HTML with a focusable, named `<pre>`.

A long line makes a code block scroll sideways, and a region that scrolls must be reachable
without a mouse (axe: scrollable-region-focusable). codehilite takes this formatter through
its `pygments_formatter` setting, so every highlighted block is built with the attributes,
never patched afterwards:

    <div class="highlight"><pre tabindex="0" role="region" aria-label="Code: python"><code>
"""

from __future__ import annotations

import html

from pygments.formatters.html import HtmlFormatter

CODE_REGION = {"tabindex": "0", "role": "region"}  # raw HTML's <pre> gets the same


class FocusableCodeFormatter(HtmlFormatter):
    def __init__(self, label: str = "Code", lang_str: str = "", **options) -> None:
        super().__init__(**options)
        language = lang_str.removeprefix("language-")
        self.label = f"{label}: {language}" if language and language != "text" else label

    def wrap(self, source):
        """`HtmlFormatter.wrap`'s `<pre><code>`, the `<pre>` (which scrolls) focusable."""
        attributes = "".join(f' {name}="{value}"' for name, value in CODE_REGION.items())
        yield 0, f'<pre{attributes} aria-label="{html.escape(self.label)}"><code>'
        yield from source
        yield 0, "</code></pre>"
