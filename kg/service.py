"""The knowledge base: the one object the API and the CLI talk to.

It opens the store under ``settings.data_dir``, keeps a read-only :class:`~kg.graph.Graph` built
from it, and answers every question of the contract as plain dicts in the contract's JSON shapes.
Writes (ingest, delete) go to the store first and then the graph is rebuilt, so readers never see
half a change. Knows nothing of HTTP. Raises :mod:`kg.errors` and :mod:`ingest.errors` exceptions.
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable

from ingest import loaders
from ingest.errors import IngestError
from ingest.pipeline import extract
from ingest.records import ExtractedDocument
from kg import queries
from kg.build import build_document_graph, document_id
from kg.errors import BadRequest
from kg.graph import Graph
from kg.records import DocumentGraph, Entity
from kg.settings import Settings
from kg.store import Store

log = logging.getLogger(__name__)

ALIGNMENT_GRAPH = "alignment"

#: progress(done, total, name): called after each file of an ingest run
Progress = Callable[[int, int, str], None]


@dataclass
class IngestReport:
    """What one ingest run did, file by file."""

    ingested: list[dict] = field(default_factory=list)  # document records newly stored
    unchanged: list[dict] = field(default_factory=list)  # same bytes already stored
    failed: list[tuple[str, str, str]] = field(default_factory=list)  # (path, code, message)

    @property
    def ok(self) -> bool:
        return not self.failed

    def counts(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for record in self.ingested:
            for kind, n in record.get("counts", {}).items():
                totals[kind] = totals.get(kind, 0) + n
        return dict(sorted(totals.items()))


class KnowledgeBase:
    """Everything stored, and the questions users ask of it."""

    def __init__(self, settings: Settings, store: Store):
        self.settings = settings
        self.store = store
        self._lock = threading.RLock()
        self._embedder = None
        self.graph = Graph(store.load(), store.load_edges(ALIGNMENT_GRAPH))

    @classmethod
    def open(cls, settings: Settings) -> "KnowledgeBase":
        """Open (creating if needed) the store under ``settings.data_dir``."""
        data_dir = Path(settings.data_dir)
        data_dir.mkdir(parents=True, exist_ok=True)
        mirror = None
        if settings.sparql_url:
            from kg.mirror import GraphStoreMirror

            mirror = GraphStoreMirror(settings.sparql_url)
        store = Store(data_dir / "store", mirror=mirror)
        store.sync_mirror()
        return cls(settings, store)

    def close(self) -> None:
        self.store.close()

    # ------------------------------------------------------------------ models
    @property
    def embedder(self):
        """The sentence-embedding model, loaded on first use, with its on-disk cache."""
        if self._embedder is None:
            from ingest.embeddings import Embedder

            self._embedder = Embedder(Path(self.settings.data_dir) / "embeddings")
        return self._embedder

    def _extract(self, source) -> ExtractedDocument:
        """Read one loaded document with the reader the settings choose."""
        encode = self.embedder.encode if self.settings.reader == "model" else None
        return extract(source, self.settings.reader, encode)

    # ------------------------------------------------------------------ writing
    def ensure_corpus(self, progress: Progress | None = None) -> IngestReport | None:
        """Ingest the corpus folder when the store holds no document yet: every document that can be
        read is stored, and the report lists those that could not (one bad file costs only itself)."""
        if self.graph.documents or not Path(self.settings.corpus_dir).is_dir():
            return None
        return self.ingest_paths([self.settings.corpus_dir], progress=progress, keep_going=True)

    def ingest_paths(self, paths: Iterable[str | Path], *, progress: Progress | None = None,
                     keep_going: bool = False) -> IngestReport:
        """Read, extract and store files and folders.

        Every file is read and extracted before anything is stored. When one fails, nothing is
        stored unless ``keep_going``, which stores the others; the report lists each failure.

        Raises
        ------
        ingest.errors.MissingPath
            When a path does not exist (checked before anything is read).
        """
        files = loaders.iter_paths(paths)
        report = IngestReport()
        extracted: list[ExtractedDocument] = []
        for done, path in enumerate(files, start=1):
            try:
                extracted.append(self._extract(loaders.load_path(path)))
            except IngestError as error:
                report.failed.append((str(path), error.code, error.message))
            except Exception:  # noqa: BLE001 - one document the extractor cannot handle must not stop a folder
                log.exception("extracting %s failed", path)
                report.failed.append((str(path), "extraction_failed",
                                      f"'{Path(path).name}' could not be read: the extractor failed on it (the "
                                      "error is logged); please report it with the file"))
            if progress:
                progress(done, len(files), Path(path).name)
        if report.failed and not keep_going:
            return report
        self._store(extracted, report)
        return report

    def ingest_upload(self, name: str, data: bytes) -> dict:
        """Store one uploaded document and return its record (the stored one when unchanged)."""
        if len(data) > self.settings.max_upload_bytes:
            from ingest.errors import TooLarge

            raise TooLarge(f"'{name}' is {len(data) // 1024} KiB; the limit is {self.settings.max_upload_mb} MiB")
        report = IngestReport()
        self._store([self._extract(loaders.load_bytes(name, data))], report)
        return (report.ingested or report.unchanged)[0]

    def _store(self, extracted: list[ExtractedDocument], report: IngestReport) -> None:
        with self._lock:
            graphs: list[DocumentGraph] = []
            for document in extracted:
                doc_id = document_id(document.source.sha256)
                if doc_id in self.graph.documents:
                    report.unchanged.append(self.document_record(doc_id))
                    continue
                graphs.append(build_document_graph(document))
            replaced = [self._same_source(g) for g in graphs]
            for graph in graphs:
                self.store.put_document(graph)
            for old in replaced:
                if old:
                    self.store.delete_document(old)  # a new version of a file replaces the old one
            if graphs or any(replaced):
                self._refresh()
            report.ingested.extend(self.document_record(g.document.id) for g in graphs)

    def _same_source(self, graph: DocumentGraph) -> str | None:
        for doc_id, stored in self.graph.documents.items():
            if stored.document.source == graph.document.source and doc_id != graph.document.id:
                return doc_id
        return None

    def delete_document(self, reference: str) -> None:
        """Remove a document and everything only it stated."""
        with self._lock:
            doc_id = queries.resolve_document(self.graph, reference)
            self.store.delete_document(doc_id)
            self._refresh()

    def _refresh(self) -> None:
        """Rebuild the graph from the store, recomputing the cross-document alignment edges."""
        graph = Graph(self.store.load())
        if len(graph.documents) > 1:
            from kg.align import alignment_edges

            derived = alignment_edges(graph, self.embedder)
        else:
            derived = []
        self.store.put_edges(ALIGNMENT_GRAPH, derived)
        self.graph = Graph(self.store.load(), derived)

    # ------------------------------------------------------------------ reading
    def health(self) -> dict:
        graph = self.graph
        answer = {"status": "ok", "documents": len(graph.documents), "nodes": len(graph.entities),
                  "edges": len(graph.edges), "reader": self.reader_info()}
        if self.store.mirror is not None:
            answer["mirror"] = {"url": self.store.mirror.url, "error": self.store.mirror.last_error}
        return answer

    def reader_info(self) -> dict:
        """Which reader reads new documents and, for the learned one, its version."""
        if self.settings.reader != "model":
            return {"name": "rules"}
        from ingest.model.reader import load

        model = load()
        return {"name": "model", "version": model.version if model else None,
                "trained_on": len(model.trained_on) if model else None}

    def document_record(self, doc_id: str) -> dict:
        stored = self.graph.documents[doc_id].document
        return stored.to_dict(counts=self.graph.document_counts(doc_id))

    def documents(self) -> list[dict]:
        return [self.document_record(doc_id) for doc_id in self.graph.documents]

    def document_lines(self, reference: str) -> tuple[str, tuple[str, ...]]:
        """A document's id and its text as numbered lines (index 0 is line 1)."""
        doc_id = queries.resolve_document(self.graph, reference)
        return doc_id, self.graph.documents[doc_id].text_lines

    def list_entities(self, type: str | None = None, document: str | None = None,
                      organisation: str | None = None, q: str | None = None,
                      limit: int = 50, offset: int = 0) -> tuple[list[dict], int]:
        if limit < 1 or limit > 1000 or offset < 0:
            raise BadRequest("limit must be 1..1000 and offset 0 or more")
        found = queries.filter_entities(self.graph, queries.EntityFilter(type, document, organisation, q))
        doc_id = queries.resolve_document(self.graph, document) if document else None
        return [self.entity_dict(e, doc_id) for e in found[offset:offset + limit]], len(found)

    def entity_dict(self, entity: Entity, document: str | None = None) -> dict:
        """An entity's JSON; an organisation listed for a document shows that document's evidence first."""
        if entity.type == "document":
            return self.document_record(entity.id)
        if document and entity.type == "organisation":
            ordered = sorted(entity.evidence, key=lambda ev: ev.document != document)
            return replace(entity, evidence=tuple(ordered)).to_dict()
        return entity.to_dict()

    def get_entity(self, entity_id: str) -> dict:
        entity = queries.get_entity(self.graph, entity_id)
        out, into = self.graph.edges_of(entity.id)
        record = self.entity_dict(entity)
        record["edges"] = {"out": [e.to_dict() for e in out], "in": [e.to_dict() for e in into]}
        return record

    def priority_initiatives(self, priority_id: str) -> dict:
        answers = queries.priority_initiatives(self.graph, priority_id)
        return {
            "priority": self.graph.entities[priority_id].to_dict(),
            "items": [{"initiative": a["initiative"].to_dict(), "score": a["score"], "via": a["via"],
                       "path": [e.to_dict() for e in a["path"]]} for a in answers],
        }

    def gaps(self, document_ref: str | None = None) -> dict:
        found = queries.gaps(self.graph, document_ref)
        return {name: [e.to_dict() for e in entities] for name, entities in found.items()}

    # ------------------------------------------------------------------ questions that need the model
    def initiatives_serving(self, text: str, limit: int = 30) -> dict:
        from kg.answer import initiatives_serving

        if not text or not text.strip():
            raise BadRequest("give the priority to ask about, e.g. ?serves=prevention")
        if limit < 1 or limit > 500:
            raise BadRequest("limit must be 1..500")
        return initiatives_serving(self.graph, self.embedder, text.strip(), limit)

    def search(self, q: str, type: str | None = None, limit: int = 20) -> dict:
        from kg.search import search

        if not q or not q.strip():
            raise BadRequest("give a query, e.g. ?q=mental health")
        if limit < 1 or limit > 500:
            raise BadRequest("limit must be 1..500")
        hits = search(self.graph, self.embedder, q.strip(), type=type, limit=limit)
        return {"items": [{"entity": e.to_dict(), "score": round(s, 4)} for e, s in hits]}

    def alignment(self, source_ref: str, target_ref: str) -> dict:
        from kg.align import align_documents

        source = queries.resolve_document(self.graph, source_ref)
        target = queries.resolve_document(self.graph, target_ref)
        return align_documents(self.graph, self.embedder, source, target)

    def check_draft(self, name: str, data: bytes, target_ref: str) -> dict:
        """Align a draft against a stored document without storing the draft."""
        from kg.align import align_documents

        target = queries.resolve_document(self.graph, target_ref)
        draft = build_document_graph(self._extract(loaders.load_bytes(name, data)))
        combined = Graph([*self.graph.documents.values(), draft])
        report = align_documents(combined, self.embedder, draft.document.id, target)
        report["source_document"] = draft.document.to_dict(counts=combined.document_counts(draft.document.id))
        return report

    # ------------------------------------------------------------------ exports and SPARQL
    def export(self, fmt: str, type: str | None = None, document: str | None = None,
               organisation: str | None = None):
        from kg.export import export

        entities = queries.filter_entities(self.graph, queries.EntityFilter(type, document, organisation))
        if type or document or organisation:
            # a filtered view keeps what the filter names plus the organisations and documents around it
            kept = {e.id for e in entities}
            if document:
                kept.add(queries.resolve_document(self.graph, document))
        else:
            kept = set(self.graph.entities)
        entities = [self.graph.entities[i] for i in kept]
        edges = [e for e in self.graph.edges if e.source in kept and e.target in kept]
        return export(sorted(entities, key=lambda e: e.id), edges, fmt)

    def sparql(self, query: str, accept: str | None = None) -> tuple[bytes, str]:
        results = self.store.query(query)
        return self.store.serialize_query(results, accept)
