"""A seeded random series of edits on a small site: after each step the incremental build's
site is, file for file and folder for folder, the site a clean build makes of the same
content. Edits: bodies, titles, dates (listing and search order), new, deleted and moved
articles, drafts held back and published again, links between articles, shared sources,
templates, a file damaged in the site."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest

from footnoted.cli import main

WORDS = ["contract", "soldier", "region", "quota", "summons", "draft", "portal", "notice",
         "reading", "committee", "ministry", "decree", "parliament", "recruitment", "office",
         "deputy", "staff", "campaign", "service"]
SOURCES = "".join(f"shared-{n}:\n  url: https://agency.example/{n}\n  title: Report {n}\n"
                  for n in range(3))
STEPS = 18


def article(rng: random.Random, title: str, names: list[str]) -> str:
    """An article citing a shared source and its own, sometimes linking to another page."""
    link = f" See [another](/{rng.choice(names)}/)." if names and rng.random() < 0.5 else ""
    return (f"---\ntitle: {title}\ndate: 2024-0{rng.randint(1, 9)}-{rng.randint(10, 28)}\n"
            f"tags: [{rng.choice(WORDS)}]\nsources:\n  own:\n    url: https://news.example/"
            f"{rng.randint(0, 5)}\n---\n{sentence(rng)} [@shared-{rng.randint(0, 2)}] and "
            f"[the news][own].{link}\n\n{sentence(rng)}[^n]\n\n[^n]: A note.\n")


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 12))).capitalize() + "."


class RandomSite:
    def __init__(self, root: Path, seed: int) -> None:
        self.root, self.rng, self.made = root, random.Random(seed), 0
        (root / "content").mkdir(parents=True)
        (root / "pyproject.toml").write_text(
            '[tool.footnoted]\ntitle = "Test site"\nbase_url = "https://test.example/"\n')
        (root / "content" / "sources.yaml").write_text(SOURCES)
        for _ in range(6):
            self.new()

    def articles(self) -> list[Path]:
        return sorted((self.root / "content").rglob("*.md"))

    def slugs(self) -> list[str]:
        return [path.relative_to(self.root / "content").with_suffix("").as_posix()
                for path in self.articles()]

    def new(self) -> None:
        self.made += 1
        folder = self.root / "content" / self.rng.choice(["", "notes"])
        folder.mkdir(exist_ok=True)
        (folder / f"piece-{self.made}.md").write_text(
            article(self.rng, f"Piece {self.made}", self.slugs()))

    def step(self) -> str:
        kind = self.rng.choice(["body", "body", "title", "date", "new", "delete", "move",
                                "rewrite", "source", "template", "damage", "draft"])
        path = self.rng.choice(self.articles())
        text = path.read_text()
        if kind == "body":
            path.write_text(text + f"\n{sentence(self.rng)}\n")
        elif kind == "title":
            path.write_text(text.replace("title: ", f"title: {self.rng.choice(WORDS)} ", 1))
        elif kind == "date":
            path.write_text(re.sub(r"date: 2024-\d\d-", f"date: 2024-0{self.rng.randint(1, 9)}-",
                                   text, count=1))
        elif kind == "new":
            self.new()
        elif kind == "delete" and len(self.articles()) > 3:
            path.unlink()
        elif kind == "move":
            other = "notes" if path.parent.name == "content" else ""
            target = self.root / "content" / other / f"moved-{self.made}-{path.name}"
            target.parent.mkdir(exist_ok=True)
            path.rename(target)
        elif kind == "rewrite":  # a new text with new links, title kept
            title = text.split("title: ", 1)[1].split("\n", 1)[0]
            path.write_text(article(self.rng, title, self.slugs()))
        elif kind == "source":
            sources = self.root / "content" / "sources.yaml"
            number = self.rng.randint(0, 2)
            sources.write_text(sources.read_text().replace(
                f"title: Report {number}", f"title: Report {number} {self.rng.choice(WORDS)}", 1))
        elif kind == "template":
            base = self.root / "templates" / "base.html"
            if not base.exists():
                base.parent.mkdir(exist_ok=True)
                shutil.copyfile(Path(__file__).parent.parent / "footnoted" / "theme" /
                                "templates" / "base.html", base)
            base.write_text(base.read_text().replace(
                "</footer>", f"<!-- {self.rng.random()} --></footer>", 1))
        elif kind == "draft":  # held back, or published again
            path.write_text(text.replace("draft: true\n", "") if "draft: true\n" in text
                            else text.replace("title: ", "draft: true\ntitle: ", 1))
        elif kind == "damage":  # a page of the site changed by hand is made again
            page = self.rng.choice(sorted((self.root / "site").rglob("index.html")))
            page.write_text("damaged")
        return kind


def site_tree(folder: Path) -> tuple[dict[str, bytes], list[str]]:
    files = {path.relative_to(folder).as_posix(): path.read_bytes()
             for path in sorted(folder.rglob("*")) if path.is_file()}
    folders = sorted(path.relative_to(folder).as_posix()
                     for path in folder.rglob("*") if path.is_dir())
    return files, folders


def clean_build(root: Path, copy: Path) -> Path:
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns("site", ".footnoted-*"))
    assert main(["--root", str(copy), "build", "--clean", "--jobs", "1"]) == 0
    return copy / "site"


@pytest.mark.parametrize("seed", [25, 2025])
def test_every_step_of_a_random_series_builds_what_a_clean_build_does(tmp_path, capsys, seed):
    site = RandomSite(tmp_path / "project", seed)
    assert main(["--root", str(site.root), "build", "--jobs", "1"]) == 0
    done = []
    for _ in range(STEPS):
        done.append(site.step())
        assert main(["--root", str(site.root), "build", "--jobs", "1"]) == 0, \
            capsys.readouterr().err
        expected = clean_build(site.root, tmp_path / "clean")
        assert site_tree(site.root / "site") == site_tree(expected), f"after {done}"
    capsys.readouterr()
