"""`import hugo|jekyll|pelican`: another generator's Markdown content, one article per file.

The three differ in where posts live, how front matter is written and where a date may come
from; what is shared (the key mapping, the body conversion, images) is done once. Files are
read in two passes: first every file's front matter, so that links between posts
(`{{< ref >}}`, `{% post_url %}`, `{filename}`) can point at the imported articles' slugs.
"""

from __future__ import annotations

import html
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.html
import yaml

from ..content.slugs import slugify
from .confined import confined
from .frontmatter_map import map_front_matter
from .html_markdown import HtmlToMarkdown
from .imageshelf import ImageShelf
from .markdown_body import PELICAN_LINK, BodyContext, convert_body
from .markdown_text import ARTICLE, WEB, kept_url
from .model import Harvest, ImportedArticle, ImportOptions
from .restructured import rst_to_html, split_rst
from .sourcebook import SourceBook

MARKDOWN = (".md", ".markdown", ".mdown", ".mkd")
OTHER_FORMATS = (".rst", ".html", ".htm", ".org", ".adoc", ".ipynb")
DATED_NAME = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})[-_](.+)$")
LANGUAGE_SUFFIX = re.compile(r"^(.+)\.([a-z]{2,3}(?:-[A-Za-z]{2,4})?)$")
PELICAN_HEADER = re.compile(r"^([A-Za-z][\w-]*):\s*(.*)$")


@dataclass(kw_only=True)
class Post:
    """One input file after the first pass."""

    path: Path
    relative: str  # to the content folder, for messages and `ref` look-ups
    meta: dict[str, Any]  # the generator's own front matter, parsed
    body: str
    body_line: int  # file line of the body's first line
    slug: str
    keys_line: dict[str, int]  # front-matter key -> its line
    draft: bool = False  # in a drafts folder
    file_date: str | None = None  # from a dated file name, 2023-04-06-slug.md
    html: str | None = None  # the body as HTML, for formats read by another library (.rst)
    translation_of: str | None = None  # the slug of the version this one translates


@dataclass
class Site:
    kind: str  # "hugo", "jekyll" or "pelican"
    content: Path  # where the posts are
    static: list[Path]  # where site-relative images are looked up
    config: dict[str, Any]  # the site's settings, for {{ site.x }} and its address
    base_url: str | None


def read_hugo(sources: list[Path], options: ImportOptions, harvest: Harvest) -> None:
    for source in sources:
        root = source if (source / "content").is_dir() else source.parent
        content = source / "content" if (source / "content").is_dir() else source
        config = _config(root, ["hugo.toml", "config.toml", "hugo.yaml", "config.yaml"])
        site = Site("hugo", content, [root / "static", root / "assets", content], config,
                    _base(config.get("baseURL") or config.get("baseurl")))
        _read_site(site, sorted(content.rglob("*")), options, harvest)


def read_jekyll(sources: list[Path], options: ImportOptions, harvest: Harvest) -> None:
    for source in sources:
        root = source.parent if source.name in ("_posts", "_drafts") else source
        config = _config(root, ["_config.yml", "_config.yaml"])
        base = (str(config.get("url") or "").rstrip("/") + str(config.get("baseurl") or "")) \
            or None
        files = sorted(p for folder in ("_posts", "_drafts") for p in (root / folder).rglob("*"))
        _read_site(Site("jekyll", root, [root], config, _base(base)), files, options, harvest)


def read_pelican(sources: list[Path], options: ImportOptions, harvest: Harvest) -> None:
    for source in sources:
        config: dict[str, Any] = {}
        files = [p for p in sorted(source.rglob("*"))
                 if options.pages or "pages" not in p.relative_to(source).parts[:-1]]
        skipped = [p for p in source.rglob("*") if p.suffix in MARKDOWN and p not in files]
        if skipped:
            harvest.warn(str(source), 0, "other-items", f"{len(skipped)} page(s) under "
                           "pages/ not imported (use --pages)")
        _read_site(Site("pelican", source, [source], config, None), files, options, harvest)


def _base(url: object) -> str | None:
    """The site's address from its settings, when it is a web address."""
    return kept_url(url, WEB) if isinstance(url, str) else None


