"""`serve` in a real browser: the open tab reloads by itself after a save, shows the problems
while the build is broken and recovers, all under the pages' Content-Security-Policy (so the
test waits with selectors: the policy forbids the eval behind wait_for_function)."""

from __future__ import annotations

from ..conftest import MINIMAL_ARTICLE
from ..test_serve import serving

WAIT_MS = 30_000  # only reached on failure


def test_the_open_tab_follows_saves_errors_and_recovery(browser, make_project):
    project = make_project({"content/tiny.md": MINIMAL_ARTICLE})
    with serving(project) as site:
        context = browser.new_context()
        page = context.new_page()
        blocked: list[str] = []
        page.on("console", lambda message: blocked.append(message.text)
                if "Content Security Policy" in message.text else None)
        page.goto(site.url + "tiny/")
        page.wait_for_selector("h1:text-is('A tiny article')")

        project.write("content/tiny.md", MINIMAL_ARTICLE.replace("A tiny article", "Retitled"))
        page.wait_for_selector("h1:text-is('Retitled')", timeout=WAIT_MS)

        project.write("content/tiny.md", MINIMAL_ARTICLE.replace("authors:", "author:"))
        page.wait_for_selector("h1:text('Build failed')", timeout=WAIT_MS)
        assert "content/tiny.md:4" in page.text_content("body")

        project.write("content/tiny.md", MINIMAL_ARTICLE)
        page.wait_for_selector("h1:text-is('A tiny article')", timeout=WAIT_MS)
        context.close()
        assert blocked == []
