"""Corpus-wide citation facts, materialised at build time so that queries read them instead of
aggregating the whole graph (issue 17: `most-cited` scanned every citation edge at every call).

For every instrument some text cites (a subject with a `dcterms:identifier` that `eli:cites` it):

- `rg:citingTextCount`: how many texts (subjects with a key) cite it directly — its in-degree;
- `rg:citingParagraphCount`: how many paragraphs of those texts cite it (a paragraph counts when it
  `eli:cites` the instrument and `eli:is_part_of` a text that cites it);
- `rg:firstCitedDate`, `rg:lastCitedDate`: the earliest and latest date of a citing text (its
  `eli:date_document`, else its session's `rg:startDate`), when some citing text has one;

and for every text that cites: `rg:citedInstrumentCount`, the instruments (with a key) it cites
directly — its out-degree.

For every extracted text (a subject with a key that `prov:wasDerivedFrom` a source), orders and
counts that let a query read the first n texts without sorting or counting them all (issue 17:
sorting 10,000 keys or dates took Oxigraph 0.5–1 s; an integer sorts in microseconds):

- `rg:textKeyRank`: its place among the texts by key (code point order, as SPARQL's ORDER BY);
- `rg:textDateRank`: its place by date (`eli:date_document`, else its session's `rg:startDate`;
  undated first, as SPARQL orders an unbound value), then key;
- `rg:paragraphCount`, `rg:citationCount`: its parts (`eli:is_part_of` it) and the citation nodes
  (`cito:hasCitingEntity`) of those parts, 0 included;

and for every instrument the registry does not know (`rg:inRegistry false`, with a key):
`rg:unresolvedKeyRank`, its place among those by key.

The two citing sides of `cited-by-interpol-and-un`, and every key's place (issue 17: that query
grouped all 126,000 citations of a 10,000-document graph to find the instruments cited by both):

- `rg:interpolCitingTextCount`, `rg:unCitingTextCount`: of the texts that cite an instrument (as
  `rg:citingTextCount`), how many were `eli:passed_by` an INTERPOL body (its IRI starts with
  `…/id/body/interpol`), how many by the UN General Assembly, Security Council or ECOSOC (written
  when not 0);
- `rg:keyRank`: the place of every subject with a key among them all by key (code point order), so
  that a query orders instruments or citing texts by an integer, not by strings Oxigraph reads
  from its dictionary at each comparison.

These are exactly what `UNMATERIALISED` computes in SPARQL from the rest of the graph (tested on
synthetic corpora, cold and after incremental rebuilds). A cold build adds them to the merged
N-Triples lines (:func:`complete`) or the rdflib graph (:func:`add_to_graph`); a rebuild in place
recomputes only those of the instruments and texts its delta touches, on the new store generation
(:func:`refresh`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import chain

from rdflib import Graph, URIRef

from resograph.core.namespaces import BASE, CITO, DCTERMS, ELI, PROV, RG, XSD


def _nt(term: URIRef) -> bytes:
    return f"<{term}>".encode()


CITES = _nt(ELI.cites)
PART_OF = _nt(ELI.is_part_of)
DATE = _nt(ELI.date_document)
IDENT = _nt(DCTERMS.identifier)
SESSION = _nt(RG.session)
START = _nt(RG.startDate)
DERIVED = _nt(PROV.wasDerivedFrom)
CITING = _nt(CITO.hasCitingEntity)
IN_REGISTRY = _nt(RG.inRegistry)
UNKNOWN = b'"false"^^' + _nt(XSD.boolean)
PASSED = _nt(ELI.passed_by)
READ = (CITES, PART_OF, DATE, IDENT, SESSION, START, DERIVED, CITING, IN_REGISTRY, PASSED)

TEXTS = _nt(RG.citingTextCount)
PARAGRAPHS = _nt(RG.citingParagraphCount)
FIRST = _nt(RG.firstCitedDate)
LAST = _nt(RG.lastCitedDate)
OUT = _nt(RG.citedInstrumentCount)
RANK = _nt(RG.citationRank)
PAR_COUNT = _nt(RG.paragraphCount)
CIT_COUNT = _nt(RG.citationCount)
KEY_RANK = _nt(RG.textKeyRank)
DATE_RANK = _nt(RG.textDateRank)
UNRESOLVED_RANK = _nt(RG.unresolvedKeyRank)
TEXT_COUNTS = (PAR_COUNT, CIT_COUNT)
ORDERS = (KEY_RANK, DATE_RANK, UNRESOLVED_RANK)
# the citing sides of cited-by-interpol-and-un, and every key's place
INTERPOL_TEXTS = _nt(RG.interpolCitingTextCount)
UN_TEXTS = _nt(RG.unCitingTextCount)
ANY_KEY_RANK = _nt(RG.keyRank)
SIDES = (INTERPOL_TEXTS, UN_TEXTS)
INTERPOL_BODY = f"<{BASE}body/interpol".encode()  # an IRI prefix: INTERPOL's General Assembly, Executive Committee…
UN_BODIES = frozenset(f"<{BASE}body/{b}>".encode() for b in ("un-ga", "un-sc", "ecosoc"))
WRITTEN = (TEXTS, PARAGRAPHS, FIRST, LAST, OUT, RANK) + TEXT_COUNTS + ORDERS + SIDES + (ANY_KEY_RANK,)
# a delta with one of these lines may move a text or an unresolved instrument in its order
ORDER_INPUTS = (IDENT, DATE, SESSION, START, DERIVED, IN_REGISTRY)
_INTEGER = b"^^" + _nt(XSD.integer)
_DATE_TYPE = b"^^" + _nt(XSD.date)

# The same facts computed from the rest of the graph (no materialised line read): the reference.
_PREFIXES = f"PREFIX eli: <{ELI}>\nPREFIX rg: <{RG}>\nPREFIX dcterms: <{DCTERMS}>\n"
UNMATERIALISED = _PREFIXES + """
SELECT ?x ?texts (COALESCE(?pars, 0) AS ?paragraphs) ?first ?last WHERE {
  { SELECT ?x (COUNT(DISTINCT ?doc) AS ?texts)
    WHERE { ?doc eli:cites ?x ; dcterms:identifier ?dk . ?x dcterms:identifier ?xk . }
    GROUP BY ?x }
  OPTIONAL { SELECT ?x (MIN(?date) AS ?first) (MAX(?date) AS ?last)
    WHERE { ?doc eli:cites ?x ; dcterms:identifier ?dk . ?x dcterms:identifier ?xk .
            OPTIONAL { ?doc eli:date_document ?d0 } OPTIONAL { ?doc rg:session/rg:startDate ?d1 }
            BIND(COALESCE(?d0, ?d1) AS ?date) FILTER(BOUND(?date)) }
    GROUP BY ?x }
  OPTIONAL { SELECT ?x (COUNT(DISTINCT ?par) AS ?pars)
    WHERE { ?par eli:cites ?x ; eli:is_part_of ?d . ?d eli:cites ?x ; dcterms:identifier ?dk .
            ?x dcterms:identifier ?xk . }
    GROUP BY ?x }
}
"""
UNMATERIALISED_OUT = _PREFIXES + """
SELECT ?doc (COUNT(DISTINCT ?x) AS ?out) WHERE {
  ?doc eli:cites ?x ; dcterms:identifier ?dk . ?x dcterms:identifier ?xk .
} GROUP BY ?doc
"""

# the texts and unresolved instruments in the orders their ranks give, and the texts' counts
_PREFIXES_TEXTS = _PREFIXES + f"PREFIX prov: <{PROV}>\nPREFIX cito: <{CITO}>\n"
UNMATERIALISED_KEY_ORDER = _PREFIXES_TEXTS + """
SELECT DISTINCT ?x ?key WHERE { ?x prov:wasDerivedFrom ?src ; dcterms:identifier ?key } ORDER BY ?key
"""
UNMATERIALISED_DATE_ORDER = _PREFIXES_TEXTS + """
SELECT DISTINCT ?x ?date ?key WHERE {
  ?x prov:wasDerivedFrom ?src ; dcterms:identifier ?key .
  OPTIONAL { ?x eli:date_document ?d0 }
  OPTIONAL { ?x rg:session ?s0 OPTIONAL { ?s0 rg:startDate ?d1 } }
  BIND(COALESCE(?d0, ?d1) AS ?date)
} ORDER BY ?date ?key
"""
UNMATERIALISED_UNRESOLVED_ORDER = _PREFIXES_TEXTS + """
SELECT DISTINCT ?x ?key WHERE { ?x rg:inRegistry false ; dcterms:identifier ?key } ORDER BY ?key
"""
UNMATERIALISED_COUNTS = _PREFIXES_TEXTS + """
SELECT ?x (COUNT(DISTINCT ?par) AS ?paragraphs) (COUNT(DISTINCT ?c) AS ?citations) WHERE {
  ?x prov:wasDerivedFrom ?src ; dcterms:identifier ?key .
  OPTIONAL { ?par eli:is_part_of ?x OPTIONAL { ?c cito:hasCitingEntity ?par } }
} GROUP BY ?x
"""

# the citing sides and every key's place, from the rest of the graph
_BODY_PREFIX = INTERPOL_BODY[1:].decode()
_SIDE_FILTERS = {INTERPOL_TEXTS: f'FILTER(STRSTARTS(STR(?b), "{_BODY_PREFIX}"))',
                 UN_TEXTS: f"FILTER(?b IN ({', '.join(sorted(b.decode() for b in UN_BODIES))}))"}
UNMATERIALISED_SIDES = {p: _PREFIXES + """
SELECT ?x (COUNT(DISTINCT ?doc) AS ?texts) WHERE {
  ?doc eli:cites ?x ; dcterms:identifier ?dk ; eli:passed_by ?b . ?x dcterms:identifier ?xk . %s
} GROUP BY ?x
""" % side for p, side in _SIDE_FILTERS.items()}
UNMATERIALISED_ANY_KEY_ORDER = _PREFIXES + """
SELECT DISTINCT ?x ?key WHERE { ?x dcterms:identifier ?key } ORDER BY ?key
"""


class Index:
    """What the facts are computed from, as N-Triples terms (bytes): who cites what, which paragraph
    belongs to which text, which subjects have a key, and the dates of texts and sessions."""

    def __init__(self) -> None:
        self.citers: dict[bytes, set[bytes]] = defaultdict(set)   # cited -> citing subjects
        self.cites: dict[bytes, set[bytes]] = defaultdict(set)    # citing -> cited
        self.part_of: dict[bytes, set[bytes]] = defaultdict(set)
        self.keyed: dict[bytes, bytes] = {}                        # subject -> its key (N-Triples)
        self.dates: dict[bytes, set[bytes]] = defaultdict(set)
        self.session: dict[bytes, set[bytes]] = defaultdict(set)
        self.start: dict[bytes, set[bytes]] = defaultdict(set)
        self.derived: set[bytes] = set()                           # subjects with a source
        self.parts: dict[bytes, set[bytes]] = defaultdict(set)    # whole -> its parts
        self.citations: dict[bytes, set[bytes]] = defaultdict(set)  # citing entity -> citation nodes
        self.unknown: set[bytes] = set()                           # rg:inRegistry false
        self.bodies: dict[bytes, set[bytes]] = defaultdict(set)   # text -> the bodies that passed it

    def add(self, s: bytes, p: bytes, o: bytes) -> None:
        if p == CITES:
            self.citers[o].add(s)
            self.cites[s].add(o)
        elif p == PART_OF:
            self.part_of[s].add(o)
            self.parts[o].add(s)
        elif p == IDENT:
            self.keyed[s] = min(o, self.keyed.get(s, o))
        elif p == DATE:
            self.dates[s].add(o)
        elif p == SESSION:
            self.session[s].add(o)
        elif p == START:
            self.start[s].add(o)
        elif p == DERIVED:
            self.derived.add(s)
        elif p == CITING:
            self.citations[o].add(s)
        elif p == IN_REGISTRY and o == UNKNOWN:
            self.unknown.add(s)
        elif p == PASSED:
            self.bodies[s].add(o)

    @classmethod
    def of_lines(cls, lines: Iterable[bytes]) -> "Index":
        index = cls()
        wanted = set(READ)
        for line in lines:
            s, p, rest = line.split(b" ", 2)
            if p in wanted:
                index.add(s, p, rest[:-2].rstrip())
        return index

    def text_dates(self, doc: bytes) -> set[bytes]:
        own = self.dates.get(doc)
        if own:
            return own
        return {d for s in self.session.get(doc, ()) for d in self.start.get(s, ())}


def _date_value(term: bytes) -> bytes | None:
    """The lexical form of an xsd:date literal (ISO dates compare as strings); None otherwise."""
    if term.endswith(_DATE_TYPE) and term.startswith(b'"'):
        return term[1:-len(_DATE_TYPE) - 1]
    return None


def _int(n: int) -> bytes:
    return b'"%d"' % n + _INTEGER


def instrument_facts(index: Index, x: bytes) -> list[tuple[bytes, bytes, bytes]]:
    """The facts of one cited instrument (none when no keyed text cites it or it has no key)."""
    if x not in index.keyed:
        return []
    texts = {s for s in index.citers.get(x, ()) if s in index.keyed}
    if not texts:
        return []
    paragraphs = {s for s in index.citers.get(x, ())
                  if any(d in texts for d in index.part_of.get(s, ()))}
    facts = [(x, TEXTS, _int(len(texts))), (x, PARAGRAPHS, _int(len(paragraphs)))]
    dates = [v for doc in texts for d in index.text_dates(doc) if (v := _date_value(d)) is not None]
    if dates:
        first, last = min(dates), max(dates)
        facts += [(x, FIRST, b'"' + first + b'"' + _DATE_TYPE), (x, LAST, b'"' + last + b'"' + _DATE_TYPE)]
    return facts


def text_facts(index: Index, doc: bytes) -> list[tuple[bytes, bytes, bytes]]:
    """The out-degree of one citing text (none when it has no key or cites nothing with a key)."""
    if doc not in index.keyed:
        return []
    out = sum(1 for x in index.cites.get(doc, ()) if x in index.keyed)
    return [(doc, OUT, _int(out))] if out else []


def count_facts(index: Index, doc: bytes) -> list[tuple[bytes, bytes, bytes]]:
    """The paragraphs and citation nodes of one extracted text (none when it is not one)."""
    if doc not in index.derived or doc not in index.keyed:
        return []
    parts = index.parts.get(doc, set())
    cited = {c for par in parts for c in index.citations.get(par, ())}
    return [(doc, PAR_COUNT, _int(len(parts))), (doc, CIT_COUNT, _int(len(cited)))]


def side_facts(index: Index, x: bytes) -> list[tuple[bytes, bytes, bytes]]:
    """How many of the texts citing one instrument (as :func:`instrument_facts` counts them) INTERPOL
    and the UN passed (none of a side no such text cites it from)."""
    if x not in index.keyed:
        return []
    bodies = [index.bodies.get(s, ()) for s in index.citers.get(x, ()) if s in index.keyed]
    interpol = sum(1 for bs in bodies if any(b.startswith(INTERPOL_BODY) for b in bs))
    un = sum(1 for bs in bodies if not UN_BODIES.isdisjoint(bs))
    return [(x, p, _int(n)) for p, n in ((INTERPOL_TEXTS, interpol), (UN_TEXTS, un)) if n]


def key_rank_lines(keyed: dict[bytes, bytes]) -> list[bytes]:
    """(subject -> its key as an N-Triples literal) -> the rg:keyRank lines: 1, 2, 3… by key."""
    order = sorted(keyed, key=lambda x: lexical(keyed[x]))
    return sorted(b"%s %s %s ." % (x, ANY_KEY_RANK, _int(n)) for n, x in enumerate(order, 1))


def fact_lines(index: Index, instruments: Iterable[bytes], texts: Iterable[bytes],
               documents: Iterable[bytes] = ()) -> list[bytes]:
    """The N-Triples lines of the facts of these instruments, citing texts and documents, sorted."""
    triples = [t for x in set(instruments) for t in instrument_facts(index, x) + side_facts(index, x)]
    triples += [t for d in set(texts) for t in text_facts(index, d)]
    triples += [t for d in set(documents) for t in count_facts(index, d)]
    return sorted({b"%s %s %s ." % t for t in triples})


_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f"}


def _unescape(m: re.Match) -> str:
    e = m.group(1)
    return chr(int(e[1:], 16)) if len(e) > 1 else _ECHAR.get(e, e)


def lexical(term: bytes) -> str:
    """The lexical form of an N-Triples literal, unescaped: what SPARQL's ORDER BY compares (by code
    point, as Python compares str). Its bytes would not do: the closing quote sorts before a space."""
    body = term[1:term.rindex(b'"')].decode("utf-8")
    return _ESCAPE.sub(_unescape, body) if "\\" in body else body


def order_lines(index: Index) -> list[bytes]:
    """The rank lines of the extracted texts (by key; by date then key) and of the instruments the
    registry does not know (by key), each 1, 2, 3… in that order."""
    texts = [d for d in index.derived if d in index.keyed]
    key = {x: lexical(index.keyed[x]) for x in set(texts) | index.unknown if x in index.keyed}

    def dated(doc: bytes) -> tuple[int, str, str]:
        dates = [v for d in index.text_dates(doc) if (v := _date_value(d)) is not None]
        return (1, min(dates).decode("utf-8"), key[doc]) if dates else (0, "", key[doc])

    orders = ((KEY_RANK, sorted(texts, key=key.__getitem__)), (DATE_RANK, sorted(texts, key=dated)),
              (UNRESOLVED_RANK, sorted((x for x in index.unknown if x in key), key=key.__getitem__)))
    return sorted(b"%s %s %s ." % (x, p, _int(n)) for p, xs in orders for n, x in enumerate(xs, 1))


def _count(term: bytes) -> int:
    return int(term[1:term.index(b'"', 1)])


def rank_lines(counted: Iterable[tuple[bytes, int, int, bytes]]) -> list[bytes]:
    """(instrument, citing texts, citing paragraphs, key as an N-Triples literal) of every cited
    instrument -> its rg:citationRank lines: 1 for the most cited, by texts then paragraphs (both
    descending) then key (code point order of its lexical form, as SPARQL's ORDER BY ?key)."""
    order = sorted(counted, key=lambda c: (-c[1], -c[2], lexical(c[3])))
    return sorted(b"%s %s %s ." % (c[0], RANK, _int(n)) for n, c in enumerate(order, 1))


def lines_of(lines: list[bytes]) -> list[bytes]:
    """The fact lines of a whole graph given as N-Triples lines."""
    index = Index.of_lines(lines)
    out = fact_lines(index, index.citers, index.cites, index.derived)
    counts: dict[bytes, dict[bytes, int]] = defaultdict(dict)
    for line in out:
        s, p, o = line[:-2].split(b" ", 2)
        if p in (TEXTS, PARAGRAPHS):
            counts[s][p] = _count(o)
    ranks = rank_lines((x, c[TEXTS], c[PARAGRAPHS], index.keyed[x]) for x, c in counts.items())
    return sorted(out + ranks + order_lines(index) + key_rank_lines(index.keyed))


def complete(lines: list[bytes]) -> list[bytes]:
    """Sorted, unique N-Triples lines of a graph (without facts) -> the same with its facts added,
    still sorted (two sorted runs: the sort merges them in linear time)."""
    return sorted(lines + lines_of(lines))


def add_to_graph(graph: Graph) -> Graph:
    """Add the facts to an rdflib graph built without them (the whole-graph build path)."""
    text = graph.serialize(format="nt", encoding="utf-8")
    lines = [line for line in text.split(b"\n") if line.strip()]
    facts = lines_of(lines)
    if facts:
        graph.parse(data=b"\n".join(facts).decode("utf-8"), format="nt")
    return graph


# -- a rebuild in place: only what the delta touches -----------------------------------------------

class _StoreReader:
    """Index look-ups on a pyoxigraph store, in N-Triples terms."""

    def __init__(self, store) -> None:
        import pyoxigraph as ox

        self.store, self.ox = store, ox

    def node(self, term: bytes):
        return self.ox.NamedNode(term[1:-1].decode("utf-8")) if term.startswith(b"<") else None

    def objects(self, s: bytes, p: bytes) -> list[bytes]:
        n = self.node(s)
        if n is None:
            return []
        return [term_bytes(q.object) for q in self.store.quads_for_pattern(n, self.node(p), None)]

    def subjects(self, p: bytes, o: bytes) -> list[bytes]:
        n = self.node(o)
        if n is None:
            return []
        return [term_bytes(q.subject) for q in self.store.quads_for_pattern(None, self.node(p), n)]


def _store_index(read: _StoreReader, around: set[bytes]) -> tuple[Index, set[bytes], set[bytes]]:
    """An index of the store's lines around `around` (subjects a delta touched): the instruments and
    the texts whose facts may have changed, with everything their facts are computed from. The other
    citers of those instruments (thousands for a hub) are read only for what the counts and dates
    need (key, paragraph's text, date, session), not for what they cite."""
    texts = set(around)
    for s in list(around):  # a session's date changed: the texts of that session
        texts.update(read.subjects(SESSION, s))
    for s in list(texts):  # a paragraph changed: its text's citations
        texts.update(read.objects(s, PART_OF))
    instruments = set(around)
    index = Index()
    for s in texts:
        for x in read.objects(s, CITES):
            index.add(s, CITES, x)
            instruments.add(x)
    citers: set[bytes] = set()
    for x in instruments:
        for c in read.subjects(CITES, x):
            index.add(c, CITES, x)
            citers.add(c)
    for s in texts | instruments | citers | {x for xs in index.cites.values() for x in xs}:
        for p in (IDENT, PART_OF, DATE, SESSION):
            for o in read.objects(s, p):
                index.add(s, p, o)
    for c in citers:  # the citing sides count texts (with a key) only
        if c in index.keyed:
            for o in read.objects(c, PASSED):
                index.add(c, PASSED, o)
    for session in {d for ds in index.session.values() for d in ds}:
        for d in read.objects(session, START):
            index.add(session, START, d)
    return index, instruments, texts


def term_bytes(term) -> bytes:
    """A pyoxigraph term in N-Triples form (IRIs, and the plain literals the facts read)."""
    return str(term).encode("utf-8")


def _quads(lines: list[bytes]) -> list:
    import pyoxigraph as ox

    if not lines:
        return []
    return list(ox.parse(b"\n".join(lines) + b"\n", format=ox.RdfFormat.N_TRIPLES))


def _order_inputs(lines: Iterable[bytes]) -> Counter:
    """The lines of `lines` an order is computed from; of a source link (`prov:wasDerivedFrom`) only
    that the subject has one counts, not which source (an edited text gets a new one)."""
    return Counter((s, p, b"" if p == DERIVED else o) for s, p, o in
                   (line.split(b" ", 2) for line in lines) if p in ORDER_INPUTS)


def refresh(store, deletes: list[bytes], inserts: list[bytes]) -> int:
    """After a rebuild removed `deletes` from `store` (a pyoxigraph Store) and added `inserts`:
    recompute the facts of every instrument and text the delta touches, replace the old ones; returns
    the change in line count. The orders are recomputed only when their inputs changed."""
    around: set[bytes] = set()
    for line in chain(deletes, inserts):
        s, p, rest = line.split(b" ", 2)
        around.add(s)
        if p == CITES:
            around.add(rest[:-2].rstrip())
    if not around:
        return 0
    read = _StoreReader(store)
    index, instruments, texts = _store_index(read, around)
    new = set(fact_lines(index, instruments, texts))
    old = {b"%s %s %s ." % (s, p, o) for s in instruments for p in WRITTEN[:4] + SIDES for o in read.objects(s, p)}
    old |= {b"%s %s %s ." % (s, OUT, o) for s in texts for o in read.objects(s, OUT)}
    removed, added = _replace(store, old, new)
    counted = any(line.split(b" ", 2)[1] in (TEXTS, PARAGRAPHS) for line in removed + added)
    changed = len(added) - len(removed) + (_rerank(read) if counted else 0)
    changed += _recount(read, around)
    changed += _rekey(read) if _key_lines(deletes) != _key_lines(inserts) else 0
    return changed + (_reorder(read) if _order_inputs(deletes) != _order_inputs(inserts) else 0)


def _replace(store, old: set[bytes], new: set[bytes]) -> tuple[list[bytes], list[bytes]]:
    """Remove the lines of `old` not in `new` from the store, add those of `new` not in `old`."""
    deletes, inserts = sorted(old - new), sorted(new - old)
    for quad in _quads(deletes):
        store.remove(quad)
    store.extend(_quads(inserts))
    return deletes, inserts


def _recount(read: _StoreReader, around: set[bytes]) -> int:
    """The paragraph and citation counts of the texts whose parts or citation nodes the delta
    touched (a citation node -> its paragraph -> its text); returns the change in line count."""
    docs = set(around)
    docs.update(o for s in around for o in read.objects(s, CITING))
    docs.update(o for s in list(docs) for o in read.objects(s, PART_OF))
    index = Index()
    for d in docs:
        for p in (DERIVED, IDENT):
            for o in read.objects(d, p):
                index.add(d, p, o)
    for d in docs:
        if d in index.derived and d in index.keyed:
            for par in read.subjects(PART_OF, d):
                index.add(par, PART_OF, d)
                for c in read.subjects(CITING, par):
                    index.add(c, CITING, par)
    new = set(fact_lines(index, (), (), docs))
    old = {b"%s %s %s ." % (d, p, o) for d in docs for p in TEXT_COUNTS for o in read.objects(d, p)}
    deletes, inserts = _replace(read.store, old, new)
    return len(inserts) - len(deletes)


def _reorder(read: _StoreReader) -> int:
    """Rank the texts and the unresolved instruments again from the store (a key, a date or a text
    came or went); returns the change in line count."""
    index = Index()
    for p in ORDER_INPUTS:
        for q in read.store.quads_for_pattern(None, read.node(p), None):
            index.add(term_bytes(q.subject), p, term_bytes(q.object))
    old = {b"%s %s %s ." % (term_bytes(q.subject), p, term_bytes(q.object))
           for p in ORDERS for q in read.store.quads_for_pattern(None, read.node(p), None)}
    deletes, inserts = _replace(read.store, old, set(order_lines(index)))
    return len(inserts) - len(deletes)


def _key_lines(lines: Iterable[bytes]) -> Counter:
    """The identifier lines of `lines`: rg:keyRank is computed from them only."""
    return Counter(line for line in lines if line.split(b" ", 2)[1] == IDENT)


def _rekey(read: _StoreReader) -> int:
    """Place every key again (a key came or went); returns the change in line count."""
    store, keyed = read.store, {}
    for q in store.quads_for_pattern(None, read.node(IDENT), None):
        s, o = term_bytes(q.subject), term_bytes(q.object)
        keyed[s] = min(o, keyed.get(s, o))
    old = {b"%s %s %s ." % (term_bytes(q.subject), ANY_KEY_RANK, term_bytes(q.object))
           for q in store.quads_for_pattern(None, read.node(ANY_KEY_RANK), None)}
    deletes, inserts = _replace(store, old, set(key_rank_lines(keyed)))
    return len(inserts) - len(deletes)


def _rerank(read: _StoreReader) -> int:
    """Rank every cited instrument again from the counts in the store (a count that changed moves
    the instruments between its old and new place); returns the change in line count."""
    store = read.store
    counts: dict[bytes, dict[bytes, int]] = defaultdict(dict)
    for p in (TEXTS, PARAGRAPHS):
        for q in store.quads_for_pattern(None, read.node(p), None):
            counts[term_bytes(q.subject)][p] = int(q.object.value)
    keys = {term_bytes(q.subject): term_bytes(q.object)
            for q in store.quads_for_pattern(None, read.node(IDENT), None)}
    new = set(rank_lines((x, c[TEXTS], c[PARAGRAPHS], keys[x]) for x, c in counts.items()))
    old = {b"%s %s %s ." % (term_bytes(q.subject), RANK, term_bytes(q.object))
           for q in store.quads_for_pattern(None, read.node(RANK), None)}
    deletes, inserts = _replace(store, old, new)
    return len(inserts) - len(deletes)


__all__ = ["UNMATERIALISED", "UNMATERIALISED_OUT", "UNMATERIALISED_SIDES", "UNMATERIALISED_ANY_KEY_ORDER", "UNMATERIALISED_KEY_ORDER", "UNMATERIALISED_DATE_ORDER",
           "UNMATERIALISED_UNRESOLVED_ORDER", "UNMATERIALISED_COUNTS", "WRITTEN", "ORDERS", "TEXT_COUNTS", "Index", "complete",
           "add_to_graph", "lines_of", "lexical", "order_lines", "refresh"]
