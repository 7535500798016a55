"""Corpus-wide citation facts, materialised at build time so that queries read them instead of
aggregating the whole graph (issue 17: `most-cited` scanned every citation edge at every call).

For every instrument some text cites (a subject with a `dcterms:identifier` that `eli:cites` it):

- `rg:citingTextCount`: how many texts (subjects with a key) cite it directly — its in-degree;
- `rg:citingParagraphCount`: how many paragraphs of those texts cite it (a paragraph counts when it
  `eli:cites` the instrument and `eli:is_part_of` a text that cites it);
- `rg:firstCitedDate`, `rg:lastCitedDate`: the earliest and latest date of a citing text (its
  `eli:date_document`, else its session's `rg:startDate`), when some citing text has one;

and for every text that cites: `rg:citedInstrumentCount`, the instruments (with a key) it cites
directly — its out-degree; and `rg:textCites`, a copy of each of its `eli:cites` lines (a subject
with a key cites: a text or a registry instrument, not a paragraph), so that a chain of citations
walks the texts only (issue 17: `citers`' `eli:cites+` from A/RES/51/1 reached 13,209 nodes at
10,000 documents, 8,530 of them paragraphs that cite a citing text and end the walk).

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

import bisect
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
TEXT_CITES = _nt(RG.textCites)
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
WRITTEN = (TEXTS, PARAGRAPHS, FIRST, LAST, OUT, TEXT_CITES, RANK) + TEXT_COUNTS + ORDERS + SIDES + (ANY_KEY_RANK,)
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
UNMATERIALISED_TEXT_CITES = _PREFIXES + """
SELECT DISTINCT ?doc ?x WHERE { ?doc eli:cites ?x ; dcterms:identifier ?dk }
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
    """The out-degree of one citing text (none when it has no key or cites nothing with a key) and
    its text-level citations (rg:textCites: every eli:cites of a subject with a key)."""
    if doc not in index.keyed:
        return []
    cited = index.cites.get(doc, ())
    out = sum(1 for x in cited if x in index.keyed)
    return ([(doc, OUT, _int(out))] if out else []) + [(doc, TEXT_CITES, x) for x in cited]


def count_facts(index: Index, doc: bytes) -> list[tuple[bytes, bytes, bytes]]:
    """The paragraphs and citation nodes of one extracted text (none when it is not one)."""
    if doc not in index.derived or doc not in index.keyed:
        return []
    parts = index.parts.get(doc, set())
    cited = {c for par in parts for c in index.citations.get(par, ())}
    return [(doc, PAR_COUNT, _int(len(parts))), (doc, CIT_COUNT, _int(len(cited)))]


def _sides(bodies: Iterable[set[bytes]]) -> tuple[int, int]:
    """Of the texts passed by these bodies (a set per text): how many INTERPOL passed, how many the UN."""
    interpol = un = 0
    for bs in bodies:
        interpol += any(b.startswith(INTERPOL_BODY) for b in bs)
        un += not UN_BODIES.isdisjoint(bs)
    return interpol, un


def _side_triples(x: bytes, interpol: int, un: int) -> list[tuple[bytes, bytes, bytes]]:
    return [(x, p, _int(n)) for p, n in ((INTERPOL_TEXTS, interpol), (UN_TEXTS, un)) if n]


def side_facts(index: Index, x: bytes) -> list[tuple[bytes, bytes, bytes]]:
    """How many of the texts citing one instrument (as :func:`instrument_facts` counts them) INTERPOL
    and the UN passed (none of a side no such text cites it from)."""
    if x not in index.keyed:
        return []
    return _side_triples(x, *_sides(index.bodies.get(s, set()) for s in index.citers.get(x, ()) if s in index.keyed))


def key_rank_lines(keyed: dict[bytes, bytes]) -> list[bytes]:
    """(subject -> its key as an N-Triples literal) -> the rg:keyRank lines: 1, 2, 3… by key."""
    order = sorted(keyed, key=lambda x: term_order(keyed[x]))
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


