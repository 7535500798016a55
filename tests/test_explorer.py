"""The explorer page (resograph.views.explore, `resograph explore`): one offline, escaped, scalable file."""

from __future__ import annotations

import json
import math
import random
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

from resograph.views import explore
from resograph.views import network
from resograph.cli import main

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "tests" / "fixtures" / "explorer-sample.ttl"
SEED = "GA-2025-93-RES-03"
CONVENTION = "convention:cybercrime-2024"
PAYLOAD_SCRIPT = "<script>window.__xss=1;alert(1)</script>"
PAYLOAD_IMG = '<img src=x onerror="window.__xss=1;alert(1)">'


def synthetic_network(n: int = 5000, seed: int = 1) -> nx.DiGraph:
    """A made-up network shaped like the real one (kinds, bodies, years, heavy-tailed citations)."""
    rnd = random.Random(seed)
    G = nx.DiGraph()
    bodies = ["interpol-ga", "un-ga", "un-sc", "ecosoc", "coe", None]
    for i in range(n):
        year = 1950 + (i * 75) // n
        key = f"GA-{year}-RES-{i:04d}" if i % 3 == 0 else f"A/RES/{year - 1945}/{i}"
        G.add_node(key, key=key, kind="resolution" if i % 7 else "decision", body=rnd.choice(bodies),
                   title=f"Résolution {i}", titles={"fr": f"Résolution {i}"}, date=f"{year}-06-01",
                   year=year if i % 50 else None, year_source="date" if i % 50 else None,
                   url=None, iri=f"https://w3id.org/resograph/id/{key}", in_registry=True, article=None)
    keys = list(G)
    for i, k in enumerate(keys[1:], 1):
        for _ in range(3):
            j = min(int(rnd.paretovariate(1.2)) - 1, i - 1)
            target = keys[i - 1 - j] if rnd.random() < 0.5 else keys[rnd.randrange(i)]
            G.add_edge(k, target, relation="cites", relations=["cites"], adopts=False,
                       functions=["recalling"], weight=1,
                       citations=[{"paragraph": "pp_1", "function": "recalling", "phrase": "RAPPELANT",
                                   "quote": target, "text": f"RAPPELANT la résolution {target}",
                                   "start": 0, "end": 1}])
    return G


class Resources(HTMLParser):
    """Every tag attribute that could load something, and every script/style element."""

    def __init__(self):
        super().__init__()
        self.loads, self.tags = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "srcset", "action", "poster", "data") or (
                    tag == "meta" and name == "http-equiv" and value.lower() == "refresh"):
                self.loads.append((tag, name, value))


