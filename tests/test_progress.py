"""The progress bar: drawn on a terminal once a build has run for a second, never elsewhere."""

from __future__ import annotations

import io

from footnoted.progress import ProgressBar


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_long_build_on_a_terminal_shows_a_bar_and_clears_it():
    screen = Terminal()
    bar = ProgressBar(screen)
    bar.started -= 2  # as if the build had been running for two seconds
    bar(250, 1000)
    assert screen.getvalue() == "\r[#######-----------------------] 250/1,000 articles"
    bar.close()
    assert screen.getvalue().endswith("\r\033[K")


def test_a_short_build_draws_nothing():
    screen = Terminal()
    bar = ProgressBar(screen)
    bar(1000, 1000)
    bar.close()
    assert screen.getvalue() == ""


def test_no_bar_when_the_output_is_not_a_terminal():
    log = io.StringIO()
    bar = ProgressBar(log)
    bar.started -= 2
    bar(999, 1000)
    bar.close()
    assert log.getvalue() == ""
