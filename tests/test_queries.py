"""Every named query, run on real builds (the seed alone; the seed with two dev-corpus texts), on both
stores. Expected answers come from the gold files, the source texts, or the graph read triple by
triple with rdflib — never from the queries' own output."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF

from resograph.core import keys
from resograph.query import sparql
from resograph.graph.store import open_graph

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SEED = ROOT / "data" / "sources" / "GA-2025-93-RES-03.fr.txt"
DEV04 = FIXTURES / "dev04_unga_en_interpol.txt"  # UN GA, English
DEV02 = FIXTURES / "dev02_interpol_en_uncoop.txt"  # INTERPOL GA, English

ELI = Namespace("http://data.europa.eu/eli/ontology#")
RG = Namespace(keys.ONTOLOGY)
CITO = Namespace("http://purl.org/spar/cito/")
OA = Namespace("http://www.w3.org/ns/oa#")
SEED_KEY = "GA-2025-93-RES-03"

# GROUP_CONCAT columns: SPARQL leaves their order open, so they compare as sets
CONCAT = {"functions", "paragraphs", "cites", "keys", "byInterpol", "byUN", "instruments", "in", "invokedBy"}


def gold(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


SEED_GOLD = gold("GA-2025-93-RES-03.fr.gold.json")
DEV04_GOLD = gold("dev04_unga_en_interpol.gold.json")
DEV02_GOLD = gold("dev02_interpol_en_uncoop.gold.json")


def targets(g: dict) -> set[str]:
    return {c["target"] for c in g["citations"]}


class Built:
    """A build directory, its store opened both ways, and the graph read from N-Triples."""

    def __init__(self, out: Path):
        self.out = out
        self.graphs = {"oxigraph": open_graph(out, "oxigraph"), "memory": open_graph(out, "memory")}
        self.g = Graph().parse(out / "resograph.nt", format="nt")
        self.catalogue = sparql.load_catalogue()

    def key(self, node) -> str:
        return str(self.g.value(node, DCTERMS.identifier))

    def node(self, key: str) -> URIRef:
        return URIRef(keys.iri(key))

    def run(self, name: str, **params):
        """Rows as dicts (oxigraph), after checking that the memory store gives the same answer."""
        q = self.catalogue[name]
        answers = [sparql.materialise(sparql.run(g, q.text, sparql.bindings(q, params)))
                   for g in self.graphs.values()]
        ox, mem = answers
        if isinstance(ox, sparql.Table):
            assert ox.variables == mem.variables
            assert sorted(map(_norm, sparql.rows_as_dicts(ox)), key=str) == \
                sorted(map(_norm, sparql.rows_as_dicts(mem)), key=str), name
            return sparql.rows_as_dicts(ox)
        if isinstance(ox, bool):
            assert ox == mem, name
            return ox
        assert set(ox) == set(mem), name
        return ox

    def documents(self) -> set:
        return set(self.g.subjects(PROV.wasDerivedFrom, None))

    def instrument_cites(self) -> dict[URIRef, set[URIRef]]:
        """eli:cites between instruments (nodes with an identifier), paragraphs left out."""
        out = defaultdict(set)
        for a, b in self.g.subject_objects(ELI.cites):
            if (a, DCTERMS.identifier, None) in self.g:
                out[a].add(b)
        return out


def _norm(row: dict) -> dict:
    return {k: (frozenset(v.replace(",", " ").split()) if k in CONCAT else v) for k, v in row.items()}


@pytest.fixture(scope="module")
def seed(tmp_path_factory) -> Built:
    from resograph.graph.build import build

    out = tmp_path_factory.mktemp("seed-build")
    build([str(SEED)], out, quiet=True)
    return Built(out)


@pytest.fixture(scope="module")
def multi(tmp_path_factory) -> Built:
    """The seed (INTERPOL, fr) with a UN GA text (en) and another INTERPOL text (en)."""
    from resograph.graph.build import build

    out = tmp_path_factory.mktemp("multi-build")
    build([str(SEED), str(DEV04), str(DEV02)], out, quiet=True)
    return Built(out)


TESTED: set[str] = set()


def covers(*names):
    TESTED.update(names)
    return lambda f: f


# --------------------------------------------------------------------------- one document


@covers("cited-by")
def test_cited_by_the_seed_is_its_19_instruments(seed):
    rows = seed.run("cited-by", doc=SEED_KEY)
    assert {r["key"] for r in rows} == targets(SEED_GOLD)
    assert len(rows) == 19
    by_target = defaultdict(set)
    for c in SEED_GOLD["citations"]:
        by_target[c["target"]].add(c["paragraph"])
    for r in rows:
        assert set(r["paragraphs"].split()) == by_target[r["key"]], r["key"]
        assert r["functions"]  # every seed citation sits in a paragraph with a clause function
    dates = [r["date"] for r in rows if "date" in r]
    assert dates == sorted(dates)  # time order, undated last
    assert all("date" in r for r in rows[:len(dates)])


@covers("citations")
def test_citations_are_the_gold_pairs_with_their_words(seed):
    rows = seed.run("citations")
    assert sorted((r["paragraph"], r["target"]) for r in rows) == \
        sorted((c["paragraph"], c["target"]) for c in SEED_GOLD["citations"])
    text = SEED.read_text(encoding="utf-8")
    for r in rows:
        assert text[int(r["start"]):int(r["end"])] == r["quote"]
    only = seed.run("citations", function="taking-note")
    assert {r["target"] for r in only} == {c["target"] for c in SEED_GOLD["citations"]
                                           if c["paragraph"] == "pp_11"}


@covers("provenance")
def test_provenance_spans_point_into_the_source(seed):
    rows = seed.run("provenance")
    assert len(rows) == len(SEED_GOLD["citations"])
    text = SEED.read_text(encoding="utf-8")
    assert all(text[int(r["start"]):int(r["end"])] == r["quote"] for r in rows)
    assert {r["file"] for r in rows} == {SEED.name}
    assert all(r.get("agent", "").startswith("resograph") for r in rows)


@covers("articles-invoked")
def test_articles_the_seed_invokes(seed):
    rows = seed.run("articles-invoked", doc=SEED_KEY)
    expected = {t for t in targets(SEED_GOLD) if "/art_" in t}
    assert {r["article"] for r in rows} == expected
    assert {int(r["number"]) for r in rows} == {int(t.rsplit("_", 1)[1]) for t in expected}
    assert all(r["paragraph"] == "pp_5" and r["quote"] for r in rows)


@covers("treaty-articles")
def test_treaty_articles_with_their_citing_texts(multi):
    treaty = multi.node("convention:cybercrime-2024")
    arts = {a for a in multi.g.subjects(ELI.is_part_of, treaty) if (a, RDF.type, RG.TreatyArticle) in multi.g}
    rows = multi.run("treaty-articles", treaty="convention:cybercrime-2024")
    assert {r["article"] for r in rows} == {multi.key(a) for a in arts}
    cites = multi.instrument_cites()
    for r in rows:
        citing = {multi.key(d) for d, ts in cites.items() if multi.node(r["article"]) in ts}
        assert int(r["texts"]) == len(citing)
        assert set(r.get("invokedBy", "").replace(",", " ").split()) == citing


@covers("mechanism-mentions", "paragraph-search")
def test_mechanisms_and_words_in_paragraphs(seed):
    rows = seed.run("mechanism-mentions")
    expected = {(str(m), seed.key(seed.g.value(p, ELI.is_part_of)), str(seed.g.value(p, RG.eId)))
                for p, m in seed.g.subject_objects(RG.mentions)}
    assert {(keys.BASE + r["mechanism"][3:], r["document"], r["paragraph"]) for r in rows} == expected
    i247 = seed.run("mechanism-mentions", mechanism="I-24/7")
    texts = {str(seed.g.value(p, RG.eId)) for p, t in seed.g.subject_objects(RG.text) if "I-24/7" in t}
    assert texts and texts <= {r["paragraph"] for r in i247}  # the paragraph naming I-24/7 is found
    nexus = seed.run("mechanism-mentions", mechanism="nexus")
    assert {r["paragraph"] for r in nexus} == {"op_3"}  # "notamment NEXUS" (op_3 of the seed)
    found = seed.run("paragraph-search", term="i-24/7")
    assert {r["paragraph"] for r in found} == texts
    assert seed.run("paragraph-search", term="no such words anywhere") == []


@covers("citations-by-function")
def test_citations_by_function_count_every_citation(seed):
    rows = seed.run("citations-by-function", doc=SEED_KEY)
    counted = Counter(str(f) for c in seed.g.subjects(RDF.type, CITO.Citation)
                      for f in seed.g.objects(c, RG.clauseFunction))
    assert {keys.CLAUSE_FUNCTION + r["function"][5:]: int(r["citations"]) for r in rows} == dict(counted)
    assert sum(int(r["citations"]) for r in rows) == len(SEED_GOLD["citations"])


@covers("citations-by-body")
def test_citations_by_body_partition_the_cited_instruments(seed):
    rows = seed.run("citations-by-body", doc=SEED_KEY)
    groups = defaultdict(set)
    for r in rows:
        for k in r["keys"].replace(",", " ").split():
            groups[k].add(r["citedBody"])
    assert set(groups) == targets(SEED_GOLD)
    for k, found in groups.items():  # one group per issuing body (the treaty's, for an article)
        node = seed.node(k)
        whole = seed.g.value(node, ELI.is_part_of) or node
        bodies = {str(b).rsplit("/", 1)[1] for b in seed.g.objects(node, ELI.passed_by)} | \
            {str(b).rsplit("/", 1)[1] for b in seed.g.objects(whole, ELI.passed_by)}
        assert found == bodies or (not bodies and len(found) == 1), k
    interpol = {r["citedBody"]: set(r["keys"].replace(",", " ").split()) for r in rows}.get("interpol-ga", set())
    assert {t for t in targets(SEED_GOLD) if t.startswith("GA-")} <= interpol


@covers("documents", "session-timeline")
def test_documents_and_session_timeline(seed):
    (doc,) = seed.run("documents")
    assert seed.run("documents", limit="all") == [doc]
    assert doc["key"] == SEED_KEY and doc["language"] == "fr"
    assert int(doc["citations"]) == len(SEED_GOLD["citations"])
    assert int(doc["instruments"]) == 19
    paragraphs = set(seed.g.objects(seed.node(SEED_KEY), ELI.has_part))
    assert int(doc["paragraphs"]) == len(paragraphs) == 17  # pp_1..pp_12, op_1..op_5
    # "Adoptée : 134 voix pour, 0 contre et 5 abstentions" and "sa 93ème session" in the source
    rows = seed.run("session-timeline", body="interpol-ga", number="93")
    assert [r["key"] for r in rows] == [SEED_KEY]
    assert (rows[0]["for"], rows[0]["against"], rows[0]["abstentions"]) == ("134", "0", "5")
    assert rows[0]["citesCount"] == "19"
    assert seed.run("session-timeline", body="un-ga", number="93") == []


@covers("co-cited")
def test_co_citation_pairs_follow_the_gold(seed):
    per_paragraph = defaultdict(set)
    for c in SEED_GOLD["citations"]:
        per_paragraph[c["paragraph"]].add(c["target"])
    expected = Counter()
    for ts in per_paragraph.values():
        expected.update(combinations(sorted(ts), 2))
    rows = seed.run("co-cited", doc=SEED_KEY)
    assert {(r["a"], r["b"]): int(r["paragraphs"]) for r in rows} == dict(expected)


@covers("unresolved")
def test_unresolved_are_the_instruments_the_registry_lacks(seed):
    rows = seed.run("unresolved")
    expected = {seed.key(x) for x in seed.g.subjects(RG.inRegistry, Literal(False))}
    assert {r["key"] for r in rows} == expected
    assert seed.run("unresolved", limit="all") == rows  # fewer than the default cap of 100
    first = sorted(expected)[:3]
    assert sorted({r["key"] for r in seed.run("unresolved", limit="3")}) == first  # by key, all rows of each
    assert expected <= targets(SEED_GOLD)  # only the text brings unknown instruments in
    for r in rows:
        assert r["document"] == SEED_KEY and r["quote"]


_ORDER_TEXT = """Resolution adopted by the General Assembly on {day} December 2026

