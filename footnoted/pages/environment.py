"""The Jinja environment of one build in one process, and template errors as Problems."""

from __future__ import annotations

import os
import traceback
from pathlib import Path

from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
)

from ..incremental import CACHE_DIR
from ..problems import Problem, error
from ..settings import Settings
from ..theme import template_folders
from .render import make_environment


def build_environment(settings: Settings) -> Environment:
    """A Jinja environment for one build: made again for every build, so `serve` gives a
    changed stylesheet its new name; compiled templates are kept between builds on disk
    (Jinja checks them against the template source)."""
    env = make_environment(settings)
    folder = settings.root / CACHE_DIR / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = BytecodeCache(str(folder), CACHE_FILES)
    return env


# The compiled templates' file names: named after the code generator (pages/printing.py), as
# Jinja checks a kept file against the template's source and its own version, not ours.
CACHE_FILES = "__footnoted_printed_%s.cache"


class BytecodeCache(FileSystemBytecodeCache):
    """Jinja's compiled-template cache, whose folder is made again when someone deletes
    .footnoted-cache/ while `serve` (or any process that built before) still runs."""

    def dump_bytecode(self, bucket) -> None:
        os.makedirs(self.directory, exist_ok=True)
        super().dump_bytecode(bucket)


def template_problem(exc: TemplateError, settings: Settings) -> Problem:
    if isinstance(exc, TemplateSyntaxError):
        where = _template_name(Path(exc.filename), settings) if exc.filename else exc.name
        return error(where, exc.lineno, f"template error: {exc.message}",
                     "Fix the template syntax on this line")
    where, line = _template_frame(exc, settings)
    if isinstance(exc, TemplateNotFound):
        return error(where, line, f"template '{exc.name}' does not exist",
                     f"Check the name, or add it to {settings.templates_dir}/")
    return error(where, line, f"template error: {exc}",
                 "Check the variable names the template uses (README: Template variables)")


def _template_frame(exc: Exception, settings: Settings) -> tuple[str, int]:
    """The innermost template line that was running: Jinja puts it in the traceback."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        where = _template_name(Path(frame.filename), settings)
        if where:
            return where, frame.lineno or 0
    return settings.templates_dir, 0


def _template_name(path: Path, settings: Settings) -> str:
    """A template file as the editor finds it: `templates/x.html` in the project, the full
    path of a theme file; "" for a file that is no template."""
    project, theme = (folder.resolve() for folder in template_folders(settings))
    path = path.resolve()
    if path.is_relative_to(project):
        return f"{settings.templates_dir}/{path.relative_to(project).as_posix()}"
    return str(path) if path.is_relative_to(theme) else ""
