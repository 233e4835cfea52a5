"""The README's code blocks, for the tests that run what the README tells readers to run."""

from __future__ import annotations

import re
import shlex

from .conftest import REPO

README = REPO / "README.md"


def readme_block(language: str) -> str:
    """The text of the README's one fenced block marked ```language."""
    text = README.read_text("utf-8")
    blocks = re.findall(rf"^```{language}\n(.*?)^```$", text, re.M | re.S)
    assert len(blocks) == 1, f"README.md should have one ```{language} block"
    return blocks[0]


def readme_commands(language: str = "sh") -> list[list[str]]:
    """The shell commands of a README block, each split into words as the shell would."""
    text = readme_block(language).replace("\\\n", " ")
    return [shlex.split(line) for line in text.splitlines() if line.strip()]
