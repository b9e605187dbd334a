"""The store: an embedded, persistent RDF dataset (pyoxigraph) of documents and derived edges.

One named graph per document, so storing or deleting a document is one operation, and one named
graph per set of derived edges (cross-document alignment). Every write builds all its quads first
and then changes the dataset in one transaction, so a failed write leaves the store as it was.
Reads give back :class:`~kg.records.DocumentGraph` records exactly as written, by SPARQL (one row
per record, not per quad). The read-only SPARQL endpoint runs here over the union of all graphs,
refusing updates and ``SERVICE``, with a row limit and a time limit.

In: DocumentGraph and Edge records, SPARQL query strings, ``Accept`` headers. Out: records,
:class:`QueryResult` and serialised results. The store's directory is given by the caller (the
settings put it under ``KG_DATA_DIR``); nothing here reads the environment. Must not import flask,
api or ingest (spaCy). Raises the :class:`~kg.errors.StoreError` family (``bad_query``,
``read_only``) and :class:`~kg.errors.UnknownDocument`.

>>> from kg.store import Store
>>> store = Store(None)
>>> store.query("ASK { ?s a <https://w3id.org/strategy-kg/ontology#Priority> }").boolean
False
"""
from __future__ import annotations

import csv
import io
import json
import re
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, RdfFormat

from kg import rdf
from kg.mirror import GraphStoreMirror
from kg.errors import (SparqlError, SparqlServiceRefused, SparqlSyntaxError, SparqlTimeout,
                       SparqlUpdateRefused, StoreError, UnknownDocument)
from kg.records import DocumentGraph, Edge, Evidence
from ontology import CLASSES, DATA, DCTERMS, OA, PREFIXES, RDF, RDFS, SKG, SKOS, XSD

#: at most this many rows (or triples) are answered; the rest are cut off
MAX_ROWS = 10_000
#: the version of the RDF layout (kg.rdf) this store writes; a store written in another is refused
LAYOUT = "2"
#: seconds a query may spend producing rows (checked between rows: a query that blocks before its
#: first row, e.g. on a large ORDER BY, is not interrupted, as pyoxigraph cannot cancel it)
TIME_LIMIT = 10.0

__all__ = ["Store", "QueryResult", "MAX_ROWS", "TIME_LIMIT", "StoreError", "SparqlError", "SparqlSyntaxError",
           "SparqlUpdateRefused", "SparqlServiceRefused", "SparqlTimeout"]


@dataclass(frozen=True)
class QueryResult:
    """What a query answered, read out of the store within the limits.

    ``kind`` is ``select`` (``variables`` and ``rows`` of pyoxigraph terms, None where unbound),
    ``ask`` (``boolean``) or ``graph`` (CONSTRUCT and DESCRIBE: ``triples``). ``truncated`` says
    that rows beyond the row limit were cut off.
    """

    kind: str
    variables: tuple[str, ...] = ()
    rows: tuple[tuple, ...] = ()
    triples: tuple[pyoxigraph.Triple, ...] = ()
    boolean: bool | None = None
    truncated: bool = False

    def __len__(self) -> int:
        return len(self.rows) if self.kind == "select" else len(self.triples)


