"""Pelican's reStructuredText articles: the field-list metadata, and the body as HTML.

docutils, the reference implementation Pelican itself renders .rst with, turns the body into
HTML, which `HtmlToMarkdown` reads like any other. Pelican's metadata is a field list
after the title (`:date: 2012-11-30`, `:tags: a, b`); it is taken out before docutils runs,
so that it is not also a table in the body.
"""

from __future__ import annotations

import re
from typing import Any

FIELD = re.compile(r"^:([\w-]+):\s*(.*)$")
UNDERLINE = re.compile(r"^([=#\-~*+^\"'`])\1{2,}\s*$")
DOCUTILS_SETTINGS = {
    "report_level": 5,  # problems in the text are the editor's to see in the result
    "halt_level": 5,
    "file_insertion_enabled": False,  # `.. include::` must not read files of this machine
    "raw_enabled": False,
    "syntax_highlight": "none",
    "input_encoding": "unicode",
    "doctitle_xform": True,
}


def split_rst(text: str) -> tuple[dict[str, Any], str, int, dict[str, int]]:
    """(metadata, the text without it, 1, key -> line); the title stays for docutils."""
    lines = text.split("\n")
    meta: dict[str, Any] = {}
    keys_line: dict[str, int] = {}
    keep = []
    in_header, key = True, None
    for index, line in enumerate(lines):
        field = FIELD.match(line) if in_header else None
        if field:
            key = field.group(1).lower()
            meta[key], keys_line[key] = field.group(2).strip(), index + 1
            keep.append("")  # keeps every later line on its own number
            continue
        if in_header and key and line[:1] in (" ", "\t") and line.strip():
            meta[key] = (meta[key] + " " + line.strip()).strip()  # a field's next line
            keep.append("")
            continue
        is_title = UNDERLINE.match(line) or (index + 1 < len(lines)
                                             and UNDERLINE.match(lines[index + 1]))
        in_header = in_header and (not line.strip() or bool(is_title))
        keep.append(line)
    return meta, "\n".join(keep), 1, keys_line


def rst_to_html(text: str) -> tuple[str, str]:
    """(title, body HTML) of a reStructuredText document."""
    # Imported here: only Pelican imports of .rst need docutils.
    from docutils.core import publish_parts
    from docutils.writers.html5_polyglot import Writer

    # A writer instance, not `writer_name`: docutils 0.23 deprecates the name arguments, and
    # 0.19 to 0.21 take only an instance as `writer`.
    parts = publish_parts(text, writer=Writer(), settings_overrides=DOCUTILS_SETTINGS)
    return parts["title"], parts["body"]
