"""Fenced code as other generators write it, read with pymdown-extensions' SuperFences.

    ```js run                 ```{r echo=FALSE}          1. Install it:
    let x = 1;                x <- 1
    ```                       ```                            ```bash
                                                             pip install footnoted
    ````python title="a.py"   ```r {hl_lines=[1]}            ```
    ```                       x <- 1
    ````                      ```

Python-Markdown's own `fenced_code` reads a fence only at the start of a line and only with
a language and `hl_lines`, so the fences of Hugo, Jekyll, VitePress, R Markdown and GitHub
(more words after the language, attributes, fences inside list items and quotes) became
paragraphs: quotes curled, `<tags>` read as raw HTML, `[^\\d]` as a note. SuperFences finds
them all (it is made for Python-Markdown and replaces `fenced_code` under the same name);
here it takes any info string (`relaxed_headers`), keeps the language (the first word, or
R Markdown's `{r ...}`) and `hl_lines`, and ignores the rest: the block is highlighted by
codehilite with our formatter, so a fence looks exactly as before (code_blocks.py).

As in CommonMark, an opening line of backticks with a backtick after them (```` ```x``` ````)
is no fence but inline code, a closing fence may be longer than the opening one, a fence
right after a line of text ends that paragraph, a fence in a quote ends with the quote, and a
fence never closed holds the rest of the document (a Hugo page ending in its example's code).
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.extensions.codehilite import CodeHilite, CodeHiliteExtension, parse_hl_lines
from markdown.preprocessors import Preprocessor
from pymdownx.superfences import SuperFencesBlockPreprocessor, SuperFencesCodeExtension

# A line opening or closing a fence, after any quote marks and indentation.
FENCE_LINE = re.compile(r"(?P<prefix>[ >]*)(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
LANGUAGE = "footnoted_language"  # an option our validator sets: R Markdown's {r ...}


def fences_extension(css_class: str) -> SuperFencesCodeExtension:
    """SuperFences reading every fence, each highlighted as codehilite highlights."""
    return FencesExtension(relaxed_headers=True, custom_fences=[
        {"name": "*", "class": css_class, "format": _highlighted, "validator": _options}])


class FencesExtension(SuperFencesCodeExtension):
    def patch_fenced_rule(self) -> None:
        super().patch_fenced_rule()
        fenced = BacktickSafeFences(self.md)
        fenced.config = self.getConfigs()
        fenced.extension = self
        # 25: the place (and name) of Python-Markdown's fenced_code, which this replaces:
        # before raw HTML (20) is stashed, so markup inside code stays code.
        self.md.preprocessors.register(fenced, "fenced_code_block", 25)
        # 25.5: just before the fences are read, so every fence has its end.
        self.md.preprocessors.register(FenceEnds(self.md), "footnoted_fence_ends", 25.5)


class FenceEnds(Preprocessor):
    """A fence opened inside a quote ends where the quote does, and one never closed at the
    top level ends with the document (CommonMark), though its closing line was never
    written: that line is added, so SuperFences sees the block instead of printing its marks
    as text."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        fence = prefix = ""  # the open fence and what stands before it on its line
        for line in lines:
            if fence and ">" in prefix and not line.lstrip(" ").startswith(">"):
                _close(out, prefix, fence)  # the quote ended
                fence = prefix = ""
            found = FENCE_LINE.match(line)
            if found and not fence:
                fence, prefix = found.group("fence"), found.group("prefix")
            elif found and _closes(found, fence):
                fence = prefix = ""
            out.append(line)
        if fence and len(prefix) < 4:  # at the top level; inside a list item or an
            _close(out, prefix, fence)  # indented code block the end is less certain
        return out


def _close(out: list[str], prefix: str, fence: str) -> None:
    """The closing line of `fence`, before the blank lines `out` ends with."""
    blanks = 0
    while blanks < len(out) and not out[-1 - blanks].strip():
        blanks += 1
    closing = prefix.rstrip(" ") + " " + fence if ">" in prefix else prefix + fence
    out.insert(len(out) - blanks, closing)