def term_order(term: bytes) -> tuple[int, str]:
    """A key as SPARQL's ORDER BY places it: an IRI (a key written as one: invalid, but the facts of
    a graph that fails its shapes are still computed) before any literal, literals by lexical form."""
    return (0, term.decode("utf-8")) if term.startswith(b"<") else (1, lexical(term))


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
#
# A rebuild applies a delta (lines removed, lines added) to a copy of the store, then `refresh` brings
# the facts up to date from that delta alone: a count is adjusted by the citers whose contribution
# changed (not re-read over every citer of a hub), a first or last date is re-read only when the
# delta removed the extreme value itself, and an order moves only the members the delta touched
# (the rest keep their relative order: each rank line that changed is rewritten, no other).
# The store holds the new state; `Delta` answers the old state's look-ups from the new one plus the
# delta's lines.

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

    def pairs(self, p: bytes) -> list[tuple[bytes, bytes]]:
        """(subject, object) of every line of the order `p` (~10^4 lines of IRI and rank), written
        by pyoxigraph in one call (a Python call per term costs ~10x more): a SELECT's TSV, which
        makes no Python object per line (1.5-3x faster than serialising the quads at 10,000
        documents); its integers come back bare and are written as N-Triples again."""
        ox = self.ox
        text = self.store.query(f"SELECT ?s ?o WHERE {{ ?s {p.decode('utf-8')} ?o }}") \
            .serialize(format=ox.QueryResultsFormat.TSV)
        out = []
        for line in text.split(b"\n")[1:]:
            if line:
                s, o = line.split(b"\t")
                if not o.isdigit():
                    raise ValueError(f"{p.decode()}: not a rank: {o.decode()}")
                out.append((s, _int(int(o))))
        return out

    def subject_of(self, p: bytes, o: bytes) -> bytes | None:
        """The one subject of (?, p, o), None when there is none (an order's member at a rank)."""
        [quad] = _quads([b"<urn:x> %s %s ." % (p, o)])
        found = [term_bytes(q.subject) for q in self.store.quads_for_pattern(None, quad.predicate, quad.object)]
        return found[0] if len(found) == 1 else None


def term_bytes(term) -> bytes:
    """A pyoxigraph term in N-Triples form (IRIs, and the plain literals the facts read)."""
    return str(term).encode("utf-8")


def _quads(lines: list[bytes]) -> list:
    import pyoxigraph as ox

    if not lines:
        return []
    return list(ox.parse(b"\n".join(lines) + b"\n", format=ox.RdfFormat.N_TRIPLES))


class Delta:
    """The store after a delta, and the delta's lines: look-ups in the new state (`old=False`) or in
    the state before it (`old=True`: the store's answer without the inserted lines, with the deleted
    ones). Terms are as pyoxigraph writes them (the delta's lines are parsed by it too), so that the
    delta's terms and the store's compare as bytes."""

    def __init__(self, store, deletes: list[bytes], inserts: list[bytes]) -> None:
        self.read = _StoreReader(store)
        self.store = store
        self.deleted = self._triples(deletes)
        self.inserted = self._triples(inserts)
        self._sp: dict[bool, dict[tuple[bytes, bytes], set[bytes]]] = {True: defaultdict(set), False: defaultdict(set)}
        self._po: dict[bool, dict[tuple[bytes, bytes], set[bytes]]] = {True: defaultdict(set), False: defaultdict(set)}
        for removed, triples in ((True, self.deleted), (False, self.inserted)):
            for s, p, o in triples:
                self._sp[removed][s, p].add(o)
                self._po[removed][p, o].add(s)
        self.removed: list[bytes] = []  # fact lines the refresh removed and added, in order
        self.added: list[bytes] = []

    @staticmethod
    def _triples(lines: list[bytes]) -> list[tuple[bytes, bytes, bytes]]:
        return [(term_bytes(q.subject), term_bytes(q.predicate), term_bytes(q.object))
                for q in _quads([line for line in lines if line.split(b" ", 2)[1] in READ])]

    def lines(self) -> Iterable[tuple[bytes, bytes, bytes]]:
        return chain(self.deleted, self.inserted)

    def objects(self, s: bytes, p: bytes, old: bool = False) -> set[bytes]:
        now = set(self.read.objects(s, p))
        if old:
            now = (now - self._sp[False].get((s, p), set())) | self._sp[True].get((s, p), set())
        return now

    def subjects(self, p: bytes, o: bytes, old: bool = False) -> set[bytes]:
        now = set(self.read.subjects(p, o))
        if old:
            now = (now - self._po[False].get((p, o), set())) | self._po[True].get((p, o), set())
        return now

    def both(self, s: bytes, p: bytes) -> set[bytes]:
        """The objects of (s, p) before or after the delta."""
        return self.objects(s, p) | self._sp[True].get((s, p), set())

    def has(self, s: bytes, p: bytes, o: bytes, old: bool = False) -> bool:
        if old and o in self._sp[True].get((s, p), ()):
            return True
        if old and o in self._sp[False].get((s, p), ()):
            return False
        n, q, t = self.read.node(s), self.read.node(p), self.read.node(o)
        if n is None:
            return False
        if t is None:  # a literal: compare its N-Triples form
            return o in self.read.objects(s, p)
        return next(iter(self.store.quads_for_pattern(n, q, t)), None) is not None

    def key(self, s: bytes, old: bool = False) -> bytes | None:
        keys = self.objects(s, IDENT, old)
        return min(keys) if keys else None

    def text_dates(self, doc: bytes, old: bool = False) -> set[bytes]:
        own = {v for d in self.objects(doc, DATE, old) if (v := _date_value(d)) is not None}
        if own or self.objects(doc, DATE, old):
            return own
        return {v for s in self.objects(doc, SESSION, old) for d in self.objects(s, START, old)
                if (v := _date_value(d)) is not None}

    def replace(self, old: set[bytes], new: set[bytes]) -> None:
        """Remove the fact lines of `old` not in `new` from the store, add those of `new` not in `old`."""
        removed, added = _replace(self.store, old, new)
        self.removed += removed
        self.added += added

    def facts_of(self, s: bytes, predicates: Iterable[bytes]) -> set[bytes]:
        """The fact lines of `s` in the store now."""
        return {b"%s %s %s ." % (s, p, o) for p in predicates for o in self.read.objects(s, p)}


