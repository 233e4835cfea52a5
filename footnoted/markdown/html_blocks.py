"""Where raw HTML blocks start and end: CommonMark's rules, as GitHub, Hugo and Zola read them.

    <details>
    <summary>Why?</summary>

    Because **Markdown** works here again, after the blank line.

    </details>

Python-Markdown's own preprocessor takes everything up to the closing tag as raw HTML, so
the Markdown inside such a block (the usual way to write it elsewhere) would be shown as
typed. Here a block of the kinds CommonMark names ends at a blank line (or at its closing
`</script>`, `</pre>`, `-->` ...), and the text after it is Markdown. Each block is stashed
raw; raw_html.py sanitises it and builds it into the tree with the Markdown around it.
"""

from __future__ import annotations

import re

from markdown.preprocessors import Preprocessor

# CommonMark 0.31, HTML blocks: start condition -> end condition, for kinds 1 to 5.
_UNTIL = [
    (re.compile(r"^ {0,3}<(?:script|pre|style|textarea)(?:\s|>|$)", re.I),
     re.compile(r"</(?:script|pre|style|textarea)>", re.I)),
    (re.compile(r"^ {0,3}<!--"), re.compile(r"-->")),
    (re.compile(r"^ {0,3}<\?"), re.compile(r"\?>")),
    (re.compile(r"^ {0,3}<![A-Za-z]"), re.compile(r">")),
    (re.compile(r"^ {0,3}<!\[CDATA\["), re.compile(r"\]\]>")),
]
_CLOSINGS = ("", "-->", "?>", ">", "]]>")  # kind 1's is its own tag's
_BLOCK_TAGS = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|"
    "details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|"
    "h1|h2|h3|h4|h5|h6|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|"
    "noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|"
    "thead|title|tr|track|ul"
)
# Kind 6: a known block-level tag; ends at a blank line.
_BLOCK_START = re.compile(rf"^ {{0,3}}</?(?:{_BLOCK_TAGS})(?:\s|/?>|$)", re.I)
# Kind 7: any other complete tag alone on its line; cannot interrupt a paragraph.
_ATTRIBUTE = r"""\s+[a-zA-Z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?"""
_LONE_TAG = re.compile(rf"^ {{0,3}}(?:<[a-zA-Z][\w-]*(?:{_ATTRIBUTE})*\s*/?>|</[a-zA-Z][\w-]*\s*>)"
                       r"\s*$")


class HtmlBlockPreprocessor(Preprocessor):
    """Stashes each raw HTML block and tells `on_raw` the stash index it got, and
    `on_unclosed` the first line of a block whose end never comes (an unclosed `<!--`
    hides the rest of the article, as it does in every CommonMark renderer)."""

    def __init__(self, md, on_raw, on_unclosed=lambda line, closing: None) -> None:
        super().__init__(md)
        self.on_raw = on_raw
        self.on_unclosed = on_unclosed

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        index = 0
        in_paragraph = False
        while index < len(lines):
            end = self.block_end(lines, index, in_paragraph)
            if end is None:
                in_paragraph = bool(lines[index].strip()) and not lines[index].startswith("    ")
                out.append(lines[index])
                index += 1
                continue
            closing = _missing_end(lines, index, end)
            if closing:
                self.on_unclosed(lines[index], closing)
            placeholder = self.md.htmlStash.store("\n".join(lines[index:end]))
            self.on_raw(self.md.htmlStash.html_counter - 1)
            out += ["", placeholder, ""]
            index, in_paragraph = end, False
        return out

    @staticmethod
    def block_end(lines: list[str], start: int, in_paragraph: bool) -> int | None:
        """The line after the block starting at `start`, or None if no block starts there."""
        line = lines[start]
        for begins, ends in _UNTIL:
            if begins.match(line):
                for index in range(start, len(lines)):
                    if ends.search(lines[index]):
                        return index + 1
                return len(lines)
        if _BLOCK_START.match(line) or (not in_paragraph and _LONE_TAG.match(line)):
            index = start
            while index < len(lines) and lines[index].strip():
                index += 1
            return index
        return None


def _missing_end(lines: list[str], start: int, end: int) -> str | None:
    """The end a block of kinds 1 to 5 still waits for at its last line (`-->`), or None
    when it found it, or is of a kind that ends at a blank line."""
    for kind, (begins, ends) in enumerate(_UNTIL):
        found = begins.match(lines[start])
        if found and end == len(lines) and not ends.search(lines[end - 1]):
            return f"</{found.group().strip()[1:].rstrip('>').lower()}>" if kind == 0 \
                else _CLOSINGS[kind]
        if found:
            return None
    return None
