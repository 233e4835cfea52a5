"""The time budget of one article's job (content/budget.py): past it, the job stops with an
error naming the article, and the build goes on with the others.

The clock is the process's interval timer, so it runs where jobs run in a process's main
thread (the build's own process, and every worker of the pool); in a thread (`serve`
building in the background) there is no timer, and only the size and depth limits apply.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

from ..content import budget


class OutOfTime(BaseException):
    """Raised inside a job whose article took longer than its budget; a BaseException, as
    KeyboardInterrupt is, so that no `except Exception` on the way can swallow it."""


@contextlib.contextmanager
def article_deadline() -> Iterator[None]:
    seconds = budget.ARTICLE_SECONDS
    if threading.current_thread() is not threading.main_thread() \
            or not hasattr(signal, "setitimer"):
        yield
        return

    def expired(_signal: int, _frame: object) -> None:
        raise OutOfTime

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
