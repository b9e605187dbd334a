"""RDF: the graph's records as quads in our vocabulary, and back again, field for field.

In: a :class:`~kg.records.DocumentGraph` (for the store) or entities and edges (for exports).
Out: pyoxigraph quads in the document's own named graph (:func:`document_triples`), triples of a
graph view (:func:`graph_triples`, :func:`graph_to_rdflib`); :func:`document_graph_from_quads` and
:func:`edges_from_quads` read them back exactly — every field of Entity, Edge and Evidence, tuples
and lists in their order, confidences as ``xsd:double``.

How evidence is kept (the reasons are in ``ontology/strategy.ttl``): every edge is a plain triple,
so SPARQL paths and the networkx view stay simple, plus an assertion node — ``skg:Assertion``,
``rdf:Statement`` and ``prov:Entity``, its IRI a hash of subject, predicate, object and document —
carrying confidence, method and evidence. Evidence is an ``oa:SpecificResource`` on the document's
text rendition with an ``oa:TextQuoteSelector`` (the quote, with prefix and suffix) and, when the
quote is found in the text, an ``oa:TextPositionSelector`` (code-point offsets), plus the line
span. Only the store's quads carry ``skg:index`` and ``rdf:List`` orderings; exports leave them out.

Must not import flask, api or ingest (spaCy). Raises ``ValueError`` for a record of an unknown
entity or edge type (a defect in the caller) and for quads that hold no document record.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
from collections import defaultdict
from typing import TYPE_CHECKING, Iterable

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, Triple

from kg.records import DocumentGraph, Edge, Entity, Evidence
from ontology import (ALIGNMENT_STRENGTH, CLASSES, DATA, DCTERMS, KIND_CLASSES, OA, PROPERTIES, PROV, RDF,
                      RDFS, SKG, SKOS, XSD)

if TYPE_CHECKING:
    import rdflib

# ------------------------------------------------------------------------------------ terms
A = NamedNode(RDF + "type")
RDF_FIRST, RDF_REST, RDF_NIL = NamedNode(RDF + "first"), NamedNode(RDF + "rest"), NamedNode(RDF + "nil")
RDF_JSON = NamedNode(RDF + "JSON")
PREF_LABEL, ALT_LABEL = NamedNode(SKOS + "prefLabel"), NamedNode(SKOS + "altLabel")
RDFS_LABEL = NamedNode(RDFS + "label")
TITLE, PUBLISHER = NamedNode(DCTERMS + "title"), NamedNode(DCTERMS + "publisher")
HAS_FORMAT = NamedNode(DCTERMS + "hasFormat")
DERIVED_FROM, GENERATED_BY = NamedNode(PROV + "wasDerivedFrom"), NamedNode(PROV + "wasGeneratedBy")
ATTRIBUTED_TO, USED = NamedNode(PROV + "wasAttributedTo"), NamedNode(PROV + "used")
XSD_DOUBLE, XSD_INTEGER = NamedNode(XSD + "double"), NamedNode(XSD + "integer")


def _skg(local: str) -> NamedNode:
    return NamedNode(SKG + local)


def _oa(local: str) -> NamedNode:
    return NamedNode(OA + local)


_CLASS = {kind: _skg(name) for kind, name in CLASSES.items()}
_KIND_CLASS = {kind: _skg(name) for kind, name in KIND_CLASSES.items()}
_PROPERTY = {kind: _skg(name) for kind, name in PROPERTIES.items()}
_STRENGTH = {verdict: _skg(name) for verdict, name in ALIGNMENT_STRENGTH.items()}
_TYPE_OF_CLASS = {SKG + name: kind for kind, name in CLASSES.items()}
_TYPE_OF_PROPERTY = {SKG + name: kind for kind, name in PROPERTIES.items()}
ASSERTION_TYPES = (_skg("Assertion"), NamedNode(RDF + "Statement"), NamedNode(PROV + "Entity"))
# optional string fields of an entity -> our property's local name
_OPTIONAL = {"number": "number", "section": "section", "kind": "kind", "source": "source", "sha256": "sha256",
             "media_type": "mediaType", "ingested_at": "ingestedAt"}
_QUOTE_CONTEXT = 32  # code points of oa:prefix / oa:suffix around a located quote


# ------------------------------------------------------------------------------------ IRIs
def entity_iri(entity_id: str) -> NamedNode:
    """The IRI of an entity: our data namespace plus its (URL-safe) id."""
    return NamedNode(DATA + entity_id)


def entity_id(iri: str) -> str:
    """The id of an entity IRI (the inverse of :func:`entity_iri`)."""
    return iri[len(DATA):] if iri.startswith(DATA) else iri


def document_graph_iri(doc_id: str) -> NamedNode:
    """The named graph that holds everything one document states."""
    return NamedNode(f"{DATA}graph/{doc_id}")


def derived_graph_iri(name: str) -> NamedNode:
    """The named graph of a set of edges derived across documents (e.g. ``alignment``)."""
    return NamedNode(f"{DATA}graph/derived/{name}")


def rendition_iri(doc_id: str) -> NamedNode:
    """The document's text rendition, the source evidence selectors point into."""
    return NamedNode(f"{DATA}{doc_id}-text")


