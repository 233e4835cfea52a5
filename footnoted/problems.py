"""Problems found in content: every stage collects them, the build reports them together."""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent  # footnoted's code, named in internal errors


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can."""

    path: str  # relative to the project root, as the editor sees it
    line: int  # 1-based; 0 when the problem concerns the whole file
    message: str  # what is wrong
    fix: str = ""  # what the editor should do about it
    severity: Severity = Severity.ERROR
    kind: str = ""  # what a build's report groups it under, plural: "lost links"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.severity.value}: {self.message}"
        return f"{text}. {self.fix}" if self.fix else text

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def error(path: Path | str, line: int, message: str, fix: str = "") -> Problem:
    return Problem(str(path), line, message, fix, Severity.ERROR)


def warning(path: Path | str, line: int, message: str, fix: str = "", kind: str = "") -> Problem:
    """A warning; those of one `kind` are reported together by a build (report.py), each
    warning without a kind on its own line."""
    return Problem(str(path), line, message, fix, Severity.WARNING, kind)


def internal_error(path: Path | str, line: int, exc: BaseException) -> Problem:
    """A bug of ours met while reading one article: that article's error, never a traceback
    ending the build; it names the exception and where in footnoted it was raised."""
    frames = [frame for frame in traceback.extract_tb(exc.__traceback__)
              if Path(frame.filename).is_relative_to(PACKAGE)]
    where = ""
    if frames:
        module = Path(frames[-1].filename).relative_to(PACKAGE.parent).as_posix()
        where = f" (at {module}:{frames[-1].lineno})"
    text = " ".join(f"{type(exc).__name__}: {exc}".split())
    return error(path, line, f"internal error while reading this article: {text}{where}",
                 "Please report it, with this article; the other articles were checked")


class BuildFailed(Exception):
    """Raised when the input has errors; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=_report_order)
        super().__init__("\n".join(str(p) for p in self.problems))


def _report_order(problem: Problem) -> tuple[str, int, str]:
    return (problem.path, problem.line, problem.message)


def report_order(problems: list[Problem]) -> list[Problem]:
    """Problems sorted by file and line, so reports read top to bottom and are deterministic."""
    return sorted(problems, key=_report_order)
