"""What the network commands (`archive`, `links`, `recover`) share: their options and what
they print. The shared `--jobs` of every command is, for these, the requests at once."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the network code loads only when a network command runs
    from ..network.fetching import Fetcher

DEFAULT_REQUESTS = 4  # requests under way at once, when --jobs is not given
INTERRUPTED = 130  # the exit code after Ctrl-C, as a shell gives it (128 + SIGINT)


def add_network_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--timeout", type=float, default=10.0, metavar="S",
                        help="seconds to wait for one answer (default: 10); --jobs N: "
                        f"requests at once (default: {DEFAULT_REQUESTS})")
    parser.add_argument("--retries", type=int, default=2, metavar="N",
                        help="further tries after a timeout, 429 or 5xx (default: 2)")
    parser.add_argument("--delay", type=float, default=1.0, metavar="S",
                        help="seconds between two requests to one host (default: 1)")


def add_only_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--only", nargs="+", default=[], metavar="FILE",
                        help="only the sources of these articles")


def requests_at_once(args: argparse.Namespace) -> int:
    return getattr(args, "jobs", 0) or DEFAULT_REQUESTS


def fetcher_from(args: argparse.Namespace) -> Fetcher:
    from ..network.fetching import Fetcher

    return Fetcher(timeout=args.timeout, retries=args.retries, delay=args.delay,
                   backoff=min(1.0, args.timeout))


def report_failed(problems: list) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1
