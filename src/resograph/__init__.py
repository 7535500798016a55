"""ResoGraph: a citation knowledge graph of international legal instruments.

Public API (kept small on purpose):

- :func:`resograph.extract.extract` / :func:`resograph.extract.extract_file` — text to citations.
"""

__version__ = "0.1.0"
