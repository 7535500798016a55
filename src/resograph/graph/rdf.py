"""Extractions + registry → one RDF graph, term by term as `docs/graph-model.md` says.

Two public functions:

- :func:`document_graph` — the triples one extracted text contributes (its document node,
  paragraphs, citations with selectors, provenance, and a minimal node for every instrument it
  cites). Self-contained, so documents can be built and validated one at a time.
- :func:`build_graph` — ontology + registry + every document graph, plus the few facts that hold
  for the whole graph (registry instruments flagged `rg:inRegistry true`, explicit ELI superclasses,
  a key as fallback title).

Where the registry states a fact, the text does not restate it (the registry carries sources);
the text fills only what the registry leaves open (a title in the text's language, the session,
the vote). A reference the registry does not know becomes an instrument node typed from the shape
of its key and flagged `rg:inRegistry false` — never dropped.

>>> from resograph.graph.registry import load
>>> from resograph.core.models import Extraction, Header
>>> g = build_graph([Extraction(Header(symbol="GA-2030-99-RES-01", language="en",
...                  title="Test", body="interpol-ga"), [], [])], load())
>>> (iri_ref("GA-2030-99-RES-01"), DCTERMS.identifier, Literal("GA-2030-99-RES-01")) in g
True
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef

from resograph.core.errors import UserError
from resograph.core.kinds import ARTICLE, CHAPTER, KINDS, key_kind
from resograph.core.keys import iri, undocs_url
from resograph.core.models import Citation, Extraction
from resograph.core.namespaces import BASE, CITO, DCTERMS, ELI, OA, PREFIXES, PROV, RDF, RDFS, RG, RGCF, XSD
from resograph.core.version import __version__
from resograph.graph.registry import Registry
from resograph.graph.texts import text_digest
from resograph.reading.convert import source_bytes

# Kinds of instrument (graph-model.md, "Instruments"; the table: core/kinds.py); all but the article
# are eli:LegalResource.
INSTRUMENT_KINDS = tuple(RG[k.cls] for k in KINDS if k.instrument)
_KIND_CLASS = {k.name: RG[k.cls] for k in KINDS}
FALLBACK_CHARACTERIZATION = CITO.cites  # a clause function unknown to the scheme still cites

_ARTICLE = re.compile(ARTICLE)
_CHAPTER = re.compile(CHAPTER)  # un:charter/chap_VII
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PARAGRAPH_ID = re.compile(r"^(?P<kind>pp|op)_(?P<n>\d+)$")


def iri_ref(key: str) -> URIRef:
    return URIRef(iri(key))


def body_iri(code: str) -> URIRef:
    return URIRef(f"{BASE}body/{code}")


def session_iri(body: str, number: int) -> URIRef:
    return URIRef(f"{BASE}session/{body}/{number}")


def source_iri(key: str, file_name: str) -> URIRef:
    """A source text's node, under its document's key: a build keeps one text per key, so two
    files of one name in two folders are two nodes (`…/id/source/S/RES/2178(2014)/en.txt`)."""
    return URIRef(iri(f"source/{key}/{file_name}" if key else f"source/{file_name}"))


def extraction_iri(key: str) -> URIRef:
    return URIRef(BASE + "extraction/" + iri(key)[len(BASE):])


def agent_iri() -> URIRef:
    return URIRef(f"{BASE}agent/resograph/{__version__}")


def kind_of(key: str) -> tuple[URIRef, str | None]:
    """What the grammar recognised, from the key's shape alone: (rdf:type, issuing body code or None).

    >>> kind_of("A/DEC/49/426")[0] == RG.Decision
    True
    >>> kind_of("convention:cybercrime-2024/art_41")[0] == RG.TreatyArticle
    True
    """
    kind, body = key_kind(key)  # the table of key shapes: core/kinds.py
    return _KIND_CLASS[kind], body


_TREATY_ARTICLE, _SUBDIVISION, _LEGAL_RESOURCE = RG.TreatyArticle, ELI.LegalResourceSubdivision, ELI.LegalResource


def _superclass(kind: URIRef) -> URIRef:
    return _SUBDIVISION if kind == _TREATY_ARTICLE else _LEGAL_RESOURCE


def _int(value: int) -> Literal:
    return Literal(int(value), datatype=XSD.integer)


def _date(value: str) -> Literal | None:
    return Literal(value, datatype=XSD.date) if value and _DATE.match(value) else None


def _offset(value: int) -> Literal:
    # Web Annotation: oa:start / oa:end count Unicode code points (Python str indices).
    return Literal(int(value), datatype=XSD.nonNegativeInteger)


class _RdflibTerms:
    """Terms as rdflib nodes (the reference path: :func:`document_graph`, :func:`build_graph`)."""

    node = staticmethod(URIRef)
    integer = staticmethod(_int)
    date = staticmethod(_date)
    offset = staticmethod(_offset)

    @staticmethod
    def text(value: str, lang: str | None = None) -> Literal:
        return Literal(value, lang=lang or None)

    @staticmethod
    def boolean(value: bool) -> Literal:
        return Literal(bool(value))


_INVALID_IRI = re.compile(r'[<>" {}|\\^`]')  # rdflib refuses to write these in an IRI
_LANG_TAG = re.compile(r"^[a-zA-Z]+(?:-[a-zA-Z0-9]+)*$")


def _quote(value: str) -> str:
    # Exactly rdflib's N-Triples literal escaping (rdflib.plugins.serializers.nt._quote_encode).
    return '"' + value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace(
        "\r", "\\r") + '"'


def nt_literal(literal: Literal) -> str:
    """A literal in N-Triples, spelt exactly as rdflib's N-Triples writer spells it."""
    if literal.language:
        return f"{_quote(str(literal))}@{literal.language}"
    if literal.datatype:
        return f"{_quote(str(literal))}^^<{literal.datatype}>"
    return _quote(str(literal))


