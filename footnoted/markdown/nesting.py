"""A limit on nesting, checked before parsing: deep input gets a message, never a crash.

Python-Markdown parses nested quotes, lists and emphasis recursively, so a text nested a
thousand levels deep (an email thread pasted whole, or a hostile file) would end in a
RecursionError. Real articles nest a handful of levels; past MAX_DEPTH we report the line
and render nothing for this article.
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.preprocessors import Preprocessor

from ..problems import Problem, error
from .article_context import ArticleExtension

MAX_DEPTH = 40  # levels of quotes + list indentation, or of brackets + emphasis in a line
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_BLOCK_MARKER = re.compile(r">|[-+*](?= )|\d{1,9}[.)](?= )")
_BLOCK_PREFIX = re.compile(rf"^[ ]*(?:(?:{_BLOCK_MARKER.pattern})[ ]*)*")
_INLINE_TOKEN = re.compile(r"\[|\]|[*_]+")
_PREFIX_CHARACTERS = " >-+*.)0123456789"  # all _BLOCK_PREFIX can match


class NestingLimitExtension(ArticleExtension):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.problems: list[Problem] = []

    def extendMarkdown(self, md: Markdown) -> None:
        self.register(md)
        # 28: after 'normalize_whitespace' (30) expands tabs, before 'fenced_code_block' (25)
        # replaces fenced blocks and so changes line numbers.
        md.preprocessors.register(NestingLimitPreprocessor(md, self), "footnoted_nesting", 28)

    def reset(self) -> None:
        self.problems = []


class NestingLimitPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, ext: NestingLimitExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        for index, depth in _depths(lines):
            if depth > MAX_DEPTH:
                line = self.ext.article.first_line + index
                self.ext.problems.append(error(
                    self.ext.article.path, line,
                    f"the text is nested {depth} levels deep here; footnoted reads at most "
                    f"{MAX_DEPTH}", "Flatten the quotes, lists, brackets or emphasis"))
                return []  # nothing is rendered; the build stops on the error anyway
        return lines


def _depths(lines: list[str]):
    """(index, nesting depth) of each line outside fenced code."""
    in_fence = False
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
        if not in_fence and may_be_deep(line):
            yield index, max(block_depth(line), inline_depth(line))


def may_be_deep(line: str) -> bool:
    """Whether `line` could nest past MAX_DEPTH. Each level takes a character of its own (a
    marker or indentation before the text; a bracket or emphasis run in it), so counting
    those in C spares nearly every line the measuring loops below."""
    prefix = len(line) - len(line.lstrip(_PREFIX_CHARACTERS))
    return prefix > MAX_DEPTH or line.count("[") + line.count("*") + line.count("_") > MAX_DEPTH


def block_depth(line: str) -> int:
    """Quote and list markers opening `line`, plus its levels of four-space indentation."""
    prefix = _BLOCK_PREFIX.match(line)
    if prefix is None:
        return 0
    markers = len(_BLOCK_MARKER.findall(prefix.group(0)))
    indentation = max(prefix.group(0).count(" ") - markers, 0)  # a marker's own space is not
    return markers + indentation // 4


def inline_depth(line: str) -> int:
    """How deep brackets and emphasis runs open inside each other in `line`."""
    depth = deepest = 0
    for token in _INLINE_TOKEN.finditer(line):
        depth = max(depth + _opens_or_closes(line, token), 0)
        deepest = max(deepest, depth)
    return deepest


def _opens_or_closes(line: str, token: re.Match) -> int:
    """+1 for `[` or an emphasis run that can only open, -1 for `]` or one that can only close."""
    text = token.group(0)
    if text in "[]":
        return 1 if text == "[" else -1
    opens = token.end() < len(line) and not line[token.end()].isspace()
    closes = token.start() > 0 and not line[token.start() - 1].isspace()
    return int(opens) - int(closes)
