"""serve's builds: each in this process (so the incremental records stay warm in memory between
them), one at a time, in a thread of their own so the server answers while one runs."""

from __future__ import annotations

import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..build.pipeline import build_site
from ..problems import BuildFailed, Problem
from ..report import held_back, plural, print_problems, print_warnings
from ..settings import Settings, load_settings


@dataclass(frozen=True, kw_only=True)
class Outcome:
    """What one build means for the server."""

    settings: Settings  # as this build read them (pyproject.toml may have changed)
    problems: list[Problem]  # its errors; empty when it succeeded
    rewritten: frozenset[str]  # the site files it wrote anew ("tiny/index.html")


class Builds:
    """Builds the project and says how each went, in the terminal and as an `Outcome`."""

    def __init__(self, settings: Settings, drafts: bool = False,
                 listing_command: str = "footnoted check", verbose: bool = False,
                 quiet: bool = False) -> None:
        self.settings = settings
        self.drafts = drafts
        self.listing_command = listing_command  # named by grouped warnings
        self.verbose = verbose  # every warning listed
        self.quiet = quiet  # only errors printed

    def build(self, processes: int = 1) -> Outcome:
        started = time.perf_counter()
        rewritten: frozenset[str] = frozenset()
        try:
            self.settings = load_settings(self.settings.root)  # pyproject.toml may have changed
            result = build_site(self.settings, drafts=self.drafts, processes=processes)
            problems, summary = [], (f"Built {plural(result.articles, 'article')} "
                                     f"({result.changed:,} changed) in "
                                     f"{time.perf_counter() - started:.2f} s")
            summary = "; ".join(filter(None, [summary, held_back(result.drafts, result.future)]))
            warnings, rewritten = result.warnings, result.rewritten
        except BuildFailed as failure:
            problems, warnings = failure.problems, []
            summary = f"Build failed: {plural(len(problems), 'problem')}; showing them in the " \
                      "browser"
        print_problems(problems)
        if not self.quiet:
            print_warnings(warnings, self.listing_command, self.verbose)
        if problems or not self.quiet:
            print(summary, file=sys.stderr, flush=True)
        return Outcome(settings=self.settings, problems=problems, rewritten=rewritten)

    def watched_paths(self) -> list[Path]:
        settings = self.settings
        return [settings.content, settings.templates, settings.static,
                settings.root / "pyproject.toml"]


class Builder(threading.Thread):
    """Builds once per `request()`, handing each `Outcome` to `announce`; the requests made
    while a build runs are one build after it."""

    def __init__(self, builds: Builds, announce: Callable[[Outcome], None]) -> None:
        super().__init__(daemon=True, name="footnoted-builder")  # Ctrl-C ends a build
        self.builds = builds
        self.announce = announce
        self.wanted = threading.Event()
        self.stopped = False

    def request(self) -> None:
        self.wanted.set()

    def run(self) -> None:
        while True:
            self.wanted.wait()
            if self.stopped:
                return
            self.wanted.clear()
            try:
                outcome = self.builds.build()
            except Exception:  # a bug of ours: said, and the next save builds again
                traceback.print_exc()
                continue
            self.announce(outcome)

    def stop(self) -> None:
        self.stopped = True
        self.wanted.set()
