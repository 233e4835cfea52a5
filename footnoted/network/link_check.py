"""`links`: is every cited source still there, at the same place, saying the same thing?

Each cited URL is fetched (redirects followed) and judged:

- **dead**: 404 or 410, no answer (DNS failure, refused, timeout), or a 5xx after retries;
- **moved**: the redirects end on another host (`www.` aside);
- **drift**: the live page's main text, compared with its archived copy's, is less similar
  than DRIFT_THRESHOLD (0 to 1: difflib's ratio over the two texts' words).

Results are kept in `.footnoted-cache/links.json` for `links_cache_days`, so a weekly run in
CI asks each host little. What is found dead is written into content/archive.yaml (`dead:`),
where builds read it to lead with the archived copy.
"""

from __future__ import annotations

import json
import os
import re
import time
from dataclasses import asdict, dataclass, field, replace
from difflib import SequenceMatcher
from pathlib import Path
from urllib.parse import urlsplit

from ..content.archive_file import ARCHIVE_FILE, ArchiveRecord, write_archive
from ..incremental import CACHE_DIR
from ..problems import Problem
from ..settings import Settings
from .citing import CitedUrl, load_citations
from .fetching import Fetcher, Response
from .resumable import Requests, run_resumable

DRIFT_THRESHOLD = 0.5  # a live page less similar than this to its snapshot has drifted
DEAD_STATUSES = (404, 410)
COMPARED_WORDS = 3000  # of each text: enough to tell, and difflib stays fast
CACHE_FILE = "links.json"


@dataclass(frozen=True, kw_only=True)
class LinkResult:
    url: str
    status: int  # the last HTTP status after redirects; 0 when no answer came
    final_url: str
    dead: bool
    moved: bool  # the redirects ended on another host
    drift: float | None  # similarity of the live text to the archived copy's; None: not compared
    archived: str | None  # the archived copy compared with (or known), if any
    error: str = ""  # why no answer came
    checked: float = 0.0  # when, in seconds since the epoch

    @property
    def drifted(self) -> bool:
        return self.drift is not None and self.drift < DRIFT_THRESHOLD

    @property
    def finding(self) -> str:
        """What an editor should hear about, in a few words ('' when all is well)."""
        if self.dead:
            return f"dead ({self.status or self.error})"
        if self.moved:
            return f"moved to {urlsplit(self.final_url).hostname}"
        return f"drift: {self.drift:.2f} similar" if self.drifted else ""


@dataclass(frozen=True, kw_only=True)
class LinksOptions:
    fresh: bool = False  # check every URL now, ignoring the results of links_cache_days
    jobs: int = 4  # requests under way at once
    only: tuple[str, ...] = ()  # only the sources of these articles (their files)
    json_file: Path | None = None  # also write the results there, as JSON


@dataclass(frozen=True, kw_only=True)
class LinksReport:
    """What `links` found, or why it asked nothing."""

    problems: list[Problem] = field(default_factory=list)  # archive.yaml's: nothing was asked
    errors: list[Problem] = field(default_factory=list)  # articles that do not load, left out
    cited: list[CitedUrl] = field(default_factory=list)
    results: dict[str, LinkResult] = field(default_factory=dict)  # by URL
    interrupted: bool = False  # by Ctrl-C: the cache holds the answers so far

    @property
    def unsaved(self) -> list[CitedUrl]:
        """The dead sources without an archived copy: what an editor must see to."""
        return [item for item in self.cited
                if self.results[item.url].dead and not item.archived]

    @property
    def table(self) -> list[str]:
        return report_table(self.cited, self.results)

    @property
    def summary(self) -> str:
        values = list(self.results.values())
        dead, moved = sum(r.dead for r in values), sum(r.moved and not r.dead for r in values)
        drifted = sum(r.drifted and not r.dead for r in values)
        return (f"Checked {len(values):,} URLs: {dead:,} dead ({len(self.unsaved):,} without "
                f"an archived copy), {moved:,} moved, {drifted:,} drifted.")


class LinkChecker:
    def __init__(self, fetcher: Fetcher, cache: dict[str, LinkResult], max_age: float) -> None:
        self.fetcher = fetcher
        self.cache = cache
        self.max_age = max_age

    def cached(self, item: CitedUrl) -> LinkResult | None:
        found = self.cache.get(item.url)
        if found and found.archived == item.archived and time.time() - found.checked < self.max_age:
            return found
        return None

    def check(self, item: CitedUrl) -> LinkResult:
        live = self.fetcher.get(item.url)
        dead = live.status in DEAD_STATUSES or live.status == 0 or live.status >= 500
        drift = None
        if live.ok and item.archived:
            copy = self.fetcher.get(raw_snapshot(item.archived))
            drift = similarity(main_text(live), main_text(copy)) if copy.ok else None
        return LinkResult(url=item.url, status=live.status, final_url=live.final_url,
                          dead=dead, moved=_host(live.final_url) != _host(item.url),
                          drift=drift, archived=item.archived, error=live.error,
                          checked=time.time())


