"""Waiting with a deadline: for an event, or for a line a subprocess prints.

Every wait in the suite ends: at the first sign that what it waits for happened, or at
DEADLINE with an assertion naming what it waited for. The deadline is only ever reached when
something is wrong, so it is generous (a loaded machine is slow, not broken).
"""

from __future__ import annotations

import contextlib
import queue
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from typing import TextIO

DEADLINE = 60.0  # seconds


def wait_for(event: threading.Event, what: str, timeout: float = DEADLINE) -> None:
    assert event.wait(timeout), f"waited {timeout:.0f} s for {what}"


class Lines:
    """A stream of text (a subprocess's stderr), read in a thread, to wait for one line."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.read: list[str] = []
        self.arrived: queue.Queue[str | None] = queue.Queue()
        self.thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self.thread.start()

    def _read(self, stream: TextIO) -> None:
        for line in stream:
            self.arrived.put(line)
        self.arrived.put(None)  # the end of the stream

    def wait_for(self, text: str, what: str, timeout: float = DEADLINE) -> str:
        """The first line from here on that contains `text`."""
        end = time.monotonic() + timeout
        while True:
            try:
                line = self.arrived.get(timeout=max(0.0, end - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"waited {timeout:.0f} s for {what}; read so far:\n"
                                     + self.text()) from None
            if line is None:
                raise AssertionError(f"the stream ended before {what}; it said:\n" + self.text())
            self.read.append(line)
            if text in line:
                return line

    def close(self) -> str:
        """Everything the stream said, once it ended (its process exited)."""
        self.thread.join(DEADLINE)
        assert not self.thread.is_alive(), f"waited {DEADLINE:.0f} s for the stream to end"
        self.stream.close()
        return self.text()

    def text(self) -> str:
        """Everything read so far; after the process ended, everything it wrote."""
        if not self.thread.is_alive():
            while not self.arrived.empty():
                line = self.arrived.get()
                if line is not None:
                    self.read.append(line)
        return "".join(self.read)


def _default_ctrl_c() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@contextlib.contextmanager
def started(command: list[str], **options) -> Iterator[tuple[subprocess.Popen, Lines]]:
    """`command` running, with its stderr read as Lines; afterwards, pass or fail, killed if it
    still runs and its pipe closed. Its Ctrl-C (SIGINT) is the default one even where the tests
    were started with it ignored, as a shell starts its background jobs: a Ctrl-C test sends it."""
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True,
                               preexec_fn=_default_ctrl_c, **options)
    said = Lines(process.stderr)
    try:
        yield process, said
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(DEADLINE)
        said.close()
