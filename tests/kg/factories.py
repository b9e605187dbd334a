"""Small DocumentGraphs built by hand, for the store, RDF, export and SHACL tests (no models, milliseconds).

``small_document`` is one strategy with every entity and edge type, evidence that quotes its
lines and an organisation shared with other documents; ``sized_document`` scales it up to the
corpus's size (about 500 entities) for timing the store.
"""
from __future__ import annotations

import hashlib

from kg.records import DocumentGraph, Edge, Entity, Evidence


def _hex(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()


def doc_id(name: str) -> str:
    return f"doc-{_hex(name)[:12]}"


class _Document:
    """Lines of text, and entities whose evidence quotes the line it adds."""

    def __init__(self, name: str):
        self.name = name
        self.id = doc_id(name)
        self.lines: list[str] = []
        self.entities: list[Entity] = []
        self.edges: list[Edge] = []

    def line(self, text: str) -> Evidence:
        self.lines.append(text)
        return Evidence(self.id, len(self.lines), len(self.lines), " ".join(text.split()))

    def stated(self, kind: str, label: str, text: str | None = None, number: str | None = None,
               organisation: str | None = None, confidence: float = 0.9, method: str = "structure",
               section: str | None = None) -> Entity:
        text = text or label
        evidence = self.line(f"{number}. {text}" if number else text)
        prefix = {"vision": "vis", "priority": "pri", "initiative": "ini", "enabler": "ena", "metric": "met",
                  "risk": "rsk"}[kind]
        entity = Entity(id=f"{prefix}-{_hex(self.id, kind, text)[:12]}", type=kind, label=label, text=text,
                        document=self.id, organisation=organisation, number=number, confidence=confidence,
                        method=method, evidence=(evidence,), section=section)
        self.entities.append(entity)
        self.edge(self.id, entity.id, "states", 1.0, "structure", evidence)
        return entity

    def edge(self, source: str, target: str, kind: str, confidence: float = 0.8, method: str = "structure",
             evidence: Evidence | None = None, **extra) -> Edge:
        edge = Edge(source, target, kind, confidence, method, (evidence,) if evidence else (), **extra)
        self.edges.append(edge)
        return edge


def small_document(name: str = "riverside.md", place: str = "Riverside", priorities: int = 3,
                   initiatives_per_priority: int = 2) -> DocumentGraph:
    """One strategy with every entity type and edge type, its evidence quoting its own lines."""
    doc = _Document(name)
    title = doc.line(f"# {place} Health and Wellbeing Strategy 2025-2030")
    ccg = f"org-nhs-{place.lower()}-ccg"
    council = f"org-{place.lower()}-borough-council"
    shared = "org-care-quality-commission"
    names = doc.line(f"NHS {place} Clinical Commissioning Group and {place} Borough Council")
    regulator_line = doc.line("Inspected by the Care Quality Commission.")
    organisations = [
        _organisation(ccg, f"NHS {place} CCG", "commissioner", 0.95, "ner", names,
                      (f"NHS {place} Clinical Commissioning Group", f"{place} CCG")),
        _organisation(council, f"{place} Borough Council", "local authority", 0.9, "rule", names,
                      (f"{place} Borough Council",)),
        _organisation(shared, "Care Quality Commission", "regulator", 0.7, "ner", regulator_line,
                      ("CQC", "Care Quality Commission")),
    ]
    full_title = f"{place} Health and Wellbeing Strategy 2025-2030"
    document = Entity(id=doc.id, type="document", label=full_title, text=full_title, document=doc.id,
                      organisation=ccg, number=None, confidence=1.0, method="structure", evidence=(title,),
                      source=name, sha256=_hex("bytes", name), title=f"{place} Health and Wellbeing Strategy",
                      publishers=(ccg, council), media_type="text/markdown",
                      ingested_at="2025-01-02T03:04:05+00:00")
    doc.edge(ccg, doc.id, "publishes", 0.95, "ner", names)
    doc.edge(council, doc.id, "publishes", 0.9, "rule", names)
    doc.edge(doc.id, shared, "mentions", 0.7, "ner", regulator_line)
    vision = doc.stated("vision", "Longer, healthier lives",
                        f"Everyone in {place} lives a longer, healthier life.")
    doc.edge(ccg, vision.id, "owns", 0.9, "structure", vision.evidence[0])
    enabler = doc.stated("enabler", "Workforce", "Enabler - a workforce with the skills we need",
                         section="Enablers")
    for p in range(1, priorities + 1):
        priority = doc.stated("priority", f"Priority {p} for {place}",
                              f"Priority {p}: improve outcome {p} in {place}", number=str(p),
                              organisation=ccg, section="Our priorities")
        doc.edge(ccg, priority.id, "owns", 0.85, "structure", priority.evidence[0])
        doc.edge(enabler.id, priority.id, "supports", 0.6, "rule", enabler.evidence[0])
        previous = None
        for i in range(1, initiatives_per_priority + 1):
            initiative = doc.stated("initiative", f"Action {p}.{i}", f"Deliver action {p}.{i} with partners",
                                    number=f"{p}.{i}", organisation=council, confidence=0.75, method="rule",
                                    section=f"Priority {p}")
            doc.edge(initiative.id, priority.id, "serves", 0.8, "structure", initiative.evidence[0])
            doc.edge(council, initiative.id, "leads", 0.7, "rule", initiative.evidence[0])
            if previous is not None:
                doc.edge(initiative.id, previous.id, "part_of", 0.5, "structure", initiative.evidence[0])
            previous = initiative
        metric = doc.stated("metric", f"Measure {p}", f"Percentage of people reporting outcome {p}",
                            section="Key performance indicators")
        doc.edge(metric.id, priority.id, "measures", 0.8, "structure", metric.evidence[0])
    doc.stated("risk", "Recruitment", "Recruitment of health visitors may fall short", confidence=0.6,
               method="rule")
    doc.line("")  # a trailing empty line, which the text must keep
    return DocumentGraph(document=document, entities=[document, *organisations, *doc.entities],
                         edges=doc.edges, text_lines=tuple(doc.lines))


def _organisation(org_id: str, name: str, kind: str, confidence: float, method: str, evidence: Evidence,
                  aliases: tuple[str, ...]) -> Entity:
    return Entity(id=org_id, type="organisation", label=name, text=name, document=None, organisation=None,
                  number=None, confidence=confidence, method=method, evidence=(evidence,), aliases=aliases,
                  kind=kind)


def sized_document(number: int, entities: int = 500) -> DocumentGraph:
    """A document of about ``entities`` entities, the size of a corpus strategy."""
    per_priority = 8
    priorities = max(1, entities // (per_priority + 2))
    return small_document(f"plan-{number}.md", f"Place{number}", priorities=priorities,
                          initiatives_per_priority=per_priority)


def alignment_edges(source: DocumentGraph, target: DocumentGraph) -> list[Edge]:
    """Derived aligns_with edges between the first priorities of two documents."""
    first = [e for e in source.entities if e.type == "priority"]
    second = [e for e in target.entities if e.type == "priority"]
    return [Edge(a.id, b.id, "aligns_with", 0.83, "embedding", (a.evidence[0], b.evidence[0]), score=0.8312,
                 verdict="aligned" if i == 0 else "partial")
            for i, (a, b) in enumerate(zip(first, second))]
