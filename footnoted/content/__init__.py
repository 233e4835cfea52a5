"""Stage 1, load: the editor's files read into typed, checked data, and where each of them
goes in the site.

Finding the article files (discovery), front matter in YAML or TOML checked against its
schema (document, schema, toml_front_matter, foreign_keys), CSL-JSON sources (csl), the
shared sources and `archive.yaml` (known_sources, archive_file), the interface languages
(languages); where an article's page, images and linked files are published (page_index,
image_places, linked_files; svg cleans a published SVG); and the small rules every later
stage shares about text, slugs, URLs and lines (text_clean, slugs, urls, linefinder).
Nothing here parses Markdown or renders a page.
"""
