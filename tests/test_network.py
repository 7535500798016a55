"""The RDF graph → networkx projection, on the hand-made sample (docs/graph-model.md shape)."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
import rdflib

from resograph.views import network
from resograph.core.errors import UserError

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = FIXTURES / "explorer-sample.ttl"
SEED = "GA-2025-93-RES-03"
CONVENTION = "convention:cybercrime-2024"


@pytest.fixture(scope="module")
def G() -> nx.DiGraph:
    return network.load(SAMPLE)


def gold_targets() -> set[str]:
    gold = json.loads((FIXTURES / "GA-2025-93-RES-03.fr.gold.json").read_text(encoding="utf-8"))
    return {c["target"] for c in gold["citations"]}


def test_the_seed_cites_exactly_its_19_gold_instruments(G):
    cited = {v for v in G.successors(SEED) if "cites" in G.edges[SEED, v]["relations"]}
    assert cited == gold_targets()
    assert len(cited) == 19


def test_nodes_are_keyed_by_key_and_carry_kind_body_date_title_url(G):
    node = G.nodes["A/RES/51/1"]
    assert node["key"] == "A/RES/51/1"
    assert node["kind"] == "resolution"
    assert node["body"] == "un-ga"
    assert node["date"] == "1996-10-15" and node["year"] == 1996
    assert node["title"].startswith("Observer status for the International Criminal Police Organization")
    assert node["url"] == "https://undocs.org/A/RES/51/1"
    assert G.nodes[CONVENTION]["kind"] == "treaty"
    assert G.nodes[CONVENTION]["url"] is None  # not a UN document symbol
    assert G.nodes["interpol:vienna-declaration-2023"]["kind"] == "declaration"
    assert G.nodes["agreement:un-interpol-1997"]["kind"] == "agreement"


def test_french_titles_keep_their_accents(G):
    assert G.nodes[SEED]["titles"]["fr"].startswith("Soutenir la ratification et la mise en œuvre")
    assert G.nodes["interpol:vienna-declaration-2023"]["titles"]["fr"] == "Déclaration de Vienne"


def test_year_comes_from_the_date_then_the_session_then_the_key(G):
    assert (G.nodes["A/RES/79/136"]["year"], G.nodes["A/RES/79/136"]["year_source"]) == (2024, "date")
    assert (G.nodes[SEED]["year"], G.nodes[SEED]["year_source"]) == (2025, "session")
    assert (G.nodes["agreement:un-interpol-1997"]["year"],
            G.nodes["agreement:un-interpol-1997"]["year_source"]) == (1997, "key")
    assert G.nodes["agreement:un-interpol-1997"]["date"] is None


def test_articles_are_nodes_of_their_own_tied_to_their_treaty(G):
    articles = sorted(k for k, d in G.nodes(data=True) if d["kind"] == "article")
    assert articles == [f"{CONVENTION}/art_{n}" for n in (37, 40, 41, 47)]
    for key in articles:
        assert G.nodes[key]["parent"] == CONVENTION
        assert G.edges[key, CONVENTION]["relations"] == ["part_of"]
    assert G.nodes[f"{CONVENTION}/art_41"]["article"] == 41


def test_cites_edges_carry_functions_paragraphs_and_passages(G):
    edge = G.edges[SEED, "A/RES/51/1"]
    assert edge["functions"] == ["recalling"]
    (citation,) = edge["citations"]
    assert citation["paragraph"] == "pp_8"
    assert citation["quote"] == "résolution 51/1 du 15 octobre 1996"
    assert citation["text"].startswith("RAPPELANT la résolution 51/1")
    assert citation["start"] is None and citation["end"] is None  # offsets only when asked


def test_with_spans_each_citation_has_the_offsets_of_its_quote_in_the_source():
    G = network.load(SAMPLE, spans=True)
    source = (FIXTURES / "GA-2025-93-RES-03.fr.txt").read_text(encoding="utf-8")
    quotes = [c for _, _, cs in G.edges(data="citations") for c in cs if c["paragraph"]]
    assert len(quotes) > 19
    for citation in quotes:
        assert source[citation["start"]:citation["end"]] == citation["quote"]
    plain = network.load(SAMPLE)
    assert [(u, v) for u, v in plain.edges()] == [(u, v) for u, v in G.edges()]
    taking_note = G.edges[SEED, "GA-2012-81-RES-08"]
    assert taking_note["functions"] == ["taking-note"]


def test_a_treaty_cited_in_four_paragraphs_is_one_edge_of_weight_four_that_also_implements(G):
    edge = G.edges[SEED, CONVENTION]
    assert [c["paragraph"] for c in edge["citations"]] == ["pp_4", "pp_6", "op_2", "op_4"]
    assert edge["weight"] == 4
    assert edge["functions"] == ["invites", "stressing", "welcoming"]
    assert set(edge["relations"]) == {"cites", "implements"}
    assert network.times_cited(G, CONVENTION) == 4


def test_adopts_is_an_implements_edge_flagged_adopts(G):
    edge = G.edges["A/RES/79/243", CONVENTION]
    assert edge["relations"] == ["implements"] and edge["adopts"] is True


def test_registry_citations_between_cited_instruments_are_edges(G):
    edge = G.edges["A/RES/51/1", "A/DEC/49/426"]
    assert edge["relations"] == ["cites"] and edge["citations"] == [] and edge["weight"] == 1


def test_paragraphs_bodies_and_sessions_are_not_nodes(G):
    assert all("/pp_" not in k and "/op_" not in k for k in G)
    assert G.number_of_nodes() == 22  # seed + 19 cited + A/RES/79/243 + A/DEC/49/426


def test_memory_store_and_oxigraph_give_the_same_network():
    pytest.importorskip("oxrdflib")
    from resograph.graph.store import PyoxigraphStore

    parsed = rdflib.Graph(store=PyoxigraphStore()).parse(SAMPLE)  # triples in a named graph of the store
    assert network._Scans(parsed).ox is not None  # read through pyoxigraph, not rdflib terms
    for spans in (False, True):
        memory = network.from_rdf(rdflib.Graph().parse(SAMPLE), spans=spans)
        oxigraph = network.from_rdf(parsed, spans=spans)
        assert dict(memory.nodes(data=True)) == dict(oxigraph.nodes(data=True))
        assert list(memory.edges(data=True)) == list(oxigraph.edges(data=True))


def test_a_built_store_is_read_through_pyoxigraph_and_gives_the_same_network(tmp_path):
    """What `resograph build` publishes: triples in the default graph of an on-disk store."""
    ox = pytest.importorskip("pyoxigraph")
    from resograph.graph.store import open_graph, publish_store

    nt = tmp_path / "resograph.nt"  # what load() looks for beside the store
    rdflib.Graph().parse(SAMPLE).serialize(nt, format="nt", encoding="utf-8")
    generation = tmp_path / "stores" / "gen-test"
    generation.parent.mkdir()
    store = ox.Store(str(generation))
    store.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
    store.flush()
    del store
    publish_store(generation, tmp_path)
    graph = open_graph(tmp_path)
    assert network._Scans(graph).ox is not None
    memory = network.from_rdf(rdflib.Graph().parse(SAMPLE), spans=True)
    built = network.load(tmp_path, spans=True)
    assert dict(built.nodes(data=True)) == dict(memory.nodes(data=True))
    assert list(built.edges(data=True)) == list(memory.edges(data=True))
    assert built.number_of_nodes() == 22


def test_an_unresolved_reference_is_a_node_without_a_title_not_its_key_again():
    g = rdflib.Graph().parse(SAMPLE)
    g.parse(data="""
        @prefix rg: <https://w3id.org/resograph/ontology#> .
        @prefix eli: <http://data.europa.eu/eli/ontology#> .
        @prefix dcterms: <http://purl.org/dc/terms/> .
        <https://w3id.org/resograph/id/S/2015/144> a eli:LegalResource, rg:UNDocument ;
            dcterms:identifier "S/2015/144" ; dcterms:title "S/2015/144" ; rg:inRegistry false .
        <https://w3id.org/resograph/id/GA-2025-93-RES-03> eli:cites <https://w3id.org/resograph/id/S/2015/144> .
    """, format="turtle")
    G = network.from_rdf(g)
    node = G.nodes["S/2015/144"]
    assert node["kind"] == "un-document" and node["in_registry"] is False
    # the shape's placeholder title (the key) is no title; a bare edge gives no citing words either
    assert node["title"] is None and node["title_source"] is None and node["titles"] == {}
    assert node["url"] == "https://undocs.org/S/2015/144"
    assert G.edges[SEED, "S/2015/144"]["relations"] == ["cites"]


def test_year_from_key():
    assert network.year_from_key("GA-2008-RES-07") == 2008
    assert network.year_from_key("S/RES/2482(2019)") == 2019
    assert network.year_from_key("E/RES/2004/21") == 2004
    assert network.year_from_key("interpol:constitution") is None


def test_a_missing_build_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="run `resograph build` first"):
        network.load(tmp_path)
    with pytest.raises(UserError, match="no such build directory"):
        network.load(tmp_path / "nowhere")
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle <", encoding="utf-8")
    with pytest.raises(UserError, match="bad.ttl: not readable"):
        network.load(bad)


# ---------------------------------------------------------------- the one title rule

def test_titles_follow_one_rule_in_the_readers_language(G):
    # a registry title in the reader's language; else another language, which is said
    assert G.nodes[CONVENTION]["title"].startswith("United Nations Convention against Cybercrime")
    assert G.nodes[CONVENTION]["title_source"] == "registry"
    assert G.nodes[f"{CONVENTION}/art_40"]["title_source"] == "registry:fr"   # no English title
    fr = network.load(SAMPLE, lang="fr")
    assert fr.nodes[CONVENTION]["title"] == fr.nodes[CONVENTION]["titles"]["fr"]
    assert fr.nodes[f"{CONVENTION}/art_41"]["title"] == "24/7 network"          # no French: English
    assert fr.nodes[f"{CONVENTION}/art_41"]["title_source"] == "registry:en"


def test_without_a_title_the_citing_words_are_marked_as_such_and_never_the_key(G):
    # the registry gives the 1997 agreement no title: the words of the seed's paragraph stand in
    agreement = G.nodes["agreement:un-interpol-1997"]
    assert agreement["title"] == ("“l'Accord de coopération signé en 1997 entre les Nations Unies et INTERPOL”"
                                  " (as cited)")
    assert agreement["title_source"] == "cited"
    # cited as "73/11 du 26 novembre 2018" and "résolution GA-2008-RES-07": symbol and date, no title
    for key in ("A/RES/73/11", "GA-2008-RES-07", "A/DEC/49/426"):
        assert G.nodes[key]["title"] is None, key
    assert all(d["title"] != k for k, d in G.nodes(data=True))


# ---------------------------------------------------------------- GEXF and GraphML

@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_gexf_and_graphml_open_in_networkx_again(G, tmp_path, fmt):
    from resograph.views import analysis, export

    out = export.write_network(G, tmp_path / f"net.{fmt}", fmt)
    back = nx.read_gexf(out) if fmt == "gexf" else nx.read_graphml(out)
    assert back.is_directed()
    assert set(back) == set(G) and set(back.edges()) == set(G.edges())
    seed_un = back.edges[SEED, "A/RES/51/1"]
    assert seed_un["relations"] == "cites" and seed_un["functions"] == "recalling" and seed_un["weight"] == 1
    assert seed_un["paragraphs"] == "pp_8"                        # "RAPPELANT la résolution 51/1", 8th preamble paragraph
    assert back.edges[SEED, CONVENTION]["weight"] == 4          # four citing paragraphs (times_cited)
    node = back.nodes["A/RES/51/1"]
    assert node["kind"] == "resolution" and node["year"] == 1996 and node["date"] == "1996-10-15"
    assert node["title_en"].startswith("Observer status for the International Criminal Police Organi")
    # cited by the seed (4 paragraphs) and adopted by A/RES/79/243: 2 instruments, 4 citations
    assert back.nodes[CONVENTION]["cited_by"] == 2 and back.nodes[CONVENTION]["citations"] == 4
    home = {k: i for i, g in enumerate(analysis.clusters(G)) for k in g}
    assert {k: back.nodes[k]["cluster"] for k in back} == home
    assert "title" not in back.nodes["A/DEC/49/426"]            # no title: no attribute, not the key


def test_plain_network_is_accepted_by_networkx_writers_directly(G, tmp_path):
    from resograph import api

    H = api.network(rdflib.Graph().parse(SAMPLE), plain=True)
    nx.write_gexf(H, tmp_path / "a.gexf")
    nx.write_graphml(H, tmp_path / "a.graphml")
    plain_types = (str, int, float, bool)
    assert all(isinstance(v, plain_types) for _, d in H.nodes(data=True) for v in d.values())
    assert all(isinstance(v, plain_types) for _, _, d in H.edges(data=True) for v in d.values())


def test_the_gexf_writer_writes_the_bytes_networkx_writes(G, tmp_path):
    from resograph.views import export

    def same(H) -> bool:
        export.write_gexf(H, tmp_path / "mine.gexf")
        nx.write_gexf(H, tmp_path / "nx.gexf")
        return (tmp_path / "mine.gexf").read_bytes() == (tmp_path / "nx.gexf").read_bytes()

    assert same(export.plain(G))
    # what XML escapes in attribute values, floats that are not numbers, a node without data,
    # attributes first met on a later node or edge, no edges, no nodes
    H = nx.DiGraph()
    H.add_node('say "&" <here>', label="tab\there\nnew line\r", score=float("nan"), big=float("inf"))
    H.add_node("é/ü", flag=False)
    H.add_node("bare")
    H.add_edge('say "&" <here>', "é/ü", weight=2.5, relation="cites")
    H.add_edge("é/ü", "bare", late=-float("inf"))
    assert same(H)
    assert same(nx.DiGraph([("a", "b")]))
    assert same(nx.DiGraph())
    one = nx.DiGraph()
    one.add_node("only")
    assert same(one)
    # what the writer leaves to networkx: lists, special keys, another kind of graph
    for odd in (nx.DiGraph([("a", "b", {"spells": [(1, 2)]})]), nx.Graph([("a", "b")]),
                nx.DiGraph([("a", "b", {"when": [("x", 1, 2)]})])):
        assert same(odd)


def test_explore_format_gexf_writes_the_focus_view(tmp_path, capsys):
    from resograph.cli import main

    out = tmp_path / "focus.graphml"
    assert main(["explore", "--build", str(SAMPLE), "--focus", "A/RES/51/1", "--format", "graphml",
                 "--out", str(out)]) == 0
    assert sorted(nx.read_graphml(out)) == ["A/DEC/49/426", "A/RES/51/1", SEED]
    assert "GRAPHML" in capsys.readouterr().out


# ---------------------------------------------------------------- special and emergency special sessions

SPECIAL = """
@prefix rg: <https://w3id.org/resograph/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/resograph/id/> .
<https://w3id.org/resograph/id/A/RES/2253(ES-V)> a rg:Resolution ; dcterms:identifier "A/RES/2253(ES-V)" .
<https://w3id.org/resograph/id/A/RES/2248(S-V)> a rg:Resolution ; dcterms:identifier "A/RES/2248(S-V)" .
<https://w3id.org/resograph/id/A/RES/1474(ES-IV)> a rg:Resolution ; dcterms:identifier "A/RES/1474(ES-IV)" .
<https://w3id.org/resograph/id/A/RES/S-26/2> a rg:Resolution ; dcterms:identifier "A/RES/S-26/2" .
<https://w3id.org/resograph/id/A/RES/ES-10/14> a rg:Resolution ; dcterms:identifier "A/RES/ES-10/14" .
<https://w3id.org/resograph/id/A/RES/ES-10/13> a rg:Resolution ; dcterms:identifier "A/RES/ES-10/13" ;
    eli:date_document "2003-10-21"^^xsd:date .
