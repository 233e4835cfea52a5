"""An importer reads only inside the folders it was given: the one rule, for every importer.

A file whose path, symbolic links and `..` resolved, leads out of its folder is refused and
named in the report (a post that is a link to ~/.ssh/id_rsa, an attachment path climbing out
of --uploads with `../`, a saved page's image at `../../secret.png`), as the build refuses
such files in content/.
"""

from __future__ import annotations

from pathlib import Path

from .model import Harvest

REFUSED = "outside-input"  # the report's category


def inside(path: Path, folder: Path) -> bool:
    """Whether `path`, with every symbolic link and `..` resolved, is inside `folder`."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a link loop
        return False


def confined(path: Path, folder: Path, harvest: Harvest, where: str, line: int,
             what: str) -> Path | None:
    """`path` when it is inside `folder`; None, with a warning naming `what`, when not."""
    if inside(path, folder):
        return path
    harvest.warn(where, line, REFUSED, f"{what} '{path}' leads outside {folder} (through a "
                   "symbolic link or '..'); not read", "Copy the file into the folder being "
                   "imported if it belongs to the site")
    return None
