"""The text model: source files in, documents out.

``sources`` reads and writes files (encoding, BOM and line endings kept), ``document`` turns a
post's text into Markdown-aware segments with exact offsets, front matter and suppressions, and
``calendar`` reads editorial plans (CSV, YAML) as rows of posts.
"""
