"""The records the build's stages hand each other (pipeline.py calls the stages in order)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..article.resolve import Article
from ..incremental import CachedArticle, CachedFiles
from ..problems import Problem
from .jobs import BuildContext, ParseJob

Progress = Callable[[int, int], None]  # (articles done, articles to do)


@dataclass(frozen=True, kw_only=True)
class Loaded:
    """Stage 1: what every job needs, and which article files must be parsed."""

    context: BuildContext  # for the jobs: the keys, the shared sources, every article's slug
    fresh: dict[str, CachedArticle]  # the records of files that parse as before, by path
    to_parse: list[ParseJob]  # the other article files, in path order
    problems: list[Problem]


@dataclass(frozen=True, kw_only=True)
class ParsedSite:
    """Stage 2: a record of every article that loads, and every article problem."""

    records: dict[str, CachedArticle]  # by path
    parsed: set[str]  # the paths parsed by this build
    problems: list[Problem]
    whole: dict[str, Article]  # the whole articles, by path, when the context keeps them


@dataclass(frozen=True, kw_only=True)
class CheckedSite:
    """Stage 3: the articles to publish, those held back, and every problem, in order."""

    records: dict[str, CachedArticle]
    published: list[str]  # paths, in listing order (newest first)
    held: list[Article]  # drafts and articles dated in the future, as listed
    problems: list[Problem]  # errors and warnings, in file and line order
    whole: dict[str, Article]  # ParsedSite.whole

    @property
    def articles(self) -> list[Article]:
        """The published articles, whole, in listing order (check_site keeps them)."""
        return [self.whole[path] for path in self.published]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


@dataclass(frozen=True, kw_only=True)
class Assembled:
    """Stage 4: what the cache keeps of this build's pages."""

    records: dict[str, CachedArticle]  # with the page key and file of each article's page
    groups: dict[str, CachedFiles]  # the site-wide pages, by group
    rendered: set[str]  # the articles whose page this build rendered