def refresh(store, deletes: list[bytes], inserts: list[bytes]) -> Delta:
    """After a rebuild removed `deletes` from `store` (a pyoxigraph Store) and added `inserts`:
    bring every fact the delta touches up to date (each step of :data:`REFRESH` in turn, see the
    section's comment); returns the Delta, whose `removed` and `added` are the fact lines changed."""
    delta = Delta(store, deletes, inserts)
    if delta.deleted or delta.inserted:
        for step in REFRESH:
            step(delta)
    return delta


# -- the instruments' counts and dates, and the texts' out-degree --------------------------------------

def _int_of(lines: set[bytes], p: bytes) -> int:
    for line in lines:
        s, q, o = line[:-2].split(b" ", 2)
        if q == p:
            return _count(o)
    return 0


def _date_of(lines: set[bytes], p: bytes) -> bytes | None:
    for line in lines:
        s, q, o = line[:-2].split(b" ", 2)
        if q == p:
            return _date_value(o)
    return None


def _candidates(delta: Delta) -> tuple[dict, dict, dict, set[bytes], set[bytes]]:
    """Per instrument: the texts whose citing it may have changed (a line `d eli:cites x`, or d's key,
    came or went), the paragraphs whose counting may have changed, the texts whose dates or bodies
    (`eli:passed_by`: the citing sides) changed;
    the subjects whose key came or went; the texts whose out-degree may have changed."""
    cite_docs: dict[bytes, set[bytes]] = defaultdict(set)
    cite_pars: dict[bytes, set[bytes]] = defaultdict(set)
    date_docs: dict[bytes, set[bytes]] = defaultdict(set)
    out_texts: set[bytes] = set()
    subjects = defaultdict(set)
    for s, p, o in delta.lines():
        subjects[p].add(s)
        if p == CITES:
            cite_docs[o].add(s)
            cite_pars[o].add(s)
            out_texts.add(s)
        elif p == START:
            subjects[SESSION].update(delta.subjects(SESSION, s) | delta.subjects(SESSION, s, old=True))
    toggled = {s for s in subjects[IDENT] if bool(delta.key(s)) != bool(delta.key(s, old=True))}
    for s in toggled:  # a key came or went: s as a citing text, and the texts citing s
        out_texts.add(s)
        out_texts.update(delta.subjects(CITES, s) | delta.subjects(CITES, s, old=True))
        for x in delta.both(s, CITES):
            cite_docs[x].add(s)
    for par in subjects[PART_OF]:  # a paragraph joined or left a text
        for x in delta.both(par, CITES):
            cite_pars[x].add(par)
    for doc in subjects[DATE] | subjects[SESSION] | subjects[PASSED]:
        for x in delta.both(doc, CITES):
            date_docs[x].add(doc)
    for x, docs in cite_docs.items():  # a text's citing x changed: its paragraphs that cite x
        for doc in docs:
            for par in delta.subjects(PART_OF, doc) | delta.subjects(PART_OF, doc, old=True):
                if delta.has(par, CITES, x) or delta.has(par, CITES, x, old=True):
                    cite_pars[x].add(par)
    return cite_docs, cite_pars, date_docs, toggled, out_texts


