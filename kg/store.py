"""The store: an embedded, persistent RDF dataset (pyoxigraph) under ``KG_DATA_DIR``.

One named graph per document, so storing or deleting a document is one operation, and one named
graph per set of derived edges (cross-document alignment). Writes are transactional: a failed
write leaves the store as it was. Reads give back :class:`~kg.records.DocumentGraph` records; the
read-only SPARQL endpoint runs here with a result-size limit, refusing updates and ``SERVICE``.
Must not import flask, api or spaCy.
"""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph
from pyoxigraph import NamedNode, QueryResultsFormat, RdfFormat

from kg import rdf
from kg.errors import KgError
from kg.records import DocumentGraph, Edge
from ontology import DATA

MAX_ROWS = 10_000


class StoreError(KgError):
    """The store could not do what was asked."""

    code = "store_error"


class SparqlSyntaxError(StoreError):
    code = "bad_query"


class SparqlUpdateRefused(StoreError):
    code = "read_only"


class SparqlServiceRefused(StoreError):
    code = "bad_query"


class UnacceptableFormat(StoreError):
    code = "not_acceptable"


_RESULT_FORMATS = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "application/xml": QueryResultsFormat.XML,
    "text/csv": QueryResultsFormat.CSV,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}
_GRAPH_FORMATS = {"text/turtle": RdfFormat.TURTLE, "application/n-triples": RdfFormat.N_TRIPLES,
                  "application/ld+json": RdfFormat.JSON_LD, "application/rdf+xml": RdfFormat.RDF_XML}
_UPDATE = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD)\b\s*(DATA|WHERE|\{|GRAPH|SILENT|<|ALL|DEFAULT|NAMED)",
                     re.IGNORECASE)


class Store:
    """Documents and derived edges as named graphs of one RDF dataset."""

    def __init__(self, path: Path | None):
        if path is not None:
            Path(path).mkdir(parents=True, exist_ok=True)
            self._store = pyoxigraph.Store(str(path))
        else:
            self._store = pyoxigraph.Store()

    def close(self) -> None:
        self._store.flush()

    # ------------------------------------------------------------------ writing
    def put_document(self, graph: DocumentGraph) -> None:
        """Store a document's graph, replacing any earlier graph of the same document."""
        quads = rdf.document_quads(graph)  # built in full before anything is written
        name = rdf.graph_iri(graph.document.id)
        if self._store.contains_named_graph(name):
            self._store.remove_graph(name)
        self._store.extend(quads)

    def delete_document(self, doc_id: str) -> bool:
        name = rdf.graph_iri(doc_id)
        if not self._store.contains_named_graph(name):
            return False
        self._store.remove_graph(name)
        return True

    def put_edges(self, name: str, edges: list[Edge]) -> None:
        """Replace a named graph of derived edges."""
        quads = rdf.derived_quads(name, edges)
        graph = rdf.graph_iri(name)
        if self._store.contains_named_graph(graph):
            self._store.remove_graph(graph)
        if quads:
            self._store.extend(quads)

    # ------------------------------------------------------------------ reading
    def document_ids(self) -> list[str]:
        prefix = f"{DATA}graph/doc-"
        return sorted(g.value[len(f"{DATA}graph/"):] for g in self._store.named_graphs()
                      if isinstance(g, NamedNode) and g.value.startswith(prefix))

    def load_document(self, doc_id: str) -> DocumentGraph:
        return rdf.document_graph_from_quads(self._store.quads_for_pattern(None, None, None, rdf.graph_iri(doc_id)))

    def load(self) -> list[DocumentGraph]:
        """Every stored document's graph."""
        return [self.load_document(doc_id) for doc_id in self.document_ids()]

    def load_edges(self, name: str) -> list[Edge]:
        return rdf.edges_from_quads(self._store.quads_for_pattern(None, None, None, rdf.graph_iri(name)))

    # ------------------------------------------------------------------ SPARQL
    def query(self, sparql: str):
        """Run a read-only SPARQL query over the union of all graphs.

        Raises
        ------
        SparqlUpdateRefused
            For SPARQL updates: this endpoint is read-only.
        SparqlServiceRefused
            For federated ``SERVICE`` calls.
        SparqlSyntaxError
            For queries that do not parse.
        """
        if not sparql or not sparql.strip():
            raise SparqlSyntaxError("give a SPARQL query, e.g. SELECT * WHERE { ?s ?p ?o } LIMIT 10")
        without_strings = re.sub(r'"[^"]*"|\'[^\']*\'|<[^>]*>|#[^\n]*', " ", sparql)
        if _UPDATE.search(without_strings):
            raise SparqlUpdateRefused("this SPARQL endpoint is read-only; updates are refused")
        if re.search(r"\bSERVICE\b", without_strings, re.IGNORECASE):
            raise SparqlServiceRefused("federated SERVICE calls are refused; query this graph only")
        try:
            return self._store.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as error:
            raise SparqlSyntaxError(f"the query does not parse: {error}") from error

    def serialize_query(self, results, accept: str | None) -> tuple[bytes, str]:
        """Results in the first acceptable format: SPARQL JSON, XML, CSV, TSV; Turtle for graphs."""
        wanted = [part.split(";")[0].strip().lower() for part in (accept or "").split(",") if part.strip()]
        if isinstance(results, pyoxigraph.QueryTriples):
            triples = list(results)[:MAX_ROWS]
            for media in wanted + ["text/turtle"]:
                if media in _GRAPH_FORMATS:
                    return pyoxigraph.serialize(triples, format=_GRAPH_FORMATS[media]), media
                if media in ("*/*", "text/*"):
                    return pyoxigraph.serialize(triples, format=RdfFormat.TURTLE), "text/turtle"
        for media in wanted + ["application/sparql-results+json"]:
            if media in ("*/*", "application/*"):
                media = "application/sparql-results+json"
            if media in _RESULT_FORMATS:
                if isinstance(results, pyoxigraph.QuerySolutions):
                    rows = _Limited(results)
                    return rows.serialize(_RESULT_FORMATS[media]), media
                return results.serialize(format=_RESULT_FORMATS[media]), media
        raise UnacceptableFormat(f"cannot answer in {accept}; accept application/sparql-results+json, "
                                 f"application/sparql-results+xml, text/csv or text/turtle")


