"""Paths written through another generator's base-URL tag: the site-absolute path they name.

    ![Map]({{ site.baseurl }}/assets/map.png)      -> <img src="/assets/map.png">
    [Blog]({{ "/blog/" | url }})                   -> <a href="/blog/">
    <img src="{{ 'img/a.png' | relative_url }}">   -> <img src="/img/a.png">

Jekyll, 11ty and Hugo sites write their own paths with a tag that puts the site's address in
front (content/urls.py `tagged_site_path` lists the tags). footnoted runs no template, but
such a tag says no more than "this path, on this site", so the path is read without it,
before the images, page-links and file-links extensions look at it: the image is found, the
link leads to the article at that address. A tag naming one of the page's own values
(`{{ page.image }}`, `{{ image | url }}`: kept under `extra` when its front matter was
adapted) is that value. Any other tag is left as written, for them to report.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from ..content.urls import tagged_site_path
from .article_context import ArticleExtension

PATH_ATTRIBUTES = ("href", "src")  # links, images, players and their sources


class SitePathsExtension(ArticleExtension):
    def extendMarkdown(self, md: Markdown) -> None:
        self.register(md)
        # 17: after 'inline' (20) made the links and images and raw HTML (19) its elements;
        # before remote images and page links (16), file links (15.5) and images (14) read
        # the paths.
        md.treeprocessors.register(SitePathsTreeprocessor(md, self), "footnoted_site_paths", 17)


class SitePathsTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, ext: SitePathsExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        variables = self.ext.article.variables
        for element in root.iter():
            for attribute in PATH_ATTRIBUTES:
                value = element.get(attribute, "")
                if "{" in value and (path := tagged_site_path(value, variables)) is not None:
                    element.set(attribute, path)