def _read_site(site: Site, files: list[Path], options: ImportOptions, harvest: Harvest) -> None:
    posts = []
    for path in files:
        if path.is_file() and not confined(path, site.content, harvest, str(path), 0, "file"):
            continue
        readable = MARKDOWN + ((".rst",) if site.kind == "pelican" else ())
        if path.suffix.lower() in OTHER_FORMATS and path.suffix.lower() not in readable \
                and path.is_file():
            harvest.items_in += 1
            harvest.warn(str(path), 0, "unsupported-format", f"{path.suffix} files are not "
                           "converted; import it by hand")
        elif path.suffix.lower() in readable and path.is_file():
            harvest.items_in += 1
            post = _first_pass(path, site, harvest)
            if post is not None:
                posts.append(post)
    _link_translations(posts)
    slugs = _slug_index(posts)
    for post in posts:
        article = _second_pass(post, site, slugs, options, harvest)
        if article is not None:
            harvest.articles.append(article)


def _first_pass(path: Path, site: Site, harvest: Harvest) -> Post | None:
    text = path.read_text("utf-8", errors="replace").removeprefix("\ufeff")
    relative = path.relative_to(site.content).as_posix()
    if site.kind == "hugo" and path.stem == "_index":
        harvest.warn(str(path), 0, "section-page", "a section's list page, not an article; "
                       "not imported")
        return None
    try:
        meta, body, body_line, keys_line = split_rst(text) if path.suffix == ".rst" else \
            split_front_matter(text, site.kind)
    except (yaml.YAMLError, tomllib.TOMLDecodeError, ValueError) as exc:
        harvest.warn(str(path), 1, "skipped", f"its front matter cannot be read ({exc}); "
                       "not imported", "Fix the front matter and import again")
        return None
    body_html = None
    if path.suffix == ".rst":
        title, body_html = rst_to_html(body)
        meta.setdefault("title", html.unescape(re.sub(r"<[^>]+>", "", title)))
    name = path.parent.name if path.stem == "index" else path.stem
    language = LANGUAGE_SUFFIX.match(name) if site.kind == "hugo" else None
    if language:  # Hugo's translations: about.md, about.fr.md
        name = language.group(1)
        meta.setdefault("lang", language.group(2))
    dated = DATED_NAME.match(name)
    slug = slugify(str(meta.get("slug") or (meta.get("title") if site.kind == "pelican"
                                             and meta.get("title") else None)
                       or (dated.group(2) if dated else name)))
    draft = "_drafts" in path.parts
    return Post(path=path, relative=relative, meta=meta, body=body, body_line=body_line,
                slug=slug, keys_line=keys_line, draft=draft,
                file_date=dated.group(1) if dated else None, html=body_html)


def _second_pass(post: Post, site: Site, slugs: dict[str, str], options: ImportOptions,
                 harvest: Harvest) -> ImportedArticle | None:
    name = str(post.path)
    book = SourceBook()
    shelf = ImageShelf(post.slug, book, harvest, lambda src: _locate(src, post, site))
    meta = map_front_matter(post.meta, post.keys_line, name, options.zone, harvest,
                            lambda src: _locate(src, post, site), shelf, post.file_date)
    if meta is None:
        return None
    if post.draft:
        meta["draft"] = True
    if post.translation_of:
        meta["translation_of"] = post.translation_of
    meta.pop("slug", None)  # the file name carries it
    if site.base_url and not meta.get("original_url") and isinstance(meta.get("extra"), dict):
        path = meta["extra"].get("url") or meta["extra"].get("permalink")
        if isinstance(path, str) and path.startswith("/"):
            meta["original_url"] = site.base_url.rstrip("/") + path
    context = BodyContext(name, post.body_line, harvest, book, shelf,
                          lambda target: _article_url(target, slugs), site.config, post.meta,
                          site.base_url)
    body = convert_body(post.body, context) if post.html is None else \
        _convert_html(post, context, lambda target: _article_url(target, slugs))
    meta["sources"] = book.entries
    return ImportedArticle(slug=post.slug, origin=f"{site.kind} {post.relative}", meta=meta,
                           body=body, images=shelf.files)


def _link_translations(posts: list[Post]) -> None:
    """Versions of one post in other languages share its slug in Hugo and Pelican; here
    each gets `<slug>-<lang>` and `translation_of: <slug>`, as our language switch needs."""
    by_slug: dict[str, list[Post]] = {}
    for post in posts:
        by_slug.setdefault(post.slug, []).append(post)
    for slug, versions in by_slug.items():
        languages = [str(post.meta.get("lang") or "") for post in versions]
        if len(versions) < 2 or len(set(languages)) < len(languages):
            continue  # one post, or a clash the writer will rename and report
        original = min(versions, key=lambda post: (post.meta.get("lang") is not None,
                                                    len(post.relative), post.relative))
        for post in versions:
            if post is not original:
                post.slug, post.translation_of = f"{slug}-{slugify(post.meta['lang'])}", slug


