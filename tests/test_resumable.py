"""The interruptible, resumable run `archive` and `links` share (network/resumable.py).

Ctrl-C is a fake request raising KeyboardInterrupt at the item the test names; each request
waits until the answer before it is kept, so which answers came first is never a matter of
timing.
"""

from __future__ import annotations

import threading

from footnoted.network.resumable import Requests, RunEnd, run_resumable

KEPT = "The answers so far are kept:"


class FakeWeb:
    """Answers item n once answer n-1 is kept; Ctrl-C arrives with the answer to `ctrl_c_at`."""

    def __init__(self, ctrl_c_at: int | None = None) -> None:
        self.ctrl_c_at = ctrl_c_at
        self.kept: list[tuple[int, str]] = []
        self.saved: list[list[tuple[int, str]]] = []  # what was kept, at each save
        self.stopped = False
        self.turn = threading.Condition()

    def ask(self, n: int) -> str:
        with self.turn:
            self.turn.wait_for(lambda: len(self.kept) == n or self.stopped)
        if n == self.ctrl_c_at:
            raise KeyboardInterrupt
        return f"answer {n}"

    def keep(self, n: int, answer: str) -> None:
        with self.turn:
            self.kept.append((n, answer))
            self.turn.notify_all()

    def save(self) -> None:
        self.saved.append(list(self.kept))

    def stop(self) -> None:
        with self.turn:
            self.stopped = True
            self.turn.notify_all()

    def requests(self, count: int) -> Requests[int, str]:
        return Requests(ask=self.ask, pending=list(range(count)), keep=self.keep,
                        save=self.save, kept=KEPT)


class FakeProgress:
    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []
        self.closed = False

    def __call__(self, done: int, total: int) -> None:
        self.calls.append((done, total))

    def close(self) -> None:
        self.closed = True


def test_interrupting_after_three_answers_saves_those_three_and_says_how_to_go_on(capsys):
    web, progress = FakeWeb(ctrl_c_at=3), FakeProgress()
    end = run_resumable(web.requests(8), jobs=2, fetcher=web, progress=progress)
    assert end == RunEnd(answered=3, pending=8, interrupted=True)
    assert web.saved == [[(0, "answer 0"), (1, "answer 1"), (2, "answer 2")]]
    assert web.stopped  # the requests waiting for their turn give up
    assert progress.calls == [(1, 8), (2, 8), (3, 8)] and progress.closed
    assert capsys.readouterr().err == (
        "Interrupted. The answers so far are kept: run the command again to go on.\n")


def test_interrupting_before_any_answer_still_saves(capsys):
    web = FakeWeb(ctrl_c_at=0)
    end = run_resumable(web.requests(4), jobs=1, fetcher=web, progress=FakeProgress())
    assert end == RunEnd(answered=0, pending=4, interrupted=True)
    assert web.saved == [[]]
    assert "run the command again to go on" in capsys.readouterr().err


def test_a_whole_run_keeps_every_answer_saves_once_and_says_nothing(capsys):
    web, progress = FakeWeb(), FakeProgress()
    end = run_resumable(web.requests(5), jobs=3, fetcher=web, progress=progress)
    assert end == RunEnd(answered=5, pending=5, interrupted=False)
    assert web.saved == [[(n, f"answer {n}") for n in range(5)]]
    assert not web.stopped
    assert progress.calls == [(n, 5) for n in range(1, 6)] and progress.closed
    assert capsys.readouterr().err == ""


def test_nothing_pending_asks_nothing_and_saves_what_there_is(capsys):
    web = FakeWeb()
    end = run_resumable(web.requests(0), jobs=4, fetcher=web, progress=FakeProgress())
    assert end == RunEnd(answered=0, pending=0, interrupted=False)
    assert web.saved == [[]]
    assert capsys.readouterr().err == ""
