"""Reading posts from disk and writing them back without losing a byte the user did not ask to change.

The decoded text keeps its line endings as they are (CRLF stays CRLF), and the encoding and BOM are
remembered, so ``--fix`` can write the file back byte for byte except for the fixed words.
"""

from __future__ import annotations

import codecs
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from klarsprak.core.errors import KlarsprakError

MAX_BYTES = 50 * 1024 * 1024
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True)
class SourceFile:
    path: str
    text: str
    encoding: str = "utf-8"
    bom: bytes = b""

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)


def decode(data: bytes, path: str) -> SourceFile:
    """Bytes → text; anything that is not text is a clear error, not a guess."""
    bom, encoding = b"", "utf-8"
    for candidate, name in _BOMS:
        if data.startswith(candidate):
            bom, encoding = candidate, name
            break
    body = data[len(bom):]
    if encoding == "utf-8" and b"\x00" in body[:8192]:
        raise KlarsprakError("binærfil, ikke tekst – hoppet over", path)
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as error:
        line = body[: error.start].count(b"\n") + 1
        raise KlarsprakError(f"ikke gyldig UTF-8 (byte 0x{body[error.start]:02x}); lagre fila som UTF-8", path, line) from None
    return SourceFile(path, text, encoding, bom)


def read_source(path: Path) -> SourceFile:
    try:
        if path.is_dir():
            raise KlarsprakError("er en mappe", str(path))
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise KlarsprakError(f"fila er for stor ({size // (1024 * 1024)} MB; grensen er {MAX_BYTES // (1024 * 1024)} MB)", str(path))
        data = path.read_bytes()
    except FileNotFoundError:
        raise KlarsprakError("fant ikke fila", str(path)) from None
    except PermissionError:
        raise KlarsprakError("mangler tilgang til fila", str(path)) from None
    except OSError as error:
        raise KlarsprakError(f"kan ikke lese fila ({error.strerror})", str(path)) from None
    return decode(data, str(path))


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename: never a half-written post."""
    folder = path.parent
    mode = path.stat().st_mode & 0o7777 if path.exists() else None
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".klarsprak", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
