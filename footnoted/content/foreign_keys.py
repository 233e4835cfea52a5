"""Front-matter keys that other generators write, and what to do with each in footnoted.

An unknown key stays an error (it is usually a typo), but for a key that Hugo, Zola, Jekyll,
Pelican or MkDocs define, the fix says where its value goes instead of guessing a close
spelling (`description` is not a misspelt `section`).
"""

from __future__ import annotations

_UNUSED = ("It belongs to another generator and footnoted does not use it: delete it, or move "
           "it under 'extra:' for your templates")

_RENAMED = {
    "dek": ("description", "summary", "excerpt", "subtitle", "lead"),
    "date": ("pubdate", "pubDate", "published", "publishDate", "created"),
    "updated": ("lastmod", "last_modified_at", "modified", "updated_at"),
    "tags": ("keywords",),
    "original_url": ("canonical", "canonical_url", "canonicalURL"),
}
_SECTION = ("categories", "category")
_OTHER_GENERATORS = (
    "aliases", "redirect_from", "permalink", "path", "url", "layout", "template", "type",
    "weight", "menu", "sort_by", "render", "in_search_index", "toc", "comments", "sitemap",
    "markup", "outputs", "cascade", "build", "headless", "expiryDate", "linkTitle",
    "contributors", "version", "status", "hide", "nav_order", "parent", "order",
)


def foreign_key_fixes(where: str) -> dict[tuple[str, str], str]:
    """(where, key) -> the fix to print when the top of the front matter has that key (a
    nested `url` in `image:` is not Jekyll's `url`)."""
    fixes = {key: _UNUSED for key in _OTHER_GENERATORS}
    fixes |= {key: "Use 'section:' for the one section and 'tags:' for topics" for key in _SECTION}
    for ours, theirs in _RENAMED.items():
        fixes |= {key: f"Rename it to '{ours}:'" for key in theirs}
    return {(where, key): fix for key, fix in fixes.items()}
