"""Typed YAML: turn a YAML node tree into dataclasses, reporting every mistake with its line.

Front matter and `content/sources.yaml` are both read through here, so an unknown key, a
wrong type or an impossible date gets the same kind of message wherever it is written.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import types
import typing
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from difflib import get_close_matches
from pathlib import Path
from typing import Any

import yaml

from ..problems import Problem, error, warning
from .text_clean import xml_safe


@dataclass(frozen=True, slots=True)
class Moment:
    """A publication time, as precise as the editor knew it: a year, a month, a day or a time."""

    value: datetime  # always time-zone aware; a bare date is midnight in the site's zone
    precision: str = "day"  # "year", "month", "day" or "time"

    @property
    def has_time(self) -> bool:
        return self.precision == "time"

    def isoformat(self) -> str:
        if self.precision == "time":
            return self.value.isoformat()
        return self.value.date().isoformat()[: {"year": 4, "month": 7}.get(self.precision, 10)]


def moment_from_parts(parts: list[int], timezone: tzinfo) -> Moment:
    """[2023], [2023, 4] or [2023, 4, 6]: CSL's date-parts; raises ValueError if impossible."""
    year, month, day = (list(parts) + [1, 1])[:3]
    precision = ("year", "month", "day")[min(len(parts), 3) - 1]
    return Moment(datetime(year, month, day, tzinfo=timezone), precision)


class CheckedText(str):
    """Text with a rule of its own (a URL, a path): `problem` says what is wrong, or None.

    Declaring a field with a subclass puts the check in the schema, so the message carries
    the line of the value, like every other front-matter mistake.
    """

    @classmethod
    def problem(cls, value: str) -> tuple[str, str] | None:
        """(what is wrong, how to fix it) for a bad value; None when the value is fine."""
        return None


@dataclass
class Reader:
    """What a conversion needs to know to report problems and to place bare dates in time."""

    path: Path | str
    timezone: tzinfo
    line_offset: int = 0  # lines before the YAML text in its file (the front-matter fence)
    problems: list[Problem] = dataclasses.field(default_factory=list)
    # (where, unknown key) -> the fix to print, e.g. ("front matter", "permalink")
    key_fixes: dict[tuple[str, str], str] = dataclasses.field(default_factory=dict)

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + 1 + self.line_offset

    def fail(self, node: yaml.Node, message: str, fix: str = "") -> None:
        self.problems.append(error(self.path, self.line(node), message, fix))


def read(node: yaml.Node, cls: type, reader: Reader, where: str) -> Any:
    """Convert `node` to an instance of `cls`; on any problem record it and return None."""
    return _convert(node, cls, reader, where)


def _convert(node: yaml.Node, hint: Any, reader: Reader, where: str) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return _convert_optional(node, hint, reader, where)
    if origin is list:
        return _convert_list(node, typing.get_args(hint)[0], reader, where)
    if origin is dict:
        return _convert_mapping(node, typing.get_args(hint)[1], reader, where)
    if hint is Moment:
        return _convert_moment(node, reader, where)
    if dataclasses.is_dataclass(hint):
        return _convert_dataclass(node, hint, reader, where)
    if hint is Any:
        return construct_plain(node)
    if isinstance(hint, type) and issubclass(hint, CheckedText):
        return _convert_checked(node, hint, reader, where)
    return _convert_scalar(node, hint, reader, where)


def _convert_optional(node: yaml.Node, hint: Any, reader: Reader, where: str) -> Any:
    if _is_null(node):
        return None
    inner = [arg for arg in typing.get_args(hint) if arg is not type(None)]
    return _convert(node, inner[0], reader, where)


def _convert_list(node: yaml.Node, item: Any, reader: Reader, where: str) -> list | None:
    if isinstance(node, yaml.ScalarNode) and item is str and not _is_null(node):
        return [node.value]  # `tags: Russia` means a list of one
    if not isinstance(node, yaml.SequenceNode):
        reader.fail(node, f"{where} must be a list", "Write each item on its own '- ' line")
        return None
    values = [_convert(child, item, reader, f"{where} item") for child in node.value]
    return None if any(v is None for v in values) else values


def _convert_mapping(node: yaml.Node, item: Any, reader: Reader, where: str) -> dict | None:
    if not isinstance(node, yaml.MappingNode):
        reader.fail(node, f"{where} must be a mapping of names to entries")
        return None
    result: dict[str, Any] = {}
    failed = False
    for key_node, value_node in node.value:
        key = str(key_node.value)
        if key in result:
            reader.fail(key_node, f"{where} defines '{key}' twice", "Keep one definition")
            continue
        result[key] = _convert(value_node, item, reader, f"{where} '{key}'")
        # Free-form data (`extra:`) may hold an empty value; a failed conversion was reported.
        failed = failed or (result[key] is None and not (item is Any and _is_null(value_node)))
    return None if failed else result