def _instrument_lines(x: bytes, texts: int, paragraphs: int, first: bytes | None,
                      last: bytes | None) -> set[bytes]:
    if not texts:
        return set()
    lines = {b"%s %s %s ." % (x, TEXTS, _int(texts)), b"%s %s %s ." % (x, PARAGRAPHS, _int(paragraphs))}
    if first is not None and last is not None:
        lines |= {b"%s %s %s ." % (x, FIRST, b'"' + first + b'"' + _DATE_TYPE),
                  b"%s %s %s ." % (x, LAST, b'"' + last + b'"' + _DATE_TYPE)}
    return lines


def _refresh_instruments(delta: Delta) -> None:
    """citingTextCount, citingParagraphCount, first and last cited date and the citing sides of the
    instruments the delta touches, adjusted by the citers whose contribution changed; recomputed over
    every citer only when the instrument's own key came or went, or the delta removed its first or
    last date."""
    cite_docs, cite_pars, date_docs, toggled, out_texts = _candidates(delta)
    counted = (TEXTS, PARAGRAPHS, FIRST, LAST) + SIDES
    whole: set[bytes] = set()

    def in_texts(doc: bytes, x: bytes, old: bool) -> bool:
        return delta.has(doc, CITES, x, old) and delta.key(doc, old) is not None

    for x in set(cite_docs) | set(cite_pars) | set(date_docs) | toggled:
        if x in toggled:
            whole.add(x)
            continue
        if delta.key(x) is None:
            continue
        old = delta.facts_of(x, counted)
        texts, paragraphs = _int_of(old, TEXTS), _int_of(old, PARAGRAPHS)
        for doc in cite_docs.get(x, ()):
            texts += in_texts(doc, x, False) - in_texts(doc, x, True)
        for par in cite_pars.get(x, ()):
            for was in (True, False):
                counts = delta.has(par, CITES, x, was) and any(
                    in_texts(d, x, was) for d in delta.objects(par, PART_OF, was))
                paragraphs += (-1 if was else 1) * counts
        gone: Counter = Counter()
        came: Counter = Counter()
        interpol, un = _int_of(old, INTERPOL_TEXTS), _int_of(old, UN_TEXTS)
        for doc in cite_docs.get(x, set()) | date_docs.get(x, set()):
            if in_texts(doc, x, True):
                gone.update(delta.text_dates(doc, True))
                i, u = _sides([delta.objects(doc, PASSED, True)])
                interpol, un = interpol - i, un - u
            if in_texts(doc, x, False):
                came.update(delta.text_dates(doc, False))
                i, u = _sides([delta.objects(doc, PASSED)])
                interpol, un = interpol + i, un + u
        gone, came = gone - came, came - gone
        first, last = _date_of(old, FIRST), _date_of(old, LAST)
        if texts and (first in gone or last in gone):
            whole.add(x)  # its extreme date went: read every citing text's
            continue
        dates = [d for d in (first, last, *came) if d is not None]
        new = _instrument_lines(x, texts, paragraphs, min(dates, default=None), max(dates, default=None))
        sides = {b"%s %s %s ." % t for t in _side_triples(x, interpol, un)} if texts else set()
        delta.replace(old, new | sides)
    if whole:
        index, _, _ = _store_index(delta.read, whole, citing=False)
        old = {line for x in whole for line in delta.facts_of(x, counted)}
        delta.replace(old, set(fact_lines(index, whole, ())))
    _refresh_out(delta, out_texts)


def _refresh_out(delta: Delta, texts: set[bytes]) -> None:
    """citedInstrumentCount and textCites of the texts whose citations or keys changed (read from
    their own lines)."""
    index = Index()
    for doc in texts:
        for p in (IDENT,):
            for o in delta.objects(doc, p):
                index.add(doc, p, o)
        for x in delta.objects(doc, CITES):
            index.add(doc, CITES, x)
            for k in delta.objects(x, IDENT):
                index.add(x, IDENT, k)
    old = {line for doc in texts for line in delta.facts_of(doc, (OUT, TEXT_CITES))}
    delta.replace(old, set(fact_lines(index, (), texts)))


