"""`serve` in a real browser: the open tab reloads by itself after a save, through the
LiveReload protocol's WebSocket, shows the problems while the build is broken and recovers, all
under the pages' Content-Security-Policy (so the test waits with selectors: the policy forbids
the eval behind wait_for_function); a tab whose page the save did not change stays as it is."""

from __future__ import annotations

import json

from ..conftest import MINIMAL_ARTICLE
from ..test_serve import serving

WAIT_MS = 30_000  # only reached on failure
OTHER = MINIMAL_ARTICLE.replace("A tiny article", "Another")


def test_the_open_tab_follows_saves_errors_and_recovery(browser, make_project):
    project = make_project({"content/tiny.md": MINIMAL_ARTICLE, "content/other.md": OTHER})
    with serving(project) as site:
        context = browser.new_context()
        page, other = context.new_page(), context.new_page()
        console: list[str] = []
        sockets: list[str] = []  # the WebSockets the pages opened
        reloads: list[str] = []  # the LiveReload commands they received
        for tab in (page, other):
            tab.on("console", lambda message: console.append(message.text))
            tab.on("websocket", lambda socket: opened(socket, sockets, reloads))
        other_loads: list[str] = []
        other.on("load", lambda loaded: other_loads.append(loaded.url))
        other.goto(site.url + "other/")
        page.goto(site.url + "tiny/")
        page.wait_for_selector("h1:text-is('A tiny article')")
        other.wait_for_selector("h1:text-is('Another')")
        for _ in range(WAIT_MS // 50):  # each page's livereload.js connected
            if len(sockets) == 2:
                break
            page.wait_for_timeout(50)

        project.write("content/tiny.md", MINIMAL_ARTICLE + "\nSaved once.\n")
        page.wait_for_selector("p:text-is('Saved once.')", timeout=WAIT_MS)
        project.write("content/other.md", OTHER + "\nSaved too.\n")
        other.wait_for_selector("p:text-is('Saved too.')", timeout=WAIT_MS)
        assert other_loads == [site.url + "other/"] * 2  # not reloaded for tiny's save

        project.write("content/tiny.md", MINIMAL_ARTICLE.replace("authors:", "author:"))
        page.wait_for_selector("h1:text('Build failed')", timeout=WAIT_MS)
        other.wait_for_selector("h1:text('Build failed')", timeout=WAIT_MS)
        assert "content/tiny.md:4" in page.text_content("body")

        project.write("content/tiny.md", MINIMAL_ARTICLE)
        page.wait_for_selector("h1:text-is('A tiny article')", timeout=WAIT_MS)
        other.wait_for_selector("h1:text-is('Another')", timeout=WAIT_MS)
        context.close()
        assert [text for text in console if "Content Security Policy" in text] == []
        assert set(sockets) == {site.url.replace("http", "ws") + "livereload"}
        assert len(sockets) == 8  # each page's four loads: the first, two builds, recovery
        assert reloads[:2] == ["/tiny/", "/other/"]  # each save, its own page's tab
        assert sorted(reloads[2:]) == ["/other/", "/other/", "/tiny/", "/tiny/"]  # all tabs


def opened(socket, sockets: list[str], reloads: list[str]) -> None:
    sockets.append(socket.url)
    socket.on("framereceived", lambda payload: reloads.append(json.loads(payload)["path"])
              if '"reload"' in payload else None)