def extraction_iri(doc_id: str) -> NamedNode:
    """The extraction run (a prov:Activity) that produced a document's records."""
    return NamedNode(f"{DATA}{doc_id}-extraction")


def _digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:24]


def assertion_iri(source: str, edge_type: str, target: str, document: str) -> NamedNode:
    """The deterministic IRI of the assertion one document makes of one edge."""
    return NamedNode(f"{DATA}assertion/{_digest(source, PROPERTIES[edge_type], target, document)}")


# ------------------------------------------------------------------------------------ literals
def _string(value: str) -> Literal:
    return Literal(value)


def _integer(value: int) -> Literal:
    # always xsd:integer: pyoxigraph stores derived integer types (e.g. the xsd:nonNegativeInteger
    # Web Annotation gives oa:start) as xsd:integer, and sh:datatype matches exactly
    return Literal(str(int(value)), datatype=XSD_INTEGER)


def _double(value: float) -> Literal:
    """An xsd:double whose lexical form gives back the same Python float."""
    value = float(value)
    if math.isnan(value):
        lexical = "NaN"
    elif math.isinf(value):
        lexical = "INF" if value > 0 else "-INF"
    else:
        lexical = repr(value)
    return Literal(lexical, datatype=XSD_DOUBLE)


# ------------------------------------------------------------------------------------ writing
class _Writer:
    """Collects the quads of one named graph (or of a view, in the default graph).

    ``document`` and ``lines`` locate quotes in the text; ``ordered`` adds what only the store
    needs for an exact read-back (``skg:index`` on records, ``rdf:List`` orderings).
    """

    def __init__(self, graph: NamedNode | DefaultGraph, document: str | None = None,
                 lines: tuple[str, ...] | None = None, ordered: bool = False):
        self.graph = graph
        self.document = document
        self.ordered = ordered
        self.quads: list[Quad] = []
        self.lines = lines
        self.text = "\n".join(lines) if lines is not None else None
        self.starts: list[int] = []
        offset = 0
        for line in lines or ():
            self.starts.append(offset)
            offset += len(line) + 1

    def add(self, subject: NamedNode | BlankNode, predicate: NamedNode, value) -> None:
        self.quads.append(Quad(subject, predicate, value, self.graph))

    def add_list(self, subject: NamedNode, predicate: NamedNode, values: list) -> None:
        """An rdf:List, so that the order of a tuple survives the store."""
        head = RDF_NIL
        for value in reversed(values):
            cell = BlankNode()
            self.add(cell, RDF_FIRST, value)
            self.add(cell, RDF_REST, head)
            head = cell
        self.add(subject, predicate, head)

    # -------------------------------------------------------------- evidence
    def _locate(self, evidence: Evidence) -> tuple[int, int] | None:
        """Code-point offsets of the quote within its lines of the rendition, if it is found there."""
        if self.text is None or evidence.document != self.document or not self.lines:
            return None
        if not 1 <= evidence.line_start <= evidence.line_end <= len(self.lines):
            return None
        words = evidence.quote.split()
        if not words:
            return None
        base = self.starts[evidence.line_start - 1]
        end = self.starts[evidence.line_end - 1] + len(self.lines[evidence.line_end - 1])
        # quotes are whitespace-normalised, so any run of whitespace in the text may stand for a space
        found = re.search(r"\s+".join(map(re.escape, words)), self.text[base:end])
        return (base + found.start(), base + found.end()) if found else None

    def evidence(self, owner: NamedNode, evidence: tuple[Evidence, ...]) -> None:
        for index, item in enumerate(evidence):
            digest = _digest(owner.value, index, item.document, item.line_start, item.line_end, item.quote)
            node = NamedNode(f"{DATA}evidence/{digest}")
            quote = NamedNode(node.value + "-quote")
            self.add(owner, _skg("evidence"), node)
            self.add(node, A, _oa("SpecificResource"))
            self.add(node, _oa("hasSource"), rendition_iri(item.document))
            self.add(node, _skg("document"), entity_iri(item.document))
            self.add(node, _skg("index"), _integer(index))
            self.add(node, _skg("lineStart"), _integer(item.line_start))
            self.add(node, _skg("lineEnd"), _integer(item.line_end))
            self.add(node, _oa("hasSelector"), quote)
            self.add(quote, A, _oa("TextQuoteSelector"))
            self.add(quote, _oa("exact"), _string(item.quote))
            span = self._locate(item)
            if span is None:
                continue
            start, end = span
            assert self.text is not None
            if start > 0:
                self.add(quote, _oa("prefix"), _string(self.text[max(0, start - _QUOTE_CONTEXT):start]))
            if end < len(self.text):
                self.add(quote, _oa("suffix"), _string(self.text[end:end + _QUOTE_CONTEXT]))
            position = NamedNode(node.value + "-position")
            self.add(node, _oa("hasSelector"), position)
            self.add(position, A, _oa("TextPositionSelector"))
            self.add(position, _oa("start"), _integer(start))
            self.add(position, _oa("end"), _integer(end))

    # -------------------------------------------------------------- records
    def entity(self, entity: Entity, index: int | None = None) -> None:
        if entity.type not in _CLASS:
            raise ValueError(f"entity {entity.id!r} has type {entity.type!r}; "
                             f"the types are {', '.join(CLASSES)}")
        subject = entity_iri(entity.id)
        self.add(subject, A, _CLASS[entity.type])
        if entity.type == "organisation" and entity.kind in _KIND_CLASS:
            self.add(subject, A, _KIND_CLASS[entity.kind])
        # An organisation is one node that several documents name, each its own way: rdfs:label
        # allows several names, where two skos:prefLabel values on one node would break SKOS.
        self.add(subject, RDFS_LABEL if entity.type == "organisation" else PREF_LABEL, _string(entity.label))
        self.add(subject, _skg("text"), _string(entity.text))
        self.add(subject, _skg("confidence"), _double(entity.confidence))
        self.add(subject, _skg("method"), _string(entity.method))
        for field_name, local in _OPTIONAL.items():
            value = getattr(entity, field_name)
            if value is not None:
                self.add(subject, _skg(local), _string(value))
        if entity.document is not None:
            self.add(subject, _skg("document"), entity_iri(entity.document))
        if entity.organisation is not None:
            self.add(subject, _skg("organisation"), entity_iri(entity.organisation))
        for alias in entity.aliases:
            self.add(subject, ALT_LABEL, _string(alias))
        if entity.title is not None:
            self.add(subject, TITLE, _string(entity.title))
        for publisher in entity.publishers:
            self.add(subject, PUBLISHER, entity_iri(publisher))
        if self.ordered:
            if entity.aliases:
                self.add_list(subject, _skg("aliasList"), [_string(a) for a in entity.aliases])
            if entity.publishers:
                self.add_list(subject, _skg("publisherList"), [entity_iri(p) for p in entity.publishers])
            if index is not None:
                self.add(subject, _skg("index"), _integer(index))
        self.evidence(subject, entity.evidence)

    def edge(self, edge: Edge, document: str, index: int | None = None,
             derived_from: Iterable[str] = ()) -> None:
        if edge.type not in _PROPERTY:
            raise ValueError(f"edge {edge.key} has type {edge.type!r}; the types are {', '.join(PROPERTIES)}")
        subject, predicate, target = entity_iri(edge.source), _PROPERTY[edge.type], entity_iri(edge.target)
        self.add(subject, predicate, target)
        # what the edge entails in public vocabularies, stated so that plain SPARQL finds it
        if edge.type == "leads":
            self.add(target, ATTRIBUTED_TO, subject)
        elif edge.type == "publishes":
            self.add(target, PUBLISHER, subject)
        elif edge.type == "aligns_with" and edge.verdict in _STRENGTH:
            self.add(subject, _STRENGTH[edge.verdict], target)
        node = assertion_iri(edge.source, edge.type, edge.target, document)
        for kind in ASSERTION_TYPES:
            self.add(node, A, kind)
        self.add(node, NamedNode(RDF + "subject"), subject)
        self.add(node, NamedNode(RDF + "predicate"), predicate)
        self.add(node, NamedNode(RDF + "object"), target)
        self.add(node, _skg("confidence"), _double(edge.confidence))
        self.add(node, _skg("method"), _string(edge.method))
        if edge.score is not None:
            self.add(node, _skg("score"), _double(edge.score))
        if edge.verdict is not None:
            self.add(node, _skg("verdict"), _string(edge.verdict))
        for source_document in dict.fromkeys([*derived_from, *(ev.document for ev in edge.evidence)]):
            self.add(node, DERIVED_FROM, entity_iri(source_document))
        if self.ordered and self.document is not None:
            self.add(node, GENERATED_BY, extraction_iri(self.document))
        if self.ordered and index is not None:
            self.add(node, _skg("index"), _integer(index))
        self.evidence(node, edge.evidence)

    def rendition(self, doc_id: str, lines: tuple[str, ...]) -> None:
        """The document's text, hashed, so that evidence offsets and quotes can be checked against it."""
        node, document = rendition_iri(doc_id), entity_iri(doc_id)
        text = "\n".join(lines)
        if any("\n" in line for line in lines):  # joined text could not be split back into these lines
            content = Literal(json.dumps(list(lines), ensure_ascii=False), datatype=RDF_JSON)
        else:
            content = _string(text)
        self.add(document, HAS_FORMAT, node)
        self.add(node, A, _skg("TextRendition"))
        self.add(node, DERIVED_FROM, document)
        self.add(node, _skg("content"), content)
        self.add(node, _skg("lineCount"), _integer(len(lines)))
        self.add(node, _skg("sha256"), _string(hashlib.sha256(text.encode("utf-8")).hexdigest()))
        run = extraction_iri(doc_id)
        self.add(run, A, _skg("Extraction"))
        self.add(run, USED, document)


