"""Python-Markdown extensions, one feature each, and the converter that runs them (convert.py):
stage 2 renders an article body here, Markdown in, `RenderedBody` (markdown/refs.py) out."""
