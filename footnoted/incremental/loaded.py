"""The shared sources as the last build loaded them, kept while the files they come from
are the same: at 10,000 articles, reading 2,000 shared sources through YAML and the schema
cost more than any other step of loading an edit."""

from __future__ import annotations

import contextlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path

from ..content.document import LoadedContent
from ..settings import Settings
from .keys import code_digest, digest_of
from .records import FORMAT, Digest

FILE = "shared.pickle"


def loaded_content(settings: Settings, files: list[Path], load: Callable[[], LoadedContent],
                   folder: Path, reuse: bool = True) -> LoadedContent:
    """What `load` makes of `files`: kept in `folder` from the last load of the same bytes
    (by the same code and settings), else (or unless `reuse`) loaded and kept."""
    key = _key(settings, files)
    if reuse:
        with contextlib.suppress(Exception):  # missing or damaged: load the files
            with open(folder / FILE, "rb") as file:
                stored_key, content = pickle.load(file)
            if stored_key == key:
                return content
    content = load()
    folder.mkdir(exist_ok=True)
    temporary = folder / f"{FILE}.{os.getpid()}"
    temporary.write_bytes(pickle.dumps((key, content), pickle.HIGHEST_PROTOCOL))
    os.replace(temporary, folder / FILE)
    return content


def _key(settings: Settings, files: list[Path]) -> Digest:
    return digest_of(FORMAT, code_digest(), repr(settings),
                     [(str(path), _bytes(path)) for path in files])


def _bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None
