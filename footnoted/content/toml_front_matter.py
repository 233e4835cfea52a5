"""TOML front matter (`+++` fences, as Hugo and Zola write it), read like YAML front matter.

tomllib parses the text; the values become the same YAML node tree that schema.py checks, so
an unknown key, a wrong type or a bad date gets the same message as in YAML. tomllib keeps no
positions, so each node takes its line from a scan of the text for its key (`key =`, a
`[table]` or `[[array]]` header); a value without a line of its own takes its parent's.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime, time
from typing import Any

import yaml

from ..problems import error
from .budget import NESTING_FIX, Exceeded, data_depth_check
from .schema import Reader

KeyPath = tuple[str | int, ...]  # keys, and indexes into arrays of tables, from the top

_TAG = "tag:yaml.org,2002:"
_HEADER = re.compile(r"^\s*(\[\[?)\s*(?P<name>[^\[\]]+?)\s*\]\]?\s*(#.*)?$")
_PART_TEXT = r"""(?:"[^"]*"|'[^']*'|[\w-]+)"""
_KEY = re.compile(rf"^\s*(?P<name>{_PART_TEXT}(?:\s*\.\s*{_PART_TEXT})*)\s*=")
_PART = re.compile(r""""([^"]*)"|'([^']*)'|([\w-]+)""")
_WHERE = re.compile(r"\s*\(at line (\d+), column \d+\)$")


def toml_node(text: str, reader: Reader) -> yaml.Node | None:
    """The YAML node tree of a TOML front matter; None, with the problem recorded, if bad."""
    try:
        data = tomllib.loads(text)
        data_depth_check(data)  # before _node walks it
    except (RecursionError, Exceeded) as exc:
        reason = exc.reason if isinstance(exc, Exceeded) else "it is nested too deeply to read"
        reader.problems.append(error(reader.path, 1 + reader.line_offset,
                                     f"the TOML is refused: {reason}", NESTING_FIX))
        return None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = _WHERE.search(message)
        line = int(found.group(1)) + reader.line_offset if found else 1 + reader.line_offset
        reader.problems.append(error(reader.path, line,
                                     f"invalid TOML: {_WHERE.sub('', message)}",
                                     "Check quotes, '=' and brackets on this line"))
        return None
    if not data:
        reader.problems.append(error(reader.path, 1 + reader.line_offset, "the TOML is empty",
                                     "Add at least 'title =' and 'date ='"))
        return None
    return _node(data, (), key_lines(text), 0)


def key_lines(text: str) -> dict[KeyPath, int]:
    """0-based line of each key, table and array-of-tables entry, by its path."""
    lines: dict[KeyPath, int] = {}
    table: KeyPath = ()
    counts: dict[KeyPath, int] = {}
    in_string = None  # the quote of a multi-line string we are inside, if any
    for number, line in enumerate(text.split("\n")):
        if in_string:
            in_string = None if line.count(in_string) % 2 else in_string
            continue
        header, key = _HEADER.match(line), _KEY.match(line)
        if header and not key:
            table = _parts(header.group("name"))
            if header.group(1) == "[[":
                counts[table] = counts.get(table, -1) + 1
                table = (*table, counts[table])
            lines.setdefault(table, number)
        elif key:
            lines.setdefault((*table, *_parts(key.group("name"))), number)
            rest = line[key.end():]
            in_string = next((q for q in ('"""', "'''") if rest.count(q) % 2), None)
    return lines


def _parts(name: str) -> KeyPath:
    return tuple(next(group for group in match.groups() if group is not None)
                 for match in _PART.finditer(name))


def _node(value: Any, path: KeyPath, lines: dict[KeyPath, int], near: int) -> yaml.Node:
    line = lines.get(path, near)
    mark = yaml.Mark("front matter", 0, line, 0, None, None)
    if isinstance(value, dict):
        pairs = [(yaml.ScalarNode(_TAG + "str", str(key),
                                  *_marks(lines.get((*path, key), line))),
                  _node(item, (*path, key), lines, line))
                 for key, item in value.items()]
        return yaml.MappingNode(_TAG + "map", pairs, mark, mark)
    if isinstance(value, list):
        items = [_node(item, (*path, index), lines, line) for index, item in enumerate(value)]
        return yaml.SequenceNode(_TAG + "seq", items, mark, mark)
    tag, text = _scalar(value)
    return yaml.ScalarNode(_TAG + tag, text, mark, mark)


def _marks(line: int) -> tuple[yaml.Mark, yaml.Mark]:
    mark = yaml.Mark("front matter", 0, line, 0, None, None)
    return mark, mark


def _scalar(value: Any) -> tuple[str, str]:
    """The YAML tag and text that give this value back, for schema.py to read."""
    if isinstance(value, bool):
        return "bool", "true" if value else "false"
    if isinstance(value, int):
        return "int", str(value)
    if isinstance(value, float):
        return "float", repr(value)
    if isinstance(value, datetime | date):
        return "timestamp", value.isoformat()
    if isinstance(value, time):
        return "str", value.isoformat()
    return "str", value
