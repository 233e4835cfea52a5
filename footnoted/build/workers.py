"""The pool of processes that runs article jobs, or runs them here when there are few.

Each job is a function of (state, job): the state is made once per process from the build's
context, by the pool's initializer in a worker and by `Workers` itself in this process. A
pool takes jobs in any order and hands results back in job order, which keeps the output
identical to a serial build.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator
from typing import Any

POOL_THRESHOLD = 24  # fewer jobs than this run faster in-process than through a pool
WINDOW = 512  # jobs handed to the pool at a time


class Workers:
    """Runs jobs in this process, or in a pool of `processes` once there are enough of them."""

    def __init__(self, make_state: Callable[[Any], Any], context: Any, processes: int) -> None:
        self.make_state = make_state  # context -> the state every job of a process shares
        self.context = context  # picklable: given once to each worker process
        self.processes = processes or default_processes()
        self.pool = None
        self.local = make_state(context)  # the state of the jobs run in this process

    def map(self, function: Callable[[Any, Any], Any], jobs: list) -> Iterator:
        if self.processes <= 1 or len(jobs) < POOL_THRESHOLD:
            return map(functools.partial(function, self.local), jobs)
        self._start_pool()
        return self._windows(functools.partial(_in_worker, function), jobs)

    def submit(self, function: Callable[[Any, Any], Any], job: Any, size: int = 0
               ) -> Callable[[], Any]:
        """Start one job in the pool and return what gives its result. `size` is the number
        of articles the job covers, 0 for one not worth starting a pool for: for one of
        POOL_THRESHOLD or more the pool is started if none runs yet (a template edit parses
        nothing, and its site-wide pages would otherwise be made here, one group after
        another, once the article pages are done); a smaller job without a pool runs here
        when its result is asked for."""
        if self.pool is None and self.processes > 1 and size >= POOL_THRESHOLD:
            self._start_pool()
        if self.pool is None:
            return functools.partial(function, self.local, job)
        return self.pool.apply_async(_in_worker, (function, job)).get

    def _start_pool(self) -> None:
        if self.pool is None:
            self.pool = _pool_context().Pool(self.processes, _start_worker,
                                             (self.make_state, self.context))

    def _windows(self, function: Callable, jobs: list) -> Iterator:
        """A pool queues every job it is given at once: hand them over a window at a time,
        so the jobs and results waiting in memory stay few on a site of any size."""
        for start in range(0, len(jobs), WINDOW):
            window = jobs[start:start + WINDOW]
            yield from self.pool.imap(function, window, 8)

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc_info) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()


def default_processes() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _pool_context():
    """fork starts workers in milliseconds, but is unsafe once threads run (as in `serve`)."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


_worker_state: Any = None  # a worker process's state, set once by the pool's initializer


def _start_worker(make_state: Callable[[Any], Any], context: Any) -> None:
    global _worker_state
    _worker_state = make_state(context)


def _in_worker(function: Callable[[Any, Any], Any], job: Any) -> Any:
    return function(_worker_state, job)