class _LineTerms:
    """Terms as N-Triples text, no rdflib objects: an IRI is its plain string (what `URIRef`
    holds, so the namespace constants serve as they are), a literal its N-Triples form (starts
    with a quote, which an IRI cannot). Same output as rdflib's N-Triples writer."""

    @staticmethod
    def node(value: str) -> str:
        if _INVALID_IRI.search(value):
            raise ValueError(f'"{value}" does not look like a valid URI')
        return str(value)

    @staticmethod
    def text(value: str, lang: str | None = None) -> str:
        if lang:
            if not _LANG_TAG.match(lang):
                raise ValueError(f"'{lang}' is not a valid language tag!")
            return f"{_quote(value)}@{lang}"
        return _quote(value)

    @staticmethod
    def integer(value: int) -> str:
        return f'"{int(value)}"^^<{XSD.integer}>'

    @staticmethod
    def offset(value: int) -> str:
        return f'"{int(value)}"^^<{XSD.nonNegativeInteger}>'

    @staticmethod
    def date(value: str) -> str | None:
        return f'"{value}"^^<{XSD.date}>' if value and _DATE.match(value) else None

    @staticmethod
    def boolean(value: bool) -> str:
        return f'"{"true" if value else "false"}"^^<{XSD.boolean}>'


def _nt_line(s: str, p: str, o: str) -> str:
    return f"<{s}> <{p}> {o} ." if o[0] == '"' else f"<{s}> <{p}> <{o}> ."


class _Cached:
    """A namespace's terms, each made once: rdflib's `Namespace` builds a new `URIRef` at every
    attribute access, which the builder does half a million times per thousand documents."""

    def __init__(self, ns: Namespace) -> None:
        self._ns = ns
        self._items: dict[str, URIRef] = {}

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("_"):
            raise AttributeError(name)
        value = self._ns[name]
        setattr(self, name, value)
        return value

    def __getitem__(self, name: str) -> URIRef:
        value = self._items.get(name)
        if value is None:
            value = self._items[name] = self._ns[name]
        return value


