"""Plain-text loader (.txt, .text): the file's own lines, decoded and otherwise untouched.

In: the file's bytes. Out: ``decode(data).splitlines()`` and no title. Nothing is stripped or
joined, because evidence line numbers are checked against the file's own lines.

Decoding tries, in order: UTF-8 (a byte-order mark is dropped), UTF-16 when the file starts with
its byte-order mark, then Windows-1252 with any byte it leaves undefined read as Latin-1. The
last step never fails, and it keeps byte 0x85 an ellipsis: read as Latin-1 it would be a
"next line" character that ``splitlines()`` breaks on while an editor does not.

Must not import spaCy, nor anything from kg/ or api/. Raises
:class:`~ingest.errors.UnreadableDocument` for text holding NUL characters (a binary file, or
UTF-16 without a byte-order mark).
"""
from __future__ import annotations

import codecs

from ingest.errors import UnreadableDocument


def _latin1_for_undefined(error: UnicodeError) -> tuple[str, int]:
    # Windows-1252 leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined; Latin-1 maps every byte.
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start:error.end].decode("latin-1"), error.end


codecs.register_error("strategy_kg_latin1", _latin1_for_undefined)


def decode(data: bytes) -> str:
    """The text of a plain-text file.

    Parameters
    ----------
    data : bytes
        The file's content.

    Returns
    -------
    str
        Decoded as UTF-8 (without a byte-order mark), UTF-16 (when it starts with its byte-order
        mark) or Windows-1252 with Latin-1 for the bytes Windows-1252 leaves undefined.

    Examples
    --------
    >>> decode("café".encode("utf-8-sig"))
    'café'
    >>> decode(b"caf\\xe9 \\x92quoted\\x92")
    'café ’quoted’'
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass  # a BOM-like start of a file that is not UTF-16 after all
    return data.decode("cp1252", errors="strategy_kg_latin1")


def decode_text(data: bytes, name: str) -> str:
    """:func:`decode`, refusing text that holds NUL characters.

    Raises
    ------
    UnreadableDocument
        When the decoded text contains NUL: no text file does, a binary file or UTF-16 without
        a byte-order mark does.
    """
    text = decode(data)
    if "\x00" in text:
        raise UnreadableDocument(
            f"'{name}' holds NUL characters, so it is not plain text (a binary file, or UTF-16 without a "
            f"byte-order mark); save it as UTF-8 text", source=name)
    return text


def read(data: bytes, name: str) -> tuple[list[str], str | None]:
    """The file's lines, exactly as ``decode(data).splitlines()`` gives them; plain text has no title.

    Raises
    ------
    UnreadableDocument
        When the text holds NUL characters.
    """
    return decode_text(data, name).splitlines(), None
