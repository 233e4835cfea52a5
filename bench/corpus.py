"""A synthetic project shaped like the seed article: N articles of about 7 KB each.

Every article declares 10 sources of its own and cites 2 shared ones from content/sources.yaml
(one shared source per 5 articles, so each is cited by about 10 articles, and each page lists
about 20 others under "cited with"), calls 2 editorial notes, and every fifth has a fenced code
block.
The text is made of ordinary English words from a fixed seed, so corpora are reproducible.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = "anything-but-more-mobilization.md"
TEXT = (
    "the of and to in a is that for it as was with be by on not he this are or his from at "
    "which but have an they you were her she there been one all we their has would when if "
    "so no will more can about said what out up into them some could other time these two "
    "may then do first any my now such like our over man me even most made after also did "
    "many before must through back years where much your way well down should because each "
    "just those people how too little state good very make world still own see men work long "
    "get here between both life being under never day same another know while last might us "
    "great old year off come since against go came right used take three ministry decree "
    "parliament conscription recruitment office contract soldier region quota summons draft "
    "portal notice reading committee chairman deputy defense general staff campaign service"
)
WORDS = TEXT.split()
CODE = '''```python
def quota(region: str, year: int) -> int:
    """How many contract soldiers a region must provide."""
    base = BASE_QUOTA[region]
    return round(base * GROWTH ** (year - 2022))


for region in REGIONS:
    print(region, quota(region, 2023))
```
'''


def write_project(root: Path, count: int) -> None:
    """A complete project in `root`: N articles (the theme comes from the package)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(
        '[tool.footnoted]\ntitle = "Benchmark"\nbase_url = "https://bench.example/"\n', "utf-8")
    content = root / "content"
    content.mkdir()
    shared = shared_count(count)
    (content / "sources.yaml").write_text(shared_sources(shared), "utf-8")
    for number in range(count):
        (content / f"article-{number:05d}.md").write_text(article(number, shared), "utf-8")


def write_seed_project(root: Path, count: int) -> None:
    """A project of N copies of the seed article (its slug from each copy's file name), the
    corpus a newsroom's real archive resembles more than the generated one: long front matter,
    lost links, a glossary, an editor's note. The theme comes from the package."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(
        '[tool.footnoted]\ntitle = "Benchmark"\nbase_url = "https://bench.example/"\n', "utf-8")
    content = root / "content"
    content.mkdir()
    seed = (REPO / "tests" / "fixtures" / "example-site" / "content" / SEED).read_text("utf-8")
    for number in range(count):
        (content / f"article-{number:05d}.md").write_text(seed, "utf-8")


CORPORA = {"generated": write_project, "seed": write_seed_project}


def shared_count(articles: int) -> int:
    return max(1, articles // 5)


def shared_sources(count: int) -> str:
    return "".join(
        f"shared-{n}:\n  url: https://agency.example/report/{n}\n"
        f"  title: Shared report number {n}\n  publisher: Agency Example\n"
        f"  date: 2022-{n % 12 + 1:02d}-{n % 27 + 1:02d}\n"
        for n in range(count)
    )


def article(number: int, shared_total: int) -> str:
    rng = random.Random(number)
    own = [f"src-{k}" for k in range(10)]
    shared = [f"shared-{number % shared_total}",
              f"shared-{(number * 7 + 3) % shared_total}"]
    published = date(2020, 1, 1) + timedelta(days=number % 1500)
    front = [
        "---",
        f'title: "Article {number}: {sentence(rng, 6).rstrip(".")}"',
        "section: Opinion" if number % 3 == 0 else "section: News",
        f"dek: {sentence(rng, 18)}",
        "authors:",
        f"  - name: Author {number % 37}",
        f"date: {published.isoformat()}",
        f"tags: [Topic {number % 11}, Area {number % 7}]",
        "sources:",
    ]
    for key in own:
        front += [f"  {key}:", f"    url: https://news{number % 50}.example/{number}/{key}",
                  f"    title: {sentence(rng, 5).rstrip('.')}", "    publisher: News Example"]
    front.append("---")
    return "\n".join(front) + "\n" + body(rng, number, own + shared) + "\n"


def body(rng: random.Random, number: int, keys: list[str]) -> str:
    paragraphs = []
    for index in range(16):
        words = sentence(rng, 30) + " " + sentence(rng, 25)
        if index < len(keys):
            key = keys[index]
            cited = f"[{' '.join(rng.sample(WORDS, 2))}][{key}]"
            words = words.replace(" ", f" {cited} ", 1) if index % 2 else f"{words} [@{key}]"
        if index == 2:
            words += "[^first]"
        if index == 8:
            words += "[^second]"
        paragraphs.append(words)
        if index == 6 and number % 5 == 0:
            paragraphs.append(CODE)
    paragraphs.append(f"[^first]: Editor's note: {sentence(rng, 20)}")
    paragraphs.append(f"[^second]: Editor's note: {sentence(rng, 12)}")
    return "\n\n".join(paragraphs)


def sentence(rng: random.Random, length: int) -> str:
    words = [rng.choice(WORDS) for _ in range(length)]
    return " ".join(words).capitalize() + "."