def _convert_html(post: Post, context: BodyContext, article_url) -> str:
    """A body docutils made: Pelican's {filename} links pointed at the imported articles."""
    root = lxml.html.fragment_fromstring(post.html or "<p></p>", create_parent="div")
    for link in root.iter("a"):
        href = link.get("href", "")
        target = PELICAN_LINK.sub("", href)
        internal = article_url(target.split("#")[0]) if target != href else None
        if internal:
            link.set("href", ARTICLE + internal)
    converter = HtmlToMarkdown(context.book, context.shelf, context.harvest, context.path,
                               post.body_line)
    return converter.convert(root)


def split_front_matter(text: str, kind: str) -> tuple[dict, str, int, dict[str, int]]:
    """(front matter, body, first body line, key -> line) of `---` YAML, `+++` TOML, JSON
    or Pelican's `Key: value` header; raises on front matter that cannot be parsed."""
    fences = {"---": "yaml", "+++": "toml"}
    first = text.split("\n", 1)[0].strip()
    if first in fences:
        end = re.search(rf"^{re.escape(first)}\s*$", text[len(first):], re.MULTILINE)
        if end is None:
            raise ValueError(f"the '{first}' front matter is never closed")
        raw = text[len(first): len(first) + end.start()]
        meta = (yaml.safe_load(raw) if first == "---" else tomllib.loads(raw)) or {}
        body = text[len(first) + end.end():].lstrip("\n")
        return _mapping(meta), body, text[: len(text) - len(body)].count("\n") + 1, \
            _key_lines(raw, 2)
    if kind == "pelican":
        return _pelican_header(text)
    return {}, text, 1, {}


def _pelican_header(text: str) -> tuple[dict, str, int, dict[str, int]]:
    meta: dict[str, Any] = {}
    lines = text.split("\n")
    keys_line, key, index = {}, None, 0
    for index, line in enumerate(lines):
        match = PELICAN_HEADER.match(line)
        if match:
            key = match.group(1).lower()
            meta[key], keys_line[key] = match.group(2).strip(), index + 1
        elif key and line.startswith((" ", "\t")) and line.strip():
            meta[key] += " " + line.strip()
        else:
            break
    start = index + (1 if index < len(lines) and not lines[index].strip() else 0)
    return meta, "\n".join(lines[start:]), start + 1, keys_line


def _mapping(meta: Any) -> dict:
    if not isinstance(meta, dict):
        raise ValueError("the front matter is not a mapping of keys to values")
    return {str(key).lower(): value for key, value in meta.items()}


def _key_lines(raw: str, first_line: int) -> dict[str, int]:
    lines = {}
    for index, line in enumerate(raw.split("\n")):
        match = re.match(r"^([\w-]+)\s*[:=]", line)
        if match:
            lines.setdefault(match.group(1).lower(), first_line + index - 1)
    return lines


def _config(root: Path, names: list[str]) -> dict[str, Any]:
    for name in names:
        path = root / name
        if path.is_file():
            try:
                text = path.read_text("utf-8")
                data = tomllib.loads(text) if name.endswith(".toml") else yaml.safe_load(text)
            except (yaml.YAMLError, tomllib.TOMLDecodeError):
                return {}
            return data if isinstance(data, dict) else {}
    return {}


def _slug_index(posts: list[Post]) -> dict[str, str]:
    """Every name a post can be linked by -> its slug."""
    index: dict[str, str] = {}
    for post in posts:
        stem = post.path.parent.name if post.path.stem == "index" else post.path.stem
        for name in (post.relative, post.relative.rsplit(".", 1)[0], stem, post.slug,
                     post.path.name):
            index.setdefault(name.lower(), post.slug)
    return index


def _article_url(target: str, slugs: dict[str, str]) -> str | None:
    target = target.strip().strip("/").lower()
    candidates = [target, target.rsplit(".", 1)[0], target.removeprefix("_posts/"),
                  target.rsplit("/", 1)[-1], target.rsplit("/", 1)[-1].rsplit(".", 1)[0]]
    for name in candidates:
        if name in slugs:
            return f"{slugs[name]}.md"  # beside it under --into: a link between articles
    return None


def _locate(src: str, post: Post, site: Site) -> Path | None:
    """An image's file: beside the post (bundles, Pelican), or under the static folders."""
    src = re.sub(r"^(\{(static|attach|filename)\}|\|(static|attach|filename)\|)", "", src)
    src = src.split("?")[0].split("#")[0]
    if not src or re.match(r"^[a-z]+:|^//", src):
        return None
    folders = site.static if src.startswith("/") else [post.path.parent, *site.static]
    for folder in folders:
        candidate = folder / src.lstrip("/")
        if candidate.is_file() and candidate.resolve().is_relative_to(folder.resolve()):
            return candidate
    return None
