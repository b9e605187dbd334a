"""The shared vocabulary: namespaces, the ontology and SHACL shapes files, and a loader for them.

``strategy.ttl`` declares our classes and properties and grounds them in public vocabularies;
``shapes.ttl`` holds the SHACL shapes the whole graph must satisfy; ``context.jsonld`` is the
published JSON-LD context of our exports. Every layer names terms through the constants here, so
one vocabulary is shared from ingest to the API.

In: nothing. Out: paths, namespace strings, the entity-type and edge-type maps, and
:func:`ontology_graph` / :func:`shapes_graph` (rdflib graphs, parsed on call) and :func:`terms`
(our classes and properties, for the vocabulary's own page). Imports nothing of
the project (``ontology`` is the leftmost layer) and nothing heavy at import time. Raises only what
rdflib raises if a file were unreadable.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rdflib is imported when a graph is asked for, not when the package is
    import rdflib

HERE = Path(__file__).resolve().parent
ONTOLOGY_PATH = HERE / "strategy.ttl"
SHAPES_PATH = HERE / "shapes.ttl"
CONTEXT_PATH = HERE / "context.jsonld"

#: the ontology's own IRI
ONTOLOGY_IRI = "https://w3id.org/strategy-kg/ontology"
#: our vocabulary
SKG = "https://w3id.org/strategy-kg/ontology#"
#: our data: entities, evidence, assertions and named graphs
DATA = "https://w3id.org/strategy-kg/id/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
ORG = "http://www.w3.org/ns/org#"
FOAF = "http://xmlns.com/foaf/0.1/"
SH = "http://www.w3.org/ns/shacl#"

#: prefixes for serialisations that abbreviate IRIs (Turtle, SPARQL results as Turtle)
PREFIXES: dict[str, str] = {"skg": SKG, "data": DATA, "evidence": DATA + "evidence/",
                            "assertion": DATA + "assertion/", "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "skos": SKOS,
                            "dcterms": DCTERMS, "prov": PROV, "oa": OA, "org": ORG}

#: entity type (as the API names it) -> our class's local name
CLASSES: dict[str, str] = {
    "organisation": "Organisation", "document": "Document", "vision": "Vision", "priority": "Priority",
    "initiative": "Initiative", "enabler": "Enabler", "metric": "Metric", "risk": "Risk"}
#: edge type (as the API names it) -> our property's local name
PROPERTIES: dict[str, str] = {
    "publishes": "publishes", "states": "states", "owns": "owns", "serves": "serves", "supports": "supports",
    "measures": "measures", "leads": "leads", "part_of": "partOf", "aligns_with": "alignsWith",
    "mentions": "mentions"}
#: organisation kind (as the API names it) -> the class that types it beside skg:Organisation;
#: kinds not listed ("other") are typed skg:Organisation only
KIND_CLASSES: dict[str, str] = {
    "commissioner": "Commissioner", "local authority": "LocalAuthority", "national body": "NationalBody",
    "provider trust": "ProviderTrust", "regulator": "Regulator", "board or committee": "Board",
    "partnership or network": "Partnership", "voluntary sector": "VoluntaryOrganisation"}
#: how an entity or edge was found; shapes.ttl's sh:in lists the same values
METHODS: tuple[str, ...] = ("structure", "rule", "ner", "embedding", "model", "curated")
#: an alignment's verdict -> the sub-property of skg:alignsWith that states its strength
ALIGNMENT_STRENGTH: dict[str, str] = {"aligned": "alignsClosely", "partial": "alignsPartially"}


def ontology_graph() -> "rdflib.Graph":
    """The ontology (``strategy.ttl``) as a new rdflib graph.

    Returns
    -------
    rdflib.Graph
        A fresh graph each call, so a caller may add to it without touching anyone else's.
    """
    import rdflib

    return rdflib.Graph().parse(ONTOLOGY_PATH, format="turtle")


@dataclass(frozen=True)
class Term:
    """One class or property of the vocabulary, as a reader of its page needs it."""

    iri: str
    kind: str  # "class" or "property"
    label: str
    definition: str
    parents: tuple[str, ...]  # rdfs:subClassOf / rdfs:subPropertyOf, as IRIs
    domain: tuple[str, ...] = ()
    range: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """The term's local name (``Priority``, ``serves``)."""
        return self.iri.rsplit("#", 1)[-1]


def terms() -> list[Term]:
    """Our classes, then our properties, each in the order of their local names.

    Returns
    -------
    list[Term]
        Only the terms in our namespace (``SKG``); what they stand on is in ``parents``.
    """
    import rdflib
    from rdflib.namespace import OWL as _OWL, RDF as _RDF, RDFS as _RDFS, SKOS as _SKOS

    graph = ontology_graph()

    def objects(subject: rdflib.URIRef, predicate: rdflib.URIRef) -> tuple[str, ...]:
        return tuple(sorted(str(o) for o in graph.objects(subject, predicate) if isinstance(o, rdflib.URIRef)))

    found: list[Term] = []
    for kind, types, parent in (("class", (_OWL.Class, _RDFS.Class), _RDFS.subClassOf),
                                ("property", (_OWL.ObjectProperty, _OWL.DatatypeProperty, _RDF.Property),
                                 _RDFS.subPropertyOf)):
        subjects = {s for t in types for s in graph.subjects(_RDF.type, t)
                    if isinstance(s, rdflib.URIRef) and str(s).startswith(SKG)}
        for subject in sorted(subjects, key=lambda s: str(s).lower()):
            found.append(Term(str(subject), kind, str(graph.value(subject, _RDFS.label) or ""),
                              str(graph.value(subject, _SKOS.definition) or ""), objects(subject, parent),
                              objects(subject, _RDFS.domain), objects(subject, _RDFS.range)))
    return found


def shapes_graph() -> "rdflib.Graph":
    """The SHACL shapes (``shapes.ttl``) as a new rdflib graph."""
    import rdflib

    return rdflib.Graph().parse(SHAPES_PATH, format="turtle")


__all__ = ["ONTOLOGY_PATH", "SHAPES_PATH", "CONTEXT_PATH", "ONTOLOGY_IRI", "SKG", "DATA", "RDF", "RDFS",
           "OWL", "XSD", "SKOS", "DCTERMS", "PROV", "OA", "ORG", "FOAF", "SH", "PREFIXES", "CLASSES",
           "PROPERTIES", "KIND_CLASSES", "METHODS", "ALIGNMENT_STRENGTH", "Term", "terms", "ontology_graph",
           "shapes_graph"]
