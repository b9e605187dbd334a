"""The ingest pipeline: a file or its bytes in, an :class:`~ingest.records.ExtractedDocument` out.

Stages, each a function of what the one before gave: load (numbered lines) → blocks → then one of
two readers → organisations (who publishes, owns, leads, is mentioned). The ``rules`` reader walks
sections with cue phrases and reads untyped lists by their verbs (:mod:`ingest.rules_reader`); the ``model`` reader computes features of every block
(:mod:`ingest.model.features`) and lets models trained on labelled documents say what each block
states and which priority it belongs to (:mod:`ingest.model.reader`).
Nothing is written anywhere: storing is `kg`'s job. Must not import anything from kg/ or api/.

Raises the :mod:`ingest.errors` exceptions for files that cannot be read.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from ingest import loaders
from ingest.blocks import split_blocks
from ingest.records import ExtractedDocument, Link, SourceText, Statement
from ingest.rules_reader import read_by_rules


#: the readers :func:`extract` can use
READERS = ("rules", "model")


def extract_path(path: str | os.PathLike, reader: str = "rules", encode=None) -> ExtractedDocument:
    """Load and extract one file (``reader`` and ``encode`` as for :func:`extract`).

    Raises
    ------
    ingest.errors.IngestError
        When the file is missing, of an unsupported type, empty or unreadable.
    """
    return extract(loaders.load_path(path), reader, encode)


def extract_bytes(name: str, data: bytes, media_type: str | None = None, reader: str = "rules",
                  encode=None) -> ExtractedDocument:
    """Load and extract a document given as bytes (an upload or a draft to check)."""
    return extract(loaders.load_bytes(name, data, media_type), reader, encode)


def extract(source: SourceText, reader: str = "rules", encode=None) -> ExtractedDocument:
    """Find the statements, links and organisations of an already loaded document.

    ``reader`` is ``"rules"`` or ``"model"``; ``encode`` embeds texts for the model reader (an
    :class:`ingest.embeddings.Embedder`'s ``encode``, so vectors are cached); without it the model
    reader uses an Embedder that keeps vectors in memory.

    Raises
    ------
    ingest.nlp.ModelUnavailable
        With ``reader="model"`` when no trained reader ships (run ``kg train``).
    """
    if reader not in READERS:
        raise ValueError(f"reader must be one of {', '.join(READERS)}, not {reader!r}")
    blocks = split_blocks(source)
    statements, links = (_read_by_model if reader == "model" else _read_by_rules)(blocks, encode)
    organisations, publishers, owner_links = _organisations(source, statements)
    owners = {l.target: l.source for l in owner_links if l.type == "owns"}
    statements = [_with_owner(s, owners.get(s.key)) for s in statements]
    return ExtractedDocument(
        source=source,
        title=document_title(source),
        statements=tuple(statements),
        links=tuple(links) + tuple(owner_links),
        organisations=tuple(organisations),
        publishers=tuple(publishers),
    )


def _read_by_rules(blocks, _encode=None) -> tuple[list[Statement], list[Link]]:
    return read_by_rules(blocks)


def _read_by_model(blocks, encode=None) -> tuple[list[Statement], list[Link]]:
    from ingest.model import reader as learned
    from ingest.model.features import block_features
    from ingest.nlp import ModelUnavailable

    model = learned.load()
    if model is None:
        raise ModelUnavailable(f"no trained reader at {learned.SHIPPED}; run `kg train` (or `make train`)")
    if encode is None:
        from ingest.embeddings import Embedder

        encode = Embedder(None).encode
    reading = learned.read(model, blocks, block_features(blocks, encode))
    return reading.statements, reading.links


def _with_owner(statement: Statement, owner: str | None) -> Statement:
    if owner is None:
        return statement
    from dataclasses import replace
    return replace(statement, organisation=owner)


def _organisations(source: SourceText, statements: list[Statement]):
    """Organisations named in the document, its publishers, and the owns/leads/mentions links."""
    from ingest import organisations as orgs

    findings = orgs.find_organisations(source)
    links: list[Link] = list(orgs.mentions(findings))
    owners = orgs.owners_by_line(source, findings)
    for statement in statements:
        owner = owners.get(statement.span.line_start)
        if owner:
            links.append(Link(owner, statement.key, "owns", statement.span, 0.75, "structure"))
    links.extend(orgs.find_leads(source, statements, findings))
    return findings.organisations, findings.publishers, links


_NOT_TITLE = re.compile(r"^(version|draft|page|\d{1,2}(st|nd|rd|th)?\s+\w+\s+\d{4}|\d{4}|contents)\b", re.IGNORECASE)


def document_title(source: SourceText) -> str:
    """The title the format declares, else the first substantial line of the first page."""
    if source.title and source.title.strip():
        return source.title.strip()
    for line in source.lines[:40]:
        text = re.sub(r"[#*_`]+", "", line).strip()
        if len(text.split()) >= 2 and not _NOT_TITLE.match(text) and "\t" not in line:
            return text[:200]
    return Path(source.source).stem
