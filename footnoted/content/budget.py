"""The budget of one article: how big, how deep and how long its input may be.

Every limit is far beyond what a written article needs and well inside what one worker can
hold; an article past one is an error naming the article (and the line, where there is one),
and the rest of the site is still checked. docs/threat-model.md lists them for editors.

    file size        MAX_FILE_BYTES    an article file, a shared sources file, an SVG image
    nesting          MAX_NESTING       front matter (YAML or TOML) and SVG elements
    YAML aliases     none              `*name` repeats a value: refused in front matter
    file names       MAX_NAME_BYTES    each part of a path the site would write
    time             ARTICLE_SECONDS   to load and parse one article (build/jobs.py)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import yaml

MAX_FILE_BYTES = 8 * 1024 * 1024  # a long book is 1 MB of Markdown; bench/big_input.py: 5 MB
MAX_NESTING = 64  # levels of front-matter keys and lists, or of SVG elements
MAX_NAME_BYTES = 255  # one file or folder name, as ext4, APFS and NTFS allow
ARTICLE_SECONDS = 120  # to load and parse one article; most take milliseconds, 5 MB under 60 s

NESTING_FIX = f"Flatten it: more than {MAX_NESTING} levels is never needed"
ALIAS_FIX = ("Write the value out again instead of '*name' (an alias can repeat a value "
             "without bound)")


class Exceeded(Exception):
    """An input went past its budget; `reason` says which, for the article's error."""

    def __init__(self, reason: str, fix: str, line: int = 0) -> None:
        super().__init__(reason)
        self.reason, self.fix, self.line = reason, fix, line


def yaml_shape(node: yaml.Node) -> None:
    """Raise Exceeded when the composed YAML repeats a node (an alias) or nests past the
    budget. Walked without recursion: the tree is untrusted until this returns."""
    seen: set[int] = set()
    for child, depth in _walk(node, _yaml_children):
        if id(child) in seen:
            raise Exceeded("it repeats the value anchored on this line ('&name') with a "
                           "YAML alias ('*name')", ALIAS_FIX, child.start_mark.line + 1)
        seen.add(id(child))
        if depth > MAX_NESTING:
            raise Exceeded(f"it is nested more than {MAX_NESTING} levels deep", NESTING_FIX,
                           child.start_mark.line + 1)


def data_depth_check(data: Any) -> None:
    """Raise Exceeded when plain data (dicts and lists, as TOML gives) nests past the budget."""
    for _, depth in _walk(data, _data_children):
        if depth > MAX_NESTING:
            raise Exceeded(f"it is nested more than {MAX_NESTING} levels deep", NESTING_FIX)


def name_too_long(path: str) -> str | None:
    """The first part of a '/'-separated path longer than a file system allows, or None."""
    return next((part for part in path.split("/")
                 if len(part.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES), None)


def _walk(top: Any, children) -> Iterator[tuple[Any, int]]:
    stack = [(top, 1)]
    while stack:
        item, depth = stack.pop()
        yield item, depth
        stack.extend((child, depth + 1) for child in children(item))


def _yaml_children(node: yaml.Node) -> Iterable[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return node.value if isinstance(node, yaml.SequenceNode) else ()


def _data_children(item: Any) -> Iterable[Any]:
    if isinstance(item, dict):
        return item.values()
    return item if isinstance(item, list) else ()
