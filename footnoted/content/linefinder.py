"""Lines of raw text, for problem reports that name the line an editor must look at."""

from __future__ import annotations

import bisect
import re
from pathlib import Path

NEWLINE = re.compile("\n")  # finditer is ten times faster than a loop over characters


def read_text(path: Path) -> str:
    """A file's text for line look-ups; "" when it cannot be read (that is reported elsewhere)."""
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


class LineFinder:
    """Finds the file line of raw Markdown text such as `[^note]` or `@key`."""

    def __init__(self, text: str, first_line: int) -> None:
        self.text = text
        self.first_line = first_line
        self.line_starts = [0] + [match.end() for match in NEWLINE.finditer(text)]

    def find(self, needle: str, occurrence: int = 0) -> int:
        """Line of the `occurrence`-th (0-based) appearance of `needle`, else of the first."""
        found = position = -1
        for _ in range(occurrence + 1):
            position = self.text.find(needle, position + 1)
            if position < 0:
                break
            found = position
        if found < 0:
            return self.first_line
        return self.first_line + bisect.bisect_right(self.line_starts, found) - 1