def document_triples(graph: DocumentGraph) -> list[Quad]:
    """Every quad one document contributes, in its own named graph, ready for the store.

    Parameters
    ----------
    graph
        The document's record, entities, edges and text lines.

    Returns
    -------
    list of pyoxigraph.Quad
        Entities with evidence, edges as plain triples plus assertion nodes, the document record
        and its text rendition; all in :func:`document_graph_iri` of the document.

    Raises
    ------
    ValueError
        If an entity or edge has a type the vocabulary does not know.
    """
    doc_id = graph.document.id
    writer = _Writer(document_graph_iri(doc_id), doc_id, tuple(graph.text_lines), ordered=True)
    if not any(entity.id == doc_id for entity in graph.entities):
        # the document record stands outside the entity list: position -1 says so to the reader
        writer.entity(graph.document, -1)
    for index, entity in enumerate(graph.entities):
        writer.entity(entity, index)
    writer.rendition(doc_id, tuple(graph.text_lines))
    for index, edge in enumerate(graph.edges):
        writer.edge(edge, doc_id, index, derived_from=(doc_id,))
    return writer.quads


#: the name the store has always used for :func:`document_triples`
document_quads = document_triples


def derived_quads(name: str, edges: Iterable[Edge]) -> list[Quad]:
    """Quads of edges derived across documents (alignment), in their own named graph.

    Raises
    ------
    ValueError
        If an edge has a type the vocabulary does not know.
    """
    writer = _Writer(derived_graph_iri(name), ordered=True)
    for index, edge in enumerate(edges):
        writer.edge(edge, edge.evidence[0].document if edge.evidence else name, index)
    return writer.quads


