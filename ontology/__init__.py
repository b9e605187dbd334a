"""The shared vocabulary: namespaces, and the paths of the ontology and its SHACL shapes.

`strategy.ttl` declares our classes and properties and grounds them in public vocabularies;
`shapes.ttl` holds the SHACL shapes the whole graph must satisfy; `context.jsonld` is the
published JSON-LD context. This package holds no logic and imports nothing of the project.
"""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
ONTOLOGY_PATH = HERE / "strategy.ttl"
SHAPES_PATH = HERE / "shapes.ttl"
CONTEXT_PATH = HERE / "context.jsonld"

#: our vocabulary
SKG = "https://w3id.org/strategy-kg/ontology#"
#: our data: entities, evidence, assertions and named graphs
DATA = "https://w3id.org/strategy-kg/id/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
ORG = "http://www.w3.org/ns/org#"

#: entity type -> our class's local name
CLASSES = {"organisation": "Organisation", "document": "Document", "vision": "Vision", "priority": "Priority",
           "initiative": "Initiative", "enabler": "Enabler", "metric": "Metric", "risk": "Risk"}
#: edge type -> our property's local name
PROPERTIES = {"publishes": "publishes", "states": "states", "owns": "owns", "serves": "serves",
              "supports": "supports", "measures": "measures", "leads": "leads", "part_of": "partOf",
              "aligns_with": "alignsWith", "mentions": "mentions"}
