"""Document loaders: a file (or its bytes) in, its text as numbered lines out.

In: a path, or a name plus bytes (and optionally a media type). Out: a
:class:`~ingest.records.SourceText` whose ``sha256`` is of the original bytes and whose ``lines``
are what later stages cite as evidence.

One loader module per format, found through a small registry keyed by extension and media type;
the module is imported on first use, like rdflib's plugin registry, so reading a .txt never
imports pypdf or python-docx. Two kinds of format:

- *exact* formats (.txt, .md): ``lines`` are exactly the decoded file's ``splitlines()``, so a line
  number in the evidence is the line a user sees when opening the file. Nothing is stripped.
- *derived* formats (.html, .pdf, .docx): lines are rebuilt from the document's structure. Here
  each line has its trailing whitespace and its control characters (all but TAB, which separates
  table cells) removed, and no line holds a line break, so ``SourceText.text.splitlines()`` gives
  ``lines`` back.

Must not import spaCy, nor anything from kg/ or api/: loaders know bytes and text, nothing else.

Raises (all from :mod:`ingest.errors`): ``MissingPath``, ``UnsupportedFormat``, ``TooLarge``,
``EmptyDocument``, ``UnreadableDocument`` (chained with ``from`` to the parser's own error).
"""
from __future__ import annotations

import hashlib
import importlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from ingest.errors import (
    EmptyDocument, IngestError, MissingPath, TooLarge, UnreadableDocument, UnsupportedFormat,
)
from ingest.loaders.titles import is_placeholder
from ingest.records import SourceText

__all__ = ["MAX_BYTES", "SUPPORTED_EXTENSIONS", "iter_paths", "load_bytes", "load_path", "media_type_for"]

#: The largest file ingest reads; larger ones raise :class:`~ingest.errors.TooLarge`.
MAX_BYTES = 50 * 1024 * 1024

#: A loader: the file's bytes and its name (for messages) in, its lines and declared title out.
Reader = Callable[[bytes, str], "tuple[list[str], str | None]"]


@dataclass(frozen=True)
class _Format:
    name: str
    module: str  # imported on first use
    media_type: str  # the one a SourceText carries
    extensions: tuple[str, ...]
    also_media_types: tuple[str, ...] = ()  # other names clients send for the same format
    exact: bool = False  # lines are the file's own lines, untouched


