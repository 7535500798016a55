"""Analyses of the citation network (resograph.views.analysis), on the sample graph and small made-up ones."""

from __future__ import annotations

import doctest
from pathlib import Path

import networkx as nx
import pytest

from resograph.views import analysis, export, tables, titles
from resograph.views import network

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "tests" / "fixtures" / "explorer-sample.ttl"
SEED = "GA-2025-93-RES-03"
CONVENTION = "convention:cybercrime-2024"
UN_SERIES = ["A/RES/51/1", "A/RES/71/19", "A/RES/73/11", "A/RES/75/10", "A/RES/77/20", "A/RES/79/136"]


@pytest.fixture(scope="module")
def G() -> nx.DiGraph:
    return network.load(SAMPLE)


def cites(*pairs) -> nx.DiGraph:
    D = nx.DiGraph()
    for u, v in pairs:
        D.add_edge(u, v, relations=["cites"], relation="cites", weight=1, citations=[])
    return D


@pytest.mark.parametrize("module", [network, analysis, titles, export, tables])
def test_docstring_examples_hold(module, monkeypatch):
    monkeypatch.chdir(ROOT)  # the examples name the sample by its path in the repository
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0


def test_most_cited_ranks_by_citing_instruments_then_citations(G):
    top = analysis.most_cited(G, None)
    assert top[0] == (CONVENTION, 1, 4)
    assert dict((k, (a, b)) for k, a, b in top)["A/RES/51/1"] == (1, 1)
    assert SEED not in {k for k, _, _ in top}  # nothing cites the seed
    D = cites(("a", "t"), ("b", "t"), ("a", "u"))
    assert analysis.most_cited(D) == [("t", 2, 2), ("u", 1, 1)]


def test_pagerank_favours_the_treaty_its_articles_point_to(G):
    ranks = analysis.pagerank(G, None)
    assert ranks[0][0] == CONVENTION
    assert abs(sum(s for _, s in ranks) - 1) < 1e-6
    scores = dict(ranks)
    assert scores[CONVENTION] > scores[f"{CONVENTION}/art_41"] > scores[SEED]


def test_longest_chain_follows_citations_from_newest(G):
    assert analysis.longest_chain(G) == [SEED, "A/RES/51/1", "A/DEC/49/426"]
    assert analysis.longest_chain(cites(("c", "b"), ("b", "a"), ("c", "x"))) == ["c", "b", "a"]
    assert analysis.longest_chain(nx.DiGraph()) == []