<https://w3id.org/resograph/id/A/RES/2200(XXI)> a rg:Resolution ; dcterms:identifier "A/RES/2200(XXI)" .
id:session\\/un-ga\\/ES-5 a rg:Session ; rg:startDate "1967-06-17"^^xsd:date ; rg:endDate "1967-09-18"^^xsd:date .
id:session\\/un-ga\\/S-26 a rg:Session ; rg:startDate "2001-06-25"^^xsd:date ; rg:endDate "2001-06-27"^^xsd:date .
id:session\\/un-ga\\/ES-10 a rg:Session ; rg:startDate "1997-04-24"^^xsd:date .
id:session\\/un-ga\\/ES-4 a rg:Session ; rg:startDate "1960-09-17"^^xsd:date .
"""


def test_a_special_sessions_resolution_takes_its_sessions_year_when_the_graph_dates_it():
    G = network.from_rdf(rdflib.Graph().parse(data=SPECIAL, format="turtle"))
    year = {k: (d["year"], d["year_source"]) for k, d in G.nodes(data=True)}
    # the session dated within one year: that year
    assert year["A/RES/2253(ES-V)"] == (1967, "session")
    assert year["A/RES/S-26/2"] == (2001, "session")
    # a text's own date first
    assert year["A/RES/ES-10/13"] == (2003, "date")
    # never a guess: a session the graph does not date (S-V), or dates only by its opening (ES-10,
    # resumed until 2003 and later; ES-IV), gives no year; nor does a special session's number
    assert year["A/RES/2248(S-V)"] == (None, None)
    assert year["A/RES/ES-10/14"] == (None, None)
    assert year["A/RES/1474(ES-IV)"] == (None, None)
    # a regular session's Roman numeral still gives the year it opened
    assert year["A/RES/2200(XXI)"] == (1966, "key")
