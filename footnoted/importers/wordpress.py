"""`import wordpress`: a WXR export (Tools > Export) -> one article per post.

Posts always, pages with `--pages`; drafts, pending and private posts become `draft: true`;
trashed posts and revisions are left out, with a line in the report. Images are looked up in
the export's uploads folder when `--uploads` names it, by their path after
`wp-content/uploads/`, falling back from a resized copy (`photo-300x200.jpg`) to the original.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import lxml.html
from lxml import etree

from ..content.slugs import slugify
from . import wp_content
from .article_writer import Timestamp
from .confined import confined
from .html_markdown import HtmlToMarkdown
from .imageshelf import ImageShelf
from .markdown_text import text_of
from .model import Harvest, ImportedArticle, ImportOptions
from .sourcebook import SourceBook

DRAFT_STATUSES = {"draft", "pending", "private"}
SKIPPED_STATUSES = {"trash", "auto-draft", "inherit"}
NO_SECTION = {"Uncategorized"}  # WordPress's default category says nothing about the post
RESIZED = re.compile(r"-\d+x\d+(?=\.\w+$)")
UPLOADS = "/wp-content/uploads/"


@dataclass(frozen=True)
class Attachment:
    url: str
    alt: str
    caption: str


class Export:
    """One WXR file: namespaced lookups, authors and attachments by id."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.root = etree.parse(str(path), etree.XMLParser(huge_tree=True)).getroot()
        self.ns = {prefix: uri for prefix, uri in self.root.nsmap.items() if prefix}
        self.channel = self.root.find("channel")
        if self.channel is None or "wp" not in self.ns:
            raise ValueError("is not a WordPress export (no <channel> with wp: elements)")
        self.authors = {self.text(a, "wp:author_login"): self.text(a, "wp:author_display_name")
                        for a in self.channel.findall("wp:author", self.ns)}
        self.attachments = {self.text(item, "wp:post_id"): Attachment(
            self.text(item, "wp:attachment_url"), self.meta(item).get("_wp_attachment_image_alt",
                                                                       ""),
            self.text(item, "excerpt:encoded")) for item in self.items("attachment")}

    def items(self, kind: str | None = None) -> list[etree._Element]:
        return [item for item in self.channel.findall("item")
                if kind is None or self.text(item, "wp:post_type") == kind]

    def text(self, element: etree._Element, name: str) -> str:
        if ":" in name and name.split(":")[0] not in self.ns:
            return ""  # an export without that namespace has none of its elements
        found = element.find(name, self.ns)
        return (found.text or "").strip() if found is not None else ""

    def meta(self, item: etree._Element) -> dict[str, str]:
        return {self.text(m, "wp:meta_key"): self.text(m, "wp:meta_value")
                for m in item.findall("wp:postmeta", self.ns)}

    def terms(self, item: etree._Element, domain: str) -> list[str]:
        return [html.unescape(c.text or "").strip() for c in item.findall("category")
                if c.get("domain") == domain]


def read_wordpress(sources: list[Path], options: ImportOptions, harvest: Harvest) -> None:
    for path in sources:
        try:
            export = Export(path)
        except etree.XMLSyntaxError as exc:
            harvest.unreadable(str(path), exc.lineno or 0, f"is not readable XML ({exc.msg})",
                               "Export it again from WordPress (Tools > Export)")
            continue
        except ValueError as exc:
            harvest.unreadable(str(path), 1, str(exc),
                               "Give the .xml file that WordPress's Tools > Export wrote")
            continue
        left_out: Counter[str] = Counter()
        addresses = _addresses(export, options)
        for item in export.items():
            kind, status = export.text(item, "wp:post_type"), export.text(item, "wp:status")
            if kind == "attachment":
                continue
            if kind not in ("post", "page") or (kind == "page" and not options.pages):
                left_out[kind + ("s (use --pages)" if kind == "page" else "")] += 1
                continue
            harvest.items_in += 1
            if status in SKIPPED_STATUSES:
                harvest.warn(str(path), item.sourceline, "skipped", f"{kind} "
                               f"'{export.text(item, 'title')}' is '{status}'; not imported")
                continue
            harvest.articles.append(import_item(export, item, options, harvest, addresses))
        if left_out:
            harvest.warn(str(path), 0, "other-items", "not imported: " + ", ".join(
                f"{count} {kind}" for kind, count in sorted(left_out.items())))


def import_item(export: Export, item: etree._Element, options: ImportOptions,
                harvest: Harvest, addresses: dict[str, str]) -> ImportedArticle:
    name, line = str(export.path), item.sourceline
    title = html.unescape(export.text(item, "title")) or "Untitled"
    slug = _slug(export, item)
    book = SourceBook()
    found = lambda src: _upload(options.uploads, src, harvest, name, line)  # noqa: E731
    shelf = ImageShelf(slug, book, harvest, found,
                       remote_fix="Pass --uploads with the export's wp-content/uploads folder"
                       if options.uploads is None else "Put it in the uploads folder")
    report = lambda kind, message: harvest.warn(name, line, kind, message)  # noqa: E731
    content = wp_content.to_html(export.text(item, "content:encoded"),
                                 lambda id_: _gallery_image(export, id_), report)
    root = lxml.html.fragment_fromstring(content or "<p></p>", create_parent="div")
    body = HtmlToMarkdown(book, shelf, harvest, name, line, addresses).convert(root)
    meta = _front_matter(export, item, options, shelf, book, harvest)
    meta["title"] = title
    return ImportedArticle(slug=slug, origin=f"{export.path.name}, post "
                           f"{export.text(item, 'wp:post_id')}", meta=meta, body=body,
                           images=shelf.files)


