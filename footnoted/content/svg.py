"""SVG images made inert at build time: what the site copies is the sanitised file.

An SVG is a document: opened on its own it runs its scripts, and any SVG can load fonts,
styles and images from other hosts. The file is read by expat (the standard library's XML
parser, with entity declarations refused, so no "billion laughs" and no external entities)
into a tree, and only drawing is kept: an allowlist of SVG elements, their attributes without
event handlers, references only within the file (`href="#id"`) or to embedded raster data.
What is removed is reported in one warning (a style sheet's `@import` and `@font-face` rules
too: the web fonts a drawing tool pastes in, which an image never loads); what cannot
be made safe by removing a part (CSS that loads from elsewhere, a file that is not well-formed
SVG) refuses the image with its line and the reason.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from xml.parsers import expat

from .budget import MAX_FILE_BYTES, MAX_NESTING

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ELEMENTS = frozenset((
    "a", "circle", "clipPath", "defs", "desc", "ellipse", "feBlend", "feColorMatrix",
    "feComponentTransfer", "feComposite", "feConvolveMatrix", "feDiffuseLighting",
    "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA", "feFuncB",
    "feFuncG", "feFuncR", "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology",
    "feOffset", "fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
    "filter", "g", "image", "line", "linearGradient", "marker", "mask", "path", "pattern",
    "polygon", "polyline", "radialGradient", "rect", "stop", "style", "svg", "switch",
    "symbol", "text", "textPath", "title", "tspan", "use", "view",
))
# Editors' bookkeeping, dropped without a word: it draws nothing and runs nothing.
QUIET = frozenset(("metadata",))
PREFIXED_ATTRIBUTES = frozenset(("xlink:href", "xml:space", "xml:lang"))
NAMESPACES = {"xmlns": SVG_NS, "xmlns:xlink": XLINK_NS}
LINK_ATTRIBUTES = ("href", "xlink:href")
_INTERNAL = re.compile(r"#|data:image/(?:png|jpeg|gif|webp)[;,]", re.I)
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.I | re.S)
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.S)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_IMPORT = re.compile(r"@import\b[^;{}]*;?", re.I)  # as written; escaped ones are refused
# A web font's rule, as written and without nested blocks; what is left is checked after.
_CSS_FONT_FACE = re.compile(r"@font-face\s*\{[^{}]*\}", re.I)
_CSS_LOADERS = ("@import", "image-set(", "-webkit-image-set(", "expression(", "javascript:",
                "-moz-binding", "behavior:")


@dataclass
class CleanSvg:
    data: bytes | None  # the sanitised file; None when it was refused
    refusal: tuple[int, str] | None = None  # (line, why it cannot be made safe)
    removed: list[tuple[int, str]] = field(default_factory=list)  # (line, what), in order


class Refused(Exception):
    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line, self.reason = line, reason


def clean_svg(data: bytes) -> CleanSvg:
    removed: list[tuple[int, str]] = []
    if len(data) > MAX_FILE_BYTES:
        return CleanSvg(None, (0, f"it is larger than {MAX_FILE_BYTES // 2**20} MB"), removed)
    try:
        root = _parse(data)
        if root.tag != "svg":
            raise Refused(1, f"its root element is <{root.tag}>, not <svg>")
        _clean(root, removed)
    except Refused as refusal:
        return CleanSvg(None, (refusal.line, refusal.reason), removed)
    root.set("xmlns", SVG_NS)
    for element in root.iter():
        element.attrib.pop("line", None)
    return CleanSvg(etree.tostring(root, encoding="utf-8", xml_declaration=True), None, removed)


def _parse(data: bytes) -> etree.Element:
    """The document as a tree, each element's line in its `line` attribute (removed later)."""
    parser = expat.ParserCreate()
    parser.ordered_attributes = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[etree.Element] = []
    found: list[etree.Element] = []

    def start(name: str, attributes: list[str]) -> None:
        if len(stack) >= MAX_NESTING:  # _clean and tostring recurse once per level
            raise Refused(parser.CurrentLineNumber, f"its elements are nested more than "
                          f"{MAX_NESTING} levels deep")
        pairs = dict(zip(attributes[::2], attributes[1::2], strict=True))
        element = etree.Element(name, {**pairs, "line": str(parser.CurrentLineNumber)})
        (stack[-1].append(element) if stack else found.append(element))
        stack.append(element)

    def text(data: str) -> None:
        if not stack:
            return
        parent = stack[-1]
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + data
        else:
            parent.text = (parent.text or "") + data

    def entity(*_args) -> None:
        raise Refused(parser.CurrentLineNumber, "it declares an XML entity (<!ENTITY>), which "
                      "can expand without bound or read other files")

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda name: stack.pop()
    parser.CharacterDataHandler = text
    parser.EntityDeclHandler = entity
    parser.ExternalEntityRefHandler = lambda *args: entity()
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise Refused(exc.lineno, f"it is not well-formed XML ({expat.errors.messages[exc.code]})"
                      ) from exc
    if not found:
        raise Refused(1, "it holds no element")
    return found[0]


