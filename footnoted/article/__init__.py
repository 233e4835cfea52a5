"""Stage 2, compile one article: its Markdown body rendered by markdown/ and joined with its
sources, images and linked files into the `Article` every page of it is made from.

`compile.parse_and_resolve` is the whole of it for one article; resolve joins the rendered
body with the declared sources; translations groups an article's language versions.
"""
