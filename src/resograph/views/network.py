"""The citation network: the RDF graph projected into a networkx ``DiGraph``.

Nodes are instruments keyed by their canonical key (``dcterms:identifier``); a treaty article is its
own node with a ``part_of`` edge to its treaty. Edges point from the citing to the cited instrument:

- ``cites``: the instrument (one of its paragraphs, or a registry fact) cites the target. The edge
  carries ``functions`` (clause functions, e.g. ``["recalling"]``), ``citations`` (one dict per citing
  paragraph: ``paragraph``, ``function``, ``phrase``, ``quote``, ``text``, ``start``, ``end``) and
  ``weight`` (number of citing paragraphs, at least 1). ``start``/``end`` (the quote's offsets in the
  source text) are read only with ``spans=True``, else None: they are a third of the reading at
  10,000 documents (two selector nodes per citation) and neither the page nor the analyses use them.
- ``implements``: ``rg:implements`` or its sub-property ``rg:adopts`` (then ``adopts=True``).
- ``part_of``: article → treaty (``eli:is_part_of``).

A pair linked by several relations (a resolution that both cites and implements a convention) is one
edge whose ``relations`` lists them all; ``relation`` is the main one (implements > cites > part_of).

The projection reads one predicate at a time (``?s <p> ?o``: an index scan, no join) and joins in
Python dictionaries. On Oxigraph this goes straight through pyoxigraph, without turning each value
into an rdflib term. At 10,000 documents (4 M triples) the former two SPARQL queries through rdflib
took 90 s of CPU; the scans take about 25 s, nearly all of it Oxigraph turning the IRIs of
paragraphs and citations back into strings (~10 µs each). Joins inside Oxigraph were slower still
(a seek per row: 43 s for the citations alone). Any other rdflib store answers the same scans
through ``Graph.subject_objects``, so both give the same network.

>>> G = load("tests/fixtures/explorer-sample.ttl")
>>> G.nodes["A/RES/51/1"]["kind"], G.nodes["A/RES/51/1"]["year"]
('resolution', 1996)
>>> G.edges["GA-2025-93-RES-03", "A/RES/51/1"]["functions"]
['recalling']
"""

from __future__ import annotations

import functools
import gc
import re
import sys
from collections import defaultdict
from pathlib import Path

import networkx as nx
import rdflib
from rdflib import RDF, Literal, URIRef

from resograph.core import kinds as kind_table
from resograph.core.keys import from_roman, ga_special_session, undocs_url
from resograph.core.namespaces import BASE, CITO, CLAUSE_FUNCTION, DCTERMS, ELI, OA, RDFS, RG, SKOS
from resograph.graph import sidecache
from resograph.query.sparql import oxigraph_scope
from resograph.views import titles

# rdf:type → node kind; when a node has several, the first in this order wins (core/kinds.py).
KINDS = {RG[k.cls]: k.name for k in kind_table.KINDS if k.drawn}
RELATIONS = ("cites", "implements", "part_of")
_PRIORITY = {"implements": 0, "cites": 1, "part_of": 2}
_TITLE_LANGS = ("en", "fr", "es", None)

_KEY_YEAR = [
    re.compile(r"^GA-(\d{4})-"),                      # GA-2012-81-RES-08, GA-2008-RES-07
    re.compile(r"^S/RES/\d+[A-Z]?\((\d{4})\)$"),       # S/RES/2482(2019), S/RES/161A(1961)
    re.compile(r"^E/RES/(\d{4})/"),                    # E/RES/2004/21
    re.compile(r"^[a-z]+:[a-z0-9-]*-(\d{4})(?:/|$)"),  # convention:cybercrime-2024, agreement:…-1997
]
# A/RES/1514(XV): a General Assembly resolution numbered with its session in Roman numerals (before
# 1976). The n-th regular session opened in 1945 + n (the first in January 1946, the fifteenth in
# September 1960), so the year is when the session opened: a resolution of its last weeks may be
# of the next year.
_GA_SESSION = re.compile(r"^A/RES/\d+[A-Z]?\s*\(([IVXLC]+)\)$")  # also lettered: A/RES/217A(III)
# A special or emergency special session (A/RES/2253(ES-V), A/RES/ES-10/14) met when it was called:
# its year is never read off its number, only off its session's dates (:func:`_year`).
_SESSION_IRI = "<" + BASE + "session/un-ga/{}>"


