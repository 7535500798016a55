"""The network for other tools (Gephi, Cytoscape, networkx again): GEXF and GraphML files.

Both formats take only attributes of plain types (str, int, float, bool) and no None, so
:func:`plain` turns the projection's lists and dicts into strings: ``relations`` and ``functions``
joined by ``;``, the citing paragraphs as ``paragraphs``, one ``title_LANG`` per language. It also
adds what a reader of the file wants to colour and size by: ``cluster`` (the communities of
``resograph stats``), ``pagerank``, ``cited_by`` (citing instruments) and ``citations`` (citing
paragraphs).

>>> from resograph.views.network import load
>>> H = plain(load("tests/fixtures/explorer-sample.ttl"))
>>> H.edges["GA-2025-93-RES-03", "A/RES/51/1"]["functions"], H.nodes["A/RES/51/1"]["cited_by"]
('recalling', 1)
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from resograph.core.files import replacing
from resograph.views import analysis

FORMATS = {"gexf": nx.write_gexf, "graphml": nx.write_graphml}
_PLAIN = (str, int, float, bool)


def _flat(value) -> str | int | float | bool | None:
    if value is None or isinstance(value, _PLAIN):
        return value
    if isinstance(value, (list, tuple, set)):
        return ";".join(str(v) for v in value)
    return str(value)


def node_metrics(G: nx.DiGraph, memo=None) -> dict[str, dict]:
    """Per instrument: ``cluster`` (rank of its community, 0 = largest), ``pagerank``, ``cited_by``
    and ``citations``, the figures the page and ``stats`` use (``memo``: :func:`analysis.clusters`)."""
    cluster = {k: i for i, group in enumerate(analysis.clusters(G, memo=memo)) for k in group}
    rank = dict(analysis.pagerank(G, None, memo=memo))
    counts = analysis.citing_counts(G)
    return {k: {"cluster": cluster.get(k, -1), "pagerank": float(rank.get(k, 0.0)),
                "cited_by": counts[k][0], "citations": counts[k][1]} for k in G}


def plain(G: nx.DiGraph, memo=None) -> nx.DiGraph:
    """A copy of ``G`` whose attributes are all plain values, ready for ``write_gexf``/``write_graphml``."""
    H = nx.DiGraph()
    metrics = node_metrics(G, memo)
    for k, d in G.nodes(data=True):
        attrs = {name: _flat(v) for name, v in d.items() if name not in ("titles", "key")}  # key: the id
        attrs.update({f"title_{lang or 'und'}": t for lang, t in (d.get("titles") or {}).items()})
        attrs.update(metrics[k])
        attrs["label"] = d.get("title") or k
        H.add_node(k, **{n: v for n, v in attrs.items() if v is not None})
    for u, v, d in G.edges(data=True):
        attrs = {name: _flat(x) for name, x in d.items() if name != "citations"}
        attrs["paragraphs"] = ";".join(c["paragraph"] for c in d.get("citations", ()) if c.get("paragraph"))
        H.add_edge(u, v, **{n: x for n, x in attrs.items() if x is not None})
    return H


def write_network(G: nx.DiGraph, out: str | Path, fmt: str, memo=None) -> Path:
    """Write ``G`` (made :func:`plain` first) as ``gexf`` or ``graphml``, atomically."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    out = Path(out)
    with replacing(out, ".network-", f".{fmt}") as tmp:
        FORMATS[fmt](plain(G, memo), str(tmp))
    return out
