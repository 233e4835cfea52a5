"""Where each article's page is, so that links between articles can point at it.

Authors link another article by its file, relative to their own (`other.md`,
`../folder/other.md#part`), or by its address on the site (`/slug/`, or the content path
without its extension, `/section/page/`, as Hugo content writes it). Both are looked up here
against the slugs the loader gave the articles. Every page of an article is `<slug>/`, and a
slug is a path (`css/color`), so a link from one page to another climbs out of its own
folders and down into the other's (`page_url`). A migrated site's links name its old
addresses (`/blog/2019/08/20/post/`, `https://old.example/blog/...`): the path of an
article's `original_url` finds it too, on any host an `original_url` names, and so does the
address Jekyll, 11ty, Hexo and Octopress give a dated file by default: `2015-01-08-hello.md`
was `/2015/01/08/hello/` (or `.html`), after any categories (`/news/2015/01/08/hello/`), and
so was any post whose front matter says `date: 2015-01-08` (its date wins over the name's).
An address that matches no page as written may match one but for case: Hugo lowercases its
addresses (`commands/hugo_convert_toJSON.md` was `/commands/hugo_convert_tojson/`); or after
the site's own language, which Next.js, Docusaurus and Hugo may put first (`/en/blog/x`).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from ..problems import Problem, warning
from .discovery import (
    ARTICLE_SUFFIXES,  # the files that are articles, as the loader finds them
)
from .schema import Moment
from .slugs import page_name

DATED_NAME = re.compile(r"(\d{4})-(\d{2})-(\d{2})-(.+)")  # Jekyll's _posts/2015-01-08-hello.md
DATED_ADDRESS = re.compile(r"(?:.*/)?(\d{4}/\d{2}/\d{2}/[^/]+)")  # its address, after categories


@dataclass(frozen=True)
class PageLink:
    """A link from one article to another, kept to check its `#part` once all are parsed."""

    target: str  # the other article's file, relative to the project
    slug: str  # its slug: the ids its page makes itself start with its last part
    fragment: str  # the part after '#', unquoted; "" for none
    written: str  # the link as the author wrote it
    line: int  # in the linking article's file


@dataclass(frozen=True)
class PageIndex:
    content_dir: str = "content"
    by_file: dict[str, str] = field(default_factory=dict)  # "content/a/b.md" -> slug
    by_address: dict[str, str] = field(default_factory=dict)  # "a/b" or a slug -> slug
    file_of: dict[str, str] = field(default_factory=dict)  # slug -> its article's file
    hosts: frozenset[str] = frozenset()  # the hosts of the articles' original addresses
    lang: str = ""  # the site's language, which a migrated site's addresses may start with

    def file_key(self, article_path: str, written_path: str) -> str:
        """The project-relative file a relative `.md` link names, or a content-absolute one:
        `/guides/a.md`, or Zola's `@/guides/a.md`."""
        if written_path.startswith(("/", "@/")):
            return posixpath.normpath(self.content_dir + written_path.removeprefix("@"))
        return posixpath.normpath(posixpath.join(posixpath.dirname(article_path), written_path))

    def lookup(self, key: str) -> str | None:
        """The slug behind a key from `file:` or `address:` + what was looked up."""
        kind, _, name = key.partition(":")
        if kind == "host":  # "" when links to `name` may be links to this site's pages
            return "" if name in self.hosts else None
        if kind == "file":
            return self.by_file.get(name)
        addresses = [name, name.lower()]
        if self.lang and name.lower().startswith(f"{self.lang.lower()}/"):
            rest = name[len(self.lang) + 1:]
            addresses += [rest, rest.lower()]
        for address in addresses:
            dated = DATED_ADDRESS.fullmatch(address)
            slug = self.by_address.get(address) or (self.by_address.get(dated.group(1))
                                                    if dated else None)
            if slug is not None:
                return slug
        return None


def build_page_index(slugs: Iterable[tuple[str, str]], content_dir: str,
                     originals: Iterable[tuple[str, str]] = (), lang: str = "",
                     dated: Iterable[tuple[str, str]] = ()) -> PageIndex:
    """From (article file, slug) pairs, (article file, `day_of` its date) pairs, and (slug,
    original_url) pairs for a migrated site's
    old addresses. A slug is a page's real address, so where a content path without
    extension and another article's slug are the same, the slug wins; an old address comes
    last (`/blog/2019/08/20/post/` finds the article whose original_url has that path)."""
    pairs = sorted(slugs)
    by_address = {_address(path, content_dir): slug for path, slug in pairs}
    by_address.update((slug, slug) for _, slug in pairs)
    days = dict(dated)
    for path, slug in pairs:
        for address in _dated_addresses(path, days.get(path, "")):
            by_address.setdefault(address, slug)
    hosts = set()
    for slug, url in sorted(originals):
        parts = urlsplit(url)
        hosts.add(parts.netloc.lower())
        key = address_key(unquote(parts.path))
        if key and not parts.query:
            by_address.setdefault(key, slug)
    for key, slug in sorted(by_address.items()):  # last: any exact address wins
        by_address.setdefault(key.lower(), slug)
    return PageIndex(content_dir, dict(pairs), by_address, {slug: path for path, slug in pairs},
                     frozenset(hosts - {""}), lang)


