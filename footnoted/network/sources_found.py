"""`sources`: read each cited page for what its source lacks, and look for its quotes.

For each cited http(s) URL not read yet, the live page is fetched (redirects followed) and
what it says of itself is kept (page_facts.py: title, publisher, author, date, language);
when it is dead, its archived copy (the editor's `archived:` or archive.yaml's snapshot) is
read instead. For a source with a `quote:`, both the live page and the archived copy are
searched for the quoted words. Everything goes to content/sources-found.yaml
(content/found_file.py), rewritten whole as answers come in, through the resumable run
`archive` and `links` share: Ctrl-C keeps every answer so far and the next run goes on.
The build fills a source's gaps from the file; what the editor typed always wins.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from ..build.pipeline import check_site
from ..content.document import load_archive_file, load_found_file, load_shared_sources
from ..content.found_file import (
    FACTS,
    FOUND_FILE,
    FoundRecord,
    FoundStatus,
    QuoteCheck,
    ReadFrom,
    normalised,
    write_found,
)
from ..content.schema import Moment
from ..problems import Problem
from ..settings import Settings
from .citing import project_path, report_content_errors
from .fetching import Fetcher, Response
from .link_check import raw_snapshot
from .page_facts import PageFacts, page_facts, page_text
from .resumable import Requests, run_resumable

WRITE_EVERY = 0.5  # seconds between rewrites of the file while answers arrive


@dataclass(frozen=True, kw_only=True)
class SourcesOptions:
    jobs: int = 4  # requests under way at once
    only: tuple[str, ...] = ()  # only the sources of these articles (their files)
    dry_run: bool = False  # read the pages and say what would change; write nothing
    fresh: bool = False  # read every page again, not only those not read yet


@dataclass(frozen=True, kw_only=True)
class SourceToRead:
    """One cited URL, with what its citations ask of it."""

    url: str
    archived: str | None  # its archived copy: the editor's, or archive.yaml's snapshot
    quotes: tuple[str, ...]  # the quotes of the sources citing it, sorted
    typed: frozenset[str]  # the FACTS every citation of it has typed: the file cannot show them
    places: tuple[str, ...]  # "content/a.md:12" of each citation


@dataclass(frozen=True, kw_only=True)
class SourcesReport:
    """What `sources` did, or why it read nothing."""

    problems: list[Problem] = field(default_factory=list)  # the data files': nothing was read
    errors: list[Problem] = field(default_factory=list)  # articles that do not load, left out
    items: list[SourceToRead] = field(default_factory=list)
    old: dict[str, FoundRecord] = field(default_factory=dict)  # the file's records before
    new: dict[str, FoundRecord] = field(default_factory=dict)  # the records read this run
    path: str = ""  # the file written (or not, with --dry-run), relative to the project
    interrupted: bool = False  # by Ctrl-C: the file holds the answers so far

    @property
    def summary(self) -> str:
        """`Sources: 3 read from the page, 1 from the archived copy, 1 failed; quotes: ...`."""
        records = list(self.new.values())
        counts = {
            "read from the page": sum(r.read_from == "page" for r in records),
            "from the archived copy": sum(r.read_from == "copy" for r in records),
            "saying nothing of themselves": sum(r.status == "none" for r in records),
            "failed": sum(r.status == "failed" for r in records),
        }
        verdicts = [check.verdict or "unread" for r in records for check in r.quotes]
        quotes = {name: verdicts.count(name) for name in ("page", "both", "copy", "nowhere",
                                                           "unread")}
        said = ", ".join(f"{n:,} {what}" for what, n in counts.items() if n) or "nothing new"
        found = quotes["page"] + quotes["both"]
        quoted = (f"; quotes: {found:,} found in the page, {quotes['copy']:,} only in the "
                  f"archived copy, {quotes['nowhere']:,} nowhere" if verdicts else "")
        return f"Sources: {said}{quoted} -> {self.path}"

    @property
    def changes(self) -> list[str]:
        """What the file would change, URL by URL (--dry-run prints it)."""
        lines = []
        for item in self.items:
            if item.url in self.new:
                lines += change_lines(item, self.old.get(item.url), self.new[item.url])
        return lines

    @property
    def quotes_nowhere(self) -> list[str]:
        """`content/a.md:12: quote not found in the page nor in its archived copy: "..."`."""
        return [f"{place}: quote found neither in the page nor in its archived copy: "
                f"\u201c{check.text}\u201d ({item.url})"
                for item in self.items if item.url in self.new
                for check in self.new[item.url].quotes if check.verdict == "nowhere"
                for place in item.places]


def change_lines(item: SourceToRead, old: FoundRecord | None, new: FoundRecord) -> list[str]:
    """One line per fact and quote that changes, the editor's own values marked kept."""
    old = old or FoundRecord()
    lines = []
    for name in FACTS:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            kept = "  (the editor's own is kept)" if name in item.typed else ""
            lines.append(f"  {name}: {_shown(before)} -> {_shown(after)}{kept}")
    for check in new.quotes:
        if old.quote_check(check.text) != check:
            lines.append(f"  quote \u201c{check.text}\u201d: {_verdict_words(check)}")
    if new.status == "failed" and old.status != "failed":
        lines.append("  neither the page nor an archived copy could be read")
    return [item.url, *lines] if lines else []


def _shown(value: object) -> str:
    if value is None:
        return "(none)"
    return value.isoformat() if isinstance(value, Moment) else f"\u201c{value}\u201d"


