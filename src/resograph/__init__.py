"""ResoGraph: a citation knowledge graph of international legal instruments.

Public API (kept small on purpose):

- :func:`resograph.reading.extract.extract` / :func:`resograph.reading.extract.extract_file` — text to citations.
"""

from resograph.core.version import __version__

__all__ = ["__version__"]
