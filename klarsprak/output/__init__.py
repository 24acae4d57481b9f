"""Everything klarsprak shows: the ``--format`` outputs (text, JSON, SARIF, GitHub), rule pages
(``explain``) and the målform report (``report``, ``report_html``).

The formats are registered by name in :mod:`klarsprak.output.formats`.

A formatter takes the run (checked files and per-file errors) and returns the text to print.
"""
