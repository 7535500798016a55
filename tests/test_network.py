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
    parsed = rdflib.Graph(store="Oxigraph").parse(SAMPLE)  # triples in a named graph of the store
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


def test_an_unresolved_reference_is_a_node_with_its_key_as_title():
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
    assert node["title"] == "S/2015/144" and node["url"] == "https://undocs.org/S/2015/144"
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
