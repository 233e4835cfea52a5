"""The README's code blocks, for the tests that run what the README tells readers to run."""

from __future__ import annotations

import re
import shlex

from .conftest import REPO

README = REPO / "README.md"


def readme_block(language: str, containing: str) -> str:
    """The text of the README's one fenced ```language block that mentions `containing`."""
    text = README.read_text("utf-8")
    blocks = [block for block in re.findall(rf"^```{language}\n(.*?)^```$", text, re.M | re.S)
              if containing in block]
    assert len(blocks) == 1, f"README.md should have one ```{language} block with {containing!r}"
    return blocks[0]


def nginx_snippet() -> str:
    return readme_block("nginx", "location")


def object_store_commands() -> list[list[str]]:
    """The object-store commands, each split into words as the shell would."""
    text = readme_block("sh", "aws s3").replace("\\\n", " ")
    return [shlex.split(line) for line in text.splitlines() if line.strip()]
