"""``--format json``: the stable, documented contract (``version: 1``)."""

from __future__ import annotations

import json

from klarsprak.output.run import Run

VERSION = 1


def render(run: Run) -> str:
    payload = {
        "version": VERSION,
        "files": [result.as_dict() for result in run.files],
        "errors": [{"path": error.path, "message": error.message} for error in run.errors],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)
