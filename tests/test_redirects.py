"""Old addresses keep working: a redirect page at the path of every original_url."""

from __future__ import annotations

from footnoted.pages.redirects import redirect_file

HEAD = "---\ntitle: Forensic science\ndate: 2019-08-20\n"


def test_each_original_address_gets_a_static_redirect_page(make_project):
    project = make_project({
        "content/forensic.md": HEAD + "original_url: https://old.example/blog/2019/08/20/"
                                      "forensic-science/\n---\nText.\n",
        "content/same.md": HEAD.replace("Forensic science", "Same") + "original_url: "
                                        "https://old.example/same/\n---\nText.\n"})
    assert project.run("build") == 0
    assert project.read("blog/2019/08/20/forensic-science/index.html") == (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
        "<title>Forensic science</title>\n"
        '<link rel="canonical" href="../../../../../forensic/">\n'
        '<meta http-equiv="refresh" content="0; url=../../../../../forensic/">\n'
        '<meta name="robots" content="noindex">\n<link rel="icon" href="data:,">\n</head>\n<body>\n'
        '<p><a href="../../../../../forensic/">Forensic science</a></p>\n</body>\n</html>\n')
    assert "http-equiv=\"refresh\"" not in project.read("same/index.html")  # its own page stays


def test_only_paths_a_static_host_serves_as_pages_get_one():
    assert [redirect_file(url) for url in (
        "https://old.example/a/b/", "https://old.example/a/b", "https://old.example/p.html",
        "https://old.example/?p=12", "https://old.example/post.php", "https://old.example/",
        "https://old.example/../../etc/", "https://old.example/%D1%87%D1%82%D0%BE/")] == [
        "a/b/index.html", "a/b/index.html", "p.html", None, None, None, None, "что/index.html"]
