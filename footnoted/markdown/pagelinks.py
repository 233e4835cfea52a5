"""Links between articles: navigation, not sources.

    [as we wrote](other.md)              -> <a class="page-link" href="../other/">
    [the method](../guides/method.md#b)  -> <a class="page-link" href="../../guides/method/#b">
    [the list](/section/page/)           -> the same, when a page has that address
    [the post](@/blog/post.md)           -> Zola's link from the content folder
    [its neighbour](../method/)          -> the same, when a page is there (from this page)
    [Site news](../)                     -> the home page, when that is where it leads
    [Home](/)                            -> the home page, from any depth
    [old](https://old.example/2019/post/) -> the article whose original_url has that path
    [the team](./team)                   -> content/about/team.md, beside this file (VitePress)

The other article's page is found in the site's `PageIndex` (built from the slugs the loader
gave every article), and the link is written relative to this page (`slug`, at any depth),
so it works under any path prefix. Such links get no number and no place in the Sources
list. A `.md` link to no article is an error; a site address that matches no page is left
as written (it may be a page outside footnoted) with a warning. Each look-up is handed back
with its answer, for the build cache: when another article's slug changes, the articles
linking to it are parsed again.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from ..content.page_index import PageIndex, PageLink, address_key, is_article_file, page_url
from ..content.urls import is_external
from ..problems import Problem
from .refs import MarkerExtension, Occurrences, link_words

PAGE_LINK_CLASS = "page-link"  # the sources extension leaves links of this class alone


@dataclass
class PageLinksState:
    page_links: list[PageLink] = field(default_factory=list)
    lookups: dict[str, str | None] = field(default_factory=dict)  # key -> slug found, or None
    problems: list[Problem] = field(default_factory=list)


class PageLinksExtension(MarkerExtension):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.state = PageLinksState()

    def extendMarkdown(self, md: Markdown) -> None:
        self.register(md)
        # 16: after 'inline' (20), when every link exists, also those in notes (attached at
        # 50); before the sources' link pass (15), which must not number these links.
        md.treeprocessors.register(PageLinksTreeprocessor(md, self), "footnoted_page_links", 16)

    def reset(self) -> None:
        self.state = PageLinksState()

    def look_up(self, key: str) -> str | None:
        slug = self.article.pages.lookup(key)
        self.state.lookups[key] = slug
        return slug


class PageLinksTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, ext: PageLinksExtension) -> None:
        super().__init__(md)
        self.ext = ext
        self.lines = Occurrences(ext.article.lines)

    def run(self, root: etree.Element) -> None:
        self.lines = Occurrences(self.ext.article.lines)  # links come in document order
        for link in root.iter("a"):
            href = link.get("href", "")
            if is_external(href):
                self.link_old_address(link, href)
                continue
            if not href or href.startswith("#"):
                continue
            parts = urlsplit(href)
            path = unquote(parts.path)
            if is_article_file(path):
                self.link_file(link, href, path, parts.fragment)
            elif path.startswith("/"):
                self.link_address(link, href, path, parts.fragment)
            elif path:
                self.link_neighbour(link, href, path, parts.fragment)

    def link_file(self, link: etree.Element, href: str, path: str, fragment: str) -> None:
        pages: PageIndex = self.ext.article.pages
        target = pages.file_key(self.ext.article.path, path)
        slug = self.ext.look_up(f"file:{target}")
        line = self.lines.line(f"({href}")
        if slug is None:
            words = link_words(self.md, link)
            self.ext.fail(f"({href}", f"link '{words}' points to '{path}', but {target} is not "
                          "an article of this site",
                          "Correct the file name (it is relative to this article's file); if "
                          "the file is there, fix the problems reported for it", line=line)
            return
        self.make_page_link(link, href, target, slug, fragment, line)

    def link_address(self, link: etree.Element, href: str, path: str, fragment: str) -> None:
        if not address_key(path):  # `/`, `/index.html`: the home page
            self.link_home(link, fragment)
            return
        key = f"address:{address_key(path)}"
        slug = self.ext.look_up(key)
        line = self.lines.line(f"({href}")
        if slug is None:
            self.ext.warn(f"({href}", f"link '{href}' matches no page of this site and is left "
                          "as written; it breaks when the site is served under a path prefix",
                          "Link the article's file (e.g. other.md) if it is one of ours", line,
                          kind="site addresses that match no page")
            return
        self.make_page_link(link, href, self.ext.article.pages.file_of[slug], slug,
                            fragment, line)

    def link_old_address(self, link: etree.Element, href: str) -> None:
        """`https://old.example/blog/post/` or `//old.example/...` on a host of the site's
        original addresses: the article there, when one had that address; else a link out
        like any other."""
        parts = urlsplit(href)
        if parts.scheme.lower() not in ("http", "https", "") or not parts.netloc:
            return
        if self.ext.look_up(f"host:{parts.netloc.lower()}") is None:
            return
        slug = self.ext.look_up(f"address:{address_key(unquote(parts.path))}")
        if slug is not None and address_key(unquote(parts.path)):
            self.make_page_link(link, href, self.ext.article.pages.file_of[slug], slug,
                                parts.fragment, self.lines.line(f"({href}"))

    def link_neighbour(self, link: etree.Element, href: str, path: str, fragment: str) -> None:
        """`../other-page/`, as pages of the original site link their neighbours: resolved
        from this page's address, it is navigation when a page is there, and is left as
        written when none is (it may be a file)."""
        address = posixpath.normpath(posixpath.join(self.ext.article.slug, path))
        if address == ".." or address.startswith("../"):
            return
        if address == ".":  # `../` from a page one folder down: the home page
            self.link_home(link, fragment)
            return
        slug = self.ext.look_up(f"address:{address_key(address)}")
        if slug is None:
            slug = self.article_without_suffix(path)
        if slug is not None:
            self.make_page_link(link, href, self.ext.article.pages.file_of[slug], slug,
                                fragment, self.lines.line(f"({href}"))

    def link_home(self, link: etree.Element, fragment: str) -> None:
        link.set("href", page_url(self.ext.article.slug, ".")
                 + (f"#{fragment}" if fragment else ""))
        link.set("class", PAGE_LINK_CLASS)

    def article_without_suffix(self, path: str) -> str | None:
        """`./team`, `../guide/intro.html`: an article's file named from this one's without
        `.md`, as VitePress, Docusaurus and GitHub's wikis write links."""
        stem = path.rstrip("/").removesuffix(".html")
        if not stem or stem.endswith((".", "/")) or posixpath.splitext(stem)[1]:
            return None  # `files/x.pdf` names a file
        pages: PageIndex = self.ext.article.pages
        for name in (f"{stem}.md", f"{stem}/index.md"):
            slug = self.ext.look_up(f"file:{pages.file_key(self.ext.article.path, name)}")
            if slug is not None:
                return slug
        return None

    def make_page_link(self, link: etree.Element, href: str, target: str, slug: str,
                       fragment: str, line: int) -> None:
        here = self.ext.article.slug
        link.set("href", page_url(here, slug) + (f"#{fragment}" if fragment else ""))
        link.set("class", PAGE_LINK_CLASS)
        self.ext.state.page_links.append(PageLink(target, slug, unquote(fragment), href, line))

