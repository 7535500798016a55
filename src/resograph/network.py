"""The citation network: the RDF graph projected into a networkx ``DiGraph``.

Nodes are instruments keyed by their canonical key (``dcterms:identifier``); a treaty article is its
own node with a ``part_of`` edge to its treaty. Edges point from the citing to the cited instrument:

- ``cites``: the instrument (one of its paragraphs, or a registry fact) cites the target. The edge
  carries ``functions`` (clause functions, e.g. ``["recalling"]``), ``citations`` (one dict per citing
  paragraph: ``paragraph``, ``function``, ``phrase``, ``quote``, ``text``, ``start``, ``end``) and
  ``weight`` (number of citing paragraphs, at least 1).
- ``implements``: ``rg:implements`` or its sub-property ``rg:adopts`` (then ``adopts=True``).
- ``part_of``: article → treaty (``eli:is_part_of``).

A pair linked by several relations (a resolution that both cites and implements a convention) is one
edge whose ``relations`` lists them all; ``relation`` is the main one (implements > cites > part_of).
The projection runs two SPARQL SELECTs over the whole graph (node facts in long form, then edges),
never one query per node, so it stays linear on large graphs and works on any rdflib store
(the memory store or Oxigraph).

>>> G = load("tests/fixtures/explorer-sample.ttl")
>>> G.nodes["A/RES/51/1"]["kind"], G.nodes["A/RES/51/1"]["year"]
('resolution', 1996)
>>> G.edges["GA-2025-93-RES-03", "A/RES/51/1"]["functions"]
['recalling']
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import networkx as nx
import rdflib
from rdflib import RDF, Literal, URIRef

from .errors import UserError
from .keys import CLAUSE_FUNCTION, ONTOLOGY, undocs_url

RG = rdflib.Namespace(ONTOLOGY)
ELI = rdflib.Namespace("http://data.europa.eu/eli/ontology#")
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")
SKOS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
RDFS = rdflib.RDFS
BODY_LABEL = URIRef("urn:resograph:body-label")  # marks body labels in the node query's rows

# rdf:type → node kind; when a node has several, the first in this order wins.
KINDS = {
    RG.TreatyArticle: "article",
    RG.Treaty: "treaty",
    RG.Constitution: "constitution",
    RG.Agreement: "agreement",
    RG.Declaration: "declaration",
    RG.Resolution: "resolution",
    RG.Decision: "decision",
    RG.Report: "report",
    RG.UNDocument: "un-document",
}
RELATIONS = ("cites", "implements", "part_of")
_PRIORITY = {"implements": 0, "cites": 1, "part_of": 2}
_TITLE_LANGS = ("en", "fr", "es", None)

_PREFIXES = f"""
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rg: <{ONTOLOGY}>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX cito: <http://purl.org/spar/cito/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""

# Node facts in long form (one row per subject, property, value): no cartesian product between
# several titles and several body labels, so the result grows linearly with the graph.
NODES_QUERY = _PREFIXES + """
SELECT ?s ?p ?o WHERE {
  ?s dcterms:identifier ?key .
  {
    ?s ?p ?o .
    VALUES ?p { rdf:type dcterms:identifier dcterms:title skos:prefLabel eli:date_document
                eli:passed_by eli:is_part_of rg:articleNumber rg:inRegistry rdfs:seeAlso }
  }
  UNION { ?s rg:session ?session . ?session rg:startDate ?o . BIND(rg:startDate AS ?p) }
  UNION { ?s eli:passed_by ?body . ?body skos:prefLabel|rdfs:label ?o . BIND(<urn:resograph:body-label> AS ?p) }
}
"""

# Every relation between two identified nodes. Paragraph-level citations (cito:Citation) are
# lifted to their document; a citation whose citing entity is an instrument (a registry fact)
# stays on that instrument. Paragraphs have no dcterms:identifier, so their short eli:cites and
# eli:is_part_of edges drop out here and come in through the cito:Citation branch.
EDGES_QUERY = _PREFIXES + """
SELECT ?rel ?src ?tgt ?eid ?func ?phrase ?quote ?text ?start ?end WHERE {
  {
    ?c a cito:Citation ; cito:hasCitingEntity ?citing ; cito:hasCitedEntity ?tgtNode .
    OPTIONAL { ?c rg:clauseFunction ?func }
    OPTIONAL { ?c rg:quote ?quote }
    OPTIONAL { ?c oa:hasSelector ?sel . ?sel oa:start ?start ; oa:end ?end }
    OPTIONAL { ?citing rg:eId ?eid ; eli:is_part_of ?doc .
               OPTIONAL { ?citing rg:text ?text }
               OPTIONAL { ?citing rg:phrase ?phrase } }
    BIND(COALESCE(?doc, ?citing) AS ?srcNode)
    BIND("cites" AS ?rel)
  }
  UNION { ?srcNode eli:cites ?tgtNode . BIND("cites" AS ?rel) }
  UNION { ?srcNode rg:implements ?tgtNode . BIND("implements" AS ?rel) }
  UNION { ?srcNode rg:adopts ?tgtNode . BIND("adopts" AS ?rel) }
  UNION { ?srcNode eli:is_part_of ?tgtNode . BIND("part_of" AS ?rel) }
  ?srcNode dcterms:identifier ?src .
  ?tgtNode dcterms:identifier ?tgt .
}
"""

