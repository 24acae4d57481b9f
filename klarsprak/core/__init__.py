"""Contracts every layer shares: diagnostics and fixes, errors, YAML with line numbers, shipped data.

Nothing in here imports from the rest of klarsprak, so any layer may depend on it.
"""
