"""SHACL validation of the graph against ``ontology/shapes.ttl``, with pyshacl.

The ontology is passed as ``ont_graph`` so that ``sh:class`` follows our subclass tree (a trap
noted in the project's ontology notes); inference is off, as OWL-RL costs ten times more.
Must not import flask, api or spaCy.
"""
from __future__ import annotations

from dataclasses import dataclass

import rdflib

from ontology import ONTOLOGY_PATH, SHAPES_PATH


@dataclass(frozen=True)
class Report:
    conforms: bool
    violations: int
    text: str


def to_rdflib(quads) -> rdflib.Graph:
    """A union graph of pyoxigraph quads, as rdflib sees it."""
    import pyoxigraph

    data = pyoxigraph.serialize([pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in quads],
                                format=pyoxigraph.RdfFormat.N_TRIPLES)
    graph = rdflib.Graph()
    graph.parse(data=data.decode("utf-8"), format="nt")
    return graph


def validate(data: rdflib.Graph) -> Report:
    """Validate a data graph; the report counts violations and says what they are."""
    import pyshacl

    shapes = rdflib.Graph().parse(SHAPES_PATH, format="turtle")
    ontology = rdflib.Graph().parse(ONTOLOGY_PATH, format="turtle")
    conforms, results, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none",
                                               abort_on_first=False, allow_warnings=False)
    count = sum(1 for _ in results.subjects(rdflib.RDF.type, rdflib.URIRef("http://www.w3.org/ns/shacl#ValidationResult")))
    return Report(bool(conforms), count, text)
