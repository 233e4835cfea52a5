"""Relative links to files: navigation to the site's own copy, not sources.

    [the data](survey.csv)   -> <a class="file-link" href="survey.csv">, the file published
    [the demo](demos/grid/)  -> <a class="missing-link" href="demos/grid/">: a web page is
                                not published (linked_files.ACTIVE_SUFFIXES), a warning says why
    [gone](old/notes.txt)    -> <a class="missing-link" href="old/notes.txt">, and a warning
    <video src="clip.mp4">   -> <video controls src="clip.mp4">, the file published

A relative link that the page-links extension did not make a page link names a file of
content/ (content/linked_files.py says which, and where the site has it). A link to no
page and no file is left as written, with a warning: it is not numbered, so the Sources
page, which lives elsewhere on the site, never holds an address that only made sense from
this page. Links with a scheme, site-absolute paths and in-page `#parts` are not ours.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from urllib.parse import SplitResult, unquote, urlsplit

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from ..content.image_places import ImageRef
from ..content.linked_files import find_linked_file
from ..content.page_index import is_article_file
from ..content.urls import TEMPLATE_TAG, unsafe_url_reason
from ..problems import Problem
from .pagelinks import PAGE_LINK_CLASS
from .refs import MarkerExtension, Occurrences, href_as_written

FILE_LINK_CLASS = "file-link"  # a link to a file the site publishes
MISSING_LINK_CLASS = "missing-link"  # a relative link to nothing the site has
NAVIGATION_CLASSES = (PAGE_LINK_CLASS, FILE_LINK_CLASS, MISSING_LINK_CLASS)  # never sources


@dataclass
class FileLinksState:
    files: list[ImageRef] = field(default_factory=list)  # published, in document order
    looked_for: list[str] = field(default_factory=list)  # files links named that were not there
    problems: list[Problem] = field(default_factory=list)


class FileLinksExtension(MarkerExtension):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.state = FileLinksState()

    def extendMarkdown(self, md: Markdown) -> None:
        self.register(md)
        # 15.5: after the page links (16), which this leaves alone, and the remote images
        # (16), whose links have a scheme; before the sources' link pass (15), which must
        # not number these links.
        md.treeprocessors.register(FileLinksTreeprocessor(md, self), "footnoted_file_links",
                                   15.5)

    def reset(self) -> None:
        self.state = FileLinksState()


class FileLinksTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, ext: FileLinksExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        lines = Occurrences(self.ext.article.lines)  # links come in document order
        for link in root.iter("a"):
            href = href_as_written(link.get("href", ""))  # an email autolink's is hidden
            parts = urlsplit(href)
            if (link.get("class") == PAGE_LINK_CLASS or unsafe_url_reason(href)  # sources'
                    or parts.scheme or parts.netloc
                    or not parts.path or parts.path.startswith(("/", "\\"))
                    or is_article_file(parts.path)):  # a missing article: page links' error
                continue
            self.link_file(link, href, parts, lines.line(href))
        players = Occurrences(self.ext.article.lines)
        for player in [*root.iter("video"), *root.iter("audio")]:
            src = player.get("src", "")
            if src:  # raw_html.py left only a local file's player
                self.link_file(player, src, urlsplit(src), players.line(src), attribute="src")

    def link_file(self, link: etree.Element, href: str, parts: SplitResult, line: int,
                  attribute: str = "href") -> None:
        """`link`'s `attribute` (`href`, or a player's `src`) leads to the file's copy."""
        written = unquote(parts.path)
        path, slug = self.ext.article.path, self.ext.article.slug
        found = find_linked_file(self.ext.article.places, path, slug, written, line)
        state = self.ext.state
        state.looked_for += found.looked_for
        if found.problem is not None:
            state.problems.append(found.problem)
        if found.published is not None:
            state.files.append(found.published)
            rest = (f"?{parts.query}" if parts.query else "") + (
                f"#{parts.fragment}" if parts.fragment else "")
            # a folder's index.html is a web page, never published, so the copy is always a file
            link.set(attribute, found.published.url + rest)
            if attribute == "href":
                link.set("class", FILE_LINK_CLASS)
        elif found.problem is None:
            shown = " ".join(href.split())  # an unrendered template tag may span lines
            if TEMPLATE_TAG.search(href):
                self.ext.warn(href, f"link '{shown}' holds another generator's template tag, "
                              "which footnoted does not run, so it is left as written",
                              "Write the address the tag gave (https://..., or the article's "
                              "file, e.g. other.md)", line,
                              kind="links holding another generator's template tags")
            elif found.folder is not None:
                self.ext.warn(href, f"link '{shown}' names the folder {found.folder}, which is "
                              "no page of this site, and is left as written", "Link the "
                              "article it should lead to by its file (e.g. ../news/index.md), "
                              "or remove the link", line)
            else:
                self.ext.warn(href, f"link '{shown}' matches no page or file of this site and "
                              "is left as written", "Put the file in the content folder and "
                              "give its path from the article's file (e.g. files/data.csv), or "
                              "link the article's file (e.g. other.md)", line,
                              kind="links to no page or file of this site")
            if attribute == "href":
                link.set("class", MISSING_LINK_CLASS)
        elif attribute == "href":
            link.set("class", MISSING_LINK_CLASS)  # an error stops the build; no source
