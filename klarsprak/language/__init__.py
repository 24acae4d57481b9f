"""Norwegian language analysis: målform, the spaCy pipelines, word lists and inflection.

``analysis.analyse_document`` is the entry point: it settles the post's målform, runs the bokmål
or nynorsk pipeline (``nlp``, ``model``) over each segment and computes the statistics.
"""
