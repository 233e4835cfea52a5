"""The default theme: templates and static files shipped inside the package.

A project's own `templates/` and `static/` override it file by file, as a Hugo site's
`layouts/` and `static/` override its theme's: a file the project has is used, every other
file comes from here. Everything that reads templates or static files asks this module for the
layers, so rendering, fingerprinting, the static copy and the cache keys see the same files.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from jinja2.loaders import split_template_path

from ..settings import Settings

THEME = Path(__file__).resolve().parent
THEME_TEMPLATES = THEME / "templates"
THEME_STATIC = THEME / "static"


def template_folders(settings: Settings) -> list[Path]:
    """Where templates are looked up, the project's first."""
    return [settings.templates, THEME_TEMPLATES]


class LayeredLoader(FileSystemLoader):
    """Jinja's file loader over the project's templates, then the theme's. A template loaded
    from the theme also counts as changed once the project has a file of that name: Jinja's
    own check watches only the file it loaded, so a long-running `serve` (or a second build in
    one process) would keep the theme's template after the project added its own. (A project
    file that goes away fails Jinja's own check.)"""

    def get_source(self, environment: Environment, template: str
                   ) -> tuple[str, str, Callable[[], bool]]:
        source, filename, unchanged = super().get_source(environment, template)
        project = os.path.join(self.searchpath[0], *split_template_path(template))
        if os.path.normpath(filename) == os.path.normpath(project):
            return source, filename, unchanged
        return source, filename, lambda: unchanged() and not os.path.isfile(project)


def template_loader(settings: Settings) -> LayeredLoader:
    return LayeredLoader(template_folders(settings))


def static_folders(settings: Settings) -> list[Path]:
    """Where static files are looked up, the project's first."""
    return [settings.static, THEME_STATIC]


def layered_files(folders: list[Path]) -> dict[str, Path]:
    """Each file's path relative to its folder -> the file that wins: the first folder having
    it. Sorted by relative path, so everything made from it is deterministic."""
    found: dict[str, Path] = {}
    for folder in folders:
        if not folder.is_dir():
            continue  # a project without templates/ or static/ uses the theme's
        for path in folder.rglob("*"):
            name = path.relative_to(folder).as_posix()
            if path.is_file() and name not in found:
                found[name] = path
    return dict(sorted(found.items()))


@dataclass(frozen=True, kw_only=True)
class ThemeFile:
    """One file of the packaged theme, and where a project's override of it lives."""

    name: str  # "templates/partials/byline.html", "static/style.css"
    source: Path  # the theme's file
    project: Path  # the project's file of that name, there or not

    @property
    def overridden(self) -> bool:
        return self.project.is_file()


def theme_files(settings: Settings) -> dict[str, ThemeFile]:
    """Every file of the theme by name, in name order (`footnoted theme list`)."""
    layers = (("templates", THEME_TEMPLATES, settings.templates),
              ("static", THEME_STATIC, settings.static))
    files = [ThemeFile(name=f"{top}/{relative}", source=path, project=project / relative)
             for top, theme, project in layers
             for relative, path in layered_files([theme]).items()]
    return {file.name: file for file in files}
