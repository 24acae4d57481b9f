"""The engine: configuration, rules loaded from YAML, and one post's check from text to diagnostics.

``lint.Engine(config).check(text, path)`` is the API every front door uses; ``runner`` checks files
and folders on disk for the command line; ``plans`` runs each row of an editorial plan as a post.
"""
