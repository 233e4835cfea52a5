"""Golden test: the seed article's page, byte for byte, against tests/golden/.

After an intended change to the output, refresh the expected files and review the diff:

    python -m pytest tests/test_golden.py --update-golden && git diff tests/golden
"""

from __future__ import annotations

from pathlib import Path

import pytest

from footnoted.cli import main

from .conftest import compare_with_golden, copy_example_site

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
    compare_with_golden(GOLDEN / page.replace("/", "__"), actual, request)