_rg, _rgcf, _eli, _cito, _oa = _Cached(RG), _Cached(RGCF), _Cached(ELI), _Cached(CITO), _Cached(OA)
_dcterms, _rdf, _rdfs, _prov = _Cached(DCTERMS), _Cached(RDF), _Cached(RDFS), _Cached(PROV)


class _DocumentBuilder:
    """One extraction's triples (see graph-model.md for each term), handed to `sink(s, p, o)`.

    Written once for two kinds of term (`terms`): rdflib nodes added to a Graph (the reference
    path), or N-Triples text (:func:`document_lines`, the fast path of the build; a differential test
    keeps the two identical). Nodes are built from the string of their parent's IRI, which both
    kinds give; registry look-ups always get a `URIRef`.
    """

    def __init__(self, sink, extraction: Extraction, registry: Registry, corpus_keys: frozenset[str],
                 conditional: dict | None = None, terms=_RdflibTerms, triple=None) -> None:
        self.sink = sink
        self.t = terms
        # What a conditional triple is recorded as: the (s, p, o) tuple, or its N-Triples line.
        self.triple = triple or (lambda s, p, o: (s, p, o))
        # When a dict: the triples that hold only if a cited key is not a document of the corpus
        # are recorded there (key -> triples) instead of being added (see document_parts).
        self.conditional = conditional
        self.keys: set[str] = set()
        self.x = extraction
        self.reg = registry
        self.corpus_keys = corpus_keys
        self.key = extraction.document.symbol or ""
        self.doc = self.iri_of(self.key)
        self.activity = self.t.node(str(extraction_iri(self.key)))
        self.file_name = Path(extraction.path).name if extraction.path else f"{self.key}.txt"
        self.source = self.t.node(str(source_iri(self.key, self.file_name)))

    def iri_of(self, key: str):
        return self.t.node(iri(key))

    def add(self, s, p, o) -> None:
        if o is not None:
            self.sink(s, p, o)

    # -- instruments --------------------------------------------------------------------------
    def instrument(self, key: str):
        """A minimal, self-contained node for any instrument this document cites or is."""
        t = self.t
        node = self.iri_of(key)
        kind, body = kind_of(key)
        known = self.reg.knows(key)
        self.keys.add(key)
        if not known:
            self.add(node, _rdf.type, kind)
            self.add(node, _rdf.type, _superclass(kind))
            self.add(node, _rg.inRegistry, t.boolean(False))
        self.add(node, _dcterms.identifier, t.text(key))
        url = undocs_url(key)
        if url:
            self.add(node, _rdfs.seeAlso, t.node(url))
        if not known and key != self.key and self.conditional is not None:
            triples = [self.triple(node, _dcterms.title, t.text(key))]
            if body:
                triples.append(self.triple(node, _eli.passed_by, t.node(str(body_iri(body)))))
            self.conditional[key] = triples
        elif not known and key not in self.corpus_keys and key != self.key:
            # Unresolved: the key is its only title, so the shape "at least one title" holds.
            self.add(node, _dcterms.title, t.text(key))
            if body:
                self.add(node, _eli.passed_by, t.node(str(body_iri(body))))
        m = _ARTICLE.match(key)
        if m:
            parent = self.instrument(m["parent"])
            self.add(node, _eli.is_part_of, parent)
            self.add(parent, _eli.has_part, node)
            if not self.reg.has(URIRef(node), _rg.articleNumber):
                self.add(node, _rg.articleNumber, t.integer(int(m["n"])))
        m = _CHAPTER.match(key)
        if m:
            parent = self.instrument(m["parent"])
            self.add(node, _eli.is_part_of, parent)
            self.add(parent, _eli.has_part, node)
        return node

    # -- the citing document ------------------------------------------------------------------
    def document(self) -> None:
        h, doc, reg, t = self.x.document, self.doc, self.reg, self.t
        ref = URIRef(doc)
        self.instrument(self.key)
        if h.title and (h.language or "") not in reg.title_languages(ref):
            self.add(doc, _dcterms.title, t.text(h.title, h.language or None))
        elif not h.title and not reg.has(ref, _dcterms.title):
            # Security Council resolutions print no title: the key stands in, as for unresolved keys.
            self.add(doc, _dcterms.title, t.text(self.key))
        if h.language:
            self.add(doc, _dcterms.language, t.text(h.language))
        if h.number is not None and not reg.has(ref, _rg.resolutionNumber):
            self.add(doc, _rg.resolutionNumber, t.integer(h.number))
        body = h.body or kind_of(self.key)[1]
        if body and not reg.has(ref, _eli.passed_by):
            self.add(doc, _eli.passed_by, t.node(str(body_iri(body))))
        dates = sorted(d for d in h.dates if _date(d))
        if len(dates) == 1 and not reg.has(ref, _eli.date_document):
            self.add(doc, _eli.date_document, t.date(dates[0]))
        if h.session is not None and body:
            session = session_iri(body, h.session)
            if not reg.has(ref, _rg.session):
                self.add(doc, _rg.session, t.node(str(session)))
            if not reg.describes(session):
                node = t.node(str(session))
                self.add(node, _rdf.type, _rg.Session)
                self.add(node, _rg.sessionNumber, t.integer(h.session))
                if h.place:
                    self.add(node, _rg.place, t.text(h.place))
                if len(dates) >= 2:
                    self.add(node, _rg.startDate, t.date(dates[0]))
                    self.add(node, _rg.endDate, t.date(dates[-1]))
                self.add(node, _eli.passed_by, t.node(str(body_iri(body))))
        if h.vote and not reg.has(ref, _rg.vote):
            vote = t.node(f"{doc}/vote")
            self.add(doc, _rg.vote, vote)
            self.add(vote, _rdf.type, _rg.Vote)
            for field, prop in (("for", _rg.votesFor), ("against", _rg.votesAgainst),
                                ("abstentions", _rg.abstentions)):
                if h.vote.get(field) is not None:
                    self.add(vote, prop, t.integer(h.vote[field]))
        for key in self.x.implements:
            self.add(doc, _rg.implements, self.instrument(key))

    def provenance(self) -> None:
        t = self.t
        data = self.x.source.encode("utf-8")
        if self.x.path:
            try:
                data = source_bytes(self.x.path)  # the file (or ZIP member) as the user has it
            except UserError:
                pass
        agent = t.node(str(agent_iri()))
        self.add(self.source, _rdf.type, _prov.Entity)
        self.add(self.source, _rg.sha256, t.text(hashlib.sha256(data).hexdigest()))
        self.add(self.source, _rg.fileName, t.text(self.file_name))
        if self.x.converter != "text":  # spans index into the converted text, kept as texts/<digest>.txt
            self.add(self.source, _rg.textSha256, t.text(text_digest(self.x)))
            self.add(self.source, _rg.converter, t.text(f"{self.x.converter} ({self.x.library})"))
        self.add(self.activity, _rdf.type, _prov.Activity)
        self.add(self.activity, _prov.used, self.source)
        self.add(self.activity, _prov.wasAssociatedWith, agent)
        self.add(agent, _rdf.type, _prov.SoftwareAgent)
        self.add(agent, _rdfs.label, t.text(f"resograph {__version__}"))
        self.add(self.doc, _prov.wasDerivedFrom, self.source)
        self.add(self.doc, _prov.wasGeneratedBy, self.activity)

    def selector(self, node, start: int, end: int) -> None:
        t = self.t
        sel = t.node(f"{node}/selector")
        self.add(node, _oa.hasSelector, sel)
        self.add(sel, _rdf.type, _oa.TextPositionSelector)
        self.add(sel, _oa.start, t.offset(start))
        self.add(sel, _oa.end, t.offset(end))
        self.add(sel, _oa.hasSource, self.source)

    # -- paragraphs and citations -------------------------------------------------------------
    def paragraphs(self) -> dict:
        t = self.t
        out = {}
        for p in self.x.paragraphs:
            node = t.node(f"{self.doc}/{p.id}")
            out[p.id] = node
            kind = _rg.OperativeParagraph if p.kind == "operative" else _rg.PreambularParagraph
            self.add(node, _rdf.type, _eli.LegalResourceSubdivision)
            self.add(node, _rdf.type, kind)
            self.add(node, _eli.is_part_of, self.doc)
            self.add(self.doc, _eli.has_part, node)
            self.add(node, _rg.eId, t.text(p.id))
            m = _PARAGRAPH_ID.match(p.id)
            if m:
                self.add(node, _rg.position, t.integer(int(m["n"])))
            if p.phrase:
                self.add(node, _rg.phrase, t.text(p.phrase))
            if p.function:
                self.add(node, _rg.clauseFunction, _rgcf[p.function])
            text = p.text or self.x.source[p.start:p.end]
            if text:
                self.add(node, _rg.text, t.text(text))
            self.selector(node, p.start, p.end)
        for m in self.x.mechanisms:
            if m.paragraph in out:
                self.add(out[m.paragraph], _rg.mentions, self.iri_of(m.target))
        return out

    def citations(self, paragraphs: dict) -> None:
        functions = {p.id: p.function for p in self.x.paragraphs}
        seen: set[tuple[str, str]] = set()
        index: dict[str, int] = {}
        for c in self.x.citations:
            if (c.paragraph, c.target) in seen or c.target == self.key:
                continue  # one cito:Citation per (paragraph, target); a text does not cite itself
            seen.add((c.paragraph, c.target))
            para = paragraphs.get(c.paragraph) or self.t.node(f"{self.doc}/{c.paragraph}")
            n = index.get(c.paragraph, 0)
            index[c.paragraph] = n + 1
            self.citation(c, para, n, c.function or functions.get(c.paragraph, ""))

    def citation(self, c: Citation, para, n: int, function: str) -> None:
        t = self.t
        target = self.instrument(c.target)
        self.add(para, _eli.cites, target)
        self.add(self.doc, _eli.cites, target)
        node = t.node(f"{para}/cites/{n}")
        self.add(node, _rdf.type, _cito.Citation)
        self.add(node, _cito.hasCitingEntity, para)
        self.add(node, _cito.hasCitedEntity, target)
        characterization = self.reg.cito_characterization(function) if function else None
        self.add(node, _cito.hasCitationCharacterization,
                 characterization or FALLBACK_CHARACTERIZATION)
        if function:
            self.add(node, _rg.clauseFunction, _rgcf[function])
        if c.text:
            self.add(node, _rg.quote, t.text(c.text))
        self.add(node, _prov.wasGeneratedBy, self.activity)
        self.selector(node, c.start, c.end)


