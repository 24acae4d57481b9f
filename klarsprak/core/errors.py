"""The one exception type users see: a one-line message, exit code 2."""

from __future__ import annotations


class KlarsprakError(Exception):
    """A user-facing error (bad input, config or rule file); printed as one line, exit code 2.

    Messages are Norwegian and, where a file is to blame, start with ``path:line:``.
    """

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.detail = message
        prefix = ""
        if path is not None:
            prefix = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(prefix + message)
