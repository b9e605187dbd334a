"""Loaders: a file's bytes in, its text as numbered lines (:class:`~ingest.records.SourceText`) out.

One loader per format, found through a registry keyed by extension and media type; each format's
module is imported on first use (like rdflib's plugin registry). For .txt and .md the lines are
exactly the file's own lines, so evidence line numbers match the file a user opens.
Must not import spaCy or anything from kg/ or api/. Raises :mod:`ingest.errors` exceptions.
"""
from __future__ import annotations

import hashlib
import importlib
import os
from pathlib import Path
from typing import Iterable

from ingest.errors import EmptyDocument, IngestError, MissingPath, TooLarge, UnreadableDocument, UnsupportedFormat
from ingest.records import SourceText

MAX_BYTES = 50 * 1024 * 1024

# extension -> (module, media type)
_REGISTRY: dict[str, tuple[str, str]] = {
    ".txt": ("text", "text/plain"), ".text": ("text", "text/plain"),
    ".md": ("markdown", "text/markdown"), ".markdown": ("markdown", "text/markdown"),
    ".html": ("html", "text/html"), ".htm": ("html", "text/html"),
    ".pdf": ("pdf", "application/pdf"),
    ".docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}
_BY_MEDIA_TYPE = {media: ext for ext, (_, media) in _REGISTRY.items()}
SUPPORTED_EXTENSIONS: tuple[str, ...] = tuple(_REGISTRY)


def _extension(name: str, media_type: str | None) -> str:
    extension = Path(name).suffix.lower()
    if extension in _REGISTRY:
        return extension
    if media_type:
        base = media_type.split(";")[0].strip().lower()
        if base in _BY_MEDIA_TYPE:
            return _BY_MEDIA_TYPE[base]
    shown = extension or "no extension"
    raise UnsupportedFormat(
        f"'{name}' ({shown}) is not a format ingest reads; give a .txt, .md, .html, .pdf or .docx file",
        source=name)


def load_bytes(name: str, data: bytes, media_type: str | None = None) -> SourceText:
    """Read a document given as bytes.

    Raises
    ------
    UnsupportedFormat, TooLarge, EmptyDocument, UnreadableDocument
    """
    extension = _extension(name, media_type)
    if len(data) > MAX_BYTES:
        raise TooLarge(f"'{name}' is {len(data) // (1024 * 1024)} MiB; ingest reads files up to "
                       f"{MAX_BYTES // (1024 * 1024)} MiB", source=name)
    if not data.strip():
        raise EmptyDocument(f"'{name}' is empty; there is nothing to ingest", source=name)
    module_name, media = _REGISTRY[extension]
    module = importlib.import_module(f"ingest.loaders.{module_name}")
    try:
        lines, title = module.read(data)
    except IngestError:
        raise
    except Exception as error:  # a parser's own failure: the file is not what its name says
        raise UnreadableDocument(f"'{name}' could not be read as {extension[1:]}: {error}; "
                                 f"check that the file is not damaged", source=name) from error
    lines = tuple(_printable(line) for line in lines)
    if not any(line.strip() for line in lines):
        raise EmptyDocument(f"'{name}' has no readable text (a scanned PDF needs OCR first)", source=name)
    return SourceText(source=Path(name).name, media_type=media, sha256=hashlib.sha256(data).hexdigest(),
                      lines=lines, title=title)


def load_path(path: str | os.PathLike) -> SourceText:
    """Read a document from disk.

    Raises
    ------
    MissingPath
        When the path does not exist or is a folder.
    UnsupportedFormat, TooLarge, EmptyDocument, UnreadableDocument
    """
    path = Path(path)
    if not path.exists():
        raise MissingPath(f"'{path}' does not exist", source=str(path))
    if path.is_dir():
        raise MissingPath(f"'{path}' is a folder; give a file, or use iter_paths for folders", source=str(path))
    _extension(path.name, None)
    if path.stat().st_size > MAX_BYTES:
        raise TooLarge(f"'{path}' is larger than {MAX_BYTES // (1024 * 1024)} MiB", source=str(path))
    return load_bytes(path.name, path.read_bytes())


def iter_paths(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Files to ingest: folders expanded to their supported files, files kept as given.

    Inside folders, hidden files and README files (a folder's own description, not a strategy)
    are left out. Raises MissingPath for a path that does not exist.
    """
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise MissingPath(f"'{path}' does not exist; give files or folders of "
                              f".txt, .md, .html, .pdf or .docx", source=str(path))
        if path.is_dir():
            files.extend(sorted(
                child for child in path.rglob("*")
                if child.is_file() and child.suffix.lower() in _REGISTRY
                and not any(part.startswith(".") for part in child.relative_to(path).parts)
                and not child.name.upper().startswith("README")))
        else:
            files.append(path)
    return files


def _printable(line: str) -> str:
    # NUL and control characters break quotes and XML; a TAB is a table cell separator and stays
    return "".join(ch for ch in line if ch == "\t" or ch >= " " or ch in "\u00a0")