def document_graph(extraction: Extraction, registry: Registry,
                   corpus_keys: Iterable[str] = ()) -> Graph:
    """The triples one extraction contributes (no ontology, no registry).

    `corpus_keys`: symbols of the other documents of the same build; a citation of one of them is
    not given a placeholder title (that document's own graph gives its real one).
    """
    if not extraction.document.symbol:
        raise ValueError(f"{extraction.path or 'text'}: no document symbol")
    g = Graph(bind_namespaces="core")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    _add_document(g, extraction, registry, frozenset(corpus_keys))
    return g


def _add_document(graph: Graph, extraction: Extraction, registry: Registry,
                  corpus_keys: frozenset[str], conditional: dict | None = None) -> "_DocumentBuilder":
    b = _DocumentBuilder(lambda s, p, o: graph.add((s, p, o)), extraction, registry, corpus_keys,
                         conditional)
    b.document()
    b.provenance()
    b.citations(b.paragraphs())
    return b


def document_parts(extraction: Extraction, registry: Registry) -> tuple[Graph, dict, set[str]]:
    """:func:`document_graph` split by what depends on the rest of the corpus (for incremental builds):
    (the triples that hold whatever the corpus, {cited key: the triples that hold only when that key
    is not a document of the corpus}, every instrument key the document mentions).

    `document_graph(x, registry, corpus)` is the first part plus the second part's triples of every
    key not in `corpus`.
    """
    if not extraction.document.symbol:
        raise ValueError(f"{extraction.path or 'text'}: no document symbol")
    g = Graph(bind_namespaces="core")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    conditional: dict = {}
    b = _add_document(g, extraction, registry, frozenset(), conditional)
    return g, conditional, b.keys


