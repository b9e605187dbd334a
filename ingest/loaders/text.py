"""Plain text: the file's own lines, decoded, nothing else changed (line numbers match the file)."""
from __future__ import annotations


def decode(data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), falling back to Windows-1252 then Latin-1."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def read(data: bytes) -> tuple[list[str], str | None]:
    return decode(data).splitlines(), None
