"""`archive`: ask the web archive for a snapshot of every cited source, into archive.yaml.

For each cited http(s) URL without an archived copy, the Wayback Machine's availability API
gives the snapshot closest to the citing article's date; `--save` asks for a capture where
there is none. The file is rewritten whole (atomically) as answers come in, so Ctrl-C loses
at most the requests under way, and the next run asks only about the URLs still unknown.

The archive's answer is checked before anything of it is stored (`archive_url`): a snapshot
must be an http(s) address of an archived copy (`.../web/STAMP/...`); any other answer (a
number, a list, `javascript:`, JSON nested past reading) is that URL's failure, said on the
terminal, and the URL is asked again next time.
"""

from __future__ import annotations

import json
import re
import sys
import threading
import time
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from urllib.parse import quote, urlencode, urlsplit

from ..content.archive_file import ARCHIVE_FILE, ArchiveRecord, ArchiveStatus, write_archive
from ..content.schema import Moment
from ..content.urls import unsafe_url_reason
from ..problems import Problem
from ..settings import Settings
from .citing import CitedUrl, load_citations
from .fetching import Fetcher, Response
from .resumable import Requests, run_resumable

WAYBACK_SNAPSHOT = re.compile(r"/web/(\d{8})(\d{0,6})[a-z_]*/")
# The public archive answers availability at archive.org and captures at web.archive.org.
SAVE_HOSTS = {"https://archive.org": "https://web.archive.org"}
MAX_URL = 4000  # characters of a snapshot address; longer is no archive's
WRITE_EVERY = 0.5  # seconds between rewrites of archive.yaml while answers arrive


@dataclass(frozen=True, kw_only=True)
class ArchiveOptions:
    endpoint: str = "https://archive.org"
    save: bool = False  # ask for a capture where the archive has none
    save_interval: float = 10.0  # seconds between two capture requests (the archive's limit)
    jobs: int = 4  # requests under way at once
    only: tuple[str, ...] = ()  # only the sources of these articles (their files)


@dataclass(frozen=True, kw_only=True)
class ArchiveReport:
    """What `archive` did, or why it asked nothing."""

    problems: list[Problem] = field(default_factory=list)  # archive.yaml's: nothing was asked
    errors: list[Problem] = field(default_factory=list)  # articles that do not load, left out
    counts: dict[str, int] = field(default_factory=dict)  # answers of each status
    path: str = ""  # the file written, relative to the project
    interrupted: bool = False  # by Ctrl-C: the file holds the answers so far
    failures: dict[str, str] = field(default_factory=dict)  # URL -> why its answer was refused

    @property
    def summary(self) -> str:
        """`Archive: 3 archived, 1 missing -> content/archive.yaml`."""
        counts = ", ".join(f"{n:,} {status}" for status, n in sorted(self.counts.items()))
        return f"Archive: {counts or 'nothing new'} -> {self.path}"


def to_ask(cited: list[CitedUrl], records: dict[str, ArchiveRecord], save: bool) -> list:
    """The URLs still unknown: no archived copy declared, and no answer in the file yet (with
    --save, the ones the archive had nothing for are asked again, to capture them)."""
    def wanted(item: CitedUrl) -> bool:
        record = records.get(item.url)
        if record is None or record.checked is None or record.status == "failed":
            return not item.archived
        return save and record.status == "missing"

    return [item for item in cited if wanted(item)]


class Archiver:
    """Asks the archive about one URL at a time (from many threads)."""

    def __init__(self, options: ArchiveOptions, fetcher: Fetcher, today: date) -> None:
        self.options = options
        self.fetcher = fetcher
        self.today = today
        self.save_lock = threading.Lock()
        self.last_save = 0.0
        self.failures: dict[str, str] = {}  # URL -> why the archive's answer was refused

    def ask(self, item: CitedUrl) -> ArchiveRecord:
        try:
            return self._ask(item)
        except BadAnswer as refusal:
            self.failures[item.url] = str(refusal)  # one key per thread: no lock needed
            return self.record("failed")

    def _ask(self, item: CitedUrl) -> ArchiveRecord:
        query = urlencode({"url": item.url, "timestamp": item.date.strftime("%Y%m%d")})
        answer = self.fetcher.get(f"{self.options.endpoint.rstrip('/')}/wayback/available?{query}")
        if not answer.ok:
            return self.record("failed")
        found = closest_snapshot(answer)
        if found:
            return self.record("archived", *found)
        if self.options.save:
            return self.save(item.url)
        return self.record("missing")

    def save(self, url: str) -> ArchiveRecord:
        """Ask for a capture, no sooner than save_interval after the last request."""
        with self.save_lock:
            wait = self.last_save + self.options.save_interval - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            self.last_save = time.monotonic()
        base = self.options.endpoint.rstrip("/")
        answer = self.fetcher.get(f"{SAVE_HOSTS.get(base, base)}/save/{quote(url, safe=':/')}")
        found = saved_snapshot(answer, SAVE_HOSTS.get(base, base))
        return self.record("saved", *found) if answer.ok and found else self.record("missing")

    def record(self, status: str, snapshot: str | None = None,
               taken: date | None = None) -> ArchiveRecord:
        return ArchiveRecord(snapshot=snapshot, snapshot_date=_day(taken) if taken else None,
                             checked=_day(self.today), status=ArchiveStatus(status))