def _closes(found: re.Match, fence: str) -> bool:
    mark = found.group("fence")
    return mark[0] == fence[0] and len(mark) >= len(fence) and not found.group("info").strip()


class BacktickSafeFences(SuperFencesBlockPreprocessor):
    """SuperFences' preprocessor, but ```` ```x``` ```` on a line of its own opens no fence."""

    def parse_options(self, m) -> bool:
        return not _backtick_in_info(m) and super().parse_options(m)

    def handle_attrs(self, m) -> bool:
        return not _backtick_in_info(m) and super().handle_attrs(m)

    def handle_unrecognized(self, m) -> bool:
        return not _backtick_in_info(m) and super().handle_unrecognized(m)


    def eval_fence(self, ws: str, content: str, start: int, end: int) -> None:
        super().eval_fence(ws, _closing(content, self.fence), start, end)

    def eval_quoted(self, ws: str, content: str, quote_level: int, start: int, end: int
                    ) -> None:
        super().eval_quoted(ws, _closing(content, self.fence), quote_level, start, end)

    def reassemble(self, lines: list[str]) -> list[str]:
        """SuperFences' placeholders put back, each a block of its own: a fence right after
        a line of text ends that paragraph, as in CommonMark, instead of landing inside it
        (a `<div>` in a `<p>`). Inside list items the lines stay as written (a blank line
        would make a tight list loose)."""
        while self.stack:
            fenced, start, end = self.stack.pop()
            prefix = fenced[:fenced.index("\x02")] if "\x02" in fenced else ""
            block = [fenced]
            if not prefix.startswith((" ", "\t")):
                blank = prefix.rstrip()  # ">" inside a quote: the quote goes on
                if start > 0 and lines[start - 1].strip() not in ("", blank):
                    block.insert(0, blank)
                if end < len(lines) and lines[end].strip() not in ("", blank):
                    block.append(blank)
            lines = lines[:start] + block + lines[end:]
        return lines


def _closing(content: str, fence: str) -> str:
    """A closing fence may be longer than the opening one (CommonMark): ```` after ```."""
    line = content.rstrip(" \t")
    if fence and len(line) > len(fence) and line == fence[0] * len(line):
        return fence
    return content


def _backtick_in_info(m) -> bool:
    return m.group("fence").startswith("`") and "`" in m.string[m.end("fence"):m.end()]


def _options(language: str, inputs: dict, options: dict, attrs: dict, md: Markdown) -> bool:
    """Which of the fence's words count: `hl_lines="1 3"`, and the language of `{r echo=F}`
    (a first word without a value); everything else is ignored, never an attribute (an
    attribute would make SuperFences refuse the fence)."""
    words = list(inputs.items())
    if not language and words and words[0][1] is None:
        options[LANGUAGE] = words[0][0]
    if isinstance(inputs.get("hl_lines"), str):
        options["hl_lines"] = parse_hl_lines(inputs["hl_lines"])
    return True


def _highlighted(source: str, language: str, class_name: str, options: dict, md: Markdown,
                 **_: object) -> str:
    """The block as Python-Markdown's fenced_code makes it with codehilite's settings."""
    config = dict(_codehilite(md).getConfigs())
    config["hl_lines"] = options.get("hl_lines", [])
    highlighter = CodeHilite(source, lang=language or options.get(LANGUAGE) or None,
                             style=config.pop("pygments_style", "default"), **config)
    return highlighter.hilite(shebang=False)


def _codehilite(md: Markdown) -> CodeHiliteExtension:
    found: list[CodeHiliteExtension] = [ext for ext in md.registeredExtensions
                                        if isinstance(ext, CodeHiliteExtension)]
    if not found:
        raise LookupError("fenced code needs the codehilite extension")
    return found[0]