def graph_triples(entities: Iterable[Entity], edges: Iterable[Edge]) -> list[Triple]:
    """The triples of a graph view (for exports): entities, edges and their evidence, no storage order.

    Raises
    ------
    ValueError
        If an entity or edge has a type the vocabulary does not know.
    """
    writer = _Writer(DefaultGraph())
    for entity in entities:
        writer.entity(entity)
    for edge in edges:
        writer.edge(edge, edge.evidence[0].document if edge.evidence else "")
    return [quad.triple for quad in writer.quads]


def to_rdflib(statements: Iterable[Quad | Triple]) -> "rdflib.Graph":
    """An rdflib graph of pyoxigraph triples or quads (graph names dropped: the union)."""
    import rdflib

    nodes: dict[str, rdflib.term.Node] = {}

    def convert(term):
        if isinstance(term, NamedNode):
            node = nodes.get(term.value)
            if node is None:
                node = nodes[term.value] = rdflib.URIRef(term.value)
            return node
        if isinstance(term, BlankNode):
            return rdflib.BNode(term.value)
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        # xsd:string is the plain literal to rdflib; typing it would break comparisons with parsed graphs
        if datatype == XSD + "string":
            return rdflib.Literal(term.value)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(datatype))

    graph = rdflib.Graph()
    for statement in statements:
        graph.add((convert(statement.subject), convert(statement.predicate), convert(statement.object)))
    return graph


