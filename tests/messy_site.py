"""A site of a few hundred articles whose text is as messy as real archives: the feeds and
pages built from it must still be well-formed. Shared by test_clean_text.py (feedparser)
and browser/test_checkers.py (the Nu Html Checker)."""

from __future__ import annotations

import json
from pathlib import Path

# Pieces a summary is made of: entities, inline HTML, escapes, code spans, control characters.
PIECES = [
    "Tom &amp; Jerry &copy; 2024 &#8212; &nbsp;fine &lt;not a tag&gt;",
    "press <kbd>Ctrl</kbd>+<kbd>C</kbd>, H<sub>2</sub>O and <b>bold</b>",
    "<span onclick=\"x()\">click</span> <script>alert(1)</script> after",
    "\\*not emphasis\\* \\_ \\\\ \\` \\# escaped",
    "code `<b>&amp;</b>` and `a \\ b` spans",
    "control\x01 characters\x08 here\x0b\x0c\x1f and\x7f \x85 C1",
    "\"quoted\" 'single' -- dashes... and <abbr title=\"x &amp; y\">XY</abbr>",
    "<iframe src=\"https://v.example/embed/1\" title=\"A talk\"></iframe> embedded",
    "a [link](https://a.example/p?a=1&b=2) and ![a chart](https://c.example/c.png)",
    "unclosed <em>emphasis and < stray > angle & ampersand",
]
# Front matter, written as JSON strings (which YAML reads): "\u0001" escapes survive the
# loader's cleaning and must be caught where pages and feeds are written.
TITLES = ["Tom & Jerry <b>", "Control \x01 in a YAML escape", "Plain title",
          'Quotes "inside"', "Ampersand &amp; entity"]
TAGS = ["News & <Views>", "Control\x02Tag", "plain"]


def article(number: int) -> str:
    first = " ".join(PIECES[(number + k) % len(PIECES)] for k in range(3))
    tag = json.dumps(TAGS[number % len(TAGS)])
    dek = (f"dek: {json.dumps(PIECES[number % len(PIECES)] + chr(3))}\n"
           if number % 7 == 0 else "")
    return (f"---\ntitle: {json.dumps(TITLES[number % len(TITLES)])}\n"
            f"date: 2024-{1 + number % 12:02d}-{1 + number % 28:02d}\ntags: [{tag}]\n"
            f'authors: ["Ann\\u0007 Editor"]\n{dek}---\n{first}\n\n'
            f"Second paragraph {PIECES[number % len(PIECES)]}.\n")


def write_messy_site(root: Path, count: int = 300) -> Path:
    """A project under `root` with `count` messy articles; returns its folder."""
    (root / "content").mkdir()
    for number in range(count):
        (root / "content" / f"a{number:03d}.md").write_text(article(number), encoding="utf-8")
    (root / "pyproject.toml").write_text(
        '[tool.footnoted]\ntitle = "Messy & <site>"\nbase_url = "https://test.example/"\n'
        "per_page = 50\n", encoding="utf-8")
    return root
