"""Stage 5, write, for a build: which files are kept and which written (`SiteWriter`); a
site is staged (staging.py) only once something differs from the current one.

Files the last build wrote and nothing changed are kept (hard-linked from the current site
into the staging folder); a build that changes nothing writes nothing at all, after checking
that the site holds exactly the expected files.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from ..settings import Settings
from .staging import MARKER, FileStat, StagedSite, file_stat, refuse_unsafe_target


class SiteWriter:
    def __init__(self, settings: Settings) -> None:
        self.output = settings.output
        self.protected = {settings.root: "the project folder",
                          settings.content: f"{settings.content_dir}/",
                          settings.templates: f"{settings.templates_dir}/",
                          settings.static: f"{settings.static_dir}/"}
        refuse_unsafe_target(self.output.absolute(), self.protected)  # before any work
        self.kept: list[str] = []
        self.rewritten: set[str] = set()  # files written with other bytes than the site had
        self.expected: set[str] = {MARKER}
        self.staged: StagedSite | None = None

    def keep(self, name: str) -> None:
        """`name` stays as it is in the current site (the caller checked it is intact)."""
        self.kept.append(name)
        self.expected.add(name)
        if self.staged is not None:
            self.staged.keep(name)

    def write(self, name: str, data: bytes | Iterable[str]) -> FileStat:
        """Write `name`, or keep the current site's file when it holds these very bytes: a
        group of pages made again for one changed row (or the search index for one edited
        article) then writes only the files that changed, and a new file costs more here
        than reading the old one."""
        if isinstance(data, bytes) and (same := self._same_file(name, data)) is not None:
            self.keep(name)
            return same
        self.expected.add(name)
        self.rewritten.add(name)
        return file_stat(self._start().write(name, data))

    def _same_file(self, name: str, data: bytes) -> FileStat | None:
        """The stat of the current site's file `name` if it holds exactly `data`."""
        try:
            with open(os.path.join(self.output, name), "rb") as file:
                stat = os.fstat(file.fileno())
                if stat.st_size != len(data) or file.read() != data:
                    return None
        except OSError:
            return None
        return file_stat(stat)

    def finish(self) -> None:
        """Stage the kept files too if the current site holds anything else."""
        if self.staged is None and self._present() != self.expected:
            self._start()

    def _present(self) -> set[str]:
        """Every file in the current site, as a relative path (plain strings: this runs on
        every build that changed nothing, over every file)."""
        top = str(self.output) + os.sep
        found = set()
        for folder, _, names in os.walk(self.output):
            prefix = (folder + os.sep).removeprefix(top).replace(os.sep, "/")
            found.update(prefix + name for name in names)
        return found

    def _start(self) -> StagedSite:
        if self.staged is None:
            self.staged = StagedSite(self.output, self.protected, reuse_spare=True)
            for name in self.kept:
                self.staged.keep(name)
        return self.staged

    def __enter__(self) -> SiteWriter:
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if self.staged is not None:
            self.staged.__exit__(kind, value, traceback)
