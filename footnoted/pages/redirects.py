"""Old addresses keep working: a redirect page at the path of every `original_url`.

    original_url: https://old.example/blog/2019/08/20/forensic-science/
    -> site/blog/2019/08/20/forensic-science/index.html, which sends the reader on to the
       article's page (meta refresh, canonical link, a plain link; no script)

A migrated site's readers, search engines and other sites hold the old addresses. The page
is static, so any host serves it; every URL in it is relative, so it works under any path
prefix. A path that a page of this site already has (the article's own, a listing), that
leads nowhere (the root) or that a static host cannot serve as a page (`?p=12`,
`post.php`) gets none.
"""

from __future__ import annotations

import html
import posixpath
from urllib.parse import unquote, urlsplit

from ..article.resolve import Article

PAGE_SUFFIXES = (".html", ".htm")


def redirect_pages(articles: list[Article], taken: set[str]) -> dict[str, bytes]:
    """File name -> redirect page, for the articles' original addresses (the first article
    in listing order wins a path two of them name)."""
    pages = {f"{article.slug}/index.html" for article in articles} | taken
    files: dict[str, bytes] = {}
    for article in articles:
        name = redirect_file(article.meta.original_url or "")
        if name is not None and name not in pages and name not in files:
            files[name] = _page(name, article.slug, article.meta.title).encode("utf-8")
    return files


def redirect_file(url: str) -> str | None:
    """The site file that stands at `url`'s path, or None when no static page can."""
    parts = urlsplit(url)
    if parts.query or not parts.path.strip("/"):
        return None
    path = posixpath.normpath(unquote(parts.path).lstrip("/"))
    if path.startswith("..") or "\\" in path or any(ord(c) < 32 for c in path):
        return None
    if path.lower().endswith(PAGE_SUFFIXES):
        return path
    if posixpath.splitext(path)[1]:
        return None  # a script or file of the old site, not a page a static host serves
    return f"{path}/index.html"


def _page(name: str, slug: str, title: str) -> str:
    target = html.escape(posixpath.relpath(slug, posixpath.dirname(name) or ".") + "/")
    words = html.escape(title)
    return (
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{words}</title>\n"
        f"<link rel=\"canonical\" href=\"{target}\">\n"
        f"<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n"
        "<meta name=\"robots\" content=\"noindex\">\n"
        # An empty icon: without one a browser asks the host's root for /favicon.ico,
        # outside the site's path prefix.
        "<link rel=\"icon\" href=\"data:,\">\n</head>\n<body>\n"
        f"<p><a href=\"{target}\">{words}</a></p>\n</body>\n</html>\n")
