"""The klarsprak version: part of every result cache key, SARIF tool record and report."""

__version__ = "0.1.0"