def graph_to_rdflib(entities: Iterable[Entity], edges: Iterable[Edge]) -> "rdflib.Graph":
    """A graph view as an rdflib graph (for JSON-LD and for SHACL), with our prefixes bound."""
    from ontology import PREFIXES

    graph = to_rdflib(graph_triples(entities, edges))
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


# ------------------------------------------------------------------------------------ reading
# Two readers share one assembly: from quads (any source, e.g. a parsed export) and from the store
# by SPARQL, which answers one row per record instead of one per quad and is several times faster.
#: the fields of a record -> the property holding each (one value per record in its named graph)
ENTITY_FIELDS = {"label": PREF_LABEL.value, "name": RDFS + "label", "text": SKG + "text",
                 "confidence": SKG + "confidence", "method": SKG + "method", "document": SKG + "document",
                 "organisation": SKG + "organisation", "title": DCTERMS + "title", "index": SKG + "index",
                 "aliasList": SKG + "aliasList", "publisherList": SKG + "publisherList",
                 **{name: SKG + local for name, local in _OPTIONAL.items()}}
EDGE_FIELDS = {"source": RDF + "subject", "predicate": RDF + "predicate", "target": RDF + "object",
               "confidence": SKG + "confidence", "method": SKG + "method", "score": SKG + "score",
               "verdict": SKG + "verdict", "index": SKG + "index"}