def year_from_key(key: str) -> int | None:
    """The year a key spells out, when it spells one (``GA-2012-81-RES-08`` → 2012), else None.

    >>> year_from_key("convention:cybercrime-2024/art_41"), year_from_key("A/RES/79/136")
    (2024, None)
    >>> year_from_key("A/RES/1514(XV)"), year_from_key("A/RES/3212(XXIX)")
    (1960, 1974)
    >>> year_from_key("A/RES/217A(III)"), year_from_key("S/RES/161A(1961)")  # lettered parts
    (1948, 1961)
    >>> year_from_key("A/RES/2253(ES-V)"), year_from_key("A/RES/ES-10/14")  # special sessions
    (None, None)
    """
    for pattern in _KEY_YEAR:
        m = pattern.match(key)
        if m:
            return int(m.group(1))
    m = _GA_SESSION.match(key)
    return 1945 + from_roman(m.group(1)) if m else None


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
        return int(value)
    except (TypeError, ValueError):
        return None


# ---------------------------------------------------------------- reading: one predicate at a time

class _Scans:
    """The two reads the projection needs from a store, with terms as plain strings.

    ``links(p)`` yields ``(subject, object)`` for resource objects and ``values(p)`` yields
    ``(subject, value, language)`` for literals; resources are in N-Triples form (``<iri>``, ``_:b``)
    so that a blank node never meets an IRI of the same spelling in a join.
    """

    def __init__(self, graph: rdflib.Graph):
        self.graph = graph
        self.ox, self.scope = oxigraph_scope(graph)

    def _query(self, predicate: URIRef):
        return self.ox.query(f"SELECT ?s ?o WHERE {{ ?s <{predicate}> ?o }}", **self.scope)

    def links(self, predicate: URIRef):
        if self.ox is not None:
            return [(str(s), str(o)) for s, o in self._query(predicate)]
        return [(s.n3(), o.n3()) for s, o in self.graph.subject_objects(predicate)
                if not isinstance(o, Literal)]

    def instances(self, cls: URIRef):
        if self.ox is not None:
            query = f"SELECT ?s WHERE {{ ?s a <{cls}> }}"
            return [str(s) for (s,) in self.ox.query(query, **self.scope)]
        return [s.n3() for s in self.graph.subjects(RDF.type, cls)]

    def values(self, predicate: URIRef):
        if self.ox is not None:
            return [(str(s), o.value, getattr(o, "language", None)) for s, o in self._query(predicate)]
        return [(s.n3(), str(o), o.language) for s, o in self.graph.subject_objects(predicate)
                if isinstance(o, Literal)]


def _iri(term: str) -> str:
    return term[1:-1] if term.startswith("<") else term


def _grouped(pairs) -> dict[str, list]:
    out: dict[str, list] = defaultdict(list)
    for s, *rest in pairs:
        out[s].append(rest[0] if len(rest) == 1 else tuple(rest))
    return out


def _first(pairs) -> dict[str, str]:
    """One object per subject (the smallest, so that the answer does not depend on scan order)."""
    out: dict[str, str] = {}
    for s, o, *_ in pairs:
        if s not in out or o < out[s]:
            out[s] = o
    return out


def _nodes(scan: _Scans) -> tuple[dict[str, dict], dict[str, str], dict[str, str], list]:
    """Instrument nodes by key; the key of every identified resource; each resource's parent.

    ``title`` is left None here: :func:`from_rdf` applies the title rule once the citing words are
    known."""
    keys = _first(scan.values(DCTERMS.identifier))
    kinds: dict[str, str] = {}
    for cls, kind in reversed(KINDS.items()):  # reversed: the first kind in KINDS wins
        for s in scan.instances(cls):
            if s in keys:
                kinds[s] = kind
    read = {name: _grouped(scan.values(p)) for name, p in (
        ("titles", DCTERMS.title), ("labels", SKOS.prefLabel), ("rdfs_labels", RDFS.label),
        ("dates", ELI.date_document), ("starts", RG.startDate), ("ends", RG.endDate),
        ("registry", RG.inRegistry),
        ("articles", RG.articleNumber))}
    read["bodies"] = _grouped(scan.links(ELI.passed_by))
    read["sessions"] = _grouped(scan.links(RG.session))
    part_of = scan.links(ELI.is_part_of)
    parents = _first(part_of)
    nodes: dict[str, dict] = {}
    for s, kind in kinds.items():
        nodes[keys[s]] = _node(s, keys[s], kind, read)
        if s in parents:
            nodes[keys[s]]["parent"] = keys.get(parents[s]) if parents[s] in kinds else None
    return nodes, keys, parents, part_of