def _store_index(read: _StoreReader, around: set[bytes], citing: bool = True) -> tuple[Index, set[bytes], set[bytes]]:
    """An index of the store's lines around `around`: the instruments and the texts whose facts may
    have changed, with everything their facts are computed from (`citing=False`: `around` are
    instruments, read for their own facts only). The citers of those instruments (thousands for a
    hub) are read only for what the counts and dates need (key, paragraph's text, date, session)."""
    texts = set(around) if citing else set()
    for s in list(texts):  # a session's date changed: the texts of that session
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
        for p in (IDENT, PART_OF, DATE, SESSION, PASSED):
            for o in read.objects(s, p):
                index.add(s, p, o)
    for session in {d for ds in index.session.values() for d in ds}:
        for d in read.objects(session, START):
            index.add(session, START, d)
    return index, instruments, texts


def _refresh_counts(delta: Delta) -> None:
    """The paragraph and citation counts of the texts whose parts or citation nodes the delta
    touched (a citation node -> its paragraph -> its text)."""
    around = {s for s, _, _ in delta.lines()}
    read = delta.read
    docs = set(around)
    docs.update(o for s in around for o in delta.both(s, CITING))
    docs.update(o for s in list(docs) for o in delta.both(s, PART_OF))
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
    old = {line for d in docs for line in delta.facts_of(d, TEXT_COUNTS)}
    delta.replace(old, set(fact_lines(index, (), (), docs)))


# -- the orders: members the delta touched move, the others keep their places ------------------------

