"""Incremental building: what the last build made, and what of it is outdated now.

The build talks to this package through the names below and nothing else; nothing in here
calls a stage. `BuildState` (state.py) is the one owner the build asks what is outdated and
tells what it parsed and wrote; the workers reach the stored articles through `ArticleStore`
and make an article's record with `article_record`; `unchanged_build` is the no-change
shortcut, which the `build` command asks before loading any stage.

- state.py: `BuildState`, the questions and answers above;
- keys.py: every cache key, computed in one place from typed records;
- records.py: what the last build made of each article and of each group of site-wide pages,
  with the types of their keys and digests;
- cache.py: the files that keep those records between builds (`BuildCache`): all of them,
  and the changes since;
- pickled.py: reading them without the garbage collector walking them ever after;
- store.py: the parsed articles themselves, in one SQLite file (`ArticleStore`);
- search_store.py: the search index as the last build made it, per document and term, in
  the same file (`SearchStore`), updated term by term after an edit;
- freshness.py: whether an article, a page or a group of files is still as the last build left it;
- unchanged.py: whether anything the last build read or wrote changed at all, by stat alone
  (the no-change build's shortcut, which loads none of the build's modules).

Everything lives in `.footnoted-cache/` in the project; deleting it only costs one cold build.
"""

from __future__ import annotations

import importlib
from typing import Any

CACHE_DIR = ".footnoted-cache"

# Each name of the face, and the module it lives in. They are imported on first use: the
# no-change shortcut must not load the modules the others need (Markdown, Jinja, sqlite3).
_FACE = {
    "BuildState": "state",
    "ArticleStore": "store",
    "SearchStore": "search_store",
    "BuildKeys": "records",
    "CachedArticle": "records",
    "CachedFiles": "records",
    "StoredKey": "records",
    "FileVersion": "keys",
    "article_record": "keys",
    "unchanged_build": "unchanged",
}
__all__ = ["CACHE_DIR", "ArticleStore", "BuildKeys", "BuildState", "CachedArticle", "CachedFiles",
           "FileVersion", "SearchStore", "StoredKey", "article_record", "unchanged_build"]

def __getattr__(name: str) -> Any:
    if name not in _FACE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_FACE[name]}", __name__), name)
