"""Finding the project: the nearest folder at or above the current one whose pyproject.toml
holds a [tool.footnoted] table, as git finds .git and Cargo finds Cargo.toml.

Nothing is read or written in a folder before it is known to be the project's root, so
running footnoted in the wrong place leaves no cache or site behind.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

PYPROJECT = "pyproject.toml"
TABLE = re.compile(r"^\s*\[\s*tool\s*\.\s*footnoted\s*\]", re.MULTILINE)


class NoProject(Exception):
    """No footnoted project where one was looked for; the message says where and what to do."""


def find_root(start: Path, explicit: Path | None = None) -> Path:
    """The project root: `explicit` if given (it must be a project), else the nearest folder
    at or above `start`."""
    if explicit is not None:
        if is_project(explicit):
            return explicit.absolute()
        raise NoProject(f"no footnoted project in {shown(explicit)}: it has no {PYPROJECT} "
                        "with a [tool.footnoted] table")
    start = start.absolute()
    for folder in (start, *start.parents):
        if is_project(folder):
            return folder
    raise NoProject(f"no footnoted project here or above {shown(start)}")


def is_project(folder: Path) -> bool:
    """Whether `folder` holds a pyproject.toml with [tool.footnoted]; a file that is not valid
    TOML counts when it has the table's header, so its error is reported, not hidden."""
    try:
        text = (folder / PYPROJECT).read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    try:
        tool = tomllib.loads(text).get("tool")
    except tomllib.TOMLDecodeError:
        return TABLE.search(text) is not None
    return isinstance(tool, dict) and "footnoted" in tool


def shown(path: Path) -> str:
    """A path as a person would type it: the home folder as ~."""
    home = Path.home()
    path = path.absolute()
    if path == home:
        return "~"
    return f"~/{path.relative_to(home)}" if path.is_relative_to(home) else str(path)
