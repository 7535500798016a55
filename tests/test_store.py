"""The embedded store: Oxigraph on disk under the build directory, opened read-only through rdflib;
the memory store stays selectable. Re-opening gives the same graph; readers and a new build do not
get in each other's way."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from resograph.graph.build import build
from resograph.core.errors import UserError
from resograph.core.paths import project_root
from resograph.graph.store import GENERATIONS, find_build, open_build, open_graph, store_path

SEED = project_root() / "data" / "sources" / "GA-2025-93-RES-03.fr.txt"
EN = Path(__file__).parent / "fixtures" / "dev02_interpol_en_uncoop.txt"
CITED = """PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?key WHERE { ?d dcterms:identifier "GA-2025-93-RES-03" ; eli:cites/dcterms:identifier ?key }"""


@pytest.fixture()
def out(tmp_path) -> Path:
    out = tmp_path / "build"
    assert build([SEED], out, quiet=True).published
    return out


def test_the_store_is_persisted_under_the_build_directory_and_reopens_the_same(out):
    nt = len(Graph().parse(out / "resograph.nt", format="nt"))
    assert store_path(out).is_symlink() and store_path(out).resolve().parent.name == GENERATIONS
    first = open_graph(out)
    assert len(first) == nt
    del first
    again = open_graph(out)
    assert len(again) == nt
    assert len(open_graph(out, "memory")) == nt


def test_sparql_through_rdflib_on_oxigraph_answers_like_the_memory_store(out):
    ox_rows = {str(r[0]) for r in open_graph(out).query(CITED)}
    mem_rows = {str(r[0]) for r in open_graph(out, "memory").query(CITED)}
    assert len(ox_rows) == 19
    assert ox_rows == mem_rows


def test_several_readers_at_once_including_another_process(out):
    a, b = open_graph(out), open_graph(out)
    code = (f"from resograph.graph.store import open_graph; print(len(open_graph({str(out)!r})))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert int(run.stdout) == len(a) == len(b)


def test_the_store_is_read_only_for_readers(out):
    g = open_graph(out)
    n = len(g)
    with pytest.raises(Exception):
        g.add((URIRef("urn:x"), URIRef("urn:y"), Literal("z")))
    assert len(open_graph(out)) == n


def test_a_new_build_swaps_the_store_under_an_open_reader(out):
    reader = open_graph(out)
    old = len(reader)
    assert build([SEED, EN], out, quiet=True).published
    new = len(Graph().parse(out / "resograph.nt", format="nt"))
    assert new > old
    assert len(reader) == old  # the reader keeps its generation
    assert len(open_graph(out)) == new
    for _ in range(2):
        assert build([SEED], out, quiet=True).published
    assert len(list((out / GENERATIONS).iterdir())) <= 2  # current and previous only


def test_memory_only_build_writes_no_store(tmp_path):
    out = tmp_path / "mem"
    assert build([SEED], out, store="memory", quiet=True).published
    assert not store_path(out).exists()
    nt = len(Graph().parse(out / "resograph.nt", format="nt"))
    assert len(open_graph(out, "memory")) == nt
    assert len(open_graph(out)) == nt  # no store: its dump file, parsed (find_build)
    assert find_build(out).files == (out / "resograph.nt",)


def test_opening_a_missing_build_is_a_user_error(tmp_path):
    with pytest.raises(UserError):
        open_graph(tmp_path / "nothing")
    with pytest.raises(UserError):
        open_graph(tmp_path / "nothing", "memory")
    with pytest.raises(UserError, match="unknown store"):
        open_graph(tmp_path, "sqlite")
    with pytest.raises(UserError, match="no store, no resograph.nt"):
        open_graph(tmp_path)  # a directory with no build in it


def test_a_store_directory_from_an_older_layout_is_replaced_by_the_link(tmp_path):
    import pyoxigraph as ox

    out = tmp_path / "build"
    (out / "store").mkdir(parents=True)
    old = ox.Store(str(out / "store"))
    old.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:b"), ox.Literal("c")))
    old.flush()
    del old
    assert build([SEED], out, quiet=True).published
    assert store_path(out).is_symlink()
    assert len(open_graph(out)) == len(Graph().parse(out / "resograph.nt", format="nt"))


# -- one way to open a build, for every reader (issue 14) ------------------------------------------

def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "resograph.cli", *args], capture_output=True,
                          text=True, timeout=300, cwd=project_root())


@pytest.fixture()
def store_only(tmp_path) -> Path:
    out = tmp_path / "store-only"
    run = cli("build", str(SEED), str(EN), "--out", str(out), "--formats", "none", "-q")
    assert run.returncode == 0, run.stderr
    assert not any((out / n).exists() for n in ("resograph.nt", "resograph.ttl", "resograph.jsonld"))
    return out


def test_stats_query_and_explore_read_a_store_only_build(store_only, tmp_path):
    stats = cli("stats", "--build", str(store_only), "--top", "3")
    assert stats.returncode == 0, stats.stderr
    assert "GA-2025-93-RES-03" in stats.stdout or "A/RES/51/1" in stats.stdout
    page = tmp_path / "explorer.html"
    explore = cli("explore", "--build", str(store_only), "--out", str(page))
    assert explore.returncode == 0, explore.stderr
    html = page.read_text(encoding="utf-8")
    assert "GA-2025-93-RES-03" in html and "GA-2025-93-RES-05" in html  # both documents drawn
    query = cli("query", "--build", str(store_only), "--format", "csv", CITED)
    assert query.returncode == 0, query.stderr
    assert "A/RES/51/1" in query.stdout


def test_every_reader_opens_a_build_the_same_way(store_only, out, tmp_path):
    from resograph.query.server import source_for
    from resograph.query.sparql import open_source
    from resograph.views.network import load_rdf

    for build_dir in (store_only, out):
        expected = len(open_build(build_dir))
        assert len(open_source(build_dir)) == len(load_rdf(build_dir)) == expected
        assert source_for(build_dir).store == str(store_path(build_dir).absolute())
    # the memory store reads a store-only build from its store
    assert len(open_build(store_only, "memory")) == len(open_build(store_only))
    # one RDF file: every reader parses it
    nt = out / "resograph.nt"
    assert len(open_source(nt)) == len(load_rdf(nt)) == len(Graph().parse(nt, format="nt"))
    assert source_for(nt).files == (str(nt.resolve()),)
    for reader in (open_build, open_source, load_rdf, source_for):
        with pytest.raises(UserError, match="no such build directory"):
            reader(tmp_path / "nowhere")