EVIDENCE_FIELDS = {"index": SKG + "index", "document": SKG + "document", "lineStart": SKG + "lineStart",
                   "lineEnd": SKG + "lineEnd"}
_LAST = 1 << 30  # the position of a record stored without skg:index (written by someone else)


def _value(term) -> str | None:
    return None if term is None else term.value


def make_entity(iri: str, kind: str, values: dict, evidence: tuple[Evidence, ...], aliases: tuple[str, ...],
                publishers: tuple[str, ...]) -> Entity:
    """An Entity from its fields' lexical values (None where absent)."""
    label = values.get("label") if values.get("label") is not None else values.get("name")
    document, organisation = values.get("document"), values.get("organisation")
    return Entity(
        id=entity_id(iri), type=kind, label=label or "", text=values.get("text") or "",
        document=entity_id(document) if document is not None else None,
        organisation=entity_id(organisation) if organisation is not None else None,
        confidence=float(values.get("confidence") or 0.0), method=values.get("method") or "",
        evidence=evidence, aliases=aliases, publishers=publishers, title=values.get("title"),
        **{name: values.get(name) for name in _OPTIONAL},
    )


def make_edge(values: dict, evidence: tuple[Evidence, ...]) -> Edge:
    """An Edge from its assertion's lexical values (None where absent)."""
    score = values.get("score")
    return Edge(source=entity_id(values["source"]), target=entity_id(values["target"]),
                type=_TYPE_OF_PROPERTY[values["predicate"]],
                confidence=float(values.get("confidence") or 0.0),
                method=values.get("method") or "", evidence=evidence,
                score=float(score) if score is not None else None, verdict=values.get("verdict"))


def make_evidence(values: dict, quote: str) -> tuple[int, Evidence]:
    """A piece of evidence and its position among its owner's."""
    return int(values["index"]), Evidence(entity_id(values["document"]), int(values["lineStart"]),
                                          int(values["lineEnd"]), quote)


def make_lines(content, count: str | None) -> tuple[str, ...]:
    """A document's lines from its rendition's content literal and line count."""
    if content is None or not count or int(count) == 0:
        return ()
    if content.datatype == RDF_JSON:
        return tuple(json.loads(content.value))
    return tuple(content.value.split("\n"))


def _ordered(items: list[tuple[int, object]]) -> list:
    return [item for _, item in sorted(items, key=lambda pair: pair[0])]


def assemble(entities: list[tuple[int, str, Entity]], edges: list[tuple[int, tuple, Edge]],
             lines: tuple[str, ...]) -> DocumentGraph:
    """A DocumentGraph from its records and their stored positions.

    Raises
    ------
    ValueError
        If no record is a document. A record at position -1 is the document record kept outside
        ``DocumentGraph.entities``.
    """
    document = next((entity for _, _, entity in entities if entity.type == "document"), None)
    if document is None:
        raise ValueError("these quads hold no document record (a skg:Document)")
    listed = sorted((item for item in entities if item[0] >= 0), key=lambda item: (item[0], item[1]))
    return DocumentGraph(document=document, entities=[entity for _, _, entity in listed],
                         edges=[edge for _, _, edge in sorted(edges, key=lambda item: (item[0], item[1]))],
                         text_lines=lines)


