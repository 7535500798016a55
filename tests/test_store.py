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
from resograph.graph.store import GENERATIONS, open_graph, store_path

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
    assert len(open_graph(out, "memory")) > 0
    with pytest.raises(UserError, match="no store"):
        open_graph(out)


def test_opening_a_missing_build_is_a_user_error(tmp_path):
    with pytest.raises(UserError):
        open_graph(tmp_path / "nothing")
    with pytest.raises(UserError):
        open_graph(tmp_path / "nothing", "memory")
    with pytest.raises(UserError, match="unknown store"):
        open_graph(tmp_path, "sqlite")


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
