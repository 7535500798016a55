"""Querying a built graph: named SPARQL (``queries/*.rq``) run by ``sparql``, served over HTTP by ``server``.

Depends on :mod:`resograph.graph` and below.
"""
