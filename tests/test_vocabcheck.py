"""A build older than a named query says so instead of answering wrong rows.

A build made before ``rg:textCites`` existed answered ``citers`` with no chains at all. Every reader
of named queries (``resograph query``, the endpoint, the Python API) now asks which ResoGraph terms
the query reads that the build's ontology lacks, and stops with one line naming them."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from resograph import api
from resograph.cli import main
from resograph.core.errors import UserError
from resograph.query import sparql, vocabcheck
from resograph.query.server import create_app, source_for

import servers

ROOT = Path(__file__).resolve().parents[1]
TEXT_CITES = vocabcheck.RG + "textCites"



@pytest.fixture(scope="module")
def dumps(seed_build, tmp_path_factory):
    """The seed graph as N-Triples, whole and as an older build would have it (no rg:textCites:
    neither its declaration nor its triples)."""
    store = ox.Store.read_only(str((seed_build / "store").resolve()))
    lines = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).decode().splitlines()
    here = tmp_path_factory.mktemp("dumps")
    whole, old = here / "whole.nt", here / "old.nt"
    whole.write_text("\n".join(lines) + "\n", encoding="utf-8")
    kept = [line for line in lines if f"<{TEXT_CITES}>" not in line]
    assert len(kept) < len(lines)  # the seed cites, so it has text citations to lose
    old.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return whole, old


def test_the_terms_a_query_names():
    text = ("PREFIX r: <https://w3id.org/resograph/ontology#>\n# r:inComment\n"
            'SELECT * { ?a r:textCites ?b ; <https://w3id.org/resograph/ontology#keyRank> ?k ; '
            '<http://purl.org/dc/terms/title> "r:inString" }')
    assert vocabcheck.terms(text) == [vocabcheck.RG + "keyRank", TEXT_CITES]
    assert vocabcheck.terms("SELECT * { ?a <http://purl.org/dc/terms/title> ?t }") == []


def test_every_term_a_named_query_reads_is_in_the_ontology():
    ontology = Graph().parse(ROOT / "ontology" / "resograph.ttl")
    declared = {str(s) for s in ontology.subjects() if isinstance(s, URIRef)}
    for q in sparql.load_catalogue().values():
        assert set(vocabcheck.terms(q.text)) <= declared, q.name


def test_a_current_build_has_every_term_of_every_named_query(seed_build):
    graph = sparql.open_source(seed_build, "oxigraph")
    for q in sparql.load_catalogue().values():
        assert vocabcheck.missing(graph, q.text) == [], q.name


def test_an_older_build_is_named_as_such(dumps, capsys):
    whole, old = dumps
    assert main(["query", "citers", "--data", str(old)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "citers reads rg:textCites" in err and "resograph build" in err
    # the same file with the term: the query answers
    assert main(["query", "citers", "--data", str(whole), "-f", "csv"]) == 0
    assert "GA-2025-93-RES-03" in capsys.readouterr().out
    # a query that does not read the missing term runs on the old build
    assert main(["query", "most-cited", "--data", str(old), "-f", "csv"]) == 0
    capsys.readouterr()
    # SPARQL text typed by hand is the user's own: no check
    assert main(["query", f"SELECT * WHERE {{ ?a <{TEXT_CITES}> ?b }}", "--data", str(old), "-f", "csv"]) == 0
    with pytest.raises(UserError, match="rg:textCites"):
        api.query_df(sparql.open_source("build", "oxigraph", [str(old)]), "citers")


def test_a_graph_without_the_ontology_is_not_checked(tmp_path, capsys):
    data = tmp_path / "other.nt"
    data.write_text("<http://example.org/a> <http://data.europa.eu/eli/ontology#cites> <http://example.org/b> .\n",
                    encoding="utf-8")
    assert main(["query", "citers", "--param", "key=http://example.org/b", "--data", str(data), "-f", "csv"]) == 0


def test_the_endpoint_says_so_too(dumps):
    _, old = dumps
    running = servers.Running(create_app(source_for(data=[str(old)]), timeout=10.0, max_rows=100, workers=1),
                              timeout=60)
    try:
        r = running.client.get("/queries/citers")
        assert r.status_code == 409 and "citers reads rg:textCites" in r.text
        assert len(r.text.strip().splitlines()) == 1
        assert running.client.get("/queries/most-cited").status_code == 200
    finally:
        running.stop()
