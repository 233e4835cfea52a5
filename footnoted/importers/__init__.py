"""`python build.py import KIND SOURCE...`: bring other tools' content into content/.

Each kind is one module that reads its input into `ImportedArticle`s and `Problem`s
(model.py); `article_writer.py` alone decides what is written. The modules are imported only when
their kind runs, so the build never loads trafilatura or lxml.
"""

from __future__ import annotations

import dataclasses
import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..problems import Problem
from .model import Harvest, ImportedArticle, ImportOptions

if TYPE_CHECKING:  # the writer loads the content stage: only an import run needs it
    from .article_writer import Outcome

# kind -> (module, function): each function fills a Harvest from its sources.
KINDS = {
    "html": ("html_pages", "read_html"),
    "wordpress": ("wordpress", "read_wordpress"),
    "hugo": ("generators", "read_hugo"),
    "jekyll": ("generators", "read_jekyll"),
    "pelican": ("generators", "read_pelican"),
}


@dataclass(frozen=True)
class ImportReport:
    items_in: int  # posts, pages or files found in the input
    outcomes: list[Outcome]  # one per article read, written or not
    problems: list[Problem]  # everything not carried over as it was, and every refusal

    @property
    def failed(self) -> bool:
        """Some article was refused, or some input could not be read."""
        return bool(self.refused) or any(problem.is_error for problem in self.problems)

    @property
    def refused(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status in ("edited", "not-imported")]

    def summary(self) -> str:
        kept = [o for o in self.outcomes if o not in self.refused]
        drafts = sum(o.article.is_draft for o in kept)
        errors = sum(problem.is_error for problem in self.problems)
        return (f"{_count(len(kept), 'article')}, {_count(drafts, 'draft')}, "
                + (f"{_count(errors, 'error')}, " if errors else "")
                + f"{_count(len(self.problems) - errors, 'warning')}")


def run_import(kind: str, sources: list[Path], into: Path, into_name: str,
               options: ImportOptions, force: bool = False, dry_run: bool = False
               ) -> ImportReport:
    from . import article_writer

    module_name, function_name = KINDS[kind]
    module = importlib.import_module(f"{__name__}.{module_name}")
    harvest = Harvest()
    getattr(module, function_name)(sources, options, harvest)
    outcomes = article_writer.plan(_unique_slugs(harvest), into, force)
    if not dry_run:
        article_writer.write(outcomes, into)
    return ImportReport(harvest.items_in, outcomes,
                        harvest.problems + article_writer.refusals(outcomes, into_name))


def _unique_slugs(harvest: Harvest) -> list[ImportedArticle]:
    """Two inputs with one slug get `-2`, `-3`: never one file overwriting another."""
    seen: set[str] = set()
    articles = []
    for article in harvest.articles:
        slug, number = article.slug, 1
        while slug in seen:
            number += 1
            slug = f"{article.slug}-{number}"
        if slug != article.slug:
            harvest.warn(article.origin, 0, "renamed", f"slug '{article.slug}' is taken by "
                           f"another imported article; written as {slug}.md")
            article = dataclasses.replace(article, slug=slug)
        seen.add(slug)
        articles.append(article)
    return articles


def _count(number: int, word: str) -> str:
    return f"{number:,} {word if number == 1 else word + 's'}"
