"""The built site can be served by a web server running as its own user: files 0644 and
folders 0755 under the usual umask (the umask respected), after a first build and after an
incremental one that reuses the spare site."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import stat
import subprocess
import tempfile
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from footnoted.cli import main

from .conftest import MINIMAL_ARTICLE
from .waiting import Lines

SYSTEM_PYTHON = Path("/usr/bin/python3")  # readable by every user, unlike a pyenv under /root
TIMEOUT = 60


def build(root: Path, umask: int) -> None:
    """A build under this umask (set for the test process only while it runs: pytest runs
    one test at a time, in one thread)."""
    previous = os.umask(umask)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            assert main(["--root", str(root), "build"]) == 0
    finally:
        os.umask(previous)


def modes(site: Path) -> dict[str, str]:
    """Each path of the site (the folder itself as '.') -> its permission bits, as 'drwxr-xr-x'."""
    paths = [site, *sorted(site.rglob("*"))]
    return {path.relative_to(site).as_posix(): stat.filemode(path.lstat().st_mode)
            for path in paths}


def make_site(root: Path) -> Path:
    (root / "content/images").mkdir(parents=True)
    (root / "content/a.md").write_text(MINIMAL_ARTICLE.replace(
        "---\nText", "image:\n  src: images/pier.png\n  alt: A pier\n---\nText"))
    (root / "content/images/pier.png").write_bytes(b"PNG")
    (root / "pyproject.toml").write_text('[tool.footnoted]\nbase_url = "https://x.example/"\n')
    return root


@pytest.mark.parametrize("umask, folder, file", [
    (0o022, "drwxr-xr-x", "-rw-r--r--"),
    (0o027, "drwxr-x---", "-rw-r-----"),  # a stricter umask is kept, as mkdir would
])
def test_every_file_and_folder_has_the_modes_the_umask_gives(tmp_path, umask, folder, file):
    root = make_site(tmp_path / "project")
    build(root, umask)
    found = modes(root / "site")
    assert "images/pier.png" in found and "static/style.css" in found
    expected = {path: folder if mode.startswith("d") else file for path, mode in found.items()}
    assert found == expected
    # An incremental build stages in the retired site (the spare) and swaps it in.
    (root / "content/a.md").write_text(MINIMAL_ARTICLE.replace("Text", "Edited text"))
    (root / "content/b.md").write_text(MINIMAL_ARTICLE.replace("tiny", "second"))
    build(root, umask)
    found = modes(root / "site")
    assert "b/index.html" in found
    assert found == {path: folder if mode.startswith("d") else file
                     for path, mode in found.items()}


def test_a_site_left_0700_by_an_older_build_is_hostable_after_the_next(tmp_path):
    root = make_site(tmp_path / "project")
    build(root, 0o022)
    (root / "content/b.md").write_text(MINIMAL_ARTICLE.replace("tiny", "second"))
    build(root, 0o022)  # now the retired site is kept as the spare
    spare = root / ".footnoted-spare-site"
    assert spare.is_dir()
    spare.chmod(0o700)
    (root / "site").chmod(0o700)
    (root / "content/b.md").write_text(MINIMAL_ARTICLE.replace("tiny", "third"))
    build(root, 0o022)
    assert stat.filemode((root / "site").stat().st_mode) == "drwxr-xr-x"


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder every user may enter, as a web root such as /srv is (pytest's own temporary
    folders are private to the user running the tests)."""
    folder = Path(tempfile.mkdtemp(prefix="footnoted-hosting-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


@pytest.mark.skipif(os.geteuid() != 0 or not SYSTEM_PYTHON.exists(),
                    reason="needs root, to run the web server as the user nobody")
def test_python_http_server_running_as_nobody_serves_the_site(shared_folder):
    root = make_site(shared_folder / "project")
    root.chmod(0o755)
    build(root, 0o022)
    server = subprocess.Popen(
        [str(SYSTEM_PYTHON), "-u", "-m", "http.server", "0", "--bind", "127.0.0.1",
         "--directory", str(root / "site")],
        user="nobody", group="nogroup", stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, cwd="/")
    said = Lines(server.stdout)
    try:
        port = re.search(r"port (\d+)", said.wait_for("port", "http.server's address"))
        base = f"http://127.0.0.1:{port.group(1)}/"
        for path in ("", "a/", "images/pier.png", "static/style.css", "feed.xml"):
            with urllib.request.urlopen(base + path, timeout=TIMEOUT) as response:
                assert response.status == 200, path
                assert response.read()
    finally:
        server.terminate()
        server.wait(timeout=TIMEOUT)
        said.close()