81/{number}. Cooperation in criminal matters

The General Assembly,

Recalling its resolutions 77/301 and 77/302,

Recalling also its resolution 77/302,

1. Recalls its resolution 77/301;

2. Notes its resolution 77/302;

3. Decides to remain seized of the matter;

4. Requests a report;

5. Invites States;

6. Encourages States;

7. Urges States;

8. Welcomes cooperation;

9. Calls upon States;

10. Recalls its resolution 77/302;
"""


def test_unresolved_rows_in_key_document_paragraph_order(tmp_path):
    # the query sorts on the keys' and documents' materialised places (integers), not on their
    # strings: the rows must still come in code point order of key, document, paragraph ("op_10"
    # before "op_2"), as the plain ORDER BY ?key ?document ?paragraph gave them
    from resograph.graph.build import build

    for name, day, number in (("b.txt", 3, 209), ("a.txt", 4, 210), ("c.txt", 2, 208)):
        (tmp_path / name).write_text(_ORDER_TEXT.format(day=day, number=number), encoding="utf-8")
    build([str(tmp_path / n) for n in ("a.txt", "b.txt", "c.txt")], tmp_path / "out", quiet=True)
    rows = Built(tmp_path / "out").run("unresolved", limit="all")
    order = [(r["key"], r.get("document", ""), r.get("paragraph", "")) for r in rows]
    assert {k for k, _, _ in order} >= {"A/RES/77/301", "A/RES/77/302"}
    assert {d for _, d, _ in order} >= {"A/RES/81/208", "A/RES/81/209", "A/RES/81/210"}
    assert "op_10" in {p for _, _, p in order}
    assert order == sorted(order), order


@covers("instrument")
def test_describe_one_instrument(seed):
    g = seed.run("instrument", key="A/RES/79/136")
    node = seed.node("A/RES/79/136")
    assert (node, DCTERMS.identifier, Literal("A/RES/79/136")) in g
    assert set(g.predicates(node, None)) == set(seed.g.predicates(node, None))


@covers("neighbourhood")
def test_neighbourhood_of_the_convention(seed):
    conv = seed.node("convention:cybercrime-2024")
    g = seed.run("neighbourhood", key="convention:cybercrime-2024")
    parts = set(seed.g.subjects(ELI.is_part_of, conv)) | {conv}
    cites = {(a, b) for a, b in g.subject_objects(ELI.cites)}
    expected = {(a, b) for a, bs in seed.instrument_cites().items() for b in bs if b in parts}
    expected |= {(conv, b) for b in seed.g.objects(conv, ELI.cites)}
    assert cites == expected
    assert (seed.node(SEED_KEY), ELI.cites, conv) in g
    for a, b in cites:  # every node is labelled with its key
        assert (a, DCTERMS.identifier, None) in g and (b, DCTERMS.identifier, None) in g


@covers("implements")
def test_implements(seed):
    rows = seed.run("implements")
    expected = {(seed.key(s), p.split("#")[1], seed.key(o))
                for p in (RG.implements, RG.adopts, ELI.applies) for s, o in seed.g.subject_objects(p)}
    assert {(r["subject"], r["relation"], r["object"]) for r in rows} == expected
    # its title: "Soutenir la ratification et la mise en œuvre de la Convention …"
    assert (SEED_KEY, "implements", "convention:cybercrime-2024") in expected
    for key in (SEED_KEY, "convention:cybercrime-2024", "A/RES/51/1"):  # A/RES/51/1: in none
        rows = seed.run("implements", key=key)  # both stores: Oxigraph once ignored a bound key here
        assert {(r["subject"], r["relation"], r["object"]) for r in rows} == \
            {t for t in expected if key in (t[0], t[2])}, key


# --------------------------------------------------------------------------- across texts


@covers("citers", "cites-transitively")
def test_citers_direct_and_transitive(multi):
    cites = multi.instrument_cites()

    def reaches(a, b, seen=None):
        seen = seen or set()
        for t in cites.get(a, ()):
            if t == b or (t not in seen and (seen.add(t) or reaches(t, b, seen))):
                return True
        return False

    target = multi.node("A/RES/51/1")
    rows = multi.run("citers", key="A/RES/51/1")
    direct = {multi.key(a) for a, ts in cites.items() if target in ts}
    transitive = {multi.key(a) for a in cites if reaches(a, target)}
    assert {r["citer"] for r in rows if r["direct"] == "true"} == direct
    assert {r["citer"] for r in rows} == transitive
    assert {SEED_KEY, "A/RES/81/23", "GA-2025-93-RES-05"} <= direct  # all three texts recall 51/1
    conv = multi.run("citers", key="convention:cybercrime-2024")
    assert {r["via"] for r in conv if r["citer"] == SEED_KEY} == \
        {t for t in targets(SEED_GOLD) if t.startswith("convention:cybercrime-2024")}
    for a, b in [(SEED_KEY, "A/RES/51/1"), ("A/RES/51/1", SEED_KEY), ("A/RES/81/23", "A/DEC/49/426"),
                 (SEED_KEY, "A/DEC/49/426")]:
        assert multi.run("cites-transitively", **{"from": a, "to": b}) == \
            reaches(multi.node(a), multi.node(b)), (a, b)


@covers("un-interpol-chain")
def test_un_interpol_chain(multi):
    rows = multi.run("un-interpol-chain", **{"from": SEED_KEY})
    keys_found = [r["key"] for r in rows]
    un_in_pp8 = {c["target"] for c in SEED_GOLD["citations"] if c["target"].startswith("A/RES/")}
    assert un_in_pp8 <= set(keys_found)  # pp_8 recalls them "concernant la coopération … INTERPOL"
    assert all(k.startswith(("A/RES/", "A/DEC/")) for k in keys_found)
    dates = [r["date"] for r in rows if "date" in r]
    assert dates == sorted(dates)
    from_un = multi.run("un-interpol-chain", **{"from": "A/RES/81/23"})
    assert {r["key"] for r in from_un} >= {"A/RES/73/11", "A/RES/75/10", "A/RES/79/136", "A/RES/51/1"}


@covers("cited-by-interpol-and-un", "bibliographic-coupling", "most-cited")
def test_instruments_shared_between_interpol_and_un_texts(multi):
    rows = multi.run("cited-by-interpol-and-un")
    cites = multi.instrument_cites()

    def body(a):
        return str(multi.g.value(a, ELI.passed_by) or "")

    by_interpol = {b for a, ts in cites.items() if "/body/interpol" in body(a) for b in ts}
    by_un = {b for a, ts in cites.items() if body(a).endswith(("/un-ga", "/un-sc", "/ecosoc")) for b in ts}
    assert {r["key"] for r in rows} == {multi.key(x) for x in by_interpol & by_un}
    # the gold alone already proves these: cited by an INTERPOL text and by the UN GA text
    assert (targets(SEED_GOLD) | targets(DEV02_GOLD)) & targets(DEV04_GOLD) <= {r["key"] for r in rows}

    # coupling of one text (the seed by default): every other instrument sharing a cited instrument
    coupling = multi.run("bibliographic-coupling")
    pairs = {frozenset((r["text1"], r["text2"])): int(r["shared"]) for r in coupling}
    assert pairs[frozenset((SEED_KEY, "A/RES/81/23"))] >= len(targets(SEED_GOLD) & targets(DEV04_GOLD))
    docs = {multi.key(d): cites[d] for d in multi.documents()}
    assert pairs[frozenset((SEED_KEY, "A/RES/81/23"))] == len(docs[SEED_KEY] & docs["A/RES/81/23"])
    for text in ("A/RES/81/23", "GA-2025-93-RES-05"):
        rows = multi.run("bibliographic-coupling", doc=text)
        mine = cites[multi.node(text)]
        expected = {multi.key(a): len(ts & mine) for a, ts in cites.items()
                    if a != multi.node(text) and ts & mine}
        assert {r["text2"]: int(r["shared"]) for r in rows} == expected
        assert all(r["text1"] == text for r in rows)
        assert [int(r["shared"]) for r in rows] == sorted((int(r["shared"]) for r in rows), reverse=True)
        capped = multi.run("bibliographic-coupling", doc=text, limit="1")
        assert capped == rows[:1]  # the cap keeps the first rows of the same order

    most = multi.run("most-cited")
    counted = Counter(b for a, ts in cites.items() for b in ts)
    assert {r["key"]: int(r["citingTexts"]) for r in most} == {multi.key(b): n for b, n in counted.items()}
    ranks = [int(r["citingTexts"]) for r in most]
    assert ranks == sorted(ranks, reverse=True)


@covers("registry-relations")
def test_registry_relations_are_citations_not_from_texts(multi):
    rows = multi.run("registry-relations")
    extracted = multi.documents()
    expected = {(multi.key(a), multi.key(b)) for a, ts in multi.instrument_cites().items()
                if a not in extracted for b in ts}
    assert {(r["citing"], r["cited"]) for r in rows} == expected


def test_every_named_query_is_tested():
    assert set(sparql.load_catalogue()) <= TESTED


# --------------------------------------------------------------------------- the hand-made sample


def test_sample_graph_follows_the_gold():
    """tests/fixtures/sample-graph.ttl (used by test_sparql and test_server) carries the seed's gold
    citations and a sourced registry chain (51/1 recalls decision 49/426)."""
    g = Graph().parse(FIXTURES / "sample-graph.ttl")
    q = sparql.load_catalogue()["cited-by"]
    rows = sparql.rows_as_dicts(sparql.materialise(sparql.run(g, q.text, sparql.bindings(q, {}))))
    assert {r["key"] for r in rows} == targets(SEED_GOLD)
    q = sparql.load_catalogue()["cites-transitively"]
    assert sparql.materialise(sparql.run(g, q.text, sparql.bindings(q, {"to": "A/DEC/49/426"}))) is True