def _clean(element: etree.Element, removed: list[tuple[int, str]]) -> None:
    line = int(element.get("line", "0"))
    for name in list(element.attrib):
        why = _attribute_problem(element, name, line)
        if why is not None:
            del element.attrib[name]
            if why:
                removed.append((line, why))
    if element.tag == "style":
        element.text = _without_web_fonts(element.text or "", line, removed)
        _check_css(element.text, line)
    for child in list(element):
        if child.tag in ELEMENTS:
            _clean(child, removed)
            if child.tag != "style" or (child.text or "").strip():
                continue  # a style sheet left empty goes
        elif child.tag not in QUIET and ":" not in child.tag:
            removed.append((int(child.get("line", "0")), f"<{child.tag}>"))
        _remove(element, child)


def _attribute_problem(element: etree.Element, name: str, line: int) -> str | None:
    """'' to drop the attribute quietly, a description to drop it and say so, None to keep."""
    value = element.get(name, "")
    if name == "line":
        return None
    if name.lower().startswith("on"):
        return f"the event handler {name}"
    if name in NAMESPACES:
        return None if value == NAMESPACES[name] else f"the namespace {name}=\"{value}\""
    if ":" in name and name not in PREFIXED_ATTRIBUTES:
        return ""
    if name in LINK_ATTRIBUTES and not _INTERNAL.match(value.strip()):
        return f"the reference {name}=\"{_shown(value)}\" to another file"
    if name == "style" or "url(" in value.lower():
        _check_css(value, line)
    return None


def _without_web_fonts(css: str, line: int, removed: list[tuple[int, str]]) -> str:
    """A style sheet's `@import` and `@font-face` rules (web fonts, mostly) removed: an SVG
    shown as an image could not load them anyway, and its text falls back to a local font."""
    for rule in _CSS_IMPORT.findall(css):
        removed.append((line, f"the CSS {_shown(' '.join(rule.split()))}"))
    if _CSS_FONT_FACE.search(css):
        removed.append((line, "the CSS @font-face rules (web fonts)"))
    return _CSS_FONT_FACE.sub("", _CSS_IMPORT.sub("", css))


def _check_css(css: str, line: int) -> None:
    """CSS may refer to parts of the file (`url(#grad)`) and embedded images, nothing else."""
    plain = _CSS_COMMENT.sub("", _CSS_ESCAPE.sub(_unescape, css)).lower()
    for loader in _CSS_LOADERS:
        if loader in plain.replace(" ", ""):
            raise Refused(line, f"its CSS uses {loader.rstrip('(:')}, which loads or runs "
                          "something from elsewhere")
    for match in _CSS_URL.finditer(plain):
        if not _INTERNAL.match(match.group(2).strip()):
            raise Refused(line, f"its CSS loads url({_shown(match.group(2))}), another file")


def _unescape(match: re.Match) -> str:
    if match.group(1):
        code = int(match.group(1), 16)
        return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
    return match.group(2)


def _remove(parent: etree.Element, child: etree.Element) -> None:
    """Remove `child` and what it holds; the text after it stays."""
    index = list(parent).index(child)
    if child.tail:
        if index == 0:
            parent.text = (parent.text or "") + child.tail
        else:
            parent[index - 1].tail = (parent[index - 1].tail or "") + child.tail
    parent.remove(child)


def _shown(value: str) -> str:
    return value if len(value) <= 40 else value[:37] + "..."
