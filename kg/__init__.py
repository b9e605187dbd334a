"""The knowledge graph: identifiers, entities and edges with evidence, the store, alignment, queries, exports.

`kg` reads what `ingest` produces through its plain records and knows nothing of HTTP.
The one entry point for callers is :class:`kg.service.KnowledgeBase`.
"""
