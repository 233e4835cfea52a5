"""Stage 4, render: every kind of page, from articles to bytes.

The Jinja environment and its errors (environment), the article page, listings, feeds,
sitemap and not-found page (render, listings, paging), the Sources index and its pages
(source_index, source_pages), the search index (search, search_shards), the static files and
their names (assets), and the interface's words and dates in each language (i18n,
typography). Templates and static files are in theme/.
"""