def _node(s: str, key: str, kind: str, read: dict[str, dict]) -> dict:
    """One instrument's attributes from the scans in ``read``."""
    by_lang: dict = {}
    for value, lang in sorted(read["titles"].get(s, ()), key=_value_lang):
        if value.strip() != key:  # the shape's placeholder title is no title
            by_lang.setdefault(lang or "", value)
    # no skos:prefLabel stand-in: the registry's names are words to recognise a mention by, not titles
    # (the 1997 agreement's is marked "exact official title not found"); the title rule falls back on
    # the citing words instead, marked as such
    date = min((d[:10] for d, _ in read["dates"].get(s, ())), default=None)
    bodies = read["bodies"].get(s, ())
    body = min(bodies, default=None)
    body_labels: dict = {}
    named = [pair for b in bodies for pair in read["labels"].get(b, []) + read["rdfs_labels"].get(b, [])]
    for value, lang in sorted(named, key=_value_lang):
        body_labels.setdefault(lang, value)
    year, year_source = _year(key, date, read["sessions"].get(s, ()), read["starts"], read["ends"])
    flags = read["registry"].get(s)
    return {
        "key": key,
        "iri": _iri(s),
        "kind": kind,
        "title": None,
        "title_source": None,
        "titles": dict(sorted(by_lang.items())),
        "date": date,
        "year": year,
        "year_source": year_source,
        "body": _body_code(_iri(body)) if body else None,
        "body_label": _pick(body_labels),
        "url": undocs_url(key),
        "in_registry": min(flags)[0] in ("true", "1") if flags else True,
        "article": min((n for v, _ in read["articles"].get(s, ()) if (n := _int(v)) is not None), default=None),
    }


def _year(key: str, date: str | None, sessions, starts: dict, ends: dict) -> tuple[int | None, str | None]:
    """The year of adoption and where it comes from: the date, the session's start, or the key.

    A General Assembly special or emergency special session's resolution without a date of its own
    takes the year of the session its key names (``A/RES/ES-10/14``: ``…/session/un-ga/ES-10``) when
    the graph dates that session within one year (its rg:startDate and rg:endDate: the registry's
    sessions data, which holds no special session yet); else it has no year: an emergency special
    session can be resumed for decades (ES-10 opened in 1997)."""
    session_start = min((d[:10] for x in sessions for d, _ in starts.get(x, ())), default=None)
    for candidate, source in ((date, "date"), (session_start, "session")):
        if candidate and re.match(r"^\d{4}", candidate):
            return int(candidate[:4]), source
    special = ga_special_session(key)
    if special is not None:
        session = _SESSION_IRI.format(special)
        years = {d[:4] for which in (starts, ends) for d, _ in which.get(session, ())}
        if session in starts and session in ends and len(years) == 1 and min(years).isdigit():
            return int(min(years)), "session"
        return None, None
    y = year_from_key(key)
    return (y, "key") if y is not None else (None, None)


def apply_titles(G: nx.DiGraph, lang: str = "en") -> nx.DiGraph:
    """Set each node's ``title`` and ``title_source`` by the one rule of :mod:`resograph.views.titles`
    (the citing words are the quotes of the citations that reach it). Returns ``G``."""
    cited_as: dict[str, list[str]] = defaultdict(list)
    for _, v, cits in G.edges(data="citations", default=()):
        cited_as[v].extend(c["quote"] for c in cits if c.get("quote"))
    langs = titles.article_languages({k: d.get("titles") or {} for k, d in G.nodes(data=True)
                                      if d.get("kind") == "article"}, lang)
    for k, d in G.nodes(data=True):
        reader = langs.get(k, lang)  # a treaty's articles: one language
        d["title"], d["title_source"] = titles.pick_title(d.get("titles") or {}, k, reader, cited_as.get(k, ()))
        if reader != lang and d["title_source"] == "registry":
            d["title_source"] = f"registry:{reader}"
    return G


def _value_lang(pair):
    return pair[0], pair[1] or ""


