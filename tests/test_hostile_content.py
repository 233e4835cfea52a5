"""The attack corpus: hostile Markdown and front matter, each refused or made harmless.

Every case names what it tries and what must happen: the build refuses it with a message
(the fragment given), or builds a site in which no page holds anything executable. Refused
cases are also rendered on their own, to show the Markdown stage neutralises them even in
a report-only run.
"""

from __future__ import annotations

import pytest

from footnoted.markdown.convert import render_markdown

from .hostile import active_content, added_active_content, harmless_site

JAVASCRIPT = "uses the 'javascript:' scheme, which is not allowed"

# (what it tries, Markdown body, fragment of the refusal or None when it must build harmlessly)
BODY_ATTACKS = [
    ('js link', '[x](javascript:alert(1))',
     JAVASCRIPT),
    ('js link mixed case', '[x](JaVaScRiPt:alert(1))',
     JAVASCRIPT),
    ('js link decimal entity', '[x](&#106;avascript:alert(1))',
     JAVASCRIPT),
    ('js link hex entity', '[x](&#x6A;avascript:alert(1))',
     JAVASCRIPT),
    ('js link named entity colon', '[x](javascript&colon;alert(1))',
     JAVASCRIPT),
    ('js link tab entity', '[x](java&#x09;script:alert(1))',
     JAVASCRIPT),
    ('js link newline entity', '[x](java&#10;script:alert(1))',
     JAVASCRIPT),
    ('js link tab', '[x](<java\tscript:alert(1)>)',
     JAVASCRIPT),
    ('js link leading space', '[x](< javascript:alert(1)>)',
     JAVASCRIPT),
    ('js link control char', '[x](\x01javascript:alert(1))',
     JAVASCRIPT),
    ('js link percent', '[x](%6Aavascript:alert(1))',
     JAVASCRIPT),
    ('js link double entity', '[x](&amp;#106;avascript:alert(1))',
     JAVASCRIPT),
    ('vbscript link', '[x](vbscript:msgbox(1))',
     "uses the 'vbscript:' scheme, which is not allowed"),
    ('data link', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
     "uses the 'data:' scheme, which is not allowed"),
    ('data link upper', '[x](DATA:text/html,<script>alert(1)</script>)',
     "uses the 'data:' scheme, which is not allowed"),
    ('js reference definition', '[x][ref]\n\n[ref]: javascript:alert(1)',
     JAVASCRIPT),
    ('js reference definition angle', '[x][ref]\n\n[ref]: <javascript:alert(1)>',
     JAVASCRIPT),
    ('js link in note', 'Text.[^n]\n\n[^n]: See [x](javascript:alert(1)).',
     JAVASCRIPT),
    ('js link in table', '| a |\n|---|\n| [x](javascript:alert(1)) |',
     JAVASCRIPT),
    ('js link in emphasis', '*[x](javascript:alert(1))*',
     JAVASCRIPT),
    ('js autolink', '<javascript:alert(1)>',
     None),
    ('js image', '![x](javascript:alert(1))',
     'image must be a file of this site'),
    ('data svg image', '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
     'image must be a file of this site'),
    ('script block', '<script>alert(1)</script>',
     None),
    ('script inline', 'Text <script>alert(1)</script> more.',
     None),
    ('img onerror', 'Text <img src=x onerror=alert(1)>.',
     "image must be an image file"),
    ('img onerror remote', 'Text <img src=https://a.example/x.png onerror=alert(1)>.',
     None),
    ('svg onload', '<svg onload=alert(1)>',
     None),
    ('iframe', '<iframe src="javascript:alert(1)"></iframe>',
     None),
    ('raw anchor', '<a href="javascript:alert(1)">x</a>',
     None),
    ('style block', '<style>body{background:url(javascript:alert(1))}</style>',
     None),
    ('html comment', '<!-- <script>alert(1)</script> -->',
     None),
    ('cdata', '<![CDATA[<script>alert(1)</script>]]>',
     None),
    ('title attribute breakout', '[x](https://a.example/ "t\\" onmouseover=\\"alert(1)")',
     None),
    ('href attribute breakout', '[x](https://a.example/"onmouseover="alert(1))',
     None),
    ('autolink attribute breakout', '<https://a.example/"onmouseover="alert(1)>',
     None),
    ('code block', '    <script>alert(1)</script>',
     None),
    ('fenced code language', '```x"onmouseover="alert(1)\n<script>\n```',
     None),
    ('glossary definition', 'HTML here.\n\n*[HTML]: "><script>alert(1)</script>',
     None),
    ('note label', 'Text.[^"><script>]\n\n[^"><script>]: Note.',
     None),
    ('citation key', '[@{"onmouseover=alert(1)}]',
     'unknown citation key'),
    ('not a citation key', '[@"onmouseover=alert(1)]',
     None),
    ('mail autolink', '<a@b.example>',
     None),
    ('object embed', '<object data="x"></object><embed src="x">',
     None),
    ('meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
     None),
    ('base tag', '<base href="javascript:alert(1)//">',
     None),
    ('form', '<form action="javascript:alert(1)"><button>x</button></form>',
     None),
    ('math ml', '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">'
                'x</maction></math>',
     None),
    ('source key breakout', '[@"><b>x]', None),
    ('glossary term breakout', '"><b>x here.\n\n*["><b>x]: y', None),
    ('link text breakout', '[<script>alert(1)</script>](https://a.example/)', None),
    # Raw HTML: sanitised by nh3, so each of these builds a page with nothing active.
    ('raw anchor tab entity', '<a href="java&#x09;script:alert(1)">x</a>', None),
    ('raw anchor data', '<a href="data:text/html,<script>alert(1)</script>">x</a>', None),
    ('raw anchor ping', '<a href="https://a.example/" ping="https://evil.example/">x</a>', None),
    ('style attribute url', '<div style="background:url(https://evil.example/x)">x</div>', None),
    ('details ontoggle', '<details open ontoggle=alert(1)><summary>s</summary>x</details>',
     None),
    ('iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>', None),
    ('object javascript', '<object data="javascript:alert(1)"></object>', None),
    ('video poster', '<video poster="https://evil.example/p.png" src="v.mp4"></video>', None),
    ('remote raw image', '<img src="https://evil.example/x.png" alt="x">', None),
    ('protocol relative image', '![x](//evil.example/x.png)', None),
    ('srcset', '<img src="https://a.example/a.png" srcset="https://evil.example/x.png 2x">',
     None),
    ('table background', '<table background="https://evil.example/x.png"><tr><td>x</td></tr>'
                         '</table>', None),
    ('input autofocus', '<input autofocus onfocus=alert(1)>', None),
    ('link stylesheet', '<link rel="stylesheet" href="https://evil.example/x.css">', None),
    # These two do make an image (its src 'x' is then refused), as a browser would.
    ('noscript mutation', '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
     "image must be an image file"),
    ('svg style mutation', '<svg><style><img src=x onerror=alert(1)></style></svg>',
     "image must be an image file"),
    ('math form mutation', '<form><math><mtext></form><form><mglyph><style></math>'
                           '<img src onerror=alert(1)>', None),
    ('split script', '<scr<script>ipt>alert(1)</script>', None),
    ('comment breakout', '<!--><script>alert(1)</script>-->', None),
    ('unclosed script', 'Text.\n\n<script>\nalert(1)\n\n[x](https://a.example/)', None),
    ('attribute breakout', '<abbr title="&quot; onmouseover=alert(1) x=&quot;">a</abbr>',
     None),
    ('marker forgery', '<footnoted-keep data-i="0"></footnoted-keep>', None),
    ('inline svg onload', 'Text <svg onload=alert(1)><circle r="1"/></svg>.', None),
    ('raw heading', '<h2 onclick="alert(1)">Title</h2>', None),
    ('embed javascript', '<embed src="javascript:alert(1)">', None),
]