def document_lines(extraction: Extraction, registry: Registry
                   ) -> tuple[list[bytes], dict[str, list[bytes]], set[str]]:
    """:func:`document_parts` as N-Triples lines, built as text without rdflib terms (the hot path
    of a build, several times faster): (sorted unique lines of the corpus-independent triples,
    {cited key: its sorted conditional lines}, every instrument key mentioned). Each line is what
    rdflib's N-Triples writer gives for the same triple, without the final newline."""
    if not extraction.document.symbol:
        raise ValueError(f"{extraction.path or 'text'}: no document symbol")
    lines: set[str] = set()
    conditional: dict = {}
    b = _DocumentBuilder(lambda s, p, o: lines.add(_nt_line(s, p, o)), extraction, registry,
                         frozenset(), conditional, terms=_LineTerms, triple=_nt_line)
    b.document()
    b.provenance()
    b.citations(b.paragraphs())
    cond = {k: sorted(line.encode("utf-8") for line in set(v)) for k, v in sorted(conditional.items())}
    return sorted(line.encode("utf-8") for line in lines), cond, b.keys


def conditional_lines(key: str) -> list[bytes]:
    """The lines a citation of `key` adds when `key` is neither known to the registry nor a document
    of the corpus (its key as placeholder title, its issuing body): a function of the key alone, so
    a rebuild can switch them on or off without the citing documents (the builder uses it too)."""
    node = _LineTerms.node(iri(key))
    lines = [_nt_line(node, DCTERMS.title, _LineTerms.text(key))]
    body = kind_of(key)[1]
    if body:
        lines.append(_nt_line(node, ELI.passed_by, _LineTerms.node(str(body_iri(body)))))
    return sorted(line.encode("utf-8") for line in lines)


