"""What the command line prints about problems: in full, or grouped by kind for a build.

A build repeats its warnings every time (cached articles included), so it prints each kind
once with a count and the first places; `check` and `--verbose` list every warning.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TextIO

from .problems import Problem

PLACES_SHOWN = 3  # places named in a grouped warning line


def print_problems(problems: Iterable[Problem], stream: TextIO | None = None) -> None:
    for problem in problems:
        print(problem, file=stream or sys.stderr)


def grouped(warnings: list[Problem], listing_command: str) -> list[str]:
    """One line per kind of warning, in the order of each kind's first warning: the warning
    itself when it is alone (or has no kind), else the count and the first few places."""
    kinds: dict[str, list[Problem]] = {}
    for problem in warnings:
        kinds.setdefault(problem.kind or f"\0{len(kinds)}", []).append(problem)
    lines = []
    for kind, problems in kinds.items():
        if len(problems) == 1 or kind.startswith("\0"):
            lines += [str(problem) for problem in problems]
            continue
        distinct = list(dict.fromkeys(_place(p) for p in problems))
        places = ", ".join(distinct[:PLACES_SHOWN])
        more = ", ..." if len(distinct) > PLACES_SHOWN else ""
        lines.append(f"warning: {len(problems):,} {kind}, at {places}{more} "
                     f"({listing_command} lists them)")
    return lines


def print_warnings(warnings: list[Problem], listing_command: str, verbose: bool) -> None:
    lines = [str(p) for p in warnings] if verbose else grouped(warnings, listing_command)
    for line in lines:
        print(line, file=sys.stderr)


def counted(problems: list[Problem]) -> str:
    """'1 error, 2 warnings'."""
    errors = sum(p.is_error for p in problems)
    return f"{plural(errors, 'error')}, {plural(len(problems) - errors, 'warning')}"


def held_back(drafts: int, future: int) -> str:
    """'2 drafts, 1 future article held back (--drafts to include)', or ''."""
    parts = []
    if drafts:
        parts.append(plural(drafts, "draft"))
    if future:
        parts.append(plural(future, "future article"))
    return f"{', '.join(parts)} held back (--drafts to include)" if parts else ""


def plural(count: int, word: str) -> str:
    return f"{count:,} {word if count == 1 else word + 's'}"


def _place(problem: Problem) -> str:
    return f"{problem.path}:{problem.line}" if problem.line else problem.path