class Store:
    """Documents and derived edges as named graphs of one RDF dataset.

    Parameters
    ----------
    path
        Directory of a persistent store (created if missing), or None for one in memory.
    max_rows, time_limit
        Limits of :meth:`query`.
    mirror
        A :class:`~kg.mirror.GraphStoreMirror` that gets a copy of every named graph written or
        dropped, after the local write succeeded; None for no mirror.

    Raises
    ------
    StoreError
        If the directory cannot be opened (e.g. another process holds it).
    """

    def __init__(self, path: Path | None, *, max_rows: int = MAX_ROWS, time_limit: float = TIME_LIMIT,
                 mirror: GraphStoreMirror | None = None):
        self.path = Path(path) if path is not None else None
        self.max_rows = max_rows
        self.time_limit = time_limit
        self.mirror = mirror
        self._write_lock = threading.Lock()  # check-then-write in _replace must not interleave
        try:
            if self.path is not None:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = pyoxigraph.Store(str(self.path))
            else:
                self._store = pyoxigraph.Store()
        except OSError as error:
            raise StoreError(f"cannot open the store at {self.path}: {error}; is another process using it? "
                             "Stop it or set KG_DATA_DIR to another directory") from error
        self._check_layout()

    def _check_layout(self) -> None:
        """Mark a new store with the layout it is written in; refuse one written in another.

        Raises
        ------
        StoreError
            If the store holds data of another layout, which this code would misread.
        """
        marks = list(self._store.quads_for_pattern(_LAYOUT_SUBJECT, _LAYOUT_PREDICATE, None, DefaultGraph()))
        if not marks and next(iter(self._store), None) is None:
            self._store.add(Quad(_LAYOUT_SUBJECT, _LAYOUT_PREDICATE, Literal(LAYOUT), DefaultGraph()))
        elif not marks or marks[0].object.value != LAYOUT:
            found = marks[0].object.value if marks else "1"
            self._store = None
            raise StoreError(f"the store at {self.path} was written in layout {found} and this version reads "
                             f"layout {LAYOUT}; move it aside (or delete it) and ingest the documents again")

    def close(self) -> None:
        """Flush to disk and let go of the directory (a new Store may open it afterwards)."""
        if self._store is not None:
            self._store.flush()
            self._store = None  # dropping the last reference releases the directory's lock

    def __len__(self) -> int:
        """How many quads the dataset holds."""
        return len(self._dataset)

    @property
    def _dataset(self) -> pyoxigraph.Store:
        if self._store is None:
            raise StoreError("the store is closed; open a new Store")
        return self._store

    def quads(self) -> list[Quad]:
        """Every quad of the dataset (for checks and dumps; the corpus is small)."""
        return list(self._dataset)

    # ------------------------------------------------------------------ writing
    def _replace(self, graph: NamedNode, quads: list[Quad]) -> None:
        """Make ``graph`` hold exactly ``quads``, in one transaction."""
        dataset = self._dataset
        with self._write_lock:
            try:
                if not dataset.contains_named_graph(graph):
                    if quads:
                        dataset.extend(quads)  # one transaction: all of them or none
                else:
                    # Dropping and inserting must be one transaction, and pyoxigraph offers that only
                    # as one SPARQL update; N-Triples is valid SPARQL data syntax.
                    update = f"DROP SILENT GRAPH <{graph.value}>"
                    if quads:
                        update += f" ; INSERT DATA {{ GRAPH <{graph.value}> {{ {_ntriples(quads).decode('utf-8')} }} }}"
                    dataset.update(update)
            except (OSError, SyntaxError, ValueError) as error:
                raise StoreError(f"could not write {graph.value}; the store is unchanged: {error}") from error
        if self.mirror is not None:
            self.mirror.put(graph.value, _ntriples(quads))

    def put_document(self, graph: DocumentGraph) -> None:
        """Store a document's graph, replacing any earlier graph of the same document.

        Raises
        ------
        ValueError
            If a record has a type the vocabulary does not know (nothing is written).
        StoreError
            If the write failed (nothing is written).
        """
        quads = rdf.document_triples(graph)  # built in full before anything is written
        self._replace(rdf.document_graph_iri(graph.document.id), quads)

    def delete_document(self, doc_id: str) -> bool:
        """Remove a document's graph; False if there was none."""
        name = rdf.document_graph_iri(doc_id)
        with self._write_lock:
            if not self._dataset.contains_named_graph(name):
                return False
            self._dataset.remove_graph(name)
        if self.mirror is not None:
            self.mirror.delete(name.value)
        return True

    def sync_mirror(self) -> int:
        """Push every named graph to the mirror (one started after the store catches up); how many."""
        if self.mirror is None:
            return 0
        graphs = [g for g in self._dataset.named_graphs() if isinstance(g, NamedNode)]
        return self.mirror.sync({g.value: _ntriples(list(self._dataset.quads_for_pattern(None, None, None, g)))
                                 for g in graphs})

    def put_edges(self, name: str, edges: list[Edge]) -> None:
        """Replace the named graph ``name`` of derived edges (e.g. cross-document alignment).

        Raises
        ------
        ValueError
            If an edge has a type the vocabulary does not know (nothing is written).
        StoreError
            If the write failed (nothing is written).
        """
        self._replace(rdf.derived_graph_iri(name), rdf.derived_quads(name, edges))

    # ------------------------------------------------------------------ reading
    def document_ids(self) -> list[str]:
        """The ids of every stored document, sorted."""
        prefix = f"{DATA}graph/"
        derived = f"{DATA}graph/derived/"
        return sorted(g.value[len(prefix):] for g in self._dataset.named_graphs() if isinstance(g, NamedNode)
                      and g.value.startswith(prefix) and not g.value.startswith(derived))

    def load_document(self, doc_id: str) -> DocumentGraph:
        """One stored document's graph.

        Raises
        ------
        UnknownDocument
            If no document of that id is stored.
        """
        name = rdf.document_graph_iri(doc_id)
        if not self._dataset.contains_named_graph(name):
            raise UnknownDocument(f"no stored document has the id {doc_id!r}; "
                                  "GET /api/v1/documents lists them")
        return _read_documents(self._dataset, [name])[0]

    def load(self) -> list[DocumentGraph]:
        """Every stored document's graph, in the order of :meth:`document_ids`."""
        return _read_documents(self._dataset, [rdf.document_graph_iri(i) for i in self.document_ids()])

    def load_edges(self, name: str) -> list[Edge]:
        """The derived edges stored under ``name``, in the order they were put; [] if none."""
        graph = rdf.derived_graph_iri(name)
        if not self._dataset.contains_named_graph(graph):
            return []
        return _sorted(_read_edges(self._dataset, [graph]).get(graph.value, []))

    # ------------------------------------------------------------------ SPARQL
    def query(self, sparql: str) -> QueryResult:
        """Run a read-only SPARQL query over the union of all graphs, within the row and time limits.

        Raises
        ------
        SparqlUpdateRefused
            For SPARQL updates: this endpoint is read-only.
        SparqlServiceRefused
            For federated ``SERVICE`` calls.
        SparqlSyntaxError
            For queries that do not parse.
        SparqlTimeout
            When producing the rows takes longer than the time limit.
        """
        if not sparql or not sparql.strip():
            raise SparqlSyntaxError("give a SPARQL query, e.g. SELECT * WHERE { ?s ?p ?o } LIMIT 10")
        code = _code_of(sparql)
        if _SERVICE.search(code):
            raise SparqlServiceRefused("federated SERVICE calls are refused; query this graph only, "
                                       "without SERVICE")
        started = time.monotonic()
        try:
            results = self._dataset.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as error:
            if _UPDATE.match(code):
                raise SparqlUpdateRefused("this SPARQL endpoint is read-only; updates (INSERT, DELETE, LOAD, "
                                          "CLEAR, DROP ...) are refused: send a SELECT, ASK, CONSTRUCT or "
                                          "DESCRIBE query") from error
            raise SparqlSyntaxError(f"the query does not parse: {error}; "
                                    "check it against SPARQL 1.1") from error
        try:
            if isinstance(results, pyoxigraph.QueryBoolean):
                return QueryResult("ask", boolean=bool(results))
            if isinstance(results, pyoxigraph.QueryTriples):
                triples, truncated = self._take(results, started)
                return QueryResult("graph", triples=tuple(triples), truncated=truncated)
            variables = tuple(v.value for v in results.variables)
            width = range(len(variables))
            rows, truncated = self._take(results, started)
            return QueryResult("select", variables, tuple(tuple(row[i] for i in width) for row in rows),
                               truncated=truncated)
        except SparqlError:
            raise
        except (OSError, ValueError, RuntimeError, TypeError) as error:
            raise SparqlError(f"the query could not be evaluated: {error}") from error

    def _take(self, results, started: float) -> tuple[list, bool]:
        taken = []
        for row in results:
            if len(taken) >= self.max_rows:
                return taken, True
            if not len(taken) % 256 and time.monotonic() - started > self.time_limit:
                raise SparqlTimeout(f"the query ran longer than {self.time_limit:g} s; "
                                    "narrow it or add a LIMIT")
            taken.append(row)
        return taken, False

    def serialize_query(self, results: QueryResult, accept: str | None) -> tuple[bytes, str]:
        """Results in the best format ``accept`` allows, and that format's media type.

        SELECT and ASK: SPARQL JSON (the default), XML, CSV or TSV. CONSTRUCT and DESCRIBE: Turtle
        (the default), N-Triples, JSON-LD or RDF/XML. A format that cannot be given falls back to
        the default rather than fail.
        """
        kind = "graph" if results.kind == "graph" else "solutions"
        media_type = _negotiate(accept, kind)
        if kind == "graph":
            prefixes = PREFIXES if media_type == "text/turtle" else None
            return pyoxigraph.serialize(list(results.triples), format=_GRAPH_FORMATS[media_type],
                                        prefixes=prefixes), media_type
        return _WRITERS[_SOLUTION_FORMATS[media_type]](results), media_type


