"""Characters no web page or feed may hold: removed where text enters, and again where it leaves.

XML 1.0 forbids the C0 controls other than tab, line feed and carriage return (one of them in
a summary makes the whole feed unreadable), and HTML reports them, DEL, the C1 controls and
the noncharacters as errors ("Forbidden code point"). They reach articles by copy and paste
from word processors and PDFs. The loader removes them from each file with a warning naming
the lines (`strip_forbidden`); templates pass every value through `xml_safe`, so text from
anywhere else (a YAML escape such as "\\u0001", a placeholder Python-Markdown left in a
summary) cannot break a feed either.
"""

from __future__ import annotations

import re

from ..problems import Problem, warning

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
# Python-Markdown's placeholders are STX ... ETX; what one holds is never reader text.
PLACEHOLDER = re.compile("\x02[^\x02\x03]*\x03")


def strip_forbidden(text: str, path: str, first_line: int = 1) -> tuple[str, list[Problem]]:
    """`text` without forbidden characters, and a warning naming where they were."""
    found = list(FORBIDDEN.finditer(text))
    if not found:
        return text, []
    lines = sorted({first_line + text.count("\n", 0, match.start()) for match in found})
    codes = sorted({f"U+{ord(match.group()):04X}" for match in found})
    where = ", ".join(map(str, lines[:5])) + (" and more" if len(lines) > 5 else "")
    count = len(found)
    return FORBIDDEN.sub("", text), [warning(
        path, lines[0], f"removed {count} invisible control character{'s' * (count > 1)} "
        f"({', '.join(codes[:4])}) that a web page or feed cannot hold, on line"
        f"{'s' * (len(lines) > 1)} {where}",
        "Delete them in your editor to silence this warning")]


def xml_safe(text: str) -> str:
    """`text` as a feed or page may hold it: no placeholders, no forbidden characters."""
    if "\x02" in text:
        text = PLACEHOLDER.sub("", text)
    return FORBIDDEN.sub("", text)
