"""Golden test: the seed article's page, byte for byte, against tests/golden/.

After an intended change to the output, refresh the expected files and review the diff:

    python -m pytest tests/test_golden.py --update-golden && git diff tests/golden
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from footnoted.cli import main

from .conftest import copy_example_site

GOLDEN = Path(__file__).parent / "golden"
PAGES = ["anything-but-more-mobilization/index.html", "index.html", "feed.xml"]


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("seed")
    copy_example_site(root)
    assert main(["--root", str(root), "build"]) == 0
    return root / "site"


@pytest.mark.parametrize("page", PAGES)
def test_seed_page_matches_golden(seed_site: Path, page: str, request) -> None:
    actual = (seed_site / page).read_text("utf-8")
    expected_path = GOLDEN / page.replace("/", "__")
    if request.config.getoption("--update-golden"):
        expected_path.write_text(actual, "utf-8")
        return
    expected = expected_path.read_text("utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                        "expected", "actual", n=2))
    assert actual == expected, f"{page} differs from {expected_path.name}:\n{diff}"