# (what it tries, front matter lines, fragment of the refusal or None)
FRONT_MATTER_ATTACKS = [
    ('title script', 'title: "</script><script>alert(1)</script>"',
     None),
    ('dek breakout', 'dek: \'"><img src=x onerror=alert(1)>\'',
     None),
    ('author url js', "authors:\n  - name: A\n    url: ' javascript:alert(1)'",
     "'url' uses the 'javascript:' scheme"),
    ('related url vbscript', 'related:\n  - title: R\n    url: VBScript:msgbox(1)',
     "'url' uses the 'vbscript:' scheme"),
    ('source url entity', "sources:\n  k:\n    url: '&#106;avascript:alert(1)'",
     "'url' uses the 'javascript:' scheme"),
    ('archived data',
     "sources:\n  k:\n    url: https://a.example/\n    archived: 'data:text/html,x'",
     "'archived' uses the 'data:' scheme"),
    ('original_url js', "original_url: 'java\tscript:alert(1)'",
     "'original_url' uses the 'javascript:' scheme"),
    ('publication url js', 'publication:\n  name: P\n  url: javascript:alert(1)',
     "'url' uses the 'javascript:' scheme"),
    ('image caption html', "image:\n  caption: '<script>alert(1)</script>'",
     None),
    ('tag breakout', 'tags: [\'"><script>alert(1)</script>\']',
     None),
    ('extra html', "extra:\n  x: '<script>alert(1)</script>'",
     None),
]


