"""An interruptible, resumable run of requests: what `archive` and `links` share.

The run asks only about the items not answered yet, several at a time, with a progress bar,
and saves the answers as it goes (when asked to) and at the end, however it ends. On Ctrl-C
the requests waiting for their turn give up, the answers so far are saved, and the editor
hears where they are and that running the command again goes on from there.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from ..progress import ProgressBar
from .fetching import run_all

T = TypeVar("T")
R = TypeVar("R")


class Progress(Protocol):
    """A progress bar (progress.ProgressBar): called with (done, total), closed at the end."""

    def __call__(self, done: int, total: int) -> None: ...

    def close(self) -> None: ...


class Stoppable(Protocol):
    """What asks the web (fetching.Fetcher): `stop()` makes the waiting requests give up."""

    def stop(self) -> None: ...


@dataclass(frozen=True, kw_only=True)
class Requests(Generic[T, R]):
    """What one resumable run asks, and where its answers go."""

    ask: Callable[[T], R]  # one request; called from several threads at once
    pending: list[T]  # the items not answered yet, in the order to ask about them
    keep: Callable[[T, R], None]  # takes one answer in (in the calling thread)
    save: Callable[[], None]  # writes every answer kept so far where the next run finds it
    kept: str  # where the answers are, ending with its own punctuation: Ctrl-C's message
    save_every: float | None = None  # seconds between saves while answers come; None: at the end


@dataclass(frozen=True, kw_only=True)
class RunEnd:
    """How a resumable run ended."""

    answered: int  # answers kept (and saved)
    pending: int  # items there were to ask about
    interrupted: bool  # Ctrl-C: the rest is for the next run


def run_resumable(requests: Requests[T, R], *, jobs: int, fetcher: Stoppable,
                  progress: Progress | None = None) -> RunEnd:
    """Ask about every pending item, `jobs` at a time, with a progress bar (of URLs on a
    terminal, by default); keep and save the answers. On Ctrl-C, stop the fetcher, save the
    answers so far and say how to go on."""
    progress = ProgressBar(unit="URLs") if progress is None else progress
    answered, interrupted = 0, False
    last_save = time.monotonic()
    try:
        for item, answer in run_all(requests.ask, requests.pending, jobs):
            requests.keep(item, answer)
            answered += 1
            progress(answered, len(requests.pending))
            if requests.save_every is not None and \
                    time.monotonic() - last_save > requests.save_every:
                requests.save()
                last_save = time.monotonic()
    except KeyboardInterrupt:
        fetcher.stop()  # the requests waiting for their turn give up at once
        interrupted = True
    finally:
        requests.save()  # however the run ends, what was answered is kept
        progress.close()
    if interrupted:
        print(f"Interrupted. {requests.kept} run the command again to go on.", file=sys.stderr)
    return RunEnd(answered=answered, pending=len(requests.pending), interrupted=interrupted)
