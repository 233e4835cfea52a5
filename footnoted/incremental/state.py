"""The one owner of incremental state: what the last build made, and what is outdated now.

The build asks it, as Sphinx's builder asks its environment (`get_outdated_docs`): which
article files must be parsed, which article pages and which groups of site-wide pages must be
made again; and tells it what was parsed and written. Keys, stored keys, page file names and
freshness are decided here and in the modules it calls (keys.py, freshness.py, store.py,
cache.py, unchanged.py); no stage computes a key of its own.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping

from ..content.document import LoadedContent, shared_source_files
from ..content.page_index import PageIndex
from ..outcome import BuildResult
from ..output.staging import FileStat
from ..settings import Settings
from . import CACHE_DIR
from .cache import BuildCache
from .freshness import (
    fresh_record,
    group_intact,
    outdated_documents,
    page_intact,
    pages_to_check,
    site_files,
    stale_links,
    with_page,
)
from .keys import build_keys, document_key, group_keys, page_key, stored_key
from .loaded import loaded_content
from .records import (
    BuildKeys,
    CachedArticle,
    CachedFiles,
    Digest,
    PageKey,
    PagesBasis,
    StoredKey,
)
from .search_store import SearchStore
from .store import ArticleStore
from .unchanged import Inputs, forget_last_build, save_last_build, take_inputs


class BuildState:
    """What the last build left, asked what is outdated and told what this build made.

    Opened by a build (`open`, saved by `finish`) or empty for `check`, which reads and
    writes no cache.
    """

    def __init__(self, settings: Settings, cache: BuildCache, inputs: Inputs | None,
                 clean: bool = False) -> None:
        self.settings = settings
        self.clean = clean  # trust nothing kept (and replace it)
        self.output = settings.output  # asked once per page
        self.cache = cache
        self.inputs = inputs  # the inputs' stat before any was read; None: never saved
        self.keys: BuildKeys | None = None  # set by `begin`

    @classmethod
    def open(cls, settings: Settings, drafts: bool, clean: bool = False) -> BuildState:
        """The project's state for a build; `clean` starts from nothing (and replaces it)."""
        inputs = take_inputs(settings, drafts)  # before any input is read
        forget_last_build(settings)  # until this build saves its own, none may stop early
        return cls(settings, BuildCache.open(settings, clean), inputs, clean)

    @classmethod
    def empty(cls, settings: Settings) -> BuildState:
        """A state that knows nothing and is never saved (`check`)."""
        return cls(settings, BuildCache(settings.root / CACHE_DIR, {}, {}), None)

    def __enter__(self) -> BuildState:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.cache.store.close()

    @property
    def store(self) -> ArticleStore:
        """The parsed articles, which every worker reads from its own connection."""
        return self.cache.store

    # Articles

    def shared_content(self, load: Callable[[], LoadedContent]) -> LoadedContent:
        """The shared sources and archive records: `load`ed, or as the last build loaded
        them from the same files."""
        if self.inputs is None:  # check_site: nothing kept, nothing saved
            return load()
        return loaded_content(self.settings, shared_source_files(self.settings), load,
                              self.settings.root / CACHE_DIR, reuse=not self.clean)

    def begin(self, content: LoadedContent) -> BuildKeys:
        """The keys every article of this build shares, once the shared sources are read."""
        self.keys = build_keys(self.settings, content)
        return self.keys

    def outdated_articles(self, paths: list[str]
                          ) -> tuple[dict[str, CachedArticle], list[str]]:
        """The records of the article files (`paths`, as strings) that would parse as
        before, by path, and the paths of the others, in the order given."""
        fresh, outdated = {}, []
        root = str(self.settings.root) + os.sep
        for path in paths:  # names cut as strings: pathlib's relative_to costs more than a stat
            name = path.removeprefix(root).replace(os.sep, "/")
            record = fresh_record(self.cache.records.get(name), path, self._keys, self.settings)
            if record is not None:
                fresh[name] = record
            else:
                outdated.append(name)
        return fresh, outdated

    def linking_to_changed(self, fresh: Mapping[str, CachedArticle],
                           pages: PageIndex) -> list[str]:
        """Fresh articles whose links found a slug that is no longer there: parse them too."""
        return stale_links(fresh, pages)

    def parsed(self, path: str, record: CachedArticle, stored: ArticleStore.Row) -> None:
        """Keep a newly parsed article (pickled whole, its listed copy without and with its
        sources, its search terms) under the key only this version of it has."""
        self.store.put(path, self.stored_key(record), stored)

    def all_parsed(self) -> None:
        """Stage 2 is over: workers read stored articles from here on."""
        self.store.commit()

    @staticmethod
    def stored_key(record: CachedArticle) -> StoredKey:
        """The key a parsed article is stored and looked up under."""
        return stored_key(record.parse_key, record.digest)

    # Pages

    @staticmethod
    def page_file(record: CachedArticle) -> str:
        """The site file of an article's page."""
        return f"{record.listed.slug}/index.html"

    def group_keys(self, records: Mapping[str, CachedArticle],
                   published: list[str]) -> dict[str, Digest]:
        """The key of each group of site-wide pages, over what it shows of each article."""
        return group_keys(self._keys, records, published)

    def pages_unchanged(self, keys: Mapping[str, Digest]) -> bool:
        """No article page can need rendering again: the inputs of all of them are as the
        last build saw them (only a page damaged in the site since is made again)."""
        return self.cache.groups.get("pages") == CachedFiles(key=keys["pages"], files={})

    def pages_to_check(self, records: Mapping[str, CachedArticle], published: list[str],
                       citing: Mapping[str, list[str]], translated: bool) -> set[str] | None:
        """The published articles whose page can need rendering again (freshness.py's
        pages_to_check), when the last build's pages were made over the same templates and
        settings; None: any. Translations list each other by title too: on a site with
        any, any. `citing`: the published articles citing each URL."""
        basis = self.cache.basis
        if translated or basis is None or basis.site != self._keys.site:
            return None
        return pages_to_check(self.cache.records, records, basis.published, published, citing)

    def outdated_page(self, record: CachedArticle, others: Callable[[], list[CachedArticle]],
                      inputs_unchanged: bool) -> PageKey | None:
        """The new key of an article's page when it must be rendered again, else None.
        `others` gives the articles the page lists by title; `inputs_unchanged`: nothing
        the page shows can have changed (only the page, damaged in the site since)."""
        if inputs_unchanged and page_intact(record, self.output):
            return None
        key = page_key(self._keys.site, record, others())
        if record.page_key == key and page_intact(record, self.output):
            return None
        return key

    @staticmethod
    def page_written(record: CachedArticle, key: PageKey, stat: FileStat) -> CachedArticle:
        """The record once its page is written."""
        return with_page(record, key, stat)

    def intact_group(self, name: str, key: Digest) -> CachedFiles | None:
        """The group's files as the last build made them, if its key is unchanged and its
        files are still in the site; else None (make them again)."""
        cached = self.cache.groups.get(name)
        return cached if group_intact(cached, key, self.settings.output) else None

    def outdated_search(self, records: Mapping[str, CachedArticle], published: list[str]
                        ) -> SearchStore.Update:
        """The documents of the search index the store holds that must be made again, when
        the rest of it stands (a cold or clean build trusts nothing kept: all)."""
        keys = [document_key(records[path]) for path in published]
        if not self.cache.records:
            return SearchStore.Update(keys=keys, outdated=None)
        return SearchStore.Update(keys=keys, outdated=outdated_documents(
            self.store.search.order(), list(zip(published, keys, strict=True))))

    # The end of a build

    def finish(self, records: dict[str, CachedArticle], groups: dict[str, CachedFiles],
               published: list[str], due: float | None, result: BuildResult) -> None:
        """Keep this build's records; once the site is swapped in, what the next build needs
        to stop early when nothing changed."""
        self.cache.save(records, groups,
                        PagesBasis(site=self._keys.site, published=frozenset(published)))
        if self.inputs is not None:
            save_last_build(self.settings, self.inputs,
                            site_files(records, published, groups, self.settings.output),
                            due, result)

    @property
    def _keys(self) -> BuildKeys:
        assert self.keys is not None, "BuildState.begin comes first"
        return self.keys