def _day(day: date) -> Moment:
    return Moment(datetime(day.year, day.month, day.day, tzinfo=UTC))


class BadAnswer(Exception):
    """The archive's answer is not one it gives: nothing of it is stored."""


def closest_snapshot(answer: Response) -> tuple[str, date] | None:
    """The availability API's `archived_snapshots.closest`, when it is available; BadAnswer
    when the answer is not the API's."""
    try:
        data = json.loads(answer.body)
    except (ValueError, RecursionError) as exc:
        raise BadAnswer("the archive's answer is not JSON it can give") from exc
    snapshots = data.get("archived_snapshots") if isinstance(data, dict) else None
    closest = snapshots.get("closest") if isinstance(snapshots, dict) else None
    if not isinstance(data, dict) or not isinstance(snapshots, dict | None) \
            or not isinstance(closest, dict | None):
        raise BadAnswer("the archive's answer is not its availability API's")
    if not closest or closest.get("available") is not True or not closest.get("url"):
        return None
    url = archive_url(closest["url"])
    stamp = closest.get("timestamp", "")
    taken = _stamp_date(stamp if isinstance(stamp, str) else "") or _stamp_date(_url_stamp(url))
    if taken is None:
        raise BadAnswer("the archive's snapshot has no date")
    return url, taken


def archive_url(value: object) -> str:
    """`value` when it is the http(s) address of an archived copy; BadAnswer otherwise."""
    shown = repr(value)[:80]
    if not isinstance(value, str) or len(value) > MAX_URL or unsafe_url_reason(value) \
            or any(char.isspace() or not char.isprintable() for char in value):
        raise BadAnswer(f"the archive's snapshot address is not an address: {shown}")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname \
            or not WAYBACK_SNAPSHOT.search(parts.path + "/"):
        raise BadAnswer(f"the archive's snapshot address is not an archived copy's: {shown}")
    return value


def saved_snapshot(answer: Response, base: str) -> tuple[str, date] | None:
    """Where a capture went: the redirect's target or the Content-Location header."""
    for where in (answer.final_url, answer.headers.get("Content-Location", "")):
        taken = _stamp_date(_url_stamp(where))
        if taken:
            return archive_url(where if where.startswith("http") else base + where), taken
    return None


def _url_stamp(url: str) -> str:
    match = WAYBACK_SNAPSHOT.search(url)
    return match.group(1) if match else ""


def _stamp_date(stamp: str) -> date | None:
    try:
        return datetime.strptime(stamp[:8], "%Y%m%d").date()
    except ValueError:
        return None


def archive_cited(settings: Settings, options: ArchiveOptions, fetcher: Fetcher) -> ArchiveReport:
    """The `archive` command: ask about every cited URL still unknown, rewriting archive.yaml
    as answers arrive; on Ctrl-C it holds every answer so far."""
    citations, problems = load_citations(settings, options.only)
    if citations is None:
        return ArchiveReport(problems=problems)
    records, path = citations.records, settings.content / ARCHIVE_FILE
    items = to_ask(citations.urls, records, options.save)
    print(f"{len(citations.urls):,} cited URLs, {len(citations.urls) - len(items):,} already "
          f"known; asking {options.endpoint} about {len(items):,}.", file=sys.stderr)
    archiver = Archiver(options, fetcher, datetime.now(UTC).date())
    counts: dict[str, int] = {}

    def keep(item: CitedUrl, record: ArchiveRecord) -> None:
        records[item.url] = _kept_dead(records.get(item.url), record)
        counts[record.status] = counts.get(record.status, 0) + 1

    where = str(path.relative_to(settings.root))
    end = run_resumable(Requests(ask=archiver.ask, pending=items, keep=keep,
                                 save=lambda: write_archive(path, records),
                                 kept=f"{where} holds every answer so far;",
                                 save_every=WRITE_EVERY),
                        jobs=options.jobs, fetcher=fetcher)
    return ArchiveReport(errors=citations.errors, counts=counts, path=where,
                         interrupted=end.interrupted, failures=dict(archiver.failures))


def _kept_dead(old: ArchiveRecord | None, new: ArchiveRecord) -> ArchiveRecord:
    """What `links` found out stays when the archive is asked again."""
    return replace(new, dead=old.dead) if old else new