def finish(graph: Graph, registry: Registry) -> Graph:
    """Whole-graph facts: registry instruments get `rg:inRegistry true`, the explicit ELI class of
    their kind, the undocs link, and (when the registry gives none) their key as title."""
    for key in sorted(registry.keys()):
        node = iri_ref(key)
        kinds = [k for k in graph.objects(node, RDF.type) if k in INSTRUMENT_KINDS or k == RG.TreatyArticle]
        if not kinds:
            continue  # bodies, sessions, mechanisms: not instruments
        graph.add((node, RG.inRegistry, Literal(True)))
        for kind in kinds:
            graph.add((node, RDF.type, _superclass(kind)))
        url = undocs_url(key)
        if url:
            graph.add((node, RDFS.seeAlso, URIRef(url)))
        if (node, DCTERMS.title, None) not in graph:
            graph.add((node, DCTERMS.title, Literal(key)))
        m = _ARTICLE.match(key)
        if m:
            graph.add((node, ELI.is_part_of, iri_ref(m["parent"])))
            graph.add((iri_ref(m["parent"]), ELI.has_part, node))
    return graph


def build_graph(extractions: Iterable[Extraction], registry: Registry) -> Graph:
    """Ontology + registry + every extraction, as one graph (one node per key, whatever the
    language of the citing text)."""
    extractions = list(extractions)
    corpus = frozenset(x.document.symbol for x in extractions if x.document.symbol)
    graph = Graph(bind_namespaces="core")
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    for triple in registry.graph:
        graph.add(triple)
    for x in extractions:
        if not x.document.symbol:
            raise ValueError(f"{x.path or 'text'}: no document symbol")
        _add_document(graph, x, registry, corpus)  # straight into the graph: no copy per document
    return finish(graph, registry)