class _Quads:
    """Quads grouped by subject: ``fields[str(subject)][predicate IRI] -> [object terms]``.

    ``str(term)`` is the N-Triples form, which tells IRIs, blank nodes and literals apart.
    """

    def __init__(self, quads: Iterable[Quad]):
        self.fields: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for quad in quads:
            self.fields[str(quad.subject)][quad.predicate.value].append(quad.object)

    def get(self, node) -> dict[str, list]:
        return self.fields.get(str(node), {})

    def values(self, fields: dict[str, list], names: dict[str, str]) -> dict[str, str | None]:
        return {name: _value(fields[iri][0]) if fields.get(iri) else None for name, iri in names.items()}

    def ordered(self, fields: dict[str, list], listed: str, plain: str) -> list:
        """The values of an rdf:List property if present, else those of the plain property."""
        return self.list_values(fields[listed][0]) if listed in fields else fields.get(plain, [])

    def list_values(self, head) -> list:
        values = []
        while str(head) != f"<{RDF}nil>":
            cell = self.get(head)
            values.append(cell[RDF + "first"][0])
            head = cell[RDF + "rest"][0]
        return values

    def evidence(self, fields: dict[str, list]) -> tuple[Evidence, ...]:
        items = []
        for node in fields.get(SKG + "evidence", ()):
            evidence = self.get(node)
            quote = next((self.get(s)[OA + "exact"][0].value for s in evidence.get(OA + "hasSelector", ())
                          if self.get(s).get(OA + "exact")), "")
            items.append(make_evidence(self.values(evidence, EVIDENCE_FIELDS), quote))
        return tuple(_ordered(items))


def position(index: str | None) -> int:
    """A record's stored position (``skg:index``); records stored without one go last."""
    return int(index) if index is not None else _LAST


def document_graph_from_quads(quads: Iterable[Quad]) -> DocumentGraph:
    """The DocumentGraph that :func:`document_triples` wrote, exactly.

    Parameters
    ----------
    quads
        The quads of one document's named graph (graph names are ignored).

    Raises
    ------
    ValueError
        If the quads hold no document record.
    """
    grouped = _Quads(quads)
    entities: list[tuple[int, str, Entity]] = []
    lines: tuple[str, ...] = ()
    for key, fields in grouped.fields.items():
        kinds = [_TYPE_OF_CLASS[t.value] for t in fields.get(RDF + "type", ()) if t.value in _TYPE_OF_CLASS]
        if not kinds:
            continue
        values = grouped.values(fields, ENTITY_FIELDS)
        # the store's lists keep the order; a view (an export) has the plain, unordered properties
        aliases = tuple(t.value for t in grouped.ordered(fields, SKG + "aliasList", ALT_LABEL.value))
        publishers = tuple(entity_id(t.value) for t in grouped.ordered(fields, SKG + "publisherList",
                                                                       PUBLISHER.value))
        entity = make_entity(key[1:-1], kinds[0], values, grouped.evidence(fields), aliases, publishers)
        entities.append((position(values["index"]), entity.id, entity))
        if kinds[0] == "document":
            rendition = grouped.get(rendition_iri(entity.id))
            content, count = rendition.get(SKG + "content"), rendition.get(SKG + "lineCount")
            lines = make_lines(content[0] if content else None, count[0].value if count else None)
    return assemble(entities, _edges_of(grouped), lines)


def _edges_of(grouped: _Quads) -> list[tuple[int, tuple, Edge]]:
    """Every assertion of the quads as an Edge, with its stored position."""
    edges = []
    assertion = ASSERTION_TYPES[0].value
    for fields in grouped.fields.values():
        if any(term.value == assertion for term in fields.get(RDF + "type", ())):
            values = grouped.values(fields, EDGE_FIELDS)
            edge = make_edge(values, grouped.evidence(fields))
            edges.append((position(values["index"]), edge.key, edge))
    return edges


def edges_from_quads(quads: Iterable[Quad]) -> list[Edge]:
    """Edges read back from a named graph of derived edges, in the order they were stored."""
    grouped = _Quads(quads)
    return [edge for _, _, edge in sorted(_edges_of(grouped), key=lambda item: (item[0], item[1]))]


__all__ = ["document_triples", "document_quads", "derived_quads", "graph_triples", "graph_to_rdflib",
           "to_rdflib", "document_graph_from_quads", "edges_from_quads", "entity_iri", "entity_id",
           "document_graph_iri", "derived_graph_iri", "rendition_iri", "extraction_iri", "assertion_iri",
           "ENTITY_FIELDS", "EDGE_FIELDS", "EVIDENCE_FIELDS", "make_entity", "make_edge", "make_evidence",
           "make_lines", "assemble", "position"]