class _Limited:
    """At most MAX_ROWS solutions, serialised in a SPARQL results format."""

    def __init__(self, solutions):
        self.variables = solutions.variables
        self.rows = []
        for index, row in enumerate(solutions):
            if index >= MAX_ROWS:
                break
            self.rows.append(row)

    def serialize(self, fmt: QueryResultsFormat) -> bytes:
        if fmt == QueryResultsFormat.JSON:
            import json

            bindings = []
            for row in self.rows:
                binding = {}
                for variable in self.variables:
                    term = row[variable]
                    if term is not None:
                        binding[variable.value] = _json_term(term)
                bindings.append(binding)
            return json.dumps({"head": {"vars": [v.value for v in self.variables]},
                               "results": {"bindings": bindings}}).encode()
        return _serialize_rows(self.variables, self.rows, fmt)


def _json_term(term) -> dict:
    if isinstance(term, pyoxigraph.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, pyoxigraph.BlankNode):
        return {"type": "bnode", "value": term.value}
    data = {"type": "literal", "value": term.value}
    if term.language:
        data["xml:lang"] = term.language
    elif term.datatype and term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        data["datatype"] = term.datatype.value
    return data


def _serialize_rows(variables, rows, fmt: QueryResultsFormat) -> bytes:
    import csv
    import io
    from xml.sax.saxutils import escape

    names = [v.value for v in variables]
    if fmt in (QueryResultsFormat.CSV, QueryResultsFormat.TSV):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == QueryResultsFormat.CSV else "\t", lineterminator="\r\n")
        writer.writerow(names)
        for row in rows:
            writer.writerow(["" if row[v] is None else row[v].value for v in variables])
        return buffer.getvalue().encode()
    parts = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
    parts += [f'<variable name="{escape(n)}"/>' for n in names]
    parts.append("</head><results>")
    for row in rows:
        parts.append("<result>")
        for variable in variables:
            term = row[variable]
            if term is None:
                continue
            if isinstance(term, pyoxigraph.NamedNode):
                value = f"<uri>{escape(term.value)}</uri>"
            elif isinstance(term, pyoxigraph.BlankNode):
                value = f"<bnode>{escape(term.value)}</bnode>"
            else:
                value = f"<literal>{escape(term.value)}</literal>"
            parts.append(f'<binding name="{escape(variable.value)}">{value}</binding>')
        parts.append("</result>")
    parts.append("</results></sparql>")
    return "".join(parts).encode()
