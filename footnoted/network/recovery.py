"""`recover`: find lost links' targets again in a saved or archived copy of the original page.

The page's article body is found by trafilatura (made for telling an article from the page
around it: menus, tag lists and related links are left out). Each lost link's words are
matched to the body's anchors: exact text first, then normalised text (case, quotes,
spacing, punctuation at the ends). Words linked several times to different targets are
matched by position only when the article and the page link them equally often; otherwise
the link is ambiguous and stays lost. Nothing is guessed.
"""

from __future__ import annotations

import json
import re
import unicodedata
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin

import yaml

from ..article.resolve import Article
from ..settings import Settings
from .citing import articles_by_path, project_path
from .fetching import Fetcher

WAYBACK_LINK = re.compile(r"^(?:https?://[^/]+)?/web/\d{1,14}[a-z_]*/(https?://.+)$")
MIN_BODY_WORDS = 30  # fewer words than this is a menu or an error page, not an article
LOST_LINE = re.compile(r"^(\s*)lost:\s*(true|True|yes)\s*(#.*)?$")


@dataclass(frozen=True)
class Anchor:
    words: str
    href: str


@dataclass(frozen=True)
class LostLink:
    key: str  # a source's key; "author:NAME", "related:TITLE"; "text:N" for `[words](#)`
    words: tuple[str, ...]  # what its links said
    outside_body: bool = False  # a byline or related link: looked for in the whole page

    @property
    def label(self) -> str:
        kind, _, name = self.key.partition(":")
        labels = {"author": "byline", "related": "related", "text": f"[…](#) source {name}"}
        return labels.get(kind, self.key) if name else self.key


@dataclass
class Outcome:
    recovered: dict[str, str] = field(default_factory=dict)  # key -> target
    ambiguous: dict[str, list[str]] = field(default_factory=dict)  # key -> the candidates
    missing: list[str] = field(default_factory=list)  # keys whose words the page never links


@dataclass(frozen=True, kw_only=True)
class RecoverOptions:
    article: str  # the article's Markdown file, as given on the command line
    page: str  # a saved or archived copy of the original page: a file or an http(s) URL
    dry_run: bool = False  # say what would be recovered, change nothing


class CannotRecover(Exception):
    """The article or the page is not one to recover links from: the message says which
    and what to give instead."""


@dataclass(frozen=True, kw_only=True)
class Recovery:
    """What `recover` found for one article, and what it wrote into it."""

    path: str  # the article, relative to the project
    lost: list[LostLink]
    outcome: Outcome
    dry_run: bool
    skipped: list[str] = field(default_factory=list)  # found, but to write by hand

    @property
    def findings(self) -> list[str]:
        """One line per lost link: recovered (found, for a `[words](#)` link), ambiguous or
        still lost."""
        said = {link.key: f"{link.label}: “{'”, “'.join(link.words)}”" for link in self.lost}
        lines = [f"{'found     ' if key.startswith('text:') else 'recovered '} {said[key]} -> "
                 f"{target}" for key, target in self.outcome.recovered.items()]
        lines += [f"ambiguous  {said[key]} links to {', '.join(targets)}; left lost"
                  for key, targets in self.outcome.ambiguous.items()]
        return lines + [f"still lost {said[key]} is not linked in the page"
                        for key in self.outcome.missing]

    @property
    def by_hand(self) -> list[str]:
        """The links found whose declaration could not be edited: their addresses."""
        found = self.outcome.recovered
        return [f"{self._name}: {_why_by_hand(key)}; write its address by hand: {found[key]}"
                for key in self.skipped]

    @property
    def summary(self) -> str:
        recovered = len(self.outcome.recovered)
        if recovered and not self.dry_run:
            return f"{self._name}: recovered {recovered - len(self.skipped)} lost links."
        verb = "would recover" if self.dry_run else "recovered"
        return f"{self.path}: {verb} {recovered} of {len(self.lost)} lost links."

    @property
    def _name(self) -> str:
        return PurePosixPath(self.path).name


