"""What goes wrong for a user: the exception with its one-line message (exit code 2), and the
record of a file that could not be checked."""

from __future__ import annotations

from dataclasses import dataclass


class KlarsprakError(Exception):
    """A user-facing error (bad input, config or rule file); printed as one line, exit code 2.

    Messages are Norwegian and, where a file is to blame, start with ``path:line:``.
    """

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.detail = message = _one_line(message)
        prefix = ""
        if path is not None:
            prefix = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(prefix + message)


def _one_line(message: str) -> str:
    """Line breaks quoted from the input (a front-matter value over two lines) become spaces."""
    if not any(char in message for char in "\r\n\u2028\u2029\x85\v\f"):
        return message
    return " ".join(part.strip() for part in message.splitlines() if part.strip())


@dataclass(frozen=True)
class FileError:
    """A file that could not be checked (unreadable, not text, bad front matter …)."""

    path: str
    message: str  # one Norwegian line, starting with the path