def test_longest_chain_survives_cycles_and_is_stable():
    D = cites(("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("d", "e"))
    assert analysis.citation_cycles(D) == [["a", "b", "c"]]
    chain = analysis.longest_chain(D)
    assert chain == ["a", "b", "c", "d", "e"]
    for u, v in zip(chain, chain[1:]):
        assert D.has_edge(u, v)
    assert all(analysis.longest_chain(D) == chain for _ in range(3))


def test_co_citation_at_paragraph_level_groups_the_recalled_un_series(G):
    pairs = analysis.co_citation(G, None)
    un = {(a, b) for a, b, _ in pairs if a in UN_SERIES and b in UN_SERIES}
    assert len(un) == 15  # the six UN resolutions of pp_8, pairwise
    # pp_8 never names the Convention: not co-cited with it at paragraph level…
    assert not any({a, b} == {"A/RES/51/1", CONVENTION} for a, b, _ in pairs)
    # …but the whole resolution does
    doc = analysis.co_citation(G, None, level="document")
    assert any({a, b} == {"A/RES/51/1", CONVENTION} for a, b, _ in doc)
    assert len(doc) == 19 * 18 // 2
    with pytest.raises(ValueError):
        analysis.co_citation(G, level="sentence")


def test_bibliographic_coupling_counts_shared_references():
    D = cites(("x", "t1"), ("x", "t2"), ("y", "t1"), ("y", "t2"), ("y", "t3"), ("z", "t3"))
    assert analysis.bibliographic_coupling(D) == [("x", "y", 2), ("y", "z", 1)]


def test_bibliographic_coupling_on_the_sample(G):
    # the seed and A/RES/51/1 cite nothing in common; only A/RES/79/243 and the seed meet, on the
    # Convention, and that is an implements edge, not a citation by 79/243
    assert analysis.bibliographic_coupling(G) == []


def test_clusters_cover_every_node_are_deterministic_and_keep_articles_with_their_treaty(G):
    groups = analysis.clusters(G)
    assert sorted(k for g in groups for k in g) == sorted(G)
    assert groups == analysis.clusters(G)
    home = {k: i for i, g in enumerate(groups) for k in g}
    for n in (37, 40, 41, 47):
        assert home[f"{CONVENTION}/art_{n}"] == home[CONVENTION]
    two = nx.disjoint_union(nx.complete_graph(5, nx.DiGraph), nx.complete_graph(5, nx.DiGraph))
    nx.set_edge_attributes(two, 1, "weight")
    assert sorted(map(len, analysis.clusters(two))) == [5, 5]


def test_ego_graph_of_one_instrument(G):
    sub = analysis.ego(G, "A/RES/51/1", depth=1)
    assert set(sub) == {"A/RES/51/1", SEED, "A/DEC/49/426"}
    assert sub.edges[SEED, "A/RES/51/1"]["functions"] == ["recalling"]
    assert set(analysis.ego(G, "A/RES/51/1", depth=0)) == {"A/RES/51/1"}
    # two steps: through the seed to all it cites; A/RES/79/243 is three steps away
    assert set(analysis.ego(G, "A/RES/51/1", depth=2)) == set(G) - {"A/RES/79/243"}
    conv = analysis.ego(G, CONVENTION, 1)
    assert {f"{CONVENTION}/art_{n}" for n in (37, 40, 41, 47)} <= set(conv)
    assert {SEED, "A/RES/79/243"} <= set(conv)
    art = analysis.ego(G, f"{CONVENTION}/art_41", 0)
    assert set(art) == {f"{CONVENTION}/art_41", CONVENTION}  # an article keeps its treaty
    with pytest.raises(KeyError):
        analysis.ego(G, "A/RES/1/1")


def test_summary_counts(G):
    s = analysis.summary(G)
    assert s["nodes"] == 22 and s["edge_pairs"] == 25
    assert s["kinds"] == {"agreement": 1, "article": 4, "decision": 1, "declaration": 1,
                          "resolution": 14, "treaty": 1}


def test_stats_command_prints_the_analyses_as_tables(capsys):
    from resograph.cli import main

    assert main(["stats", "--build", str(SAMPLE), "--top", "3"]) == 0
    out = capsys.readouterr().out
    assert "22 instruments, 25 links (cites 20, implements 2, part_of 4)" in out
    assert "Most cited" in out and "PageRank" in out and "Clusters" in out
    assert "GA-2025-93-RES-03 → A/RES/51/1 → A/DEC/49/426" in out
    most_cited = out.split("Most cited")[1].split("PageRank")[0]
    assert most_cited.splitlines()[3].split()[:4] == ["1", CONVENTION, "1", "4"]


def test_stats_command_bad_input_is_one_line_and_status_2(capsys, tmp_path):
    from resograph.cli import main

    assert main(["stats", "--build", str(tmp_path / "none")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "run `resograph build` first" in err[0]
    assert main(["stats", "--build", str(SAMPLE), "--top", "0"]) == 2


def test_ego_is_networkx_ego_graph_either_direction_on_a_random_network():
    D = nx.gnp_random_graph(300, 0.01, seed=4, directed=True)
    D = nx.relabel_nodes(D, {i: f"n{i:03d}" for i in D})
    for depth in (0, 1, 2, 3):
        for key in ("n000", "n117", "n299"):
            expected = set(nx.ego_graph(D, key, radius=depth, undirected=True))
            assert set(analysis.ego(D, key, depth)) == expected


def test_bibliographic_coupling_of_a_large_network_matches_counting_pairs(monkeypatch):
    """Above two blocks of citing instruments the top pairs come from a sparse product: same answer."""
    import random

    rnd = random.Random(11)
    D = nx.DiGraph()
    hubs = [f"t{i:02d}" for i in range(12)]
    for u in range(260):
        for v in rnd.sample(hubs, rnd.randint(1, 6)) + [f"x{rnd.randrange(400):03d}" for _ in range(3)]:
            D.add_edge(f"d{u:03d}", v, relations=["cites"], relation="cites", weight=1, citations=[])
    monkeypatch.setattr(analysis, "COUPLING_BLOCK", 1000)
    counted = analysis.bibliographic_coupling(D, None)  # the pair count (one block: no product)
    monkeypatch.setattr(analysis, "COUPLING_BLOCK", 40)
    for n in (1, 10, 57, 400):
        assert analysis.bibliographic_coupling(D, n) == counted[:n]


# ---------------------------------------------------------------- the analyses as DataFrames

def _stats_headers(text: str, section: str) -> list[str]:
    """The column names `resograph stats` prints under the section that starts with ``section``."""
    block = text.split(section, 1)[1].split("\n\n", 1)[0]
    return block.splitlines()[1].split("  ")


def test_every_analysis_is_a_dataframe_with_the_columns_of_stats(G, capsys):
    import pandas as pd

    from resograph.cli import main

    assert main(["stats", "--build", str(SAMPLE), "--top", "5"]) == 0
    out = capsys.readouterr().out
    frames = tables.all_tables(G, 5)
    assert all(isinstance(f, pd.DataFrame) for f in frames.values())
    for name, section in [("most_cited", "Most cited"), ("pagerank", "PageRank"), ("co_citation", "Co-citation"),
                          ("coupling", "Bibliographic coupling"), ("clusters", "Clusters")]:
        printed = [h.strip() for h in _stats_headers(out, section) if h.strip()]
        assert printed == ["#", *frames[name].columns], name
        assert frames[name].index.name == "#"


def test_dataframes_hold_the_analyses_values(G):
    top = tables.most_cited(G, 3)
    assert top.loc[1].tolist()[:3] == [CONVENTION, 1, 4]            # 1 citing instrument, 4 paragraphs
    assert top["title"].tolist()[1] == ""                           # A/DEC/49/426: no title, not its key
    assert list(top.itertuples(index=False, name=None)) == [
        (k, a, b, G.nodes[k]["title"] or "") for k, a, b in analysis.most_cited(G, 3)]
    assert tables.pagerank(G, 1).loc[1, "instrument"] == CONVENTION
    chain = tables.chain(G)
    assert chain["instrument"].tolist() == ["GA-2025-93-RES-03", "A/RES/51/1", "A/DEC/49/426"]
    assert chain["year"].tolist() == [2025, 1996, 1994]
    co = tables.co_citation(G, None)
    # the six UN resolutions of one paragraph make 15 pairs cited together once
    assert len(co[co["instrument a"].isin(UN_SERIES) & co["instrument b"].isin(UN_SERIES)]) == 15
    assert tables.coupling(G).empty                                  # one citing text: nothing to couple
    groups = tables.clusters(G)
    assert groups["size"].sum() == G.number_of_nodes()
    assert [sorted(m) for m in groups["members"]] == analysis.clusters(G)
    members = tables.membership(G)
    assert set(members["instrument"]) == set(G) and members["cluster"].between(1, len(groups)).all()


def test_api_analyses_from_the_rdf_graph():
    import rdflib

    from resograph import api

    frames = api.analyses(rdflib.Graph().parse(SAMPLE), top=2)
    assert set(frames) == {"most_cited", "pagerank", "chain", "co_citation", "coupling", "clusters"}
    assert frames["most_cited"]["instrument"].tolist() == [CONVENTION, "A/DEC/49/426"]