def page_json(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="resograph-data">(.*?)</script>', html, re.S)
    return json.loads(m.group(1))


@pytest.fixture(scope="module")
def G() -> nx.DiGraph:
    return network.load(SAMPLE)


@pytest.fixture(scope="module")
def html(G) -> str:
    return explore.render_html(G)


def test_the_page_is_one_file_that_loads_nothing(html):
    parser = Resources()
    parser.feed(html)
    assert parser.loads == []  # no src=, href=, refresh: nothing to fetch
    assert "link" not in parser.tags and "iframe" not in parser.tags
    assert not re.search(r"@import|url\((?!\s*[\"']?data:)", html)  # CSS loads only data: URIs
    assert "default-src 'none'" in html  # and the browser is told to refuse any fetch


def test_vis_network_is_inlined_from_pyvis(html):
    vis = (explore.VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    assert vis[:2000] in html and len(html) > len(vis)


def test_utf8_and_french_accents(html, tmp_path, G):
    assert '<meta charset="utf-8">' in html
    out = explore.write_explorer(G, tmp_path / "x.html")
    raw = out.read_bytes()
    assert "mise en œuvre".encode("utf-8") in raw
    assert page_json(raw.decode("utf-8"))["nodes"][SEED]["titles"]["fr"].startswith("Soutenir la ratification")


def test_source_text_travels_as_escaped_json_never_as_markup(html):
    assert PAYLOAD_SCRIPT not in html and PAYLOAD_IMG not in html
    assert "<img" not in html.split('id="resograph-data">')[1].split("</script>")[0]
    data = page_json(html)  # the JSON parses back to the exact text…
    text = "".join(data["passages"].values())
    assert PAYLOAD_SCRIPT in text and PAYLOAD_IMG in text and "</script><!--" in text
    # …and the closing </script> of the data block is the first one after it opens
    block = html.split('id="resograph-data">')[1]
    assert "<!--" not in block.split("</script>")[0]
    # the page's own code never writes HTML from data
    app = html.rsplit("<script>", 1)[1]
    assert "innerHTML" not in app and "insertAdjacentHTML" not in app and "document.write" not in app
    assert "title:" not in app  # no vis tooltip strings (vis renders them as HTML)


def test_script_json_escapes_what_ends_a_script():
    out = explore.script_json({"a": "</script><!-- <img> & \u2028"})
    assert "<" not in out and ">" not in out and "&" not in out and "\u2028" not in out
    assert json.loads(out) == {"a": "</script><!-- <img> & \u2028"}


def test_nodes_edges_and_legend_carry_what_the_page_shows(G):
    data = explore.page_data(G)
    assert len(data["vis"]["nodes"]) == G.number_of_nodes() == 22
    assert len(data["vis"]["edges"]) == G.number_of_edges() == 25
    vis = {n["id"]: n for n in data["vis"]["nodes"]}
    assert vis[CONVENTION]["shape"] == "hexagon" and vis[f"{CONVENTION}/art_41"]["shape"] == "diamond"
    assert vis[SEED]["color"]["background"] == explore.BODY_COLOURS["interpol-ga"]
    assert vis["A/RES/51/1"]["color"]["background"] == explore.BODY_COLOURS["un-ga"]
    # an article takes its treaty's colour; size grows with how often a node is cited
    assert vis[f"{CONVENTION}/art_41"]["color"]["background"] == vis[CONVENTION]["color"]["background"]
    assert vis[CONVENTION]["size"] > vis["A/RES/51/1"]["size"]
    assert data["nodes"]["A/RES/51/1"]["url"] == "https://undocs.org/A/RES/51/1"
    assert [b["code"] for b in data["legend"]["bodies"]] == ["interpol-ga", "un-ga", None]
    assert {r["name"] for r in data["legend"]["relations"]} == {"cites", "implements", "part_of"}
    colours = {e["to"]: vis_e["color"]["color"] for vis_e in data["vis"]["edges"]
               for eid, e in data["edges"].items() if eid == vis_e["id"] and e["from"] == "A/RES/79/243"}
    assert colours == {CONVENTION: explore.RELATION_STYLE["implements"][0]}
    edge = next(e for e in data["edges"].values() if e["from"] == SEED and e["to"] == "A/RES/51/1")
    (cit,) = edge["citations"]
    assert cit["p"] == "pp_8" and cit["f"] == "recalling" and cit["q"] == "résolution 51/1 du 15 octobre 1996"
    assert data["passages"][cit["t"]].startswith("RAPPELANT la résolution 51/1")


def test_timeline_x_follows_the_year_and_articles_stack_under_their_treaty(G):
    pos, axis = explore.timeline_positions(G)
    dated = sorted((d["year"], pos[k][0]) for k, d in G.nodes(data=True) if d["kind"] != "article")
    assert [x for _, x in dated] == sorted(x for _, x in dated)  # later year, further right
    cx, cy = pos[CONVENTION]
    arts = [pos[f"{CONVENTION}/art_{n}"] for n in (37, 40, 41, 47)]
    assert all(abs(x - cx) < 1 and y > cy for x, y in arts)
    assert [y for _, y in arts] == sorted(y for _, y in arts)
    # no two nodes on top of each other
    pts = sorted(pos.values())
    assert all(abs(a[0] - b[0]) + abs(a[1] - b[1]) > 30 for a, b in zip(pts, pts[1:]))
    assert {lane["body"] for lane in axis["lanes"]} == {"interpol-ga", "un-ga", None}
    assert [t["label"] for t in axis["ticks"] if not t["empty"]][:3] == ["1994", "1996", "1997"]
    assert len(axis["breaks"]) == 3  # 1997…2008, 2008…2012, 2012…2016 are cut


def test_undated_instruments_get_a_column_left_of_the_earliest_year(G):
    H = G.copy()
    H.nodes["GA-2008-RES-07"].update(year=None, date=None, year_source=None)
    pos, axis = explore.timeline_positions(H)
    assert axis["undated"] is not None
    assert pos["GA-2008-RES-07"][0] == axis["undated"] < min(x for k, (x, _) in pos.items() if k != "GA-2008-RES-07")


def test_force_layout_is_deterministic_and_physics_is_off_for_large_graphs(G):
    assert explore.force_positions(G) == explore.force_positions(G)
    small = explore.page_data(G, layout="force")
    assert small["meta"]["physics"] is True and small["axis"] is None
    assert explore.page_data(G)["meta"]["physics"] is False  # timeline: never
    options = explore.vis_options(5000, physics=False)
    assert options["physics"]["enabled"] is False and options["layout"]["improvedLayout"] is False
    assert options["edges"]["smooth"] is False and options["interaction"]["hideEdgesOnDrag"] is True
    with pytest.raises(ValueError):
        explore.page_data(G, layout="circle")


def test_a_5000_node_graph_gets_computed_positions_and_no_physics():
    H = synthetic_network(5000)
    data = explore.page_data(H, max_nodes=0)  # 0: draw them all
    assert data["meta"]["physics"] is False
    nodes = data["vis"]["nodes"]
    assert len(nodes) == 5000 and all(isinstance(n["x"], float) for n in nodes)
    assert len({(n["x"], n["y"]) for n in nodes}) == 5000


def test_above_max_nodes_the_page_draws_the_most_cited_and_says_what_it_left_out():
    H = synthetic_network(5000)
    data = explore.page_data(H, max_nodes=400)
    drawn = {n["id"] for n in data["vis"]["nodes"]}
    assert len(drawn) == 400 == data["meta"]["nodes"]
    citers = {k: sum(1 for _ in H.predecessors(k)) for k in H}
    assert min(citers[k] for k in drawn) >= max(citers[k] for k in H if k not in drawn)
    among = H.subgraph(drawn)
    assert {(e["from"], e["to"]) for e in data["vis"]["edges"]} == set(among.edges())
    assert data["meta"]["cut"] == {"shown": 400, "of": 5000, "edgesShown": among.number_of_edges(),
                                   "edgesOf": H.number_of_edges(), "max": 400, "by": "most cited"}
    # the others stay findable: key, title and how many instruments cite each
    hidden = {h[0]: h for h in data["hidden"]}
    assert set(hidden) == set(H) - drawn
    some = next(iter(hidden))
    assert hidden[some][1] == H.nodes[some]["title"] and hidden[some][2] == citers[some]
    # a drawn node counts every instrument citing it, drawn or not
    top = max(drawn, key=lambda k: citers[k])
    assert data["nodes"][top]["citedBy"] == citers[top] > among.in_degree(top)
    small = explore.page_data(H.subgraph(sorted(H)[:300]).copy(), max_nodes=400)
    assert small["meta"]["cut"] is None and small["hidden"] == []


def test_with_a_focus_the_nearest_instruments_are_drawn_first():
    H = synthetic_network(3000, seed=2)
    focus = max(H, key=lambda k: H.in_degree(k))  # a hub: more neighbours than the page holds
    near = set(H.predecessors(focus)) | set(H.successors(focus))
    data = explore.page_data(H, focus=focus, max_nodes=len(near) + 1)
    assert {n["id"] for n in data["vis"]["nodes"]} == near | {focus}
    assert data["meta"]["cut"]["by"] == "nearest to the focus, then most cited"
    fewer = explore.drawn_nodes(H, 10, focus=focus)
    assert focus in fewer and set(fewer) - {focus} <= near and len(fewer) == 10


def test_a_drawn_article_always_comes_with_its_treaty(G):
    for n in range(1, G.number_of_nodes() + 1):
        keep = explore.drawn_nodes(G, n)
        assert len(keep) == n
        assert all(G.nodes[k]["parent"] in keep for k in keep if G.nodes[k]["kind"] == "article")
    assert explore.drawn_nodes(G, 0) == explore.drawn_nodes(G, None) == sorted(G)


def test_a_large_force_layout_spreads_its_communities():
    H = synthetic_network(1500, seed=3)
    pos = explore.force_positions(H)
    assert len(pos) == 1500 and len(set(pos.values())) == 1500


def test_output_is_deterministic(G, tmp_path):
    a = explore.write_explorer(G, tmp_path / "a.html").read_bytes()
    b = explore.write_explorer(G, tmp_path / "b.html").read_bytes()
    assert a == b


# ---------------------------------------------------------------- the command

def test_explore_command_writes_the_page_and_prints_path_and_counts(tmp_path, capsys):
    out = tmp_path / "page.html"
    assert main(["explore", "--build", str(SAMPLE), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith(f"{out}  (22 nodes, 25 edges, timeline layout")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not list(tmp_path.glob(".explorer-*"))  # no temporary file left behind


def test_explore_focus_shows_the_ego_graph(tmp_path, capsys):
    out = tmp_path / "focus.html"
    assert main(["explore", "--build", str(SAMPLE), "--focus", CONVENTION, "--depth", "1",
                 "--layout", "force", "--out", str(out)]) == 0
    assert "(7 nodes, 10 edges, force layout" in capsys.readouterr().out
    data = page_json(out.read_text(encoding="utf-8"))
    assert data["meta"]["focus"] == CONVENTION
    assert set(data["nodes"]) == {CONVENTION, SEED, "A/RES/79/243"} | {f"{CONVENTION}/art_{n}" for n in (37, 40, 41, 47)}


def test_explore_max_nodes_draws_the_most_cited_and_the_summary_says_how_to_see_the_rest(tmp_path, capsys):
    out = tmp_path / "top.html"
    assert main(["explore", "--build", str(SAMPLE), "--max-nodes", "5", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "drawn: the 5 instruments most cited" in printed and "other 17" in printed
    assert "--focus KEY" in printed and "--max-nodes 0" in printed
    data = page_json(out.read_text(encoding="utf-8"))
    assert set(data["nodes"]) == set(explore.drawn_nodes(network.load(SAMPLE), 5))
    assert data["meta"]["cut"]["of"] == 22 and len(data["hidden"]) == 17
    assert main(["explore", "--build", str(SAMPLE), "--max-nodes", "0", "--out", str(out)]) == 0
    assert "drawn:" not in capsys.readouterr().out
    assert len(page_json(out.read_text(encoding="utf-8"))["nodes"]) == 22


def test_the_command_default_is_the_page_default():
    from resograph.commands import explore as command

    assert command.MAX_NODES == explore.MAX_NODES


def test_explore_bad_input_is_one_line_and_status_2(tmp_path, capsys):
    assert main(["explore", "--build", str(SAMPLE), "--focus", "A/RES/51/2", "--out", str(tmp_path / "x.html")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no such instrument" in err[0] and "A/RES/51/1" in err[0]
    assert main(["explore", "--build", str(tmp_path / "nothing")]) == 2
    assert main(["explore", "--build", str(SAMPLE), "--depth", "-1"]) == 2
    assert main(["explore", "--build", str(SAMPLE), "--max-nodes", "-3"]) == 2
    assert not (tmp_path / "x.html").exists()


def test_isolated_registry_instruments_are_left_out_unless_asked(tmp_path, capsys):
    import rdflib
    g = rdflib.Graph().parse(SAMPLE)
    g.parse(data="""
        @prefix rg: <https://w3id.org/resograph/ontology#> .
        @prefix eli: <http://data.europa.eu/eli/ontology#> .
        @prefix dcterms: <http://purl.org/dc/terms/> .
        <https://w3id.org/resograph/id/convention/untoc-2000> a eli:LegalResource, rg:Treaty ;
            dcterms:identifier "convention:untoc-2000" ; dcterms:title "convention:untoc-2000" .
    """, format="turtle")
    src = tmp_path / "with-isolated.ttl"
    g.serialize(src, format="turtle")
    assert main(["explore", "--build", str(src), "--out", str(tmp_path / "a.html")]) == 0
    captured = capsys.readouterr()
    assert "(22 nodes" in captured.out and "1 of 23 instruments" in captured.out
    assert main(["explore", "--build", str(src), "--all", "--out", str(tmp_path / "b.html")]) == 0
    assert "(23 nodes" in capsys.readouterr().out


# ---------------------------------------------------------------- on the real build

@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build")
    if main(["build", str(ROOT / "data" / "sources"), "--out", str(out), "-q"]) != 0:
        pytest.fail("resograph build failed on data/sources")
    return out


def test_the_seed_build_shows_the_resolution_its_19_instruments_and_the_articles(built, capsys):
    assert main(["explore", "--build", str(built)]) == 0
    printed = capsys.readouterr().out
    page = built / "explorer.html"
    assert printed.startswith(f"{page}  (")
    data = page_json(page.read_text(encoding="utf-8"))
    gold = json.loads((ROOT / "tests" / "fixtures" / "GA-2025-93-RES-03.fr.gold.json").read_text(encoding="utf-8"))
    targets = {c["target"] for c in gold["citations"]}
    assert len(targets) == 19 and targets | {SEED} <= set(data["nodes"])
    cited = {e["to"] for e in data["edges"].values() if e["from"] == SEED and "cites" in e["relations"]}
    assert cited == targets
    for n in (37, 40, 41, 47):
        assert data["nodes"][f"{CONVENTION}/art_{n}"]["parent"] == CONVENTION
    # the resolution itself is drawn, with its 19 citations leaving it
    assert data["nodes"][SEED]["source"] is True


def test_docstring_examples_hold(monkeypatch):
    import doctest

    monkeypatch.chdir(ROOT)
    result = doctest.testmod(explore)
    assert result.attempted > 0 and result.failed == 0


def test_timeline_rows_find_the_first_free_run_of_rows_like_trying_each_row():
    rnd = random.Random(5)
    rows, ends = explore._Rows(400), []
    for _ in range(300):
        left, need = rnd.uniform(0, 1000), rnd.choice([1, 1, 1, 2, 4])
        expected = 0
        while not all(r >= len(ends) or ends[r] <= left for r in range(expected, expected + need)):
            expected += 1
        assert rows.first_free(left, need) == expected
        ends += [-math.inf] * (expected + need - len(ends))
        for r in range(expected, expected + need):
            ends[r] = left + rnd.uniform(10, 400)
            rows.set(r, ends[r])


def test_a_dense_timeline_widens_its_years_and_blocks_its_undated_instruments():
    """Hundreds of undated UN documents and dozens of instruments a year (the 10,000-doc build) must
    not make one tall thin column: the drawing stays wider than high, and nothing overlaps."""
    H = synthetic_network(2000, seed=4)
    for i, k in enumerate(sorted(H)[:300]):  # 300 undated instruments, spread over the lanes
        H.nodes[k].update(year=None, date=None, year_source=None)
    pos, axis = explore.timeline_positions(H)
    xs, ys = [x for x, _ in pos.values()], [y for _, y in pos.values()]
    assert max(xs) - min(xs) > max(ys) - min(ys)
    undated = [pos[k][0] for k in H if H.nodes[k]["year"] is None]
    dated = [pos[k][0] for k in H if H.nodes[k]["year"] is not None]
    assert max(undated) < min(dated) and len(set(undated)) > 5  # a block of columns, left of the years
    assert min(undated) <= axis["undated"] <= max(undated)
    assert len(set(pos.values())) == len(pos)


# ---------------------------------------------------------------- one focus selection for CLI and API

def test_api_explorer_html_with_a_focus_draws_what_the_cli_draws(tmp_path, capsys):
    import rdflib

    from resograph import api

    out = tmp_path / "cli.html"
    assert main(["explore", "--build", str(SAMPLE), "--focus", CONVENTION, "--out", str(out)]) == 0
    cli = page_json(out.read_text(encoding="utf-8"))
    page = page_json(api.explorer_html(rdflib.Graph().parse(SAMPLE), focus=CONVENTION))
    assert set(page["nodes"]) == set(cli["nodes"]) == {CONVENTION, SEED, "A/RES/79/243"} | {
        f"{CONVENTION}/art_{n}" for n in (37, 40, 41, 47)}
    assert page["meta"]["focus"] == CONVENTION
    deeper = page_json(api.explorer_html(network.load(SAMPLE), focus=CONVENTION, depth=2))
    assert len(deeper["nodes"]) > len(page["nodes"])


# ---------------------------------------------------------------- clusters, core, transitive reduction, titles

def test_the_page_carries_clusters_pagerank_and_core_numbers(G):
    from resograph.views import analysis

    data = explore.page_data(G)
    groups = analysis.clusters(G)
    assert {k: data["nodes"][k]["cluster"] for k in G} == {k: i for i, g in enumerate(groups) for k in g}
    legend = data["legend"]["clusters"]
    assert [c["code"] for c in legend] == list(range(len(groups)))   # 3 clusters: each its own colour
    assert [c["count"] for c in legend] == [len(g) for g in groups]
    assert data["nodes"][CONVENTION]["pagerank"] == round(dict(analysis.pagerank(G, None))[CONVENTION], 6)
    # the seed and the treaty with its articles: every article is linked to both (cites, part of)
    assert data["nodes"][SEED]["core"] == 2 and data["nodes"]["A/DEC/49/426"]["core"] == 1


def test_transitive_reduction_drops_a_link_that_a_longer_chain_implies(G):
    H = G.copy()
    # the seed cites 51/1, which cites 49/426: a direct seed → 49/426 link adds nothing to the timeline
    H.add_edge(SEED, "A/DEC/49/426", relation="cites", relations=["cites"], adopts=False, functions=[],
               citations=[], weight=1)
    data = explore.page_data(H)
    tr = {(e["from"], e["to"]): e["tr"] for e in data["edges"].values()}
    assert tr[(SEED, "A/DEC/49/426")] is False
    assert tr[(SEED, "A/RES/51/1")] is True and tr[("A/RES/51/1", "A/DEC/49/426")] is True
    assert sum(not v for v in tr.values()) == 1
    assert all(tr[(u, v)] for u, v in H.edges() if "part_of" in H.edges[u, v]["relations"])


def test_the_page_never_shows_a_key_as_title(G):
    data = explore.page_data(G)
    assert all(d["title"] != k for k, d in data["nodes"].items())
    assert data["nodes"]["A/RES/73/11"]["title"] is None
    assert data["nodes"]["agreement:un-interpol-1997"]["titleSource"] == "cited"
