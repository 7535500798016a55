"""A key parameter that names nothing in the graph: say so, with the closest keys.

An unknown key (a typo, a resolution not in the corpus) would otherwise give an empty answer that
reads as "nothing cites it". ``resograph query`` and the endpoint's ``/queries/NAME`` both ask
:data:`EXISTS` for each ``key`` parameter and, when it is false, answer :func:`unknown_key`, as
``explore --focus`` does.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from resograph.core import keys

#: true when the node (bound as ?node) is the subject or object of any triple
EXISTS = "ASK { { ?node ?p ?o } UNION { ?s ?p ?node } }"
#: every key of the graph, for the suggestions
KEYS = "SELECT DISTINCT ?key WHERE { ?node <http://purl.org/dc/terms/identifier> ?key }"


def closest(given: str, known: Iterable[str], n: int = 3) -> list[str]:
    """The keys nearest to ``given`` (as typed, or in its normalised form), best first."""
    return difflib.get_close_matches(keys.normalise_symbol(given.strip()), list(known), n=n, cutoff=0.5)


def unknown_key(param: str, given: str, known: Iterable[str], where: str = "") -> str:
    """The one-line message: ``key=A/RES/51/2: no such key in build (did you mean A/RES/51/1?)``."""
    close = closest(given, known)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    return f"{param}={given.strip()}: no such key{f' in {where}' if where else ''}{hint}"
