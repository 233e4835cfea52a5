"""Images in the text: each must be a file of the project; handed back as data.

    ![A recruitment point](images/recruitment.jpg)
    ![A chart](../images/chart.png)  ![A logo](/img/logo.png)

The path is checked and located here, where its line is known (content/image_places.py says
where a path may lead), and its `src` becomes the relative address of the file's copy on
the site, from this article's page; whether the file exists is checked by the build, which
also copies it. An image that fails the check loses its `src`, so nothing unsafe reaches
the page even in a report-only run. Images in raw HTML are in the tree by now too.

An image hosted elsewhere, `![A chart](https://example.org/chart.png)`, is never loaded (no
page requests another host): it becomes its alt text linked to the original, which the
sources extension numbers like any link, and a warning.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from ..content.image_places import ImagePlaces, ImageRef, image_path_problem
from ..content.urls import MAX_DATA_IMAGE, is_data_image, is_external, unsafe_url_reason
from ..problems import Problem, error, warning
from .article_context import ArticleExtension
from .raw_html import PHRASING_PARENTS
from .refs import Occurrences


@dataclass
class ImagesState:
    images: list[ImageRef] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class ImagesExtension(ArticleExtension):
    def __init__(self, **kwargs) -> None:
        self.config = {
            "not_loaded": ["image hosted elsewhere, not loaded", "Said after the link that "
                           "stands for an image from another host, in the article's language"],
        }
        super().__init__(**kwargs)
        self.state = ImagesState()

    def extendMarkdown(self, md: Markdown) -> None:
        self.register(md)
        # 14: after 'inline' (20), when every image exists, and while the notes are still in
        # the tree (they leave at -10), so images inside notes are checked too.
        md.treeprocessors.register(ImageTreeprocessor(md, self), "footnoted_images", 14)
        # 16: after 'inline' (20) and raw HTML (19) made every image; before the links
        # become sources (15), so the link to the original gets its number.
        md.treeprocessors.register(RemoteImageTreeprocessor(md, self), "footnoted_remote", 16)

    def reset(self) -> None:
        self.state = ImagesState()


class ImageTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, ext: ImagesExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        lines = Occurrences(self.ext.article.lines)
        path, slug = self.ext.article.path, self.ext.article.slug
        places: ImagePlaces = self.ext.article.places
        self.drop_sourceless(root, lines)
        for image in root.iter("img"):
            src = image.get("src", "")
            line = lines.line(src or "![")
            if is_data_image(src):
                self.check_size(image, path, line)
                continue
            found = image_path_problem(src)
            if found is None:
                located, problem = places.locate(path, slug, ImageRef(src, line))
            else:
                located, problem = None, error(path, line, f"image {found[0]}", found[1])
            if problem is not None:
                self.ext.state.problems.append(problem)
            if located is not None:
                self.ext.state.images.append(located)
                image.set("src", located.url)
            else:
                image.attrib.pop("src", None)

    def check_size(self, image: etree.Element, path: str, line: int) -> None:
        """An image carried in the page is kept when it is of a sane size."""
        size = len(image.get("src", ""))
        if size > MAX_DATA_IMAGE:
            del image.attrib["src"]
            self.ext.state.problems.append(error(
                path, line, f"image carried in the text (data:) is {size // 1000:,} KB, more "
                f"than {MAX_DATA_IMAGE // 1000:,} KB in every load of the page",
                "Save it as a file beside the article and give its path, e.g. images/a.png"))

    def drop_sourceless(self, root: etree.Element, lines: Occurrences) -> None:
        """An `<img>` without `src` (lazy-loading markup keeps it in `data-src`) shows
        nothing: its alt text stays, with a warning."""
        parents = {child: parent for parent in root.iter() for child in parent}
        for image in [image for image in root.iter("img") if "src" not in image.attrib]:
            self.ext.state.problems.append(warning(
                self.ext.article.path, lines.line("<img"),
                "image without 'src' (lazy-loading markup such as data-src is not read): "
                "only its alt text is shown",
                "Give the image its file, e.g. ![A photo](images/photo.jpg)"))
            parent, alt = parents[image], image.get("alt", "").strip()
            if parent.tag in PHRASING_PARENTS or not alt:
                _swap(parent, image, None, alt)
            else:  # raw HTML put it straight into a block: the words become a paragraph
                paragraph = etree.Element("p")
                paragraph.text = alt
                _swap(parent, image, paragraph, None)


class RemoteImageTreeprocessor(Treeprocessor):
    """`<img src="https://...">` -> its alt text, linked to the image, in a figure when the
    image stood alone in its paragraph."""

    def __init__(self, md: Markdown, ext: ImagesExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        lines = Occurrences(self.ext.article.lines)
        parents = {child: parent for parent in root.iter() for child in parent}
        for image in list(root.iter("img")):
            src = image.get("src", "")
            if not is_external(src) or unsafe_url_reason(src):
                continue  # ImageTreeprocessor reports it
            self.ext.state.problems.append(warning(
                self.ext.article.path, lines.line(src),
                f"image '{src}' is on another host, so the page shows a link to it "
                "instead (pages load nothing from elsewhere)",
                "Save the image beside the article and give its path, e.g. images/chart.png",
                kind="images on other hosts, shown as links"))
            self.replace(image, parents)

    def replace(self, image: etree.Element, parents: dict) -> None:
        parent = parents[image]
        words = image.get("alt") or image.get("title") or _shown(image.get("src", ""))
        if parent.tag == "a":  # the image was a link already: its words stay in that link
            _swap(parent, image, None, words)
            return
        link = etree.Element("a", {"href": image.get("src", "")})
        link.text = words
        link.tail = f" ({self.ext.getConfig('not_loaded')})"
        alone = parent.tag == "p" and len(parent) == 1 and not (parent.text or "").strip() \
            and not (image.tail or "").strip()
        caption = etree.Element("figcaption")
        caption.append(link)
        if alone:
            parent.tag = "figure"
            parent.set("class", "image-elsewhere")
            _swap(parent, image, caption, None)
        elif parent.tag not in PHRASING_PARENTS:  # raw HTML put it straight into a block
            figure = etree.Element("figure", {"class": "image-elsewhere"})
            figure.append(caption)
            _swap(parent, image, figure, None)
        else:
            holder = etree.Element("span", {"class": "image-elsewhere"})
            holder.append(link)
            _swap(parent, image, holder, None)


def _swap(parent: etree.Element, old: etree.Element, new: etree.Element | None,
          text: str | None) -> None:
    """Put `new` (or `text`) where `old` stood, keeping the text after it."""
    index = list(parent).index(old)
    tail = old.tail or ""
    parent.remove(old)
    if new is not None:
        new.tail = tail
        parent.insert(index, new)
        return
    text = (text or "") + tail
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        parent[index - 1].tail = (parent[index - 1].tail or "") + text


def _shown(src: str) -> str:
    return src if len(src) <= 60 else src[:57] + "..."