def check_cited(settings: Settings, options: LinksOptions, fetcher: Fetcher) -> LinksReport:
    """The `links` command: judge every cited URL (from the cache while its answer is fresh),
    keep the answers in the cache, and mark the dead ones in archive.yaml."""
    citations, problems = load_citations(settings, options.only)
    if citations is None:
        return LinksReport(problems=problems)
    folder = settings.root / CACHE_DIR
    old = {} if options.fresh else load_cache(folder)
    checker = LinkChecker(fetcher, old, settings.links_cache_days * 86400)
    results = {item.url: found for item in citations.urls if (found := checker.cached(item))}

    def keep(item: CitedUrl, result: LinkResult) -> None:
        results[item.url] = result

    end = run_resumable(Requests(ask=checker.check, keep=keep,
                                 pending=[item for item in citations.urls
                                          if item.url not in results],
                                 save=lambda: save_cache(folder, results, old),
                                 kept="The answers so far are kept:"),
                        jobs=options.jobs, fetcher=fetcher)
    report = LinksReport(errors=citations.errors, cited=citations.urls, results=results,
                         interrupted=end.interrupted)
    if not end.interrupted:
        _write_findings(settings, citations.records, report, options.json_file)
    return report


def _write_findings(settings: Settings, records: dict[str, ArchiveRecord], report: LinksReport,
                    json_file: Path | None) -> None:
    """The dead originals into archive.yaml; the report as JSON when asked for."""
    if mark_dead(records, report.results):
        write_archive(settings.content / ARCHIVE_FILE, records)
    if json_file:
        json_file.write_text(json.dumps(report_json(report.cited, report.results), indent=2)
                             + "\n", "utf-8")


def raw_snapshot(url: str) -> str:
    """A Wayback snapshot without the archive's toolbar: /web/STAMPid_/..., as recorded."""
    return re.sub(r"(/web/\d{1,14})(/)", r"\1id_\2", url, count=1)


def main_text(response: Response) -> str:
    """The page's main text (trafilatura: made for finding an article in its page)."""
    import trafilatura  # only this command needs it, and it is slow to import

    html = response.text()
    return trafilatura.extract(html, include_comments=False) or trafilatura.html2txt(html) or ""


def similarity(one: str, other: str) -> float:
    a, b = one.split()[:COMPARED_WORDS], other.split()[:COMPARED_WORDS]
    if not a and not b:
        return 1.0
    return round(SequenceMatcher(None, a, b, autojunk=False).ratio(), 2)


def load_cache(folder: Path) -> dict[str, LinkResult]:
    try:
        rows = json.loads((folder / CACHE_FILE).read_text("utf-8"))
        return {row["url"]: LinkResult(**row) for row in rows}
    except Exception:  # missing or damaged: every URL is checked again
        return {}


def save_cache(folder: Path, results: dict[str, LinkResult], old: dict[str, LinkResult]) -> None:
    folder.mkdir(exist_ok=True)
    merged = {**old, **results}
    temporary = folder / f"{CACHE_FILE}.{os.getpid()}"
    temporary.write_text(json.dumps([asdict(merged[url]) for url in sorted(merged)], indent=1),
                         "utf-8")
    os.replace(temporary, folder / CACHE_FILE)


def report_json(items: list[CitedUrl], results: dict[str, LinkResult]) -> dict:
    return {"sources": [
        {"url": item.url, "status": results[item.url].status,
         "final_url": results[item.url].final_url, "dead": results[item.url].dead,
         "moved": results[item.url].moved, "drift": results[item.url].drift,
         "archived": item.archived, "cited_at": list(item.places)}
        for item in items]}


def report_table(items: list[CitedUrl], results: dict[str, LinkResult]) -> list[str]:
    """One line per finding and place: `file:line  finding  url  archived copy`."""
    rows = [(place, results[item.url].finding, item.url,
             "archived" if item.archived else "NO ARCHIVED COPY")
            for item in items if results[item.url].finding for place in item.places]
    rows.sort(key=lambda row: (row[0].rpartition(":")[0], int(row[0].rpartition(":")[2])))
    if not rows:
        return []
    header = ("cited at", "finding", "url", "archived copy")
    widths = [max(len(row[n]) for row in [header, *rows]) for n in range(3)]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row, [*widths, 0], strict=True)
                      ).rstrip() for row in [header, *rows]]


def mark_dead(records: dict[str, ArchiveRecord], results: dict[str, LinkResult]) -> bool:
    """Record in archive.yaml's records which originals are dead now; True if any changed."""
    changed = False
    for url, result in results.items():
        old = records.get(url)
        if (old.dead if old else False) != result.dead:
            records[url] = replace(old or ArchiveRecord(), dead=result.dead)
            changed = True
    return changed


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.")