def _citations(scan: _Scans, keys: dict[str, str], parents: dict[str, str], spans: bool):
    """One row per ``cito:Citation``: (source key, target key, paragraph eId or None, details)."""
    citing = _first(scan.links(CITO.hasCitingEntity))
    cited = _first(scan.links(CITO.hasCitedEntity))
    functions = _first(scan.links(RG.clauseFunction))
    quotes = _first(scan.values(RG.quote))
    selectors = _grouped(scan.links(OA.hasSelector)) if spans else {}
    starts = {s: v for s, v, _ in scan.values(OA.start)} if spans else {}
    ends = {s: v for s, v, _ in scan.values(OA.end)} if spans else {}
    eids = _first(scan.values(RG.eId))
    texts = _first(scan.values(RG.text))
    phrases = _first(scan.values(RG.phrase))
    rows = []
    for c, par in citing.items():
        tgt = keys.get(cited.get(c))
        if tgt is None:
            continue
        eid, doc = eids.get(par), parents.get(par)
        if eid is not None and doc is not None:
            src, text, phrase = keys.get(doc), texts.get(par), phrases.get(par)
        else:
            src, eid, text, phrase = keys.get(par), None, None, None
        if src is None:
            continue
        offsets = sorted((_int(starts.get(x)), _int(ends.get(x))) for x in selectors.get(c, ())
                         if _int(starts.get(x)) is not None)
        start, end = offsets[0] if offsets else (None, None)
        func = functions.get(c)
        rows.append((src, tgt, eid, function_name(_iri(func)) if func else None, phrase,
                     quotes.get(c), text, start, end))
    rows.sort(key=lambda r: (r[0], r[1], r[2] or "", r[7] if r[7] is not None else -1, r[5] or ""))
    return rows


def from_rdf(graph: rdflib.Graph, spans: bool = False, lang: str = "en") -> nx.DiGraph:
    """Project an RDF graph following ``docs/graph-model.md`` into a ``DiGraph`` (``spans``: also
    read each citation's character offsets; ``lang``: the reader's language for titles).

    >>> import rdflib
    >>> G = from_rdf(rdflib.Graph().parse("tests/fixtures/explorer-sample.ttl"))
    >>> G.edges["convention:cybercrime-2024/art_41", "convention:cybercrime-2024"]["relation"]
    'part_of'
    """
    return apply_titles(_project(graph, spans), lang)


def _project(graph: rdflib.Graph, spans: bool) -> nx.DiGraph:
    """The network before the title rule (what :func:`load` keeps per store generation)."""
    # millions of short-lived tuples and strings, no cycles: the collector's passes over them are
    # ~10 % of the reading at 10,000 documents (18.4 instead of 20.4 CPU-s)
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _read(graph, spans)
    finally:
        if enabled:
            gc.enable()


def _read(graph: rdflib.Graph, spans: bool) -> nx.DiGraph:
    scan = _Scans(graph)
    nodes, keys, parents, part_of = _nodes(scan)
    edges: dict[tuple[str, str], dict] = {}

    def edge(src, tgt, rel):
        if src == tgt or src not in nodes or tgt not in nodes:
            return None
        if rel == "part_of" and nodes[src]["kind"] != "article":
            return None
        e = edges.setdefault((src, tgt), {"relations": set(), "adopts": False, "citations": {}})
        e["relations"].add("implements" if rel == "adopts" else rel)
        e["adopts"] |= rel == "adopts"
        return e

    for src, tgt, eid, func, phrase, quote, text, start, end in _citations(scan, keys, parents, spans):
        e = edge(src, tgt, "cites")
        if e is None or (eid is None and func is None):
            continue
        paragraph = eid or ""
        citation = e["citations"].setdefault(paragraph, {
            "paragraph": paragraph, "function": func, "phrase": phrase, "quote": quote,
            "text": text, "start": start, "end": end,
        })
        # a paragraph citing one target twice is one citation (the first span wins)
        if start is not None and (citation["start"] is None or start < citation["start"]):
            citation.update(start=start, end=end, quote=quote if quote is not None else citation["quote"])
    for pairs, rel in ((scan.links(ELI.cites), "cites"), (scan.links(RG.implements), "implements"),
                       (scan.links(RG.adopts), "adopts"), (part_of, "part_of")):
        for s, o in pairs:
            if s in keys and o in keys:
                edge(keys[s], keys[o], rel)

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
    """Read the built graph: a build directory (its store, or its dump file) or one RDF file
    (:func:`resograph.graph.store.open_build`, the one way every reader opens a build)."""
    from resograph.graph.store import open_build

    return open_build(path)


