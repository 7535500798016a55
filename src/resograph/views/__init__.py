"""Views of a built graph: the networkx projection (``network``), its analyses (``analysis``) and the
offline explorer page (``explore``). Depends on :mod:`resograph.query` and below.
"""