_KEY_YEAR = [
    re.compile(r"^GA-(\d{4})-"),                      # GA-2012-81-RES-08, GA-2008-RES-07
    re.compile(r"^S/RES/\d+\((\d{4})\)$"),             # S/RES/2482(2019)
    re.compile(r"^E/RES/(\d{4})/"),                    # E/RES/2004/21
    re.compile(r"^[a-z]+:[a-z0-9-]*-(\d{4})(?:/|$)"),  # convention:cybercrime-2024, agreement:…-1997
]


def year_from_key(key: str) -> int | None:
    """The year a key spells out, when it spells one (``GA-2012-81-RES-08`` → 2012), else None.

    >>> year_from_key("convention:cybercrime-2024/art_41"), year_from_key("A/RES/79/136")
    (2024, None)
    """
    for pattern in _KEY_YEAR:
        m = pattern.match(key)
        if m:
            return int(m.group(1))
    return None


def function_name(value) -> str:
    """``rgcf:taking-note`` → ``taking-note`` (a literal is taken as it is)."""
    text = str(value)
    if text.startswith(CLAUSE_FUNCTION):
        return text[len(CLAUSE_FUNCTION):]
    return text.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _body_code(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def _pick(values: dict, order=_TITLE_LANGS):
    for lang in order:
        if lang in values:
            return values[lang]
    return next(iter(values.values()), None)


def _int(value) -> int | None:
    try:
        return int(value.toPython() if isinstance(value, Literal) else value)
    except (TypeError, ValueError):
        return None


def _nodes(graph: rdflib.Graph) -> dict[str, dict]:
    facts: dict[URIRef, dict] = defaultdict(lambda: defaultdict(list))
    for s, p, o in graph.query(NODES_QUERY):
        facts[s][p].append(o)
    nodes: dict[str, dict] = {}
    parents: dict[str, URIRef] = {}
    by_iri: dict[URIRef, str] = {}
    for s, f in facts.items():
        kinds = [KINDS[t] for t in KINDS if t in f[RDF.type]]
        if not kinds or not f[DCTERMS.identifier]:
            continue  # bodies, sessions, mechanisms: identified but not instruments
        key = str(min(f[DCTERMS.identifier]))
        titles = {}
        for t in sorted(f[DCTERMS.title]):
            titles.setdefault(getattr(t, "language", None), str(t))
        if set(titles.values()) <= {key}:
            # no title but the key (the shape's placeholder): the registry's name reads better
            names = {getattr(n, "language", None): str(n) for n in sorted(f[SKOS.prefLabel])}
            titles = names or titles
        date = min((str(d)[:10] for d in f[ELI.date_document]), default=None)
        body_iri = min((str(b) for b in f[ELI.passed_by]), default=None)
        body_labels = {}
        for label in sorted(f[BODY_LABEL]):
            body_labels.setdefault(getattr(label, "language", None), str(label))
        session_start = min((str(d)[:10] for d in f[RG.startDate]), default=None)
        year, year_source = None, None
        for candidate, source in ((date, "date"), (session_start, "session")):
            if candidate and re.match(r"^\d{4}", candidate):
                year, year_source = int(candidate[:4]), source
                break
        if year is None and (y := year_from_key(key)) is not None:
            year, year_source = y, "key"
        in_registry = f[RG.inRegistry]
        nodes[key] = {
            "key": key,
            "iri": str(s),
            "kind": kinds[0],
            "title": _pick(titles) or key,
            "titles": {lang or "": t for lang, t in sorted(titles.items(), key=lambda kv: kv[0] or "")},
            "date": date,
            "year": year,
            "year_source": year_source,
            "body": _body_code(body_iri) if body_iri else None,
            "body_label": _pick(body_labels),
            "url": undocs_url(key),
            "in_registry": bool(in_registry[0].toPython()) if in_registry else True,
            "article": min((n for n in map(_int, f[RG.articleNumber]) if n is not None), default=None),
        }
        by_iri[s] = key
        if f[ELI.is_part_of]:
            parents[key] = min(f[ELI.is_part_of])
    for key, parent in parents.items():
        nodes[key]["parent"] = by_iri.get(parent)
    return nodes


def from_rdf(graph: rdflib.Graph) -> nx.DiGraph:
    """Project an RDF graph following ``docs/graph-model.md`` into a ``DiGraph`` (two SPARQL queries).

    >>> import rdflib
    >>> G = from_rdf(rdflib.Graph().parse("tests/fixtures/explorer-sample.ttl"))
    >>> G.edges["convention:cybercrime-2024/art_41", "convention:cybercrime-2024"]["relation"]
    'part_of'
    """
    nodes = _nodes(graph)
    edges: dict[tuple[str, str], dict] = {}
    for row in graph.query(EDGES_QUERY):
        src, tgt = str(row.src), str(row.tgt)
        if src == tgt or src not in nodes or tgt not in nodes:
            continue
        rel = str(row.rel)
        if rel == "part_of" and nodes[src]["kind"] != "article":
            continue
        edge = edges.setdefault((src, tgt), {"relations": set(), "adopts": False, "citations": {}})
        edge["relations"].add("implements" if rel == "adopts" else rel)
        edge["adopts"] |= rel == "adopts"
        if row.eid is not None or row.func is not None:
            paragraph = str(row.eid) if row.eid is not None else ""
            citation = edge["citations"].setdefault(paragraph, {
                "paragraph": paragraph,
                "function": function_name(row.func) if row.func is not None else None,
                "phrase": str(row.phrase) if row.phrase is not None else None,
                "quote": str(row.quote) if row.quote is not None else None,
                "text": str(row.text) if row.text is not None else None,
                "start": _int(row.start),
                "end": _int(row.end),
            })
            # a paragraph citing one target twice is one citation (the first span wins)
            if row.start is not None and (citation["start"] is None or _int(row.start) < citation["start"]):
                citation.update(start=_int(row.start), end=_int(row.end),
                                quote=str(row.quote) if row.quote is not None else citation["quote"])

    G = nx.DiGraph()
    for key in sorted(nodes):
        G.add_node(key, **nodes[key])
    for (src, tgt) in sorted(edges):
        e = edges[(src, tgt)]
        relations = sorted(e["relations"], key=_PRIORITY.get)
        citations = sorted(e["citations"].values(), key=_paragraph_order)
        G.add_edge(
            src, tgt,
            relation=relations[0],
            relations=relations,
            adopts=e["adopts"],
            functions=sorted({c["function"] for c in citations if c["function"]}),
            citations=citations,
            weight=max(1, len(citations)) if "cites" in relations else 1,
        )
    return G


def _paragraph_order(citation: dict):
    m = re.match(r"^(pp|op)_(\d+)$", citation["paragraph"] or "")
    if m:
        return (0 if m.group(1) == "pp" else 1, int(m.group(2)), "")
    return (2, 0, citation["paragraph"] or "")


def load_rdf(path: str | Path) -> rdflib.Graph:
    """Read the built graph: a build directory (``resograph.nt``/``.ttl``) or one RDF file."""
    path = Path(path)
    if path.is_dir():
        try:
            from .store import open_graph  # the builder's store (Oxigraph by default)
        except ImportError:
            open_graph = None
        if open_graph is not None and any((path / n).exists() for n in ("resograph.nt", "resograph.ttl")):
            return open_graph(path)
        for name in ("resograph.nt", "resograph.ttl"):
            if (path / name).exists():
                return _parse(path / name)
        raise UserError(f"{path}: no resograph.nt or resograph.ttl here; run `resograph build` first")
    if path.is_file():
        return _parse(path)
    raise UserError(f"{path}: no such build directory or RDF file; run `resograph build` first")


def _parse(file: Path) -> rdflib.Graph:
    fmt = rdflib.util.guess_format(str(file)) or "turtle"
    try:
        graph = rdflib.Graph(store="Oxigraph")
    except Exception:  # oxrdflib missing: rdflib's memory store answers the same queries
        graph = rdflib.Graph()
    try:
        graph.parse(str(file), format=fmt)
    except Exception as exc:  # a parser error is bad input, not a crash
        raise UserError(f"{file}: not readable as {fmt}: {str(exc).splitlines()[0][:200]}") from None
    return graph


def load(path: str | Path) -> nx.DiGraph:
    """The citation network of a build directory or an RDF file.

    >>> load("tests/fixtures/explorer-sample.ttl").number_of_nodes()
    22
    """
    return from_rdf(load_rdf(path))


def edges_of(G: nx.DiGraph, relation: str | tuple[str, ...]) -> nx.DiGraph:
    """A view of ``G`` keeping only the edges that carry ``relation`` (one name or several).

    >>> G = load("tests/fixtures/explorer-sample.ttl")
    >>> edges_of(G, "part_of").number_of_edges()
    4
    """
    wanted = {relation} if isinstance(relation, str) else set(relation)
    return nx.subgraph_view(G, filter_edge=lambda u, v: bool(wanted & set(G.edges[u, v]["relations"])))


def times_cited(G: nx.DiGraph, key: str) -> int:
    """How often ``key`` is cited: citing paragraphs summed over the instruments that cite it.

    >>> times_cited(load("tests/fixtures/explorer-sample.ttl"), "convention:cybercrime-2024")
    4
    """
    return sum(d["weight"] for _, _, d in G.in_edges(key, data=True) if "cites" in d["relations"])
