"""Check kinds: one module each, like Vale's. A rule's YAML names its ``kind``.

A check sees either one prose segment at a time (``level = "segment"``: its findings depend only on
the segment's text, scope and the post's målform, so the engine may cache them by content) or the
whole post (``level = "document"``: metrics over the post, front matter, cross-paragraph logic).
"""