def _convert_dataclass(node: yaml.Node, cls: type, reader: Reader, where: str) -> Any:
    if isinstance(node, yaml.ScalarNode) and "name" in _field_names(cls) and node.value:
        node = yaml.MappingNode("tag:yaml.org,2002:map", [(_key("name", node), node)])
    if not isinstance(node, yaml.MappingNode):
        reader.fail(node, f"{where} must be a mapping of keys to values")
        return None
    fields = {f.name: f for f in dataclasses.fields(cls)}
    hints = _type_hints(cls)
    values: dict[str, Any] = {}
    ok = True
    for key_node, value_node in node.value:
        key = str(key_node.value)
        if key not in fields:
            _unknown_key(key_node, key, list(fields), reader, where)
            ok = False
        elif key in values:
            reader.fail(key_node, f"'{key}' is given twice in {where}", "Keep one of them")
            ok = False
        else:
            value = _convert(value_node, hints[key], reader, f"'{key}'")
            ok = ok and (value is not None or _is_null(value_node))
            values[key] = value
    for name, field in fields.items():
        if name not in values and _is_required(field):
            reader.fail(node, f"{where} is missing the required key '{name}'", f"Add '{name}:'")
            ok = False
    return cls(**values) if ok else None


def _unknown_key(node: yaml.Node, key: str, known: list[str], reader: Reader, where: str) -> None:
    close = get_close_matches(key, known, n=1)
    fix = f"Did you mean '{close[0]}'?" if close else f"Known keys: {', '.join(known)}"
    fix = reader.key_fixes.get((where, key), fix)
    reader.fail(node, f"unknown key '{key}' in {where}", fix)


def _convert_moment(node: yaml.Node, reader: Reader, where: str) -> Moment | None:
    """A year, month, day or date-time; a time without an offset is in the site's zone."""
    text = str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""
    fix = "Write a date like 2023-04-06 or a time like 2023-04-06T09:30:00+03:00"
    try:
        if _YEAR_MONTH_DAY.fullmatch(text):  # 2023, 2023-04, 2023-04-06
            return moment_from_parts([int(part) for part in text.split("-")], reader.timezone)
        # Jekyll writes `2013-05-06 02:12:52 +0200`: only the first space means "T".
        moment = datetime.fromisoformat(text.replace(" ", "T", 1))
    except ValueError as exc:
        if _ISO_START.match(text) and "isoformat" not in str(exc):  # out of range: say which
            reader.fail(node, f"{where} is not a valid date: '{text}' ({exc})", fix)
        elif _ISO_START.match(text):
            reader.fail(node, f"{where} is not a valid date: '{text}'", fix)
        else:
            reader.fail(node, f"{where} is not a date in the form year-month-day: '{text}'",
                        _reordered(text) or fix)
        return None
    if moment.tzinfo is None:  # as Hugo and Pelican read it: in the site's time zone
        moment = moment.replace(tzinfo=reader.timezone)
    return Moment(moment, "time")


_YEAR_MONTH_DAY = re.compile(r"\d{4}(?:-\d{1,2}){0,2}")
_ISO_START = re.compile(r"^\d{4}-\d{1,2}")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})")


def _reordered(text: str) -> str | None:
    """How to write `25/11/2026` or `11/25/2026` year first; None for other text."""
    found = _DAY_MONTH_YEAR.fullmatch(text)
    if found is None:
        return None
    first, second, year = (int(part) for part in found.groups())
    if first > 12 >= second:
        return f"Write it year first: {year}-{second:02d}-{first:02d}"
    if second > 12 >= first:
        return f"Write it year first: {year}-{first:02d}-{second:02d}"
    return (f"Write it year first: {year}-{second:02d}-{first:02d} if {first} is the day, "
            f"{year}-{first:02d}-{second:02d} if it is the month")


def _convert_scalar(node: yaml.Node, hint: type, reader: Reader, where: str) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        reader.fail(node, f"{where} must be a single {_type_name(hint)}, not a list or mapping")
        return None
    value = construct_plain(node)
    if hint is str and isinstance(value, str) and xml_safe(value) != value:
        reader.problems.append(warning(
            reader.path, reader.line(node), f"{where} holds invisible control characters, "
            "removed: a web page or feed cannot hold them",
            "Remove the escape (such as \\u0001) from the text"))
        return xml_safe(value)
    if hint is str and isinstance(value, int | float | date) and not isinstance(value, bool):
        return str(node.value)  # `title: 1984` is a title, not a number
    if hint is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, hint) and (hint is bool or not isinstance(value, bool)):
        return value
    reader.fail(node, f"{where} must be {_type_name(hint)}, got '{node.value}'",
                "Use true or false" if hint is bool else "")
    return None


def _convert_checked(node: yaml.Node, hint: type, reader: Reader, where: str) -> Any:
    text = _convert_scalar(node, str, reader, where)
    if text is None:
        return None
    found = hint.problem(text)
    if found is not None:
        reader.fail(node, f"{where} {found[0]}", found[1])
        return None
    return hint(text)


def construct_plain(node: yaml.Node) -> Any:
    """The Python value YAML itself would give, for free-form data and scalars."""
    return _CONSTRUCTOR.construct_document(node)


# One constructor for every node: making a loader per scalar was a tenth of a cold build.
_CONSTRUCTOR = yaml.SafeLoader("")


@functools.cache
def _type_hints(cls: type) -> dict[str, Any]:
    """Resolving string annotations is slow; the dataclasses never change during a run."""
    return typing.get_type_hints(cls)


def _type_name(hint: type) -> str:
    return {str: "text", int: "a whole number", bool: "true or false"}.get(hint, hint.__name__)


def _field_names(cls: type) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


def _is_required(field: dataclasses.Field) -> bool:
    no_default = field.default is dataclasses.MISSING
    return no_default and field.default_factory is dataclasses.MISSING


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _key(name: str, near: yaml.Node) -> yaml.ScalarNode:
    return yaml.ScalarNode("tag:yaml.org,2002:str", name, near.start_mark, near.end_mark)
