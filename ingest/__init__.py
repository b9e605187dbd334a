"""Ingest: documents in, typed and located statements out.

Loaders turn files into numbered lines; the pipeline finds the section tree, types each segment
(vision, priority, initiative, enabler, metric, risk), links them as the document does, and finds
the organisations named. It knows nothing of graphs, stores or HTTP.
"""
