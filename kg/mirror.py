"""A copy of the store's named graphs on a SPARQL 1.1 server, through the Graph Store Protocol.

For deployments beyond one machine: set ``KG_SPARQL_URL`` to a server's Graph Store endpoint
(e.g. Oxigraph's ``http://127.0.0.1:7878/store``) and every named graph the store writes is PUT
there, every graph it drops is DELETEd, and :meth:`GraphStoreMirror.sync` pushes them all (a
server started later catches up). The embedded store stays the source of truth: a mirror that
cannot be reached is logged and reported by :attr:`GraphStoreMirror.last_error`, never a failed
ingest. Standard library HTTP only; knows nothing of Flask or of the records.
"""
from __future__ import annotations

import logging
import urllib.error
import urllib.parse
import urllib.request

log = logging.getLogger(__name__)

#: seconds one request to the mirror may take
TIMEOUT = 30.0


class GraphStoreMirror:
    """Puts and deletes named graphs at one Graph Store Protocol endpoint.

    Parameters
    ----------
    url
        The endpoint, ``http://`` or ``https://``; graphs are addressed as ``url?graph=IRI``.

    Raises
    ------
    ValueError
        When ``url`` is not an http(s) URL.
    """

    def __init__(self, url: str):
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise ValueError(f"the SPARQL mirror must be an http(s) Graph Store endpoint, not {url!r}")
        self.url = url
        #: what went wrong with the last request that failed; None once a request succeeds again
        self.last_error: str | None = None

    def put(self, graph: str, ntriples: bytes) -> bool:
        """Make the mirror's ``graph`` hold exactly these N-Triples; False (logged) when it failed."""
        return self._send("PUT", graph, ntriples)

    def delete(self, graph: str) -> bool:
        """Drop ``graph`` on the mirror (absent already counts as done); False (logged) when it failed."""
        return self._send("DELETE", graph)

    def sync(self, graphs: dict[str, bytes]) -> int:
        """PUT every graph of ``graphs`` (IRI → N-Triples); how many were mirrored."""
        return sum(self.put(graph, data) for graph, data in graphs.items())

    def _send(self, method: str, graph: str, body: bytes | None = None) -> bool:
        separator = "&" if urllib.parse.urlsplit(self.url).query else "?"
        target = f"{self.url}{separator}{urllib.parse.urlencode({'graph': graph})}"
        request = urllib.request.Request(target, data=body, method=method)
        if body is not None:
            request.add_header("Content-Type", "application/n-triples")
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT):
                pass
        except urllib.error.HTTPError as error:
            if method == "DELETE" and error.code == 404:
                self.last_error = None
                return True
            return self._failed(method, graph, f"HTTP {error.code} {error.reason}")
        except (urllib.error.URLError, OSError) as error:
            return self._failed(method, graph, str(getattr(error, "reason", error)))
        self.last_error = None
        return True

    def _failed(self, method: str, graph: str, reason: str) -> bool:
        self.last_error = f"{method} {graph} at {self.url} failed: {reason}"
        log.warning("SPARQL mirror: %s; the local store is unaffected", self.last_error)
        return False
