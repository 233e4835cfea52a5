"""The spare site kept in step with the current one, so that staging the next build in it
touches only what changed.

After a swap, the retired site becomes the spare (staging.py) and is brought up to the site
now in place at once, by hard-linking the files the swap brought in and deleting those it
took away (`bring_in_step`), so each build pays for what it changed itself, not for what
the build before it changed. A state file in the spare names every file of the site in
place, and what the spare still lacks, if a kill cut that short (`SpareState`); the next
build finishes it (`sync_spare`). From then on a file the build keeps is already there, and
a file the site no longer has is deleted by name, so nothing walks or links every file of
the site. Without the state (a spare of an older build,
or a sync cut short), the spare is staged in as before: every file linked, the folder walked.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

SPARE_STATE = ".footnoted-spare-state"  # in the spare only, never in a site


@dataclass(frozen=True, kw_only=True)
class SpareState:
    """What a spare lacks of the site in place, written when the spare was retired."""

    site: list[str]  # every file of the site in place
    differs: list[str]  # the files the spare holds otherwise, or not at all, or only
    marker: list[int]  # the site's marker file (inode, mtime): the site it describes

    def save(self, spare: Path) -> None:
        data = json.dumps({"site": self.site, "differs": self.differs, "marker": self.marker})
        (spare / SPARE_STATE).write_text(data, "utf-8")

    @classmethod
    def take(cls, spare: Path) -> SpareState | None:
        """The spare's state, removed from it (a sync cut short leaves none), or None."""
        try:
            data = json.loads((spare / SPARE_STATE).read_text("utf-8"))
            os.unlink(spare / SPARE_STATE)
            return cls(site=list(data["site"]), differs=list(data["differs"]),
                       marker=list(data["marker"]))
        except (OSError, ValueError, KeyError, TypeError):
            with contextlib.suppress(OSError):
                os.unlink(spare / SPARE_STATE)
            return None


def marker_identity(site: Path, marker: str) -> list[int]:
    stat = os.stat(site / marker)
    return [stat.st_ino, stat.st_mtime_ns]


def sync_spare(spare: Path, output: Path, marker: str) -> set[str] | None:
    """Bring the spare to the site in `output`; the site's files, or None when the spare's
    state is missing or describes another site (then it is staged the slow way)."""
    state = SpareState.take(spare)
    try:
        if state is None or marker_identity(output, marker) != state.marker:
            return None
    except OSError:
        return None
    bring_in_step(spare, output, state.differs)
    return set(state.site)


def bring_in_step(spare: Path, output: Path, names: list[str]) -> None:
    """Make the spare's `names` the site's."""
    for name in names:
        _link_or_remove(output, spare, name)


def remove_files(folder: Path, names: set[str]) -> None:
    """Delete `names` from the staged `folder`, and the folders they leave empty."""
    for name in sorted(names):
        path = os.path.join(folder, name)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        _remove_empty_parents(folder, name)


def _link_or_remove(output: Path, spare: Path, name: str) -> None:
    """The spare's `name` made the site's: a hard link to it (a copy where none can be
    made), or gone, with the folders it leaves empty, when the site has none."""
    target, current = os.path.join(spare, name), os.path.join(output, name)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(target)
    if not os.path.isfile(current):
        _remove_empty_parents(spare, name)
        return
    os.makedirs(os.path.dirname(target), exist_ok=True)
    link_or_copy(current, target)


def _remove_empty_parents(folder: Path, name: str) -> None:
    parent = os.path.dirname(name)
    while parent:
        try:
            os.rmdir(os.path.join(folder, parent))
        except OSError:
            return  # not empty (or gone)
        parent = os.path.dirname(parent)


def site_files(folder: Path) -> set[str]:
    """Every file in `folder`, as a site path (a walk: only where no state tells)."""
    top = str(folder) + os.sep
    found = set()
    for directory, _, names in os.walk(folder):
        prefix = (directory + os.sep).removeprefix(top).replace(os.sep, "/")
        found.update(prefix + name for name in names)
    return found


def link_site(site: Path, spare: Path, marker: str, marker_text: bytes) -> None:
    """A spare in step with `site`: every file hard-linked but the marker, written anew
    (staging writes its marker in place)."""
    if spare.exists():
        shutil.rmtree(spare)
    shutil.copytree(site, spare, copy_function=link_or_copy, ignore=lambda folder, names: (
        [marker] if folder == str(site) else []))
    (spare / marker).write_bytes(marker_text)


def link_or_copy(source: str, target: str) -> None:
    """`target` the same file as `source`: a hard link, or a copy where the file system
    makes none."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