def _verdict_words(check: QuoteCheck) -> str:
    return {"page": "found in the page", "both": "found in the page and the archived copy",
            "copy": "found only in the archived copy", "nowhere": "found nowhere",
            None: "not checked: neither the page nor an archived copy could be read",
            }[check.verdict]


def to_read(items: list[SourceToRead], records: dict[str, FoundRecord],
            fresh: bool) -> list[SourceToRead]:
    """The URLs still to read: never read, failed last time, or with a quote not looked for."""
    def wanted(item: SourceToRead) -> bool:
        record = records.get(item.url)
        if fresh or record is None or record.checked is None or record.status == "failed":
            return True
        return any(record.quote_check(quote) is None for quote in item.quotes)

    return [item for item in items if wanted(item)]


class PageReader:
    """Reads one cited URL at a time (from many threads)."""

    def __init__(self, fetcher: Fetcher, today: date) -> None:
        self.fetcher = fetcher
        self.today = today

    def read(self, item: SourceToRead) -> FoundRecord:
        live = self.fetcher.get(item.url)
        copy = None
        if item.archived and (not live.ok or item.quotes):
            copy = self.fetcher.get(raw_snapshot(item.archived))
        copy = copy if copy is not None and copy.ok else None
        read = live if live.ok else copy
        facts = page_facts(read.text(), read.final_url) if read is not None else PageFacts()
        status = "failed" if read is None else "found" if facts.any() else "none"
        return FoundRecord(
            title=facts.title, publisher=facts.publisher, author=facts.author,
            date=_day(facts.date) if facts.date else None, lang=facts.lang,
            read_from=None if read is None else ReadFrom("page" if read is live else "copy"),
            checked=_day(self.today), status=FoundStatus(status),
            quotes=quote_checks(item.quotes, live if live.ok else None, copy))


def quote_checks(quotes: Sequence[str], live: Response | None,
                 copy: Response | None) -> list[QuoteCheck]:
    """Whether each quote's words are in the live page and in the copy (None: not read)."""
    if not quotes:
        return []
    texts = [normalised(page_text(answer.text())) if answer else None for answer in (live, copy)]
    return [QuoteCheck(text=quote, in_page=_contains(texts[0], quote),
                       in_copy=_contains(texts[1], quote)) for quote in quotes]


def _contains(text: str | None, quote: str) -> bool | None:
    return None if text is None else normalised(quote) in text


def _day(day: date) -> Moment:
    return Moment(datetime(day.year, day.month, day.day, tzinfo=UTC))


def sources_to_read(settings: Settings, only: Sequence[str] = ()
                    ) -> tuple[list[SourceToRead], list[Problem]]:
    """Every cited http(s) URL of the articles (of those in `only`, if given), sorted, with
    its quotes and archived copy; and the errors of the articles left out."""
    checked = check_site(settings)
    shared = load_shared_sources(settings).shared_sources
    wanted = {project_path(name, settings) for name in only}
    uses: dict[str, list] = {}
    for article in checked.articles:
        if wanted and article.path not in wanted:
            continue
        declared = {key.lower(): entry for key, entry in shared.items()} | {
            key.lower(): entry for key, entry in article.meta.sources.items()}
        for source in article.sources:
            if source.url and source.url.startswith(("http://", "https://")):
                uses.setdefault(source.url, []).append(
                    (article.path, source, declared.get(source.key or "")))
    return [_to_read(url, found) for url, found in sorted(uses.items())], checked.errors


def _to_read(url: str, uses: list) -> SourceToRead:
    typed = frozenset.intersection(*(
        frozenset(name for name in FACTS if entry is not None and getattr(entry, name))
        for _, _, entry in uses))
    places = sorted({(path, citation.line) for path, source, _ in uses
                     for citation in source.citations})
    return SourceToRead(
        url=url, archived=next((source.archived for _, source, _ in uses if source.archived),
                               None),
        quotes=tuple(sorted({source.quote for _, source, _ in uses if source.quote})),
        typed=typed, places=tuple(f"{path}:{line}" for path, line in places))


def read_sources(settings: Settings, options: SourcesOptions, fetcher: Fetcher
                 ) -> SourcesReport:
    """The `sources` command: read every cited page still unread, rewriting
    sources-found.yaml as answers arrive (not with --dry-run); on Ctrl-C the file holds
    every answer so far."""
    records, problems = load_found_file(settings)
    problems += load_archive_file(settings)[1]
    if problems:
        return SourcesReport(problems=problems)
    items, errors = sources_to_read(settings, options.only)
    report_content_errors(errors)
    pending = to_read(items, records, options.fresh)
    print(f"{len(items):,} cited URLs, {len(items) - len(pending):,} already read; "
          f"reading {len(pending):,}.", file=sys.stderr)
    path = settings.content / FOUND_FILE
    where = str(path.relative_to(settings.root))
    old, new = dict(records), {}

    def keep(item: SourceToRead, record: FoundRecord) -> None:
        records[item.url] = new[item.url] = record

    def save() -> None:
        if not options.dry_run:
            write_found(path, records)

    kept = "Nothing was written (--dry-run);" if options.dry_run else \
        f"{where} holds every answer so far;"
    end = run_resumable(Requests(ask=PageReader(fetcher, datetime.now(UTC).date()).read,
                                 pending=pending, keep=keep, save=save, kept=kept,
                                 save_every=WRITE_EVERY),
                        jobs=options.jobs, fetcher=fetcher)
    return SourcesReport(errors=errors, items=items, old=old, new=new, path=where,
                         interrupted=end.interrupted)