def recover_lost_links(settings: Settings, options: RecoverOptions,
                       fetcher: Fetcher) -> Recovery:
    """The `recover` command: match the article's lost links to the page's and, unless a dry
    run, write the ones found into the article's front matter."""
    path = project_path(options.article, settings)
    article = articles_by_path(settings).get(path)
    if article is None:
        raise CannotRecover(f"{options.article}: error: not an article of this project (or it "
                            "does not load). Give its path, e.g. content/my-article.md; `check` "
                            "shows what is wrong")
    page, page_url = _read_page(options.page, fetcher)
    anchors = body_anchors(page, page_url) if page else None
    if page is None or anchors is None:
        raise CannotRecover(f"{options.page}: error: no article body found in it. Give the HTML "
                            "of the original article's page")
    lost = lost_links(article)
    outcome = match_links(lost, linked_words_in_order(article), anchors,
                          page_anchors(page, page_url))
    skipped: list[str] = []
    if outcome.recovered and not options.dry_run:
        skipped = _write_recovered(settings.root / path, outcome.recovered,
                                   page_url or project_path(options.page, settings))
    return Recovery(path=path, lost=lost, outcome=outcome, dry_run=options.dry_run,
                    skipped=skipped)


def _read_page(where: str, fetcher: Fetcher) -> tuple[str | None, str | None]:
    """The page's HTML (None when it cannot be had) and its URL (None for a file)."""
    if where.startswith(("http://", "https://")):
        answer = fetcher.get(where)
        return (answer.text() if answer.ok else None), where
    try:
        return Path(where).read_text("utf-8", errors="replace"), None
    except OSError:
        return None, None


def _write_recovered(path: Path, found: dict[str, str], recovered_from: str) -> list[str]:
    """Rewrite the article (atomically, when anything changed); the keys left to the hand."""
    old = path.read_text("utf-8")
    text, skipped = write_recovered(old, found, recovered_from)
    if text != old:
        temporary = path.with_name(f".{path.name}.recover")
        temporary.write_text(text, "utf-8")
        temporary.replace(path)
    return skipped


def _why_by_hand(key: str) -> str:
    if key.startswith("text:"):
        return f"source {key.removeprefix('text:')} is a [words](#) link in the text"
    return f"'{key}' is not declared with a 'lost: true' line of its own"


def body_anchors(html: str, page_url: str | None) -> list[Anchor] | None:
    """The links of the page's article body, in order; None when no body is found."""
    import trafilatura  # only this command and `links` need it, and it is slow to import

    extracted = trafilatura.extract(html, output_format="xml", include_links=True,
                                    include_comments=False)
    body = etree.fromstring(extracted) if extracted else None
    if body is None or len("".join(body.itertext()).split()) < MIN_BODY_WORDS:
        return None
    base = page_url or trafilatura.extract_metadata(html).url or ""
    anchors = []
    for ref in body.iter("ref"):
        href = _original(urljoin(base, ref.get("target", "")))
        words = " ".join("".join(ref.itertext()).split())
        if words and href.startswith(("http://", "https://")):
            anchors.append(Anchor(words, href))
    return anchors


def page_anchors(html: str, page_url: str | None) -> list[Anchor]:
    """Every link of the whole page, for the byline and related links around the body."""
    import trafilatura

    collector = _AnchorCollector()
    collector.feed(html)
    base = page_url or trafilatura.extract_metadata(html).url or ""
    found = [Anchor(" ".join(words.split()), _original(urljoin(base, href)))
             for href, words in collector.anchors]
    return [a for a in found if a.words and a.href.startswith(("http://", "https://"))]


class _AnchorCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: list[tuple[str, str]] = []  # (href, words)
        self.open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "a" and dict(attrs).get("href"):
            self.anchors.append((dict(attrs)["href"], ""))
            self.open = []

    def handle_data(self, data: str) -> None:
        if self.open is not None:
            self.open.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.open is not None:
            self.anchors[-1] = (self.anchors[-1][0], "".join(self.open))
            self.open = None


def lost_links(article: Article) -> list[LostLink]:
    """The article's lost sources declared in its own front matter, with their words; then
    its lost byline and related links."""
    own = {key.lower() for key in article.meta.sources}
    links = [LostLink(_identity(source), tuple(source.linked_words))
             for source in article.sources
             if source.lost and (source.key is None or source.key in own)
             and source.linked_words]
    links += [LostLink(f"author:{author.name}", (author.name,), True)
              for author in article.lost_authors]
    return links + [LostLink(f"related:{item.title}", (item.title,), True)
                    for item in article.lost_related]


def linked_words_in_order(article: Article) -> list[tuple[str, str]]:
    """(words, source key or URL) of every link in the article, in file order."""
    links = [(citation.line, citation.text, _identity(source))
             for source in article.sources for citation in source.citations if citation.text]
    return [(words, who) for _, words, who in sorted(links, key=lambda link: link[0])]


def _identity(source) -> str:
    """A source's key; "text:N" for a link written `[words](#)`, which has none."""
    return source.key or source.url or f"text:{source.number}"


