"""SVG images: sanitised at build time; what cannot be made safe is refused with its line."""

from __future__ import annotations

import xml.etree.ElementTree as etree

import pytest

from footnoted.content.svg import clean_svg

from .hostile import active_content

HEAD = "---\ntitle: T\ndate: 2024-05-01\n---\n"
SVG = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
DIAGRAM = f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg {SVG} viewBox="0 0 120 60" width="120" height="60">
  <title>Two boxes</title>
  <defs>
    <linearGradient id="fade"><stop offset="0" stop-color="#369"/><stop offset="1"
      stop-color="#fff"/></linearGradient>
    <marker id="arrow" markerWidth="6" markerHeight="6" refX="3" refY="3" orient="auto">
      <path d="M0,0 L6,3 L0,6 z"/></marker>
    <style>.label {{ font: 10px sans-serif; fill: url(#fade) }}</style>
  </defs>
  <rect x="5" y="5" width="40" height="30" fill="url(#fade)" stroke="#000"/>
  <use xlink:href="#box" href="#box" x="60"/>
  <line x1="45" y1="20" x2="65" y2="20" stroke="#000" marker-end="url(#arrow)"/>
  <text x="10" y="50" class="label">A &amp; B</text>
  <image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
</svg>
"""

# (what it tries, the SVG, what must be reported: removed parts or the refusal)
HOSTILE = [
    ("script", f"<svg {SVG}><script>alert(1)</script><rect/></svg>", ["<script>"]),
    ("onload", f'<svg {SVG} onload="alert(1)"><rect/></svg>', ["the event handler onload"]),
    ("onclick upper case", f'<svg {SVG}><rect ONCLICK="alert(1)"/></svg>',
     ["the event handler ONCLICK"]),
    ("javascript link", f'<svg {SVG}><a xlink:href="javascript:alert(1)"><rect/></a></svg>',
     ['the reference xlink:href="javascript:alert(1)" to another file']),
    ("foreignObject", f"<svg {SVG}><foreignObject><body xmlns='http://www.w3.org/1999/xhtml'>"
                      "<script>alert(1)</script></body></foreignObject></svg>",
     ["<foreignObject>"]),
    ("external use", f'<svg {SVG}><use href="https://evil.example/s.svg#x"/></svg>',
     ['the reference href="https://evil.example/s.svg#x" to another file']),
    ("external image", f'<svg {SVG}><image xlink:href="//evil.example/x.png"/></svg>',
     ['the reference xlink:href="//evil.example/x.png" to another file']),
    ("animation sets a link", f'<svg {SVG}><a><set attributeName="href" '
                              'to="javascript:alert(1)"/><rect/></a></svg>', ["<set>"]),
    ("html namespace", f'<svg {SVG}><g xmlns="http://www.w3.org/1999/xhtml"/></svg>',
     ['the namespace xmlns="http://www.w3.org/1999/xhtml"']),
    ("css url", f"<svg {SVG}>\n<style>rect {{ fill: url(https://evil.example/x) }}</style></svg>",
     (2, "its CSS loads url(https://evil.example/x), another file")),
    ("css url escaped", f'<svg {SVG}><rect style="fill: \\75 rl(//evil.example/x)"/></svg>',
     (1, "its CSS loads url(//evil.example/x), another file")),
    ("css url in attribute", f'<svg {SVG}><rect fill="url(https://evil.example/#g)"/></svg>',
     (1, "its CSS loads url(https://evil.example/#g), another file")),
    ("css import", f'<svg {SVG}><style>@import "https://evil.example/x.css";</style></svg>',
     ['the CSS @import "https://evil.example/x.css";']),
    ("css web font", f"<svg {SVG}><style>@font-face {{\n  font-family: 'Roboto';\n"
                     "  src: url(https://evil.example/r.woff2) format('woff2');\n}\n"
                     "</style><text>A</text></svg>",
     ["the CSS @font-face rules (web fonts)"]),
    ("css web font escaped", f"<svg {SVG}><style>@font-fac\\65 {{ src: url(//evil.example/f) "
                             "}}</style></svg>",
     (1, "its CSS loads url(//evil.example/f), another file")),
    ("css import escaped", f'<svg {SVG}><style>@\\69mport "//evil.example/x.css";</style></svg>',
     (1, "its CSS uses @import, which loads or runs something from elsewhere")),
    ("entity expansion", '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">'
                         '<!ENTITY b "&a;&a;&a;&a;">]><svg><text>&b;</text></svg>',
     (1, "it declares an XML entity (<!ENTITY>), which can expand without bound or read "
         "other files")),
    ("external entity", '<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY x SYSTEM '
                        '"file:///etc/passwd">]><svg><text>&x;</text></svg>',
     (3, "it declares an XML entity (<!ENTITY>), which can expand without bound or read "
         "other files")),
    ("not well-formed", "<svg>\n<rect>\n</svg>", (3, "it is not well-formed XML (mismatched tag)")),
    ("not an svg", "<html><body/></html>", (1, "its root element is <html>, not <svg>")),
]


@pytest.mark.parametrize("svg, expected", [case[1:] for case in HOSTILE],
                         ids=[case[0] for case in HOSTILE])
def test_a_hostile_svg_comes_out_inert_or_is_refused(svg, expected):
    clean = clean_svg(svg.encode())
    if isinstance(expected, tuple):
        assert (clean.data, clean.refusal) == (None, expected)
        return
    assert [what for _, what in clean.removed] == expected
    assert active_content(clean.data.decode()) == ["<svg>"]  # the root itself, nothing more
    text = clean.data.decode().lower()
    assert "javascript" not in text and "evil" not in text and "script" not in text


def shape(element: etree.Element) -> list:
    """What an SVG draws: each element with its attributes and text, whitespace aside."""
    return [(e.tag, dict(e.attrib), (e.text or "").strip(), (e.tail or "").strip())
            for e in element.iter()]


def test_a_plain_diagram_draws_the_same():
    clean = clean_svg(DIAGRAM.encode())
    assert (clean.refusal, clean.removed) == (None, [])
    assert shape(etree.fromstring(clean.data)) == shape(etree.fromstring(DIAGRAM.encode()))


def test_the_sanitised_svg_is_what_the_site_serves(make_project, capsys):
    evil = f'<svg {SVG}>\n<script>alert(1)</script>\n<circle r="4" onclick="x()"/></svg>'
    project = make_project({"content/a.md": HEAD + "![A dot](img/dot.svg)\n",
                            "content/img/dot.svg": evil})
    assert project.run("build") == 0
    assert capsys.readouterr().err.splitlines()[0] == (
        "content/a.md:5: warning: removed from the SVG image content/img/dot.svg (its line 2): "
        "<script>, the event handler onclick (an image may not run code or load other files). "
        "Remove them from the file to silence this warning")
    served = (project.root / "site/img/dot.svg").read_text("utf-8")
    assert served == ("<?xml version='1.0' encoding='utf-8'?>\n"
                      f'<svg {SVG}>\n\n<circle r="4" /></svg>')
    assert '<img alt="A dot" src="../img/dot.svg">' in project.read("a/index.html")


def test_an_svg_that_cannot_be_made_safe_stops_the_build(make_project, capsys):
    project = make_project({"content/a.md": HEAD + "![x](x.svg)\n",
                            "content/x.svg": "<svg>\n<rect>\n</svg>"})
    assert project.run("build") == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "content/a.md:5: error: the SVG image content/x.svg cannot be made safe: it is not "
        "well-formed XML (mismatched tag) (its line 3). Remove that part in an editor, or "
        "export the image as PNG")
    assert not (project.root / "site").exists()


def test_a_drawing_keeps_its_styles_without_its_web_fonts():
    """A diagram tool's export pastes Google Fonts' rules into the SVG's style sheet."""
    svg = (f"<svg {SVG}><style>/* latin */\n@font-face {{\n  font-family: 'Roboto';\n"
           "  src: url(\"https://fonts.example/r.woff2\") format('woff2');\n}\n"
           "text { font-family: Roboto, sans-serif }</style><text>A</text></svg>")
    clean = clean_svg(svg.encode())
    assert (clean.refusal, clean.removed) == (None, [(1, "the CSS @font-face rules (web fonts)")])
    assert etree.fromstring(clean.data).find("{http://www.w3.org/2000/svg}style").text == (
        "/* latin */\n\ntext { font-family: Roboto, sans-serif }")