class Order:
    """One materialised order (`predicate`: 1, 2, 3… for its members), described by who belongs to
    it and the sort key of a member, both read from the store's new state, and by which subjects a
    delta may have moved (`touched`)."""

    def __init__(self, predicate: bytes, member, sort_key, touched) -> None:
        self.predicate, self.member, self.sort_key, self.touched = predicate, member, sort_key, touched

    def refresh(self, delta: Delta) -> None:
        moved = self.touched(delta)
        if not moved or self._in_place(delta, moved) or self._shifted(delta, moved):
            return
        ranked = delta.read.pairs(self.predicate)
        old_rank = {s: o for s, o in ranked}
        order = [s for s, _ in sorted(ranked, key=lambda so: _count(so[1])) if s not in moved]
        keys: dict[bytes, tuple] = {}

        def key(s: bytes) -> tuple:
            if s not in keys:
                keys[s] = self.sort_key(delta, s)
            return keys[s]

        for s in sorted(m for m in moved if self.member(delta, m)):
            order.insert(bisect.bisect_left(order, key(s), key=key), s)
        new_rank = {s: _int(n) for n, s in enumerate(order, 1)}
        p = self.predicate
        delta.replace({b"%s %s %s ." % (s, p, o) for s, o in ranked if new_rank.get(s) != o},
                      {b"%s %s %s ." % (s, p, o) for s, o in new_rank.items() if old_rank.get(s) != o})

    WINDOW = 1000  # ranks that move, read one by one at most (else the whole order is read)

    def _shifted(self, delta: Delta, moved: set[bytes]) -> bool:
        """The same ranks as reading the whole order gives (below), read by rank around what moved:
        the touched subjects leave the order, those that are members go back in at the place a
        binary search on the others' sort keys finds, and only the ranks between those places
        whose members shift are read and written (a text that cites two new articles of a treaty
        shifts the few keys after theirs). False, having written nothing, when more than WINDOW
        ranks shift, two members that go in tie, or the order is not 1, 2, 3… as read."""
        p, read = self.predicate, delta.read
        held = self._held(read, moved)
        if held is None:
            return False
        out = sorted(held.values())  # the touched subjects' old ranks: the order without them
        n = self._size(read)
        if len(set(out)) != len(out) or (out and out[-1] > n):
            return False
        subject_at: dict[int, bytes | None] = {}
        keys: dict[bytes, tuple] = {}

        def old_rank(i: int) -> int:  # of the i-th member of the order without the touched
            r = i + 1
            for x in out:
                if x > r:
                    break
                r += 1
            return r

        def at(i: int) -> bytes | None:
            r = old_rank(i)
            if r not in subject_at:
                subject_at[r] = read.subject_of(p, _int(r))
            return subject_at[r]

        def key(s: bytes) -> tuple:
            if s not in keys:
                keys[s] = self.sort_key(delta, s)
            return keys[s]

        joins = self._joins(delta, moved, at, key, n - len(out))
        if joins is None:
            return False
        spans = _spans(joins, out, n - len(out))
        if sum(end - begin for begin, end, _ in spans) > self.WINDOW:
            return False
        old = {b"%s %s %s ." % (s, p, _int(r)) for s, r in held.items()}
        new = {b"%s %s %s ." % (s, p, _int(q + j + 1)) for j, (q, _, s) in enumerate(joins)}
        for begin, end, shift in spans:
            for i in range(begin, end):
                s = at(i)
                if s is None:
                    return False
                old.add(b"%s %s %s ." % (s, p, _int(old_rank(i))))
                new.add(b"%s %s %s ." % (s, p, _int(old_rank(i) + shift)))
        delta.replace(old, new)
        return True

    def _held(self, read: _StoreReader, moved: set[bytes]) -> dict[bytes, int] | None:
        """The touched subjects' ranks in the order (None when one holds two)."""
        held: dict[bytes, int] = {}
        for s in moved:
            ranks = read.objects(s, self.predicate)
            if len(ranks) > 1:
                return None
            if ranks:
                held[s] = _count(ranks[0])
        return held

    def _joins(self, delta: Delta, moved: set[bytes], at, key, size: int) -> list | None:
        """(place among the untouched members, sort key, subject) of the touched subjects that are
        members, in order: each goes before the first untouched member whose key is not below its
        own (as bisect_left puts it); None when two tie or a rank is missing."""
        joins = []
        for s in (m for m in moved if self.member(delta, m)):
            k, lo, hi = key(s), 0, size
            while lo < hi:
                mid = (lo + hi) // 2
                t = at(mid)
                if t is None:
                    return None
                if key(t) < k:
                    lo = mid + 1
                else:
                    hi = mid
            joins.append((lo, k, s))
        joins.sort()
        if len({k for _, k, _ in joins}) != len(joins):
            return None
        return joins

    def _size(self, read: _StoreReader) -> int:
        """How many members the order has (its ranks are 1, 2, 3…): a binary search on the ranks."""
        p, hi = self.predicate, 1
        while read.subject_of(p, _int(hi)) is not None:
            hi *= 2
        lo = hi // 2  # held (or 0); hi is not
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if read.subject_of(p, _int(mid)) is not None:
                lo = mid
            else:
                hi = mid
        return lo

    def _in_place(self, delta: Delta, moved: set[bytes]) -> bool:
        """Whether every touched subject keeps its rank (the common case: an edited text keeps its key
        and date; only its source link changed): each was and is a member, and each run of touched
        subjects at consecutive ranks is still in order, strictly, and lies between the untouched
        neighbours of the run (one text's citations often touch neighbours: articles 3, 5 and 9
        of one treaty). A few look-ups instead of reading the order."""
        p = self.predicate
        ranks = {}
        for s in moved:
            held = delta.read.objects(s, p)
            member = self.member(delta, s)
            if not held and not member:
                continue  # neither was nor is in the order (a cited instrument's key, for the texts)
            if len(held) != 1 or not member:
                return False
            ranks[s] = _count(held[0])
        at = {r: s for s, r in ranks.items()}
        if len(at) != len(ranks):
            return False  # two touched subjects at one rank
        for first in sorted(r for r in at if r - 1 not in at):
            run = [at[first]]
            while first + len(run) in at:
                run.append(at[first + len(run)])
            keys = [self.sort_key(delta, s) for s in run]
            if any(not a < b for a, b in zip(keys, keys[1:])):
                return False  # out of order, or tied (inserted one by one, ties would swap)
            last = first + len(run) - 1
            before = delta.read.subject_of(p, _int(first - 1)) if first > 1 else None
            after = delta.read.subject_of(p, _int(last + 1))
            if (first > 1 and before is None) or before in ranks or after in ranks:
                return False
            if before is not None and not self.sort_key(delta, before) < keys[0]:
                return False
            if after is not None and not keys[-1] <= self.sort_key(delta, after):
                return False
        return True


def _spans(joins: list, out: list[int], size: int) -> list[tuple[int, int, int]]:
    """(first, end, shift) of each run of the untouched members (by place in the order without the
    touched, `size` of them) whose rank moves by `shift` (not 0): +1 from each join's place on, -1
    from the place after each touched subject's old rank (`out`, sorted) on."""
    steps = sorted([(q, 1) for q, _, _ in joins] + [(x - 1 - t, -1) for t, x in enumerate(out)])
    spans, shift, start = [], 0, 0
    for pos, step in steps + [(size, 0)]:
        if shift and pos > start:
            spans.append((start, pos, shift))
        shift, start = shift + step, pos
    return spans


