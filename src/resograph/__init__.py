"""ResoGraph: a citation knowledge graph of international legal instruments.

The public API is :mod:`resograph.api` (its ``__all__`` is the one list of it), re-exported here
lazily (PEP 562) so that ``import resograph`` stays cheap::

    from resograph import extract, build, open_graph, query_df, network, explorer_html

>>> import resograph
>>> "build" in resograph.__all__ and resograph.extract is resograph.api.extract
True
"""

from __future__ import annotations

from typing import Any

from resograph.core.version import __version__  # noqa: F401  (resograph.__version__)


_SUBMODULES = frozenset({"api", "cli", "commands", "core", "graph", "query", "reading", "tools",
                         "views"})


def _api():
    import importlib

    return importlib.import_module("resograph.api")


def __getattr__(name: str) -> Any:
    """``resograph.NAME`` for a name of the API: imported from :mod:`resograph.api` on first use."""
    if name == "__all__":
        return ["__version__", *_api().__all__]
    if name in _SUBMODULES:
        # `from resograph import commands` asks for the attribute before importing the submodule:
        # answering from the API would import all of it (~0.8 s of every command's start)
        raise AttributeError(f"module 'resograph' has no attribute {name!r}")
    if not name.startswith("_") and name in _api().__all__:
        value = getattr(_api(), name)
        globals()[name] = value  # later look-ups skip this function
        return value
    raise AttributeError(f"module 'resograph' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_api().__all__))