_FORMATS: tuple[_Format, ...] = (
    _Format("text", "ingest.loaders.text", "text/plain", (".txt", ".text"), exact=True),
    _Format("markdown", "ingest.loaders.markdown", "text/markdown", (".md", ".markdown"),
            ("text/x-markdown",), exact=True),
    _Format("html", "ingest.loaders.html", "text/html", (".html", ".htm"), ("application/xhtml+xml",)),
    _Format("pdf", "ingest.loaders.pdf", "application/pdf", (".pdf",), ("application/x-pdf",)),
    _Format("docx", "ingest.loaders.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)),
)
_BY_EXTENSION: dict[str, _Format] = {ext: fmt for fmt in _FORMATS for ext in fmt.extensions}
_BY_MEDIA_TYPE: dict[str, _Format] = {
    media: fmt for fmt in _FORMATS for media in (fmt.media_type, *fmt.also_media_types)
}
_READERS: dict[str, Reader] = {}

#: File extensions ingest reads, lower case with the dot.
SUPPORTED_EXTENSIONS: tuple[str, ...] = tuple(_BY_EXTENSION)

_SUPPORTED_WORDS = ", ".join(SUPPORTED_EXTENSIONS)

# C0 and C1 control characters break quotes, XML exports and terminals; TAB is kept because
# derived lines use it between table cells.
_CONTROL = {code: None for code in (*range(0x00, 0x20), *range(0x7F, 0xA0)) if code != 0x09}


def media_type_for(name: str, media_type: str | None = None) -> str:
    """The media type ingest would read ``name`` as.

    Parameters
    ----------
    name : str
        A file name; its extension decides.
    media_type : str, optional
        Used when the extension is missing or unknown (parameters such as ``charset`` are ignored).

    Returns
    -------
    str
        The canonical media type, e.g. ``"text/markdown"``.

    Raises
    ------
    UnsupportedFormat
        When neither the extension nor the media type is one ingest reads.

    Examples
    --------
    >>> media_type_for("plan.HTM")
    'text/html'
    >>> media_type_for("upload", "application/pdf")
    'application/pdf'
    """
    return _format_for(name, media_type).media_type


def load_path(path: str | os.PathLike) -> SourceText:
    """Read one document from disk.

    Parameters
    ----------
    path : str or os.PathLike
        A file with one of :data:`SUPPORTED_EXTENSIONS` (case does not matter).

    Returns
    -------
    SourceText
        ``source`` is the file's name, ``sha256`` that of its bytes.

    Raises
    ------
    MissingPath
        When the path does not exist or is a folder (use :func:`iter_paths` for folders).
    UnsupportedFormat
        When the extension is not one ingest reads.
    TooLarge
        When the file is larger than :data:`MAX_BYTES`.
    EmptyDocument
        When the file holds no non-blank text.
    UnreadableDocument
        When the file cannot be read or parsed as its extension says.
    """
    path = Path(path)
    if not path.exists():
        raise MissingPath(f"'{path}' does not exist; check the path and that the file was not moved",
                          source=str(path))
    if path.is_dir():
        raise MissingPath(f"'{path}' is a folder; give a file here, or ingest the folder as a whole "
                          f"(its {_SUPPORTED_WORDS} files are read)", source=str(path))
    fmt = _format_for(path.name, None)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise TooLarge(_too_large_message(str(path), size), source=str(path))
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableDocument(f"'{path}' could not be opened ({error.strerror or error}); check "
                                 f"that it is readable by this user", source=str(path)) from error
    return _load(path.name, data, fmt)


def load_bytes(name: str, data: bytes, media_type: str | None = None) -> SourceText:
    """Read one document given as bytes (an upload, a draft to check).

    Parameters
    ----------
    name : str
        The file name; its extension decides the format, and its last part becomes ``source``.
    data : bytes
        The file's content.
    media_type : str, optional
        Decides the format when the extension is missing or unknown.

    Returns
    -------
    SourceText

    Raises
    ------
    UnsupportedFormat
        When neither the extension nor the media type is one ingest reads.
    TooLarge
        When ``data`` is larger than :data:`MAX_BYTES`.
    EmptyDocument
        When there is no non-blank text.
    UnreadableDocument
        When the bytes cannot be parsed as the format says.

    Examples
    --------
    >>> load_bytes("plan.txt", b"Our vision\\r\\n\\r\\nA healthier borough").lines
    ('Our vision', '', 'A healthier borough')
    """
    return _load(name, data, _format_for(name, media_type))


def iter_paths(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """The files to ingest: folders expanded, files kept as given.

    A folder is searched recursively for files with a supported extension, in sorted order,
    leaving out what is not a document of the folder:

    - hidden files and anything inside hidden folders (a name starting with ``.``);
    - files whose name starts with ``README`` in any case (a folder's own description);
    - Office lock files (a name starting with ``~$``).

    A file named explicitly is always kept, even an unsupported or README one, so that reading it
    raises a clear :class:`~ingest.errors.UnsupportedFormat` instead of it vanishing silently.

    Parameters
    ----------
    paths : iterable of str or os.PathLike
        Files and folders.

    Returns
    -------
    list of pathlib.Path
        In the order given, each folder's files sorted.

    Raises
    ------
    MissingPath
        When a path does not exist (checked for all paths before anything is read).
    """
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise MissingPath(f"'{path}' does not exist; give files or folders of {_SUPPORTED_WORDS} "
                              f"documents", source=str(path))
        if path.is_dir():
            files.extend(sorted(child for child in path.rglob("*") if _is_folder_document(path, child)))
        else:
            files.append(path)
    return files


def _is_folder_document(folder: Path, child: Path) -> bool:
    if child.suffix.lower() not in _BY_EXTENSION or not child.is_file():
        return False
    if any(part.startswith(".") for part in child.relative_to(folder).parts):
        return False
    name = child.name
    return not name.upper().startswith("README") and not name.startswith("~$")


def _format_for(name: str, media_type: str | None) -> _Format:
    extension = Path(name).suffix.lower()
    if extension in _BY_EXTENSION:
        return _BY_EXTENSION[extension]
    if media_type:
        base = media_type.split(";", 1)[0].strip().lower()
        if base in _BY_MEDIA_TYPE:
            return _BY_MEDIA_TYPE[base]
    shown = f"'{extension}'" if extension else "no extension"
    declared = f" and media type '{media_type}'" if media_type else ""
    raise UnsupportedFormat(
        f"'{name}' has {shown}{declared}, which ingest does not read; supported: {_SUPPORTED_WORDS}. "
        f"Save or export the document as one of these", source=name)


def _reader(fmt: _Format) -> Reader:
    reader = _READERS.get(fmt.name)
    if reader is None:
        reader = importlib.import_module(fmt.module).read
        _READERS[fmt.name] = reader
    return reader


def _too_large_message(name: str, size: int) -> str:
    mib = 1024 * 1024
    return (f"'{name}' is {size / mib:.1f} MiB; ingest reads files up to {MAX_BYTES // mib} MiB. "
            f"Split the document, or remove embedded images before ingesting it")


def _load(name: str, data: bytes, fmt: _Format) -> SourceText:
    if len(data) > MAX_BYTES:
        raise TooLarge(_too_large_message(name, len(data)), source=name)
    if not data.strip():
        raise EmptyDocument(f"'{name}' is empty; there is nothing to ingest", source=name)
    try:
        lines, title = _reader(fmt)(data, name)
    except IngestError:
        raise
    except Exception as error:  # the parser's own failure: the bytes are not what the name says
        raise UnreadableDocument(
            f"'{name}' could not be read as {fmt.name} ({type(error).__name__}: {error}); check that the "
            f"file opens in its usual application and is not damaged or mislabelled", source=name) from error
    if not fmt.exact:
        lines = _derived_lines(lines)
    if not any(line.strip() for line in lines):
        hint = " (a scanned PDF needs text recognition (OCR) first)" if fmt.name == "pdf" else ""
        raise EmptyDocument(f"'{name}' has no readable text{hint}", source=name)
    title = " ".join(" ".join(title.split()).translate(_CONTROL).split()) if title else None
    if is_placeholder(title):
        title = None
    return SourceText(source=Path(name).name, media_type=fmt.media_type,
                      sha256=hashlib.sha256(data).hexdigest(), lines=tuple(lines), title=title)


def _derived_lines(lines: Iterable[str]) -> list[str]:
    # Split again so that no line holds a break a later splitlines() would see; then clean.
    clean: list[str] = []
    for line in lines:
        for part in line.splitlines() or [""]:
            clean.append(part.translate(_CONTROL).rstrip())
    while clean and not clean[-1]:
        clean.pop()
    start = next((index for index, line in enumerate(clean) if line), len(clean))
    return clean[start:]