# ---------------------------------------------------------------------- SPARQL results formats
_SOLUTION_FORMATS = {"application/sparql-results+json": "json", "application/json": "json",
                     "application/sparql-results+xml": "xml", "application/xml": "xml", "text/csv": "csv",
                     "text/tab-separated-values": "tsv"}
_GRAPH_FORMATS = {"text/turtle": RdfFormat.TURTLE, "application/n-triples": RdfFormat.N_TRIPLES,
                  "application/ld+json": RdfFormat.JSON_LD, "application/rdf+xml": RdfFormat.RDF_XML}
_DEFAULT = {"solutions": "application/sparql-results+json", "graph": "text/turtle"}
_TEXT_DEFAULT = {"solutions": "text/csv", "graph": "text/turtle"}


def _negotiate(accept: str | None, kind: str) -> str:
    """The acceptable media type with the highest q (first listed wins ties); the default otherwise."""
    offered = _SOLUTION_FORMATS if kind == "solutions" else _GRAPH_FORMATS
    wanted = []
    for order, part in enumerate((accept or "").split(",")):
        media, *params = [piece.strip() for piece in part.split(";")]
        q = 1.0
        for param in params:
            if param.lower().startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        if media and q > 0:
            wanted.append((-q, order, media.lower()))
    for _, _, media in sorted(wanted):
        if media in offered:
            return media
        if media in ("*/*", "application/*"):
            return _DEFAULT[kind]
        if media == "text/*":
            return _TEXT_DEFAULT[kind]
    return _DEFAULT[kind]