def _slug(export: Export, item: etree._Element) -> str:
    title = html.unescape(export.text(item, "title")) or "Untitled"
    return slugify(unquote(export.text(item, "wp:post_name")) or title)


def _addresses(export: Export, options: ImportOptions) -> dict[str, str]:
    """The old address of every post (and page) this import writes -> its file, so that
    links between them become links between articles."""
    kinds = ("post", "page") if options.pages else ("post",)
    return {export.text(item, "link").rstrip("/"): f"{_slug(export, item)}.md"
            for kind in kinds for item in export.items(kind)
            if export.text(item, "wp:status") not in SKIPPED_STATUSES
            and export.text(item, "link")}


def _front_matter(export: Export, item: etree._Element, options: ImportOptions,
                  shelf: ImageShelf, book: SourceBook, harvest: Harvest) -> dict[str, Any]:
    name, line = str(export.path), item.sourceline
    status = export.text(item, "wp:status")
    categories = [c for c in export.terms(item, "category") if c not in NO_SECTION]
    if len(categories) > 1:
        harvest.warn(name, line, "extra-categories", f"categories {categories[1:]} became "
                       f"tags; the section is '{categories[0]}'")
    comments = item.findall("wp:comment", export.ns)
    if comments:
        harvest.warn(name, line, "comments", f"{len(comments)} reader comment(s) not carried "
                       "over")
    if export.text(item, "wp:post_password"):
        harvest.warn(name, line, "password", "the post was password-protected; it is not")
    date = _moment(export.text(item, "wp:post_date"), export.text(item, "wp:post_date_gmt"),
                   options)
    updated = _moment(export.text(item, "wp:post_modified"),
                      export.text(item, "wp:post_modified_gmt"), options)
    meta = {
        "date": Timestamp(date),
        "authors": [export.authors.get(login, login)
                    for login in [export.text(item, "dc:creator")] if login],
        "section": categories[0] if categories else None,
        "dek": " ".join(_plain(export.text(item, "excerpt:encoded")).split()) or None,
        "updated": Timestamp(updated) if updated and updated[:16] > date[:16] else None,
        "publication": {"name": export.text(export.channel, "title"),
                        "url": export.text(export.channel, "link").rstrip("/") + "/"},
        "original_url": export.text(item, "link") if status == "publish" else None,
        "tags": [*categories[1:], *export.terms(item, "post_tag")],
        "image": _featured(export, item, shelf, harvest),
        "sources": book.entries,
        "draft": True if status in DRAFT_STATUSES else None,
        "extra": _custom_fields(export, item, harvest),
    }
    if not meta["publication"]["name"]:
        meta["publication"] = None
    return meta


def _moment(local: str, gmt: str, options: ImportOptions) -> str:
    """The post's time with its zone: WordPress stores local time and UTC side by side."""
    try:
        when = datetime.fromisoformat(local)
    except ValueError:
        return ""
    try:
        offset = when - datetime.fromisoformat(gmt)
        return when.replace(tzinfo=timezone(offset)).isoformat()
    except ValueError:  # drafts have 0000-00-00 00:00:00 as UTC
        return when.replace(tzinfo=options.zone).isoformat()


def _featured(export: Export, item: etree._Element, shelf: ImageShelf,
              harvest: Harvest) -> dict[str, str] | None:
    attachment = export.attachments.get(export.meta(item).get("_thumbnail_id", ""))
    if attachment is None:
        return None
    image = {"caption": attachment.caption}
    found = shelf.locate(attachment.url)
    if found is not None:
        image |= {"src": shelf.copy(found), "alt": attachment.alt or attachment.caption}
    else:
        harvest.warn(str(export.path), item.sourceline, "lead-image", "the featured image "
                       f"'{attachment.url}' was not found; only its caption is kept",
                       "Pass --uploads with the wp-content/uploads folder")
    return {key: value for key, value in image.items() if value} or None


def _custom_fields(export: Export, item: etree._Element, harvest: Harvest) -> dict | None:
    fields = {key: value for key, value in export.meta(item).items()
              if not key.startswith("_") and value}
    for key in fields:
        harvest.warn(str(export.path), item.sourceline, "custom-field",
                       f"custom field '{key}' kept under extra.wordpress")
    return {"wordpress": fields} if fields else None


def _gallery_image(export: Export, attachment_id: str) -> str:
    attachment = export.attachments.get(attachment_id)
    if attachment is None:
        return ""
    return f'<img src="{html.escape(attachment.url)}" alt="{html.escape(attachment.alt)}">'


def _upload(uploads: Path | None, src: str, harvest: Harvest, where: str, line: int
            ) -> Path | None:
    path = unquote(urlsplit(src).path)
    if uploads is None or UPLOADS not in path:
        return None
    relative = path.split(UPLOADS, 1)[1]
    for candidate in (relative, RESIZED.sub("", relative)):
        if (uploads / candidate).is_file():
            return confined(uploads / candidate, uploads, harvest, where, line,
                            f"attachment '{src}', file")
    return None


def _plain(fragment: str) -> str:
    return text_of(lxml.html.fragment_fromstring(fragment, create_parent="div")) \
        if fragment else ""
