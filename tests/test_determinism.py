"""Same input, byte-identical output: whatever order files were created in, whatever the
hash seed, wherever the project lives."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import REPO

ARTICLES = {
    "content/zeta.md": "---\ntitle: Zeta\ndate: 2024-03-01\ntags: [b, a]\n"
                       "sources:\n  k:\n    url: https://k.example/\n---\n"
                       "Text [@k; @shared] and [a link](https://x.example/).[^n]\n\n"
                       "[^n]: A note with [another](https://y.example/).\n\n*[Text]: Words.\n",
    "content/alpha.md": "---\ntitle: Alpha\ndate: 2024-03-01\n---\nSame day, other slug.\n",
    "content/sub/Рецепт борща.md": "---\ntitle: Борщ\ndate: 2023-12-31T23:30:00+03:00\n---\n"
                                   "Text [@shared].\n",
    "content/sources.yaml": "shared:\n  url: https://shared.example/\n  title: Shared\n",
}


def make_project(root: Path, order: list[str]) -> Path:
    root.mkdir(parents=True)
    (root / "pyproject.toml").write_text('[tool.footnoted]\ntitle = "Same"\n')
    for name in order:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(ARTICLES[name], encoding="utf-8")
    return root


def build(root: Path, hash_seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run([sys.executable, str(REPO / "build.py"), "--root", str(root)],
                          env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(tmp_path):
    names = list(ARTICLES)
    first = make_project(tmp_path / "first", names)
    second = make_project(tmp_path / "elsewhere" / "second", list(reversed(names)))
    build(first, hash_seed="1")
    build(second, hash_seed="2")
    output = tree(first / "site")
    assert "sub/retsept-borshcha/index.html" in output
    assert output == tree(second / "site")
    build(first, hash_seed="3")
    assert tree(first / "site") == output