def _json_term(term) -> dict:
    if isinstance(term, pyoxigraph.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, pyoxigraph.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, pyoxigraph.Literal):
        data = {"type": "literal", "value": term.value}
        if term.language:
            data["xml:lang"] = term.language
        elif term.datatype.value != XSD + "string":
            data["datatype"] = term.datatype.value
        return data
    return {"type": "triple", "value": str(term)}  # RDF 1.2 triple terms: never stored here


def _json(results: QueryResult) -> bytes:
    if results.kind == "ask":
        return json.dumps({"head": {}, "boolean": results.boolean}).encode()
    bindings = [{name: _json_term(term) for name, term in zip(results.variables, row) if term is not None}
                for row in results.rows]
    return json.dumps({"head": {"vars": list(results.variables)}, "results": {"bindings": bindings}},
                      ensure_ascii=False).encode("utf-8")


def _xml_term(term) -> str:
    if isinstance(term, pyoxigraph.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, pyoxigraph.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD + "string":
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def _xml(results: QueryResult) -> bytes:
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n',
             '<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
    parts += [f"<variable name={quoteattr(name)}/>" for name in results.variables]
    parts.append("</head>")
    if results.kind == "ask":
        parts.append(f"<boolean>{'true' if results.boolean else 'false'}</boolean>")
    else:
        parts.append("<results>")
        for row in results.rows:
            parts.append("<result>")
            parts += [f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>"
                      for name, term in zip(results.variables, row) if term is not None]
            parts.append("</result>")
        parts.append("</results>")
    parts.append("</sparql>\n")
    return "".join(parts).encode("utf-8")


def _csv_value(term) -> str:
    if term is None:
        return ""
    return f"_:{term.value}" if isinstance(term, pyoxigraph.BlankNode) else term.value


def _tsv_value(term) -> str:
    # SPARQL TSV writes RDF terms in Turtle syntax; N-Triples is that, with tabs escaped as well
    return "" if term is None else str(term).replace("\t", "\\t")


def _delimited(results: QueryResult, delimiter: str) -> bytes:
    buffer = io.StringIO()
    if delimiter == ",":
        writer = csv.writer(buffer, lineterminator="\r\n")
        if results.kind == "ask":
            writer.writerows([["_askResult"], ["true" if results.boolean else "false"]])
        else:
            writer.writerow(results.variables)
            writer.writerows([_csv_value(term) for term in row] for row in results.rows)
        return buffer.getvalue().encode("utf-8")
    if results.kind == "ask":
        return f"?_askResult\n{'true' if results.boolean else 'false'}\n".encode()
    lines = ["\t".join(f"?{name}" for name in results.variables)]
    lines += ["\t".join(_tsv_value(term) for term in row) for row in results.rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


_WRITERS = {"json": _json, "xml": _xml, "csv": lambda results: _delimited(results, ","),
            "tsv": lambda results: _delimited(results, "\t")}


# ---------------------------------------------------------------------- guarding the endpoint
# Strings, IRIs and comments, blanked before looking for keywords, so that "SERVICE" inside a
# literal or an IRI is not taken for the keyword. One alternation, scanned left to right.
_LEXEMES = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                      r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*', re.DOTALL)
_SERVICE = re.compile(r"(?<![\w?$:])SERVICE(?![\w:-])", re.IGNORECASE)
_UPDATE = re.compile(r"\s*(?:(?:PREFIX\s+[\w.-]*:\s*|BASE\s*)\s*)*"
                     r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)


def _ntriples(quads: list[Quad]) -> bytes:
    """The triples of ``quads`` (one graph's) as N-Triples."""
    return pyoxigraph.serialize([q.triple for q in quads], format=RdfFormat.N_TRIPLES) or b""


def _code_of(sparql: str) -> str:
    return _LEXEMES.sub(" ", sparql)


# ---------------------------------------------------------------------- reading by SPARQL
# One row per record rather than one Python object per quad: several times faster, and load()
# runs at every start and after every write.
_PROLOGUE = (f"PREFIX skg: <{SKG}> PREFIX rdf: <{RDF}> PREFIX rdfs: <{RDFS}> PREFIX skos: <{SKOS}> "
             f"PREFIX oa: <{OA}> PREFIX dcterms: <{DCTERMS}> ")
_TYPE_OF_CLASS = {SKG + name: kind for kind, name in CLASSES.items()}
_LAYOUT_SUBJECT, _LAYOUT_PREDICATE = NamedNode(DATA + "store"), NamedNode(SKG + "layout")
_NIL = f"<{RDF}nil>"


def _patterns(fields: dict[str, str], subject: str, required: tuple[str, ...]) -> str:
    """``?subject <property> ?field .`` for each field, OPTIONAL unless required."""
    patterns = []
    for name, iri in fields.items():
        pattern = f"?{subject} <{iri}> ?{name} ."
        patterns.append(pattern if name in required else f"OPTIONAL {{ {pattern} }}")
    return " ".join(patterns)


def _variables(fields: dict[str, str]) -> str:
    return " ".join(f"?{name}" for name in fields)


_ENTITY_QUERY = (_PROLOGUE + f"SELECT ?g ?s ?type {_variables(rdf.ENTITY_FIELDS)} WHERE {{ GRAPH ?g {{ "
                 + "VALUES ?type { " + " ".join(f"<{iri}>" for iri in _TYPE_OF_CLASS) + " } ?s a ?type . "
                 + _patterns(rdf.ENTITY_FIELDS, "s", ("text", "confidence", "method")) + " } }")
_EDGE_QUERY = (_PROLOGUE + f"SELECT ?g ?a {_variables(rdf.EDGE_FIELDS)} WHERE {{ GRAPH ?g {{ "
               "?a a skg:Assertion . "
               + _patterns(rdf.EDGE_FIELDS, "a", ("source", "predicate", "target", "confidence", "method"))
               + " } }")
_EVIDENCE_QUERY = (_PROLOGUE + f"SELECT ?g ?owner ?quote {_variables(rdf.EVIDENCE_FIELDS)} "
                   "WHERE { GRAPH ?g { ?owner skg:evidence ?e . ?e oa:hasSelector ?q . ?q oa:exact ?quote . "
                   + _patterns(rdf.EVIDENCE_FIELDS, "e", tuple(rdf.EVIDENCE_FIELDS)) + " } }")
_LIST_QUERY = (_PROLOGUE + "SELECT ?g ?cell ?first ?rest "
               "WHERE { GRAPH ?g { ?cell rdf:first ?first ; rdf:rest ?rest } }")
_TEXT_QUERY = (_PROLOGUE + "SELECT ?g ?content ?count WHERE { GRAPH ?g { ?doc dcterms:hasFormat ?r . "
               "?r a skg:TextRendition ; skg:content ?content ; skg:lineCount ?count } }")


def _value(term) -> str | None:
    return None if term is None else term.value


def _sorted(items: list[tuple]) -> list:
    """Records by their stored position, then by key (records stored without a position)."""
    return [item[-1] for item in sorted(items, key=lambda item: item[:-1])]


def _read_evidence(dataset, graphs: list[NamedNode]) -> dict[tuple[str, str], tuple[Evidence, ...]]:
    found: dict[tuple[str, str], list] = defaultdict(list)
    names = list(rdf.EVIDENCE_FIELDS)
    for row in dataset.query(_EVIDENCE_QUERY, named_graphs=graphs):
        index, evidence = rdf.make_evidence({name: row[name].value for name in names}, row["quote"].value)
        found[(row["g"].value, str(row["owner"]))].append((index, evidence))
    return {key: tuple(evidence for _, evidence in sorted(items, key=lambda pair: pair[0]))
            for key, items in found.items()}


def _read_edges(dataset, graphs: list[NamedNode], evidence=None) -> dict[str, list[tuple]]:
    """Edges with their stored positions, by named graph."""
    evidence = _read_evidence(dataset, graphs) if evidence is None else evidence
    found: dict[str, list] = defaultdict(list)
    names = list(rdf.EDGE_FIELDS)
    for row in dataset.query(_EDGE_QUERY, named_graphs=graphs):
        values = {name: _value(row[name]) for name in names}
        graph = row["g"].value
        edge = rdf.make_edge(values, evidence.get((graph, str(row["a"])), ()))
        found[graph].append((rdf.position(values["index"]), edge.key, edge))
    return found


def _read_documents(dataset, graphs: list[NamedNode]) -> list[DocumentGraph]:
    """The DocumentGraphs stored in these named graphs, exactly as written.

    Raises
    ------
    StoreError
        If a graph holds no document record (it was not written by this store).
    """
    if not graphs:
        return []
    evidence = _read_evidence(dataset, graphs)
    cells = {(row["g"].value, str(row["cell"])): (row["first"], row["rest"])
             for row in dataset.query(_LIST_QUERY, named_graphs=graphs)}

    def listed(graph: str, head) -> list[str]:
        values = []
        while head is not None and str(head) != _NIL:
            first, head = cells[(graph, str(head))]
            values.append(first.value)
        return values

    entities: dict[str, list] = defaultdict(list)
    names = list(rdf.ENTITY_FIELDS)
    for row in dataset.query(_ENTITY_QUERY, named_graphs=graphs):
        graph, subject = row["g"].value, row["s"]
        values = {name: _value(row[name]) for name in names}
        aliases = tuple(listed(graph, row["aliasList"]))
        publishers = tuple(rdf.entity_id(p) for p in listed(graph, row["publisherList"]))
        entity = rdf.make_entity(subject.value, _TYPE_OF_CLASS[row["type"].value], values,
                                 evidence.get((graph, str(subject)), ()), aliases, publishers)
        entities[graph].append((rdf.position(values["index"]), entity.id, entity))
    texts = {row["g"].value: rdf.make_lines(row["content"], row["count"].value)
             for row in dataset.query(_TEXT_QUERY, named_graphs=graphs)}
    edges = _read_edges(dataset, graphs, evidence)
    documents = []
    for graph in graphs:
        try:
            documents.append(rdf.assemble(entities.get(graph.value, []), edges.get(graph.value, []),
                                          texts.get(graph.value, ())))
        except ValueError as error:
            raise StoreError(f"the named graph {graph.value} holds no document record; delete it and "
                             f"ingest the document again") from error
    return documents