@pytest.mark.parametrize("body, refusal", [case[1:] for case in BODY_ATTACKS],
                         ids=[case[0] for case in BODY_ATTACKS])
def test_hostile_markdown_is_refused_or_harmless(make_project, capsys, harmless, body, refusal):
    sources = "sources:\n  '\"><b>x':\n    url: https://a.example/\n" if "@" in body else ""
    project = make_project({"content/a.md": f"---\ntitle: T\ndate: 2024-05-01\n{sources}---\n"
                                            f"{body}\n"})
    assert_refused_or_harmless(project, capsys, harmless, refusal)


@pytest.mark.parametrize("front, refusal", [case[1:] for case in FRONT_MATTER_ATTACKS],
                         ids=[case[0] for case in FRONT_MATTER_ATTACKS])
def test_hostile_front_matter_is_refused_or_harmless(make_project, capsys, harmless, front,
                                                     refusal):
    title = "" if front.startswith("title:") else "title: T\n"
    body = "Text [@k].\n" if "sources:" in front else "Text.\n"
    project = make_project({"content/a.md": f"---\n{title}date: 2024-05-01\n{front}\n---\n"
                                            f"{body}"})
    assert_refused_or_harmless(project, capsys, harmless, refusal)


@pytest.mark.parametrize("body, refusal", [case[1:] for case in BODY_ATTACKS if case[2]],
                         ids=[case[0] for case in BODY_ATTACKS if case[2]])
def test_refused_markdown_is_neutralised_even_when_only_checked(body, refusal):
    rendered = render_markdown(body, {}, "a", "content/a.md", 5)
    notes = "".join(note.html for note in rendered.notes)
    assert active_content(rendered.html + notes) == []
    assert any(refusal in problem.message for problem in rendered.problems)


@pytest.fixture(scope="module")
def harmless(tmp_path_factory):
    return harmless_site(tmp_path_factory.mktemp("harmless"))


def assert_refused_or_harmless(project, capsys, harmless, refusal: str | None) -> None:
    code = project.run("build")
    err = capsys.readouterr().err
    if refusal is not None:
        assert code == 1
        assert refusal in err
        assert not (project.root / "site").exists()
        return
    assert code == 0, err
    assert (project.root / "site/a/index.html").is_file()
    assert added_active_content(project.root / "site", harmless) == {}


def test_the_scanner_finds_what_the_corpus_must_not_produce():
    page = ('<p><a href="JaVa&#x09;script:x">a</a><img src=x onerror=y><svg></svg>'
            '<iframe></iframe><a href="data:text/html,x">b</a><a href="#ok">c</a></p>')
    assert active_content(page) == ["a href='JaVa\\tscript:x'", "img onerror=", "<svg>",
                                    "<iframe>", "a href='data:text/html,x'"]


def test_every_page_carries_a_strict_content_security_policy(make_project):
    project = make_project({"content/a.md": "---\ntitle: T\ndate: 2024-05-01\n---\nText.\n"})
    assert project.run("build") == 0
    for page in sorted((project.root / "site").rglob("*.html")):
        html = page.read_text("utf-8")
        start = html.index('<meta http-equiv="Content-Security-Policy" content="')
        policy = html[start:html.index('">', start)]
        assert "default-src 'none'" in policy, page.name
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy, page.name


def test_a_bibliography_url_is_checked_like_any_link(make_project, capsys):
    items = ('[{"id": "evil", "type": "webpage", "title": "Evil",\n'
             '  "URL": "JaVaScRiPt:alert(document.cookie)"}]\n')
    article = "---\ntitle: T\ndate: 2024-05-01\n---\nText [@evil].\n"
    project = make_project({"content/a.md": article, "content/sources.json": items})
    assert project.run("build") == 1
    assert capsys.readouterr().err.splitlines()[:2] == [
        "content/a.md:5: error: unknown citation key '@evil'. Declare it under 'sources:' in the "
        "front matter or in content/sources.yaml, or correct the spelling",
        "content/sources.json:1: error: entry 'evil': URL uses the 'javascript:' scheme, which "
        "is not allowed. Give the real http(s) address, or leave the key out if it is unknown"]
    assert not (project.root / "site").exists()