def _is_text(delta: Delta, s: bytes) -> bool:
    return delta.key(s) is not None and bool(delta.objects(s, DERIVED))


def _text_key(delta: Delta, s: bytes) -> tuple:
    return (lexical(delta.key(s)),)


def _text_date_key(delta: Delta, s: bytes) -> tuple:
    dates = delta.text_dates(s)
    return (1, min(dates).decode("utf-8"), lexical(delta.key(s))) if dates else (0, "", lexical(delta.key(s)))


def _is_unresolved(delta: Delta, s: bytes) -> bool:
    return delta.key(s) is not None and UNKNOWN in delta.objects(s, IN_REGISTRY)


def _cited_key(delta: Delta, s: bytes) -> tuple:
    c = delta.facts_of(s, (TEXTS, PARAGRAPHS))
    return (-_int_of(c, TEXTS), -_int_of(c, PARAGRAPHS), lexical(delta.key(s)))


def _is_cited(delta: Delta, s: bytes) -> bool:
    return bool(delta.read.objects(s, TEXTS)) and delta.key(s) is not None


def _touched_by(*predicates: bytes, sessions: bool = False):
    """The subjects of the delta's lines of `predicates` (and, with `sessions`, the texts of a
    session whose start date changed)."""
    def touched(delta: Delta) -> set[bytes]:
        out = {s for s, p, _ in delta.lines() if p in predicates}
        if sessions:
            for s, p, _ in delta.lines():
                if p == START:
                    out |= delta.subjects(SESSION, s) | delta.subjects(SESSION, s, old=True)
        return out
    return touched


def _touched_ranked(delta: Delta) -> set[bytes]:
    """The instruments whose counts the refresh changed, or whose key changed."""
    out = {line.split(b" ", 1)[0] for line in delta.removed + delta.added
           if line.split(b" ", 2)[1] in (TEXTS, PARAGRAPHS)}
    return out | {s for s, p, _ in delta.lines() if p == IDENT}


ORDER_STEPS = (
    Order(KEY_RANK, _is_text, _text_key, _touched_by(IDENT, DERIVED)),
    Order(DATE_RANK, _is_text, _text_date_key, _touched_by(IDENT, DERIVED, DATE, SESSION, sessions=True)),
    Order(UNRESOLVED_RANK, _is_unresolved, _text_key, _touched_by(IDENT, IN_REGISTRY)),
    Order(RANK, _is_cited, _cited_key, _touched_ranked),
    Order(ANY_KEY_RANK, lambda delta, s: delta.key(s) is not None, lambda delta, s: term_order(delta.key(s)),
          _touched_by(IDENT)),
)

# The steps of a refresh, in order (the citation rank reads the counts the first step wrote). A new
# fact adds its cold computation to `lines_of` and a step here: a function of the Delta that reads
# the store (new state, or old with `old=True`) and calls `delta.replace(old_lines, new_lines)`; an
# order is one more `Order(predicate, member, sort_key, touched)`.
REFRESH = (_refresh_instruments, _refresh_counts, *(order.refresh for order in ORDER_STEPS))


def _replace(store, old: set[bytes], new: set[bytes]) -> tuple[list[bytes], list[bytes]]:
    """Remove the lines of `old` not in `new` from the store, add those of `new` not in `old`."""
    deletes, inserts = sorted(old - new), sorted(new - old)
    for quad in _quads(deletes):
        store.remove(quad)
    store.extend(_quads(inserts))
    return deletes, inserts


__all__ = ["UNMATERIALISED", "UNMATERIALISED_OUT", "UNMATERIALISED_TEXT_CITES", "UNMATERIALISED_SIDES", "UNMATERIALISED_ANY_KEY_ORDER", "UNMATERIALISED_KEY_ORDER", "UNMATERIALISED_DATE_ORDER",
           "UNMATERIALISED_UNRESOLVED_ORDER", "UNMATERIALISED_COUNTS", "WRITTEN", "ORDERS", "TEXT_COUNTS", "Index", "complete",
           "add_to_graph", "lines_of", "lexical", "order_lines", "refresh"]
