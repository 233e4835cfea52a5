"""Incremental building: what the last build made, and whether each piece of it still holds.

The stages (footnoted/site.py) call in here; nothing in here calls a stage back.

- keys.py: every cache key, computed in one place from typed records;
- records.py: what the last build made of each article and of each group of site-wide pages,
  with the types of their keys and digests;
- cache.py: the file that keeps those records between builds (`BuildCache`);
- store.py: the parsed articles themselves, in one SQLite file (`ArticleStore`);
- freshness.py: whether an article, a page or a group of files is still as the last build left it;
- unchanged.py: whether anything the last build read or wrote changed at all, by stat alone
  (the no-change build's shortcut, which loads none of the build's modules).

Everything lives in `.footnoted-cache/` in the project; deleting it only costs one cold build.
"""

CACHE_DIR = ".footnoted-cache"
