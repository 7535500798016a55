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

import time
from pathlib import Path
from xml.sax.saxutils import escape

import networkx as nx

from resograph.core.files import replacing
from resograph.views import analysis

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


# What nx.write_gexf reads from node and edge data other than plain attributes: a graph with any of
# these is left to it. (`label` of a node and `weight` of an edge are written here as it writes them.)
_GEXF_SPECIAL = frozenset({"id", "label", "pid", "start", "end", "parents", "slices", "spells", "viz",
                           "weight", "type", "key"})
_GEXF_GRAPH_KEYS = frozenset({"mode", "name", "node_default", "edge_default"})


def _xml_attr(text: str) -> str:
    """An attribute value escaped as xml.etree.ElementTree escapes it."""
    return escape(text, _XML_ATTR_ENTITIES)


_XML_ATTR_ENTITIES = {'"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#09;"}


def _gexf_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    text = str(v)
    if isinstance(v, float):
        text = {"inf": "INF", "nan": "NaN", "-inf": "-INF"}.get(text, text)
    return _xml_attr(text)


def _gexf_plain(G: nx.DiGraph) -> bool:
    """True when ``G`` is what :func:`write_gexf` writes itself: directed, not a multigraph, no graph
    attributes nx.write_gexf reads, no special or non-plain node or edge data."""
    if not G.is_directed() or G.is_multigraph() or _GEXF_GRAPH_KEYS & G.graph.keys():
        return False
    node_ok = _GEXF_SPECIAL - {"label"}
    edge_ok = _GEXF_SPECIAL - {"weight"}
    return (all(not (node_ok & d.keys()) and all(type(v) in _PLAIN for v in d.values())
                for _, d in G.nodes(data=True))
            and all(not (edge_ok & d.keys()) and all(type(v) in _PLAIN for v in d.values())
                    for _, _, d in G.edges(data=True)))


def write_gexf(G: nx.DiGraph, path: str | Path) -> None:
    """``nx.write_gexf(G, path)``, byte for byte, written as text rather than built as an XML tree
    (~4x quicker: the tree's building and serialising were ~10 CPU-s of `explore --format gexf` at
    10,000 documents). A graph this does not cover (:func:`_gexf_plain`) goes to ``nx.write_gexf``.

    >>> import io, tempfile
    >>> G = nx.DiGraph(); G.add_node("a", label="A & B", year=1996); G.add_edge("a", "b", weight=2, cites=True)
    >>> with tempfile.TemporaryDirectory() as d:
    ...     write_gexf(G, f"{d}/mine.gexf"); nx.write_gexf(G, f"{d}/nx.gexf")
    ...     Path(f"{d}/mine.gexf").read_bytes() == Path(f"{d}/nx.gexf").read_bytes()
    True
    """
    if not _gexf_plain(G):
        nx.write_gexf(G, path)
        return
    from networkx.readwrite.gexf import GEXF

    table = GEXF()
    table.construct_types()
    table.set_version("1.2draft")
    types = table.xml_type
    ids: dict[tuple[str, str], str] = {}  # (class, title) → id, one counter for both classes
    declared: dict[str, list[str]] = {"node": [], "edge": []}
    blocks: list[str] = []  # the classes in the order nx.write_gexf puts them (each new one first)

    def attvalues(cls: str, data: dict, pad: str) -> list[str]:
        out = [f"{pad}<attvalues>"]
        for k, v in data.items():
            aid = ids.get((cls, k))
            if aid is None:
                aid = ids[(cls, k)] = str(len(ids))
                declared[cls].append(f'<attribute id="{aid}" title="{_xml_attr(k)}" type="{types[type(v)]}" />')
                if cls not in blocks:
                    blocks.insert(0, cls)
            out.append(f'{pad}  <attvalue for="{aid}" value="{_gexf_value(v)}" />')
        out.append(f"{pad}</attvalues>")
        return out

    nodes: list[str] = []
    for k, d in G.nodes(data=True):
        data = dict(d)
        head = f'<node id="{_xml_attr(str(k))}" label="{_xml_attr(str(data.pop("label", k)))}"'
        nodes.append(_element(head, "node", attvalues("node", data, "        ") if data else [], "      "))
    edges: list[str] = []
    for n, (u, v, d) in enumerate(G.edges(data=True)):
        data = dict(d)
        head = f'<edge source="{_xml_attr(str(u))}" target="{_xml_attr(str(v))}" id="{n}"'
        if "weight" in data:
            head += f' weight="{_xml_attr(str(data.pop("weight")))}"'
        edges.append(_element(head, "edge", attvalues("edge", data, "        ") if data else [], "      "))
    parts = [f'    <attributes mode="static" class="{cls}">\n'
             + "".join(f"      {line}\n" for line in declared[cls]) + "    </attributes>" for cls in blocks]
    parts += [_element(f"<{tag}", tag, lines, "    ") for tag, lines in (("nodes", nodes), ("edges", edges))]
    body = '  <graph defaultedgetype="directed" mode="static" name="">\n' + "\n".join(parts) + "\n  </graph>"
    with open(path, "wb") as f:
        f.write(_gexf_document(table, body).encode("utf-8", "xmlcharrefreplace"))


def _gexf_document(table, body: str) -> str:
    """The declaration, the root element with its meta data, and ``body`` (the graph element)."""
    return ("<?xml version='1.0' encoding='utf-8'?>\n"
            f'<gexf xmlns="{table.NS_GEXF}" xmlns:xsi="{table.NS_XSI}" '
            f'xsi:schemaLocation="{table.SCHEMALOCATION}" version="{table.VERSION}">\n'
            f'  <meta lastmodifieddate="{time.strftime("%Y-%m-%d")}">\n'
            f"    <creator>NetworkX {nx.__version__}</creator>\n  </meta>\n{body}\n</gexf>\n")


def _element(head: str, tag: str, children: list[str], pad: str) -> str:
    """``<tag …>`` with its children's lines, or ``<tag … />`` without, as nx.write_gexf indents it."""
    if not children:
        return f"{pad}{head} />"
    return f"{pad}{head}>\n" + "\n".join(children) + f"\n{pad}</{tag}>"


FORMATS = {"gexf": write_gexf, "graphml": nx.write_graphml}


def write_network(G: nx.DiGraph, out: str | Path, fmt: str, memo=None) -> Path:
    """Write ``G`` (made :func:`plain` first) as ``gexf`` or ``graphml``, atomically."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    out = Path(out)
    with replacing(out, ".network-", f".{fmt}") as tmp:
        FORMATS[fmt](plain(G, memo), str(tmp))
    return out