def load(path: str | Path, spans: bool = False, lang: str = "en") -> nx.DiGraph:
    """The citation network of a build directory or an RDF file.

    A build's store is read once per generation: the network (without ``spans``) is then kept
    beside it (:mod:`resograph.graph.sidecache`; ~20 s of reading at 10,000 documents become ~1 s
    of loading) and the next load of the same generation reads that instead.

    >>> load("tests/fixtures/explorer-sample.ttl").number_of_nodes()
    22
    """
    return load_graph(load_rdf(path), spans=spans, lang=lang)


CACHE_NAME = "network"


def load_graph(graph: rdflib.Graph, spans: bool = False, lang: str = "en", wait: bool = True) -> nx.DiGraph:
    """:func:`from_rdf`, through the generation's side cache when ``graph`` is a build's on-disk
    store (:func:`generation_of`) and ``spans`` is off. ``wait``: while the build's writer
    (:mod:`resograph.views.warm`) writes the generation's values, wait for it rather than compute them."""
    generation = generation_of(graph) if not spans else None
    if generation is None:
        return from_rdf(graph, spans=spans, lang=lang)
    if wait:
        sidecache.wait(generation)  # a writer holds it only until the network, titles and analyses are in
    G = sidecache.read(generation, CACHE_NAME, code_digest())
    if G is None:
        G = _project(graph, spans)
        sidecache.write(generation, CACHE_NAME, code_digest(), G)
    if not re.fullmatch(r"[a-z]{2,3}", lang):  # only a language code names a file
        return apply_titles(G, lang)
    # the title rule's answers, kept per language (~1 s at 10,000 documents)
    name, code = f"titles-{lang}", code_digest(titles.__file__)
    picked = sidecache.read(generation, name, code)
    if isinstance(picked, dict) and len(picked) == len(G) and all(k in G for k in picked):
        for k, (title, source) in picked.items():
            G.nodes[k]["title"], G.nodes[k]["title_source"] = title, source
        return G
    apply_titles(G, lang)
    sidecache.write(generation, name, code, {k: (d["title"], d["title_source"]) for k, d in G.nodes(data=True)})
    return G


class Memo(dict):
    """The analyses of large graphs (:func:`resograph.views.analysis.clusters` and ``pagerank``'s
    ``memo``) kept beside a store generation, so that the next page of the same network skips
    Louvain (~5 s at 10,000 documents). Entries are keyed by a digest of the graph they were computed
    on, so a stale entry can only go unused. Without a generation (RDF files) it is a plain dict.
    :meth:`save` writes it back when something was added (the ``MAX`` latest entries)."""

    NAME = "analyses"
    MAX = 8

    def __init__(self, generation: Path | None = None):
        super().__init__()
        self.generation = generation
        self.changed = False
        if generation is not None:
            kept = sidecache.read(generation, self.NAME, self._code())
            if isinstance(kept, dict):
                super().update(kept)

    @staticmethod
    def _code() -> str:
        # the analyses' module by its path: importing it here would make an import cycle
        return sidecache.code_digest([Path(__file__).with_name("analysis.py")], nx.__version__, sys.version)

    def __setitem__(self, key, value) -> None:
        self.pop(key, None)  # the latest entries are kept: a re-added one moves to the end
        super().__setitem__(key, value)
        self.changed = True

    def save(self) -> None:
        if self.changed and self.generation is not None:
            sidecache.write(self.generation, self.NAME, self._code(), dict(list(self.items())[-self.MAX:]))
            self.changed = False


def generation_of(graph: rdflib.Graph) -> Path | None:
    """The on-disk store generation ``graph`` reads (:func:`resograph.graph.store.open_build`),
    else None (RDF files, the memory store)."""
    generation = getattr(graph.store, "generation", None)
    return Path(generation) if generation is not None else None


@functools.cache
def code_digest(*more: str) -> str:
    """What the projection depends on besides the store: this module, the tables it reads (and the
    files ``more``), the versions of resograph, networkx and Python (the cache is a pickled ``DiGraph``)."""
    from resograph.core import keys, namespaces
    from resograph.core.version import __version__

    files = [__file__, kind_table.__file__, keys.__file__, namespaces.__file__, *more]
    return sidecache.code_digest(files, __version__, nx.__version__, sys.version)


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