def match_links(lost: list[LostLink], in_article: list[tuple[str, str]],
                body: list[Anchor], page: list[Anchor]) -> Outcome:
    outcome = Outcome()
    for link in lost:
        anchors = page if link.outside_body else body
        found = {_target(words, link.key, in_article, anchors) for words in link.words}
        targets = {target for kind, target in found if kind == "one"}
        if found == {("none", "")}:
            outcome.missing.append(link.key)
        elif len(targets) == 1 and all(kind in ("one", "none") for kind, _ in found):
            outcome.recovered[link.key] = targets.pop()
        else:
            outcome.ambiguous[link.key] = sorted({a.href for words in link.words
                                                  for a in _same_words(words, anchors)})
    return outcome


def _target(words: str, key: str, in_article: list[tuple[str, str]],
            anchors: list[Anchor]) -> tuple[str, str]:
    """("one", target), ("many", "") or ("none", ""), trying exact words, then normalised."""
    for same in (lambda a, b: a == b, lambda a, b: normalise(a) == normalise(b)):
        candidates = [a for a in anchors if same(a.words, words)]
        if not candidates:
            continue
        if len({a.href for a in candidates}) == 1:
            return "one", candidates[0].href
        return _by_position(words, key, in_article, candidates, same)
    return "none", ""


def _by_position(words: str, key: str, in_article: list[tuple[str, str]],
                 candidates: list[Anchor], same: Callable[[str, str], bool]) -> tuple[str, str]:
    """The k-th link with these words in the article is the k-th in the page, when both
    have the same number of them."""
    ours = [who for text, who in in_article if same(text, words)]
    if len(ours) != len(candidates) or ours.count(key) != 1:
        return "many", ""
    return "one", candidates[ours.index(key)].href


def _same_words(words: str, anchors: list[Anchor]) -> list[Anchor]:
    return [a for a in anchors if normalise(a.words) == normalise(words)]


def normalise(words: str) -> str:
    text = unicodedata.normalize("NFKC", words).casefold()
    text = text.translate(str.maketrans("‘’“”«»", "''\"\"\"\""))
    return " ".join(text.split()).strip(".,;:!?\"'()[]")


def _original(href: str) -> str:
    """An archived page links through the archive: the original URL is inside."""
    match = WAYBACK_LINK.match(href)
    return match.group(1) if match else href


def write_recovered(text: str, found: dict[str, str],
                    recovered_from: str) -> tuple[str, list[str]]:
    """The article's text with `lost: true` replaced by `url:` and `recovered_from:` for each
    found key; and the keys whose declaration could not be edited (to write by hand)."""
    lines = text.split("\n")
    declarations = _declarations(text)
    skipped = []
    for key, target in found.items():
        lost = _lost_key(declarations.get(key))
        match = LOST_LINE.match(lines[lost.start_mark.line + 1]) if lost else None
        if match is None:
            skipped.append(key)
            continue
        indent = match.group(1)
        lines[lost.start_mark.line + 1] = (f"{indent}url: {json.dumps(target)}\n{indent}"
                                           f"recovered_from: {json.dumps(recovered_from)}")
    return "\n".join(lines), skipped


def _declarations(text: str) -> dict[str, yaml.Node]:
    """The front matter's mapping for each LostLink key (line numbers one less than the
    file's: the opening fence)."""
    end = re.compile(r"^---[ \t]*$", re.MULTILINE).search(text, 3)
    root = yaml.compose(text[4:end.start()], Loader=yaml.SafeLoader) if end else None
    found: dict[str, yaml.Node] = {}
    for key, value in getattr(root, "value", []):
        if key.value == "sources" and isinstance(value, yaml.MappingNode):
            found.update((str(name.value).lower(), entry) for name, entry in value.value)
        elif key.value in ("authors", "related") and isinstance(value, yaml.SequenceNode):
            field = "name" if key.value == "authors" else "title"
            kind = "author" if key.value == "authors" else "related"
            found.update((f"{kind}:{_value_of(item, field)}", item) for item in value.value)
    return found


def _value_of(node: yaml.Node, field: str) -> str:
    if isinstance(node, yaml.MappingNode):
        return next((str(value.value) for key, value in node.value if key.value == field), "")
    return ""


def _lost_key(value: yaml.Node | None) -> yaml.Node | None:
    if not isinstance(value, yaml.MappingNode) or value.flow_style:
        return None
    return next((key for key, _ in value.value if key.value == "lost"), None)