def day_of(moment: Moment | None) -> str:
    """`2015/01/08`, the day in a dated address; "" for a date without its day."""
    if moment is None or moment.precision in ("year", "month"):
        return ""
    return moment.value.strftime("%Y/%m/%d")


def _dated_addresses(path: str, day: str) -> list[str]:
    """`2015-01-08-hello.md` -> `2015/01/08/hello`, and the same name on the day its front
    matter gives (`day`); a file named without a date has only the latter."""
    stem = posixpath.splitext(posixpath.basename(path))[0]
    dated = DATED_NAME.fullmatch(stem)
    name = dated.group(4) if dated else stem
    addresses = ["/".join(dated.groups())] if dated else []
    if day and name != "index" and not name.startswith("index."):
        addresses.append(f"{day}/{name}")
    return addresses


def page_url(from_slug: str, to_slug: str) -> str:
    """The relative URL of page `to_slug` from page `from_slug`: `a` -> `b` is `../b/`,
    `css/color` -> `css/page` is `../page/`, `html` -> `html/html` is `html/`."""
    return posixpath.relpath(to_slug, from_slug) + "/"


def is_article_file(path: str) -> bool:
    return path.lower().endswith(ARTICLE_SUFFIXES)


def address_key(path: str) -> str:
    """`/section/page/`, `/section/page`, `/slug/index.html` -> `section/page`, `slug`."""
    path = path.strip("/")
    for ending in ("/index.html", "index.html", ".html"):
        if path.endswith(ending):
            path = path[: -len(ending)].rstrip("/")
            break
    return path


def _address(path: str, content_dir: str) -> str:
    """`content/section/page.md` -> `section/page`; a bundle `content/x/index.md` -> `x`."""
    inside = path.removeprefix(content_dir.rstrip("/") + "/")
    stem, _ = posixpath.splitext(inside)
    folder, name = posixpath.split(stem)
    if name == "index" or name.startswith("index."):  # index.ru.md is a bundle's translation
        return folder
    return stem


def anchor_problems(links: Mapping[str, tuple[PageLink, ...]],
                    heading_ids: Mapping[str, frozenset[str]]) -> list[Problem]:
    """Links to a `#part` of another article that has no such heading: by file and line.
    The ids a page makes itself (its notes, sources, lists: `<slug>-...`, and `main`) are
    not kept for every article, and links to them pass."""
    return [
        warning(path, link.line, f"link '{link.written}' points to no heading or anchor "
                f"'{link.fragment}' in {link.target}", _anchor_fix(link, heading_ids[link.target]))
        for path in sorted(links) for link in links[path]
        if link.fragment and link.target in heading_ids
        and link.fragment not in heading_ids[link.target] and not _page_own_id(link)
    ]


def _anchor_fix(link: PageLink, ids: frozenset[str]) -> str:
    twin = case_twin(link.fragment, ids)
    if twin:
        before = link.written.rpartition("#")[0]
        return f"Write '{before}#{twin}': ids are matched exactly, in case too"
    return ("Correct the part after '#' to one of that article's heading ids "
            "(docs/format.md: Headings), or remove it")


def unpublished_targets(links: Mapping[str, tuple[PageLink, ...]],
                        published: set[str]) -> list[Problem]:
    """Links from published articles to drafts or articles dated in the future: the build
    leaves those pages out, so the links would lead nowhere until they are published."""
    return [
        warning(path, link.line, f"link '{link.written}' points to {link.target}, which this "
                "build does not publish (a draft, or dated in the future)",
                "Publish it first, build with --drafts to preview, or remove the link for now")
        for path in sorted(links) for link in links[path] if link.target not in published
    ]


def _page_own_id(link: PageLink) -> bool:
    prefix = page_name(link.slug)
    return link.fragment in ("main", prefix) or link.fragment.startswith(f"{prefix}-")


def case_twin(fragment: str, ids: Iterable[str]) -> str | None:
    """The id that `fragment` matches but for case (`Theme-Flatten` -> `theme-flatten`, as
    HackMD links are written), if exactly one does: browsers match ids exactly."""
    twins = [anchor for anchor in ids if anchor.lower() == fragment.lower()]
    return twins[0] if len(twins) == 1 else None
