"""Every analysis of :mod:`resograph.views.analysis` as a pandas DataFrame, for notebooks.

The columns are the ones ``resograph stats`` prints (the command renders these very frames), and
``title`` follows the one title rule (:mod:`resograph.views.titles`): empty where an instrument has
no title, never its key again. Rows are ranked from 1 in a ``#`` index, as in the CLI.

>>> from resograph.views.network import load
>>> most_cited(load("tests/fixtures/explorer-sample.ttl"), 1).loc[1, "instrument"]
'convention:cybercrime-2024'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

from resograph.views import analysis

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = {
    "most_cited": ["instrument", "in-degree", "citations", "title"],
    "pagerank": ["instrument", "pagerank", "title"],
    "chain": ["instrument", "year", "title"],
    "co_citation": ["instrument a", "instrument b", "paragraphs"],
    "coupling": ["instrument a", "instrument b", "shared"],
    "clusters": ["size", "members", "most cited", "title"],
}


def _frame(rows: list[list], name: str) -> "pd.DataFrame":
    import pandas as pd

    frame = pd.DataFrame(rows, columns=COLUMNS[name])
    frame.index = pd.RangeIndex(1, len(frame) + 1, name="#")
    return frame


def _title(G: nx.DiGraph, key: str) -> str:
    return G.nodes[key].get("title") or ""


def most_cited(G: nx.DiGraph, n: int | None = 10) -> "pd.DataFrame":
    """Instruments by citing instruments (``in-degree``), then citing paragraphs (``citations``)."""
    return _frame([[k, a, b, _title(G, k)] for k, a, b in analysis.most_cited(G, n)], "most_cited")


def pagerank(G: nx.DiGraph, n: int | None = 10) -> "pd.DataFrame":
    """PageRank over citing → cited and article → treaty, highest first."""
    return _frame([[k, score, _title(G, k)] for k, score in analysis.pagerank(G, n)], "pagerank")


def chain(G: nx.DiGraph) -> "pd.DataFrame":
    """The longest citation chain, newest first, one row per instrument."""
    return _frame([[k, G.nodes[k].get("year"), _title(G, k)] for k in analysis.longest_chain(G)], "chain")


def co_citation(G: nx.DiGraph, n: int | None = 10, level: str = "paragraph") -> "pd.DataFrame":
    """Pairs cited together in one paragraph (``level="document"``: in one citing instrument)."""
    return _frame([list(r) for r in analysis.co_citation(G, n, level)], "co_citation")


def coupling(G: nx.DiGraph, n: int | None = 10) -> "pd.DataFrame":
    """Pairs of citing instruments sharing references (bibliographic coupling)."""
    return _frame([list(r) for r in analysis.bibliographic_coupling(G, n)], "coupling")


def clusters(G: nx.DiGraph, n: int | None = None) -> "pd.DataFrame":
    """The Louvain communities (seed 0), largest first: size, members (a list), the most cited member
    and its title. Row ``i`` is the cluster the page colours ``i`` (rank ``i - 1`` in the export)."""
    counts = {k: (a, b) for k, a, b in analysis.most_cited(G, None)}
    rows = []
    for group in analysis.clusters(G)[:n]:
        top = min(group, key=lambda k: (-counts.get(k, (0, 0))[0], -counts.get(k, (0, 0))[1], k))
        rows.append([len(group), group, top, _title(G, top)])
    return _frame(rows, "clusters")


def membership(G: nx.DiGraph) -> "pd.DataFrame":
    """One row per instrument: its ``cluster`` (the ``#`` of :func:`clusters`), kind, body, year and title."""
    import pandas as pd

    home = {k: i for i, group in enumerate(analysis.clusters(G), 1) for k in group}
    rows = [[k, home[k], d.get("kind"), d.get("body"), d.get("year"), d.get("title") or ""]
            for k, d in sorted(G.nodes(data=True))]
    return pd.DataFrame(rows, columns=["instrument", "cluster", "kind", "body", "year", "title"])


def all_tables(G: nx.DiGraph, n: int | None = 10) -> dict[str, "pd.DataFrame"]:
    """Every analysis at once, by the names of :data:`COLUMNS`."""
    return {"most_cited": most_cited(G, n), "pagerank": pagerank(G, n), "chain": chain(G),
            "co_citation": co_citation(G, n), "coupling": coupling(G, n), "clusters": clusters(G, n)}
