"""The graph: extractions and the registry as RDF (``rdf``), validated (``validate``, ``shapecheck``),
built and rebuilt (``build``, ``incremental``, ``cache``) into the store (``store``).

Depends on :mod:`resograph.reading` and :mod:`resograph.core`.
"""
