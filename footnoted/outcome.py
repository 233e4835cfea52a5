"""What a build reports to the command that ran it (build/pipeline.py, or
incremental/unchanged.py when nothing changed since the last build)."""

from __future__ import annotations

from dataclasses import dataclass

from .problems import Problem


@dataclass(frozen=True, kw_only=True)
class BuildResult:
    articles: int  # published pages
    changed: int  # articles parsed or rendered by this build; the rest came from the cache
    warnings: list[Problem]
    written: bool  # False when the site on disk already was what this build would write
    drafts: int = 0  # drafts held back (not published without --drafts)
    future: int = 0  # articles dated in the future, held back likewise
    rewritten: frozenset[str] = frozenset()  # site files written anew, as "tiny/index.html"
