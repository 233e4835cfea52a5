"""A progress bar on a terminal for builds that take over a second; silence otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO

DELAY = 1.0  # seconds before the bar appears: quick builds print only their summary
WIDTH = 30


class ProgressBar:
    """Call with (done, total) as articles finish; `close()` clears the line it drew."""

    def __init__(self, stream: TextIO | None = None, enabled: bool = True,
                 unit: str = "articles") -> None:
        self.stream = stream or sys.stderr
        self.unit = unit
        self.enabled = enabled and self.stream.isatty()
        self.started = time.monotonic()
        self.drawn = False
        self.last_draw = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if not self.enabled or now - self.started < DELAY:
            return
        if now - self.last_draw < 0.1 and done < total:
            return  # redraw at most ten times a second
        filled = WIDTH * done // max(total, 1)
        bar = "#" * filled + "-" * (WIDTH - filled)
        self.stream.write(f"\r[{bar}] {done:,}/{total:,} {self.unit}")
        self.stream.flush()
        self.drawn, self.last_draw = True, now

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.drawn = False
