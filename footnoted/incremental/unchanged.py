"""Whether anything the last build read or wrote has changed since: if nothing has, the build
is done before it starts, by the size and mtime of each file, without reading any of them.

A build that changes nothing still costs a walk of content/ and the site, a hash of every
article file and the records of every article (build/pipeline.py's stages). This is the shortcut in
front of it: the last successful build leaves `last-build.pickle` in the cache folder, with
the size and mtime of every file it read (content/, the project's templates and static
files, pyproject.toml, footnoted's own package with its theme, the libraries it renders
with) and of every file and folder of the site it wrote, and what it reported. When all are
as they were, and no held-back article has come due, the build reports the same and stops;
otherwise the stages run as usual, and they decide what changed by content, not by stat.

The module imports nothing heavy (no Markdown, YAML or Jinja): the fast path must not pay
for loading the build.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace
from importlib.util import find_spec
from pathlib import Path

from ..outcome import BuildResult
from ..settings import PYPROJECT, Settings
from . import CACHE_DIR

FILE = "last-build.pickle"
FORMAT = 1  # bump when LastBuild changes shape
# The libraries whose version changes what the build makes: module name -> distribution
# name (anyascii makes heading ids, pymdownx reads fenced code). Their versions are in the
# parse key (keys.py), and a changed one is a change for the no-change shortcut.
LIBRARIES = {"markdown": "markdown", "jinja2": "jinja2", "pygments": "pygments",
             "yaml": "pyyaml", "nh3": "nh3", "anyascii": "anyascii",
             "pymdownx": "pymdown-extensions"}
# A file changed this close to the snapshot could change again within the file system's
# clock tick without its mtime moving (the "racy" files of git's index): it counts as changed.
RACY_NS = 100_000_000
PACKAGE = Path(__file__).parent.parent  # footnoted's code and its theme

Stat = tuple[int, int] | None  # (size, mtime_ns); None for a missing file
Stats = dict[str, Stat]  # by path
RACY: Stat = (-1, -1)  # what a racy file is recorded as: it never matches


@dataclass(frozen=True, kw_only=True)
class Inputs:
    """The stat of every file a build reads, taken before it reads any."""

    taken_ns: int  # time.time_ns() when taken
    options: tuple[str | bool, ...]  # what else the output depends on: project, --drafts, Python
    files: Stats  # by path, of every input file


@dataclass(frozen=True, kw_only=True)
class LastBuild:
    """What a build that changes nothing needs to know of the last one."""

    inputs: Inputs
    site: Stats  # every file of the site, by its name in the site
    folders: Stats  # every folder of the site, by its name ("" for the site itself)
    due: float | None  # when the first article held back for its date gets published
    result: BuildResult  # what it reported


def unchanged_build(settings: Settings, drafts: bool, strict: bool) -> BuildResult | None:
    """The last build's result if nothing it read or wrote changed since; None otherwise
    (and whenever --strict would fail on its warnings: the stages report that)."""
    last = _load(settings)
    if last is None or (strict and last.result.warnings):
        return None
    if last.due is not None and time.time() >= last.due:
        return None
    if last.inputs.options != _options(settings, drafts):
        return None
    if _file_stats(settings) != last.inputs.files:
        return None
    if not (_intact(settings.output, last.site) and _intact(settings.output, last.folders)):
        return None
    return BuildResult(articles=last.result.articles, changed=0,
                       warnings=last.result.warnings, written=False,
                       drafts=last.result.drafts, future=last.result.future)


def take_inputs(settings: Settings, drafts: bool) -> Inputs:
    """The stat of every input file now, before the build reads them."""
    taken = time.time_ns()
    return Inputs(taken_ns=taken, options=_options(settings, drafts),
                  files=_trusted(_file_stats(settings), taken))


def save_last_build(settings: Settings, inputs: Inputs, site_files: dict[str, Stat],
                    due: float | None, result: BuildResult) -> None:
    """Keep what the next build needs to stop early; call it once the site is swapped in."""
    top = str(settings.output)  # once: a Path a folder cost more than its stat
    folders = {name: _stat(f"{top}/{name}" if name else top)
               for name in sorted(_folders(site_files))}
    last = LastBuild(inputs=inputs, site=dict(site_files), folders=folders, due=due,
                     result=replace(result, rewritten=frozenset()))  # kept small: read often
    folder = settings.root / CACHE_DIR
    temporary = folder / f"{FILE}.{os.getpid()}"
    temporary.write_bytes(pickle.dumps((FORMAT, last), pickle.HIGHEST_PROTOCOL))
    os.replace(temporary, folder / FILE)


def _folders(names: Iterable[str]) -> set[str]:
    """Every folder holding one of the files `names`, and every folder above it ("" is the
    site's own): a stray file makes its folder's mtime move, whatever it holds."""
    folders = {""}
    for name in names:
        folder = name.rpartition("/")[0]  # site names: "/" whatever the system's separator
        while folder not in folders:
            folders.add(folder)
            folder = folder.rpartition("/")[0]
    return folders


def forget_last_build(settings: Settings) -> None:
    """A build is under way: until it saves its own, no build may stop early."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(settings.root / CACHE_DIR / FILE)


def _load(settings: Settings) -> LastBuild | None:
    try:
        with open(settings.root / CACHE_DIR / FILE, "rb") as file:
            stored_format, last = pickle.load(file)
    except Exception:  # missing or damaged: the stages run
        return None
    return last if stored_format == FORMAT else None


def trusted_stat(path: Path | str) -> Stat:
    """The file's stat, to tell later that it did not change, or None if it is too new to
    tell by (or missing)."""
    return _trusted({"": _stat(str(path))}, time.time_ns())[""]


def _trusted(stats: Stats, taken_ns: int) -> Stats:
    return {path: RACY if stat is not None and stat[1] >= taken_ns - RACY_NS else stat
            for path, stat in stats.items()}


def _options(settings: Settings, drafts: bool) -> tuple[str | bool, ...]:
    return (str(settings.root), settings.content_dir, settings.output_dir,
            settings.templates_dir, settings.static_dir, drafts, sys.version, sys.executable)


def _file_stats(settings: Settings) -> Stats:
    """The stat of every file under the input folders (articles' images are in content/ or
    static/), of pyproject.toml and of each library (its folder too: installing another
    version changes its entries)."""
    stats: Stats = {}
    for folder in (settings.content, settings.templates, settings.static, PACKAGE):
        _walk(str(folder), stats)
    singles = [str(settings.root / PYPROJECT)]
    for name in LIBRARIES:
        spec = find_spec(name)
        origin = spec.origin if spec is not None and spec.origin else name
        singles += [origin, os.path.dirname(os.path.dirname(origin))]
    for path in singles:
        stats[path] = _stat(path)
    return stats


def _walk(folder: str, stats: Stats) -> None:
    """Every file below `folder`, as rglob finds them (not through linked folders), but
    bytecode caches."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            if entry.name != "__pycache__":
                _walk(entry.path, stats)
        else:
            stats[entry.path] = _stat(entry.path)


def _intact(output: Path, stats: Stats) -> bool:
    """Every file (or folder) named is in the site as the last build left it; a stray file
    changes the mtime of the folder it is in."""
    top = str(output)
    return all(stat is not None and _stat(os.path.join(top, name)) == stat
               for name, stat in stats.items())


def _stat(path: str) -> Stat:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns
