"""SHACL validation of our graphs against ``ontology/shapes.ttl``, with pyshacl.

In: an rdflib graph (e.g. :func:`kg.rdf.graph_to_rdflib` of a view, or :func:`kg.rdf.to_rdflib`
of a store's quads) or records to turn into one. Out: a :class:`Report` — ``(conforms,
report_text, violations_count)``, also by name.

The ontology is passed as pyshacl's ``ont_graph`` so that ``sh:class`` and ``sh:targetClass``
follow our subclass tree (without it they pass silently); inference is ``none`` by default or
``rdfs`` on request, never OWL-RL, which costs ten times more. Must not import flask, api or
ingest. Raises ``ValueError`` for an unknown inference mode.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, NamedTuple

from ontology import SH, ontology_graph, shapes_graph

if TYPE_CHECKING:
    import rdflib

    from kg.records import Edge, Entity

INFERENCE = ("none", "rdfs")


class Report(NamedTuple):
    """What validation found: unpack it as ``conforms, text, violations``."""

    conforms: bool
    text: str
    violations: int


def validate(graph: "rdflib.Graph", inference: str = "none") -> Report:
    """Validate a data graph against our shapes.

    Parameters
    ----------
    graph
        The data graph; it is not changed.
    inference
        ``"none"`` (the default) or ``"rdfs"``.

    Returns
    -------
    Report
        Whether it conforms, pyshacl's report text and how many results are violations.

    Raises
    ------
    ValueError
        If ``inference`` is not one of :data:`INFERENCE`.
    """
    import pyshacl
    import rdflib

    if inference not in INFERENCE:
        raise ValueError(f"inference must be one of {', '.join(INFERENCE)}, not {inference!r}")
    conforms, results, text = pyshacl.validate(
        graph, shacl_graph=shapes_graph(), ont_graph=ontology_graph(), inference=inference,
        abort_on_first=False, allow_warnings=False, inplace=False)
    severity, violation = rdflib.URIRef(SH + "resultSeverity"), rdflib.URIRef(SH + "Violation")
    violations = sum(1 for _ in results.subjects(severity, violation))
    return Report(bool(conforms), str(text), violations)


def validate_records(entities: Iterable["Entity"], edges: Iterable["Edge"],
                     inference: str = "none") -> Report:
    """Validate entities and edges as they would be exported (see :func:`kg.rdf.graph_to_rdflib`)."""
    from kg.rdf import graph_to_rdflib

    return validate(graph_to_rdflib(entities, edges), inference)


__all__ = ["Report", "validate", "validate_records", "INFERENCE"]
