"""front_matter_toml alone: every key finds the line it is written on."""

from __future__ import annotations

from footnoted.content.toml_front_matter import key_lines

TEXT = '''\
title = "x"
"quoted key" = 1
extra.team = "Release"
[image]
caption = """
not = a key
"""
credit = "AP"
[[authors]]
name = "Ann"
[[authors]]
name = "Bob"
[sources."a.b"]
url = "https://a.example/"
'''


def test_every_key_table_and_array_entry_has_its_line():
    assert key_lines(TEXT) == {
        ("title",): 0, ("quoted key",): 1, ("extra", "team"): 2,
        ("image",): 3, ("image", "caption"): 4, ("image", "credit"): 7,
        ("authors", 0): 8, ("authors", 0, "name"): 9,
        ("authors", 1): 10, ("authors", 1, "name"): 11,
        ("sources", "a.b"): 12, ("sources", "a.b", "url"): 13,
    }
