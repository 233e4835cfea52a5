"""Images in the text: each must be a file beside the article; handed back as data.

    ![A recruitment point](images/recruitment.jpg)

The path is checked here, where its line is known; whether the file exists is checked by
the build, which also copies it (footnoted/images.py). An image that fails the check loses
its `src`, so nothing unsafe reaches the page even in a report-only run.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..images import ImageRef, image_path_problem
from ..problems import Problem, error
from .refs import LineFinder, Occurrences


@dataclass
class ImagesState:
    images: list[ImageRef] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class ImagesExtension(Extension):
    def __init__(self, **kwargs) -> None:
        self.config = {
            "path": ["", "The article's file, for problem reports"],
            "lines": [LineFinder("", 1), "Finds file lines of Markdown text, for reports"],
        }
        super().__init__(**kwargs)
        self.state = ImagesState()

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # 14: after 'inline' (20), when every image exists, and while the notes are still in
        # the tree (they leave at -10), so images inside notes are checked too.
        md.treeprocessors.register(ImageTreeprocessor(md, self), "footnoted_images", 14)

    def reset(self) -> None:
        self.state = ImagesState()


class ImageTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, ext: ImagesExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        lines = Occurrences(self.ext.getConfig("lines"))
        for image in root.iter("img"):
            src = image.get("src", "")
            line = lines.line(src or "![")
            found = image_path_problem(src)
            if found is None:
                self.ext.state.images.append(ImageRef(src, line))
                continue
            del image.attrib["src"]
            self.ext.state.problems.append(
                error(self.ext.getConfig("path"), line, f"image {found[0]}", found[1]))
